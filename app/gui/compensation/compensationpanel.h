#pragma once

#include "compensation/draft.h"
#include "replay/replaysetup.h"
#include "json/jsonvalue.h"

#include <QHash>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QToolButton;
class QTreeWidget;

namespace eventscope {
class Workspace;
namespace compensation {
class Drafts;
}
} // namespace eventscope

namespace eventscope::gui {

class CompensationService;
class DraftEditor;
class DraftsModel;
struct DraftJob;
struct DraftJobResult;
struct ScriptEntry;
struct WhatIfJobResult;
class WhatIfView;

// The Compensation dock: event sourcing never rewrites history, so a mistake is corrected by new
// events. Draft them (through the rules of a script, or the generic reversal) for the event at the
// playhead, the selected range, the filter's matches or the events that broke an invariant; edit
// them; preview the log with them appended (what-if) against the actual one; then export them or
// append them to a store. The drafts, their status and audit trail live in the workspace.
class CompensationPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Source
    {
        Playhead,
        Range,
        Matches,
        Violations,
        ByHand // a draft to write, for the event at the playhead
    };

    explicit CompensationPanel(QWidget* parent = nullptr);
    ~CompensationPanel() override;

    // nullptr when no workspace is open; `path` is the file the worker opens for itself.
    void setWorkspace(Workspace* workspace, const QString& path);
    // The window's replay set-up: what-ifs fold through its projection and upcasters and check its
    // invariants; drafting from violations scans with its invariants script.
    void setReplaySpec(const replay::ReplaySpec& spec);
    // The rule scripts to offer (those declaring compensate()), besides the generic reversal.
    void setRuleScripts(const std::vector<ScriptEntry>& scripts);
    void setChartExpressions(const QStringList& expressions);

    // Drafts compensations for the events at `positions` (`what` names them for the status line).
    void draftEvents(const std::vector<qint64>& positions, const QString& what);
    void draftViolations();
    // A draft for the event at `position` to be written by hand, opened in the editor.
    void draftByHand(qint64 position);
    // Runs a what-if with the drafts not yet appended.
    void preview();
    void reload();

    DraftsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    DraftEditor* editor() const { return m_editor; }
    WhatIfView* whatIfView() const { return m_whatIf; }
    QTabWidget* tabs() const { return m_tabs; }
    QComboBox* rulesBox() const { return m_rules; }
    QLineEdit* reasonEdit() const { return m_reason; }
    QLabel* statusLabel() const { return m_status; }
    QAction* draftAction(Source source) const;
    QAction* previewAction() const { return m_preview; }
    QAction* exportAction() const { return m_export; }
    QAction* appendAction() const { return m_append; }
    QAction* deleteAction() const { return m_delete; }
    QAction* rebaseAction() const { return m_rebase; }
    // The rules the next draft goes through: a script's path or reference, empty = the reversal.
    QString currentRules() const;
    // Chooses the rules of `reference` (one setRuleScripts() offered); false when it is not offered.
    bool useRules(const QString& reference);
    bool isBusy() const { return m_busy; }

    // What Export… and Append… do once the user has chosen: for the dialogs and for tests.
    bool exportTo(const QString& path, const QString& formatId);
    bool appendTo(const QString& target);

signals:
    // A Draft action was triggered: the owner answers with draftEvents() (or draftViolations()).
    void draftRequested(eventscope::gui::CompensationPanel::Source source);
    void positionRequested(qint64 position);
    // The stored drafts changed (drafted, edited, deleted, exported, appended).
    void draftsChanged();
    // Drafts were appended to the open workspace itself: the log grew.
    void logAppended();
    void busyChanged(bool busy);
    // The what-if's two ends, to be shown as the State dock's A and B.
    void chartValuesChanged(const QHash<QString, eventscope::json::Value>& corrected, qint64 position);
    void inspectRequested(const eventscope::json::Value& actual, qint64 actualPosition,
                          const eventscope::json::Value& corrected, qint64 correctedPosition);

private:
    void createActions();
    void startDraft(DraftJob job, const QString& what, const QString& busy);
    void onDrafted(const DraftJobResult& result);
    void onPreviewed(const WhatIfJobResult& result);
    void onFailed(quint64 generation, const QString& message);
    void setBusy(const QString& what);
    void showStatus(const QString& message, bool problem = false);
    void selectionChanged();
    void updateActions();
    void deleteSelected();
    void rebaseSelected();
    void exportInteractively();
    void appendInteractively();
    void showAudit();
    std::vector<compensation::Draft> pendingDrafts() const;
    std::vector<compensation::Draft> selectedOrPending() const;

    Workspace* m_workspace = nullptr;
    QString m_path;
    std::unique_ptr<compensation::Drafts> m_drafts;
    std::unique_ptr<CompensationService> m_service;
    replay::ReplaySpec m_spec;
    QString m_pendingWhat;
    quint64 m_request = 0; // the generation of the request whose answer is awaited
    bool m_busy = false;
    DraftsModel* m_model;
    QTableView* m_view;
    QTabWidget* m_tabs;
    DraftEditor* m_editor;
    WhatIfView* m_whatIf;
    QTreeWidget* m_audit;
    QComboBox* m_rules;
    QLineEdit* m_reason;
    QLabel* m_status;
    QToolButton* m_draftButton;
    QAction* m_fromPlayhead;
    QAction* m_fromRange;
    QAction* m_fromMatches;
    QAction* m_fromViolations;
    QAction* m_byHand;
    QAction* m_preview;
    QAction* m_export;
    QAction* m_append;
    QAction* m_delete;
    QAction* m_rebase;
};

} // namespace eventscope::gui
