#include "checkspanel.h"

#include "checksmodel.h"
#include "replay/scriptcatalog.h"
#include "script/scriptsource.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace eventscope::gui {
namespace {

const QString openScriptData = QStringLiteral("open:");

QToolButton* textButton(QAction* action, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

ChecksPanel::ChecksPanel(QWidget* parent)
    : QWidget(parent), m_model(new ChecksModel(this)), m_scripts(new QComboBox(this)),
      m_view(new QTableView(this)), m_status(new QLabel(this))
{
    m_scripts->setToolTip(tr("The invariants and breakpoints checked while replaying"));
    m_scripts->addItem(tr("No invariants"), QString());
    for (const ScriptEntry& entry : bundledScripts()) {
        if (entry.hasChecks)
            m_scripts->addItem(entry.name, entry.path);
    }
    m_scripts->insertSeparator(m_scripts->count());
    m_scripts->addItem(tr("Open Script\u2026"), openScriptData);
    connect(m_scripts, &QComboBox::activated, this, &ChecksPanel::onScriptActivated);

    m_scan = new QAction(tr("Check Whole Log"), this);
    m_scan->setToolTip(tr("Scan the log once for the first violation of every invariant and the first hit of "
                          "every breakpoint"));
    m_runToNext = new QAction(tr("Run to Next"), this);
    m_runToNext->setToolTip(tr("Move the playhead to the next violation or breakpoint after it (F8)"));
    m_runToNext->setShortcut(QKeySequence(Qt::Key_F8));
    connect(m_scan, &QAction::triggered, this, &ChecksPanel::scanRequested);
    connect(m_runToNext, &QAction::triggered, this, &ChecksPanel::runToNextRequested);

    // The script on one row, what to do with it on the next: the dock is often narrow.
    auto* top = new QVBoxLayout;
    top->setContentsMargins(6, 6, 6, 2);
    top->addWidget(m_scripts);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(textButton(m_scan, this));
    buttons->addWidget(textButton(m_runToNext, this));
    buttons->addStretch(1);
    top->addLayout(buttons);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(ChecksModel::NameColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(ChecksModel::KindColumn, QHeaderView::ResizeToContents);
    m_view->setAlternatingRowColors(true);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const qint64 position = index.data(ChecksModel::PositionRole).toLongLong();
        if (position > 0)
            emit positionRequested(position);
    });

    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setContentsMargins(6, 2, 6, 6);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    setScript({});
}

void ChecksPanel::setScript(const QString& path)
{
    m_script = path;
    std::vector<ChecksModel::Check> checks;
    QString error;
    if (!path.isEmpty()) {
        const ScriptEntry entry = describeScript(path);
        error = entry.error;
        for (const ScriptEntry::Check& check : entry.checks)
            checks.push_back({check.name, check.breakpoint, ChecksModel::Check::Status::NotChecked, 0, {}});
        int item = m_scripts->findData(path);
        if (item < 0) {
            item = m_scripts->count() - 2; // above the separator and "Open Script"
            m_scripts->insertItem(item, entry.name, path);
        }
        m_scripts->setCurrentIndex(item);
    } else {
        m_scripts->setCurrentIndex(0);
    }
    m_model->setChecks(std::move(checks));
    m_status->setText(!error.isEmpty()      ? error
                      : path.isEmpty()      ? tr("Pick a script of invariant(name, state => bool) and "
                                                      "breakpoint(name, (event, state) => bool) declarations.")
                      : m_model->rowCount() ? tr("Not checked yet.")
                                            : tr("This script declares no invariants or breakpoints."));
    updateActions();
}

void ChecksPanel::setWorkspaceScripts(const std::vector<ScriptEntry>& scripts)
{
    for (int i = m_scripts->count() - 1; i >= 0; --i) {
        if (script::isWorkspaceReference(m_scripts->itemData(i).toString()))
            m_scripts->removeItem(i);
    }
    for (const ScriptEntry& entry : scripts) {
        if ((entry.hasChecks && entry.error.isEmpty()) || entry.path == m_script)
            m_scripts->insertItem(m_scripts->count() - 2, entry.name, entry.path); // above "Open Script"
    }
    if (m_scripts->findData(m_script) >= 0) {
        m_scripts->setCurrentIndex(m_scripts->findData(m_script));
        return;
    }
    setScript({});
    emit scriptChosen({});
}

void ChecksPanel::onScriptActivated(int index)
{
    QString path = m_scripts->itemData(index).toString();
    if (path == openScriptData) {
        path = QFileDialog::getOpenFileName(this, tr("Open Invariants Script"), bundledScriptsFolder(),
                                            tr("JavaScript (*.js);;All files (*)"));
        if (path.isEmpty()) {
            m_scripts->setCurrentIndex(std::max(0, m_scripts->findData(m_script)));
            return;
        }
        path = QFileInfo(path).absoluteFilePath();
    }
    if (path == m_script)
        return;
    setScript(path);
    emit scriptChosen(path);
}

void ChecksPanel::setBusy(const QString& what)
{
    m_busy = !what.isEmpty();
    if (m_busy)
        m_status->setText(what);
    updateActions();
}

void ChecksPanel::showScan(const std::vector<replay::Violation>& violations)
{
    setBusy({});
    m_model->setScanResult(violations);
    int violated = 0;
    for (const auto& check : m_model->checks())
        violated += check.status == ChecksModel::Check::Status::Fired && !check.breakpoint;
    const int invariants = int(std::count_if(m_model->checks().begin(), m_model->checks().end(),
                                             [](const auto& c) { return !c.breakpoint; }));
    m_status->setText(violated == 0 ? tr("Every invariant holds over the whole log.")
                                    : tr("%1 of %2 invariants violated. Double-click one to go to its first "
                                         "violation.")
                                          .arg(violated)
                                          .arg(invariants));
}

void ChecksPanel::showNext(bool found, const replay::Violation& violation)
{
    setBusy({});
    if (!found) {
        m_status->setText(tr("No violation or breakpoint after the playhead."));
        return;
    }
    m_model->setFired(violation);
    const QString where = QLocale().toString(violation.event.position);
    m_status->setText(
        violation.kind == replay::Check::Kind::Breakpoint
            ? tr("Breakpoint \u201c%1\u201d hit at #%2 (%3).")
                  .arg(violation.check, where, violation.event.type)
            : tr("\u201c%1\u201d violated at #%2 (%3).").arg(violation.check, where, violation.event.type));
}

void ChecksPanel::showFailure(const QString& message)
{
    setBusy({});
    m_status->setText(message);
}

void ChecksPanel::setEnabledForWorkspace(bool open)
{
    m_open = open;
    if (!open)
        m_model->clearResults();
    updateActions();
}

QString ChecksPanel::statusText() const
{
    return m_status->text();
}

void ChecksPanel::updateActions()
{
    const bool ready = m_open && !m_busy && m_model->rowCount() > 0;
    m_scan->setEnabled(ready);
    m_runToNext->setEnabled(ready);
}

} // namespace eventscope::gui
