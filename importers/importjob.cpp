#include "importjob.h"

#include "formatregistry.h"
#include "recordqueue.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <openssl/evp.h>

#include <memory>
#include <thread>

namespace eventscope::importers {

QString fileSha256(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
        return {};
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    while (true) {
        const qint64 n = file.read(chunk.data(), chunk.size());
        if (n < 0) {
            if (error)
                *error = QStringLiteral("%1: read error: %2").arg(path, file.errorString());
            return {};
        }
        if (n == 0)
            break;
        EVP_DigestUpdate(ctx.get(), chunk.constData(), size_t(n));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(digest), int(length)).toHex());
}

namespace {

// Writes what one file's reader produced into the session (on the calling thread), counting and
// keeping the first messages.
class SourceWriter
{
public:
    SourceWriter(ImportSession& session, ImportReport& report, FileImportReport& file,
                 const ImportRequest& request, const QString& sha256, ImportProgress& progress,
                 const std::function<bool(const ImportProgress&)>& callback)
        : m_session(session), m_report(report), m_file(file), m_request(request),
          m_idPrefix(sha256.left(16) + QLatin1Char(':')), m_progress(progress), m_callback(callback),
          m_bytesBefore(progress.bytesDone)
    {}

    // False when the import must stop: cancelled, or --strict met a bad record.
    bool consume(RecordBatch& batch)
    {
        for (auto& [e, place] : batch.events) {
            if (e.id.isEmpty())
                e.id = m_idPrefix + place.key();
            if (m_session.add(e) == ImportSession::AddResult::Added)
                ++m_file.accepted;
            else
                ++m_file.duplicates;
        }
        m_progress.events += qint64(batch.events.size());
        for (const auto& [issue, isWarning] : batch.issues) {
            const QString where = issue.place.describe(m_file.path);
            if (isWarning) {
                ++m_file.warnings;
                addMessage(where + QStringLiteral(": warning: ") + issue.reason);
                continue;
            }
            ++m_file.rejected;
            addMessage(where + QStringLiteral(": ") + issue.reason);
            if (m_request.strict) {
                m_strictFailure = where + QStringLiteral(": ") + issue.reason;
                return false;
            }
        }
        m_progress.bytesDone = m_bytesBefore + batch.bytesRead;
        if (m_callback && !m_callback(m_progress)) {
            m_cancelled = true;
            return false;
        }
        return true;
    }

    bool cancelled() const { return m_cancelled; }
    QString strictFailure() const { return m_strictFailure; }

private:
    void addMessage(const QString& message)
    {
        if (m_report.messages.size() < ImportReport::maxMessages)
            m_report.messages << message;
    }

    ImportSession& m_session;
    ImportReport& m_report;
    FileImportReport& m_file;
    const ImportRequest& m_request;
    QString m_idPrefix;
    ImportProgress& m_progress;
    const std::function<bool(const ImportProgress&)>& m_callback;
    qint64 m_bytesBefore;
    bool m_cancelled = false;
    QString m_strictFailure;
};

// Runs the reader on a thread of its own while this thread inserts: parsing and SQLite overlap.
ReadResult readInto(const FormatReader& reader, const QString& path, const ReadOptions& options,
                    SourceWriter& writer, QString& note)
{
    RecordQueue queue(4);
    QueueSink sink(queue);
    ReadResult result;
    std::thread thread([&] {
        try {
            result = reader.read(path, options, sink);
            sink.handOver();
        } catch (const std::exception& error) {
            result = ReadResult::failed(QStringLiteral("%1: %2").arg(path, QString::fromUtf8(error.what())));
        }
        queue.close();
    });
    try {
        while (auto batch = queue.pop()) {
            if (!writer.consume(*batch)) {
                queue.cancel();
                break;
            }
        }
    } catch (...) {
        queue.cancel();
        thread.join();
        throw;
    }
    thread.join();
    note = sink.note();
    return result;
}

ImportReport failed(ImportReport report, const QString& error)
{
    report.status = ImportReport::Status::Failed;
    report.error = error;
    report.accepted = 0;
    report.duplicates = 0;
    return report;
}

} // namespace

ImportReport runImport(Workspace& workspace, const ImportRequest& request,
                       const std::function<bool(const ImportProgress&)>& onProgress)
{
    QElapsedTimer timer;
    timer.start();
    ImportReport report;
    ImportProgress progress;
    const auto& registry = FormatRegistry::instance();

    const FormatReader* forced = nullptr;
    if (!request.format.isEmpty()) {
        forced = registry.reader(request.format);
        if (!forced)
            return failed(report, QStringLiteral("unknown format '%1' (one of: %2)")
                                      .arg(request.format, registry.readerIds().join(QStringLiteral(", "))));
    }

    // Everything that can fail before writing is checked first.
    struct Planned
    {
        const FormatReader* reader = nullptr;
        QString sha256;
        qint64 size = 0;
    };
    for (auto it = request.formatByFile.cbegin(); it != request.formatByFile.cend(); ++it) {
        if (!registry.reader(it.value()))
            return failed(report,
                          QStringLiteral("%1: unknown format '%2' (one of: %3)")
                              .arg(it.key(), it.value(), registry.readerIds().join(QStringLiteral(", "))));
    }
    std::vector<Planned> plan;
    for (const QString& path : request.files) {
        const QFileInfo info(path);
        if (!info.exists())
            return failed(report, QStringLiteral("%1: no such file").arg(path));
        if (!info.isFile())
            return failed(report, QStringLiteral("%1: not a regular file").arg(path));
        Planned p;
        p.size = info.size();
        QString error;
        p.sha256 = fileSha256(path, &error);
        if (p.sha256.isEmpty())
            return failed(report, error);
        if (const auto chosen = request.formatByFile.constFind(path); chosen != request.formatByFile.cend()) {
            p.reader = registry.reader(*chosen);
        } else if (forced) {
            p.reader = forced;
        } else {
            const auto detection = registry.detect(path);
            if (!detection.reader)
                return failed(report, detection.error);
            p.reader = detection.reader;
        }
        progress.bytesTotal += p.size;
        plan.push_back(p);
    }
    report.bytes = progress.bytesTotal;

    // First try the cheap bulk load (ids checked once at the end); a load that turns out to hold
    // duplicate ids is redone with the id index maintained row by row.
    const ImportReport planned = report;
    const ImportProgress plannedProgress = progress;
    for (const IdCheck idCheck : {IdCheck::Deferred, IdCheck::Immediate}) {
        try {
            ImportSession session(workspace, request.order, idCheck);
            for (size_t i = 0; i < plan.size(); ++i) {
                const QString& path = request.files[int(i)];
                const Planned& p = plan[i];
                FileImportReport file;
                file.path = path;
                file.format = p.reader->id();
                progress.currentFile = path;
                bool duplicateInThisRun = false;
                for (size_t j = 0; j < i; ++j)
                    duplicateInThisRun = duplicateInThisRun || plan[j].sha256 == p.sha256;
                if (duplicateInThisRun) {
                    file.alreadyImportedNote =
                        QStringLiteral("same content as a file earlier in this import: nothing added");
                    progress.bytesDone += p.size;
                    report.files.push_back(file);
                    continue;
                }
                if (const auto previous = workspace.importWithSha256(p.sha256)) {
                    file.alreadyImportedNote =
                        QStringLiteral("already imported on %1 (as %2): nothing added")
                            .arg(QDateTime::fromMSecsSinceEpoch(previous->importedAtUs / 1000, Qt::UTC)
                                     .toString(Qt::ISODate),
                                 previous->path);
                    progress.bytesDone += p.size;
                    report.files.push_back(file);
                    continue;
                }

                ImportRecord provenance;
                provenance.path = QFileInfo(path).absoluteFilePath();
                provenance.label = QFileInfo(path).fileName();
                provenance.format = p.reader->id();
                provenance.sizeBytes = p.size;
                provenance.sha256 = p.sha256;
                session.beginSource(provenance);

                SourceWriter writer(session, report, file, request, p.sha256, progress, onProgress);
                const ReadResult result = readInto(*p.reader, path, request.options, writer, file.note);
                report.rejected += file.rejected;
                report.warnings += file.warnings;
                if (result.status == ReadResult::Status::Failed) {
                    report.files.push_back(file);
                    return failed(report, result.error);
                }
                if (!writer.strictFailure().isEmpty()) {
                    report.files.push_back(file);
                    return failed(
                        report,
                        QStringLiteral("--strict: %1; nothing was imported").arg(writer.strictFailure()));
                }
                if (writer.cancelled() || result.status == ReadResult::Status::Stopped) {
                    report.files.push_back(file);
                    report.status = ImportReport::Status::Cancelled;
                    report.error = QStringLiteral("import cancelled; the workspace is unchanged");
                    report.accepted = 0;
                    report.duplicates = 0;
                    report.seconds = double(timer.nsecsElapsed()) / 1e9;
                    return report;
                }
                session.endSource(file.rejected, file.note);
                report.accepted += file.accepted;
                report.duplicates += file.duplicates;
                report.files.push_back(file);
            }
            session.commit();
            break;
        } catch (const DeferredDuplicateIds&) {
            report = planned;
            progress = plannedProgress;
        } catch (const sqlite::Error& error) {
            return failed(report, QStringLiteral("%1: %2").arg(workspace.path(), error.message()));
        }
    }
    report.seconds = double(timer.nsecsElapsed()) / 1e9;
    return report;
}

} // namespace eventscope::importers
