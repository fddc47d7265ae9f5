#pragma once

#include <QList>
#include <QTimer>
#include <QTreeView>

class QGraphicsOpacityEffect;

namespace eventscope::gui {

// The item view every inspector pane uses: one fixed-height line per row (so 200,000 members lay
// out without measuring any), whole-row selection, elided cells, column widths from the font rather
// than from the contents (measuring would read every row), and a header menu for optional columns.
class InspectorTreeView : public QTreeView
{
    Q_OBJECT

public:
    explicit InspectorTreeView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;

    // A column's width in average characters of the view's font, or wide enough for `sample`
    // (plus cell margins); either follows font changes.
    void setColumnWidthInChars(int column, int chars);
    void setColumnWidthForText(int column, const QString& sample);
    // The column that takes the remaining width; others keep their width.
    void setStretchColumn(int column);
    // Columns the user may hide or show from the header's context menu, and which start hidden.
    void setOptionalColumns(const QList<int>& columns, const QList<int>& hiddenAtStart = {});

    // Dims the rows while a newer result is being computed. The dimming starts after a short delay,
    // so a result that arrives quickly (scrubbing) never flickers; input is never blocked.
    void setPending(bool pending);
    bool isPending() const { return m_pending; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyWidths();
    void showHeaderMenu(const QPoint& pos);

    QList<QPair<int, QString>> m_widthSamples;
    QList<int> m_optionalColumns;
    int m_stretchColumn = -1;
    bool m_pending = false;
    QTimer m_dimDelay;
    QGraphicsOpacityEffect* m_dim = nullptr;
};

} // namespace eventscope::gui
