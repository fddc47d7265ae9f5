#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <cstdint>

namespace eventscope {

// The envelope every source is mapped onto; mirrors eventscope.v1.Event
// (resources/proto/eventscope/v1/event.proto). A plain value type: readers produce it, the store
// keeps it, every view reads it.
struct Event
{
    qint64 position = 0;       // 1-based, gap-free within a workspace; 0 = not yet stored
    QString stream;            // aggregate / stream id
    qint64 streamVersion = -1; // sequence number within the stream; -1 = let the store assign it
    QString type;
    int schemaVersion = 1;
    qint64 timeUs = 0; // UTC, microseconds since the Unix epoch
    QString id;        // unique within a workspace; empty = let the importer derive one
    QString causationId;
    QString correlationId;
    QByteArray data;    // JSON text (UTF-8); for binary payloads the decoded JSON view
    QByteArray rawData; // original payload bytes for binary payloads, empty for JSON
    QString contentType;
    QByteArray metadata; // JSON object text (UTF-8), empty = {}
    QString source;      // provenance: the import or live connection it came from

    bool operator==(const Event&) const = default;
};

// The category of a stream: the part before the first '-' ("order-42" -> "order").
QString categoryOf(const QString& stream);

} // namespace eventscope

Q_DECLARE_METATYPE(eventscope::Event)
