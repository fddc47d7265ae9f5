// What the replay runs: the projection chooser, the invariants script, upcasters, and the scripts
// written in the Scripts dock, kept consistent with one another and with the replay's set-up.

#include "checks/checkspanel.h"
#include "compensation/compensationpanel.h"
#include "detail/eventdetailview.h"
#include "mainwindow.h"
#include "replay/builtinprojection.h"
#include "replay/projectionchooser.h"
#include "replay/replaycontroller.h"
#include "replay/scriptcatalog.h"
#include "replay/upcasterchain.h"
#include "script/jsupcaster.h"
#include "script/scriptprogram.h"
#include "script/scriptsource.h"
#include "scripts/scriptsmodel.h"
#include "scripts/scriptspanel.h"

#include <QMenuBar>
#include <QSignalBlocker>
#include <QStatusBar>

#include <memory>

namespace eventscope::gui {

void MainWindow::createReplayMenu()
{
    QMenu* replayMenu = new QMenu(tr("&Replay"), this);
    menuBar()->insertMenu(menuBar()->actions().value(2), replayMenu); // after View, before Go
    replayMenu->addAction(m_checks->runToNextAction());
    // Upcasters: the bundled scripts and the workspace's that declare upcast(), applied to replay and
    // shown in the event detail's Upcasted tab. Listed afresh each time: workspace scripts come and go.
    QMenu* upcasters = replayMenu->addMenu(tr("&Upcasters"));
    connect(upcasters, &QMenu::aboutToShow, this, [this, upcasters] {
        upcasters->clear();
        std::vector<ScriptEntry> entries = bundledScripts();
        for (const ScriptEntry& entry : m_scripts->model()->entries())
            entries.push_back(entry);
        for (const ScriptEntry& entry : entries) {
            if (!entry.hasUpcasters || !entry.error.isEmpty())
                continue;
            QAction* toggle = upcasters->addAction(entry.name);
            toggle->setCheckable(true);
            toggle->setChecked(m_replay->spec().upcasterScripts.contains(entry.path));
            if (script::isWorkspaceReference(entry.path))
                toggle->setToolTip(tr("Kept in this workspace (Scripts)"));
            connect(toggle, &QAction::toggled, this,
                    [this, path = entry.path](bool on) { useUpcaster(path, on); });
        }
        if (upcasters->isEmpty())
            upcasters->addAction(tr("No script declares upcast()"))->setEnabled(false);
    });
}

void MainWindow::wireScripts()
{
    connect(m_scripts, &ScriptsPanel::scriptsChanged, this, &MainWindow::listWorkspaceScripts);
    connect(m_scripts, &ScriptsPanel::applied, this, &MainWindow::applyScript);
    connect(m_scripts, &ScriptsPanel::referenceChanged, this, &MainWindow::replaceScriptReference);
    connect(m_replay, &ReplayController::failed, m_scripts, &ScriptsPanel::showReplayError);
    connect(m_replay, &ReplayController::checksFailed, m_scripts, &ScriptsPanel::showReplayError);
}

void MainWindow::chooseProjection(const QString& projection)
{
    replay::ReplaySpec spec = m_replay->spec();
    spec.projection = projection;
    if (!spec.checksScript.isEmpty() && spec.checksScript != projection &&
        describeScript(spec.checksScript).hasProjection) {
        // Those invariants check a projection of their own, not this one: they are turned off.
        statusBar()->showMessage(tr("%1 checks its own projection: invariants turned off")
                                     .arg(script::scriptName(spec.checksScript)),
                                 10000);
        spec.checksScript.clear();
        m_checks->setScript({});
        m_violations.clear();
        updateMarkers();
    }
    m_replay->setSpec(spec);
}

void MainWindow::chooseChecksScript(const QString& path)
{
    replay::ReplaySpec spec = m_replay->spec();
    spec.checksScript = path;
    if (!path.isEmpty() && describeScript(path).hasProjection) {
        // The invariants are about a projection of their own: it becomes the one on display.
        spec.projection = path;
        m_projections->setProjection(path);
    }
    m_violations.clear();
    updateMarkers();
    m_replay->setSpec(spec);
}

void MainWindow::useUpcaster(const QString& path, bool on)
{
    replay::ReplaySpec spec = m_replay->spec();
    spec.upcasterScripts.removeAll(path);
    if (on)
        spec.upcasterScripts << path;
    m_replay->setSpec(spec);
    setDetailUpcasters(spec.upcasterScripts);
}

void MainWindow::setDetailUpcasters(const QStringList& scripts)
{
    if (scripts.isEmpty()) {
        m_detail->setUpcaster({});
        return;
    }
    // A chain of its own on the GUI thread: one event at a time, under the usual time limit.
    auto chain = std::make_shared<replay::UpcasterChain>();
    for (const QString& path : scripts) {
        try {
            chain->add(script::ScriptProgram::load(path)->createUpcaster());
        } catch (const replay::ProjectionError& error) {
            statusBar()->showMessage(error.toString(), 10000);
        }
    }
    m_detail->setUpcaster([chain](const Event& event, QString* error) -> std::optional<Event> {
        if (!chain->handles(event.type, event.schemaVersion))
            return std::nullopt;
        try {
            return chain->upcast(event);
        } catch (const replay::ProjectionError& failure) {
            if (error)
                *error = failure.toString();
            return std::nullopt;
        }
    });
}

void MainWindow::listWorkspaceScripts()
{
    // The choosers list this workspace's scripts; one of another workspace in use is dropped (each
    // chooser then picks its default and says so through its signal).
    const std::vector<ScriptEntry> entries = m_scripts->model()->entries();
    m_projections->setWorkspaceScripts(entries);
    m_checks->setWorkspaceScripts(entries);
    QStringList upcasters = m_replay->spec().upcasterScripts;
    upcasters.removeIf([&entries](const QString& path) {
        return script::isWorkspaceReference(path) &&
               std::none_of(entries.begin(), entries.end(),
                            [&](const ScriptEntry& e) { return e.path == path; });
    });
    if (upcasters != m_replay->spec().upcasterScripts) {
        replay::ReplaySpec spec = m_replay->spec();
        spec.upcasterScripts = upcasters;
        m_replay->setSpec(spec);
        setDetailUpcasters(upcasters);
    }
}

void MainWindow::listWorkspaceScriptsQuietly()
{
    // The caller decides what is in use next: the choosers must not pick their defaults meanwhile.
    const QSignalBlocker projections(m_projections);
    const QSignalBlocker checks(m_checks);
    const std::vector<ScriptEntry> entries = m_scripts->model()->entries();
    m_projections->setWorkspaceScripts(entries);
    m_checks->setWorkspaceScripts(entries);
}

void MainWindow::applyScript(const ScriptEntry& entry)
{
    listWorkspaceScriptsQuietly();
    if (!entry.checks.empty()) {
        // Its checks are put in force (with its own projection when it declares one).
        m_checks->setScript(entry.path);
        chooseChecksScript(entry.path);
    } else if (entry.hasProjection) {
        m_projections->setProjection(entry.path);
        chooseProjection(entry.path);
    } else if (entry.hasUpcasters) {
        useUpcaster(entry.path, true);
    }
    if (entry.hasCompensations) {
        // Rules are what the Compensation dock drafts with next.
        listRuleScripts();
        m_compensation->useRules(entry.path);
        if (!entry.hasProjection && entry.checks.empty() && !entry.hasUpcasters) {
            statusBar()->showMessage(tr("The Compensation dock drafts with %1").arg(entry.name), 5000);
            return;
        }
    }
    statusBar()->showMessage(tr("Replaying with %1").arg(entry.name), 5000);
}

void MainWindow::replaceScriptReference(const QString& from, const QString& to)
{
    replay::ReplaySpec spec = m_replay->spec();
    if (spec.projection == from)
        spec.projection = to.isEmpty() ? replay::BuiltinProjection::projectionName() : to;
    if (spec.checksScript == from)
        spec.checksScript = to;
    spec.upcasterScripts.removeAll(from);
    if (!to.isEmpty() && m_replay->spec().upcasterScripts.contains(from))
        spec.upcasterScripts << to;
    listWorkspaceScriptsQuietly();
    {
        const QSignalBlocker projections(m_projections);
        const QSignalBlocker checks(m_checks);
        m_projections->setProjection(spec.projection);
        m_checks->setScript(spec.checksScript);
    }
    if (spec.projection == m_replay->spec().projection &&
        spec.checksScript == m_replay->spec().checksScript &&
        spec.upcasterScripts == m_replay->spec().upcasterScripts)
        return;
    m_replay->setSpec(spec);
    setDetailUpcasters(spec.upcasterScripts);
}

} // namespace eventscope::gui
