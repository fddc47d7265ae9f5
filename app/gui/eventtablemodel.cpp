#include "eventtablemodel.h"

#include "eventstore.h"
#include "payloadtext.h"
#include "timeformat.h"

#include <QFontDatabase>

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
    reload();
}

void EventTableModel::reload()
{
    beginResetModel();
    m_pages.clear();
    m_pageFetches = 0;
    const qint64 count = m_store ? m_store->count() : 0;
    // QAbstractItemModel counts rows in int; a store beyond that shows its first 2^31 - 1 events.
    m_rowCount = int(std::min<qint64>(count, std::numeric_limits<int>::max()));
    endResetModel();
}

int EventTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int EventTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const EventTableModel::Page* EventTableModel::page(qint64 pageIndex) const
{
    if (Page* cached = m_pages.object(pageIndex))
        return cached;
    if (!m_store)
        return nullptr;
    auto fresh = std::make_unique<Page>();
    fresh->events = m_store->window(pageIndex * pageSize + 1, pageSize);
    fresh->payloadSummaries.reserve(fresh->events.size());
    for (const Event& event : fresh->events)
        fresh->payloadSummaries.push_back(payloadSummary(event, payloadSummaryChars));
    ++m_pageFetches;
    Page* raw = fresh.release();
    m_pages.insert(pageIndex, raw); // takes ownership
    return raw;
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
        return formatTimestamp(event.timeUs);
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
