#include "timelinescale.h"

#include <algorithm>
#include <cmath>

namespace eventscope::gui {

TimelineScale TimelineScale::overData(qint64 firstUs, qint64 lastUs, double widthPx)
{
    if (lastUs < firstUs)
        std::swap(firstUs, lastUs);
    TimelineScale scale;
    scale.widthPx = widthPx;
    if (lastUs - firstUs < minimumSpanUs) {
        firstUs = firstUs + (lastUs - firstUs) / 2 - minimumSpanUs / 2;
        lastUs = firstUs + minimumSpanUs;
    }
    scale.dataFromUs = scale.fromUs = firstUs;
    scale.dataToUs = scale.toUs = lastUs;
    return scale;
}

double TimelineScale::timeToX(qint64 timeUs) const
{
    // The difference first: epoch microseconds are exact in a double, but their products are not.
    return double(timeUs - fromUs) * widthPx / double(std::max<qint64>(spanUs(), 1));
}

qint64 TimelineScale::xToTime(double x) const
{
    return fromUs + std::llround(x * double(spanUs()) / std::max(widthPx, 1.0));
}

void TimelineScale::setWindow(qint64 from, qint64 to)
{
    if (to < from)
        std::swap(from, to);
    const qint64 dataSpan = std::max(dataSpanUs(), minimumSpanUs);
    // In double: a window from far before to far after the data must not overflow.
    const auto span = qint64(std::clamp(double(to) - double(from), double(minimumSpanUs), double(dataSpan)));
    from = std::clamp(from, dataFromUs, dataFromUs + dataSpan - span);
    fromUs = from;
    toUs = from + span;
}

void TimelineScale::zoomAround(double anchorX, double factor)
{
    if (!(factor > 0) || widthPx <= 0)
        return;
    const double fraction = anchorX / widthPx;
    const double anchorUs = double(fromUs) + fraction * double(spanUs());
    const qint64 dataSpan = std::max(dataSpanUs(), minimumSpanUs);
    const qint64 span = std::clamp<qint64>(std::llround(double(spanUs()) / factor), minimumSpanUs, dataSpan);
    const qint64 from = std::llround(anchorUs - fraction * double(span));
    setWindow(from, from + span);
}

void TimelineScale::pan(double dx)
{
    // Never further than the data is wide (setWindow stops at its edges anyway), so that a huge dx
    // cannot overflow.
    const double limit = double(std::max(dataSpanUs(), minimumSpanUs));
    const qint64 shift =
        std::llround(std::clamp(-dx * double(spanUs()) / std::max(widthPx, 1.0), -limit, limit));
    setWindow(fromUs + shift, toUs + shift);
}

std::vector<qint64> TimelineScale::binEdges(int count) const
{
    std::vector<qint64> edges;
    if (count <= 0)
        return edges;
    edges.reserve(size_t(count) + 1);
    // Computed as the stores compute their bins, so that an edge here is an edge there.
    const double width = double(spanUs()) / count;
    for (int i = 0; i < count; ++i)
        edges.push_back(fromUs + qint64(width * i));
    edges.push_back(toUs);
    return edges;
}

int TimelineScale::binAtX(double x, int count) const
{
    if (count <= 0 || widthPx <= 0)
        return 0;
    return std::clamp(int(std::floor(x / widthPx * count)), 0, count - 1);
}

TickStep TimelineScale::tickStep(const std::function<double(const TickStep&)>& minSpacingPx) const
{
    const auto& ladder = tickStepLadder();
    const double pxPerUs = widthPx / double(std::max<qint64>(spanUs(), 1));
    for (const TickStep& step : ladder) {
        if (double(step.approximateUs()) * pxPerUs >= minSpacingPx(step))
            return step;
    }
    return ladder.back();
}

std::vector<TimeTick> TimelineScale::ticks(const TickStep& step, double minMinorSpacingPx) const
{
    const std::vector<qint64> majors = tickTimes(step, fromUs, toUs);
    std::vector<TimeTick> result;
    result.reserve(majors.size());
    for (qint64 t : majors)
        result.push_back({t, true, tickLabel(t, step)});

    const std::optional<TickStep> minor = minorStepFor(step);
    const double pxPerUs = widthPx / double(std::max<qint64>(spanUs(), 1));
    if (!minor || double(minor->approximateUs()) * pxPerUs < minMinorSpacingPx)
        return result;
    for (qint64 t : tickTimes(*minor, fromUs, toUs)) {
        if (!std::binary_search(majors.begin(), majors.end(), t))
            result.push_back({t, false, {}});
    }
    std::sort(result.begin(), result.end(),
              [](const TimeTick& a, const TimeTick& b) { return a.timeUs < b.timeUs; });
    return result;
}

std::optional<size_t> nearestWithin(const std::vector<double>& sortedXs, double x, double tolerance)
{
    const auto it = std::lower_bound(sortedXs.begin(), sortedXs.end(), x);
    std::optional<size_t> best;
    double bestDistance = tolerance;
    const auto consider = [&](std::vector<double>::const_iterator candidate) {
        const double distance = std::abs(*candidate - x);
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = size_t(candidate - sortedXs.begin());
        }
    };
    if (it != sortedXs.begin())
        consider(std::prev(it));
    if (it != sortedXs.end())
        consider(it);
    return best;
}

} // namespace eventscope::gui
