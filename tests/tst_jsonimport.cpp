// The JSON family of readers (JSON Lines, JSON arrays, CloudEvents JSON) through the import
// pipeline, as a user runs them: good files, every class of bad input, mappings.
#include "importjob.h"
#include "testsupport.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QTest>

using namespace eventscope;
using namespace eventscope::importers;
using eventscope::testing::writeFile;

namespace {

const QByteArray envelopeLine = "{\"id\":\"e1\",\"stream\":\"order-1\",\"type\":\"OrderPlaced\",\"time\":"
                                "\"2025-03-01T12:00:00Z\",\"data\":{\"total\":10}}";

ImportReport importBytes(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes,
                         const QString& mapping = {}, bool strict = false, const QString& format = {})
{
    Workspace ws(dir.filePath(QStringLiteral("t.eventscope")));
    ImportRequest request;
    request.files << writeFile(dir, name, bytes);
    request.options.mapping = mapping;
    request.strict = strict;
    request.format = format;
    return runImport(ws, request);
}

} // namespace

class TestJsonImport : public QObject
{
    Q_OBJECT

private slots:
    void records_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mapping");
        QTest::addColumn<int>("accepted");
        QTest::addColumn<int>("rejected");
        QTest::addColumn<QString>("firstMessage"); // a substring of the first message, "" = none

        QTest::addRow("envelope line") << "a.jsonl" << envelopeLine + '\n' << "" << 1 << 0 << "";
        QTest::addRow("no final newline") << "a.jsonl" << envelopeLine << "" << 1 << 0 << "";
        QTest::addRow("BOM and CRLF") << "a.jsonl" << QByteArray("\xEF\xBB\xBF") + envelopeLine + "\r\n"
                                      << "" << 1 << 0 << "";
        QTest::addRow("blank lines") << "a.jsonl"
                                     << "\n\n" + envelopeLine + "\n   \n\n"
                                     << "" << 1 << 0 << "";
        QTest::addRow("syntax error has line and column")
            << "a.jsonl" << envelopeLine + "\n{\"stream\": oops}\n"
            << "" << 1 << 1 << "a.jsonl:2:12: invalid JSON";
        QTest::addRow("truncated last line") << "a.jsonl" << envelopeLine + "\n{\"stream\":\"s\",\"ty"
                                             << "" << 1 << 1 << "a.jsonl:2:";
        QTest::addRow("invalid UTF-8")
            << "a.jsonl"
            << envelopeLine +
                   "\n{\"id\":\"x\",\"stream\":\"s\xff\",\"type\":\"T\",\"time\":\"2025-03-01T12:00:00Z\"}\n"
            << "" << 1 << 1 << "a.jsonl:2:22: invalid UTF-8";
        QTest::addRow("not an object")
            << "a.jsonl" << envelopeLine + "\n[1,2]\n\"text\"\n"
            << "" << 1 << 2 << "a.jsonl:2:1: record is an array, not a JSON object";
        QTest::addRow("mistyped required field")
            << "a.jsonl"
            << envelopeLine + "\n{\"stream\":\"s\",\"type\":5,\"time\":\"2025-03-01T12:00:00Z\"}\n"
            << "" << 1 << 1 << "field 'type' (type) must be a non-empty string, found a number";
        QTest::addRow("missing required field")
            << "a.jsonl" << envelopeLine + "\n{\"stream\":\"s\",\"type\":\"T\",\"timestamp\":1}\n"
            << "" << 1 << 1 << "missing required field 'time'";
        QTest::addRow("bad time") << "a.jsonl"
                                  << envelopeLine +
                                         "\n{\"stream\":\"s\",\"type\":\"T\",\"time\":\"yesterday\"}\n"
                                  << "" << 1 << 1 << "is not an RFC 3339 timestamp";
        QTest::addRow("duplicate ids in one file are counted, not rejected")
            << "a.jsonl" << envelopeLine + "\n" + envelopeLine + "\n"
            << "" << 1 << 0 << "";
        QTest::addRow("records without ids are all kept")
            << "a.jsonl"
            << QByteArray("{\"stream\":\"s\",\"type\":\"T\",\"time\":1}\n{\"stream\":\"s\",\"type\":\"T\","
                          "\"time\":1}\n")
            << "" << 2 << 0 << "";
        QTest::addRow("custom mapping, data is the rest")
            << "a.jsonl"
            << QByteArray(
                   "{\"aggregateId\":42,\"eventType\":\"Moved\",\"occurredAt\":1740830400000,\"x\":1}\n")
            << "stream=aggregateId,type=eventType,time=occurredAt" << 1 << 0 << "";
        QTest::addRow("nested mapping paths")
            << "a.jsonl"
            << QByteArray("{\"meta\":{\"agg\":\"a-1\",\"kind\":\"K\",\"at\":\"2025-03-01T12:00:00Z\"},"
                          "\"body\":{\"v\":1}}\n")
            << "stream=meta.agg,type=meta.kind,time=meta.at,data=body" << 1 << 0 << "";
        QTest::addRow("KurrentDB export detected")
            << "a.jsonl"
            << QByteArray("{\"streamId\":\"account-1\",\"eventType\":\"Opened\",\"eventNumber\":0,"
                          "\"created\":\"2025-03-01T12:00:00Z\","
                          "\"data\":{},\"metadata\":{\"$correlationId\":\"c\"},\"eventId\":\"u1\"}\n")
            << "" << 1 << 0 << "";
        QTest::addRow("Message DB rows detected")
            << "a.jsonl"
            << QByteArray("{\"id\":\"u1\",\"stream_name\":\"account-1\",\"type\":\"Opened\",\"position\":0,"
                          "\"global_position\":1,"
                          "\"time\":\"2025-03-01 12:00:00.123\",\"data\":{},\"metadata\":null}\n")
            << "" << 1 << 0 << "";
        QTest::addRow("JSON array") << "a.json"
                                    << "[\n" + envelopeLine + ",\n" +
                                           QByteArray(envelopeLine).replace("e1", "e2") + "\n]"
                                    << "" << 2 << 0 << "";
        QTest::addRow("JSON array, bad element keeps the rest")
            << "a.json"
            << "[\n" + envelopeLine + ",\n {\"stream\":1},\n 7\n]"
            << "" << 1 << 2 << "a.json:3:2:";
        QTest::addRow("JSON array truncated") << "a.json"
                                              << "[\n" + envelopeLine + ",\n {\"stream\""
                                              << "" << 1 << 1 << "ends inside a record";
        QTest::addRow("JSON array with a BOM")
            << "a.json" << QByteArray("\xEF\xBB\xBF[\n") + envelopeLine + "\n]"
            << "" << 1 << 0 << "";
        QTest::addRow("empty CloudEvents batch") << "b.json" << QByteArray("[]") << "" << 0 << 0 << "";
    }

    void records()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mapping);
        QFETCH(int, accepted);
        QFETCH(int, rejected);
        QFETCH(QString, firstMessage);
        QTemporaryDir dir;
        const auto report = importBytes(dir, fileName, bytes, mapping);
        QVERIFY2(report.status == ImportReport::Status::Completed, qPrintable(report.error));
        QCOMPARE(report.accepted, qint64(accepted));
        QCOMPARE(report.rejected, qint64(rejected));
        if (firstMessage.isEmpty()) {
            QVERIFY2(report.rejected > 0 || report.messages.isEmpty(),
                     qPrintable(report.messages.join(u'\n')));
        } else {
            QVERIFY(!report.messages.isEmpty());
            QVERIFY2(report.messages.first().contains(firstMessage), qPrintable(report.messages.first()));
        }
    }

    void cloudEvents_data()
    {
        QTest::addColumn<QByteArray>("event");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("message");
        const QByteArray base =
            "\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/orders\",\"type\":\"OrderPlaced\"";
        QTest::addRow("minimal") << "{" + base + "}" << true << "";
        QTest::addRow("0.3 accepted") << QByteArray("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/"
                                                    "o\",\"type\":\"T\",\"schemaurl\":\"x\"}")
                                      << true << "";
        QTest::addRow("missing id") << QByteArray(
                                           "{\"specversion\":\"1.0\",\"source\":\"/o\",\"type\":\"T\"}")
                                    << false << "without required attribute id";
        QTest::addRow("missing source and type")
            << QByteArray("{\"specversion\":\"1.0\",\"id\":\"1\"}") << false << "attributes source, type";
        QTest::addRow("unknown specversion")
            << QByteArray("{\"specversion\":\"2.0\",\"id\":\"1\",\"source\":\"/o\",\"type\":\"T\"}") << false
            << "unsupported specversion";
        QTest::addRow("upper-case attribute")
            << "{" + base + ",\"traceParent\":\"x\"}" << false << "only lower-case letters";
        QTest::addRow("dash in attribute")
            << "{" + base + ",\"trace-id\":\"x\"}" << false << "only lower-case letters";
        QTest::addRow("long attribute name warns")
            << "{" + base + ",\"averyveryverylongattributename\":\"x\"}" << true
            << "longer than 20 characters";
        QTest::addRow("integer out of range") << "{" + base + ",\"count\":3000000000}" << false << "32-bit";
        QTest::addRow("fractional integer") << "{" + base + ",\"count\":1.5}" << false << "fractional";
        QTest::addRow("object attribute")
            << "{" + base + ",\"ext\":{\"a\":1}}" << false << "string, integer or boolean";
        QTest::addRow("data and data_base64")
            << "{" + base + ",\"data\":{},\"data_base64\":\"AA==\"}" << false << "both data and data_base64";
        QTest::addRow("invalid base64")
            << "{" + base + ",\"data_base64\":\"**notbase64**\"}" << false << "not valid base64";
        QTest::addRow("valid base64")
            << "{" + base + ",\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\"AAEC\"}"
            << true << "";
        QTest::addRow("bad time") << "{" + base + ",\"time\":\"noon\"}" << false << "RFC 3339";
        QTest::addRow("id not a string")
            << QByteArray("{\"specversion\":\"1.0\",\"id\":1,\"source\":\"/o\",\"type\":\"T\"}") << false
            << "attribute 'id' must be a string";
    }

    void cloudEvents()
    {
        QFETCH(QByteArray, event);
        QFETCH(bool, accepted);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const auto report = importBytes(dir, QStringLiteral("ce.jsonl"), event + '\n');
        QVERIFY2(report.status == ImportReport::Status::Completed, qPrintable(report.error));
        QCOMPARE(report.accepted, qint64(accepted ? 1 : 0));
        if (!message.isEmpty()) {
            QVERIFY(!report.messages.isEmpty());
            QVERIFY2(report.messages.first().contains(message), qPrintable(report.messages.first()));
        }
    }

    void cloudEventMapsOntoEnvelope()
    {
        QTemporaryDir dir;
        const QByteArray ce = "{\"specversion\":\"1.0\",\"id\":\"ce-1\",\"source\":\"/"
                              "orders\",\"subject\":\"order-9\",\"type\":\"OrderPlaced\","
                              "\"time\":\"2025-03-01T12:00:00.5+01:00\",\"correlationid\":\"corr\","
                              "\"traceparent\":\"tp\",\"data\":{\"a\":1}}";
        const auto report = importBytes(dir, QStringLiteral("one.json"), ce);
        QCOMPARE(report.accepted, 1);
        Workspace ws(dir.filePath(QStringLiteral("t.eventscope")));
        WorkspaceStore store(ws);
        const Event e = *store.eventAt(1);
        QCOMPARE(e.id, QStringLiteral("ce-1"));
        QCOMPARE(e.stream, QStringLiteral("order-9"));
        QCOMPARE(e.timeUs, 1740826800500000LL);
        QCOMPARE(e.correlationId, QStringLiteral("corr"));
        QCOMPARE(e.data, QByteArray("{\"a\":1}"));
        QVERIFY(e.metadata.contains("\"traceparent\":\"tp\""));
        QVERIFY(e.metadata.contains("\"source\":\"/orders\""));
    }

    void streamFromSourceOption()
    {
        QTemporaryDir dir;
        Workspace ws(dir.filePath(QStringLiteral("t.eventscope")));
        ImportRequest request;
        request.files << writeFile(
            dir, QStringLiteral("ce.jsonl"),
            "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/orders\",\"subject\":\"s\",\"type\":\"T\"}");
        request.options.cloudEventsStreamFrom = QStringLiteral("source");
        QCOMPARE(runImport(ws, request).accepted, 1);
        WorkspaceStore store(ws);
        QCOMPARE(store.eventAt(1)->stream, QStringLiteral("/orders"));
    }

    void mappedFieldsLandInTheEnvelope()
    {
        QTemporaryDir dir;
        const auto report =
            importBytes(dir, QStringLiteral("m.jsonl"),
                        "{\"aggregateId\":42,\"eventType\":\"Moved\",\"occurredAt\":1740830400123,"
                        "\"eventId\":\"x1\",\"x\":1,\"y\":[true]}",
                        QStringLiteral("stream=aggregateId,type=eventType,time=occurredAt,id=eventId"));
        QCOMPARE(report.accepted, 1);
        QVERIFY(report.files.front().note.contains(QStringLiteral("--map")));
        Workspace ws(dir.filePath(QStringLiteral("t.eventscope")));
        WorkspaceStore store(ws);
        const Event e = *store.eventAt(1);
        QCOMPARE(e.stream, QStringLiteral("42"));
        QCOMPARE(e.timeUs, 1740830400123000LL);
        QCOMPARE(e.id, QStringLiteral("x1"));
        QCOMPARE(e.data, QByteArray("{\"x\":1,\"y\":[true]}"));
    }

    void unknownShapeFailsWithHelp()
    {
        QTemporaryDir dir;
        const auto report =
            importBytes(dir, QStringLiteral("u.jsonl"), "{\"aggregateId\":1,\"eventType\":\"T\",\"at\":5}");
        QCOMPARE(report.status, ImportReport::Status::Failed);
        QVERIFY2(report.error.contains(QStringLiteral("fields seen: aggregateId, eventType, at")),
                 qPrintable(report.error));
        QVERIFY2(report.error.contains(QStringLiteral("--map stream=aggregateId,type=eventType,time=at")),
                 qPrintable(report.error));
    }

    void badMappingFails()
    {
        QTemporaryDir dir;
        const auto report =
            importBytes(dir, QStringLiteral("u.jsonl"), envelopeLine, QStringLiteral("stream=a,colour=b"));
        QCOMPARE(report.status, ImportReport::Status::Failed);
        QVERIFY(report.error.contains(QStringLiteral("unknown mapping target 'colour'")));
    }

    void strictAbortsWithNothingWritten()
    {
        QTemporaryDir dir;
        const auto report =
            importBytes(dir, QStringLiteral("s.jsonl"), envelopeLine + "\nnot json\n", {}, true);
        QCOMPARE(report.status, ImportReport::Status::Failed);
        QVERIFY(report.error.contains(QStringLiteral("s.jsonl:2:")));
        Workspace ws(dir.filePath(QStringLiteral("t.eventscope")));
        WorkspaceStore store(ws);
        QCOMPARE(store.count(), 0);
        QVERIFY(ws.imports().empty());
    }

    // A scalar element whose last byte ends a read chunk must not swallow the delimiter after it.
    void scalarAtChunkBoundary()
    {
        QByteArray head = "[{\"id\":\"big\",\"stream\":\"s\",\"type\":\"T\",\"time\":1,\"data\":{\"p\":\"";
        const QByteArray tail = "\"}},";
        const qsizetype chunk = 1 << 20;
        head += QByteArray(chunk - 1 - head.size() - tail.size(), 'x') + tail;
        QCOMPARE(head.size(), chunk - 1);
        const QByteArray bytes = head + "7," + envelopeLine + "]";
        QTemporaryDir dir;
        const auto report = importBytes(dir, QStringLiteral("edge.json"), bytes);
        QVERIFY2(report.status == ImportReport::Status::Completed, qPrintable(report.error));
        QCOMPARE(report.accepted, 2);
        QCOMPARE(report.rejected, 1);
        QVERIFY2(report.messages.first().contains(QStringLiteral("not a JSON object")),
                 qPrintable(report.messages.first()));
    }

    void hugeLineIsHandled()
    {
        QTemporaryDir dir;
        QByteArray big = "{\"id\":\"big\",\"stream\":\"s\",\"type\":\"T\",\"time\":\"2025-03-01T12:00:00Z\","
                         "\"data\":{\"blob\":\"";
        big += QByteArray(100 * 1024 * 1024, 'x');
        big += "\"}}\n" + envelopeLine + "\n";
        const auto report = importBytes(dir, QStringLiteral("big.jsonl"), big);
        QCOMPARE(report.accepted, 2);
    }
};

QTEST_GUILESS_MAIN(TestJsonImport)
#include "tst_jsonimport.moc"
