#include "livefollowcontroller.h"

#include "live/liveerror.h"
#include "live/livefollower.h"
#include "live/livesources.h"
#include "workspace.h"

#include <QFileInfo>
#include <QThread>

namespace eventscope::gui {

using importers::live::LiveState;
using importers::live::LiveStatus;

LiveFollowController::LiveFollowController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<LiveStatus>();
    m_timer.setInterval(statusIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &LiveFollowController::tick);
}

LiveFollowController::~LiveFollowController()
{
    if (m_thread) {
        m_stop->request();
        m_thread->wait();
        delete m_thread;
    }
}

bool LiveFollowController::start(const QString& workspacePath, const QString& url, QString* error)
{
    if (m_thread) {
        *error = tr("already following %1").arg(m_url);
        return false;
    }
    QString parseError;
    const auto parsed = importers::live::SourceUrl::parse(url.trimmed(), &parseError);
    if (!parsed) {
        *error = parseError;
        return false;
    }
    if (parsed->scheme == QLatin1String("sqlite") && QFileInfo(parsed->path) == QFileInfo(workspacePath)) {
        *error = tr("the source is the open workspace itself");
        return false;
    }
    m_url = parsed->canonical();
    m_stop = std::make_unique<importers::live::StopSignal>();
    {
        QMutexLocker lock(&m_mutex);
        m_latest = {};
        m_dirty = true;
    }
    m_shown = {};
    m_appendedShown = 0;
    m_sinceGrew.start();
    const importers::live::SourceUrl source = *parsed;
    importers::live::StopSignal* stop = m_stop.get();
    m_thread = QThread::create([this, source, workspacePath, stop] {
        LiveStatus last;
        try {
            auto live = importers::live::createLiveSource(source);
            Workspace workspace(workspacePath, Workspace::OpenMode::ExistingOnly);
            importers::live::FollowOptions options;
            options.maxBatchSize = 16000; // catching up in big transactions, following in batches of 1000
            importers::live::LiveFollower follower(workspace, *live, options);
            follower.onStatus = [this](const LiveStatus& status) {
                QMutexLocker lock(&m_mutex);
                m_latest = status;
                m_dirty = true;
            };
            last = follower.run(*stop).status;
        } catch (const importers::live::LiveError& e) {
            last.state = LiveState::Error;
            last.message = e.message();
        } catch (const WorkspaceError& e) {
            last.state = LiveState::Error;
            last.message = e.message();
        }
        QMutexLocker lock(&m_mutex);
        if (last.state != LiveState::Error)
            last.state = LiveState::Stopped;
        m_latest = last;
        m_dirty = true;
    });
    m_thread->setObjectName(QStringLiteral("live follow"));
    connect(m_thread, &QThread::finished, this, &LiveFollowController::onThreadFinished);
    m_thread->start();
    m_timer.start();
    return true;
}

void LiveFollowController::stop()
{
    if (m_stop)
        m_stop->request();
}

void LiveFollowController::tick()
{
    bool changed = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_dirty) {
            m_shown = m_latest;
            m_dirty = false;
            changed = true;
        }
    }
    if (changed)
        emit statusChanged(m_shown);
    // Growth is said at most every growIntervalMs, and once the interval is over even when no newer
    // status came meanwhile (a follow that caught up goes quiet).
    if (m_shown.appended > m_appendedShown && m_sinceGrew.elapsed() >= growIntervalMs) {
        m_appendedShown = m_shown.appended;
        m_sinceGrew.restart();
        emit logGrew(m_shown.appended);
    }
}

void LiveFollowController::onThreadFinished()
{
    m_timer.stop();
    m_thread->deleteLater();
    m_thread = nullptr;
    {
        QMutexLocker lock(&m_mutex);
        m_dirty = true;
    }
    m_sinceGrew.invalidate();
    // The last word: everything appended is shown, then the outcome.
    LiveStatus last;
    {
        QMutexLocker lock(&m_mutex);
        last = m_latest;
        m_dirty = false;
    }
    m_shown = last;
    emit statusChanged(last);
    if (last.appended > m_appendedShown) {
        m_appendedShown = last.appended;
        emit logGrew(last.appended);
    }
    emit finished(last);
}

} // namespace eventscope::gui
