#pragma once

#include <QColor>

class QChart;
class QPalette;

namespace eventscope::gui::chartcolors {

// The colour of the index-th series: a qualitative set (Tableau 10) whose hues stay apart from one
// another, blue last so that the first lines are not taken for the playhead; lifted a little on dark
// bases so that lines keep their contrast.
QColor series(int index, const QPalette& palette);

// Dresses a chart in the palette instead of a Qt Charts theme: Base behind it, Text for labels, quiet
// grid lines, no rounded frame, no drop shadow. Call again when the palette changes.
void apply(QChart* chart, const QPalette& palette);

// The playhead: the palette's highlight, as on the timeline.
QColor playhead(const QPalette& palette);

} // namespace eventscope::gui::chartcolors
