// What is done with the drafts the Compensation dock lists: deleting, rebasing onto the streams'
// current versions, exporting to a file, appending to a workspace or a store.
#include "appenddialog.h"
#include "compensation/drafts.h"
#include "compensationpanel.h"
#include "counted.h"
#include "draftexport.h"
#include "draftsmodel.h"
#include "formatregistry.h"
#include "live/draftappend.h"
#include "sqlite/database.h"
#include "workspace.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QTableView>

namespace eventscope::gui {

using compensation::Draft;
using compensation::DraftStatus;

void CompensationPanel::deleteSelected()
{
    std::vector<qint64> ids;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const Draft* d = m_model->draftAt(index.row());
        if (d && d->status == DraftStatus::Draft)
            ids.push_back(d->id);
    }
    try {
        for (qint64 id : ids)
            m_drafts->remove(id, compensation::defaultAuthor());
        showStatus(counted(qsizetype(ids.size()), tr("1 draft deleted."), tr("%1 drafts deleted.")));
    } catch (const WorkspaceError& e) {
        showStatus(e.message(), true);
    }
    reload();
}

void CompensationPanel::rebaseSelected()
{
    std::vector<qint64> ids;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const Draft* d = m_model->draftAt(index.row());
        if (d && d->status != DraftStatus::Appended)
            ids.push_back(d->id);
    }
    try {
        const auto rebased = m_drafts->rebase(ids, compensation::defaultAuthor());
        showStatus(rebased.empty() ? tr("The drafts already expect their streams' current versions.")
                                   : counted(qsizetype(rebased.size()), tr("1 draft"), tr("%1 drafts")) +
                                         tr(" rebased: preview them again before appending."));
    } catch (const WorkspaceError& e) {
        showStatus(e.message(), true);
    } catch (const sqlite::Error& e) {
        showStatus(e.message(), true);
    }
    reload();
}

bool CompensationPanel::exportTo(const QString& path, const QString& formatId)
{
    const auto* format = importers::FormatRegistry::instance().exportFormat(formatId);
    const std::vector<Draft> drafts = selectedOrPending();
    if (!format || drafts.empty() || !m_workspace)
        return false;
    try {
        const auto result =
            importers::exportDrafts(*m_workspace, drafts, path, *format, compensation::defaultAuthor());
        showStatus(counted(result.written, tr("1 draft"), tr("%1 drafts")) +
                   tr(" exported to %1 (%2).").arg(QFileInfo(path).fileName(), format->displayName()));
        reload();
        return true;
    } catch (const importers::WriteError& e) {
        showStatus(e.message(), true);
    } catch (const WorkspaceError& e) {
        showStatus(e.message(), true);
    } catch (const sqlite::Error& e) {
        showStatus(e.message(), true);
    }
    return false;
}

void CompensationPanel::exportInteractively()
{
    const auto& formats = importers::FormatRegistry::instance().exportFormats();
    QStringList filters;
    for (const auto& format : formats)
        filters << tr("%1 (*.%2)").arg(format->displayName(), format->extension());
    QString chosenFilter = filters.value(0);
    const QString folder = QFileInfo(m_path).absolutePath();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Drafts"), folder + QStringLiteral("/drafts.jsonl"),
                                     filters.join(QStringLiteral(";;")), &chosenFilter);
    if (path.isEmpty())
        return;
    const qsizetype index = filters.indexOf(chosenFilter);
    exportTo(path, formats[std::size_t(std::max<qsizetype>(index, 0))]->id());
}

bool CompensationPanel::appendTo(const QString& target)
{
    const std::vector<Draft> drafts = selectedOrPending();
    if (drafts.empty() || !m_workspace)
        return false;
    bool ok = false;
    try {
        const auto plan =
            importers::live::appendDrafts(*m_workspace, target, drafts, compensation::defaultAuthor());
        showStatus(counted(qsizetype(plan.events.size()), tr("1 event"), tr("%1 events")) +
                   tr(" appended to %1.").arg(plan.target.display));
        if (plan.target.kind == importers::live::AppendTarget::Kind::Workspace &&
            QFileInfo(plan.target.path) == QFileInfo(m_path))
            emit logAppended();
        ok = true;
    } catch (const compensation::AppendConflictError& e) {
        showStatus(e.message(), true);
    } catch (const importers::live::DraftAppendError& e) {
        showStatus(e.message(), true);
    } catch (const WorkspaceError& e) {
        showStatus(e.message(), true);
    } catch (const sqlite::Error& e) {
        showStatus(e.message(), true);
    }
    reload();
    return ok;
}

void CompensationPanel::appendInteractively()
{
    const std::vector<Draft> drafts = selectedOrPending();
    if (drafts.empty())
        return;
    AppendDialog dialog(m_path, drafts, this);
    if (dialog.exec() == QDialog::Accepted)
        appendTo(dialog.target());
}

} // namespace eventscope::gui
