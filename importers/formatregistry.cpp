#include "formatregistry.h"

#include "cloudevents/cloudeventsjsonwriter.h"
#include "csv/csvreader.h"
#include "jsonarray/jsonarrayreader.h"
#include "jsonlines/envelopejson.h"
#include "jsonlines/jsonlinesreader.h"
#include "protobuf/protobufformats.h"

#include <QFile>
#include <QFileInfo>

namespace eventscope::importers {

FormatRegistry::FormatRegistry()
{
    m_readers.push_back(std::make_unique<JsonLinesReader>());
    m_readers.push_back(std::make_unique<JsonArrayReader>());
    m_readers.push_back(std::make_unique<CsvReader>());
    for (auto& reader : protobufReaders())
        m_readers.push_back(std::move(reader));

    m_exports.push_back(std::make_unique<EnvelopeJsonLinesFormat>());
    m_exports.push_back(std::make_unique<CloudEventsJsonFormat>());
    m_exports.push_back(std::make_unique<CloudEventsBatchFormat>());
    for (auto& format : protobufExportFormats())
        m_exports.push_back(std::move(format));
}

const FormatRegistry& FormatRegistry::instance()
{
    static const FormatRegistry registry;
    return registry;
}

const FormatReader* FormatRegistry::reader(const QString& id) const
{
    for (const auto& r : m_readers) {
        if (r->id() == id)
            return r.get();
    }
    return nullptr;
}

QStringList FormatRegistry::readerIds() const
{
    QStringList ids;
    for (const auto& r : m_readers)
        ids << r->id();
    return ids;
}

FormatRegistry::Detection FormatRegistry::detect(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {nullptr, 0, QStringLiteral("%1: cannot open: %2").arg(path, file.errorString())};
    const QByteArray head = file.read(64 * 1024);
    Detection best;
    for (const auto& r : m_readers) {
        const int confidence = r->detect(head, QFileInfo(path).fileName());
        if (confidence > best.confidence) {
            best.reader = r.get();
            best.confidence = confidence;
        }
    }
    if (!best.reader) {
        best.error = head.isEmpty() ? QStringLiteral("%1: the file is empty").arg(path)
                                    : QStringLiteral("%1: format not recognised; pass --format (one of: %2)")
                                          .arg(path, readerIds().join(QStringLiteral(", ")));
    }
    return best;
}

const ExportFormat* FormatRegistry::exportFormat(const QString& id) const
{
    for (const auto& f : m_exports) {
        if (f->id() == id)
            return f.get();
    }
    return nullptr;
}

QStringList FormatRegistry::exportFormatIds() const
{
    QStringList ids;
    for (const auto& f : m_exports)
        ids << f->id();
    return ids;
}

} // namespace eventscope::importers
