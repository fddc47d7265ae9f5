// The main window's docks and the connections between them and the playhead. Each view is its own
// class; this file only places them and wires their signals.

#include "bookmarks/bookmarkspanel.h"
#include "charts/chartspanel.h"
#include "checks/checkspanel.h"
#include "compensation/compensationpanel.h"
#include "detail/eventdetailview.h"
#include "events/eventspane.h"
#include "eventstore.h"
#include "eventtablemodel.h"
#include "inspector/stateinspector.h"
#include "mainwindow.h"
#include "readmodel/readmodelview.h"
#include "replay/replaycontroller.h"
#include "scripts/scriptspanel.h"
#include "streams/streamspanel.h"
#include "timeline/playhead.h"
#include "timeline/timelinepanel.h"
#include "timeline/timelinewidget.h"
#include "windowlayout.h"
#include "workspacesession.h"

#include <QDockWidget>
#include <QSettings>

namespace eventscope::gui {
namespace {

const QString chartExpressionsKey = QStringLiteral("charts/expressions");

} // namespace

void MainWindow::createDocks()
{
    // Arrows, Space, Home and End step the playhead wherever the focus is in the window, except in
    // text fields, which keep their keys (the actions are widget-with-children shortcuts).
    addActions(m_playhead->actions());
    m_streams = new StreamsPanel(this);
    m_detail = new EventDetailView(this);
    m_charts = new ChartsPanel(this);
    m_readModel = new ReadModelView(this);
    m_checks = new ChecksPanel(this);
    m_scripts = new ScriptsPanel(this);
    m_compensation = new CompensationPanel(this);

    using Column = WindowLayout::Column;
    m_layout->addDock(QStringLiteral("streams"), tr("Streams"), m_streams, Column::Left);
    m_layout->addDock(QStringLiteral("checks"), tr("Invariants"), m_checks, Column::Left);
    m_layout->addDock(QStringLiteral("bookmarks"), tr("Bookmarks"), m_bookmarks, Column::Left,
                      QStringLiteral("checks"));
    QDockWidget* state = m_layout->addDock(QStringLiteral("state"), tr("State"), m_inspector, Column::Right);
    m_layout->addDock(QStringLiteral("readModel"), tr("Read Model"), m_readModel, Column::Right,
                      QStringLiteral("state"));
    m_layout->addDock(QStringLiteral("detail"), tr("Event"), m_detail, Column::Right);
    m_layout->addDock(QStringLiteral("charts"), tr("Charts"), m_charts, Column::Right,
                      QStringLiteral("detail"));
    QDockWidget* scripts = m_layout->addDock(QStringLiteral("scripts"), tr("Scripts"), m_scripts,
                                             Column::Right, QStringLiteral("detail"));
    QDockWidget* compensation = m_layout->addDock(QStringLiteral("compensation"), tr("Compensation"),
                                                  m_compensation, Column::Right, QStringLiteral("detail"));
    // An editor needs room: brought to the front in a short tab group, Scripts takes half the column
    // and Compensation (a list of drafts above its editor) two thirds; the state above stays in
    // view, to watch what an applied script or a what-if does.
    for (auto [roomy, share] : {std::pair{scripts, 2}, std::pair{compensation, 3}}) {
        connect(roomy, &QDockWidget::visibilityChanged, this, [this, state, roomy, share](bool visible) {
            const int column = state->height() + roomy->height();
            const int wanted = column * (share - 1) / share;
            if (visible && !roomy->isFloating() && !state->isFloating() && roomy->height() < wanted * 4 / 5)
                resizeDocks({state, roomy}, {column - wanted, wanted}, Qt::Vertical);
        });
    }
    m_layout->addDock(QStringLiteral("timeline"), tr("Timeline"), m_timeline, Column::Bottom);
}

void MainWindow::setDocksWorkspace()
{
    EventStore* store = m_session->store();
    const QString path = m_session->isOpen() ? m_session->path() : QString();
    m_streams->setStore(store, store ? StreamsPanel::workspaceLoader(path) : StreamsPanel::StreamsLoader{});
    m_detail->setStore(store);
    m_detail->clear();
    m_events->model()->setHighlightedStream({});
    m_readModel->clear();
    m_checks->setEnabledForWorkspace(store != nullptr);
    m_scripts->setWorkspace(m_session->workspace());
    m_compensation->setWorkspace(m_session->workspace(), path);
    m_timeline->timeline()->setMatches(nullptr);
}

void MainWindow::wireEvents()
{
    connect(m_playhead, &Playhead::positionChanged, m_events, &EventsPane::setPlayheadPosition);
    connect(m_events, &EventsPane::positionActivated, m_playhead, &Playhead::setPosition);
    connect(m_playhead, &Playhead::rangeChanged, this, [this] { m_events->setRange(m_playhead->range()); });
    connect(m_events, &EventsPane::matchesChanged, m_timeline->timeline(), &TimelineWidget::setMatches);
}

EventTableModel* MainWindow::eventModel() const
{
    return m_events->model();
}

EventTableView* MainWindow::eventView() const
{
    return m_events->view();
}

void MainWindow::showEventAt(qint64 position)
{
    EventStore* store = m_session->store();
    const std::optional<Event> event = store && position > 0 ? store->eventAt(position) : std::nullopt;
    if (event)
        m_detail->setEvent(*event);
    else
        m_detail->clear();
}

void MainWindow::wireStreamsAndDetail()
{
    connect(m_playhead, &Playhead::positionChanged, this, &MainWindow::showEventAt);
    connect(m_detail, &EventDetailView::positionRequested, m_playhead, &Playhead::setPosition);
    connect(m_streams, &StreamsPanel::positionRequested, m_playhead, &Playhead::setPosition);
    // Picking a stream focuses the state inspector on it and shows it as a lane on the timeline.
    connect(m_streams, &StreamsPanel::streamSelected, this, [this](const QString& stream) {
        m_events->model()->setHighlightedStream(stream);
        if (stream.isEmpty()) {
            m_replay->followPlayhead();
            m_timeline->timeline()->setLanes({});
            return;
        }
        m_replay->focusPartition(stream);
        m_timeline->timeline()->setLanes({stream});
    });
}

void MainWindow::wireChartsAndReadModel()
{
    m_charts->setTimeLookup([this](qint64 position) { return m_playhead->timeAtPosition(position); });
    m_charts->setExpressions(QSettings().value(chartExpressionsKey).toStringList());
    connect(m_charts, &ChartsPanel::expressionsChanged, this,
            [](const QStringList& expressions) { QSettings().setValue(chartExpressionsKey, expressions); });
    connect(m_replay, &ReplayController::serviceChanged, m_charts, &ChartsPanel::setReplayService);
    connect(m_playhead, &Playhead::positionChanged, m_charts, &ChartsPanel::setPlayheadPosition);
    connect(m_charts, &ChartsPanel::positionRequested, m_playhead, &Playhead::setPosition);
    // The read model is a table over the whole state: it follows whole-state results.
    connect(m_replay, &ReplayController::stateShown, this, [this](const replay::StateResult& result) {
        if (result.partition.isEmpty())
            m_readModel->setState(result);
    });
    connect(m_readModel, &ReadModelView::rowActivated, m_inspector, &StateInspector::revealPath);
}

void MainWindow::wireChecks()
{
    connect(m_checks, &ChecksPanel::scriptChosen, this, &MainWindow::chooseChecksScript);
    connect(m_checks, &ChecksPanel::scanRequested, this, [this] {
        m_checks->setBusy(tr("Checking the whole log\u2026"));
        m_replay->scanChecks();
    });
    connect(m_checks, &ChecksPanel::runToNextRequested, this, [this] {
        m_checks->setBusy(tr("Running to the next violation or breakpoint\u2026"));
        m_replay->runToNextViolation();
    });
    addAction(m_checks->runToNextAction());
    connect(m_checks, &ChecksPanel::positionRequested, m_playhead, &Playhead::setPosition);
    connect(m_replay, &ReplayController::checksFailed, m_checks, &ChecksPanel::showFailure);
    connect(m_replay, &ReplayController::nextViolationFound, m_checks, &ChecksPanel::showNext);
    connect(m_replay, &ReplayController::scanFinished, this,
            [this](const std::vector<replay::Violation>& violations) {
                m_checks->showScan(violations);
                m_violations.clear();
                for (const replay::Violation& violation : violations)
                    m_violations.push_back({violation.event.position, violation.check,
                                            violation.kind == replay::Check::Kind::Breakpoint
                                                ? TimelineMarker::Kind::Breakpoint
                                                : TimelineMarker::Kind::Violation});
                updateMarkers();
            });
}

} // namespace eventscope::gui
