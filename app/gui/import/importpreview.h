#pragma once

#include "event.h"
#include "mapping/fieldmapping.h"
#include "reader.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>
#include <vector>

namespace eventscope::gui {

// What the import dialog asks to see of one file.
struct PreviewRequest
{
    QString path;
    QString format; // a reader id; empty = the detected one
    importers::ReadOptions options;
};

// Where the field mapping of a preview came from.
enum class MappingOrigin
{
    None,        // the format does not map records (envelopes in protobuf, CloudEvents protobuf)
    Detected,    // a built-in preset matched the first record's fields
    CloudEvents, // the records are CloudEvents in structured mode
    Suggested,   // no preset matched: guessed from the field names, for the user to check
    Given        // the request's options.mapping
};

// The first records of a file as they would be imported, with what went wrong among them.
struct PreviewResult
{
    PreviewRequest request;

    QString detectedFormat; // the reader id detection chose, empty when nothing recognised the file
    QString detectedFormatName;
    int detectedConfidence = 0;
    QString format; // the reader id the preview used (request.format, or the detected one)
    QString formatName;

    QString error; // the file as a whole cannot be read this way; events may then be empty

    std::vector<Event> events; // at most ImportPreview::maxEvents
    qint64 badRecords = 0;     // rejected among the records read
    qint64 warnings = 0;
    QStringList messages;   // the first problems, "file:line:column: reason" (file name only)
    qint64 recordsRead = 0; // accepted + rejected records read
    qint64 bytesRead = 0;
    bool wholeFile = false; // the reader reached the end: the counts are the file's

    bool usesMapping = false;
    MappingOrigin mappingOrigin = MappingOrigin::None;
    importers::FieldMapping mapping; // for Detected, Suggested and Given (not CloudEvents)
    QString mappingSpec;             // what --map would take to read the file this way; empty for None
    QString readerNote;              // the reader's own remark ("mapping: Message DB rows (detected)")
    QStringList fields;              // the names available to map from (dotted paths included)
};

// Reads the first records of a file through its reader, stopping early: a preview never reads a
// whole large file. Pure and thread-safe; the dialog runs it on a worker thread (PreviewRunner).
class ImportPreview
{
public:
    static constexpr int maxEvents = 50;
    static constexpr int maxMessages = 20;
    // Enough bad records to tell a broken file from a few broken lines, without reading on.
    static constexpr int maxBadRecords = 500;
    // A file whose records are all bad or far apart is not read further than this for a preview.
    static constexpr qint64 maxBytes = 16 * 1024 * 1024;

    // `stop`, when given, is polled while reading; once true the preview ends early.
    static PreviewResult run(const PreviewRequest& request, const std::atomic<bool>* stop = nullptr);
};

QString mappingOriginText(const PreviewResult& result);

} // namespace eventscope::gui

Q_DECLARE_METATYPE(eventscope::gui::PreviewResult)
