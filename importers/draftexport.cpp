#include "draftexport.h"

#include "compensation/drafts.h"
#include "compensation/whatif.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QSaveFile>

namespace eventscope::importers {

DraftExport exportDrafts(Workspace& workspace, const std::vector<compensation::Draft>& drafts,
                         const QString& path, const ExportFormat& format, const QString& author)
{
    std::vector<qint64> ids;
    for (const compensation::Draft& d : drafts) {
        if (d.status == compensation::DraftStatus::Appended)
            throw WorkspaceError(
                QStringLiteral("draft %1 was appended already: it is in a store now").arg(d.id));
        ids.push_back(d.id);
    }
    WorkspaceStore store(workspace);
    DraftExport result;
    result.events = compensation::eventsForDrafts(drafts, compensation::draftTime(store));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw WriteError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    auto writer = format.open(file);
    for (const Event& event : result.events) {
        writer->write(event);
        ++result.written;
    }
    writer->finish();
    if (!file.commit())
        throw WriteError(QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    compensation::Drafts(workspace).markExported(ids, QStringLiteral("%1 (%2)").arg(path, format.id()),
                                                 author);
    return result;
}

} // namespace eventscope::importers
