#pragma once

#include "mapcandidates.h"
#include "replay/replayservice.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace eventscope::gui {

class ReadModelModel;
class ReadModelProxy;

// The Read model page (the lead puts it in a dock): a map-shaped part of the projection state at the
// playhead — stock per sku, open orders — as a table to sort and filter, the CQRS read model as its
// users would query it. Rows the last step touched are tinted as in the state inspector. The map is
// chosen from the candidates listed, or found by itself: the largest table-like object in the state,
// followed while it has fewer than settledRows rows (early in a log, before the real table has grown,
// a one-row map may look as good as any), then kept as long as it is in the state.
// It holds no replay: the owner feeds it ReplayService results.
class ReadModelView : public QWidget
{
    Q_OBJECT

public:
    static constexpr std::size_t settledRows = 3;

    explicit ReadModelView(QWidget* parent = nullptr);
    ~ReadModelView() override;

    // A result of ReplayService::stateReady. Updates the rows in place.
    void setState(const replay::StateResult& result);
    // Forgets the state (a workspace closed); the chosen map is kept.
    void clear();

    // The map shown, as a path inside the state.
    json::Path path() const;
    // "open", "days", "" for the state itself. Empty when no map has been found or chosen yet.
    QString pathText() const;
    // Restores a saved choice; an empty text goes back to finding the map by itself. A text that is
    // not a path is ignored (returns false).
    bool setPathText(const QString& text);
    bool isPathAutomatic() const { return m_automatic; }
    std::vector<MapCandidate> candidates() const { return m_candidates; }

    ReadModelModel* model() const { return m_model; }
    ReadModelProxy* proxy() const { return m_proxy; }
    QTableView* tableView() const { return m_table; }
    QComboBox* pathCombo() const { return m_pathCombo; }
    QLineEdit* filterEdit() const { return m_filter; }
    QString countText() const;
    // Shown instead of the table when there is nothing to show; empty while the table shows.
    QString messageText() const;

signals:
    // The user chose a map (to be remembered with the workspace): its pathText().
    void pathChosen(const QString& pathText);
    // A row was activated (double-click, Enter): the row's path in the state, for the inspector.
    void rowActivated(const eventscope::json::Path& path);

private:
    QWidget* createHeader();
    void applyPath(const json::Path& path, bool automatic);
    void updateCandidates();
    void updateCount();
    void updatePage();
    void resizeColumns(int first, int last);

    ReadModelModel* m_model;
    ReadModelProxy* m_proxy;
    QComboBox* m_pathCombo = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_count = nullptr;
    QStackedWidget* m_pages = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_message = nullptr;
    QTimer m_filterDelay;

    bool m_hasState = false;
    bool m_hasPath = false;
    bool m_automatic = true;
    bool m_settled = false; // the map found by itself has grown to settledRows once
    bool m_columnsSized = false;
    qint64 m_position = 0;
    json::Value m_state;
    std::vector<json::DiffEntry> m_lastStep;
    std::vector<MapCandidate> m_candidates;
};

} // namespace eventscope::gui
