#include "eventtableview.h"

#include "eventtablemodel.h"

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>

namespace eventscope::gui {
namespace {

// Fusion leaves ~3 px beside cell text, which runs a right-aligned number into the next column's
// text. This insets the text while the selection still fills the whole cell, and drops the focus
// frame, which reads as noise when whole rows are selected.
class PaddedDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static constexpr int padding = 3;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem panel(option);
        initStyleOption(&panel, index);
        panel.state &= ~QStyle::State_HasFocus;
        const QWidget* widget = option.widget;
        QStyle* style = widget ? widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &panel, painter, widget);
        const int mark = index.data(EventTableModel::PlayheadRole).toInt();
        if (mark == EventTableModel::AtPlayhead)
            paintPlayheadTint(painter, option);
        else if (index.data(EventTableModel::InHighlightedStreamRole).toBool())
            paintStreamTint(painter, option, index.column() == 0);

        QStyleOptionViewItem inset(option);
        inset.state &= ~QStyle::State_HasFocus;
        inset.rect.adjust(padding, 0, -padding, 0);
        QStyledItemDelegate::paint(painter, inset, index);
        if (mark == EventTableModel::PlayheadAfter)
            paintPlayheadLine(painter, option);
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(2 * padding, 0);
    }

private:
    // The playhead's row is tinted with the highlight colour, quieter than a selection (which
    // already says it louder when both fall on one row).
    static void paintPlayheadTint(QPainter* painter, const QStyleOptionViewItem& option)
    {
        if (option.state & QStyle::State_Selected)
            return;
        QColor tint = option.palette.color(QPalette::Active, QPalette::Highlight);
        tint.setAlphaF(0.22f);
        painter->fillRect(option.rect, tint);
    }

    // The rows of the stream picked in the Streams dock: a fainter tint, and a bar at the row's start
    // that reads as "this stream" down the table.
    static void paintStreamTint(QPainter* painter, const QStyleOptionViewItem& option, bool firstColumn)
    {
        if (option.state & QStyle::State_Selected)
            return;
        QColor tint = option.palette.color(QPalette::Active, QPalette::Highlight);
        tint.setAlphaF(0.09f);
        painter->fillRect(option.rect, tint);
        if (firstColumn) {
            const int width = std::max(3, option.fontMetrics.height() / 5);
            painter->fillRect(QRect(option.rect.left(), option.rect.top(), width, option.rect.height()),
                              option.palette.color(QPalette::Active, QPalette::Highlight));
        }
    }

    // When the playhead's event is filtered out, a line under the row before it marks where it lies.
    static void paintPlayheadLine(QPainter* painter, const QStyleOptionViewItem& option)
    {
        const int thickness = std::max(2, option.fontMetrics.height() / 8);
        painter->fillRect(
            QRect(option.rect.left(), option.rect.bottom() + 1 - thickness, option.rect.width(), thickness),
            option.palette.color(QPalette::Active, QPalette::Highlight));
    }
};

} // namespace

EventTableView::EventTableView(QWidget* parent) : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(false);
    setShowGrid(false);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setCornerButtonEnabled(false);
    setSortingEnabled(false);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setTabKeyNavigation(false);
    setItemDelegate(new PaddedDelegate(this));

    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    QHeaderView* header = horizontalHeader();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    // The scroll bar reports what the user does to it (drags, clicks, wheel over it), never what
    // scrollTo() does: exactly the "scrolled by hand" that pauses following.
    connect(verticalScrollBar(), &QAbstractSlider::actionTriggered, this, [this] { markManualScroll(); });

    applyMetrics();
}

void EventTableView::setModel(QAbstractItemModel* model)
{
    QTableView::setModel(model);
    m_eventModel = qobject_cast<EventTableModel*>(model);
    applyMetrics();
}

bool EventTableView::isFollowPaused() const
{
    return m_manualScroll.isValid() && m_manualScroll.elapsed() < m_followPauseMs;
}

void EventTableView::setPlayheadPosition(qint64 position)
{
    if (!m_eventModel)
        return;
    m_eventModel->setPlayheadPosition(position);
    const int row = m_eventModel->playheadRow();
    if (row >= 0 && !isFollowPaused())
        followRow(row);
}

void EventTableView::followRow(int row)
{
    const int viewportHeight = viewport()->height();
    const int top = rowViewportPosition(row);
    const int bottom = top + rowHeight(row);
    if (top >= 0 && bottom <= viewportHeight)
        return; // fully on screen already
    // A step off the edge (playback, stepping) scrolls by that step, so the eye can follow; a jump
    // puts the row in the middle, with context on both sides.
    const int step = rowHeight(row);
    const bool adjacent =
        (top < 0 && bottom > -step) || (bottom > viewportHeight && top < viewportHeight + step);
    const int horizontal = horizontalScrollBar()->value();
    scrollTo(model()->index(row, 0), adjacent ? EnsureVisible : PositionAtCenter);
    horizontalScrollBar()->setValue(horizontal); // following is vertical only
}

void EventTableView::wheelEvent(QWheelEvent* event)
{
    markManualScroll();
    QTableView::wheelEvent(event);
}

void EventTableView::keyPressEvent(QKeyEvent* event)
{
    const int before = currentIndex().row();
    QTableView::keyPressEvent(event);
    const QModelIndex current = currentIndex();
    if (m_eventModel && current.isValid() && current.row() != before)
        emit positionActivated(m_eventModel->positionAt(current.row()));
}

void EventTableView::mousePressEvent(QMouseEvent* event)
{
    QTableView::mousePressEvent(event);
    const QModelIndex index = indexAt(event->position().toPoint());
    if (m_eventModel && index.isValid() && event->button() == Qt::LeftButton &&
        !(event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)))
        emit positionActivated(m_eventModel->positionAt(index.row()));
}

void EventTableView::paintEvent(QPaintEvent* event)
{
    QTableView::paintEvent(event);
    if (!m_eventModel || m_prefetchScheduled)
        return;
    // Once the frame is out, read the screens above and below the visible one while idle.
    m_prefetchScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_prefetchScheduled = false;
        if (!m_eventModel)
            return;
        const int first = rowAt(0);
        if (first < 0)
            return;
        const int last = rowAt(viewport()->height() - 1);
        const int visible = (last < 0 ? m_eventModel->rowCount() - 1 : last) - first + 1;
        m_eventModel->prefetch(first - visible, first + 2 * visible);
    });
}

void EventTableView::changeEvent(QEvent* event)
{
    QTableView::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        applyMetrics();
}

void EventTableView::applyMetrics()
{
    const QFontMetrics text = fontMetrics();
    const QFontMetrics mono(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const int lineHeight = std::max(text.height(), mono.height());
    verticalHeader()->setMinimumSectionSize(lineHeight);
    verticalHeader()->setDefaultSectionSize(lineHeight + 8);

    if (!model() || model()->columnCount() != EventTableModel::ColumnCount)
        return;
    const int padding = 2 * PaddedDelegate::padding + 2 * text.averageCharWidth();
    const auto width = [&](const QString& sample) { return text.horizontalAdvance(sample) + padding; };
    QHeaderView* header = horizontalHeader();
    header->setMinimumSectionSize(width(QStringLiteral("000")));
    header->resizeSection(EventTableModel::PositionColumn, width(QStringLiteral("Position 00")));
    header->resizeSection(EventTableModel::TimeColumn, width(QStringLiteral("2025-12-31T23:59:59.999999Z")));
    header->resizeSection(EventTableModel::StreamColumn, width(QString(22, QLatin1Char('n'))));
    header->resizeSection(EventTableModel::TypeColumn, width(QString(24, QLatin1Char('n'))));
    header->resizeSection(EventTableModel::VersionColumn, width(QStringLiteral("Version 0")));
}

} // namespace eventscope::gui
