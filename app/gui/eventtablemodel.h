#pragma once

#include "event.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QFont>

#include <vector>

namespace eventscope {
class EventStore;
}

namespace eventscope::gui {

// The events table, virtual over an EventStore: row r shows position r + 1. Rows are fetched in
// pages through EventStore::window() and kept in a small LRU cache, so a million events scroll
// without ever being loaded at once. The row count is taken at reload(), not on every call, so a
// store that grows underneath (a live source) changes the table only when asked to.
class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        PositionColumn,
        TimeColumn,
        StreamColumn,
        TypeColumn,
        VersionColumn,
        PayloadColumn,
        ColumnCount
    };

    enum Role
    {
        PositionRole = Qt::UserRole + 1 // the event's position (qint64)
    };

    static constexpr int pageSize = 256;
    static constexpr int maxCachedPages = 64;
    static constexpr int payloadSummaryChars = 120;

    explicit EventTableModel(QObject* parent = nullptr);
    ~EventTableModel() override;

    // The store is not owned; nullptr shows an empty table.
    void setStore(EventStore* store);
    EventStore* store() const { return m_store; }

    // Forgets every cached page and re-reads the row count: the store changed underneath.
    void reload();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The event of a row through the page cache; nullptr outside the table. The pointer is valid
    // until the next call into the model.
    const Event* eventAt(int row) const;

    // How many pages were read from the store since the last reload, and how many are held now.
    qint64 pageFetchCount() const { return m_pageFetches; }
    int cachedPageCount() const { return int(m_pages.size()); }

private:
    struct Page
    {
        std::vector<Event> events;
        std::vector<QString> payloadSummaries; // computed once per page, not on every repaint
    };

    const Page* page(qint64 pageIndex) const;
    QVariant displayText(const Event& event, const Page& page, size_t indexInPage, int column) const;

    EventStore* m_store = nullptr;
    int m_rowCount = 0;
    QFont m_monospace;
    mutable QCache<qint64, Page> m_pages{maxCachedPages};
    mutable qint64 m_pageFetches = 0;
};

} // namespace eventscope::gui
