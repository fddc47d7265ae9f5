#pragma once

#include "importsession.h"
#include "reader.h"
#include "workspace.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace eventscope::importers {

struct ImportRequest
{
    QStringList files;
    QString format;                       // a reader id; empty = detect per file
    QHash<QString, QString> formatByFile; // a reader id for one file (its path in files); beats format
    ReadOptions options;
    bool strict = false; // the first bad record aborts the import with nothing written
    MergeOrder order = MergeOrder::Time;
};

struct FileImportReport
{
    QString path;
    QString format;
    qint64 accepted = 0;
    qint64 rejected = 0;
    qint64 duplicates = 0;
    qint64 warnings = 0;
    QString note;                // e.g. the detected mapping
    QString alreadyImportedNote; // non-empty when the same bytes were imported before: nothing added
};

struct ImportReport
{
    enum class Status
    {
        Completed,
        Cancelled,
        Failed // a file could not be read, or --strict met a bad record: nothing was written
    };
    Status status = Status::Completed;
    QString error;
    std::vector<FileImportReport> files;
    qint64 accepted = 0;
    qint64 rejected = 0;
    qint64 duplicates = 0;
    qint64 warnings = 0;
    QStringList messages; // the first maxMessages problems, "file:line:column: reason"
    double seconds = 0;
    qint64 bytes = 0;

    static constexpr int maxMessages = 100;
    bool addedNothing() const { return accepted == 0; }
};

struct ImportProgress
{
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 events = 0;
    double seconds = 0;
    QString currentFile;
};

// Reads files into a workspace in one transaction: a cancelled, failed or killed import leaves the
// workspace exactly as before. Files already imported (same SHA-256) add nothing and say so;
// events already present (same id) are counted as duplicates. Records without ids get one derived
// from the file's SHA-256 and the record's place, so re-reading the same file can never double
// them while identical-looking records within one file are all kept. Runs on the calling thread;
// `onProgress` returning false cancels.
ImportReport runImport(Workspace& workspace, const ImportRequest& request,
                       const std::function<bool(const ImportProgress&)>& onProgress = {});

// The SHA-256 of a file, hex; empty with error set when it cannot be read.
QString fileSha256(const QString& path, QString* error);

} // namespace eventscope::importers
