#pragma once

#include "json/jsondiff.h"
#include "json/jsonpath.h"
#include "json/jsonvalue.h"

#include <QAbstractTableModel>

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace eventscope::gui {

// A map-shaped part of a projection's state as a table, the way a CQRS read model is queried: one
// row per key (an object's members, or an array's elements), a column for the key and one for each
// field any row has (a "Value" column for rows that are scalars).
//
// setState() follows the playhead without resetting: it compares the new map with the rows it has
// (copy-on-write sharing makes an unchanged row cost a pointer comparison), then inserts columns for
// new fields, removes the rows of keys that went, emits dataChanged for rows whose value changed, and
// appends rows for new keys. A view's sort, selection and scroll position therefore stay put, and a
// step that touches three rows of ten thousand costs three rows. Columns only grow while the path
// stays the same, so the table does not jump about as fields come and go.
class ReadModelModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        SortRole = Qt::UserRole + 1, // double for numbers and booleans, QString otherwise; none when absent
        ChangeKindRole,              // int(json::DiffEntry::Kind) for rows the last step touched
        CellChangedRole,             // bool: this cell's field changed in the last step
        JsonRole                     // QString: the cell's value as compact JSON
    };

    static constexpr int KeyColumn = 0;

    explicit ReadModelModel(QObject* parent = nullptr);
    ~ReadModelModel() override;

    // Where the map is in the state. Changing it starts a new table (a reset).
    void setPath(const json::Path& path);
    const json::Path& path() const { return m_path; }

    // The state at the playhead, and the step that led to it (diff entries from the previous state).
    void setState(const json::Value& state, const std::vector<json::DiffEntry>& lastStep = {});
    // Forgets rows and columns (a workspace closed).
    void clear();

    // Whether the path leads to an object or array in the current state.
    bool pathFound() const { return m_found; }
    bool rowsAreIndexes() const { return m_arrayRows; } // the map is an array: keys are indexes

    QString keyAt(int row) const;
    int rowOfKey(const QString& key) const; // -1 when absent
    const json::Value& rowValue(int row) const;
    // The value a cell shows; nullptr when the row has no such field (or for the key column).
    const json::Value* cellValue(int row, int column) const;
    QString columnName(int column) const; // "Key", "Value", or the field's name
    // Rows the last step touched, by row.
    std::optional<json::DiffEntry::Kind> changeOf(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        std::string key;
        json::Value value;
    };
    // A column after the key: a field of object rows, or (nullopt) the value of scalar rows.
    using Column = std::optional<std::string>;
    struct Change
    {
        json::DiffEntry::Kind kind = json::DiffEntry::Kind::Changed;
        std::vector<std::string> fields; // the fields the step changed, for cells to mark
    };

    // Adds to `added` the columns `value` needs that neither the model nor `added` has yet.
    void collectColumns(const json::Value& value, std::vector<Column>& added,
                        std::unordered_set<std::string>& addedFields) const;
    std::unordered_map<std::string, Change> changesBy(const std::vector<json::DiffEntry>& lastStep,
                                                      std::optional<json::DiffEntry::Kind>& all) const;
    void reset(); // no rows, no columns
    void rebuildKeyIndex();
    void emitRowsChanged(std::vector<int> rows);
    QString display(const json::Value& value) const;

    json::Path m_path;
    json::Value m_map; // the map as last shown: unchanged when the new one shares it
    bool m_found = false;
    bool m_arrayRows = false;
    std::vector<Row> m_rows;
    std::unordered_map<std::string, int> m_rowOfKey;
    std::vector<Column> m_columns;
    std::unordered_set<std::string> m_fieldColumns; // the fields among m_columns, for lookups
    bool m_hasValueColumn = false;
    std::unordered_map<std::string, Change> m_changes; // by key: what the last step did
    std::optional<json::DiffEntry::Kind> m_allChanged; // the step replaced the map itself
};

} // namespace eventscope::gui
