#include "eventtableview.h"

#include "eventtablemodel.h"

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QPainter>
#include <QStyledItemDelegate>

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

        QStyleOptionViewItem inset(option);
        inset.state &= ~QStyle::State_HasFocus;
        inset.rect.adjust(padding, 0, -padding, 0);
        QStyledItemDelegate::paint(painter, inset, index);
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(2 * padding, 0);
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

    applyMetrics();
}

void EventTableView::setModel(QAbstractItemModel* model)
{
    QTableView::setModel(model);
    applyMetrics();
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
