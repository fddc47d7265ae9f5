#include "downsample.h"

#include <algorithm>
#include <array>

namespace eventscope::gui {

std::vector<QPointF> downsampleMinMax(std::span<const QPointF> points, int maxPoints)
{
    maxPoints = std::max(maxPoints, 4);
    if (points.size() <= std::size_t(maxPoints))
        return {points.begin(), points.end()};

    const std::size_t columns = std::size_t(maxPoints / 4);
    const bool ascending = std::is_sorted(points.begin(), points.end(),
                                          [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    const double x0 = points.front().x();
    const double width = points.back().x() - x0;
    const bool byX = ascending && width > 0;
    auto columnOf = [&](std::size_t i) {
        const double fraction = byX ? (points[i].x() - x0) / width : double(i) / double(points.size());
        return std::min(columns - 1, std::size_t(fraction * double(columns)));
    };

    std::vector<QPointF> reduced;
    reduced.reserve(columns * 4);
    std::size_t i = 0;
    while (i < points.size()) {
        const std::size_t column = columnOf(i);
        std::size_t first = i, low = i, high = i, last = i;
        for (++i; i < points.size() && columnOf(i) == column; ++i) {
            last = i;
            if (points[i].y() < points[low].y())
                low = i;
            if (points[i].y() > points[high].y())
                high = i;
        }
        std::array<std::size_t, 4> kept{first, low, high, last};
        std::sort(kept.begin(), kept.end());
        const auto end = std::unique(kept.begin(), kept.end());
        for (auto it = kept.begin(); it != end; ++it)
            reduced.push_back(points[*it]);
    }
    return reduced;
}

} // namespace eventscope::gui
