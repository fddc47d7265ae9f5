#include "correlationmodel.h"

#include "timeformat.h"

namespace eventscope::gui {

CorrelationModel::CorrelationModel(QObject* parent) : QAbstractTableModel(parent)
{
    m_currentFont.setBold(true);
}

void CorrelationModel::setEvents(const std::vector<Event>& events, qint64 currentPosition, bool truncated)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(events.size());
    for (const Event& event : events)
        m_rows.push_back({event.position, event.timeUs, event.stream, event.type});
    m_currentPosition = currentPosition;
    m_truncated = truncated;
    endResetModel();
}

void CorrelationModel::clear()
{
    setEvents({}, 0, false);
}

qint64 CorrelationModel::positionAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return 0;
    return m_rows[size_t(row)].position;
}

int CorrelationModel::currentRow() const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].position == m_currentPosition)
            return int(i);
    }
    return -1;
}

int CorrelationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CorrelationModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CorrelationModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    const bool current = row.position == m_currentPosition;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PositionColumn:
            return QString::number(row.position);
        case TimeColumn:
            return formatTimestamp(row.timeUs);
        case StreamColumn:
            return row.stream;
        case TypeColumn:
            return row.type;
        }
        return {};
    case Qt::ToolTipRole:
        return current ? tr("The event shown above") : tr("Double-click to go to this event");
    case Qt::FontRole:
        if (current)
            return m_currentFont;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PositionColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PositionRole:
        return row.position;
    case IsCurrentRole:
        return current;
    }
    return {};
}

QVariant CorrelationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PositionColumn:
        return tr("Position");
    case TimeColumn:
        return tr("Time (UTC)");
    case StreamColumn:
        return tr("Stream");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

} // namespace eventscope::gui
