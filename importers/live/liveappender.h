#pragma once

#include "livebatch.h"
#include "workspace.h"

#include <QString>

#include <vector>

namespace eventscope::importers::live {

// Writes what a follow reads into the workspace through the same path imports take
// (ImportSession: dedupe on event id, gap-free positions, stream versions, provenance), one batch
// per transaction together with the source position it reaches: an interruption loses nothing
// committed and never leaves events without their checkpoint, or the reverse.
class LiveAppender
{
public:
    LiveAppender(Workspace& workspace, QString sourceUrl, QString label, QString kind);

    struct Result
    {
        qint64 added = 0;
        qint64 duplicates = 0;
    };
    // Appends the events (in source order) and records lastSourcePosition; all or nothing.
    // Throws sqlite::Error.
    Result append(std::vector<LiveEvent>& events, qint64 lastSourcePosition, qint64 rejected);

private:
    Workspace& m_workspace;
    QString m_url;
    QString m_label;
    QString m_kind;
    qint64 m_importId = 0; // the provenance record of this follow, made by its first batch
};

} // namespace eventscope::importers::live
