#pragma once

#include "changeindex.h"
#include "json/jsondiff.h"

#include <QAbstractItemModel>
#include <QFont>

#include <memory>
#include <vector>

namespace eventscope::gui {

struct JsonTreeNode;

// A projection's state as a tree: one row per object member or array element, then one struck-out
// "ghost" row per member the last step removed.
//
// Nothing is materialised up front. An index is (row, the node of its parent container), so a row
// costs nothing until it is itself used as a parent; a node is made for a container only when the
// view asks for its children. Expanding a 200,000-member object therefore makes one node, and
// rowCount() of any row is read straight from the JSON value.
//
// setState() keeps the view's expansion, selection and current index wherever the same paths still
// exist: it emits a layout change and moves every persistent index to the row of its path in the
// new state (or invalidates it), rather than resetting the model.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        KeyColumn,
        ValueColumn,
        TypeColumn,
        PreviousColumn, // the value before the last step, for rows it changed
        ColumnCount
    };

    enum Role
    {
        PathRole = Qt::UserRole + 1, // json::Path of the row
        ChangeKindRole,     // int(json::DiffEntry::Kind) for rows the last step touched; none otherwise
        ChangeTextRole,     // "old → new" for touched rows; none otherwise
        ContainsChangeRole, // bool: an untouched container with changes somewhere below
        GhostRole,          // bool: a row the last step removed
        JsonRole            // QString: the row's value as compact JSON
    };

    explicit JsonTreeModel(QObject* parent = nullptr);
    ~JsonTreeModel() override;

    // The state to show and the step that led to it (diff entries from the previous state).
    void setState(json::Value state, std::vector<json::DiffEntry> lastStep = {});
    const json::Value& state() const { return m_state; }
    const ChangeIndex& lastStep() const { return m_changes; }

    // The row at `path` (a live row, or else a ghost row); invalid when the path is in neither.
    // Makes the nodes along the path, nothing else.
    QModelIndex indexForPath(const json::Path& path, int column = KeyColumn) const;
    json::Path pathForIndex(const QModelIndex& index) const;
    // The value a row shows (a ghost row: the removed value).
    json::Value valueAt(const QModelIndex& index) const;
    // How many container nodes exist: what lazy creation is measured by.
    int nodeCount() const { return m_nodeCount; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QModelIndex sibling(int row, int column, const QModelIndex& index) const override;

private:
    using Node = JsonTreeNode;

    Node* ownerOf(const QModelIndex& index) const;
    Node* nodeFor(const QModelIndex& parent) const; // root for an invalid index
    Node* childNode(Node& owner, int row) const;
    // indexForPath(), trying first the rows the path had in the previous state (`rows`, root
    // first): members usually keep their places, and a hit spares the search of a large object.
    QModelIndex locate(const json::Path& path, int column, const std::vector<int>& rows) const;
    std::vector<int> rowsForIndex(const QModelIndex& index) const;
    std::unique_ptr<Node> makeRoot() const;
    QVariant displayData(const Node& owner, int row, int column) const;
    QVariant toolTip(const Node& owner, int row) const;
    QVariant background(const Node& owner, int row, int column) const;
    QVariant foreground(const Node& owner, int row, int column) const;

    json::Value m_state = json::Value::object(); // an empty tree until the first state
    ChangeIndex m_changes;
    std::unique_ptr<Node> m_root;
    mutable int m_nodeCount = 0;
    QFont m_monospace;
    QFont m_ghostMonospace;
    QFont m_ghostFont;
};

} // namespace eventscope::gui
