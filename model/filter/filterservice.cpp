#include "filterservice.h"

#include "attachedstore.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QPointer>

namespace eventscope::filter {

// The worker's connection: opened on first use, on the worker thread, and closed there.
class FilterService::Worker : public QObject
{
public:
    explicit Worker(QString path) : m_path(std::move(path)) {}

    EventStore& store()
    {
        if (!m_store) {
            m_workspace = std::make_unique<Workspace>(m_path, Workspace::OpenMode::ReadOnly);
            m_store = openEventStore(*m_workspace);
        }
        return *m_store;
    }

private:
    QString m_path;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<EventStore> m_store; // declared last: destroyed before its workspace
};

FilterService::FilterService(const QString& workspacePath, QObject* parent)
    : QObject(parent), m_path(workspacePath), m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    qRegisterMetaType<FilterResult>();
    m_thread.setObjectName(QStringLiteral("filter"));
    m_worker = new Worker(workspacePath);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

FilterService::~FilterService()
{
    ++*m_generation;
    m_thread.quit();
    m_thread.wait();
}

quint64 FilterService::request(const Filter& filter)
{
    const quint64 generation = ++*m_generation;
    QPointer<FilterService> self(this);
    auto shared = m_generation;
    Worker* worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker,
        [self, shared, generation, worker, filter]() {
            const std::function<bool()> cancelled = [shared, generation] {
                return shared->load() != generation;
            };
            if (cancelled())
                return; // a newer request is queued behind this one
            const auto deliver = [&](auto emitter) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, shared, generation, emitter = std::move(emitter)]() {
                        // Checked again on arrival: a request made meanwhile makes this stale.
                        if (self && shared->load() == generation)
                            emitter(*self);
                    },
                    Qt::QueuedConnection);
            };
            QElapsedTimer clock;
            clock.start();
            try {
                auto positions = std::make_shared<const std::vector<qint64>>(
                    worker->store().matchingPositions(filter, 0, 0, cancelled));
                if (cancelled())
                    return;
                FilterResult result{generation, filter.source(), std::move(positions), clock.elapsed()};
                deliver([result = std::move(result)](FilterService& s) { emit s.finished(result); });
            } catch (const WorkspaceError& error) {
                deliver([generation, message = error.message()](FilterService& s) {
                    emit s.failed(generation, message);
                });
            } catch (const sqlite::Error& error) {
                deliver([generation, message = error.message()](FilterService& s) {
                    emit s.failed(generation, message);
                });
            }
        },
        Qt::QueuedConnection);
    return generation;
}

void FilterService::cancel()
{
    ++*m_generation;
}

} // namespace eventscope::filter
