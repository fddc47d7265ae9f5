#include "drafteditor.h"

#include "compensation/draftjson.h"
#include "scripts/codeeditor.h"

#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace eventscope::gui {

using compensation::Draft;
using compensation::DraftStatus;

DraftEditor::DraftEditor(QWidget* parent)
    : QWidget(parent), m_header(new QLabel(this)), m_editor(new CodeEditor(this)),
      m_problemLabel(new QLabel(this)), m_save(new QPushButton(tr("Save"), this)),
      m_revert(new QPushButton(tr("Revert"), this))
{
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setTextFormat(Qt::PlainText);
    m_save->setToolTip(tr("Save the draft (Ctrl+S)"));
    auto* shortcut = new QShortcut(QKeySequence::Save, this, [this] { save(); });
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_save, &QPushButton::clicked, this, &DraftEditor::save);
    connect(m_revert, &QPushButton::clicked, this, &DraftEditor::revert);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading)
            return;
        m_modified = true;
        validate();
    });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_problemLabel, 1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    layout->addWidget(m_header);
    layout->addWidget(m_editor, 1);
    layout->addLayout(buttons);
    clear();
}

void DraftEditor::setDraft(const Draft& draft, const QStringList& expectedFields)
{
    m_draft = draft;
    m_expected = expectedFields;
    m_hasDraft = true;
    m_loading = true;
    m_editor->setPlainText(QString::fromUtf8(compensation::editableDraftText(draft)));
    m_loading = false;
    m_modified = false;
    const bool editable = draft.status == DraftStatus::Draft;
    m_editor->setReadOnly(!editable);
    m_editor->setEnabled(true);
    // One line: the event id, long and rarely needed, is in the tooltip.
    const QString header0 = draft.expectedVersion < 0
                                ? tr("Draft %1 (%2): starts the stream %3.")
                                      .arg(draft.id)
                                      .arg(compensation::statusName(draft.status), draft.stream)
                                : tr("Draft %1 (%2): follows version %3 of %4.")
                                      .arg(draft.id)
                                      .arg(compensation::statusName(draft.status))
                                      .arg(draft.expectedVersion)
                                      .arg(draft.stream);
    m_header->setToolTip(tr("Event id %1, drafted by %2").arg(draft.eventId, draft.author));
    QString header = header0;
    if (!editable)
        header += QLatin1Char('\n') + tr("It went out already: it is history and cannot be edited.");
    if (!draft.conflict.isEmpty())
        header += QLatin1Char('\n') + tr("Last append failed: %1").arg(draft.conflict);
    m_header->setText(header);
    validate();
}

void DraftEditor::clear()
{
    m_hasDraft = false;
    m_loading = true;
    m_editor->clear();
    m_loading = false;
    m_modified = false;
    m_editor->setReadOnly(true);
    m_editor->setEnabled(false);
    m_editor->clearProblem();
    m_header->setText(tr("Select a draft to edit it."));
    m_header->setToolTip(tr("Draft compensations from the event at the playhead, the selected range, the "
                            "filter's matches or the invariant violations (Draft menu)."));
    m_problemLabel->clear();
    m_problems.clear();
    m_save->setEnabled(false);
    m_revert->setEnabled(false);
}

void DraftEditor::validate()
{
    m_problems.clear();
    m_editor->clearProblem();
    if (!m_hasDraft)
        return;
    Draft probe = m_draft;
    const auto problems =
        compensation::applyEditedDraftText(probe, m_editor->toPlainText().toUtf8(), m_expected);
    for (const auto& problem : problems)
        m_problems << problem.message;
    if (!problems.empty()) {
        m_editor->setProblem(problems.front().line, problems.front().message);
        m_problemLabel->setText(
            problems.size() == 1
                ? problems.front().message
                : tr("%1 (and %2 more)").arg(problems.front().message).arg(problems.size() - 1));
        m_problemLabel->setForegroundRole(QPalette::Text);
        QPalette palette = m_problemLabel->palette();
        palette.setColor(QPalette::WindowText, QColor(0xc0, 0x39, 0x2b));
        m_problemLabel->setPalette(palette);
    } else {
        m_problemLabel->setPalette(QPalette());
        m_problemLabel->setText(m_modified ? tr("Valid; not saved yet.") : QString());
    }
    const bool editable = m_draft.status == DraftStatus::Draft;
    m_save->setEnabled(editable && m_modified && problems.empty());
    m_revert->setEnabled(editable && m_modified);
}

bool DraftEditor::save()
{
    if (!m_hasDraft || !m_modified || m_draft.status != DraftStatus::Draft)
        return false;
    Draft edited = m_draft;
    if (!compensation::applyEditedDraftText(edited, m_editor->toPlainText().toUtf8(), m_expected).empty())
        return false;
    m_modified = false;
    m_save->setEnabled(false);
    m_revert->setEnabled(false);
    m_problemLabel->clear();
    emit saveRequested(edited);
    return true;
}

void DraftEditor::revert()
{
    if (m_hasDraft)
        setDraft(m_draft, m_expected);
}

} // namespace eventscope::gui
