#pragma once

#include "json/jsondiff.h"

#include <QAbstractTableModel>
#include <QFont>

#include <vector>

namespace eventscope::gui {

// Two states side by side: one row per json::diff() entry from A to B, in diff's stable order
// (depth first, members by key, elements by index). Cells are formatted when shown, so a diff of
// many entries costs the diff, not its text.
class StateDiffModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        PathColumn,
        KindColumn,
        AColumn,
        BColumn,
        ColumnCount
    };

    enum Role
    {
        PathRole = Qt::UserRole + 1, // json::Path
        KindRole                     // int(json::DiffEntry::Kind)
    };

    explicit StateDiffModel(QObject* parent = nullptr);

    // Takes both sides whole and diffs them (a reset: the rows are a new result).
    void setSides(json::Value a, qint64 positionA, json::Value b, qint64 positionB);
    void clear();
    // Headers for the two sides in place of "A at #n" and "B at #n" (a what-if: "Actual",
    // "With drafts"); empty ones bring the default back.
    void setSideLabels(const QString& a, const QString& b);

    bool hasSides() const { return m_hasSides; }
    qint64 positionA() const { return m_positionA; }
    qint64 positionB() const { return m_positionB; }
    const std::vector<json::DiffEntry>& entries() const { return m_entries; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const json::DiffEntry& entry, int column) const;

    std::vector<json::DiffEntry> m_entries;
    qint64 m_positionA = 0;
    qint64 m_positionB = 0;
    bool m_hasSides = false;
    QString m_labelA;
    QString m_labelB;
    QFont m_monospace;
};

} // namespace eventscope::gui
