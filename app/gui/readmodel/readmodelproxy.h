#pragma once

#include "readmodelfilter.h"

#include <QSortFilterProxyModel>

namespace eventscope::gui {

class ReadModelModel;

// Sorting and filtering of a ReadModelModel: numbers by value, text naturally (sku-2 before sku-10),
// absent and null cells after everything else; the filter is a ReadModelFilter. Sorting stays on as
// the source updates in place, so a changed row moves to its new place and the selection follows.
class ReadModelProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ReadModelProxy(ReadModelModel* source, QObject* parent = nullptr);

    // Parses `text` against the source's columns as they are now.
    void setFilterText(const QString& text);
    const ReadModelFilter& filter() const { return m_filter; }

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    ReadModelModel* m_source;
    ReadModelFilter m_filter;
};

} // namespace eventscope::gui
