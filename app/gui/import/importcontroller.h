#pragma once

#include "importjob.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QThread;

namespace eventscope::gui {

// Runs one import at a time on a worker thread with a workspace connection of its own, so the
// GUI keeps reading the workspace meanwhile (WAL lets readers and the one writer overlap). The
// import is one transaction: cancelled or failed, the workspace stays exactly as it was.
class ImportController : public QObject
{
    Q_OBJECT

public:
    // At most this many progress signals a second.
    static constexpr int progressIntervalMs = 100;

    explicit ImportController(QObject* parent = nullptr);
    ~ImportController() override; // cancels a running import and waits for it to roll back

    // Starts importing into the workspace at workspacePath (created when missing, and removed
    // again if that import does not complete). False when an import is already running.
    bool start(const QString& workspacePath, const importers::ImportRequest& request);
    bool isRunning() const { return m_thread != nullptr; }
    QString workspacePath() const { return m_workspacePath; }
    const importers::ImportRequest& request() const { return m_request; }

public slots:
    // Asks the running import to stop; finished() follows with status Cancelled (or Completed when
    // it was already committing).
    void cancel();

signals:
    void started();
    // secondsLeft < 0 while there is too little to go on.
    void progress(qint64 bytesDone, qint64 bytesTotal, qint64 events, double eventsPerSecond,
                  double secondsLeft);
    void finished(const eventscope::importers::ImportReport& report);

private:
    void onWorkerProgress(const importers::ImportProgress& progress);
    void onWorkerFinished(const importers::ImportReport& report);

    QThread* m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QString m_workspacePath;
    importers::ImportRequest m_request;
    QElapsedTimer m_elapsed;
};

} // namespace eventscope::gui

Q_DECLARE_METATYPE(eventscope::importers::ImportReport)
