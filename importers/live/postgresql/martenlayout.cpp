#include "martenlayout.h"

#include "liveerror.h"
#include "pgcolumns.h"
#include "pgconnection.h"

namespace eventscope::importers::live {

MartenLayout::MartenLayout(QString schema)
    : m_schema(schema.isEmpty() ? QStringLiteral("public") : std::move(schema))
{}

std::string MartenLayout::table() const
{
    return quotePgIdentifier(m_schema) + ".mt_events";
}

void MartenLayout::check(PgConnection& db)
{
    const auto events = pgColumns(db, tableName());
    if (events.isEmpty())
        throw LiveError(QStringLiteral("no table %1.mt_events (is this Marten's database and schema? "
                                       "schema=NAME names another)")
                            .arg(m_schema));
    for (const char* column : {"seq_id", "id", "stream_id", "version", "data", "type", "timestamp",
                               "tenant_id", "mt_dotnet_type"}) {
        if (!events.contains(QLatin1String(column)))
            throw LiveError(
                QStringLiteral("%1.mt_events has no column '%2'").arg(m_schema, QLatin1String(column)));
    }
    const auto streams = pgColumns(db, m_schema + QStringLiteral(".mt_streams"));
    if (!streams.contains(QStringLiteral("id")) || !streams.contains(QStringLiteral("type")))
        throw LiveError(QStringLiteral("no table %1.mt_streams with columns id and type").arg(m_schema));
    m_archived = events.contains(QStringLiteral("is_archived"));
    m_headers = events.contains(QStringLiteral("headers"));
    m_causation = events.contains(QStringLiteral("causation_id"));
    m_correlation = events.contains(QStringLiteral("correlation_id"));
    m_streamTenant = streams.contains(QStringLiteral("tenant_id"));
}

std::string MartenLayout::rowsSql(bool withCategory) const
{
    const std::string schema = quotePgIdentifier(m_schema);
    std::string metadata = "jsonb_strip_nulls(jsonb_build_object('tenant_id', e.tenant_id, 'dotnet_type', "
                           "e.mt_dotnet_type";
    if (m_archived)
        metadata += ", 'is_archived', e.is_archived";
    if (m_headers)
        metadata += ", 'headers', e.headers";
    metadata += "))::text";
    // With conjoined tenancy one stream id can exist once per tenant.
    const std::string join = "LEFT JOIN " + schema + ".mt_streams s ON s.id = e.stream_id" +
                             (m_streamTenant ? " AND s.tenant_id = e.tenant_id" : "");
    std::string sql = "SELECT e.seq_id, CASE WHEN coalesce(s.type, '') = '' THEN e.stream_id::text "
                      "ELSE s.type || '-' || e.stream_id::text END, e.version::text, e.type, "
                      "(extract(epoch FROM e.timestamp) * 1000000)::bigint::text, e.data::text, " +
                      metadata + ", e.id::text, " + (m_causation ? "e.causation_id" : "NULL") + ", " +
                      (m_correlation ? "e.correlation_id" : "NULL") + " FROM " + schema + ".mt_events e " +
                      join + " WHERE e.seq_id > $1 AND e.seq_id <= $2";
    if (withCategory)
        sql += " AND s.type = $4";
    return sql + " ORDER BY e.seq_id LIMIT $3";
}

QString MartenLayout::columnName(int column) const
{
    switch (column) {
    case 1:
        return QStringLiteral("stream_id");
    case 3:
        return QStringLiteral("type");
    case 4:
        return QStringLiteral("timestamp");
    default:
        return QStringLiteral("column %1").arg(column);
    }
}

} // namespace eventscope::importers::live
