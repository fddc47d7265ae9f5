#include "mainwindow.h"

#include "appearance.h"
#include "bookmarks/bookmarksmodel.h"
#include "bookmarks/bookmarkspanel.h"
#include "checks/checkspanel.h"
#include "compensation/compensationpanel.h"
#include "events/eventspane.h"
#include "eventtableview.h"
#include "import/importflow.h"
#include "import/importprogresswidget.h"
#include "inspector/stateinspector.h"
#include "livestore/livefollowcontroller.h"
#include "presentation/captionpage.h"
#include "presentation/presentationmode.h"
#include "recentworkspaces.h"
#include "replay/projectionchooser.h"
#include "replay/replaycontroller.h"
#include "replay/scriptcatalog.h"
#include "streams/streamspanel.h"
#include "timeformat.h"
#include "timeline/playhead.h"
#include "timeline/timelinepanel.h"
#include "timeline/timelinewidget.h"
#include "welcomepage.h"
#include "windowlayout.h"
#include "workspace.h"
#include "workspacesession.h"
#include "workspacestatus.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScopeGuard>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include <algorithm>

namespace eventscope::gui {
namespace {

const QString geometryKey = QStringLiteral("mainWindow/geometry");
const QString lastFolderKey = QStringLiteral("mainWindow/lastFolder");

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_appearance(new Appearance(this)), m_session(new WorkspaceSession(this)),
      m_pages(new QStackedWidget(this)), m_welcome(new WelcomePage(m_pages)),
      m_events(new EventsPane(m_pages)), m_status(new WorkspaceStatus(this)), m_playhead(new Playhead(this)),
      m_timeline(new TimelinePanel(*m_playhead, this)), m_inspector(new StateInspector(this)),
      m_replay(new ReplayController(*m_playhead, *m_inspector, this)),
      m_projections(new ProjectionChooser(this)), m_layout(new WindowLayout(*this)),
      m_bookmarks(new BookmarksPanel(this)), m_caption(new CaptionPage(m_pages))
{
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_events);
    m_pages->addWidget(m_caption);
    setCentralWidget(m_pages);
    statusBar()->addWidget(m_status, 1);
    statusBar()->setSizeGripEnabled(true);
    m_import = new ImportFlow(
        *this, [this] { return m_session->isOpen() ? m_session->path() : QString(); }, this);
    statusBar()->addPermanentWidget(m_import->progressWidget());
    connect(m_import, &ImportFlow::imported, this, &MainWindow::onImported);
    setAcceptDrops(true);

    createDocks();
    createToolBar();
    createPresentation();
    createMenus();
    wireReplay();
    wireBookmarks();
    wireEvents();
    wireStreamsAndDetail();
    wireChartsAndReadModel();
    wireChecks();
    createReplayMenu();
    wireScripts();
    wireCompensation();

    connect(m_session, &WorkspaceSession::workspaceChanged, this, &MainWindow::onWorkspaceChanged);
    connect(m_welcome, &WelcomePage::openRequested, this, &MainWindow::chooseWorkspace);
    connect(m_welcome, &WelcomePage::workspaceRequested, this, &MainWindow::openWorkspaceInteractively);
    connect(m_recentMenu, &RecentWorkspacesMenu::workspaceRequested, this,
            &MainWindow::openWorkspaceInteractively);

    resize(1280, 800);
    restoreGeometry(QSettings().value(geometryKey).toByteArray());
    m_layout->restore();
    onWorkspaceChanged();
}

MainWindow::~MainWindow()
{
    // Views read through the session's store: closing detaches every one of them (through
    // onWorkspaceChanged) before the session goes.
    m_session->close();
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(tr("Replay"));
    m_toolBar->setObjectName(QStringLiteral("replayToolBar"));
    m_toolBar->setMovable(false);
    auto* label = new QLabel(tr("Projection "), m_toolBar);
    label->setBuddy(m_projections);
    m_toolBar->addWidget(label);
    m_toolBar->addWidget(m_projections);
}

void MainWindow::wireReplay()
{
    connect(m_projections, &ProjectionChooser::projectionChosen, this, &MainWindow::chooseProjection);
    connect(m_projections, &ProjectionChooser::scriptRejected, this,
            [this](const QString& message) { QMessageBox::warning(this, tr("Cannot Use Script"), message); });
    connect(m_replay, &ReplayController::failed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Replay: %1").arg(message), 10000);
    });
}

void MainWindow::wireBookmarks()
{
    addAction(m_bookmarks->addAction());
    addAction(m_bookmarks->nextAction());
    addAction(m_bookmarks->previousAction());
    connect(m_bookmarks, &BookmarksPanel::addRequested, this,
            [this] { m_bookmarks->addBookmark(m_playhead->position()); });
    connect(m_bookmarks, &BookmarksPanel::stepRequested, this,
            [this](int direction) { m_bookmarks->jumpFrom(m_playhead->position(), direction); });
    connect(m_bookmarks, &BookmarksPanel::positionRequested, m_playhead, &Playhead::setPosition);
    connect(m_bookmarks->model(), &BookmarksModel::bookmarksChanged, this, &MainWindow::updateMarkers);
}

void MainWindow::updateMarkers()
{
    std::vector<TimelineMarker> markers;
    for (const Bookmark& bookmark : m_bookmarks->model()->bookmarks())
        markers.push_back({bookmark.position, bookmark.note.section(QLatin1Char('\n'), 0, 0),
                           TimelineMarker::Kind::Bookmark});
    markers.insert(markers.end(), m_violations.begin(), m_violations.end());
    markers.insert(markers.end(), m_draftMarkers.begin(), m_draftMarkers.end());
    m_timeline->timeline()->setMarkers(std::move(markers));
}

void MainWindow::createPresentation()
{
    // What the show changes, kept to be put back when it ends.
    struct Before
    {
        QByteArray docks;
        QFont font;
        bool maximized = false;
    };
    auto before = std::make_shared<Before>();
    PresentationMode::Stage stage;
    stage.enter = [this, before] {
        *before = {saveState(), font(), isMaximized()};
        QFont larger = before->font;
        larger.setPointSizeF(larger.pointSizeF() * 1.35);
        setFont(larger);
        m_layout->showOnly({QStringLiteral("state"), QStringLiteral("charts"), QStringLiteral("timeline")});
        m_pages->setCurrentWidget(m_caption);
        menuBar()->hide();
        m_toolBar->hide();
        statusBar()->hide();
        showFullScreen();
    };
    stage.leave = [this, before] {
        setFont(before->font);
        if (before->maximized)
            showMaximized();
        else
            showNormal();
        menuBar()->show();
        statusBar()->show();
        restoreState(before->docks);
        m_pages->setCurrentWidget(m_events);
    };
    m_presentation = new PresentationMode(*m_playhead, *m_caption, std::move(stage), this);
    m_presentation->setEventDescriber([this](qint64 position) { return describeEvent(position); });
    m_presentAction = new QAction(tr("&Presentation Mode"), this);
    m_presentAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_presentAction->setToolTip(tr("Full screen, a guided tour of the bookmarks with their notes (F5)"));
    addAction(m_presentAction);
    connect(m_presentAction, &QAction::triggered, this, &MainWindow::startPresentation);
}

bool MainWindow::startPresentation()
{
    if (!m_session->isOpen())
        return false;
    if (m_presentation->start(m_bookmarks->model()->bookmarks()))
        return true;
    QMessageBox::information(this, tr("Presentation Mode"),
                             tr("Presentation mode tours the bookmarks. Add a bookmark with a note at each "
                                "moment of the story first (Ctrl+B)."));
    return false;
}

QString MainWindow::describeEvent(qint64 position) const
{
    EventStore* store = m_session->store();
    const std::optional<Event> event = store && position > 0 ? store->eventAt(position) : std::nullopt;
    if (!event)
        return tr("Before the first event");
    return QStringLiteral("#%1 \u00b7 %2 \u00b7 %3 \u00b7 %4")
        .arg(QLocale().toString(event->position), formatTimestamp(event->timeUs), event->stream, event->type);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* create = file->addAction(tr("&New Workspace\u2026"), this, &MainWindow::createWorkspace);
    create->setShortcut(QKeySequence::New);
    QAction* open = file->addAction(tr("&Open Workspace\u2026"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    QAction* import = file->addAction(tr("&Import Files\u2026"), this, [this] { importFiles({}); });
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    createLiveActions(file);
    createAttachActions(file);
    m_recentMenu = new RecentWorkspacesMenu(this);
    file->addMenu(m_recentMenu);
    m_closeAction = file->addAction(tr("&Close Workspace"), this, &MainWindow::closeWorkspace);
    m_closeAction->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_layout->fillViewMenu(m_viewMenu);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_toolBar->toggleViewAction());

    m_viewMenu->addSeparator();
    m_viewMenu->addMenu(m_appearance->createMenu(this));
    m_viewMenu->addAction(m_presentAction);

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addActions(m_playhead->actions());
    go->addSeparator();
    go->addAction(m_bookmarks->addAction());
    go->addAction(m_bookmarks->previousAction());
    go->addAction(m_bookmarks->nextAction());

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

void MainWindow::createWorkspace()
{
    const QString path = m_import->createWorkspace();
    if (!path.isEmpty())
        openWorkspaceInteractively(path);
}

void MainWindow::importFiles(const QStringList& files)
{
    m_import->importFiles(files);
}

void MainWindow::onImported(const QString& workspacePath, const importers::ImportReport& report)
{
    if (report.status != importers::ImportReport::Status::Completed)
        return; // the progress widget says why; the workspace is as it was
    if (m_session->isOpen() && QFileInfo(m_session->path()) == QFileInfo(workspacePath))
        refreshViews();
    else
        openWorkspaceInteractively(workspacePath);
}

void MainWindow::refreshViews()
{
    m_events->refresh();
    m_playhead->refresh();
    m_replay->refresh();
    m_bookmarks->setWorkspace(m_session->workspace(), m_session->store());
    m_compensation->reload();
    m_streams->refresh();
    m_status->setSummary(m_session->summary());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() &&
        std::all_of(urls.begin(), urls.end(), [](const QUrl& url) { return url.isLocalFile(); }))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList files;
    for (const QUrl& url : event->mimeData()->urls())
        files << url.toLocalFile();
    event->acceptProposedAction();
    // A workspace dropped alone is opened; anything else is imported.
    if (files.size() == 1 && files.first().endsWith(QStringLiteral(".eventscope")))
        openWorkspaceInteractively(files.first());
    else
        QTimer::singleShot(0, this, [this, files] { importFiles(files); }); // not inside the drop
}

void MainWindow::closeWorkspace()
{
    m_session->close();
}

void MainWindow::onWorkspaceChanged()
{
    m_live->stop(); // a follow writes into the workspace it was started on, not into the next one
    m_events->setStore(m_session->store(), m_session->isOpen() ? m_session->path() : QString());
    m_replay->setWorkspace(m_session->isOpen() ? m_session->path() : QString(), m_session->store());
    m_playhead->setStore(m_session->store());
    m_bookmarks->setWorkspace(m_session->workspace(), m_session->store());
    setDocksWorkspace();
    const bool open = m_session->isOpen();
    m_presentAction->setEnabled(open);
    m_layout->setDocksShown(open);
    m_toolBar->setEnabled(open);
    m_closeAction->setEnabled(open);
    watchAttachedStore();
    m_pages->setCurrentWidget(open ? static_cast<QWidget*>(m_events) : m_welcome);
    if (open) {
        m_status->setSummary(m_session->summary());
        setWindowTitle(tr("%1 \u2014 Eventscope").arg(m_session->name()));
        setWindowFilePath(m_session->path());
        m_events->view()->scrollToTop();
        m_events->view()->setFocus();
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
    m_layout->save();
    QMainWindow::closeEvent(event);
}

} // namespace eventscope::gui
