#include "envelope.h"

#include "timeformat.h"

namespace eventscope::bench {

JsonBuilder& EnvelopeWriter::begin(const EnvelopeHeader& header)
{
    m_json.beginObject()
        .uuid("id", header.id)
        .streamId("stream", header.category, header.streamNumber)
        .integer("streamVersion", header.streamVersion)
        .string("type", header.type)
        .integer("schemaVersion", header.schemaVersion)
        .string("time", formatTimestampUtf8(header.timeUs));
    if (!header.causationId.isNull())
        m_json.uuid("causationId", header.causationId);
    if (!header.correlationId.isNull())
        m_json.uuid("correlationId", header.correlationId);
    return m_json.beginObject("data");
}

void EnvelopeWriter::end(const Actor& user, std::string_view service)
{
    m_json.endObject().beginObject("metadata");
    if (user.number > 0)
        m_json.streamId("user", user.name, user.number);
    else
        m_json.string("user", user.name);
    m_json.string("service", service).endObject().endObject();
    m_out += '\n';
}

} // namespace eventscope::bench
