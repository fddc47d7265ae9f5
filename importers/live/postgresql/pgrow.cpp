#include "pgrow.h"

#include "jsontext.h"
#include "pgconnection.h"
#include "pglayout.h"
#include "timeformat.h"

namespace eventscope::importers::live {
namespace {

EpochUnit epochUnit(const QString& unit)
{
    if (unit == QLatin1String("s"))
        return EpochUnit::Seconds;
    if (unit == QLatin1String("ms"))
        return EpochUnit::Milliseconds;
    if (unit == QLatin1String("us"))
        return EpochUnit::Microseconds;
    return EpochUnit::Auto;
}

} // namespace

PgRowProblem readPgRow(const PgLayout& layout, const PgResult& rows, int i, Event& e)
{
    e.stream = rows.text(i, 1);
    if (e.stream.isEmpty())
        return {1, QStringLiteral("is empty")};
    if (!rows.isNull(i, 2))
        e.streamVersion = rows.int64(i, 2);
    e.type = rows.text(i, 3);
    if (e.type.isEmpty())
        return {3, QStringLiteral("is empty")};
    if (rows.isNull(i, 4))
        return {4, QStringLiteral("is NULL")};
    std::optional<qint64> time;
    switch (layout.timeKind()) {
    case PgLayout::TimeKind::Micros:
        time = rows.int64(i, 4);
        break;
    case PgLayout::TimeKind::Epoch:
        time = epochToMicros(rows.bytes(i, 4).toDouble(), epochUnit(layout.timeUnit()));
        break;
    case PgLayout::TimeKind::Text:
        time = parseTimestamp(rows.text(i, 4));
        break;
    }
    if (!time)
        return {4,
                QStringLiteral("'%1' is neither an RFC 3339 time nor an epoch number").arg(rows.text(i, 4))};
    e.timeUs = *time;
    e.data = rows.bytes(i, 5);
    e.metadata = rows.bytes(i, 6);
    if (layout.checkJson()) {
        if (const QString problem = e.data.isNull() ? QString() : jsonProblem(e.data); !problem.isEmpty())
            return {5, QStringLiteral("is not JSON: ") + problem};
        if (const QString problem =
                e.metadata.isNull() ? QString() : jsonProblem(e.metadata, JsonExpect::Object);
            !problem.isEmpty())
            return {6, QStringLiteral("is not a JSON object: ") + problem};
    }
    e.id = rows.isNull(i, 7) ? layout.idPrefix() + QString::number(rows.int64(i, 0)) : rows.text(i, 7);
    e.causationId = rows.text(i, 8);
    e.correlationId = rows.text(i, 9);
    return {};
}

} // namespace eventscope::importers::live
