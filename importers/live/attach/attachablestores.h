#pragma once

namespace eventscope::importers::live {

// Makes PostgreSQL stores (postgresql:// URLs: Message DB, Marten, a mapped table) attachable to
// a workspace (model/attachedstore). Called once at start-up by every program that opens
// workspaces; calling it again does nothing.
void registerAttachableStores();

} // namespace eventscope::importers::live
