#pragma once

#include "sqlite/database.h"

#include <QString>
#include <QStringList>

namespace eventscope::importers::live {

// What a SQLite file says about its tables, for layouts to check a source before reading it and
// to say precisely what is missing.
struct SqliteTableInfo
{
    // The columns of a table in order; empty when there is no such table.
    static QStringList columns(sqlite::Database& db, const QString& table);
    static QStringList tables(sqlite::Database& db);
    // True when the table has a rowid (not declared WITHOUT ROWID).
    static bool hasRowid(sqlite::Database& db, const QString& table);

    // Throws LiveError "FILE: no table 'x' (tables: ...)" or "FILE: table 'x' has no column 'y'
    // (columns: ...)" unless every named column is there ("rowid" is allowed when the table has
    // one).
    static void require(sqlite::Database& db, const QString& table, const QStringList& neededColumns);
};

} // namespace eventscope::importers::live
