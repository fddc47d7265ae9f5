#pragma once

#include "replay/replayengine.h"
#include "replay/scriptcatalog.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QTableView;

namespace eventscope::gui {

class ChecksModel;

// The invariants & breakpoints dock: which script's checks apply (bundled ones, or one the user
// opens), each check's status after a scan of the whole log, and "run to the next violation or
// breakpoint" from the playhead. The owner runs the scans (they take seconds on a large log, on
// the replay worker) and answers with the show*() calls.
class ChecksPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChecksPanel(QWidget* parent = nullptr);

    // The script whose checks are in force: empty for none. Lists its checks, not yet checked.
    void setScript(const QString& path);
    QString script() const { return m_script; }

    void setBusy(const QString& what); // empty = idle
    void showScan(const std::vector<replay::Violation>& violations);
    void showNext(bool found, const replay::Violation& violation);
    void showFailure(const QString& message);
    void setEnabledForWorkspace(bool open);
    // The open workspace's scripts that declare checks, listed after the bundled ones in place of
    // the previous workspace's. When the script in force was one of those, none is chosen
    // (scriptChosen() is emitted with an empty path).
    void setWorkspaceScripts(const std::vector<ScriptEntry>& scripts);

    ChecksModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QComboBox* scriptChooser() const { return m_scripts; }
    QAction* scanAction() const { return m_scan; }
    QAction* runToNextAction() const { return m_runToNext; }
    QString statusText() const;

signals:
    // The user picked a script (empty = none); the owner reloads the replay with it.
    void scriptChosen(const QString& path);
    void scanRequested();
    void runToNextRequested();
    void positionRequested(qint64 position);

private:
    void onScriptActivated(int index);
    void updateActions();

    ChecksModel* m_model;
    QComboBox* m_scripts;
    QTableView* m_view;
    QLabel* m_status;
    QAction* m_scan;
    QAction* m_runToNext;
    QString m_script;
    bool m_busy = false;
    bool m_open = false;
};

} // namespace eventscope::gui
