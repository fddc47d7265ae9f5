#pragma once

#include "livebatch.h"
#include "livestatus.h"
#include "workspace.h"

#include <QString>

#include <chrono>
#include <functional>
#include <optional>

namespace eventscope::importers::live {

class LiveSource;
class StopSignal;

struct FollowOptions
{
    // The first source position to read; unset = after what the workspace already holds from this
    // source (its checkpoint), or from the start.
    std::optional<qint64> fromPosition;
    int batchSize = 1000;
    // While catching up, batches double up to this many events (0 = stay at batchSize): each
    // commit rewrites the index pages it touches, so a long catch-up goes several times faster in
    // bigger transactions, while a follow that has caught up stays at batchSize.
    int maxBatchSize = 0;
    // End once nothing more is there, instead of following; a source that cannot be reached at
    // the start is then tried a few times (about 2 s), not for ever.
    bool untilCaughtUp = false;
    // A bad row ends the follow (nothing of its batch is written) unless it is skipped: then it is
    // reported, counted as rejected, and passed.
    bool skipBadRows = false;
    // Transient failures (a locked file, a server gone) are retried after this, doubling up to
    // the ceiling.
    std::chrono::milliseconds retryFloor{250};
    std::chrono::milliseconds retryCeiling{5000};
};

struct FollowReport
{
    enum class Outcome
    {
        CaughtUp, // untilCaughtUp and nothing more to read
        Stopped,  // stop was requested
        Failed    // an error retrying cannot fix; status.message says what
    };
    Outcome outcome = Outcome::Stopped;
    LiveStatus status;
    qint64 startedAfter = 0; // the source position the follow started after
    bool resumed = false;    // started from the workspace's checkpoint for this source
};

// Drives a LiveSource into a workspace: connect, catch up batch by batch, then follow until
// stopped. Each batch is one transaction holding its events and the source position reached
// (LiveAppender). Runs on the calling thread; the callbacks run on it too. The GUI runs it on a
// worker thread and stops it with the StopSignal.
class LiveFollower
{
public:
    LiveFollower(Workspace& workspace, LiveSource& source, FollowOptions options);

    // After each batch and on every change of state.
    std::function<void(const LiveStatus&)> onStatus;
    // Once connected: where reading starts, and whether that is the workspace's checkpoint.
    std::function<void(qint64 startedAfter, bool resumed)> onStart;
    // Each bad row (error) and each row kept with a remark (warning).
    std::function<void(const LiveIssue&, bool isError)> onIssue;

    FollowReport run(StopSignal& stop);

private:
    bool connectWithRetry(StopSignal& stop);
    bool backoff(StopSignal& stop, const QString& message);
    void setState(LiveState state, const QString& message = {});
    void emitStatus();
    FollowReport finish(FollowReport::Outcome outcome, const QString& message = {});

    Workspace& m_workspace;
    LiveSource& m_source;
    FollowOptions m_options;
    LiveStatus m_status;
    FollowReport m_report;
    std::chrono::milliseconds m_retry;
    bool m_connectedOnce = false;
};

} // namespace eventscope::importers::live
