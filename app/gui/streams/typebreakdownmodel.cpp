#include "typebreakdownmodel.h"

#include <QLocale>

namespace eventscope::gui {

TypeBreakdownModel::TypeBreakdownModel(QObject* parent) : QAbstractTableModel(parent) {}

void TypeBreakdownModel::setCounts(std::vector<TypeCount> counts)
{
    beginResetModel();
    m_counts = std::move(counts);
    m_total = 0;
    for (const TypeCount& count : m_counts)
        m_total += count.count;
    endResetModel();
}

void TypeBreakdownModel::clear()
{
    setCounts({});
}

int TypeBreakdownModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_counts.size());
}

int TypeBreakdownModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TypeBreakdownModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TypeCount& count = m_counts[size_t(index.row())];
    const double share = m_total > 0 ? double(count.count) / double(m_total) : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TypeColumn:
            return count.type;
        case CountColumn:
            return count.count;
        case ShareColumn:
            return QString(QLocale().toString(share * 100, 'f', 0) + QLatin1Char('%'));
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == CountColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return tr("%1: %2 of %3 events")
            .arg(count.type, QLocale().toString(count.count), QLocale().toString(m_total));
    case ShareRole:
        return share;
    case TypeRole:
        return count.type;
    }
    return {};
}

QVariant TypeBreakdownModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section == CountColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TypeColumn:
        return tr("Type");
    case CountColumn:
        return tr("Events");
    case ShareColumn:
        return tr("Share");
    }
    return {};
}

} // namespace eventscope::gui
