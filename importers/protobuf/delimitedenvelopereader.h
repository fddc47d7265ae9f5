#pragma once

#include "reader.h"

namespace eventscope::importers::protobuf {

// A sequence of varint-length-prefixed eventscope.v1.Event messages (what the delimited-proto
// export writes, and what Java's writeDelimitedTo / Go's protodelim produce). Field mapping in
// envelopemessage.h; payload bytes are decoded through ReadOptions::typeMap when given. A broken
// length prefix or a truncated last record is reported once and ends the read.
class DelimitedEnvelopeReader : public FormatReader
{
public:
    QString id() const override { return QStringLiteral("delimited-proto"); }
    QString displayName() const override { return QStringLiteral("Delimited protobuf envelopes"); }
    QStringList extensions() const override;
    int detect(QByteArrayView head, const QString& fileName) const override;
    ReadResult read(const QString& path, const ReadOptions& options, EventSink& sink) const override;
};

} // namespace eventscope::importers::protobuf
