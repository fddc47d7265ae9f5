#pragma once

#include "importjob.h"
#include "importpreview.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace eventscope::gui {

class ImportFilesModel;
class MappingEditor;
class PreviewPane;
class PreviewRunner;
class ProtobufOptions;

// Import Files: the files to read (merged into one timeline), each file's format as detected or
// chosen, a preview of the selected file's first records as they would be imported with the bad
// ones and their places, the field mapping, protobuf decoding, and the strict toggle. Accepting
// builds an ImportRequest; the dialog itself writes nothing.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(QWidget* parent = nullptr);
    ~ImportDialog() override;

    void addFiles(const QStringList& paths);
    // The import as set up now: what eventscope-cli import would be given.
    importers::ImportRequest request() const;

    // The file whose preview and format are shown; -1 when there are none.
    int currentFile() const;
    void setCurrentFile(int row);

    // For tests: the parts a user works with.
    ImportFilesModel* filesModel() const { return m_files; }
    QTableView* filesView() const { return m_fileView; }
    PreviewPane* previewPane() const { return m_preview; }
    MappingEditor* mappingEditor() const { return m_mapping; }
    ProtobufOptions* protobufOptions() const { return m_protobuf; }
    QComboBox* formatCombo() const { return m_format; }
    QComboBox* orderCombo() const { return m_order; }
    QComboBox* streamFromCombo() const { return m_streamFrom; }
    QCheckBox* strictCheckBox() const { return m_strict; }
    QPushButton* importButton() const { return m_importButton; }
    QPushButton* addButton() const { return m_addButton; }
    QPushButton* removeButton() const { return m_removeButton; }
    // The preview on display (of the current file, with the current options once it settles).
    const PreviewResult& shownPreview() const { return m_shown; }
    bool isPreviewPending() const;

signals:
    // A preview was shown: after a file was added or chosen, or an option changed.
    void previewShown();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    QWidget* createFilesPanel();
    QWidget* createOptionsPanel();
    void chooseFiles();
    void removeCurrentFile();
    void onCurrentFileChanged();
    void onFormatChosen();
    void onMappingEdited(const QString& spec);
    void schedulePreview();
    void requestPreview();
    void onPreviewReady(const PreviewResult& result);
    void updateSections(const QString& readerId, MappingOrigin origin);
    void updateButtons();
    void fillFormatCombo();

    ImportFilesModel* m_files;
    PreviewRunner* m_runner;
    QTimer* m_previewDelay;
    QTableView* m_fileView = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_removeButton = nullptr;
    QComboBox* m_order = nullptr;
    QGroupBox* m_fileBox = nullptr;
    QComboBox* m_format = nullptr;
    QLabel* m_formatNote = nullptr;
    QGroupBox* m_mappingBox = nullptr;
    MappingEditor* m_mapping = nullptr;
    QGroupBox* m_cloudEventsBox = nullptr;
    QComboBox* m_streamFrom = nullptr;
    QGroupBox* m_protobufBox = nullptr;
    ProtobufOptions* m_protobuf = nullptr;
    QGroupBox* m_previewBox = nullptr;
    PreviewPane* m_preview = nullptr;
    QCheckBox* m_strict = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_importButton = nullptr;

    QString m_mappingSpec; // empty: each file's mapping is detected from its records
    PreviewResult m_shown;
};

} // namespace eventscope::gui
