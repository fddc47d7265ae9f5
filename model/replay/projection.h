#pragma once

#include "event.h"
#include "json/jsonvalue.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <span>

namespace eventscope::replay {

// Why folding an event failed, with enough to find it: the script and line when a script failed,
// and the position of the event that triggered it.
struct ProjectionError
{
    QString message;  // the engine's or script's own message ("TypeError: Cannot read property 'qty' of undefined")
    QString script;   // file name of the script, empty for C++ projections
    int line = 0;     // 1-based line in the script, 0 when unknown
    qint64 position = 0; // the event being folded, 0 when not folding (e.g. evaluating the script)

    // "stock.js:12: TypeError: ... (event at position 4711)"
    QString toString() const;
};

// Which events a projection reads, so the engine reads only those (fromAll, fromStream(s),
// fromCategory, fromStreamsMatching).
struct ProjectionSource
{
    enum class Kind
    {
        All,
        Streams,   // the streams listed
        Category,  // streams whose category (before the first '-') is `category`
        Matching   // streams accepted by a script predicate: the engine reads all events
    };
    Kind kind = Kind::All;
    QStringList streams;
    QString category;

    bool accepts(const QString& stream) const; // Matching: true (the projection filters itself)
};

enum class Partitioning
{
    None,     // one state for everything
    ByStream, // one state per stream (foreachStream, the built-in aggregate projection)
    ByKey     // one state per key a script computes from each event (partitionBy)
};

// A projection's whole state, as immutable copy-on-write values: copying one is cheap, so it is
// also what a snapshot holds.
struct ProjectionState
{
    json::Value global;     // Partitioning::None: the state; otherwise the shared state ($initShared) or null
    json::Value partitions; // partitioned: an object, partition key -> that partition's state; else null

    // What a person asks for as "the state": `global` when not partitioned, else `partitions`.
    const json::Value& whole(Partitioning partitioning) const
    {
        return partitioning == Partitioning::None ? global : partitions;
    }
};

// Called after each event has been folded, with the key of the partition it changed (empty when not
// partitioned, or when the projection ignored the event: then `changed` is false). Return false to
// stop folding after this event.
using AfterEvent = std::function<bool(const Event& event, const QString& partition, bool changed)>;

// A fold of events into state. The engine owns one per thread and drives it in position order;
// nothing here is thread-safe.
class Projection
{
public:
    virtual ~Projection() = default;

    virtual QString name() const = 0;
    virtual ProjectionSource source() const = 0;
    virtual Partitioning partitioning() const = 0;

    // Back to the state before any event.
    virtual void reset() = 0;

    // Folds events in position order. Throws ProjectionError (naming the event's position) when an
    // event cannot be folded; the events before it stay folded. With `after`, calls it after every
    // event and stops when it returns false. Returns the number of events folded.
    virtual qsizetype apply(std::span<const Event> events, const AfterEvent& after = {}) = 0;

    // The whole state now. Cheap: shares everything with the live state (copy-on-write).
    virtual ProjectionState capture() = 0;
    // Replaces the whole state by one capture() returned (from this projection or one made from
    // the same definition).
    virtual void restore(const ProjectionState& state) = 0;

    // One partition's state now; null when it has none yet.
    virtual json::Value partition(const QString& key) = 0;

    // Folds `events` (one partition's own events, in order) from that partition's initial state,
    // without touching the live state: how a ByStream projection rebuilds one stream at any
    // position from the stream index alone. Throws ProjectionError.
    virtual json::Value foldPartition(const QString& key, std::span<const Event> events) = 0;

    // The state as the user sees it: outputState/transformBy/filterBy applied (identity by default).
    // `state` is what ProjectionState::whole() gives: for a partitioned projection, the object of
    // partitions, each presented (and those filterBy rejects left out).
    virtual json::Value present(const json::Value& state) { return state; }
    // The same for one partition's state.
    virtual json::Value presentPartition(const json::Value& state) { return state; }
};

} // namespace eventscope::replay
