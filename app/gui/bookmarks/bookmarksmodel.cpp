#include "bookmarksmodel.h"

#include "timeformat.h"

#include <QLocale>

namespace eventscope::gui {

BookmarksModel::BookmarksModel(QObject* parent) : QAbstractTableModel(parent) {}

void BookmarksModel::setBookmarks(Bookmarks* bookmarks, std::function<std::optional<qint64>(qint64)> timeOf)
{
    m_store = bookmarks;
    m_timeOf = std::move(timeOf);
    reload();
}

void BookmarksModel::reload()
{
    beginResetModel();
    m_rows = m_store ? m_store->all() : std::vector<Bookmark>{};
    endResetModel();
    emit bookmarksChanged();
}

QModelIndex BookmarksModel::add(qint64 position, const QString& note)
{
    if (!m_store)
        return {};
    const Bookmark added = m_store->add(position, note);
    reload();
    for (int row = 0; row < rowCount(); ++row) {
        if (m_rows[std::size_t(row)].id == added.id)
            return index(row, NoteColumn);
    }
    return {};
}

void BookmarksModel::remove(const QModelIndex& index)
{
    if (!m_store || !index.isValid())
        return;
    const int row = index.row();
    m_store->remove(m_rows[std::size_t(row)].id);
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
    emit bookmarksChanged();
}

int BookmarksModel::rowAt(qint64 position) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].position == position)
            return int(row);
    }
    return -1;
}

int BookmarksModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BookmarksModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BookmarksModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Bookmark& bookmark = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PositionColumn:
            return QLocale().toString(bookmark.position);
        case TimeColumn: {
            const std::optional<qint64> time = m_timeOf ? m_timeOf(bookmark.position) : std::nullopt;
            return time ? formatTimestamp(*time) : QString();
        }
        case NoteColumn:
            // One line in the table; the whole note is in the tooltip and the editor.
            return bookmark.note.section(QLatin1Char('\n'), 0, 0);
        }
        break;
    case Qt::EditRole:
        if (index.column() == NoteColumn)
            return bookmark.note;
        if (index.column() == PositionColumn)
            return bookmark.position;
        break;
    case Qt::ToolTipRole:
        return bookmark.note.isEmpty() ? QVariant() : QVariant(bookmark.note);
    case Qt::TextAlignmentRole:
        if (index.column() == PositionColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::UserRole:
        return bookmark.position;
    }
    return {};
}

bool BookmarksModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!m_store || role != Qt::EditRole || index.column() != NoteColumn || index.row() >= rowCount())
        return false;
    Bookmark& bookmark = m_rows[std::size_t(index.row())];
    const QString note = value.toString();
    if (note == bookmark.note)
        return true;
    m_store->setNote(bookmark.id, note);
    bookmark.note = note;
    emit dataChanged(index, index);
    emit bookmarksChanged();
    return true;
}

Qt::ItemFlags BookmarksModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == NoteColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant BookmarksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PositionColumn:
        return tr("Position");
    case TimeColumn:
        return tr("Time");
    case NoteColumn:
        return tr("Note");
    }
    return {};
}

} // namespace eventscope::gui
