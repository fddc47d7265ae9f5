#include "guardedstore.h"

#include "liveerror.h"

namespace eventscope::importers::live {

template <typename Result, typename Call> Result GuardedStore::guarded(Result fallback, Call call)
{
    try {
        return call();
    } catch (const LiveError&) {
        try {
            m_store->reconnect();
            return call();
        } catch (const LiveError& again) {
            m_lastError = again.message();
            return fallback;
        }
    }
}

qint64 GuardedStore::count()
{
    return guarded<qint64>(0, [&] { return m_store->count(); });
}

std::optional<TimeRange> GuardedStore::timeRange()
{
    return guarded<std::optional<TimeRange>>(std::nullopt, [&] { return m_store->timeRange(); });
}

std::vector<Event> GuardedStore::window(qint64 firstPosition, qint64 count)
{
    return guarded<std::vector<Event>>({}, [&] { return m_store->window(firstPosition, count); });
}

std::vector<Event> GuardedStore::streamHistory(const QString& stream, qint64 upToPosition)
{
    return guarded<std::vector<Event>>({}, [&] { return m_store->streamHistory(stream, upToPosition); });
}

qint64 GuardedStore::positionAtTime(qint64 timeUs)
{
    return guarded<qint64>(1, [&] { return m_store->positionAtTime(timeUs); });
}

std::optional<qint64> GuardedStore::timeAtPosition(qint64 position)
{
    return guarded<std::optional<qint64>>(std::nullopt, [&] { return m_store->timeAtPosition(position); });
}

std::vector<qint64> GuardedStore::density(qint64 fromUs, qint64 toUs, int bins)
{
    return guarded<std::vector<qint64>>(std::vector<qint64>(size_t(std::max(bins, 0)), 0),
                                        [&] { return m_store->density(fromUs, toUs, bins); });
}

std::vector<qint64> GuardedStore::filteredPositions(const EventSelection& selection)
{
    return guarded<std::vector<qint64>>({}, [&] { return m_store->filteredPositions(selection); });
}

std::vector<qint64> GuardedStore::matchingPositions(const filter::Filter& filter, qint64 fromPosition,
                                                    qint64 toPosition, const std::function<bool()>& cancelled)
{
    return guarded<std::vector<qint64>>(
        {}, [&] { return m_store->matchingPositions(filter, fromPosition, toPosition, cancelled); });
}

std::vector<qint64> GuardedStore::timesAtPositions(const std::vector<qint64>& positions)
{
    return guarded<std::vector<qint64>>({}, [&] { return m_store->timesAtPositions(positions); });
}

void GuardedStore::forEach(const EventSelection& selection, const std::function<bool(const Event&)>& visitor)
{
    // Not retried: the visitor has seen part of the events already.
    try {
        m_store->forEach(selection, visitor);
    } catch (const LiveError& error) {
        m_lastError = error.message();
        try {
            m_store->reconnect();
        } catch (const LiveError&) {
        }
    }
}

std::vector<StreamSummary> GuardedStore::streams()
{
    return guarded<std::vector<StreamSummary>>({}, [&] { return m_store->streams(); });
}

qint64 GuardedStore::streamCount()
{
    return guarded<qint64>(0, [&] { return m_store->streamCount(); });
}

std::vector<TypeCount> GuardedStore::types()
{
    return guarded<std::vector<TypeCount>>({}, [&] { return m_store->types(); });
}

std::optional<qint64> GuardedStore::positionOfId(const QString& id)
{
    return guarded<std::optional<qint64>>(std::nullopt, [&] { return m_store->positionOfId(id); });
}

std::vector<qint64> GuardedStore::correlatedPositions(const QString& correlationId, qint64 limit)
{
    return guarded<std::vector<qint64>>({},
                                        [&] { return m_store->correlatedPositions(correlationId, limit); });
}

std::vector<TypeCount> GuardedStore::streamTypeCounts(const QString& stream)
{
    return guarded<std::vector<TypeCount>>({}, [&] { return m_store->streamTypeCounts(stream); });
}

} // namespace eventscope::importers::live
