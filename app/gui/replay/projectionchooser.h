#pragma once

#include "scriptcatalog.h"

#include <QComboBox>

#include <vector>

namespace eventscope::gui {

// The projection the state inspector, read models and charts show: the built-in aggregate, the
// projections shipped in resources/projections, and scripts the user opened (remembered across
// sessions). The last entry opens a file dialog.
class ProjectionChooser : public QComboBox
{
    Q_OBJECT

public:
    explicit ProjectionChooser(QWidget* parent = nullptr);

    // "builtin" or a script's path.
    QString projection() const;
    // Selects it, adding a script not listed yet; false (and nothing changes) for a script that
    // declares no projection or does not load: the reason is in lastError().
    bool setProjection(const QString& projection);
    QString lastError() const { return m_lastError; }
    // The open workspace's scripts that declare a projection, listed after the bundled ones in place
    // of the previous workspace's. When the projection shown was one of those, the built-in one is
    // chosen (projectionChosen() is emitted).
    void setWorkspaceScripts(const std::vector<ScriptEntry>& scripts);

signals:
    void projectionChosen(const QString& projection);
    // A script picked from the file dialog could not be used.
    void scriptRejected(const QString& message);

private:
    void addScript(const QString& path);
    void onActivated(int index);
    void rememberScript(const QString& path);

    int m_current = 0;
    QString m_lastError;
};

} // namespace eventscope::gui
