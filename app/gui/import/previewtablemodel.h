#pragma once

#include "event.h"

#include <QAbstractTableModel>
#include <QFont>

#include <vector>

namespace eventscope::gui {

// The import preview's records: events not yet in any workspace, so no position and no version
// (the store assigns both); time, stream, type, id and a one-line payload.
class PreviewTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        StreamColumn,
        TypeColumn,
        IdColumn,
        PayloadColumn,
        ColumnCount
    };

    explicit PreviewTableModel(QObject* parent = nullptr);

    void setEvents(std::vector<Event> events);
    void clear();
    const Event* eventAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Event> m_events;
    std::vector<QString> m_payloads; // summaries made once, not on every paint
    QFont m_monospace;
};

} // namespace eventscope::gui
