#pragma once

#include "event.h"

#include <QString>

#include <functional>
#include <limits>
#include <optional>
#include <vector>

namespace eventscope {

namespace filter {
class Filter;
}

struct TimeRange
{
    qint64 firstUs = 0;
    qint64 lastUs = 0;
};

// A selection of events by envelope fields; unset members do not restrict.
struct EventSelection
{
    QString stream;
    QString type;
    qint64 fromPosition = 0; // inclusive, 0 = from the start
    qint64 toPosition = 0;   // inclusive, 0 = to the end
    std::optional<qint64> fromTimeUs;
    std::optional<qint64> toTimeUs; // inclusive
    qint64 limit = -1;              // -1 = no limit

    bool isEverything() const
    {
        return stream.isEmpty() && type.isEmpty() && fromPosition == 0 && toPosition == 0 && !fromTimeUs &&
               !toTimeUs && limit < 0;
    }
};

struct StreamSummary
{
    QString stream;
    qint64 eventCount = 0;
    qint64 lastVersion = 0;
    qint64 firstPosition = 0;
    qint64 lastPosition = 0;
};

struct TypeCount
{
    QString type;
    qint64 count = 0;
};

// The one interface through which every view (CLI, GUI, replay) reads events, so that the embedded
// workspace and an attached server store are interchangeable. Not thread-safe: one instance per
// thread.
class EventStore
{
public:
    virtual ~EventStore() = default;

    virtual qint64 count() = 0;
    virtual std::optional<TimeRange> timeRange() = 0;

    // Events with positions [firstPosition, firstPosition + count), in position order.
    virtual std::vector<Event> window(qint64 firstPosition, qint64 count) = 0;
    std::optional<Event> eventAt(qint64 position);

    // The events of one stream in stream order, up to and including upToPosition.
    virtual std::vector<Event> streamHistory(const QString& stream,
                                             qint64 upToPosition = std::numeric_limits<qint64>::max()) = 0;

    // The first position whose time is >= timeUs, or count() + 1 when none is.
    virtual qint64 positionAtTime(qint64 timeUs) = 0;
    virtual std::optional<qint64> timeAtPosition(qint64 position) = 0;

    // Event counts in `bins` equal slices of [fromUs, toUs).
    virtual std::vector<qint64> density(qint64 fromUs, qint64 toUs, int bins) = 0;

    // Positions matching a selection, ascending.
    virtual std::vector<qint64> filteredPositions(const EventSelection& selection) = 0;

    // Positions of the events a filter expression matches, ascending, within [fromPosition,
    // toPosition] (0 = unbounded). A long scan polls `cancelled` and stops when it returns true;
    // the result is then incomplete, so callers check cancelled() before using it.
    virtual std::vector<qint64> matchingPositions(const filter::Filter& filter, qint64 fromPosition = 0,
                                                  qint64 toPosition = 0,
                                                  const std::function<bool()>& cancelled = {}) = 0;
    // The times of many positions at once, in the same order (positions outside the log are left
    // out): timeAtPosition() for each, without its per-call overhead.
    virtual std::vector<qint64> timesAtPositions(const std::vector<qint64>& positions) = 0;

    // Streams events matching a selection in position order; return false from the visitor to stop.
    virtual void forEach(const EventSelection& selection,
                         const std::function<bool(const Event&)>& visitor) = 0;

    virtual std::vector<StreamSummary> streams() = 0;
    // How many streams there are, without listing them (the status bar asks on every open).
    virtual qint64 streamCount() = 0;
    virtual std::vector<TypeCount> types() = 0;

    // Links between events, for the event detail view. The position of the event with this id
    // (the cause a causation id names), or nullopt when the store does not hold it.
    virtual std::optional<qint64> positionOfId(const QString& id) = 0;
    // Positions of the events whose correlation id is `correlationId`, ascending, at most `limit`;
    // empty for an empty id.
    virtual std::vector<qint64> correlatedPositions(const QString& correlationId, qint64 limit) = 0;
    // How many events of each type one stream holds, most frequent first (ties by type name).
    virtual std::vector<TypeCount> streamTypeCounts(const QString& stream) = 0;
};

} // namespace eventscope
