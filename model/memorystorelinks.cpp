// MemoryEventStore: the detail view's links and a stream's type breakdown, by linear scans: the
// store holds small logs (what-if branches, tests), where an index would cost more than it saves.
#include "memorystore.h"

#include <QHash>

#include <algorithm>

namespace eventscope {

std::optional<qint64> MemoryEventStore::positionOfId(const QString& id)
{
    if (id.isEmpty())
        return std::nullopt;
    const auto it =
        std::find_if(m_events.begin(), m_events.end(), [&](const Event& event) { return event.id == id; });
    if (it == m_events.end())
        return std::nullopt;
    return it->position;
}

std::vector<qint64> MemoryEventStore::correlatedPositions(const QString& correlationId, qint64 limit)
{
    std::vector<qint64> positions;
    if (correlationId.isEmpty())
        return positions;
    for (const Event& event : m_events) {
        if (qint64(positions.size()) >= limit)
            break;
        if (event.correlationId == correlationId)
            positions.push_back(event.position);
    }
    return positions;
}

std::vector<TypeCount> MemoryEventStore::streamTypeCounts(const QString& stream)
{
    QHash<QString, qint64> counts;
    for (const Event& event : m_events) {
        if (event.stream == stream)
            ++counts[event.type];
    }
    std::vector<TypeCount> result;
    result.reserve(size_t(counts.size()));
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        result.push_back({it.key(), it.value()});
    std::sort(result.begin(), result.end(), [](const TypeCount& a, const TypeCount& b) {
        return a.count != b.count ? a.count > b.count : a.type < b.type;
    });
    return result;
}

} // namespace eventscope
