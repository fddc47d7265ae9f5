#pragma once

#include "filterhistory.h"

#include <QWidget>

class QAction;
class QLabel;
class QMenu;

namespace eventscope::filter {
struct FilterError;
}

namespace eventscope::gui {

class FilterLineEdit;

// The filter bar above the events table: the expression editor, the history of applied filters
// (the drop-down at the editor's end, and Up/Down), how many events the table shows, and below
// the editor, only while there is one, the reason a filter does not compile, with its span
// underlined in the editor. Enter asks to apply, Escape to clear; applying is the pane's business.
class FilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    FilterLineEdit* editor() const { return m_editor; }

    // Underlines the error's span and shows its message (also as the editor's tooltip). While an
    // error is shown, the text is checked again as the user edits it, so that the message goes as
    // soon as the filter is right.
    void showError(const filter::FilterError& error);
    // A failure that is not the text's fault (the workspace could not be read).
    void showProblem(const QString& message);
    void clearError();
    bool hasError() const;
    QString errorMessage() const;

    // The count beside the editor ("1,234 of 1,000,000 events", "Filtering…").
    void setSummary(const QString& text, const QString& toolTip = {});
    QString summary() const;

    // Records an applied filter in the history (most recent first, without repeats).
    void remember(const QString& filter);
    QStringList history() const { return m_history.entries(); }
    QMenu* historyMenu() const { return m_historyMenu; }

signals:
    void applyRequested(const QString& text);
    void clearRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void onEdited();
    void stepHistory(int direction);
    void rebuildHistoryMenu();
    void setMessage(const QString& message);

    FilterLineEdit* m_editor;
    QAction* m_historyAction;
    QMenu* m_historyMenu;
    QLabel* m_summary;
    QLabel* m_message;
    FilterHistory m_history;
    int m_historyIndex = -1; // the entry Up/Down last put in the editor; -1 = the user's own text
    QString m_draft;         // the user's own text, kept while stepping through the history
    bool m_liveCheck = false;
};

} // namespace eventscope::gui
