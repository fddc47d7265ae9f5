#pragma once

#include "timeline/playhead.h"

#include <QPointer>
#include <QString>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

namespace eventscope {
class EventStore;
namespace filter {
class Filter;
class FilterService;
struct FilterResult;
} // namespace filter
} // namespace eventscope

namespace eventscope::gui {

class EventTableModel;
class EventTableView;
class FilterBar;

// The events dock: the filter bar over the events table. It owns the filtering: an applied
// filter is compiled here (errors go back to the bar), run on a worker thread with its own
// connection to the workspace (latest wins: a newer filter cancels the one in flight), and its
// matches go to the table and, through matchesChanged(), to the timeline. The timeline's range
// selection restricts the table further, without running the filter again.
class EventsPane : public QWidget
{
    Q_OBJECT

public:
    using Matches = std::shared_ptr<const std::vector<qint64>>;

    explicit EventsPane(QWidget* parent = nullptr);
    ~EventsPane() override;

    // The store every row is read through (not owned; nullptr when no workspace is open) and the
    // workspace file it reads, which the filter worker opens for itself. Without a path (an
    // in-memory store) filters run on the calling thread: such logs are small. An applied filter
    // is run again over the new store.
    void setStore(EventStore* store, const QString& workspacePath = {});
    // The store changed underneath (an import): re-read the table and run the filter again.
    void refresh();

    void setPlayheadPosition(qint64 position);
    // The timeline's selected range, or nullopt for all events.
    void setRange(std::optional<PositionRange> range);

    // As Enter in the filter bar: compiles and runs `text`, or clears the filter when it is blank.
    // Returns false when the text does not compile (the bar then shows why).
    bool applyFilter(const QString& text);
    void clearFilter();

    // The applied filter's text, empty without one; its matches, nullptr without one or while the
    // first result is still coming.
    QString appliedFilter() const { return m_applied; }
    Matches matches() const { return m_matches; }
    bool isFiltering() const { return m_running; }

    FilterBar* filterBar() const { return m_bar; }
    EventTableView* view() const { return m_view; }
    EventTableModel* model() const { return m_model; }

signals:
    // A row was clicked (or reached with the keyboard): move the playhead there.
    void positionActivated(qint64 position);
    // The filter's matches changed: nullptr when no filter is applied.
    void matchesChanged(eventscope::gui::EventsPane::Matches matches);
    // A filter started (true) or finished, failed or was cancelled (false).
    void filteringChanged(bool running);

private:
    void run(const filter::Filter& filter);
    void onFinished(const filter::FilterResult& result);
    void onFailed(quint64 generation, const QString& message);
    void setRunning(bool running);
    void updateSummary();

    EventStore* m_store = nullptr;
    QString m_path;
    std::unique_ptr<filter::FilterService> m_service;
    FilterBar* m_bar;
    EventTableModel* m_model;
    EventTableView* m_view;
    QString m_applied;
    Matches m_matches;
    qint64 m_lastElapsedMs = 0;
    bool m_running = false;
    qint64 m_playhead = 0;
};

} // namespace eventscope::gui

Q_DECLARE_METATYPE(eventscope::gui::EventsPane::Matches)
