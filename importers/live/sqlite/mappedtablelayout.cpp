#include "mappedtablelayout.h"

#include "jsontext.h"
#include "sqlitetableinfo.h"

namespace eventscope::importers::live {

TableMapping TableMapping::fromParameters(const QMap<QString, QString>& p)
{
    TableMapping m;
    m.table = p.value(QStringLiteral("table"));
    m.position = p.value(QStringLiteral("position"), m.position);
    m.stream = p.value(QStringLiteral("stream"));
    m.type = p.value(QStringLiteral("type"));
    m.time = p.value(QStringLiteral("time"));
    m.data = p.value(QStringLiteral("data"));
    m.metadata = p.value(QStringLiteral("metadata"));
    m.id = p.value(QStringLiteral("id"));
    m.version = p.value(QStringLiteral("version"));
    const QString unit = p.value(QStringLiteral("time_unit"));
    if (unit == QLatin1String("s"))
        m.timeUnit = EpochUnit::Seconds;
    else if (unit == QLatin1String("ms"))
        m.timeUnit = EpochUnit::Milliseconds;
    else if (unit == QLatin1String("us"))
        m.timeUnit = EpochUnit::Microseconds;
    return m;
}

MappedTableLayout::MappedTableLayout(TableMapping mapping, QString fileName)
    : m_mapping(std::move(mapping)),
      m_idPrefix(fileName + QLatin1Char('/') + m_mapping.table + QLatin1Char(':'))
{}

void MappedTableLayout::check(sqlite::Database& db)
{
    QStringList needed{m_mapping.position, m_mapping.stream, m_mapping.type, m_mapping.time};
    for (const QString* optional :
         {&m_mapping.data, &m_mapping.metadata, &m_mapping.id, &m_mapping.version}) {
        if (!optional->isEmpty())
            needed << *optional;
    }
    SqliteTableInfo::require(db, m_mapping.table, needed);
}

std::string MappedTableLayout::column(const QString& name) const
{
    return name.isEmpty() ? std::string("NULL") : quoteIdentifier(name);
}

std::string MappedTableLayout::selectSql() const
{
    const std::string position = column(m_mapping.position);
    const std::string time = column(m_mapping.time);
    // typeof() tells numbers (epoch times) from text (RFC 3339) without another call per value.
    return "SELECT " + position + ", " + column(m_mapping.stream) + ", " + column(m_mapping.type) + ", " +
           time + ", typeof(" + time + "), " + column(m_mapping.data) + ", " + column(m_mapping.metadata) +
           ", " + column(m_mapping.id) + ", " + column(m_mapping.version) + " FROM " +
           quoteIdentifier(m_mapping.table) + " WHERE " + position + " > ?1 ORDER BY " + position +
           " LIMIT ?2";
}

std::string MappedTableLayout::headSql() const
{
    return "SELECT max(" + column(m_mapping.position) + ") FROM " + quoteIdentifier(m_mapping.table);
}

void MappedTableLayout::convert(const sqlite::Statement& row, Row& out)
{
    Event& e = out.event;
    e.stream = row.text(1);
    if (e.stream.isEmpty()) {
        out.error = QStringLiteral("stream (column %1) is empty").arg(m_mapping.stream);
        return;
    }
    e.type = row.text(2);
    if (e.type.isEmpty()) {
        out.error = QStringLiteral("type (column %1) is empty").arg(m_mapping.type);
        return;
    }
    const QString timeType = row.text(4);
    std::optional<qint64> time;
    if (timeType == QLatin1String("integer") || timeType == QLatin1String("real"))
        time = epochToMicros(row.real(3), m_mapping.timeUnit);
    else if (timeType == QLatin1String("text"))
        time = parseTimestamp(row.text(3));
    if (!time) {
        out.error =
            timeType == QLatin1String("null")
                ? QStringLiteral("time (column %1) is NULL").arg(m_mapping.time)
                : QStringLiteral("time (column %1) '%2' is neither an RFC 3339 time nor an epoch number")
                      .arg(m_mapping.time, row.text(3));
        return;
    }
    e.timeUs = *time;
    if (!row.isNull(5)) {
        e.data = row.bytes(5);
        if (const QString problem = jsonProblem(e.data); !problem.isEmpty()) {
            out.error = QStringLiteral("data (column %1) is not JSON: %2").arg(m_mapping.data, problem);
            return;
        }
    }
    if (!row.isNull(6)) {
        e.metadata = row.bytes(6);
        if (const QString problem = jsonProblem(e.metadata, JsonExpect::Object); !problem.isEmpty()) {
            out.error = QStringLiteral("metadata (column %1) is not a JSON object: %2")
                            .arg(m_mapping.metadata, problem);
            return;
        }
    }
    e.id = row.isNull(7) ? m_idPrefix + QString::number(row.int64(0)) : row.text(7);
    if (!row.isNull(8))
        e.streamVersion = row.int64(8);
}

} // namespace eventscope::importers::live
