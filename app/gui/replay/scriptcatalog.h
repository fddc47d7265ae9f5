#pragma once

#include <QString>

#include <vector>

namespace eventscope::gui {

// What one JavaScript file offers a replay, read by running its definition once.
struct ScriptEntry
{
    QString path; // a file's path or a workspace script's reference
    QString name; // the file name, "stock-per-sku.js"
    bool hasProjection = false;
    bool hasChecks = false; // invariants or breakpoints
    struct Check
    {
        QString name;
        bool breakpoint = false;
    };
    std::vector<Check> checks; // in declaration order
    bool hasUpcasters = false;
    bool hasCompensations = false; // compensate() rules
    QString error;                 // the script does not load: the message, with its line
};

// Describes a script by loading it in a throwaway engine (a few milliseconds; GUI thread only).
// `path` is a file's path or a workspace script's reference (script/scriptsource.h).
ScriptEntry describeScript(const QString& path);
// The same for a script's text; `path` is what the entry refers to it by. `errorLine` receives the
// 1-based line of a problem, when the engine knows it.
ScriptEntry describeSource(const QString& source, const QString& path, int* errorLine = nullptr);

// The folder of the scripts shipped with Eventscope: share/eventscope/projections beside an installed
// executable, else resources/projections of the source tree it was built from; empty when neither
// exists.
QString bundledScriptsFolder();

// Every *.js file of a folder, by name.
std::vector<ScriptEntry> scanScripts(const QString& folder);

// The scripts of bundledScriptsFolder(), scanned once per process (each scan runs every script in
// an engine of its own; the projection chooser, the invariants dock and the upcasters menu all ask).
const std::vector<ScriptEntry>& bundledScripts();

} // namespace eventscope::gui
