#pragma once

#include "replay/scriptcatalog.h"
#include "scripttemplates.h"

#include <QHash>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace eventscope {
class Workspace;
}

namespace eventscope::gui {

class CodeEditor;
class ScriptsModel;

// The Scripts dock: projections, invariants and upcasters written in the window and kept in the
// workspace (WorkspaceScripts), so that an investigation carries its code. A script is picked from
// a list, edited with highlighting and line numbers, saved a moment after typing stops (and before
// anything else happens to it), and applied: checked in a throwaway engine, its problem shown at
// its line, and on success handed to the owner (applied()), which puts it into the replay.
class ScriptsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ScriptsPanel(QWidget* parent = nullptr);

    // The open workspace (nullptr: none). Unsaved edits go to the previous workspace first.
    void setWorkspace(Workspace* workspace);

    // Creates a script from a template, or from text, under an unused name, and opens it; returns
    // the name (empty without a workspace).
    QString createScript(ScriptKind kind);
    QString createScript(const QString& baseName, const QString& source);
    // Copies a .js file into the workspace; false (reason in statusText()) when it cannot be read.
    bool importFile(const QString& path);
    bool openScript(const QString& name);
    QString currentName() const;
    // The workspace reference of the script in the editor (empty for none).
    QString currentReference() const;

    // Saves the editor's text to the workspace now.
    void saveNow();
    // Saves, then loads the script in a throwaway engine: a problem is shown at its line and
    // false returned; otherwise applied() is emitted and true returned.
    bool apply();
    // False (reason in statusText()) for an invalid or taken name.
    bool renameCurrent(const QString& newName);
    void deleteCurrent();
    // Back to the text last applied.
    void revertToApplied();

    // A replay error ("name.js:12: TypeError ..."): marked at its line when it is about the script in
    // the editor.
    void showReplayError(const QString& message);

    CodeEditor* editor() const { return m_editor; }
    ScriptsModel* model() const { return m_model; }
    QComboBox* chooser() const { return m_chooser; }
    QAction* applyAction() const { return m_apply; }
    QMenu* newMenu() const { return m_newMenu; }
    QString statusText() const;

signals:
    // A script loaded cleanly and should be used now.
    void applied(const eventscope::gui::ScriptEntry& entry);
    // Scripts were listed (a workspace opened), created, renamed or deleted. Saving an edit is not a
    // change the rest of the window hears of: a script is put to use by applying it.
    void scriptsChanged();
    // A script the replay may use changed name (to = the new reference) or was deleted (to empty).
    void referenceChanged(const QString& from, const QString& to);

private:
    void createActions();
    QWidget* createEmptyPage();
    void showScript(int row);
    void onChooserActivated(int row);
    void onTextEdited();
    void updateStatus();
    void updateActions();
    void setStatus(const QString& text, bool problem);
    void chooseRename();
    void chooseDelete();
    void chooseImport();
    void chooseExport();

    Workspace* m_workspace = nullptr;
    ScriptsModel* m_model;
    QComboBox* m_chooser;
    QToolButton* m_newButton;
    QToolButton* m_moreButton;
    QMenu* m_newMenu;
    QStackedWidget* m_pages;
    CodeEditor* m_editor;
    QLabel* m_status;
    QToolButton* m_applyButton;
    QAction* m_apply;
    QAction* m_rename;
    QAction* m_delete;
    QAction* m_revert;
    QAction* m_export;
    QTimer* m_saveTimer;

    QString m_current;      // the name in the editor
    bool m_loading = false; // setting the editor's text is not an edit
    bool m_unsaved = false;
    QHash<QString, QString> m_appliedSources; // per name, the text last applied in this session
    QString m_statusText;
    bool m_statusIsProblem = false;
};

} // namespace eventscope::gui
