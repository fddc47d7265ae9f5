#pragma once

#include <QWidget>

#include <memory>

class QAction;
class QTableView;

namespace eventscope {
class Bookmarks;
class EventStore;
class Workspace;
} // namespace eventscope

namespace eventscope::gui {

class BookmarksModel;

// The bookmarks dock: add one at the playhead with a note, edit notes in place, jump to one
// (double-click or Enter), remove. Next and previous bookmark move the playhead from wherever it is.
class BookmarksPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BookmarksPanel(QWidget* parent = nullptr);
    ~BookmarksPanel() override;

    // Both nullptr when no workspace is open.
    void setWorkspace(Workspace* workspace, EventStore* store);

    // Adds a bookmark at `position` and opens its note for typing.
    void addBookmark(qint64 position);
    // The bookmark after (direction > 0) or before `position`; false when there is none.
    bool jumpFrom(qint64 position, int direction);

    BookmarksModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QAction* addAction() const { return m_add; }
    QAction* removeAction() const { return m_remove; }
    QAction* nextAction() const { return m_next; }
    QAction* previousAction() const { return m_previous; }

signals:
    void positionRequested(qint64 position);
    // Add was triggered: the owner answers with addBookmark(the playhead's position).
    void addRequested();
    // Next/previous was triggered: the owner answers with jumpFrom(the playhead's position, ±1).
    void stepRequested(int direction);

private:
    void activate(const QModelIndex& index);
    void removeCurrent();
    void updateActions();

    std::unique_ptr<Bookmarks> m_bookmarks;
    EventStore* m_store = nullptr;
    BookmarksModel* m_model;
    QTableView* m_view;
    QAction* m_add;
    QAction* m_remove;
    QAction* m_next;
    QAction* m_previous;
};

} // namespace eventscope::gui
