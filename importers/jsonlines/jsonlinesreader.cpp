#include "jsonlinesreader.h"

#include "textinput.h"
#include "json/jsonrecordmapper.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace eventscope::importers {

QStringList JsonLinesReader::extensions() const
{
    return {QStringLiteral("jsonl"), QStringLiteral("ndjson"), QStringLiteral("jsonlines")};
}

int JsonLinesReader::detect(QByteArrayView head, const QString& fileName) const
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    const bool extension = extensions().contains(suffix);
    QByteArrayView rest = skipBom(head);
    // The first non-blank line must be a whole JSON object on its own.
    while (!rest.isEmpty()) {
        const auto newline = rest.indexOf('\n');
        const QByteArrayView line = (newline < 0 ? rest : rest.first(newline)).trimmed();
        if (line.isEmpty()) {
            if (newline < 0)
                break;
            rest = rest.sliced(newline + 1);
            continue;
        }
        if (!line.startsWith('{'))
            return 0;
        if (newline < 0) // a first line longer than the sample: trust the extension
            return extension ? 80 : 30;
        QJsonParseError error;
        QJsonDocument::fromJson(line.toByteArray(), &error);
        if (error.error == QJsonParseError::NoError)
            return extension ? 100 : 90;
        return extension ? 60 : 0;
    }
    return extension ? 50 : 0;
}

ReadResult JsonLinesReader::read(const QString& path, const ReadOptions& options, EventSink& sink) const
{
    LineInput input;
    if (const QString error = input.open(path); !error.isEmpty())
        return ReadResult::failed(error);
    JsonRecordMapper mapper(options);
    bool noted = false;
    std::string_view line;
    qint64 lastProgress = 0;
    while (input.next(line)) {
        if (input.bytesConsumed() - lastProgress >= (1 << 20)) {
            lastProgress = input.bytesConsumed();
            if (!sink.progress(lastProgress))
                return ReadResult::stopped();
        }
        if (isBlank(line))
            continue;
        const qint64 lineNumber = input.lineNumber();
        auto outcome = mapper.map(line);
        if (outcome.fatal)
            return ReadResult::failed(
                QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(outcome.error));
        if (!noted && !mapper.mappingNote().isEmpty()) {
            sink.note(mapper.mappingNote());
            noted = true;
        }
        for (const QString& warning : std::as_const(outcome.warnings))
            sink.warning({RecordPlace::text(lineNumber), warning});
        bool keepGoing;
        if (outcome.event)
            keepGoing = sink.event(std::move(*outcome.event), RecordPlace::text(lineNumber));
        else
            keepGoing = sink.rejected(
                {RecordPlace::text(lineNumber, std::max<qint64>(outcome.errorColumn, 1)), outcome.error});
        if (!keepGoing)
            return ReadResult::stopped();
    }
    if (!input.error().isEmpty())
        return ReadResult::failed(input.error());
    sink.progress(input.bytesConsumed());
    return ReadResult::completed();
}

} // namespace eventscope::importers
