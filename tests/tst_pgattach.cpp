// A workspace attached to a PostgreSQL store reads it in place (nothing copied), against a real
// server started for the suite. The attached store must answer every question of the store
// interface exactly as a workspace holding a copy of the same events does (the copy made by
// following the store), across the gaps of its position sequence; it never passes a gap that a
// transaction in progress may still fill; it keeps its position runs in the workspace; and the
// CLI works on it as on any workspace.
#include "attachablestores.h"
#include "attachedstore.h"
#include "filter/filter.h"
#include "guardedstore.h"
#include "livefollower.h"
#include "livesources.h"
#include "stopsignal.h"
#include "testsupport.h"
#include "tst_livepgserver.h"
#include "tst_livesupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace eventscope;
using namespace eventscope::importers::live;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

constexpr int streamCount = 12;

// Events i in [first, first + count): stream account-(i % 12) at version i / 12, three types,
// two events a second (so that times tie), a correlation per four events. With commit = false
// the numbers drawn from the sequence stay missing for ever.
void insertEvents(PgConnection& db, int first, int count, bool commit = true)
{
    db.exec("BEGIN");
    db.exec(
        "INSERT INTO message_store.messages(position, stream_name, type, data, metadata, id, time) "
        "SELECT i / 12, 'account-' || (i % 12), (ARRAY['Opened','Deposited','Withdrawn'])[1 + (i / 12) % 3], "
        "jsonb_build_object('amount', i, 'note', 'n' || (i % 7)), "
        "jsonb_build_object('correlationStreamName', 'flow-' || (i % 4)), "
        "('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, "
        "timestamp '2025-03-01 10:00:00' + (i / 2) * interval '1 second' "
        "FROM generate_series($1::int, $2::int) i ORDER BY i",
        {QByteArray::number(first), QByteArray::number(first + count - 1)});
    db.exec(commit ? "COMMIT" : "ROLLBACK");
}

Event withoutSource(Event event)
{
    event.source.clear();
    return event;
}

void compareEvents(const std::vector<Event>& actual, const std::vector<Event>& expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (size_t i = 0; i < actual.size(); ++i) {
        if (withoutSource(actual[i]) != withoutSource(expected[i]))
            QFAIL(qPrintable(u"event %1 differs: position %2 vs %3, id %4 vs %5"_s.arg(i)
                                 .arg(actual[i].position)
                                 .arg(expected[i].position)
                                 .arg(actual[i].id, expected[i].id)));
    }
}

} // namespace

class TestPgAttach : public QObject
{
    Q_OBJECT

    PgServer m_server;
    QTemporaryDir m_dir;
    QString m_url;
    QString m_copyPath;

    // A copy of the store, made by following it: the reference the attached store must match.
    void makeCopy()
    {
        m_copyPath = m_dir.filePath(u"copy-%1.eventscope"_s.arg(QDateTime::currentMSecsSinceEpoch()));
        auto source = createLiveSource(m_url);
        Workspace workspace(m_copyPath);
        FollowOptions options;
        options.untilCaughtUp = true;
        LiveFollower follower(workspace, *source, options);
        StopSignal stop;
        const FollowReport report = follower.run(stop);
        QVERIFY2(report.outcome == FollowReport::Outcome::CaughtUp, qPrintable(report.status.message));
    }

private slots:
    void initTestCase()
    {
        if (!PgServer::installed())
            QSKIP("PostgreSQL 15 is not installed (scripts/setup installs postgresql-15)");
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
        registerAttachableStores();
        m_server.createMessageStore();
        auto db = m_server.connect();
        insertEvents(db, 0, 100);
        insertEvents(db, 100, 5, false); // rolled back: global positions 101..105 stay missing
        insertEvents(db, 100, 100);
        db.exec("SELECT setval('message_store.messages_global_position_seq', 300)"); // 206..300 too
        insertEvents(db, 200, 100);
        m_url = m_server.url(u"layout=messagedb"_s);
        makeCopy();
    }

    void cleanupTestCase() { m_server.stop(); }

    // Every question of the store interface, answered by the server as by the copy.
    void answersAsTheCopyDoes()
    {
        Workspace attachedWorkspace(m_dir.filePath(u"attached.eventscope"_s));
        const std::unique_ptr<EventStore> attached = attachStore(attachedWorkspace, m_url);
        Workspace copyWorkspace(m_copyPath, Workspace::OpenMode::ReadOnly);
        WorkspaceStore copy(copyWorkspace);

        QCOMPARE(attached->count(), 300);
        QCOMPARE(attached->count(), copy.count());
        QCOMPARE(attached->timeRange()->firstUs, copy.timeRange()->firstUs);
        QCOMPARE(attached->timeRange()->lastUs, copy.timeRange()->lastUs);
        compareEvents(attached->window(1, 300), copy.window(1, 300));
        compareEvents(attached->window(95, 20), copy.window(95, 20)); // across the rolled-back gap
        compareEvents(attached->window(290, 50), copy.window(290, 50));
        QVERIFY(attached->window(301, 5).empty());

        for (int s = 0; s < streamCount; s += 5) {
            const QString stream = u"account-%1"_s.arg(s);
            compareEvents(attached->streamHistory(stream), copy.streamHistory(stream));
            compareEvents(attached->streamHistory(stream, 150), copy.streamHistory(stream, 150));
            QCOMPARE(attached->streamTypeCounts(stream).size(), copy.streamTypeCounts(stream).size());
        }
        QVERIFY(attached->streamHistory(u"account-99"_s).empty());

        const std::vector<Event> all = copy.window(1, 300);
        for (const qint64 position : {1, 2, 100, 101, 200, 201, 300}) {
            const qint64 t = all[size_t(position - 1)].timeUs;
            QCOMPARE(attached->timeAtPosition(position), copy.timeAtPosition(position));
            QCOMPARE(attached->positionAtTime(t), copy.positionAtTime(t));
            QCOMPARE(attached->positionAtTime(t + 1), copy.positionAtTime(t + 1));
        }
        QCOMPARE(attached->positionAtTime(all.front().timeUs - 1000000), 1);
        QCOMPARE(attached->positionAtTime(all.back().timeUs + 1), 301);
        QCOMPARE(attached->timesAtPositions({5, 150, 299, 400}), copy.timesAtPositions({5, 150, 299, 400}));

        const qint64 from = all.front().timeUs, to = all.back().timeUs + 1;
        for (const int bins : {1, 7, 100})
            QCOMPARE(attached->density(from, to, bins), copy.density(from, to, bins));
        QCOMPARE(attached->density(from + 30000000, from + 90000000, 13),
                 copy.density(from + 30000000, from + 90000000, 13));

        EventSelection byType;
        byType.type = u"Deposited"_s;
        QCOMPARE(attached->filteredPositions(byType), copy.filteredPositions(byType));
        EventSelection streamAndTime;
        streamAndTime.stream = u"account-3"_s;
        streamAndTime.fromTimeUs = from + 20000000;
        streamAndTime.toTimeUs = from + 120000000;
        QCOMPARE(attached->filteredPositions(streamAndTime), copy.filteredPositions(streamAndTime));
        EventSelection limited;
        limited.fromPosition = 90;
        limited.toPosition = 250;
        limited.limit = 17;
        QCOMPARE(attached->filteredPositions(limited), copy.filteredPositions(limited));
        QStringList visited, expected;
        attached->forEach(streamAndTime, [&](const Event& e) { return visited << e.id, true; });
        copy.forEach(streamAndTime, [&](const Event& e) { return expected << e.id, true; });
        QCOMPARE(visited, expected);

        const auto filter = filter::Filter::compile(u"type == \"Withdrawn\" && data.amount > 150"_s);
        QVERIFY(filter);
        QCOMPARE(attached->matchingPositions(*filter), copy.matchingPositions(*filter));
        QCOMPARE(attached->matchingPositions(*filter, 120, 260), copy.matchingPositions(*filter, 120, 260));

        const std::vector<StreamSummary> streams = attached->streams(), copied = copy.streams();
        QCOMPARE(streams.size(), copied.size());
        for (size_t i = 0; i < streams.size(); ++i) {
            QCOMPARE(streams[i].stream, copied[i].stream);
            QCOMPARE(streams[i].eventCount, copied[i].eventCount);
            QCOMPARE(streams[i].firstPosition, copied[i].firstPosition);
            QCOMPARE(streams[i].lastPosition, copied[i].lastPosition);
        }
        QCOMPARE(attached->streamCount(), copy.streamCount());
        QCOMPARE(attached->types().size(), copy.types().size());
        QCOMPARE(attached->types().front().count, copy.types().front().count);
        QCOMPARE(attached->positionOfId(all[150].id), 151);
        QCOMPARE(attached->positionOfId(u"not-a-uuid"_s), std::nullopt);
        QCOMPARE(attached->positionOfId(u"00000000-0000-4000-8000-999999999999"_s), std::nullopt);

        // The runs of positions (1..100, 106..205, 301..400) are kept for the next open.
        auto runs = attachedWorkspace.database().prepare(
            "SELECT first_source, length FROM attached_runs ORDER BY first_source");
        QStringList kept;
        while (runs.step())
            kept << u"%1+%2"_s.arg(runs.int64(0)).arg(runs.int64(1));
        QCOMPARE(kept, (QStringList{u"1+100"_s, u"106+100"_s, u"301+100"_s}));
    }

    // The overview of a big store comes from samples: every event is counted once, and each bin is
    // off by less than the distance between two samples.
    void sampledDensity()
    {
        Workspace workspace(m_dir.filePath(u"attached.eventscope"_s));
        QCOMPARE(attachedStoreUrl(workspace), m_url);
        PgEventStore store(*SourceUrl::parse(m_url, nullptr), &workspace);
        store.setExactDensityLimit(10);
        Workspace copyWorkspace(m_copyPath, Workspace::OpenMode::ReadOnly);
        WorkspaceStore copy(copyWorkspace);
        const auto range = copy.timeRange();
        const std::vector<qint64> sampled = store.density(range->firstUs, range->lastUs + 1, 20);
        const std::vector<qint64> exact = copy.density(range->firstUs, range->lastUs + 1, 20);
        qint64 total = 0;
        for (size_t i = 0; i < sampled.size(); ++i) {
            total += sampled[i];
            QVERIFY2(std::abs(sampled[i] - exact[i]) <= 2,
                     qPrintable(u"bin %1: %2 vs %3"_s.arg(i).arg(sampled[i]).arg(exact[i])));
        }
        QCOMPARE(total, 300);
    }

    // A number drawn by a transaction still in progress is a gap that may yet fill: the attached
    // store stops before it, and takes the event in its place once it commits.
    void neverPassesAGapThatMayFill()
    {
        Workspace workspace(m_dir.filePath(u"attached.eventscope"_s));
        const std::unique_ptr<EventStore> store = openEventStore(workspace);
        const qint64 before = store->count();
        auto slow = m_server.connect();
        auto fast = m_server.connect();
        slow.exec("BEGIN");
        slow.exec("INSERT INTO message_store.messages(position, stream_name, type, data, id) "
                  "VALUES (0, 'late-1', 'Late', '{}', '00000000-0000-4000-8000-000000010001')");
        insertEvents(fast, 1000, 1);
        for (int i = 0; i < 3; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
            QCOMPARE(store->count(), before); // the committed event waits behind the open gap
        }
        slow.exec("COMMIT");
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        QCOMPARE(store->count(), before + 2);
        const std::vector<Event> tail = store->window(before + 1, 2);
        QCOMPARE(tail.size(), size_t(2));
        QCOMPARE(tail[0].stream, u"late-1"_s);
        QCOMPARE(tail[1].id, u"00000000-0000-4000-8000-000000001000"_s);
    }

    // The CLI on an attached workspace: attach, info, events, and a replay that equals the copy's.
    void cli()
    {
        makeCopy(); // the store has grown since the first copy
        const QString path = m_dir.filePath(u"cli.eventscope"_s);
        const ProgramRun attach = runCli({u"attach"_s, path, u"--source"_s, m_url});
        QVERIFY2(attach.exitCode == 0, qPrintable(describe(attach)));
        QVERIFY2(attach.out.contains(u"events: 302"_s), qPrintable(attach.out));
        const ProgramRun info = runCli({u"info"_s, path});
        QVERIFY2(info.exitCode == 0 && info.out.contains(u"(read in place)"_s), qPrintable(describe(info)));
        const ProgramRun events =
            runCli({u"events"_s, path, u"--stream"_s, u"account-4"_s, u"--limit"_s, u"3"_s});
        const ProgramRun copied =
            runCli({u"events"_s, m_copyPath, u"--stream"_s, u"account-4"_s, u"--limit"_s, u"3"_s});
        QCOMPARE(events.exitCode, 0);
        QCOMPARE(events.out.count(u'\n'), 3);
        for (const QString& at : {u"40"_s, u"205"_s, u"302"_s}) {
            const ProgramRun state = runCli({u"state"_s, path, u"--at"_s, at, u"--stream"_s, u"account-7"_s});
            const ProgramRun expected =
                runCli({u"state"_s, m_copyPath, u"--at"_s, at, u"--stream"_s, u"account-7"_s});
            QVERIFY2(state.exitCode == 0, qPrintable(describe(state)));
            QCOMPARE(state.out, expected.out);
        }

        // Its events live on the server: importing or following into it is refused, nothing written.
        const QString file = m_dir.filePath(u"one.jsonl"_s);
        QFile lines(file);
        QVERIFY(lines.open(QIODevice::WriteOnly));
        lines.write(R"({"id":"x-1","stream":"s-1","type":"T","time":"2025-03-01T00:00:00Z","data":{}})"
                    "\n");
        lines.close();
        const ProgramRun import = runCli({u"import"_s, path, file});
        QCOMPARE(import.exitCode, 3);
        QVERIFY2(import.err.contains(u"in place"_s), qPrintable(import.err));
        const ProgramRun follow = runCli({u"follow"_s, path, u"--source"_s, m_url, u"--until-caught-up"_s});
        QCOMPARE(follow.exitCode, 3);
        QVERIFY2(follow.err.contains(u"in place"_s), qPrintable(follow.err));
        QCOMPARE(runCli({u"info"_s, path}).out.count(u"events: 302"_s), 1);

        const ProgramRun holdsEvents = runCli({u"attach"_s, m_copyPath, u"--source"_s, m_url});
        QCOMPARE(holdsEvents.exitCode, 3);
        QVERIFY2(holdsEvents.err.contains(u"holds events of its own"_s), qPrintable(holdsEvents.err));
        const QString fresh = m_dir.filePath(u"category.eventscope"_s);
        const ProgramRun category =
            runCli({u"attach"_s, fresh, u"--source"_s, m_url + u"&category=account"_s});
        QCOMPARE(category.exitCode, 3);
        QVERIFY2(category.err.contains(u"category="_s), qPrintable(category.err));
        QVERIFY(!QFileInfo::exists(fresh)); // a failed attach leaves no workspace behind
        const ProgramRun unreachable =
            runCli({u"attach"_s, fresh, u"--source"_s,
                    u"postgresql://eventscope@127.0.0.1:1/postgres?layout=messagedb"_s});
        QCOMPARE(unreachable.exitCode, 3);
        QVERIFY(!QFileInfo::exists(fresh));
    }

    // A server that goes away answers as an empty store and says why; nothing throws into a view.
    void serverGoneIsNotACrash()
    {
        Workspace workspace(m_dir.filePath(u"attached.eventscope"_s));
        std::unique_ptr<EventStore> store = openEventStore(workspace);
        const qint64 known = store->count();
        QVERIFY(known > 0);
        m_server.stopServer();
        QVERIFY(store->window(1, 10).empty());
        QVERIFY(store->streamHistory(u"account-1"_s).empty());
        QCOMPARE(store->count(), known); // what is known stays
        const auto* guarded = dynamic_cast<GuardedStore*>(store.get());
        QVERIFY(guarded);
        QVERIFY(!guarded->lastError().isEmpty());
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, openEventStore(workspace));
        QString error;
        QVERIFY2(m_server.startServer(&error), qPrintable(error));
        QCOMPARE(store->window(1, 10).size(), size_t(10)); // and it comes back with the server
    }
};

QTEST_GUILESS_MAIN(TestPgAttach)
#include "tst_pgattach.moc"
