#pragma once

#include "eventstore.h"

#include <QAbstractTableModel>

#include <vector>

namespace eventscope::gui {

// The streams of a workspace made ready for StreamsModel: categories split off and every stream
// ranked in natural name order. Building it is most of the work of showing 200,000 streams, and it
// touches nothing but its input, so it may run on a worker thread (StreamsModel::prepare).
struct PreparedStreams
{
    struct Entry
    {
        StreamSummary summary;
        QString category; // shared between the streams of one category
        int nameRank = 0; // place in natural name order
        int categoryRank = 0;
    };
    std::vector<Entry> entries; // in the store's order
};

// Every stream of the workspace with its event count, last version and first and last positions,
// filtered by a search text and sorted by any column. A sample log of a million events has some
// 200,000 streams: the model keeps them in one flat vector and shows them through an index vector,
// so that filtering and sorting touch no QVariant and data() allocates nothing.
class StreamsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StreamColumn,
        CategoryColumn,
        EventsColumn,
        LastVersionColumn,
        FirstPositionColumn,
        LastPositionColumn,
        ColumnCount
    };

    enum Role
    {
        StreamRole = Qt::UserRole + 1, // QString
        FirstPositionRole,             // qint64
        LastPositionRole               // qint64
    };

    explicit StreamsModel(QObject* parent = nullptr);

    // Thread-safe: a pure function of its input.
    static PreparedStreams prepare(std::vector<StreamSummary> streams);
    void setPrepared(PreparedStreams streams);
    void setStreams(std::vector<StreamSummary> streams) { setPrepared(prepare(std::move(streams))); }
    void clear();

    // Shows only the streams whose name contains `text`, ignoring case; empty shows all.
    void setFilterText(const QString& text);
    QString filterText() const { return m_filter; }

    int totalCount() const { return int(m_entries.size()); }
    const StreamSummary* streamAt(int row) const;
    // The row showing `stream`, or -1 when it is unknown or filtered out.
    int rowOfStream(const QString& stream) const;

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    using Entry = PreparedStreams::Entry;

    qint64 sortValue(const Entry& entry) const;
    void sortEntries();
    void applyFilter();

    std::vector<Entry> m_entries; // as the store listed them; never moved
    std::vector<int> m_order;     // indexes into m_entries, in the current sort order
    std::vector<int> m_rows;      // the part of m_order that the search shows
    QString m_filter;
    int m_sortColumn = StreamColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

// Orders names as people count: "order-2" before "order-10". Runs of digits compare by value, the
// rest character by character; equal values with different zero padding fall back to plain order.
int compareNatural(QStringView a, QStringView b);

// A key whose plain comparison is the natural order: each run of digits becomes a '0' (so that it
// sorts among other characters where digits do), its length without leading zeros, and the digits.
QString naturalSortKey(QStringView text);

} // namespace eventscope::gui
