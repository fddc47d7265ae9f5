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
    m_uuidStreams = events.value(QStringLiteral("stream_id")) == QLatin1String("uuid");
}

std::string MartenLayout::fromSql() const
{
    const std::string schema = quotePgIdentifier(m_schema);
    // With conjoined tenancy one stream id can exist once per tenant.
    return schema + ".mt_events e LEFT JOIN " + schema + ".mt_streams s ON s.id = e.stream_id" +
           (m_streamTenant ? " AND s.tenant_id = e.tenant_id" : "");
}

std::string MartenLayout::streamExpr() const
{
    return "CASE WHEN coalesce(s.type, '') = '' THEN e.stream_id::text ELSE s.type || '-' || "
           "e.stream_id::text END";
}

std::string MartenLayout::selectSql() const
{
    std::string metadata = "jsonb_strip_nulls(jsonb_build_object('tenant_id', e.tenant_id, 'dotnet_type', "
                           "e.mt_dotnet_type";
    if (m_archived)
        metadata += ", 'is_archived', e.is_archived";
    if (m_headers)
        metadata += ", 'headers', e.headers";
    metadata += "))::text";
    return "SELECT e.seq_id, " + streamExpr() + ", e.version::text, e.type, " + timeMicrosExpr() +
           "::text, e.data::text, " + metadata + ", e.id::text, " +
           (m_causation ? "e.causation_id" : "NULL") + ", " + (m_correlation ? "e.correlation_id" : "NULL") +
           " FROM " + fromSql();
}

std::string MartenLayout::rowsSql(bool withCategory) const
{
    std::string sql = selectSql() + " WHERE e.seq_id > $1 AND e.seq_id <= $2";
    if (withCategory)
        sql += " AND s.type = $4";
    return sql + " ORDER BY e.seq_id LIMIT $3";
}

// A stream is shown as "<aggregate type>-<stream id>", or the id alone: the id is the whole name
// or what follows one of its dashes. Those candidates go through the (stream_id, version) index,
// and the name is then compared whole.
std::string MartenLayout::streamCondition(const QString& stream, std::vector<QByteArray>& parameters) const
{
    QStringList candidates;
    const auto consider = [&](const QString& id) {
        if ((!m_uuidStreams || isUuidText(id)) && !candidates.contains(id))
            candidates.push_back(id);
    };
    consider(stream);
    for (qsizetype dash = stream.indexOf(QLatin1Char('-')); dash >= 0;
         dash = stream.indexOf(QLatin1Char('-'), dash + 1))
        consider(stream.mid(dash + 1));
    if (candidates.isEmpty())
        return "false";
    QByteArray array = "{";
    for (const QString& id : candidates) {
        if (array.size() > 1)
            array += ',';
        array += '"' + id.toUtf8().replace('\\', "\\\\").replace('"', "\\\"") + '"';
    }
    array += '}';
    const std::string ids = pgParameter(parameters, array) + (m_uuidStreams ? "::uuid[]" : "::varchar[]");
    return "e.stream_id = ANY(" + ids + ") AND " + streamExpr() + " = " +
           pgParameter(parameters, stream.toUtf8());
}

std::string MartenLayout::idCondition(const QString& id, std::vector<QByteArray>& parameters) const
{
    if (!isUuidText(id))
        return {};
    return "e.id = " + pgParameter(parameters, id.toUtf8()) + "::uuid";
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
