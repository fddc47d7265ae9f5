#include "compensationpanel.h"

#include "attachedstore.h"
#include "compensation/drafter.h"
#include "compensation/draftjson.h"
#include "compensation/drafts.h"
#include "compensationservice.h"
#include "counted.h"
#include "drafteditor.h"
#include "draftsmodel.h"
#include "replay/scriptcatalog.h"
#include "scripts/codeeditor.h"
#include "sqlite/database.h"
#include "timeformat.h"
#include "whatifview.h"
#include "workspace.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace eventscope::gui {
using compensation::Draft;
using compensation::DraftStatus;

CompensationPanel::CompensationPanel(QWidget* parent)
    : QWidget(parent), m_model(new DraftsModel(this)), m_view(new QTableView(this)),
      m_tabs(new QTabWidget(this)), m_editor(new DraftEditor(this)), m_whatIf(new WhatIfView(this)),
      m_audit(new QTreeWidget(this)), m_rules(new QComboBox(this)), m_reason(new QLineEdit(this)),
      m_status(new QLabel(this)), m_draftButton(new QToolButton(this))
{
    createActions();
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    // Room for a handful of drafts above the editor, whatever the tabs below would like.
    m_view->setMinimumHeight(m_view->horizontalHeader()->sizeHint().height() +
                             4 * m_view->verticalHeader()->defaultSectionSize());
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({m_preview, m_export, m_append, m_rebase, m_delete});
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CompensationPanel::selectionChanged);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (const qint64 position = index.data(DraftsModel::OriginPositionRole).toLongLong(); position > 0)
            emit positionRequested(position);
    });
    m_audit->setRootIsDecorated(false);
    m_audit->setHeaderLabels({tr("When"), tr("Who"), tr("What"), tr("Detail")});
    m_tabs->addTab(m_editor, tr("Draft"));
    m_tabs->addTab(m_whatIf, tr("What-if"));
    m_tabs->addTab(m_audit, tr("Audit Trail"));
    connect(m_whatIf, &WhatIfView::inspectRequested, this, &CompensationPanel::inspectRequested);
    connect(m_whatIf, &WhatIfView::chartValuesChanged, this, &CompensationPanel::chartValuesChanged);
    connect(m_editor, &DraftEditor::saveRequested, this, [this](const Draft& draft) {
        try {
            m_drafts->update(draft, compensation::defaultAuthor());
            showStatus(tr("Draft %1 saved.").arg(draft.id));
            reload();
        } catch (const WorkspaceError& e) {
            showStatus(e.message(), true);
        }
    });

    m_reason->setPlaceholderText(tr("Reason (goes into each draft's metadata)"));
    m_rules->setToolTip(tr("How the drafts are made: through a script's compensate() rules (types without a "
                           "rule are reversed), or the generic reversal"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_draftButton->setText(tr("Draft"));
    m_draftButton->setToolTip(tr("Draft compensating events"));
    m_draftButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_draftButton);
    menu->addActions({m_fromPlayhead, m_fromRange, m_fromMatches, m_fromViolations});
    menu->addSeparator();
    menu->addAction(m_byHand);
    m_draftButton->setMenu(menu);
    const auto button = [this](QAction* action) {
        auto* b = new QToolButton(this);
        b->setDefaultAction(action);
        return b;
    };

    auto* bar = new QHBoxLayout;
    bar->setSpacing(4);
    bar->addWidget(m_draftButton);
    bar->addWidget(m_rules, 1);
    bar->addWidget(button(m_preview));
    bar->addWidget(button(m_export));
    bar->addWidget(button(m_append));
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_view);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(m_reason);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    setRuleScripts({});
    setWorkspace(nullptr, {});
}

CompensationPanel::~CompensationPanel() = default;

void CompensationPanel::createActions()
{
    m_fromPlayhead = new QAction(tr("From the Event at the Playhead"), this);
    m_fromRange = new QAction(tr("From the Selected Range"), this);
    m_fromMatches = new QAction(tr("From the Filter\u2019s Matches"), this);
    m_fromViolations = new QAction(tr("From the Invariant Violations"), this);
    m_fromViolations->setToolTip(
        tr("Every event after which an invariant of the Invariants dock's script stopped holding"));
    connect(m_fromPlayhead, &QAction::triggered, this, [this] { emit draftRequested(Source::Playhead); });
    connect(m_fromRange, &QAction::triggered, this, [this] { emit draftRequested(Source::Range); });
    connect(m_fromMatches, &QAction::triggered, this, [this] { emit draftRequested(Source::Matches); });
    connect(m_fromViolations, &QAction::triggered, this, [this] { emit draftRequested(Source::Violations); });
    m_byHand = new QAction(tr("By Hand, for the Event at the Playhead"), this);
    m_byHand->setToolTip(
        tr("A draft to write yourself: the event's stream, <Type>Corrected, a copy of its data"));
    connect(m_byHand, &QAction::triggered, this, [this] { emit draftRequested(Source::ByHand); });
    m_preview = new QAction(tr("Preview"), this);
    m_preview->setToolTip(tr("What-if: the state with the drafts appended beside the actual one"));
    connect(m_preview, &QAction::triggered, this, &CompensationPanel::preview);
    m_export = new QAction(tr("Export\u2026"), this);
    m_export->setToolTip(tr("Write the drafts to a file (JSON Lines, CloudEvents, protobuf)"));
    connect(m_export, &QAction::triggered, this, &CompensationPanel::exportInteractively);
    m_append = new QAction(tr("Append\u2026"), this);
    m_append->setToolTip(tr("Append the drafts to a workspace or a PostgreSQL store, checking each stream's "
                            "expected version"));
    connect(m_append, &QAction::triggered, this, &CompensationPanel::appendInteractively);
    m_rebase = new QAction(tr("Rebase on the Stream\u2019s Current Version"), this);
    m_rebase->setToolTip(
        tr("After a conflict, or when the log grew: the selected drafts expect the version their "
           "stream ends at now (preview again before appending)"));
    connect(m_rebase, &QAction::triggered, this, &CompensationPanel::rebaseSelected);
    m_delete = new QAction(tr("Delete Draft"), this);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetShortcut);
    connect(m_delete, &QAction::triggered, this, &CompensationPanel::deleteSelected);
}

QAction* CompensationPanel::draftAction(Source source) const
{
    switch (source) {
    case Source::Playhead:
        return m_fromPlayhead;
    case Source::Range:
        return m_fromRange;
    case Source::Matches:
        return m_fromMatches;
    case Source::Violations:
        return m_fromViolations;
    case Source::ByHand:
        return m_byHand;
    }
    return nullptr;
}

void CompensationPanel::setWorkspace(Workspace* workspace, const QString& path)
{
    m_workspace = workspace;
    m_path = path;
    m_service.reset();
    m_request = 0;
    m_busy = false;
    m_drafts = workspace ? std::make_unique<compensation::Drafts>(*workspace) : nullptr;
    if (workspace) {
        m_service = std::make_unique<CompensationService>(path);
        connect(m_service.get(), &CompensationService::drafted, this, &CompensationPanel::onDrafted);
        connect(m_service.get(), &CompensationService::previewed, this, &CompensationPanel::onPreviewed);
        connect(m_service.get(), &CompensationService::failed, this, &CompensationPanel::onFailed);
    }
    m_whatIf->showMessage(tr("Preview shows the state with the drafts appended to the log beside the actual "
                             "state, and the invariants on both."));
    showStatus({});
    reload();
}

void CompensationPanel::setReplaySpec(const replay::ReplaySpec& spec)
{
    m_spec = spec;
    updateActions();
}

void CompensationPanel::setRuleScripts(const std::vector<ScriptEntry>& scripts)
{
    const QString current = currentRules();
    m_rules->clear();
    m_rules->addItem(tr("Generic reversal"), QString());
    for (const ScriptEntry& entry : scripts) {
        if (entry.hasCompensations && entry.error.isEmpty())
            m_rules->addItem(tr("Rules: %1").arg(entry.name), entry.path);
    }
    const int keep = m_rules->findData(current);
    // A set of rules beats the reversal: the first script's, unless the user had chosen.
    m_rules->setCurrentIndex(keep >= 0 && !current.isEmpty() ? keep : (m_rules->count() > 1 ? 1 : 0));
}

void CompensationPanel::setChartExpressions(const QStringList& expressions)
{
    m_whatIf->setExpressions(expressions);
}

bool CompensationPanel::useRules(const QString& reference)
{
    const int index = m_rules->findData(reference);
    if (index < 0)
        return false;
    m_rules->setCurrentIndex(index);
    return true;
}

QString CompensationPanel::currentRules() const
{
    return m_rules->currentData().toString();
}

void CompensationPanel::reload()
{
    const qint64 selected = [this] {
        const QModelIndex current = m_view->currentIndex();
        return current.isValid() ? current.data(DraftsModel::DraftIdRole).toLongLong() : 0;
    }();
    try {
        m_model->setDrafts(m_drafts ? m_drafts->all() : std::vector<Draft>{});
    } catch (const sqlite::Error& e) {
        showStatus(e.message(), true);
    }
    m_view->resizeColumnsToContents();
    if (const int row = m_model->rowOf(selected); row >= 0)
        m_view->selectRow(row);
    else
        selectionChanged();
    showAudit();
    updateActions();
    emit draftsChanged();
}

std::vector<Draft> CompensationPanel::pendingDrafts() const
{
    std::vector<Draft> pending;
    for (const Draft& d : m_model->drafts()) {
        if (d.status != DraftStatus::Appended)
            pending.push_back(d);
    }
    return pending;
}

// The selected drafts still to go out when several are selected; otherwise all of them (one row
// selected is a draft being read or edited, not a choice of what goes out).
std::vector<Draft> CompensationPanel::selectedOrPending() const
{
    std::vector<Draft> chosen;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() < 2)
        return pendingDrafts();
    for (const QModelIndex& index : rows) {
        const Draft* d = m_model->draftAt(index.row());
        if (d && d->status != DraftStatus::Appended)
            chosen.push_back(*d);
    }
    if (chosen.empty())
        return pendingDrafts();
    std::sort(chosen.begin(), chosen.end(), [](const Draft& a, const Draft& b) { return a.id < b.id; });
    return chosen;
}

void CompensationPanel::draftEvents(const std::vector<qint64>& positions, const QString& what)
{
    if (!m_service)
        return;
    if (positions.empty()) {
        showStatus(tr("There is no event to compensate in %1.").arg(what), true);
        return;
    }
    DraftJob job;
    job.positions = positions;
    startDraft(std::move(job), what, tr("Drafting compensations for %1\u2026").arg(what));
}

void CompensationPanel::startDraft(DraftJob job, const QString& what, const QString& busy)
{
    job.spec = m_spec;
    job.rules = currentRules();
    job.reason = m_reason->text().trimmed();
    job.author = compensation::defaultAuthor();
    m_pendingWhat = what;
    setBusy(busy);
    m_request = m_service->draft(std::move(job));
}

void CompensationPanel::draftViolations()
{
    if (!m_service)
        return;
    if (m_spec.checksScript.isEmpty()) {
        showStatus(tr("Choose an invariants script in the Invariants dock first."), true);
        return;
    }
    DraftJob job;
    job.violations = true;
    startDraft(std::move(job), tr("the events that broke an invariant"),
               tr("Finding the events that broke an invariant and drafting their compensations\u2026"));
}

void CompensationPanel::draftByHand(qint64 position)
{
    if (!m_workspace)
        return;
    try {
        const std::unique_ptr<EventStore> store = openEventStore(*m_workspace);
        const std::optional<Event> event = position > 0 ? store->eventAt(position) : std::nullopt;
        if (!event) {
            showStatus(tr("Put the playhead on the event to correct first."), true);
            return;
        }
        compensation::DraftOptions options;
        options.reason = m_reason->text().trimmed();
        const std::vector<Draft> stored =
            m_drafts->add({compensation::Drafter(*store).byHand(*event, options)});
        reload();
        m_view->selectRow(m_model->rowOf(stored.front().id));
        m_tabs->setCurrentWidget(m_editor);
        m_editor->editor()->setFocus();
        showStatus(tr("A draft for #%1 to write by hand: edit it, then Save.").arg(position));
    } catch (const sqlite::Error& e) {
        showStatus(e.message(), true);
    } catch (const WorkspaceError& e) {
        showStatus(e.message(), true);
    }
}

void CompensationPanel::onDrafted(const DraftJobResult& result)
{
    if (result.generation != m_request)
        return; // an answer to an older request, or to another workspace's
    setBusy({});
    if (result.drafts.empty()) {
        showStatus(result.notes.isEmpty() ? tr("Nothing to compensate in %1.").arg(m_pendingWhat)
                                          : result.notes.join(QLatin1Char('\n')));
        return;
    }
    std::vector<Draft> stored;
    try {
        stored = m_drafts->add(result.drafts);
    } catch (const sqlite::Error& e) {
        showStatus(e.message(), true);
        return;
    } catch (const WorkspaceError& e) {
        showStatus(e.message(), true);
        return;
    }
    reload();
    m_view->clearSelection();
    for (const Draft& d : stored) {
        if (const int row = m_model->rowOf(d.id); row >= 0)
            m_view->selectionModel()->select(m_model->index(row, 0),
                                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    m_view->scrollTo(m_model->index(m_model->rowOf(stored.back().id), 0));
    QString message =
        counted(stored.size(), tr("1 draft"), tr("%1 drafts")) + tr(" for %1.").arg(m_pendingWhat);
    if (!result.notes.isEmpty())
        message += QLatin1Char(' ') + result.notes.last();
    showStatus(message);
    m_tabs->setCurrentWidget(m_editor);
}

void CompensationPanel::preview()
{
    if (!m_service)
        return;
    std::vector<Draft> drafts = selectedOrPending();
    if (drafts.empty()) {
        m_whatIf->showMessage(tr("There is no draft to preview."));
        m_tabs->setCurrentWidget(m_whatIf);
        return;
    }
    WhatIfJob job;
    job.drafts = std::move(drafts);
    job.spec = m_spec;
    const QString what = counted(job.drafts.size(), tr("1 draft"), tr("%1 drafts"));
    setBusy(tr("Folding the log with %1 appended\u2026").arg(what));
    m_whatIf->showBusy(tr("Folding the log with %1 appended\u2026").arg(what));
    m_tabs->setCurrentWidget(m_whatIf);
    m_request = m_service->whatIf(std::move(job));
}

void CompensationPanel::onPreviewed(const WhatIfJobResult& result)
{
    if (result.generation != m_request)
        return;
    setBusy({});
    m_whatIf->showResult(result.result, result.projectionName);
    showStatus({});
}

void CompensationPanel::onFailed(quint64 generation, const QString& message)
{
    if (generation != m_request)
        return;
    setBusy({});
    m_whatIf->showMessage(message);
    showStatus(message, true);
}

void CompensationPanel::setBusy(const QString& what)
{
    const bool busy = !what.isEmpty();
    if (busy)
        showStatus(what);
    if (busy != m_busy) {
        m_busy = busy;
        emit busyChanged(busy);
    }
    updateActions();
}

void CompensationPanel::showStatus(const QString& message, bool problem)
{
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
    QPalette palette;
    if (problem)
        palette.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
    m_status->setPalette(palette);
}

void CompensationPanel::selectionChanged()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const Draft* d = rows.size() == 1 ? m_model->draftAt(rows.first().row()) : nullptr;
    if (d)
        m_editor->setDraft(*d, compensation::expectedDataFields(m_model->drafts(), d->type, d->id));
    else
        m_editor->clear();
    showAudit();
    updateActions();
}

void CompensationPanel::showAudit()
{
    m_audit->clear();
    if (!m_drafts)
        return;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const qint64 id = rows.size() == 1 ? rows.first().data(DraftsModel::DraftIdRole).toLongLong() : 0;
    try {
        for (const auto& entry : m_drafts->audit(id)) {
            auto* item = new QTreeWidgetItem(
                m_audit, {formatTimestamp(entry.atUs), entry.author,
                          id > 0 ? entry.action : tr("%1 draft %2").arg(entry.action).arg(entry.draftId),
                          entry.detail});
            item->setToolTip(3, entry.detail);
        }
    } catch (const sqlite::Error& e) {
        showStatus(e.message(), true);
    }
    for (int column = 0; column < 3; ++column)
        m_audit->resizeColumnToContents(column);
}

void CompensationPanel::updateActions()
{
    const bool open = m_service != nullptr;
    const bool idle = open && !m_busy;
    for (QAction* action : {m_fromPlayhead, m_fromRange, m_fromMatches, m_byHand})
        action->setEnabled(idle);
    m_fromViolations->setEnabled(idle && !m_spec.checksScript.isEmpty());
    m_draftButton->setEnabled(idle);
    const bool pending = !pendingDrafts().empty();
    m_preview->setEnabled(idle && pending);
    m_export->setEnabled(idle && pending);
    m_append->setEnabled(idle && pending);
    bool deletable = false;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const Draft* d = m_model->draftAt(index.row());
        deletable = deletable || (d && d->status == DraftStatus::Draft);
    }
    m_delete->setEnabled(idle && deletable);
    m_rebase->setEnabled(idle && deletable);
}

} // namespace eventscope::gui
