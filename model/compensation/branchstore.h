#pragma once

#include "eventstore.h"
#include "memorystore.h"

#include <vector>

namespace eventscope::compensation {

// A what-if branch of a log: every event of `base`, then `extra` events (drafts) after them, with
// the positions that follow. An EventStore like any other, so the replay engine, the checks and
// every view read a branch exactly as they read the log; `base` is read through, never copied or
// changed. The extra events' times should not precede the base's last event.
class BranchStore final : public EventStore
{
public:
    BranchStore(EventStore& base, std::vector<Event> extra);

    EventStore& base() { return m_base; }
    qint64 baseCount() const { return m_baseCount; }
    // The extra events with their branch positions.
    std::vector<Event> extraEvents() const;

    qint64 count() override;
    std::optional<TimeRange> timeRange() override;
    std::vector<Event> window(qint64 firstPosition, qint64 count) override;
    std::vector<Event> streamHistory(const QString& stream,
                                     qint64 upToPosition = std::numeric_limits<qint64>::max()) override;
    qint64 positionAtTime(qint64 timeUs) override;
    std::optional<qint64> timeAtPosition(qint64 position) override;
    std::vector<qint64> density(qint64 fromUs, qint64 toUs, int bins) override;
    std::vector<qint64> filteredPositions(const EventSelection& selection) override;
    std::vector<qint64> matchingPositions(const filter::Filter& filter, qint64 fromPosition = 0,
                                          qint64 toPosition = 0,
                                          const std::function<bool()>& cancelled = {}) override;
    std::vector<qint64> timesAtPositions(const std::vector<qint64>& positions) override;
    void forEach(const EventSelection& selection, const std::function<bool(const Event&)>& visitor) override;
    std::vector<StreamSummary> streams() override;
    qint64 streamCount() override;
    std::vector<TypeCount> types() override;
    std::optional<qint64> positionOfId(const QString& id) override;
    std::vector<qint64> correlatedPositions(const QString& correlationId, qint64 limit) override;
    std::vector<TypeCount> streamTypeCounts(const QString& stream) override;

private:
    Event shifted(Event event) const;
    void shift(std::vector<qint64>& positions) const;
    EventSelection inBase(EventSelection selection) const;
    // [from, to] of a base position range (0 = unbounded) in the extra store's own positions;
    // nullopt when the range ends before the extra events.
    std::optional<std::pair<qint64, qint64>> extraRange(qint64 from, qint64 to) const;
    static std::vector<TypeCount> merged(std::vector<TypeCount> a, const std::vector<TypeCount>& b);

    EventStore& m_base;
    qint64 m_baseCount;
    MemoryEventStore m_extra;
};

} // namespace eventscope::compensation
