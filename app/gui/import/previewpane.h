#pragma once

#include "importpreview.h"

#include <QWidget>

class QPlainTextEdit;
class QTableView;

namespace eventscope::gui {

class NoticeLabel;
class PreviewTableModel;

// The import dialog's look at a file: its first records as they would be imported, a line on
// what was read (or why it cannot be), and the bad records among them with their places.
class PreviewPane : public QWidget
{
    Q_OBJECT

public:
    explicit PreviewPane(QWidget* parent = nullptr);

    void showPending(const QString& fileName);
    void showResult(const PreviewResult& result);
    void showNothing(const QString& why);
    // Whether bad records abort the import (rather than being skipped): changes what is said of them.
    void setStrict(bool strict);

    PreviewTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    // The line about the records read, and the problems as listed; for tests.
    QString statusText() const;
    QString problemsText() const;

private:
    PreviewTableModel* m_model;
    QTableView* m_view;
    NoticeLabel* m_status;
    NoticeLabel* m_badRecords;
    QPlainTextEdit* m_problems;
    PreviewResult m_result;
    bool m_hasResult = false;
    bool m_strict = false;
};

} // namespace eventscope::gui
