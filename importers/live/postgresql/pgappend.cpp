#include "pgappend.h"

#include "compensation/appendconflict.h"
#include "compensation/workspaceappend.h"
#include "liveerror.h"
#include "pgcolumns.h"
#include "pgconnection.h"
#include "pglayout.h"
#include "pglivesource.h"
#include "timeformat.h"

#include <QHash>
#include <QSet>
#include <QUuid>

#include <map>
#include <tuple>

namespace eventscope::importers::live {
namespace {

using compensation::AppendConflictError;
using compensation::Draft;
using compensation::VersionConflict;

QString storeLabel(const SourceUrl& url)
{
    QString where = url.database;
    if (!url.host.isEmpty())
        where += QLatin1Char('@') + url.host +
                 (url.port > 0 ? QLatin1Char(':') + QString::number(url.port) : QString());
    const QString what = url.layout == SourceUrl::Layout::Table ? url.parameter(QStringLiteral("table"))
                                                                : SourceUrl::layoutName(url.layout);
    return QStringLiteral("%1 (%2)").arg(where, what);
}

PgConnection connectTo(const SourceUrl& url)
{
    return PgConnection(pgConnectionParameters(url), storeLabel(url));
}

// Thrown when COMMIT itself failed because the connection went: the server may have committed.
class CommitUnknown : public std::runtime_error
{
public:
    explicit CommitUnknown(const QString& message) : std::runtime_error(message.toStdString()) {}
};

// BEGIN ... COMMIT, rolled back unless committed. Times are written in UTC whatever the server's
// TimeZone: a `timestamp without time zone` column then holds UTC, as Message DB's does.
class PgTransaction
{
public:
    explicit PgTransaction(PgConnection& db) : m_db(db)
    {
        m_db.exec("BEGIN");
        m_open = true;
        m_db.exec("SET LOCAL TimeZone = 'UTC'");
    }
    ~PgTransaction()
    {
        if (m_open) {
            try {
                m_db.exec("ROLLBACK");
            } catch (const LiveError&) {
                // The connection is gone, and the transaction with it.
            }
        }
    }
    PgTransaction(const PgTransaction&) = delete;
    PgTransaction& operator=(const PgTransaction&) = delete;

    void commit()
    {
        m_open = false;
        try {
            m_db.exec("COMMIT");
        } catch (const LiveError& error) {
            if (error.isTransient())
                throw CommitUnknown(error.message());
            throw;
        }
    }

private:
    PgConnection& m_db;
    bool m_open = false;
};

QByteArray utf8(const QString& text)
{
    return text.toUtf8();
}

QByteArray orEmptyObject(const QByteArray& json)
{
    return json.trimmed().isEmpty() ? QByteArrayLiteral("{}") : json;
}

// "timestamptz 'epoch' + us microseconds": exact, unlike to_timestamp(double).
std::string timeExpression(int parameter)
{
    return "('epoch'::timestamptz + $" + std::to_string(parameter) + "::bigint * interval '1 microsecond')";
}

// Message DB: through its own write_message(), which locks the stream, checks the expected version
// and numbers the message. Each call runs in a savepoint, so that a conflict on one stream is
// recorded and the others are still checked: the error then names every stream that moved.
void appendMessageDb(PgConnection& db, std::vector<Event>& events, const QHash<QString, qint64>& expected)
{
    if (db.exec(
              "SELECT to_regprocedure('message_store.write_message(varchar, varchar, varchar, jsonb, jsonb, "
              "bigint)')")
            .isNull(0, 0))
        throw LiveError(
            QStringLiteral("there is no function message_store.write_message(id, stream_name, type, "
                           "data, metadata, expected_version): is Message DB installed in this "
                           "database?"));
    PgTransaction transaction(db);
    std::vector<VersionConflict> conflicts;
    QSet<QString> moved;
    for (Event& e : events) {
        if (moved.contains(e.stream))
            continue;
        db.exec("SAVEPOINT eventscope_write");
        try {
            const PgResult written =
                db.exec("SELECT message_store.write_message($1, $2, $3, $4::jsonb, $5::jsonb, $6::bigint)",
                        {utf8(e.id), utf8(e.stream), utf8(e.type), e.data, orEmptyObject(e.metadata),
                         QByteArray::number(e.streamVersion - 1)});
            db.exec("RELEASE SAVEPOINT eventscope_write");
            e.streamVersion = written.int64(0, 0);
        } catch (const LiveError& error) {
            if (error.isTransient() || !error.message().contains(QLatin1String("Wrong expected version")))
                throw;
            db.exec("ROLLBACK TO SAVEPOINT eventscope_write");
            const PgResult version = db.exec(
                "SELECT max(position) FROM message_store.messages WHERE stream_name = $1", {utf8(e.stream)});
            conflicts.push_back({e.stream, expected.value(e.stream),
                                 version.rows() == 0 || version.isNull(0, 0) ? -1 : version.int64(0, 0)});
            moved.insert(e.stream);
            continue;
        }
        // write_message returns the stream position only; the global one and the time are the table's.
        const PgResult row = db.exec("SELECT global_position, (extract(epoch FROM time) * 1000000)::bigint "
                                     "FROM message_store.messages WHERE id = $1::uuid",
                                     {utf8(e.id)});
        e.position = row.int64(0, 0);
        e.timeUs = row.int64(0, 1);
    }
    if (!conflicts.empty())
        throw AppendConflictError(std::move(conflicts));
    transaction.commit();
}

// A store whose append is checked here rather than by a function of its own: lock each stream,
// compare its version, insert.
class CheckedWriter
{
public:
    virtual ~CheckedWriter() = default;
    // Locks the stream against other appends until the transaction ends; returns its last
    // version (-1: no event).
    virtual qint64 lockStream(const QString& stream) = 0;
    // Inserts the event; sets its position.
    virtual void insert(Event& event) = 0;
    // After the stream's events: what the store keeps beside them.
    virtual void finishStream(const QString& /*stream*/, qint64 /*lastVersion*/) {}
};

void appendChecked(PgConnection& db, CheckedWriter& writer, std::vector<Event>& events,
                   const QHash<QString, qint64>& expected)
{
    PgTransaction transaction(db);
    // Locks in one order (by name), so that two appends never wait for each other in a cycle.
    std::map<QString, qint64> streams;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it)
        streams.emplace(it.key(), it.value());
    std::vector<VersionConflict> conflicts;
    for (const auto& [stream, version] : streams) {
        const qint64 actual = writer.lockStream(stream);
        if (actual != version)
            conflicts.push_back({stream, version, actual});
    }
    if (!conflicts.empty())
        throw AppendConflictError(std::move(conflicts));
    std::map<QString, qint64> last;
    for (Event& e : events) {
        writer.insert(e);
        last[e.stream] = e.streamVersion;
    }
    for (const auto& [stream, version] : last)
        writer.finishStream(stream, version);
    transaction.commit();
}

// Marten's tables (see MartenLayout), what its append does: the stream row first (locked), the
// events numbered by mt_events_sequence, the stream's version last.
class MartenWriter : public CheckedWriter
{
public:
    MartenWriter(PgConnection& db, const QString& schema) : m_db(db), m_schema(quotePgIdentifier(schema))
    {
        m_sequence = QByteArray::fromStdString(m_schema) + ".mt_events_sequence";
        const auto events = pgColumns(db, schema + QStringLiteral(".mt_events"));
        m_uuidIds = pgColumns(db, schema + QStringLiteral(".mt_streams")).value(QStringLiteral("id")) ==
                    QLatin1String("uuid");
        m_insert =
            "INSERT INTO " + m_schema + ".mt_events(seq_id, id, stream_id, version, data, type, timestamp";
        std::string values = "VALUES (nextval($1), $2, $3, $4, $5::jsonb, $6, " + timeExpression(7);
        int parameter = 8;
        for (const char* column : {"causation_id", "correlation_id", "headers"}) {
            m_optional.push_back(events.contains(QLatin1String(column)));
            if (!m_optional.back())
                continue;
            m_insert += std::string(", ") + column;
            values += (column == std::string("headers") ? ", $" + std::to_string(parameter) + "::jsonb"
                                                        : ", NULLIF($" + std::to_string(parameter) + ", '')");
            ++parameter;
        }
        m_insert += ") " + values + ") RETURNING seq_id";
    }

    qint64 lockStream(const QString& stream) override
    {
        // Either spelling of an existing stream: "<type>-<id>" or the id alone.
        std::vector<std::pair<QString, QString>> candidates; // type, id
        for (qsizetype dash = stream.indexOf(QLatin1Char('-')); dash > 0;
             dash = stream.indexOf(QLatin1Char('-'), dash + 1))
            candidates.emplace_back(stream.left(dash), stream.mid(dash + 1));
        candidates.emplace_back(QString(), stream);
        const std::string lock =
            "SELECT coalesce(type, '') FROM " + m_schema + ".mt_streams WHERE id = $1 FOR UPDATE";
        QString id;
        for (const auto& [type, candidate] : candidates) {
            if (!fits(candidate))
                continue;
            const PgResult row = m_db.exec(lock, {utf8(candidate)});
            if (row.rows() > 0 && row.text(0, 0) == type) {
                id = candidate;
                break;
            }
        }
        if (id.isEmpty()) {
            // A new stream: the type before the first '-', the id after it, as Marten's are read.
            QString type;
            if (candidates.size() > 1 && fits(candidates.front().second))
                std::tie(type, id) = candidates.front();
            else if (fits(stream))
                id = stream;
            else
                throw LiveError(QStringLiteral("stream '%1' is no Marten stream: its id (after the aggregate "
                                               "type and '-') must be a uuid in this store")
                                    .arg(stream));
            // Created now (or waited for, when another append is creating it) and locked: a
            // concurrent first append is then a conflict, not a duplicate key.
            m_db.exec("INSERT INTO " + m_schema +
                          ".mt_streams(id, type) VALUES ($1, NULLIF($2, '')) "
                          "ON CONFLICT DO NOTHING",
                      {utf8(id), utf8(type)});
            m_db.exec(lock, {utf8(id)});
        }
        m_ids.insert(stream, id);
        const PgResult version =
            m_db.exec("SELECT max(version) FROM " + m_schema + ".mt_events WHERE stream_id = $1", {utf8(id)});
        return version.rows() == 0 || version.isNull(0, 0) ? -1 : version.int64(0, 0);
    }

    void insert(Event& e) override
    {
        std::vector<QByteArray> parameters{
            m_sequence, utf8(e.id),   utf8(m_ids.value(e.stream)), QByteArray::number(e.streamVersion),
            e.data,     utf8(e.type), QByteArray::number(e.timeUs)};
        if (m_optional[0])
            parameters.push_back(utf8(e.causationId));
        if (m_optional[1])
            parameters.push_back(utf8(e.correlationId));
        if (m_optional[2])
            parameters.push_back(orEmptyObject(e.metadata));
        e.position = m_db.exec(m_insert, parameters).int64(0, 0);
    }

    void finishStream(const QString& stream, qint64 lastVersion) override
    {
        m_db.exec("UPDATE " + m_schema + ".mt_streams SET version = $2, timestamp = now() WHERE id = $1",
                  {utf8(m_ids.value(stream)), QByteArray::number(lastVersion)});
    }

private:
    // Whether a text can be a stream id here (a uuid-keyed store errs on anything else).
    bool fits(const QString& id) const
    {
        return !id.isEmpty() && (!m_uuidIds || !QUuid::fromString(id).isNull());
    }

    PgConnection& m_db;
    std::string m_schema;
    QByteArray m_sequence;
    bool m_uuidIds = false;
    std::string m_insert;
    std::vector<bool> m_optional;  // causation_id, correlation_id, headers
    QHash<QString, QString> m_ids; // workspace stream -> mt_streams.id
};

bool isIntegerType(const QString& type)
{
    return type == QLatin1String("smallint") || type == QLatin1String("integer") ||
           type == QLatin1String("bigint");
}

bool isNumberType(const QString& type)
{
    return isIntegerType(type) || type == QLatin1String("numeric") || type == QLatin1String("real") ||
           type == QLatin1String("double precision");
}

// Any table through its mapping (see PgTableLayout): the columns the mapping names, the position
// left to the table (a bigserial or an identity).
class TableWriter : public CheckedWriter
{
public:
    TableWriter(PgConnection& db, const SourceUrl& url) : m_db(db)
    {
        const QString table = url.parameter(QStringLiteral("table"));
        const auto types = pgColumns(db, table);
        auto column = [&](const char* role) { return url.parameter(QLatin1String(role)); };
        m_stream = quotePgIdentifier(column("stream"));
        m_version = quotePgIdentifier(column("version"));
        m_table = qualifiedPgName(table);

        const QString timeType = types.value(column("time"));
        std::string timeValue = "$4";
        if (timeType.startsWith(QLatin1String("timestamp")) || timeType == QLatin1String("date")) {
            timeValue = timeExpression(4);
            m_time = Time::Timestamp;
        } else if (isNumberType(timeType)) {
            const QString unit = url.parameter(QStringLiteral("time_unit"));
            m_divisor = unit == QLatin1String("s") ? 1000000 : unit == QLatin1String("ms") ? 1000 : 1;
            if (unit.isEmpty())
                throw LiveError(QStringLiteral("time (column %1) is an epoch number: say its unit with "
                                               "time_unit=s|ms|us, so that appended events are written in it")
                                    .arg(column("time")));
            m_time = isIntegerType(timeType) ? Time::Integer : Time::Number;
        }
        std::string columns = m_stream + ", " + quotePgIdentifier(column("type")) + ", " +
                              quotePgIdentifier(column("time")) + ", " + m_version;
        std::string values = "$1, $2, " + timeValue + ", $3";
        int parameter = 5;
        for (const char* role : {"data", "metadata", "id"}) {
            m_optional.push_back(!column(role).isEmpty());
            if (!m_optional.back())
                continue;
            columns += ", " + quotePgIdentifier(column(role));
            values += ", $" + std::to_string(parameter++);
        }
        m_insert = "INSERT INTO " + m_table + "(" + columns + ") VALUES (" + values + ") RETURNING " +
                   quotePgIdentifier(column("position")) + "::bigint";
    }

    qint64 lockStream(const QString& stream) override
    {
        // The advisory lock orders Eventscope's own appends; the table lock keeps every other writer
        // out between reading the stream's last version and inserting after it.
        if (!m_tableLocked) {
            m_db.exec("LOCK TABLE " + m_table + " IN SHARE ROW EXCLUSIVE MODE");
            m_tableLocked = true;
        }
        m_db.exec("SELECT pg_advisory_xact_lock(hashtext($1))", {utf8(stream)});
        const PgResult version = m_db.exec("SELECT max(" + m_version + ")::bigint FROM " + m_table +
                                               " WHERE " + m_stream + " = $1",
                                           {utf8(stream)});
        return version.rows() == 0 || version.isNull(0, 0) ? -1 : version.int64(0, 0);
    }

    void insert(Event& e) override
    {
        QByteArray time;
        switch (m_time) {
        case Time::Timestamp:
            time = QByteArray::number(e.timeUs);
            break;
        case Time::Integer:
            time = QByteArray::number(e.timeUs / m_divisor);
            break;
        case Time::Number:
            time = QByteArray::number(double(e.timeUs) / double(m_divisor), 'f', 6);
            break;
        case Time::Text:
            time = formatTimestamp(e.timeUs).toUtf8();
            break;
        }
        std::vector<QByteArray> parameters{utf8(e.stream), utf8(e.type), QByteArray::number(e.streamVersion),
                                           time};
        if (m_optional[0])
            parameters.push_back(e.data);
        if (m_optional[1])
            parameters.push_back(orEmptyObject(e.metadata));
        if (m_optional[2])
            parameters.push_back(utf8(e.id));
        e.position = m_db.exec(m_insert, parameters).int64(0, 0);
    }

private:
    enum class Time
    {
        Timestamp,
        Integer,
        Number,
        Text
    };

    PgConnection& m_db;
    bool m_tableLocked = false;
    std::string m_table;
    std::string m_stream;
    std::string m_version;
    std::string m_insert;
    Time m_time = Time::Text;
    qint64 m_divisor = 1;
    std::vector<bool> m_optional; // data, metadata, id
};

} // namespace

qint64 pgFirstStreamVersion(const SourceUrl& url)
{
    return url.layout == SourceUrl::Layout::MessageDb ? 0 : 1;
}

QString pgAppendRefusal(const SourceUrl& url)
{
    if (url.layout == SourceUrl::Layout::Table && url.parameter(QStringLiteral("version")).isEmpty())
        return QStringLiteral("%1: the mapping has no version column (version=): an append could not check "
                              "that the streams did not move since the drafts were made, so it is refused")
            .arg(storeLabel(url));
    return {};
}

std::vector<Event> pgEventsForDrafts(const SourceUrl& url, const std::vector<Draft>& drafts, qint64 timeUs)
{
    // A new stream starts where this store starts its streams.
    std::vector<Event> events = compensation::eventsForDrafts(drafts, timeUs, pgFirstStreamVersion(url));
    for (Event& e : events)
        e.source = storeLabel(url);
    return events;
}

std::vector<Event> appendToPostgres(const SourceUrl& url, const std::vector<Draft>& drafts, qint64 timeUs)
{
    if (auto conflicts = compensation::inconsistentDrafts(drafts); !conflicts.empty())
        throw AppendConflictError(std::move(conflicts));
    std::vector<Event> events = pgEventsForDrafts(url, drafts, timeUs);
    if (events.empty())
        return events;
    QHash<QString, qint64> expected;
    for (const Draft& d : drafts) {
        if (!expected.contains(d.stream))
            expected.insert(d.stream, d.expectedVersion);
    }
    const QString label = storeLabel(url);
    try {
        if (const QString refusal = pgAppendRefusal(url); !refusal.isEmpty())
            throw LiveError(refusal);
        PgConnection db = connectTo(url);
        const auto layout = createPgLayout(url);
        layout->check(db);
        if (url.layout == SourceUrl::Layout::MessageDb) {
            appendMessageDb(db, events, expected);
        } else if (url.layout == SourceUrl::Layout::Marten) {
            MartenWriter writer(db, url.parameter(QStringLiteral("schema")).isEmpty()
                                        ? QStringLiteral("public")
                                        : url.parameter(QStringLiteral("schema")));
            appendChecked(db, writer, events, expected);
        } else {
            TableWriter writer(db, url);
            appendChecked(db, writer, events, expected);
        }
    } catch (const CommitUnknown& error) {
        throw LiveError(QStringLiteral("%1 (while committing: the events may have been written; look at the "
                                       "store before appending again)")
                            .arg(QString::fromUtf8(error.what())));
    } catch (const LiveError& error) {
        const QString message = error.message();
        throw LiveError((message.startsWith(label) ? message : label + QStringLiteral(": ") + message) +
                        QStringLiteral(" (nothing was written)"));
    }
    for (Event& e : events)
        e.source = label;
    return events;
}

} // namespace eventscope::importers::live
