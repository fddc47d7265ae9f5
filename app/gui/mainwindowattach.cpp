// File ▸ Attach to Store: a PostgreSQL store read in place from a new workspace that holds only
// the investigation. Every view reads the server through the attached store (openEventStore);
// while it is open the window looks for new events every second and refreshes the views when
// the store has grown, keeping the playhead on the newest event when asked to.

#include "attachedstore.h"
#include "events/eventspane.h"
#include "livestore/connectdialog.h"
#include "mainwindow.h"
#include "sourceurl.h"
#include "timeline/playhead.h"
#include "workspace.h"
#include "workspacesession.h"
#include "workspacestatus.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTimer>

#include <thread>

namespace eventscope::gui {
namespace {

void removeWorkspaceFiles(const QString& path)
{
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

// Creates the workspace and attaches it; the reason when that fails (the new file then removed).
QString attachNewWorkspace(const QString& url, const QString& path)
{
    const bool existed = QFileInfo::exists(path);
    try {
        Workspace workspace(path);
        attachStore(workspace, url);
        return {};
    } catch (const WorkspaceError& error) {
        if (!existed)
            removeWorkspaceFiles(path);
        return error.message();
    } catch (const sqlite::Error& error) {
        if (!existed)
            removeWorkspaceFiles(path);
        return QStringLiteral("%1: %2").arg(path, error.message());
    }
}

} // namespace

void MainWindow::createAttachActions(QMenu* file)
{
    m_attachAction =
        file->addAction(tr("&Attach to Store (Read in Place)\u2026"), this, &MainWindow::attachToStore);
    m_attachAction->setToolTip(tr("Explore a PostgreSQL store without copying it: a new workspace keeps only "
                                  "the investigation"));
    m_attachedPoll = new QTimer(this);
    m_attachedPoll->setInterval(1000);
    connect(m_attachedPoll, &QTimer::timeout, this, [this] {
        if (!m_session->isOpen() || m_session->attachedStoreUrl().isEmpty())
            return;
        const qint64 count = m_session->store()->count();
        if (count == m_attachedCount)
            return;
        m_attachedCount = count;
        refreshViews();
        if (m_followNewest) {
            m_playhead->setPosition(m_playhead->count());
            m_events->setPlayheadPosition(m_playhead->position());
        }
    });
}

void MainWindow::attachToStore()
{
    ConnectDialog dialog(this, ConnectDialog::Purpose::Attach);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto url = importers::live::SourceUrl::parse(dialog.url(), nullptr);
    if (!url)
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("New Workspace for the Attached Store"),
        folder + QLatin1Char('/') + (url->database.isEmpty() ? QStringLiteral("store") : url->database) +
            QStringLiteral(".eventscope"),
        tr("Eventscope workspaces (*.eventscope)"));
    if (path.isEmpty())
        return;
    m_followNewest = dialog.followNewest();
    if (!attachStoreAt(url->canonical(), path))
        QMessageBox::warning(this, tr("Cannot Attach"), m_lastError);
}

bool MainWindow::attachStoreAt(const QString& url, const QString& workspacePath)
{
    QString error;
    {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        const auto restoreCursor = qScopeGuard([] { QApplication::restoreOverrideCursor(); });
        error = attachNewWorkspace(url, workspacePath);
    }
    // libpq says "no password supplied" when neither PGPASSWORD nor ~/.pgpass has one: ask, and keep
    // the answer in this process only.
    if (!error.isEmpty() && error.contains(QLatin1String("password")) && isVisible()) {
        bool ok = false;
        const QString password = QInputDialog::getText(
            this, tr("PostgreSQL Password"),
            tr("%1 asks for a password (it is kept in memory only):").arg(url), QLineEdit::Password, {}, &ok);
        if (ok && !password.isEmpty()) {
            qputenv("PGPASSWORD", password.toUtf8());
            QApplication::setOverrideCursor(Qt::WaitCursor);
            const auto restoreCursor = qScopeGuard([] { QApplication::restoreOverrideCursor(); });
            error = attachNewWorkspace(url, workspacePath);
        }
    }
    if (!error.isEmpty()) {
        m_lastError = error;
        emit errorOccurred(error);
        return false;
    }
    ConnectDialog::rememberProfile(url);
    return openWorkspace(workspacePath);
}

// After a workspace opened or closed: an attached store is watched for new events, and its streams
// are counted off the GUI thread (one probe per stream: seconds on a big store).
void MainWindow::watchAttachedStore()
{
    const QString url = m_session->isOpen() ? m_session->attachedStoreUrl() : QString();
    m_connectAction->setEnabled(m_session->isOpen() && url.isEmpty()); // nothing to copy into
    if (url.isEmpty()) {
        m_attachedPoll->stop();
        return;
    }
    m_attachedCount = m_session->store()->count();
    m_attachedPoll->start();
    const quint64 generation = ++m_attachGeneration;
    QPointer<MainWindow> window(this);
    std::thread([window, generation, path = m_session->path()] {
        qint64 streams = 0;
        try {
            Workspace workspace(path, Workspace::OpenMode::ReadOnly);
            streams = openEventStore(workspace)->streamCount();
        } catch (const WorkspaceError&) {
            return;
        } catch (const sqlite::Error&) {
            return;
        }
        QMetaObject::invokeMethod(qApp, [window, generation, streams] {
            if (!window || window->m_attachGeneration != generation || !window->m_session->isOpen())
                return;
            window->m_session->setStreamCount(streams);
            window->m_status->setSummary(window->m_session->summary());
        });
    }).detach();
}

} // namespace eventscope::gui
