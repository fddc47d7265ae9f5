#pragma once

#include "json/jsondiff.h"
#include "replayengine.h"
#include "replaysetup.h"

#include <QMetaType>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace eventscope::replay {

// The state at one position, as the state inspector shows it.
struct StateResult
{
    quint64 generation = 0;
    qint64 position = 0;
    QString partition;        // empty = the whole state
    json::Value state;        // presented
    json::Value previous;     // the same at position - 1
    std::vector<json::DiffEntry> lastStep; // previous -> state
    // How the projection splits its state, so that a view can offer its partitions.
    Partitioning partitioning = Partitioning::None;
    QString projectionName; // as ReplaySetup::projectionName() says it
};

// A replay on a worker thread, for a GUI (hotspot's jobtracker, heaptrack's parser): the worker
// opens its own connection to the workspace and its own script engines; requests are latest-wins
// (each bumps a generation; work for an older generation stops at its next batch and never reports);
// results arrive queued on the thread that owns the service.
class ReplayService : public QObject
{
    Q_OBJECT

public:
    ReplayService(const QString& workspacePath, const ReplaySpec& spec, const ReplayOptions& options = {},
                  QObject* parent = nullptr);
    ~ReplayService() override; // cancels what is in flight and joins the worker

    // The state at `position` (the whole state, or one partition). Returns the request's generation.
    quint64 requestState(qint64 position, const QString& partition = {});
    // The first violation of the setup's checks from `from` on.
    quint64 requestFirstViolation(qint64 from);
    // The log changed (an import): forget snapshots.
    void invalidate();

    quint64 currentGeneration() const { return m_generation->load(); }

signals:
    void stateReady(const eventscope::replay::StateResult& result);
    // `found` false: no check fires after `from`.
    void violationReady(quint64 generation, bool found, const eventscope::replay::Violation& violation);
    void failed(quint64 generation, const QString& message);

private:
    class Worker;
    template <typename Work>
    quint64 post(Work work);

    std::shared_ptr<std::atomic<quint64>> m_generation;
    QThread m_thread;
    Worker* m_worker = nullptr; // lives on m_thread
};

} // namespace eventscope::replay

Q_DECLARE_METATYPE(eventscope::replay::StateResult)
Q_DECLARE_METATYPE(eventscope::replay::Violation)
