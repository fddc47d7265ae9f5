// eventscope-cli as a user runs it: exit codes, what goes to stdout and what to stderr, the import
// summary, re-imports and duplicates, merging files into one timeline, selections, atomic exports.
#include "testsupport.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>

using namespace eventscope;
using namespace Qt::StringLiterals;
using eventscope::testing::cliPath;
using eventscope::testing::describe;
using eventscope::testing::ProgramRun;
using eventscope::testing::runCli;
using eventscope::testing::writeFile;

namespace {

QString fixture(const QString& name)
{
    return QFINDTESTDATA(QStringLiteral("data/cli/") + name);
}

QByteArray sha256Of(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// Every event line of `events --format jsonl`, parsed.
std::vector<QJsonObject> jsonLines(const QString& out)
{
    std::vector<QJsonObject> objects;
    const auto lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines)
        objects.push_back(QJsonDocument::fromJson(line.toUtf8()).object());
    return objects;
}

QStringList idsOf(const std::vector<QJsonObject>& objects)
{
    QStringList ids;
    for (const auto& o : objects)
        ids << o.value(QStringLiteral("id")).toString();
    return ids;
}

// A workspace whose schema is newer than this build's.
void makeNewerWorkspace(const QString& path)
{
    Workspace ws(path);
    ws.database().exec("PRAGMA user_version=" + std::to_string(Workspace::schemaVersion + 1));
}

// One acme.Order from the protobuf fixtures, twice, each with its varint length in front.
QByteArray delimitedOrders()
{
    QFile file(QFINDTESTDATA("data/protobuf/order.bin"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray message = file.readAll();
    Q_ASSERT(message.size() < 128);
    const QByteArray framed = char(message.size()) + message;
    return framed + framed;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(cliPath()), "build the eventscope-cli target first");
        QVERIFY(!fixture(QStringLiteral("good.jsonl")).isEmpty());
    }

    // Placeholders: {ws} a workspace holding good.jsonl, {new} a path with no workspace yet,
    // {newer} a workspace of a newer schema, {truncated} the first 100 bytes of a workspace,
    // {notdb} a text file, {tmp} the row's directory,
    // {data} the fixture directory, {proto} the protobuf fixture directory.
    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrHas"); // "" = stderr must be empty
        QTest::addColumn<QString>("stdoutHas"); // "" = stdout must be empty

        const QString good = QStringLiteral("{data}/good.jsonl");
        auto row = [](const char* name, const QStringList& arguments, int code, const QString& err,
                      const QString& out = {}) {
            QTest::addRow("%s", name) << arguments << code << err << out;
        };

        // 0: all good.
        row("import", {u"import"_s, u"{new}"_s, good}, 0, u"imported 3 events, rejected 0, duplicates 0"_s);
        row("info", {u"info"_s, u"{ws}"_s}, 0, {}, u"events: 3"_s);
        row("events", {u"events"_s, u"{ws}"_s}, 0, {}, u"\"id\":\"g-3\""_s);
        row("export", {u"export"_s, u"{ws}"_s, u"{tmp}/out.jsonl"_s}, 0,
            u"exported 3 events to {tmp}/out.jsonl (jsonl)"_s);
        row("help", {u"--help"_s}, 0, {}, u"usage: eventscope-cli COMMAND"_s);
        row("import --help", {u"import"_s, u"--help"_s}, 0, {}, u"--order <time|source>"_s);
        row("version", {u"--version"_s}, 0, {}, u"eventscope-cli "_s);
        row("delimited protobuf messages through a descriptor set",
            {u"import"_s, u"{new}"_s, u"{tmp}/orders.delim"_s, u"--format"_s, u"delimited-message"_s,
             u"--descriptors"_s, u"{proto}/orders.desc"_s, u"--message-type"_s, u"acme.Order"_s, u"--map"_s,
             u"stream=order_id,type=kind,time=at"_s},
            0, u"imported 2 events, rejected 0"_s);
        row("empty JSON Lines file", {u"import"_s, u"{new}"_s, u"{tmp}/empty.jsonl"_s}, 0,
            u"nothing new was added to {tmp}/new.eventscope"_s);
        row("custom mapping",
            {u"import"_s, u"{new}"_s, u"{data}/unknownshape.jsonl"_s, u"--map"_s,
             u"stream=aggregateId,type=eventType,time=at"_s},
            0, u"imported 1 events, rejected 0"_s);

        // 1: some records rejected, the others imported.
        row("rejected record", {u"import"_s, u"{new}"_s, u"{data}/bad.jsonl"_s}, 1,
            u"bad.jsonl:2:12: invalid JSON"_s);
        row("rejected record, summary", {u"import"_s, u"{new}"_s, u"{data}/bad.jsonl"_s}, 1,
            u"imported 2 events, rejected 1, duplicates 0"_s);

        // 2: usage errors.
        row("no command", {}, 2, u"usage: eventscope-cli COMMAND"_s);
        row("unknown command", {u"frobnicate"_s}, 2, u"unknown command 'frobnicate'"_s);
        row("import, unknown option", {u"import"_s, u"{new}"_s, good, u"--colour"_s, u"red"_s}, 2,
            u"Unknown option 'colour'"_s);
        row("import, no arguments", {u"import"_s}, 2, u"a workspace and at least one file are needed"_s);
        row("import, no file", {u"import"_s, u"{new}"_s}, 2,
            u"a workspace and at least one file are needed"_s);
        row("import, bad --order", {u"import"_s, u"{new}"_s, good, u"--order"_s, u"random"_s}, 2,
            u"--order takes time or source"_s);
        row("import, --order without value", {u"import"_s, u"{new}"_s, good, u"--order"_s}, 2,
            u"Missing value after '--order'"_s);
        row("import, unknown --format", {u"import"_s, u"{new}"_s, good, u"--format"_s, u"xml"_s}, 2,
            u"unknown format 'xml'"_s);
        row("import, --message-type without --descriptors",
            {u"import"_s, u"{new}"_s, good, u"--message-type"_s, u"acme.Order"_s}, 2,
            u"--message-type and --type-map need --descriptors SET.pb"_s);
        row("import, bad --type-map entry",
            {u"import"_s, u"{new}"_s, good, u"--descriptors"_s, u"{proto}/orders.desc"_s, u"--type-map"_s,
             u"OrderPlaced"_s},
            2, u"--type-map entry 'OrderPlaced' is not TYPE=MESSAGE"_s);
        row("import, bad --stream-from", {u"import"_s, u"{new}"_s, good, u"--stream-from"_s, u"type"_s}, 2,
            u"--stream-from takes subject or source"_s);
        row("info, no workspace", {u"info"_s}, 2, u"one workspace is needed"_s);
        row("info, two workspaces", {u"info"_s, u"{ws}"_s, u"{ws}"_s}, 2, u"one workspace is needed"_s);
        row("events, no workspace", {u"events"_s}, 2, u"one workspace is needed"_s);
        row("events, unknown option", {u"events"_s, u"{ws}"_s, u"--colour"_s}, 2,
            u"Unknown option 'colour'"_s);
        row("events, negative --limit", {u"events"_s, u"{ws}"_s, u"--limit"_s, u"-1"_s}, 2,
            u"--limit takes a non-negative integer"_s);
        row("events, --limit not a number", {u"events"_s, u"{ws}"_s, u"--limit"_s, u"ten"_s}, 2,
            u"--limit takes a non-negative integer"_s);
        row("events, --from 0", {u"events"_s, u"{ws}"_s, u"--from"_s, u"0"_s}, 2,
            u"positions start at 1, not 0"_s);
        row("events, --to neither position nor time", {u"events"_s, u"{ws}"_s, u"--to"_s, u"noon"_s}, 2,
            u"'noon' is neither a position nor an RFC 3339 time"_s);
        row("events, unknown --format", {u"events"_s, u"{ws}"_s, u"--format"_s, u"xml"_s}, 2,
            u"--format takes jsonl, table or cloudevents"_s);
        row("export, no output file", {u"export"_s, u"{ws}"_s}, 2,
            u"a workspace and an output file are needed"_s);
        row("export, unknown --format", {u"export"_s, u"{ws}"_s, u"{tmp}/o"_s, u"--format"_s, u"xml"_s}, 2,
            u"unknown format 'xml'"_s);
        row("export, bad --limit", {u"export"_s, u"{ws}"_s, u"{tmp}/o"_s, u"--limit"_s, u"x"_s}, 2,
            u"--limit takes a non-negative integer"_s);

        // 3: failures.
        row("import, missing file", {u"import"_s, u"{new}"_s, u"{tmp}/missing.jsonl"_s}, 3,
            u"{tmp}/missing.jsonl: no such file"_s);
        row("import, a directory", {u"import"_s, u"{new}"_s, u"{tmp}"_s}, 3, u"{tmp}: not a regular file"_s);
        row("import, empty file", {u"import"_s, u"{new}"_s, u"{tmp}/empty.dat"_s}, 3,
            u"{tmp}/empty.dat: the file is empty"_s);
        row("import, unrecognised bytes", {u"import"_s, u"{new}"_s, u"{tmp}/noise.dat"_s}, 3,
            u"{tmp}/noise.dat: format not recognised; pass --format"_s);
        row("import, unknown shape without mapping",
            {u"import"_s, u"{new}"_s, u"{data}/unknownshape.jsonl"_s}, 3,
            u"--map stream=aggregateId,type=eventType,time=at"_s);
        row("import, --strict aborts", {u"import"_s, u"{new}"_s, u"{data}/bad.jsonl"_s, u"--strict"_s}, 3,
            u"--strict: {data}/bad.jsonl:2:12: invalid JSON"_s);
        row("import, missing descriptor set",
            {u"import"_s, u"{new}"_s, u"{tmp}/orders.delim"_s, u"--format"_s, u"delimited-message"_s,
             u"--descriptors"_s, u"{tmp}/missing.desc"_s, u"--message-type"_s, u"acme.Order"_s},
            3, u"cannot open descriptor set {tmp}/missing.desc"_s);
        row("import, not a workspace", {u"import"_s, u"{notdb}"_s, good}, 3,
            u"{notdb}: not an Eventscope workspace (not a SQLite file)"_s);
        row("import, newer schema", {u"import"_s, u"{newer}"_s, good}, 3,
            u"{newer}: written by a newer Eventscope"_s);
        row("import, truncated workspace", {u"import"_s, u"{truncated}"_s, good}, 3,
            u"{truncated}: database disk image is malformed"_s);
        row("info, truncated workspace", {u"info"_s, u"{truncated}"_s}, 3,
            u"{truncated}: database disk image is malformed"_s);
        row("events, truncated workspace", {u"events"_s, u"{truncated}"_s}, 3,
            u"{truncated}: database disk image is malformed"_s);
        row("info, missing workspace", {u"info"_s, u"{new}"_s}, 3, u"{new}: no such workspace"_s);
        row("info, not a workspace", {u"info"_s, u"{notdb}"_s}, 3, u"not an Eventscope workspace"_s);
        row("info, newer schema", {u"info"_s, u"{newer}"_s}, 3,
            u"{newer}: written by a newer Eventscope (workspace schema %1, this version reads up to %2); "
            "the file was not modified"_s.arg(Workspace::schemaVersion + 1)
                .arg(Workspace::schemaVersion));
        row("events, missing workspace", {u"events"_s, u"{new}"_s}, 3, u"{new}: no such workspace"_s);
        row("events, newer schema", {u"events"_s, u"{newer}"_s}, 3, u"written by a newer Eventscope"_s);
        row("export, missing workspace", {u"export"_s, u"{new}"_s, u"{tmp}/o"_s}, 3,
            u"{new}: no such workspace"_s);
        row("export, newer schema", {u"export"_s, u"{newer}"_s, u"{tmp}/o"_s}, 3,
            u"written by a newer Eventscope"_s);
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrHas);
        QFETCH(QString, stdoutHas);

        QTemporaryDir dir;
        const QString tmp = dir.path();
        const QString data = QFileInfo(fixture(QStringLiteral("good.jsonl"))).absolutePath();
        const QString proto = QFileInfo(QFINDTESTDATA("data/protobuf/orders.desc")).absolutePath();
        const QString ws = dir.filePath(QStringLiteral("ws.eventscope"));
        const QString newer = dir.filePath(QStringLiteral("newer.eventscope"));
        const QString notdb = writeFile(dir, QStringLiteral("notes.eventscope"), "just some text\n");
        writeFile(dir, QStringLiteral("empty.jsonl"), {});
        writeFile(dir, QStringLiteral("empty.dat"), {});
        writeFile(dir, QStringLiteral("noise.dat"), QByteArray("\x00\x01\x02\xfe\xff binary", 12));
        writeFile(dir, QStringLiteral("orders.delim"), delimitedOrders());
        if (arguments.join(u' ').contains(u"{ws}")) {
            const auto setup = runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("good.jsonl"))});
            QVERIFY2(setup.exitCode == 0, qPrintable(describe(setup)));
        }
        if (arguments.join(u' ').contains(u"{newer}"))
            makeNewerWorkspace(newer);
        const QString truncated = dir.filePath(QStringLiteral("truncated.eventscope"));
        if (arguments.join(u' ').contains(u"{truncated}")) {
            const auto setup = runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("good.jsonl"))});
            QVERIFY2(setup.exitCode == 0, qPrintable(describe(setup)));
            QFile whole(ws);
            QVERIFY(whole.open(QIODevice::ReadOnly));
            writeFile(dir, QStringLiteral("truncated.eventscope"), whole.read(100)); // the header only
        }

        auto expand = [&](QString text) {
            return text.replace(u"{ws}"_s, ws)
                .replace(u"{new}"_s, dir.filePath(QStringLiteral("new.eventscope")))
                .replace(u"{newer}"_s, newer)
                .replace(u"{truncated}"_s, truncated)
                .replace(u"{notdb}"_s, notdb)
                .replace(u"{tmp}"_s, tmp)
                .replace(u"{data}"_s, data)
                .replace(u"{proto}"_s, proto);
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
        // Data goes to stdout, and nothing else does: an error never leaks into piped output.
        if (stdoutHas.isEmpty())
            QVERIFY2(run.out.isEmpty(), qPrintable(describe(run)));
        else
            QVERIFY2(run.out.contains(expand(stdoutHas)), qPrintable(describe(run)));
    }

    void summaryGoesToStderrWithoutProgress()
    {
        QTemporaryDir dir;
        const auto run = runCli({QStringLiteral("import"), dir.filePath(QStringLiteral("w.eventscope")),
                                 fixture(QStringLiteral("good.jsonl"))});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());
        // stderr is a pipe here, not a terminal: no refreshing progress line.
        QVERIFY2(!run.err.contains(u'\r'), qPrintable(run.err));
        static const QRegularExpression summary(
            QStringLiteral("^imported 3 events, rejected 0, duplicates 0, warnings 0 in \\d+\\.\\d\\d s "
                           "\\(\\d+ events/s, \\d+\\.\\d MB/s\\)$"),
            QRegularExpression::MultilineOption);
        QVERIFY2(summary.match(run.err).hasMatch(), qPrintable(run.err));
    }

    void reimportingTheSameFileAddsNothing()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("w.eventscope"));
        const QString good = fixture(QStringLiteral("good.jsonl"));
        QCOMPARE(runCli({QStringLiteral("import"), ws, good}).exitCode, 0);

        const auto again = runCli({QStringLiteral("import"), ws, good});
        QVERIFY2(again.exitCode == 0, qPrintable(describe(again)));
        QVERIFY2(again.err.contains(good + QStringLiteral(": already imported on ")), qPrintable(again.err));
        QVERIFY2(again.err.contains(QStringLiteral("nothing added")), qPrintable(again.err));
        QVERIFY2(again.err.contains(QStringLiteral("imported 0 events, rejected 0, duplicates 0")),
                 qPrintable(again.err));
        QVERIFY2(again.err.contains(QStringLiteral("nothing new was added to ") + ws), qPrintable(again.err));

        // The same bytes under another name are the same file.
        const QString copy = dir.filePath(QStringLiteral("copy.jsonl"));
        QVERIFY(QFile::copy(good, copy));
        const auto renamed = runCli({QStringLiteral("import"), ws, copy});
        QVERIFY2(renamed.err.contains(QStringLiteral("already imported")), qPrintable(renamed.err));

        Workspace workspace(ws, Workspace::OpenMode::ExistingOnly);
        WorkspaceStore store(workspace);
        QCOMPARE(store.count(), 3);
        QCOMPARE(workspace.imports().size(), size_t(1));
    }

    // The same bytes twice in one command: the second adds nothing, and the note says why.
    void sameContentTwiceInOneCommand()
    {
        QTemporaryDir dir;
        const QString good = fixture(QStringLiteral("good.jsonl"));
        const QString copy = dir.filePath(QStringLiteral("copy.jsonl"));
        QVERIFY(QFile::copy(good, copy));
        const auto run =
            runCli({QStringLiteral("import"), dir.filePath(QStringLiteral("w.eventscope")), good, copy});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QStringLiteral("imported 3 events, rejected 0, duplicates 0")),
                 qPrintable(run.err));
        QVERIFY2(run.err.contains(
                     copy + QStringLiteral(": same content as a file earlier in this import: nothing added")),
                 qPrintable(run.err));
    }

    void overlappingIdsCountAsDuplicates()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("w.eventscope"));
        QCOMPARE(runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("good.jsonl"))}).exitCode, 0);
        const auto run = runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("overlap.jsonl"))});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QStringLiteral("imported 1 events, rejected 0, duplicates 2")),
                 qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("nothing new")), qPrintable(run.err));

        const auto events = runCli({QStringLiteral("events"), ws});
        QCOMPARE(idsOf(jsonLines(events.out)), QStringList({u"g-1"_s, u"g-2"_s, u"g-3"_s, u"o-4"_s}));
        const auto info = runCli({QStringLiteral("info"), ws});
        QVERIFY2(info.out.contains(QStringLiteral("imports: 2\n")), qPrintable(info.out));
        QVERIFY2(info.out.contains(QStringLiteral("1 accepted, 0 rejected, 2 duplicates")),
                 qPrintable(info.out));
    }

    // Versions the source leaves out continue the stream, whatever duplicates came before them.
    void streamVersionsContinueAfterDuplicates()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("w.eventscope"));
        QCOMPARE(runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("versions-a.jsonl"))}).exitCode,
                 0);
        const auto run = runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("versions-b.jsonl"))});
        QVERIFY2(run.err.contains(QStringLiteral("imported 1 events, rejected 0, duplicates 1")),
                 qPrintable(run.err));
        QStringList versions;
        for (const auto& o : jsonLines(runCli({QStringLiteral("events"), ws}).out))
            versions << o.value(QStringLiteral("id")).toString() + u'@' +
                            QString::number(o.value(QStringLiteral("streamVersion")).toInteger());
        QCOMPARE(versions, QStringList({u"v1@1"_s, u"v2@2"_s, u"v3@3"_s}));
    }

    void mergeOrder_data()
    {
        QTest::addColumn<QStringList>("imports"); // one entry per command: files separated by spaces
        QTest::addColumn<QString>("order");
        QTest::addColumn<QStringList>("ids");

        const QStringList byTime = {u"y1"_s, u"x1"_s, u"x2"_s, u"y2"_s, u"y3"_s, u"x3"_s};
        QTest::addRow("one command, by time, ties in file order")
            << QStringList{u"merge-x.jsonl merge-y.jsonl"_s} << QString() << byTime;
        QTest::addRow("explicit --order time")
            << QStringList{u"merge-x.jsonl merge-y.jsonl"_s} << u"time"_s << byTime;
        QTest::addRow("ties follow the file order given")
            << QStringList{u"merge-y.jsonl merge-x.jsonl"_s} << QString()
            << QStringList{u"y1"_s, u"x1"_s, u"y2"_s, u"x2"_s, u"y3"_s, u"x3"_s};
        QTest::addRow("--order source") << QStringList{u"merge-x.jsonl merge-y.jsonl"_s} << u"source"_s
                                        << QStringList{u"x1"_s, u"x2"_s, u"x3"_s, u"y1"_s, u"y2"_s, u"y3"_s};
        QTest::addRow("a later import merges into what is there")
            << QStringList{u"merge-x.jsonl"_s, u"merge-y.jsonl"_s} << QString() << byTime;
        QTest::addRow("a later import with --order source is appended")
            << QStringList{u"merge-x.jsonl"_s, u"merge-y.jsonl"_s} << u"source"_s
            << QStringList{u"x1"_s, u"x2"_s, u"x3"_s, u"y1"_s, u"y2"_s, u"y3"_s};
    }

    void mergeOrder()
    {
        QFETCH(QStringList, imports);
        QFETCH(QString, order);
        QFETCH(QStringList, ids);
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("w.eventscope"));
        for (const QString& files : std::as_const(imports)) {
            QStringList arguments = {QStringLiteral("import"), ws};
            for (const QString& name : files.split(u' '))
                arguments << fixture(name);
            if (!order.isEmpty())
                arguments << QStringLiteral("--order") << order;
            const auto run = runCli(arguments);
            QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        }
        const auto events =
            runCli({QStringLiteral("events"), ws, QStringLiteral("--format"), QStringLiteral("jsonl")});
        QCOMPARE(events.exitCode, 0);
        const auto objects = jsonLines(events.out);
        QCOMPARE(idsOf(objects), ids);
        // Positions stay gap-free: 1..N.
        for (size_t i = 0; i < objects.size(); ++i)
            QCOMPARE(objects[i].value(QStringLiteral("position")).toInteger(), qint64(i + 1));
    }

    void info()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("w.eventscope"));
        QCOMPARE(runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("merge-x.jsonl")),
                         fixture(QStringLiteral("merge-y.jsonl"))})
                     .exitCode,
                 0);
        const auto run = runCli({QStringLiteral("info"), ws});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        const QStringList lines = run.out.split(u'\n');
        auto has = [&](const QString& pattern) {
            const QRegularExpression re(QStringLiteral("^") + pattern + QStringLiteral("$"));
            return std::any_of(lines.begin(), lines.end(),
                               [&](const QString& l) { return re.match(l).hasMatch(); });
        };
        QVERIFY2(
            has(QStringLiteral("workspace: ") + QRegularExpression::escape(QFileInfo(ws).absoluteFilePath())),
            qPrintable(run.out));
        QVERIFY2(has(QStringLiteral("events: 6")), qPrintable(run.out));
        QVERIFY2(has(QStringLiteral("time range: 2025-03-01T12:00:00Z \\.\\. 2025-03-01T12:00:05Z")),
                 qPrintable(run.out));
        QVERIFY2(has(QStringLiteral("streams: 2")), qPrintable(run.out));
        QVERIFY2(has(QStringLiteral("  x +3 events, last version 3")), qPrintable(run.out));
        QVERIFY2(has(QStringLiteral("  y +3 events, last version 3")), qPrintable(run.out));
        QVERIFY2(has(QStringLiteral("types: 2")), qPrintable(run.out));
        QVERIFY2(has(QStringLiteral("  T +4")), qPrintable(run.out));
        QVERIFY2(has(QStringLiteral("  U +2")), qPrintable(run.out));
        QVERIFY2(has(QStringLiteral("imports: 2")), qPrintable(run.out));
        QVERIFY2(
            has(QStringLiteral("  #1 .*merge-x\\.jsonl \\(jsonl, .*sha256 [0-9a-f]{12}, .*\\): 3 accepted, 0 "
                               "rejected, 0 duplicates.*")),
            qPrintable(run.out));
        QVERIFY2(has(QStringLiteral("  #2 .*merge-y\\.jsonl .*: 3 accepted, 0 rejected, 0 duplicates.*")),
                 qPrintable(run.out));
    }

    void eventsSelection_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QStringList>("ids");
        // The workspace: y1 x1 x2 y2 y3 x3 at 12:00:00, :01, :03, :03, :04, :05.
        QTest::addRow("everything") << QStringList()
                                    << QStringList{u"y1"_s, u"x1"_s, u"x2"_s, u"y2"_s, u"y3"_s, u"x3"_s};
        QTest::addRow("--stream") << QStringList{u"--stream"_s, u"x"_s}
                                  << QStringList{u"x1"_s, u"x2"_s, u"x3"_s};
        QTest::addRow("--type") << QStringList{u"--type"_s, u"U"_s} << QStringList{u"y3"_s, u"x3"_s};
        QTest::addRow("--stream and --type")
            << QStringList{u"--stream"_s, u"y"_s, u"--type"_s, u"T"_s} << QStringList{u"y1"_s, u"y2"_s};
        QTest::addRow("--from/--to positions, inclusive")
            << QStringList{u"--from"_s, u"2"_s, u"--to"_s, u"4"_s} << QStringList{u"x1"_s, u"x2"_s, u"y2"_s};
        QTest::addRow("--from position only")
            << QStringList{u"--from"_s, u"5"_s} << QStringList{u"y3"_s, u"x3"_s};
        QTest::addRow("--from/--to times, inclusive")
            << QStringList{u"--from"_s, u"2025-03-01T12:00:01Z"_s, u"--to"_s, u"2025-03-01T12:00:03Z"_s}
            << QStringList{u"x1"_s, u"x2"_s, u"y2"_s};
        QTest::addRow("--to time with an offset")
            << QStringList{u"--to"_s, u"2025-03-01T13:00:00.5+01:00"_s} << QStringList{u"y1"_s};
        QTest::addRow("--limit") << QStringList{u"--limit"_s, u"2"_s} << QStringList{u"y1"_s, u"x1"_s};
        QTest::addRow("--limit 0") << QStringList{u"--limit"_s, u"0"_s} << QStringList();
        QTest::addRow("--stream with --limit")
            << QStringList{u"--stream"_s, u"y"_s, u"--limit"_s, u"2"_s} << QStringList{u"y1"_s, u"y2"_s};
        QTest::addRow("unknown stream") << QStringList{u"--stream"_s, u"nope"_s} << QStringList();
        QTest::addRow("--from after the end") << QStringList{u"--from"_s, u"99"_s} << QStringList();
    }

    void eventsSelection()
    {
        QFETCH(QStringList, options);
        QFETCH(QStringList, ids);
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("w.eventscope"));
        QCOMPARE(runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("merge-x.jsonl")),
                         fixture(QStringLiteral("merge-y.jsonl"))})
                     .exitCode,
                 0);
        const auto run = runCli(QStringList{QStringLiteral("events"), ws} + options);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        QCOMPARE(idsOf(jsonLines(run.out)), ids);
    }

    void eventsFormats()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("w.eventscope"));
        QCOMPARE(runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("good.jsonl"))}).exitCode, 0);

        const auto table =
            runCli({QStringLiteral("events"), ws, QStringLiteral("--format"), QStringLiteral("table")});
        QCOMPARE(table.exitCode, 0);
        const QStringList rows = table.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(rows.size(), 4);
        QVERIFY2(rows[0].simplified() == QStringLiteral("POSITION TIME STREAM TYPE VER PAYLOAD"),
                 qPrintable(rows[0]));
        QCOMPARE(rows[1].simplified(),
                 QStringLiteral("1 2025-03-01T12:00:00Z order-1 OrderPlaced 1 {\"total\":10}"));
        QCOMPARE(rows[3].simplified(),
                 QStringLiteral("3 2025-03-01T12:00:02Z order-2 OrderPlaced 1 {\"total\":5}"));

        const auto ce =
            runCli({QStringLiteral("events"), ws, QStringLiteral("--format"), QStringLiteral("cloudevents")});
        QCOMPARE(ce.exitCode, 0);
        const auto objects = jsonLines(ce.out);
        QCOMPARE(objects.size(), size_t(3));
        QCOMPARE(objects[0].value(QStringLiteral("specversion")).toString(), QStringLiteral("1.0"));
        QCOMPARE(objects[0].value(QStringLiteral("id")).toString(), QStringLiteral("g-1"));
        QCOMPARE(objects[0].value(QStringLiteral("subject")).toString(), QStringLiteral("order-1"));
        QCOMPARE(objects[0].value(QStringLiteral("type")).toString(), QStringLiteral("OrderPlaced"));
        QCOMPARE(objects[0].value(QStringLiteral("time")).toString(), QStringLiteral("2025-03-01T12:00:00Z"));
        QCOMPARE(objects[2].value(QStringLiteral("data")).toObject().value(QStringLiteral("total")).toInt(),
                 5);
    }

    // A failed export leaves an existing OUT exactly as it was; a good one replaces it whole.
    void exportIsAtomic_data()
    {
        QTest::addColumn<QString>("workspace"); // good, newer or missing
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<int>("exitCode");

        QTest::addRow("newer schema") << u"newer"_s << QStringList() << 3;
        QTest::addRow("missing workspace") << u"missing"_s << QStringList() << 3;
        QTest::addRow("unknown format") << u"good"_s << QStringList{u"--format"_s, u"xml"_s} << 2;
        QTest::addRow("bad selection") << u"good"_s << QStringList{u"--from"_s, u"yesterday"_s} << 2;
        QTest::addRow("success replaces") << u"good"_s << QStringList() << 0;
        QTest::addRow("empty selection still replaces")
            << u"good"_s << QStringList{u"--stream"_s, u"nope"_s} << 0;
    }

    void exportIsAtomic()
    {
        QFETCH(QString, workspace);
        QFETCH(QStringList, options);
        QFETCH(int, exitCode);
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("w.eventscope"));
        if (workspace == QLatin1String("good") || workspace == QLatin1String("newer"))
            QCOMPARE(runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("good.jsonl"))}).exitCode,
                     0);
        if (workspace == QLatin1String("newer"))
            makeNewerWorkspace(ws);
        const QByteArray previous = "the previous export, which must survive a failed one\n";
        const QString out = writeFile(dir, QStringLiteral("out.jsonl"), previous);
        const QStringList before = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);

        const auto run = runCli(QStringList{QStringLiteral("export"), ws, out} + options);
        QVERIFY2(run.exitCode == exitCode, qPrintable(describe(run)));
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray after = file.readAll();
        if (exitCode == 0) {
            QVERIFY(!after.contains("previous export"));
            QCOMPARE(after.count('\n'), qsizetype(options.isEmpty() ? 3 : 0));
        } else {
            QCOMPARE(after, previous);
        }
        // No temporary file is left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), before);
    }

    // A workspace of a newer schema is refused by every command and never modified.
    void newerSchemaIsNotModified()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("w.eventscope"));
        QCOMPARE(runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("good.jsonl"))}).exitCode, 0);
        makeNewerWorkspace(ws);
        const QByteArray before = sha256Of(ws);
        const QString file = fixture(QStringLiteral("merge-x.jsonl"));
        for (const QStringList& arguments :
             {QStringList{u"import"_s, ws, file}, QStringList{u"info"_s, ws}, QStringList{u"events"_s, ws},
              QStringList{u"export"_s, ws, dir.filePath(u"o.jsonl"_s)}}) {
            const auto run = runCli(arguments);
            QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
            QCOMPARE(sha256Of(ws), before);
        }
    }

    void strictWritesNothing()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("w.eventscope"));
        QCOMPARE(runCli({QStringLiteral("import"), ws, fixture(QStringLiteral("good.jsonl"))}).exitCode, 0);
        const auto run = runCli(
            {QStringLiteral("import"), ws, fixture(QStringLiteral("bad.jsonl")), QStringLiteral("--strict")});
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains(QStringLiteral("nothing was imported")), qPrintable(run.err));
        Workspace workspace(ws, Workspace::OpenMode::ExistingOnly);
        WorkspaceStore store(workspace);
        QCOMPARE(store.count(), 3);
        QCOMPARE(workspace.imports().size(), size_t(1));
    }

    // A workspace that did not exist before a failed import does not exist after it either.
    void failedImportCreatesNoWorkspace_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("options");
        QTest::addRow("strict") << QStringLiteral("bad.jsonl") << QStringList{QStringLiteral("--strict")};
        QTest::addRow("no mapping matches") << QStringLiteral("unknownshape.jsonl") << QStringList();
    }

    void failedImportCreatesNoWorkspace()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, options);
        QTemporaryDir dir;
        const QString ws = dir.filePath(QStringLiteral("new.eventscope"));
        const auto run = runCli(QStringList{QStringLiteral("import"), ws, fixture(file)} + options);
        QVERIFY2(run.exitCode == 3, qPrintable(describe(run)));
        QVERIFY(!QFileInfo::exists(ws));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
