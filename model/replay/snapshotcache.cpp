#include "snapshotcache.h"

namespace eventscope::replay {
namespace {

// What every snapshot costs besides its state: the map node and bookkeeping.
constexpr std::size_t entryOverhead = 128;

std::size_t bytesAdded(const ProjectionState& state, const ProjectionState* previous)
{
    if (!previous)
        return state.global.approximateBytes() + state.partitions.approximateBytes();
    return state.global.bytesNotSharedWith(previous->global) +
           state.partitions.bytesNotSharedWith(previous->partitions);
}

} // namespace

void SnapshotCache::insert(qint64 position, const ProjectionState& state)
{
    if (contains(position))
        return;
    auto below = m_entries.lower_bound(position);
    const ProjectionState* previous = below == m_entries.begin() ? nullptr : &std::prev(below)->second.snapshot.state;
    Entry entry{{position, state}, entryOverhead + bytesAdded(state, previous), ++m_clock};
    m_bytes += entry.bytes;
    m_entries.emplace(position, std::move(entry));
    evictOverBudget(position);
}

const SnapshotCache::Snapshot* SnapshotCache::nearestAtOrBefore(qint64 position)
{
    auto it = m_entries.upper_bound(position);
    if (it == m_entries.begin())
        return nullptr;
    --it;
    it->second.lastUse = ++m_clock;
    return &it->second.snapshot;
}

std::vector<const SnapshotCache::Snapshot*> SnapshotCache::all() const
{
    std::vector<const Snapshot*> result;
    result.reserve(m_entries.size());
    for (const auto& [position, entry] : m_entries)
        result.push_back(&entry.snapshot);
    return result;
}

void SnapshotCache::dropAfter(qint64 position)
{
    for (auto it = m_entries.upper_bound(position); it != m_entries.end();) {
        m_bytes -= it->second.bytes;
        it = m_entries.erase(it);
    }
}

void SnapshotCache::clear()
{
    m_entries.clear();
    m_bytes = 0;
}

void SnapshotCache::evictOverBudget(qint64 keep)
{
    while (m_bytes > m_budget && m_entries.size() > 1) {
        auto victim = m_entries.end();
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (it->first != keep && (victim == m_entries.end() || it->second.lastUse < victim->second.lastUse))
                victim = it;
        }
        if (victim == m_entries.end())
            return;
        m_bytes -= victim->second.bytes;
        m_entries.erase(victim);
    }
}

} // namespace eventscope::replay
