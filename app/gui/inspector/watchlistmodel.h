#pragma once

#include "json/jsonpath.h"
#include "json/jsonvalue.h"

#include <QAbstractTableModel>
#include <QFont>

#include <optional>
#include <vector>

namespace eventscope::gui {

// Pinned paths, like a debugger's watch list: each row shows the value at the path in the current
// state, the value one event earlier, and whether the last step changed it. Paths stay pinned when
// they vanish from the state (the row then reads "absent") and fill in again when they return.
class WatchListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        PathColumn,
        ValueColumn,
        PreviousColumn,
        ColumnCount
    };

    enum Role
    {
        PathRole = Qt::UserRole + 1, // json::Path
        ChangedRole,                 // bool: the last step changed the value at (or above) the path
        PresentRole                  // bool: the path exists in the current state
    };

    explicit WatchListModel(QObject* parent = nullptr);

    // Adds a row (at the end) and returns true; false when the path is already pinned.
    bool pin(const json::Path& path);
    bool unpin(const json::Path& path);
    bool isPinned(const json::Path& path) const { return rowOf(path) >= 0; }
    int rowOf(const json::Path& path) const;
    std::vector<json::Path> paths() const;

    // The current state and the state one event earlier; every row is re-read (dataChanged, not a
    // reset, so that the view keeps its selection).
    void setState(json::Value state, json::Value previous);

    std::optional<json::Value> valueAt(int row) const;
    std::optional<json::Value> previousAt(int row) const;
    bool changedAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Watch
    {
        json::Path path;
        QString pathText;
        std::optional<json::Value> value;
        std::optional<json::Value> previous;
        bool changed = false;
    };

    void read(Watch& watch) const;
    QVariant display(const Watch& watch, int column) const;

    json::Value m_state;
    json::Value m_previous;
    std::vector<Watch> m_watches;
    QFont m_monospace;
};

} // namespace eventscope::gui
