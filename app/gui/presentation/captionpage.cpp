#include "captionpage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace eventscope::gui {
namespace {

QLabel* scaledLabel(QWidget* parent, double scale, bool bold)
{
    auto* label = new QLabel(parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(bold);
    label->setFont(font);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

CaptionPage::CaptionPage(QWidget* parent) : QWidget(parent)
{
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    m_progress = scaledLabel(this, 1.0, false);
    m_progress->setForegroundRole(QPalette::PlaceholderText);
    m_note = scaledLabel(this, 2.0, true);
    m_note->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_event = scaledLabel(this, 1.1, false);
    m_hint = scaledLabel(this, 0.9, false);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 40, 48, 28);
    layout->setSpacing(18);
    layout->addWidget(m_progress);
    layout->addWidget(m_note, 1);
    layout->addWidget(m_event);
    layout->addWidget(m_hint);
    setPaused(false);
}

void CaptionPage::setStop(int index, int count, const QString& note)
{
    m_progress->setText(tr("Bookmark %1 of %2").arg(index + 1).arg(count));
    m_note->setText(note.isEmpty() ? tr("(no note)") : note);
}

void CaptionPage::setEventLine(const QString& line)
{
    m_event->setText(line);
}

void CaptionPage::setPaused(bool paused)
{
    const QString keys = tr("Space pause \u00b7 \u2190 \u2192 previous / next bookmark \u00b7 Esc leave");
    m_hint->setText(paused ? tr("Paused \u2014 %1").arg(keys) : keys);
}

QString CaptionPage::note() const
{
    return m_note->text();
}

QString CaptionPage::progress() const
{
    return m_progress->text();
}

} // namespace eventscope::gui
