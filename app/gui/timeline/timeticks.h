#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace eventscope::gui {

// The unit of a time-axis step. Steps up to weeks have a fixed length; months and years follow
// the calendar (UTC), so their ticks fall on the 1st of a month rather than every 30.4 days.
enum class TickUnit
{
    Microsecond,
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year
};

struct TickStep
{
    TickUnit unit = TickUnit::Second;
    int count = 1;

    bool isCalendar() const { return unit == TickUnit::Month || unit == TickUnit::Year; }
    // The length in microseconds; for months and years an average, good for choosing a step only.
    qint64 approximateUs() const;
    bool operator==(const TickStep&) const = default;
};

struct TimeTick
{
    qint64 timeUs = 0;
    bool major = true; // major ticks carry a label, minor ones only a short mark
    QString label;
};

// The steps a time axis may use, finest first: 10 µs ... 500 ms, 1/2/5/10/15/30 s and min,
// 1/2/3/6/12 h, 1/2 days, a week, 1/2/3/6 months, 1/2/5/10/... years.
const std::vector<TickStep>& tickStepLadder();

// The finer step that subdivides `step` (a 1 h axis gets 10 min minor ticks), or nullopt for the
// finest step.
std::optional<TickStep> minorStepFor(const TickStep& step);

// Tick times of `step` inside [fromUs, toUs], aligned to the step in UTC (weeks start on Monday).
std::vector<qint64> tickTimes(const TickStep& step, qint64 fromUs, qint64 toUs);

// The label of a tick, formatted for the step: "09:15:30.250", "09:15:30", "09:15", "Mar 01",
// "Mar", "2025". A tick on a day boundary of a sub-day axis reads as the day ("Mar 02"), and one
// on a year boundary of a day-to-month axis as the year, so the reader never loses the date.
QString tickLabel(qint64 timeUs, const TickStep& step);

// A label as wide as any tickLabel() of the step, for measuring how much room labels need.
QString widestTickLabel(const TickStep& step);

// What the tick labels leave out, for one caption of the visible window: the date under a sub-day
// axis ("2025-03-01"), the year under a day-to-month axis ("2025"), nothing under a year axis.
QString tickContext(qint64 timeUs, const TickStep& step);

// A point in time as the timeline's readouts and tooltips show it: "2025-03-01 09:15:30.250"
// (UTC, milliseconds; microseconds only when they are not zero).
QString formatTimelineTime(qint64 timeUs);

} // namespace eventscope::gui
