#include "densitycache.h"

#include <algorithm>

namespace eventscope::gui {

std::vector<qint64> binSortedTimes(const std::vector<qint64>& sortedTimes, qint64 fromUs, qint64 toUs,
                                   int bins)
{
    std::vector<qint64> counts(size_t(std::max(bins, 0)), 0);
    if (bins <= 0 || toUs < fromUs)
        return counts;
    const double width = double(toUs - fromUs) / bins;
    auto previous = std::lower_bound(sortedTimes.begin(), sortedTimes.end(), fromUs);
    for (int i = 0; i < bins; ++i) {
        const auto next =
            i + 1 == bins ? std::upper_bound(previous, sortedTimes.end(), toUs)
                          : std::lower_bound(previous, sortedTimes.end(), fromUs + qint64(width * (i + 1)));
        counts[size_t(i)] = next - previous;
        previous = next;
    }
    return counts;
}

void DensityCache::clear()
{
    m_all = {};
    m_lanes.clear();
}

void DensityCache::retainLanes(const QStringList& streams)
{
    for (auto it = m_lanes.begin(); it != m_lanes.end();) {
        if (streams.contains(it.key()))
            ++it;
        else
            it = m_lanes.erase(it);
    }
}

const std::vector<qint64>& DensityCache::counts(EventStore& store, qint64 fromUs, qint64 toUs, int bins)
{
    if (!m_all.matches(fromUs, toUs, bins))
        m_all = {fromUs, toUs, bins, store.density(fromUs, toUs, bins)};
    return m_all.counts;
}

const std::vector<qint64>& DensityCache::laneCounts(EventStore& store, const QString& stream, qint64 fromUs,
                                                    qint64 toUs, int bins)
{
    auto it = m_lanes.find(stream);
    if (it == m_lanes.end()) {
        Lane lane;
        EventSelection selection;
        selection.stream = stream;
        const std::vector<qint64> positions = store.filteredPositions(selection);
        lane.sortedTimes.reserve(positions.size());
        for (qint64 position : positions) {
            if (const std::optional<qint64> time = store.timeAtPosition(position))
                lane.sortedTimes.push_back(*time);
        }
        std::sort(lane.sortedTimes.begin(), lane.sortedTimes.end());
        it = m_lanes.insert(stream, std::move(lane));
    }
    Binned& binned = it->binned;
    if (!binned.matches(fromUs, toUs, bins))
        binned = {fromUs, toUs, bins, binSortedTimes(it->sortedTimes, fromUs, toUs, bins)};
    return binned.counts;
}

void DensityCache::setMatches(EventStore& store, const std::vector<qint64>& positions)
{
    m_matches = {};
    m_matches.sortedTimes = store.timesAtPositions(positions);
    // Positions ascend; their times do too unless the log is in source order rather than by time.
    if (!std::is_sorted(m_matches.sortedTimes.begin(), m_matches.sortedTimes.end()))
        std::sort(m_matches.sortedTimes.begin(), m_matches.sortedTimes.end());
    m_hasMatches = true;
}

void DensityCache::clearMatches()
{
    m_matches = {};
    m_hasMatches = false;
}

const std::vector<qint64>& DensityCache::matchCounts(qint64 fromUs, qint64 toUs, int bins)
{
    Binned& binned = m_matches.binned;
    if (!binned.matches(fromUs, toUs, bins))
        binned = {fromUs, toUs, bins, binSortedTimes(m_matches.sortedTimes, fromUs, toUs, bins)};
    return binned.counts;
}

} // namespace eventscope::gui
