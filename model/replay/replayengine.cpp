#include "replayengine.h"

#include "json/jsondiff.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace eventscope::replay {
namespace {

// Before the fold cost is known, and the bounds the measured interval is kept within: below 64 the
// snapshots cost more than they save; above 65,536 a restore would fold too much for any projection.
constexpr qint64 initialInterval = 1024;
constexpr qint64 minInterval = 64;
constexpr qint64 maxInterval = 65536;
// The interval is chosen once this many events have been folded and timed.
constexpr qint64 eventsToMeasure = 4096;
constexpr size_t shortStream = 256;

} // namespace

ReplayEngine::ReplayEngine(EventStore& store, Projection& projection, Upcaster* upcaster,
                           ReplayOptions options)
    : m_store(store), m_projection(projection), m_upcaster(upcaster), m_options(options),
      m_snapshots(options.snapshotBudget),
      m_interval(options.fixedInterval > 0 ? options.fixedInterval : initialInterval),
      m_intervalMeasured(options.fixedInterval > 0)
{
    m_projection.reset();
    m_snapshots.insert(0, m_projection.capture());
}

double ReplayEngine::foldCostMicros() const
{
    return m_measuredEvents == 0 ? 0.0 : double(m_measuredNanos) / 1000.0 / double(m_measuredEvents);
}

void ReplayEngine::updateInterval()
{
    if (m_intervalMeasured || m_measuredEvents < eventsToMeasure)
        return;
    const double cost = std::max(foldCostMicros(), 0.01);
    const auto wanted = qint64(m_options.rebuildTargetMs * 1000.0 / cost);
    // A power of two, so snapshots taken before and after a change of interval still fall on
    // boundaries that nest.
    m_interval = qint64(std::bit_floor(quint64(std::clamp(wanted, minInterval, maxInterval))));
    m_intervalMeasured = true;
}

Event ReplayEngine::prepared(Event event)
{
    if (m_upcaster && m_upcaster->handles(event.type, event.schemaVersion))
        return m_upcaster->upcast(event);
    return event;
}

void ReplayEngine::invalidate()
{
    m_snapshots.clear();
    m_projection.reset();
    m_position = 0;
    m_snapshots.insert(0, m_projection.capture());
}

void ReplayEngine::adoptSnapshot(qint64 position, const ProjectionState& state)
{
    if (position >= 0 && position <= m_store.count())
        m_snapshots.insert(position, state);
}

bool ReplayEngine::foldForward(qint64 target, const AfterEvent& after, const Cancel& cancel)
{
    const ProjectionSource source = m_projection.source();
    const bool everything =
        source.kind == ProjectionSource::Kind::All || source.kind == ProjectionSource::Kind::Matching;
    std::vector<Event> accepted;
    bool stopped = false;
    while (m_position < target && !stopped) {
        if (cancel && cancel())
            return false;
        const qint64 boundary = (m_position / m_interval + 1) * m_interval;
        const qint64 last = std::min({target, boundary, m_position + m_options.batchSize});
        QElapsedTimer timer;
        timer.start();
        std::vector<Event> batch = m_store.window(m_position + 1, last - m_position);
        if (batch.empty()) // the log is shorter than asked: stay at its end
            break;
        accepted.clear();
        accepted.reserve(batch.size());
        for (Event& event : batch) {
            if (everything || source.accepts(event.stream))
                accepted.push_back(prepared(std::move(event)));
        }
        qint64 reached = batch.back().position;
        if (after) {
            // Stopping early leaves the engine just after the event that asked to stop.
            const qsizetype folded = m_projection.apply(accepted, after);
            if (folded < qsizetype(accepted.size())) {
                reached = accepted[size_t(folded - 1)].position;
                stopped = true;
            }
        } else {
            m_projection.apply(accepted);
        }
        m_position = reached;
        m_measuredNanos += timer.nsecsElapsed();
        m_measuredEvents += qint64(batch.size());
        updateInterval();
        if (m_position % m_interval == 0 && !m_snapshots.contains(m_position))
            m_snapshots.insert(m_position, m_projection.capture());
    }
    return !stopped;
}

void ReplayEngine::restoreNearest(qint64 target)
{
    const SnapshotCache::Snapshot* snapshot = m_snapshots.nearestAtOrBefore(target);
    if (!snapshot) { // the initial snapshot was evicted: start over
        m_projection.reset();
        m_position = 0;
        return;
    }
    // Folding on from where we are is cheaper when we are between the snapshot and the target.
    if (m_position <= target && m_position >= snapshot->position)
        return;
    m_projection.restore(snapshot->state);
    m_position = snapshot->position;
}

bool ReplayEngine::seek(qint64 position, const Cancel& cancel)
{
    position = std::clamp<qint64>(position, 0, m_store.count());
    if (position == m_position)
        return true;
    restoreNearest(position);
    return foldForward(position, {}, cancel) || m_position == position;
}

ProjectionState ReplayEngine::stateAt(qint64 position)
{
    seek(position);
    return m_projection.capture();
}

json::Value ReplayEngine::currentPresented()
{
    const Partitioning partitioning = m_projection.partitioning();
    return m_projection.present(m_projection.capture().whole(partitioning));
}

json::Value ReplayEngine::presentedStateAt(qint64 position)
{
    seek(position);
    return currentPresented();
}

json::Value ReplayEngine::partitionAt(const QString& key, qint64 position)
{
    position = std::clamp<qint64>(position, 0, m_store.count());
    if (position == m_position || m_projection.partitioning() != Partitioning::ByStream) {
        seek(position);
        return m_projection.presentPartition(m_projection.partition(key));
    }
    std::vector<Event> history = streamUpTo(key, position);
    return m_projection.presentPartition(m_projection.foldPartition(key, history));
}

qint64 ReplayEngine::positionAtTime(qint64 timeUs)
{
    if (timeUs == std::numeric_limits<qint64>::max())
        return m_store.count();
    return m_store.positionAtTime(timeUs + 1) - 1;
}

std::vector<Event> ReplayEngine::streamUpTo(const QString& stream, qint64 position)
{
    std::vector<Event> history = m_store.streamHistory(stream, position);
    for (Event& event : history)
        event = prepared(std::move(event));
    return history;
}

std::optional<Event> ReplayEngine::nextInStream(const QString& stream, qint64 position)
{
    EventSelection selection;
    selection.stream = stream;
    selection.fromPosition = position + 1;
    selection.limit = 1;
    std::optional<Event> next;
    m_store.forEach(selection, [&](const Event& event) {
        next = prepared(event);
        return false;
    });
    return next;
}

std::optional<Event> ReplayEngine::previousInStream(const QString& stream, qint64 position)
{
    if (position <= 1)
        return std::nullopt;
    std::vector<Event> history = m_store.streamHistory(stream, position - 1);
    if (history.empty())
        return std::nullopt;
    return prepared(std::move(history.back()));
}

bool ReplayEngine::scan(qint64 from, qint64 to, const AfterEvent& after, const Cancel& cancel)
{
    if (!seek(std::max<qint64>(from, 1) - 1, cancel))
        return false;
    return foldForward(std::min(to, m_store.count()), after, cancel);
}

std::optional<Violation> ReplayEngine::firstViolation(Checks& checks, qint64 from, const Cancel& cancel)
{
    seek(std::max<qint64>(from, 1) - 1, cancel);
    const bool partitioned = m_projection.partitioning() != Partitioning::None;
    std::optional<Violation> found;
    const AfterEvent after = [&](const Event& event, const QString& partition, bool changed) {
        // The state is produced once per event, and only for the checks that need it and cannot
        // read the projection's live state themselves.
        std::optional<json::Value> state;
        for (const auto& check : checks) {
            std::optional<bool> fires;
            if (!check->readsState()) {
                fires = check->fires(event, {});
            } else if (!changed) {
                fires = false; // the projection ignored the event: no state changed
            } else {
                fires = check->firesOnLive(m_projection, event);
                if (!fires) {
                    if (!state)
                        state =
                            partitioned ? m_projection.partition(partition) : m_projection.capture().global;
                    fires = check->fires(event, *state);
                }
            }
            if (*fires) {
                found = Violation{check->name(), check->kind(), event, partition, {}, {}};
                return false;
            }
        }
        return true;
    };
    foldForward(m_store.count(), after, cancel);
    if (!found)
        return std::nullopt;
    const qint64 at = found->event.position;
    if (partitioned && !found->partition.isEmpty()) {
        found->before = partitionAt(found->partition, at - 1);
        found->after = partitionAt(found->partition, at);
    } else {
        found->before = presentedStateAt(at - 1);
        found->after = presentedStateAt(at);
    }
    return found;
}

std::vector<qint64> ReplayEngine::positionsChanging(const json::Path& path, const QString& partition,
                                                    qint64 a, qint64 b, const Cancel& cancel)
{
    std::vector<qint64> positions;
    if (b <= a)
        return positions;
    std::vector<Event> history;
    if (!partition.isEmpty() && m_projection.partitioning() == Partitioning::ByStream)
        history = streamUpTo(partition, b);
    // Only the stream's own events can change one stream: for a short stream, folding each prefix of
    // its history beats folding the whole log between a and b.
    if (!history.empty() && history.size() <= shortStream) {
        json::Value previous = m_projection.presentPartition(m_projection.foldPartition(partition, {}));
        std::vector<Event> prefix;
        for (Event& event : history) {
            prefix.push_back(event);
            json::Value current =
                m_projection.presentPartition(m_projection.foldPartition(partition, prefix));
            if (event.position > a && json::changedAt(previous, current, path))
                positions.push_back(event.position);
            previous = std::move(current);
        }
        return positions;
    }
    seek(a, cancel);
    json::Value previous = partition.isEmpty()
                               ? currentPresented()
                               : m_projection.presentPartition(m_projection.partition(partition));
    const AfterEvent after = [&](const Event& event, const QString& changedPartition, bool changed) {
        if (!changed || (!partition.isEmpty() && changedPartition != partition))
            return true;
        json::Value current = partition.isEmpty()
                                  ? currentPresented()
                                  : m_projection.presentPartition(m_projection.partition(partition));
        if (json::changedAt(previous, current, path))
            positions.push_back(event.position);
        previous = std::move(current);
        return true;
    };
    foldForward(b, after, cancel);
    return positions;
}

std::vector<std::vector<json::Value>> ReplayEngine::series(const std::vector<Evaluator>& evaluators,
                                                           const std::vector<qint64>& positions,
                                                           const Cancel& cancel)
{
    std::vector<std::vector<json::Value>> rows;
    rows.reserve(positions.size());
    for (qint64 position : positions) {
        if (!seek(position, cancel))
            break;
        const json::Value state = currentPresented();
        std::vector<json::Value> row;
        row.reserve(evaluators.size());
        for (const Evaluator& evaluate : evaluators)
            row.push_back(evaluate(state));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<ReplayEngine::Change> ReplayEngine::seriesOfChanges(const std::vector<Evaluator>& evaluators,
                                                                qint64 from, qint64 to, const Cancel& cancel)
{
    std::vector<Change> changes;
    seek(std::max<qint64>(from, 1) - 1, cancel);
    std::vector<json::Value> previous;
    for (const Evaluator& evaluate : evaluators)
        previous.push_back(evaluate(currentPresented()));
    const AfterEvent after = [&](const Event& event, const QString&, bool changed) {
        if (!changed)
            return true;
        const json::Value state = currentPresented();
        std::vector<json::Value> values;
        values.reserve(evaluators.size());
        bool differs = false;
        for (size_t i = 0; i < evaluators.size(); ++i) {
            values.push_back(evaluators[i](state));
            differs = differs || !(values.back() == previous[i]);
        }
        if (differs) {
            changes.push_back({event.position, values});
            previous = std::move(values);
        }
        return true;
    };
    foldForward(to, after, cancel);
    return changes;
}

} // namespace eventscope::replay
