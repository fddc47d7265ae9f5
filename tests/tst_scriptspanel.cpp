// The Scripts dock as a user drives it: write a script, see it saved in the workspace, apply it and
// watch the replay use it; a mistake is shown at its line.
#include "checks/checkspanel.h"
#include "importsession.h"
#include "inspector/stateinspector.h"
#include "investigation/scripts.h"
#include "mainwindow.h"
#include "replay/projectionchooser.h"
#include "replay/replaycontroller.h"
#include "script/scriptsource.h"
#include "scripts/codeeditor.h"
#include "scripts/scriptsmodel.h"
#include "scripts/scriptspanel.h"
#include "testsupport.h"
#include "timeline/playhead.h"
#include "workspace.h"
#include "workspacesession.h"
#include "json/jsonvalue.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace eventscope;
using eventscope::gui::MainWindow;
using eventscope::gui::ScriptKind;
using eventscope::gui::ScriptsModel;
using eventscope::gui::ScriptsPanel;

namespace {

constexpr qint64 baseTimeUs = 1'740'830'400'000'000; // 2025-03-01T12:00:00Z

// Ten deposits of 1..10 into account-1.
QString createWorkspace(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("bank.eventscope"));
    Workspace workspace(path);
    ImportSession session(workspace, MergeOrder::Time);
    session.beginSource({0,
                         QStringLiteral("/tmp/bank.jsonl"),
                         QStringLiteral("bank.jsonl"),
                         QStringLiteral("jsonl"),
                         0,
                         QStringLiteral("bank"),
                         0,
                         0,
                         0,
                         0,
                         {}});
    for (int i = 1; i <= 10; ++i) {
        Event e = testing::makeEvent(QStringLiteral("account-1"), QStringLiteral("Deposited"),
                                     baseTimeUs + qint64(i) * 60'000'000);
        e.data = QStringLiteral(R"({"amount": %1})").arg(i).toUtf8();
        session.add(e);
    }
    session.endSource(0, {});
    session.commit();
    return path;
}

const QString totalProjection =
    QStringLiteral("fromAll()\n"
                   "    .when({\n"
                   "        $init: function () { return { total: 0 }; },\n"
                   "        Deposited: function (s, e) { s.total += e.data.amount; }\n"
                   "    });\n");

} // namespace

class TestScriptsPanel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;

private slots:
    void initTestCase()
    {
        eventscope::testing::isolateSettings(m_settingsDir, QStringLiteral("tst_scriptspanel"));
    }

    void createsSavesAndKeepsScripts()
    {
        QTemporaryDir dir;
        const QString path = createWorkspace(dir);
        ScriptsPanel panel;
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!panel.isEnabled()); // no workspace
        {
            Workspace workspace(path, Workspace::OpenMode::ExistingOnly);
            panel.setWorkspace(&workspace);
            QVERIFY(panel.isEnabled());
            QCOMPARE(panel.model()->rowCount(), 0);
            QCOMPARE(panel.createScript(ScriptKind::Projection), QStringLiteral("projection.js"));
            QCOMPARE(panel.createScript(ScriptKind::Projection), QStringLiteral("projection-2.js"));
            QCOMPARE(panel.createScript(ScriptKind::Invariants), QStringLiteral("invariants.js"));
            QCOMPARE(panel.model()->rowCount(), 3);
            QCOMPARE(panel.currentName(), QStringLiteral("invariants.js"));
            QCOMPARE(panel.model()->index(0).data(ScriptsModel::SummaryRole).toString(),
                     QStringLiteral("projection, 2 checks"));
            QCOMPARE(panel.model()->index(1).data(ScriptsModel::SummaryRole).toString(),
                     QStringLiteral("projection"));

            // Typing is saved a moment after it stops, without anything else to do.
            QVERIFY(panel.openScript(QStringLiteral("projection.js")));
            panel.editor()->setPlainText(totalProjection);
            QTRY_COMPARE(WorkspaceScripts(workspace).find(QStringLiteral("projection.js"))->source,
                         totalProjection);

            // An edit not yet saved goes to the workspace when another script is opened ...
            panel.editor()->appendPlainText(QStringLiteral("// one"));
            panel.openScript(QStringLiteral("projection-2.js"));
            QVERIFY(WorkspaceScripts(workspace)
                        .find(QStringLiteral("projection.js"))
                        ->source.endsWith(u"// one"));
            // ... and when the workspace is left.
            panel.editor()->setPlainText(QStringLiteral("// two"));
            panel.setWorkspace(nullptr);
            QCOMPARE(WorkspaceScripts(workspace).find(QStringLiteral("projection-2.js"))->source,
                     QStringLiteral("// two"));
            QVERIFY(!panel.isEnabled());
        }
        Workspace reopened(path, Workspace::OpenMode::ExistingOnly);
        panel.setWorkspace(&reopened);
        QCOMPARE(panel.model()->rowCount(), 3);
        QCOMPARE(panel.currentName(), QStringLiteral("invariants.js")); // the first by name
        panel.setWorkspace(nullptr);
    }

    void appliesOrShowsTheProblemAtItsLine()
    {
        QTemporaryDir dir;
        Workspace workspace(createWorkspace(dir), Workspace::OpenMode::ExistingOnly);
        ScriptsPanel panel;
        panel.setWorkspace(&workspace);
        QSignalSpy applied(&panel, &ScriptsPanel::applied);
        panel.createScript(QStringLiteral("total.js"), totalProjection);

        // A syntax error on line 4: nothing applied, the line marked, the message shown.
        QString broken = totalProjection;
        broken.replace(QStringLiteral("s.total += e.data.amount;"), QStringLiteral("s.total += ;"));
        panel.editor()->setPlainText(broken);
        QVERIFY(!panel.apply());
        QCOMPARE(applied.count(), 0);
        QCOMPARE(panel.editor()->problemLine(), 4);
        QVERIFY2(panel.statusText().startsWith(u"total.js:4: SyntaxError"), qPrintable(panel.statusText()));
        QCOMPARE(panel.model()->index(0).data(ScriptsModel::SummaryRole).toString(),
                 QStringLiteral("does not load"));

        // Fixed: applied, with the reference the replay reads it by.
        panel.editor()->setPlainText(totalProjection);
        QVERIFY(panel.apply());
        QCOMPARE(applied.count(), 1);
        const auto entry = applied.takeFirst().at(0).value<gui::ScriptEntry>();
        QCOMPARE(entry.path, script::workspaceReference(workspace.path(), QStringLiteral("total.js")));
        QVERIFY(entry.hasProjection);
        QCOMPARE(panel.editor()->problemLine(), 0);
        QVERIFY(panel.statusText().startsWith(u"Applied"));

        // Edited after applying: it says so, and Revert brings the applied text back.
        panel.editor()->appendPlainText(QStringLiteral("// tweak"));
        QVERIFY(panel.statusText().startsWith(u"Edited since applied"));
        panel.revertToApplied();
        QCOMPARE(panel.editor()->toPlainText(), totalProjection);
        QVERIFY(panel.statusText().startsWith(u"Applied"));

        // A script that declares nothing is not applied.
        panel.createScript(QStringLiteral("empty.js"), QStringLiteral("var x = 1;\n"));
        QVERIFY(!panel.apply());
        QVERIFY(panel.statusText().contains(u"declares nothing to apply"));

        // A replay error about the script in the editor is shown at its line; others are not.
        panel.openScript(QStringLiteral("total.js"));
        panel.showReplayError(QStringLiteral("other.js:2: TypeError: x (event at position 3)"));
        QCOMPARE(panel.editor()->problemLine(), 0);
        panel.showReplayError(QStringLiteral("total.js:4: TypeError: boom (event at position 3)"));
        QCOMPARE(panel.editor()->problemLine(), 4);
        panel.setWorkspace(nullptr);
    }

    void renamesAndDeletes()
    {
        QTemporaryDir dir;
        Workspace workspace(createWorkspace(dir), Workspace::OpenMode::ExistingOnly);
        ScriptsPanel panel;
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.setWorkspace(&workspace);
        QSignalSpy changed(&panel, &ScriptsPanel::referenceChanged);
        panel.createScript(QStringLiteral("a.js"), totalProjection);
        panel.createScript(QStringLiteral("b.js"), totalProjection);
        QVERIFY(!panel.renameCurrent(QStringLiteral("a.js"))); // taken
        QVERIFY(panel.statusText().contains(u"already has a script"));
        QVERIFY(!panel.renameCurrent(QStringLiteral("no spaces.js")));
        QVERIFY(panel.renameCurrent(QStringLiteral("c.js")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toString(),
                 script::workspaceReference(workspace.path(), QStringLiteral("b.js")));
        QCOMPARE(changed.at(0).at(1).toString(),
                 script::workspaceReference(workspace.path(), QStringLiteral("c.js")));
        QCOMPARE(panel.chooser()->currentText(), QStringLiteral("c.js"));
        panel.deleteCurrent();
        QCOMPARE(changed.count(), 2);
        QVERIFY(changed.at(1).at(1).toString().isEmpty());
        QCOMPARE(panel.currentName(), QStringLiteral("a.js"));
        panel.deleteCurrent();
        QVERIFY(panel.currentName().isEmpty());
        QVERIFY(WorkspaceScripts(workspace).all().empty());
        panel.setWorkspace(nullptr);
    }

    void theWindowReplaysWithAnAppliedScript()
    {
        QTemporaryDir dir;
        const QString path = createWorkspace(dir);
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.openWorkspace(path));
        ScriptsPanel* panel = window.scriptsPanel();
        QVERIFY(panel->isEnabled());

        panel->createScript(QStringLiteral("total.js"), totalProjection);
        QVERIFY(panel->apply());
        const QString reference = script::workspaceReference(path, QStringLiteral("total.js"));
        QCOMPARE(window.projectionChooser()->projection(), reference);
        QCOMPARE(window.projectionChooser()->currentText(), QStringLiteral("total.js"));
        window.replayController()->showWholeState();
        window.playhead()->setPosition(4);
        // 1 + 2 + 3 + 4 deposited by position 4.
        QTRY_VERIFY(window.replayController()->lastResult() &&
                    window.replayController()->lastResult()->position == 4 &&
                    window.replayController()->lastResult()->projectionName == QStringLiteral("total.js"));
        QTRY_VERIFY(!window.stateInspector()->isPending());
        QCOMPARE(json::toJson(window.replayController()->lastResult()->state), QByteArray("{\"total\":10}"));

        // A handler that throws on line 4: the replay's error lands on that line of the editor.
        QString throwing = totalProjection;
        throwing.replace(QStringLiteral("s.total += e.data.amount;"),
                         QStringLiteral("throw new Error('no');"));
        panel->editor()->setPlainText(throwing);
        QVERIFY(panel->apply());
        window.playhead()->setPosition(5);
        QTRY_COMPARE(panel->editor()->problemLine(), 4);
        QVERIFY(panel->statusText().contains(u"Error: no"));

        // Invariants written in the window go into the Invariants dock.
        panel->createScript(
            QStringLiteral("rules.js"),
            totalProjection +
                QStringLiteral("invariant('small total', function (s) { return s.total < 20; });\n"));
        QVERIFY(panel->apply());
        QCOMPARE(window.checksPanel()->script(),
                 script::workspaceReference(path, QStringLiteral("rules.js")));
        QCOMPARE(window.replayController()->spec().checksScript, window.checksPanel()->script());

        // Deleting a script in use puts the replay back to the built-in projection and no checks.
        panel->deleteCurrent();
        QVERIFY(window.replayController()->spec().checksScript.isEmpty());
        QVERIFY(window.checksPanel()->script().isEmpty());

        // Another workspace: its own scripts, none of the first one's in use.
        QTemporaryDir other;
        QVERIFY(window.openWorkspace(createWorkspace(other)));
        QCOMPARE(panel->model()->rowCount(), 0);
        QCOMPARE(window.projectionChooser()->findData(reference), -1);
        QVERIFY(!script::isWorkspaceReference(window.replayController()->spec().projection));
    }
};

QTEST_MAIN(TestScriptsPanel)
#include "tst_scriptspanel.moc"
