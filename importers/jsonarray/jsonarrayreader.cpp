#include "jsonarrayreader.h"

#include "jsonarray/jsonelementscanner.h"
#include "json/jsonrecordmapper.h"

#include <QFileInfo>

namespace eventscope::importers {

QStringList JsonArrayReader::extensions() const
{
    return {QStringLiteral("json")};
}

int JsonArrayReader::detect(QByteArrayView head, const QString& fileName) const
{
    const bool extension =
        QFileInfo(fileName).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
    QByteArrayView rest = head.startsWith("\xEF\xBB\xBF") ? head.sliced(3) : head;
    rest = rest.trimmed();
    if (rest.startsWith('['))
        return extension ? 100 : 85;
    if (rest.startsWith('{'))
        return extension ? 70 : 40; // JSON Lines claims it first when the first line is whole
    return 0;
}

ReadResult JsonArrayReader::read(const QString& path, const ReadOptions& options, EventSink& sink) const
{
    JsonElementScanner scanner;
    if (const QString error = scanner.open(path); !error.isEmpty())
        return ReadResult::failed(error);
    JsonRecordMapper mapper(options);
    bool noted = false;
    qint64 lastProgress = 0;
    while (true) {
        const auto result = scanner.next();
        if (scanner.bytesConsumed() - lastProgress >= (1 << 20)) {
            lastProgress = scanner.bytesConsumed();
            if (!sink.progress(lastProgress))
                return ReadResult::stopped();
        }
        if (result == JsonElementScanner::Result::End)
            break;
        const auto place = RecordPlace::text(scanner.line(), scanner.column());
        if (result == JsonElementScanner::Result::Truncated ||
            result == JsonElementScanner::Result::Malformed) {
            if (scanner.bytesConsumed() <= 3 && result == JsonElementScanner::Result::Malformed)
                return ReadResult::failed(QStringLiteral("%1: %2").arg(path, scanner.problem()));
            if (!sink.rejected({place, scanner.problem()}))
                return ReadResult::stopped();
            break;
        }
        auto outcome = mapper.map(scanner.element());
        if (outcome.fatal)
            return ReadResult::failed(QStringLiteral("%1: %2").arg(place.describe(path), outcome.error));
        if (!noted && !mapper.mappingNote().isEmpty()) {
            sink.note(mapper.mappingNote());
            noted = true;
        }
        for (const QString& warning : std::as_const(outcome.warnings))
            sink.warning({place, warning});
        const bool keepGoing = outcome.event ? sink.event(std::move(*outcome.event), place)
                                             : sink.rejected({place, outcome.error});
        if (!keepGoing)
            return ReadResult::stopped();
    }
    sink.progress(scanner.bytesConsumed());
    return ReadResult::completed();
}

} // namespace eventscope::importers
