#include "inspectortreeview.h"

#include <QEvent>
#include <QGraphicsOpacityEffect>
#include <QHeaderView>
#include <QMenu>

namespace eventscope::gui {

namespace {

constexpr int dimDelayMs = 150;
constexpr qreal dimmedOpacity = 0.55;

} // namespace

InspectorTreeView::InspectorTreeView(QWidget* parent) : QTreeView(parent)
{
    setUniformRowHeights(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAllColumnsShowFocus(true);
    setTextElideMode(Qt::ElideRight);
    setWordWrap(false);
    setAnimated(false);
    setAlternatingRowColors(false);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    QHeaderView* head = header();
    head->setStretchLastSection(false);
    head->setSectionsMovable(false);
    head->setHighlightSections(false);
    head->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    head->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(head, &QHeaderView::customContextMenuRequested, this, &InspectorTreeView::showHeaderMenu);

    m_dimDelay.setSingleShot(true);
    m_dimDelay.setInterval(dimDelayMs);
    connect(&m_dimDelay, &QTimer::timeout, this, [this] {
        if (m_pending && m_dim)
            m_dim->setEnabled(true);
    });
}

void InspectorTreeView::setModel(QAbstractItemModel* model)
{
    QTreeView::setModel(model);
    applyWidths();
}

void InspectorTreeView::setColumnWidthInChars(int column, int chars)
{
    setColumnWidthForText(column, QString(chars, u'x'));
}

void InspectorTreeView::setColumnWidthForText(int column, const QString& sample)
{
    m_widthSamples.append({column, sample});
    applyWidths();
}

void InspectorTreeView::setStretchColumn(int column)
{
    m_stretchColumn = column;
    applyWidths();
}

void InspectorTreeView::setOptionalColumns(const QList<int>& columns, const QList<int>& hiddenAtStart)
{
    m_optionalColumns = columns;
    for (int column : hiddenAtStart)
        setColumnHidden(column, true);
}

void InspectorTreeView::setPending(bool pending)
{
    if (m_pending == pending)
        return;
    m_pending = pending;
    if (pending) {
        if (!m_dim) {
            // On the viewport, not the view: the header and scroll bars stay crisp.
            m_dim = new QGraphicsOpacityEffect(viewport());
            m_dim->setOpacity(dimmedOpacity);
            m_dim->setEnabled(false);
            viewport()->setGraphicsEffect(m_dim);
        }
        m_dimDelay.start();
    } else {
        m_dimDelay.stop();
        if (m_dim)
            m_dim->setEnabled(false);
    }
}

void InspectorTreeView::changeEvent(QEvent* event)
{
    QTreeView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        applyWidths();
}

void InspectorTreeView::applyWidths()
{
    if (!model())
        return;
    QHeaderView* head = header();
    const QFontMetrics metrics = fontMetrics();
    // The cell's text margins plus a little air, so that a sample that fits is not elided.
    const int margins =
        2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + metrics.averageCharWidth();
    for (const auto& [column, sample] : std::as_const(m_widthSamples)) {
        if (column < head->count()) {
            head->setSectionResizeMode(column, QHeaderView::Interactive);
            head->resizeSection(column, metrics.horizontalAdvance(sample) + margins);
        }
    }
    if (m_stretchColumn >= 0 && m_stretchColumn < head->count())
        head->setSectionResizeMode(m_stretchColumn, QHeaderView::Stretch);
}

void InspectorTreeView::showHeaderMenu(const QPoint& pos)
{
    if (m_optionalColumns.isEmpty() || !model())
        return;
    QMenu menu(this);
    for (int column : std::as_const(m_optionalColumns)) {
        QAction* action = menu.addAction(model()->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!isColumnHidden(column));
        connect(action, &QAction::toggled, this, [this, column](bool on) { setColumnHidden(column, !on); });
    }
    menu.exec(header()->mapToGlobal(pos));
}

} // namespace eventscope::gui
