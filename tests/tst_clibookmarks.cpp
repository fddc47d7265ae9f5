// eventscope-cli's bookmark commands as a user runs them: adding one at a position or an event,
// listing them as JSON, importing a stories file (all or nothing, safe to run again), and the
// generator's stories becoming the sample's bookmarks at the events the invariants flag.
#include "testsupport.h"
#include "workspace.h"
#include "workspacestore.h"
#include "json/jsonvalue.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace eventscope;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

QString goodLog()
{
    return QFINDTESTDATA(u"data/cli/good.jsonl"_s); // g-1, g-2, g-3 at 12:00:00, :01, :02
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A workspace holding good.jsonl, in dir.
QString importGood(const QTemporaryDir& dir)
{
    const QString ws = dir.filePath(u"ws.eventscope"_s);
    const ProgramRun run = runCli({u"import"_s, ws, goodLog()});
    if (run.exitCode != 0)
        qFatal("cannot set up the workspace: %s", qPrintable(describe(run)));
    return ws;
}

json::Value parsed(const ProgramRun& run)
{
    QString error;
    const auto value = json::parse(run.out.toUtf8(), &error);
    if (!value)
        qWarning().noquote() << "not JSON:" << error << describe(run);
    return value.value_or(json::Value());
}

// The bookmarks as `bookmarks WORKSPACE` lists them.
json::Value listed(const QString& ws)
{
    const ProgramRun run = runCli({u"bookmarks"_s, ws});
    if (run.exitCode != 0 || !run.err.isEmpty())
        qWarning().noquote() << describe(run);
    return parsed(run);
}

// "position:note" of each bookmark listed, for compact comparisons.
QStringList summary(const json::Value& list)
{
    QStringList entries;
    for (std::size_t i = 0; i < list.size(); ++i)
        entries
            << u"%1:%2"_s.arg(qint64(list.at(i)["position"].toDouble())).arg(list.at(i)["note"].toQString());
    return entries;
}

} // namespace

class TestCliBookmarks : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(cliPath()), "build the eventscope-cli target first");
        QVERIFY2(QFileInfo::exists(generatorPath()), "build the eventscope-generate target first");
        QVERIFY(!goodLog().isEmpty());
    }

    // Placeholders: {ws} a workspace holding good.jsonl (3 events), {new} a path with no workspace,
    // {notdb} a text file, {tmp} the row's directory.
    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrHas"); // "" = stderr must be empty
        QTest::addColumn<QString>("stdoutHas"); // "" = stdout must be empty
        auto row = [](const char* name, const QStringList& arguments, int code, const QString& err,
                      const QString& out = {}) {
            QTest::addRow("%s", name) << arguments << code << err << out;
        };

        // 0: all good; the bookmark added is printed as JSON.
        row("bookmark --at", {u"bookmark"_s, u"{ws}"_s, u"--at"_s, u"2"_s, u"--note"_s, u"look here"_s}, 0,
            {}, u"\"eventId\": \"g-2\""_s);
        row("bookmark --event", {u"bookmark"_s, u"{ws}"_s, u"--event"_s, u"g-3"_s, u"--note"_s, u"n"_s}, 0,
            {}, u"\"position\": 3"_s);
        row("bookmark before the first event",
            {u"bookmark"_s, u"{ws}"_s, u"--at"_s, u"0"_s, u"--note"_s, u"n"_s}, 0, {},
            u"\"eventId\": null"_s);
        row("bookmark, empty note", {u"bookmark"_s, u"{ws}"_s, u"--at"_s, u"1"_s, u"--note"_s, QString()}, 0,
            {}, u"\"note\": \"\""_s);
        row("bookmarks, none yet", {u"bookmarks"_s, u"{ws}"_s}, 0, {}, u"[]"_s);
        row("bookmarks --help", {u"bookmarks"_s, u"--help"_s}, 0, {}, u"--import <FILE.jsonl>"_s);
        row("bookmark --help", {u"bookmark"_s, u"--help"_s}, 0, {}, u"--event <ID>"_s);
        row("help lists the commands", {u"--help"_s}, 0, {}, u"bookmarks WORKSPACE"_s);

        // 2: usage errors.
        row("bookmark, no workspace", {u"bookmark"_s, u"--at"_s, u"1"_s, u"--note"_s, u"n"_s}, 2,
            u"one workspace is needed"_s);
        row("bookmark, no place", {u"bookmark"_s, u"{ws}"_s, u"--note"_s, u"n"_s}, 2,
            u"--at POSITION or --event ID is needed"_s);
        row("bookmark, two places",
            {u"bookmark"_s, u"{ws}"_s, u"--at"_s, u"1"_s, u"--event"_s, u"g-1"_s, u"--note"_s, u"n"_s}, 2,
            u"--at and --event cannot be combined"_s);
        row("bookmark, no note", {u"bookmark"_s, u"{ws}"_s, u"--at"_s, u"1"_s}, 2, u"--note is needed"_s);
        row("bookmark, negative position",
            {u"bookmark"_s, u"{ws}"_s, u"--at"_s, u"-1"_s, u"--note"_s, u"n"_s}, 2,
            u"--at takes a position (0 = before the first event)"_s);
        row("bookmark, a time is not a position",
            {u"bookmark"_s, u"{ws}"_s, u"--at"_s, u"2025-03-01T12:00:00Z"_s, u"--note"_s, u"n"_s}, 2,
            u"--at takes a position"_s);
        row("bookmark, past the end", {u"bookmark"_s, u"{ws}"_s, u"--at"_s, u"4"_s, u"--note"_s, u"n"_s}, 2,
            u"position 4 is outside 0..3"_s);
        row("bookmark, unknown event",
            {u"bookmark"_s, u"{ws}"_s, u"--event"_s, u"g-9"_s, u"--note"_s, u"n"_s}, 2,
            u"no event with id 'g-9' in {ws}"_s);
        row("bookmarks, no workspace", {u"bookmarks"_s}, 2, u"one workspace is needed"_s);
        row("bookmarks, unknown option", {u"bookmarks"_s, u"{ws}"_s, u"--colour"_s}, 2,
            u"Unknown option 'colour'"_s);

        // 3: failures; nothing written.
        row("bookmark, missing workspace",
            {u"bookmark"_s, u"{new}"_s, u"--at"_s, u"0"_s, u"--note"_s, u"n"_s}, 3,
            u"{new}: no such workspace"_s);
        row("bookmarks, missing workspace", {u"bookmarks"_s, u"{new}"_s}, 3, u"{new}: no such workspace"_s);
        row("bookmarks, not a workspace", {u"bookmarks"_s, u"{notdb}"_s}, 3,
            u"not an Eventscope workspace"_s);
        row("bookmarks --import, missing file",
            {u"bookmarks"_s, u"{ws}"_s, u"--import"_s, u"{tmp}/none.jsonl"_s}, 3,
            u"{tmp}/none.jsonl: no such file\nnothing was added to {ws}"_s);
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrHas);
        QFETCH(QString, stdoutHas);
        QTemporaryDir dir;
        const QString ws = arguments.join(u' ').contains(u"{ws}") ? importGood(dir) : QString();
        const QString notdb = writeFile(dir, u"notes.eventscope"_s, "just some text\n");
        auto expand = [&](QString text) {
            return text.replace(u"{ws}"_s, ws)
                .replace(u"{new}"_s, dir.filePath(u"new.eventscope"_s))
                .replace(u"{notdb}"_s, notdb)
                .replace(u"{tmp}"_s, dir.path());
        };
        for (QString& argument : arguments)
            argument = expand(argument);

        const ProgramRun run = runCli(arguments);
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QVERIFY2(run.exitCode == exitCode, qPrintable(describe(run)));
        if (stderrHas.isEmpty())
            QVERIFY2(run.err.isEmpty(), qPrintable(describe(run)));
        else
            QVERIFY2(run.err.contains(expand(stderrHas)), qPrintable(describe(run)));
        if (stdoutHas.isEmpty())
            QVERIFY2(run.out.isEmpty(), qPrintable(describe(run)));
        else
            QVERIFY2(run.out.contains(expand(stdoutHas)), qPrintable(describe(run)));
        // A failed command leaves no bookmark behind.
        if (exitCode != 0 && !ws.isEmpty())
            QCOMPARE(listed(ws).size(), std::size_t(0));
    }

    void addedBookmarksAreListedInPositionOrder()
    {
        QTemporaryDir dir;
        const QString ws = importGood(dir);
        const ProgramRun last = runCli(
            {u"bookmark"_s, ws, u"--at"_s, u"3"_s, u"--note"_s, u"Last order\nIt has no items yet."_s});
        QVERIFY2(last.exitCode == 0 && last.err.isEmpty(), qPrintable(describe(last)));
        const json::Value added = parsed(last);
        QCOMPARE(added["position"].toDouble(), 3.0);
        QCOMPARE(added["time"].toQString(), u"2025-03-01T12:00:02Z"_s);
        QCOMPARE(added["eventId"].toQString(), u"g-3"_s);
        QCOMPARE(added["note"].toQString(), u"Last order\nIt has no items yet."_s);
        QVERIFY(added["id"].toDouble() > 0);
        for (const QStringList& more : {QStringList{u"--event"_s, u"g-1"_s, u"--note"_s, u"first"_s},
                                        QStringList{u"--at"_s, u"0"_s, u"--note"_s, u"the start"_s},
                                        QStringList{u"--event"_s, u"g-2"_s, u"--note"_s, u"second"_s}}) {
            const ProgramRun run = runCli(QStringList{u"bookmark"_s, ws} + more);
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        }

        const json::Value list = listed(ws);
        QVERIFY(list.isArray());
        QCOMPARE(summary(list), QStringList({u"0:the start"_s, u"1:first"_s, u"2:second"_s,
                                             u"3:Last order\nIt has no items yet."_s}));
        QVERIFY(list.at(0)["time"].isNull());
        QVERIFY(list.at(0)["eventId"].isNull());
        QCOMPARE(list.at(2)["time"].toQString(), u"2025-03-01T12:00:01Z"_s);
        QCOMPARE(list.at(2)["eventId"].toQString(), u"g-2"_s);
        QCOMPARE(list.at(3), added);
        // Members in a fixed order, for scripts.
        QCOMPARE(QString::fromLatin1(json::toJson(list.at(1))),
                 u"{\"id\":%1,\"position\":1,\"time\":\"2025-03-01T12:00:00Z\",\"eventId\":\"g-1\","
                 "\"note\":\"first\"}"_s.arg(qint64(list.at(1)["id"].toDouble())));
    }

    // Lines by id, by position and before the first event; blank lines skipped; a second run, or
    // the same line twice, adds nothing more.
    void importIsSafeToRunAgain()
    {
        QTemporaryDir dir;
        const QString ws = importGood(dir);
        const QString file = writeFile(dir, u"marks.jsonl"_s,
                                       "{\"id\": \"g-3\", \"note\": \"Third\\nby id\"}\n"
                                       "\n"
                                       "{\"position\": 1, \"note\": \"first, by position\"}\n"
                                       "{\"position\": 0, \"note\": \"the start\", \"extra\": true}\n"
                                       "{\"position\": 3, \"note\": \"Third\\nby id\"}\n");
        const ProgramRun first = runCli({u"bookmarks"_s, ws, u"--import"_s, file});
        QVERIFY2(first.exitCode == 0, qPrintable(describe(first)));
        QVERIFY2(first.out.isEmpty(), qPrintable(describe(first)));
        QCOMPARE(first.err, u"added 3 bookmarks from %1, 1 already there\n"_s.arg(file));
        const QStringList expected = {u"0:the start"_s, u"1:first, by position"_s, u"3:Third\nby id"_s};
        QCOMPARE(summary(listed(ws)), expected);

        const ProgramRun again = runCli({u"bookmarks"_s, ws, u"--import"_s, file});
        QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
        QCOMPARE(again.err, u"added 0 bookmarks from %1, 4 already there\n"_s.arg(file));
        QCOMPARE(summary(listed(ws)), expected);

        // The same event with another note is another bookmark.
        const QString other =
            writeFile(dir, u"other.jsonl"_s, "{\"id\": \"g-1\", \"note\": \"a second look\"}\n");
        const ProgramRun more = runCli({u"bookmarks"_s, ws, u"--import"_s, other});
        QCOMPARE(more.err, u"added 1 bookmark from %1, 0 already there\n"_s.arg(other));
        QCOMPARE(summary(listed(ws)).size(), 4);
    }

    void badLinesAddNothing_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("errors"); // {file} = the file's path

        const QByteArray good = "{\"id\": \"g-1\", \"note\": \"fine\"}\n";
        QTest::addRow("not JSON") << good + "{\"id\": \"g-2\", \"note\": }\n"
                                  << QStringList{u"{file}:2: not JSON: "_s};
        QTest::addRow("unknown event id") << good + "{\"id\": \"g-9\", \"note\": \"x\"}\n"
                                          << QStringList{u"{file}:2: no event with id 'g-9' in {ws}"_s};
        QTest::addRow("position past the end") << good + "{\"position\": 9, \"note\": \"x\"}\n"
                                               << QStringList{u"{file}:2: position 9 is outside 0..3"_s};
        QTest::addRow("no place") << good + "{\"note\": \"x\"}\n"
                                  << QStringList{u"{file}:2: needs \"id\" (an event id) or \"position\""_s};
        QTest::addRow("two places") << good + "{\"id\": \"g-2\", \"position\": 2}\n"
                                    << QStringList{u"{file}:2: give \"id\" or \"position\", not both"_s};
        QTest::addRow("empty id") << good + "{\"id\": \"\"}\n"
                                  << QStringList{u"{file}:2: \"id\" must be a non-empty string"_s};
        QTest::addRow("fractional position")
            << good + "{\"position\": 1.5}\n"
            << QStringList{u"{file}:2: \"position\" must be a non-negative integer"_s};
        QTest::addRow("negative position")
            << good + "{\"position\": -1}\n"
            << QStringList{u"{file}:2: \"position\" must be a non-negative integer"_s};
        QTest::addRow("note not a string") << good + "{\"id\": \"g-2\", \"note\": 7}\n"
                                           << QStringList{u"{file}:2: \"note\" must be a string"_s};
        QTest::addRow("not an object") << good + "[\"g-2\"]\n"
                                       << QStringList{u"{file}:2: expected an object such as"_s};
        QTest::addRow("every bad line at once")
            << "{\"id\": \"nope\"}\n" + good + "\n{\"position\": \"2\"}\n"
            << QStringList{u"{file}:1: no event with id 'nope'"_s,
                           u"{file}:4: \"position\" must be a non-negative integer"_s};
    }

    void badLinesAddNothing()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, errors);
        QTemporaryDir dir;
        const QString ws = importGood(dir);
        const QString file = writeFile(dir, u"marks.jsonl"_s, content);
        const ProgramRun run = runCli({u"bookmarks"_s, ws, u"--import"_s, file});
        QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
        QVERIFY2(run.out.isEmpty(), qPrintable(describe(run)));
        for (QString error : errors)
            QVERIFY2(run.err.contains(error.replace(u"{file}"_s, file).replace(u"{ws}"_s, ws)),
                     qPrintable(describe(run)));
        QCOMPARE(run.err.count(u'\n'), errors.size() + 1); // each bad line once, then the verdict
        QVERIFY2(run.err.endsWith(u"nothing was added to %1\n"_s.arg(ws)), qPrintable(describe(run)));
        QCOMPARE(listed(ws).size(), std::size_t(0)); // not even the good line
    }

    // What the build does for the bundled sample: the generator's stories become bookmarks, in
    // position order, at the very events where the sample's invariants and breakpoint fire.
    void generatedStoriesBecomeBookmarks()
    {
        QTemporaryDir dir;
        const QString log = dir.filePath(u"shop.jsonl"_s);
        const QString stories = dir.filePath(u"stories.jsonl"_s);
        const QStringList generate = {u"--events"_s, u"6000"_s, u"--seed"_s, u"20250301"_s};
        const ProgramRun generated =
            runProgram(generatorPath(), generate + QStringList{u"--stories"_s, stories, log});
        QVERIFY2(generated.exitCode == 0, qPrintable(describe(generated)));

        // The same bytes without --stories, and the same stories every time.
        const QString plain = dir.filePath(u"plain.jsonl"_s);
        QCOMPARE(runProgram(generatorPath(), generate + QStringList{plain}).exitCode, 0);
        QCOMPARE(readAll(plain), readAll(log));
        const QString storiesAgain = dir.filePath(u"stories-again.jsonl"_s);
        QCOMPARE(runProgram(generatorPath(), generate + QStringList{u"--stories"_s, storiesAgain, u"-"_s})
                     .exitCode,
                 0);
        QCOMPARE(readAll(storiesAgain), readAll(stories));

        const QString ws = dir.filePath(u"shop.eventscope"_s);
        QCOMPARE(runCli({u"import"_s, ws, log}).exitCode, 0);
        const ProgramRun imported = runCli({u"bookmarks"_s, ws, u"--import"_s, stories});
        QVERIFY2(imported.exitCode == 0, qPrintable(describe(imported)));
        QCOMPARE(imported.err, u"added 5 bookmarks from %1, 0 already there\n"_s.arg(stories));

        const QList<QByteArray> lines = readAll(stories).trimmed().split('\n');
        const json::Value list = listed(ws);
        QCOMPARE(list.size(), std::size_t(lines.size()));
        Workspace workspace(ws, Workspace::OpenMode::ReadOnly);
        WorkspaceStore store(workspace);
        qint64 previous = 0;
        std::map<QString, qint64> positionOf; // by the headline's first word
        std::map<QString, QString> typeOf;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const json::Value line = *json::parse(lines[qsizetype(i)]);
            const json::Value& bookmark = list.at(i);
            QCOMPARE(bookmark["eventId"], line["id"]); // the file's order is position order
            QCOMPARE(bookmark["note"], line["note"]);
            const auto position = qint64(bookmark["position"].toDouble());
            QVERIFY(position > previous);
            previous = position;
            const QString headline = bookmark["note"].toQString().section(u' ', 0, 0);
            positionOf[headline] = position;
            typeOf[headline] = store.eventAt(position)->type;
        }
        QCOMPARE(typeOf.size(), std::size_t(5));
        QCOMPARE(typeOf.at(u"OrderPlaced"_s), u"OrderPlaced"_s);
        QCOMPARE(typeOf.at(u"First"_s), u"InvoiceIssued"_s);
        QCOMPARE(typeOf.at(u"Overselling"_s), u"StockReserved"_s);
        QCOMPARE(typeOf.at(u"Expedited"_s), u"StockReceived"_s);
        QCOMPARE(positionOf.at(u"Outage:"_s), 6000 * 75 / 100 + 1); // line index 4500

        const ProgramRun verified =
            runCli({u"verify"_s, ws, u"--invariants"_s,
                    QStringLiteral(QT_TESTCASE_SOURCEDIR "/../resources/projections/sample-invariants.js")});
        QVERIFY2(verified.exitCode == 1, qPrintable(describe(verified)));
        const json::Value report = parsed(verified);
        std::map<QString, qint64> fired;
        for (const char* kind : {"invariants", "breakpoints"}) {
            for (std::size_t i = 0; i < report[kind].size(); ++i)
                fired[report[kind].at(i)["name"].toQString()] =
                    qint64(report[kind].at(i)["position"].toDouble());
        }
        QCOMPARE(fired.at(u"invoice total equals order total"_s), positionOf.at(u"First"_s));
        QCOMPARE(fired.at(u"stock never negative"_s), positionOf.at(u"Overselling"_s));
        QCOMPARE(fired.at(u"expedited delivery"_s), positionOf.at(u"Expedited"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliBookmarks)
#include "tst_clibookmarks.moc"
