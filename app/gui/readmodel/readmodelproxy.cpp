#include "readmodelproxy.h"

#include "readmodelmodel.h"

namespace eventscope::gui {

ReadModelProxy::ReadModelProxy(ReadModelModel* source, QObject* parent)
    : QSortFilterProxyModel(parent), m_source(source)
{
    setSourceModel(source);
    setSortRole(ReadModelModel::SortRole);
    setDynamicSortFilter(true);
    // A column that appears later may name the field a query waits for.
    connect(source, &QAbstractItemModel::columnsInserted, this, [this] {
        if (!m_filter.isEmpty())
            setFilterText(m_filter.text());
    });
    connect(source, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_filter.isEmpty())
            setFilterText(m_filter.text());
    });
}

void ReadModelProxy::setFilterText(const QString& text)
{
    QStringList columns;
    for (int column = 0; column < m_source->columnCount(); ++column)
        columns.append(m_source->columnName(column));
    m_filter = ReadModelFilter::parse(text, columns);
    invalidateRowsFilter();
}

bool ReadModelProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(ReadModelModel::SortRole);
    const QVariant b = right.data(ReadModelModel::SortRole);
    // Absent last (in ascending order), then numbers, then text.
    if (!a.isValid() || !b.isValid())
        return a.isValid() && !b.isValid();
    const bool aNumber = a.typeId() == QMetaType::Double;
    const bool bNumber = b.typeId() == QMetaType::Double;
    if (aNumber != bNumber)
        return aNumber;
    if (aNumber)
        return a.toDouble() < b.toDouble();
    return naturalCompare(a.toString(), b.toString()) < 0;
}

bool ReadModelProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    return !sourceParent.isValid() && m_filter.accepts(*m_source, sourceRow);
}

} // namespace eventscope::gui
