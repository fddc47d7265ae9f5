#include "eventscopelayout.h"

#include "liveerror.h"
#include "sqlitetableinfo.h"
#include "workspace.h"

#include <QFileInfo>

namespace eventscope::importers::live {

void EventscopeLayout::check(sqlite::Database& db)
{
    const QString file = QFileInfo(db.path()).fileName();
    if (db.queryInt("PRAGMA application_id") != Workspace::applicationId)
        throw LiveError(QStringLiteral("%1: not an Eventscope workspace").arg(file));
    const qint64 version = db.queryInt("PRAGMA user_version");
    // Every schema so far keeps events in the same table; a newer one may not.
    if (version > Workspace::schemaVersion)
        throw LiveError(QStringLiteral("%1: written by a newer Eventscope (workspace schema %2, this version "
                                       "reads up to %3)")
                            .arg(file)
                            .arg(version)
                            .arg(Workspace::schemaVersion));
    SqliteTableInfo::require(db, QStringLiteral("events"),
                             {QStringLiteral("position"), QStringLiteral("stream_id"),
                              QStringLiteral("type_id"), QStringLiteral("time_us"), QStringLiteral("id")});
}

std::string EventscopeLayout::selectSql() const
{
    return "SELECT e.position, s.name, e.stream_version, t.name, e.schema_version, e.time_us, e.id, "
           "e.causation_id, e.correlation_id, e.content_type, e.data, e.raw_data, e.metadata "
           "FROM events e JOIN streams s ON s.id = e.stream_id JOIN event_types t ON t.id = e.type_id "
           "WHERE e.position > ?1 ORDER BY e.position LIMIT ?2";
}

std::string EventscopeLayout::headSql() const
{
    return "SELECT max(position) FROM events";
}

void EventscopeLayout::convert(const sqlite::Statement& row, Row& out)
{
    Event& e = out.event;
    e.stream = row.text(1);
    e.streamVersion = row.int64(2);
    e.type = row.text(3);
    e.schemaVersion = int(row.int64(4));
    e.timeUs = row.int64(5);
    e.id = row.text(6);
    e.causationId = row.text(7);
    e.correlationId = row.text(8);
    e.contentType = row.text(9);
    e.data = row.bytes(10);
    e.rawData = row.bytes(11);
    e.metadata = row.bytes(12);
}

} // namespace eventscope::importers::live
