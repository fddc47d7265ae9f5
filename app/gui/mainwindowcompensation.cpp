// The Compensation dock's wiring: what "draft from" means in the window (the playhead, the
// timeline's range, the filter's matches, the invariants script in force), the replay set-up and
// chart expressions a what-if uses, the drafts shown on the timeline, and the log growing when
// drafts are appended to the open workspace.

#include "charts/chartspanel.h"
#include "compensation/compensationpanel.h"
#include "compensation/draftsmodel.h"
#include "events/eventspane.h"
#include "inspector/stateinspector.h"
#include "mainwindow.h"
#include "replay/replaycontroller.h"
#include "replay/scriptcatalog.h"
#include "scripts/scriptsmodel.h"
#include "scripts/scriptspanel.h"
#include "timeline/playhead.h"
#include "windowlayout.h"
#include "workspacesession.h"

#include <QLocale>

namespace eventscope::gui {
namespace {

// A range of more events than this is refused: a correction is a handful of events, not a copy of
// the log.
constexpr qint64 maxDraftedEvents = 10'000;

} // namespace

void MainWindow::wireCompensation()
{
    connect(m_compensation, &CompensationPanel::draftRequested, this,
            [this](CompensationPanel::Source source) { draftCompensation(int(source)); });
    connect(m_compensation, &CompensationPanel::positionRequested, m_playhead, &Playhead::setPosition);
    connect(m_compensation, &CompensationPanel::logAppended, this, &MainWindow::refreshViews);
    connect(m_compensation, &CompensationPanel::inspectRequested, this,
            [this](const json::Value& actual, qint64 actualPosition, const json::Value& corrected,
                   qint64 correctedPosition) {
                m_inspector->setSide('A', actual, actualPosition);
                m_inspector->setSide('B', corrected, correctedPosition);
                m_inspector->showDiff();
                m_layout->bringToFront(QStringLiteral("state"));
            });
    connect(m_compensation, &CompensationPanel::draftsChanged, this, [this] {
        m_draftMarkers.clear();
        for (const compensation::Draft& d : m_compensation->model()->drafts()) {
            if (d.originPosition > 0 && d.status != compensation::DraftStatus::Appended)
                m_draftMarkers.push_back(
                    {d.originPosition, tr("draft %1").arg(d.type), TimelineMarker::Kind::Draft});
        }
        updateMarkers();
    });
    connect(m_replay, &ReplayController::serviceChanged, this,
            [this] { m_compensation->setReplaySpec(m_replay->spec()); });
    m_compensation->setReplaySpec(m_replay->spec());
    m_compensation->setChartExpressions(m_charts->expressions());
    connect(m_charts, &ChartsPanel::expressionsChanged, m_compensation,
            &CompensationPanel::setChartExpressions);
    connect(m_compensation, &CompensationPanel::chartValuesChanged, m_charts, &ChartsPanel::setWhatIf);
    connect(m_scripts, &ScriptsPanel::scriptsChanged, this, &MainWindow::listRuleScripts);
    connect(m_session, &WorkspaceSession::workspaceChanged, this, &MainWindow::listRuleScripts);
    listRuleScripts();
}

void MainWindow::listRuleScripts()
{
    std::vector<ScriptEntry> rules = bundledScripts();
    const std::vector<ScriptEntry> own = m_scripts->model()->entries();
    rules.insert(rules.end(), own.begin(), own.end());
    m_compensation->setRuleScripts(rules);
}

void MainWindow::draftCompensation(int source)
{
    const QLocale locale;
    switch (CompensationPanel::Source(source)) {
    case CompensationPanel::Source::Playhead: {
        const qint64 position = m_playhead->position();
        m_compensation->draftEvents(position > 0 ? std::vector<qint64>{position} : std::vector<qint64>{},
                                    tr("the event at #%1").arg(locale.toString(position)));
        return;
    }
    case CompensationPanel::Source::Range: {
        const auto range = m_playhead->range();
        if (!range) {
            m_compensation->draftEvents({}, tr("the selected range (drag on the timeline to select one)"));
            return;
        }
        std::vector<qint64> positions;
        const qint64 count = range->toPosition - range->fromPosition + 1;
        if (count > maxDraftedEvents) {
            m_compensation->draftEvents(
                {}, tr("a range of more than %1 events").arg(locale.toString(maxDraftedEvents)));
            return;
        }
        for (qint64 p = range->fromPosition; p <= range->toPosition; ++p)
            positions.push_back(p);
        m_compensation->draftEvents(
            positions,
            tr("#%1\u2013#%2").arg(locale.toString(range->fromPosition), locale.toString(range->toPosition)));
        return;
    }
    case CompensationPanel::Source::Matches: {
        const EventsPane::Matches matches = m_events->matches();
        if (!matches) {
            m_compensation->draftEvents({}, tr("the filter's matches (apply a filter first)"));
            return;
        }
        if (qint64(matches->size()) > maxDraftedEvents) {
            m_compensation->draftEvents(
                {}, tr("more than %1 matches: narrow the filter").arg(locale.toString(maxDraftedEvents)));
            return;
        }
        m_compensation->draftEvents(*matches, tr("the matches of %1").arg(m_events->appliedFilter()));
        return;
    }
    case CompensationPanel::Source::Violations:
        m_compensation->draftViolations();
        return;
    case CompensationPanel::Source::ByHand:
        m_compensation->draftByHand(m_playhead->position());
        return;
    }
}

} // namespace eventscope::gui
