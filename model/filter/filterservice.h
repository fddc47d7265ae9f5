#pragma once

#include "filter.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

namespace eventscope::filter {

// Ascending event positions, shared between the views that show them (table, timeline).
using Matches = std::shared_ptr<const std::vector<qint64>>;

struct FilterResult
{
    quint64 generation = 0;
    QString source; // the filter's text
    Matches positions;
    qint64 elapsedMs = 0;
};

// Runs filters over a workspace on a worker thread with its own read connection (a scan of a
// million payloads takes about a second; the GUI must not wait for it). Requests are latest-wins:
// each bumps a generation, an older scan stops at SQLite's next progress poll and never reports,
// and results arrive queued on the thread that owns the service.
class FilterService : public QObject
{
    Q_OBJECT

public:
    explicit FilterService(const QString& workspacePath, QObject* parent = nullptr);
    ~FilterService() override; // cancels what is in flight and joins the worker

    QString workspacePath() const { return m_path; }

    // Starts matching `filter` over the whole log; returns the request's generation.
    quint64 request(const Filter& filter);
    // Drops whatever is in flight: nothing reports until the next request.
    void cancel();

    quint64 currentGeneration() const { return m_generation->load(); }

signals:
    void finished(const eventscope::filter::FilterResult& result);
    void failed(quint64 generation, const QString& message);

private:
    class Worker;

    QString m_path;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    QThread m_thread;
    Worker* m_worker = nullptr; // lives on m_thread
};

} // namespace eventscope::filter

Q_DECLARE_METATYPE(eventscope::filter::FilterResult)
