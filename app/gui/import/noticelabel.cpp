#include "noticelabel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace eventscope::gui {

NoticeLabel::NoticeLabel(QWidget* parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_text(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setTextFormat(Qt::PlainText);
    clear();
}

void NoticeLabel::setNotice(Kind kind, const QString& text)
{
    m_kind = kind;
    m_text->setText(text);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxInformation;
    if (kind == Kind::Warning)
        pixmap = QStyle::SP_MessageBoxWarning;
    else if (kind == Kind::Error)
        pixmap = QStyle::SP_MessageBoxCritical;
    m_icon->setPixmap(style()->standardIcon(pixmap, nullptr, this).pixmap(size, size));
    m_icon->setVisible(kind != Kind::Info);
    setVisible(!text.isEmpty());
}

void NoticeLabel::clear()
{
    m_kind = Kind::Info;
    m_text->clear();
    m_icon->clear();
    setVisible(false);
}

QString NoticeLabel::text() const
{
    return m_text->text();
}

} // namespace eventscope::gui
