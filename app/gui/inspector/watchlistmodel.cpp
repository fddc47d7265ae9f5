#include "watchlistmodel.h"

#include "changestyle.h"
#include "jsondisplay.h"
#include "json/jsondiff.h"

#include <QGuiApplication>

namespace eventscope::gui {

namespace {

std::optional<json::Value> lookupValue(const json::Value& root, const json::Path& path)
{
    const json::Value* found = json::lookup(root, path);
    return found ? std::optional<json::Value>(*found) : std::nullopt;
}

} // namespace

WatchListModel::WatchListModel(QObject* parent)
    : QAbstractTableModel(parent), m_monospace(changestyle::monospaceFont())
{}

bool WatchListModel::pin(const json::Path& path)
{
    if (isPinned(path))
        return false;
    Watch watch;
    watch.path = path;
    watch.pathText = jsondisplay::pathText(path);
    read(watch);
    const int row = int(m_watches.size());
    beginInsertRows({}, row, row);
    m_watches.push_back(std::move(watch));
    endInsertRows();
    return true;
}

bool WatchListModel::unpin(const json::Path& path)
{
    const int row = rowOf(path);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_watches.erase(m_watches.begin() + row);
    endRemoveRows();
    return true;
}

int WatchListModel::rowOf(const json::Path& path) const
{
    for (std::size_t i = 0; i < m_watches.size(); ++i) {
        if (m_watches[i].path == path)
            return int(i);
    }
    return -1;
}

std::vector<json::Path> WatchListModel::paths() const
{
    std::vector<json::Path> out;
    out.reserve(m_watches.size());
    for (const Watch& watch : m_watches)
        out.push_back(watch.path);
    return out;
}

void WatchListModel::setState(json::Value state, json::Value previous)
{
    m_state = std::move(state);
    m_previous = std::move(previous);
    for (Watch& watch : m_watches)
        read(watch);
    if (!m_watches.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void WatchListModel::read(Watch& watch) const
{
    watch.value = lookupValue(m_state, watch.path);
    watch.previous = lookupValue(m_previous, watch.path);
    // Walks only the path, and stops at the first subtree the two states share.
    watch.changed = json::changedAt(m_previous, m_state, watch.path);
}

std::optional<json::Value> WatchListModel::valueAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_watches[std::size_t(row)].value : std::nullopt;
}

std::optional<json::Value> WatchListModel::previousAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_watches[std::size_t(row)].previous : std::nullopt;
}

bool WatchListModel::changedAt(int row) const
{
    return row >= 0 && row < rowCount() && m_watches[std::size_t(row)].changed;
}

int WatchListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_watches.size());
}

int WatchListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WatchListModel::display(const Watch& watch, int column) const
{
    switch (column) {
    case PathColumn:
        return watch.pathText;
    case ValueColumn:
        return watch.value ? jsondisplay::summary(*watch.value) : tr("absent");
    case PreviousColumn:
        if (!watch.changed)
            return {};
        return watch.previous ? jsondisplay::summary(*watch.previous) : tr("absent");
    default:
        return {};
    }
}

QVariant WatchListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Watch& watch = m_watches[std::size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(watch, column);
    case Qt::ToolTipRole: {
        QString text = watch.pathText;
        if (watch.changed) {
            text +=
                u'\n' + tr("Changed by the last step: %1 \u2192 %2")
                            .arg(watch.previous ? jsondisplay::summary(*watch.previous, 80) : tr("absent"),
                                 watch.value ? jsondisplay::summary(*watch.value, 80) : tr("absent"));
        }
        if (watch.value)
            text += u'\n' + jsondisplay::preview(*watch.value, 16);
        return text;
    }
    case Qt::FontRole:
        if (column != PathColumn && (column == ValueColumn ? watch.value : watch.previous))
            return m_monospace;
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QGuiApplication::palette();
        if ((column == ValueColumn && !watch.value) || column == PreviousColumn)
            return changestyle::ghostText(palette);
        return {};
    }
    case Qt::BackgroundRole:
        if (watch.changed && column == ValueColumn) {
            const auto kind = !watch.previous ? json::DiffEntry::Kind::Added
                              : !watch.value  ? json::DiffEntry::Kind::Removed
                                              : json::DiffEntry::Kind::Changed;
            return changestyle::background(kind, QGuiApplication::palette());
        }
        return {};
    case PathRole:
        return QVariant::fromValue(watch.path);
    case ChangedRole:
        return watch.changed;
    case PresentRole:
        return watch.value.has_value();
    default:
        return {};
    }
}

QVariant WatchListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn:
        return tr("Path");
    case ValueColumn:
        return tr("Value");
    case PreviousColumn:
        return tr("Previous");
    default:
        return {};
    }
}

} // namespace eventscope::gui
