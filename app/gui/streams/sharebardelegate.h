#pragma once

#include <QStyledItemDelegate>

namespace eventscope::gui {

// Draws a cell's share (a number in [0, 1] under `shareRole`) as a bar behind its text, in the
// palette's highlight colour toned down toward the base, so proportions read at a glance.
class ShareBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    ShareBarDelegate(int shareRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

private:
    int m_shareRole;
};

} // namespace eventscope::gui
