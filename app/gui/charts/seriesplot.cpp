#include "seriesplot.h"

#include "downsample.h"
#include "inspector/jsondisplay.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace eventscope::gui {
namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("eventscope::gui::SeriesPlot", text);
}

// A staircase through the points: the value holds until the next point, which adds a corner
// wherever it changes.
std::vector<QPointF> staircase(const std::vector<QPointF>& points)
{
    std::vector<QPointF> stairs;
    stairs.reserve(points.size() * 2);
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (i > 0 && points[i].y() != points[i - 1].y())
            stairs.emplace_back(points[i].x(), points[i - 1].y());
        stairs.push_back(points[i]);
    }
    return stairs;
}

// The series with the most points: the densest record of which position happened when.
const replay::ExpressionSeries* densest(const std::vector<replay::ExpressionSeries>& series)
{
    const replay::ExpressionSeries* best = nullptr;
    for (const auto& s : series) {
        if (!s.points.empty() && (!best || s.points.size() > best->points.size()))
            best = &s;
    }
    return best;
}

} // namespace

std::size_t SeriesPlot::drawnPoints() const
{
    std::size_t n = 0;
    for (const auto& run : runs)
        n += run.size();
    return n;
}

double chartX(const replay::SeriesPoint& point, ChartAxis axis)
{
    return axis == ChartAxis::Time ? double(point.timeUs) / 1000.0 : double(point.position);
}

std::optional<double> chartY(const json::Value& value)
{
    if (value.isNumber() && std::isfinite(value.toDouble()))
        return value.toDouble();
    if (value.isBool())
        return value.toBool() ? 1.0 : 0.0;
    return std::nullopt;
}

SeriesPlot makePlot(const replay::ExpressionSeries& series, ChartAxis axis, bool steps, int maxPoints,
                    int maxRuns)
{
    SeriesPlot plot;
    std::vector<std::vector<QPointF>> runs;
    std::vector<QPointF> current;
    auto closeRun = [&](std::optional<double> goneAtX) {
        if (current.empty())
            return;
        if (steps && goneAtX) // the value held until it went missing
            current.emplace_back(*goneAtX, current.back().y());
        runs.push_back(std::move(current));
        current.clear();
    };
    for (const replay::SeriesPoint& point : series.points) {
        const double x = chartX(point, axis);
        if (const std::optional<double> y = chartY(point.value)) {
            current.emplace_back(x, *y);
            ++plot.numericPoints;
            continue;
        }
        if (!point.value.isNull()) {
            if (plot.otherPoints++ == 0)
                plot.firstOther = point.value;
        }
        closeRun(x);
    }
    closeRun(std::nullopt);
    if (int(runs.size()) > maxRuns) {
        std::vector<QPointF> joined;
        for (const auto& run : runs)
            joined.insert(joined.end(), run.begin(), run.end());
        runs = {std::move(joined)};
    }

    std::size_t total = 0;
    for (const auto& run : runs)
        total += run.size();
    // A staircase doubles the points at most: reduce to half the budget first.
    const double budget = steps ? maxPoints / 2.0 : double(maxPoints);
    for (const auto& run : runs) {
        const int share = std::max(4, int(budget * double(run.size()) / double(total)));
        std::vector<QPointF> reduced = downsampleMinMax(run, share);
        plot.runs.push_back(steps ? staircase(reduced) : std::move(reduced));
    }
    return plot;
}

std::optional<qint64> nearestPosition(const std::vector<replay::ExpressionSeries>& series, ChartAxis axis,
                                      double x)
{
    std::optional<qint64> best;
    double bestDistance = 0;
    for (const replay::ExpressionSeries& s : series) {
        const auto& points = s.points;
        if (points.empty())
            continue;
        const auto it =
            std::lower_bound(points.begin(), points.end(), x,
                             [axis](const replay::SeriesPoint& p, double v) { return chartX(p, axis) < v; });
        for (auto candidate : {it, it == points.begin() ? it : std::prev(it)}) {
            if (candidate == points.end())
                continue;
            const double distance = std::abs(chartX(*candidate, axis) - x);
            if (!best || distance < bestDistance) {
                best = candidate->position;
                bestDistance = distance;
            }
        }
    }
    return best;
}

std::optional<double> interpolatedTimeMs(const std::vector<replay::ExpressionSeries>& series, qint64 position)
{
    const replay::ExpressionSeries* s = densest(series);
    if (!s)
        return std::nullopt;
    const auto& points = s->points;
    const auto after =
        std::upper_bound(points.begin(), points.end(), position,
                         [](qint64 p, const replay::SeriesPoint& point) { return p < point.position; });
    if (after == points.begin())
        return chartX(points.front(), ChartAxis::Time);
    if (after == points.end())
        return chartX(points.back(), ChartAxis::Time);
    const replay::SeriesPoint& before = *std::prev(after);
    const double fraction = double(position - before.position) / double(after->position - before.position);
    return (double(before.timeUs) + fraction * double(after->timeUs - before.timeUs)) / 1000.0;
}

QString seriesProblem(const replay::ExpressionSeries& series, const SeriesPlot& plot)
{
    const QLocale locale;
    if (!series.compiled)
        return series.error;
    const qint64 count = qint64(series.points.size());
    if (series.failedPoints > 0 && series.failedPoints == count)
        return tr("%1 (at every point)").arg(series.error);
    if (series.failedPoints > 0) {
        QString text = tr("%1 at #%2").arg(series.error, locale.toString(series.errorPosition));
        if (series.failedPoints == 2)
            text += tr(" and 1 more point");
        else if (series.failedPoints > 2)
            text += tr(" and %1 more points").arg(locale.toString(series.failedPoints - 1));
        if (series.error.contains(QLatin1String("Cannot read property")))
            text += tr(" — write ?. to read a member that is not there yet, as in s[\"sku-7\"]?.stock");
        return text;
    }
    if (plot.numericPoints == 0 && plot.otherPoints > 0) {
        if (plot.firstOther.isObject())
            return tr("Gives objects, not numbers: chart one of their members");
        if (plot.firstOther.isArray())
            return tr("Gives arrays, not numbers: chart their .length or one element");
        return tr("Gives text, not numbers (%1)").arg(jsondisplay::summary(plot.firstOther, 40));
    }
    if (plot.numericPoints == 0 && count > 0)
        return tr("No value at any point: the expression is undefined or null throughout");
    return {};
}

} // namespace eventscope::gui
