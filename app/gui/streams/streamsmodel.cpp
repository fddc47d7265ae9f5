#include "streamsmodel.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <numeric>

namespace eventscope::gui {

QString naturalSortKey(QStringView text)
{
    QString key;
    key.reserve(text.size() + 4);
    qsizetype i = 0;
    while (i < text.size()) {
        if (!text[i].isDigit()) {
            key += text[i++];
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && text[end].isDigit())
            ++end;
        // Leading zeros do not change a value; one digit stays, so that "0" is a number too.
        while (i + 1 < end && text[i] == u'0')
            ++i;
        key += u'0';
        key += QChar(char16_t(std::min<qsizetype>(end - i, 0xFFFF)));
        key += text.sliced(i, end - i);
        i = end;
    }
    return key;
}

int compareNatural(QStringView a, QStringView b)
{
    const int byValue = naturalSortKey(a).compare(naturalSortKey(b));
    if (byValue != 0)
        return byValue;
    return a.compare(b); // "x-01" and "x-1": equal by value, still a fixed order
}

StreamsModel::StreamsModel(QObject* parent) : QAbstractTableModel(parent) {}

PreparedStreams StreamsModel::prepare(std::vector<StreamSummary> streams)
{
    PreparedStreams prepared;
    std::vector<Entry>& entries = prepared.entries;
    entries.reserve(streams.size());
    // A few categories shared by 200,000 streams: one string each, not one a row.
    QSet<QString> categoryNames;
    for (StreamSummary& summary : streams) {
        const QString category = *categoryNames.insert(categoryOf(summary.stream));
        entries.push_back({std::move(summary), category});
    }

    // Names: sorted once by their keys, whose plain comparison runs in Qt's optimised code.
    const size_t count = entries.size();
    std::vector<QString> keys;
    keys.reserve(count);
    for (const Entry& entry : entries)
        keys.push_back(naturalSortKey(entry.summary.stream));
    std::vector<int> byName(count);
    std::iota(byName.begin(), byName.end(), 0);
    std::sort(byName.begin(), byName.end(), [&](int a, int b) {
        const int order = keys[size_t(a)].compare(keys[size_t(b)]);
        if (order != 0)
            return order < 0;
        return entries[size_t(a)].summary.stream < entries[size_t(b)].summary.stream;
    });
    for (size_t rank = 0; rank < count; ++rank)
        entries[size_t(byName[rank])].nameRank = int(rank);

    // Categories: few distinct ones, ranked among themselves.
    QStringList categories(categoryNames.cbegin(), categoryNames.cend());
    std::sort(categories.begin(), categories.end(),
              [](const QString& a, const QString& b) { return compareNatural(a, b) < 0; });
    QHash<QString, int> categoryRanks;
    for (qsizetype rank = 0; rank < categories.size(); ++rank)
        categoryRanks.insert(categories[rank], int(rank));
    for (Entry& entry : entries)
        entry.categoryRank = categoryRanks.value(entry.category);
    return prepared;
}

void StreamsModel::setPrepared(PreparedStreams streams)
{
    beginResetModel();
    m_entries = std::move(streams.entries);
    sortEntries();
    applyFilter();
    endResetModel();
}

void StreamsModel::clear()
{
    setPrepared({});
}

void StreamsModel::setFilterText(const QString& text)
{
    if (text == m_filter)
        return;
    beginResetModel();
    const QString narrowed = m_filter.trimmed();
    m_filter = text;
    const QString needle = m_filter.trimmed();
    if (!narrowed.isEmpty() && needle.contains(narrowed, Qt::CaseInsensitive)) {
        // Typing on only narrows: the rows shown already are the only candidates.
        std::erase_if(m_rows, [&](int i) {
            return !m_entries[size_t(i)].summary.stream.contains(needle, Qt::CaseInsensitive);
        });
    } else {
        applyFilter();
    }
    endResetModel();
}

void StreamsModel::applyFilter()
{
    m_rows.clear();
    const QString needle = m_filter.trimmed();
    if (needle.isEmpty()) {
        m_rows = m_order;
        return;
    }
    for (int i : m_order) {
        if (m_entries[size_t(i)].summary.stream.contains(needle, Qt::CaseInsensitive))
            m_rows.push_back(i);
    }
}

qint64 StreamsModel::sortValue(const Entry& entry) const
{
    switch (m_sortColumn) {
    case CategoryColumn:
        return entry.categoryRank;
    case EventsColumn:
        return entry.summary.eventCount;
    case LastVersionColumn:
        return entry.summary.lastVersion;
    case FirstPositionColumn:
        return entry.summary.firstPosition;
    case LastPositionColumn:
        return entry.summary.lastPosition;
    default:
        return entry.nameRank;
    }
}

void StreamsModel::sortEntries()
{
    const size_t count = m_entries.size();
    m_order.resize(count);
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    if (m_sortColumn == StreamColumn) {
        // The names are ranked already: the order is the ranks read back, no sort needed.
        for (size_t i = 0; i < count; ++i) {
            const auto rank = size_t(m_entries[i].nameRank);
            m_order[ascending ? rank : count - 1 - rank] = int(i);
        }
        return;
    }
    // Sorted as small contiguous keys rather than through the entries: comparing entries scattered
    // in memory costs a cache miss a comparison. Ties go by name, in the same direction.
    struct Key
    {
        qint64 value;
        int nameRank;
        int index;
    };
    std::vector<Key> keys(count);
    for (size_t i = 0; i < count; ++i) {
        const Entry& entry = m_entries[i];
        keys[i] = ascending ? Key{sortValue(entry), entry.nameRank, int(i)}
                            : Key{-sortValue(entry), -entry.nameRank, int(i)};
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        return a.value != b.value ? a.value < b.value : a.nameRank < b.nameRank;
    });
    for (size_t i = 0; i < count; ++i)
        m_order[i] = keys[i].index;
}

void StreamsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // Persistent indexes (the view's current row and selection) follow their stream.
    const QModelIndexList persistent = persistentIndexList();
    QStringList persistentStreams;
    persistentStreams.reserve(persistent.size());
    for (const QModelIndex& index : persistent)
        persistentStreams << m_entries[size_t(m_rows[size_t(index.row())])].summary.stream;

    m_sortColumn = column;
    m_sortOrder = order;
    sortEntries();
    applyFilter();

    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (qsizetype i = 0; i < persistent.size(); ++i) {
        const int row = rowOfStream(persistentStreams[i]);
        moved << (row < 0 ? QModelIndex() : index(row, persistent[i].column()));
    }
    changePersistentIndexList(persistent, moved);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

const StreamSummary* StreamsModel::streamAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    return &m_entries[size_t(m_rows[size_t(row)])].summary;
}

int StreamsModel::rowOfStream(const QString& stream) const
{
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (m_entries[size_t(m_rows[row])].summary.stream == stream)
            return int(row);
    }
    return -1;
}

int StreamsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StreamsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StreamsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& entry = m_entries[size_t(m_rows[size_t(index.row())])];
    const StreamSummary& s = entry.summary;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StreamColumn:
            return s.stream;
        case CategoryColumn:
            return entry.category;
        case EventsColumn:
            return s.eventCount;
        case LastVersionColumn:
            return s.lastVersion;
        case FirstPositionColumn:
            return s.firstPosition;
        case LastPositionColumn:
            return s.lastPosition;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= EventsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case StreamRole:
        return s.stream;
    case FirstPositionRole:
        return s.firstPosition;
    case LastPositionRole:
        return s.lastPosition;
    }
    return {};
}

QVariant StreamsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case StreamColumn:
            return tr("Stream");
        case CategoryColumn:
            return tr("Category");
        case EventsColumn:
            return tr("Events");
        case LastVersionColumn:
            return tr("Version");
        case FirstPositionColumn:
            return tr("First");
        case LastPositionColumn:
            return tr("Last");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case CategoryColumn:
            return tr("The part of the stream's name before the first '-'");
        case LastVersionColumn:
            return tr("The stream's last version");
        case FirstPositionColumn:
            return tr("Position of the stream's first event");
        case LastPositionColumn:
            return tr("Position of the stream's last event");
        }
    } else if (role == Qt::InitialSortOrderRole) {
        // A first click on a count shows the largest first; names start from A.
        return section >= EventsColumn ? Qt::DescendingOrder : Qt::AscendingOrder;
    } else if (role == Qt::TextAlignmentRole && section >= EventsColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

} // namespace eventscope::gui
