#pragma once

#include "reader.h"

namespace eventscope::importers::protobuf {

// CloudEvents in their protobuf format: a CloudEventBatch, length-delimited CloudEvent messages, or
// one CloudEvent (told apart from content, see cloudeventlayout.h). Read record by record, so a
// batch of any size is streamed. Each message goes through the shared CloudEvents mapping
// (cloudeventmapping.h); binary and proto_data payloads are decoded through ReadOptions::typeMap
// and the descriptor set when given. Records are placed at the byte offset where they start.
class CloudEventsProtoReader : public FormatReader
{
public:
    QString id() const override { return QStringLiteral("cloudevents-proto"); }
    QString displayName() const override { return QStringLiteral("CloudEvents protobuf"); }
    QStringList extensions() const override;
    int detect(QByteArrayView head, const QString& fileName) const override;
    ReadResult read(const QString& path, const ReadOptions& options, EventSink& sink) const override;
};

} // namespace eventscope::importers::protobuf
