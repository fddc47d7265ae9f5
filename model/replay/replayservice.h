#pragma once

#include "replayengine.h"
#include "replaysetup.h"
#include "json/jsondiff.h"

#include <QMetaType>
#include <QObject>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <memory>

namespace eventscope::replay {

// The state at one position, as the state inspector shows it.
struct StateResult
{
    quint64 generation = 0;
    qint64 position = 0;
    QString partition;                     // empty = the whole state
    json::Value state;                     // presented
    json::Value previous;                  // the same at position - 1
    std::vector<json::DiffEntry> lastStep; // previous -> state
    // How the projection splits its state, so that a view can offer its partitions.
    Partitioning partitioning = Partitioning::None;
    QString projectionName; // as ReplaySetup::projectionName() says it
};

// What a chart asks for: state expressions (StateExpression) evaluated over a range of the log.
struct SeriesRequest
{
    enum class Mode
    {
        Samples,    // `samples` positions evenly spaced over the range, both ends included
        EveryChange // a point wherever an expression's value changes, plus the range's two ends
    };
    QStringList expressions;
    Mode mode = Mode::Samples;
    int samples = 2000;
    qint64 fromPosition = 0; // 0 = from the first event
    qint64 toPosition = 0;   // 0 = to the last event
    QString partition;       // evaluate over this partition's state; empty = the whole presented state
};

// The value of one expression after the event at `position`.
struct SeriesPoint
{
    qint64 position = 0;
    qint64 timeUs = 0;
    json::Value value; // null where the expression gave undefined or null, or threw
};

// One expression's series, or why there is none.
struct ExpressionSeries
{
    QString expression;
    bool compiled = true;     // false: `error` says why it does not compile, and there are no points
    QString error;            // the first evaluation that threw ("TypeError: ..."), or the compile error
    qint64 errorPosition = 0; // where it first threw; 0 when it never did
    qint64 failedPoints = 0;  // points at which it threw (their value is null)
    std::vector<SeriesPoint> points; // ascending positions
};

struct SeriesResult
{
    quint64 generation = 0;
    SeriesRequest request;
    qint64 fromPosition = 0; // the range evaluated; from > to when the log is empty
    qint64 toPosition = 0;
    std::vector<ExpressionSeries> series; // one per request.expressions, in order
};

// A replay on a worker thread, for a GUI (hotspot's jobtracker, heaptrack's parser): the worker
// opens its own connection to the workspace and its own script engines; requests are latest-wins
// (each bumps a generation; work for an older generation stops at its next batch and never reports);
// results arrive queued on the thread that owns the service.
//
// Series run on a second worker with its own engine: a chart's forward pass over the whole log takes
// seconds on a large one, and scrubbing must not wait behind it. So state (and violation) requests and
// series requests are each latest-wins among themselves and never cancel one another. Generations are
// drawn from one counter, so a generation names one request whichever kind it is (failed() included).
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
    // One scan from `from` for the first firing of every check (as `eventscope-cli verify`): a check
    // that fired leaves the scan, which goes on until none is left or the log ends.
    quint64 requestScan(qint64 from = 1);
    // Expressions over the state across the log, in one forward pass (on the series worker). An
    // expression that does not compile or throws is reported in its own ExpressionSeries; a failure
    // of the projection itself arrives as failed().
    quint64 requestSeries(const SeriesRequest& request);
    // The log changed (an import): forget snapshots, drop what is in flight on both workers.
    void invalidate();

    // The latest state/violation request, and the latest series request.
    quint64 currentGeneration() const { return m_state.latest->load(); }
    quint64 currentSeriesGeneration() const { return m_series.latest->load(); }

signals:
    void stateReady(const eventscope::replay::StateResult& result);
    // `found` false: no check fires after `from`.
    void violationReady(quint64 generation, bool found, const eventscope::replay::Violation& violation);
    // The first firing of each check that fired, in the order they fired.
    void scanReady(quint64 generation, const std::vector<eventscope::replay::Violation>& violations);
    void seriesReady(const eventscope::replay::SeriesResult& result);
    void failed(quint64 generation, const QString& message);

private:
    class Worker;
    // A worker thread, its engine, and the generation of the latest request posted to it.
    struct Lane
    {
        std::shared_ptr<std::atomic<quint64>> latest = std::make_shared<std::atomic<quint64>>(0);
        QThread thread;
        Worker* worker = nullptr; // lives on thread
    };
    void startLane(Lane& lane, const QString& name, const QString& workspacePath, const ReplaySpec& spec,
                   const ReplayOptions& options);
    void stopLane(Lane& lane);
    template <typename Work> quint64 post(Lane& lane, Work work);

    std::atomic<quint64> m_issued{0};
    Lane m_state;
    Lane m_series;
};

} // namespace eventscope::replay

Q_DECLARE_METATYPE(eventscope::replay::StateResult)
Q_DECLARE_METATYPE(eventscope::replay::Violation)
Q_DECLARE_METATYPE(eventscope::replay::SeriesResult)
