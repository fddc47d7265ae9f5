#include "messagedblayout.h"

#include "liveerror.h"
#include "pgcolumns.h"
#include "pgconnection.h"

namespace eventscope::importers::live {

void MessageDbLayout::check(PgConnection& db)
{
    const auto columns = pgColumns(db, tableName());
    if (columns.isEmpty())
        throw LiveError(QStringLiteral("no table message_store.messages (is Message DB installed in this "
                                       "database?)"));
    for (const char* column :
         {"global_position", "position", "time", "stream_name", "type", "data", "metadata", "id"}) {
        if (!columns.contains(QLatin1String(column)))
            throw LiveError(
                QStringLiteral("message_store.messages has no column '%1'").arg(QLatin1String(column)));
    }
    // A table made without Message DB's functions filters the same way, without its index.
    m_categoryFunction = !db.exec("SELECT to_regprocedure('message_store.category(varchar)')").isNull(0, 0);
}

std::string MessageDbLayout::selectSql() const
{
    return "SELECT global_position, stream_name, position::text, type, " + timeMicrosExpr() +
           "::text, data::text, metadata::text, id::text, NULL, NULL FROM message_store.messages";
}

std::string MessageDbLayout::rowsSql(bool withCategory) const
{
    std::string sql = selectSql() + " WHERE global_position > $1 AND global_position <= $2";
    if (withCategory)
        sql += m_categoryFunction ? " AND message_store.category(stream_name) = $4"
                                  : " AND split_part(stream_name, '-', 1) = $4";
    return sql + " ORDER BY global_position LIMIT $3";
}

std::string MessageDbLayout::idCondition(const QString& id, std::vector<QByteArray>& parameters) const
{
    if (!isUuidText(id))
        return {};
    return "id = " + pgParameter(parameters, id.toUtf8()) + "::uuid";
}

QString MessageDbLayout::columnName(int column) const
{
    switch (column) {
    case 1:
        return QStringLiteral("stream_name");
    case 3:
        return QStringLiteral("type");
    case 4:
        return QStringLiteral("time");
    default:
        return QStringLiteral("column %1").arg(column);
    }
}

} // namespace eventscope::importers::live
