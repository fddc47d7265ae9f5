#pragma once

#include "event.h"
#include "writer.h"

#include <string>

namespace eventscope::importers {

// One envelope as a JSON object in the canonical shape the "envelope" mapping reads back:
// {"position":..,"id":..,"stream":..,"streamVersion":..,"type":..,"schemaVersion":..,"time":..,
//  "causationId":..,"correlationId":..,"contentType":..,"data":..,"dataBase64":..,"metadata":..,
//  "source":..}; empty optional fields are left out.
void appendEnvelopeJson(std::string& out, const Event& event);

// Export format "jsonl": one envelope per line.
class EnvelopeJsonLinesFormat final : public ExportFormat
{
public:
    QString id() const override { return QStringLiteral("jsonl"); }
    QString displayName() const override { return QStringLiteral("JSON Lines (Eventscope envelope)"); }
    QString extension() const override { return QStringLiteral("jsonl"); }
    std::unique_ptr<EventWriter> open(QIODevice& device) const override;
};

// Writes a std::string buffer to a device in large pieces; throws WriteError on failure.
class BufferedDeviceWriter
{
public:
    explicit BufferedDeviceWriter(QIODevice& device) : m_device(device) {}
    std::string& buffer() { return m_buffer; }
    void flushIfFull()
    {
        if (m_buffer.size() >= (1 << 20))
            flush();
    }
    void flush();

private:
    QIODevice& m_device;
    std::string m_buffer;
};

} // namespace eventscope::importers
