// Export -> import through eventscope-cli, for every export format: what comes back into a fresh
// workspace is the same envelope, field by field, except the position (renumbered) and the source
// (the file it was imported from). Whole workspaces, selections, payload spellings, and a
// realistic log from the generator.
#include "formatregistry.h"
#include "testsupport.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QMap>
#include <QProcess>
#include <QTest>

using namespace eventscope;
using namespace Qt::StringLiterals;
using eventscope::testing::cliPath;
using eventscope::testing::describe;
using eventscope::testing::generatorPath;
using eventscope::testing::runCli;
using eventscope::testing::runProgram;
using eventscope::testing::writeFile;

namespace {

const QStringList exportFormats = {u"jsonl"_s, u"cloudevents-json"_s, u"cloudevents-batch"_s,
                                   u"cloudevents-proto"_s, u"delimited-proto"_s};

// The envelope fields a round trip must keep, in the order they are checked.
const QStringList envelopeFields = {
    u"id"_s,          u"stream"_s,        u"streamVersion"_s, u"type"_s, u"schemaVersion"_s, u"time"_s,
    u"causationId"_s, u"correlationId"_s, u"contentType"_s,   u"data"_s, u"rawData"_s,       u"metadata"_s};

std::vector<Event> allEvents(const QString& workspacePath)
{
    Workspace ws(workspacePath, Workspace::OpenMode::ExistingOnly);
    WorkspaceStore store(ws);
    return store.window(1, store.count() + 1);
}

QString printable(const QByteArray& bytes)
{
    return QString::fromUtf8(bytes.left(160));
}

// The first difference of each field between two runs of events, position and source aside.
QMap<QString, QString> differences(const std::vector<Event>& expected, const std::vector<Event>& actual)
{
    QMap<QString, QString> found;
    if (expected.size() != actual.size())
        found.insert(u"count"_s,
                     QStringLiteral("expected %1 events, got %2").arg(expected.size()).arg(actual.size()));
    for (size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
        const Event& e = expected[i];
        const Event& a = actual[i];
        auto check = [&](const QString& field, bool same, const QString& want, const QString& got) {
            if (!same && !found.contains(field))
                found.insert(field, QStringLiteral("event %1 (id %2): expected <%3>, got <%4>")
                                        .arg(i + 1)
                                        .arg(e.id, want, got));
        };
        check(u"id"_s, e.id == a.id, e.id, a.id);
        check(u"stream"_s, e.stream == a.stream, e.stream, a.stream);
        check(u"streamVersion"_s, e.streamVersion == a.streamVersion, QString::number(e.streamVersion),
              QString::number(a.streamVersion));
        check(u"type"_s, e.type == a.type, e.type, a.type);
        check(u"schemaVersion"_s, e.schemaVersion == a.schemaVersion, QString::number(e.schemaVersion),
              QString::number(a.schemaVersion));
        check(u"time"_s, e.timeUs == a.timeUs, QString::number(e.timeUs), QString::number(a.timeUs));
        check(u"causationId"_s, e.causationId == a.causationId, e.causationId, a.causationId);
        check(u"correlationId"_s, e.correlationId == a.correlationId, e.correlationId, a.correlationId);
        check(u"contentType"_s, e.contentType == a.contentType, e.contentType, a.contentType);
        check(u"data"_s, e.data == a.data, printable(e.data), printable(a.data));
        check(u"rawData"_s, e.rawData == a.rawData, QString::fromLatin1(e.rawData.toHex()),
              QString::fromLatin1(a.rawData.toHex()));
        check(u"metadata"_s, e.metadata == a.metadata, printable(e.metadata), printable(a.metadata));
    }
    return found;
}

QStringList idsOf(const std::vector<Event>& events)
{
    QStringList ids;
    for (const auto& e : events)
        ids << e.id;
    return ids;
}

QString exportFileName(const QString& format)
{
    const auto* exportFormat = importers::FormatRegistry::instance().exportFormat(format);
    return QStringLiteral("export-%1.%2").arg(format, exportFormat ? exportFormat->extension() : u"out"_s);
}

// Exports `from` (with selection options) and imports the file into the fresh workspace `into`;
// returns the number of events exported, -1 when a step failed (after a failed check).
qint64 exportAndReimport(const QTemporaryDir& dir, const QString& from, const QString& format,
                         const QStringList& options, const QString& into)
{
    const QString file = dir.filePath(exportFileName(format));
    const auto exported = runCli(QStringList{u"export"_s, from, file, u"--format"_s, format} + options);
    if (exported.exitCode != 0) {
        qWarning("%s", qPrintable(describe(exported)));
        return -1;
    }
    const QString prefix = u"exported "_s;
    const qint64 count = exported.err.startsWith(prefix)
                             ? exported.err.mid(prefix.size()).section(u' ', 0, 0).toLongLong()
                             : -1;
    if (count == 0)
        return 0; // nothing to import: an empty file is refused by design
    const auto imported = runCli({u"import"_s, into, file});
    if (imported.exitCode != 0 ||
        !imported.err.contains(QStringLiteral("imported %1 events, rejected 0, duplicates 0").arg(count))) {
        qWarning("%s", qPrintable(describe(imported)));
        return -1;
    }
    return count;
}

} // namespace

class TestRoundTrip : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_fixtureWorkspace;   // roundtrip.jsonl + roundtrip-ce.jsonl
    QString m_generatedWorkspace; // 2,000 generated events
    std::vector<Event> m_fixtureEvents;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(cliPath()), "build the eventscope-cli target first");
        QVERIFY(m_dir.isValid());
        m_fixtureWorkspace = m_dir.filePath(u"fixture.eventscope"_s);
        const auto run = runCli({u"import"_s, m_fixtureWorkspace, QFINDTESTDATA("data/cli/roundtrip.jsonl"),
                                 QFINDTESTDATA("data/cli/roundtrip-ce.jsonl")});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        m_fixtureEvents = allEvents(m_fixtureWorkspace);
        QCOMPARE(m_fixtureEvents.size(), size_t(7));
    }

    // What the round trips start from is what the fixtures say, binary payload included.
    void fixtureImportedAsWritten()
    {
        QCOMPARE(idsOf(m_fixtureEvents),
                 QStringList({u"rt-1"_s, u"rt-2"_s, u"rt-3"_s, u"bin-1"_s, u"rt-4"_s, u"rt-5"_s, u"rt-6"_s}));
        const Event& first = m_fixtureEvents[0];
        QCOMPARE(first.stream, u"order-1"_s);
        QCOMPARE(first.type, u"OrderPlaced"_s);
        QCOMPARE(first.schemaVersion, 2);
        QCOMPARE(first.timeUs, 1740830400000001LL);
        QCOMPARE(first.correlationId, u"corr-1"_s);
        QCOMPARE(first.data,
                 QByteArray("{\"total\":12.5,\"lines\":[{\"sku\":\"a\",\"qty\":2}],\"note\":\"tab\\tand "
                            "\\\"quote\\\" caf\xc3\xa9\"}"));
        QCOMPARE(first.metadata, QByteArray("{\"service\":\"checkout\",\"user\":\"alice\"}"));
        const Event& binary = m_fixtureEvents[3];
        QCOMPARE(binary.stream, u"scan-1"_s);
        QCOMPARE(binary.streamVersion, qint64(4));
        QCOMPARE(binary.schemaVersion, 5);
        QCOMPARE(binary.causationId, u"rt-2"_s);
        QCOMPARE(binary.correlationId, u"corr-2"_s);
        QCOMPARE(binary.contentType, u"application/octet-stream"_s);
        QCOMPARE(binary.rawData, QByteArray("\x00\x01\x02\x03\xfe\xff", 6));
        QVERIFY(binary.data.isEmpty());
        QCOMPARE(m_fixtureEvents[2].streamVersion, qint64(7));

        QCOMPARE(m_fixtureEvents[6].streamVersion, 3000000000LL);
        QVERIFY(m_fixtureEvents[4].data.isEmpty());
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QStringList>("ids"); // what the selection must export, in order

        struct Selection
        {
            const char* name;
            QStringList options;
            QStringList ids;
        };
        // Positions: rt-1 rt-2 rt-3 bin-1 rt-4 rt-5 rt-6 (rt-4 and rt-5 share a time).
        const std::vector<Selection> selections = {
            {"everything",
             {},
             {u"rt-1"_s, u"rt-2"_s, u"rt-3"_s, u"bin-1"_s, u"rt-4"_s, u"rt-5"_s, u"rt-6"_s}},
            {"--stream", {u"--stream"_s, u"order-1"_s}, {u"rt-1"_s, u"rt-2"_s, u"rt-5"_s}},
            {"--type", {u"--type"_s, u"OrderPlaced"_s}, {u"rt-1"_s, u"rt-4"_s}},
            {"--from/--to positions",
             {u"--from"_s, u"3"_s, u"--to"_s, u"5"_s},
             {u"rt-3"_s, u"bin-1"_s, u"rt-4"_s}},
            {"--from/--to times",
             {u"--from"_s, u"2025-03-01T12:00:01.5Z"_s, u"--to"_s, u"2025-03-01T12:00:03Z"_s},
             {u"rt-2"_s, u"rt-3"_s, u"bin-1"_s, u"rt-4"_s, u"rt-5"_s}},
            {"--limit", {u"--limit"_s, u"2"_s}, {u"rt-1"_s, u"rt-2"_s}},
            {"--stream --from --limit",
             {u"--stream"_s, u"order-1"_s, u"--from"_s, u"2"_s, u"--limit"_s, u"1"_s},
             {u"rt-2"_s}},
            {"the binary event alone", {u"--stream"_s, u"scan-1"_s}, {u"bin-1"_s}},
        };
        for (const QString& format : exportFormats) {
            for (const auto& s : selections)
                QTest::addRow("%s, %s", qPrintable(format), s.name) << format << s.options << s.ids;
        }
    }

    void roundTrip()
    {
        QFETCH(QString, format);
        QFETCH(QStringList, options);
        QFETCH(QStringList, ids);
        QTemporaryDir dir;
        const QString copy = dir.filePath(u"copy.eventscope"_s);
        const qint64 count = exportAndReimport(dir, m_fixtureWorkspace, format, options, copy);
        QCOMPARE(count, qint64(ids.size()));

        QHash<QString, Event> byId;
        for (const auto& e : m_fixtureEvents)
            byId.insert(e.id, e);
        std::vector<Event> expected;
        for (const QString& id : std::as_const(ids))
            expected.push_back(byId.value(id));
        const std::vector<Event> actual = allEvents(copy);
        QCOMPARE(idsOf(actual), ids);
        for (size_t i = 0; i < actual.size(); ++i)
            QCOMPARE(actual[i].position, qint64(i + 1));
        const auto found = differences(expected, actual);
        for (const QString& field : envelopeFields)
            QVERIFY2(!found.contains(field), qPrintable(field + u": "_s + found.value(field)));
    }

    // An export imported back into the workspace it came from adds nothing: same ids.
    void exportIntoItsOwnWorkspaceAddsNothing_data()
    {
        QTest::addColumn<QString>("format");
        for (const QString& format : exportFormats)
            QTest::addRow("%s", qPrintable(format)) << format;
    }

    void exportIntoItsOwnWorkspaceAddsNothing()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"ws.eventscope"_s);
        QVERIFY(QFile::copy(m_fixtureWorkspace, ws));
        const QString file = dir.filePath(exportFileName(format));
        QCOMPARE(runCli({u"export"_s, ws, file, u"--format"_s, format}).exitCode, 0);
        const auto run = runCli({u"import"_s, ws, file});
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(u"imported 0 events, rejected 0, duplicates 7"_s), qPrintable(run.err));
        QCOMPARE(allEvents(ws), m_fixtureEvents);
    }

    // Payloads and metadata keep their exact bytes, not only their JSON meaning.
    void payloadSpelling_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("line");

        const QByteArray head = "{\"id\":\"p-1\",\"stream\":\"s-1\",\"streamVersion\":1,\"type\":\"T\","
                                "\"time\":\"2025-03-01T12:00:00Z\"";
        const QByteArray metadataOrder =
            head + ",\"data\":{},\"metadata\":{\"user\":\"u-1\",\"service\":\"checkout\"}}";
        const QByteArray numbers =
            head + ",\"data\":{\"price\":48.00,\"qty\":1e2,\"big\":12345678901234567890}}";
        const QByteArray escapes = head + ",\"data\":{\"note\":\"caf\\u00e9 \\/ ok\"}}";
        const QByteArray text =
            "{\"specversion\":\"1.0\",\"id\":\"t-1\",\"source\":\"/notes\",\"type\":\"NoteWritten\","
            "\"time\":\"2025-03-01T12:00:00Z\",\"datacontenttype\":\"text/plain\","
            "\"data\":\"hello, world\"}";
        for (const QString& format : exportFormats) {
            QTest::addRow("%s, metadata key order", qPrintable(format)) << format << metadataOrder;
            QTest::addRow("%s, number spelling", qPrintable(format)) << format << numbers;
            QTest::addRow("%s, string escapes", qPrintable(format)) << format << escapes;
            QTest::addRow("%s, text payload", qPrintable(format)) << format << text;
        }
    }

    void payloadSpelling()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, line);
        QTemporaryDir dir;
        const QString original = dir.filePath(u"original.eventscope"_s);
        const auto imported = runCli({u"import"_s, original, writeFile(dir, u"in.jsonl"_s, line + '\n')});
        QVERIFY2(imported.exitCode == 0, qPrintable(describe(imported)));
        const QString copy = dir.filePath(u"copy.eventscope"_s);
        QCOMPARE(exportAndReimport(dir, original, format, {}, copy), 1);
        const auto found = differences(allEvents(original), allEvents(copy));
        for (const QString& field : envelopeFields)
            QVERIFY2(!found.contains(field), qPrintable(field + u": "_s + found.value(field)));
    }

    // 2,000 events of the generator's orders & inventory log, through every format.
    void generatedLog_data()
    {
        QTest::addColumn<QString>("format");
        for (const QString& format : exportFormats)
            QTest::addRow("%s", qPrintable(format)) << format;
    }

    void generatedLog()
    {
        QFETCH(QString, format);
        if (m_generatedWorkspace.isEmpty()) {
            QVERIFY2(QFileInfo::exists(generatorPath()),
                     qPrintable(u"build the eventscope-generate target first: "_s + generatorPath()));
            const QString log = m_dir.filePath(u"generated.jsonl"_s);
            const auto generated =
                runProgram(generatorPath(), {u"--events"_s, u"2000"_s, u"--seed"_s, u"7"_s, log});
            QVERIFY2(generated.exitCode == 0, qPrintable(describe(generated)));
            const QString ws = m_dir.filePath(u"generated.eventscope"_s);
            const auto imported = runCli({u"import"_s, ws, log});
            QVERIFY2(imported.exitCode == 0 &&
                         imported.err.contains(u"imported 2000 events, rejected 0, duplicates 0"_s),
                     qPrintable(describe(imported)));
            m_generatedWorkspace = ws;
        }
        const std::vector<Event> expected = allEvents(m_generatedWorkspace);
        QCOMPARE(expected.size(), size_t(2000));

        QTemporaryDir dir;
        const QString copy = dir.filePath(u"copy.eventscope"_s);
        QCOMPARE(exportAndReimport(dir, m_generatedWorkspace, format, {}, copy), 2000);
        const std::vector<Event> actual = allEvents(copy);
        QCOMPARE(idsOf(actual), idsOf(expected));
        const auto found = differences(expected, actual);
        // Payloads come back byte for byte (the generator writes prices as 48.00).
        for (const QString& field : envelopeFields)
            QVERIFY2(!found.contains(field), qPrintable(field + u": "_s + found.value(field)));
    }
};

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_roundtrip.moc"
