#pragma once

#include "writer.h"

namespace eventscope::importers::protobuf {

// Exports an io.cloudevents.v1.CloudEventBatch, written one event at a time: a batch is nothing
// but repeated field-1 entries (tag, length, CloudEvent bytes), so no event is held back and an
// empty export (zero bytes) is a valid empty batch. Events go through eventToCloudEvent(), so that
// importing the file gives the same envelopes back.
class CloudEventsProtoExport : public ExportFormat
{
public:
    QString id() const override { return QStringLiteral("cloudevents-proto"); }
    QString displayName() const override { return QStringLiteral("CloudEvents protobuf batch"); }
    QString extension() const override { return QStringLiteral("cepb"); }
    std::unique_ptr<EventWriter> open(QIODevice& device) const override;
};

} // namespace eventscope::importers::protobuf
