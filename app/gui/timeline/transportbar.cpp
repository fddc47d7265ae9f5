#include "transportbar.h"

#include "playhead.h"
#include "timeticks.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QToolButton>

namespace eventscope::gui {

TransportBar::TransportBar(Playhead& playhead, QWidget* parent)
    : QWidget(parent), m_playhead(playhead), m_speed(new QComboBox(this)), m_range(new QLabel(this)),
      m_readout(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 1, 6, 1);
    layout->setSpacing(0);
    for (QAction* action : {playhead.toStartAction(), playhead.stepBackAction(), playhead.playPauseAction(),
                            playhead.stepForwardAction(), playhead.toEndAction()}) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::NoFocus); // the keys work from the timeline; Tab need not stop here
        layout->addWidget(button);
    }
    layout->addSpacing(fontMetrics().averageCharWidth());

    for (const PlaybackSpeed& speed : playbackSpeeds())
        m_speed->addItem(speed.label());
    m_speed->setToolTip(tr("Playback speed"));
    m_speed->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_speed->setFocusPolicy(Qt::TabFocus);
    layout->addWidget(m_speed);
    layout->addStretch(1);

    m_range->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_range->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_range);
    layout->addSpacing(fontMetrics().averageCharWidth() * 3);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readout->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addWidget(m_readout);

    connect(m_speed, &QComboBox::activated, &m_playhead, &Playhead::setSpeedIndex);
    connect(&m_playhead, &Playhead::speedChanged, this, &TransportBar::showSpeed);
    connect(&m_playhead, &Playhead::positionChanged, this, &TransportBar::updateReadout);
    connect(&m_playhead, &Playhead::rangeChanged, this, &TransportBar::updateRange);
    connect(&m_playhead, &Playhead::dataChanged, this, [this] {
        updateReadoutWidth();
        updateReadout();
        updateRange();
    });
    showSpeed(m_playhead.speedIndex());
    updateReadoutWidth();
    updateReadout();
    updateRange();
}

TransportBar::~TransportBar() = default;

QString TransportBar::readoutText() const
{
    return m_readout->text();
}

void TransportBar::showSpeed(int index)
{
    // The combo box mirrors the playhead; echoing its change back would be a loop.
    const QSignalBlocker blocker(m_speed);
    m_speed->setCurrentIndex(index);
}

void TransportBar::updateReadout()
{
    const QLocale locale;
    const qint64 count = m_playhead.count();
    if (count == 0) {
        m_readout->setText(m_playhead.store() ? tr("No events") : QString());
        return;
    }
    const qint64 position = m_playhead.position();
    const QString where = locale.toString(position) % QStringLiteral(" / ") % locale.toString(count);
    const std::optional<qint64> time = m_playhead.timeAtPosition(position);
    const QString when = !time           ? QString()
                         : position == 0 ? tr("before %1").arg(formatTimelineTime(*time))
                                         : formatTimelineTime(*time);
    m_readout->setText(when.isEmpty() ? where : where % QStringLiteral(" \u00b7 ") % when);
}

void TransportBar::updateRange()
{
    const std::optional<PositionRange> range = m_playhead.range();
    if (!range) {
        m_range->clear();
        return;
    }
    const QLocale locale;
    const qint64 events = range->toPosition - range->fromPosition + 1;
    const QString size = events == 1 ? tr("1 event") : tr("%1 events").arg(locale.toString(events));
    m_range->setText(
        tr("Range %1 \u2013 %2 (%3)")
            .arg(locale.toString(range->fromPosition), locale.toString(range->toPosition), size));
}

void TransportBar::updateReadoutWidth()
{
    // As wide as the longest readout this store can produce, so that playing does not make the
    // layout twitch as digits come and go.
    const QLocale locale;
    const QString count = locale.toString(m_playhead.count());
    const QString widest = count % QStringLiteral(" / ") % count % QStringLiteral(" \u00b7 ") %
                           tr("before %1").arg(QStringLiteral("8888-88-88 88:88:88.888888"));
    m_readout->setMinimumWidth(m_readout->fontMetrics().horizontalAdvance(widest));
}

} // namespace eventscope::gui
