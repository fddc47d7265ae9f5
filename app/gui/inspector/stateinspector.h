#pragma once

#include "replay/replayservice.h"
#include "json/jsonpath.h"
#include "json/jsonvalue.h"

#include <QTimer>
#include <QWidget>

#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTabWidget;
class QToolButton;

namespace eventscope::gui {

class InspectorTreeView;
class JsonTreeModel;
class StateDiffModel;
class StateDiffPage;
class WatchListModel;
class WatchPanel;

// The state inspector page (the lead puts it in a dock): the projection state at the playhead as a
// tree with the last step's changes marked, a find box, pinned paths, and an A/B diff of two marked
// positions. It holds no replay of its own: the owner feeds it ReplayService results and answers
// its requests (a partition, the state for a mark).
class StateInspector : public QWidget
{
    Q_OBJECT

public:
    explicit StateInspector(QWidget* parent = nullptr);
    ~StateInspector() override;

    // A result of ReplayService::stateReady. Clears the pending state; the owner sets it again if
    // an even newer request is in flight.
    void setReplayResult(const replay::StateResult& result);
    // "builtin" or a script's name, for the header line.
    void setProjectionName(const QString& name);
    // The scopes the combo offers after "Whole state": streams or partitions.
    void setPartitions(const QStringList& partitions);
    // The scope follows the stream of the event at the playhead (the owner picks the partition and
    // says so here); false when the user picked a fixed scope.
    void setFollowing(bool following);
    bool isFollowing() const { return m_following; }
    // The owner's answer to markRequested(): which is 'A' or 'B'.
    void setSide(char which, json::Value state, qint64 position);
    // A newer state is being computed (latest-wins): the tree dims slightly, and stays usable.
    void setPending(bool pending);
    bool isPending() const;
    // Forgets the state, the marks and the pins' values (a workspace closed).
    void clear();

    // Shows the A/B diff (both sides must be set); false when a side is missing.
    bool showDiff();

    // The header line as shown: "order-42 at #4,711 · builtin".
    QString headerText() const;
    int matchCount() const { return int(m_matches.size()); }

    JsonTreeModel* treeModel() const { return m_model; }
    WatchListModel* watchModel() const;
    StateDiffModel* diffModel() const;
    InspectorTreeView* treeView() const { return m_tree; }
    QLineEdit* filterEdit() const { return m_filter; }
    WatchPanel* watchPanel() const { return m_watch; }
    QTabWidget* tabs() const { return m_tabs; }

    // The tree's context-menu actions; they act on the tree's current row.
    QAction* pinAction() const { return m_pinAction; }
    QAction* copyPathAction() const { return m_copyPathAction; }
    QAction* copyValueAction() const { return m_copyValueAction; }
    QAction* expandBelowAction() const { return m_expandBelowAction; }

    // Expands the rows above `path`, makes it current and scrolls to it; false when it is not in
    // the state.
    bool revealPath(const json::Path& path);

signals:
    void partitionRequested(const QString& partition); // empty = the whole state
    void followRequested();                            // "Stream at the playhead"
    void markRequested(char which);                    // 'A' or 'B'
    void pathActivated(const eventscope::json::Path& path);

private:
    struct Side
    {
        json::Value state;
        qint64 position = 0;
    };

    QWidget* createHeader();
    QWidget* createFilterRow();
    QWidget* createStatePage();
    QWidget* createDiffPage();
    QWidget* createMarkButtons();
    void createActions();
    void showTreeMenu(const QPoint& pos);
    void updateHeader();
    void updateActions();
    void updateMarks();
    void runSearch(bool moveToFirst);
    void showMatch(int which);
    void expandBelow(const QModelIndex& index);
    json::Path currentPath() const;

    JsonTreeModel* m_model;

    QLabel* m_title = nullptr;
    QLabel* m_stepSummary = nullptr;
    QComboBox* m_partition = nullptr;
    // The scope combo: "Stream at the playhead", "Whole state", a separator, then partitions.
    static constexpr int followScopeIndex = 0;
    static constexpr int fixedScopeCount = 2;
    bool m_following = false;
    QLineEdit* m_filter = nullptr;
    QLabel* m_matchLabel = nullptr;
    QTabWidget* m_tabs = nullptr;
    QSplitter* m_splitter = nullptr;
    InspectorTreeView* m_tree = nullptr;
    WatchPanel* m_watch = nullptr;
    StateDiffPage* m_diffPage = nullptr;
    QToolButton* m_markA = nullptr;
    QToolButton* m_markB = nullptr;
    QToolButton* m_diffButton = nullptr;

    QAction* m_pinAction = nullptr;
    QAction* m_copyPathAction = nullptr;
    QAction* m_copyValueAction = nullptr;
    QAction* m_expandBelowAction = nullptr;

    bool m_hasResult = false;
    qint64 m_position = 0;
    QString m_partitionName;
    QString m_projectionName;
    std::size_t m_stepSize = 0;
    std::optional<Side> m_sideA;
    std::optional<Side> m_sideB;

    QTimer m_searchDelay;
    std::vector<json::Path> m_matches;
    bool m_matchesComplete = true;
    int m_matchCursor = -1;
};

} // namespace eventscope::gui
