#include "recentworkspaces.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace eventscope::gui {
namespace {

const QString settingsKey = QStringLiteral("recentWorkspaces");

void store(const QStringList& paths)
{
    QSettings settings;
    if (paths.isEmpty())
        settings.remove(settingsKey);
    else
        settings.setValue(settingsKey, paths);
}

} // namespace

QStringList RecentWorkspaces::paths()
{
    const QStringList stored = QSettings().value(settingsKey).toStringList();
    QStringList existing;
    for (const QString& path : stored) {
        if (QFileInfo(path).isFile() && !existing.contains(path))
            existing << path;
    }
    while (existing.size() > maxEntries)
        existing.removeLast();
    if (existing != stored)
        store(existing);
    return existing;
}

void RecentWorkspaces::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > maxEntries)
        list.removeLast();
    store(list);
}

void RecentWorkspaces::remove(const QString& path)
{
    QStringList list = paths();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    store(list);
}

void RecentWorkspaces::clear()
{
    store({});
}

RecentWorkspacesMenu::RecentWorkspacesMenu(QWidget* parent) : QMenu(tr("Open &Recent"), parent)
{
    setToolTipsVisible(true);
    connect(this, &QMenu::aboutToShow, this, &RecentWorkspacesMenu::rebuild);
    rebuild();
}

void RecentWorkspacesMenu::rebuild()
{
    clear();
    const QStringList recent = RecentWorkspaces::paths();
    for (qsizetype i = 0; i < recent.size(); ++i) {
        const QString& path = recent[i];
        // Numbered mnemonics 1..8, as editors do; '&' in a file name must not become one.
        const QString name = QFileInfo(path).fileName().replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction* action = addAction(QStringLiteral("&%1  %2").arg(i + 1).arg(name));
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { emit workspaceRequested(path); });
    }
    if (recent.isEmpty()) {
        addAction(tr("No recent workspaces"))->setEnabled(false);
        return;
    }
    addSeparator();
    connect(addAction(tr("&Clear Menu")), &QAction::triggered, this, [] { RecentWorkspaces::clear(); });
}

} // namespace eventscope::gui
