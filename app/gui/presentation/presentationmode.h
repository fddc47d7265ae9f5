#pragma once

#include "investigation/bookmarks.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFont>
#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

namespace eventscope::gui {

class CaptionPage;
class Playhead;

// Presentation mode, for showing event sourcing to people who do not read event logs: the window
// goes full screen in larger type, the centre shows the current bookmark's note as a caption, and
// the playhead travels from bookmark to bookmark on its own (the state and the charts follow it,
// as they always do), pausing at each for the audience to read. Space pauses, the arrows go to the
// previous or next bookmark, Escape leaves.
class PresentationMode : public QObject
{
    Q_OBJECT

public:
    // How the window changes for the show; set by the owner, undone in reverse when it ends.
    struct Stage
    {
        std::function<void()> enter;
        std::function<void()> leave;
    };

    PresentationMode(Playhead& playhead, CaptionPage& caption, Stage stage, QObject* parent = nullptr);
    ~PresentationMode() override;

    // How long the playhead travels to a bookmark and how long it stays there.
    void setTimings(int travelMs, int dwellMs);
    // A one-line account of the event at a position, for the caption ("#4,711 · … · OrderPlaced").
    void setEventDescriber(std::function<QString(qint64)> describe);

    bool isActive() const { return m_active; }
    bool isPaused() const { return m_paused; }
    int currentStop() const { return m_stop; }

    // Starts at the first bookmark; false (and nothing changes) without bookmarks.
    bool start(std::vector<Bookmark> bookmarks);
    void stop();
    void next();
    void previous();
    void setPaused(bool paused);

signals:
    void activeChanged(bool active);
    void stopReached(int index);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void goTo(int stop);
    void tick();
    void arrive();
    void showCaption();

    Playhead& m_playhead;
    CaptionPage& m_caption;
    Stage m_stage;
    std::function<QString(qint64)> m_describe;
    std::vector<Bookmark> m_bookmarks;

    bool m_active = false;
    bool m_paused = false;
    int m_stop = -1;
    int m_travelMs = 2500;
    int m_dwellMs = 7000;

    // Travelling: the playhead eases from m_from to the stop's position.
    QTimer m_frame;
    QElapsedTimer m_travelClock;
    qint64 m_from = 0;
    // Dwelling at a stop until the next one.
    QTimer m_dwell;
};

} // namespace eventscope::gui
