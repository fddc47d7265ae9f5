// The Message DB source against a real PostgreSQL server started for the suite: the mapping, a
// category, resuming, every committed message arriving exactly once while several writers commit
// out of position order (some rolling back), and following across a server restart.
#include "liveerror.h"
#include "livefollower.h"
#include "livesources.h"
#include "pgsnapshot.h"
#include "stopsignal.h"
#include "testsupport.h"
#include "timeformat.h"
#include "tst_livepgserver.h"
#include "tst_livesupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>
#include <mutex>
#include <thread>

using namespace eventscope;
using namespace eventscope::importers::live;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

qint64 countOrMinusOne(const QString& path)
{
    try {
        return eventCount(path);
    } catch (const sqlite::Error&) {
        return -1;
    }
}

void writeMessage(PgConnection& db, const QString& stream, qint64 position, const QString& type,
                  const QByteArray& data, const QString& id, const QByteArray& time = "2025-03-01 10:00:00")
{
    db.exec("INSERT INTO message_store.messages(position, stream_name, type, data, metadata, id, time) "
            "VALUES ($1, $2, $3, $4::jsonb, '{\"traceId\": \"t-1\"}'::jsonb, $5::uuid, $6::timestamp)",
            {QByteArray::number(position), stream.toUtf8(), type.toUtf8(), data, id.toUtf8(), time});
}

QString uuid(int n)
{
    return u"00000000-0000-4000-8000-%1"_s.arg(n, 12, 10, QLatin1Char('0'));
}

FollowReport followOnce(const QString& workspacePath, const QString& url)
{
    auto source = createLiveSource(url);
    Workspace workspace(workspacePath);
    FollowOptions options;
    options.untilCaughtUp = true;
    LiveFollower follower(workspace, *source, options);
    StopSignal stop;
    return follower.run(stop);
}

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

class TestLivePostgres : public QObject
{
    Q_OBJECT

    PgServer m_server;

private slots:
    void initTestCase()
    {
        if (!PgServer::installed())
            QSKIP("PostgreSQL 15 is not installed (scripts/setup installs postgresql-15)");
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.stop(); }

    // The gap rule on its own: a missing position is passed only once every transaction in
    // progress when it was first seen has ended, and not at once.
    void gapWatch()
    {
        using namespace std::chrono;
        const auto first = PgSnapshot::parse("100:105:100,103");
        QVERIFY(first);
        QCOMPARE(first->inProgress, (std::vector<quint64>{100, 103}));
        QVERIFY(!PgSnapshot::parse("garbage"));
        GapWatch watch(milliseconds(200));
        const GapWatch::Clock::time_point t0;
        // Position 10 is missing, 12 was the highest visible when it was first seen.
        QVERIFY(!watch.mayPass(10, 12, *first, t0));
        QVERIFY(watch.waiting());
        const auto stillRunning = PgSnapshot::parse("103:110:103,108");
        QVERIFY(!watch.mayPass(10, 12, *stillRunning, t0 + seconds(5)));
        const auto ended = PgSnapshot::parse("108:111:108");
        QVERIFY(!watch.mayPass(10, 12, *ended, t0 + milliseconds(100))); // too soon
        QVERIFY(watch.mayPass(10, 12, *ended, t0 + milliseconds(300)));
        QVERIFY(!watch.waiting());
        QCOMPARE(watch.passable(), 12);
        // Another gap up to that horizon passes at once: its number was drawn before 12 was seen.
        QVERIFY(watch.mayPass(11, 30, *ended, t0 + milliseconds(300)));
        // One past it starts over.
        QVERIFY(!watch.mayPass(20, 30, *ended, t0 + seconds(10)));
        QVERIFY(watch.waiting());
    }

    void messageDb()
    {
        const QString database = u"mapping"_s;
        m_server.connect().exec("CREATE DATABASE mapping");
        m_server.createMessageStore(database);
        {
            auto db = m_server.connect(database);
            writeMessage(db, u"account-1"_s, 0, u"Opened"_s, R"({"owner": "ada"})", uuid(1),
                         "2025-03-01 10:00:00.25");
            writeMessage(db, u"order-9"_s, 0, u"Placed"_s, R"({"total": 5})", uuid(2));
            writeMessage(db, u"account-1"_s, 1, u"Deposited"_s, R"({"amount": 100})", uuid(3),
                         "2025-03-01 11:00:00");
        }
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const auto report = followOnce(ws, m_server.url(u"layout=messagedb"_s, database));
        QVERIFY2(report.outcome == FollowReport::Outcome::CaughtUp, qPrintable(report.status.message));
        QCOMPARE(report.status.appended, 3);
        QCOMPARE(report.status.position, 3);
        const auto events = workspaceEvents(ws);
        QCOMPARE(events[0].stream, u"account-1"_s);
        QCOMPARE(events[0].streamVersion, 0);
        QCOMPARE(events[0].type, u"Opened"_s);
        QCOMPARE(events[0].id, uuid(1));
        QCOMPARE(formatTimestamp(events[0].timeUs), u"2025-03-01T10:00:00.250000Z"_s);
        QCOMPARE(QJsonDocument::fromJson(events[0].data).object().value("owner"_L1).toString(), u"ada"_s);
        QCOMPARE(QJsonDocument::fromJson(events[0].metadata).object().value("traceId"_L1).toString(),
                 u"t-1"_s);
        QCOMPARE(events[2].streamVersion, 1);
        QCOMPARE(events[0].source, u"mapping@127.0.0.1:%1 (messagedb)"_s.arg(m_server.port()));
        {
            // What the workspace keeps of the source: the URL as given, which cannot hold a password.
            Workspace workspace(ws, Workspace::OpenMode::ReadOnly);
            const QString url = m_server.url(u"layout=messagedb"_s, database);
            auto stored = workspace.database().prepare("SELECT url FROM live_sources");
            QVERIFY(stored.step());
            QCOMPARE(stored.text(0), url);
            QVERIFY(!stored.step());
            QCOMPARE(workspace.imports().front().path, url);
        }

        // One category only, as get_category_messages reads it.
        const QString accounts = dir.filePath(u"accounts.eventscope"_s);
        const auto category =
            followOnce(accounts, m_server.url(u"layout=messagedb&category=account"_s, database));
        QCOMPARE(category.status.appended, 2);
        QCOMPARE(category.status.position, 3);
        QCOMPARE(idsOf(workspaceEvents(accounts)), (QStringList{uuid(1), uuid(3)}));

        // More later: the next follow resumes after position 3.
        {
            auto db = m_server.connect(database);
            writeMessage(db, u"account-2"_s, 0, u"Opened"_s, "{}", uuid(4));
        }
        const auto resumed = followOnce(ws, m_server.url(u"layout=messagedb"_s, database));
        QVERIFY(resumed.resumed);
        QCOMPARE(resumed.startedAfter, 3);
        QCOMPARE(resumed.status.appended, 1);
    }

    // sslmode goes to libpq as given: this server has no SSL, so requiring it fails at once (not
    // retried: retrying cannot make the server speak SSL).
    void sslModeHonoured()
    {
        QTemporaryDir dir;
        const auto report =
            followOnce(dir.filePath(u"ws.eventscope"_s), m_server.url(u"layout=messagedb&sslmode=require"_s));
        QCOMPARE(int(report.outcome), int(FollowReport::Outcome::Failed));
        QVERIFY2(report.status.message.contains(u"SSL"_s), qPrintable(report.status.message));
        const auto plain = followOnce(dir.filePath(u"ws2.eventscope"_s),
                                      m_server.url(u"layout=messagedb&sslmode=disable"_s));
        QVERIFY2(plain.status.message.contains(u"no table message_store.messages"_s),
                 qPrintable(plain.status.message));
    }

    void noMessageStore()
    {
        QTemporaryDir dir;
        const auto report = followOnce(dir.filePath(u"ws.eventscope"_s), m_server.url(u"layout=messagedb"_s));
        QCOMPARE(int(report.outcome), int(FollowReport::Outcome::Failed));
        QCOMPARE(report.status.message,
                 u"postgres@127.0.0.1:%1 (messagedb): no table message_store.messages (is "
                 "Message DB installed in this database?)"_s.arg(m_server.port()));
    }

    // Writers take global positions in one order and commit in another, and some roll back: the
    // follower, reading all the while, gets every committed message exactly once and none of the
    // others. Reading "after the last position seen" without the gap rule loses messages here.
    void concurrentWritersArriveExactlyOnce()
    {
        const QString database = u"concurrent"_s;
        m_server.connect().exec("CREATE DATABASE concurrent");
        m_server.createMessageStore(database);
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        {
            Workspace create(ws);
        }

        StopSignal stop;
        FollowReport report;
        std::thread follower([&] {
            auto source = createLiveSource(m_server.url(u"layout=messagedb"_s, database));
            Workspace workspace(ws);
            FollowOptions options;
            options.batchSize = 20;
            LiveFollower live(workspace, *source, options);
            report = live.run(stop);
        });
        JoinOnExit joinOnExit(follower, stop);

        constexpr int writers = 4;
        constexpr int perWriter = 40;
        std::mutex mutex;
        QSet<QString> committed;
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back([&, w] {
                auto db = m_server.connect(database);
                QRandomGenerator random(quint32(w + 1));
                for (int i = 0; i < perWriter; ++i) {
                    const QString id = uuid(1000 * (w + 1) + i);
                    db.exec("BEGIN");
                    writeMessage(db, u"writer%1-%2"_s.arg(w).arg(i % 3), i, u"Wrote"_s, "{}", id);
                    // Hold the position a while before committing, so that later positions commit first.
                    db.exec("SELECT pg_sleep($1)", {QByteArray::number(random.bounded(30) / 1000.0)});
                    if (i % 7 == 3) {
                        db.exec("ROLLBACK"); // a permanent gap
                        continue;
                    }
                    db.exec("COMMIT");
                    const std::lock_guard lock(mutex);
                    committed.insert(id);
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        const qint64 expected = committed.size();
        QTRY_COMPARE_WITH_TIMEOUT(countOrMinusOne(ws), expected, 60000);
        stop.request();
        follower.join();
        QCOMPARE(int(report.outcome), int(FollowReport::Outcome::Stopped));
        QCOMPARE(report.status.duplicates, 0);
        const QStringList ids = idsOf(workspaceEvents(ws));
        QCOMPARE(qint64(ids.size()), expected);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()), committed);
    }

    // The server goes away mid-follow and comes back: the follower retries, reconnects and
    // continues after the last position it stored: no gap, no double.
    void serverRestart()
    {
        const QString database = u"restart"_s;
        m_server.connect().exec("CREATE DATABASE restart");
        m_server.createMessageStore(database);
        {
            auto db = m_server.connect(database);
            for (int i = 0; i < 10; ++i)
                writeMessage(db, u"account-%1"_s.arg(i % 2), i / 2, u"Deposited"_s, "{}", uuid(100 + i));
        }
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        {
            Workspace create(ws);
        }
        StopSignal stop;
        FollowReport report;
        std::atomic<bool> retrying{false};
        std::thread follower([&] {
            auto source = createLiveSource(m_server.url(u"layout=messagedb"_s, database));
            Workspace workspace(ws);
            FollowOptions options;
            options.retryCeiling = std::chrono::milliseconds(500);
            LiveFollower live(workspace, *source, options);
            live.onStatus = [&](const LiveStatus& status) {
                if (status.message.contains(u"retrying in"_s))
                    retrying = true;
            };
            report = live.run(stop);
        });
        JoinOnExit joinOnExit(follower, stop);
        QTRY_COMPARE_WITH_TIMEOUT(countOrMinusOne(ws), 10, 30000);

        QString error;
        QVERIFY2(m_server.stopServer(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(retrying.load(), 30000);
        QVERIFY2(m_server.startServer(&error), qPrintable(error));
        {
            auto db = m_server.connect(database);
            for (int i = 10; i < 20; ++i)
                writeMessage(db, u"account-%1"_s.arg(i % 2), i / 2, u"Deposited"_s, "{}", uuid(100 + i));
        }
        QTRY_COMPARE_WITH_TIMEOUT(countOrMinusOne(ws), 20, 30000);
        stop.request();
        follower.join();
        QCOMPARE(int(report.outcome), int(FollowReport::Outcome::Stopped));
        QCOMPARE(report.status.appended, 20);
        QCOMPARE(report.status.duplicates, 0);
        QStringList expected;
        for (int i = 0; i < 20; ++i)
            expected << uuid(100 + i);
        QCOMPARE(idsOf(workspaceEvents(ws)), expected);
    }
};

QTEST_GUILESS_MAIN(TestLivePostgres)
#include "tst_livepostgres.moc"
