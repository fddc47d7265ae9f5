#pragma once

#include "sqlite/database.h"

#include <QString>

#include <optional>

namespace eventscope::importers::live {

// How far a workspace has read each source it follows (table live_sources), so that following
// the same source again continues after what it already holds. Keyed by the source's canonical
// URL, which never carries a password.
struct LiveCheckpoint
{
    // The last source position appended (or passed, for skipped bad rows); nullopt when this
    // source was never followed into the workspace.
    static std::optional<qint64> load(sqlite::Database& workspace, const QString& sourceUrl);
    // Inside the caller's transaction, with the events it covers.
    static void save(sqlite::Database& workspace, const QString& sourceUrl, qint64 position);
};

} // namespace eventscope::importers::live
