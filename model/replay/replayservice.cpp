#include "replayservice.h"

#include "sqlite/database.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QPointer>

namespace eventscope::replay {

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
            m_store = std::make_unique<WorkspaceStore>(*m_workspace);
            m_setup = std::make_unique<ReplaySetup>(m_spec);
            m_engine = std::make_unique<ReplayEngine>(*m_store, m_setup->projection(), m_setup->upcaster(), m_options);
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

private:
    QString m_path;
    ReplaySpec m_spec;
    ReplayOptions m_options;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<WorkspaceStore> m_store;
    std::unique_ptr<ReplaySetup> m_setup;
    std::unique_ptr<ReplayEngine> m_engine;
};

ReplayService::ReplayService(const QString& workspacePath, const ReplaySpec& spec, const ReplayOptions& options,
                             QObject* parent)
    : QObject(parent), m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    qRegisterMetaType<StateResult>();
    qRegisterMetaType<Violation>();
    m_thread.setObjectName(QStringLiteral("replay"));
    m_worker = new Worker(workspacePath, spec, options);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

ReplayService::~ReplayService()
{
    ++*m_generation;
    m_thread.quit();
    m_thread.wait();
}

template <typename Work>
quint64 ReplayService::post(Work work)
{
    const quint64 generation = ++*m_generation;
    QPointer<ReplayService> self(this);
    auto shared = m_generation;
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker,
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
                deliver([generation, message = error.toString()](ReplayService& s) { emit s.failed(generation, message); });
            } catch (const WorkspaceError& error) {
                deliver([generation, message = error.message()](ReplayService& s) { emit s.failed(generation, message); });
            } catch (const sqlite::Error& error) {
                deliver([generation, message = error.message()](ReplayService& s) { emit s.failed(generation, message); });
            }
        },
        Qt::QueuedConnection);
    return generation;
}

quint64 ReplayService::requestState(qint64 position, const QString& partition)
{
    return post([position, partition](Worker& worker, const Cancel& cancelled, quint64 generation, auto& deliver) {
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
    return post([from](Worker& worker, const Cancel& cancelled, quint64 generation, auto& deliver) {
        ReplayEngine& engine = worker.engine();
        auto violation = engine.firstViolation(worker.checks(), from, cancelled);
        if (cancelled())
            return;
        deliver([generation, found = violation.has_value(), v = violation.value_or(Violation{})](ReplayService& s) {
            emit s.violationReady(generation, found, v);
        });
    });
}

void ReplayService::invalidate()
{
    ++*m_generation;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] {
        try {
            worker->engine().invalidate();
        } catch (...) {
            // Reported by the next request, which meets the same failure.
        }
    }, Qt::QueuedConnection);
}

} // namespace eventscope::replay
