#pragma once

#include <QMenu>
#include <QStringList>

namespace eventscope::gui {

// The most recently opened workspaces, newest first, kept in QSettings. Files that no longer
// exist are pruned whenever the list is read.
class RecentWorkspaces
{
public:
    static constexpr int maxEntries = 8;

    static QStringList paths();
    static void add(const QString& path);
    static void remove(const QString& path);
    static void clear();
};

// File ▸ Recent Workspaces: rebuilt from RecentWorkspaces each time it opens.
class RecentWorkspacesMenu : public QMenu
{
    Q_OBJECT

public:
    explicit RecentWorkspacesMenu(QWidget* parent = nullptr);

signals:
    void workspaceRequested(const QString& path);

private:
    void rebuild();
};

} // namespace eventscope::gui
