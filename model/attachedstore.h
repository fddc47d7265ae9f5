#pragma once

#include "eventstore.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace eventscope {

class Workspace;

// A workspace either holds its events (imported, followed) or is attached to a server store that
// keeps them: then the workspace holds only the investigation (bookmarks, scripts, drafts, cached
// snapshots) and every view reads the server through an EventStore that the store's importer
// provides. Which stores can be attached is registered by URL scheme at start-up (model/ does not
// know the servers: importers/ do).
using AttachedStoreOpener =
    std::function<std::unique_ptr<EventStore>(const QString& url, Workspace& workspace)>;
void registerAttachedStoreOpener(const QString& scheme, AttachedStoreOpener opener);
bool canAttach(const QString& url);

// The URL of the store a workspace is attached to, nullopt for a workspace that holds its events.
std::optional<QString> attachedStoreUrl(Workspace& workspace);
// Attaches an empty workspace to a store, once the store has opened: returns it (throws
// WorkspaceError when the workspace holds events or is attached elsewhere, or the store cannot be
// read). The URL must be canonical: it is shown and kept, so it carries no password.
std::unique_ptr<EventStore> attachStore(Workspace& workspace, const QString& url);

// The store every reader goes through: the workspace's own events, or the attached store, opened
// for the calling thread (throws WorkspaceError naming the store when it cannot be reached).
std::unique_ptr<EventStore> openEventStore(Workspace& workspace);

} // namespace eventscope
