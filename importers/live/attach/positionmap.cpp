#include "positionmap.h"

#include <algorithm>

namespace eventscope::importers::live {

void PositionMap::append(qint64 firstSource, qint64 length)
{
    if (length <= 0)
        return;
    Q_ASSERT(firstSource > lastSource());
    if (!m_runs.empty() && m_runs.back().firstSource + m_runs.back().length == firstSource) {
        m_runs.back().length += length;
    } else {
        m_runs.push_back({firstSource, length});
        m_firstPositions.push_back(m_count + 1);
    }
    m_count += length;
}

void PositionMap::clear()
{
    m_runs.clear();
    m_firstPositions.clear();
    m_count = 0;
}

qint64 PositionMap::lastSource() const
{
    return m_runs.empty() ? 0 : m_runs.back().firstSource + m_runs.back().length - 1;
}

std::optional<qint64> PositionMap::sourceOf(qint64 position) const
{
    if (position < 1 || position > m_count)
        return std::nullopt;
    const auto it = std::upper_bound(m_firstPositions.begin(), m_firstPositions.end(), position) - 1;
    const auto run = size_t(it - m_firstPositions.begin());
    return m_runs[run].firstSource + (position - *it);
}

std::optional<qint64> PositionMap::positionOf(qint64 source) const
{
    const qint64 position = positionAtOrAfter(source);
    if (position > m_count || *sourceOf(position) != source)
        return std::nullopt;
    return position;
}

qint64 PositionMap::positionAtOrAfter(qint64 source) const
{
    // The last run starting at or before source.
    const auto it = std::upper_bound(m_runs.begin(), m_runs.end(), source,
                                     [](qint64 s, const Run& run) { return s < run.firstSource; });
    if (it == m_runs.begin())
        return 1;
    const auto run = size_t(it - m_runs.begin()) - 1;
    const qint64 offset = source - m_runs[run].firstSource;
    if (offset < m_runs[run].length)
        return m_firstPositions[run] + offset;
    // In the gap after this run: the next run's first position (or past the end).
    return m_firstPositions[run] + m_runs[run].length;
}

} // namespace eventscope::importers::live
