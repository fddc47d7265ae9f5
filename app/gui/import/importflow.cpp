#include "importflow.h"

#include "importcontroller.h"
#include "importdialog.h"
#include "importprogresswidget.h"
#include "workspace.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

namespace eventscope::gui {
namespace {

const QString lastFolderKey = QStringLiteral("mainWindow/lastFolder");

QString withWorkspaceSuffix(QString path)
{
    if (!path.endsWith(QStringLiteral(".eventscope")))
        path += QStringLiteral(".eventscope");
    return path;
}

} // namespace

ImportFlow::ImportFlow(QWidget& window, std::function<QString()> openWorkspace, QObject* parent)
    : QObject(parent), m_window(window), m_openWorkspace(std::move(openWorkspace)),
      m_controller(new ImportController(this)), m_progress(new ImportProgressWidget(&window))
{
    m_progress->setController(m_controller);
    connect(m_controller, &ImportController::finished, this, [this](const importers::ImportReport& report) {
        emit imported(m_controller->workspacePath(), report);
    });
}

ImportFlow::~ImportFlow() = default;

QString ImportFlow::workspaceBeside(const QStringList& files)
{
    if (files.isEmpty())
        return {};
    const QFileInfo first(files.first());
    return first.absoluteDir().filePath(first.completeBaseName() + QStringLiteral(".eventscope"));
}

bool ImportFlow::importFiles(const QStringList& files)
{
    if (m_controller->isRunning()) {
        QMessageBox::information(&m_window, tr("Import Files"),
                                 tr("An import is running. Wait for it to finish, or cancel it in the status "
                                    "bar."));
        return false;
    }
    ImportDialog dialog(&m_window);
    dialog.addFiles(files);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const importers::ImportRequest request = dialog.request();
    if (request.files.isEmpty())
        return false;

    QString target = m_openWorkspace();
    if (target.isEmpty()) {
        // Nothing open: a new workspace, named after the first file unless the user says otherwise.
        target = QFileDialog::getSaveFileName(
            &m_window, tr("New Workspace for the Import"), workspaceBeside(request.files),
            tr("Eventscope workspaces (*.eventscope)"), nullptr, QFileDialog::DontConfirmOverwrite);
        if (target.isEmpty())
            return false;
        target = withWorkspaceSuffix(target);
    }
    QSettings().setValue(lastFolderKey, QFileInfo(request.files.first()).absolutePath());
    return m_controller->start(target, request);
}

QString ImportFlow::createWorkspace()
{
    const QString folder = QSettings().value(lastFolderKey, QDir::homePath()).toString();
    QString path = QFileDialog::getSaveFileName(&m_window, tr("New Workspace"),
                                                QDir(folder).filePath(tr("investigation.eventscope")),
                                                tr("Eventscope workspaces (*.eventscope)"));
    if (path.isEmpty())
        return {};
    path = withWorkspaceSuffix(path);
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        QMessageBox::warning(&m_window, tr("New Workspace"), tr("%1 cannot be replaced.").arg(path));
        return {};
    }
    try {
        Workspace created(path, Workspace::OpenMode::CreateIfMissing);
    } catch (const WorkspaceError& error) {
        QMessageBox::warning(&m_window, tr("New Workspace"), error.message());
        return {};
    }
    QSettings().setValue(lastFolderKey, QFileInfo(path).absolutePath());
    return path;
}

} // namespace eventscope::gui
