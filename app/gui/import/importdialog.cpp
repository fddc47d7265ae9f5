#include "importdialog.h"

#include "fieldsampler.h"
#include "formatregistry.h"
#include "importfilesmodel.h"
#include "mappingeditor.h"
#include "previewpane.h"
#include "previewrunner.h"
#include "protobufoptions.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace eventscope::gui {
namespace {

// Options changes come in bursts (typing a mapping, ticking through combos): preview once they settle.
constexpr int previewDelayMs = 250;

bool isProtobufFormat(const QString& readerId)
{
    return readerId == QLatin1String("cloudevents-proto") || readerId == QLatin1String("delimited-proto") ||
           readerId == QLatin1String("delimited-message");
}

QStringList localFiles(const QMimeData* mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            paths << url.toLocalFile();
    }
    return paths;
}

} // namespace

ImportDialog::ImportDialog(QWidget* parent)
    : QDialog(parent), m_files(new ImportFilesModel(this)), m_runner(new PreviewRunner(this)),
      m_previewDelay(new QTimer(this))
{
    setWindowTitle(tr("Import Files"));
    setAcceptDrops(true);
    m_previewDelay->setSingleShot(true);
    m_previewDelay->setInterval(previewDelayMs);

    auto* top = new QHBoxLayout;
    top->setSpacing(12);
    top->addWidget(createFilesPanel(), 2);
    top->addWidget(createOptionsPanel(), 3);

    m_previewBox = new QGroupBox(tr("Preview"), this);
    m_preview = new PreviewPane(m_previewBox);
    auto* previewLayout = new QVBoxLayout(m_previewBox);
    previewLayout->addWidget(m_preview);

    m_strict = new QCheckBox(tr("&Strict: stop at the first bad record and import nothing"), this);
    m_strict->setToolTip(tr("Without it, bad records are skipped and reported, and the good ones imported"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_importButton = m_buttons->button(QDialogButtonBox::Ok);
    m_importButton->setText(tr("&Import"));
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_strict);
    bottom->addStretch(1);
    bottom->addWidget(m_buttons);

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addLayout(top);
    layout->addWidget(m_previewBox, 1);
    layout->addLayout(bottom);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_strict, &QCheckBox::toggled, m_preview, &PreviewPane::setStrict);
    connect(m_fileView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ImportDialog::onCurrentFileChanged);
    connect(m_files, &QAbstractItemModel::rowsInserted, this, &ImportDialog::updateButtons);
    connect(m_files, &QAbstractItemModel::rowsRemoved, this, &ImportDialog::updateButtons);
    connect(m_format, &QComboBox::activated, this, &ImportDialog::onFormatChosen);
    connect(m_mapping, &MappingEditor::mappingEdited, this, &ImportDialog::onMappingEdited);
    connect(m_mapping, &MappingEditor::epochUnitChanged, this, &ImportDialog::schedulePreview);
    connect(m_streamFrom, &QComboBox::activated, this, &ImportDialog::schedulePreview);
    connect(m_protobuf, &ProtobufOptions::optionsChanged, this, &ImportDialog::schedulePreview);
    connect(m_previewDelay, &QTimer::timeout, this, &ImportDialog::requestPreview);
    connect(m_runner, &PreviewRunner::ready, this, &ImportDialog::onPreviewReady);

    onCurrentFileChanged();
    resize(1120, 740);
}

ImportDialog::~ImportDialog() = default;

QWidget* ImportDialog::createFilesPanel()
{
    auto* box = new QGroupBox(tr("Files"), this);
    m_fileView = new QTableView(box);
    m_fileView->setModel(m_files);
    m_fileView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fileView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fileView->verticalHeader()->hide();
    m_fileView->verticalHeader()->setDefaultSectionSize(m_fileView->fontMetrics().height() + 6);
    m_fileView->setShowGrid(false);
    m_fileView->setWordWrap(false);
    m_fileView->setTextElideMode(Qt::ElideMiddle);
    QHeaderView* header = m_fileView->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(ImportFilesModel::FileColumn, QHeaderView::Stretch);
    header->setStretchLastSection(false);
    // Format and size keep the width of their longest entry; the name takes what is left.
    connect(m_files, &QAbstractItemModel::rowsInserted, m_fileView, [this] {
        m_fileView->resizeColumnToContents(ImportFilesModel::FormatColumn);
        m_fileView->resizeColumnToContents(ImportFilesModel::SizeColumn);
    });
    connect(m_files, &QAbstractItemModel::dataChanged, m_fileView,
            [this] { m_fileView->resizeColumnToContents(ImportFilesModel::FormatColumn); });

    m_addButton = new QPushButton(tr("&Add Files\u2026"), box);
    m_removeButton = new QPushButton(tr("&Remove"), box);
    m_order = new QComboBox(box);
    m_order->addItem(tr("By time, as one timeline"), int(MergeOrder::Time));
    m_order->addItem(tr("File after file"), int(MergeOrder::Source));
    m_order->setToolTip(tr("How the events of several files are ordered: merged by time (ties keep the "
                           "files' order), or each file's events after the previous file's"));
    auto* orderLabel = new QLabel(tr("&Order:"), box);
    orderLabel->setBuddy(m_order);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_removeButton);
    buttons->addStretch(1);
    buttons->addWidget(orderLabel);
    buttons->addWidget(m_order);

    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_fileView, 1);
    layout->addLayout(buttons);

    connect(m_addButton, &QPushButton::clicked, this, &ImportDialog::chooseFiles);
    connect(m_removeButton, &QPushButton::clicked, this, &ImportDialog::removeCurrentFile);
    return box;
}

QWidget* ImportDialog::createOptionsPanel()
{
    auto* panel = new QWidget(this);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);

    m_fileBox = new QGroupBox(panel);
    m_format = new QComboBox(m_fileBox);
    m_format->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_format->setToolTip(tr("How the selected file is read; detected from its content unless you choose"));
    m_formatNote = new QLabel(m_fileBox);
    m_formatNote->setForegroundRole(QPalette::PlaceholderText);
    m_formatNote->setWordWrap(true);
    auto* formatForm = new QFormLayout(m_fileBox);
    formatForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* formatRow = new QHBoxLayout;
    formatRow->addWidget(m_format);
    formatRow->addWidget(m_formatNote, 1);
    auto* formatLabel = new QLabel(tr("&Format:"), m_fileBox);
    formatLabel->setBuddy(m_format);
    formatForm->addRow(formatLabel, formatRow);
    layout->addWidget(m_fileBox);
    fillFormatCombo();

    m_mappingBox = new QGroupBox(tr("Field mapping"), panel);
    m_mapping = new MappingEditor(m_mappingBox);
    auto* mappingLayout = new QVBoxLayout(m_mappingBox);
    mappingLayout->addWidget(m_mapping);
    layout->addWidget(m_mappingBox);

    m_cloudEventsBox = new QGroupBox(tr("CloudEvents"), panel);
    m_streamFrom = new QComboBox(m_cloudEventsBox);
    m_streamFrom->addItem(tr("Subject, else source"), QStringLiteral("subject"));
    m_streamFrom->addItem(tr("Source"), QStringLiteral("source"));
    m_streamFrom->setToolTip(tr("Which attribute names the stream of each CloudEvent"));
    auto* cloudEventsForm = new QFormLayout(m_cloudEventsBox);
    cloudEventsForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    cloudEventsForm->addRow(tr("S&tream from:"), m_streamFrom);
    layout->addWidget(m_cloudEventsBox);

    m_protobufBox = new QGroupBox(tr("Protobuf"), panel);
    m_protobuf = new ProtobufOptions(m_protobufBox);
    auto* protobufLayout = new QVBoxLayout(m_protobufBox);
    protobufLayout->addWidget(m_protobuf);
    layout->addWidget(m_protobufBox);
    layout->addStretch(1);
    return panel;
}

void ImportDialog::fillFormatCombo()
{
    m_format->clear();
    m_format->addItem(tr("Detected"), QString());
    m_format->insertSeparator(1);
    for (const auto& reader : importers::FormatRegistry::instance().readers())
        m_format->addItem(reader->displayName(), reader->id());
}

void ImportDialog::addFiles(const QStringList& paths)
{
    const QList<int> added = m_files->addFiles(paths);
    if (!added.isEmpty())
        setCurrentFile(added.first());
}

int ImportDialog::currentFile() const
{
    const QModelIndex current = m_fileView->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ImportDialog::setCurrentFile(int row)
{
    if (row < 0 || row >= m_files->fileCount())
        return;
    m_fileView->selectionModel()->setCurrentIndex(
        m_files->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

bool ImportDialog::isPreviewPending() const
{
    return m_previewDelay->isActive() || m_runner->isBusy();
}

importers::ImportRequest ImportDialog::request() const
{
    importers::ImportRequest request;
    request.files = m_files->paths();
    request.formatByFile = m_files->chosenFormats();
    request.options.mapping = m_mappingSpec;
    request.options.epochUnit = m_mapping->epochUnit();
    request.options.cloudEventsStreamFrom = m_streamFrom->currentData().toString();
    request.options.descriptorSetPath = m_protobuf->descriptorSetPath();
    request.options.messageType = m_protobuf->messageType();
    request.options.typeMap = m_protobuf->typeMap();
    request.strict = m_strict->isChecked();
    request.order = MergeOrder(m_order->currentData().toInt());
    return request;
}

void ImportDialog::chooseFiles()
{
    QStringList all;
    QStringList filters;
    for (const auto& reader : importers::FormatRegistry::instance().readers()) {
        QStringList patterns;
        for (const QString& extension : reader->extensions())
            patterns << QStringLiteral("*.") + extension;
        all << patterns;
        filters << QStringLiteral("%1 (%2)").arg(reader->displayName(), patterns.join(QLatin1Char(' ')));
    }
    all.removeDuplicates();
    filters.prepend(tr("Event files (%1)").arg(all.join(QLatin1Char(' '))));
    filters << tr("All files (*)");
    const QString start =
        m_files->fileCount() > 0 ? QFileInfo(m_files->file(m_files->fileCount() - 1).path).path() : QString();
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Add Files to Import"), start,
                                                            filters.join(QStringLiteral(";;")));
    addFiles(paths);
}

void ImportDialog::removeCurrentFile()
{
    const int row = currentFile();
    if (row < 0)
        return;
    m_files->removeFile(row);
    if (m_files->fileCount() > 0)
        setCurrentFile(std::min(row, m_files->fileCount() - 1));
    else
        onCurrentFileChanged();
}

void ImportDialog::onCurrentFileChanged()
{
    const int row = currentFile();
    m_previewDelay->stop();
    updateButtons();
    if (row < 0) {
        m_runner->cancel();
        m_shown = PreviewResult();
        m_fileBox->setTitle(tr("No file selected"));
        m_format->setEnabled(false);
        m_formatNote->clear();
        m_mappingBox->hide();
        m_cloudEventsBox->hide();
        m_protobufBox->hide();
        m_preview->showNothing(
            tr("Add the files to import with Add Files\u2026 or drop them here. Several files "
               "become one timeline."));
        return;
    }
    const ImportFilesModel::File& file = m_files->file(row);
    m_fileBox->setTitle(QFileInfo(file.path).fileName());
    m_format->setEnabled(true);
    m_format->setItemText(0,
                          file.detectedFormat.isEmpty()
                              ? tr("Choose a format")
                              : tr("%1 (detected)").arg(ImportFilesModel::formatName(file.detectedFormat)));
    m_format->setCurrentIndex(std::max(0, m_format->findData(file.chosenFormat)));
    requestPreview();
}

void ImportDialog::onFormatChosen()
{
    const int row = currentFile();
    if (row < 0)
        return;
    // Choosing the detected reader by name is no override: the file stays "detected".
    m_files->setChosenFormat(row, m_format->currentData().toString());
    requestPreview();
}

void ImportDialog::onMappingEdited(const QString& spec)
{
    m_mappingSpec = spec;
    schedulePreview();
}

void ImportDialog::schedulePreview()
{
    if (currentFile() >= 0)
        m_previewDelay->start();
}

void ImportDialog::requestPreview()
{
    m_previewDelay->stop();
    const int row = currentFile();
    if (row < 0)
        return;
    const ImportFilesModel::File& file = m_files->file(row);
    updateSections(file.format(), MappingOrigin::None);
    const QString note =
        file.chosenFormat.isEmpty()
            ? (file.detectedFormat.isEmpty()
                   ? tr("Not recognised from its content")
                   : tr("Recognised from its content (%1% sure)").arg(file.confidence))
            : (file.detectedFormat.isEmpty() ? tr("Your choice")
                                             : tr("Your choice; detected as %1")
                                                   .arg(ImportFilesModel::formatName(file.detectedFormat)));
    m_formatNote->setText(note);
    PreviewRequest preview;
    preview.path = file.path;
    preview.format = file.chosenFormat;
    preview.options = request().options;
    m_preview->showPending(QFileInfo(file.path).fileName());
    m_runner->request(preview);
}

void ImportDialog::onPreviewReady(const PreviewResult& result)
{
    const int row = currentFile();
    if (row < 0 || m_files->file(row).path != result.request.path)
        return;
    m_shown = result;
    // A suggestion the preview could read with becomes the import's mapping, as shown; one that
    // still misses a target stays a suggestion until the user completes it.
    if (result.mappingOrigin == MappingOrigin::Suggested && m_mappingSpec.isEmpty() && result.error.isEmpty())
        m_mappingSpec = result.mappingSpec;
    updateSections(result.format, result.mappingOrigin);
    m_mapping->showPreview(result);
    m_preview->showResult(result);
    updateButtons();
    emit previewShown();
}

void ImportDialog::updateSections(const QString& readerId, MappingOrigin origin)
{
    const bool cloudEvents =
        readerId == QLatin1String("cloudevents-proto") || origin == MappingOrigin::CloudEvents ||
        (FieldSampler::usesMapping(readerId) && m_mappingSpec == QLatin1String("cloudevents"));
    m_mappingBox->setVisible(FieldSampler::usesMapping(readerId));
    // Keep the CloudEvents box while a JSON file's preview is on its way, instead of flickering.
    if (cloudEvents || origin != MappingOrigin::None || !FieldSampler::usesMapping(readerId))
        m_cloudEventsBox->setVisible(cloudEvents);
    m_protobufBox->setVisible(isProtobufFormat(readerId));
    m_protobuf->setReader(readerId);
}

void ImportDialog::updateButtons()
{
    const int row = currentFile();
    m_removeButton->setEnabled(row >= 0);
    m_order->setEnabled(m_files->fileCount() > 1);
    QString blocker;
    if (m_files->fileCount() == 0)
        blocker = tr("Add the files to import first");
    for (int i = 0; i < m_files->fileCount() && blocker.isEmpty(); ++i) {
        if (m_files->file(i).format().isEmpty())
            blocker = tr("%1: choose its format").arg(QFileInfo(m_files->file(i).path).fileName());
    }
    if (blocker.isEmpty() && !m_shown.error.isEmpty() && row >= 0 &&
        m_shown.request.path == m_files->file(row).path)
        blocker = tr("The preview shows why this import would fail");
    m_importButton->setEnabled(blocker.isEmpty());
    m_importButton->setToolTip(blocker);
}

void ImportDialog::dragEnterEvent(QDragEnterEvent* event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ImportDialog::dropEvent(QDropEvent* event)
{
    const QStringList paths = localFiles(event->mimeData());
    if (paths.isEmpty())
        return;
    addFiles(paths);
    event->acceptProposedAction();
}

} // namespace eventscope::gui
