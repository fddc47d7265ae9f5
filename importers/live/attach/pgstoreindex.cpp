#include "pgstoreindex.h"

#include "liveerror.h"
#include "pgconnection.h"
#include "pglayout.h"
#include "workspace.h"

#include <QHash>

#include <algorithm>

namespace eventscope::importers::live {
namespace {

PositionMap loadCachedRuns(Workspace& workspace)
{
    PositionMap map;
    auto query =
        workspace.database().prepare("SELECT first_source, length FROM attached_runs ORDER BY first_source");
    while (query.step())
        map.append(query.int64(0), query.int64(1));
    return map;
}

void keepRuns(Workspace& workspace, const PositionMap& map)
{
    try {
        sqlite::Database& db = workspace.database();
        sqlite::Transaction transaction(db);
        db.exec("DELETE FROM attached_runs");
        auto insert = db.prepare("INSERT INTO attached_runs(first_source, length) VALUES (?, ?)");
        for (const PositionMap::Run& run : map.runs()) {
            insert.bind(1, run.firstSource);
            insert.bind(2, run.length);
            insert.exec();
        }
        transaction.commit();
    } catch (const sqlite::Error&) {
        // A read-only workspace: the next open scans again.
    }
}

} // namespace

std::shared_ptr<PgStoreIndex> PgStoreIndex::forStore(const QString& url)
{
    static std::mutex mutex;
    static QHash<QString, std::weak_ptr<PgStoreIndex>> indexes;
    const std::lock_guard lock(mutex);
    if (auto existing = indexes.value(url).lock())
        return existing;
    auto index = std::make_shared<PgStoreIndex>();
    indexes.insert(url, index);
    return index;
}

std::shared_ptr<const PgStoreIndex::State> PgStoreIndex::state() const
{
    const std::lock_guard lock(m_mutex);
    return m_state;
}

bool PgStoreIndex::waitingOnGap() const
{
    const std::lock_guard lock(m_mutex);
    return m_gaps.waiting();
}

void PgStoreIndex::refresh(PgConnection& db, const PgLayout& layout, Workspace* workspace, bool force,
                           std::chrono::milliseconds interval)
{
    std::unique_lock refreshing(m_refreshing, std::defer_lock);
    if (force) {
        refreshing.lock();
    } else if (!refreshing.try_lock() || std::chrono::steady_clock::now() - m_lastRefresh < interval) {
        return; // another thread is at it, or it was done a moment ago
    }
    m_lastRefresh = std::chrono::steady_clock::now();
    std::shared_ptr<const State> current = state();
    if (!m_loadedCache && workspace) {
        m_loadedCache = true;
        PositionMap cached = loadCachedRuns(*workspace);
        if (!cached.isEmpty()) {
            // Still the same store: it starts where it did and still holds the last position.
            const std::string pos = layout.positionColumn();
            const PgResult check =
                db.exec("SELECT (SELECT min(" + pos + ") FROM " + layout.table() +
                            "), EXISTS(SELECT 1 FROM " + layout.table() + " WHERE " + pos + " = $1)",
                        {QByteArray::number(cached.lastSource())});
            if (!check.isNull(0, 0) && check.int64(0, 0) == cached.runs().front().firstSource &&
                check.text(0, 1) == QLatin1String("t")) {
                auto loaded = std::make_shared<State>();
                loaded->map = std::move(cached);
                current = loaded;
            }
        }
    }
    std::shared_ptr<State> next = grow(db, layout, workspace, *current);
    if (!next)
        return;
    const std::lock_guard lock(m_mutex);
    m_state = std::move(next);
}

// A new state when the store grew (nullptr when nothing changed).
std::shared_ptr<PgStoreIndex::State> PgStoreIndex::grow(PgConnection& db, const PgLayout& layout,
                                                        Workspace* workspace, const State& from)
{
    const std::string pos = layout.positionColumn();
    const std::string table = layout.table();
    db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    std::shared_ptr<State> next;
    try {
        const auto snapshot = PgSnapshot::parse(db.exec("SELECT pg_current_snapshot()::text").bytes(0, 0));
        if (!snapshot)
            throw LiveError(QStringLiteral("cannot read pg_current_snapshot()"));
        const PgResult ends = db.exec("SELECT min(" + pos + "), max(" + pos + ") FROM " + table);
        const qint64 head = ends.isNull(0, 1) ? 0 : ends.int64(0, 1);
        const qint64 covered = from.map.lastSource();
        if (head <= covered) {
            db.exec("COMMIT");
            if (head == from.headSource && from.sampledCount == from.map.count())
                return nullptr;
            next = std::make_shared<State>(from);
            next->headSource = head;
            sample(db, layout, *next);
            return next;
        }
        const qint64 after = from.map.isEmpty() ? ends.int64(0, 0) - 1 : covered;
        const QByteArray afterText = QByteArray::number(after), headText = QByteArray::number(head);
        const qint64 rows =
            db.exec("SELECT count(*) FROM " + table + " WHERE " + pos + " > $1 AND " + pos + " <= $2",
                    {afterText, headText})
                .int64(0, 0);
        // Runs of consecutive positions in (after, head]: one when nothing is missing.
        std::vector<PositionMap::Run> runs;
        if (rows == head - after) {
            runs.push_back({after + 1, rows});
        } else {
            const PgResult starts =
                db.exec("SELECT p, prev FROM (SELECT " + pos + " AS p, lag(" + pos + ") OVER (ORDER BY " +
                            pos + ") AS prev FROM " + table + " WHERE " + pos + " > $1 AND " + pos +
                            " <= $2) s WHERE prev IS NULL OR p - prev > 1 ORDER BY p",
                        {afterText, headText});
            for (int i = 0; i < starts.rows(); ++i) {
                const qint64 first = starts.int64(i, 0);
                const qint64 last = i + 1 < starts.rows() ? starts.int64(i + 1, 1) : head;
                runs.push_back({first, last - first + 1});
            }
        }
        db.exec("COMMIT");
        next = std::make_shared<State>(from);
        next->headSource = head;
        // A gap may still fill while a transaction that drew its numbers is in progress: the map
        // stops before it until GapWatch knows it stays.
        const qint64 firstSource =
            from.map.isEmpty() ? (runs.empty() ? 0 : runs.front().firstSource) : after + 1;
        qint64 expected = firstSource;
        {
            const std::lock_guard lock(m_mutex);
            for (const PositionMap::Run& run : runs) {
                if (run.firstSource != expected && !m_gaps.mayPass(run.firstSource - 1, head, *snapshot))
                    break;
                next->map.append(run.firstSource, run.length);
                expected = run.firstSource + run.length;
            }
            if (m_gaps.waiting() && next->map.lastSource() >= m_gaps.missing())
                m_gaps.clear();
        }
    } catch (const LiveError&) {
        try {
            db.exec("ROLLBACK");
        } catch (const LiveError&) {
        }
        throw;
    }
    if (next->map.count() == from.map.count())
        return next;
    if (workspace)
        keepRuns(*workspace, next->map);
    sample(db, layout, *next);
    return next;
}

// The samples: at most maxSamples, every stride-th position; the stride doubles as the store grows.
void PgStoreIndex::sample(PgConnection& db, const PgLayout& layout, State& next)
{
    const qint64 count = next.map.count();
    if (count == next.sampledCount || count == 0)
        return;
    if (next.sampledCount == 0)
        next.stride = std::max<qint64>(1, (count + maxSamples / 2 - 1) / (maxSamples / 2));
    while ((count + next.stride - 1) / next.stride > maxSamples) {
        next.stride *= 2;
        std::vector<qint64> halved;
        for (size_t i = 0; i < next.sampleTimes.size(); i += 2)
            halved.push_back(next.sampleTimes[i]);
        next.sampleTimes = std::move(halved);
    }
    const std::string time = layout.timeMicrosExpr();
    const std::string base = layout.fromSql();
    const std::string position = layout.positionExpr();
    auto timesOf = [&](const std::vector<qint64>& sources) {
        QHash<qint64, qint64> times;
        const PgResult result = db.exec("SELECT " + position + ", " + time + " FROM " + base + " WHERE " +
                                            position + " = ANY($1::bigint[])",
                                        {pgBigintArray(sources)});
        for (int i = 0; i < result.rows(); ++i)
            times.insert(result.int64(i, 0), result.isNull(i, 1) ? 0 : result.int64(i, 1));
        return times;
    };
    std::vector<qint64> sources;
    for (qint64 p = 1 + qint64(next.sampleTimes.size()) * next.stride; p <= count; p += next.stride)
        sources.push_back(*next.map.sourceOf(p));
    sources.push_back(*next.map.sourceOf(count));
    const QHash<qint64, qint64> times = timesOf(sources);
    for (size_t i = 0; i + 1 < sources.size(); ++i)
        next.sampleTimes.push_back(
            times.value(sources[i], next.sampleTimes.empty() ? 0 : next.sampleTimes.back()));
    next.lastTimeUs = times.value(sources.back(), next.sampleTimes.empty() ? 0 : next.sampleTimes.back());
    next.sampledCount = count;
}

} // namespace eventscope::importers::live
