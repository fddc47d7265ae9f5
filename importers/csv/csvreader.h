#pragma once

#include "reader.h"

namespace eventscope::importers {

// CSV (RFC 4180) and TSV with a header row. Each row becomes a JSON object of typed values
// (see CsvFieldTyping) and is mapped like a JSON record: through --map, or a preset detected from
// the header's names. Streams the file in chunks; a bad row is rejected with the line and column
// of its problem and reading goes on with the next row.
class CsvReader final : public FormatReader
{
public:
    static constexpr qint64 chunkSize = 1024 * 1024; // also how often progress is reported

    QString id() const override { return QStringLiteral("csv"); }
    QString displayName() const override { return QStringLiteral("CSV"); }
    QStringList extensions() const override { return {QStringLiteral("csv"), QStringLiteral("tsv")}; }
    int detect(QByteArrayView head, const QString& fileName) const override;
    ReadResult read(const QString& path, const ReadOptions& options, EventSink& sink) const override;
};

} // namespace eventscope::importers
