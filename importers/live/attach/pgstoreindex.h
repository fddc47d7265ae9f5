#pragma once

#include "pgsnapshot.h"
#include "positionmap.h"

#include <QString>

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

namespace eventscope {
class Workspace;
}

namespace eventscope::importers::live {

class PgConnection;
class PgLayout;

// What reading a PostgreSQL store in place needs besides its rows, built once per store and
// process and shared by every PgEventStore on it (each thread has its own connection):
//   - the position map: the store's position column has gaps, our positions do not. One count
//     tells a store without gaps (the usual case) in under a second on 10M rows; only a store with
//     gaps pays a scan for them. The runs are kept in the workspace, so reopening reads only what
//     was appended since;
//   - a sample of times, every `stride`-th position (at most ~32,768 samples): the timeline's
//     overview and time -> position lookups start from it, then ask the server for the rest.
// The map only ever grows, up to the newest position with no gap below it that a transaction in
// progress could still fill (see refresh()).
class PgStoreIndex
{
public:
    struct State
    {
        PositionMap map;
        qint64 stride = 1;
        std::vector<qint64> sampleTimes; // the time of position 1 + i * stride
        qint64 lastTimeUs = 0;           // the time of the last position
        qint64 sampledCount = 0;         // the samples cover positions up to this one
        qint64 headSource = 0;           // the newest position the server showed (may be beyond the map)
    };

    // The index of the store with this canonical URL (one per process).
    static std::shared_ptr<PgStoreIndex> forStore(const QString& url);

    std::shared_ptr<const State> state() const;
    // Grows the map and the samples to what the store holds now (at most every `interval`, unless
    // forced); loads the runs kept in `workspace` first and keeps the new ones there. Throws
    // LiveError when the server cannot be read.
    void refresh(PgConnection& db, const PgLayout& layout, Workspace* workspace, bool force,
                 std::chrono::milliseconds interval = std::chrono::milliseconds(500));

    // Whether the map stops at a gap that may still fill (a transaction in progress may commit
    // into it): a refresh after GapWatch's settle time passes it.
    bool waitingOnGap() const;

    static constexpr qint64 maxSamples = 32768;

private:
    std::shared_ptr<State> grow(PgConnection& db, const PgLayout& layout, Workspace* workspace,
                                const State& from);
    static void sample(PgConnection& db, const PgLayout& layout, State& next);

    mutable std::mutex m_mutex; // guards m_state
    std::mutex m_refreshing;    // one refresh at a time
    std::shared_ptr<const State> m_state = std::make_shared<State>();
    bool m_loadedCache = false;
    GapWatch m_gaps;
    std::chrono::steady_clock::time_point m_lastRefresh;
};

} // namespace eventscope::importers::live
