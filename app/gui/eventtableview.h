#pragma once

#include <QTableView>

namespace eventscope::gui {

// The events table as a log viewer wants it: one fixed-height line per event (so a million rows
// cost nothing to lay out), whole-row selection, no grid, column widths from the font rather than
// from the contents (measuring contents would read every row).
class EventTableView : public QTableView
{
    Q_OBJECT

public:
    explicit EventTableView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyMetrics();
};

} // namespace eventscope::gui
