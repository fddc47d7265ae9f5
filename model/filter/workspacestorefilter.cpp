// WorkspaceStore's filter queries, apart from the rest of the store: the filter language's SQL
// lives in filtersql.cpp, this runs it.
#include "workspacestore.h"

#include "filter/filter.h"
#include "filter/filtersql.h"

#include <sqlite3.h>

#include <string>

namespace eventscope {
namespace {

// How many virtual-machine steps SQLite runs between two polls of `cancelled`: a few milliseconds.
constexpr int stepsBetweenPolls = 20000;

int pollCancelled(void* cancelled)
{
    return (*static_cast<const std::function<bool()>*>(cancelled))() ? 1 : 0;
}

// Installs a progress handler for the lifetime of a query, so that a scan of a million payloads
// stops within milliseconds of a newer request.
class CancelPoll
{
public:
    CancelPoll(sqlite3* db, const std::function<bool()>& cancelled) : m_db(cancelled ? db : nullptr)
    {
        if (m_db)
            sqlite3_progress_handler(m_db, stepsBetweenPolls, pollCancelled,
                                     const_cast<std::function<bool()>*>(&cancelled));
    }
    ~CancelPoll()
    {
        if (m_db)
            sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
    }
    CancelPoll(const CancelPoll&) = delete;
    CancelPoll& operator=(const CancelPoll&) = delete;

private:
    sqlite3* m_db;
};

} // namespace

std::vector<qint64> WorkspaceStore::matchingPositions(const filter::Filter& filter, qint64 fromPosition,
                                                      qint64 toPosition,
                                                      const std::function<bool()>& cancelled)
{
    if (!m_filterFunctionsAdded) {
        filter::registerSqlFunctions(m_db);
        m_filterFunctionsAdded = true;
    }
    // Payloads are JSON unless shown otherwise: the cheaper SQL first, and after the first payload
    // that is not, the guarded SQL for as long as this store lives.
    if (!m_payloadsNotAllJson && filter.readsPayload()) {
        try {
            return runFilter(filter::toSql(filter, filter::InvalidJson::Fails), fromPosition, toPosition,
                             cancelled);
        } catch (const sqlite::Error& error) {
            if (!filter::isMalformedJson(error))
                throw;
            m_payloadsNotAllJson = true;
        }
    }
    return runFilter(filter::toSql(filter, filter::InvalidJson::ReadsAsMissing), fromPosition, toPosition,
                     cancelled);
}

std::vector<qint64> WorkspaceStore::runFilter(const filter::SqlCondition& condition, qint64 fromPosition,
                                              qint64 toPosition, const std::function<bool()>& cancelled)
{
    std::string sql = "SELECT e.position FROM events e WHERE (" + condition.sql + ")";
    if (fromPosition > 0)
        sql += " AND e.position >= ?";
    if (toPosition > 0)
        sql += " AND e.position <= ?";
    sql += " ORDER BY e.position";

    auto query = m_db.prepare(sql);
    int next = condition.bind(query);
    if (fromPosition > 0)
        query.bind(next++, fromPosition);
    if (toPosition > 0)
        query.bind(next++, toPosition);

    std::vector<qint64> positions;
    const CancelPoll poll(m_db.handle(), cancelled);
    try {
        while (query.step())
            positions.push_back(query.int64(0));
    } catch (const sqlite::Error& error) {
        if (error.code() == SQLITE_INTERRUPT && cancelled && cancelled())
            return positions; // incomplete, as documented; the caller drops it
        throw;
    }
    return positions;
}

std::vector<qint64> WorkspaceStore::timesAtPositions(const std::vector<qint64>& positions)
{
    refreshIfChanged();
    std::vector<qint64> times;
    times.reserve(positions.size());
    const auto count = qint64(m_times.size());
    for (qint64 position : positions) {
        if (position >= 1 && position <= count)
            times.push_back(m_times[size_t(position - 1)]);
    }
    return times;
}

} // namespace eventscope
