#include "envelopejson.h"

#include "timeformat.h"
#include "json/simdjsonutil.h"

namespace eventscope::importers {

namespace {

void appendStringField(std::string& out, const char* key, const QString& value)
{
    out += ",\"";
    out += key;
    out += "\":";
    const QByteArray utf8 = value.toUtf8();
    json::appendJsonString(out, std::string_view(utf8.constData(), size_t(utf8.size())));
}

class EnvelopeJsonLinesWriter final : public EventWriter
{
public:
    explicit EnvelopeJsonLinesWriter(QIODevice& device) : m_out(device) {}
    void write(const Event& event) override
    {
        appendEnvelopeJson(m_out.buffer(), event);
        m_out.buffer().push_back('\n');
        m_out.flushIfFull();
    }
    void finish() override { m_out.flush(); }

private:
    BufferedDeviceWriter m_out;
};

} // namespace

void BufferedDeviceWriter::flush()
{
    if (m_buffer.empty())
        return;
    if (m_device.write(m_buffer.data(), qint64(m_buffer.size())) != qint64(m_buffer.size()))
        throw WriteError(QStringLiteral("write failed: %1").arg(m_device.errorString()));
    m_buffer.clear();
}

void appendEnvelopeJson(std::string& out, const Event& e)
{
    out += "{\"position\":";
    out += std::to_string(e.position);
    appendStringField(out, "id", e.id);
    appendStringField(out, "stream", e.stream);
    out += ",\"streamVersion\":";
    out += std::to_string(e.streamVersion);
    appendStringField(out, "type", e.type);
    out += ",\"schemaVersion\":";
    out += std::to_string(e.schemaVersion);
    out += ",\"time\":\"";
    out += formatTimestampUtf8(e.timeUs);
    out += '"';
    if (!e.causationId.isEmpty())
        appendStringField(out, "causationId", e.causationId);
    if (!e.correlationId.isEmpty())
        appendStringField(out, "correlationId", e.correlationId);
    if (!e.contentType.isEmpty())
        appendStringField(out, "contentType", e.contentType);
    if (!e.data.isEmpty()) {
        out += ",\"data\":";
        out.append(e.data.constData(), size_t(e.data.size()));
    }
    if (!e.rawData.isEmpty()) {
        out += ",\"dataBase64\":\"";
        const QByteArray encoded = e.rawData.toBase64();
        out.append(encoded.constData(), size_t(encoded.size()));
        out += '"';
    }
    if (!e.metadata.isEmpty()) {
        out += ",\"metadata\":";
        out.append(e.metadata.constData(), size_t(e.metadata.size()));
    }
    if (!e.source.isEmpty())
        appendStringField(out, "source", e.source);
    out += '}';
}

std::unique_ptr<EventWriter> EnvelopeJsonLinesFormat::open(QIODevice& device) const
{
    return std::make_unique<EnvelopeJsonLinesWriter>(device);
}

} // namespace eventscope::importers
