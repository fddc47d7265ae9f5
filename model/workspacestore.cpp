#include "workspacestore.h"

#include <algorithm>
#include <string>
#include <variant>

namespace eventscope {
namespace {

// Every event query selects these, from `eventsFrom`, so readEvent() reads any of them.
constexpr const char* eventColumns =
    "e.position, e.stream_id, e.stream_version, e.type_id, e.schema_version, e.time_us, e.id, e.causation_id, "
    "e.correlation_id, e.content_type, e.data, e.raw_data, e.metadata, e.import_id, e.source";
// Stream and type names are looked up in memory (nameOf), not joined: replay reads every event, and
// the joins cost more than the rest of the row.
constexpr const char* eventsFrom = " FROM events e";

// Builds "WHERE ..." with positional parameters; values are bound, never spliced into the SQL.
struct WhereClause
{
    std::string sql;
    std::vector<std::variant<qint64, QString>> values;

    explicit WhereClause(const EventSelection& s)
    {
        std::vector<std::string> terms;
        if (!s.stream.isEmpty()) {
            terms.emplace_back("e.stream_id = (SELECT id FROM streams WHERE name = ?)");
            values.emplace_back(s.stream);
        }
        if (!s.type.isEmpty()) {
            terms.emplace_back("e.type_id = (SELECT id FROM event_types WHERE name = ?)");
            values.emplace_back(s.type);
        }
        if (s.fromPosition > 0) {
            terms.emplace_back("e.position >= ?");
            values.emplace_back(s.fromPosition);
        }
        if (s.toPosition > 0) {
            terms.emplace_back("e.position <= ?");
            values.emplace_back(s.toPosition);
        }
        if (s.fromTimeUs) {
            terms.emplace_back("e.time_us >= ?");
            values.emplace_back(*s.fromTimeUs);
        }
        if (s.toTimeUs) {
            terms.emplace_back("e.time_us <= ?");
            values.emplace_back(*s.toTimeUs);
        }
        for (size_t i = 0; i < terms.size(); ++i)
            sql += (i == 0 ? " WHERE " : " AND ") + terms[i];
        sql += " ORDER BY e.position";
        if (s.limit >= 0) {
            sql += " LIMIT ?";
            values.emplace_back(s.limit);
        }
    }

    void bind(sqlite::Statement& q) const
    {
        for (size_t i = 0; i < values.size(); ++i) {
            if (const auto* n = std::get_if<qint64>(&values[i]))
                q.bind(int(i + 1), *n);
            else
                q.bind(int(i + 1), std::get<QString>(values[i]));
        }
    }
};

} // namespace

WorkspaceStore::WorkspaceStore(Workspace& workspace)
    : m_db(workspace.database()), m_dataVersion(m_db.prepare("PRAGMA data_version")),
      m_window(m_db.prepare(std::string("SELECT ") + eventColumns + eventsFrom +
                            " WHERE e.position >= ? ORDER BY e.position LIMIT ?")),
      m_streamName(m_db.prepare("SELECT name FROM streams WHERE id = ?")),
      m_typeName(m_db.prepare("SELECT name FROM event_types WHERE id = ?"))
{}

void WorkspaceStore::refreshIfChanged()
{
    // data_version changes when another connection commits; total_changes covers our own writes.
    m_dataVersion.step();
    const qint64 version = m_dataVersion.int64(0) * 1000003 + m_db.queryInt("SELECT total_changes()");
    m_dataVersion.reset();
    if (version == m_lastDataVersion)
        return;
    m_lastDataVersion = version;
    m_times.clear();
    m_importLabels.clear();
    auto q = m_db.prepare("SELECT time_us FROM events ORDER BY position");
    while (q.step())
        m_times.push_back(q.int64(0));
    m_timesMonotonic = std::is_sorted(m_times.begin(), m_times.end());
    if (m_timesMonotonic) {
        m_sortedTimes.clear();
    } else {
        m_sortedTimes = m_times;
        std::sort(m_sortedTimes.begin(), m_sortedTimes.end());
    }
}

qint64 WorkspaceStore::count()
{
    refreshIfChanged();
    return qint64(m_times.size());
}

std::optional<TimeRange> WorkspaceStore::timeRange()
{
    refreshIfChanged();
    if (m_times.empty())
        return std::nullopt;
    const auto& sorted = m_timesMonotonic ? m_times : m_sortedTimes;
    return TimeRange{sorted.front(), sorted.back()};
}

QString WorkspaceStore::importLabel(qint64 importId)
{
    auto it = m_importLabels.constFind(importId);
    if (it != m_importLabels.constEnd())
        return *it;
    auto q = m_db.prepare("SELECT label FROM imports WHERE id = ?");
    q.bind(1, importId);
    const QString label = q.step() ? q.text(0) : QString();
    m_importLabels.insert(importId, label);
    return label;
}

const QString& WorkspaceStore::nameOf(QHash<qint64, QString>& cache, sqlite::Statement& lookup, qint64 id)
{
    auto it = cache.constFind(id);
    if (it != cache.constEnd())
        return *it;
    lookup.bind(1, id);
    QString name = lookup.step() ? lookup.text(0) : QString();
    lookup.reset();
    return *cache.insert(id, name);
}

Event WorkspaceStore::readEvent(const sqlite::Statement& q)
{
    Event e;
    e.position = q.int64(0);
    e.stream = nameOf(m_streamNames, m_streamName, q.int64(1));
    e.streamVersion = q.int64(2);
    e.type = nameOf(m_typeNames, m_typeName, q.int64(3));
    e.schemaVersion = int(q.int64(4));
    e.timeUs = q.int64(5);
    e.id = q.text(6);
    e.causationId = q.text(7);
    e.correlationId = q.text(8);
    e.contentType = q.text(9);
    e.data = q.bytes(10);
    e.rawData = q.bytes(11);
    e.metadata = q.bytes(12);
    e.source = q.isNull(14) ? importLabel(q.int64(13)) : q.text(14);
    return e;
}

std::vector<Event> WorkspaceStore::window(qint64 firstPosition, qint64 count)
{
    std::vector<Event> result;
    if (count <= 0)
        return result;
    result.reserve(size_t(std::min<qint64>(count, 100000)));
    m_window.bind(1, firstPosition).bind(2, count);
    while (m_window.step())
        result.push_back(readEvent(m_window));
    m_window.reset();
    return result;
}

std::vector<Event> WorkspaceStore::streamHistory(const QString& stream, qint64 upToPosition)
{
    std::vector<Event> result;
    auto q = m_db.prepare(std::string("SELECT ") + eventColumns + eventsFrom +
                          " WHERE e.stream_id = (SELECT id FROM streams WHERE name = ?) AND e.position <= ?"
                          " ORDER BY e.stream_version, e.position");
    q.bind(1, stream).bind(2, upToPosition);
    while (q.step())
        result.push_back(readEvent(q));
    return result;
}

qint64 WorkspaceStore::positionAtTime(qint64 timeUs)
{
    refreshIfChanged();
    if (m_timesMonotonic)
        return qint64(std::lower_bound(m_times.begin(), m_times.end(), timeUs) - m_times.begin()) + 1;
    auto q = m_db.prepare("SELECT min(position) FROM events WHERE time_us >= ?");
    q.bind(1, timeUs);
    if (q.step() && !q.isNull(0))
        return q.int64(0);
    return qint64(m_times.size()) + 1;
}

std::optional<qint64> WorkspaceStore::timeAtPosition(qint64 position)
{
    refreshIfChanged();
    if (position < 1 || position > qint64(m_times.size()))
        return std::nullopt;
    return m_times[size_t(position - 1)];
}

std::vector<qint64> WorkspaceStore::density(qint64 fromUs, qint64 toUs, int bins)
{
    refreshIfChanged();
    std::vector<qint64> counts(size_t(std::max(bins, 0)), 0);
    if (bins <= 0 || toUs < fromUs)
        return counts;
    const auto& sorted = m_timesMonotonic ? m_times : m_sortedTimes;
    // Bins are [edge, next edge) except the last, which includes toUs: density(first, last, n)
    // over a workspace's time range counts every event, even when they all share one instant.
    const double width = double(toUs - fromUs) / bins;
    auto previous = std::lower_bound(sorted.begin(), sorted.end(), fromUs);
    for (int i = 0; i < bins; ++i) {
        const auto next = i + 1 == bins
                              ? std::upper_bound(previous, sorted.end(), toUs)
                              : std::lower_bound(previous, sorted.end(), fromUs + qint64(width * (i + 1)));
        counts[size_t(i)] = next - previous;
        previous = next;
    }
    return counts;
}

std::vector<qint64> WorkspaceStore::filteredPositions(const EventSelection& selection)
{
    const WhereClause where(selection);
    auto q = m_db.prepare("SELECT e.position FROM events e" + where.sql);
    where.bind(q);
    std::vector<qint64> result;
    while (q.step())
        result.push_back(q.int64(0));
    return result;
}

void WorkspaceStore::forEach(const EventSelection& selection,
                             const std::function<bool(const Event&)>& visitor)
{
    const WhereClause where(selection);
    auto q = m_db.prepare(std::string("SELECT ") + eventColumns + eventsFrom + where.sql);
    where.bind(q);
    while (q.step()) {
        if (!visitor(readEvent(q)))
            break;
    }
}

qint64 WorkspaceStore::streamCount()
{
    // Every stream name is stored once, by the import that brought its first event.
    return m_db.queryInt("SELECT count(*) FROM streams");
}

std::vector<StreamSummary> WorkspaceStore::streams()
{
    std::vector<StreamSummary> result;
    auto q = m_db.prepare(
        "SELECT s.name, g.n, g.last_version, g.first_position, g.last_position FROM "
        "(SELECT stream_id, count(*) AS n, max(stream_version) AS last_version, "
        "min(position) AS first_position, max(position) AS last_position "
        "FROM events GROUP BY stream_id) g JOIN streams s ON s.id = g.stream_id ORDER BY s.name");
    while (q.step())
        result.push_back({q.text(0), q.int64(1), q.int64(2), q.int64(3), q.int64(4)});
    return result;
}

std::vector<TypeCount> WorkspaceStore::types()
{
    std::vector<TypeCount> result;
    auto q =
        m_db.prepare("SELECT t.name, g.n FROM (SELECT type_id, count(*) AS n FROM events GROUP BY type_id) g "
                     "JOIN event_types t ON t.id = g.type_id ORDER BY g.n DESC, t.name");
    while (q.step())
        result.push_back({q.text(0), q.int64(1)});
    return result;
}

} // namespace eventscope
