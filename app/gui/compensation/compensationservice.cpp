#include "compensationservice.h"

#include "attachedstore.h"
#include "compensation/compensationrules.h"
#include "compensation/drafter.h"
#include "compensation/invariantbreaks.h"
#include "sqlite/database.h"
#include "workspace.h"

#include <algorithm>

namespace eventscope::gui {
namespace {

// Generations are unique across services: a result a replaced service had queued before it went
// can never pass for the answer to a request made of its successor.
quint64 firstGeneration()
{
    static std::atomic<quint64> services{0};
    return ++services << 32;
}

} // namespace

class CompensationService::Worker : public QObject
{
public:
    Worker(QString path, std::shared_ptr<std::atomic<quint64>> generation)
        : m_path(std::move(path)), m_generation(std::move(generation))
    {}

    // Both run on the worker thread; they return nullopt-like empties when overtaken.
    void draft(quint64 generation, const DraftJob& job, CompensationService* service)
    {
        run(generation, service, [&] {
            const replay::Cancel cancel = [&] { return m_generation->load() != generation; };
            EventStore& store = this->store();
            std::vector<Event> events;
            QStringList notes;
            for (qint64 position : job.positions) {
                if (auto event = store.eventAt(position))
                    events.push_back(std::move(*event));
            }
            if (job.violations) {
                replay::ReplaySetup setup(job.spec);
                replay::ReplayEngine engine(store, setup.projection(), setup.upcaster());
                for (const auto& broken : compensation::invariantBreaks(engine, setup.checks(), cancel)) {
                    notes << tr("#%1 %2: \u201c%3\u201d stopped holding%4")
                                 .arg(broken.event.position)
                                 .arg(broken.event.type, broken.check,
                                      broken.partition.isEmpty() ? QString()
                                                                 : tr(" for %1").arg(broken.partition));
                    if (std::none_of(events.begin(), events.end(),
                                     [&](const Event& e) { return e.position == broken.event.position; }))
                        events.push_back(store.eventAt(broken.event.position).value_or(broken.event));
                }
                std::sort(events.begin(), events.end(),
                          [](const Event& a, const Event& b) { return a.position < b.position; });
            }
            if (cancel())
                return;
            std::unique_ptr<compensation::CompensationRules> rules;
            if (!job.rules.isEmpty()) {
                script::ScriptOptions options;
                options.timeLimit = job.spec.scriptTimeLimit;
                rules = compensation::CompensationRules::load(job.rules, options);
            }
            compensation::DraftOptions options;
            options.rules = rules.get();
            options.reason = job.reason;
            options.author = job.author;
            compensation::DraftingResult drafted = compensation::Drafter(store).draft(events, options);
            notes += drafted.notes;
            DraftJobResult result{generation, std::move(drafted.drafts), notes};
            if (!cancel())
                emit service->drafted(result);
        });
    }

    void whatIf(quint64 generation, const WhatIfJob& job, CompensationService* service)
    {
        run(generation, service, [&] {
            const replay::Cancel cancel = [&] { return m_generation->load() != generation; };
            replay::ReplaySetup setup(job.spec);
            WhatIfJobResult result;
            result.generation = generation;
            result.projectionName = setup.projectionName();
            result.result = compensation::whatIf(store(), job.drafts, setup.projection(), setup.upcaster(),
                                                 setup.checks(), job.partition, cancel);
            if (!cancel())
                emit service->previewed(result);
        });
    }

private:
    template <typename Work> void run(quint64 generation, CompensationService* service, Work&& work)
    {
        if (m_generation->load() != generation)
            return;
        QString failure;
        try {
            work();
            return;
        } catch (const replay::ProjectionError& e) {
            failure = e.toString();
        } catch (const WorkspaceError& e) {
            failure = e.message();
        } catch (const sqlite::Error& e) {
            failure = e.message();
        }
        if (m_generation->load() == generation)
            emit service->failed(generation, failure);
    }

    // The worker's own read connection, opened on first use (on the worker thread); the store
    // notices an import or an append on its own.
    EventStore& store()
    {
        if (!m_store) {
            m_workspace = std::make_unique<Workspace>(m_path, Workspace::OpenMode::ReadOnly);
            m_store = openEventStore(*m_workspace);
        }
        return *m_store;
    }

    QString m_path;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<EventStore> m_store;
};

CompensationService::CompensationService(const QString& workspacePath, QObject* parent)
    : QObject(parent), m_generation(std::make_shared<std::atomic<quint64>>(firstGeneration()))
{
    qRegisterMetaType<DraftJobResult>();
    qRegisterMetaType<WhatIfJobResult>();
    m_worker = new Worker(workspacePath, m_generation);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("compensation"));
    m_thread.start();
}

CompensationService::~CompensationService()
{
    cancel();
    m_thread.quit();
    m_thread.wait();
}

quint64 CompensationService::draft(DraftJob job)
{
    const quint64 generation = ++*m_generation;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, generation, job = std::move(job), this] {
        worker->draft(generation, job, this);
    });
    return generation;
}

quint64 CompensationService::whatIf(WhatIfJob job)
{
    const quint64 generation = ++*m_generation;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, generation, job = std::move(job), this] {
        worker->whatIf(generation, job, this);
    });
    return generation;
}

void CompensationService::cancel()
{
    ++*m_generation;
}

} // namespace eventscope::gui
