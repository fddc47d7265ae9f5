#pragma once

#include "event.h"
#include "reader.h"

#include <QJsonValue>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace eventscope::importers {

// A CloudEvent as both of its encodings (JSON and protobuf) read it, before it becomes an
// envelope. The JSON and protobuf readers and writers all go through toEvent()/fromEvent() so that
// the two encodings map the same way:
//
//   id -> id, type -> type, time -> time, datacontenttype -> contentType,
//   stream = subject when present, else source (ReadOptions::cloudEventsStreamFrom = "source"
//   always takes source); extensions causationid, correlationid, streamversion, schemaversion fill
//   the envelope fields of those names; metadata = the extension `esmetadata` (a JSON object
//   as a string, written by our own exports) when present, else an object of the remaining
//   attributes (source, specversion, subject, dataschema and other extensions).
struct CloudEventRecord
{
    enum class DataKind
    {
        None,
        Json,  // data is JSON text
        Text,  // a string payload of a non-JSON content type
        Binary // data_base64 / binary_data / proto_data
    };

    QString id;
    QString source;
    QString specVersion;
    QString type;
    std::optional<qint64> timeUs;
    QString subject;
    QString dataContentType;
    QString dataSchema;
    std::vector<std::pair<QString, QJsonValue>> extensions; // in document order; int32 as double
    DataKind dataKind = DataKind::None;
    QByteArray data; // JSON text, UTF-8 text or raw bytes, by dataKind
};

// Whether a datacontenttype says the data is JSON: none at all, application/json, text/json or any
// +json type, parameters and case aside.
bool isJsonContentType(const QString& contentType);

// Checks the attribute name rules of CloudEvents 1.0: [a-z0-9] only (a MUST), at most 20
// characters (a SHOULD: a warning). Returns an error or warning text, empty when fine.
QString cloudEventAttributeNameError(const QString& name);
QString cloudEventAttributeNameWarning(const QString& name);

// Maps a CloudEvent onto the envelope. Fails (returns a reason) when required attributes are
// missing; warnings (e.g. no time attribute) are appended.
std::optional<Event> cloudEventToEvent(const CloudEventRecord& record, const ReadOptions& options,
                                       QString& error, QStringList& warnings);

// The reverse, for exports: an envelope as a CloudEvent whose re-import gives the same envelope.
CloudEventRecord eventToCloudEvent(const Event& event);

} // namespace eventscope::importers
