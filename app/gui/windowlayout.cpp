#include "windowlayout.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QTimer>

#include <algorithm>

namespace eventscope::gui {
namespace {

const QString stateKey = QStringLiteral("mainWindow/dockState");
// Bump when docks are added, renamed or removed, so that an older saved arrangement is not applied.
constexpr int layoutVersion = 3; // 2: the Scripts dock; 3: the Compensation dock

Qt::DockWidgetArea areaOf(WindowLayout::Column column)
{
    switch (column) {
    case WindowLayout::Column::Left:
        return Qt::LeftDockWidgetArea;
    case WindowLayout::Column::Right:
        return Qt::RightDockWidgetArea;
    case WindowLayout::Column::Bottom:
        break;
    }
    return Qt::BottomDockWidgetArea;
}

} // namespace

WindowLayout::WindowLayout(QMainWindow& window) : QObject(&window), m_window(window)
{
    // The timeline spans the whole width under the side columns.
    m_window.setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    m_window.setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
    m_window.setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks |
                            QMainWindow::GroupedDragging);
    m_window.setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);
}

QDockWidget* WindowLayout::addDock(const QString& objectName, const QString& title, QWidget* content,
                                   Column column, const QString& tabWith)
{
    auto* dock = new QDockWidget(title, &m_window);
    dock->setObjectName(objectName);
    // A small explicit minimum, so that the docks' own minimum size hints (toolbars, headers) do not
    // add up past a 1280x800 screen; the user can still shrink a dock until it is of no use.
    content->setMinimumSize(160, 90);
    dock->setWidget(content);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                      QDockWidget::DockWidgetFloatable);
    m_docks.push_back({dock, column, tabWith});
    m_window.addDockWidget(areaOf(column), dock);
    return dock;
}

QDockWidget* WindowLayout::dock(const QString& objectName) const
{
    const auto found = std::find_if(m_docks.begin(), m_docks.end(),
                                    [&](const Placement& p) { return p.dock->objectName() == objectName; });
    return found == m_docks.end() ? nullptr : found->dock;
}

void WindowLayout::applyDefault()
{
    // Take everything out, then put each dock back in its column, in order.
    for (const Placement& placement : m_docks) {
        m_window.removeDockWidget(placement.dock);
        placement.dock->setFloating(false);
    }
    QList<QDockWidget*> sized;
    QList<int> sizes;
    QList<QDockWidget*> heightDocks;
    QList<int> heights;
    const int width = std::max(m_window.width(), 800);
    const int height = std::max(m_window.height(), 600);
    for (const Placement& placement : m_docks) {
        QDockWidget* tab = placement.tabWith.isEmpty() ? nullptr : dock(placement.tabWith);
        m_window.addDockWidget(areaOf(placement.column), placement.dock, Qt::Vertical);
        if (tab)
            m_window.tabifyDockWidget(tab, placement.dock);
        placement.dock->show();
        if (tab)
            continue;
        switch (placement.column) {
        case Column::Left:
            sized << placement.dock;
            sizes << std::clamp(width * 18 / 100, 220, 340);
            break;
        case Column::Right:
            sized << placement.dock;
            sizes << std::clamp(width * 30 / 100, 360, 560);
            break;
        case Column::Bottom:
            heightDocks << placement.dock;
            heights << std::clamp(height * 17 / 100, 140, 190);
            break;
        }
    }
    // The first tab of each group is the one in front.
    for (const Placement& placement : m_docks) {
        if (placement.tabWith.isEmpty())
            placement.dock->raise();
    }
    m_window.resizeDocks(sized, sizes, Qt::Horizontal);
    m_window.resizeDocks(heightDocks, heights, Qt::Vertical);
}

void WindowLayout::restore()
{
    const QByteArray saved = QSettings().value(stateKey).toByteArray();
    if (!saved.isEmpty() && m_window.restoreState(saved, layoutVersion))
        return;
    applyDefault();
    // Once more when the event loop runs: the window has its final size by then (a command-line
    // --size, a restored geometry), and the columns are sized for it.
    QTimer::singleShot(0, this, [this] {
        const bool hidden = !m_hiddenState.isEmpty();
        m_hiddenState.clear();
        applyDefault();
        if (hidden)
            setDocksShown(false);
    });
}

void WindowLayout::save() const
{
    QSettings().setValue(stateKey,
                         m_hiddenState.isEmpty() ? m_window.saveState(layoutVersion) : m_hiddenState);
}

void WindowLayout::setDocksShown(bool shown)
{
    if (shown == m_hiddenState.isEmpty())
        return;
    if (shown) {
        m_window.restoreState(m_hiddenState, layoutVersion);
        m_hiddenState.clear();
        return;
    }
    m_hiddenState = m_window.saveState(layoutVersion);
    for (const Placement& placement : m_docks)
        placement.dock->hide();
}

bool WindowLayout::bringToFront(const QString& objectName)
{
    QDockWidget* found = dock(objectName);
    if (!found)
        return false;
    found->show();
    found->raise();
    return true;
}

QStringList WindowLayout::dockNames() const
{
    QStringList names;
    for (const Placement& placement : m_docks)
        names << placement.dock->objectName();
    return names;
}

void WindowLayout::showOnly(const QStringList& objectNames)
{
    for (const Placement& placement : m_docks)
        placement.dock->setVisible(objectNames.contains(placement.dock->objectName()));
}

void WindowLayout::fillViewMenu(QMenu* menu)
{
    for (const Placement& placement : m_docks)
        menu->addAction(placement.dock->toggleViewAction());
    menu->addSeparator();
    menu->addAction(tr("&Reset Layout"), this, &WindowLayout::applyDefault);
}

} // namespace eventscope::gui
