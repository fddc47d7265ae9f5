#pragma once

#include <QString>

namespace eventscope::script {

// Where a script's text comes from. Wherever Eventscope accepts a script (ReplaySpec,
// ScriptProgram::load, the window's projection chooser, invariants and upcasters), it is named by
// the path of a .js file or by a reference to a script kept in a workspace (WorkspaceScripts):
// "workspace:NAME@WORKSPACE-PATH". "workspace:NAME" alone is the short form a user types, meaning
// the workspace at hand; resolveReference() completes it.

bool isWorkspaceReference(const QString& reference);
QString workspaceReference(const QString& workspacePath, const QString& name);
// "workspace:NAME" becomes workspaceReference(workspacePath, NAME); anything else is returned as is.
QString resolveReference(const QString& reference, const QString& workspacePath);
// The workspace a reference points into (empty for a file).
QString referencedWorkspace(const QString& reference);

// What a script is called in messages and lists: a file's name ("stock.js") or the stored script's.
QString scriptName(const QString& reference);

// The script's text. Throws replay::ProjectionError (script = scriptName()) when it cannot be read:
// no such file, no such workspace or no such script in it.
QString readScriptSource(const QString& reference);

// Whether two references name the same script (the same file through different paths included).
bool sameScript(const QString& a, const QString& b);

} // namespace eventscope::script
