#pragma once

#include "projection.h"

#include <cstddef>
#include <map>
#include <vector>

namespace eventscope::replay {

// Snapshots of one projection's state by position, kept under a byte budget; the least recently
// used is evicted first. Because states share unchanged subtrees (copy-on-write), a snapshot is
// charged only for what it does not share with the snapshot before it, which is what it really adds
// to memory while that neighbour is alive.
class SnapshotCache
{
public:
    static constexpr std::size_t defaultBudget = std::size_t(512) * 1024 * 1024;

    explicit SnapshotCache(std::size_t budgetBytes = defaultBudget) : m_budget(budgetBytes) {}

    struct Snapshot
    {
        qint64 position = 0; // the state after folding every event up to and including this position
        ProjectionState state;
    };

    void insert(qint64 position, const ProjectionState& state);
    bool contains(qint64 position) const { return m_entries.count(position) != 0; }
    // Every snapshot, by position (not a use).
    std::vector<const Snapshot*> all() const;
    // The snapshot at the highest position <= `position`, or nullptr; counts as a use.
    const Snapshot* nearestAtOrBefore(qint64 position);
    // Drops every snapshot after `position` (the log below it changed, e.g. events were merged in).
    void dropAfter(qint64 position);
    void clear();

    std::size_t bytes() const { return m_bytes; }
    std::size_t budget() const { return m_budget; }
    std::size_t size() const { return m_entries.size(); }

private:
    struct Entry
    {
        Snapshot snapshot;
        std::size_t bytes = 0;
        quint64 lastUse = 0;
    };
    void evictOverBudget(qint64 keep);

    std::size_t m_budget;
    std::size_t m_bytes = 0;
    quint64 m_clock = 0;
    std::map<qint64, Entry> m_entries;
};

} // namespace eventscope::replay
