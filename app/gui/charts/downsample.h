#pragma once

#include <QPointF>

#include <span>
#include <vector>

namespace eventscope::gui {

// Reduces a line to at most maxPoints points (at least 4) for drawing, keeping what the eye reads:
// the x range is cut into maxPoints / 4 equal columns and each column keeps its first, lowest,
// highest and last point, in their order (M4, as PlotJuggler and hotspot reduce before they draw).
// So every extreme survives, a spike one event wide included, and the line still starts and ends
// where it did. Points are expected in ascending x; when they are not (event times that step back),
// the columns are cut by index instead. A line already short enough comes back unchanged.
std::vector<QPointF> downsampleMinMax(std::span<const QPointF> points, int maxPoints);

} // namespace eventscope::gui
