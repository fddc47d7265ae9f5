#include "cloudeventsjsonwriter.h"

#include "cloudeventmapping.h"
#include "jsonlines/envelopejson.h"
#include "timeformat.h"
#include "json/simdjsonutil.h"

namespace eventscope::importers {

namespace {

void appendString(std::string& out, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    json::appendJsonString(out, std::string_view(utf8.constData(), size_t(utf8.size())));
}

void appendAttribute(std::string& out, const char* name, const QString& value)
{
    if (value.isEmpty())
        return;
    out += ",\"";
    out += name;
    out += "\":";
    appendString(out, value);
}

class CloudEventsJsonWriter final : public EventWriter
{
public:
    CloudEventsJsonWriter(QIODevice& device, bool batch) : m_out(device), m_batch(batch)
    {
        if (m_batch)
            m_out.buffer() += "[";
    }
    void write(const Event& event) override
    {
        if (m_batch && m_count > 0)
            m_out.buffer() += ",\n";
        appendCloudEventJson(m_out.buffer(), event);
        if (!m_batch)
            m_out.buffer().push_back('\n');
        ++m_count;
        m_out.flushIfFull();
    }
    void finish() override
    {
        if (m_batch)
            m_out.buffer() += "]\n";
        m_out.flush();
    }

private:
    BufferedDeviceWriter m_out;
    bool m_batch;
    qint64 m_count = 0;
};

} // namespace

void appendCloudEventJson(std::string& out, const Event& event)
{
    const CloudEventRecord ce = eventToCloudEvent(event);
    out += "{\"specversion\":";
    appendString(out, ce.specVersion);
    appendAttribute(out, "id", ce.id);
    appendAttribute(out, "source", ce.source);
    appendAttribute(out, "type", ce.type);
    appendAttribute(out, "subject", ce.subject);
    if (ce.timeUs) {
        out += ",\"time\":\"";
        out += formatTimestampUtf8(*ce.timeUs);
        out += '"';
    }
    appendAttribute(out, "datacontenttype", ce.dataContentType);
    appendAttribute(out, "dataschema", ce.dataSchema);
    for (const auto& [name, value] : ce.extensions) {
        out += ",\"";
        out += name.toStdString();
        out += "\":";
        if (value.isBool())
            out += value.toBool() ? "true" : "false";
        else if (value.isDouble())
            out += std::to_string(qint64(value.toDouble()));
        else
            appendString(out, value.toString());
    }
    switch (ce.dataKind) {
    case CloudEventRecord::DataKind::None:
        break;
    case CloudEventRecord::DataKind::Json:
        out += ",\"data\":";
        out.append(ce.data.constData(), size_t(ce.data.size()));
        break;
    case CloudEventRecord::DataKind::Text:
        out += ",\"data\":";
        json::appendJsonString(out, std::string_view(ce.data.constData(), size_t(ce.data.size())));
        break;
    case CloudEventRecord::DataKind::Binary: {
        out += ",\"data_base64\":\"";
        const QByteArray encoded = ce.data.toBase64();
        out.append(encoded.constData(), size_t(encoded.size()));
        out += '"';
        break;
    }
    }
    out += '}';
}

std::unique_ptr<EventWriter> CloudEventsJsonFormat::open(QIODevice& device) const
{
    return std::make_unique<CloudEventsJsonWriter>(device, false);
}

std::unique_ptr<EventWriter> CloudEventsBatchFormat::open(QIODevice& device) const
{
    return std::make_unique<CloudEventsJsonWriter>(device, true);
}

} // namespace eventscope::importers
