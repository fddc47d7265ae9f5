#include "replaycontroller.h"

#include "eventstore.h"
#include "inspector/stateinspector.h"
#include "replay/builtinprojection.h"
#include "timeline/playhead.h"

#include <QFileInfo>

namespace eventscope::gui {

using replay::Partitioning;

ReplayController::ReplayController(Playhead& playhead, StateInspector& inspector, QObject* parent)
    : QObject(parent), m_playhead(playhead), m_inspector(inspector)
{
    connect(&m_playhead, &Playhead::positionChanged, this, &ReplayController::request);
    connect(&m_inspector, &StateInspector::partitionRequested, this, [this](const QString& partition) {
        if (partition.isEmpty())
            showWholeState();
        else
            focusPartition(partition);
    });
    connect(&m_inspector, &StateInspector::followRequested, this, &ReplayController::followPlayhead);
    connect(&m_inspector, &StateInspector::markRequested, this, &ReplayController::answerMark);
    m_playhead.setStreamStepper(
        [this](qint64 position, int direction) { return stepInStream(position, direction); });
    m_inspector.setFollowing(true);
}

ReplayController::~ReplayController() = default;

void ReplayController::setWorkspace(const QString& path, EventStore* store)
{
    m_path = path;
    m_store = store;
    m_last.reset();
    m_inspector.clear();
    restartService();
}

void ReplayController::setSpec(const replay::ReplaySpec& spec)
{
    m_spec = spec;
    restartService();
}

void ReplayController::restartService()
{
    m_service.reset();
    m_partitioning.reset();
    m_pendingGeneration = 0;
    m_checksGeneration = 0;
    if (m_path.isEmpty() || !m_store) {
        emit serviceChanged(nullptr);
        updateFocusedStream({});
        return;
    }
    m_service = std::make_unique<replay::ReplayService>(m_path, m_spec);
    connect(m_service.get(), &replay::ReplayService::stateReady, this, &ReplayController::onState);
    connect(m_service.get(), &replay::ReplayService::failed, this, &ReplayController::onFailed);
    connect(m_service.get(), &replay::ReplayService::scanReady, this,
            [this](quint64 generation, const std::vector<replay::Violation>& violations) {
                if (generation != m_checksGeneration)
                    return;
                m_checksGeneration = 0;
                emit scanFinished(violations);
            });
    connect(m_service.get(), &replay::ReplayService::violationReady, this,
            [this](quint64 generation, bool found, const replay::Violation& violation) {
                if (generation != m_checksGeneration)
                    return;
                m_checksGeneration = 0;
                if (found)
                    m_playhead.setPosition(violation.event.position);
                emit nextViolationFound(found, violation);
            });
    const bool builtin = m_spec.projection == replay::BuiltinProjection::projectionName();
    m_inspector.setProjectionName(builtin ? tr("built-in") : QFileInfo(m_spec.projection).fileName());
    emit serviceChanged(m_service.get());
    request();
}

void ReplayController::focusPartition(const QString& partition)
{
    m_scope = Scope::Partition;
    m_partition = partition;
    m_inspector.setFollowing(false);
    request();
}

void ReplayController::showWholeState()
{
    m_scope = Scope::Whole;
    m_partition.clear();
    m_inspector.setFollowing(false);
    request();
}

void ReplayController::followPlayhead()
{
    m_scope = Scope::FollowPlayhead;
    m_partition.clear();
    m_inspector.setFollowing(true);
    request();
}

QString ReplayController::focusedStream() const
{
    return m_focusedStream;
}

void ReplayController::refresh()
{
    if (!m_service)
        return;
    m_service->invalidate();
    request();
}

QString ReplayController::playheadStream() const
{
    const qint64 position = m_playhead.position();
    if (position < 1 || !m_store)
        return {};
    const std::optional<Event> event = m_store->eventAt(position);
    return event ? event->stream : QString();
}

QString ReplayController::partitionToRequest(const QString& playheadStream) const
{
    const Partitioning partitioning = m_partitioning.value_or(
        m_spec.projection == replay::BuiltinProjection::projectionName() ? Partitioning::ByStream
                                                                         : Partitioning::None);
    switch (m_scope) {
    case Scope::Whole:
        return {};
    case Scope::Partition:
        return partitioning == Partitioning::None ? QString() : m_partition;
    case Scope::FollowPlayhead:
        break;
    }
    // Only a projection partitioned by stream has a partition named after the playhead's stream.
    return partitioning == Partitioning::ByStream ? playheadStream : QString();
}

void ReplayController::request()
{
    if (!m_service)
        return;
    // The event at the playhead is read once a request: the scope and the focused stream need it.
    const QString atPlayhead = m_scope == Scope::FollowPlayhead ? playheadStream() : QString();
    const QString partition = partitionToRequest(atPlayhead);
    updateFocusedStream(m_scope == Scope::Partition ? m_partition : atPlayhead);
    if (m_checksGeneration != 0 && m_checksGeneration == m_service->currentGeneration()) {
        // A state request supersedes a scan on the same worker (latest wins): say so.
        m_checksGeneration = 0;
        emit checksFailed(tr("Stopped: the playhead moved before the scan finished. Run it again."));
    }
    m_pendingGeneration = m_service->requestState(m_playhead.position(), partition);
    m_inspector.setPending(true);
}

void ReplayController::onState(const replay::StateResult& result)
{
    const bool learnt = !m_partitioning || *m_partitioning != result.partitioning;
    m_partitioning = result.partitioning;
    if (learnt && partitionToRequest(m_focusedStream) != result.partition) {
        request(); // the guess made before the first result was wrong: ask for the right scope
        return;
    }
    m_last = result;
    m_inspector.setProjectionName(result.projectionName == replay::BuiltinProjection::projectionName()
                                      ? tr("built-in")
                                      : result.projectionName);
    m_inspector.setReplayResult(result);
    if (result.generation != m_service->currentGeneration())
        m_inspector.setPending(true); // an even newer request is on its way
    emit stateShown(result);
}

void ReplayController::onFailed(quint64 generation, const QString& message)
{
    if (generation == m_pendingGeneration)
        m_inspector.setPending(false);
    if (generation == m_checksGeneration)
        emit checksFailed(message);
    emit failed(message);
}

void ReplayController::scanChecks()
{
    if (m_service)
        m_checksGeneration = m_service->requestScan(1);
}

void ReplayController::runToNextViolation()
{
    if (m_service)
        m_checksGeneration = m_service->requestFirstViolation(m_playhead.position() + 1);
}

void ReplayController::answerMark(char which)
{
    if (m_last)
        m_inspector.setSide(which, m_last->state, m_last->position);
}

void ReplayController::updateFocusedStream(const QString& stream)
{
    if (stream == m_focusedStream)
        return;
    m_focusedStream = stream;
    emit focusedStreamChanged(stream);
}

std::optional<qint64> ReplayController::stepInStream(qint64 position, int direction)
{
    if (!m_store || m_focusedStream.isEmpty())
        return std::nullopt;
    EventSelection selection;
    selection.stream = m_focusedStream;
    if (direction > 0) {
        selection.fromPosition = position + 1;
        selection.limit = 1;
        const std::vector<qint64> next = m_store->filteredPositions(selection);
        return next.empty() ? std::nullopt : std::optional<qint64>(next.front());
    }
    if (position <= 1)
        return std::nullopt;
    selection.toPosition = position - 1;
    const std::vector<qint64> before = m_store->filteredPositions(selection);
    return before.empty() ? std::nullopt : std::optional<qint64>(before.back());
}

} // namespace eventscope::gui
