#include "welcomepage.h"

#include "recentworkspaces.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace eventscope::gui {

WelcomePage::WelcomePage(QWidget* parent) : QWidget(parent), m_recentList(new QVBoxLayout)
{
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);

    auto* title = new QLabel(tr("Eventscope"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.0);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);

    auto* blurb = new QLabel(tr("Open a workspace to browse its events."), this);
    blurb->setForegroundRole(QPalette::PlaceholderText);

    auto* open = new QPushButton(tr("Open Workspace\u2026"), this);
    open->setDefault(true);
    connect(open, &QPushButton::clicked, this, &WelcomePage::openRequested);

    auto* column = new QVBoxLayout;
    column->setSpacing(12);
    column->addWidget(title);
    column->addWidget(blurb);
    column->addSpacing(8);
    column->addWidget(open, 0, Qt::AlignLeft);
    column->addSpacing(16);
    m_recentList->setSpacing(2);
    column->addLayout(m_recentList);

    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto* centre = new QVBoxLayout;
    centre->addStretch(2);
    centre->addLayout(column);
    centre->addStretch(3);
    outer->addLayout(centre);
    outer->addStretch(1);
}

void WelcomePage::showEvent(QShowEvent* event)
{
    refresh();
    QWidget::showEvent(event);
}

void WelcomePage::refresh()
{
    while (QLayoutItem* item = m_recentList->takeAt(0)) {
        if (QWidget* widget = item->widget())
            widget->deleteLater(); // a button may be inside its own clicked() right now
        delete item;
    }
    const QStringList recent = RecentWorkspaces::paths();
    if (recent.isEmpty())
        return;
    auto* heading = new QLabel(tr("Recent workspaces"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    m_recentList->addWidget(heading);
    for (const QString& path : recent) {
        auto* button = new QPushButton(QFileInfo(path).fileName(), this);
        button->setFlat(true);
        button->setCursor(Qt::PointingHandCursor);
        button->setToolTip(QDir::toNativeSeparators(path));
        button->setStyleSheet(QStringLiteral("text-align: left; padding: 3px 6px;"));
        connect(button, &QPushButton::clicked, this, [this, path] { emit workspaceRequested(path); });
        m_recentList->addWidget(button);
    }
}

} // namespace eventscope::gui
