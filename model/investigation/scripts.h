#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace eventscope {

class Workspace;

// A projection, invariants or upcasters script written in the window's Scripts view and kept in the
// workspace (table `scripts`), so that an investigation travels with its code.
struct StoredScript
{
    QString name; // "stock-per-sku.js": letters, digits, '.', '-', '_'; ends in .js
    QString source;
    qint64 updatedUs = 0;

    bool operator==(const StoredScript&) const = default;
};

// The scripts of a workspace, by name. Throws WorkspaceError for an invalid or clashing name.
class WorkspaceScripts
{
public:
    explicit WorkspaceScripts(Workspace& workspace);

    std::vector<StoredScript> all();
    std::optional<StoredScript> find(const QString& name);
    // Creates or replaces the script `name`.
    StoredScript save(const QString& name, const QString& source);
    void rename(const QString& from, const QString& to);
    void remove(const QString& name);

    // Empty when `name` can name a script, else why not.
    static QString nameProblem(const QString& name);
    // `base` (e.g. "projection.js") or, when taken, "projection-2.js", "projection-3.js", ...
    QString unusedName(const QString& base);

private:
    Workspace& m_workspace;
};

} // namespace eventscope
