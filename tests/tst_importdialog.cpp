// Import Files as a user works it: the preview of CSV, JSON Lines and protobuf files, the field
// mapping and its suggestions, bad records with their places, the protobuf options, the strict
// toggle; then imports running in the background with progress and Cancel while the event loop
// keeps turning, and a cancelled or failed import leaving the workspace as it was.
#include "import/importcontroller.h"
#include "import/importdetailsdialog.h"
#include "import/importdialog.h"
#include "import/importfilesmodel.h"
#include "import/importpreview.h"
#include "import/importprogresswidget.h"
#include "import/importreporttext.h"
#include "import/mappingeditor.h"
#include "import/previewpane.h"
#include "import/previewtablemodel.h"
#include "import/protobufoptions.h"
#include "testsupport.h"
#include "timeformat.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace eventscope;
using namespace eventscope::gui;
using namespace Qt::StringLiterals;
using importers::ImportReport;
using importers::Target;

Q_DECLARE_METATYPE(eventscope::gui::MappingOrigin)

namespace {

constexpr qint64 baseTimeUs = 1'740'830'400'000'000; // 2025-03-01T12:00:00Z

QString fixture(const QString& name)
{
    return QFINDTESTDATA(u"data/"_s + name);
}

// Envelope JSON Lines, one event a millisecond over a handful of streams: big enough that an
// import spans many batches and progress reports, small enough to stay quick.
QByteArray envelopeLines(int count, const QString& idPrefix = u"big"_s)
{
    QByteArray out;
    out.reserve(qsizetype(count) * 150);
    for (int i = 0; i < count; ++i) {
        out += u"{\"id\":\"%1-%2\",\"stream\":\"order-%3\",\"type\":\"OrderPlaced\",\"time\":\"%4\","
               u"\"data\":{\"total\":%5,\"note\":\"padding to make the line longer\"}}\n"_s.arg(idPrefix)
                   .arg(i)
                   .arg(i % 97)
                   .arg(formatTimestamp(baseTimeUs + qint64(i) * 1000))
                   .arg(i % 1000)
                   .toUtf8();
    }
    return out;
}

// order.bin (one acme.Order) as a file of length-delimited messages, twice.
QString delimitedOrders(const QTemporaryDir& dir)
{
    QFile file(fixture(u"protobuf/order.bin"_s));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read order.bin");
    const QByteArray message = file.readAll();
    QByteArray delimited;
    for (int i = 0; i < 2; ++i)
        delimited += char(message.size()) + message; // below 128 bytes: a one-byte varint
    return testing::writeFile(dir, u"orders.delimited"_s, delimited);
}

void waitForPreview(ImportDialog& dialog)
{
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isPreviewPending(), 10000);
}

// Picks an item of a combo as a user does with the keyboard: focus, then arrows until it shows.
void chooseWithKeyboard(QComboBox* combo, const QString& text)
{
    const int target = combo->findText(text);
    QVERIFY2(target >= 0, qPrintable(text));
    combo->setFocus();
    while (combo->currentIndex() != target)
        QTest::keyClick(combo, combo->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
}

qint64 eventCount(const QString& workspacePath)
{
    Workspace workspace(workspacePath, Workspace::OpenMode::ReadOnly);
    WorkspaceStore store(workspace);
    return store.count();
}

QStringList importsTable(const QString& workspacePath)
{
    Workspace workspace(workspacePath, Workspace::OpenMode::ReadOnly);
    QStringList rows;
    for (const ImportRecord& record : workspace.imports())
        rows << u"%1 %2 %3 %4 %5"_s.arg(record.id)
                    .arg(record.path, record.sha256)
                    .arg(record.accepted)
                    .arg(record.rejected);
    return rows;
}

// A workspace holding good.jsonl's three events.
QString seededWorkspace(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(u"seeded.eventscope"_s);
    Workspace workspace(path);
    importers::ImportRequest request;
    request.files = {fixture(u"cli/good.jsonl"_s)};
    const ImportReport report = importers::runImport(workspace, request);
    if (report.status != ImportReport::Status::Completed || report.accepted != 3)
        qFatal("cannot seed the workspace: %s", qPrintable(report.error));
    return path;
}

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void previewOfFixtures_data();
    void previewOfFixtures();
    void previewReadsOnlyTheHead();
    void previewCountsBadRecordsWithPlaces_data();
    void previewCountsBadRecordsWithPlaces();
    void previewOfDelimitedMessages();
    void previewKeepsFieldOrderAndNestedPaths();
    void previewHonoursEpochUnit();

    void dialogPreviewsAddedFiles();
    void mappingComboRefreshesPreview();
    void mappingTextRefreshesPreview();
    void suggestedMappingIsCarriedIntoTheRequest();
    void badRecordsShownWithPlaces();
    void formatOverrideAndProtobufOptions();
    void optionsCarriedIntoTheRequest();
    void removingFiles();

    void importRunsInTheBackground();
    void cancelLeavesWorkspaceUnchanged();
    void failedImportLeavesWorkspaceUnchanged();
    void alreadyImportedIsReported();
    void newWorkspaceRemovedWhenImportFails();
};

void TestImportDialog::initTestCase()
{
    // Counts are shown with group separators: the same ones whatever the machine's locale.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestImportDialog::previewOfFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("mapping");
    QTest::addColumn<QString>("expectedFormat");
    QTest::addColumn<MappingOrigin>("origin");
    QTest::addColumn<int>("events");
    QTest::addColumn<QString>("firstEvent"); // "stream type"
    QTest::addColumn<QString>("mappingSpec");

    QTest::addRow("JSON Lines envelope")
        << u"cli/good.jsonl"_s << QString() << QString() << u"jsonl"_s << MappingOrigin::Detected << 3
        << u"order-1 OrderPlaced"_s
        << u"stream=stream,type=type,time=time,id=id,data=data,metadata=metadata,"
           u"version=streamVersion,schema_version=schemaVersion,causation="
           u"causationId,correlation=correlationId,content_type=contentType,"
           u"source=source"_s;
    QTest::addRow("JSON Lines, no preset fits: suggested")
        << u"cli/unknownshape.jsonl"_s << QString() << QString() << u"jsonl"_s << MappingOrigin::Suggested
        << 1 << u"1 T"_s << u"stream=aggregateId,type=eventType,time=at"_s;
    QTest::addRow("JSON Lines, CloudEvents")
        << u"cli/roundtrip-ce.jsonl"_s << QString() << QString() << u"jsonl"_s << MappingOrigin::CloudEvents
        << 1 << u"scan-1 ImageCaptured"_s << u"cloudevents"_s;
    QTest::addRow("CSV, Message DB preset") << u"csv/messagedb.csv"_s << QString() << QString() << u"csv"_s
                                            << MappingOrigin::Detected << 3 << u"account-123 Opened"_s
                                            << u"stream=stream_name,type=type,time=time,id=id,data=data,"
                                               u"metadata=metadata,version=position"_s;
    QTest::addRow("CSV, given mapping")
        << u"csv/nomapping.csv"_s << QString() << u"stream=warehouse,type=sku,time=quantity,time_unit=s"_s
        << u"csv"_s << MappingOrigin::Given << 2 << u"north A-1"_s
        << u"stream=warehouse,type=sku,time=quantity,time_unit=s"_s;
    QTest::addRow("CloudEvents protobuf")
        << u"protobuf/batch.cepb"_s << QString() << QString() << u"cloudevents-proto"_s << MappingOrigin::None
        << 2 << u"order-42 OrderPlaced"_s << QString();
    // Not one document: nothing to take field names from, and the reader says why.
    QTest::addRow("JSON Lines read as a JSON document")
        << u"cli/good.jsonl"_s << u"json"_s << QString() << u"json"_s << MappingOrigin::None << 0 << QString()
        << QString();
}

void TestImportDialog::previewOfFixtures()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QString, mapping);
    PreviewRequest request;
    request.path = fixture(file);
    QVERIFY(!request.path.isEmpty());
    request.format = format;
    request.options.mapping = mapping;
    const PreviewResult result = ImportPreview::run(request);

    QTEST(result.format, "expectedFormat");
    QTEST(result.mappingOrigin, "origin");
    QTEST(int(result.events.size()), "events");
    QFETCH(int, events);
    if (events > 0)
        QTEST(QString(result.events.front().stream + u' ' + result.events.front().type), "firstEvent");
    else
        QVERIFY(result.badRecords > 0 && !result.messages.isEmpty());
    QTEST(result.mappingSpec, "mappingSpec");
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
}

void TestImportDialog::previewReadsOnlyTheHead()
{
    QTemporaryDir dir;
    const QByteArray lines = envelopeLines(20000);
    const QString path = testing::writeFile(dir, u"big.jsonl"_s, lines);
    const PreviewResult result = ImportPreview::run({path, {}, {}});
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(int(result.events.size()), ImportPreview::maxEvents);
    QCOMPARE(result.events.front().id, u"big-0"_s);
    QCOMPARE(result.events.back().id, u"big-49"_s);
    QVERIFY(!result.wholeFile);
    QCOMPARE(result.recordsRead, qint64(ImportPreview::maxEvents));
    // The reader reports progress by the megabyte: it stopped well before the end of the file.
    QVERIFY2(result.bytesRead < lines.size() / 2, qPrintable(QString::number(result.bytesRead)));

    // A stop requested from outside ends the preview at once.
    std::atomic<bool> stop{true};
    const PreviewResult stopped = ImportPreview::run({path, {}, {}}, &stop);
    QVERIFY(stopped.events.size() <= 1);
    QVERIFY(!stopped.wholeFile);
}

void TestImportDialog::previewCountsBadRecordsWithPlaces_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("mapping");
    QTest::addColumn<int>("events");
    QTest::addColumn<qint64>("bad");
    QTest::addColumn<QStringList>("messagePrefixes");

    QTest::addRow("JSON Lines") << u"cli/bad.jsonl"_s << QString() << 2 << qint64(1)
                                << QStringList{u"bad.jsonl:2:12: "_s};
    QTest::addRow("CSV, suggested mapping")
        << u"csv/malformed.csv"_s << QString() << 2 << qint64(5)
        << QStringList{u"malformed.csv:3:1: row has 4 fields, header has 5"_s, u"malformed.csv:4:14: "_s,
                       u"malformed.csv:5:20: "_s,
                       u"malformed.csv:8:1: field 'occurredAt' (time) is not an RFC 3339 timestamp"_s,
                       u"malformed.csv:9:40: "_s};
}

void TestImportDialog::previewCountsBadRecordsWithPlaces()
{
    QFETCH(QString, file);
    QFETCH(QStringList, messagePrefixes);
    PreviewRequest request;
    request.path = fixture(file);
    QFETCH(QString, mapping);
    request.options.mapping = mapping;
    const PreviewResult result = ImportPreview::run(request);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QTEST(int(result.events.size()), "events");
    QTEST(result.badRecords, "bad");
    QVERIFY(result.wholeFile);
    QCOMPARE(result.messages.size(), messagePrefixes.size());
    for (int i = 0; i < messagePrefixes.size(); ++i)
        QVERIFY2(result.messages[i].startsWith(messagePrefixes[i]), qPrintable(result.messages[i]));
}

void TestImportDialog::previewOfDelimitedMessages()
{
    QTemporaryDir dir;
    PreviewRequest request;
    request.path = delimitedOrders(dir);
    request.format = u"delimited-message"_s;

    // Without a descriptor set nothing can be decoded; the preview says what to choose.
    PreviewResult result = ImportPreview::run(request);
    QCOMPARE(result.format, u"delimited-message"_s);
    QVERIFY2(result.error.contains(u"descriptor set"_s), qPrintable(result.error));
    QVERIFY(result.events.empty());

    // With one, the decoded fields are offered and suggested from; "kind" is not a type name
    // anyone could guess from, so the suggestion misses the type and says so.
    request.options.descriptorSetPath = fixture(u"protobuf/orders.desc"_s);
    request.options.messageType = u"acme.Order"_s;
    result = ImportPreview::run(request);
    QCOMPARE(result.mappingOrigin, MappingOrigin::Suggested);
    for (const QString& field : {u"order_id"_s, u"kind"_s, u"amount"_s, u"at"_s, u"tags"_s})
        QVERIFY2(result.fields.contains(field), qPrintable(result.fields.join(u", "_s)));

    request.options.mapping = u"stream=order_id,type=kind,time=at"_s;
    result = ImportPreview::run(request);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.mappingOrigin, MappingOrigin::Given);
    QCOMPARE(int(result.events.size()), 2);
    QCOMPARE(result.events.front().stream, u"order-42"_s);
    QCOMPARE(result.events.front().type, u"OrderPlaced"_s);
    QCOMPARE(result.events.front().timeUs, qint64(1'700'000'000'000'000));
    QVERIFY(!result.events.front().rawData.isEmpty());
    QVERIFY(result.wholeFile);
}

void TestImportDialog::previewKeepsFieldOrderAndNestedPaths()
{
    QTemporaryDir dir;
    const QString path = testing::writeFile(
        dir, u"shape.jsonl"_s,
        R"({"zeta":1,"aggregateId":"a-1","eventType":"T","occurredAt":"2025-03-01T12:00:00Z","payload":{"sku":"x","qty":2}})"
        "\n"
        R"({"zeta":2,"aggregateId":"a-1","eventType":"U","occurredAt":"2025-03-01T12:00:01Z","extra":true})"
        "\n");
    const PreviewResult result = ImportPreview::run({path, {}, {}});
    QCOMPARE(result.fields, (QStringList{u"zeta"_s, u"aggregateId"_s, u"eventType"_s, u"occurredAt"_s,
                                         u"payload"_s, u"extra"_s, u"payload.sku"_s, u"payload.qty"_s}));
    QCOMPARE(result.mappingSpec, u"stream=aggregateId,type=eventType,time=occurredAt,data=payload"_s);
    QCOMPARE(int(result.events.size()), 2);
    QCOMPARE(result.events.front().data, QByteArray(R"({"sku":"x","qty":2})"));
}

void TestImportDialog::previewHonoursEpochUnit()
{
    QTemporaryDir dir;
    const QString path = testing::writeFile(dir, u"epoch.jsonl"_s,
                                            R"({"aggregateId":"a-1","eventType":"T","at":1740830400})"
                                            "\n");
    PreviewRequest request{path, {}, {}};
    // By magnitude a number this size is seconds; the user may know better.
    QCOMPARE(formatTimestamp(ImportPreview::run(request).events.front().timeUs), u"2025-03-01T12:00:00Z"_s);
    request.options.epochUnit = EpochUnit::Milliseconds;
    QCOMPARE(formatTimestamp(ImportPreview::run(request).events.front().timeUs), u"1970-01-21T03:33:50.400000Z"_s);
    // A time_unit in the mapping itself wins.
    request.options.mapping = u"stream=aggregateId,type=eventType,time=at,time_unit=s"_s;
    QCOMPARE(formatTimestamp(ImportPreview::run(request).events.front().timeUs), u"2025-03-01T12:00:00Z"_s);
}

void TestImportDialog::dialogPreviewsAddedFiles()
{
    ImportDialog dialog;
    QAbstractItemModelTester filesTester(dialog.filesModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester previewTester(dialog.previewPane()->model(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    QVERIFY(!dialog.importButton()->isEnabled()); // nothing to import yet

    dialog.addFiles({fixture(u"cli/good.jsonl"_s), fixture(u"protobuf/batch.cepb"_s)});
    QCOMPARE(dialog.filesModel()->rowCount(), 2);
    QCOMPARE(dialog.currentFile(), 0);
    waitForPreview(dialog);
    const QAbstractItemModel* files = dialog.filesModel();
    QCOMPARE(files->index(0, ImportFilesModel::FileColumn).data().toString(), u"good.jsonl"_s);
    QCOMPARE(files->index(0, ImportFilesModel::FormatColumn).data().toString(), u"JSON Lines"_s);
    QCOMPARE(files->index(1, ImportFilesModel::FormatColumn).data().toString(), u"CloudEvents protobuf"_s);

    const PreviewTableModel* preview = dialog.previewPane()->model();
    QCOMPARE(preview->rowCount(), 3);
    QCOMPARE(preview->index(0, PreviewTableModel::TimeColumn).data().toString(), u"2025-03-01T12:00:00Z"_s);
    QCOMPARE(preview->index(0, PreviewTableModel::StreamColumn).data().toString(), u"order-1"_s);
    QCOMPARE(preview->index(0, PreviewTableModel::TypeColumn).data().toString(), u"OrderPlaced"_s);
    QCOMPARE(preview->index(0, PreviewTableModel::IdColumn).data().toString(), u"g-1"_s);
    QCOMPARE(preview->index(0, PreviewTableModel::PayloadColumn).data().toString(), u"{\"total\": 10}"_s);
    QVERIFY(dialog.mappingEditor()->isVisibleTo(&dialog));
    QCOMPARE(dialog.mappingEditor()->fieldCombo(Target::Stream)->currentText(), u"stream"_s);
    QVERIFY(!dialog.protobufOptions()->isVisibleTo(&dialog));
    QVERIFY(dialog.importButton()->isEnabled());

    // A click on the second file previews it; its format has no mapping but protobuf options.
    QTableView* view = dialog.filesView();
    const QRect second = view->visualRect(dialog.filesModel()->index(1, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, second.center());
    QCOMPARE(dialog.currentFile(), 1);
    waitForPreview(dialog);
    QCOMPARE(preview->rowCount(), 2);
    QCOMPARE(preview->index(1, PreviewTableModel::TypeColumn).data().toString(), u"OrderShipped"_s);
    QVERIFY(!dialog.mappingEditor()->isVisibleTo(&dialog));
    QVERIFY(dialog.protobufOptions()->isVisibleTo(&dialog));
    QVERIFY(dialog.streamFromCombo()->isVisibleTo(&dialog));
}

void TestImportDialog::mappingComboRefreshesPreview()
{
    QTemporaryDir dir;
    const QString path = testing::writeFile(
        dir, u"entities.jsonl"_s,
        R"({"aggregateId":"a-1","entity":"e-1","eventType":"T","occurredAt":"2025-03-01T12:00:00Z"})"
        "\n"
        R"({"aggregateId":"a-2","entity":"e-2","eventType":"T","occurredAt":"2025-03-01T12:00:01Z"})"
        "\n");
    ImportDialog dialog;
    QAbstractItemModelTester previewTester(dialog.previewPane()->model(),
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    dialog.addFiles({path});
    waitForPreview(dialog);
    const PreviewTableModel* preview = dialog.previewPane()->model();
    QCOMPARE(preview->index(0, PreviewTableModel::StreamColumn).data().toString(), u"a-1"_s);
    QCOMPARE(dialog.shownPreview().mappingOrigin, MappingOrigin::Suggested);

    QSignalSpy shown(&dialog, &ImportDialog::previewShown);
    chooseWithKeyboard(dialog.mappingEditor()->fieldCombo(Target::Stream), u"entity"_s);
    QVERIFY(shown.wait(10000));
    waitForPreview(dialog);
    QCOMPARE(preview->index(0, PreviewTableModel::StreamColumn).data().toString(), u"e-1"_s);
    QCOMPARE(preview->index(1, PreviewTableModel::StreamColumn).data().toString(), u"e-2"_s);
    QCOMPARE(dialog.mappingEditor()->specText(), u"stream=entity,type=eventType,time=occurredAt"_s);
    QCOMPARE(dialog.request().options.mapping, u"stream=entity,type=eventType,time=occurredAt"_s);

    // data: the whole record, then back to the remaining fields.
    chooseWithKeyboard(dialog.mappingEditor()->fieldCombo(Target::Data), u"The whole record"_s);
    QVERIFY(shown.wait(10000));
    waitForPreview(dialog);
    QVERIFY(dialog.previewPane()->model()->eventAt(0)->data.contains("\"aggregateId\":\"a-1\""));
    QCOMPARE(dialog.request().options.mapping, u"stream=entity,type=eventType,time=occurredAt,data=*"_s);
}

void TestImportDialog::mappingTextRefreshesPreview()
{
    ImportDialog dialog;
    dialog.show();
    dialog.addFiles({fixture(u"csv/nomapping.csv"_s)});
    waitForPreview(dialog);
    // No field looks like a stream, a type or a time: the preview asks for them.
    QVERIFY(!dialog.shownPreview().error.isEmpty());
    QVERIFY2(dialog.previewPane()->statusText().contains(u"stream, type, time"_s),
             qPrintable(dialog.previewPane()->statusText()));
    QVERIFY(!dialog.importButton()->isEnabled());
    QCOMPARE(dialog.mappingEditor()->fieldCombo(Target::Stream)->currentText(), u"Choose a field\u2026"_s);

    QLineEdit* spec = dialog.mappingEditor()->specEdit();
    spec->setFocus();
    spec->selectAll();
    QTest::keyClicks(spec, u"stream=warehouse,type=sku,time=quantity"_s);
    QSignalSpy shown(&dialog, &ImportDialog::previewShown);
    QTest::keyClick(spec, Qt::Key_Return);
    QVERIFY(shown.wait(10000));
    waitForPreview(dialog);
    QVERIFY2(dialog.shownPreview().error.isEmpty(), qPrintable(dialog.shownPreview().error));
    QCOMPARE(dialog.previewPane()->model()->rowCount(), 2);
    QCOMPARE(dialog.previewPane()->model()->index(1, PreviewTableModel::StreamColumn).data().toString(),
             u"south"_s);
    QCOMPARE(dialog.mappingEditor()->fieldCombo(Target::Type)->currentText(), u"sku"_s);
    QVERIFY(dialog.importButton()->isEnabled());

    // A mapping that does not parse is not applied and says why.
    spec->selectAll();
    QTest::keyClicks(spec, u"stream"_s);
    QTest::keyClick(spec, Qt::Key_Return);
    QVERIFY(!dialog.isPreviewPending());
    QCOMPARE(dialog.request().options.mapping, u"stream=warehouse,type=sku,time=quantity"_s);

    // "Detect" forgets the user's mapping.
    QTest::mouseClick(dialog.mappingEditor()->detectButton(), Qt::LeftButton);
    waitForPreview(dialog);
    QCOMPARE(dialog.request().options.mapping, QString());
}

void TestImportDialog::suggestedMappingIsCarriedIntoTheRequest()
{
    ImportDialog dialog;
    dialog.addFiles({fixture(u"cli/unknownshape.jsonl"_s)});
    waitForPreview(dialog);
    QCOMPARE(dialog.shownPreview().mappingOrigin, MappingOrigin::Suggested);
    // The import reads the file the way the preview showed it, not by a detection that would fail.
    QCOMPARE(dialog.request().options.mapping, u"stream=aggregateId,type=eventType,time=at"_s);
    QCOMPARE(dialog.previewPane()->model()->rowCount(), 1);
}

void TestImportDialog::badRecordsShownWithPlaces()
{
    ImportDialog dialog;
    dialog.show();
    dialog.addFiles({fixture(u"cli/bad.jsonl"_s)});
    waitForPreview(dialog);
    QCOMPARE(dialog.previewPane()->model()->rowCount(), 2);
    QVERIFY2(dialog.previewPane()->statusText().contains(u"1 bad record in the file: skipped on import"_s),
             qPrintable(dialog.previewPane()->statusText()));
    QVERIFY2(dialog.previewPane()->problemsText().startsWith(u"bad.jsonl:2:12: "_s),
             qPrintable(dialog.previewPane()->problemsText()));
    QVERIFY(dialog.importButton()->isEnabled()); // bad records are skipped unless strict

    QTest::mouseClick(dialog.strictCheckBox(), Qt::LeftButton);
    QVERIFY2(dialog.previewPane()->statusText().contains(u"a strict import stops at the first"_s),
             qPrintable(dialog.previewPane()->statusText()));
}

void TestImportDialog::formatOverrideAndProtobufOptions()
{
    QTemporaryDir dir;
    const QString path = delimitedOrders(dir);
    ImportDialog dialog;
    QAbstractItemModelTester filesTester(dialog.filesModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    dialog.addFiles({path});
    waitForPreview(dialog);
    // Messages of a user type carry nothing to recognise them by: the user says what they are.
    QVERIFY(dialog.filesModel()->file(0).detectedFormat != u"delimited-message"_s);

    chooseWithKeyboard(dialog.formatCombo(), u"Delimited protobuf messages"_s);
    waitForPreview(dialog);
    QCOMPARE(dialog.request().formatByFile.value(QFileInfo(path).absoluteFilePath()), u"delimited-message"_s);
    QCOMPARE(dialog.filesModel()->index(0, ImportFilesModel::FormatColumn).data().toString(),
             u"Delimited protobuf messages"_s);
    QVERIFY(dialog.protobufOptions()->isVisibleTo(&dialog));
    QVERIFY(dialog.protobufOptions()->messageTypeCombo()->isVisibleTo(&dialog));
    QVERIFY(!dialog.protobufOptions()->typeMapTable()->isVisibleTo(&dialog));
    QVERIFY(dialog.shownPreview().error.contains(u"descriptor set"_s));

    // The descriptor set's path typed in, then the message type chosen from those it defines.
    QLineEdit* set = dialog.protobufOptions()->descriptorSetEdit();
    set->setFocus();
    QTest::keyClicks(set, fixture(u"protobuf/orders.desc"_s));
    QTest::keyClick(set, Qt::Key_Return);
    QVERIFY(dialog.protobufOptions()->messageTypes().contains(u"acme.Order"_s));
    QVERIFY(dialog.protobufOptions()->messageTypes().contains(u"acme.Note"_s));
    QComboBox* messageType = dialog.protobufOptions()->messageTypeCombo();
    messageType->setFocus();
    messageType->lineEdit()->selectAll();
    QTest::keyClicks(messageType, u"acme.Order"_s);
    waitForPreview(dialog);
    QCOMPARE(dialog.shownPreview().mappingOrigin, MappingOrigin::Suggested);

    QLineEdit* spec = dialog.mappingEditor()->specEdit();
    spec->setFocus();
    spec->selectAll();
    QTest::keyClicks(spec, u"stream=order_id,type=kind,time=at"_s);
    QTest::keyClick(spec, Qt::Key_Return);
    waitForPreview(dialog);
    QVERIFY2(dialog.shownPreview().error.isEmpty(), qPrintable(dialog.shownPreview().error));
    QCOMPARE(dialog.previewPane()->model()->rowCount(), 2);
    QCOMPARE(dialog.previewPane()->model()->index(0, PreviewTableModel::StreamColumn).data().toString(),
             u"order-42"_s);

    const importers::ImportRequest request = dialog.request();
    QCOMPARE(request.options.descriptorSetPath, fixture(u"protobuf/orders.desc"_s));
    QCOMPARE(request.options.messageType, u"acme.Order"_s);
    QVERIFY(dialog.importButton()->isEnabled());

    // The import reads the file as chosen, decoded as previewed.
    ImportController controller;
    QSignalSpy finished(&controller, &ImportController::finished);
    QVERIFY(controller.start(dir.filePath(u"orders.eventscope"_s), request));
    QVERIFY(finished.wait(60000));
    const auto report = finished.first().first().value<ImportReport>();
    QCOMPARE(report.status, ImportReport::Status::Completed);
    QCOMPARE(report.accepted, qint64(2));
    QCOMPARE(report.files.front().format, u"delimited-message"_s);

    // Back to the detected format: the choice is forgotten.
    chooseWithKeyboard(dialog.formatCombo(), dialog.formatCombo()->itemText(0));
    QVERIFY(dialog.request().formatByFile.isEmpty());
}

void TestImportDialog::optionsCarriedIntoTheRequest()
{
    ImportDialog dialog;
    dialog.show();
    dialog.addFiles({fixture(u"cli/merge-x.jsonl"_s), fixture(u"cli/merge-y.jsonl"_s)});
    waitForPreview(dialog);
    importers::ImportRequest request = dialog.request();
    QCOMPARE(request.files, (QStringList{fixture(u"cli/merge-x.jsonl"_s), fixture(u"cli/merge-y.jsonl"_s)}));
    QVERIFY(!request.strict);
    QCOMPARE(request.order, MergeOrder::Time);
    QCOMPARE(request.options.epochUnit, EpochUnit::Auto);
    QCOMPARE(request.options.cloudEventsStreamFrom, u"subject"_s);

    QTest::mouseClick(dialog.strictCheckBox(), Qt::LeftButton);
    chooseWithKeyboard(dialog.orderCombo(), u"File after file"_s);
    chooseWithKeyboard(dialog.streamFromCombo(), u"Source"_s);
    chooseWithKeyboard(dialog.mappingEditor()->epochUnitCombo(), u"Milliseconds"_s);
    request = dialog.request();
    QVERIFY(request.strict);
    QCOMPARE(request.order, MergeOrder::Source);
    QCOMPARE(request.options.cloudEventsStreamFrom, u"source"_s);
    QCOMPARE(request.options.epochUnit, EpochUnit::Milliseconds);

    QTest::mouseClick(dialog.strictCheckBox(), Qt::LeftButton);
    QVERIFY(!dialog.request().strict);

    // Accepting is the Import button.
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
    QCOMPARE(accepted.count(), 1);
}

void TestImportDialog::removingFiles()
{
    ImportDialog dialog;
    QAbstractItemModelTester filesTester(dialog.filesModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    dialog.addFiles({fixture(u"cli/good.jsonl"_s), fixture(u"cli/bad.jsonl"_s)});
    dialog.addFiles({fixture(u"cli/good.jsonl"_s)}); // already there
    QCOMPARE(dialog.filesModel()->rowCount(), 2);
    waitForPreview(dialog);

    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QCOMPARE(dialog.filesModel()->rowCount(), 1);
    QCOMPARE(dialog.currentFile(), 0);
    waitForPreview(dialog);
    QCOMPARE(dialog.shownPreview().request.path, fixture(u"cli/bad.jsonl"_s));

    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QCOMPARE(dialog.filesModel()->rowCount(), 0);
    QCOMPARE(dialog.previewPane()->model()->rowCount(), 0);
    QVERIFY(!dialog.importButton()->isEnabled());
    QVERIFY(!dialog.removeButton()->isEnabled());
}

void TestImportDialog::importRunsInTheBackground()
{
    QTemporaryDir dir;
    const QString workspacePath = seededWorkspace(dir);
    const QString big = testing::writeFile(dir, u"big.jsonl"_s, envelopeLines(10000));

    // The GUI's own connection keeps reading while the import writes.
    Workspace guiWorkspace(workspacePath, Workspace::OpenMode::ExistingOnly);
    WorkspaceStore guiStore(guiWorkspace);

    ImportController controller;
    ImportProgressWidget progressWidget;
    progressWidget.setController(&controller);
    QSignalSpy progress(&controller, &ImportController::progress);
    QSignalSpy finished(&controller, &ImportController::finished);

    // The probe: a zero timer runs on every turn of the event loop while the import is on.
    int turnsWhileRunning = 0;
    QSet<qint64> countsSeenWhileRunning;
    QTimer probe;
    probe.setInterval(0);
    connect(&probe, &QTimer::timeout, this, [&] {
        if (!controller.isRunning())
            return;
        ++turnsWhileRunning;
        countsSeenWhileRunning.insert(guiStore.count());
    });
    probe.start();

    importers::ImportRequest request;
    request.files = {big};
    QVERIFY(controller.start(workspacePath, request));
    QVERIFY(controller.isRunning());
    QVERIFY(!controller.start(workspacePath, request)); // one at a time
    QVERIFY(!progressWidget.isHidden());
    QVERIFY(progressWidget.cancelButton()->isEnabled());
    QVERIFY(finished.wait(60000));
    probe.stop();

    const auto report = finished.first().first().value<ImportReport>();
    QCOMPARE(report.status, ImportReport::Status::Completed);
    QCOMPARE(report.accepted, qint64(10000));
    QVERIFY(!controller.isRunning());
    QVERIFY(turnsWhileRunning > 0);
    // The GUI's reads went on throughout and never saw half an import: before the commit the
    // workspace as it was, after it everything.
    QVERIFY(!countsSeenWhileRunning.isEmpty());
    QVERIFY((countsSeenWhileRunning - QSet<qint64>{3, 10003}).isEmpty());
    QVERIFY(progress.count() >= 1);
    const QList<QVariant> last = progress.last();
    QCOMPARE(last.at(1).toLongLong(), QFileInfo(big).size());
    QVERIFY(last.at(0).toLongLong() <= last.at(1).toLongLong());
    QVERIFY(last.at(2).toLongLong() > 0);

    QCOMPARE(eventCount(workspacePath), qint64(10003));
    QCOMPARE(progressWidget.statusText(), u"Imported 10,000 events"_s);
    QVERIFY(progressWidget.detailsButton()->isVisibleTo(&progressWidget));
}

void TestImportDialog::cancelLeavesWorkspaceUnchanged()
{
    QTemporaryDir dir;
    const QString workspacePath = seededWorkspace(dir);
    const QStringList importsBefore = importsTable(workspacePath);
    const QString big = testing::writeFile(dir, u"big.jsonl"_s, envelopeLines(20000));

    ImportController controller;
    ImportProgressWidget progressWidget;
    progressWidget.setController(&controller);
    progressWidget.show();
    QSignalSpy progress(&controller, &ImportController::progress);
    QSignalSpy finished(&controller, &ImportController::finished);
    importers::ImportRequest request;
    request.files = {big};
    QVERIFY(controller.start(workspacePath, request));

    // At the first progress report the user clicks Cancel.
    QVERIFY(progress.wait(60000));
    QVERIFY(progressWidget.rateText().contains(u"events/s"_s));
    QTest::mouseClick(progressWidget.cancelButton(), Qt::LeftButton);
    QVERIFY(!progressWidget.cancelButton()->isEnabled());
    QVERIFY(finished.wait(60000));

    const auto report = finished.first().first().value<ImportReport>();
    QCOMPARE(report.status, ImportReport::Status::Cancelled);
    QCOMPARE(eventCount(workspacePath), qint64(3));
    QCOMPARE(importsTable(workspacePath), importsBefore);
    QCOMPARE(progressWidget.statusText(), u"Import cancelled: the workspace is unchanged"_s);
}

void TestImportDialog::failedImportLeavesWorkspaceUnchanged()
{
    QTemporaryDir dir;
    const QString workspacePath = seededWorkspace(dir);
    const QStringList importsBefore = importsTable(workspacePath);

    ImportController controller;
    ImportProgressWidget progressWidget;
    progressWidget.setController(&controller);
    QSignalSpy finished(&controller, &ImportController::finished);
    importers::ImportRequest request;
    request.files = {fixture(u"cli/overlap.jsonl"_s), fixture(u"cli/bad.jsonl"_s)};
    request.strict = true;
    QVERIFY(controller.start(workspacePath, request));
    QVERIFY(finished.wait(60000));

    const auto report = finished.first().first().value<ImportReport>();
    QCOMPARE(report.status, ImportReport::Status::Failed);
    QVERIFY2(report.error.contains(u"bad.jsonl:2:12"_s), qPrintable(report.error));
    QCOMPARE(eventCount(workspacePath), qint64(3));
    QCOMPARE(importsTable(workspacePath), importsBefore);
    QVERIFY(progressWidget.statusText().startsWith(u"Import failed: --strict: "_s));

    // The details popup lists the problem with its place.
    QTest::mouseClick(progressWidget.detailsButton(), Qt::LeftButton);
    ImportDetailsDialog* details = nullptr;
    for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (auto* candidate = qobject_cast<ImportDetailsDialog*>(widget))
            details = candidate;
    }
    QVERIFY(details);
    QVERIFY2(details->text().contains(u"bad.jsonl:2:12: invalid JSON"_s), qPrintable(details->text()));
    details->close();
}

void TestImportDialog::alreadyImportedIsReported()
{
    QTemporaryDir dir;
    const QString workspacePath = seededWorkspace(dir);
    ImportController controller;
    QSignalSpy finished(&controller, &ImportController::finished);
    importers::ImportRequest request;
    request.files = {fixture(u"cli/good.jsonl"_s), fixture(u"cli/overlap.jsonl"_s)};
    QVERIFY(controller.start(workspacePath, request));
    QVERIFY(finished.wait(60000));
    const auto report = finished.first().first().value<ImportReport>();
    QCOMPARE(report.status, ImportReport::Status::Completed);
    QCOMPARE(importSummaryText(report),
             u"Imported 1 event \u00b7 2 duplicates \u00b7 1 of 2 files already imported"_s);
    const QString details = importDetailsText(report);
    QVERIFY2(details.contains(u"already imported on "_s), qPrintable(details));
    QCOMPARE(eventCount(workspacePath), qint64(4));
}

void TestImportDialog::newWorkspaceRemovedWhenImportFails()
{
    QTemporaryDir dir;
    const QString workspacePath = dir.filePath(u"new.eventscope"_s);
    ImportController controller;
    QSignalSpy finished(&controller, &ImportController::finished);
    importers::ImportRequest request;
    request.files = {fixture(u"cli/bad.jsonl"_s)};
    request.strict = true;
    QVERIFY(controller.start(workspacePath, request));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().value<ImportReport>().status, ImportReport::Status::Failed);
    QVERIFY(!QFileInfo::exists(workspacePath));
}

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
