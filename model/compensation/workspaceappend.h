#pragma once

#include "appendconflict.h"
#include "draft.h"

#include <functional>
#include <vector>

namespace eventscope {
class Workspace;
}

namespace eventscope::compensation {

struct AppendResult
{
    qint64 firstPosition = 0;
    qint64 lastPosition = 0;
    std::vector<Event> events; // as written: positions and stream versions assigned
};

// The stream version each stream must end at for `drafts` to go out together: the version the
// first draft of each stream expects. Drafts of one stream that expect different versions were made
// against different states of it; appendToWorkspace reports those as conflicts.
std::vector<VersionConflict> inconsistentDrafts(const std::vector<Draft>& drafts);

// Appends the events of `drafts` (in order, at `timeUs`) to a workspace in one transaction, after
// what it holds, with a provenance record ("drafts"). Each stream's last version is checked against
// what its drafts expect inside the same transaction: on any mismatch nothing is written and
// AppendConflictError names every stream that moved. `beforeCommit` runs inside the transaction
// (appending to the drafts' own workspace marks them appended there, all or nothing).
// Throws WorkspaceError or sqlite::Error on other failures, leaving the workspace as it was.
AppendResult appendToWorkspace(Workspace& target, const std::vector<Draft>& drafts, qint64 timeUs,
                               const std::function<void()>& beforeCommit = {});

} // namespace eventscope::compensation
