#include "importpreview.h"

#include "fieldsampler.h"
#include "formatregistry.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <exception>

namespace eventscope::gui {
namespace {

using importers::EventSink;
using importers::FieldMapping;
using importers::RecordIssue;
using importers::RecordPlace;

// Keeps the first events and problems and asks the reader to stop as soon as the preview has
// enough: maxEvents events, too many bad records, too many bytes, or a newer preview wanted.
class PreviewSink final : public EventSink
{
public:
    PreviewSink(PreviewResult& result, const QString& fileName, const std::atomic<bool>* stop)
        : m_result(result), m_fileName(fileName), m_stop(stop)
    {}

    bool event(Event&& event, const RecordPlace&) override
    {
        ++m_result.recordsRead;
        m_result.events.push_back(std::move(event));
        return keepReading();
    }
    bool rejected(const RecordIssue& issue) override
    {
        ++m_result.recordsRead;
        ++m_result.badRecords;
        addMessage(issue.place.describe(m_fileName) + QStringLiteral(": ") + issue.reason);
        return keepReading();
    }
    void warning(const RecordIssue& issue) override
    {
        ++m_result.warnings;
        addMessage(issue.place.describe(m_fileName) + QStringLiteral(": warning: ") + issue.reason);
    }
    bool progress(qint64 bytesRead) override
    {
        m_result.bytesRead = bytesRead;
        return keepReading();
    }
    void note(const QString& text) override { m_result.readerNote = text; }

    // Whether the reader stopped because of us rather than at the end of the file.
    bool stoppedEarly() const { return m_stoppedEarly; }

private:
    bool keepReading()
    {
        const bool enough = qsizetype(m_result.events.size()) >= ImportPreview::maxEvents ||
                            m_result.badRecords >= ImportPreview::maxBadRecords ||
                            m_result.bytesRead >= ImportPreview::maxBytes ||
                            (m_stop && m_stop->load(std::memory_order_relaxed));
        m_stoppedEarly = m_stoppedEarly || enough;
        return !enough;
    }
    void addMessage(const QString& message)
    {
        if (m_result.messages.size() < ImportPreview::maxMessages)
            m_result.messages << message;
    }

    PreviewResult& m_result;
    QString m_fileName;
    const std::atomic<bool>* m_stop;
    bool m_stoppedEarly = false;
};

QString tr(const char* text)
{
    return QCoreApplication::translate("eventscope::gui::ImportPreview", text);
}

// Decides the mapping the preview reads with, as the reader itself would, except that a file no
// preset fits gets a suggestion instead of an error. Returns false when the file cannot be read
// with any mapping yet (result.error says why).
bool chooseMapping(PreviewResult& result, importers::ReadOptions& options)
{
    const FieldSample sample = FieldSampler::sample(result.request.path, result.format, options);
    result.fields = sample.fields;
    const QString given = options.mapping.trimmed();
    if (!given.isEmpty()) {
        result.mappingOrigin = MappingOrigin::Given;
        result.mappingSpec = given;
        if (given == QLatin1String("cloudevents"))
            return true;
        QString error;
        const auto parsed = FieldMapping::parse(given, &error);
        if (!parsed) {
            result.error = tr("The field mapping is not valid: %1").arg(error);
            return false;
        }
        result.mapping = *parsed;
        return true;
    }
    if (result.format == QLatin1String("delimited-message") &&
        (options.descriptorSetPath.isEmpty() || options.messageType.isEmpty())) {
        result.error = tr("Choose the descriptor set and the message type that decode these messages.");
        return false;
    }
    if (sample.firstRecordFields.isEmpty()) {
        // Not one record to go by: the reader has the better words for what is wrong; let it speak.
        return true;
    }
    if (sample.firstRecordFields.contains(QStringLiteral("specversion"))) {
        result.mappingOrigin = MappingOrigin::CloudEvents;
        result.mappingSpec = QStringLiteral("cloudevents");
        return true;
    }
    const auto candidates = FieldMapping::matching(sample.firstRecordFields);
    if (candidates.size() == 1) {
        result.mappingOrigin = MappingOrigin::Detected;
        result.mapping = *candidates.front();
        result.mappingSpec = result.mapping.toSpec();
        return true;
    }
    result.mappingOrigin = MappingOrigin::Suggested;
    if (candidates.size() > 1) {
        // The reader would refuse to guess; the first preset is a starting point to confirm.
        result.mapping = *candidates.front();
        options.mapping = result.mapping.name;
    } else {
        result.mapping = FieldMapping::suggest(sample.topLevelFields);
        options.mapping = result.mapping.toSpec();
    }
    result.mappingSpec = options.mapping;
    QStringList missing;
    for (const auto target : {importers::Target::Stream, importers::Target::Type, importers::Target::Time}) {
        if (!result.mapping.has(target))
            missing << importers::targetName(target);
    }
    if (!missing.isEmpty()) {
        result.error = tr("No built-in mapping fits these fields. Choose the fields that hold the %1.")
                           .arg(missing.join(QStringLiteral(", ")));
        return false;
    }
    return true;
}

} // namespace

PreviewResult ImportPreview::run(const PreviewRequest& request, const std::atomic<bool>* stop)
{
    PreviewResult result;
    result.request = request;
    const auto& registry = importers::FormatRegistry::instance();
    const auto detection = registry.detect(request.path);
    if (detection.reader) {
        result.detectedFormat = detection.reader->id();
        result.detectedFormatName = detection.reader->displayName();
        result.detectedConfidence = detection.confidence;
    }
    const importers::FormatReader* reader =
        request.format.isEmpty() ? detection.reader : registry.reader(request.format);
    if (!reader) {
        result.error = request.format.isEmpty() ? detection.error
                                                : tr("Unknown format \u201c%1\u201d.").arg(request.format);
        return result;
    }
    result.format = reader->id();
    result.formatName = reader->displayName();

    importers::ReadOptions options = request.options;
    result.usesMapping = FieldSampler::usesMapping(result.format);
    if (result.usesMapping && !chooseMapping(result, options))
        return result;

    const QString fileName = QFileInfo(request.path).fileName();
    PreviewSink sink(result, fileName, stop);
    importers::ReadResult read;
    try {
        read = reader->read(request.path, options, sink);
    } catch (const std::exception& error) {
        read = importers::ReadResult::failed(QString::fromUtf8(error.what()));
    }
    if (read.status == importers::ReadResult::Status::Failed)
        result.error = read.error;
    result.wholeFile = read.status == importers::ReadResult::Status::Completed && !sink.stoppedEarly();
    return result;
}

QString mappingOriginText(const PreviewResult& result)
{
    switch (result.mappingOrigin) {
    case MappingOrigin::None:
        return result.usesMapping ? tr("No record to take field names from.")
                                  : tr("This format carries its own envelope fields.");
    case MappingOrigin::Detected:
        return tr("Detected: %1.").arg(result.mapping.description);
    case MappingOrigin::CloudEvents:
        return tr("Detected: CloudEvents structured mode.");
    case MappingOrigin::Suggested:
        return result.mapping.name == QLatin1String("custom")
                   ? tr("No built-in mapping fits these fields; suggested from their names. Check it.")
                   : tr("Several built-in mappings fit; using %1. Check it.").arg(result.mapping.description);
    case MappingOrigin::Given:
        return result.mappingSpec == QLatin1String("cloudevents") ? tr("CloudEvents structured mode.")
                                                                  : tr("Your mapping.");
    }
    return {};
}

} // namespace eventscope::gui
