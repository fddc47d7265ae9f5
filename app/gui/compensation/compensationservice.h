#pragma once

#include "compensation/draft.h"
#include "compensation/whatif.h"
#include "replay/replaysetup.h"

#include <QObject>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

namespace eventscope::gui {

// What to draft: the events at `positions`, and/or those after which an invariant of
// spec.checksScript stopped holding; through the rules of `rules` (a .js file or a workspace
// script), or the generic reversal when empty.
struct DraftJob
{
    std::vector<qint64> positions;
    bool violations = false;
    replay::ReplaySpec spec;
    QString rules;
    QString reason;
    QString author;
};

struct DraftJobResult
{
    quint64 generation = 0;
    std::vector<compensation::Draft> drafts; // not stored yet
    QStringList notes;
};

// A what-if: `drafts` appended to the log, folded through spec's projection, spec's checks
// evaluated on both ends.
struct WhatIfJob
{
    std::vector<compensation::Draft> drafts;
    replay::ReplaySpec spec;
    QString partition;
};

struct WhatIfJobResult
{
    quint64 generation = 0;
    compensation::WhatIfResult result;
    QString projectionName;
};

// Drafting and what-ifs over a workspace on a worker thread with its own read connection and its
// own script engines (finding the events that broke an invariant, and folding the log plus the
// drafts, take as long as a replay of the whole log). Latest wins: a newer request makes an older
// one stop and never report. Results arrive queued on the thread that owns the service.
class CompensationService : public QObject
{
    Q_OBJECT

public:
    explicit CompensationService(const QString& workspacePath, QObject* parent = nullptr);
    ~CompensationService() override; // cancels what is in flight and joins the worker

    quint64 draft(DraftJob job);
    quint64 whatIf(WhatIfJob job);
    void cancel();

signals:
    void drafted(const eventscope::gui::DraftJobResult& result);
    void previewed(const eventscope::gui::WhatIfJobResult& result);
    void failed(quint64 generation, const QString& message);

private:
    class Worker;

    std::shared_ptr<std::atomic<quint64>> m_generation;
    QThread m_thread;
    Worker* m_worker = nullptr; // lives on m_thread
};

} // namespace eventscope::gui

Q_DECLARE_METATYPE(eventscope::gui::DraftJobResult)
Q_DECLARE_METATYPE(eventscope::gui::WhatIfJobResult)
