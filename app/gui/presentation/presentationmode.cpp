#include "presentationmode.h"

#include "captionpage.h"
#include "timeline/playhead.h"

#include <QApplication>
#include <QKeyEvent>

#include <cmath>

namespace eventscope::gui {
namespace {

// The keys presentation mode answers to, ahead of the window's own shortcuts.
bool isPresentationKey(int key)
{
    return key == Qt::Key_Space || key == Qt::Key_Left || key == Qt::Key_Right || key == Qt::Key_Escape ||
           key == Qt::Key_PageUp || key == Qt::Key_PageDown;
}

// Slow out, slow in: the audience sees where the playhead leaves and where it lands.
double ease(double t)
{
    return t < 0.5 ? 2 * t * t : 1 - std::pow(-2 * t + 2, 2) / 2;
}

} // namespace

PresentationMode::PresentationMode(Playhead& playhead, CaptionPage& caption, Stage stage, QObject* parent)
    : QObject(parent), m_playhead(playhead), m_caption(caption), m_stage(std::move(stage))
{
    m_frame.setInterval(16);
    connect(&m_frame, &QTimer::timeout, this, &PresentationMode::tick);
    m_dwell.setSingleShot(true);
    connect(&m_dwell, &QTimer::timeout, this, &PresentationMode::next);
    connect(&m_playhead, &Playhead::positionChanged, this, [this](qint64 position) {
        if (m_active && m_describe)
            m_caption.setEventLine(m_describe(position));
    });
}

PresentationMode::~PresentationMode()
{
    if (m_active)
        qApp->removeEventFilter(this);
}

void PresentationMode::setTimings(int travelMs, int dwellMs)
{
    m_travelMs = std::max(0, travelMs);
    m_dwellMs = std::max(0, dwellMs);
}

void PresentationMode::setEventDescriber(std::function<QString(qint64)> describe)
{
    m_describe = std::move(describe);
}

bool PresentationMode::start(std::vector<Bookmark> bookmarks)
{
    if (bookmarks.empty() || m_active)
        return false;
    m_bookmarks = std::move(bookmarks);
    m_active = true;
    m_paused = false;
    m_playhead.pause();
    if (m_stage.enter)
        m_stage.enter();
    qApp->installEventFilter(this);
    emit activeChanged(true);
    goTo(0);
    return true;
}

void PresentationMode::stop()
{
    if (!m_active)
        return;
    m_active = false;
    m_frame.stop();
    m_dwell.stop();
    qApp->removeEventFilter(this);
    if (m_stage.leave)
        m_stage.leave();
    emit activeChanged(false);
}

void PresentationMode::next()
{
    if (!m_active)
        return;
    if (m_stop + 1 >= int(m_bookmarks.size())) {
        // The end of the story: stay on the last caption, paused, until the presenter leaves.
        m_dwell.stop();
        setPaused(true);
        return;
    }
    goTo(m_stop + 1);
}

void PresentationMode::previous()
{
    if (m_active && m_stop > 0)
        goTo(m_stop - 1);
}

void PresentationMode::setPaused(bool paused)
{
    if (!m_active)
        return;
    m_paused = paused;
    m_caption.setPaused(paused);
    if (paused) {
        m_dwell.stop();
    } else if (!m_frame.isActive()) {
        m_dwell.start(m_dwellMs);
    }
}

void PresentationMode::goTo(int stop)
{
    m_stop = stop;
    m_dwell.stop();
    showCaption();
    m_from = m_playhead.position();
    m_travelClock.start();
    if (m_travelMs == 0)
        arrive();
    else
        m_frame.start();
}

void PresentationMode::tick()
{
    const qint64 to = m_bookmarks[std::size_t(m_stop)].position;
    const double t = std::min(1.0, double(m_travelClock.elapsed()) / m_travelMs);
    m_playhead.setPosition(m_from + std::llround(double(to - m_from) * ease(t)));
    if (t >= 1.0)
        arrive();
}

void PresentationMode::arrive()
{
    m_frame.stop();
    m_playhead.setPosition(m_bookmarks[std::size_t(m_stop)].position);
    emit stopReached(m_stop);
    if (!m_paused)
        m_dwell.start(m_dwellMs);
}

void PresentationMode::showCaption()
{
    m_caption.setStop(m_stop, int(m_bookmarks.size()), m_bookmarks[std::size_t(m_stop)].note);
    m_caption.setPaused(m_paused);
    if (m_describe)
        m_caption.setEventLine(m_describe(m_bookmarks[std::size_t(m_stop)].position));
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event)
{
    if (!m_active || (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress))
        return QObject::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->modifiers() != Qt::NoModifier || !isPresentationKey(key->key()))
        return QObject::eventFilter(watched, event);
    if (event->type() == QEvent::ShortcutOverride) {
        event->accept(); // a key press follows, instead of the window's shortcut
        return true;
    }
    if (key->isAutoRepeat())
        return true;
    switch (key->key()) {
    case Qt::Key_Space:
        setPaused(!m_paused);
        break;
    case Qt::Key_Right:
    case Qt::Key_PageDown:
        next();
        break;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
        previous();
        break;
    case Qt::Key_Escape:
        stop();
        break;
    }
    return true;
}

} // namespace eventscope::gui
