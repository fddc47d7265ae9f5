#pragma once

#include "reader.h"

namespace eventscope::importers::protobuf {

// A varint-length-prefixed sequence of messages of one user type (ReadOptions::messageType, from
// the descriptor set in ReadOptions::descriptorSetPath). Each message is decoded to JSON
// (DescriptorSet::toJson: proto field names) and mapped onto the envelope like a JSON record
// (ReadOptions::mapping or a detected preset); rawData keeps the message bytes.
//
// detect() returns 0: without the message type, which detect() cannot see, bytes of a user
// message carry nothing to recognise. The format is chosen with --format delimited-message.
class DelimitedMessageReader : public FormatReader
{
public:
    QString id() const override { return QStringLiteral("delimited-message"); }
    QString displayName() const override { return QStringLiteral("Delimited protobuf messages"); }
    QStringList extensions() const override;
    int detect(QByteArrayView head, const QString& fileName) const override;
    ReadResult read(const QString& path, const ReadOptions& options, EventSink& sink) const override;
};

} // namespace eventscope::importers::protobuf
