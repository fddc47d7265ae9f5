#pragma once

#include "json/jsonpath.h"

#include <QWidget>

class QAction;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace eventscope::gui {

class InspectorTreeView;
class WatchListModel;

// The watch list under the state tree: a header line that collapses it ("Watch · 3"), the pinned
// rows, and a hint in their place while nothing is pinned.
class WatchPanel : public QWidget
{
    Q_OBJECT

public:
    explicit WatchPanel(QWidget* parent = nullptr);

    WatchListModel* model() const { return m_model; }
    InspectorTreeView* view() const { return m_view; }
    QAction* unpinAction() const { return m_unpin; }

    void setExpanded(bool expanded);
    bool isExpanded() const;
    // The height of the header line alone: what the panel shrinks to when collapsed.
    int collapsedHeight() const;

signals:
    void expandedChanged(bool expanded);
    void pathActivated(const eventscope::json::Path& path);

private:
    void updateTitle();
    void applyExpanded();
    void updatePage();

    WatchListModel* m_model;
    QToolButton* m_toggle;
    QStackedWidget* m_pages;
    QLabel* m_hint;
    InspectorTreeView* m_view;
    QAction* m_unpin;
    QAction* m_copyValue;
    bool m_expanded = true;
};

} // namespace eventscope::gui
