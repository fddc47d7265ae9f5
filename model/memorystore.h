#pragma once

#include "eventstore.h"

#include <vector>

namespace eventscope {

// An EventStore over events held in memory, in position order (positions 1..n, assigned on
// append). For small logs built on the fly: the events of a what-if branch, tests, scripts.
class MemoryEventStore final : public EventStore
{
public:
    MemoryEventStore() = default;
    explicit MemoryEventStore(std::vector<Event> events);

    // Appends with the next position; assigns the stream version when it is -1.
    void append(Event event);
    const std::vector<Event>& events() const { return m_events; }

    qint64 count() override { return qint64(m_events.size()); }
    std::optional<TimeRange> timeRange() override;
    std::vector<Event> window(qint64 firstPosition, qint64 count) override;
    std::vector<Event> streamHistory(const QString& stream,
                                     qint64 upToPosition = std::numeric_limits<qint64>::max()) override;
    qint64 positionAtTime(qint64 timeUs) override;
    std::optional<qint64> timeAtPosition(qint64 position) override;
    std::vector<qint64> density(qint64 fromUs, qint64 toUs, int bins) override;
    std::vector<qint64> filteredPositions(const EventSelection& selection) override;
    std::vector<qint64> matchingPositions(const filter::Filter& filter, qint64 fromPosition = 0, qint64 toPosition = 0,
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
    static bool matches(const Event& event, const EventSelection& selection);
    std::vector<Event> m_events;
};

} // namespace eventscope
