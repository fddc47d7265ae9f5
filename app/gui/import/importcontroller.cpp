#include "importcontroller.h"

#include "workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <functional>

namespace eventscope::gui {
namespace {

using importers::ImportProgress;
using importers::ImportReport;

ImportReport failedReport(const QString& error)
{
    ImportReport report;
    report.status = ImportReport::Status::Failed;
    report.error = error;
    return report;
}

// The worker's side: one import on its own connection, progress handed to the GUI thread no more
// often than the controller draws it.
ImportReport importOnThisThread(const QString& workspacePath, const importers::ImportRequest& request,
                                const std::atomic<bool>& cancel,
                                const std::function<void(const ImportProgress&)>& report)
{
    const bool existed = QFileInfo::exists(workspacePath);
    ImportReport result;
    try {
        Workspace workspace(workspacePath);
        QElapsedTimer sinceReport;
        sinceReport.start();
        bool first = true;
        result = importers::runImport(workspace, request, [&](const ImportProgress& progress) {
            if (first || sinceReport.elapsed() >= ImportController::progressIntervalMs) {
                first = false;
                sinceReport.restart();
                report(progress);
            }
            return !cancel.load(std::memory_order_relaxed);
        });
    } catch (const WorkspaceError& error) {
        result = failedReport(error.message());
    } catch (const sqlite::Error& error) {
        result = failedReport(QStringLiteral("%1: %2").arg(workspacePath, error.message()));
    } catch (const std::exception& error) {
        result = failedReport(QString::fromUtf8(error.what()));
    }
    // "As it was" for a workspace this import created is no file at all (as eventscope-cli does).
    if (!existed && result.status != ImportReport::Status::Completed) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(workspacePath + QLatin1String(suffix));
    }
    return result;
}

} // namespace

ImportController::ImportController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<importers::ImportReport>();
}

ImportController::~ImportController()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
        delete m_thread;
    }
}

bool ImportController::start(const QString& workspacePath, const importers::ImportRequest& request)
{
    if (m_thread)
        return false;
    m_workspacePath = workspacePath;
    m_request = request;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_elapsed.start();
    // The thread only posts to this object; the destructor waits for it, so `this` outlives it.
    m_thread = QThread::create([this, workspacePath, request, cancel = m_cancel] {
        const ImportReport report =
            importOnThisThread(workspacePath, request, *cancel, [this](const ImportProgress& progress) {
                QMetaObject::invokeMethod(
                    this, [this, progress] { onWorkerProgress(progress); }, Qt::QueuedConnection);
            });
        QMetaObject::invokeMethod(
            this, [this, report] { onWorkerFinished(report); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("import"));
    m_thread->start();
    emit started();
    return true;
}

void ImportController::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ImportController::onWorkerProgress(const importers::ImportProgress& p)
{
    if (!m_thread || m_cancel->load())
        return;
    const double seconds = double(m_elapsed.nsecsElapsed()) / 1e9;
    const double rate = seconds > 0 ? double(p.events) / seconds : 0;
    const double fraction = p.bytesTotal > 0 ? double(p.bytesDone) / double(p.bytesTotal) : 0;
    // Below 1% done, an estimate says more about start-up costs than about the file.
    const double left = fraction > 0.01 ? seconds * (1 - fraction) / fraction : -1;
    emit progress(p.bytesDone, p.bytesTotal, p.events, rate, left);
}

void ImportController::onWorkerFinished(const importers::ImportReport& report)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_cancel.reset();
    emit finished(report);
}

} // namespace eventscope::gui
