#include "timelinepanel.h"

#include "playhead.h"
#include "timelinewidget.h"
#include "transportbar.h"

#include <QVBoxLayout>

namespace eventscope::gui {

TimelinePanel::TimelinePanel(EventStore& store, Playhead& playhead, QWidget* parent)
    : TimelinePanel(playhead, parent)
{
    setStore(&store);
}

TimelinePanel::TimelinePanel(Playhead& playhead, QWidget* parent)
    : QWidget(parent), m_playhead(playhead), m_transport(new TransportBar(playhead, this)),
      m_timeline(new TimelineWidget(playhead, this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_transport);
    layout->addWidget(m_timeline, 1);
    setFocusProxy(m_timeline);
    addActions(m_playhead.actions());
}

TimelinePanel::~TimelinePanel() = default;

void TimelinePanel::setStore(EventStore* store)
{
    m_playhead.setStore(store);
}

void TimelinePanel::refresh()
{
    m_playhead.refresh();
}

} // namespace eventscope::gui
