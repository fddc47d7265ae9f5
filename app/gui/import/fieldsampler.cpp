#include "fieldsampler.h"

#include "csv/csvparser.h"
#include "csv/csvsniffer.h"
#include "jsonarray/jsonelementscanner.h"
#include "jsonlines/textinput.h"
#include "protobuf/descriptorset.h"
#include "protobuf/framing.h"
#include "json/jsonvalue.h"

#include <QFile>
#include <QSet>

namespace eventscope::gui {
namespace {

using importers::ReadOptions;

// Gathers names record by record, keeping the order in which they first appear.
class FieldCollector
{
public:
    void add(const json::Value& record)
    {
        if (!record.isObject())
            return;
        const bool first = m_records++ == 0;
        for (std::size_t i = 0; i < record.size(); ++i) {
            const QString name = QString::fromUtf8(record.keyAt(i));
            if (first)
                m_sample.firstRecordFields << name;
            addName(m_topLevel, name);
            const json::Value& value = record.valueAt(i);
            if (!value.isObject())
                continue;
            for (std::size_t j = 0; j < value.size(); ++j)
                addName(m_nested, name + QLatin1Char('.') + QString::fromUtf8(value.keyAt(j)));
        }
    }

    void addNames(const QStringList& names)
    {
        if (m_records++ == 0)
            m_sample.firstRecordFields = names;
        for (const QString& name : names)
            addName(m_topLevel, name);
    }

    int records() const { return m_records; }
    void setError(const QString& error) { m_sample.error = error; }

    FieldSample take()
    {
        m_sample.topLevelFields = m_topLevel;
        m_sample.fields = m_topLevel + m_nested;
        return std::move(m_sample);
    }

private:
    void addName(QStringList& list, const QString& name)
    {
        if (m_seen.contains(name))
            return;
        m_seen.insert(name);
        list << name;
    }

    FieldSample m_sample;
    QStringList m_topLevel;
    QStringList m_nested;
    QSet<QString> m_seen;
    int m_records = 0;
};

void addJsonText(FieldCollector& collector, std::string_view text)
{
    if (const auto value = json::parse(text))
        collector.add(*value);
}

// The header row is all a CSV file has to say about its fields.
class CsvHeader final : public importers::CsvParser::Handler
{
public:
    bool record(const importers::CsvRecord& record) override
    {
        for (qsizetype i = 0; i < record.size(); ++i) {
            const std::string_view field = record.field(i);
            QString name = QString::fromUtf8(field.data(), qsizetype(field.size())).trimmed();
            // The same fallback name the CSV reader gives a column without one.
            names << (name.isEmpty() ? QStringLiteral("column%1").arg(i + 1) : name);
        }
        done = true;
        return false;
    }
    bool malformed(const importers::CsvIssue& issue) override
    {
        error = QStringLiteral("line %1, column %2: %3").arg(issue.line).arg(issue.column).arg(issue.reason);
        done = true;
        return false;
    }

    QStringList names;
    QString error;
    bool done = false;
};

void sampleCsv(const QString& path, FieldCollector& collector)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return collector.setError(QStringLiteral("cannot open: %1").arg(file.errorString()));
    CsvHeader header;
    QByteArray chunk = file.read(64 * 1024);
    importers::CsvParser parser(importers::sniffCsvDelimiter(chunk, path));
    qint64 total = 0;
    while (!chunk.isEmpty() && total < FieldSampler::maxBytes) {
        total += chunk.size();
        if (!parser.feed(std::string_view(chunk.constData(), size_t(chunk.size())), header))
            break;
        chunk = file.read(64 * 1024);
    }
    if (!header.done)
        parser.finish(header);
    if (!header.error.isEmpty())
        return collector.setError(QStringLiteral("cannot read the header row: ") + header.error);
    collector.addNames(header.names);
}

void sampleJsonLines(const QString& path, FieldCollector& collector)
{
    importers::LineInput input;
    if (const QString error = input.open(path); !error.isEmpty())
        return collector.setError(error);
    std::string_view line;
    int lines = 0;
    while (lines < FieldSampler::maxRecords && input.bytesConsumed() < FieldSampler::maxBytes &&
           input.next(line)) {
        if (importers::isBlank(line))
            continue;
        ++lines;
        addJsonText(collector, line);
    }
}

void sampleJsonArray(const QString& path, FieldCollector& collector)
{
    importers::JsonElementScanner scanner;
    if (const QString error = scanner.open(path); !error.isEmpty())
        return collector.setError(error);
    for (int i = 0; i < FieldSampler::maxRecords && scanner.bytesConsumed() < FieldSampler::maxBytes; ++i) {
        if (scanner.next() != importers::JsonElementScanner::Result::Element)
            break;
        addJsonText(collector, scanner.element());
    }
}

void sampleDelimitedMessages(const QString& path, const ReadOptions& options, FieldCollector& collector)
{
    if (options.descriptorSetPath.isEmpty() || options.messageType.isEmpty())
        return collector.setError(QStringLiteral("choose a descriptor set and a message type to decode "
                                                 "the messages"));
    QString error;
    const auto set = importers::protobuf::DescriptorSet::load(options.descriptorSetPath, error);
    if (!set)
        return collector.setError(error);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return collector.setError(QStringLiteral("cannot open: %1").arg(file.errorString()));
    importers::protobuf::FramedInput input(file);
    for (int i = 0; i < FieldSampler::maxRecords && input.offset() < FieldSampler::maxBytes; ++i) {
        const auto frame = input.nextDelimited();
        if (frame.status != importers::protobuf::Frame::Status::Record)
            break;
        if (const auto json = set->toJson(options.messageType, frame.bytes, error))
            addJsonText(collector, std::string_view(json->constData(), size_t(json->size())));
    }
}

} // namespace

bool FieldSampler::usesMapping(const QString& readerId)
{
    return readerId == QLatin1String("jsonl") || readerId == QLatin1String("json") ||
           readerId == QLatin1String("csv") || readerId == QLatin1String("delimited-message");
}

FieldSample FieldSampler::sample(const QString& path, const QString& readerId, const ReadOptions& options)
{
    FieldCollector collector;
    if (readerId == QLatin1String("csv"))
        sampleCsv(path, collector);
    else if (readerId == QLatin1String("jsonl"))
        sampleJsonLines(path, collector);
    else if (readerId == QLatin1String("json"))
        sampleJsonArray(path, collector);
    else if (readerId == QLatin1String("delimited-message"))
        sampleDelimitedMessages(path, options, collector);
    return collector.take();
}

} // namespace eventscope::gui
