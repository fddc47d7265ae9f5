#include "livefollower.h"

#include "liveappender.h"
#include "livecheckpoint.h"
#include "liveerror.h"
#include "livesource.h"
#include "stopsignal.h"

#include <algorithm>

namespace eventscope::importers::live {
namespace {

// How long one wait for news lasts before the loop looks at the stop request and the head again.
constexpr std::chrono::milliseconds waitSlice{1000};

// How often a follow that is only to catch up tries to reach its source the first time.
constexpr int initialAttemptsWhenCatchingUp = 4;

bool isBusy(const sqlite::Error& error)
{
    const int primary = error.code() & 0xff;
    return primary == 5 /* SQLITE_BUSY */ || primary == 6 /* SQLITE_LOCKED */;
}

} // namespace

LiveFollower::LiveFollower(Workspace& workspace, LiveSource& source, FollowOptions options)
    : m_workspace(workspace), m_source(source), m_options(options), m_retry(options.retryFloor)
{
    m_options.batchSize = std::max(1, m_options.batchSize);
    m_options.maxBatchSize = std::max(m_options.batchSize, m_options.maxBatchSize);
}

void LiveFollower::emitStatus()
{
    if (onStatus)
        onStatus(m_status);
}

void LiveFollower::setState(LiveState state, const QString& message)
{
    if (m_status.state == state && m_status.message == message)
        return;
    m_status.state = state;
    m_status.message = message;
    emitStatus();
}

FollowReport LiveFollower::finish(FollowReport::Outcome outcome, const QString& message)
{
    m_status.state = outcome == FollowReport::Outcome::Failed ? LiveState::Error : LiveState::Stopped;
    m_status.message = message;
    emitStatus();
    m_source.disconnect();
    m_report.outcome = outcome;
    m_report.status = m_status;
    return m_report;
}

// Waits before retrying a transient failure; false when stop was requested meanwhile.
bool LiveFollower::backoff(StopSignal& stop, const QString& message)
{
    setState(m_status.state, message + QStringLiteral("; retrying in %1 ms").arg(m_retry.count()));
    const bool stopped = stop.waitFor(m_retry);
    m_retry = std::min(m_retry * 2, m_options.retryCeiling);
    return !stopped;
}

bool LiveFollower::connectWithRetry(StopSignal& stop)
{
    int attempts = 0;
    while (!stop.requested()) {
        try {
            m_source.connect();
            m_connectedOnce = true;
            m_retry = m_options.retryFloor;
            return true;
        } catch (const LiveError& error) {
            // A script asking to catch up wants an answer, not a wait for a server that may never
            // come: before it has connected once, such a follow tries a few times only.
            ++attempts;
            if (!error.isTransient() ||
                (m_options.untilCaughtUp && !m_connectedOnce && attempts >= initialAttemptsWhenCatchingUp))
                throw;
            if (!backoff(stop, error.message()))
                return false;
        }
    }
    return false;
}

FollowReport LiveFollower::run(StopSignal& stop)
{
    m_status = {};
    m_report = {};
    m_connectedOnce = false;
    emitStatus();
    try {
        if (!connectWithRetry(stop))
            return finish(FollowReport::Outcome::Stopped);
        const auto checkpoint = LiveCheckpoint::load(m_workspace.database(), m_source.url());
        qint64 after = 0;
        if (m_options.fromPosition) {
            after = std::max<qint64>(*m_options.fromPosition - 1, 0);
        } else if (checkpoint) {
            after = *checkpoint;
            m_report.resumed = true;
        }
        m_report.startedAfter = after;
        m_status.position = after;
        if (onStart)
            onStart(after, m_report.resumed);
        LiveAppender appender(m_workspace, m_source.url(), m_source.label(), m_source.kind());
        int batchSize = m_options.batchSize;
        bool reconnect = false;
        while (!stop.requested()) {
            LiveBatch batch;
            try {
                if (reconnect) {
                    if (!connectWithRetry(stop))
                        break;
                    reconnect = false;
                }
                batch = m_source.read(after, batchSize);
                m_status.head = std::max(m_source.headPosition(), batch.lastPosition);
            } catch (const LiveError& error) {
                if (!error.isTransient())
                    return finish(FollowReport::Outcome::Failed, error.message());
                m_source.disconnect();
                reconnect = true;
                if (!backoff(stop, error.message()))
                    break;
                continue;
            }
            for (const LiveIssue& warning : batch.warnings) {
                if (onIssue)
                    onIssue(warning, false);
            }
            if (!batch.errors.empty()) {
                if (!m_options.skipBadRows) {
                    return finish(FollowReport::Outcome::Failed,
                                  QStringLiteral("%1; nothing of its batch was appended (the workspace holds "
                                                 "this source up to position %2)")
                                      .arg(batch.errors.front().describe())
                                      .arg(after));
                }
                for (const LiveIssue& error : batch.errors) {
                    if (onIssue)
                        onIssue(error, true);
                }
            }
            if (batch.rows > 0) {
                try {
                    const auto result =
                        appender.append(batch.events, batch.lastPosition, qint64(batch.errors.size()));
                    m_status.appended += result.added;
                    m_status.duplicates += result.duplicates;
                    m_status.rejected += qint64(batch.errors.size());
                } catch (const sqlite::Error& error) {
                    if (!isBusy(error))
                        return finish(FollowReport::Outcome::Failed,
                                      QStringLiteral("%1: %2").arg(m_workspace.path(), error.message()));
                    // Another writer holds the workspace: read the same batch again later.
                    if (!backoff(stop, QStringLiteral("%1: %2").arg(m_workspace.path(), error.message())))
                        break;
                    continue;
                }
                after = batch.lastPosition;
                m_status.position = after;
                if (!batch.events.empty())
                    m_status.lastEventTimeUs = batch.events.back().event.timeUs;
            }
            m_retry = m_options.retryFloor;
            // Rows past the head can only be read while reads return rows: a source whose head runs
            // ahead of what it returns (a mapped position column holding text) must not spin.
            const bool full = batch.rows >= batchSize;
            const bool more = full || (batch.rows > 0 && m_status.head > after);
            batchSize = full ? std::min(batchSize * 2, m_options.maxBatchSize) : m_options.batchSize;
            m_status.state = more ? LiveState::CatchingUp : LiveState::Following;
            m_status.message.clear();
            emitStatus();
            if (more)
                continue;
            // A read held up by a transaction in progress is not the end: that event comes next.
            if (m_options.untilCaughtUp && !batch.waiting)
                return finish(FollowReport::Outcome::CaughtUp);
            try {
                while (!stop.requested() && !m_source.waitForChange(waitSlice, stop)) {
                }
            } catch (const LiveError& error) {
                if (!error.isTransient())
                    return finish(FollowReport::Outcome::Failed, error.message());
                m_source.disconnect();
                reconnect = true;
            }
        }
        return finish(FollowReport::Outcome::Stopped);
    } catch (const LiveError& error) {
        return finish(FollowReport::Outcome::Failed, error.message());
    } catch (const sqlite::Error& error) {
        return finish(FollowReport::Outcome::Failed,
                      QStringLiteral("%1: %2").arg(m_workspace.path(), error.message()));
    }
}

} // namespace eventscope::importers::live
