// WorkspaceStore: the queries behind the event detail view's links (cause, correlated events)
// and the streams view's type breakdown. Each one is served by an index (events_id,
// events_correlation, events_stream), so it costs a few page reads whatever the workspace's size.
#include "workspacestore.h"

#include <algorithm>

namespace eventscope {

std::optional<qint64> WorkspaceStore::positionOfId(const QString& id)
{
    if (id.isEmpty())
        return std::nullopt;
    auto q = m_db.prepare("SELECT position FROM events WHERE id = ?");
    q.bind(1, id);
    if (!q.step())
        return std::nullopt;
    return q.int64(0);
}

std::vector<qint64> WorkspaceStore::correlatedPositions(const QString& correlationId, qint64 limit)
{
    std::vector<qint64> result;
    if (correlationId.isEmpty() || limit <= 0)
        return result;
    // Empty correlation ids are stored as NULL, which the partial index leaves out; `=` never
    // matches NULL, so the planner may use it.
    auto q = m_db.prepare("SELECT position FROM events WHERE correlation_id = ? ORDER BY position LIMIT ?");
    q.bind(1, correlationId).bind(2, limit);
    while (q.step())
        result.push_back(q.int64(0));
    return result;
}

std::vector<TypeCount> WorkspaceStore::streamTypeCounts(const QString& stream)
{
    std::vector<TypeCount> result;
    auto q = m_db.prepare("SELECT e.type_id, count(*) AS n FROM events e "
                          "WHERE e.stream_id = (SELECT id FROM streams WHERE name = ?) "
                          "GROUP BY e.type_id ORDER BY n DESC");
    q.bind(1, stream);
    while (q.step())
        result.push_back({nameOf(m_typeNames, m_typeName, q.int64(0)), q.int64(1)});
    // Names are resolved from the cache above, so ties are ordered here rather than in SQL.
    std::stable_sort(result.begin(), result.end(), [](const TypeCount& a, const TypeCount& b) {
        return a.count != b.count ? a.count > b.count : a.type < b.type;
    });
    return result;
}

} // namespace eventscope
