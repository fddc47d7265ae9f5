#pragma once

#include "importjob.h"
#include "timeline/timelinemarker.h"

#include <QMainWindow>

#include <vector>

class QStackedWidget;
class QTimer;
class QToolBar;

namespace eventscope::gui {

class Appearance;
class BookmarksPanel;
class CaptionPage;
class ChartsPanel;
class ChecksPanel;
class CompensationPanel;
class EventDetailView;
class EventsPane;
class ReadModelView;
class ScriptsPanel;
struct ScriptEntry;
class StreamsPanel;
class ImportFlow;
class LiveFollowController;
class LiveStatusWidget;
class EventTableModel;
class EventTableView;
class Playhead;
class PresentationMode;
class ProjectionChooser;
class RecentWorkspacesMenu;
class ReplayController;
class StateInspector;
class TimelinePanel;
class WelcomePage;
class WindowLayout;
class WorkspaceSession;
class WorkspaceStatus;

// Wiring only: the session owns the workspace, the model and views show it.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a workspace in place of the current one. On failure emits errorOccurred() and keeps
    // the current workspace; no dialog is shown, so callers decide how to report it.
    bool openWorkspace(const QString& path);
    // The same, reporting a failure in a message box: for menus, buttons and the command line.
    void openWorkspaceInteractively(const QString& path);

    WorkspaceSession* session() const { return m_session; }
    EventTableModel* eventModel() const;
    EventTableView* eventView() const;
    EventsPane* eventsPane() const { return m_events; }
    StreamsPanel* streamsPanel() const { return m_streams; }
    EventDetailView* eventDetail() const { return m_detail; }
    ChartsPanel* chartsPanel() const { return m_charts; }
    ReadModelView* readModelView() const { return m_readModel; }
    ChecksPanel* checksPanel() const { return m_checks; }
    ScriptsPanel* scriptsPanel() const { return m_scripts; }
    CompensationPanel* compensationPanel() const { return m_compensation; }
    WorkspaceStatus* workspaceStatus() const { return m_status; }
    Playhead* playhead() const { return m_playhead; }
    TimelinePanel* timelinePanel() const { return m_timeline; }
    StateInspector* stateInspector() const { return m_inspector; }
    ReplayController* replayController() const { return m_replay; }
    ProjectionChooser* projectionChooser() const { return m_projections; }
    WindowLayout* windowLayout() const { return m_layout; }
    Appearance* appearance() const { return m_appearance; }
    BookmarksPanel* bookmarksPanel() const { return m_bookmarks; }
    PresentationMode* presentation() const { return m_presentation; }
    CaptionPage* captionPage() const { return m_caption; }
    ImportFlow* importFlow() const { return m_import; }
    LiveFollowController* liveFollow() const { return m_live; }
    LiveStatusWidget* liveStatus() const { return m_liveStatus; }
    // Follows a live store into the open workspace (what File ▸ Connect to Live Store does once the
    // dialog is accepted); false, with the reason in errorOccurred(), when it cannot start.
    bool followLiveStore(const QString& url, bool followNewest);
    // Attaches a new workspace at workspacePath to a PostgreSQL store read in place and opens it
    // (what File ▸ Attach to Store does once a URL and a file are chosen); false, with the reason
    // in errorOccurred(), when it cannot.
    bool attachStoreAt(const QString& url, const QString& workspacePath);

public slots:
    // Full screen, a guided tour of the bookmarks; false without bookmarks.
    bool startPresentation();
    // The import dialog for these files, into the open workspace (or a new one beside them).
    void importFiles(const QStringList& files);

signals:
    void errorOccurred(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // The docks and what connects them (mainwindowdocks.cpp).
    void createDocks();
    void wireEvents();
    void wireStreamsAndDetail();
    void wireChartsAndReadModel();
    void wireChecks();
    // What the replay runs (mainwindowscripts.cpp).
    void createReplayMenu();
    void wireScripts();
    void wireCompensation();
    void createLiveActions(QMenu* file);
    void connectToLiveStore();
    void onLiveFinished();
    void createAttachActions(QMenu* file);
    void attachToStore();
    void watchAttachedStore();
    void draftCompensation(int source);
    void listRuleScripts();
    void chooseProjection(const QString& projection);
    void chooseChecksScript(const QString& path);
    void useUpcaster(const QString& path, bool on);
    void setDetailUpcasters(const QStringList& scripts);
    void listWorkspaceScripts();
    void listWorkspaceScriptsQuietly();
    void applyScript(const ScriptEntry& entry);
    // A workspace script in use was renamed (to = its new reference) or deleted (to empty).
    void replaceScriptReference(const QString& from, const QString& to);
    void showEventAt(qint64 position);
    void setDocksWorkspace();
    void createToolBar();
    void createMenus();
    void wireReplay();
    void wireBookmarks();
    void createPresentation();
    void createWorkspace();
    void onImported(const QString& workspacePath, const importers::ImportReport& report);
    // The open workspace's views read it again (after an import added events).
    void refreshViews();
    void updateMarkers();
    QString describeEvent(qint64 position) const;
    void chooseWorkspace();
    QString openOrExplain(const QString& path); // empty on success, else the reason
    void closeWorkspace();
    void showAbout();
    void onWorkspaceChanged();

    Appearance* m_appearance;
    WorkspaceSession* m_session;
    QStackedWidget* m_pages;
    WelcomePage* m_welcome;
    EventsPane* m_events;
    WorkspaceStatus* m_status;
    Playhead* m_playhead;
    TimelinePanel* m_timeline;
    StateInspector* m_inspector;
    ReplayController* m_replay;
    ProjectionChooser* m_projections;
    WindowLayout* m_layout;
    BookmarksPanel* m_bookmarks;
    CaptionPage* m_caption;
    // Created with the docks (mainwindowdocks.cpp).
    StreamsPanel* m_streams = nullptr;
    EventDetailView* m_detail = nullptr;
    ChartsPanel* m_charts = nullptr;
    ReadModelView* m_readModel = nullptr;
    ChecksPanel* m_checks = nullptr;
    ScriptsPanel* m_scripts = nullptr;
    CompensationPanel* m_compensation = nullptr;
    std::vector<TimelineMarker> m_violations;   // from the last scan of the checks
    std::vector<TimelineMarker> m_draftMarkers; // the events compensation drafts correct
    PresentationMode* m_presentation = nullptr;
    ImportFlow* m_import = nullptr;
    LiveFollowController* m_live = nullptr;
    LiveStatusWidget* m_liveStatus = nullptr;
    QAction* m_connectAction = nullptr;
    QAction* m_disconnectAction = nullptr;
    QAction* m_attachAction = nullptr;
    QTimer* m_attachedPoll = nullptr;
    qint64 m_attachedCount = 0;
    quint64 m_attachGeneration = 0;
    bool m_followNewest = true;
    QAction* m_presentAction = nullptr;
    QToolBar* m_toolBar = nullptr;
    QMenu* m_viewMenu = nullptr;
    RecentWorkspacesMenu* m_recentMenu = nullptr;
    QAction* m_closeAction = nullptr;
    QString m_lastError;
};

} // namespace eventscope::gui
