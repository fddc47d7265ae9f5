#include "pgeventstore.h"

#include "filter/filter.h"
#include "liveerror.h"
#include "pglivesource.h"
#include "pgrow.h"
#include "workspace.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <thread>

namespace eventscope::importers::live {
namespace {

QByteArray number(qint64 value)
{
    return QByteArray::number(value);
}

} // namespace

PgEventStore::PgEventStore(const SourceUrl& url, Workspace* workspace)
    : m_url(url), m_layout(createPgLayout(url)), m_workspace(workspace),
      m_index(PgStoreIndex::forStore(url.canonical())), m_label(pgStoreLabel(url, *m_layout))
{
    m_db = PgConnection(pgConnectionParameters(url), m_label);
    try {
        m_layout->check(m_db);
    } catch (const LiveError& error) {
        throw LiveError(QStringLiteral("%1: %2").arg(m_label, error.message()),
                        error.isTransient() ? LiveError::Kind::Transient : LiveError::Kind::Permanent);
    }
    m_index->refresh(m_db, *m_layout, m_workspace, true);
    if (m_index->waitingOnGap()) {
        // A gap seen for the first time passes once the transactions then in progress have ended.
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        m_index->refresh(m_db, *m_layout, m_workspace, true);
    }
}

void PgEventStore::reconnect()
{
    m_db = PgConnection(pgConnectionParameters(m_url), m_label);
    m_layout->check(m_db);
}

std::shared_ptr<const PgEventStore::State> PgEventStore::current()
{
    try {
        m_index->refresh(m_db, *m_layout, m_workspace, false);
    } catch (const LiveError&) {
        // The server is unreachable for now: what is known stays readable.
    }
    return m_index->state();
}

qint64 PgEventStore::count()
{
    return current()->map.count();
}

std::optional<TimeRange> PgEventStore::timeRange()
{
    const auto state = current();
    if (state->map.isEmpty())
        return std::nullopt;
    return TimeRange{state->sampleTimes.front(), state->lastTimeUs};
}

std::string PgEventStore::mappedRange(std::vector<QByteArray>& parameters, const State& state) const
{
    if (state.map.isEmpty())
        return "false";
    const std::string pos = m_layout->positionExpr();
    return pos + " >= " + pgParameter(parameters, number(state.map.runs().front().firstSource)) + " AND " +
           pos + " <= " + pgParameter(parameters, number(state.map.lastSource()));
}

std::vector<qint64> PgEventStore::positionsOf(const PgResult& rows, const State& state) const
{
    std::vector<qint64> positions;
    positions.reserve(size_t(rows.rows()));
    for (int i = 0; i < rows.rows(); ++i) {
        if (const auto position = state.map.positionOf(rows.int64(i, 0)))
            positions.push_back(*position);
    }
    return positions;
}

std::vector<Event> PgEventStore::events(const std::string& condition,
                                        const std::vector<QByteArray>& parameters, const std::string& order,
                                        const State& state)
{
    const PgResult rows =
        m_db.exec(m_layout->selectSql() + " WHERE " + condition + " ORDER BY " + order, parameters);
    std::vector<Event> result;
    result.reserve(size_t(rows.rows()));
    for (int i = 0; i < rows.rows(); ++i) {
        if (std::optional<Event> event = toEvent(rows, i, state))
            result.push_back(std::move(*event));
    }
    return result;
}

// A row that is not mapped (appended since the map last grew, or in a gap that has just filled) is
// left out; a bad row is kept where it is, with what is wrong with it in its source.
std::optional<Event> PgEventStore::toEvent(const PgResult& rows, int row, const State& state) const
{
    const auto position = state.map.positionOf(rows.int64(row, 0));
    if (!position)
        return std::nullopt;
    Event event;
    event.position = *position;
    event.source = m_label;
    if (const PgRowProblem problem = readPgRow(*m_layout, rows, row, event))
        event.source += QStringLiteral(": %1 %2").arg(m_layout->columnName(problem.column), problem.why);
    return event;
}

std::vector<Event> PgEventStore::window(qint64 firstPosition, qint64 count)
{
    const auto state = current();
    const qint64 first = std::max<qint64>(firstPosition, 1);
    const qint64 last = std::min(firstPosition + count - 1, state->map.count());
    if (count <= 0 || first > last)
        return {};
    const std::string pos = m_layout->positionExpr();
    return events(pos + " >= $1 AND " + pos + " <= $2",
                  {number(*state->map.sourceOf(first)), number(*state->map.sourceOf(last))}, pos, *state);
}

std::vector<Event> PgEventStore::streamHistory(const QString& stream, qint64 upToPosition)
{
    const auto state = current();
    std::vector<QByteArray> parameters;
    std::string condition =
        m_layout->streamCondition(stream, parameters) + " AND " + mappedRange(parameters, *state);
    if (upToPosition < state->map.count()) {
        if (upToPosition < 1)
            return {};
        condition += " AND " + m_layout->positionExpr() +
                     " <= " + pgParameter(parameters, number(*state->map.sourceOf(upToPosition)));
    }
    return events(condition, parameters, m_layout->streamOrderExpr(), *state);
}

qint64 PgEventStore::positionAtTime(qint64 timeUs)
{
    const auto state = current();
    return positionAtTime(timeUs, *state);
}

// From the samples to a bracket of at most one stride of positions, then the server.
qint64 PgEventStore::positionAtTime(qint64 timeUs, const State& state)
{
    const qint64 count = state.map.count();
    if (count == 0 || state.sampleTimes.empty())
        return 1;
    if (state.sampleTimes.front() >= timeUs)
        return 1;
    if (state.lastTimeUs < timeUs)
        return count + 1;
    const auto it = std::lower_bound(state.sampleTimes.begin(), state.sampleTimes.end(), timeUs);
    const qint64 index = it - state.sampleTimes.begin();
    const qint64 below = 1 + (index - 1) * state.stride; // its time is < timeUs
    const qint64 atOrAbove =
        it == state.sampleTimes.end() ? count : std::min(count, 1 + index * state.stride);
    const std::string pos = m_layout->positionExpr();
    const PgResult found = m_db.exec(
        "SELECT " + pos + " FROM " + m_layout->fromSql() + " WHERE " + pos + " > $1 AND " + pos +
            " <= $2 AND " + m_layout->timeMicrosExpr() + " >= $3 ORDER BY " + pos + " LIMIT 1",
        {number(*state.map.sourceOf(below)), number(*state.map.sourceOf(atOrAbove)), number(timeUs)});
    if (found.rows() == 0)
        return atOrAbove + 1;
    return state.map.positionAtOrAfter(found.int64(0, 0));
}

std::optional<qint64> PgEventStore::timeAtPosition(qint64 position)
{
    const auto state = current();
    const auto source = state->map.sourceOf(position);
    if (!source)
        return std::nullopt;
    const std::string pos = m_layout->positionExpr();
    const PgResult row = m_db.exec("SELECT " + m_layout->timeMicrosExpr() + " FROM " + m_layout->fromSql() +
                                       " WHERE " + pos + " = $1",
                                   {number(*source)});
    if (row.rows() == 0 || row.isNull(0, 0))
        return std::nullopt;
    return row.int64(0, 0);
}

std::vector<qint64> PgEventStore::timesAtPositions(const std::vector<qint64>& positions)
{
    const auto state = current();
    std::vector<qint64> sources;
    for (const qint64 position : positions) {
        if (const auto source = state->map.sourceOf(position))
            sources.push_back(*source);
    }
    if (sources.empty())
        return {};
    const std::string pos = m_layout->positionExpr();
    const PgResult rows = m_db.exec("SELECT " + pos + ", " + m_layout->timeMicrosExpr() + " FROM " +
                                        m_layout->fromSql() + " WHERE " + pos + " = ANY($1::bigint[])",
                                    {pgBigintArray(sources)});
    QHash<qint64, qint64> times;
    for (int i = 0; i < rows.rows(); ++i)
        times.insert(rows.int64(i, 0), rows.isNull(i, 1) ? 0 : rows.int64(i, 1));
    std::vector<qint64> result;
    result.reserve(sources.size());
    for (const qint64 source : sources)
        result.push_back(times.value(source));
    return result;
}

// Few events: counted on the server. Many: from samples, each standing for the events up to the
// next one (the global samples when they are dense enough here, else a finer sample of the range).
std::vector<qint64> PgEventStore::density(qint64 fromUs, qint64 toUs, int bins)
{
    std::vector<qint64> counts(size_t(std::max(bins, 0)), 0);
    const auto state = current();
    if (bins <= 0 || toUs < fromUs || state->map.isEmpty())
        return counts;
    // As WorkspaceStore bins: [edge, next edge), the last bin including toUs.
    const qint64 first = positionAtTime(fromUs, *state);
    const qint64 last = positionAtTime(toUs + 1, *state) - 1;
    if (last < first)
        return counts;
    const double width = double(toUs - fromUs) / bins;
    std::vector<qint64> edges; // the inner edges: bin i starts at edges[i - 1]
    for (int i = 1; i < bins; ++i)
        edges.push_back(fromUs + qint64(width * i));
    auto binOf = [&](qint64 timeUs) {
        return std::upper_bound(edges.begin(), edges.end(), timeUs) - edges.begin();
    };
    const std::string pos = m_layout->positionExpr();
    if (last - first + 1 <= m_exactDensityLimit) {
        // width_bucket over the same edges: 0 below the first, i from edges[i - 1] on.
        const PgResult rows =
            m_db.exec("SELECT width_bucket(t, $5::bigint[]), count(*) FROM (SELECT " +
                          m_layout->timeMicrosExpr() + " AS t FROM " + m_layout->fromSql() + " WHERE " + pos +
                          " >= $1 AND " + pos + " <= $2) x WHERE t >= $3 AND t <= $4 GROUP BY 1",
                      {number(*state->map.sourceOf(first)), number(*state->map.sourceOf(last)),
                       number(fromUs), number(toUs), pgBigintArray(edges)});
        for (int i = 0; i < rows.rows(); ++i)
            counts[size_t(std::clamp(int(rows.int64(i, 0)), 0, bins - 1))] += rows.int64(i, 1);
        return counts;
    }
    // Samples (position, time): each stands for the positions up to the next sample.
    std::vector<std::pair<qint64, qint64>> samples;
    const qint64 wanted = std::max<qint64>(1, (last - first + 1) / (qint64(bins) * 8));
    if (state->stride <= wanted) {
        const qint64 from = std::max<qint64>(0, (first - 1) / state->stride);
        for (qint64 i = from; i < qint64(state->sampleTimes.size()); ++i) {
            const qint64 position = 1 + i * state->stride;
            if (position > last)
                break;
            samples.emplace_back(position, state->sampleTimes[size_t(i)]);
        }
    } else {
        std::vector<qint64> positions;
        for (qint64 position = first; position <= last; position += wanted)
            positions.push_back(position);
        const std::vector<qint64> times = timesAtPositions(positions);
        for (size_t i = 0; i < positions.size() && i < times.size(); ++i)
            samples.emplace_back(positions[i], times[i]);
    }
    for (size_t i = 0; i < samples.size(); ++i) {
        const qint64 begin = std::max(samples[i].first, first);
        const qint64 end = i + 1 < samples.size() ? std::min(samples[i + 1].first - 1, last) : last;
        if (end >= begin)
            counts[size_t(binOf(std::max(samples[i].second, fromUs)))] += end - begin + 1;
    }
    return counts;
}

std::string PgEventStore::selectionCondition(const EventSelection& selection,
                                             std::vector<QByteArray>& parameters, const State& state)
{
    qint64 first = 1;
    qint64 last = state.map.count();
    if (selection.fromPosition > 0)
        first = std::max(first, selection.fromPosition);
    if (selection.toPosition > 0)
        last = std::min(last, selection.toPosition);
    if (selection.fromTimeUs)
        first = std::max(first, positionAtTime(*selection.fromTimeUs, state));
    if (selection.toTimeUs)
        last = std::min(last, positionAtTime(*selection.toTimeUs + 1, state) - 1);
    if (first > last)
        return "false";
    const std::string pos = m_layout->positionExpr();
    std::string condition = pos + " >= " + pgParameter(parameters, number(*state.map.sourceOf(first))) +
                            " AND " + pos +
                            " <= " + pgParameter(parameters, number(*state.map.sourceOf(last)));
    if (!selection.stream.isEmpty())
        condition += " AND " + m_layout->streamCondition(selection.stream, parameters);
    if (!selection.type.isEmpty())
        condition +=
            " AND " + m_layout->typeExpr() + " = " + pgParameter(parameters, selection.type.toUtf8());
    return condition;
}

std::vector<qint64> PgEventStore::filteredPositions(const EventSelection& selection)
{
    const auto state = current();
    std::vector<QByteArray> parameters;
    const std::string condition = selectionCondition(selection, parameters, *state);
    const std::string pos = m_layout->positionExpr();
    std::string sql =
        "SELECT " + pos + " FROM " + m_layout->fromSql() + " WHERE " + condition + " ORDER BY " + pos;
    if (selection.limit >= 0)
        sql += " LIMIT " + pgParameter(parameters, number(selection.limit));
    return positionsOf(m_db.exec(sql, parameters), *state);
}

std::vector<qint64> PgEventStore::matchingPositions(const filter::Filter& filter, qint64 fromPosition,
                                                    qint64 toPosition, const std::function<bool()>& cancelled)
{
    std::vector<qint64> positions;
    const qint64 first = std::max<qint64>(fromPosition, 1);
    const qint64 last = toPosition > 0 ? std::min(toPosition, count()) : count();
    constexpr qint64 page = 4096;
    for (qint64 start = first; start <= last; start += page) {
        if (cancelled && cancelled())
            return positions;
        for (const Event& event : window(start, std::min(page, last - start + 1))) {
            if (filter.matches(event))
                positions.push_back(event.position);
        }
    }
    return positions;
}

void PgEventStore::forEach(const EventSelection& selection, const std::function<bool(const Event&)>& visitor)
{
    const auto state = current();
    const std::string pos = m_layout->positionExpr();
    qint64 after = 0; // the last source position visited
    qint64 left = selection.limit;
    constexpr int page = 2000;
    while (left != 0) {
        std::vector<QByteArray> parameters;
        std::string condition = selectionCondition(selection, parameters, *state);
        condition += " AND " + pos + " > " + pgParameter(parameters, number(after));
        const std::string limit = std::to_string(left > 0 ? std::min<qint64>(left, page) : page);
        const PgResult rows =
            m_db.exec(m_layout->selectSql() + " WHERE " + condition + " ORDER BY " + pos + " LIMIT " + limit,
                      parameters);
        if (rows.rows() == 0)
            return;
        for (int i = 0; i < rows.rows(); ++i) {
            after = rows.int64(i, 0);
            const std::optional<Event> event = toEvent(rows, i, *state);
            if (!event)
                continue;
            if (!visitor(*event))
                return;
            if (left > 0)
                --left;
        }
    }
}

std::vector<StreamSummary> PgEventStore::streams()
{
    const auto state = current();
    std::vector<QByteArray> parameters;
    const std::string pos = m_layout->positionExpr();
    const PgResult rows = m_db.exec(
        "SELECT " + m_layout->streamExpr() + ", count(*), max(" + m_layout->versionExpr() + "), min(" + pos +
            "), max(" + pos + ") FROM " + m_layout->fromSql() + " WHERE " + mappedRange(parameters, *state) +
            " GROUP BY 1 ORDER BY " + m_layout->streamExpr() + " COLLATE \"C\"",
        parameters);
    std::vector<StreamSummary> result;
    result.reserve(size_t(rows.rows()));
    for (int i = 0; i < rows.rows(); ++i) {
        StreamSummary summary;
        summary.stream = rows.text(i, 0);
        summary.eventCount = rows.int64(i, 1);
        summary.lastVersion = rows.isNull(i, 2) ? summary.eventCount : rows.int64(i, 2);
        summary.firstPosition = state->map.positionAtOrAfter(rows.int64(i, 3));
        summary.lastPosition = state->map.positionOf(rows.int64(i, 4)).value_or(state->map.count());
        result.push_back(std::move(summary));
    }
    return result;
}

qint64 PgEventStore::streamCount()
{
    const auto state = current();
    std::vector<QByteArray> parameters;
    if (m_layout->name() == QLatin1String("messagedb")) {
        // Over Message DB's (stream_name, position) index, one probe per stream.
        return m_db
            .exec(
                "WITH RECURSIVE s AS (SELECT min(stream_name) AS n FROM message_store.messages UNION ALL "
                "SELECT (SELECT min(stream_name) FROM message_store.messages WHERE stream_name > s.n) FROM s "
                "WHERE s.n IS NOT NULL) SELECT count(n) FROM s")
            .int64(0, 0);
    }
    return m_db
        .exec("SELECT count(DISTINCT " + m_layout->streamExpr() + ") FROM " + m_layout->fromSql() +
                  " WHERE " + mappedRange(parameters, *state),
              parameters)
        .int64(0, 0);
}

std::vector<TypeCount> PgEventStore::types()
{
    const auto state = current();
    std::vector<QByteArray> parameters;
    const PgResult rows =
        m_db.exec("SELECT " + m_layout->typeExpr() + ", count(*) FROM " + m_layout->fromSql() + " WHERE " +
                      mappedRange(parameters, *state) + " GROUP BY 1 ORDER BY 2 DESC, " +
                      m_layout->typeExpr() + " COLLATE \"C\"",
                  parameters);
    std::vector<TypeCount> result;
    for (int i = 0; i < rows.rows(); ++i)
        result.push_back({rows.text(i, 0), rows.int64(i, 1)});
    return result;
}

std::optional<qint64> PgEventStore::positionOfId(const QString& id)
{
    const auto state = current();
    std::vector<QByteArray> parameters;
    const std::string condition = m_layout->idCondition(id, parameters);
    if (condition.empty())
        return std::nullopt;
    const std::string pos = m_layout->positionExpr();
    const PgResult rows = m_db.exec("SELECT " + pos + " FROM " + m_layout->fromSql() + " WHERE " + condition +
                                        " AND " + mappedRange(parameters, *state) + " LIMIT 1",
                                    parameters);
    if (rows.rows() == 0)
        return std::nullopt;
    return state->map.positionOf(rows.int64(0, 0));
}

std::vector<qint64> PgEventStore::correlatedPositions(const QString& correlationId, qint64 limit)
{
    const std::string correlation = m_layout->correlationExpr();
    if (correlationId.isEmpty() || correlation == "NULL" || limit <= 0)
        return {};
    const auto state = current();
    std::vector<QByteArray> parameters{correlationId.toUtf8()};
    const std::string pos = m_layout->positionExpr();
    const std::string range = mappedRange(parameters, *state);
    const std::string bound = pgParameter(parameters, number(limit));
    return positionsOf(m_db.exec("SELECT " + pos + " FROM " + m_layout->fromSql() + " WHERE " + correlation +
                                     " = $1 AND " + range + " ORDER BY " + pos + " LIMIT " + bound,
                                 parameters),
                       *state);
}

std::vector<TypeCount> PgEventStore::streamTypeCounts(const QString& stream)
{
    const auto state = current();
    std::vector<QByteArray> parameters;
    const std::string condition =
        m_layout->streamCondition(stream, parameters) + " AND " + mappedRange(parameters, *state);
    const PgResult rows =
        m_db.exec("SELECT " + m_layout->typeExpr() + ", count(*) FROM " + m_layout->fromSql() + " WHERE " +
                      condition + " GROUP BY 1 ORDER BY 2 DESC, " + m_layout->typeExpr() + " COLLATE \"C\"",
                  parameters);
    std::vector<TypeCount> result;
    for (int i = 0; i < rows.rows(); ++i)
        result.push_back({rows.text(i, 0), rows.int64(i, 1)});
    return result;
}

} // namespace eventscope::importers::live
