#pragma once

#include "jsonbuilder.h"
#include "uuid.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace eventscope::bench {

// Everything of the canonical envelope except the payload and the metadata.
struct EnvelopeHeader
{
    Uuid id;
    std::string_view category; // the stream is "<category>-<number>"
    std::int64_t streamNumber = 0;
    std::int64_t streamVersion = 1;
    std::string_view type;
    int schemaVersion = 1;
    std::int64_t timeUs = 0;
    Uuid causationId; // null = omitted
    Uuid correlationId;
};

// Who did it, for the metadata: a name, or "<name>-<number>" when number is positive.
struct Actor
{
    std::string_view name;
    std::int64_t number = 0;
};

// Writes one envelope per line, keys in the order the JSON Lines importer's "envelope" preset
// documents: id, stream, streamVersion, type, schemaVersion, time, causationId, correlationId,
// data, metadata.
class EnvelopeWriter
{
public:
    explicit EnvelopeWriter(std::string& out) : m_out(out), m_json(out) {}

    // Writes the header and opens "data"; the caller fills the payload through the builder.
    JsonBuilder& begin(const EnvelopeHeader& header);
    // Closes the payload, writes the metadata and ends the line.
    void end(const Actor& user, std::string_view service);

private:
    std::string& m_out;
    JsonBuilder m_json;
};

} // namespace eventscope::bench
