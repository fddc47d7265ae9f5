#include "pgtablelayout.h"

#include "liveerror.h"
#include "pgcolumns.h"
#include "pgconnection.h"

namespace eventscope::importers::live {
namespace {

const QStringList& roles()
{
    static const QStringList names{QStringLiteral("position"), QStringLiteral("stream"),
                                   QStringLiteral("type"),     QStringLiteral("time"),
                                   QStringLiteral("data"),     QStringLiteral("metadata"),
                                   QStringLiteral("id"),       QStringLiteral("version")};
    return names;
}

bool isInteger(const QString& type)
{
    return type == QLatin1String("smallint") || type == QLatin1String("integer") ||
           type == QLatin1String("bigint");
}

bool isNumber(const QString& type)
{
    return isInteger(type) || type == QLatin1String("numeric") || type == QLatin1String("real") ||
           type == QLatin1String("double precision");
}

bool isText(const QString& type)
{
    return type == QLatin1String("text") || type == QLatin1String("character varying") ||
           type == QLatin1String("character");
}

bool isJson(const QString& type)
{
    return type == QLatin1String("json") || type == QLatin1String("jsonb");
}

} // namespace

PgTableLayout::PgTableLayout(const SourceUrl& url)
    : m_table(url.parameter(QStringLiteral("table"))), m_timeUnit(url.parameter(QStringLiteral("time_unit"))),
      m_idPrefix(url.database + QLatin1Char('/') + m_table + QLatin1Char(':'))
{
    for (const QString& role : roles()) {
        if (url.parameters.contains(role))
            m_columns.insert(role, url.parameter(role));
    }
}

void PgTableLayout::check(PgConnection& db)
{
    const auto types = pgColumns(db, m_table);
    if (types.isEmpty())
        throw LiveError(QStringLiteral("no table %1").arg(m_table));
    for (auto it = m_columns.cbegin(); it != m_columns.cend(); ++it) {
        if (!types.contains(it.value()))
            throw LiveError(
                QStringLiteral("table %1 has no column '%2' (%3=)").arg(m_table, it.value(), it.key()));
    }
    const QString position = types.value(m_columns.value(QStringLiteral("position")));
    if (!isInteger(position))
        throw LiveError(
            QStringLiteral("position (column %1) is %2: it must be an integer column that grows with "
                           "each insert (a bigserial or an identity)")
                .arg(m_columns.value(QStringLiteral("position")), position));
    const QString time = types.value(m_columns.value(QStringLiteral("time")));
    if (time.startsWith(QLatin1String("timestamp")) || time == QLatin1String("date"))
        m_timeKind = TimeKind::Micros;
    else if (isNumber(time))
        m_timeKind = TimeKind::Epoch;
    else if (isText(time))
        m_timeKind = TimeKind::Text;
    else
        throw LiveError(
            QStringLiteral("time (column %1) is %2: it must be a timestamp, an epoch number or RFC 3339 "
                           "text")
                .arg(m_columns.value(QStringLiteral("time")), time));
    m_checkJson = false;
    for (const QString& role : {QStringLiteral("data"), QStringLiteral("metadata")}) {
        if (!m_columns.contains(role))
            continue;
        const QString type = types.value(m_columns.value(role));
        if (isText(type))
            m_checkJson = true;
        else if (!isJson(type))
            throw LiveError(
                QStringLiteral("%1 (column %2) is %3: it must be json, jsonb or text holding JSON")
                    .arg(role, m_columns.value(role), type));
    }
}

std::string PgTableLayout::column(const QString& role, const char* cast) const
{
    if (!m_columns.contains(role))
        return "NULL";
    return quotePgIdentifier(m_columns.value(role)) + cast;
}

std::string PgTableLayout::timeMicrosExpr() const
{
    return pgTimeMicros(column(QStringLiteral("time"), ""), m_timeKind, m_timeUnit);
}

std::string PgTableLayout::selectSql() const
{
    const std::string time = m_timeKind == TimeKind::Micros ? timeMicrosExpr() + "::text"
                                                            : column(QStringLiteral("time"), "::text");
    return "SELECT " + positionColumn() + ", " + streamExpr() + ", " +
           column(QStringLiteral("version"), "::bigint::text") + ", " + typeExpr() + ", " + time + ", " +
           column(QStringLiteral("data"), "::text") + ", " + column(QStringLiteral("metadata"), "::text") +
           ", " + column(QStringLiteral("id"), "::text") + ", NULL, NULL FROM " + table();
}

std::string PgTableLayout::rowsSql(bool /*withCategory: a mapping has none*/) const
{
    const std::string position = positionColumn();
    return selectSql() + " WHERE " + position + " > $1 AND " + position + " <= $2 ORDER BY " + position +
           " LIMIT $3";
}

std::string PgTableLayout::streamOrderExpr() const
{
    // Qualified: a bare name in ORDER BY would be the output column cast to text.
    return m_columns.contains(QStringLiteral("version"))
               ? table() + "." + column(QStringLiteral("version"), "") + ", " + positionColumn()
               : positionColumn();
}

// Without an id column, an event's id is "<db>/<table>:<position>" (idPrefix).
std::string PgTableLayout::idCondition(const QString& id, std::vector<QByteArray>& parameters) const
{
    if (m_columns.contains(QStringLiteral("id")))
        return column(QStringLiteral("id"), "::text") + " = " + pgParameter(parameters, id.toUtf8());
    if (!id.startsWith(m_idPrefix))
        return {};
    bool ok = false;
    const qint64 position = id.mid(m_idPrefix.size()).toLongLong(&ok);
    if (!ok)
        return {};
    return positionColumn() + " = " + pgParameter(parameters, QByteArray::number(position));
}

QString PgTableLayout::columnName(int column) const
{
    static const char* byColumn[] = {"position", "stream", "version",  "type",
                                     "time",     "data",   "metadata", "id"};
    if (column < 0 || column >= int(std::size(byColumn)))
        return QStringLiteral("column %1").arg(column);
    const QString role = QLatin1String(byColumn[column]);
    return QStringLiteral("%1 (column %2)").arg(role, m_columns.value(role));
}

} // namespace eventscope::importers::live
