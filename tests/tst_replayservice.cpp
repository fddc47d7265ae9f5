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
};

QTEST_GUILESS_MAIN(TestReplayService)
#include "tst_replayservice.moc"
