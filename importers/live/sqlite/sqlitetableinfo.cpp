#include "sqlitetableinfo.h"

#include "liveerror.h"
#include "sqlitelayout.h"

#include <QFileInfo>

namespace eventscope::importers::live {

std::string quoteIdentifier(const QString& name)
{
    std::string quoted = "\"";
    for (const char c : name.toStdString()) {
        quoted += c;
        if (c == '"')
            quoted += '"';
    }
    quoted += '"';
    return quoted;
}

QStringList SqliteTableInfo::columns(sqlite::Database& db, const QString& table)
{
    QStringList result;
    auto q = db.prepare("SELECT name FROM pragma_table_info(?)");
    q.bind(1, table);
    while (q.step())
        result << q.text(0);
    return result;
}

QStringList SqliteTableInfo::tables(sqlite::Database& db)
{
    QStringList result;
    auto q = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE "
                        "'sqlite_%' ORDER BY name");
    while (q.step())
        result << q.text(0);
    return result;
}

bool SqliteTableInfo::hasRowid(sqlite::Database& db, const QString& table)
{
    try {
        db.prepare("SELECT rowid FROM " + quoteIdentifier(table) + " LIMIT 0");
        return true;
    } catch (const sqlite::Error&) {
        return false; // WITHOUT ROWID tables and views have no rowid column
    }
}

void SqliteTableInfo::require(sqlite::Database& db, const QString& table, const QStringList& neededColumns)
{
    const QString file = QFileInfo(db.path()).fileName();
    const QStringList present = columns(db, table);
    if (present.isEmpty()) {
        const QStringList all = tables(db);
        throw LiveError(
            QStringLiteral("%1: no table '%2' (tables: %3)")
                .arg(file, table, all.isEmpty() ? QStringLiteral("none") : all.join(QStringLiteral(", "))));
    }
    for (const QString& column : neededColumns) {
        if (column.compare(QLatin1String("rowid"), Qt::CaseInsensitive) == 0) {
            if (!hasRowid(db, table))
                throw LiveError(QStringLiteral("%1: table '%2' has no rowid (it is WITHOUT ROWID): name an "
                                               "ascending integer column as its position")
                                    .arg(file, table));
            continue;
        }
        if (!present.contains(column, Qt::CaseInsensitive))
            throw LiveError(QStringLiteral("%1: table '%2' has no column '%3' (columns: %4)")
                                .arg(file, table, column, present.join(QStringLiteral(", "))));
    }
}

} // namespace eventscope::importers::live
