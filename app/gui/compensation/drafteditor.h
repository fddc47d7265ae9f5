#pragma once

#include "compensation/draft.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;

namespace eventscope::gui {

class CodeEditor;

// Edits one draft as JSON ({stream, type, data, metadata, reason}) with syntax highlighting, checked
// as it is typed: malformed JSON underlined at its line with the parser's message, a missing type
// or stream, data that is not an object, a field the other drafts of its type carry. Save writes
// only a valid draft; what was exported or appended is shown read-only.
class DraftEditor : public QWidget
{
    Q_OBJECT

public:
    explicit DraftEditor(QWidget* parent = nullptr);

    // `expectedFields`: the data fields drafts of its type have (compensation::expectedDataFields).
    void setDraft(const compensation::Draft& draft, const QStringList& expectedFields);
    void clear();

    bool isModified() const { return m_modified; }
    // The problems of the text as it stands; empty when it would save.
    QStringList problems() const { return m_problems; }
    CodeEditor* editor() const { return m_editor; }
    QPushButton* saveButton() const { return m_save; }

    // Saves when the text is valid (as the Save button does); false when there is nothing to save
    // or the text has problems.
    bool save();

signals:
    void saveRequested(const eventscope::compensation::Draft& draft);

private:
    void validate();
    void revert();

    compensation::Draft m_draft;
    QStringList m_expected;
    bool m_hasDraft = false;
    bool m_modified = false;
    bool m_loading = false;
    QStringList m_problems;
    QLabel* m_header;
    CodeEditor* m_editor;
    QLabel* m_problemLabel;
    QPushButton* m_save;
    QPushButton* m_revert;
};

} // namespace eventscope::gui
