#pragma once

#include "changeindex.h"
#include "json/jsondiff.h"

#include <QString>

#include <memory>
#include <string_view>
#include <unordered_map>

namespace eventscope::gui {

// What the last step did at one row of the tree.
struct RowChange
{
    bool touched = false; // the step added, removed or changed this row (kind, before, after)
    json::DiffEntry::Kind kind = json::DiffEntry::Kind::Changed;
    json::Value before;
    json::Value after;
    bool containsChange = false; // untouched itself, changed below
};

// One container of JsonTreeModel's tree (internal to it): its rows are the container's members or
// elements in order, then the ghosts of the members the last step removed from it. A node exists
// only for containers the view has descended into; a row that is not a parent has none.
struct JsonTreeNode
{
    JsonTreeNode* parent = nullptr;
    int rowInParent = -1;
    json::Path path;
    json::Value value; // a copy shares the state's nodes: O(1), and it keeps the key views below alive
    const ChangeIndex::Node* changes = nullptr; // the last step's entries at and below this path
    bool allNew = false;     // everything here arrived in the last step (an added or replaced subtree)
    bool scalarRoot = false; // the state is not a container: one row showing the state itself
    std::unordered_map<int, std::unique_ptr<JsonTreeNode>> children;

    int liveCount() const;
    int ghostCount() const { return changes && !scalarRoot ? int(changes->removed.size()) : 0; }
    int rowCount() const { return liveCount() + ghostCount(); }
    bool isGhost(int row) const { return row >= liveCount(); }
    const json::DiffEntry* ghost(int row) const { return changes->removed[std::size_t(row - liveCount())]; }

    const json::Value& rowValue(int row) const;
    json::PathSegment segment(int row) const;
    QString keyText(int row) const;
    // The last step's entries at the row's path.
    const ChangeIndex::Node* rowChanges(int row) const;
    RowChange changeAt(int row) const;
    // How many rows the row's own container has (0 for scalars and ghosts), without making its node.
    int childRowCount(int row) const;

    // The live row at `segment`, else the ghost row, else -1.
    int rowOf(const json::PathSegment& segment);

private:
    int rowOfKey(std::string_view key);
    std::unordered_map<std::string_view, int> m_keyRows; // built on the first lookup in a large object
};

} // namespace eventscope::gui
