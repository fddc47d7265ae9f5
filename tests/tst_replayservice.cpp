// The replay service a GUI talks to: results arrive queued on the requester's thread, requests are
// latest-wins, and failures are reported, never thrown across threads.
#include "importsession.h"
#include "replay/replayservice.h"
#include "testsupport.h"
#include "workspace.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace eventscope;
using namespace eventscope::replay;

class TestReplayService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    // 3,000 events over 30 streams: each sets its stream's `n` to its position.
    void writeWorkspace()
    {
        m_path = m_dir.filePath(QStringLiteral("service.eventscope"));
        Workspace workspace(m_path);
        ImportSession session(workspace, MergeOrder::Source);
        session.beginSource({0, QStringLiteral("/tmp/s.jsonl"), QStringLiteral("s.jsonl"), QStringLiteral("jsonl"), 1,
                             QStringLiteral("sha"), 0, 0, 0, 0, {}});
        for (int i = 1; i <= 3000; ++i) {
            Event e = testing::makeEvent(QStringLiteral("acct-%1").arg(i % 30), QStringLiteral("Set"), i * 1000);
            e.data = "{\"n\":" + QByteArray::number(i) + "}";
            session.add(e);
        }
        session.endSource(0, {});
        session.commit();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        writeWorkspace();
    }

    void stateArrivesQueuedWithTheLastStep()
    {
        ReplayService service(m_path, ReplaySpec{});
        QSignalSpy ready(&service, &ReplayService::stateReady);
        const quint64 generation = service.requestState(100, QStringLiteral("acct-10"));
        QVERIFY(ready.wait(10000));
        const auto result = ready.takeFirst().at(0).value<StateResult>();
        QCOMPARE(result.generation, generation);
        QCOMPARE(result.position, 100);
        QCOMPARE(result.state["n"].toDouble(), 100.0);
        QCOMPARE(result.previous["n"].toDouble(), 70.0); // position 99 did not touch acct-10
        QVERIFY(!result.lastStep.empty());
    }

    void wholeStateDiffsOneStep()
    {
        ReplayService service(m_path, ReplaySpec{});
        QSignalSpy ready(&service, &ReplayService::stateReady);
        service.requestState(2500);
        QVERIFY(ready.wait(10000));
        const auto result = ready.takeFirst().at(0).value<StateResult>();
        QCOMPARE(result.state.size(), std::size_t(30));
        QCOMPARE(result.state["acct-10"]["n"].toDouble(), 2500.0);
        // One event changed one stream: n, $version, $lastPosition and the count moved.
        for (const json::DiffEntry& entry : result.lastStep)
            QCOMPARE(std::get<std::string>(entry.path.front().step), std::string("acct-10"));
    }

    void latestRequestWins()
    {
        ReplayService service(m_path, ReplaySpec{});
        QSignalSpy ready(&service, &ReplayService::stateReady);
        quint64 last = 0;
        for (int p = 1; p <= 3000; p += 37)
            last = service.requestState(p);
        last = service.requestState(1234);
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() && ready.last().at(0).value<StateResult>().generation == last,
                                 10000);
        QTest::qWait(200); // nothing stale arrives afterwards
        const auto result = ready.last().at(0).value<StateResult>();
        QCOMPARE(result.position, 1234);
        QCOMPARE(result.state["acct-4"]["n"].toDouble(), 1234.0);
        QVERIFY2(ready.size() < 20, qPrintable(QString::number(ready.size()))); // the stale ones were dropped
        for (const QList<QVariant>& args : ready)
            QVERIFY(args.at(0).value<StateResult>().generation <= last);
    }

    void scriptErrorsArriveAsFailures()
    {
        ReplaySpec spec;
        spec.projection = m_dir.filePath(QStringLiteral("missing.js"));
        ReplayService service(m_path, spec);
        QSignalSpy failed(&service, &ReplayService::failed);
        const quint64 generation = service.requestState(10);
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().at(0).toULongLong(), generation);
        QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("missing.js")),
                 qPrintable(failed.first().at(1).toString()));
    }

    void firstViolationInTheBackground()
    {
        const QString invariants = testing::writeFile(
            m_dir, QStringLiteral("inv.js"), "invariant('n stays under 2000', s => s.n < 2000);\n");
        ReplaySpec spec;
        spec.checksScript = invariants;
        ReplayService service(m_path, spec);
        QSignalSpy ready(&service, &ReplayService::violationReady);
        service.requestFirstViolation(1);
        QVERIFY(ready.wait(10000));
        QVERIFY(ready.first().at(1).toBool());
        const auto violation = ready.first().at(2).value<Violation>();
        QCOMPARE(violation.event.position, 2000);
        QCOMPARE(violation.check, QStringLiteral("n stays under 2000"));
    }

    // Series: acct-10 is set at positions 10, 40, 70, ... to its position; times are position * 1 ms.
    void seriesSamplesEvenlySpacedWithBothEnds()
    {
        ReplayService service(m_path, ReplaySpec{});
        QSignalSpy ready(&service, &ReplayService::seriesReady);
        SeriesRequest request;
        request.expressions = {QStringLiteral("s[\"acct-10\"]?.n")};
        request.samples = 4;
        const quint64 generation = service.requestSeries(request);
        QVERIFY(ready.wait(10000));
        const auto result = ready.takeFirst().at(0).value<SeriesResult>();
        QCOMPARE(result.generation, generation);
        QCOMPARE(result.fromPosition, 1);
        QCOMPARE(result.toPosition, 3000);
        QCOMPARE(result.series.size(), std::size_t(1));
        const ExpressionSeries& series = result.series.front();
        QVERIFY(series.compiled);
        QVERIFY2(series.error.isEmpty(), qPrintable(series.error));
        QCOMPARE(series.points.size(), std::size_t(4));
        const qint64 positions[] = {1, 1000, 2000, 3000};
        const json::Value values[] = {json::Value(), json::Value(1000), json::Value(1990), json::Value(2980)};
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(series.points[i].position, positions[i]);
            QCOMPARE(series.points[i].timeUs, positions[i] * 1000);
            QVERIFY2(series.points[i].value == values[i], qPrintable(QString::number(i)));
        }
    }

    void seriesOfChangesPerExpressionWithinARange()
    {
        ReplayService service(m_path, ReplaySpec{});
        QSignalSpy ready(&service, &ReplayService::seriesReady);
        SeriesRequest request;
        request.mode = SeriesRequest::Mode::EveryChange;
        request.expressions = {QStringLiteral("s[\"acct-0\"]?.n >= 1500"), QStringLiteral("s[\"acct-1\"].n")};
        request.fromPosition = 100;
        request.toPosition = 2000;
        service.requestSeries(request);
        QVERIFY(ready.wait(10000));
        const auto result = ready.takeFirst().at(0).value<SeriesResult>();
        QCOMPARE(result.fromPosition, 100);
        QCOMPARE(result.toPosition, 2000);
        // The flag: its value at the start, the one change, and the end of the range.
        const auto& flag = result.series[0].points;
        QCOMPARE(flag.size(), std::size_t(3));
        QCOMPARE(flag[0].position, 100);
        QCOMPARE(flag[0].value.toBool(), false);
        QCOMPARE(flag[1].position, 1500);
        QCOMPARE(flag[1].value.toBool(), true);
        QCOMPARE(flag[2].position, 2000);
        QCOMPARE(flag[2].timeUs, 2000 * 1000);
        // acct-1 moves at 121, 151, ..., 1981: only its own changes, not the flag's.
        const auto& n = result.series[1].points;
        QCOMPARE(n.front().position, 100);
        QCOMPARE(n.front().value.toDouble(), 91.0);
        QCOMPARE(n[1].position, 121);
        QCOMPARE(n[n.size() - 2].position, 1981);
        QCOMPARE(n.back().position, 2000);
        QCOMPARE(n.back().value.toDouble(), 1981.0);
        QCOMPARE(n.size(), std::size_t(1 + 63 + 1));
        for (std::size_t i = 1; i + 1 < n.size(); ++i)
            QCOMPARE(n[i].value.toDouble(), double(n[i].position));
    }

    void seriesErrorsArrivePerExpression()
    {
        ReplayService service(m_path, ReplaySpec{});
        QSignalSpy ready(&service, &ReplayService::seriesReady);
        QSignalSpy failed(&service, &ReplayService::failed);
        SeriesRequest request;
        request.samples = 30;
        request.expressions = {QStringLiteral("s.(n"), QStringLiteral("s[\"acct-1\"].n"),
                               QStringLiteral("s.nothing.deeper"), QStringLiteral("s[\"acct-20\"].n")};
        service.requestSeries(request);
        QVERIFY(ready.wait(10000));
        QVERIFY(failed.isEmpty());
        const auto result = ready.takeFirst().at(0).value<SeriesResult>();
        QCOMPARE(result.series.size(), std::size_t(4));

        const ExpressionSeries& malformed = result.series[0];
        QVERIFY(!malformed.compiled);
        QVERIFY(!malformed.error.isEmpty());
        QVERIFY(malformed.points.empty());

        const ExpressionSeries& good = result.series[1];
        QVERIFY(good.error.isEmpty());
        QCOMPARE(good.points.size(), std::size_t(30));
        QCOMPARE(good.failedPoints, 0);

        const ExpressionSeries& alwaysThrows = result.series[2];
        QVERIFY(alwaysThrows.compiled);
        QVERIFY2(alwaysThrows.error.contains(QStringLiteral("TypeError")), qPrintable(alwaysThrows.error));
        QCOMPARE(alwaysThrows.failedPoints, 30);
        QCOMPARE(alwaysThrows.errorPosition, 1);

        // acct-20 first appears at position 20: the first sample (1) throws, the rest have values.
        const ExpressionSeries& throwsAtFirst = result.series[3];
        QCOMPARE(throwsAtFirst.failedPoints, 1);
        QCOMPARE(throwsAtFirst.errorPosition, 1);
        QVERIFY(throwsAtFirst.points.front().value.isNull());
        QCOMPARE(throwsAtFirst.points.back().value.toDouble(), 2990.0);
    }

    void seriesAndStateRequestsDoNotCancelEachOther()
    {
        ReplayService service(m_path, ReplaySpec{});
        QSignalSpy series(&service, &ReplayService::seriesReady);
        QSignalSpy states(&service, &ReplayService::stateReady);
        SeriesRequest request;
        request.mode = SeriesRequest::Mode::EveryChange;
        request.expressions = {QStringLiteral("s[\"acct-3\"]?.n")};
        const quint64 stale = service.requestSeries(request);
        request.expressions = {QStringLiteral("s[\"acct-4\"]?.n")};
        const quint64 seriesGeneration = service.requestSeries(request);
        const quint64 stateGeneration = service.requestState(500);
        QVERIFY(stale < seriesGeneration && seriesGeneration < stateGeneration); // one counter: no clashes
        QCOMPARE(service.currentSeriesGeneration(), seriesGeneration);
        QCOMPARE(service.currentGeneration(), stateGeneration);
        QTRY_VERIFY_WITH_TIMEOUT(!series.isEmpty() && !states.isEmpty(), 10000);
        QTest::qWait(100); // the stale series never arrives
        QCOMPARE(series.size(), 1);
        const auto result = series.first().at(0).value<SeriesResult>();
        QCOMPARE(result.generation, seriesGeneration);
        QCOMPARE(result.series.front().expression, QStringLiteral("s[\"acct-4\"]?.n"));
        QCOMPARE(states.first().at(0).value<StateResult>().generation, stateGeneration);
    }

    void seriesOfAPartition()
    {
        ReplayService service(m_path, ReplaySpec{});
        QSignalSpy ready(&service, &ReplayService::seriesReady);
        SeriesRequest request;
        request.expressions = {QStringLiteral("s.n")};
        request.partition = QStringLiteral("acct-7");
        request.samples = 2;
        request.fromPosition = 7;
        service.requestSeries(request);
        QVERIFY(ready.wait(10000));
        const auto points = ready.takeFirst().at(0).value<SeriesResult>().series.front().points;
        QCOMPARE(points.size(), std::size_t(2));
        QCOMPARE(points[0].value.toDouble(), 7.0);
        QCOMPARE(points[1].value.toDouble(), 2977.0);
    }
};

QTEST_GUILESS_MAIN(TestReplayService)
#include "tst_replayservice.moc"
