// The SQLite live source and its layouts: the Python eventsourcing library's stored_events (topics,
// transcoder wrappers, compressed and encrypted states), any table through a mapping, another
// Eventscope workspace, layout detection, and the file left exactly as it was.
#include "importsession.h"
#include "liveerror.h"
#include "livefollower.h"
#include "livesources.h"
#include "stopsignal.h"
#include "testsupport.h"
#include "timeformat.h"
#include "tst_livesupport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace eventscope;
using namespace eventscope::importers::live;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

struct FollowRun
{
    FollowReport report;
    QStringList issues; // "error: place: reason" / "warning: place: reason"
    QString url;
};

// Follows a source into a workspace until caught up, as `follow --until-caught-up` does.
FollowRun followOnce(const QString& workspacePath, const QString& sourceUrl, FollowOptions options = {})
{
    FollowRun run;
    options.untilCaughtUp = true;
    auto source = createLiveSource(sourceUrl);
    Workspace workspace(workspacePath);
    LiveFollower follower(workspace, *source, options);
    follower.onIssue = [&](const LiveIssue& issue, bool isError) {
        run.issues << (isError ? u"error: "_s : u"warning: "_s) + issue.describe();
    };
    StopSignal stop;
    run.report = follower.run(stop);
    run.url = source->url();
    return run;
}

QByteArray sha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

ImportRecord fixtureProvenance()
{
    ImportRecord record;
    record.path = record.label = record.format = u"fixture"_s;
    return record;
}

QJsonObject object(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestLiveSqlite : public QObject
{
    Q_OBJECT

private slots:
    // Rows as the library writes them become readable envelopes: the aggregate names the stream's
    // category, the topic's qualified name is the type, the transcoder's wrappers are unwrapped.
    void eventsourcingPreset()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        {
            auto db = createEventsourcingStore(store);
            appendStoredEvent(
                db, accountId(7), 1, u"bank.domain:Account.Opened"_s,
                accountState("2025-03-01T10:00:00.250000+00:00",
                             R"("originator_topic": "bank.domain:Account", "full_name": "Alice", )"
                             R"("balance": {"_type_": "decimal_str", "_data_": "0.00"})"));
            appendStoredEvent(db, accountId(7), 2, u"bank.domain:Account.Deposited"_s,
                              accountState("2025-03-01T12:00:00+02:00", R"("amount": 100)"));
            // A module-level event class: no aggregate class around it, so the stream is the id.
            appendStoredEvent(db, accountId(9), 1, u"bank.audit#Audited"_s,
                              accountState("2025-03-01T10:30:00+00:00", {}));
        }
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const auto run = followOnce(ws, u"sqlite://"_s + store + u"?layout=eventsourcing"_s);
        QCOMPARE(int(run.report.outcome), int(FollowReport::Outcome::CaughtUp));
        QVERIFY2(run.issues.isEmpty(), qPrintable(run.issues.join(u'\n')));
        QCOMPARE(run.report.status.appended, 3);
        QCOMPARE(run.report.status.position, 3);

        const auto events = workspaceEvents(ws);
        QCOMPARE(events.size(), size_t(3));
        const Event& opened = events[0];
        QCOMPARE(opened.stream, u"Account-"_s + accountId(7));
        QCOMPARE(categoryOf(opened.stream), u"Account"_s);
        QCOMPARE(opened.type, u"Account.Opened"_s);
        QCOMPARE(opened.streamVersion, 1);
        QCOMPARE(opened.id, accountId(7) + u":1"_s);
        QCOMPARE(formatTimestamp(opened.timeUs), u"2025-03-01T10:00:00.250000Z"_s);
        const QJsonObject data = object(opened.data);
        QCOMPARE(data.value("timestamp"_L1).toString(), u"2025-03-01T10:00:00.250000+00:00"_s);
        QCOMPARE(data.value("balance"_L1).toString(), u"0.00"_s);
        QCOMPARE(data.value("full_name"_L1).toString(), u"Alice"_s);
        QVERIFY(!opened.data.contains("_type_"));
        QCOMPARE(object(opened.metadata).value("topic"_L1).toString(), u"bank.domain:Account.Opened"_s);
        QCOMPARE(opened.source, u"bank.db (eventsourcing)"_s);

        QCOMPARE(events[1].type, u"Account.Deposited"_s);
        QCOMPARE(events[1].streamVersion, 2);
        QCOMPARE(formatTimestamp(events[1].timeUs), u"2025-03-01T10:00:00Z"_s); // +02:00 in the state
        QCOMPARE(object(events[1].data).value("amount"_L1).toInt(), 100);

        QCOMPARE(events[2].stream, accountId(9));
        QCOMPARE(events[2].type, u"Audited"_s);
    }

    // A compressed state is inflated; an encrypted one cannot be read without the key: it is kept
    // as raw bytes and the warning says why, naming the row.
    void eventsourcingCompressedAndEncrypted()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        const QByteArray json = accountState("2025-03-01T10:00:00+00:00", R"("amount": 5)");
        {
            auto db = createEventsourcingStore(store);
            appendStoredEvent(db, accountId(1), 1, u"bank.domain:Account.Opened"_s, json);
            // zlib.compress(): what the library's ZlibCompressor stores (qCompress minus its size prefix).
            appendStoredEvent(db, accountId(1), 2, u"bank.domain:Account.Deposited"_s,
                              qCompress(json).mid(4));
            // AES-GCM output: a nonce, the ciphertext and a tag; nothing JSON about it.
            appendStoredEvent(db, accountId(1), 3, u"bank.domain:Account.Deposited"_s,
                              QByteArray::fromHex("8f3a11c2d94b07e6a1f05c3392be7d40aa17e2c6f3b5"));
        }
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const auto run = followOnce(ws, u"sqlite://"_s + store + u"?layout=eventsourcing"_s);
        QCOMPARE(int(run.report.outcome), int(FollowReport::Outcome::CaughtUp));
        QCOMPARE(run.report.status.appended, 3);
        QCOMPARE(run.issues,
                 QStringList{
                     u"warning: rowid 3: state is neither JSON nor zlib-compressed JSON (encrypted with the "
                     "application's CIPHER_TOPIC, or written by another transcoder): kept as raw bytes; time "
                     "taken from the previous event"_s});
        const auto events = workspaceEvents(ws);
        QCOMPARE(object(events[1].data).value("amount"_L1).toInt(), 5);
        QCOMPARE(object(events[1].metadata).value("compressed"_L1).toString(), u"zlib"_s);
        QVERIFY(events[2].data.isEmpty());
        QCOMPARE(events[2].rawData, QByteArray::fromHex("8f3a11c2d94b07e6a1f05c3392be7d40aa17e2c6f3b5"));
        QCOMPARE(events[2].contentType, u"application/octet-stream"_s);
        QCOMPARE(events[2].timeUs, events[1].timeUs);
    }

    // A state without a time of its own takes the previous event's, and says so; the first event
    // has none before it and takes the time it was read.
    void eventsourcingStateWithoutTime()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        {
            auto db = createEventsourcingStore(store);
            appendStoredEvent(db, accountId(1), 1, u"bank.domain:Account.Opened"_s,
                              QByteArray::fromHex("00ff10"));
            appendStoredEvent(db, accountId(1), 2, u"bank.domain:Account.Deposited"_s,
                              accountState("2025-03-01T10:00:00+00:00", {}));
            appendStoredEvent(db, accountId(1), 3, u"bank.domain:Account.Closed"_s, R"({"reason":"moved"})");
        }
        const qint64 before = QDateTime::currentMSecsSinceEpoch() * 1000;
        const auto run = followOnce(dir.filePath(u"ws.eventscope"_s), u"sqlite://"_s + store);
        QCOMPARE(run.report.status.appended, 3);
        QCOMPARE(run.issues,
                 (QStringList{
                     u"warning: rowid 1: state is neither JSON nor zlib-compressed JSON (encrypted with the "
                     "application's CIPHER_TOPIC, or written by another transcoder): kept as raw bytes; time "
                     "is when it was read (no earlier event to take it from)"_s,
                     u"warning: rowid 3: state has no \"timestamp\"; time taken from the previous event"_s}));
        const auto events = workspaceEvents(dir.filePath(u"ws.eventscope"_s));
        QVERIFY(events[0].timeUs >= before);
        QCOMPARE(events[2].timeUs, events[1].timeUs);
        QCOMPARE(object(events[2].data).value("reason"_L1).toString(), u"moved"_s);
    }

    // A file with stored_events and no layout named is read as an eventsourcing store; a workspace
    // as a workspace. The resolved layout is part of the URL the workspace remembers.
    void layoutDetected()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        {
            auto db = createEventsourcingStore(store);
            appendAccountEvents(db, 0, 4);
        }
        const auto run = followOnce(dir.filePath(u"ws.eventscope"_s), u"sqlite://"_s + store);
        QCOMPARE(run.report.status.appended, 4);
        QCOMPARE(run.url, u"sqlite://"_s + store + u"?layout=eventsourcing"_s);

        const auto again =
            followOnce(dir.filePath(u"copy.eventscope"_s), u"sqlite://"_s + dir.filePath(u"ws.eventscope"_s));
        QCOMPARE(again.report.status.appended, 4);
        QCOMPARE(again.url, u"sqlite://"_s + dir.filePath(u"ws.eventscope"_s) + u"?layout=eventscope"_s);
    }

    void connectErrors_data()
    {
        QTest::addColumn<QByteArray>("schema"); // SQL run on a fresh file; "" = no file at all
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("error");

        QTest::addRow("no file") << QByteArray() << u"?layout=eventsourcing"_s << u"{path}: no such file"_s;
        QTest::addRow("not a database")
            << QByteArray("text") << u"?layout=eventsourcing"_s << u"src.db: not a SQLite file"_s;
        QTest::addRow("nothing to detect")
            << QByteArray("CREATE TABLE orders(id INTEGER); CREATE TABLE lines(id INTEGER);") << QString()
            << u"src.db: cannot tell how it keeps events: it is no Eventscope workspace and has no "
               u"stored_events "
               "table (tables: lines, orders); add ?layout=eventsourcing&table=NAME or a mapping "
               "(?table=NAME&stream=..&type=..&time=..)"_s;
        QTest::addRow("no stored_events")
            << QByteArray("CREATE TABLE orders(id INTEGER);") << u"?layout=eventsourcing"_s
            << u"src.db: no table 'stored_events' (tables: orders)"_s;
        QTest::addRow("aggregate recorder's table (WITHOUT ROWID)")
            << QByteArray(
                   "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, "
                   "state BLOB, PRIMARY KEY (originator_id, originator_version)) WITHOUT ROWID;")
            << u"?layout=eventsourcing"_s
            << u"src.db: table 'stored_events' has no rowid (it is WITHOUT ROWID): name an ascending integer "
               "column as its position"_s;
        QTest::addRow("mapped column missing")
            << QByteArray("CREATE TABLE events(seq INTEGER PRIMARY KEY, agg TEXT, kind TEXT, at TEXT);")
            << u"?table=events&position=seq&stream=agg&type=kindx&time=at"_s
            << u"src.db: table 'events' has no column 'kindx' (columns: seq, agg, kind, at)"_s;
        QTest::addRow("mapped table missing")
            << QByteArray("CREATE TABLE events(seq INTEGER PRIMARY KEY);")
            << u"?table=evts&stream=a&type=b&time=c"_s << u"src.db: no table 'evts' (tables: events)"_s;
        QTest::addRow("not a workspace")
            << QByteArray("CREATE TABLE events(position INTEGER);") << u"?layout=eventscope"_s
            << u"src.db: not an Eventscope workspace"_s;
    }

    void connectErrors()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QString, query);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"src.db"_s);
        if (schema == "text") {
            writeFile(dir, u"src.db"_s, "these are not the pages you are looking for, not at all, no");
        } else if (!schema.isEmpty()) {
            sqlite::Database db(path, sqlite::Database::Mode::ReadWriteCreate);
            db.exec(schema.toStdString());
        }
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const auto run = followOnce(ws, u"sqlite://"_s + path + query);
        QCOMPARE(int(run.report.outcome), int(FollowReport::Outcome::Failed));
        QCOMPARE(run.report.status.message, QString(error).replace(u"{path}"_s, path));
        QCOMPARE(run.report.status.state, LiveState::Error);
        QCOMPARE(eventCount(ws), 0);
    }

    // Any table through a mapping: times as RFC 3339 text or epoch numbers, ids derived when the
    // table has none, data and metadata checked to be JSON.
    void mappedTable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"app.db"_s);
        {
            sqlite::Database db(path, sqlite::Database::Mode::ReadWriteCreate);
            db.exec(R"sql(
                CREATE TABLE events(seq INTEGER PRIMARY KEY, agg TEXT, kind TEXT, at, body TEXT, meta TEXT,
                                    event_id TEXT, ver INTEGER);
                INSERT INTO events VALUES(10, 'order-1', 'OrderPlaced', '2025-03-01T10:00:00Z', '{"total": 5}',
                                          '{"user": "ada"}', 'e-1', 1);
                INSERT INTO events VALUES(20, 'order-1', 'OrderPaid', 1740823260, '{"total": 5}', NULL, 'e-2', 2);
                INSERT INTO events VALUES(35, 'order-2', 'OrderPlaced', 1740823320000, NULL, NULL, NULL, NULL);
            )sql");
        }
        const QString url = u"sqlite://"_s + path +
                            u"?table=events&position=seq&stream=agg&type=kind&time=at&data=body&metadata=meta"
                            "&id=event_id&version=ver"_s;
        const auto run = followOnce(dir.filePath(u"ws.eventscope"_s), url);
        QCOMPARE(int(run.report.outcome), int(FollowReport::Outcome::CaughtUp));
        QCOMPARE(run.report.status.position, 35);
        const auto events = workspaceEvents(dir.filePath(u"ws.eventscope"_s));
        QCOMPARE(events.size(), size_t(3));
        QCOMPARE(events[0].id, u"e-1"_s);
        QCOMPARE(events[0].stream, u"order-1"_s);
        QCOMPARE(events[0].type, u"OrderPlaced"_s);
        QCOMPARE(formatTimestamp(events[0].timeUs), u"2025-03-01T10:00:00Z"_s);
        QCOMPARE(object(events[0].metadata).value("user"_L1).toString(), u"ada"_s);
        QCOMPARE(formatTimestamp(events[1].timeUs), u"2025-03-01T10:01:00Z"_s); // epoch seconds
        QCOMPARE(events[1].streamVersion, 2);
        QCOMPARE(formatTimestamp(events[2].timeUs), u"2025-03-01T10:02:00Z"_s); // epoch milliseconds
        QCOMPARE(events[2].id, u"app.db/events:35"_s);
        QCOMPARE(events[2].streamVersion, 1); // assigned: the stream's first
        QVERIFY(events[2].data.isEmpty());
    }

    void mappedTableBadRows_data()
    {
        QTest::addColumn<QByteArray>("values");
        QTest::addColumn<QString>("error");

        QTest::addRow("empty stream") << QByteArray("'', 'T', '2025-03-01T10:00:00Z', '{}'")
                                      << u"seq 2: stream (column agg) is empty"_s;
        QTest::addRow("empty type") << QByteArray("'s-1', NULL, '2025-03-01T10:00:00Z', '{}'")
                                    << u"seq 2: type (column kind) is empty"_s;
        QTest::addRow("no time") << QByteArray("'s-1', 'T', NULL, '{}'")
                                 << u"seq 2: time (column at) is NULL"_s;
        QTest::addRow("bad time")
            << QByteArray("'s-1', 'T', 'yesterday', '{}'")
            << u"seq 2: time (column at) 'yesterday' is neither an RFC 3339 time nor an epoch "
               "number"_s;
        QTest::addRow("data not JSON") << QByteArray("'s-1', 'T', '2025-03-01T10:00:00Z', '{\"a\": '")
                                       << u"seq 2: data (column body) is not JSON: invalid JSON: "_s;
    }

    // A bad row is named by its position with the reason, and nothing of its batch is written.
    void mappedTableBadRows()
    {
        QFETCH(QByteArray, values);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"app.db"_s);
        {
            sqlite::Database db(path, sqlite::Database::Mode::ReadWriteCreate);
            db.exec("CREATE TABLE events(seq INTEGER PRIMARY KEY, agg TEXT, kind TEXT, at, body TEXT);"
                    "INSERT INTO events VALUES(1, 's-1', 'T', '2025-03-01T09:00:00Z', '{}');"
                    "INSERT INTO events VALUES(2, " +
                    values.toStdString() + ");");
        }
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        const auto run =
            followOnce(ws, u"sqlite://"_s + path +
                               u"?table=events&position=seq&stream=agg&type=kind&time=at&data=body"_s);
        QCOMPARE(int(run.report.outcome), int(FollowReport::Outcome::Failed));
        QVERIFY2(run.report.status.message.startsWith(error), qPrintable(run.report.status.message));
        QVERIFY2(
            run.report.status.message.endsWith(
                u"; nothing of its batch was appended (the workspace holds this source up to position 0)"_s),
            qPrintable(run.report.status.message));
        QCOMPARE(eventCount(ws), 0);
    }

    // Another workspace's events arrive whole: ids, versions, causation, payloads; following it
    // into a workspace that already holds some of them adds only the others.
    void workspaceToWorkspace()
    {
        QTemporaryDir dir;
        const QString sourcePath = dir.filePath(u"source.eventscope"_s);
        {
            Workspace source(sourcePath);
            ImportSession session(source, MergeOrder::Source);
            session.beginSource(fixtureProvenance());
            for (int i = 0; i < 5; ++i) {
                Event e = makeEvent(u"order-%1"_s.arg(i % 2), u"OrderPlaced"_s, 1'740'823'200'000'000 + i,
                                    u"w-%1"_s.arg(i));
                e.causationId = i > 0 ? u"w-%1"_s.arg(i - 1) : QString();
                e.correlationId = u"c-1"_s;
                e.metadata = R"({"user":"ada"})";
                e.data = QByteArray(R"({"n":)") + QByteArray::number(i) + '}';
                e.schemaVersion = 2;
                session.add(e);
            }
            session.endSource(0, {});
            session.commit();
        }
        const QString targetPath = dir.filePath(u"target.eventscope"_s);
        const auto run = followOnce(targetPath, u"sqlite://"_s + sourcePath);
        QCOMPARE(run.report.status.appended, 5);
        auto expected = workspaceEvents(sourcePath);
        auto copied = workspaceEvents(targetPath);
        QCOMPARE(copied.size(), expected.size());
        for (size_t i = 0; i < copied.size(); ++i) {
            QCOMPARE(copied[i].source, u"source.eventscope (eventscope)"_s);
            copied[i].source = expected[i].source;
            QCOMPARE(copied[i], expected[i]);
        }

        // A workspace already holding w-0 and w-1 (from elsewhere) gets the other three.
        const QString partialPath = dir.filePath(u"partial.eventscope"_s);
        {
            Workspace partial(partialPath);
            ImportSession session(partial, MergeOrder::Source);
            session.beginSource(fixtureProvenance());
            for (int i = 0; i < 2; ++i) {
                Event e = expected[size_t(i)];
                session.add(e);
            }
            session.endSource(0, {});
            session.commit();
        }
        const auto merged = followOnce(partialPath, u"sqlite://"_s + sourcePath);
        QCOMPARE(merged.report.status.appended, 3);
        QCOMPARE(merged.report.status.duplicates, 2);
        QCOMPARE(idsOf(workspaceEvents(partialPath)), idsOf(expected));
    }

    // The source is opened read-only: following it changes not one byte of it.
    void sourceLeftUntouched()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(u"bank.db"_s);
        {
            auto db = createEventsourcingStore(store);
            appendAccountEvents(db, 0, 50);
        } // the last connection checkpoints the WAL into the file
        const QByteArray before = sha256(store);
        const auto run = followOnce(dir.filePath(u"ws.eventscope"_s), u"sqlite://"_s + store);
        QCOMPARE(run.report.status.appended, 50);
        QCOMPARE(sha256(store), before);
    }
};

QTEST_GUILESS_MAIN(TestLiveSqlite)
#include "tst_livesqlite.moc"
