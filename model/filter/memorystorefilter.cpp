// MemoryEventStore's filter queries: the filter's own in-memory evaluation over the held events.
#include "memorystore.h"

#include "filter/filter.h"

namespace eventscope {

std::vector<qint64> MemoryEventStore::matchingPositions(const filter::Filter& filter, qint64 fromPosition,
                                                        qint64 toPosition,
                                                        const std::function<bool()>& cancelled)
{
    std::vector<qint64> positions;
    const qint64 first = std::max<qint64>(fromPosition, 1);
    const qint64 last = toPosition > 0 ? std::min(toPosition, count()) : count();
    for (qint64 position = first; position <= last; ++position) {
        if (cancelled && position % 4096 == 0 && cancelled())
            return positions;
        if (filter.matches(m_events[size_t(position - 1)]))
            positions.push_back(position);
    }
    return positions;
}

std::vector<qint64> MemoryEventStore::timesAtPositions(const std::vector<qint64>& positions)
{
    std::vector<qint64> times;
    times.reserve(positions.size());
    for (qint64 position : positions) {
        if (position >= 1 && position <= count())
            times.push_back(m_events[size_t(position - 1)].timeUs);
    }
    return times;
}

} // namespace eventscope
