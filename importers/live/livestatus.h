#pragma once

#include <QString>

namespace eventscope::importers::live {

// Where a follow stands. A source connects, catches up in batches, then follows; an error that
// retrying cannot fix ends it.
enum class LiveState
{
    Connecting,
    CatchingUp,
    Following,
    Error,
    Stopped
};

// "connecting", "catching up", "following", "error", "stopped"
QString stateName(LiveState state);

// What a follow reports after each batch and on every change of state. Positions are the
// source's own (a rowid, a global position, a stream sequence), not the workspace's.
struct LiveStatus
{
    LiveState state = LiveState::Connecting;
    QString message;       // the error for Error; otherwise a remark (e.g. "database is locked; retrying")
    qint64 position = 0;   // the last source position appended (or passed)
    qint64 head = 0;       // the source's last position when last asked
    qint64 appended = 0;   // events added to the workspace by this follow
    qint64 duplicates = 0; // events the workspace already held (same id)
    qint64 rejected = 0;   // bad rows skipped (only with skipBadRows)
    qint64 lastEventTimeUs = 0;

    // How far behind the source the workspace is, in source positions: events when positions are
    // gap-free.
    qint64 lag() const { return head > position ? head - position : 0; }
};

} // namespace eventscope::importers::live
