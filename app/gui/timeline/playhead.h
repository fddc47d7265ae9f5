#pragma once

#include "eventstore.h"
#include "playbackspeed.h"
#include "timelinescale.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

class QAction;

namespace eventscope::gui {

// A selected span of events, both ends inclusive, fromPosition <= toPosition.
struct PositionRange
{
    qint64 fromPosition = 0;
    qint64 toPosition = 0;
    bool operator==(const PositionRange&) const = default;
};

// The one owner of the cursor: the playhead position (0 = before the first event, count() =
// after the last), the visible time window, the selected range and playback. Views change it
// through its slots and actions and follow its signals rather than each other.
//
// positionChanged is coalesced: however fast positions are set (a scrubbing mouse, a fast
// playback), it is emitted at most once per frame (~16 ms) with the latest value, so that a
// replay engine behind it never queues stale work. position() itself is always the latest.
class Playhead : public QObject
{
    Q_OBJECT

public:
    // The position of the previous (direction < 0) or next event of the stream in focus, or
    // nullopt when there is none; set by whoever knows which stream has the focus.
    using StreamStepper = std::function<std::optional<qint64>(qint64 position, int direction)>;

    static constexpr int coalesceIntervalMs = 16;
    static constexpr int playIntervalMs = 17; // at most 60 ticks a second

    explicit Playhead(QObject* parent = nullptr);
    ~Playhead() override;

    // nullptr detaches. Stops playback, clears the range, resets the zoom and moves to position 0.
    void setStore(EventStore* store);
    EventStore* store() const { return m_store; }
    // Re-reads the count and time range (after an import): keeps the position, range and zoom
    // where they still fit; a window that showed everything grows to show the new events too.
    void refresh();

    qint64 count() const { return m_count; }
    std::optional<TimeRange> timeRange() const { return m_timeRange; }

    qint64 position() const { return m_position; }
    // The time of the event at position (position 0 reads as the first event's time).
    std::optional<qint64> timeAtPosition(qint64 position) const;
    // The event nearest in time to timeUs, in [1, count()]; 0 without events.
    qint64 positionNearTime(qint64 timeUs) const;

    qint64 windowFromUs() const { return m_window.fromUs; }
    qint64 windowToUs() const { return m_window.toUs; }
    bool isZoomed() const { return m_window.isZoomed(); }
    // The visible window and the data range, mapped onto widthPx pixels.
    TimelineScale scale(double widthPx) const;

    std::optional<PositionRange> range() const { return m_range; }

    bool isPlaying() const { return m_playTimer.isActive(); }
    int speedIndex() const { return m_speedIndex; }
    PlaybackSpeed speed() const;

    void setStreamStepper(StreamStepper stepper);

    // Space, Left, Right, Shift+Left, Shift+Right, Home, End, Escape (clear range), Ctrl++,
    // Ctrl+-, Ctrl+0. Their shortcuts are Qt::WidgetWithChildrenShortcut so that arrows and Space
    // keep working in tables and editors: add them to the widget that should answer to them.
    QAction* playPauseAction() const { return m_playPause; }
    QAction* stepBackAction() const { return m_stepBack; }
    QAction* stepForwardAction() const { return m_stepForward; }
    QAction* streamStepBackAction() const { return m_streamStepBack; }
    QAction* streamStepForwardAction() const { return m_streamStepForward; }
    QAction* toStartAction() const { return m_toStart; }
    QAction* toEndAction() const { return m_toEnd; }
    QAction* clearRangeAction() const { return m_clearRange; }
    QAction* zoomInAction() const { return m_zoomIn; }
    QAction* zoomOutAction() const { return m_zoomOut; }
    QAction* resetZoomAction() const { return m_resetZoom; }
    QList<QAction*> actions() const;

public slots:
    void setPosition(qint64 position); // clamped to [0, count()]
    void step(qint64 delta);
    void stepInStream(int direction);
    void toStart() { setPosition(0); }
    void toEnd() { setPosition(m_count); }

    void setWindow(qint64 fromUs, qint64 toUs); // kept inside the data range, >= 1 ms
    void zoom(double factor);                   // > 1 zooms in, around the playhead when it is visible
    void resetZoom();

    void setRange(qint64 fromPosition, qint64 toPosition); // either order, clamped to [1, count()]
    void clearRange();

    void play(); // from the start again when at the end
    void pause();
    void setPlaying(bool playing);
    void togglePlaying() { setPlaying(!isPlaying()); }
    void setSpeedIndex(int index);

signals:
    void positionChanged(qint64 position);
    void windowChanged(qint64 fromUs, qint64 toUs);
    void rangeChanged();
    void playingChanged(bool playing);
    void speedChanged(int index);
    // The store was attached, detached or refreshed: count() and timeRange() may differ.
    void dataChanged();

private:
    void createActions();
    void updateActions();
    void updatePlayAction();
    void applyPosition(qint64 position);
    void schedulePositionSignal();
    void emitPosition();
    void restartPlayClock();
    void advancePlayback();
    void setWindowScale(const TimelineScale& window);

    EventStore* m_store = nullptr;
    qint64 m_count = 0;
    std::optional<TimeRange> m_timeRange;

    qint64 m_position = 0;
    qint64 m_emittedPosition = 0;
    QTimer m_coalesceTimer;
    QElapsedTimer m_sinceEmit;

    TimelineScale m_window; // widthPx 1: x is a fraction of the window
    std::optional<PositionRange> m_range;

    QTimer m_playTimer;
    QElapsedTimer m_playClock;
    int m_speedIndex = defaultPlaybackSpeedIndex;
    double m_eventCarry = 0; // events/s mode: the fraction of an event not yet advanced
    double m_playTimeUs = 0; // real-time mode: where the playback clock is in recorded time

    StreamStepper m_streamStepper;

    QAction* m_playPause = nullptr;
    QAction* m_stepBack = nullptr;
    QAction* m_stepForward = nullptr;
    QAction* m_streamStepBack = nullptr;
    QAction* m_streamStepForward = nullptr;
    QAction* m_toStart = nullptr;
    QAction* m_toEnd = nullptr;
    QAction* m_clearRange = nullptr;
    QAction* m_zoomIn = nullptr;
    QAction* m_zoomOut = nullptr;
    QAction* m_resetZoom = nullptr;
};

} // namespace eventscope::gui
