#pragma once

#include "replay/replayengine.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace eventscope::gui {

// The invariants and breakpoints of the loaded script with what the last scan found: not checked
// yet, holding over the whole log, or first violated (an invariant) or hit (a breakpoint) at an
// event.
class ChecksModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        KindColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        PositionRole = Qt::UserRole + 1 // the event where it fired, 0 when it did not
    };

    struct Check
    {
        QString name;
        bool breakpoint = false;
        enum class Status
        {
            NotChecked,
            Holds,
            Fired
        } status = Status::NotChecked;
        qint64 position = 0;
        QString partition;
    };

    explicit ChecksModel(QObject* parent = nullptr);

    void setChecks(std::vector<Check> checks);
    const std::vector<Check>& checks() const { return m_checks; }
    // A whole-log scan's answer: the first firing of each check that fired; the others hold.
    void setScanResult(const std::vector<replay::Violation>& violations);
    // One check fired at an event (run to next violation): only that row changes.
    void setFired(const replay::Violation& violation);
    void clearResults();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Check> m_checks;
};

} // namespace eventscope::gui
