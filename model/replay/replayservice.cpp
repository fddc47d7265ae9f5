#include "replayservice.h"

#include "attachedstore.h"
#include "sqlite/database.h"
#include "stateexpression.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QScopeGuard>

namespace eventscope::replay {
namespace {

// The series worker's share of the snapshot budget: its passes run forward, where snapshots serve
// only the next pass over the same range, so it keeps fewer of them than the scrubbing worker.
constexpr std::size_t seriesBudgetShare = 4;

// The positions a Samples request evaluates: `samples` spread evenly over [from, to], both ends in.
std::vector<qint64> samplePositions(qint64 from, qint64 to, int samples)
{
    const qint64 n = std::clamp<qint64>(samples, 1, to - from + 1);
    if (n == 1)
        return {to};
    std::vector<qint64> positions;
    positions.reserve(size_t(n));
    for (qint64 i = 0; i < n; ++i)
        positions.push_back(from + (to - from) * i / (n - 1));
    return positions;
}

// A series computation over one engine. Each expression is wrapped so that a throw does not end the
// pass: `s["sku-7"].stock` throws until sku-7's first event, and the chart should still show it from
// there. A throwing evaluation yields a marker value (one shared node, told apart in O(1)) that the
// engine's change detection treats as a value like any other; it becomes a null point afterwards.
class SeriesComputation
{
public:
    SeriesComputation(ReplayEngine& engine, const SeriesRequest& request, int timeLimitMs)
        : m_engine(engine), m_request(request), m_timeLimitMs(timeLimitMs)
    {
        m_failure.insert("$eventscopeEvaluationFailed", true);
        m_slots.resize(size_t(request.expressions.size()));
        for (qsizetype i = 0; i < request.expressions.size(); ++i) {
            Slot& slot = m_slots[size_t(i)];
            slot.result.expression = request.expressions[i];
            try {
                slot.expression = std::make_unique<StateExpression>(request.expressions[i], timeLimitMs);
            } catch (const ProjectionError& error) {
                slot.result.compiled = false;
                slot.result.error = error.message;
                continue;
            }
            m_evaluators.push_back([this, &slot](const json::Value& whole) { return evaluate(slot, whole); });
            m_evaluated.push_back(&slot);
        }
    }

    // Empty when cancelled.
    std::optional<SeriesResult> run(const Cancel& cancelled)
    {
        SeriesResult result;
        result.request = m_request;
        const qint64 count = m_engine.store().count();
        result.fromPosition = std::clamp<qint64>(m_request.fromPosition > 0 ? m_request.fromPosition : 1, 1,
                                                 std::max<qint64>(count, 1));
        result.toPosition = m_request.toPosition > 0 ? std::min(m_request.toPosition, count) : count;
        if (!m_evaluators.empty() && result.fromPosition <= result.toPosition) {
            if (m_request.mode == SeriesRequest::Mode::EveryChange)
                collectChanges(result.fromPosition, result.toPosition, cancelled);
            else
                collectSamples(result.fromPosition, result.toPosition, cancelled);
            if (cancelled())
                return std::nullopt;
        }
        for (Slot& slot : m_slots)
            result.series.push_back(std::move(slot.result));
        return result;
    }

private:
    struct Slot
    {
        std::unique_ptr<StateExpression> expression;
        bool givenUp = false; // ran out of time once: not evaluated again in this pass
        ExpressionSeries result;
    };

    json::Value evaluate(Slot& slot, const json::Value& whole)
    {
        if (slot.givenUp)
            return m_failure;
        const json::Value& scope =
            m_request.partition.isEmpty() ? whole : whole[m_request.partition.toStdString()];
        QElapsedTimer timer;
        timer.start();
        try {
            return slot.expression->evaluate(scope);
        } catch (const ProjectionError& error) {
            if (slot.result.error.isEmpty())
                slot.result.error = error.message;
            // A TypeError is over in microseconds; one that took most of the time limit was stopped by
            // it, and would cost as much again at every point.
            if (timer.elapsed() >= m_timeLimitMs / 2)
                slot.givenUp = true;
            return m_failure;
        }
    }

    void addPoint(Slot& slot, qint64 position, const json::Value& value)
    {
        SeriesPoint point;
        point.position = position;
        point.timeUs = m_engine.store().timeAtPosition(position).value_or(0);
        if (value.sharesWith(m_failure)) {
            ++slot.result.failedPoints;
            if (slot.result.errorPosition == 0)
                slot.result.errorPosition = position;
        } else {
            point.value = value;
        }
        slot.result.points.push_back(std::move(point));
    }

    void collectSamples(qint64 from, qint64 to, const Cancel& cancelled)
    {
        const std::vector<qint64> positions = samplePositions(from, to, m_request.samples);
        const auto rows = m_engine.series(m_evaluators, positions, cancelled);
        for (size_t i = 0; i < rows.size(); ++i) {
            for (size_t j = 0; j < m_evaluated.size(); ++j)
                addPoint(*m_evaluated[j], positions[i], rows[i][j]);
        }
    }

    void collectChanges(qint64 from, qint64 to, const Cancel& cancelled)
    {
        // The value at `from`, then each expression's own changes (the engine reports a change of any
        // of them), then the value at `to` again so that every line reaches the end of the range.
        const auto first = m_engine.series(m_evaluators, {from}, cancelled);
        if (first.empty())
            return;
        std::vector<json::Value> last = first.front();
        for (size_t j = 0; j < m_evaluated.size(); ++j)
            addPoint(*m_evaluated[j], from, last[j]);
        if (from == to)
            return;
        for (const ReplayEngine::Change& change :
             m_engine.seriesOfChanges(m_evaluators, from + 1, to, cancelled)) {
            for (size_t j = 0; j < m_evaluated.size(); ++j) {
                if (change.values[j] == last[j])
                    continue;
                addPoint(*m_evaluated[j], change.position, change.values[j]);
                last[j] = change.values[j];
            }
        }
        for (size_t j = 0; j < m_evaluated.size(); ++j) {
            if (m_evaluated[j]->result.points.back().position < to)
                addPoint(*m_evaluated[j], to, last[j]);
        }
    }

    ReplayEngine& m_engine;
    const SeriesRequest& m_request;
    int m_timeLimitMs;
    json::Value m_failure = json::Value::object();
    std::vector<Slot> m_slots;
    std::vector<Slot*> m_evaluated; // the slots that compiled, in the evaluators' order
    std::vector<ReplayEngine::Evaluator> m_evaluators;
};

} // namespace

// Everything that lives on the worker thread. Created there, destroyed there.
class ReplayService::Worker : public QObject
{
public:
    Worker(QString path, ReplaySpec spec, ReplayOptions options)
        : m_path(std::move(path)), m_spec(std::move(spec)), m_options(options)
    {}

    // Opens lazily, on the worker thread; a failure is reported with the request that met it.
    ReplayEngine& engine()
    {
        if (!m_engine) {
            m_workspace = std::make_unique<Workspace>(m_path, Workspace::OpenMode::ExistingOnly);
            m_store = openEventStore(*m_workspace);
            m_setup = std::make_unique<ReplaySetup>(m_spec);
            m_engine = std::make_unique<ReplayEngine>(*m_store, m_setup->projection(), m_setup->upcaster(),
                                                      m_options);
        }
        return *m_engine;
    }
    const ReplaySetup& setup()
    {
        engine();
        return *m_setup;
    }
    Checks& checks()
    {
        engine();
        return m_setup->checks();
    }
    const ReplaySpec& spec() const { return m_spec; }

private:
    QString m_path;
    ReplaySpec m_spec;
    ReplayOptions m_options;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<ReplaySetup> m_setup;
    std::unique_ptr<ReplayEngine> m_engine;
};

ReplayService::ReplayService(const QString& workspacePath, const ReplaySpec& spec,
                             const ReplayOptions& options, QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<StateResult>();
    qRegisterMetaType<Violation>();
    qRegisterMetaType<SeriesResult>();
    startLane(m_state, QStringLiteral("replay"), workspacePath, spec, options);
    ReplayOptions seriesOptions = options;
    seriesOptions.snapshotBudget = options.snapshotBudget / seriesBudgetShare;
    startLane(m_series, QStringLiteral("replay-series"), workspacePath, spec, seriesOptions);
}

ReplayService::~ReplayService()
{
    stopLane(m_series);
    stopLane(m_state);
}

void ReplayService::startLane(Lane& lane, const QString& name, const QString& workspacePath,
                              const ReplaySpec& spec, const ReplayOptions& options)
{
    lane.thread.setObjectName(name);
    lane.worker = new Worker(workspacePath, spec, options);
    lane.worker->moveToThread(&lane.thread);
    connect(&lane.thread, &QThread::finished, lane.worker, &QObject::deleteLater);
    lane.thread.start();
}

void ReplayService::stopLane(Lane& lane)
{
    lane.latest->store(++m_issued); // what is in flight stops at its next batch
    lane.thread.quit();
    lane.thread.wait();
}

template <typename Work> quint64 ReplayService::post(Lane& lane, Work work)
{
    const quint64 generation = ++m_issued;
    lane.latest->store(generation);
    QPointer<ReplayService> self(this);
    auto shared = lane.latest;
    Worker* worker = lane.worker;
    QMetaObject::invokeMethod(
        worker,
        [=]() {
            const Cancel cancelled = [shared, generation] { return shared->load() != generation; };
            if (cancelled())
                return; // a newer request is queued behind this one
            auto deliver = [&](auto&& emitter) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, shared, generation, emitter = std::move(emitter)]() {
                        // Checked again on arrival: a request made meanwhile makes this stale.
                        if (self && shared->load() == generation)
                            emitter(*self);
                    },
                    Qt::QueuedConnection);
            };
            try {
                work(*worker, cancelled, generation, deliver);
            } catch (const ProjectionError& error) {
                deliver([generation, message = error.toString()](ReplayService& s) {
                    emit s.failed(generation, message);
                });
            } catch (const WorkspaceError& error) {
                deliver([generation, message = error.message()](ReplayService& s) {
                    emit s.failed(generation, message);
                });
            } catch (const sqlite::Error& error) {
                deliver([generation, message = error.message()](ReplayService& s) {
                    emit s.failed(generation, message);
                });
            }
        },
        Qt::QueuedConnection);
    return generation;
}

quint64 ReplayService::requestState(qint64 position, const QString& partition)
{
    return post(m_state, [position, partition](Worker& worker, const Cancel& cancelled, quint64 generation,
                                               auto& deliver) {
        ReplayEngine& engine = worker.engine();
        StateResult result;
        result.generation = generation;
        result.position = std::clamp<qint64>(position, 0, engine.store().count());
        result.partition = partition;
        result.partitioning = engine.projection().partitioning();
        result.projectionName = worker.setup().projectionName();
        if (partition.isEmpty()) {
            // Previous first: the step to `position` then folds one event.
            if (result.position > 0 && engine.seek(result.position - 1, cancelled))
                result.previous = engine.presentedStateAt(result.position - 1);
            if (cancelled() || !engine.seek(result.position, cancelled))
                return;
            result.state = engine.presentedStateAt(result.position);
        } else {
            if (result.position > 0)
                result.previous = engine.partitionAt(partition, result.position - 1);
            if (cancelled())
                return;
            result.state = engine.partitionAt(partition, result.position);
        }
        if (cancelled())
            return;
        result.lastStep = json::diff(result.previous, result.state);
        deliver([result = std::move(result)](ReplayService& s) { emit s.stateReady(result); });
    });
}

quint64 ReplayService::requestFirstViolation(qint64 from)
{
    return post(m_state, [from](Worker& worker, const Cancel& cancelled, quint64 generation, auto& deliver) {
        ReplayEngine& engine = worker.engine();
        auto violation = engine.firstViolation(worker.checks(), from, cancelled);
        if (cancelled())
            return;
        deliver([generation, found = violation.has_value(), v = violation.value_or(Violation{})](
                    ReplayService& s) { emit s.violationReady(generation, found, v); });
    });
}

quint64 ReplayService::requestScan(qint64 from)
{
    return post(m_state, [from](Worker& worker, const Cancel& cancelled, quint64 generation, auto& deliver) {
        ReplayEngine& engine = worker.engine();
        Checks& checks = worker.checks();
        Checks active = std::move(checks);
        Checks fired;
        // Whatever happens, the worker keeps every check for the next request.
        const auto restore = qScopeGuard([&] {
            checks = std::move(active);
            for (auto& check : fired)
                checks.push_back(std::move(check));
        });
        std::vector<Violation> violations;
        qint64 at = std::max<qint64>(from, 1);
        while (!active.empty()) {
            auto violation = engine.firstViolation(active, at, cancelled);
            if (cancelled())
                return;
            if (!violation)
                break;
            at = violation->event.position;
            for (auto it = active.begin(); it != active.end();) {
                if ((*it)->name() == violation->check) {
                    fired.push_back(std::move(*it));
                    it = active.erase(it);
                } else {
                    ++it;
                }
            }
            violations.push_back(std::move(*violation));
        }
        deliver([generation, violations = std::move(violations)](ReplayService& s) {
            emit s.scanReady(generation, violations);
        });
    });
}

quint64 ReplayService::requestSeries(const SeriesRequest& request)
{
    return post(
        m_series, [request](Worker& worker, const Cancel& cancelled, quint64 generation, auto& deliver) {
            ReplayEngine& engine = worker.engine();
            SeriesComputation computation(engine, request, int(worker.spec().scriptTimeLimit.count()));
            std::optional<SeriesResult> result = computation.run(cancelled);
            if (!result || cancelled())
                return;
            result->generation = generation;
            deliver([result = std::move(*result)](ReplayService& s) { emit s.seriesReady(result); });
        });
}

void ReplayService::invalidate()
{
    const quint64 generation = ++m_issued;
    for (Lane* lane : {&m_state, &m_series}) {
        lane->latest->store(generation);
        QMetaObject::invokeMethod(
            lane->worker,
            [worker = lane->worker] {
                try {
                    worker->engine().invalidate();
                } catch (...) {
                    // Reported by the next request, which meets the same failure.
                }
            },
            Qt::QueuedConnection);
    }
}

} // namespace eventscope::replay
