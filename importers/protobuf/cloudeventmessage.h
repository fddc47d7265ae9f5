#pragma once

#include "cloudevents/cloudeventmapping.h"

#include "cloudevents.pb.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace eventscope::importers::protobuf {

struct CloudEventConversion
{
    std::optional<CloudEventRecord> record;
    QString error; // why the message is rejected
    QStringList warnings;
};

// Reads an io.cloudevents.v1.CloudEvent into the record that cloudEventToEvent() maps onto the
// envelope, so that the protobuf and JSON encodings share one mapping. The attributes map becomes
// the record's fields (time, subject, datacontenttype, dataschema) and its extensions, sorted by
// name because a protobuf map has no order. Attribute values become what the JSON format would
// hold: Boolean -> bool, Integer -> number, String/URI/URI-reference -> string, Binary -> base64
// string, Timestamp -> RFC 3339 string (or the record's time). text_data is JSON when the content
// type says JSON (or is absent) and the text parses; proto_data keeps the Any's value bytes, with
// content type application/protobuf and its type URL as dataschema unless those are given.
CloudEventConversion recordFromMessage(const io::cloudevents::v1::CloudEvent& message);

// The reverse, for the exporter: Integer for whole numbers within 32 bits, Boolean, else String;
// time as a Timestamp; JSON and text data as text_data, bytes as binary_data.
void messageFromRecord(const CloudEventRecord& record, io::cloudevents::v1::CloudEvent& message);

} // namespace eventscope::importers::protobuf
