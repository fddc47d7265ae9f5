// Scripts kept in a workspace: the table, references to them wherever a script is accepted, and the
// editor's pieces (JavaScript tokens, the code editor).
#include "investigation/scripts.h"
#include "replay/projection.h"
#include "replay/replaysetup.h"
#include "script/scriptprogram.h"
#include "script/scriptsource.h"
#include "scripts/codeeditor.h"
#include "scripts/javascripthighlighter.h"
#include "scripts/scripttemplates.h"
#include "testsupport.h"
#include "workspace.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

using namespace eventscope;
using eventscope::gui::CodeEditor;
using eventscope::gui::JsLineState;
using eventscope::gui::JsToken;

namespace {

const QString counter = QStringLiteral("fromAll().when({ $init: function () { return { n: 0 }; },\n"
                                       "  $any: function (s, e) { s.n += 1; } });\n");

// "kind:text" for each coloured token of the lines, in order, carrying the state across lines.
QStringList describeTokens(const QStringList& lines)
{
    static const char* const names[] = {"keyword", "literal", "api", "string", "number", "comment", "other"};
    QStringList out;
    JsLineState state = JsLineState::Code;
    for (const QString& line : lines) {
        for (const JsToken& token : gui::jsTokens(line, state))
            out << QStringLiteral("%1:%2").arg(QLatin1String(names[int(token.kind)]),
                                               line.mid(token.start, token.length));
    }
    return out;
}

} // namespace

class TestScripts : public QObject
{
    Q_OBJECT

private slots:
    void keepsScriptsInTheWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.eventscope"));
        {
            Workspace workspace(path);
            WorkspaceScripts scripts(workspace);
            QVERIFY(scripts.all().empty());
            const StoredScript saved = scripts.save(QStringLiteral("stock.js"), counter);
            QVERIFY(saved.updatedUs > 0);
            scripts.save(QStringLiteral("a-first.js"), QStringLiteral("// empty"));
            scripts.save(QStringLiteral("stock.js"), counter + QStringLiteral("// v2\n")); // replaces
            QCOMPARE(scripts.all().size(), std::size_t(2));
            QCOMPARE(scripts.all().front().name, QStringLiteral("a-first.js")); // by name
            QCOMPARE(scripts.unusedName(QStringLiteral("stock.js")), QStringLiteral("stock-2.js"));
            QCOMPARE(scripts.unusedName(QStringLiteral("new.js")), QStringLiteral("new.js"));
        }
        // Reopened: nothing was lost.
        Workspace workspace(path, Workspace::OpenMode::ExistingOnly);
        WorkspaceScripts scripts(workspace);
        QCOMPARE(scripts.find(QStringLiteral("stock.js"))->source, counter + QStringLiteral("// v2\n"));
        scripts.rename(QStringLiteral("stock.js"), QStringLiteral("count.js"));
        QVERIFY(!scripts.find(QStringLiteral("stock.js")));
        QVERIFY(scripts.find(QStringLiteral("count.js")));
        QVERIFY_THROWS_EXCEPTION(WorkspaceError,
                                 scripts.rename(QStringLiteral("count.js"), QStringLiteral("a-first.js")));
        QVERIFY_THROWS_EXCEPTION(WorkspaceError,
                                 scripts.rename(QStringLiteral("gone.js"), QStringLiteral("x.js")));
        scripts.remove(QStringLiteral("count.js"));
        QCOMPARE(scripts.all().size(), std::size_t(1));
    }

    void validatesNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("stock-per-sku.js") << true;
        QTest::newRow("underscore and dots") << QStringLiteral("_v2.invariants.js") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("no .js") << QStringLiteral("stock") << false;
        QTest::newRow("space") << QStringLiteral("my stock.js") << false;
        QTest::newRow("at sign (ends a reference)") << QStringLiteral("a@b.js") << false;
        QTest::newRow("folder") << QStringLiteral("../x.js") << false;
        QTest::newRow("leading dot") << QStringLiteral(".hidden.js") << false;
    }

    void validatesNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(WorkspaceScripts::nameProblem(name).isEmpty(), valid);
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(QStringLiteral("w.eventscope")));
        if (!valid)
            QVERIFY_THROWS_EXCEPTION(WorkspaceError, WorkspaceScripts(workspace).save(name, counter));
    }

    void readsScriptsByReference()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.eventscope"));
        {
            Workspace workspace(path);
            WorkspaceScripts(workspace).save(QStringLiteral("count.js"), counter);
        }
        const QString reference = script::workspaceReference(path, QStringLiteral("count.js"));
        QVERIFY(script::isWorkspaceReference(reference));
        QCOMPARE(script::scriptName(reference), QStringLiteral("count.js"));
        QCOMPARE(script::referencedWorkspace(reference), QFileInfo(path).absoluteFilePath());
        QCOMPARE(script::readScriptSource(reference), counter);
        // The short form a user types is completed against the workspace at hand.
        QCOMPARE(script::resolveReference(QStringLiteral("workspace:count.js"), path), reference);
        QCOMPARE(script::resolveReference(QStringLiteral("/x/y.js"), path), QStringLiteral("/x/y.js"));

        const QString file = testing::writeFile(dir, QStringLiteral("file.js"), counter.toUtf8());
        QCOMPARE(script::readScriptSource(file), counter);
        QCOMPARE(script::scriptName(file), QStringLiteral("file.js"));
        QVERIFY(script::sameScript(file, dir.path() + QStringLiteral("/./file.js")));
        QVERIFY(!script::sameScript(file, reference));

        // What cannot be read says which script and why.
        const auto failure = [](const QString& ref) {
            try {
                script::readScriptSource(ref);
            } catch (const replay::ProjectionError& error) {
                return error.toString();
            }
            return QString();
        };
        QVERIFY(
            failure(script::workspaceReference(path, QStringLiteral("gone.js"))).contains(u"has no script"));
        QVERIFY(failure(script::workspaceReference(dir.filePath(QStringLiteral("none.eventscope")),
                                                   QStringLiteral("a.js")))
                    .contains(u"no such workspace"));
        QVERIFY(failure(QStringLiteral("workspace:count.js")).contains(u"names no workspace"));
        QVERIFY(failure(dir.filePath(QStringLiteral("missing.js"))).startsWith(u"missing.js: cannot read"));
    }

    void replaysAWorkspaceScript()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.eventscope"));
        Workspace workspace(path);
        WorkspaceScripts scripts(workspace);
        scripts.save(QStringLiteral("count.js"), counter);
        replay::ReplaySpec spec;
        spec.projection = script::workspaceReference(path, QStringLiteral("count.js"));
        spec.checksScript = spec.projection; // not a checks script: refused, naming it
        QVERIFY_THROWS_EXCEPTION(replay::ProjectionError, replay::ReplaySetup{spec});
        spec.checksScript.clear();
        const QString identity = replay::ReplaySetup(spec).identity();
        QCOMPARE(replay::ReplaySetup(spec).projectionName(), QStringLiteral("count.js"));
        // Editing the script changes what its snapshots are valid for.
        scripts.save(QStringLiteral("count.js"), counter + QStringLiteral("// edited\n"));
        QVERIFY(replay::ReplaySetup(spec).identity() != identity);

        // A syntax error names the stored script and its line.
        scripts.save(QStringLiteral("count.js"),
                     QStringLiteral("fromAll()\n  .when({ $any: function (s, e) { s. } });\n"));
        try {
            replay::ReplaySetup setup(spec);
            QFAIL("a broken script was loaded");
        } catch (const replay::ProjectionError& error) {
            QCOMPARE(error.script, QStringLiteral("count.js"));
            QCOMPARE(error.line, 2);
        }
    }

    void templatesLoadAndDeclareTheirKind_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("projection") << int(gui::ScriptKind::Projection);
        QTest::newRow("invariants") << int(gui::ScriptKind::Invariants);
        QTest::newRow("upcaster") << int(gui::ScriptKind::Upcaster);
        QTest::newRow("compensation rules") << int(gui::ScriptKind::CompensationRules);
    }

    void templatesLoadAndDeclareTheirKind()
    {
        QFETCH(int, kind);
        const gui::ScriptTemplate source = gui::scriptTemplate(gui::ScriptKind(kind));
        QVERIFY(WorkspaceScripts::nameProblem(source.fileName).isEmpty());
        const auto program = script::ScriptProgram::fromSource(source.source, source.fileName);
        const script::ScriptDefinition& definition = program->definition();
        switch (gui::ScriptKind(kind)) {
        case gui::ScriptKind::Projection:
            QVERIFY(definition.hasProjection);
            QVERIFY(definition.checks.empty());
            break;
        case gui::ScriptKind::Invariants:
            QCOMPARE(definition.checks.size(), std::size_t(2));
            break;
        case gui::ScriptKind::Upcaster:
            QCOMPARE(definition.upcasters.size(), std::size_t(1));
            QVERIFY(!definition.hasProjection);
            break;
        case gui::ScriptKind::CompensationRules:
            QCOMPARE(definition.compensatedTypes, QStringList{QStringLiteral("InvoiceIssued")});
            QVERIFY(!definition.hasProjection);
            break;
        }
    }

    void tokenizesJavaScript_data()
    {
        QTest::addColumn<QStringList>("lines");
        QTest::addColumn<QStringList>("tokens");
        QTest::newRow("projection call chain")
            << QStringList{QStringLiteral("fromCategory('sku').foreachStream().when({")}
            << QStringList{QStringLiteral("api:fromCategory"), QStringLiteral("string:'sku'"),
                           QStringLiteral("api:foreachStream"), QStringLiteral("api:when")};
        QTest::newRow("a member named like the API is not the API")
            << QStringList{QStringLiteral("return e.data.when;")}
            << QStringList{QStringLiteral("keyword:return")};
        QTest::newRow("keywords, literals, numbers, arrows")
            << QStringList{QStringLiteral("const x = s => s.n > 1.5e3 ? true : null; // big")}
            << QStringList{QStringLiteral("keyword:const"), QStringLiteral("keyword:=>"),
                           QStringLiteral("number:1.5e3"),  QStringLiteral("literal:true"),
                           QStringLiteral("literal:null"),  QStringLiteral("comment:// big")};
        QTest::newRow("escaped quote stays in the string")
            << QStringList{QStringLiteral("var a = \"say \\\"hi\\\"\", b = 'it\\'s';")}
            << QStringList{QStringLiteral("keyword:var"), QStringLiteral("string:\"say \\\"hi\\\"\""),
                           QStringLiteral("string:'it\\'s'")};
        QTest::newRow("block comment over lines")
            << QStringList{QStringLiteral("let a; /* starts"), QStringLiteral("still */ invariant('x', f);")}
            << QStringList{QStringLiteral("keyword:let"), QStringLiteral("comment:/* starts"),
                           QStringLiteral("comment:still */"), QStringLiteral("api:invariant"),
                           QStringLiteral("string:'x'")};
        QTest::newRow("template string over lines")
            << QStringList{QStringLiteral("var t = `a"), QStringLiteral("b` + 2;")}
            << QStringList{QStringLiteral("keyword:var"), QStringLiteral("string:`a"),
                           QStringLiteral("string:b`"), QStringLiteral("number:2")};
        QTest::newRow("handler names")
            << QStringList{QStringLiteral("$init: function () {}, $any: f")}
            << QStringList{QStringLiteral("api:$init"), QStringLiteral("keyword:function"),
                           QStringLiteral("api:$any")};
    }

    void tokenizesJavaScript()
    {
        QFETCH(QStringList, lines);
        QFETCH(QStringList, tokens);
        QCOMPARE(describeTokens(lines), tokens);
    }

    void highlighterCarriesStateAcrossBlocks()
    {
        CodeEditor editor;
        editor.setPlainText(QStringLiteral("/* one\ntwo\nthree */ var x;"));
        const QTextDocument* document = editor.document();
        QCOMPARE(document->findBlockByNumber(0).userState(), int(JsLineState::BlockComment));
        QCOMPARE(document->findBlockByNumber(1).userState(), int(JsLineState::BlockComment));
        QCOMPARE(document->findBlockByNumber(2).userState(), int(JsLineState::Code));
        // The middle line is coloured as a comment.
        const QList<QTextLayout::FormatRange> formats = document->findBlockByNumber(1).layout()->formats();
        QCOMPARE(formats.size(), 1);
        QCOMPARE(formats.front().format.foreground().color(),
                 editor.highlighter()->color(JsToken::Kind::Comment));
    }

    void editorMarksAProblemAtItsLine()
    {
        CodeEditor editor;
        editor.resize(500, 300);
        editor.setPlainText(QStringLiteral("fromAll()\n    .when({\n        $any: oops\n    });\n"));
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.setProblem(3, QStringLiteral("x.js:3: ReferenceError: oops is not defined"));
        QCOMPARE(editor.problemLine(), 3);
        // One extra selection for the current line, one for the problem: the line's text, wavy.
        const QList<QTextEdit::ExtraSelection> selections = editor.extraSelections();
        QCOMPARE(selections.size(), 2);
        QCOMPARE(selections.last().cursor.selectedText(), QStringLiteral("$any: oops"));
        QCOMPARE(selections.last().format.underlineStyle(), QTextCharFormat::WaveUnderline);
        editor.revealProblem();
        QCOMPARE(editor.textCursor().blockNumber(), 2);
        // A line beyond the text marks no line (the message is still kept for the caller).
        editor.setProblem(99, QStringLiteral("late"));
        QCOMPARE(editor.problemLine(), 0);
        QCOMPARE(editor.extraSelections().size(), 1);
        editor.clearProblem();
        QVERIFY(editor.problemMessage().isEmpty());
    }

    void editorKeepsIndentationAndNumbersLines()
    {
        CodeEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const int narrow = editor.gutterWidth();
        QTest::keyClicks(&editor, QStringLiteral("when({"));
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClicks(&editor, QStringLiteral("a: 1,"));
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClick(&editor, Qt::Key_Tab);
        QTest::keyClicks(&editor, QStringLiteral("b"));
        QCOMPARE(editor.toPlainText(), QStringLiteral("when({\n    a: 1,\n        b"));
        editor.setPlainText(QString(12000, QLatin1Char('\n')));
        QVERIFY(editor.gutterWidth() > narrow); // five digits need more room than three
    }
};

QTEST_MAIN(TestScripts)
#include "tst_scripts.moc"
