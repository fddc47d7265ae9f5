#include "scriptsource.h"

#include "investigation/scripts.h"
#include "replay/projection.h"
#include "workspace.h"

#include <QFile>
#include <QFileInfo>

namespace eventscope::script {
namespace {

const QString prefix = QStringLiteral("workspace:");

struct Parts
{
    QString name;
    QString workspace; // empty in the short form
};

Parts split(const QString& reference)
{
    const QString rest = reference.mid(prefix.size());
    const qsizetype at = rest.indexOf(QLatin1Char('@'));
    if (at < 0)
        return {rest, {}};
    return {rest.left(at), rest.mid(at + 1)};
}

[[noreturn]] void unreadable(const QString& reference, const QString& why)
{
    throw replay::ProjectionError{QStringLiteral("cannot read the script: %1").arg(why),
                                  scriptName(reference), 0, 0};
}

} // namespace

bool isWorkspaceReference(const QString& reference)
{
    return reference.startsWith(prefix);
}

QString workspaceReference(const QString& workspacePath, const QString& name)
{
    return prefix + name + QLatin1Char('@') + QFileInfo(workspacePath).absoluteFilePath();
}

QString resolveReference(const QString& reference, const QString& workspacePath)
{
    if (!isWorkspaceReference(reference) || !split(reference).workspace.isEmpty())
        return reference;
    return workspaceReference(workspacePath, split(reference).name);
}

QString referencedWorkspace(const QString& reference)
{
    return isWorkspaceReference(reference) ? split(reference).workspace : QString();
}

QString scriptName(const QString& reference)
{
    if (isWorkspaceReference(reference))
        return split(reference).name;
    return QFileInfo(reference).fileName();
}

QString readScriptSource(const QString& reference)
{
    if (!isWorkspaceReference(reference)) {
        QFile file(reference);
        if (!file.open(QIODevice::ReadOnly))
            unreadable(reference, file.errorString());
        return QString::fromUtf8(file.readAll());
    }
    const Parts parts = split(reference);
    if (parts.workspace.isEmpty())
        unreadable(reference, QStringLiteral("“%1” names no workspace (workspace:NAME@PATH)").arg(reference));
    try {
        Workspace workspace(parts.workspace, Workspace::OpenMode::ReadOnly);
        if (const auto script = WorkspaceScripts(workspace).find(parts.name))
            return script->source;
    } catch (const WorkspaceError& error) {
        unreadable(reference, error.message());
    } catch (const sqlite::Error& error) {
        unreadable(reference, QStringLiteral("%1: %2").arg(parts.workspace, error.message()));
    }
    unreadable(reference, QStringLiteral("%1 has no script “%2”").arg(parts.workspace, parts.name));
}

bool sameScript(const QString& a, const QString& b)
{
    if (isWorkspaceReference(a) || isWorkspaceReference(b))
        return a == b;
    return QFileInfo::exists(a) && QFileInfo(a).canonicalFilePath() == QFileInfo(b).canonicalFilePath();
}

} // namespace eventscope::script
