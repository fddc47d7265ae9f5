#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

class QDockWidget;
class QMainWindow;
class QMenu;
class QWidget;

namespace eventscope::gui {

// The main window's docks: made with stable object names (a saved layout refers to them), placed
// in the default arrangement, listed in the View menu, saved on close and restored on start. A
// layout saved by another version of the dock set is ignored rather than half-applied.
class WindowLayout : public QObject
{
    Q_OBJECT

public:
    explicit WindowLayout(QMainWindow& window);

    // Where a dock goes in the default arrangement. Docks of one column are stacked top to bottom
    // in the order added; a dock with `tabWith` set joins that dock as a tab.
    enum class Column
    {
        Left,
        Right,
        Bottom
    };
    QDockWidget* addDock(const QString& objectName, const QString& title, QWidget* content, Column column,
                         const QString& tabWith = {});

    // The arrangement of a first start (and of View > Reset Layout), sized for the window's width.
    void applyDefault();
    // The saved arrangement, else the default one.
    void restore();
    void save() const;
    // Hides every dock while there is nothing to show (no workspace), and brings the arrangement
    // back as it was.
    void setDocksShown(bool shown);

    // Shows the named dock and brings it to the front of its tab group; false for an unknown name.
    bool bringToFront(const QString& objectName);
    QStringList dockNames() const;

    // Shows the named docks and hides the others (presentation mode); save the state first.
    void showOnly(const QStringList& objectNames);

    // One checkable entry per dock, then Reset Layout.
    void fillViewMenu(QMenu* menu);

private:
    struct Placement
    {
        QDockWidget* dock;
        Column column;
        QString tabWith;
    };
    QDockWidget* dock(const QString& objectName) const;

    QMainWindow& m_window;
    std::vector<Placement> m_docks;
    QByteArray m_hiddenState; // the arrangement while the docks are hidden
};

} // namespace eventscope::gui
