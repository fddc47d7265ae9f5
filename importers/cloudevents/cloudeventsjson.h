#pragma once

#include "event.h"
#include "reader.h"

#include <simdjson.h>

#include <optional>

namespace eventscope::importers {

struct CloudEventJsonResult
{
    std::optional<Event> event;
    QString error;
    QStringList warnings;
};

// Reads one CloudEvent in the JSON format (structured mode) and applies the spec's rules that its
// JSON Schema alone does not: attribute names [a-z0-9] only (a MUST; over 20 characters is a
// warning, the spec only says SHOULD NOT), Integer values whole and within signed 32 bits,
// data and data_base64 mutually exclusive with data_base64 valid base64. specversion 0.3 is
// accepted and mapped (schemaurl -> dataschema, datacontentencoding: base64).
// `text` is the record's JSON text (the payload is kept as written, not re-serialised).
CloudEventJsonResult cloudEventFromJson(const simdjson::dom::element& record, std::string_view text,
                                        const ReadOptions& options);

} // namespace eventscope::importers
