#include "eventtablemodel.h"

#include "eventstore.h"
#include "payloadtext.h"
#include "timeformat.h"

#include <QFontDatabase>

#include <algorithm>
#include <limits>
#include <memory>

namespace eventscope::gui {
namespace {

// As an int: Qt 6.4's delegates read the alignment role with QVariant::toInt().
QVariant alignment(Qt::AlignmentFlag horizontal)
{
    return int(horizontal | Qt::AlignVCenter);
}

} // namespace

EventTableModel::EventTableModel(QObject* parent)
    : QAbstractTableModel(parent), m_monospace(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{}

EventTableModel::~EventTableModel() = default;

void EventTableModel::setStore(EventStore* store)
{
    m_store = store;
    m_filter.reset();
    m_rangeFrom = m_rangeTo = 0;
    m_playhead = 0;
    reload();
}

void EventTableModel::reload()
{
    beginResetModel();
    m_pages.clear();
    m_pageFetches = 0;
    m_total = m_store ? m_store->count() : 0;
    remapRows();
    endResetModel();
}

void EventTableModel::setFilterPositions(Positions positions)
{
    beginResetModel();
    m_filter = std::move(positions);
    m_pages.clear();
    remapRows();
    endResetModel();
}

void EventTableModel::setPositionRange(qint64 fromPosition, qint64 toPosition)
{
    const qint64 from = std::max<qint64>(1, std::min(fromPosition, toPosition));
    const qint64 to = std::max(fromPosition, toPosition);
    if (to < 1 || (from == m_rangeFrom && to == m_rangeTo))
        return;
    beginResetModel();
    m_rangeFrom = from;
    m_rangeTo = to;
    m_pages.clear();
    remapRows();
    endResetModel();
}

void EventTableModel::clearPositionRange()
{
    if (!hasPositionRange())
        return;
    beginResetModel();
    m_rangeFrom = m_rangeTo = 0;
    m_pages.clear();
    remapRows();
    endResetModel();
}

void EventTableModel::remapRows()
{
    const qint64 from = hasPositionRange() ? m_rangeFrom : 1;
    const qint64 to = hasPositionRange() ? std::min(m_rangeTo, m_total) : m_total;
    qint64 rows = 0;
    if (m_filter) {
        const auto begin = std::lower_bound(m_filter->begin(), m_filter->end(), from);
        const auto end = std::upper_bound(begin, m_filter->end(), to);
        m_firstIndex = size_t(begin - m_filter->begin());
        rows = end - begin;
    } else {
        m_firstPosition = from;
        rows = std::max<qint64>(0, to - from + 1);
    }
    // QAbstractItemModel counts rows in int; beyond that the table shows the first 2^31 - 1.
    m_rowCount = int(std::min<qint64>(rows, std::numeric_limits<int>::max()));
    m_playheadRow = rowForPosition(m_playhead);
}

qint64 EventTableModel::positionAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return 0;
    return m_filter ? (*m_filter)[m_firstIndex + size_t(row)] : m_firstPosition + row;
}

int EventTableModel::rowForPosition(qint64 position) const
{
    if (m_rowCount == 0)
        return -1;
    if (m_filter) {
        const auto begin = m_filter->begin() + qsizetype(m_firstIndex);
        const auto after = std::upper_bound(begin, begin + m_rowCount, position);
        return int(after - begin) - 1;
    }
    if (position < m_firstPosition)
        return -1;
    return int(std::min<qint64>(position - m_firstPosition, m_rowCount - 1));
}

void EventTableModel::setPlayheadPosition(qint64 position)
{
    if (position == m_playhead)
        return;
    const int oldRow = m_playheadRow;
    const int oldMark = playheadMarkAt(oldRow);
    m_playhead = position;
    m_playheadRow = rowForPosition(position);
    const QList<int> roles{PlayheadRole};
    const auto changed = [&](int row) {
        if (row >= 0)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1), roles);
    };
    if (oldRow != m_playheadRow) {
        changed(oldRow);
        changed(m_playheadRow);
    } else if (oldMark != playheadMarkAt(m_playheadRow)) {
        changed(m_playheadRow);
    }
}

int EventTableModel::playheadMarkAt(int row) const
{
    if (row < 0 || row != m_playheadRow)
        return NotAtPlayhead;
    return positionAt(row) == m_playhead ? AtPlayhead : PlayheadAfter;
}

void EventTableModel::setHighlightedStream(const QString& stream)
{
    if (stream == m_highlightedStream)
        return;
    m_highlightedStream = stream;
    if (m_rowCount > 0)
        emit dataChanged(index(0, 0), index(m_rowCount - 1, ColumnCount - 1), {InHighlightedStreamRole});
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::vector<Event> EventTableModel::readRows(int firstRow, int count) const
{
    if (!m_filter)
        return m_store->window(positionAt(firstRow), count);
    // Matches close together are read as one window and picked from it; isolated ones one by one.
    // A gap of a few events costs less to read through than another query does.
    constexpr qint64 readThroughGap = 4;
    const auto* positions = m_filter->data() + m_firstIndex + size_t(firstRow);
    std::vector<Event> rows;
    rows.reserve(size_t(count));
    int i = 0;
    while (i < count) {
        int j = i + 1;
        while (j < count && positions[j] - positions[j - 1] <= readThroughGap)
            ++j;
        std::vector<Event> window = m_store->window(positions[i], positions[j - 1] - positions[i] + 1);
        size_t k = 0;
        for (int row = i; row < j; ++row) {
            while (k < window.size() && window[k].position < positions[row])
                ++k;
            if (k == window.size() || window[k].position != positions[row])
                return rows; // the store shrank underneath; shown empty until reload()
            rows.push_back(std::move(window[k]));
        }
        i = j;
    }
    return rows;
}

const EventTableModel::Page* EventTableModel::page(qint64 pageIndex) const
{
    if (Page* cached = m_pages.object(pageIndex))
        return cached;
    if (!m_store)
        return nullptr;
    const int firstRow = int(pageIndex * pageSize);
    const int count = std::min(pageSize, m_rowCount - firstRow);
    if (count <= 0)
        return nullptr;
    auto fresh = std::make_unique<Page>();
    fresh->events = readRows(firstRow, count);
    fresh->payloadSummaries.reserve(fresh->events.size());
    fresh->times.reserve(fresh->events.size());
    for (const Event& event : fresh->events) {
        fresh->payloadSummaries.push_back(payloadSummary(event, payloadSummaryChars));
        fresh->times.push_back(formatTimestamp(event.timeUs));
    }
    ++m_pageFetches;
    Page* raw = fresh.release();
    m_pages.insert(pageIndex, raw); // takes ownership
    return raw;
}

void EventTableModel::prefetch(int firstRow, int lastRow) const
{
    firstRow = std::max(firstRow, 0);
    lastRow = std::min(lastRow, m_rowCount - 1);
    for (qint64 index = firstRow / pageSize; firstRow <= lastRow && index <= lastRow / pageSize; ++index) {
        if (!m_pages.contains(index))
            page(index);
    }
}

const Event* EventTableModel::eventAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const Page* p = page(row / pageSize);
    const auto indexInPage = size_t(row % pageSize);
    if (!p || indexInPage >= p->events.size())
        return nullptr; // the store shrank underneath; shown empty until reload()
    return &p->events[indexInPage];
}

QVariant EventTableModel::displayText(const Event& event, const Page& p, size_t indexInPage, int column) const
{
    switch (Column(column)) {
    case PositionColumn:
        return QString::number(event.position);
    case TimeColumn:
        return p.times[indexInPage];
    case StreamColumn:
        return event.stream;
    case TypeColumn:
        return event.type;
    case VersionColumn:
        return QString::number(event.streamVersion);
    case PayloadColumn:
        return p.payloadSummaries[indexInPage];
    case ColumnCount:
        break;
    }
    return {};
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::TextAlignmentRole:
        if (column == PositionColumn || column == VersionColumn)
            return alignment(Qt::AlignRight);
        return alignment(Qt::AlignLeft);
    case Qt::FontRole:
        if (column == PayloadColumn)
            return m_monospace;
        return {};
    case PlayheadRole:
        return playheadMarkAt(index.row());
    case InHighlightedStreamRole:
        if (m_highlightedStream.isEmpty())
            return false;
        break;
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case PositionRole:
        break;
    default:
        return {};
    }

    const int row = index.row();
    const Page* p = page(row / pageSize);
    const auto indexInPage = size_t(row % pageSize);
    if (!p || indexInPage >= p->events.size())
        return {};
    const Event& event = p->events[indexInPage];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(event, *p, indexInPage, column);
    case PositionRole:
        return event.position;
    case InHighlightedStreamRole:
        return event.stream == m_highlightedStream;
    case Qt::ToolTipRole:
        if (column == PayloadColumn)
            return payloadToolTip(event);
        if (column == TypeColumn && event.schemaVersion != 1)
            return tr("%1 (schema version %2)").arg(event.type).arg(event.schemaVersion);
        if (column == StreamColumn)
            return tr("%1 (category %2)").arg(event.stream, categoryOf(event.stream));
        return {};
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(section)) {
        case PositionColumn:
            return tr("Position");
        case TimeColumn:
            return tr("Time (UTC)");
        case StreamColumn:
            return tr("Stream");
        case TypeColumn:
            return tr("Type");
        case VersionColumn:
            return tr("Version");
        case PayloadColumn:
            return tr("Payload");
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        switch (Column(section)) {
        case PositionColumn:
            return tr("Global order of the event in the workspace (1-based, gap-free)");
        case TimeColumn:
            return tr("When the event was recorded, RFC 3339 in UTC");
        case StreamColumn:
            return tr("The aggregate or stream the event belongs to");
        case TypeColumn:
            return tr("The event's type name");
        case VersionColumn:
            return tr("The event's sequence number within its stream");
        case PayloadColumn:
            return tr("The event's data on one line; hover a cell for the whole payload");
        case ColumnCount:
            break;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (section == PositionColumn || section == VersionColumn)
            return alignment(Qt::AlignRight);
        return alignment(Qt::AlignLeft);
    default:
        return {};
    }
}

} // namespace eventscope::gui
