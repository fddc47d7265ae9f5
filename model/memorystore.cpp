#include "memorystore.h"

#include <QSet>

#include <QHash>

#include <algorithm>
#include <map>

namespace eventscope {

MemoryEventStore::MemoryEventStore(std::vector<Event> events)
{
    m_events.reserve(events.size());
    for (Event& event : events)
        append(std::move(event));
}

void MemoryEventStore::append(Event event)
{
    event.position = qint64(m_events.size()) + 1;
    if (event.streamVersion < 0) {
        qint64 last = -1;
        for (auto it = m_events.rbegin(); it != m_events.rend(); ++it) {
            if (it->stream == event.stream) {
                last = it->streamVersion;
                break;
            }
        }
        event.streamVersion = std::max<qint64>(last, 0) + 1; // 1-based, as the workspace assigns them
    }
    m_events.push_back(std::move(event));
}

std::optional<TimeRange> MemoryEventStore::timeRange()
{
    if (m_events.empty())
        return std::nullopt;
    const auto [first, last] = std::minmax_element(m_events.begin(), m_events.end(),
                                                   [](const Event& a, const Event& b) { return a.timeUs < b.timeUs; });
    return TimeRange{first->timeUs, last->timeUs};
}

std::vector<Event> MemoryEventStore::window(qint64 firstPosition, qint64 count)
{
    const qint64 begin = std::clamp<qint64>(firstPosition - 1, 0, qint64(m_events.size()));
    const qint64 end = std::clamp<qint64>(begin + std::max<qint64>(count, 0), begin, qint64(m_events.size()));
    return {m_events.begin() + begin, m_events.begin() + end};
}

std::vector<Event> MemoryEventStore::streamHistory(const QString& stream, qint64 upToPosition)
{
    std::vector<Event> history;
    for (const Event& event : m_events) {
        if (event.position > upToPosition)
            break;
        if (event.stream == stream)
            history.push_back(event);
    }
    std::stable_sort(history.begin(), history.end(),
                     [](const Event& a, const Event& b) { return a.streamVersion < b.streamVersion; });
    return history;
}

qint64 MemoryEventStore::positionAtTime(qint64 timeUs)
{
    for (const Event& event : m_events) {
        if (event.timeUs >= timeUs)
            return event.position;
    }
    return count() + 1;
}

std::optional<qint64> MemoryEventStore::timeAtPosition(qint64 position)
{
    if (position < 1 || position > count())
        return std::nullopt;
    return m_events[size_t(position - 1)].timeUs;
}

std::vector<qint64> MemoryEventStore::density(qint64 fromUs, qint64 toUs, int bins)
{
    std::vector<qint64> counts(size_t(std::max(bins, 0)), 0);
    if (bins <= 0 || toUs < fromUs)
        return counts;
    const double width = std::max(1.0, double(toUs - fromUs) / bins);
    for (const Event& event : m_events) {
        if (event.timeUs < fromUs || event.timeUs > toUs)
            continue;
        counts[size_t(std::min<qint64>(bins - 1, qint64(double(event.timeUs - fromUs) / width)))]++;
    }
    return counts;
}

bool MemoryEventStore::matches(const Event& event, const EventSelection& s)
{
    return (s.stream.isEmpty() || event.stream == s.stream) && (s.type.isEmpty() || event.type == s.type) &&
           (s.fromPosition <= 0 || event.position >= s.fromPosition) &&
           (s.toPosition <= 0 || event.position <= s.toPosition) && (!s.fromTimeUs || event.timeUs >= *s.fromTimeUs) &&
           (!s.toTimeUs || event.timeUs <= *s.toTimeUs);
}

std::vector<qint64> MemoryEventStore::filteredPositions(const EventSelection& selection)
{
    std::vector<qint64> positions;
    forEach(selection, [&](const Event& event) {
        positions.push_back(event.position);
        return true;
    });
    return positions;
}

void MemoryEventStore::forEach(const EventSelection& selection, const std::function<bool(const Event&)>& visitor)
{
    qint64 seen = 0;
    for (const Event& event : m_events) {
        if (selection.limit >= 0 && seen >= selection.limit)
            return;
        if (!matches(event, selection))
            continue;
        ++seen;
        if (!visitor(event))
            return;
    }
}

qint64 MemoryEventStore::streamCount()
{
    QSet<QString> names;
    for (const Event& event : m_events)
        names.insert(event.stream);
    return names.size();
}

std::vector<StreamSummary> MemoryEventStore::streams()
{
    std::map<QString, StreamSummary> byName;
    for (const Event& event : m_events) {
        StreamSummary& s = byName[event.stream];
        if (s.eventCount == 0) {
            s.stream = event.stream;
            s.firstPosition = event.position;
        }
        ++s.eventCount;
        s.lastVersion = std::max(s.lastVersion, event.streamVersion);
        s.lastPosition = event.position;
    }
    std::vector<StreamSummary> result;
    for (auto& [name, summary] : byName)
        result.push_back(summary);
    return result;
}

std::vector<TypeCount> MemoryEventStore::types()
{
    QHash<QString, qint64> counts;
    for (const Event& event : m_events)
        ++counts[event.type];
    std::vector<TypeCount> result;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        result.push_back({it.key(), it.value()});
    std::sort(result.begin(), result.end(), [](const TypeCount& a, const TypeCount& b) {
        return a.count != b.count ? a.count > b.count : a.type < b.type;
    });
    return result;
}

} // namespace eventscope
