#pragma once

#include "compensation/draft.h"
#include "writer.h"

#include <QString>

#include <vector>

namespace eventscope {
class Workspace;
}

namespace eventscope::importers {

struct DraftExport
{
    qint64 written = 0;
    std::vector<Event> events; // as written: time, stream versions
};

// Writes the events of `drafts` to `path` in `format`, atomically (QSaveFile: the old file or the
// whole new one, never a part), then records them as exported in `workspace` with the file and
// format in their audit trail. The events get the time of the export and, per stream, the versions
// after the one they expect. Throws WriteError when the file cannot be written (nothing is then
// recorded), WorkspaceError when a draft was appended already.
DraftExport exportDrafts(Workspace& workspace, const std::vector<compensation::Draft>& drafts,
                         const QString& path, const ExportFormat& format, const QString& author);

} // namespace eventscope::importers
