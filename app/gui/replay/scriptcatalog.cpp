#include "scriptcatalog.h"

#include "replay/check.h"
#include "replay/projection.h"
#include "script/scriptprogram.h"
#include "script/scriptsource.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace eventscope::gui {

ScriptEntry describeSource(const QString& source, const QString& path, int* errorLine)
{
    ScriptEntry entry;
    entry.path = path;
    entry.name = script::scriptName(path);
    try {
        const auto program = script::ScriptProgram::fromSource(source, entry.name);
        const script::ScriptDefinition& definition = program->definition();
        entry.hasProjection = definition.hasProjection;
        entry.hasChecks = !definition.checks.empty();
        entry.hasUpcasters = !definition.upcasters.empty();
        entry.hasCompensations = !definition.compensatedTypes.isEmpty();
        for (const auto& check : definition.checks)
            entry.checks.push_back({check.name, check.kind == replay::Check::Kind::Breakpoint});
    } catch (const replay::ProjectionError& error) {
        entry.error = error.toString();
        if (errorLine)
            *errorLine = error.line;
    }
    return entry;
}

ScriptEntry describeScript(const QString& path)
{
    try {
        return describeSource(script::readScriptSource(path), path);
    } catch (const replay::ProjectionError& error) {
        ScriptEntry entry;
        entry.path = path;
        entry.name = script::scriptName(path);
        entry.error = error.toString();
        return entry;
    }
}

QString bundledScriptsFolder()
{
    const QDir appDir(QCoreApplication::applicationDirPath());
    const QString installed = appDir.absoluteFilePath(QStringLiteral("../share/eventscope/projections"));
    if (QFileInfo(installed).isDir())
        return QDir::cleanPath(installed);
    const QString source = QStringLiteral(EVENTSCOPE_SOURCE_DIR "/resources/projections");
    if (QFileInfo(source).isDir())
        return source;
    return {};
}

std::vector<ScriptEntry> scanScripts(const QString& folder)
{
    std::vector<ScriptEntry> entries;
    if (folder.isEmpty())
        return entries;
    const QDir dir(folder);
    const QStringList files = dir.entryList({QStringLiteral("*.js")}, QDir::Files, QDir::Name);
    for (const QString& file : files)
        entries.push_back(describeScript(dir.absoluteFilePath(file)));
    return entries;
}

const std::vector<ScriptEntry>& bundledScripts()
{
    static const std::vector<ScriptEntry> scripts = scanScripts(bundledScriptsFolder());
    return scripts;
}

} // namespace eventscope::gui
