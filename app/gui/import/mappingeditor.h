#pragma once

#include "importpreview.h"
#include "timeformat.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace eventscope::gui {

class NoticeLabel;

// The field mapping of an import: which source field fills the stream, type, time, id and data,
// as combos of the fields seen in the file and as the --map string the combos amount to (editable
// too, for the other targets and dotted paths). Shows where the mapping came from: detected, a
// suggestion to check, or the user's own.
class MappingEditor : public QWidget
{
    Q_OBJECT

public:
    explicit MappingEditor(QWidget* parent = nullptr);

    // Shows the mapping a preview read with and the fields it offers; emits nothing.
    void showPreview(const PreviewResult& result);
    void setEpochUnit(EpochUnit unit);
    EpochUnit epochUnit() const;

    // The mapping string as shown (empty before any preview).
    QString specText() const;
    // The combo for one of the targets the editor offers (stream, type, time, id, data); for tests.
    QComboBox* fieldCombo(importers::Target target) const;
    QComboBox* epochUnitCombo() const { return m_epochUnit; }
    QLineEdit* specEdit() const { return m_spec; }
    QPushButton* detectButton() const { return m_reset; }
    NoticeLabel* originNotice() const { return m_origin; }

signals:
    // The user changed the mapping; an empty spec means "detect it again from the records".
    void mappingEdited(const QString& spec);
    void epochUnitChanged(eventscope::EpochUnit unit);

private:
    void fillCombo(QComboBox* combo, importers::Target target, const QStringList& fields);
    void onComboChanged();
    void onSpecEdited();
    void showSpecError(const QString& error);

    PreviewResult m_shown;
    QComboBox* m_stream;
    QComboBox* m_type;
    QComboBox* m_time;
    QComboBox* m_id;
    QComboBox* m_data;
    QComboBox* m_epochUnit;
    QLineEdit* m_spec;
    QPushButton* m_reset;
    NoticeLabel* m_origin;
    bool m_updating = false;
};

} // namespace eventscope::gui
