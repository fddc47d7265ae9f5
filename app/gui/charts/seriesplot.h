#pragma once

#include "replay/replayservice.h"

#include <QPointF>
#include <QString>

#include <optional>
#include <vector>

namespace eventscope::gui {

// What the horizontal axis measures.
enum class ChartAxis
{
    Time,    // x = milliseconds since the epoch (UTC)
    Position // x = the event's position
};

// One expression's series made drawable: numbers (and booleans as 0 and 1) as points, split into
// runs where the value is missing, each run reduced to its share of a point budget.
struct SeriesPlot
{
    std::vector<std::vector<QPointF>> runs;
    qint64 numericPoints = 0; // before reduction
    qint64 otherPoints = 0;   // strings, objects and arrays: nothing to draw
    json::Value firstOther;   // one of them, to tell the user what the expression gives
    std::size_t drawnPoints() const;
};

// The budget is for the whole series. `steps`: the value holds until the next point (a series of
// changes), so each run is drawn as a staircase and ends where its value went missing; otherwise
// points are joined directly (samples). More than maxRuns gaps are not drawn as gaps: the line is
// joined across them rather than split into thousands of pieces.
SeriesPlot makePlot(const replay::ExpressionSeries& series, ChartAxis axis, bool steps, int maxPoints,
                    int maxRuns = 256);

double chartX(const replay::SeriesPoint& point, ChartAxis axis);
// Numbers as they are, booleans as 0 and 1; nothing for the rest.
std::optional<double> chartY(const json::Value& value);

// The position of the point nearest to x across all series (by x; positions and, as good as always,
// times ascend within a series), or nothing when there are no points.
std::optional<qint64> nearestPosition(const std::vector<replay::ExpressionSeries>& series, ChartAxis axis,
                                      double x);

// Where the playhead belongs in time when only the series are known: the time of the last point at
// or before the position, interpolated towards the next one. Nothing when no series has points.
std::optional<double> interpolatedTimeMs(const std::vector<replay::ExpressionSeries>& series,
                                         qint64 position);

// What is wrong with a series, in a sentence for the user; empty when nothing is. `plot` tells
// whether it gave anything drawable.
QString seriesProblem(const replay::ExpressionSeries& series, const SeriesPlot& plot);

} // namespace eventscope::gui
