#pragma once

#include "writer.h"

namespace eventscope::importers::protobuf {

// Exports varint-length-prefixed eventscope.v1.Event messages, every envelope field verbatim
// (envelopemessage.h), one event at a time. What DelimitedEnvelopeReader reads back.
class DelimitedEnvelopeExport : public ExportFormat
{
public:
    QString id() const override { return QStringLiteral("delimited-proto"); }
    QString displayName() const override { return QStringLiteral("Delimited protobuf envelopes"); }
    QString extension() const override { return QStringLiteral("delimited"); }
    std::unique_ptr<EventWriter> open(QIODevice& device) const override;
};

} // namespace eventscope::importers::protobuf
