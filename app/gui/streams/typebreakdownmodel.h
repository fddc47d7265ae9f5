#pragma once

#include "eventstore.h"

#include <QAbstractTableModel>

#include <vector>

namespace eventscope::gui {

// What one stream is made of: each event type with its count and share of the stream, most
// frequent first.
class TypeBreakdownModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TypeColumn,
        CountColumn,
        ShareColumn,
        ColumnCount
    };

    enum Role
    {
        ShareRole = Qt::UserRole + 1, // double in [0, 1]: the type's part of the stream
        TypeRole                      // QString
    };

    explicit TypeBreakdownModel(QObject* parent = nullptr);

    void setCounts(std::vector<TypeCount> counts);
    void clear();
    qint64 total() const { return m_total; }
    const std::vector<TypeCount>& counts() const { return m_counts; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<TypeCount> m_counts;
    qint64 m_total = 0;
};

} // namespace eventscope::gui
