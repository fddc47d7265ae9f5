#include "csvsniffer.h"

#include "csvparser.h"

#include <QFileInfo>

#include <string>
#include <vector>

namespace eventscope::importers {

namespace {

constexpr qsizetype maxSampledRows = 50;
constexpr size_t maxHeaderNameBytes = 64;

QString extensionOf(const QString& fileName)
{
    return QFileInfo(fileName).suffix().toLower();
}

QByteArrayView withoutBom(QByteArrayView head)
{
    return head.startsWith("\xEF\xBB\xBF") ? head.sliced(3) : head;
}

// Collects the header and the field counts of the rows after it.
struct Sample final : CsvParser::Handler
{
    bool record(const CsvRecord& record) override
    {
        if (!haveHeader) {
            haveHeader = true;
            for (qsizetype i = 0; i < record.size(); ++i)
                header.emplace_back(record.field(i));
            return true;
        }
        rowSizes.push_back(record.size());
        return qsizetype(rowSizes.size()) < maxSampledRows;
    }
    bool malformed(const CsvIssue&) override
    {
        if (!haveHeader) {
            headerMalformed = true;
            return false;
        }
        ++malformedRows;
        return true;
    }

    bool haveHeader = false;
    bool headerMalformed = false;
    std::vector<std::string> header;
    std::vector<qsizetype> rowSizes;
    int malformedRows = 0;
};

// Column names, not values: short, and free of the brackets and quotes that JSON or prose has.
bool looksLikeName(std::string_view name)
{
    while (!name.empty() && name.front() == ' ')
        name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ')
        name.remove_suffix(1);
    if (name.empty() || name.size() > maxHeaderNameBytes)
        return false;
    return name.find_first_of("{}[]\"") == std::string_view::npos;
}

} // namespace

char sniffCsvDelimiter(QByteArrayView head, const QString& fileName)
{
    if (extensionOf(fileName) == QLatin1String("tsv"))
        return '\t';
    head = withoutBom(head);
    qsizetype end = 0;
    while (end < head.size() && head[end] != '\n' && head[end] != '\r')
        ++end;
    const QByteArrayView firstLine = head.first(end);
    return firstLine.contains('\t') && !firstLine.contains(',') ? '\t' : ',';
}

int csvConfidence(QByteArrayView head, const QString& fileName)
{
    const QString extension = extensionOf(fileName);
    const int extensionBonus =
        extension == QLatin1String("csv") || extension == QLatin1String("tsv") ? 25 : 0;

    const QByteArrayView text = withoutBom(head);
    const QByteArrayView trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return extensionBonus;
    if (trimmed.startsWith('{') || trimmed.startsWith('[') || text.contains('\0'))
        return 0;

    CsvParser parser(sniffCsvDelimiter(head, fileName));
    Sample sample;
    // Only rows ended by a line end are sampled: the last one may be cut by the end of the head.
    parser.feed(std::string_view(text.data(), size_t(text.size())), sample);
    if (!sample.haveHeader && !sample.headerMalformed)
        parser.finish(sample); // a head of one line: take it as the header

    if (!sample.haveHeader || sample.headerMalformed)
        return extensionBonus;
    bool names = sample.header.size() >= 2;
    for (const std::string& name : sample.header)
        names = names && looksLikeName(name);
    if (!names)
        return extensionBonus ? extensionBonus + 15 : 0;

    int score = 50; // a header and nothing to check it against
    if (!sample.rowSizes.empty()) {
        bool consistent = sample.malformedRows == 0;
        for (const qsizetype size : sample.rowSizes)
            consistent = consistent && size == qsizetype(sample.header.size());
        score = consistent ? 70 : 30;
    }
    return qMin(100, score + extensionBonus);
}

} // namespace eventscope::importers
