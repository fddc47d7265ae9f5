#pragma once

#include "replay/replayservice.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace eventscope {
class EventStore;
}

namespace eventscope::gui {

class Playhead;
class StateInspector;

// Keeps the state inspector at the playhead: whenever the playhead, the scope or the replay set-up
// changes, asks the replay service (a worker thread, latest-wins) for the state and hands the result
// to the inspector. The scope is, by default, the stream of the event at the playhead (for a
// projection partitioned by stream, such as the built-in aggregate), the whole state, or one
// partition the user picked.
class ReplayController : public QObject
{
    Q_OBJECT

public:
    ReplayController(Playhead& playhead, StateInspector& inspector, QObject* parent = nullptr);
    ~ReplayController() override;

    // A workspace opened (store is the GUI thread's reader of it) or closed (empty path, nullptr).
    void setWorkspace(const QString& path, EventStore* store);
    // A new projection, upcasters or invariants: restarts the service.
    void setSpec(const replay::ReplaySpec& spec);
    const replay::ReplaySpec& spec() const { return m_spec; }
    // nullptr while no workspace is open.
    replay::ReplayService* service() const { return m_service.get(); }

    // The scope: one partition (for the built-in projection, a stream), the whole state, or
    // following the stream of the event at the playhead.
    void focusPartition(const QString& partition);
    void showWholeState();
    void followPlayhead();
    // The stream stepped through by Shift+arrows: the partition in focus, else the stream of the event
    // at the playhead. Empty when there is none.
    QString focusedStream() const;

    // Events were added (an import): snapshots are dropped and the state asked for again.
    void refresh();

    const std::optional<replay::StateResult>& lastResult() const { return m_last; }

    // The first firing of every check over the whole log; answered by scanFinished().
    void scanChecks();
    // The next violation or breakpoint after the playhead; the playhead goes there when found.
    void runToNextViolation();

signals:
    // The service was replaced (workspace or set-up changed); nullptr when closed.
    void serviceChanged(eventscope::replay::ReplayService* service);
    // A state reached the inspector.
    void stateShown(const eventscope::replay::StateResult& result);
    void focusedStreamChanged(const QString& stream);
    void failed(const QString& message);
    void scanFinished(const std::vector<eventscope::replay::Violation>& violations);
    void nextViolationFound(bool found, const eventscope::replay::Violation& violation);
    // A scan failed (a script error): the message.
    void checksFailed(const QString& message);

private:
    enum class Scope
    {
        FollowPlayhead,
        Whole,
        Partition
    };

    void restartService();
    void request();
    QString playheadStream() const;
    QString partitionToRequest(const QString& playheadStream) const;
    void onState(const replay::StateResult& result);
    void onFailed(quint64 generation, const QString& message);
    void answerMark(char which);
    void updateFocusedStream(const QString& stream);
    std::optional<qint64> stepInStream(qint64 position, int direction);

    Playhead& m_playhead;
    StateInspector& m_inspector;
    QString m_path;
    EventStore* m_store = nullptr;
    replay::ReplaySpec m_spec;
    std::unique_ptr<replay::ReplayService> m_service;

    Scope m_scope = Scope::FollowPlayhead;
    QString m_partition;
    // Known from the first result of a set-up; until then guessed from the spec.
    std::optional<replay::Partitioning> m_partitioning;
    QString m_focusedStream;
    quint64 m_pendingGeneration = 0;
    quint64 m_checksGeneration = 0;
    std::optional<replay::StateResult> m_last;
};

} // namespace eventscope::gui
