#include "scriptsmodel.h"

#include "script/scriptsource.h"

#include <algorithm>

namespace eventscope::gui {

ScriptsModel::ScriptsModel(QObject* parent) : QAbstractListModel(parent) {}

ScriptsModel::Row ScriptsModel::describe(const StoredScript& script) const
{
    return {script, describeSource(script.source, script::workspaceReference(m_workspacePath, script.name))};
}

void ScriptsModel::setScripts(const QString& workspacePath, const std::vector<StoredScript>& scripts)
{
    beginResetModel();
    m_workspacePath = workspacePath;
    m_rows.clear();
    for (const StoredScript& script : scripts)
        m_rows.push_back(describe(script));
    std::sort(m_rows.begin(), m_rows.end(),
              [](const Row& a, const Row& b) { return a.script.name < b.script.name; });
    endResetModel();
}

int ScriptsModel::put(const StoredScript& script)
{
    const int existing = rowOf(script.name);
    if (existing >= 0) {
        m_rows[size_t(existing)] = describe(script);
        emit dataChanged(index(existing), index(existing));
        return existing;
    }
    const auto at =
        std::lower_bound(m_rows.begin(), m_rows.end(), script.name,
                         [](const Row& row, const QString& name) { return row.script.name < name; });
    const int row = int(at - m_rows.begin());
    beginInsertRows({}, row, row);
    m_rows.insert(at, describe(script));
    endInsertRows();
    return row;
}

void ScriptsModel::remove(const QString& name)
{
    const int row = rowOf(name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

int ScriptsModel::rowOf(const QString& name) const
{
    const auto it =
        std::find_if(m_rows.begin(), m_rows.end(), [&](const Row& row) { return row.script.name == name; });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

std::vector<ScriptEntry> ScriptsModel::entries() const
{
    std::vector<ScriptEntry> entries;
    for (const Row& row : m_rows)
        entries.push_back(row.entry);
    return entries;
}

int ScriptsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString ScriptsModel::summary(const ScriptEntry& entry)
{
    if (!entry.error.isEmpty())
        return tr("does not load");
    QStringList parts;
    if (entry.hasProjection)
        parts << tr("projection");
    if (!entry.checks.empty())
        parts << (entry.checks.size() == 1 ? tr("1 check") : tr("%1 checks").arg(entry.checks.size()));
    if (entry.hasUpcasters)
        parts << tr("upcasters");
    if (entry.hasCompensations)
        parts << tr("compensation rules");
    return parts.isEmpty() ? tr("declares nothing yet") : parts.join(QStringLiteral(", "));
}

QVariant ScriptsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return row.script.name;
    case Qt::ToolTipRole:
        return row.entry.error.isEmpty() ? summary(row.entry) : row.entry.error;
    case ReferenceRole:
        return row.entry.path;
    case SummaryRole:
        return summary(row.entry);
    case ErrorRole:
        return row.entry.error;
    default:
        return {};
    }
}

} // namespace eventscope::gui
