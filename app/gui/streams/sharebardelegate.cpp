#include "sharebardelegate.h"

#include <QPainter>

#include <algorithm>

namespace eventscope::gui {

ShareBarDelegate::ShareBarDelegate(int shareRole, QObject* parent)
    : QStyledItemDelegate(parent), m_shareRole(shareRole)
{}

void ShareBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const
{
    const double share = std::clamp(index.data(m_shareRole).toDouble(), 0.0, 1.0);
    if (share > 0 && !(option.state & QStyle::State_Selected)) {
        const QColor base = option.palette.color(QPalette::Base);
        const QColor accent = option.palette.color(QPalette::Highlight);
        const double amount = base.lightnessF() < 0.5 ? 0.45 : 0.30;
        const QColor bar = QColor::fromRgbF(float(base.redF() * (1 - amount) + accent.redF() * amount),
                                            float(base.greenF() * (1 - amount) + accent.greenF() * amount),
                                            float(base.blueF() * (1 - amount) + accent.blueF() * amount));
        const QRect area = option.rect.adjusted(2, 3, -2, -3);
        QRect filled = area;
        filled.setWidth(std::max(1, int(area.width() * share + 0.5)));
        painter->fillRect(filled, bar);
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace eventscope::gui
