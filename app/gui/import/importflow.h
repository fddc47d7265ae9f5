#pragma once

#include "importjob.h"

#include <QObject>
#include <QStringList>

#include <functional>

class QWidget;

namespace eventscope::gui {

class ImportController;
class ImportProgressWidget;

// What "Import Files…", files dropped on the window and files on the command line go through:
// the target workspace (the open one, else a new one next to the first file, confirmed by the
// user), the import dialog, then the import in the background with its progress in the status bar.
class ImportFlow : public QObject
{
    Q_OBJECT

public:
    // `openWorkspace` returns the open workspace's path, empty when none is.
    ImportFlow(QWidget& window, std::function<QString()> openWorkspace, QObject* parent = nullptr);
    ~ImportFlow() override;

    // Shows the import dialog for `files` (it may start empty) and starts the import it sets up.
    // Returns false when the user cancelled, or an import is already running.
    bool importFiles(const QStringList& files);
    // A new empty workspace the user names; returns its path, empty when cancelled or it failed
    // (the reason is shown).
    QString createWorkspace();

    // The workspace an import of `files` goes to when none is open: "<first file>.eventscope".
    static QString workspaceBeside(const QStringList& files);

    ImportController* controller() const { return m_controller; }
    ImportProgressWidget* progressWidget() const { return m_progress; }

signals:
    // An import finished; `workspacePath` is where it went (open it if it is not the open one).
    void imported(const QString& workspacePath, const eventscope::importers::ImportReport& report);

private:
    QWidget& m_window;
    std::function<QString()> m_openWorkspace;
    ImportController* m_controller;
    ImportProgressWidget* m_progress;
};

} // namespace eventscope::gui
