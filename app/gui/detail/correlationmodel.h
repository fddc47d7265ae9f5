#pragma once

#include "event.h"

#include <QAbstractTableModel>
#include <QFont>

#include <vector>

namespace eventscope::gui {

// The events that share one correlation id (one business transaction across streams and services),
// in position order, with the event being inspected marked. Holds only the envelope fields it shows,
// not the payloads.
class CorrelationModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        PositionColumn,
        TimeColumn,
        StreamColumn,
        TypeColumn,
        ColumnCount
    };

    enum Role
    {
        PositionRole = Qt::UserRole + 1, // qint64
        IsCurrentRole                    // bool: the event the detail view shows
    };

    explicit CorrelationModel(QObject* parent = nullptr);

    // `events` in position order; `truncated` when the store held more than were fetched.
    void setEvents(const std::vector<Event>& events, qint64 currentPosition, bool truncated);
    void clear();

    qint64 positionAt(int row) const;
    int currentRow() const; // -1 when the current event is not among the rows
    bool isTruncated() const { return m_truncated; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        qint64 position = 0;
        qint64 timeUs = 0;
        QString stream;
        QString type;
    };

    std::vector<Row> m_rows;
    qint64 m_currentPosition = 0;
    bool m_truncated = false;
    QFont m_currentFont;
};

} // namespace eventscope::gui
