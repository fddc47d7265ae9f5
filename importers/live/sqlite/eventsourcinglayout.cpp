#include "eventsourcinglayout.h"

#include "eventsourcingstate.h"
#include "sqlitetableinfo.h"
#include "timeformat.h"
#include "json/jsonvalue.h"

#include <QDateTime>

namespace eventscope::importers::live {

EventsourcingLayout::EventsourcingLayout(QString table) : m_table(std::move(table)) {}

void EventsourcingLayout::check(sqlite::Database& db)
{
    SqliteTableInfo::require(db, m_table,
                             {QStringLiteral("rowid"), QStringLiteral("originator_id"),
                              QStringLiteral("originator_version"), QStringLiteral("topic"),
                              QStringLiteral("state")});
}

std::string EventsourcingLayout::selectSql() const
{
    return "SELECT rowid, originator_id, originator_version, topic, state FROM " + quoteIdentifier(m_table) +
           " WHERE rowid > ?1 ORDER BY rowid LIMIT ?2";
}

std::string EventsourcingLayout::headSql() const
{
    return "SELECT max(rowid) FROM " + quoteIdentifier(m_table);
}

void EventsourcingLayout::convert(const sqlite::Statement& row, Row& out)
{
    Event& e = out.event;
    const QString originator = row.text(1);
    if (originator.isEmpty()) {
        out.error = QStringLiteral("originator_id is empty");
        return;
    }
    if (row.isNull(2)) {
        out.error = QStringLiteral("originator_version is NULL");
        return;
    }
    const QString topic = row.text(3);
    if (topic.isEmpty()) {
        out.error = QStringLiteral("topic is empty");
        return;
    }
    const EventsourcingTopic parsed = EventsourcingTopic::parse(topic);
    e.type = parsed.type;
    e.stream = parsed.aggregate.isEmpty() ? originator : parsed.aggregate + QLatin1Char('-') + originator;
    e.streamVersion = row.int64(2);
    e.id = originator + QLatin1Char(':') + QString::number(e.streamVersion);

    const EventsourcingState state = EventsourcingState::decode(row.bytes(4));
    QByteArray metadata = "{\"topic\":";
    std::string quoted;
    json::appendJsonString(quoted, topic.toStdString());
    metadata += QByteArray::fromStdString(quoted);
    if (state.encoding == EventsourcingState::Encoding::ZlibJson)
        metadata += ",\"compressed\":\"zlib\"";
    metadata += '}';
    e.metadata = metadata;
    if (state.encoding == EventsourcingState::Encoding::Opaque) {
        e.rawData = row.bytes(4);
        e.contentType = QStringLiteral("application/octet-stream");
        out.warning = state.problem + QStringLiteral(": kept as raw bytes");
    } else {
        e.data = state.json;
    }
    if (state.timeUs) {
        e.timeUs = *state.timeUs;
    } else {
        // No time of its own: the previous event's keeps the timeline in order (the time it was
        // read, when there is none).
        if (state.encoding != EventsourcingState::Encoding::Opaque)
            out.warning = QStringLiteral("state has no \"timestamp\"");
        if (m_lastTimeUs != 0) {
            e.timeUs = m_lastTimeUs;
            out.warning += QStringLiteral("; time taken from the previous event");
        } else {
            e.timeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
            out.warning += QStringLiteral("; time is when it was read (no earlier event to take it from)");
        }
    }
    m_lastTimeUs = e.timeUs;
}

} // namespace eventscope::importers::live
