#include "livestatuswidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

namespace eventscope::gui {

using importers::live::LiveState;

namespace {

QColor stateColor(LiveState state)
{
    switch (state) {
    case LiveState::Following:
        return {0x2e, 0x8b, 0x57};
    case LiveState::CatchingUp:
    case LiveState::Connecting:
        return {0xd4, 0x8c, 0x1e};
    case LiveState::Error:
        return {0xc0, 0x39, 0x2b};
    case LiveState::Stopped:
        break;
    }
    return {0x88, 0x88, 0x88};
}

} // namespace

LiveStatusWidget::LiveStatusWidget(QWidget* parent)
    : QWidget(parent), m_dot(new QLabel(QStringLiteral("\u25cf"), this)), m_text(new QLabel(this)),
      m_stop(new QToolButton(this))
{
    m_stop->setText(tr("Stop"));
    m_stop->setToolTip(tr("Stop following the live store"));
    m_stop->setAutoRaise(true);
    connect(m_stop, &QToolButton::clicked, this, &LiveStatusWidget::stopRequested);
    m_text->setTextFormat(Qt::PlainText);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_dot);
    layout->addWidget(m_text);
    layout->addWidget(m_stop);
    hide();
}

QString LiveStatusWidget::text() const
{
    return m_text->text();
}

void LiveStatusWidget::showStatus(const QString& url, const importers::live::LiveStatus& status)
{
    const QLocale locale;
    QString text = tr("%1 %2").arg(importers::live::stateName(status.state), url);
    if (status.state == LiveState::Error) {
        text += QStringLiteral(": ") + status.message;
    } else {
        text += tr(" \u00b7 at %1 \u00b7 lag %2 \u00b7 +%3 events")
                    .arg(locale.toString(status.position), locale.toString(status.lag()),
                         locale.toString(status.appended));
        if (!status.message.isEmpty())
            text += QStringLiteral(" \u00b7 ") + status.message;
    }
    m_text->setText(text);
    m_text->setToolTip(text);
    QPalette palette = m_dot->palette();
    palette.setColor(QPalette::WindowText, stateColor(status.state));
    m_dot->setPalette(palette);
    const bool running = status.state != LiveState::Stopped && status.state != LiveState::Error;
    m_stop->setVisible(running);
    show();
}

} // namespace eventscope::gui
