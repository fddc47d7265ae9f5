#pragma once

#include "event.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QFont>

#include <memory>
#include <vector>

namespace eventscope {
class EventStore;
}

namespace eventscope::gui {

// The events table, virtual over an EventStore. Rows are fetched in pages through
// EventStore::window() and kept in a small LRU cache, so a million events scroll without ever
// being loaded at once. The row count is taken at reload(), not on every call, so a store that
// grows underneath (a live source) changes the table only when asked to.
//
// Which events the rows are: every event (row r is position r + 1), or the positions a filter
// matched (a sorted vector shared with the timeline), either of them restricted to a range of
// positions (the timeline's selection). Mapping a row to its position never reads the store.
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
        PositionRole = Qt::UserRole + 1, // the event's position (qint64)
        PlayheadRole,                    // a PlayheadMark (int): how the row relates to the playhead
        InHighlightedStreamRole          // bool: the row's event is of the highlighted stream
    };

    enum PlayheadMark
    {
        NotAtPlayhead,
        AtPlayhead,    // the row is the event at the playhead
        PlayheadAfter, // the playhead's event is filtered out and lies between this row and the next
    };

    using Positions = std::shared_ptr<const std::vector<qint64>>;

    // Small pages: a jump reads at most two of them before the first frame (~256 rows).
    static constexpr int pageSize = 128;
    static constexpr int maxCachedPages = 128;
    static constexpr int payloadSummaryChars = 120;

    explicit EventTableModel(QObject* parent = nullptr);
    ~EventTableModel() override;

    // The store is not owned; nullptr shows an empty table. Keeps neither filter nor range.
    void setStore(EventStore* store);
    EventStore* store() const { return m_store; }

    // Forgets every cached page and re-reads the row count: the store changed underneath.
    void reload();

    // Shows only these positions (ascending); nullptr shows every event again.
    void setFilterPositions(Positions positions);
    Positions filterPositions() const { return m_filter; }
    bool isFiltered() const { return m_filter != nullptr; }

    // Shows only positions in [fromPosition, toPosition] (either order); combined with the filter.
    void setPositionRange(qint64 fromPosition, qint64 toPosition);
    void clearPositionRange();
    bool hasPositionRange() const { return m_rangeTo > 0; }

    // The events in the store when last reloaded, whatever the table shows of them.
    qint64 totalCount() const { return m_total; }

    // The position row shows, or 0 outside the table.
    qint64 positionAt(int row) const;
    // The row showing position, or when it is not shown the nearest row before it; -1 when no row
    // lies at or before it.
    int rowForPosition(qint64 position) const;

    // The event at the playhead (0 = before the first event); its row reads AtPlayhead.
    void setPlayheadPosition(qint64 position);
    qint64 playheadPosition() const { return m_playhead; }
    int playheadRow() const { return m_playheadRow; }

    // The stream picked in the Streams dock, whose rows are tinted; empty for none.
    void setHighlightedStream(const QString& stream);
    QString highlightedStream() const { return m_highlightedStream; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The event of a row through the page cache; nullptr outside the table. The pointer is valid
    // until the next call into the model.
    const Event* eventAt(int row) const;

    // Reads the pages holding rows [firstRow, lastRow] (clamped) that are not cached yet: the view
    // asks for the screens around the visible one when idle, so scrolling onto them never waits on
    // the store.
    void prefetch(int firstRow, int lastRow) const;

    // How many pages were read from the store since the last reload, and how many are held now.
    qint64 pageFetchCount() const { return m_pageFetches; }
    int cachedPageCount() const { return int(m_pages.size()); }

private:
    struct Page
    {
        std::vector<Event> events;             // one per row of the page; shorter if the store shrank
        std::vector<QString> payloadSummaries; // computed once per page, not on every repaint
        std::vector<QString> times;            // formatted once per page too
    };

    // Re-derives the rows from the filter and range, inside a model reset.
    void remapRows();
    const Page* page(qint64 pageIndex) const;
    std::vector<Event> readRows(int firstRow, int count) const;
    QVariant displayText(const Event& event, const Page& page, size_t indexInPage, int column) const;
    int playheadMarkAt(int row) const;

    EventStore* m_store = nullptr;
    qint64 m_total = 0;
    Positions m_filter;
    qint64 m_rangeFrom = 0; // inclusive; both 0 = no range
    qint64 m_rangeTo = 0;
    // The rows: positions m_firstPosition + row, or (*m_filter)[m_firstIndex + row].
    qint64 m_firstPosition = 1;
    size_t m_firstIndex = 0;
    int m_rowCount = 0;

    qint64 m_playhead = 0;
    int m_playheadRow = -1;
    QString m_highlightedStream;

    QFont m_monospace;
    mutable QCache<qint64, Page> m_pages{maxCachedPages};
    mutable qint64 m_pageFetches = 0;
};

} // namespace eventscope::gui
