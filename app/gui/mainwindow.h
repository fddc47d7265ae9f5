#pragma once

#include <QMainWindow>

class QStackedWidget;

namespace eventscope::gui {

class EventTableModel;
class EventTableView;
class RecentWorkspacesMenu;
class WelcomePage;
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
    EventTableModel* eventModel() const { return m_model; }
    EventTableView* eventView() const { return m_table; }
    WorkspaceStatus* workspaceStatus() const { return m_status; }

signals:
    void errorOccurred(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void chooseWorkspace();
    QString openOrExplain(const QString& path); // empty on success, else the reason
    void closeWorkspace();
    void showAbout();
    void onWorkspaceChanged();

    WorkspaceSession* m_session;
    EventTableModel* m_model;
    QStackedWidget* m_pages;
    WelcomePage* m_welcome;
    EventTableView* m_table;
    WorkspaceStatus* m_status;
    RecentWorkspacesMenu* m_recentMenu = nullptr;
    QAction* m_closeAction = nullptr;
    QString m_lastError;
};

} // namespace eventscope::gui
