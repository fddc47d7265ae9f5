#include "watchpanel.h"

#include "inspectortreeview.h"
#include "watchlistmodel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace eventscope::gui {

WatchPanel::WatchPanel(QWidget* parent)
    : QWidget(parent), m_model(new WatchListModel(this)), m_toggle(new QToolButton(this)),
      m_pages(new QStackedWidget(this)), m_hint(new QLabel(this)), m_view(new InspectorTreeView(this)),
      m_unpin(new QAction(tr("Unpin"), this)), m_copyValue(new QAction(tr("Copy Value as JSON"), this))
{
    // Not checkable: a checked tool button draws sunken, which reads as a pressed tab, not a header.
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::DownArrow);
    m_toggle->setToolTip(tr("Show or hide the watch list"));
    connect(m_toggle, &QToolButton::clicked, this, [this] { setExpanded(!m_expanded); });

    m_hint->setText(tr("Pin a path from the tree's context menu to follow its value here."));
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setContentsMargins(6, 2, 6, 2);

    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setColumnWidthInChars(WatchListModel::PathColumn, 22);
    m_view->setColumnWidthInChars(WatchListModel::PreviousColumn, 14);
    m_view->setStretchColumn(WatchListModel::ValueColumn);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        m_view->setCurrentIndex(index);
        QMenu menu(this);
        menu.addAction(m_unpin);
        menu.addAction(m_copyValue);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        emit pathActivated(m_model->paths()[std::size_t(index.row())]);
    });

    connect(m_unpin, &QAction::triggered, this, [this] {
        if (const QModelIndex index = m_view->currentIndex(); index.isValid())
            m_model->unpin(m_model->paths()[std::size_t(index.row())]);
    });
    connect(m_copyValue, &QAction::triggered, this, [this] {
        const QModelIndex index = m_view->currentIndex();
        if (const auto value = m_model->valueAt(index.row()))
            QGuiApplication::clipboard()->setText(
                QString::fromUtf8(json::toJson(*value, json::Format::Indented)));
    });

    m_pages->addWidget(m_hint);
    m_pages->addWidget(m_view);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toggle);
    layout->addWidget(m_pages, 1);

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_model, signal, this, [this] {
            updateTitle();
            updatePage();
        });
    }
    updateTitle();
    updatePage();
}

void WatchPanel::setExpanded(bool expanded)
{
    if (m_expanded == expanded)
        return;
    m_expanded = expanded;
    m_toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
    m_pages->setVisible(expanded);
    // The splitter gives the freed height to the tree only if the panel may not keep it.
    setMaximumHeight(expanded ? QWIDGETSIZE_MAX : collapsedHeight());
    emit expandedChanged(expanded);
}

bool WatchPanel::isExpanded() const
{
    return m_expanded;
}

int WatchPanel::collapsedHeight() const
{
    return m_toggle->sizeHint().height();
}

void WatchPanel::updateTitle()
{
    const int count = m_model->rowCount();
    m_toggle->setText(count == 0 ? tr("Watch") : tr("Watch \u00b7 %1").arg(count));
}

void WatchPanel::updatePage()
{
    m_pages->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget*>(m_hint) : m_view);
}

} // namespace eventscope::gui
