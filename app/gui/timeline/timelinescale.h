#pragma once

#include "timeticks.h"

#include <QtGlobal>

#include <functional>
#include <optional>
#include <vector>

namespace eventscope::gui {

// The maths of the timeline, kept free of any widget so that it can be tested on its own: a
// visible time window mapped onto a pixel width, inside a data range that zoom and pan stay in.
// x is measured from the left edge of the plotted area.
struct TimelineScale
{
    // Below a millisecond the histogram would show single events as wide slabs; no use zooming.
    static constexpr qint64 minimumSpanUs = 1000;

    qint64 dataFromUs = 0;
    qint64 dataToUs = minimumSpanUs;
    qint64 fromUs = 0;
    qint64 toUs = minimumSpanUs;
    double widthPx = 1;

    // A scale showing all of [firstUs, lastUs]; a range shorter than minimumSpanUs (one event,
    // or all at one instant) is widened around its middle.
    static TimelineScale overData(qint64 firstUs, qint64 lastUs, double widthPx);

    qint64 spanUs() const { return toUs - fromUs; }
    qint64 dataSpanUs() const { return dataToUs - dataFromUs; }
    bool isZoomed() const { return fromUs != dataFromUs || toUs != dataToUs; }

    double timeToX(qint64 timeUs) const;
    qint64 xToTime(double x) const;

    // Shows [from, to], kept within the data range and at least minimumSpanUs wide.
    void setWindow(qint64 from, qint64 to);
    void resetZoom() { setWindow(dataFromUs, dataToUs); }
    // factor > 1 zooms in (the span shrinks by it), < 1 zooms out; the time under anchorX stays
    // under it unless the window hits the edge of the data.
    void zoomAround(double anchorX, double factor);
    // Moves the content dx pixels to the right (the window moves back in time), as a drag does.
    void pan(double dx);

    // count + 1 edges from fromUs to toUs: bin i is [edges[i], edges[i + 1]).
    std::vector<qint64> binEdges(int count) const;
    // The bin of `count` equal bins that x falls in, clamped to [0, count - 1].
    int binAtX(double x, int count) const;

    // The finest ladder step whose ticks are at least minSpacingPx(step) apart.
    TickStep tickStep(const std::function<double(const TickStep&)>& minSpacingPx) const;
    TickStep tickStep(double minSpacingPx) const
    {
        return tickStep([minSpacingPx](const TickStep&) { return minSpacingPx; });
    }
    // Labelled ticks of `step` and, when they are at least minMinorSpacingPx apart, unlabelled
    // minor ticks between them; in time order.
    std::vector<TimeTick> ticks(const TickStep& step, double minMinorSpacingPx = 5) const;
};

// Hit-testing over sorted x positions (markers, events): the index of the one nearest to x within
// tolerance, found with lower_bound so that thousands of candidates cost nothing per mouse move.
std::optional<size_t> nearestWithin(const std::vector<double>& sortedXs, double x, double tolerance);

} // namespace eventscope::gui
