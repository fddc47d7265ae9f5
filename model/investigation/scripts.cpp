#include "scripts.h"

#include "sqlite/database.h"
#include "workspace.h"

#include <QDateTime>
#include <QRegularExpression>

namespace eventscope {
namespace {

StoredScript readScript(const sqlite::Statement& row)
{
    return StoredScript{row.text(0), row.text(1), row.int64(2)};
}

} // namespace

WorkspaceScripts::WorkspaceScripts(Workspace& workspace) : m_workspace(workspace) {}

QString WorkspaceScripts::nameProblem(const QString& name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]*\\.js$"));
    if (name.isEmpty())
        return QStringLiteral("a script needs a name");
    if (name.size() > 120)
        return QStringLiteral("the name is longer than 120 characters");
    if (!valid.match(name).hasMatch())
        return QStringLiteral("“%1”: a name is letters, digits, '.', '-' and '_', ending in .js").arg(name);
    return {};
}

std::vector<StoredScript> WorkspaceScripts::all()
{
    auto query = m_workspace.database().prepare("SELECT name, source, updated_us FROM scripts ORDER BY name");
    std::vector<StoredScript> scripts;
    while (query.step())
        scripts.push_back(readScript(query));
    return scripts;
}

std::optional<StoredScript> WorkspaceScripts::find(const QString& name)
{
    auto query =
        m_workspace.database().prepare("SELECT name, source, updated_us FROM scripts WHERE name = ?");
    query.bind(1, name);
    if (!query.step())
        return std::nullopt;
    return readScript(query);
}

StoredScript WorkspaceScripts::save(const QString& name, const QString& source)
{
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        throw WorkspaceError(problem);
    const StoredScript script{name, source, QDateTime::currentMSecsSinceEpoch() * 1000};
    auto upsert = m_workspace.database().prepare(
        "INSERT INTO scripts(name, source, updated_us) VALUES(?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET source = excluded.source, updated_us = excluded.updated_us");
    upsert.bind(1, script.name).bind(2, script.source).bind(3, script.updatedUs).exec();
    return script;
}

void WorkspaceScripts::rename(const QString& from, const QString& to)
{
    if (from == to)
        return;
    if (const QString problem = nameProblem(to); !problem.isEmpty())
        throw WorkspaceError(problem);
    if (find(to))
        throw WorkspaceError(QStringLiteral("“%1”: the workspace already has a script of that name").arg(to));
    auto update = m_workspace.database().prepare("UPDATE scripts SET name = ? WHERE name = ?");
    update.bind(1, to).bind(2, from).exec();
    if (m_workspace.database().changes() == 0)
        throw WorkspaceError(QStringLiteral("“%1”: no such script in the workspace").arg(from));
}

void WorkspaceScripts::remove(const QString& name)
{
    auto remove = m_workspace.database().prepare("DELETE FROM scripts WHERE name = ?");
    remove.bind(1, name).exec();
}

QString WorkspaceScripts::unusedName(const QString& base)
{
    if (!find(base))
        return base;
    const QString stem = base.endsWith(QLatin1String(".js")) ? base.chopped(3) : base;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1-%2.js").arg(stem).arg(n);
        if (!find(candidate))
            return candidate;
    }
}

} // namespace eventscope
