// The timeline's maths without a widget: time <-> x, zoom and pan with their clamps, tick steps
// and labels from milliseconds to years, bins and hit-testing.
#include "memorystore.h"
#include "timeline/densitycache.h"
#include "timeline/timelinescale.h"
#include "timeline/timeticks.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace eventscope;
using namespace eventscope::gui;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 msUs = 1000;
constexpr qint64 secondUs = 1000 * msUs;
constexpr qint64 minuteUs = 60 * secondUs;
constexpr qint64 hourUs = 60 * minuteUs;
constexpr qint64 dayUs = 24 * hourUs;
constexpr qint64 yearUs = 365 * dayUs;
// 2025-03-01T09:15:30.245Z, a Saturday.
constexpr qint64 originUs = 1'740'820'530'245'000;

TimelineScale scaleOver(qint64 fromUs, qint64 spanUs, double width)
{
    return TimelineScale::overData(fromUs, fromUs + spanUs, width);
}

} // namespace

Q_DECLARE_METATYPE(eventscope::gui::TickUnit)

class TestTimelineScale : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<qint64>("spanUs");
        QTest::addColumn<double>("width");
        QTest::addRow("10 ms over 1600 px") << 10 * msUs << 1600.0;
        QTest::addRow("1 h over 1600 px") << hourUs << 1600.0;
        QTest::addRow("3 years over 1600 px") << 3 * yearUs << 1600.0;
        QTest::addRow("1 day over 37 px") << dayUs << 37.0;
        QTest::addRow("1 ms over 4000 px") << msUs << 4000.0;
    }
    void roundTrip()
    {
        QFETCH(qint64, spanUs);
        QFETCH(double, width);
        const TimelineScale scale = scaleOver(originUs, spanUs, width);
        const double usPerPx = double(spanUs) / width;
        for (double x : {0.0, 0.5, 1.0, width / 3, width / 2, width - 1, width}) {
            QVERIFY2(std::abs(scale.timeToX(scale.xToTime(x)) - x) <= 1.0 / usPerPx + 1e-9,
                     qPrintable(QString::number(x)));
        }
        for (qint64 t : {originUs, originUs + spanUs / 7, originUs + spanUs / 2, originUs + spanUs}) {
            const qint64 back = scale.xToTime(scale.timeToX(t));
            QVERIFY2(std::abs(back - t) <= 1, qPrintable(QString::number(back - t)));
        }
        QCOMPARE(scale.timeToX(originUs), 0.0);
        QCOMPARE(scale.timeToX(originUs + spanUs), width);
        QCOMPARE(scale.xToTime(0), originUs);
        QCOMPARE(scale.xToTime(width), originUs + spanUs);
    }

    void overDataWidensShortRanges()
    {
        const TimelineScale single = TimelineScale::overData(originUs, originUs, 800);
        QCOMPARE(single.spanUs(), TimelineScale::minimumSpanUs);
        QVERIFY(single.fromUs <= originUs && single.toUs >= originUs);
        const TimelineScale swapped = TimelineScale::overData(originUs + hourUs, originUs, 800);
        QCOMPARE(swapped.fromUs, originUs);
        QCOMPARE(swapped.toUs, originUs + hourUs);
        QVERIFY(!swapped.isZoomed());
    }

    void zoomAroundKeepsAnchor_data()
    {
        QTest::addColumn<double>("anchorX");
        QTest::addColumn<double>("factor");
        QTest::addRow("centre, in x2") << 800.0 << 2.0;
        QTest::addRow("left third, in x10") << 533.0 << 10.0;
        QTest::addRow("near the right, in x1.19") << 1500.0 << 1.19;
        QTest::addRow("quarter, in x1000") << 400.0 << 1000.0;
        QTest::addRow("quarter, in then out") << 400.0 << -4.0; // negative: zoom in 4, then out 4
    }
    void zoomAroundKeepsAnchor()
    {
        QFETCH(double, anchorX);
        QFETCH(double, factor);
        TimelineScale scale = scaleOver(originUs, 7 * dayUs, 1600);
        if (factor < 0) { // zoom in first so that zooming out has room within the data
            scale.zoomAround(anchorX, -factor);
            factor = 1 / -factor;
        }
        const qint64 anchorUs = scale.xToTime(anchorX);
        const qint64 spanBefore = scale.spanUs();
        scale.zoomAround(anchorX, factor);
        QVERIFY2(std::abs(scale.xToTime(anchorX) - anchorUs) <= scale.spanUs() / 1600 + 1,
                 qPrintable(QString::number(scale.xToTime(anchorX) - anchorUs)));
        QVERIFY(std::abs(double(spanBefore) / double(scale.spanUs()) - factor) < 0.001 * factor);
        QVERIFY(scale.fromUs >= scale.dataFromUs && scale.toUs <= scale.dataToUs);
    }

    void zoomClamps()
    {
        TimelineScale scale = scaleOver(originUs, dayUs, 1000);
        scale.zoomAround(500, 1e12);
        QCOMPARE(scale.spanUs(), TimelineScale::minimumSpanUs);
        QVERIFY(scale.isZoomed());
        scale.zoomAround(500, 1e-12);
        QCOMPARE(scale.fromUs, scale.dataFromUs);
        QCOMPARE(scale.toUs, scale.dataToUs);
        QVERIFY(!scale.isZoomed());

        // Zooming out near an edge slides the window back into the data rather than past it.
        scale.setWindow(originUs, originUs + dayUs / 8);
        scale.zoomAround(900, 0.25);
        QCOMPARE(scale.fromUs, scale.dataFromUs);
        QCOMPARE(scale.spanUs(), dayUs / 2);

        // No-op for nonsense factors.
        const TimelineScale before = scale;
        scale.zoomAround(10, 0);
        scale.zoomAround(10, -2);
        QCOMPARE(scale.fromUs, before.fromUs);
        QCOMPARE(scale.toUs, before.toUs);
    }

    void setWindowClamps_data()
    {
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<qint64>("expectedFrom");
        QTest::addColumn<qint64>("expectedTo");
        const qint64 o = originUs;
        QTest::addRow("inside") << o + hourUs << o + 2 * hourUs << o + hourUs << o + 2 * hourUs;
        QTest::addRow("before the data") << o - 5 * hourUs << o - 4 * hourUs << o << o + hourUs;
        QTest::addRow("after the data") << o + 30 * hourUs << o + 31 * hourUs << o + 23 * hourUs << o + dayUs;
        QTest::addRow("wider than the data") << o - dayUs << o + 2 * dayUs << o << o + dayUs;
        QTest::addRow("reversed") << o + 2 * hourUs << o + hourUs << o + hourUs << o + 2 * hourUs;
        QTest::addRow("narrower than 1 ms")
            << o + hourUs << o + hourUs + 10 << o + hourUs << o + hourUs + msUs;
    }
    void setWindowClamps()
    {
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(qint64, expectedFrom);
        QFETCH(qint64, expectedTo);
        TimelineScale scale = scaleOver(originUs, dayUs, 1000);
        scale.setWindow(from, to);
        QCOMPARE(scale.fromUs, expectedFrom);
        QCOMPARE(scale.toUs, expectedTo);
    }

    void pan()
    {
        TimelineScale scale = scaleOver(originUs, dayUs, 1000);
        scale.setWindow(originUs + 10 * hourUs, originUs + 12 * hourUs);
        // Dragging the content 100 px to the right shows what was 100 px to the left.
        const qint64 timeAt200 = scale.xToTime(200);
        scale.pan(100);
        QCOMPARE(scale.xToTime(300), timeAt200);
        QCOMPARE(scale.spanUs(), 2 * hourUs);
        scale.pan(-250);
        QCOMPARE(scale.fromUs, originUs + 10 * hourUs + 2 * hourUs * 150 / 1000);
        // Past the edges the window stops, keeping its span.
        scale.pan(1e9);
        QCOMPARE(scale.fromUs, originUs);
        QCOMPARE(scale.spanUs(), 2 * hourUs);
        scale.pan(-1e9);
        QCOMPARE(scale.toUs, originUs + dayUs);
        QCOMPARE(scale.spanUs(), 2 * hourUs);
        // Absurd inputs stay within the data instead of overflowing.
        scale.pan(1e300);
        QCOMPARE(scale.fromUs, originUs);
        scale.setWindow(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
        QVERIFY(!scale.isZoomed());
    }

    void tickSteps_data()
    {
        QTest::addColumn<qint64>("fromUs");
        QTest::addColumn<qint64>("spanUs");
        QTest::addColumn<TickUnit>("unit");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("firstLabel");
        QTest::addColumn<QString>("alsoLabel"); // a later label, often a promoted boundary
        QTest::addColumn<QString>("context");
        const qint64 o = originUs;
        // 1600 px with ticks at least 100 px apart: steps of at least span / 16.
        QTest::addRow("10 ms") << o << 10 * msUs << TickUnit::Millisecond << 1 << u"09:15:30.245"_s
                               << u"09:15:30.250"_s << u"2025-03-01"_s;
        QTest::addRow("1 s") << o << secondUs << TickUnit::Millisecond << 100 << u"09:15:30.300"_s
                             << u"09:15:31.000"_s << u"2025-03-01"_s;
        QTest::addRow("1 min") << o << minuteUs << TickUnit::Second << 5 << u"09:15:35"_s << u"09:16:00"_s
                               << u"2025-03-01"_s;
        QTest::addRow("1 h") << o << hourUs << TickUnit::Minute << 5 << u"09:20"_s << u"10:00"_s
                             << u"2025-03-01"_s;
        QTest::addRow("1 day") << o << dayUs << TickUnit::Hour << 2 << u"10:00"_s << u"Mar 02"_s
                               << u"2025-03-01"_s;
        QTest::addRow("1 week") << o << 7 * dayUs << TickUnit::Hour << 12 << u"12:00"_s << u"Mar 05"_s
                                << u"2025-03-01"_s;
        QTest::addRow("90 days") << o << 90 * dayUs << TickUnit::Week << 1 << u"Mar 03"_s << u"Apr 28"_s
                                 << u"2025"_s;
        QTest::addRow("1 year") << o << yearUs << TickUnit::Month << 1 << u"Apr"_s << u"2026"_s << u"2025"_s;
        QTest::addRow("3 years") << o << 3 * yearUs << TickUnit::Month << 3 << u"Apr"_s << u"2026"_s
                                 << u"2025"_s;
        QTest::addRow("30 years") << o << 30 * yearUs << TickUnit::Year << 2 << u"2026"_s << u"2040"_s
                                  << QString();
        QTest::addRow("across midnight, 2 min")
            << o + 14 * hourUs + 43 * minuteUs << 2 * minuteUs << TickUnit::Second << 10 << u"23:58:40"_s
            << u"Mar 02"_s << u"2025-03-01"_s;
    }
    void tickSteps()
    {
        QFETCH(qint64, fromUs);
        QFETCH(qint64, spanUs);
        QFETCH(TickUnit, unit);
        QFETCH(int, count);
        QFETCH(QString, firstLabel);
        QFETCH(QString, alsoLabel);
        QFETCH(QString, context);
        const TimelineScale scale = scaleOver(fromUs, spanUs, 1600);
        const TickStep step = scale.tickStep(100);
        QCOMPARE(int(step.unit), int(unit));
        QCOMPARE(step.count, count);

        const std::vector<TimeTick> ticks = scale.ticks(step);
        std::vector<TimeTick> majors;
        std::copy_if(ticks.begin(), ticks.end(), std::back_inserter(majors),
                     [](const TimeTick& t) { return t.major; });
        QVERIFY(majors.size() >= 2);
        QVERIFY(majors.size() <= 17);
        QCOMPARE(majors.front().label, firstLabel);
        QStringList labels;
        for (const TimeTick& tick : majors)
            labels << tick.label;
        QVERIFY2(labels.contains(alsoLabel), qPrintable(labels.join(u',')));
        QCOMPARE(tickContext(scale.fromUs, step), context);

        // In order, inside the window, labelled ticks no closer than asked for.
        QVERIFY(std::is_sorted(ticks.begin(), ticks.end(),
                               [](const TimeTick& a, const TimeTick& b) { return a.timeUs < b.timeUs; }));
        QVERIFY(ticks.front().timeUs >= scale.fromUs && ticks.back().timeUs <= scale.toUs);
        for (size_t i = 1; i < majors.size(); ++i)
            QVERIFY(scale.timeToX(majors[i].timeUs) - scale.timeToX(majors[i - 1].timeUs) >= 100 * 0.9);
        for (const TimeTick& tick : ticks)
            QCOMPARE(tick.label.isEmpty(), !tick.major);
    }

    void tickStepUsesLabelWidth()
    {
        // A wider label for seconds than for minutes pushes a 2-minute window from 10 s to 15 s.
        const TimelineScale scale = scaleOver(originUs, 2 * minuteUs, 1600);
        QCOMPARE(scale.tickStep(100).count, 10);
        const TickStep step =
            scale.tickStep([](const TickStep& s) { return s.unit == TickUnit::Second ? 150.0 : 100.0; });
        QCOMPARE(int(step.unit), int(TickUnit::Second));
        QCOMPARE(step.count, 15);
    }

    void tickLabels_data()
    {
        QTest::addColumn<qint64>("timeUs");
        QTest::addColumn<TickUnit>("unit");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("label");
        const qint64 march1 = originUs - (9 * hourUs + 15 * minuteUs + 30 * secondUs + 245 * msUs);
        QTest::addRow("microseconds") << march1 + 9 * hourUs + 15 * minuteUs + 30 * secondUs + 250'500
                                      << TickUnit::Microsecond << 100 << u"09:15:30.250500"_s;
        QTest::addRow("milliseconds") << march1 + 9 * hourUs + 15 * minuteUs + 30 * secondUs + 250 * msUs
                                      << TickUnit::Millisecond << 50 << u"09:15:30.250"_s;
        QTest::addRow("seconds") << march1 + 9 * hourUs + 15 * minuteUs + 30 * secondUs << TickUnit::Second
                                 << 5 << u"09:15:30"_s;
        QTest::addRow("minutes") << march1 + 9 * hourUs + 15 * minuteUs << TickUnit::Minute << 15
                                 << u"09:15"_s;
        QTest::addRow("hours") << march1 + 18 * hourUs << TickUnit::Hour << 6 << u"18:00"_s;
        QTest::addRow("midnight of a sub-day axis")
            << march1 + dayUs << TickUnit::Minute << 30 << u"Mar 02"_s;
        QTest::addRow("days") << march1 << TickUnit::Day << 1 << u"Mar 01"_s;
        QTest::addRow("months") << march1 << TickUnit::Month << 1 << u"Mar"_s;
        QTest::addRow("new year of a month axis")
            << march1 + 306 * dayUs << TickUnit::Month << 1 << u"2026"_s;
        QTest::addRow("years") << march1 - 59 * dayUs << TickUnit::Year << 1 << u"2025"_s;
        QTest::addRow("before the epoch") << -dayUs + 6 * hourUs << TickUnit::Hour << 6 << u"06:00"_s;
    }
    void tickLabels()
    {
        QFETCH(qint64, timeUs);
        QFETCH(TickUnit, unit);
        QFETCH(int, count);
        QFETCH(QString, label);
        QCOMPARE(tickLabel(timeUs, {unit, count}), label);
    }

    void tickAlignment()
    {
        const qint64 from = originUs;
        for (qint64 t : tickTimes({TickUnit::Week, 1}, from, from + 60 * dayUs))
            QCOMPARE(QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC).date().dayOfWeek(), 1); // Monday
        for (qint64 t : tickTimes({TickUnit::Month, 1}, from, from + yearUs)) {
            const QDateTime dt = QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC);
            QCOMPARE(dt.date().day(), 1);
            QCOMPARE(dt.time(), QTime(0, 0));
        }
        for (qint64 t : tickTimes({TickUnit::Year, 5}, from, from + 40 * yearUs))
            QCOMPARE(QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC).date().year() % 5, 0);
        const std::vector<qint64> quarters = tickTimes({TickUnit::Minute, 15}, from, from + hourUs);
        QCOMPARE(quarters.size(), size_t(4));
        QCOMPARE(quarters.front() % (15 * minuteUs), 0);
        // Every step has a finer one that divides it (or none at the bottom of the ladder).
        for (const TickStep& step : tickStepLadder()) {
            const std::optional<TickStep> minor = minorStepFor(step);
            QVERIFY(minor);
            QVERIFY(minor->approximateUs() < step.approximateUs());
            if (!step.isCalendar() && step.unit != TickUnit::Week)
                QCOMPARE(step.approximateUs() % minor->approximateUs(), 0);
        }
    }

    void formatTimelineTimeReadout()
    {
        QCOMPARE(formatTimelineTime(originUs + 5 * msUs), u"2025-03-01 09:15:30.250"_s);
        QCOMPARE(formatTimelineTime(originUs + 17), u"2025-03-01 09:15:30.245017"_s);
    }

    void bins()
    {
        const TimelineScale scale = TimelineScale::overData(1000, 2000, 500);
        QCOMPARE(scale.binEdges(4), (std::vector<qint64>{1000, 1250, 1500, 1750, 2000}));
        QCOMPARE(scale.binEdges(0), std::vector<qint64>{});
        QCOMPARE(scale.binEdges(3).size(), size_t(4));
        QCOMPARE(scale.binAtX(0, 4), 0);
        QCOMPARE(scale.binAtX(124.9, 4), 0);
        QCOMPARE(scale.binAtX(125, 4), 1);
        QCOMPARE(scale.binAtX(499.9, 4), 3);
        QCOMPARE(scale.binAtX(-5, 4), 0);
        QCOMPARE(scale.binAtX(900, 4), 3);
    }

    void binnedTimesMatchStoreDensity()
    {
        // Lanes bin their own times; they must agree with the store's histogram bin for bin.
        MemoryEventStore store;
        QRandomGenerator rng(7);
        std::vector<qint64> times;
        for (int i = 0; i < 5000; ++i)
            times.push_back(originUs + qint64(rng.bounded(3600)) * secondUs + qint64(rng.bounded(1'000'000)));
        std::sort(times.begin(), times.end());
        for (qint64 t : times) {
            Event e;
            e.stream = QStringLiteral("s");
            e.timeUs = t;
            store.append(e);
        }
        for (int bins : {1, 7, 800}) {
            const qint64 from = originUs + 10 * minuteUs;
            const qint64 to = originUs + 50 * minuteUs + 123;
            QCOMPARE(binSortedTimes(times, from, to, bins), store.density(from, to, bins));
        }
        DensityCache cache;
        const std::vector<qint64> lane =
            cache.laneCounts(store, QStringLiteral("s"), times.front(), times.back(), 50);
        qint64 total = 0;
        for (qint64 c : lane)
            total += c;
        QCOMPARE(total, qint64(times.size()));
    }

    void nearestHit()
    {
        const std::vector<double> xs = {10, 20, 21, 50, 200};
        QCOMPARE(nearestWithin(xs, 19, 3).value_or(99), size_t(1));
        QCOMPARE(nearestWithin(xs, 20.8, 3).value_or(99), size_t(2));
        QVERIFY(!nearestWithin(xs, 35, 3));
        QCOMPARE(nearestWithin(xs, 0, 10).value_or(99), size_t(0));
        QVERIFY(!nearestWithin(xs, 1000, 10));
        QCOMPARE(nearestWithin(xs, 205, 10).value_or(99), size_t(4));
        QVERIFY(!nearestWithin({}, 5, 10));
    }
};

QTEST_GUILESS_MAIN(TestTimelineScale)
#include "tst_timelinescale.moc"
