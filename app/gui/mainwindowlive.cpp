// File ▸ Connect to Live Store: a running store followed into the open workspace, its state and lag
// in the status bar, the log growing in every view, the playhead kept on the newest event when the
// user asked for it. The follow itself runs on a worker (LiveFollowController).

#include "events/eventspane.h"
#include "livestore/connectdialog.h"
#include "livestore/livefollowcontroller.h"
#include "livestore/livestatuswidget.h"
#include "mainwindow.h"
#include "timeline/playhead.h"
#include "workspacesession.h"

#include <QAction>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

namespace eventscope::gui {

void MainWindow::createLiveActions(QMenu* file)
{
    m_live = new LiveFollowController(this);
    m_liveStatus = new LiveStatusWidget(this);
    statusBar()->addPermanentWidget(m_liveStatus);
    m_connectAction =
        file->addAction(tr("Connect to &Live Store\u2026"), this, &MainWindow::connectToLiveStore);
    m_connectAction->setToolTip(
        tr("Follow a PostgreSQL, NATS JetStream or SQLite store into this workspace"));
    m_disconnectAction = file->addAction(tr("&Stop Following"), m_live, &LiveFollowController::stop);
    m_disconnectAction->setEnabled(false);
    connect(m_liveStatus, &LiveStatusWidget::stopRequested, m_live, &LiveFollowController::stop);
    connect(m_live, &LiveFollowController::statusChanged, this,
            [this](const importers::live::LiveStatus& status) {
                m_liveStatus->showStatus(m_live->url(), status);
            });
    connect(m_live, &LiveFollowController::logGrew, this, [this] {
        if (!m_session->isOpen())
            return;
        refreshViews();
        if (m_followNewest) {
            m_playhead->setPosition(m_playhead->count());
            m_events->setPlayheadPosition(m_playhead->position()); // the table re-read: show the row again
        }
    });
    connect(m_live, &LiveFollowController::finished, this, &MainWindow::onLiveFinished);
}

bool MainWindow::followLiveStore(const QString& url, bool followNewest)
{
    if (!m_session->isOpen())
        return false;
    QString error;
    if (!m_live->start(m_session->path(), url, &error)) {
        emit errorOccurred(error);
        return false;
    }
    m_followNewest = followNewest;
    ConnectDialog::rememberProfile(m_live->url());
    m_connectAction->setEnabled(false);
    m_disconnectAction->setEnabled(true);
    return true;
}

void MainWindow::connectToLiveStore()
{
    ConnectDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (!followLiveStore(dialog.url(), dialog.followNewest()))
        QMessageBox::warning(this, tr("Cannot Follow"), tr("%1 cannot be followed.").arg(dialog.url()));
}

void MainWindow::onLiveFinished()
{
    m_connectAction->setEnabled(m_session->isOpen() && m_session->attachedStoreUrl().isEmpty());
    m_disconnectAction->setEnabled(false);
    const importers::live::LiveStatus status = m_live->status();
    if (status.state != importers::live::LiveState::Error)
        return;
    // libpq says "no password supplied" when neither PGPASSWORD nor ~/.pgpass has one: ask, and keep
    // the answer in this process only (never in the workspace or the settings).
    if (m_live->url().startsWith(QLatin1String("postgresql:")) &&
        status.message.contains(QLatin1String("password")) && isVisible()) {
        bool ok = false;
        const QString password = QInputDialog::getText(
            this, tr("PostgreSQL Password"),
            tr("%1 asks for a password (it is kept in memory only):").arg(m_live->url()), QLineEdit::Password,
            {}, &ok);
        if (ok && !password.isEmpty()) {
            qputenv("PGPASSWORD", password.toUtf8());
            followLiveStore(m_live->url(), m_followNewest);
        }
    }
}

} // namespace eventscope::gui
