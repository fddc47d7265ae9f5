#include "importjob.h"

#include "formatregistry.h"
#include "recordqueue.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <openssl/evp.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

namespace eventscope::importers {

namespace {

QString sha256Of(const QString& path, QString* error, const std::atomic<bool>* stop)
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
        if (stop && stop->load(std::memory_order_relaxed)) {
            if (error)
                *error = QStringLiteral("%1: cancelled").arg(path);
            return {};
        }
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

} // namespace

QString fileSha256(const QString& path, QString* error)
{
    return sha256Of(path, error, nullptr);
}

namespace {

// Writes what one file's reader produced into the session (on the calling thread), counting and
// keeping the first messages.
class SourceWriter
{
public:
    // sha256() gives the file's SHA-256 (empty when it could not be had): it is asked for the
    // first record without an id only, since it may still be being computed.
    SourceWriter(ImportSession& session, ImportReport& report, FileImportReport& file,
                 const ImportRequest& request, std::function<QString()> sha256, ImportProgress& progress,
                 const std::function<bool(const ImportProgress&)>& callback)
        : m_session(session), m_report(report), m_file(file), m_request(request), m_sha256(std::move(sha256)),
          m_progress(progress), m_callback(callback), m_bytesBefore(progress.bytesDone)
    {}

    // False when the import must stop: cancelled, or --strict met a bad record.
    bool consume(RecordBatch& batch)
    {
        for (const QString& name : batch.newStreams)
            m_streams.push_back(m_session.streamHandle(name));
        for (const QString& name : batch.newTypes)
            m_types.push_back(m_session.typeId(name));
        for (auto& record : batch.events) {
            Event& e = record.event;
            if (e.id.isEmpty()) {
                if (m_idPrefix.isEmpty())
                    m_idPrefix = m_sha256().left(16) + QLatin1Char(':');
                e.id = m_idPrefix + record.place.key();
            }
            if (m_session.add(e, m_streams[size_t(record.streamKey)], m_types[size_t(record.typeKey)]) ==
                ImportSession::AddResult::Added)
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
    std::function<QString()> m_sha256;
    QString m_idPrefix;
    ImportProgress& m_progress;
    const std::function<bool(const ImportProgress&)>& m_callback;
    qint64 m_bytesBefore;
    std::vector<ImportSession::StreamHandle> m_streams; // by the reader's stream key
    std::vector<qint64> m_types;                        // type ids by the reader's type key
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
            queue.recycle(std::move(*batch));
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

// The SHA-256 of a file computed on a thread of its own while the file is imported: hashing it
// first would add its time (0.3 s for 400 MB) before the first event is read.
class BackgroundSha256
{
public:
    explicit BackgroundSha256(const QString& path)
        : m_thread([this, path] { m_sha256 = sha256Of(path, &m_error, &m_stop); })
    {}
    ~BackgroundSha256()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    BackgroundSha256(const BackgroundSha256&) = delete;
    BackgroundSha256& operator=(const BackgroundSha256&) = delete;

    // Waits for the hash; empty, with error() saying why, when the file could not be read.
    const QString& result()
    {
        if (m_thread.joinable())
            m_thread.join();
        return m_sha256;
    }
    const QString& error() const { return m_error; }

private:
    std::atomic<bool> m_stop = false;
    QString m_sha256;
    QString m_error;
    std::thread m_thread; // last: starts once the rest is built
};

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
        QString sha256; // empty while `background` computes it
        std::shared_ptr<BackgroundSha256> background;
        qint64 size = 0;
        QString sha256Now() const { return background ? background->result() : sha256; }
    };
    for (auto it = request.formatByFile.cbegin(); it != request.formatByFile.cend(); ++it) {
        if (!registry.reader(it.value()))
            return failed(report,
                          QStringLiteral("%1: unknown format '%2' (one of: %3)")
                              .arg(it.key(), it.value(), registry.readerIds().join(QStringLiteral(", "))));
    }
    // Two files can only have the same SHA-256 if they have the same size: a file whose size no
    // earlier import and no other file of this one has is hashed while it is imported, the others
    // first, so that a file imported before is recognised without reading it twice.
    std::vector<qint64> knownSizes;
    for (const ImportRecord& previous : workspace.imports())
        knownSizes.push_back(previous.sizeBytes);
    for (const QString& path : request.files)
        knownSizes.push_back(QFileInfo(path).size());
    std::vector<Planned> plan;
    for (const QString& path : request.files) {
        const QFileInfo info(path);
        if (!info.exists())
            return failed(report, QStringLiteral("%1: no such file").arg(path));
        if (!info.isFile())
            return failed(report, QStringLiteral("%1: not a regular file").arg(path));
        Planned p;
        p.size = info.size();
        if (std::count(knownSizes.begin(), knownSizes.end(), p.size) > 1) {
            QString error;
            p.sha256 = fileSha256(path, &error);
            if (p.sha256.isEmpty())
                return failed(report, error);
        } else {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return failed(report, QStringLiteral("%1: cannot open: %2").arg(path, file.errorString()));
            p.background = std::make_shared<BackgroundSha256>(path);
        }
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
                // (Files hashed in the background have a size no other file has.)
                bool duplicateInThisRun = false;
                for (size_t j = 0; j < i; ++j)
                    duplicateInThisRun =
                        duplicateInThisRun || (!p.sha256.isEmpty() && plan[j].sha256 == p.sha256);
                if (duplicateInThisRun) {
                    file.alreadyImportedNote =
                        QStringLiteral("same content as a file earlier in this import: nothing added");
                    progress.bytesDone += p.size;
                    report.files.push_back(file);
                    continue;
                }
                if (const auto previous =
                        p.sha256.isEmpty() ? std::nullopt : workspace.importWithSha256(p.sha256)) {
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

                SourceWriter writer(
                    session, report, file, request, [&p] { return p.sha256Now(); }, progress, onProgress);
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
                if (p.background) {
                    const QString sha256 = p.background->result();
                    if (sha256.isEmpty()) {
                        report.files.push_back(file);
                        return failed(report, p.background->error());
                    }
                    session.setSourceSha256(sha256);
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
