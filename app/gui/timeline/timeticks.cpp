#include "timeticks.h"

#include <QDateTime>
#include <QLocale>

namespace eventscope::gui {
namespace {

constexpr qint64 msUs = 1000;
constexpr qint64 secondUs = 1000 * msUs;
constexpr qint64 minuteUs = 60 * secondUs;
constexpr qint64 hourUs = 60 * minuteUs;
constexpr qint64 dayUs = 24 * hourUs;
constexpr qint64 weekUs = 7 * dayUs;
// 1970-01-01 was a Thursday; weeks are aligned to the Monday after it.
constexpr qint64 weekOriginUs = 4 * dayUs;
// Enough for any window a 16k-pixel screen can show at a sensible step; a guard, not a limit.
constexpr qint64 maxTicks = 20000;

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

qint64 floorMod(qint64 a, qint64 b)
{
    return a - floorDiv(a, b) * b;
}

qint64 unitUs(TickUnit unit)
{
    switch (unit) {
    case TickUnit::Microsecond:
        return 1;
    case TickUnit::Millisecond:
        return msUs;
    case TickUnit::Second:
        return secondUs;
    case TickUnit::Minute:
        return minuteUs;
    case TickUnit::Hour:
        return hourUs;
    case TickUnit::Day:
        return dayUs;
    case TickUnit::Week:
        return weekUs;
    case TickUnit::Month:
        return 2'629'746 * secondUs; // 365.2425 / 12 days
    case TickUnit::Year:
        return 31'556'952 * secondUs;
    }
    return 1;
}

QDateTime utcDateTime(qint64 timeUs)
{
    return QDateTime::fromMSecsSinceEpoch(floorDiv(timeUs, msUs), Qt::UTC);
}

// Months since year 0, so that calendar steps align with plain integer arithmetic.
qint64 monthIndex(const QDate& date)
{
    return qint64(date.year()) * 12 + date.month() - 1;
}

qint64 startOfMonthUs(qint64 index)
{
    const QDate date(int(floorDiv(index, 12)), int(floorMod(index, 12)) + 1, 1);
    return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * msUs;
}

QString format(qint64 timeUs, const QString& pattern)
{
    return QLocale::c().toString(utcDateTime(timeUs), pattern);
}

QString formatSubSecond(qint64 timeUs, int digits)
{
    const qint64 fraction = floorMod(timeUs, secondUs);
    const qint64 shown = digits == 3 ? fraction / msUs : fraction;
    return format(timeUs, QStringLiteral("HH:mm:ss.")) %
           QStringLiteral("%1").arg(shown, digits, 10, QLatin1Char('0'));
}

bool isStartOfYear(qint64 timeUs)
{
    const QDateTime dt = utcDateTime(timeUs);
    return floorMod(timeUs, dayUs) == 0 && dt.date().month() == 1 && dt.date().day() == 1;
}

} // namespace

qint64 TickStep::approximateUs() const
{
    return unitUs(unit) * count;
}

const std::vector<TickStep>& tickStepLadder()
{
    static const std::vector<TickStep> ladder = [] {
        std::vector<TickStep> steps;
        const auto add = [&](TickUnit unit, std::initializer_list<int> counts) {
            for (int count : counts)
                steps.push_back({unit, count});
        };
        add(TickUnit::Microsecond, {10, 20, 50, 100, 200, 500});
        add(TickUnit::Millisecond, {1, 2, 5, 10, 20, 50, 100, 200, 500});
        add(TickUnit::Second, {1, 2, 5, 10, 15, 30});
        add(TickUnit::Minute, {1, 2, 5, 10, 15, 30});
        add(TickUnit::Hour, {1, 2, 3, 6, 12});
        add(TickUnit::Day, {1, 2});
        add(TickUnit::Week, {1});
        add(TickUnit::Month, {1, 2, 3, 6});
        add(TickUnit::Year, {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000});
        return steps;
    }();
    return ladder;
}

std::optional<TickStep> minorStepFor(const TickStep& step)
{
    using U = TickUnit;
    const int n = step.count;
    switch (step.unit) {
    case U::Microsecond:
        return n == 10 ? TickStep{U::Microsecond, 2}
                       : TickStep{U::Microsecond, n / (n == 20 || n == 200 ? 4 : 5)};
    case U::Millisecond:
        if (n == 1)
            return TickStep{U::Microsecond, 200};
        if (n == 2)
            return TickStep{U::Microsecond, 500};
        return TickStep{U::Millisecond, n == 5 ? 1 : n / (n == 20 || n == 200 ? 4 : 5)};
    case U::Second:
        if (n <= 2)
            return TickStep{U::Millisecond, n == 1 ? 200 : 500};
        return TickStep{U::Second, n == 5 ? 1 : n == 10 ? 2 : 5};
    case U::Minute:
        if (n <= 2)
            return TickStep{U::Second, n == 1 ? 10 : 30};
        return TickStep{U::Minute, n == 5 ? 1 : n == 10 ? 2 : 5};
    case U::Hour:
        if (n <= 3)
            return TickStep{U::Minute, n == 1 ? 10 : 30};
        return TickStep{U::Hour, n / 6 == 2 ? 2 : 1};
    case U::Day:
        return TickStep{U::Hour, n == 1 ? 3 : 6};
    case U::Week:
        return TickStep{U::Day, 1};
    case U::Month:
        return n == 1 ? TickStep{U::Day, 1} : TickStep{U::Month, 1};
    case U::Year:
        if (n == 1)
            return TickStep{U::Month, 1};
        if (n <= 5)
            return TickStep{U::Year, 1};
        return TickStep{U::Year, n / (n == 20 || n == 200 ? 4 : n == 1000 ? 10 : 5)};
    }
    return std::nullopt;
}

std::vector<qint64> tickTimes(const TickStep& step, qint64 fromUs, qint64 toUs)
{
    std::vector<qint64> times;
    if (toUs < fromUs || step.count <= 0 || (toUs - fromUs) / step.approximateUs() > maxTicks)
        return times;
    if (!step.isCalendar()) {
        const qint64 stepUs = step.approximateUs();
        const qint64 origin = step.unit == TickUnit::Week ? weekOriginUs : 0;
        for (qint64 t = floorDiv(fromUs - origin + stepUs - 1, stepUs) * stepUs + origin; t <= toUs;
             t += stepUs)
            times.push_back(t);
        return times;
    }
    const qint64 stepMonths = step.unit == TickUnit::Year ? 12 * qint64(step.count) : step.count;
    qint64 index = monthIndex(utcDateTime(fromUs).date());
    if (startOfMonthUs(index) < fromUs)
        ++index;
    index = floorDiv(index + stepMonths - 1, stepMonths) * stepMonths;
    for (qint64 t = startOfMonthUs(index); t <= toUs; index += stepMonths, t = startOfMonthUs(index))
        times.push_back(t);
    return times;
}

QString tickLabel(qint64 timeUs, const TickStep& step)
{
    const bool subDay = step.unit < TickUnit::Day;
    if (subDay && floorMod(timeUs, dayUs) == 0)
        return format(timeUs, QStringLiteral("MMM dd"));
    if (!subDay && step.unit != TickUnit::Year && isStartOfYear(timeUs))
        return format(timeUs, QStringLiteral("yyyy"));
    switch (step.unit) {
    case TickUnit::Microsecond:
        return formatSubSecond(timeUs, 6);
    case TickUnit::Millisecond:
        return formatSubSecond(timeUs, 3);
    case TickUnit::Second:
        return format(timeUs, QStringLiteral("HH:mm:ss"));
    case TickUnit::Minute:
    case TickUnit::Hour:
        return format(timeUs, QStringLiteral("HH:mm"));
    case TickUnit::Day:
    case TickUnit::Week:
        return format(timeUs, QStringLiteral("MMM dd"));
    case TickUnit::Month:
        return format(timeUs, QStringLiteral("MMM"));
    case TickUnit::Year:
        return format(timeUs, QStringLiteral("yyyy"));
    }
    return {};
}

QString widestTickLabel(const TickStep& step)
{
    // 2025-05-28 20:58:58.888888: wide digits and a wide month name, on no boundary.
    constexpr qint64 sampleUs = 1'748'465'938'888'888;
    return tickLabel(sampleUs, step);
}

QString tickContext(qint64 timeUs, const TickStep& step)
{
    if (step.unit < TickUnit::Day)
        return format(timeUs, QStringLiteral("yyyy-MM-dd"));
    if (step.unit < TickUnit::Year)
        return format(timeUs, QStringLiteral("yyyy"));
    return {};
}

QString formatTimelineTime(qint64 timeUs)
{
    const int digits = floorMod(timeUs, msUs) == 0 ? 3 : 6;
    return format(timeUs, QStringLiteral("yyyy-MM-dd ")) % formatSubSecond(timeUs, digits);
}

} // namespace eventscope::gui
