#pragma once

#include "reader.h"

namespace eventscope::importers {

// A JSON document holding an array of records (a JSON array export, a CloudEvents batch
// `application/cloudevents-batch+json`, the empty batch included) or a single record object (one
// CloudEvent). The array is split into elements by a streaming scanner, so a 5 GB array is never
// held in memory; each element is mapped through JsonRecordMapper.
class JsonArrayReader final : public FormatReader
{
public:
    QString id() const override { return QStringLiteral("json"); }
    QString displayName() const override { return QStringLiteral("JSON array / document"); }
    QStringList extensions() const override;
    int detect(QByteArrayView head, const QString& fileName) const override;
    ReadResult read(const QString& path, const ReadOptions& options, EventSink& sink) const override;
};

} // namespace eventscope::importers
