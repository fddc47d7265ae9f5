#include "delimitedenvelopeexport.h"

#include "envelopemessage.h"
#include "framing.h"
#include "recordoutput.h"

#include <string>

namespace eventscope::importers::protobuf {
namespace {

class DelimitedEnvelopeWriter : public EventWriter
{
public:
    explicit DelimitedEnvelopeWriter(QIODevice& device)
        : m_output(device, QStringLiteral("delimited protobuf envelopes"))
    {}

    void write(const Event& event) override
    {
        messageFromEvent(event, m_message);
        m_message.SerializeToString(&m_bytes);
        m_record.clear();
        appendDelimited(m_record, m_bytes);
        m_output.write(m_record);
    }

    void finish() override {}

private:
    RecordOutput m_output;
    eventscope::v1::Event m_message;
    std::string m_bytes;
    QByteArray m_record;
};

} // namespace

std::unique_ptr<EventWriter> DelimitedEnvelopeExport::open(QIODevice& device) const
{
    return std::make_unique<DelimitedEnvelopeWriter>(device);
}

} // namespace eventscope::importers::protobuf
