#pragma once

#include "event.h"
#include "writer.h"

#include <string>

namespace eventscope::importers {

// One envelope as a structured-mode CloudEvent (JSON format), through eventToCloudEvent().
void appendCloudEventJson(std::string& out, const Event& event);

// "cloudevents-json": one structured CloudEvent per line (each line is a valid
// application/cloudevents+json document).
class CloudEventsJsonFormat final : public ExportFormat
{
public:
    QString id() const override { return QStringLiteral("cloudevents-json"); }
    QString displayName() const override { return QStringLiteral("CloudEvents JSON (one event per line)"); }
    QString extension() const override { return QStringLiteral("jsonl"); }
    std::unique_ptr<EventWriter> open(QIODevice& device) const override;
};

// "cloudevents-batch": one application/cloudevents-batch+json array.
class CloudEventsBatchFormat final : public ExportFormat
{
public:
    QString id() const override { return QStringLiteral("cloudevents-batch"); }
    QString displayName() const override { return QStringLiteral("CloudEvents JSON batch"); }
    QString extension() const override { return QStringLiteral("json"); }
    std::unique_ptr<EventWriter> open(QIODevice& device) const override;
};

} // namespace eventscope::importers
