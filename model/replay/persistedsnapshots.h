#pragma once

#include "replayengine.h"

#include <QString>

namespace eventscope {
class Workspace;
}

namespace eventscope::replay {

// Snapshots kept in the workspace (table `snapshots`), so that reopening an investigation restores
// states from the nearest saved snapshot instead of folding the log from the start. Saved per
// projection (a content hash of its scripts: ReplaySetup::identity()) and per log: an import that
// changes the log makes the saved snapshots of the old log unreachable, and saving replaces them.
class PersistedSnapshots
{
public:
    PersistedSnapshots(Workspace& workspace, QString projectionKey);

    // Adds the saved snapshots of this projection and this log to the engine; returns how many.
    int loadInto(ReplayEngine& engine);
    // Replaces what is saved for this projection by up to `limit` of the engine's snapshots, spread
    // evenly over the log (the initial state is never saved: it costs nothing to rebuild). Returns
    // how many were saved.
    int saveFrom(const ReplayEngine& engine, int limit = 16);

    // What identifies the log: positions keep their meaning only while it is unchanged.
    static QString logFingerprint(Workspace& workspace);

private:
    Workspace& m_workspace;
    QString m_projectionKey;
};

} // namespace eventscope::replay
