#pragma once

#include "investigation/bookmarks.h"

#include <QAbstractTableModel>

#include <functional>
#include <optional>
#include <vector>

namespace eventscope::gui {

// The workspace's bookmarks as a table: position, time, note (editable). Edits are written to the
// workspace at once; the model is reloaded from it after every change, so it always shows what is
// stored.
class BookmarksModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        PositionColumn,
        TimeColumn,
        NoteColumn,
        ColumnCount
    };

    explicit BookmarksModel(QObject* parent = nullptr);

    // nullptr when no workspace is open. `timeOf` gives an event's time for the time column.
    void setBookmarks(Bookmarks* bookmarks, std::function<std::optional<qint64>(qint64)> timeOf = {});
    void reload();

    const std::vector<Bookmark>& bookmarks() const { return m_rows; }
    QModelIndex add(qint64 position, const QString& note);
    void remove(const QModelIndex& index);
    // The row of the bookmark at `position`, or -1.
    int rowAt(qint64 position) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // The stored bookmarks changed (added, removed, a note edited, reloaded).
    void bookmarksChanged();

private:
    Bookmarks* m_store = nullptr;
    std::function<std::optional<qint64>(qint64)> m_timeOf;
    std::vector<Bookmark> m_rows;
};

} // namespace eventscope::gui
