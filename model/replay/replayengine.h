#pragma once

#include "check.h"
#include "eventstore.h"
#include "projection.h"
#include "snapshotcache.h"
#include "upcaster.h"
#include "json/jsonpath.h"

#include <QElapsedTimer>

#include <functional>
#include <optional>
#include <vector>

namespace eventscope::replay {

struct ReplayOptions
{
    std::size_t snapshotBudget = SnapshotCache::defaultBudget;
    // The snapshot interval K is chosen from the measured fold cost so that rebuilding any state
    // folds at most about this much work after restoring the nearest snapshot.
    double rebuildTargetMs = 4.0;
    qint64 fixedInterval = 0; // > 0: snapshot every this many events, whatever the cost
    qint64 batchSize = 1024;  // events read from the store and folded at a time
};

// Return true to abandon the work in hand (a newer request arrived).
using Cancel = std::function<bool()>;

// What firstViolation() found.
struct Violation
{
    QString check;
    Check::Kind kind = Check::Kind::Invariant;
    Event event;        // the event after which the check fired (as folded: upcasted)
    QString partition;  // the partition it changed, empty when not partitioned
    json::Value before; // the state (partition or whole) before the event
    json::Value after;  // and after it
};

// Folds a store's events through one projection and answers "what was the state at position P".
// Keeps its current position and state: moving forward folds only the new events; moving back
// restores the nearest snapshot (taken every K events while folding, kept under a byte budget) and
// folds from there. A ByStream projection rebuilds one stream from the stream index alone.
// One engine per thread, like the store and projection it drives. Throws ProjectionError when an
// event cannot be folded.
class ReplayEngine
{
public:
    ReplayEngine(EventStore& store, Projection& projection, Upcaster* upcaster = nullptr,
                 ReplayOptions options = {});

    Projection& projection() { return m_projection; }
    EventStore& store() { return m_store; }
    qint64 position() const { return m_position; } // events folded so far; 0 = the initial state
    qint64 snapshotInterval() const { return m_interval; }
    const SnapshotCache& snapshots() const { return m_snapshots; }
    // Mean cost of folding one event (reading included), microseconds; 0 before any was measured.
    double foldCostMicros() const;

    // Moves to `position` (clamped to [0, count]). Returns false when cancelled midway (the engine
    // is then at some position in between, still consistent).
    bool seek(qint64 position, const Cancel& cancel = {});

    // The whole state after folding every event up to and including `position`.
    ProjectionState stateAt(qint64 position);
    // As the user sees it (present() applied): the state, or the object of partitions.
    json::Value presentedStateAt(qint64 position);
    // One partition (for the built-in projection: one stream) at `position`.
    json::Value partitionAt(const QString& key, qint64 position);

    // The last position whose time is <= timeUs (0 when none is): "the state at time t" is the
    // state at that position.
    qint64 positionAtTime(qint64 timeUs);

    // Events of a stream, as folded (upcasted).
    std::optional<Event> nextInStream(const QString& stream, qint64 position);
    std::optional<Event> previousInStream(const QString& stream, qint64 position);
    std::vector<Event> streamUpTo(const QString& stream, qint64 position);

    // Folds the events in [from, to] (the state at from - 1 restored first), calling `after` after
    // each one the projection reads; stops early when it returns false. Returns false when
    // stopped that way or cancelled. For scans that look at every step (checks over the whole log).
    bool scan(qint64 from, qint64 to, const AfterEvent& after, const Cancel& cancel = {});

    // Folds forward from `from` (the state at from - 1 restored first) and stops at the first event
    // after which a check fires. Snapshots are taken on the way; the history is read in batches.
    std::optional<Violation> firstViolation(Checks& checks, qint64 from = 1, const Cancel& cancel = {});

    // The positions in (a, b] whose event changed the presented value at `path` of `partition`
    // (empty = the whole state).
    std::vector<qint64> positionsChanging(const json::Path& path, const QString& partition, qint64 a,
                                          qint64 b, const Cancel& cancel = {});

    // One forward pass: the value of each evaluator on the presented whole state at each of
    // `positions` (ascending). result[i][j] = evaluator j at positions[i].
    using Evaluator = std::function<json::Value(const json::Value& state)>;
    std::vector<std::vector<json::Value>> series(const std::vector<Evaluator>& evaluators,
                                                 const std::vector<qint64>& positions,
                                                 const Cancel& cancel = {});
    // The same at every change: the positions where any evaluator's value changed, within [from, to].
    struct Change
    {
        qint64 position = 0;
        std::vector<json::Value> values;
    };
    std::vector<Change> seriesOfChanges(const std::vector<Evaluator>& evaluators, qint64 from, qint64 to,
                                        const Cancel& cancel = {});

    // Forgets every snapshot and folds from the start next time (the log changed under us).
    void invalidate();
    // Adds a snapshot made elsewhere (persisted in the workspace) for the state at `position`.
    void adoptSnapshot(qint64 position, const ProjectionState& state);

    // The event as projections see it: upcasted when an upcaster handles it.
    Event prepared(Event event);

private:
    // Folds from the current position up to `target`, snapshotting at multiples of K. Returns false
    // when cancelled or when `after` asked to stop.
    bool foldForward(qint64 target, const AfterEvent& after, const Cancel& cancel);
    void restoreNearest(qint64 target);
    void updateInterval();
    json::Value currentPresented();

    EventStore& m_store;
    Projection& m_projection;
    Upcaster* m_upcaster;
    ReplayOptions m_options;
    SnapshotCache m_snapshots;
    qint64 m_position = 0;
    qint64 m_interval;
    bool m_intervalMeasured = false;
    qint64 m_measuredEvents = 0;
    qint64 m_measuredNanos = 0;
};

} // namespace eventscope::replay
