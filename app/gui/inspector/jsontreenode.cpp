#include "jsontreenode.h"

#include "jsondisplay.h"

namespace eventscope::gui {

namespace {

bool isContainer(const json::Value& value)
{
    return value.isObject() || value.isArray();
}

// Below this many members a key is found by a scan; above it a node builds a key -> row table once.
constexpr std::size_t keyTableThreshold = 32;

} // namespace

int JsonTreeNode::liveCount() const
{
    if (scalarRoot)
        return 1;
    return isContainer(value) ? int(value.size()) : 0;
}

const json::Value& JsonTreeNode::rowValue(int row) const
{
    if (scalarRoot)
        return value;
    if (isGhost(row))
        return ghost(row)->before;
    return value.isArray() ? value.at(std::size_t(row)) : value.valueAt(std::size_t(row));
}

json::PathSegment JsonTreeNode::segment(int row) const
{
    if (isGhost(row))
        return ghost(row)->path.back();
    if (value.isArray())
        return json::PathSegment{std::size_t(row)};
    return json::PathSegment{std::string(value.keyAt(std::size_t(row)))};
}

QString JsonTreeNode::keyText(int row) const
{
    if (scalarRoot)
        return jsondisplay::pathText({});
    if (isGhost(row))
        return jsondisplay::segmentText(ghost(row)->path.back());
    if (value.isArray())
        return QStringLiteral("[%1]").arg(row);
    const std::string_view key = value.keyAt(std::size_t(row));
    return QString::fromUtf8(key.data(), qsizetype(key.size()));
}

const ChangeIndex::Node* JsonTreeNode::rowChanges(int row) const
{
    if (!changes)
        return nullptr;
    if (scalarRoot)
        return changes;
    if (isGhost(row))
        return changes->child(ghost(row)->path.back());
    if (value.isArray())
        return changes->element(std::size_t(row));
    return changes->member(value.keyAt(std::size_t(row)));
}

RowChange JsonTreeNode::changeAt(int row) const
{
    RowChange change;
    const ChangeIndex::Node* here = rowChanges(row);
    if (here && here->entry) {
        change.touched = true;
        change.kind = here->entry->kind;
        change.before = here->entry->before;
        change.after = here->entry->after;
    } else if (allNew && !isGhost(row)) {
        change.touched = true;
        change.kind = json::DiffEntry::Kind::Added;
        change.after = rowValue(row);
    } else if (here) {
        change.containsChange = true;
    }
    return change;
}

int JsonTreeNode::childRowCount(int row) const
{
    if (scalarRoot || isGhost(row))
        return 0;
    const json::Value& child = rowValue(row);
    if (!isContainer(child))
        return 0;
    const ChangeIndex::Node* childChanges = rowChanges(row);
    return int(child.size()) + (childChanges ? int(childChanges->removed.size()) : 0);
}

int JsonTreeNode::rowOfKey(std::string_view key)
{
    if (!value.isObject())
        return -1;
    const std::size_t n = value.size();
    if (n <= keyTableThreshold) {
        for (std::size_t i = 0; i < n; ++i) {
            if (value.keyAt(i) == key)
                return int(i);
        }
        return -1;
    }
    if (m_keyRows.empty()) {
        m_keyRows.reserve(n);
        for (std::size_t i = 0; i < n; ++i)
            m_keyRows.emplace(value.keyAt(i), int(i));
    }
    const auto it = m_keyRows.find(key);
    return it == m_keyRows.end() ? -1 : it->second;
}

int JsonTreeNode::rowOf(const json::PathSegment& step)
{
    if (scalarRoot)
        return -1;
    if (const auto* index = std::get_if<std::size_t>(&step.step)) {
        if (value.isArray() && *index < value.size())
            return int(*index);
    } else if (const int row = rowOfKey(std::get<std::string>(step.step)); row >= 0) {
        return row;
    }
    for (int ghostRow = liveCount(); ghostRow < rowCount(); ++ghostRow) {
        if (ghost(ghostRow)->path.back() == step)
            return ghostRow;
    }
    return -1;
}

} // namespace eventscope::gui
