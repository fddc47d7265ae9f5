#pragma once

#include "event.h"
#include "sqlite/database.h"

#include <QString>

#include <string>

namespace eventscope::importers::live {

// How one kind of SQLite store keeps its events: the query that reads rows after a position, the
// one that finds the last position, and how a row becomes an envelope. SqliteLiveSource does the
// rest (connection, polling, errors).
class SqliteLayout
{
public:
    virtual ~SqliteLayout() = default;

    virtual QString name() const = 0; // "eventsourcing", "eventscope", "table"
    // Checks that the file holds what this layout reads; throws LiveError naming what is missing.
    virtual void check(sqlite::Database& db) = 0;
    // Rows with position > ?1, in position order, at most ?2; column 0 is the position.
    virtual std::string selectSql() const = 0;
    // One row: the last position, NULL when there are no rows.
    virtual std::string headSql() const = 0;
    // How messages name a row: "rowid", "position", or the mapped position column.
    virtual QString placeName() const = 0;

    struct Row
    {
        Event event;
        QString error;   // non-empty: the row is bad and yields no event
        QString warning; // non-empty: the event is kept, with this remark
    };
    // Turns one row of selectSql() into an event.
    virtual void convert(const sqlite::Statement& row, Row& out) = 0;
};

// An identifier (table or column name) quoted for SQL: "name" with inner quotes doubled.
std::string quoteIdentifier(const QString& name);

} // namespace eventscope::importers::live
