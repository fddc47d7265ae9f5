#pragma once

#include "eventstore.h"

#include <QThreadPool>
#include <QWidget>

#include <functional>
#include <vector>

class QAction;
class QLabel;
class QLineEdit;
class QTreeView;

namespace eventscope::gui {

class StreamsModel;
class TypeBreakdownModel;
struct PreparedStreams;

// The streams page (the lead puts it in a dock): every stream with its counts, searchable and
// sortable, and below it what the selected stream is made of (its event types and their counts).
// Selecting a stream emits streamSelected(), which the owner uses to focus the state inspector and
// highlight the stream elsewhere; activating one (double-click, Enter) asks for its first event.
class StreamsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit StreamsPanel(QWidget* parent = nullptr);
    ~StreamsPanel() override;

    // Reads the streams on a worker thread: called there, so it must open a store of its own (an
    // EventStore serves one thread). See workspaceLoader().
    using StreamsLoader = std::function<std::vector<StreamSummary>()>;
    // A loader that opens the workspace at `path` read-only on the worker thread.
    static StreamsLoader workspaceLoader(const QString& path);

    // The store answers the per-stream questions (type breakdown, first event of a type); it is not
    // owned, and nullptr empties the panel. The list of streams is read through `load` off the GUI
    // thread when one is given (a million-event workspace takes a second to group), else through
    // the store at once. Either way refresh() follows.
    void setStore(EventStore* store, StreamsLoader load = {});
    // Reads the streams again (the workspace changed), keeping the search and the selected stream;
    // with a loader the current list stays until the new one is ready (latest wins).
    void refresh();
    bool isLoading() const { return m_loading; }
    // Why the last load failed (also the count's tooltip); empty when it did not.
    QString loadError() const { return m_loadError; }
    // Selects and shows `stream` without emitting streamSelected (the owner is the one asking);
    // clears the search if it hides the stream. False when the workspace has no such stream (while
    // the list is loading, the stream is selected when it arrives).
    bool selectStream(const QString& stream);
    // The selected stream, empty when none is.
    QString selectedStream() const;

    StreamsModel* model() const { return m_model; }
    TypeBreakdownModel* breakdownModel() const { return m_breakdown; }
    QLineEdit* searchEdit() const { return m_search; }
    QTreeView* streamsView() const { return m_view; }
    QTreeView* breakdownView() const { return m_breakdownView; }
    QString countText() const;
    QString breakdownTitle() const;

    QAction* goToFirstAction() const { return m_goToFirst; }
    QAction* goToLastAction() const { return m_goToLast; }
    QAction* copyNameAction() const { return m_copyName; }

signals:
    void streamSelected(const QString& stream);
    void positionRequested(qint64 position);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* createBreakdown();
    void createActions();
    void showContextMenu(const QPoint& pos);
    void applyStreams(PreparedStreams streams);
    void onCurrentChanged(const QModelIndex& current);
    void updateBreakdown(const QString& stream);
    void updateCount();
    void updateActions();
    bool makeCurrent(const QString& stream);

    EventStore* m_store = nullptr;
    StreamsLoader m_load;
    QThreadPool m_loader; // one thread: a newer load waits for the stale one, whose result is dropped
    quint64 m_generation = 0;
    bool m_loading = false;
    QString m_loadError;
    QString m_pendingSelection; // asked for while loading
    StreamsModel* m_model;
    TypeBreakdownModel* m_breakdown;
    QLineEdit* m_search;
    QLabel* m_count;
    QTreeView* m_view;
    QLabel* m_breakdownTitle = nullptr;
    QTreeView* m_breakdownView = nullptr;
    QString m_breakdownStream;

    QAction* m_goToFirst = nullptr;
    QAction* m_goToLast = nullptr;
    QAction* m_copyName = nullptr;

    bool m_syncing = false; // selection set by the owner: no streamSelected
};

} // namespace eventscope::gui
