#include "previewtablemodel.h"

#include "payloadtext.h"
#include "timeformat.h"

#include <QFontDatabase>
#include <QPalette>

namespace eventscope::gui {
namespace {

constexpr int payloadSummaryChars = 160;

} // namespace

PreviewTableModel::PreviewTableModel(QObject* parent)
    : QAbstractTableModel(parent), m_monospace(QFontDatabase::systemFont(QFontDatabase::FixedFont))
{}

void PreviewTableModel::setEvents(std::vector<Event> events)
{
    beginResetModel();
    m_events = std::move(events);
    m_payloads.clear();
    m_payloads.reserve(m_events.size());
    for (const Event& event : m_events)
        m_payloads.push_back(payloadSummary(event, payloadSummaryChars));
    endResetModel();
}

void PreviewTableModel::clear()
{
    setEvents({});
}

const Event* PreviewTableModel::eventAt(int row) const
{
    if (row < 0 || size_t(row) >= m_events.size())
        return nullptr;
    return &m_events[size_t(row)];
}

int PreviewTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int PreviewTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PreviewTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Event& event = m_events[size_t(index.row())];
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TimeColumn:
            return formatTimestamp(event.timeUs);
        case StreamColumn:
            return event.stream;
        case TypeColumn:
            return event.type;
        case IdColumn:
            return event.id.isEmpty() ? tr("(derived)") : event.id;
        case PayloadColumn:
            return m_payloads[size_t(index.row())];
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == PayloadColumn)
            return payloadToolTip(event);
        if (column == IdColumn && event.id.isEmpty())
            return tr("The record has no id; one is derived from the file's checksum and the record's place, "
                      "so that importing the file again adds nothing twice");
        if (column == TypeColumn && event.schemaVersion != 1)
            return tr("%1 (schema version %2)").arg(event.type).arg(event.schemaVersion);
        return {};
    case Qt::FontRole:
        if (column == PayloadColumn)
            return m_monospace;
        return {};
    case Qt::ForegroundRole:
        if (column == IdColumn && event.id.isEmpty())
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    default:
        return {};
    }
}

QVariant PreviewTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time (UTC)");
    case StreamColumn:
        return tr("Stream");
    case TypeColumn:
        return tr("Type");
    case IdColumn:
        return tr("Id");
    case PayloadColumn:
        return tr("Payload");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace eventscope::gui
