#include "scriptspanel.h"

#include "codecolors.h"
#include "codeeditor.h"
#include "investigation/scripts.h"
#include "script/scriptsource.h"
#include "scriptsmodel.h"
#include "workspace.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace eventscope::gui {
namespace {

// Typing pauses this long before the text is written to the workspace.
constexpr int saveDelayMs = 800;

} // namespace

ScriptsPanel::ScriptsPanel(QWidget* parent)
    : QWidget(parent), m_model(new ScriptsModel(this)), m_chooser(new QComboBox(this)),
      m_newButton(new QToolButton(this)), m_moreButton(new QToolButton(this)), m_newMenu(new QMenu(this)),
      m_pages(new QStackedWidget(this)), m_editor(new CodeEditor(this)), m_status(new QLabel(this)),
      m_applyButton(new QToolButton(this)), m_saveTimer(new QTimer(this))
{
    createActions();
    m_chooser->setModel(m_model);
    m_chooser->setToolTip(tr("The scripts kept in this workspace"));
    m_chooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_chooser->setMinimumContentsLength(12);
    connect(m_chooser, &QComboBox::activated, this, &ScriptsPanel::onChooserActivated);

    m_newButton->setText(tr("New"));
    m_newButton->setMenu(m_newMenu);
    m_newButton->setPopupMode(QToolButton::InstantPopup);
    m_newButton->setToolTip(tr("A new script from a template, a copy of a bundled script, or a file"));
    auto* more = new QMenu(this);
    more->addAction(m_rename);
    more->addAction(m_revert);
    more->addAction(m_export);
    more->addSeparator();
    more->addAction(m_delete);
    m_moreButton->setText(tr("Script"));
    m_moreButton->setMenu(more);
    m_moreButton->setPopupMode(QToolButton::InstantPopup);

    m_applyButton->setDefaultAction(m_apply);
    m_applyButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(6, 6, 6, 2);
    top->addWidget(m_chooser, 1);
    top->addWidget(m_newButton);
    top->addWidget(m_moreButton);

    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bottom = new QHBoxLayout;
    bottom->setContentsMargins(6, 2, 6, 6);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_applyButton, 0, Qt::AlignTop);

    auto* editorPage = new QWidget(this);
    auto* editorLayout = new QVBoxLayout(editorPage);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->setSpacing(2);
    editorLayout->addLayout(top);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addLayout(bottom);
    m_pages->addWidget(createEmptyPage());
    m_pages->addWidget(editorPage);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(saveDelayMs);
    connect(m_saveTimer, &QTimer::timeout, this, &ScriptsPanel::saveNow);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &ScriptsPanel::onTextEdited);
    setWorkspace(nullptr);
}

void ScriptsPanel::createActions()
{
    for (const ScriptKind kind : {ScriptKind::Projection, ScriptKind::Invariants, ScriptKind::Upcaster,
                                  ScriptKind::CompensationRules}) {
        m_newMenu->addAction(scriptTemplate(kind).title, this, [this, kind] { createScript(kind); });
    }
    m_newMenu->addSeparator();
    QMenu* bundled = m_newMenu->addMenu(tr("Copy of a Bundled Script"));
    for (const ScriptEntry& entry : bundledScripts()) {
        bundled->addAction(entry.name, this, [this, path = entry.path] {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                createScript(QFileInfo(path).fileName(), QString::fromUtf8(file.readAll()));
        });
    }
    bundled->setEnabled(!bundled->isEmpty());
    m_newMenu->addAction(tr("Import File\u2026"), this, &ScriptsPanel::chooseImport);

    m_apply = new QAction(tr("Apply"), this);
    m_apply->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_apply->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_apply->setToolTip(tr("Check the script and replay with it (Ctrl+Return)"));
    addAction(m_apply);
    connect(m_apply, &QAction::triggered, this, &ScriptsPanel::apply);
    m_rename = new QAction(tr("Rename\u2026"), this);
    connect(m_rename, &QAction::triggered, this, &ScriptsPanel::chooseRename);
    m_revert = new QAction(tr("Revert to Applied"), this);
    m_revert->setToolTip(tr("Back to the text last applied"));
    connect(m_revert, &QAction::triggered, this, &ScriptsPanel::revertToApplied);
    m_export = new QAction(tr("Export to File\u2026"), this);
    connect(m_export, &QAction::triggered, this, &ScriptsPanel::chooseExport);
    m_delete = new QAction(tr("Delete\u2026"), this);
    connect(m_delete, &QAction::triggered, this, &ScriptsPanel::chooseDelete);
}

QWidget* ScriptsPanel::createEmptyPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->addStretch(1);
    auto* text = new QLabel(tr("<p><b>Scripts kept in this workspace</b></p>"
                               "<p>Write a projection, invariants, an upcaster or compensation rules in "
                               "JavaScript, apply it, and "
                               "the replay uses it. Scripts are saved in the workspace as you type.</p>"),
                            page);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    layout->addWidget(text);
    for (const ScriptKind kind : {ScriptKind::Projection, ScriptKind::Invariants, ScriptKind::Upcaster,
                                  ScriptKind::CompensationRules}) {
        auto* button = new QPushButton(tr("New %1").arg(scriptTemplate(kind).title), page);
        connect(button, &QPushButton::clicked, this, [this, kind] { createScript(kind); });
        layout->addWidget(button, 0, Qt::AlignHCenter);
    }
    auto* import = new QPushButton(tr("Import File\u2026"), page);
    connect(import, &QPushButton::clicked, this, &ScriptsPanel::chooseImport);
    layout->addWidget(import, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    return page;
}

void ScriptsPanel::setWorkspace(Workspace* workspace)
{
    saveNow(); // into the workspace being left, which is still open
    m_workspace = workspace;
    m_current.clear();
    m_appliedSources.clear();
    m_model->setScripts(workspace ? workspace->path() : QString(),
                        workspace ? WorkspaceScripts(*workspace).all() : std::vector<StoredScript>{});
    setEnabled(workspace != nullptr);
    showScript(m_model->rowCount() > 0 ? 0 : -1);
    emit scriptsChanged();
}

QString ScriptsPanel::currentName() const
{
    return m_current;
}

QString ScriptsPanel::currentReference() const
{
    const int row = m_model->rowOf(m_current);
    return row < 0 ? QString() : m_model->entry(row).path;
}

void ScriptsPanel::showScript(int row)
{
    m_loading = true;
    if (row < 0) {
        m_current.clear();
        m_editor->clear();
        m_pages->setCurrentIndex(0);
    } else {
        m_current = m_model->script(row).name;
        m_editor->setPlainText(m_model->script(row).source);
        m_chooser->setCurrentIndex(row);
        m_pages->setCurrentIndex(1);
    }
    m_loading = false;
    m_unsaved = false;
    m_editor->clearProblem();
    m_statusText.clear();
    updateStatus();
    updateActions();
}

bool ScriptsPanel::openScript(const QString& name)
{
    const int row = m_model->rowOf(name);
    if (row < 0)
        return false;
    if (name != m_current) {
        saveNow();
        showScript(m_model->rowOf(name));
    }
    return true;
}

void ScriptsPanel::onChooserActivated(int row)
{
    if (row >= 0)
        openScript(m_model->script(row).name);
}

QString ScriptsPanel::createScript(ScriptKind kind)
{
    const ScriptTemplate source = scriptTemplate(kind);
    return createScript(source.fileName, source.source);
}

QString ScriptsPanel::createScript(const QString& baseName, const QString& source)
{
    if (!m_workspace)
        return {};
    saveNow();
    WorkspaceScripts scripts(*m_workspace);
    QString base = baseName;
    if (!WorkspaceScripts::nameProblem(base).isEmpty())
        base = QStringLiteral("script.js");
    const QString name = scripts.unusedName(base);
    m_model->put(scripts.save(name, source));
    showScript(m_model->rowOf(name));
    m_editor->setFocus();
    emit scriptsChanged();
    return name;
}

bool ScriptsPanel::importFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setStatus(tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return false;
    }
    QString name = QFileInfo(path).fileName();
    if (!name.endsWith(QLatin1String(".js")))
        name += QStringLiteral(".js");
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("-"));
    return !createScript(name, QString::fromUtf8(file.readAll())).isEmpty();
}

void ScriptsPanel::onTextEdited()
{
    if (m_loading || m_current.isEmpty())
        return;
    m_unsaved = true;
    m_saveTimer->start();
    updateStatus();
    updateActions();
}

void ScriptsPanel::saveNow()
{
    m_saveTimer->stop();
    if (!m_unsaved || !m_workspace || m_current.isEmpty())
        return;
    try {
        m_model->put(WorkspaceScripts(*m_workspace).save(m_current, m_editor->toPlainText()));
        m_unsaved = false;
    } catch (const std::exception& error) {
        // sqlite::Error or WorkspaceError: the text stays in the editor, and the next edit retries.
        setStatus(tr("Not saved: %1").arg(QString::fromUtf8(error.what())), true);
        return;
    }
    updateStatus();
}

bool ScriptsPanel::apply()
{
    if (m_current.isEmpty())
        return false;
    saveNow();
    int line = 0;
    const QString source = m_editor->toPlainText();
    const ScriptEntry entry = describeSource(source, currentReference(), &line);
    if (!entry.error.isEmpty()) {
        m_editor->setProblem(line, entry.error);
        m_editor->revealProblem();
        setStatus(entry.error, true);
        return false;
    }
    if (!entry.hasProjection && entry.checks.empty() && !entry.hasUpcasters && !entry.hasCompensations) {
        const QString message =
            tr("%1 declares nothing to apply: a projection (fromAll() \u2026 .when({...})), "
               "invariant() or breakpoint() checks, upcast() upcasters, or compensate() rules.")
                .arg(entry.name);
        m_editor->clearProblem();
        setStatus(message, true);
        return false;
    }
    m_editor->clearProblem();
    m_appliedSources.insert(m_current, source);
    m_statusText.clear();
    updateStatus();
    updateActions();
    emit applied(entry);
    return true;
}

void ScriptsPanel::showReplayError(const QString& message)
{
    static const QRegularExpression located(QStringLiteral("^([^:\\s]+):(\\d+): "));
    const QRegularExpressionMatch match = located.match(message);
    if (m_current.isEmpty() || !match.hasMatch() || match.captured(1) != m_current)
        return;
    m_editor->setProblem(match.captured(2).toInt(), message);
    setStatus(message, true);
}

bool ScriptsPanel::renameCurrent(const QString& newName)
{
    if (!m_workspace || m_current.isEmpty())
        return false;
    saveNow();
    const QString from = currentReference();
    try {
        WorkspaceScripts scripts(*m_workspace);
        scripts.rename(m_current, newName);
        m_model->remove(m_current);
        if (m_appliedSources.contains(m_current))
            m_appliedSources.insert(newName, m_appliedSources.take(m_current));
        const std::optional<StoredScript> renamed = scripts.find(newName);
        m_model->put(*renamed);
    } catch (const WorkspaceError& error) {
        setStatus(error.message(), true);
        return false;
    }
    showScript(m_model->rowOf(newName));
    emit scriptsChanged();
    emit referenceChanged(from, currentReference());
    return true;
}

void ScriptsPanel::deleteCurrent()
{
    if (!m_workspace || m_current.isEmpty())
        return;
    const QString reference = currentReference();
    m_saveTimer->stop();
    m_unsaved = false;
    WorkspaceScripts(*m_workspace).remove(m_current);
    m_appliedSources.remove(m_current);
    const int row = m_model->rowOf(m_current);
    m_model->remove(m_current);
    showScript(m_model->rowCount() == 0 ? -1 : std::min(row, m_model->rowCount() - 1));
    emit scriptsChanged();
    emit referenceChanged(reference, {});
}

void ScriptsPanel::revertToApplied()
{
    if (!m_appliedSources.contains(m_current))
        return;
    m_editor->setPlainText(m_appliedSources.value(m_current)); // an edit: saved like any other
    m_editor->clearProblem();
}

void ScriptsPanel::setStatus(const QString& text, bool problem)
{
    m_statusText = text;
    m_statusIsProblem = problem;
    updateStatus();
}

QString ScriptsPanel::statusText() const
{
    return m_status->text();
}

void ScriptsPanel::updateStatus()
{
    QString text = m_statusText;
    bool problem = m_statusIsProblem && !text.isEmpty();
    const int row = m_model->rowOf(m_current);
    if (text.isEmpty() && row >= 0) {
        const QString summary = ScriptsModel::summary(m_model->entry(row));
        const auto applied = m_appliedSources.constFind(m_current);
        if (applied != m_appliedSources.cend() && *applied == m_editor->toPlainText())
            text = tr("Applied \u00b7 %1").arg(summary);
        else if (applied != m_appliedSources.cend())
            text = tr("Edited since applied \u00b7 Apply (Ctrl+Return) to replay with this text");
        else
            text =
                tr("%1 \u00b7 Apply (Ctrl+Return) to replay with it").arg(m_unsaved ? tr("Edited") : summary);
    }
    m_status->setText(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, problem ? CodeColors::from(this->palette()).problem
                                                   : this->palette().color(QPalette::PlaceholderText));
    m_status->setPalette(palette);
}

void ScriptsPanel::updateActions()
{
    const bool open = !m_current.isEmpty();
    m_apply->setEnabled(open);
    m_rename->setEnabled(open);
    m_delete->setEnabled(open);
    m_export->setEnabled(open);
    m_moreButton->setEnabled(open);
    m_revert->setEnabled(open && m_appliedSources.contains(m_current) &&
                         m_appliedSources.value(m_current) != m_editor->toPlainText());
}

void ScriptsPanel::chooseRename()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename Script"), tr("New name:"), QLineEdit::Normal, m_current, &ok);
    if (ok && name != m_current)
        renameCurrent(name.trimmed());
}

void ScriptsPanel::chooseDelete()
{
    QMessageBox box(QMessageBox::Question, tr("Delete Script"),
                    tr("Delete %1 from this workspace? The replay stops using it.").arg(m_current),
                    QMessageBox::Cancel, this);
    const QAbstractButton* remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == remove)
        deleteCurrent();
}

void ScriptsPanel::chooseImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Script"), bundledScriptsFolder(),
                                                      tr("JavaScript (*.js);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void ScriptsPanel::chooseExport()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Script"), m_current,
                                                      tr("JavaScript (*.js);;All files (*)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_editor->toPlainText().toUtf8()) < 0 ||
        !file.commit())
        setStatus(tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
}

} // namespace eventscope::gui
