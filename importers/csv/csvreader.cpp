#include "csvreader.h"

#include "csvimport.h"
#include "csvparser.h"
#include "csvsniffer.h"

#include <QFile>

#include <string_view>

namespace eventscope::importers {

int CsvReader::detect(QByteArrayView head, const QString& fileName) const
{
    return csvConfidence(head, fileName);
}

ReadResult CsvReader::read(const QString& path, const ReadOptions& options, EventSink& sink) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ReadResult::failed(QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));

    QByteArray chunk(chunkSize, Qt::Uninitialized);
    qint64 size = file.read(chunk.data(), chunkSize);
    CsvParser parser(sniffCsvDelimiter(QByteArrayView(chunk.constData(), qMax<qint64>(size, 0)), path));
    CsvImport import(path, options, sink);
    qint64 bytesRead = 0;
    while (size > 0) {
        if (!parser.feed(std::string_view(chunk.constData(), size_t(size)), import))
            return import.result();
        bytesRead += size;
        if (!sink.progress(bytesRead))
            return ReadResult::stopped();
        size = file.read(chunk.data(), chunkSize);
    }
    if (size < 0)
        return ReadResult::failed(QStringLiteral("%1: read error after %2 bytes: %3")
                                      .arg(path)
                                      .arg(bytesRead)
                                      .arg(file.errorString()));
    if (!parser.finish(import))
        return import.result();
    if (!import.sawHeader())
        sink.note(QStringLiteral("empty file: no header row, no events"));
    return import.result();
}

} // namespace eventscope::importers
