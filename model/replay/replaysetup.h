#pragma once

#include "check.h"
#include "projection.h"
#include "upcaster.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>
#include <vector>

namespace eventscope::replay {

// What a replay is made of, as a user names it: a projection (the built-in one or a script), scripts
// of upcasters, and a script of invariants and breakpoints (which may declare its own projection).
struct ReplaySpec
{
    QString projection = QStringLiteral("builtin"); // "builtin" or the path of a .js file
    QStringList upcasterScripts;
    QString checksScript;
    std::chrono::milliseconds scriptTimeLimit{2000}; // per request, for every script
};

// The objects a ReplaySpec describes, made on the thread that will use them (scripts run in
// engines bound to it). Throws ProjectionError when a script cannot be loaded.
class ReplaySetup
{
public:
    explicit ReplaySetup(const ReplaySpec& spec);
    ~ReplaySetup();
    ReplaySetup(const ReplaySetup&) = delete;
    ReplaySetup& operator=(const ReplaySetup&) = delete;

    Projection& projection() { return *m_projection; }
    Upcaster* upcaster() { return m_upcaster.get(); }
    Checks& checks() { return m_checks; }
    // Names of what was loaded, for reports: "builtin" or the script's file name.
    QString projectionName() const;
    // A content hash of the projection and the upcasters: what snapshots saved in a workspace are
    // valid for (PersistedSnapshots).
    QString identity() const { return m_identity; }

private:
    QString m_identity;
    std::unique_ptr<Projection> m_projection;
    std::unique_ptr<Upcaster> m_upcaster;
    Checks m_checks;
};

} // namespace eventscope::replay
