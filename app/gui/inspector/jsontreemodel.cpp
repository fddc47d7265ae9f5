#include "jsontreemodel.h"

#include "changestyle.h"
#include "jsondisplay.h"
#include "jsontreenode.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace eventscope::gui {

namespace {

bool isContainer(const json::Value& value)
{
    return value.isObject() || value.isArray();
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QAbstractItemModel(parent), m_monospace(changestyle::monospaceFont()), m_ghostMonospace(m_monospace)
{
    m_ghostMonospace.setStrikeOut(true);
    m_ghostFont.setStrikeOut(true);
    m_root = makeRoot();
}

JsonTreeModel::~JsonTreeModel() = default;

std::unique_ptr<JsonTreeModel::Node> JsonTreeModel::makeRoot() const
{
    auto root = std::make_unique<Node>();
    root->value = m_state;
    root->changes = m_changes.root();
    root->scalarRoot = !isContainer(m_state);
    root->allNew = root->changes && root->changes->replacesSubtree();
    ++m_nodeCount;
    return root;
}

void JsonTreeModel::setState(json::Value state, std::vector<json::DiffEntry> lastStep)
{
    emit layoutAboutToBeChanged();

    // Paths of everything the views hold on to (expanded rows, selection, current), read from the
    // old tree before it goes.
    const QModelIndexList before = persistentIndexList();
    std::vector<json::Path> paths;
    std::vector<std::vector<int>> rows;
    paths.reserve(std::size_t(before.size()));
    rows.reserve(std::size_t(before.size()));
    for (const QModelIndex& index : before) {
        paths.push_back(pathForIndex(index));
        rows.push_back(rowsForIndex(index));
    }

    const std::unique_ptr<Node> oldRoot = std::move(m_root);
    m_state = std::move(state);
    m_changes = ChangeIndex(std::move(lastStep));
    m_nodeCount = 0;
    m_root = makeRoot();

    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const QModelIndex& old = before.at(i);
        // The root of a container state has no row: a path that led nowhere stays nowhere.
        after.append(paths[std::size_t(i)].empty() && !m_root->scalarRoot
                         ? QModelIndex()
                         : locate(paths[std::size_t(i)], old.column(), rows[std::size_t(i)]));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged();
}

QModelIndex JsonTreeModel::indexForPath(const json::Path& path, int column) const
{
    return locate(path, column, {});
}

QModelIndex JsonTreeModel::locate(const json::Path& path, int column, const std::vector<int>& rows) const
{
    if (column < 0 || column >= ColumnCount)
        return {};
    if (path.empty())
        return m_root->scalarRoot ? createIndex(0, column, m_root.get()) : QModelIndex();
    Node* node = m_root.get();
    for (std::size_t i = 0; i < path.size(); ++i) {
        const bool hinted = i < rows.size() && rows[i] < node->liveCount() && !node->scalarRoot &&
                            node->segment(rows[i]) == path[i];
        const int row = hinted ? rows[i] : node->rowOf(path[i]);
        if (row < 0)
            return {};
        if (i + 1 == path.size())
            return createIndex(row, column, node);
        node = childNode(*node, row);
        if (!node)
            return {};
    }
    return {};
}

json::Path JsonTreeModel::pathForIndex(const QModelIndex& index) const
{
    const Node* owner = ownerOf(index);
    if (!owner || owner->scalarRoot)
        return {};
    json::Path path = owner->path;
    path.push_back(owner->segment(index.row()));
    return path;
}

std::vector<int> JsonTreeModel::rowsForIndex(const QModelIndex& index) const
{
    std::vector<int> rows;
    const Node* owner = ownerOf(index);
    if (!owner)
        return rows;
    rows.push_back(index.row());
    for (; owner->parent; owner = owner->parent)
        rows.push_back(owner->rowInParent);
    std::reverse(rows.begin(), rows.end());
    return rows;
}

json::Value JsonTreeModel::valueAt(const QModelIndex& index) const
{
    const Node* owner = ownerOf(index);
    return owner ? owner->rowValue(index.row()) : m_state;
}

JsonTreeModel::Node* JsonTreeModel::ownerOf(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return nullptr;
    return static_cast<Node*>(index.internalPointer());
}

JsonTreeModel::Node* JsonTreeModel::nodeFor(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return m_root.get();
    if (parent.column() != KeyColumn)
        return nullptr;
    Node* owner = ownerOf(parent);
    return owner ? childNode(*owner, parent.row()) : nullptr;
}

JsonTreeModel::Node* JsonTreeModel::childNode(Node& owner, int row) const
{
    if (owner.scalarRoot || row < 0 || owner.isGhost(row))
        return nullptr;
    const auto found = owner.children.find(row);
    if (found != owner.children.end())
        return found->second.get();
    const json::Value& value = owner.rowValue(row);
    if (!isContainer(value))
        return nullptr;
    auto node = std::make_unique<Node>();
    node->parent = &owner;
    node->rowInParent = row;
    node->path = owner.path;
    node->path.push_back(owner.segment(row));
    node->value = value;
    node->changes = owner.rowChanges(row);
    node->allNew = owner.allNew || (node->changes && node->changes->replacesSubtree());
    ++m_nodeCount;
    Node* raw = node.get();
    owner.children.emplace(row, std::move(node));
    return raw;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    Node* owner = nodeFor(parent);
    if (!owner || row >= owner->rowCount())
        return {};
    return createIndex(row, column, owner);
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const
{
    const Node* owner = ownerOf(child);
    if (!owner || owner == m_root.get())
        return {};
    return createIndex(owner->rowInParent, KeyColumn, owner->parent);
}

QModelIndex JsonTreeModel::sibling(int row, int column, const QModelIndex& index) const
{
    const Node* owner = ownerOf(index);
    if (!owner || row < 0 || column < 0 || column >= ColumnCount || row >= owner->rowCount())
        return {};
    return createIndex(row, column, owner);
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return m_root->rowCount();
    if (parent.column() != KeyColumn)
        return 0;
    const Node* owner = ownerOf(parent);
    if (!owner)
        return 0;
    // Read from the value without making the row's node: the view asks this of every visible row.
    return owner->childRowCount(parent.row());
}

int JsonTreeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() && parent.column() != KeyColumn ? 0 : ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex& parent) const
{
    return rowCount(parent) > 0;
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex& index) const
{
    const Node* owner = ownerOf(index);
    if (!owner)
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    // Lets the view skip asking whether scalars and ghosts have children.
    if (owner->scalarRoot || owner->isGhost(index.row()) || !isContainer(owner->rowValue(index.row())))
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const
{
    const Node* owner = ownerOf(index);
    if (!owner || index.row() >= owner->rowCount())
        return {};
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(*owner, row, column);
    case Qt::ToolTipRole:
        return toolTip(*owner, row);
    case Qt::FontRole:
        if (column == ValueColumn || column == PreviousColumn)
            return owner->isGhost(row) ? m_ghostMonospace : m_monospace;
        if (owner->isGhost(row))
            return m_ghostFont;
        return {};
    case Qt::BackgroundRole:
        return background(*owner, row, column);
    case Qt::ForegroundRole:
        return foreground(*owner, row, column);
    case PathRole:
        return QVariant::fromValue(pathForIndex(index));
    case ChangeKindRole: {
        const RowChange change = owner->changeAt(row);
        return change.touched ? QVariant(int(change.kind)) : QVariant();
    }
    case ChangeTextRole: {
        const RowChange change = owner->changeAt(row);
        if (!change.touched)
            return {};
        const QString absent = tr("(absent)");
        const QString before =
            change.kind == json::DiffEntry::Kind::Added ? absent : jsondisplay::summary(change.before, 80);
        const QString after =
            change.kind == json::DiffEntry::Kind::Removed ? absent : jsondisplay::summary(change.after, 80);
        return QString(before + QStringLiteral(" \u2192 ") + after);
    }
    case ContainsChangeRole:
        return owner->changeAt(row).containsChange;
    case GhostRole:
        return owner->isGhost(row);
    case JsonRole:
        return QString::fromUtf8(json::toJson(owner->rowValue(row)));
    default:
        return {};
    }
}

QVariant JsonTreeModel::displayData(const Node& owner, int row, int column) const
{
    switch (column) {
    case KeyColumn:
        return owner.keyText(row);
    case ValueColumn:
        return jsondisplay::summary(owner.rowValue(row));
    case TypeColumn:
        return jsondisplay::typeName(owner.rowValue(row));
    case PreviousColumn: {
        const RowChange change = owner.changeAt(row);
        if (change.touched && change.kind == json::DiffEntry::Kind::Changed)
            return jsondisplay::summary(change.before);
        return {};
    }
    default:
        return {};
    }
}

QVariant JsonTreeModel::toolTip(const Node& owner, int row) const
{
    // Rich text for the monospace block; everything from the state is escaped.
    const json::Path path = owner.scalarRoot ? json::Path() : [&] {
        json::Path p = owner.path;
        p.push_back(owner.segment(row));
        return p;
    }();
    QString html = QStringLiteral("<p style='white-space:pre'><b>") +
                   jsondisplay::pathText(path).toHtmlEscaped() + QStringLiteral("</b></p>");
    const RowChange change = owner.changeAt(row);
    if (change.touched) {
        QString line;
        switch (change.kind) {
        case json::DiffEntry::Kind::Added:
            line = tr("Added by the last step");
            break;
        case json::DiffEntry::Kind::Removed:
            line = tr("Removed by the last step; it was:");
            break;
        case json::DiffEntry::Kind::Changed:
            line = tr("Changed by the last step: %1 \u2192 %2")
                       .arg(jsondisplay::summary(change.before, 80), jsondisplay::summary(change.after, 80));
            break;
        }
        html += QStringLiteral("<p style='white-space:pre'>") + line.toHtmlEscaped() + QStringLiteral("</p>");
    } else if (change.containsChange) {
        html += QStringLiteral("<p>") + tr("Changed below by the last step").toHtmlEscaped() +
                QStringLiteral("</p>");
    }
    const json::Value& value = owner.rowValue(row);
    // A long string is the one value a cell always elides: its tooltip wraps it whole (up to a
    // sane length). Containers show as indented JSON, cut after a screenful.
    if (value.isString()) {
        html += QStringLiteral("<p>") + jsondisplay::summary(value, 4000).toHtmlEscaped() +
                QStringLiteral("</p>");
    } else {
        html +=
            QStringLiteral("<pre>") + jsondisplay::preview(value).toHtmlEscaped() + QStringLiteral("</pre>");
    }
    return html;
}

QVariant JsonTreeModel::background(const Node& owner, int row, int column) const
{
    Q_UNUSED(column)
    const RowChange change = owner.changeAt(row);
    if (!change.touched)
        return {};
    return changestyle::background(change.kind, QGuiApplication::palette());
}

QVariant JsonTreeModel::foreground(const Node& owner, int row, int column) const
{
    const QPalette palette = QGuiApplication::palette();
    if (owner.isGhost(row))
        return changestyle::ghostText(palette);
    if (column == TypeColumn || column == PreviousColumn)
        return changestyle::ghostText(palette);
    if (column == KeyColumn && owner.changeAt(row).containsChange)
        return changestyle::containsChangeText(palette);
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    case PreviousColumn:
        return tr("Previous");
    default:
        return {};
    }
}

} // namespace eventscope::gui
