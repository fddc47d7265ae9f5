#include "playhead.h"

#include <QAction>
#include <QApplication>
#include <QStyle>

#include <algorithm>
#include <cmath>

namespace eventscope::gui {

Playhead::Playhead(QObject* parent) : QObject(parent)
{
    m_coalesceTimer.setSingleShot(true);
    m_coalesceTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_coalesceTimer, &QTimer::timeout, this, &Playhead::emitPosition);

    m_playTimer.setInterval(playIntervalMs);
    m_playTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_playTimer, &QTimer::timeout, this, &Playhead::advancePlayback);

    createActions();
    updateActions();
    updatePlayAction();
}

Playhead::~Playhead() = default;

void Playhead::createActions()
{
    // Icons only where a widget style exists: the playhead also runs under a QGuiApplication
    // in headless tools and tests.
    auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
    const auto make = [&](const QString& text, const QKeySequence& shortcut, QStyle::StandardPixmap icon,
                          auto slot) {
        auto* action = new QAction(text, this);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        if (app && icon != QStyle::SP_CustomBase)
            action->setIcon(QApplication::style()->standardIcon(icon));
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_playPause = make(tr("Play"), Qt::Key_Space, QStyle::SP_MediaPlay, [this] { togglePlaying(); });
    m_stepBack = make(tr("Step Back"), Qt::Key_Left, QStyle::SP_MediaSeekBackward, [this] { step(-1); });
    m_stepForward = make(tr("Step Forward"), Qt::Key_Right, QStyle::SP_MediaSeekForward, [this] { step(1); });
    m_streamStepBack = make(tr("Step Back in Stream"), QKeySequence(Qt::SHIFT | Qt::Key_Left),
                            QStyle::SP_CustomBase, [this] { stepInStream(-1); });
    m_streamStepForward = make(tr("Step Forward in Stream"), QKeySequence(Qt::SHIFT | Qt::Key_Right),
                               QStyle::SP_CustomBase, [this] { stepInStream(1); });
    m_toStart = make(tr("Go to Start"), Qt::Key_Home, QStyle::SP_MediaSkipBackward, [this] { toStart(); });
    m_toEnd = make(tr("Go to End"), Qt::Key_End, QStyle::SP_MediaSkipForward, [this] { toEnd(); });
    m_clearRange = make(tr("Clear Range"), Qt::Key_Escape, QStyle::SP_CustomBase, [this] { clearRange(); });
    m_zoomIn = make(tr("Zoom In"), QKeySequence::ZoomIn, QStyle::SP_CustomBase, [this] { zoom(2); });
    m_zoomOut = make(tr("Zoom Out"), QKeySequence::ZoomOut, QStyle::SP_CustomBase, [this] { zoom(0.5); });
    m_resetZoom = make(tr("Reset Zoom"), QKeySequence(Qt::CTRL | Qt::Key_0), QStyle::SP_CustomBase,
                       [this] { resetZoom(); });
    m_streamStepBack->setToolTip(tr("Step to the previous event of the stream in focus"));
    m_streamStepForward->setToolTip(tr("Step to the next event of the stream in focus"));
}

QList<QAction*> Playhead::actions() const
{
    return {m_playPause, m_stepBack,   m_stepForward, m_streamStepBack, m_streamStepForward, m_toStart,
            m_toEnd,     m_clearRange, m_zoomIn,      m_zoomOut,        m_resetZoom};
}

void Playhead::updateActions()
{
    const bool any = m_count > 0;
    m_playPause->setEnabled(any);
    m_stepBack->setEnabled(m_position > 0);
    m_toStart->setEnabled(m_position > 0);
    m_stepForward->setEnabled(m_position < m_count);
    m_toEnd->setEnabled(m_position < m_count);
    m_streamStepBack->setEnabled(any && m_streamStepper != nullptr);
    m_streamStepForward->setEnabled(any && m_streamStepper != nullptr);
    m_clearRange->setEnabled(m_range.has_value());
    m_zoomIn->setEnabled(any && m_window.spanUs() > TimelineScale::minimumSpanUs);
    m_zoomOut->setEnabled(any && m_window.isZoomed());
    m_resetZoom->setEnabled(any && m_window.isZoomed());
}

void Playhead::updatePlayAction()
{
    const bool playing = isPlaying();
    m_playPause->setText(playing ? tr("Pause") : tr("Play"));
    if (auto* app = qobject_cast<QApplication*>(QCoreApplication::instance()); app != nullptr)
        m_playPause->setIcon(
            QApplication::style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void Playhead::setStore(EventStore* store)
{
    pause();
    const bool hadRange = m_range.has_value();
    m_store = store;
    m_count = 0;
    m_timeRange.reset();
    m_range.reset();
    m_window = {};
    // A new store is a new timeline: start at its beginning, and say so at once.
    m_position = 0;
    m_coalesceTimer.stop();
    refresh();
    emitPosition();
    if (hadRange)
        emit rangeChanged();
}

void Playhead::refresh()
{
    const bool showedEverything = !m_window.isZoomed();
    m_count = m_store ? m_store->count() : 0;
    m_timeRange = m_store ? m_store->timeRange() : std::nullopt;

    TimelineScale window =
        m_timeRange ? TimelineScale::overData(m_timeRange->firstUs, m_timeRange->lastUs, 1) : TimelineScale{};
    if (!showedEverything)
        window.setWindow(m_window.fromUs, m_window.toUs);
    setWindowScale(window);

    if (m_position > m_count)
        applyPosition(m_count);
    if (m_range) {
        const qint64 from = std::min(m_range->fromPosition, m_count);
        const qint64 to = std::min(m_range->toPosition, m_count);
        if (from < 1)
            clearRange();
        else
            setRange(from, to);
    }
    emit dataChanged();
    updateActions();
}

std::optional<qint64> Playhead::timeAtPosition(qint64 position) const
{
    if (!m_store || m_count == 0)
        return std::nullopt;
    return m_store->timeAtPosition(std::clamp<qint64>(position, 1, m_count));
}

qint64 Playhead::positionNearTime(qint64 timeUs) const
{
    if (!m_store || m_count == 0)
        return 0;
    const qint64 after = std::clamp<qint64>(m_store->positionAtTime(timeUs), 1, m_count);
    if (after == 1)
        return after;
    const std::optional<qint64> afterUs = m_store->timeAtPosition(after);
    const std::optional<qint64> beforeUs = m_store->timeAtPosition(after - 1);
    if (!afterUs || !beforeUs)
        return after;
    return std::abs(*afterUs - timeUs) < std::abs(timeUs - *beforeUs) ? after : after - 1;
}

TimelineScale Playhead::scale(double widthPx) const
{
    TimelineScale scale = m_window;
    scale.widthPx = widthPx;
    return scale;
}

PlaybackSpeed Playhead::speed() const
{
    return playbackSpeeds()[size_t(m_speedIndex)];
}

void Playhead::setStreamStepper(StreamStepper stepper)
{
    m_streamStepper = std::move(stepper);
    updateActions();
}

// --- position ------------------------------------------------------------------------------

void Playhead::setPosition(qint64 position)
{
    applyPosition(position);
    // Someone moved the playhead by hand while playing: carry on from there.
    if (isPlaying())
        restartPlayClock();
}

void Playhead::applyPosition(qint64 position)
{
    position = std::clamp<qint64>(position, 0, m_count);
    if (position == m_position)
        return;
    m_position = position;
    schedulePositionSignal();
}

void Playhead::schedulePositionSignal()
{
    if (m_coalesceTimer.isActive())
        return; // the pending emission will carry the latest position
    const qint64 since = m_sinceEmit.isValid() ? m_sinceEmit.elapsed() : coalesceIntervalMs;
    if (since >= coalesceIntervalMs)
        emitPosition();
    else
        m_coalesceTimer.start(int(coalesceIntervalMs - since));
}

void Playhead::emitPosition()
{
    if (m_position == m_emittedPosition)
        return;
    m_emittedPosition = m_position;
    m_sinceEmit.restart();
    updateActions();
    emit positionChanged(m_position);
}

void Playhead::step(qint64 delta)
{
    setPosition(m_position + delta);
}

void Playhead::stepInStream(int direction)
{
    if (!m_streamStepper || m_count == 0)
        return;
    if (const std::optional<qint64> next = m_streamStepper(m_position, direction < 0 ? -1 : 1))
        setPosition(*next);
}

// --- window and range ----------------------------------------------------------------------

void Playhead::setWindowScale(const TimelineScale& window)
{
    const bool changed = window.fromUs != m_window.fromUs || window.toUs != m_window.toUs;
    m_window = window;
    if (changed) {
        updateActions();
        emit windowChanged(m_window.fromUs, m_window.toUs);
    }
}

void Playhead::setWindow(qint64 fromUs, qint64 toUs)
{
    TimelineScale window = m_window;
    window.setWindow(fromUs, toUs);
    setWindowScale(window);
}

void Playhead::zoom(double factor)
{
    TimelineScale window = m_window;
    double anchor = 0.5;
    if (const std::optional<qint64> playheadUs = timeAtPosition(m_position)) {
        const double x = window.timeToX(*playheadUs);
        if (x >= 0 && x <= 1)
            anchor = x;
    }
    window.zoomAround(anchor, factor);
    setWindowScale(window);
}

void Playhead::resetZoom()
{
    TimelineScale window = m_window;
    window.resetZoom();
    setWindowScale(window);
}

void Playhead::setRange(qint64 fromPosition, qint64 toPosition)
{
    if (m_count == 0)
        return;
    if (toPosition < fromPosition)
        std::swap(fromPosition, toPosition);
    const PositionRange range{std::clamp<qint64>(fromPosition, 1, m_count),
                              std::clamp<qint64>(toPosition, 1, m_count)};
    if (m_range == range)
        return;
    m_range = range;
    updateActions();
    emit rangeChanged();
}

void Playhead::clearRange()
{
    if (!m_range)
        return;
    m_range.reset();
    updateActions();
    emit rangeChanged();
}

// --- playback ------------------------------------------------------------------------------

void Playhead::play()
{
    if (isPlaying() || m_count == 0)
        return;
    if (m_position >= m_count)
        applyPosition(0);
    m_playTimer.start();
    restartPlayClock();
    updatePlayAction();
    emit playingChanged(true);
}

void Playhead::pause()
{
    if (!isPlaying())
        return;
    m_playTimer.stop();
    updatePlayAction();
    emit playingChanged(false);
}

void Playhead::setPlaying(bool playing)
{
    if (playing)
        play();
    else
        pause();
}

void Playhead::setSpeedIndex(int index)
{
    index = std::clamp(index, 0, int(playbackSpeeds().size()) - 1);
    if (index == m_speedIndex)
        return;
    m_speedIndex = index;
    if (isPlaying())
        restartPlayClock();
    emit speedChanged(index);
}

void Playhead::restartPlayClock()
{
    m_playClock.restart();
    m_eventCarry = 0;
    m_playTimeUs = double(timeAtPosition(m_position).value_or(0));
}

void Playhead::advancePlayback()
{
    const double elapsedS = double(m_playClock.nsecsElapsed()) / 1e9;
    m_playClock.restart();
    const PlaybackSpeed speed = this->speed();
    qint64 target = m_position;
    if (speed.mode == PlaybackSpeed::Mode::EventsPerSecond) {
        m_eventCarry += speed.rate * elapsedS;
        const double whole = std::floor(m_eventCarry);
        m_eventCarry -= whole;
        target = m_position + qint64(whole);
    } else if (m_store && m_timeRange) {
        m_playTimeUs += speed.rate * elapsedS * 1e6;
        if (m_playTimeUs >= double(m_timeRange->lastUs))
            target = m_count;
        else // the last event at or before the playback clock
            target = m_store->positionAtTime(std::llround(std::floor(m_playTimeUs)) + 1) - 1;
    }
    applyPosition(std::max(target, m_position));
    if (m_position >= m_count)
        pause();
}

} // namespace eventscope::gui
