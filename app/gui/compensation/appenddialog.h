#pragma once

#include "compensation/draft.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace eventscope::gui {

// Asks where drafts go and shows, before anything is written, exactly what will be: the target,
// and for each event its stream, the version the stream must be at, the version it gets, its type,
// id, data and metadata. Targets: this workspace, another workspace file, or a PostgreSQL store
// URL (postgresql://user@host/db?layout=messagedb). Nothing is written here: the caller appends the
// chosen target once the user confirms.
class AppendDialog : public QDialog
{
    Q_OBJECT

public:
    AppendDialog(const QString& workspacePath, std::vector<compensation::Draft> drafts,
                 QWidget* parent = nullptr);

    QString target() const;
    void setTarget(const QString& target);
    // The plan as shown, or the reason there is none.
    QString planText() const;
    bool canAppend() const;

private:
    void updatePlan();
    void browse();

    std::vector<compensation::Draft> m_drafts;
    QComboBox* m_target;
    QLabel* m_summary;
    QPlainTextEdit* m_plan;
    QDialogButtonBox* m_buttons;
    bool m_valid = false;
};

} // namespace eventscope::gui
