#pragma once

#include "investigation/scripts.h"
#include "replay/scriptcatalog.h"

#include <QAbstractListModel>

#include <vector>

namespace eventscope::gui {

// The scripts kept in the open workspace, by name, each with what it declares (a projection,
// checks, upcasters) or why it does not load. One column: the name; the rest in roles.
class ScriptsModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        ReferenceRole = Qt::UserRole + 1, // the workspace reference replay and the choosers use
        SummaryRole,                      // "projection, 2 checks" or "does not load"
        ErrorRole,                        // the loading error, empty when it loads
    };

    explicit ScriptsModel(QObject* parent = nullptr);

    // The scripts of the workspace at `workspacePath` (empty: none open).
    void setScripts(const QString& workspacePath, const std::vector<StoredScript>& scripts);
    // Adds the script, or replaces the one of that name, and describes it again; returns its row.
    int put(const StoredScript& script);
    void remove(const QString& name);

    int rowOf(const QString& name) const; // -1 when absent
    const StoredScript& script(int row) const { return m_rows[size_t(row)].script; }
    const ScriptEntry& entry(int row) const { return m_rows[size_t(row)].entry; }
    std::vector<ScriptEntry> entries() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    static QString summary(const ScriptEntry& entry);

private:
    struct Row
    {
        StoredScript script;
        ScriptEntry entry;
    };
    Row describe(const StoredScript& script) const;

    QString m_workspacePath;
    std::vector<Row> m_rows; // by name
};

} // namespace eventscope::gui
