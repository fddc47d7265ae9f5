#pragma once

#include "compensation/draft.h"

#include <QAbstractTableModel>

#include <vector>

namespace eventscope::gui {

// The workspace's compensation drafts as a table, in the order they were drafted: status, the
// stream and type of the event to be, the event it compensates, the reason, who drafted it. A
// draft whose last append conflicted shows the conflict in its status (and its tooltip).
class DraftsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StatusColumn,
        StreamColumn,
        TypeColumn,
        CompensatesColumn,
        ReasonColumn,
        AuthorColumn,
        ColumnCount
    };
    enum Role
    {
        DraftIdRole = Qt::UserRole + 1,
        OriginPositionRole // the compensated event's position, 0 for none
    };

    explicit DraftsModel(QObject* parent = nullptr);

    void setDrafts(std::vector<compensation::Draft> drafts);
    const std::vector<compensation::Draft>& drafts() const { return m_drafts; }
    const compensation::Draft* draftAt(int row) const;
    // The row of the draft with this id, or -1.
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<compensation::Draft> m_drafts;
};

} // namespace eventscope::gui
