// The Compensation dock as a user drives it: draft corrections for the event that broke an
// invariant through a set of rules, fix a draft by hand (a mistake is shown at its line), preview
// the corrected log against the actual one, export the drafts and append them to the workspace;
// and the same from the main window, with the playhead and the timeline's markers.
#include "charts/chartspanel.h"
#include "charts/serieschartview.h"
#include "charts/serieslist.h"
#include "compensation/appenddialog.h"
#include "compensation/compensationpanel.h"
#include "compensation/drafteditor.h"
#include "compensation/drafts.h"
#include "compensation/draftsmodel.h"
#include "compensation/whatifview.h"
#include "importsession.h"
#include "inspector/statediffmodel.h"
#include "inspector/stateinspector.h"
#include "mainwindow.h"
#include "replay/scriptcatalog.h"
#include "scripts/codeeditor.h"
#include "scripts/scriptspanel.h"
#include "scripts/scripttemplates.h"
#include "testsupport.h"
#include "timeline/playhead.h"
#include "timeline/timelinepanel.h"
#include "timeline/timelinewidget.h"
#include "workspace.h"
#include "workspacestore.h"
#include "json/jsonvalue.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace eventscope;
using namespace eventscope::gui;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 baseTimeUs = 1'740'830'400'000'000; // 2025-03-01T12:00:00Z

// sku-1 receives 5, two reservations of 3 (the second oversells it); sku-2 receives 2.
QString createWorkspace(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(u"stock.eventscope"_s);
    Workspace workspace(path);
    ImportSession session(workspace, MergeOrder::Source);
    ImportRecord record;
    record.path = u"/tmp/stock.jsonl"_s;
    record.label = u"stock.jsonl"_s;
    record.format = u"jsonl"_s;
    session.beginSource(record);
    const auto add = [&](const QString& stream, const QString& type, const char* data) {
        Event e = testing::makeEvent(stream, type, baseTimeUs + 60'000'000 * (session.added() + 1));
        e.data = data;
        session.add(e);
    };
    add(u"sku-1"_s, u"StockReceived"_s, R"({"qty":5})");
    add(u"sku-1"_s, u"StockReserved"_s, R"({"qty":3})");
    add(u"sku-2"_s, u"StockReceived"_s, R"({"qty":2})");
    add(u"sku-1"_s, u"StockReserved"_s, R"({"qty":3})");
    session.endSource(0, {});
    session.commit();
    return path;
}

const QByteArray invariants = R"js(
fromAll().foreachStream().when({
    $init: function () { return { stock: 0 }; },
    StockReceived: function (s, e) { s.stock += e.data.qty; },
    StockReserved: function (s, e) { s.stock -= e.data.qty; },
    StockReleased: function (s, e) { s.stock += e.data.qty; }
});
invariant('stock never negative', function (s) { return s.stock >= 0; });
)js";

const QByteArray rules = R"js(
compensate('StockReserved', function (e) {
    return [{ type: 'StockReleased', data: { qty: e.data.qty, reason: 'oversold' } }];
});
)js";

} // namespace

class TestCompensationPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;

private slots:
    void initTestCase() { testing::isolateSettings(m_settingsDir, u"tst_compensationpanel"_s); }

    void draftEditPreviewExportAppend()
    {
        QTemporaryDir dir;
        const QString path = createWorkspace(dir);
        const QString invariantsPath = testing::writeFile(dir, u"invariants.js"_s, invariants);
        const QString rulesPath = testing::writeFile(dir, u"rules.js"_s, rules);
        Workspace workspace(path, Workspace::OpenMode::ExistingOnly);

        CompensationPanel panel;
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!panel.draftAction(CompensationPanel::Source::Playhead)->isEnabled()); // no workspace
        panel.setWorkspace(&workspace, path);
        panel.setRuleScripts({describeScript(invariantsPath), describeScript(rulesPath)});
        QCOMPARE(panel.rulesBox()->count(), 2); // the reversal, and the one script with rules
        QCOMPARE(panel.currentRules(), rulesPath);
        QVERIFY(!panel.draftAction(CompensationPanel::Source::Violations)->isEnabled()); // no invariants yet
        replay::ReplaySpec spec;
        spec.checksScript = invariantsPath;
        panel.setReplaySpec(spec);
        QVERIFY(panel.draftAction(CompensationPanel::Source::Violations)->isEnabled());

        panel.reasonEdit()->setText(u"the race"_s);
        panel.draftViolations();
        QTRY_COMPARE(panel.model()->rowCount(), 1);
        QTRY_VERIFY(!panel.isBusy());
        const compensation::Draft drafted = *panel.model()->draftAt(0);
        QCOMPARE(drafted.type, u"StockReleased"_s);
        QCOMPARE(drafted.stream, u"sku-1"_s);
        QCOMPARE(drafted.originPosition, qint64(4));
        QCOMPARE(drafted.reason, u"the race"_s);
        QCOMPARE(panel.model()->index(0, DraftsModel::CompensatesColumn).data().toString(),
                 u"#4 StockReserved"_s);
        QVERIFY2(panel.statusLabel()->text().contains(u"1 draft"_s), qPrintable(panel.statusLabel()->text()));

        // The draft is edited as JSON: a mistake is shown at its line and cannot be saved.
        DraftEditor* editor = panel.editor();
        QVERIFY(editor->editor()->toPlainText().contains(u"\"StockReleased\""_s));
        editor->editor()->setPlainText(u"{\n  \"stream\": \"sku-1\",\n  \"type\": \n}"_s);
        QVERIFY(!editor->problems().isEmpty());
        QCOMPARE(editor->editor()->problemLine(), 4);
        QVERIFY(!editor->saveButton()->isEnabled());
        editor->editor()->setPlainText(
            uR"({"stream": "sku-1", "type": "StockReleased", "data": {"qty": 2, "reason": "oversold"}, "reason": "two were found"})"_s);
        QVERIFY2(editor->problems().isEmpty(), qPrintable(editor->problems().join(u'\n')));
        QVERIFY(editor->saveButton()->isEnabled());
        QVERIFY(editor->save());
        QCOMPARE(panel.model()->draftAt(0)->data, QByteArray(R"({"qty":2,"reason":"oversold"})"));
        QCOMPARE(compensation::Drafts(workspace).audit(drafted.id).back().action, u"edited"_s);

        // What-if: the invariant broken in the actual log holds with the draft.
        panel.preview();
        QTRY_VERIFY(panel.whatIfView()->summary().contains(u"differences"_s));
        QCOMPARE(panel.tabs()->currentWidget(), panel.whatIfView());
        QTreeWidget* outcomes = panel.whatIfView()->invariantsView();
        QCOMPARE(outcomes->topLevelItemCount(), 1);
        QCOMPARE(outcomes->topLevelItem(0)->text(1), u"violated for sku-1"_s);
        QCOMPARE(outcomes->topLevelItem(0)->text(2), u"holds"_s);
        QVERIFY(panel.whatIfView()->summary().contains(u"1 fixed, 0 broken"_s));
        // Shown in the State dock as A and B: the two ends.
        QSignalSpy inspect(&panel, &CompensationPanel::inspectRequested);
        panel.whatIfView()->inspectButton()->click();
        QCOMPARE(inspect.size(), 1);
        QCOMPARE(inspect.at(0).at(1).toLongLong(), qint64(4));
        QCOMPARE(inspect.at(0).at(3).toLongLong(), qint64(5));

        // Export, then append to the workspace itself: the log grows by the draft.
        const QString out = dir.filePath(u"drafts.jsonl"_s);
        QVERIFY(panel.exportTo(out, u"jsonl"_s));
        QFile exported(out);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = exported.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        const auto line = json::parse(lines.first());
        QVERIFY(line);
        QCOMPARE((*line)["id"].toQString(), drafted.eventId);
        QCOMPARE((*line)["type"].toQString(), u"StockReleased"_s);
        QCOMPARE((*line)["streamVersion"].toDouble(), 4.0); // after sku-1's version 3
        QCOMPARE((*line)["data"]["qty"].toDouble(), 2.0);
        QCOMPARE((*line)["metadata"]["reason"].toQString(), u"two were found"_s);
        QCOMPARE(panel.model()->draftAt(0)->status, compensation::DraftStatus::Exported);
        AppendDialog dialog(path, panel.model()->drafts());
        QVERIFY(dialog.canAppend());
        QVERIFY(dialog.planText().contains(u"sku-1  version 4 (expects 3)  StockReleased"_s));
        dialog.setTarget(u"postgresql://nobody@127.0.0.1/db?layout=nonsense"_s);
        QVERIFY(!dialog.canAppend());
        QSignalSpy appended(&panel, &CompensationPanel::logAppended);
        QVERIFY(panel.appendTo(path));
        QCOMPARE(appended.size(), 1);
        QCOMPARE(panel.model()->draftAt(0)->status, compensation::DraftStatus::Appended);
        QVERIFY(!panel.appendAction()->isEnabled()); // nothing left to append
        WorkspaceStore store(workspace);
        QCOMPARE(store.count(), qint64(5));
        QCOMPARE(store.eventAt(5)->type, u"StockReleased"_s);
    }

    void mistakesAreSaidNotThrown()
    {
        QTemporaryDir dir;
        const QString path = createWorkspace(dir);
        Workspace workspace(path, Workspace::OpenMode::ExistingOnly);
        CompensationPanel panel;
        panel.setWorkspace(&workspace, path);
        panel.draftEvents({}, u"the selected range"_s);
        QVERIFY(panel.statusLabel()->text().contains(u"no event to compensate in the selected range"_s));
        panel.draftViolations();
        QVERIFY(panel.statusLabel()->text().contains(u"Invariants dock"_s));
        // A rules script that throws: the message names the rule, and nothing is drafted.
        const QString broken = testing::writeFile(
            dir, u"broken.js"_s, "compensate('StockReserved', function (e) { return e.data.nope.x; });\n");
        panel.setRuleScripts({describeScript(broken)});
        panel.draftEvents({2}, u"#2"_s);
        QTRY_VERIFY(panel.statusLabel()->text().contains(u"compensate('StockReserved')"_s));
        QCOMPARE(panel.model()->rowCount(), 0);
    }

    void fromTheWindow()
    {
        QTemporaryDir dir;
        const QString path = createWorkspace(dir);
        MainWindow window;
        QVERIFY(window.openWorkspace(path));
        CompensationPanel* panel = window.compensationPanel();
        panel->rulesBox()->setCurrentIndex(0); // the generic reversal
        window.playhead()->setPosition(2);
        panel->draftAction(CompensationPanel::Source::Playhead)->trigger();
        QTRY_COMPARE(panel->model()->rowCount(), 1);
        QCOMPARE(panel->model()->draftAt(0)->type, u"StockReservedReversed"_s);
        QCOMPARE(panel->model()->draftAt(0)->data, QByteArray(R"({"qty":-3})"));
        // The compensated event is marked on the timeline; activating the draft goes back to it.
        const auto& markers = window.timelinePanel()->timeline()->markers();
        QVERIFY(std::any_of(markers.begin(), markers.end(), [](const auto& m) {
            return m.kind == TimelineMarker::Kind::Draft && m.position == 2;
        }));
        window.playhead()->setPosition(4);
        emit panel->view()->activated(panel->model()->index(0, 0));
        QCOMPARE(window.playhead()->position(), qint64(2));
        // The what-if is drawn on the charts after the log, dashed, and its ends go to the State dock.
        ChartsPanel* charts = window.chartsPanel();
        QVERIFY(charts->addExpression(u"s['sku-1'].qty"_s));
        QTRY_VERIFY(charts->result().has_value() && !charts->isComputing());
        const int linesBefore = charts->chartView()->lineSeriesCount();
        panel->preview();
        QTRY_VERIFY(charts->hasWhatIf());
        QCOMPARE(charts->chartView()->lineSeriesCount(), linesBefore + 1);
        QVERIFY2(charts->seriesList()->summaryText(0).contains(u"\u2192 -3 with the drafts"_s),
                 qPrintable(charts->seriesList()->summaryText(0)));
        panel->whatIfView()->inspectButton()->click();
        QCOMPARE(window.stateInspector()->tabs()->currentIndex(), 1); // A/B diff
        QCOMPARE(window.stateInspector()->diffModel()->positionB(), qint64(5));

        // A draft by hand starts from the event's data, for the user to edit.
        panel->draftAction(CompensationPanel::Source::ByHand)->trigger();
        QCOMPARE(panel->model()->rowCount(), 2);
        const compensation::Draft manual = *panel->model()->draftAt(1);
        QCOMPARE(manual.type, u"StockReservedCorrected"_s);
        QCOMPARE(manual.data, QByteArray(R"({"qty":3})"));
        QCOMPARE(manual.origin, u"manual"_s);
        QCOMPARE(panel->tabs()->currentWidget(), panel->editor());
        QVERIFY(panel->editor()->editor()->toPlainText().contains(u"StockReservedCorrected"_s));
        panel->view()->selectRow(1);
        panel->deleteAction()->trigger();
        QCOMPARE(panel->model()->rowCount(), 1);
        // Rules written in the Scripts dock: applying them makes them the dock's rules.
        ScriptsPanel* scripts = window.scriptsPanel();
        QCOMPARE(scripts->createScript(ScriptKind::CompensationRules), u"compensations.js"_s);
        QVERIFY(scripts->editor()->toPlainText().contains(u"compensate('InvoiceIssued'"_s));
        QVERIFY(scripts->apply());
        QVERIFY2(panel->currentRules().startsWith(u"workspace:compensations.js@"_s),
                 qPrintable(panel->currentRules()));
        // Appended to the open workspace, the log shown grows.
        QVERIFY(panel->appendTo(path));
        QTRY_COMPARE(window.playhead()->count(), qint64(5));
    }
};

QTEST_MAIN(TestCompensationPanel)
#include "tst_compensationpanel.moc"
