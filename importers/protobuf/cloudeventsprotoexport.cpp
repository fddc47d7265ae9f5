#include "cloudeventsprotoexport.h"

#include "cloudeventmessage.h"
#include "framing.h"
#include "recordoutput.h"

#include <string>

namespace eventscope::importers::protobuf {
namespace {

constexpr char batchEventsTag = 0x0A; // field 1, length-delimited

class CloudEventsProtoWriter : public EventWriter
{
public:
    explicit CloudEventsProtoWriter(QIODevice& device)
        : m_output(device, QStringLiteral("CloudEvents protobuf"))
    {}

    void write(const Event& event) override
    {
        messageFromRecord(eventToCloudEvent(event), m_message);
        m_message.SerializeToString(&m_bytes);
        m_record.clear();
        m_record.append(batchEventsTag);
        appendDelimited(m_record, m_bytes);
        m_output.write(m_record);
    }

    void finish() override {}

private:
    RecordOutput m_output;
    io::cloudevents::v1::CloudEvent m_message;
    std::string m_bytes;
    QByteArray m_record;
};

} // namespace

std::unique_ptr<EventWriter> CloudEventsProtoExport::open(QIODevice& device) const
{
    return std::make_unique<CloudEventsProtoWriter>(device);
}

} // namespace eventscope::importers::protobuf
