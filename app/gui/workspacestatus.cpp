#include "workspacestatus.h"

#include "timeformat.h"
#include "workspacesession.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace eventscope::gui {
namespace {

QFrame* separator(QWidget* parent)
{
    auto* line = new QFrame(parent);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    return line;
}

} // namespace

WorkspaceStatus::WorkspaceStatus(QWidget* parent)
    : QWidget(parent), m_name(new QLabel(this)), m_events(new QLabel(this)), m_timeRange(new QLabel(this)),
      m_streams(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(10);
    QFont bold = m_name->font();
    bold.setBold(true);
    m_name->setFont(bold);
    for (QLabel* label : {m_name, m_events, m_timeRange, m_streams}) {
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        if (label != m_name)
            layout->addWidget(separator(this));
        layout->addWidget(label);
    }
    layout->addStretch(1);
    clear();
}

void WorkspaceStatus::setSummary(const WorkspaceSummary& summary)
{
    const QLocale locale;
    m_name->setText(summary.name);
    m_name->setToolTip(summary.path);
    m_events->setText(summary.eventCount == 1 ? tr("1 event")
                                              : tr("%1 events").arg(locale.toString(summary.eventCount)));
    if (summary.timeRange) {
        const auto [first, last] = *summary.timeRange;
        m_timeRange->setText(
            tr("%1 \u2013 %2 (%3)")
                .arg(formatTimestamp(first), formatTimestamp(last), formatDuration(last - first)));
    } else {
        m_timeRange->setText(tr("no time range"));
    }
    if (summary.streamCount < 0)
        m_streams->setText(tr("counting streams\u2026"));
    else
        m_streams->setText(summary.streamCount == 1
                               ? tr("1 stream")
                               : tr("%1 streams").arg(locale.toString(summary.streamCount)));
    m_events->setToolTip(
        summary.attachedTo.isEmpty()
            ? QString()
            : tr("Read in place from %1: the events stay on the server").arg(summary.attachedTo));
    if (!summary.attachedTo.isEmpty())
        m_events->setText(tr("%1, read in place").arg(m_events->text()));
    for (QWidget* child : findChildren<QWidget*>())
        child->setVisible(true);
}

void WorkspaceStatus::clear()
{
    m_name->setText(tr("No workspace open"));
    m_name->setToolTip({});
    // Only the name stays; the separators and empty fields would read as clutter.
    for (QWidget* child : findChildren<QWidget*>())
        child->setVisible(child == m_name);
}

QString WorkspaceStatus::text() const
{
    QStringList parts;
    for (const QLabel* label : {m_name, m_events, m_timeRange, m_streams}) {
        if (!label->isHidden())
            parts << label->text();
    }
    return parts.join(QStringLiteral(" | "));
}

QString WorkspaceStatus::formatDuration(qint64 micros)
{
    const qint64 seconds = micros / 1'000'000;
    if (seconds < 60)
        return tr("%1 s").arg(QLocale().toString(double(micros) / 1e6, 'g', 3));
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min %2 s").arg(minutes).arg(seconds % 60);
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return tr("%1 h %2 min").arg(hours).arg(minutes % 60);
    return tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

} // namespace eventscope::gui
