#include "mainwindow.h"

#include "eventtablemodel.h"
#include "eventtableview.h"
#include "recentworkspaces.h"
#include "welcomepage.h"
#include "workspace.h"
#include "workspacesession.h"
#include "workspacestatus.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QScopeGuard>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

namespace eventscope::gui {
namespace {

const QString geometryKey = QStringLiteral("mainWindow/geometry");
const QString lastFolderKey = QStringLiteral("mainWindow/lastFolder");

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_session(new WorkspaceSession(this)), m_model(new EventTableModel(this)),
      m_pages(new QStackedWidget(this)), m_welcome(new WelcomePage(m_pages)),
      m_table(new EventTableView(m_pages)), m_status(new WorkspaceStatus(this))
{
    m_table->setModel(m_model);
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_table);
    setCentralWidget(m_pages);
    statusBar()->addWidget(m_status, 1);
    statusBar()->setSizeGripEnabled(true);

    createMenus();

    connect(m_session, &WorkspaceSession::workspaceChanged, this, &MainWindow::onWorkspaceChanged);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::chooseWorkspace);
    connect(m_welcome, &WelcomePage::workspaceRequested, this, &MainWindow::openWorkspaceInteractively);
    connect(m_recentMenu, &RecentWorkspacesMenu::workspaceRequested, this,
            &MainWindow::openWorkspaceInteractively);

    resize(1280, 800);
    restoreGeometry(QSettings().value(geometryKey).toByteArray());
    onWorkspaceChanged();
}

MainWindow::~MainWindow()
{
    // The model reads through the session's store: detach it before the session goes.
    m_model->setStore(nullptr);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Workspace\u2026"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = new RecentWorkspacesMenu(this);
    file->addMenu(m_recentMenu);
    m_closeAction = file->addAction(tr("&Close Workspace"), this, &MainWindow::closeWorkspace);
    m_closeAction->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Eventscope"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

bool MainWindow::openWorkspace(const QString& path)
{
    const QString error = openOrExplain(path);
    if (error.isEmpty())
        return true;
    emit errorOccurred(error);
    return false;
}

void MainWindow::openWorkspaceInteractively(const QString& path)
{
    if (openWorkspace(path))
        return;
    m_welcome->refresh(); // a missing file has just left the recent list
    QMessageBox::warning(this, tr("Cannot Open Workspace"), m_lastError);
}

QString MainWindow::openOrExplain(const QString& path)
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const auto restoreCursor = qScopeGuard([] { QApplication::restoreOverrideCursor(); });
    try {
        m_session->open(path);
    } catch (const WorkspaceError& error) {
        if (!QFileInfo::exists(path))
            RecentWorkspaces::remove(path);
        m_lastError = error.message();
        return m_lastError;
    }
    m_lastError.clear();
    RecentWorkspaces::add(m_session->path());
    return {};
}

void MainWindow::chooseWorkspace()
{
    QSettings settings;
    const QString folder = m_session->isOpen() ? QFileInfo(m_session->path()).absolutePath()
                                               : settings.value(lastFolderKey, QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Workspace"), folder, tr("Eventscope workspaces (*.eventscope);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(lastFolderKey, QFileInfo(path).absolutePath());
    openWorkspaceInteractively(path);
}

void MainWindow::closeWorkspace()
{
    m_session->close();
}

void MainWindow::onWorkspaceChanged()
{
    m_model->setStore(m_session->store());
    const bool open = m_session->isOpen();
    m_closeAction->setEnabled(open);
    m_pages->setCurrentWidget(open ? static_cast<QWidget*>(m_table) : m_welcome);
    if (open) {
        m_status->setSummary(m_session->summary());
        setWindowTitle(tr("%1 \u2014 Eventscope").arg(m_session->name()));
        setWindowFilePath(m_session->path());
        m_table->scrollToTop();
        m_table->setFocus();
    } else {
        m_status->clear();
        setWindowTitle(tr("Eventscope"));
        setWindowFilePath({});
    }
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Eventscope"),
        tr("<h3>Eventscope %1</h3>"
           "<p>A desktop explorer for event-sourced systems: open an event log, browse it, replay it, "
           "and draft compensating events.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QStringLiteral(EVENTSCOPE_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings().setValue(geometryKey, saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace eventscope::gui
