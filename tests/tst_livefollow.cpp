// LiveFollower over the SQLite source: following while another thread appends (and waiting
// without spinning), stopping and resuming without a gap or a double, a bad row failing its whole
// batch, skipping bad rows, retrying a locked source, and one provenance record per follow.
#include "livecheckpoint.h"
#include "livefollower.h"
#include "livesources.h"
#include "sqlitelivesource.h"
#include "stopsignal.h"
#include "testsupport.h"
#include "tst_livesupport.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace eventscope;
using namespace eventscope::importers::live;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

// The events of a workspace, or -1 while another connection holds it locked.
qint64 countOrMinusOne(const QString& path)
{
    try {
        return eventCount(path);
    } catch (const sqlite::Error&) {
        return -1;
    }
}

std::optional<qint64> checkpointOf(const QString& workspacePath, const QString& url)
{
    Workspace workspace(workspacePath, Workspace::OpenMode::ReadOnly);
    return LiveCheckpoint::load(workspace.database(), url);
}

FollowReport followOnce(const QString& workspacePath, const QString& url, FollowOptions options,
                        QStringList* issues = nullptr)
{
    options.untilCaughtUp = true;
    auto source = createLiveSource(url);
    Workspace workspace(workspacePath);
    LiveFollower follower(workspace, *source, options);
    follower.onIssue = [&](const LiveIssue& issue, bool isError) {
        if (issues)
            *issues << (isError ? u"error: "_s : u"warning: "_s) + issue.describe();
    };
    StopSignal stop;
    return follower.run(stop);
}

// Every id exactly once, positions 1..N.
void verifyGapFreeAndUnique(const QString& workspacePath, qint64 expected)
{
    const auto events = workspaceEvents(workspacePath);
    QCOMPARE(qint64(events.size()), expected);
    QSet<QString> ids;
    for (size_t i = 0; i < events.size(); ++i) {
        QCOMPARE(events[i].position, qint64(i + 1));
        ids.insert(events[i].id);
    }
    QCOMPARE(qint64(ids.size()), expected);
}

// Stops and joins a follower thread however the test leaves its scope (a failed QTRY returns).
class JoinOnExit
{
public:
    JoinOnExit(std::thread& thread, StopSignal& stop) : m_thread(thread), m_stop(stop) {}
    ~JoinOnExit()
    {
        if (m_thread.joinable()) {
            m_stop.request();
            m_thread.join();
        }
    }

private:
    std::thread& m_thread;
    StopSignal& m_stop;
};

} // namespace

class TestLiveFollow : public QObject
{
    Q_OBJECT

private slots:
    // A follower on its own thread picks up rows another connection commits, in order, each once;
    // while nothing happens it looks at the file at a widening interval, never in a tight loop.
    void followsWhileAnotherThreadAppends()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        auto writer = createEventsourcingStore(store);
        appendAccountEvents(writer, 0, 10);
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        {
            Workspace create(ws);
        }

        QString error;
        const auto url = SourceUrl::parse(u"sqlite://"_s + store + u"?layout=eventsourcing"_s, &error);
        QVERIFY2(url, qPrintable(error));
        const AdaptivePoll schedule(std::chrono::milliseconds(5), std::chrono::milliseconds(250));
        SqliteLiveSource source(*url, schedule);
        StopSignal stop;
        FollowReport report;
        std::atomic<int> following{0};
        std::thread thread([&] {
            Workspace workspace(ws);
            LiveFollower follower(workspace, source, {});
            follower.onStatus = [&](const LiveStatus& status) {
                if (status.state == LiveState::Following)
                    ++following;
            };
            report = follower.run(stop);
        });
        JoinOnExit joinOnExit(thread, stop);

        QTRY_COMPARE_WITH_TIMEOUT(countOrMinusOne(ws), 10, 20000);
        // Appends in several commits while the follower waits for them.
        for (int batch = 0; batch < 4; ++batch) {
            appendAccountEvents(writer, 10 + batch * 25, 25);
            QTRY_COMPARE_WITH_TIMEOUT(countOrMinusOne(ws), 10 + (batch + 1) * 25, 20000);
        }

        // Idle: every look at the file is preceded by at least the floor's wait, so the looks in
        // any stretch of time are bounded by its length over the floor (a busy loop would make
        // thousands). The bound holds however slow the machine.
        const qint64 pollsBefore = source.pollCount();
        QElapsedTimer idle;
        idle.start();
        QTest::qWait(600);
        const qint64 polls = source.pollCount() - pollsBefore;
        const qint64 bound = idle.elapsed() / schedule.floor().count() + 2;
        qInfo("idle: %lld looks at the file in %lld ms", polls, qint64(idle.elapsed()));
        QVERIFY2(polls <= bound, qPrintable(u"%1 polls in %2 ms"_s.arg(polls).arg(idle.elapsed())));
        QVERIFY(polls >= 1); // it does keep looking

        stop.request();
        thread.join();
        QCOMPARE(int(report.outcome), int(FollowReport::Outcome::Stopped));
        QCOMPARE(report.status.appended, 110);
        QCOMPARE(report.status.duplicates, 0);
        QCOMPARE(report.status.position, 110);
        QVERIFY(following.load() >= 1);
        verifyGapFreeAndUnique(ws, 110);
    }

    // Stopping between batches keeps every committed batch and its checkpoint; the next follow
    // continues after it: no gap, no double.
    void resumeAfterStop()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        auto writer = createEventsourcingStore(store);
        appendAccountEvents(writer, 0, 50);
        const QString url = u"sqlite://"_s + store + u"?layout=eventsourcing"_s;
        const QString ws = dir.filePath(u"ws.eventscope"_s);

        {
            auto source = createLiveSource(url);
            Workspace workspace(ws);
            FollowOptions options;
            options.batchSize = 7;
            LiveFollower follower(workspace, *source, options);
            StopSignal stop;
            int batches = 0;
            follower.onStatus = [&](const LiveStatus& status) {
                if (status.state == LiveState::CatchingUp && ++batches == 3)
                    stop.request();
            };
            const auto report = follower.run(stop);
            QCOMPARE(int(report.outcome), int(FollowReport::Outcome::Stopped));
            QCOMPARE(report.status.appended, 21);
        }
        QCOMPARE(eventCount(ws), 21);
        QCOMPARE(checkpointOf(ws, url), std::optional<qint64>(21));

        appendAccountEvents(writer, 50, 10);
        const auto resumed = followOnce(ws, url, {});
        QVERIFY(resumed.resumed);
        QCOMPARE(resumed.startedAfter, 21);
        QCOMPARE(resumed.status.appended, 39);
        QCOMPARE(resumed.status.duplicates, 0);
        verifyGapFreeAndUnique(ws, 60);
        QCOMPARE(checkpointOf(ws, url), std::optional<qint64>(60));

        // Nothing new: nothing added.
        const auto idle = followOnce(ws, url, {});
        QCOMPARE(idle.status.appended, 0);
        QCOMPARE(idle.startedAfter, 60);

        // Reading again from the start finds every event already there.
        FollowOptions fromStart;
        fromStart.fromPosition = 1;
        const auto again = followOnce(ws, url, fromStart);
        QVERIFY(!again.resumed);
        QCOMPARE(again.status.appended, 0);
        QCOMPARE(again.status.duplicates, 60);
        verifyGapFreeAndUnique(ws, 60);
    }

    // Catching up, batches grow up to the ceiling; once caught up they are back to batchSize.
    void batchesGrowWhileCatchingUp()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        auto writer = createEventsourcingStore(store);
        appendAccountEvents(writer, 0, 100);
        const QString url = u"sqlite://"_s + store + u"?layout=eventsourcing"_s;
        auto source = createLiveSource(url);
        Workspace workspace(dir.filePath(u"ws.eventscope"_s));
        FollowOptions options;
        options.batchSize = 10;
        options.maxBatchSize = 40;
        LiveFollower follower(workspace, *source, options);
        QList<qint64> batches;
        qint64 appended = 0;
        StopSignal stop;
        bool appendedMore = false;
        follower.onStatus = [&](const LiveStatus& status) {
            if (status.appended > appended) {
                batches << status.appended - appended;
                appended = status.appended;
            }
            if (status.state == LiveState::Following && appended == 100 && !appendedMore) {
                appendedMore = true;
                appendAccountEvents(writer, 100, 25);
            }
            if (appended == 125)
                stop.request();
        };
        follower.run(stop);
        QCOMPARE(batches, (QList<qint64>{10, 20, 40, 30, 10, 15}));
    }

    // A bad row fails its batch as a whole: the batches before it stay, its own adds nothing, the
    // checkpoint stays before it, and following again meets the same row. Skipping passes it.
    void badRowFailsItsBatch()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        {
            auto writer = createEventsourcingStore(store);
            appendAccountEvents(writer, 0, 6);
            appendStoredEvent(writer, accountId(5), 1, QString(), accountState("2025-03-01T11:00:00Z", {}));
            appendAccountEvents(writer, 6, 3);
        }
        const QString url = u"sqlite://"_s + store + u"?layout=eventsourcing"_s;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        FollowOptions options;
        options.batchSize = 4;
        for (int attempt = 0; attempt < 2; ++attempt) {
            const auto report = followOnce(ws, url, options);
            QCOMPARE(int(report.outcome), int(FollowReport::Outcome::Failed));
            QCOMPARE(report.status.message,
                     u"rowid 7: topic is empty; nothing of its batch was appended (the "
                     "workspace holds this source up to position 4)"_s);
            QCOMPARE(eventCount(ws), 4);
            QCOMPARE(checkpointOf(ws, url), std::optional<qint64>(4));
        }

        options.skipBadRows = true;
        QStringList issues;
        const auto skipped = followOnce(ws, url, options, &issues);
        QCOMPARE(int(skipped.outcome), int(FollowReport::Outcome::CaughtUp));
        QCOMPARE(issues, QStringList{u"error: rowid 7: topic is empty"_s});
        QCOMPARE(skipped.status.appended, 5);
        QCOMPARE(skipped.status.rejected, 1);
        verifyGapFreeAndUnique(ws, 9);
        QCOMPARE(checkpointOf(ws, url), std::optional<qint64>(10));
    }

    // A source another connection holds locked is retried, not given up on: the status says so,
    // and once the lock is gone the follow catches up.
    void lockedSourceIsRetried()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"app.db"_s);
        sqlite::Database writer(path, sqlite::Database::Mode::ReadWriteCreate);
        writer.exec("PRAGMA journal_mode=DELETE;"
                    "CREATE TABLE events(agg TEXT, kind TEXT, at TEXT);"
                    "INSERT INTO events VALUES('s-1', 'T', '2025-03-01T10:00:00Z');");
        writer.exec("BEGIN EXCLUSIVE; INSERT INTO events VALUES('s-1', 'T', '2025-03-01T10:00:01Z');");

        const QString ws = dir.filePath(u"ws.eventscope"_s);
        std::atomic<bool> retrying{false};
        FollowReport report;
        StopSignal stop;
        std::thread thread([&] {
            auto source =
                createLiveSource(u"sqlite://"_s + path + u"?table=events&stream=agg&type=kind&time=at"_s);
            Workspace workspace(ws);
            FollowOptions options;
            options.untilCaughtUp = true;
            LiveFollower follower(workspace, *source, options);
            follower.onStatus = [&](const LiveStatus& status) {
                if (status.message.contains(u"database is locked"_s) &&
                    status.message.contains(u"retrying in"_s))
                    retrying = true;
            };
            report = follower.run(stop);
        });
        JoinOnExit joinOnExit(thread, stop);
        QTRY_VERIFY_WITH_TIMEOUT(retrying.load(), 20000);
        writer.exec("COMMIT");
        thread.join();
        QCOMPARE(int(report.outcome), int(FollowReport::Outcome::CaughtUp));
        QCOMPARE(report.status.appended, 2);
    }

    // However many batches a follow takes, it is one import in the workspace's provenance, and
    // every event it added points at it.
    void oneProvenanceRecordPerFollow()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        auto writer = createEventsourcingStore(store);
        appendAccountEvents(writer, 0, 25);
        const QString url = u"sqlite://"_s + store + u"?layout=eventsourcing"_s;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        FollowOptions options;
        options.batchSize = 10;
        followOnce(ws, url, options);
        appendAccountEvents(writer, 25, 5);
        followOnce(ws, url, options);

        Workspace workspace(ws, Workspace::OpenMode::ReadOnly);
        const auto imports = workspace.imports();
        QCOMPARE(imports.size(), size_t(2));
        QCOMPARE(imports[0].path, url);
        QCOMPARE(imports[0].label, u"bank.db (eventsourcing)"_s);
        QCOMPARE(imports[0].format, u"live:sqlite/eventsourcing"_s);
        QCOMPARE(imports[0].accepted, 25);
        QCOMPARE(imports[0].note, u"followed up to source position 25"_s);
        QCOMPARE(imports[1].accepted, 5);
        auto& db = workspace.database();
        QCOMPARE(
            db.queryInt("SELECT count(*) FROM events WHERE import_id = " + std::to_string(imports[0].id)),
            25);
        QCOMPARE(
            db.queryInt("SELECT count(*) FROM events WHERE import_id = " + std::to_string(imports[1].id)), 5);
    }
};

QTEST_GUILESS_MAIN(TestLiveFollow)
#include "tst_livefollow.moc"
