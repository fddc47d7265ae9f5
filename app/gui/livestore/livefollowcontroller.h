#pragma once

#include "live/livestatus.h"
#include "live/stopsignal.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <memory>

class QThread;

namespace eventscope::gui {

// Follows a live store into the open workspace from the window: the follow (LiveFollower, as
// `eventscope-cli follow` runs it) runs on a worker thread with its own connection to the
// workspace, and what it reports reaches the window batched: the status at most 30 times a second,
// "the log grew" at most 4 times a second, so that 20,000 events a second never freeze it.
class LiveFollowController : public QObject
{
    Q_OBJECT

public:
    static constexpr int statusIntervalMs = 33; // <= 30 Hz
    static constexpr int growIntervalMs = 250;

    explicit LiveFollowController(QObject* parent = nullptr);
    ~LiveFollowController() override; // stops the follow and waits for it

    // Starts following `url` into the workspace file `workspacePath`. False, with the reason, for a
    // URL that does not parse, names the workspace itself, or while a follow runs.
    bool start(const QString& workspacePath, const QString& url, QString* error);
    // Asks the follow to stop; finished() comes once it has.
    void stop();
    bool isRunning() const { return m_thread != nullptr; }
    // The source's canonical URL (never a password).
    QString url() const { return m_url; }
    importers::live::LiveStatus status() const { return m_shown; }

signals:
    void statusChanged(const eventscope::importers::live::LiveStatus& status);
    // The follow appended events since the last time this was said (`appended` in all).
    void logGrew(qint64 appended);
    // The follow ended: stopped, or failed (status.message says why).
    void finished(const eventscope::importers::live::LiveStatus& status);

private:
    void tick();
    void onThreadFinished();

    QString m_url;
    QThread* m_thread = nullptr;
    std::unique_ptr<importers::live::StopSignal> m_stop;
    QTimer m_timer;
    QElapsedTimer m_sinceGrew;
    // Written by the worker, read by tick() on the window's thread.
    mutable QMutex m_mutex;
    importers::live::LiveStatus m_latest;
    bool m_dirty = false;
    // What the window has been told.
    importers::live::LiveStatus m_shown;
    qint64 m_appendedShown = 0;
};

} // namespace eventscope::gui
