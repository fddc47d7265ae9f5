#pragma once

#include <QWidget>

namespace eventscope {
class EventStore;
}

namespace eventscope::gui {

class Playhead;
class TimelineWidget;
class TransportBar;

// The unit the timeline dock holds: the transport bar above the timeline strip, both bound to one
// Playhead. The playhead's actions (Space, arrows, Home/End...) answer while focus is inside.
class TimelinePanel : public QWidget
{
    Q_OBJECT

public:
    // Attaches store to the playhead (the playhead is where the store lives).
    TimelinePanel(EventStore& store, Playhead& playhead, QWidget* parent = nullptr);
    // Without a store yet: call setStore() when a workspace opens.
    explicit TimelinePanel(Playhead& playhead, QWidget* parent = nullptr);
    ~TimelinePanel() override;

    // Forwarded to the playhead: nullptr when no workspace is open; refresh() after an import.
    void setStore(EventStore* store);
    void refresh();

    Playhead& playhead() const { return m_playhead; }
    TimelineWidget* timeline() const { return m_timeline; }
    TransportBar* transportBar() const { return m_transport; }

private:
    Playhead& m_playhead;
    TransportBar* m_transport;
    TimelineWidget* m_timeline;
};

} // namespace eventscope::gui
