#pragma once

#include "importjob.h"

#include <QDialog>

class QPlainTextEdit;

namespace eventscope::gui {

// What an import did, in full: each file's counts and notes, and the first problems with their
// places (file:line:column), selectable and copyable.
class ImportDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDetailsDialog(const importers::ImportReport& report, QWidget* parent = nullptr);

    QString text() const;

private:
    QPlainTextEdit* m_text;
};

} // namespace eventscope::gui
