// Appending compensation drafts to a store with an expected version, all or nothing, against a
// real PostgreSQL started for the suite: Message DB through its own write_message() (made here as
// Message DB makes it), Marten's tables, a mapped table; a workspace file (the drafts' own and
// another); and `eventscope-cli append` end to end. A conflict writes nothing, names expected and
// actual versions, and leaves the drafts drafts with the conflict recorded.
#include "compensation/drafts.h"
#include "compensation/workspaceappend.h"
#include "draftappend.h"
#include "importsession.h"
#include "livefollower.h"
#include "livesources.h"
#include "pgappend.h"
#include "stopsignal.h"
#include "testsupport.h"
#include "tst_livepgserver.h"
#include "tst_livesupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace eventscope;
using namespace eventscope::compensation;
using namespace eventscope::importers::live;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

QString uuid(int n)
{
    return u"00000000-0000-4000-8000-%1"_s.arg(n, 12, 10, QLatin1Char('0'));
}

// Message DB's functions (message-db 1.3, database/functions/*.sql), as its installer makes them:
// the category lock, the stream version, write_message with its expected version check.
constexpr const char* messageDbFunctions = R"sql(
CREATE UNIQUE INDEX messages_id ON message_store.messages (id);
CREATE UNIQUE INDEX messages_stream ON message_store.messages (stream_name, position);
CREATE OR REPLACE FUNCTION message_store.hash_64(value varchar) RETURNS bigint AS $$
DECLARE
  _hash bigint;
BEGIN
  SELECT left('x' || md5(hash_64.value), 17)::bit(64)::bigint INTO _hash;
  RETURN _hash;
END;
$$ LANGUAGE plpgsql IMMUTABLE;
CREATE OR REPLACE FUNCTION message_store.category(stream_name varchar) RETURNS varchar AS $$
BEGIN
  RETURN SPLIT_PART(category.stream_name, '-', 1);
END;
$$ LANGUAGE plpgsql IMMUTABLE;
CREATE OR REPLACE FUNCTION message_store.acquire_lock(stream_name varchar) RETURNS bigint AS $$
DECLARE
  _category varchar;
  _category_name_hash bigint;
BEGIN
  _category := message_store.category(acquire_lock.stream_name);
  _category_name_hash := message_store.hash_64(_category);
  PERFORM pg_advisory_xact_lock(_category_name_hash);
  RETURN _category_name_hash;
END;
$$ LANGUAGE plpgsql VOLATILE;
CREATE OR REPLACE FUNCTION message_store.stream_version(stream_name varchar) RETURNS bigint AS $$
DECLARE
  _stream_version bigint;
BEGIN
  SELECT max(position) INTO _stream_version FROM message_store.messages
    WHERE messages.stream_name = stream_version.stream_name;
  RETURN _stream_version;
END;
$$ LANGUAGE plpgsql VOLATILE;
CREATE OR REPLACE FUNCTION message_store.write_message(
  id varchar, stream_name varchar, type varchar, data jsonb, metadata jsonb DEFAULT NULL,
  expected_version bigint DEFAULT NULL) RETURNS bigint AS $$
DECLARE
  _message_id uuid;
  _stream_version bigint;
  _next_position bigint;
BEGIN
  PERFORM message_store.acquire_lock(write_message.stream_name);
  _stream_version := message_store.stream_version(write_message.stream_name);
  IF _stream_version IS NULL THEN
    _stream_version := -1;
  END IF;
  IF write_message.expected_version IS NOT NULL THEN
    IF write_message.expected_version != _stream_version THEN
      RAISE EXCEPTION 'Wrong expected version: % (Stream: %, Stream Version: %)',
        write_message.expected_version, write_message.stream_name, _stream_version;
    END IF;
  END IF;
  _next_position := _stream_version + 1;
  _message_id = uuid(write_message.id);
  INSERT INTO message_store.messages (id, stream_name, position, type, data, metadata)
    VALUES (_message_id, write_message.stream_name, _next_position, write_message.type,
            write_message.data, write_message.metadata);
  RETURN _next_position;
END;
$$ LANGUAGE plpgsql VOLATILE;
)sql";

// Another writer: a service appending through Message DB as it always does.
void writeMessage(PgConnection& db, const QString& id, const QString& stream, const QString& type,
                  std::optional<qint64> expected = std::nullopt)
{
    db.exec("SELECT message_store.write_message($1, $2, $3, $4::jsonb, NULL, NULLIF($5, '')::bigint)",
            {id.toUtf8(), stream.toUtf8(), type.toUtf8(), "{\"amount\": 10}",
             expected ? QByteArray::number(*expected) : QByteArray()});
}

// Appends to one stream the way Marten's quick append does (as in tst_livepgstores).
void martenAppend(PgConnection& db, const QString& streamId, const QString& aggregate, qint64 firstVersion,
                  const QStringList& types, int firstEventId)
{
    db.exec("BEGIN");
    db.exec("INSERT INTO mt_streams(id, type, version) VALUES ($1, $2, $3) "
            "ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            {streamId.toUtf8(), aggregate.toUtf8(), QByteArray::number(firstVersion + types.size() - 1)});
    for (int i = 0; i < types.size(); ++i) {
        db.exec("INSERT INTO mt_events(seq_id, id, stream_id, version, data, type, mt_dotnet_type) "
                "VALUES (nextval('mt_events_sequence'), $1, $2, $3, '{}'::jsonb, $4, $5)",
                {uuid(firstEventId + i).toUtf8(), streamId.toUtf8(), QByteArray::number(firstVersion + i),
                 types[i].toUtf8(), "Shop.Events." + types[i].toUtf8() + ", Shop"});
    }
    db.exec("COMMIT");
}

// Follows a store into a workspace until caught up: how a stream's versions get into the
// workspace that drafts are made in.
void followOnce(const QString& workspacePath, const QString& url)
{
    auto source = createLiveSource(url);
    Workspace workspace(workspacePath);
    FollowOptions options;
    options.untilCaughtUp = true;
    LiveFollower follower(workspace, *source, options);
    StopSignal stop;
    const FollowReport report = follower.run(stop);
    QVERIFY2(report.outcome == FollowReport::Outcome::CaughtUp, qPrintable(report.status.message));
}

// The stream's last version in a workspace (-1: no event): what a draft made now expects.
qint64 lastVersion(const QString& workspacePath, const QString& stream)
{
    qint64 last = -1;
    for (const Event& e : workspaceEvents(workspacePath)) {
        if (e.stream == stream)
            last = e.streamVersion;
    }
    return last;
}

Draft draftFor(const QString& stream, qint64 expectedVersion, const QString& type, const QByteArray& data,
               const QString& causationId = u"00000000-0000-4000-8000-00000000c0de"_s)
{
    Draft d;
    d.stream = stream;
    d.type = type;
    d.data = data;
    d.expectedVersion = expectedVersion;
    d.causationId = causationId;
    d.correlationId = u"corr-1"_s;
    d.reason = u"wrong amount"_s;
    d.author = u"ada"_s;
    d.origin = u"manual"_s;
    return d;
}

std::vector<Draft> addDrafts(const QString& workspacePath, std::vector<Draft> drafts)
{
    Workspace workspace(workspacePath);
    return Drafts(workspace).add(std::move(drafts));
}

std::vector<Draft> storedDrafts(const QString& workspacePath)
{
    Workspace workspace(workspacePath, Workspace::OpenMode::ExistingOnly);
    return Drafts(workspace).all();
}

QStringList auditActions(const QString& workspacePath, qint64 draftId)
{
    Workspace workspace(workspacePath, Workspace::OpenMode::ExistingOnly);
    QStringList actions;
    for (const DraftAuditEntry& entry : Drafts(workspace).audit(draftId))
        actions << entry.action;
    return actions;
}

// Appends and expects a conflict; returns it.
std::vector<VersionConflict> appendConflict(const QString& workspacePath, const QString& target,
                                            const std::vector<Draft>& drafts)
{
    Workspace workspace(workspacePath, Workspace::OpenMode::ExistingOnly);
    try {
        appendDrafts(workspace, target, drafts, u"bob"_s);
    } catch (const AppendConflictError& conflict) {
        return conflict.conflicts();
    } catch (const DraftAppendError& error) {
        qWarning("not a conflict: %s", qPrintable(error.message()));
        return {};
    }
    qWarning("the append went through");
    return {};
}

AppendPlan append(const QString& workspacePath, const QString& target, const std::vector<Draft>& drafts)
{
    Workspace workspace(workspacePath, Workspace::OpenMode::ExistingOnly);
    return appendDrafts(workspace, target, drafts, u"bob"_s);
}

// A workspace whose stream `stream` holds `count` events, versions 1..count.
void createWorkspace(const QString& path, const QString& stream, int count, const QString& idPrefix)
{
    Workspace workspace(path);
    ImportSession session(workspace, MergeOrder::Source);
    ImportRecord provenance;
    provenance.path = path;
    provenance.label = u"fixture"_s;
    provenance.format = u"test"_s;
    session.beginSource(provenance);
    for (int i = 1; i <= count; ++i) {
        Event e = makeEvent(stream, u"InvoiceIssued"_s, 1740823200000000 + i, idPrefix + QString::number(i));
        e.data = "{\"total\": " + QByteArray::number(i * 100) + "}";
        session.add(e);
    }
    session.endSource(0, {});
    session.commit();
}

qint64 count(PgConnection& db, const char* sql)
{
    return db.exec(sql).int64(0, 0);
}

QJsonObject jsonOf(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class TestDraftAppend : public QObject
{
    Q_OBJECT

    PgServer m_server;
    QTemporaryDir m_dir;
    int m_workspaces = 0;

    PgConnection createDatabase(const QString& name)
    {
        m_server.connect().exec((u"CREATE DATABASE "_s + name).toUtf8().constData());
        return m_server.connect(name);
    }

    PgConnection createMessageDb(const QString& name)
    {
        auto db = createDatabase(name);
        m_server.createMessageStore(name);
        db.execScript(messageDbFunctions);
        return db;
    }

    QString newWorkspacePath() { return m_dir.filePath(u"ws%1.eventscope"_s.arg(++m_workspaces)); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!PgServer::installed())
            QSKIP("PostgreSQL 15 is not installed (scripts/setup installs postgresql-15)");
        QString error;
        QVERIFY2(m_server.start(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.stop(); }

    // Drafts made in a workspace that follows a Message DB store go out through write_message with
    // the versions the workspace saw (Message DB's own, 0-based); following again brings them back.
    void messageDb()
    {
        auto db = createMessageDb(u"mdb"_s);
        writeMessage(db, uuid(1), u"account-1"_s, u"Opened"_s);
        writeMessage(db, uuid(2), u"account-1"_s, u"Deposited"_s);
        const QString url = m_server.url(u"layout=messagedb"_s, u"mdb"_s);
        const QString ws = newWorkspacePath();
        followOnce(ws, url);
        QCOMPARE(lastVersion(ws, u"account-1"_s), 1);

        const auto drafts =
            addDrafts(ws, {draftFor(u"account-1"_s, lastVersion(ws, u"account-1"_s), u"DepositCorrected"_s,
                                    "{\"amount\": -10}", uuid(2)),
                           draftFor(u"account-1"_s, lastVersion(ws, u"account-1"_s), u"FeeCharged"_s,
                                    "{\"fee\": 1}", uuid(2)),
                           draftFor(u"account-2"_s, lastVersion(ws, u"account-2"_s), u"Opened"_s, "{}")});
        const AppendPlan written = append(ws, url, drafts);
        QCOMPARE(written.store, u"messagedb"_s);
        QCOMPARE(written.events.size(), size_t(3));
        QCOMPARE(written.events[0].expectedVersion, 1);
        QCOMPARE(written.events[0].event.streamVersion, 2);
        QCOMPARE(written.events[1].expectedVersion, 2);
        QCOMPARE(written.events[1].event.streamVersion, 3);
        QCOMPARE(written.events[2].expectedVersion, -1);
        QCOMPARE(written.events[2].event.streamVersion, 0);
        QCOMPARE(written.events[0].event.position, 3);
        QCOMPARE(written.events[2].event.position, 5);

        const PgResult rows =
            db.exec("SELECT id::text, stream_name, position, type, data::text, metadata::text "
                    "FROM message_store.messages WHERE global_position > 2 ORDER BY global_position");
        QCOMPARE(rows.rows(), 3);
        QCOMPARE(rows.text(0, 0), drafts[0].eventId);
        QCOMPARE(rows.text(0, 1), u"account-1"_s);
        QCOMPARE(rows.int64(0, 2), 2);
        QCOMPARE(rows.int64(1, 2), 3);
        QCOMPARE(rows.text(1, 3), u"FeeCharged"_s);
        QCOMPARE(rows.text(2, 1), u"account-2"_s);
        QCOMPARE(rows.int64(2, 2), 0);
        QCOMPARE(jsonOf(rows.text(0, 4)).value("amount"_L1).toInt(), -10);
        const QJsonObject metadata = jsonOf(rows.text(0, 5));
        QCOMPARE(metadata.value("causationId"_L1).toString(), uuid(2));
        QCOMPARE(metadata.value("correlationId"_L1).toString(), u"corr-1"_s);
        QCOMPARE(metadata.value("reason"_L1).toString(), u"wrong amount"_s);

        for (const Draft& d : storedDrafts(ws))
            QCOMPARE(statusName(d.status), u"appended"_s);
        QCOMPARE(auditActions(ws, drafts[0].id), (QStringList{u"drafted"_s, u"appended"_s}));
        {
            Workspace workspace(ws, Workspace::OpenMode::ExistingOnly);
            const auto trail = Drafts(workspace).audit(drafts[1].id);
            QCOMPARE(trail.back().author, u"bob"_s);
            QVERIFY2(trail.back().detail.endsWith(u"account-1 version 3 at position 4"_s),
                     qPrintable(trail.back().detail));
            QVERIFY2(trail.back().detail.startsWith(u"postgresql://eventscope@127.0.0.1:"_s),
                     qPrintable(trail.back().detail));
        }

        // What was appended comes back on the next follow, with the same ids and versions.
        followOnce(ws, url);
        const auto events = workspaceEvents(ws);
        QCOMPARE(events.size(), size_t(5));
        QCOMPARE(events[3].id, drafts[1].eventId);
        QCOMPARE(events[3].streamVersion, 3);
        QCOMPARE(lastVersion(ws, u"account-2"_s), 0);

        // Appended drafts are history: they do not go twice.
        Workspace workspace(ws, Workspace::OpenMode::ExistingOnly);
        QVERIFY_THROWS_EXCEPTION(DraftAppendError, appendDrafts(workspace, url, drafts, u"bob"_s));
        QCOMPARE(count(db, "SELECT count(*) FROM message_store.messages"), 5);
    }

    // Another writer appended after the drafts were made: nothing is written (not even to the
    // streams that did not move), every moved stream is named with expected and actual versions,
    // the drafts stay drafts with the conflict recorded.
    void messageDbConflict()
    {
        auto db = createMessageDb(u"mdbconflict"_s);
        writeMessage(db, uuid(1), u"account-1"_s, u"Opened"_s);
        writeMessage(db, uuid(2), u"account-2"_s, u"Opened"_s);
        const QString url = m_server.url(u"layout=messagedb"_s, u"mdbconflict"_s);
        const QString ws = newWorkspacePath();
        followOnce(ws, url);
        const auto drafts = addDrafts(ws, {draftFor(u"account-1"_s, 0, u"Corrected"_s, "{}"),
                                           draftFor(u"account-2"_s, 0, u"Corrected"_s, "{}"),
                                           draftFor(u"account-3"_s, -1, u"Opened"_s, "{}")});
        writeMessage(db, uuid(3), u"account-1"_s, u"Deposited"_s, 0);
        writeMessage(db, uuid(4), u"account-3"_s, u"Opened"_s, -1);

        const auto conflicts = appendConflict(ws, url, drafts);
        QCOMPARE(conflicts.size(), size_t(2));
        QCOMPARE(conflicts[0].stream, u"account-1"_s);
        QCOMPARE(conflicts[0].expected, 0);
        QCOMPARE(conflicts[0].actual, 1);
        QCOMPARE(conflicts[1].stream, u"account-3"_s);
        QCOMPARE(conflicts[1].expected, -1);
        QCOMPARE(conflicts[1].actual, 0);
        QCOMPARE(count(db, "SELECT count(*) FROM message_store.messages"), 4);

        const auto stored = storedDrafts(ws);
        for (const Draft& d : stored) {
            QCOMPARE(d.status, DraftStatus::Draft);
            QVERIFY2(
                d.conflict.contains(u"account-1: the drafts expect version 0, the stream has version 1"_s),
                qPrintable(d.conflict));
        }
        QCOMPARE(auditActions(ws, drafts[1].id), (QStringList{u"drafted"_s, u"conflict"_s}));
    }

    // Drafts of one stream made against different states of it never leave: a conflict before
    // anything is sent.
    void inconsistentDraftsAreAConflict()
    {
        auto db = createMessageDb(u"mdbinconsistent"_s);
        writeMessage(db, uuid(1), u"account-1"_s, u"Opened"_s);
        writeMessage(db, uuid(2), u"account-1"_s, u"Deposited"_s);
        const QString ws = newWorkspacePath();
        createWorkspace(ws, u"other"_s, 1, u"x-"_s);
        const auto drafts = addDrafts(ws, {draftFor(u"account-1"_s, 0, u"Corrected"_s, "{}"),
                                           draftFor(u"account-1"_s, 1, u"Corrected"_s, "{}")});
        const auto conflicts =
            appendConflict(ws, m_server.url(u"layout=messagedb"_s, u"mdbinconsistent"_s), drafts);
        QCOMPARE(conflicts.size(), size_t(1));
        QCOMPARE(conflicts[0].stream, u"account-1"_s);
        QCOMPARE(count(db, "SELECT count(*) FROM message_store.messages"), 2);
        QCOMPARE(storedDrafts(ws)[0].status, DraftStatus::Draft);
    }

    // Marten: versions 1-based as in the workspace; the stream row locked and its version moved;
    // a new stream "<type>-<uuid>" created with its aggregate type; a conflict writes nothing.
    void marten()
    {
        auto db = createDatabase(u"marten"_s);
        m_server.createMarten(u"marten"_s);
        const QString order = uuid(900);
        martenAppend(db, order, u"order"_s, 1, {u"OrderPlaced"_s, u"OrderPaid"_s}, 1);
        const QString url = m_server.url(u"layout=marten"_s, u"marten"_s);
        const QString ws = newWorkspacePath();
        followOnce(ws, url);
        const QString orderStream = u"order-"_s + order;
        QCOMPARE(lastVersion(ws, orderStream), 2);
        const QString cartStream = u"cart-"_s + uuid(901);
        const auto drafts =
            addDrafts(ws, {draftFor(orderStream, 2, u"OrderRefunded"_s, "{\"amount\": 5}", uuid(2)),
                           draftFor(cartStream, -1, u"CartOpened"_s, "{}")});

        const AppendPlan written = append(ws, url, drafts);
        QCOMPARE(written.events[0].event.streamVersion, 3);
        QCOMPARE(written.events[1].event.streamVersion, 1);
        QCOMPARE(written.events[0].event.position, 3); // mt_events_sequence
        const PgResult rows =
            db.exec("SELECT id::text, stream_id::text, version, type, data::text FROM mt_events "
                    "WHERE seq_id > 2 ORDER BY seq_id");
        QCOMPARE(rows.rows(), 2);
        QCOMPARE(rows.text(0, 0), drafts[0].eventId);
        QCOMPARE(rows.text(0, 1), order);
        QCOMPARE(rows.int64(0, 2), 3);
        QCOMPARE(rows.text(0, 3), u"OrderRefunded"_s);
        QCOMPARE(rows.text(1, 1), uuid(901));
        QCOMPARE(rows.int64(1, 2), 1);
        const PgResult streams = db.exec("SELECT id::text, type, version FROM mt_streams ORDER BY id");
        QCOMPARE(streams.rows(), 2);
        QCOMPARE(streams.int64(0, 2), 3);
        QCOMPARE(streams.text(1, 1), u"cart"_s);
        QCOMPARE(streams.int64(1, 2), 1);

        // Followed back: the same streams and versions.
        followOnce(ws, url);
        QCOMPARE(lastVersion(ws, orderStream), 3);
        QCOMPARE(lastVersion(ws, cartStream), 1);

        // Another writer moves the order; a draft on it and one on a new stream go nowhere.
        const auto late = addDrafts(ws, {draftFor(orderStream, 3, u"OrderNoted"_s, "{}"),
                                         draftFor(u"cart-"_s + uuid(902), -1, u"CartOpened"_s, "{}")});
        martenAppend(db, order, u"order"_s, 4, {u"OrderShipped"_s}, 10);
        const auto conflicts = appendConflict(ws, url, late);
        QCOMPARE(conflicts.size(), size_t(1));
        QCOMPARE(conflicts[0].stream, orderStream);
        QCOMPARE(conflicts[0].expected, 3);
        QCOMPARE(conflicts[0].actual, 4);
        QCOMPARE(count(db, "SELECT count(*) FROM mt_events"), 5);
        QCOMPARE(count(db, "SELECT count(*) FROM mt_streams"), 2); // the new cart's row rolled back
        QCOMPARE(count(db, "SELECT version FROM mt_streams WHERE type = 'order'"), 4);
    }

    void mappedTable_data()
    {
        QTest::addColumn<QString>("timeColumn");
        QTest::addColumn<QString>("timeUnit");
        QTest::addColumn<QString>("storedTime"); // the appended row's time, as text

        QTest::addRow("timestamptz") << u"timestamptz"_s << QString() << u"2025-03-01 10:00:00+00"_s;
        QTest::addRow("epoch ms") << u"bigint"_s << u"ms"_s << u"1740823200000"_s;
        QTest::addRow("epoch s") << u"double precision"_s << u"s"_s << u"1740823200"_s;
        QTest::addRow("rfc 3339 text") << u"text"_s << QString() << u"2025-03-01T10:00:00Z"_s;
    }

    // Any table through a mapping with a version column: serialised per stream, checked against
    // max(version), the mapped columns written, the time in the column's own kind.
    void mappedTable()
    {
        QFETCH(QString, timeColumn);
        QFETCH(QString, timeUnit);
        QFETCH(QString, storedTime);
        const QString name =
            u"mapped_"_s + QString::fromLatin1(QTest::currentDataTag()).remove(QLatin1Char(' '));
        auto db = createDatabase(name);
        db.exec("SET TimeZone = 'UTC'"); // how at::text prints a timestamp
        db.execScript(
            "CREATE SCHEMA audit; CREATE TABLE audit.events (seq bigserial PRIMARY KEY, agg text NOT "
            "NULL, kind text NOT NULL, at " +
            timeColumn.toUtf8() +
            " NOT NULL, rev integer NOT NULL, body jsonb, meta text, event_id text, "
            "UNIQUE (agg, rev))");
        const QByteArray fixtureTime = timeColumn == QLatin1String("timestamptz") ? "'2025-03-01 09:00:00+00'"
                                       : timeColumn == QLatin1String("text")      ? "'2025-03-01T09:00:00Z'"
                                                                                  : "1";
        db.execScript("INSERT INTO audit.events(agg, kind, at, rev, body) VALUES ('invoice-1', 'Issued', " +
                      fixtureTime + ", 1, '{\"total\": 5}'), ('invoice-1', 'Paid', " + fixtureTime +
                      ", 2, '{}')");
        QString query = u"table=audit.events&position=seq&stream=agg&type=kind&time=at&version=rev&data=body&"
                        "metadata=meta&id=event_id"_s;
        if (!timeUnit.isEmpty())
            query += u"&time_unit="_s + timeUnit;
        const QString url = m_server.url(query, name);
        const QString ws = newWorkspacePath();
        createWorkspace(ws, u"other"_s, 1, u"x-"_s);
        const auto drafts = addDrafts(ws, {draftFor(u"invoice-1"_s, 2, u"Corrected"_s, "{\"total\": -5}")});

        // The plan says what goes where; the append writes it at the plan's time.
        AppendPlan plan = planAppend(url, drafts, 1740823200000000);
        QCOMPARE(plan.store, u"table"_s);
        QCOMPARE(plan.events.front().event.streamVersion, 3);
        QCOMPARE(plan.events.front().expectedVersion, 2);
        QVERIFY(!plan.target.display.contains(u"password"_s));
        const std::vector<Event> written = appendToPostgres(plan.target.url, drafts, 1740823200000000);
        QCOMPARE(written.front().position, 3);
        const PgResult row = db.exec("SELECT agg, kind, at::text, rev, body::text, meta, event_id FROM "
                                     "audit.events WHERE seq = 3");
        QCOMPARE(row.rows(), 1);
        QCOMPARE(row.text(0, 0), u"invoice-1"_s);
        QCOMPARE(row.text(0, 1), u"Corrected"_s);
        QCOMPARE(row.text(0, 2), storedTime);
        QCOMPARE(row.int64(0, 3), 3);
        QCOMPARE(jsonOf(row.text(0, 4)).value("total"_L1).toInt(), -5);
        QCOMPARE(jsonOf(row.text(0, 5)).value("causationId"_L1).toString(), drafts[0].causationId);
        QCOMPARE(row.text(0, 6), drafts[0].eventId);

        // The same drafts again: the stream is at 3 now.
        try {
            appendToPostgres(plan.target.url, drafts, 1740823200000000);
            QFAIL("appended twice");
        } catch (const AppendConflictError& conflict) {
            QCOMPARE(conflict.conflicts().size(), size_t(1));
            QCOMPARE(conflict.conflicts()[0].expected, 2);
            QCOMPARE(conflict.conflicts()[0].actual, 3);
        }
        QCOMPARE(count(db, "SELECT count(*) FROM audit.events"), 3);
    }

    // A mapping without a version column cannot check anything: refused, with the reason.
    void mappedTableWithoutVersion()
    {
        auto db = createDatabase(u"noversion"_s);
        db.execScript("CREATE TABLE events (seq bigserial PRIMARY KEY, agg text, kind text, at timestamptz)");
        const QString ws = newWorkspacePath();
        createWorkspace(ws, u"other"_s, 1, u"x-"_s);
        const auto drafts = addDrafts(ws, {draftFor(u"invoice-1"_s, -1, u"Corrected"_s, "{}")});
        Workspace workspace(ws, Workspace::OpenMode::ExistingOnly);
        try {
            appendDrafts(
                workspace,
                m_server.url(u"table=events&position=seq&stream=agg&type=kind&time=at"_s, u"noversion"_s),
                drafts, u"bob"_s);
            QFAIL("appended without a version column");
        } catch (const DraftAppendError& error) {
            QVERIFY2(error.message().contains(u"no version column (version=)"_s),
                     qPrintable(error.message()));
        }
        QCOMPARE(count(db, "SELECT count(*) FROM events"), 0);
        QCOMPARE(Drafts(workspace).all().front().status, DraftStatus::Draft);
    }

    void workspaceTarget_data()
    {
        QTest::addColumn<bool>("sameWorkspace");
        QTest::addColumn<QString>("spelling"); // "path", "file", "sqlite"
        QTest::addRow("the drafts' own workspace") << true << u"path"_s;
        QTest::addRow("another workspace") << false << u"path"_s;
        QTest::addRow("another workspace, file://") << false << u"file"_s;
        QTest::addRow("another workspace, sqlite://") << false << u"sqlite"_s;
    }

    // A workspace file: its versions checked in its own transaction; the drafts' own workspace
    // gets the events and the drafts' new status together. Then a conflict: nothing written.
    void workspaceTarget()
    {
        QFETCH(bool, sameWorkspace);
        QFETCH(QString, spelling);
        const QString ws = newWorkspacePath();
        createWorkspace(ws, u"invoice-7"_s, 2, u"inv-"_s);
        const QString targetPath = sameWorkspace ? ws : newWorkspacePath();
        if (!sameWorkspace)
            createWorkspace(targetPath, u"invoice-7"_s, 2, u"other-"_s);
        const QString target = spelling == QLatin1String("file")     ? u"file://"_s + targetPath
                               : spelling == QLatin1String("sqlite") ? u"sqlite://"_s + targetPath
                                                                     : targetPath;
        const auto drafts = addDrafts(
            ws, {draftFor(u"invoice-7"_s, 2, u"InvoiceCorrected"_s, "{\"total\": -200}", u"inv-2"_s),
                 draftFor(u"invoice-8"_s, -1, u"InvoiceIssued"_s, "{\"total\": 1}")});
        const AppendPlan written = append(ws, target, drafts);
        QCOMPARE(written.store, u"workspace"_s);
        QCOMPARE(written.target.display, QFileInfo(targetPath).absoluteFilePath());
        QCOMPARE(written.events[0].event.streamVersion, 3);
        QCOMPARE(written.events[0].event.position, 3);
        QCOMPARE(written.events[1].event.streamVersion, 1);
        const auto events = workspaceEvents(targetPath);
        QCOMPARE(events.size(), size_t(4));
        QCOMPARE(events[2].id, drafts[0].eventId);
        QCOMPARE(events[2].streamVersion, 3);
        QCOMPARE(events[3].stream, u"invoice-8"_s);
        for (const Draft& d : storedDrafts(ws))
            QCOMPARE(d.status, DraftStatus::Appended);
        {
            Workspace workspace(ws, Workspace::OpenMode::ExistingOnly);
            QVERIFY2(Drafts(workspace)
                         .audit(drafts[0].id)
                         .back()
                         .detail.endsWith(u"invoice-7 version 3 at position 3"_s),
                     qPrintable(Drafts(workspace).audit(drafts[0].id).back().detail));
        }

        // Drafted at version 3; the stream then moves (another correction goes in first).
        const auto late = addDrafts(ws, {draftFor(u"invoice-7"_s, 3, u"InvoiceNoted"_s, "{}")});
        {
            Workspace targetWorkspace(targetPath, Workspace::OpenMode::ExistingOnly);
            Draft paid = draftFor(u"invoice-7"_s, 3, u"InvoicePaid"_s, "{}");
            paid.eventId = newDraftEventId();
            appendToWorkspace(targetWorkspace, {paid}, 1740823300000000);
        }
        const auto conflicts = appendConflict(ws, target, late);
        QCOMPARE(conflicts.size(), size_t(1));
        QCOMPARE(conflicts[0].expected, 3);
        QCOMPARE(conflicts[0].actual, 4);
        QCOMPARE(workspaceEvents(targetPath).size(), size_t(5));
        Workspace workspace(ws, Workspace::OpenMode::ExistingOnly);
        const Draft stored = *Drafts(workspace).find(late[0].id);
        QCOMPARE(stored.status, DraftStatus::Draft);
        QVERIFY(stored.conflict.contains(u"invoice-7"_s));
    }

    void badTargets_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("error");
        QTest::addRow("nats") << u"nats://127.0.0.1:4222?stream=ORDERS"_s << u"not to nats://"_s;
        QTest::addRow("eventsourcing") << u"sqlite:///tmp/x.db?layout=eventsourcing"_s
                                       << u"not to a SQLite store of layout=eventsourcing"_s;
        QTest::addRow("password") << u"postgresql://u:secret@127.0.0.1/db?layout=messagedb"_s
                                  << u"a password in the URL is not accepted"_s;
        QTest::addRow("empty") << QString() << u"no target"_s;
    }

    void badTargets()
    {
        QFETCH(QString, target);
        QFETCH(QString, error);
        QString message;
        QVERIFY(!parseAppendTarget(target, &message));
        QVERIFY2(message.contains(error), qPrintable(message));
        QVERIFY(!message.contains(u"secret"_s));
    }

    // `eventscope-cli append` as a script runs it: --dry-run writes nothing and says what would
    // go where; append prints what was written; a conflict exits 3 and shows in `drafts`.
    void cli()
    {
        auto db = createMessageDb(u"mdbcli"_s);
        writeMessage(db, uuid(1), u"account-1"_s, u"Opened"_s);
        const QString url = m_server.url(u"layout=messagedb"_s, u"mdbcli"_s);
        const QString ws = newWorkspacePath();
        followOnce(ws, url);
        const auto drafts = addDrafts(ws, {draftFor(u"account-1"_s, 0, u"Corrected"_s, "{\"amount\": -1}"),
                                           draftFor(u"account-2"_s, -1, u"Opened"_s, "{}")});

        const auto usage = runCli({u"append"_s, ws, u"--to"_s, url});
        QCOMPARE(usage.exitCode, 2);
        QVERIFY2(usage.err.contains(u"--drafts is needed"_s), qPrintable(describe(usage)));

        const auto dry = runCli({u"append"_s, ws, u"--drafts"_s, u"--to"_s, url, u"--dry-run"_s});
        QVERIFY2(dry.exitCode == 0, qPrintable(describe(dry)));
        const QJsonObject plan = jsonOf(dry.out);
        QCOMPARE(plan.value("dryRun"_L1).toBool(), true);
        QCOMPARE(plan.value("store"_L1).toString(), u"messagedb"_s);
        QCOMPARE(plan.value("target"_L1).toString(), url);
        const QJsonArray planned = plan.value("events"_L1).toArray();
        QCOMPARE(planned.size(), 2);
        QCOMPARE(planned[0].toObject().value("expectedVersion"_L1).toInt(), 0);
        QCOMPARE(planned[0].toObject().value("version"_L1).toInt(), 1);
        QCOMPARE(planned[0].toObject().value("id"_L1).toString(), drafts[0].eventId);
        QCOMPARE(planned[0].toObject().value("data"_L1).toObject().value("amount"_L1).toInt(), -1);
        QCOMPARE(planned[1].toObject().value("expectedVersion"_L1).toInt(), -1);
        QCOMPARE(planned[1].toObject().value("version"_L1).toInt(), 0);
        QVERIFY(!planned[0].toObject().contains("position"_L1));
        QCOMPARE(count(db, "SELECT count(*) FROM message_store.messages"), 1);

        const auto one = runCli({u"append"_s, ws, u"--drafts"_s, u"--to"_s, url, u"--id"_s,
                                 QString::number(drafts[0].id), u"--author"_s, u"carol"_s});
        QVERIFY2(one.exitCode == 0, qPrintable(describe(one)));
        const QJsonArray events = jsonOf(one.out).value("events"_L1).toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].toObject().value("position"_L1).toInt(), 2);
        QCOMPARE(events[0].toObject().value("version"_L1).toInt(), 1);
        QCOMPARE(count(db, "SELECT count(*) FROM message_store.messages"), 2);
        QCOMPARE(storedDrafts(ws)[0].status, DraftStatus::Appended);
        QCOMPARE(storedDrafts(ws)[1].status, DraftStatus::Draft);

        const auto again = runCli(
            {u"append"_s, ws, u"--drafts"_s, u"--to"_s, url, u"--id"_s, QString::number(drafts[0].id)});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(u"was appended already"_s), qPrintable(describe(again)));

        // Someone opens account-2 first: the pending draft conflicts, exit 3, nothing written.
        writeMessage(db, uuid(5), u"account-2"_s, u"Opened"_s, -1);
        const auto conflict = runCli({u"append"_s, ws, u"--drafts"_s, u"--to"_s, url});
        QCOMPARE(conflict.exitCode, 3);
        QVERIFY2(conflict.err.contains(u"account-2: the drafts expect no event, the stream has version 0"_s),
                 qPrintable(describe(conflict)));
        QVERIFY(conflict.out.isEmpty());
        QCOMPARE(count(db, "SELECT count(*) FROM message_store.messages"), 3);
        const auto listed = runCli({u"drafts"_s, ws});
        QVERIFY2(listed.exitCode == 0, qPrintable(describe(listed)));
        const QJsonArray list = jsonOf(listed.out).value("drafts"_L1).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].toObject().value("status"_L1).toString(), u"appended"_s);
        QCOMPARE(list[1].toObject().value("status"_L1).toString(), u"draft"_s);
        QVERIFY(list[1].toObject().value("conflict"_L1).toString().contains(u"account-2"_s));
    }
};

QTEST_GUILESS_MAIN(TestDraftAppend)
#include "tst_draftappend.moc"
