#pragma once

#include "timelinemarker.h"

#include <QColor>

class QPalette;

namespace eventscope::gui {

// The timeline's colours, derived from the palette (Base, Text, Highlight, Mid) so that it sits
// right in light and dark themes: quiet greys for structure, a muted tint for the data, the full
// highlight only for the playhead.
struct TimelineColors
{
    explicit TimelineColors(const QPalette& palette);

    QColor base;        // background
    QColor text;        // the date caption
    QColor mutedText;   // tick labels, lane names
    QColor placeholder; // "No events"
    QColor grid;        // faint lines behind the data
    QColor axis;        // the axis line and tick marks
    QColor histogram;
    QColor histogramBehindMatches; // the density while a filter's matches are drawn over it
    QColor match;
    QColor lane;
    QColor plate; // behind labels drawn over data
    QColor range;
    QColor rangeEdge;
    QColor playhead;
    bool dark = false;

    QColor marker(TimelineMarker::Kind kind) const;

    // a blended towards b by t (0 = a, 1 = b).
    static QColor mix(const QColor& a, const QColor& b, double t);
};

} // namespace eventscope::gui
