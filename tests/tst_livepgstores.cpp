// PostgreSQL stores besides Message DB, against a real server started for the suite: Marten's
// event store (gaps in its sequence, the category from mt_streams, text stream ids), any table
// through a mapping (bad rows named), and following on NOTIFY once the trigger is installed
// (shown first, installed only when asked).
#include "livefollower.h"
#include "livesources.h"
#include "pglivesource.h"
#include "stopsignal.h"
#include "testsupport.h"
#include "timeformat.h"
#include "tst_livepgserver.h"
#include "tst_livesupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace eventscope;
using namespace eventscope::importers::live;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

QString uuid(int n)
{
    return u"00000000-0000-4000-8000-%1"_s.arg(n, 12, 10, QLatin1Char('0'));
}

// Appends to one stream the way Marten's quick append does: the stream row first, then each
// event with the next number of mt_events_sequence; one transaction, committed or rolled back.
void martenAppend(PgConnection& db, const QString& streamId, const QString& aggregate, qint64 firstVersion,
                  const QStringList& types, int firstEventId, bool commit = true)
{
    db.exec("BEGIN");
    db.exec("INSERT INTO mt_streams(id, type, version) VALUES ($1, $2, $3) "
            "ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            {streamId.toUtf8(), aggregate.toUtf8(), QByteArray::number(firstVersion + types.size() - 1)});
    for (int i = 0; i < types.size(); ++i) {
        db.exec(
            "INSERT INTO mt_events(seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type) "
            "VALUES (nextval('mt_events_sequence'), $1, $2, $3, $4::jsonb, $5, "
            "'2025-03-01 10:00:00+00'::timestamptz + make_interval(secs => $7::int), $6)",
            {uuid(firstEventId + i).toUtf8(), streamId.toUtf8(), QByteArray::number(firstVersion + i),
             "{\"n\": " + QByteArray::number(firstEventId + i) + "}", types[i].toUtf8(),
             "Shop.Events." + types[i].toUtf8() + ", Shop", QByteArray::number(firstVersion + i)});
    }
    db.exec(commit ? "COMMIT" : "ROLLBACK");
}

FollowReport followOnce(const QString& workspacePath, const QString& url, bool skipBadRows = false)
{
    auto source = createLiveSource(url);
    Workspace workspace(workspacePath);
    FollowOptions options;
    options.untilCaughtUp = true;
    options.skipBadRows = skipBadRows;
    LiveFollower follower(workspace, *source, options);
    StopSignal stop;
    return follower.run(stop);
}

} // namespace

class TestLivePgStores : public QObject
{
    Q_OBJECT

    PgServer m_server;

    PgConnection createDatabase(const QString& name)
    {
        m_server.connect().exec((u"CREATE DATABASE "_s + name).toUtf8().constData());
        return m_server.connect(name);
    }

private slots:
    void initTestCase()
    {
        if (!PgServer::installed())
            QSKIP("PostgreSQL 15 is not installed (scripts/setup installs postgresql-15)");
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.stop(); }

    // Marten: read by seq_id across the gaps a rolled-back append and a sequence jump leave,
    // stream = aggregate type + stream id, version 1-based, metadata from Marten's columns.
    void marten()
    {
        auto db = createDatabase(u"marten"_s);
        m_server.createMarten(u"marten"_s);
        const QString order = uuid(900);
        const QString cart = uuid(901);
        martenAppend(db, order, u"order"_s, 1, {u"OrderPlaced"_s, u"OrderPaid"_s}, 1);
        martenAppend(db, cart, u"cart"_s, 1, {u"ItemAdded"_s}, 10, false); // rolled back: seq 3 stays missing
        db.exec("SELECT setval('mt_events_sequence', 40)");                // gaps 4..40 too
        martenAppend(db, cart, u"cart"_s, 1, {u"ItemAdded"_s}, 11);
        martenAppend(db, order, u"order"_s, 3, {u"OrderShipped"_s}, 3);

        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const auto report = followOnce(ws, m_server.url(u"layout=marten"_s, u"marten"_s));
        QVERIFY2(report.outcome == FollowReport::Outcome::CaughtUp, qPrintable(report.status.message));
        QCOMPARE(report.status.appended, 4);
        QCOMPARE(report.status.position, 42);
        const auto events = workspaceEvents(ws);
        QCOMPARE(idsOf(events), (QStringList{uuid(1), uuid(2), uuid(11), uuid(3)}));
        QCOMPARE(events[0].stream, u"order-"_s + order);
        QCOMPARE(events[0].type, u"OrderPlaced"_s);
        QCOMPARE(events[0].streamVersion, 1);
        QCOMPARE(events[3].streamVersion, 3);
        QCOMPARE(events[2].stream, u"cart-"_s + cart);
        QCOMPARE(formatTimestamp(events[1].timeUs), u"2025-03-01T10:00:02Z"_s);
        QCOMPARE(QJsonDocument::fromJson(events[0].data).object().value("n"_L1).toInt(), 1);
        const QJsonObject metadata = QJsonDocument::fromJson(events[0].metadata).object();
        QCOMPARE(metadata.value("tenant_id"_L1).toString(), u"*DEFAULT*"_s);
        QCOMPARE(metadata.value("dotnet_type"_L1).toString(), u"Shop.Events.OrderPlaced, Shop"_s);
        QCOMPARE(metadata.value("is_archived"_L1).toBool(true), false);
        QCOMPARE(events[0].source, u"marten@127.0.0.1:%1 (marten)"_s.arg(m_server.port()));

        // One aggregate type, filtered on the server.
        const QString carts = dir.filePath(u"carts.eventscope"_s);
        const auto category = followOnce(carts, m_server.url(u"layout=marten&category=cart"_s, u"marten"_s));
        QVERIFY2(category.outcome == FollowReport::Outcome::CaughtUp, qPrintable(category.status.message));
        QCOMPARE(idsOf(workspaceEvents(carts)), (QStringList{uuid(11)}));
        QCOMPARE(category.status.position, 42);
    }

    // StreamIdentity.AsString, in a schema of its own: the key is the stream id as written.
    void martenTextStreamIds()
    {
        auto db = createDatabase(u"martentext"_s);
        m_server.createMarten(u"martentext"_s, u"events"_s, true);
        db.exec("SET search_path TO events");
        martenAppend(db, u"ORD-7"_s, u"order"_s, 1, {u"OrderPlaced"_s}, 1);
        martenAppend(db, u"loose"_s, QString(), 1, {u"Noted"_s}, 2);
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        QCOMPARE(int(followOnce(ws, m_server.url(u"layout=marten"_s, u"martentext"_s)).outcome),
                 int(FollowReport::Outcome::Failed)); // not in public
        const auto report = followOnce(ws, m_server.url(u"layout=marten&schema=events"_s, u"martentext"_s));
        QVERIFY2(report.outcome == FollowReport::Outcome::CaughtUp, qPrintable(report.status.message));
        const auto events = workspaceEvents(ws);
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events[0].stream, u"order-ORD-7"_s);
        QCOMPARE(events[1].stream, u"loose"_s); // a stream without an aggregate type
    }

    // Any table through a mapping: an epoch time column, JSON kept in text, a bad row named by its
    // position and the reason; with --skip-bad-rows it is counted and passed.
    void mappedTable()
    {
        auto db = createDatabase(u"mapped"_s);
        db.execScript(
            "CREATE SCHEMA audit; CREATE TABLE audit.events (seq bigserial PRIMARY KEY, agg text, kind text, "
            "at bigint, body text, meta jsonb)");
        db.execScript("INSERT INTO audit.events(agg, kind, at, body, meta) VALUES "
                      "('invoice-1', 'Issued', 1740823200000, '{\"total\": 5}', '{\"user\": \"ada\"}'),"
                      "('invoice-1', 'Voided', 1740823260000, 'not json', NULL),"
                      "('invoice-2', 'Issued', 1740823320000, NULL, NULL)");
        const QString url = m_server.url(
            u"table=audit.events&position=seq&stream=agg&type=kind&time=at&data=body&metadata=meta&"
            "time_unit=ms"_s,
            u"mapped"_s);
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const auto failed = followOnce(ws, url);
        QCOMPARE(int(failed.outcome), int(FollowReport::Outcome::Failed));
        QVERIFY2(failed.status.message.startsWith(u"seq 2: data (column body) is not JSON: "_s),
                 qPrintable(failed.status.message));
        QCOMPARE(countOrZero(ws), 0); // nothing of the bad row's batch

        const auto skipped = followOnce(ws, url, true);
        QVERIFY2(skipped.outcome == FollowReport::Outcome::CaughtUp, qPrintable(skipped.status.message));
        QCOMPARE(skipped.status.rejected, 1);
        const auto events = workspaceEvents(ws);
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events[0].id, u"mapped/audit.events:1"_s);
        QCOMPARE(events[0].stream, u"invoice-1"_s);
        QCOMPARE(formatTimestamp(events[0].timeUs), u"2025-03-01T10:00:00Z"_s);
        QCOMPARE(QJsonDocument::fromJson(events[0].metadata).object().value("user"_L1).toString(), u"ada"_s);
        QCOMPARE(events[1].id, u"mapped/audit.events:3"_s);
        QCOMPARE(events[0].source, u"mapped@127.0.0.1:%1 (audit.events)"_s.arg(m_server.port()));

        // A column that is not there, and a position that is no integer.
        QVERIFY(
            followOnce(ws, m_server.url(u"table=audit.events&position=seq&stream=agg&type=kind&time=when"_s,
                                        u"mapped"_s))
                .status.message.endsWith(u"table audit.events has no column 'when' (time=)"_s));
        QVERIFY(
            followOnce(ws, m_server.url(u"table=audit.events&position=agg&stream=agg&type=kind&time=at"_s,
                                        u"mapped"_s))
                .status.message.endsWith(u"position (column agg) is text: it must be an integer column that "
                                         "grows with each insert (a bigserial or an identity)"_s));
    }

    // The trigger: shown as SQL without touching the server; once installed, a follow listens and
    // wakes on the notification of each commit.
    void notifyTrigger()
    {
        auto db = createDatabase(u"notify"_s);
        m_server.createMessageStore(u"notify"_s);
        const QString url = m_server.url(u"layout=messagedb"_s, u"notify"_s);
        PgLiveSource source(*SourceUrl::parse(url, nullptr));
        const QByteArray sql = source.triggerSql();
        QVERIFY(
            sql.contains("CREATE TRIGGER eventscope_notify_append AFTER INSERT ON message_store.messages FOR "
                         "EACH STATEMENT"));
        source.connect();
        QVERIFY(!source.listening()); // nothing installed by itself
        source.disconnect();
        source.installTrigger();
        QVERIFY(source.listening());

        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        {
            Workspace create(ws);
        }
        StopSignal stop;
        FollowReport report;
        std::thread follower([&] {
            Workspace workspace(ws);
            LiveFollower live(workspace, source, FollowOptions());
            report = live.run(stop);
        });
        for (int i = 0; i < 5; ++i) {
            db.exec("INSERT INTO message_store.messages(position, stream_name, type, data, metadata, id) "
                    "VALUES ($1, 'account-1', 'Deposited', '{}', '{}', $2::uuid)",
                    {QByteArray::number(i), uuid(i).toUtf8()});
            QTRY_COMPARE_WITH_TIMEOUT(countOrZero(ws), i + 1, 20000);
        }
        stop.request();
        follower.join();
        QVERIFY(source.notificationCount() > 0);
        QCOMPARE(report.status.appended, 5);
    }

    // eventscope-cli installs the trigger only when asked, says so, and then follows by NOTIFY;
    // without the flag it polls and says how to stop polling.
    void cliInstallsTriggerOnlyWhenAsked()
    {
        auto db = createDatabase(u"clitrigger"_s);
        m_server.createMarten(u"clitrigger"_s);
        martenAppend(db, uuid(7), u"order"_s, 1, {u"OrderPlaced"_s}, 1);
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const QString url = m_server.url(u"layout=marten"_s, u"clitrigger"_s);
        const auto polling = runCli({u"follow"_s, ws, u"--source"_s, url, u"--until-caught-up"_s});
        QVERIFY2(polling.exitCode == 0, qPrintable(describe(polling)));
        QVERIFY2(
            polling.err.contains(u"polling public.mt_events (up to every 250 ms; --show-trigger-sql shows a "
                                 "trigger that wakes a follow at once)"_s),
            qPrintable(polling.err));
        QCOMPARE(
            db.exec("SELECT count(*) FROM pg_trigger WHERE tgname = 'eventscope_notify_append'").int64(0, 0),
            0);

        martenAppend(db, uuid(7), u"order"_s, 2, {u"OrderPaid"_s}, 2);
        const auto installing =
            runCli({u"follow"_s, ws, u"--source"_s, url, u"--install-trigger"_s, u"--until-caught-up"_s});
        QVERIFY2(installing.exitCode == 0, qPrintable(describe(installing)));
        QVERIFY2(installing.err.startsWith(
                     u"installed trigger eventscope_notify_append on public.mt_events (NOTIFY "
                     "eventscope_append after each INSERT; --show-trigger-sql shows its SQL)\n"_s),
                 qPrintable(installing.err));
        QVERIFY2(
            installing.err.contains(u"waking on NOTIFY eventscope_append (trigger on public.mt_events)"_s),
            qPrintable(installing.err));
        QCOMPARE(
            db.exec("SELECT count(*) FROM pg_trigger WHERE tgname = 'eventscope_notify_append'").int64(0, 0),
            1);
        QCOMPARE(eventCount(ws), 2);
    }

private:
    static qint64 countOrZero(const QString& path)
    {
        try {
            return eventCount(path);
        } catch (const sqlite::Error&) {
            return 0;
        }
    }
};

QTEST_GUILESS_MAIN(TestLivePgStores)
#include "tst_livepgstores.moc"
