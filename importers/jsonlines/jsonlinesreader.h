#pragma once

#include "reader.h"

namespace eventscope::importers {

// JSON Lines / NDJSON: one JSON object per line, mapped through JsonRecordMapper (our envelope,
// CloudEvents structured events, the built-in presets, or --map). Reads in chunks: memory stays
// flat whatever the file size, except that one line must fit (a 100 MB line does).
class JsonLinesReader final : public FormatReader
{
public:
    QString id() const override { return QStringLiteral("jsonl"); }
    QString displayName() const override { return QStringLiteral("JSON Lines"); }
    QStringList extensions() const override;
    int detect(QByteArrayView head, const QString& fileName) const override;
    ReadResult read(const QString& path, const ReadOptions& options, EventSink& sink) const override;
};

} // namespace eventscope::importers
