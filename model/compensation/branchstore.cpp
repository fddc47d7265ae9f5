#include "branchstore.h"

#include <QHash>

#include <algorithm>

namespace eventscope::compensation {

BranchStore::BranchStore(EventStore& base, std::vector<Event> extra)
    : m_base(base), m_baseCount(base.count()), m_extra(std::move(extra))
{}

Event BranchStore::shifted(Event event) const
{
    event.position += m_baseCount;
    return event;
}

void BranchStore::shift(std::vector<qint64>& positions) const
{
    for (qint64& p : positions)
        p += m_baseCount;
}

std::vector<Event> BranchStore::extraEvents() const
{
    std::vector<Event> events;
    for (const Event& e : m_extra.events())
        events.push_back(shifted(e));
    return events;
}

EventSelection BranchStore::inBase(EventSelection selection) const
{
    // The base may have grown since the branch was made (an import): its new events are not part
    // of this branch.
    selection.toPosition =
        selection.toPosition > 0 ? std::min(selection.toPosition, m_baseCount) : m_baseCount;
    return selection;
}

std::optional<std::pair<qint64, qint64>> BranchStore::extraRange(qint64 from, qint64 to) const
{
    if (to > 0 && to <= m_baseCount)
        return std::nullopt;
    const qint64 extraFrom = std::max<qint64>(from - m_baseCount, 1);
    const qint64 extraTo = to > 0 ? to - m_baseCount : 0;
    return std::make_pair(extraFrom, extraTo);
}

qint64 BranchStore::count()
{
    return m_baseCount + m_extra.count();
}

std::optional<TimeRange> BranchStore::timeRange()
{
    auto range = m_base.timeRange();
    const auto extra = m_extra.timeRange();
    if (!range)
        return extra;
    if (extra) {
        range->firstUs = std::min(range->firstUs, extra->firstUs);
        range->lastUs = std::max(range->lastUs, extra->lastUs);
    }
    return range;
}

std::vector<Event> BranchStore::window(qint64 firstPosition, qint64 count)
{
    std::vector<Event> events;
    const qint64 end = firstPosition + count; // exclusive
    if (firstPosition <= m_baseCount)
        events = m_base.window(firstPosition, std::min(end, m_baseCount + 1) - firstPosition);
    if (end > m_baseCount + 1) {
        const qint64 from = std::max(firstPosition, m_baseCount + 1);
        for (Event& e : m_extra.window(from - m_baseCount, end - from))
            events.push_back(shifted(std::move(e)));
    }
    return events;
}

std::vector<Event> BranchStore::streamHistory(const QString& stream, qint64 upToPosition)
{
    std::vector<Event> history = m_base.streamHistory(stream, std::min(upToPosition, m_baseCount));
    if (upToPosition > m_baseCount) {
        for (Event& e : m_extra.streamHistory(stream, upToPosition - m_baseCount))
            history.push_back(shifted(std::move(e)));
    }
    return history;
}

qint64 BranchStore::positionAtTime(qint64 timeUs)
{
    const qint64 inBase = m_base.positionAtTime(timeUs);
    if (inBase <= m_baseCount)
        return inBase;
    return m_baseCount + m_extra.positionAtTime(timeUs);
}

std::optional<qint64> BranchStore::timeAtPosition(qint64 position)
{
    if (position <= m_baseCount)
        return m_base.timeAtPosition(position);
    return m_extra.timeAtPosition(position - m_baseCount);
}

std::vector<qint64> BranchStore::density(qint64 fromUs, qint64 toUs, int bins)
{
    std::vector<qint64> counts = m_base.density(fromUs, toUs, bins);
    const std::vector<qint64> extra = m_extra.density(fromUs, toUs, bins);
    counts.resize(std::max(counts.size(), extra.size()), 0);
    for (std::size_t i = 0; i < extra.size(); ++i)
        counts[i] += extra[i];
    return counts;
}

std::vector<qint64> BranchStore::filteredPositions(const EventSelection& selection)
{
    std::vector<qint64> positions;
    if (m_baseCount > 0 && selection.fromPosition <= m_baseCount)
        positions = m_base.filteredPositions(inBase(selection));
    if (selection.limit >= 0 && qint64(positions.size()) >= selection.limit)
        return positions;
    if (const auto range = extraRange(selection.fromPosition, selection.toPosition)) {
        EventSelection rest = selection;
        rest.fromPosition = range->first;
        rest.toPosition = range->second;
        if (selection.limit >= 0)
            rest.limit = selection.limit - qint64(positions.size());
        std::vector<qint64> extra = m_extra.filteredPositions(rest);
        shift(extra);
        positions.insert(positions.end(), extra.begin(), extra.end());
    }
    return positions;
}

std::vector<qint64> BranchStore::matchingPositions(const filter::Filter& filter, qint64 fromPosition,
                                                   qint64 toPosition, const std::function<bool()>& cancelled)
{
    std::vector<qint64> positions;
    if (m_baseCount > 0 && fromPosition <= m_baseCount)
        positions = m_base.matchingPositions(filter, fromPosition,
                                             std::min(toPosition > 0 ? toPosition : m_baseCount, m_baseCount),
                                             cancelled);
    if (const auto range = extraRange(fromPosition, toPosition)) {
        std::vector<qint64> extra = m_extra.matchingPositions(filter, range->first, range->second, cancelled);
        shift(extra);
        positions.insert(positions.end(), extra.begin(), extra.end());
    }
    return positions;
}

std::vector<qint64> BranchStore::timesAtPositions(const std::vector<qint64>& positions)
{
    std::vector<qint64> inBase;
    std::vector<qint64> inExtra;
    for (qint64 p : positions)
        (p <= m_baseCount ? inBase : inExtra).push_back(p <= m_baseCount ? p : p - m_baseCount);
    std::vector<qint64> times = m_base.timesAtPositions(inBase);
    const std::vector<qint64> extra = m_extra.timesAtPositions(inExtra);
    // Keep the callers' order: base positions come back in order, then the extra ones.
    if (std::is_sorted(positions.begin(), positions.end())) {
        times.insert(times.end(), extra.begin(), extra.end());
        return times;
    }
    std::vector<qint64> ordered;
    std::size_t b = 0;
    std::size_t x = 0;
    for (qint64 p : positions) {
        if (p >= 1 && p <= m_baseCount && b < times.size())
            ordered.push_back(times[b++]);
        else if (p > m_baseCount && p <= count() && x < extra.size())
            ordered.push_back(extra[x++]);
    }
    return ordered;
}

void BranchStore::forEach(const EventSelection& selection, const std::function<bool(const Event&)>& visitor)
{
    bool stopped = false;
    qint64 seen = 0;
    if (m_baseCount > 0 && selection.fromPosition <= m_baseCount) {
        m_base.forEach(inBase(selection), [&](const Event& e) {
            ++seen;
            if (!visitor(e)) {
                stopped = true;
                return false;
            }
            return true;
        });
    }
    if (stopped || (selection.limit >= 0 && seen >= selection.limit))
        return;
    if (const auto range = extraRange(selection.fromPosition, selection.toPosition)) {
        EventSelection rest = selection;
        rest.fromPosition = range->first;
        rest.toPosition = range->second;
        if (selection.limit >= 0)
            rest.limit = selection.limit - seen;
        m_extra.forEach(rest, [&](const Event& e) { return visitor(shifted(e)); });
    }
}

std::vector<StreamSummary> BranchStore::streams()
{
    std::vector<StreamSummary> all = m_base.streams();
    QHash<QString, std::size_t> index;
    for (std::size_t i = 0; i < all.size(); ++i)
        index.insert(all[i].stream, i);
    for (StreamSummary extra : m_extra.streams()) {
        extra.firstPosition += m_baseCount;
        extra.lastPosition += m_baseCount;
        const auto it = index.constFind(extra.stream);
        if (it == index.cend()) {
            all.push_back(extra);
            continue;
        }
        StreamSummary& s = all[it.value()];
        s.eventCount += extra.eventCount;
        s.lastVersion = std::max(s.lastVersion, extra.lastVersion);
        s.lastPosition = extra.lastPosition;
    }
    return all;
}

qint64 BranchStore::streamCount()
{
    qint64 count = m_base.streamCount();
    for (const StreamSummary& extra : m_extra.streams()) {
        if (m_base.streamHistory(extra.stream, m_baseCount).empty())
            ++count;
    }
    return count;
}

std::vector<TypeCount> BranchStore::merged(std::vector<TypeCount> a, const std::vector<TypeCount>& b)
{
    for (const TypeCount& t : b) {
        const auto it =
            std::find_if(a.begin(), a.end(), [&](const TypeCount& x) { return x.type == t.type; });
        if (it == a.end())
            a.push_back(t);
        else
            it->count += t.count;
    }
    std::stable_sort(a.begin(), a.end(), [](const TypeCount& x, const TypeCount& y) {
        return x.count != y.count ? x.count > y.count : x.type < y.type;
    });
    return a;
}

std::vector<TypeCount> BranchStore::types()
{
    return merged(m_base.types(), m_extra.types());
}

std::optional<qint64> BranchStore::positionOfId(const QString& id)
{
    if (const auto p = m_base.positionOfId(id))
        return p;
    if (const auto p = m_extra.positionOfId(id))
        return *p + m_baseCount;
    return std::nullopt;
}

std::vector<qint64> BranchStore::correlatedPositions(const QString& correlationId, qint64 limit)
{
    std::vector<qint64> positions = m_base.correlatedPositions(correlationId, limit);
    if (qint64(positions.size()) < limit) {
        std::vector<qint64> extra =
            m_extra.correlatedPositions(correlationId, limit - qint64(positions.size()));
        shift(extra);
        positions.insert(positions.end(), extra.begin(), extra.end());
    }
    return positions;
}

std::vector<TypeCount> BranchStore::streamTypeCounts(const QString& stream)
{
    return merged(m_base.streamTypeCounts(stream), m_extra.streamTypeCounts(stream));
}

} // namespace eventscope::compensation
