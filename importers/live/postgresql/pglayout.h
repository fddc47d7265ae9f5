#pragma once

#include "sourceurl.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace eventscope::importers::live {

class PgConnection;

// How one kind of PostgreSQL store keeps its events, as SQL: PgLiveSource does the rest (reading
// up to a safe horizon, following, the envelope). Every layout's rows come in one shape:
//   0 position, 1 stream, 2 stream version (or NULL), 3 type, 4 time, 5 data, 6 metadata (a JSON
//   object or NULL), 7 id (or NULL), 8 causation id, 9 correlation id
// (libpq hands every value over as text), so that a row becomes an envelope the same way whatever
// the store. Column 0 is selected as it is, not cast: ORDER BY resolves a bare name to an output
// column first, and a position cast to text would sort "10" before "2".
class PgLayout
{
public:
    virtual ~PgLayout() = default;

    virtual QString name() const = 0; // "messagedb", "marten", "table"
    // The table appends go to, quoted and schema-qualified: where a NOTIFY trigger goes.
    virtual std::string table() const = 0;
    // The same, for messages: message_store.messages.
    virtual QString tableName() const = 0;
    // Checks that the database holds what this layout reads (and learns column types); throws
    // LiveError naming what is missing.
    virtual void check(PgConnection& db) = 0;
    // The position column, quoted, in table().
    virtual std::string positionColumn() const = 0;
    // Rows with $1 < position <= $2, in position order, at most $3; with a category, $4 is it.
    virtual std::string rowsSql(bool withCategory) const = 0;

    enum class TimeKind
    {
        Micros, // column 4 is microseconds since the epoch (the server converted a timestamp)
        Epoch,  // an epoch number in the unit the URL gives (time_unit) or by magnitude
        Text    // RFC 3339 text
    };
    virtual TimeKind timeKind() const { return TimeKind::Micros; }
    virtual QString timeUnit() const { return {}; }
    // Whether columns 5 and 6 may be text that is not JSON (a mapped text column): then they are
    // checked.
    virtual bool checkJson() const { return false; }
    // Reading a store in place (PgEventStore), with the store's own indexes:
    // the ten columns above FROM the table (and what it joins), without a WHERE;
    virtual std::string selectSql() const = 0;
    // the FROM part alone, for queries that choose their own columns;
    virtual std::string fromSql() const { return table(); }
    // the position column as those name it ("e.seq_id" where the table has an alias);
    virtual std::string positionExpr() const { return positionColumn(); }
    // the envelope's stream and type as text, and its time in microseconds (bigint);
    virtual std::string streamExpr() const = 0;
    virtual std::string typeExpr() const = 0;
    virtual std::string timeMicrosExpr() const = 0;
    // a condition selecting one stream's events (its parameters appended to `parameters`, numbered
    // after those already there) and the order of a stream's events;
    virtual std::string streamCondition(const QString& stream, std::vector<QByteArray>& parameters) const;
    virtual std::string streamOrderExpr() const { return positionExpr(); }
    // the stream version and the correlation id, "NULL" where the store has none;
    virtual std::string versionExpr() const { return "NULL"; }
    virtual std::string correlationExpr() const { return "NULL"; }
    // a condition selecting the event with this id, or empty when no event of the store can have it
    // (a store whose ids are UUIDs asked for another id).
    virtual std::string idCondition(const QString& id, std::vector<QByteArray>& parameters) const = 0;

    // How messages name a column that is bad in a row ("stream_name", "the column kind").
    virtual QString columnName(int column) const = 0;
    // For ids a layout has no column for: "db/events:".
    virtual QString idPrefix() const { return {}; }
};

// The layout a postgresql:// URL names.
std::unique_ptr<PgLayout> createPgLayout(const SourceUrl& url);

// An identifier quoted for SQL: "name" with inner quotes doubled; "schema.table" names are not
// split (see qualifiedName).
std::string quotePgIdentifier(const QString& name);
// "schema.table" or "table" (in public), each part quoted.
std::string qualifiedPgName(const QString& name);
// "$N" for the parameter just appended to `parameters`.
std::string pgParameter(std::vector<QByteArray>& parameters, const QByteArray& value);
// An array parameter of bigints: "{1,2,3}".
QByteArray pgBigintArray(const std::vector<qint64>& values);
// Whether text is a UUID as PostgreSQL reads one (8-4-4-4-12 hex digits).
bool isUuidText(const QString& text);
// The time expression of a column holding a timestamp, an epoch number in `unit` (s, ms, us, or
// empty: by magnitude, as the importers decide), or RFC 3339 text: microseconds, bigint.
std::string pgTimeMicros(const std::string& column, PgLayout::TimeKind kind, const QString& unit);

} // namespace eventscope::importers::live
