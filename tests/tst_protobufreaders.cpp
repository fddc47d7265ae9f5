#include "protobuf/protobufformats.h"
#include "testsupport.h"
#include "tst_protobufsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace eventscope;
using namespace eventscope::importers;
using namespace eventscope::testing;
using namespace eventscope::testing::pb;

namespace {

constexpr qint64 novemberSeconds = 1700000000; // 2023-11-14T22:13:20Z

std::unique_ptr<FormatReader> reader(const QString& id)
{
    for (auto& r : protobufReaders()) {
        if (r->id() == id)
            return std::move(r);
    }
    qFatal("no reader %s", qPrintable(id));
}

// A CloudEvent with time and subject, which the mapping turns into a complete envelope.
Wire fullEvent(const QString& id)
{
    Wire w = ce::event(id);
    ce::attribute(w, QStringLiteral("time"), ce::timestamp(novemberSeconds));
    ce::attribute(w, QStringLiteral("subject"), ce::string(QStringLiteral("order-1")));
    return w;
}

Wire withAttribute(Wire w, const QString& name, const Wire& value)
{
    ce::attribute(w, name, value);
    return w;
}

QJsonObject objectOf(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestProtobufReaders : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    ReadResult read(const QString& readerId, const QByteArray& bytes, RecordingSink& sink,
                    const ReadOptions& options = {})
    {
        const QString path = writeFile(m_dir, QStringLiteral("f%1.pb").arg(++m_files), bytes);
        return reader(readerId)->read(path, options, sink);
    }

    static void checkIssues(const QStringList& actual, const QStringList& expected)
    {
        QCOMPARE(actual.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            if (!actual.at(i).contains(expected.at(i)))
                QFAIL(qPrintable(
                    QStringLiteral("'%1' does not contain '%2'").arg(actual.at(i), expected.at(i))));
        }
    }

private slots:
    void cloudEvents_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<QStringList>("rejections"); // substrings, in order
        QTest::addColumn<QString>("warning");        // a substring one warning must hold
        QTest::addColumn<QString>("layout");

        const QString single = QStringLiteral("one CloudEvent");
        const QString batched = QStringLiteral("CloudEventBatch");
        const QString sequence = QStringLiteral("length-delimited");
        const QByteArray a = fullEvent(QStringLiteral("a")).data();
        const QByteArray b = fullEvent(QStringLiteral("b")).data();
        const QByteArray c = fullEvent(QStringLiteral("c")).data();
        const QStringList abc{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};

        QTest::addRow("single") << a << QStringList{QStringLiteral("a")} << QStringList() << QString()
                                << single;
        QTest::addRow("batch") << batch({a, b, c}) << abc << QStringList() << QString() << batched;
        QTest::addRow("batch of one")
            << batch({a}) << QStringList{QStringLiteral("a")} << QStringList() << QString() << batched;
        QTest::addRow("empty batch") << QByteArray() << QStringList() << QStringList() << QString()
                                     << batched;
        QTest::addRow("delimited") << delimited({a, b, c}) << abc << QStringList() << QString() << sequence;
        QTest::addRow("delimited, first message 10 bytes")
            << delimited({Wire()
                              .string(1, QStringLiteral("1"))
                              .string(2, QStringLiteral("s"))
                              .bytes(3, {})
                              .bytes(4, {})
                              .data(),
                          a})
            << QStringList{QStringLiteral("a")} << QStringList{QStringLiteral("@0 CloudEvent without")}
            << QString() << sequence;
        QTest::addRow("invalid attribute name")
            << batch(
                   {withAttribute(fullEvent(QStringLiteral("x")), QStringLiteral("Bad_Name"), ce::string({}))
                        .data(),
                    b})
            << QStringList{QStringLiteral("b")}
            << QStringList{QStringLiteral("@0 attribute name 'Bad_Name' must use only lower-case")}
            << QString() << batched;
        QTest::addRow("attribute name over 20 characters")
            << batch({withAttribute(fullEvent(QStringLiteral("a")), QStringLiteral("abcdefghijklmnopqrstu"),
                                    ce::string(QStringLiteral("v")))
                          .data()})
            << QStringList{QStringLiteral("a")} << QStringList()
            << QStringLiteral("@0 attribute name 'abcdefghijklmnopqrstu' is longer than 20") << batched;
        QTest::addRow("missing source")
            << batch({ce::event(QStringLiteral("x"), QString()).data(), b})
            << QStringList{QStringLiteral("b")}
            << QStringList{QStringLiteral("without required attribute source")} << QString() << batched;
        QTest::addRow("single without id and type")
            << withAttribute(ce::event(QString(), QStringLiteral("/orders"), QString()),
                             QStringLiteral("time"), ce::timestamp(novemberSeconds))
                   .data()
            << QStringList()
            << QStringList{QStringLiteral("@0 CloudEvent without required attributes id, type")} << QString()
            << single;
        QTest::addRow("unsupported specversion")
            << batch({ce::event(QStringLiteral("x"), QStringLiteral("/o"), QStringLiteral("T"),
                                QStringLiteral("2.0"))
                          .data(),
                      b})
            << QStringList{QStringLiteral("b")}
            << QStringList{QStringLiteral("unsupported specversion '2.0'")} << QString() << batched;
        QTest::addRow("invalid UTF-8 in id")
            << batch({a, Wire().bytes(1, QByteArrayLiteral("\xff\xfe")).raw(ce::event({}).data()).data(), c})
            << QStringList{QStringLiteral("a"), QStringLiteral("c")}
            << QStringList{QStringLiteral("invalid UTF-8 in string field io.cloudevents.v1.CloudEvent.id")}
            << QString() << batched;
        QTest::addRow("message that does not parse")
            << batch({a, QByteArrayLiteral("\x0a\x09short"), c})
            << QStringList{QStringLiteral("a"), QStringLiteral("c")}
            << QStringList{QStringLiteral("message does not parse as io.cloudevents.v1.CloudEvent")}
            << QString() << batched;
        QTest::addRow("time as a string")
            << withAttribute(ce::event(QStringLiteral("a")), QStringLiteral("time"),
                             ce::string(QStringLiteral("2023-11-14T22:13:20Z")))
                   .data()
            << QStringList{QStringLiteral("a")} << QStringList() << QString() << single;
        QTest::addRow("time not a timestamp")
            << batch({withAttribute(ce::event(QStringLiteral("x")), QStringLiteral("time"),
                                    ce::string(QStringLiteral("yesterday")))
                          .data(),
                      b})
            << QStringList{QStringLiteral("b")}
            << QStringList{QStringLiteral("attribute time 'yesterday' is not an RFC 3339 timestamp")}
            << QString() << batched;
        QTest::addRow("time of a wrong type")
            << batch({withAttribute(ce::event(QStringLiteral("x")), QStringLiteral("time"), ce::integer(5))
                          .data(),
                      b})
            << QStringList{QStringLiteral("b")}
            << QStringList{QStringLiteral("attribute time must be a Timestamp, not a Integer")} << QString()
            << batched;
        QTest::addRow("attribute without a value")
            << batch(
                   {withAttribute(fullEvent(QStringLiteral("x")), QStringLiteral("flag"), Wire()).data(), b})
            << QStringList{QStringLiteral("b")} << QStringList{QStringLiteral("attribute flag has no value")}
            << QString() << batched;
        QTest::addRow("no time") << ce::event(QStringLiteral("a")).data() << QStringList{QStringLiteral("a")}
                                 << QStringList() << QStringLiteral("no time attribute") << single;
        const QByteArray abcBatch = batch({a, b, c});
        QTest::addRow("truncated batch")
            << abcBatch.chopped(5) << QStringList{QStringLiteral("a"), QStringLiteral("b")}
            << QStringList{QStringLiteral("@%1 record at byte %1 claims %2 bytes but only %3 remain")
                               .arg(2 * (a.size() + 2))
                               .arg(c.size())
                               .arg(c.size() - 5)}
            << QString() << batched;
        QTest::addRow("batch with a foreign field")
            << batch({a}) + Wire().integer(2, 7).data() << QStringList{QStringLiteral("a")}
            << QStringList{QStringLiteral("unexpected field 2 (wire type 0)")} << QString() << batched;
    }

    void cloudEvents()
    {
        QFETCH(QByteArray, file);
        QFETCH(QStringList, ids);
        QFETCH(QStringList, rejections);
        QFETCH(QString, warning);
        QFETCH(QString, layout);

        RecordingSink sink;
        const ReadResult result = read(QStringLiteral("cloudevents-proto"), file, sink);
        QCOMPARE(result.error, QString());
        QCOMPARE(result.status, ReadResult::Status::Completed);
        QCOMPARE(sink.ids(), ids);
        checkIssues(sink.rejections, rejections);
        if (!warning.isEmpty() && sink.warnings.filter(warning).isEmpty())
            QFAIL(qPrintable(sink.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(sink.notes.filter(layout).size(), 1);
        // A framing error ends the read where it was found.
        if (rejections.filter(QStringLiteral("claims")).isEmpty() &&
            rejections.filter(QStringLiteral("unexpected")).isEmpty())
            QCOMPARE(sink.progressReports.last(), qint64(file.size()));
        else
            QVERIFY(sink.progressReports.last() < file.size());
    }

    void cloudEventFields()
    {
        Wire w = ce::event(QStringLiteral("e-1"), QStringLiteral("/shop"), QStringLiteral("OrderPlaced"));
        ce::attribute(w, QStringLiteral("time"), ce::timestamp(novemberSeconds, 123456789));
        ce::attribute(w, QStringLiteral("subject"), ce::string(QStringLiteral("order-7")));
        ce::attribute(w, QStringLiteral("dataschema"), ce::uri(QStringLiteral("https://schemas/order")));
        ce::attribute(w, QStringLiteral("causationid"), ce::string(QStringLiteral("c-1")));
        ce::attribute(w, QStringLiteral("correlationid"), ce::uriRef(QStringLiteral("r-1")));
        ce::attribute(w, QStringLiteral("streamversion"), ce::integer(3));
        ce::attribute(w, QStringLiteral("flag"), ce::boolean(true));
        ce::attribute(w, QStringLiteral("delta"), ce::integer(-5));
        ce::attribute(w, QStringLiteral("blob"), ce::binary(QByteArrayLiteral("\x01\x02\xff")));
        ce::attribute(w, QStringLiteral("seen"), ce::timestamp(novemberSeconds));
        ce::textData(w, QByteArrayLiteral("{\"total\":12}"));

        RecordingSink sink;
        QCOMPARE(read(QStringLiteral("cloudevents-proto"), w.data(), sink).status,
                 ReadResult::Status::Completed);
        QCOMPARE(sink.rejections, QStringList());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event& e = sink.events.front();
        QCOMPARE(e.id, QStringLiteral("e-1"));
        QCOMPARE(e.type, QStringLiteral("OrderPlaced"));
        QCOMPARE(e.stream, QStringLiteral("order-7"));
        QCOMPARE(e.timeUs, novemberSeconds * 1000000 + 123456);
        QCOMPARE(e.causationId, QStringLiteral("c-1"));
        QCOMPARE(e.correlationId, QStringLiteral("r-1"));
        QCOMPARE(e.streamVersion, qint64(3));
        QCOMPARE(e.data, QByteArrayLiteral("{\"total\":12}"));
        QCOMPARE(sink.eventOffsets, QList<qint64>{0});
        const QJsonObject metadata = objectOf(e.metadata);
        QCOMPARE(metadata.value(QStringLiteral("source")).toString(), QStringLiteral("/shop"));
        QCOMPARE(metadata.value(QStringLiteral("dataschema")).toString(),
                 QStringLiteral("https://schemas/order"));
        QCOMPARE(metadata.value(QStringLiteral("flag")).toBool(), true);
        QCOMPARE(metadata.value(QStringLiteral("delta")).toDouble(), -5.0);
        QCOMPARE(metadata.value(QStringLiteral("blob")).toString(), QStringLiteral("AQL/"));
        QCOMPARE(metadata.value(QStringLiteral("seen")).toString(), QStringLiteral("2023-11-14T22:13:20Z"));
    }

    // A batch encoded by protoc itself (tests/data/protobuf/regenerate.sh), not by our fixtures.
    void protocBatch()
    {
        const QString path = QFINDTESTDATA("data/protobuf/batch.cepb");
        QVERIFY(!path.isEmpty());
        RecordingSink sink;
        QCOMPARE(reader(QStringLiteral("cloudevents-proto"))->read(path, {}, sink).status,
                 ReadResult::Status::Completed);
        QCOMPARE(sink.rejections, QStringList());
        QCOMPARE(sink.ids(), (QStringList{QStringLiteral("evt-1"), QStringLiteral("evt-2")}));
        const Event& placed = sink.events.at(0);
        QCOMPARE(placed.stream, QStringLiteral("order-42"));
        QCOMPARE(placed.type, QStringLiteral("OrderPlaced"));
        QCOMPARE(placed.timeUs, novemberSeconds * 1000000 + 250000);
        QCOMPARE(placed.contentType, QStringLiteral("application/json"));
        QCOMPARE(placed.data, QByteArrayLiteral("{\"total\":99.5,\"currency\":\"EUR\"}"));
        QCOMPARE(placed.correlationId, QStringLiteral("checkout-7"));
        QCOMPARE(objectOf(placed.metadata).value(QStringLiteral("priority")).toDouble(), 2.0);
        const Event& shipped = sink.events.at(1);
        QCOMPARE(shipped.causationId, QStringLiteral("evt-1"));
        QCOMPARE(shipped.rawData, QByteArrayLiteral("\x01\x02\x03"));
        QCOMPARE(shipped.timeUs, (novemberSeconds + 3600) * 1000000);
        QCOMPARE(sink.eventOffsets.at(0), qint64(0));
    }

    void cloudEventData_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("rawData");
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<QString>("dataschema"); // in metadata

        const auto event = [](const QString& contentType) {
            Wire w = fullEvent(QStringLiteral("a"));
            if (!contentType.isEmpty())
                ce::attribute(w, QStringLiteral("datacontenttype"), ce::string(contentType));
            return w;
        };
        const QByteArray json = QByteArrayLiteral("{\"n\":1}");
        Wire w = event({});
        QTest::addRow("text, no content type, JSON")
            << ce::textData(w, json).data() << json << QByteArray() << QString() << QString();
        w = event(QStringLiteral("application/cloudevents+json"));
        QTest::addRow("text, +json") << ce::textData(w, json).data() << json << QByteArray()
                                     << QStringLiteral("application/cloudevents+json") << QString();
        w = event(QStringLiteral("text/plain"));
        QTest::addRow("text, text/plain")
            << ce::textData(w, json).data() << QByteArrayLiteral("\"{\\\"n\\\":1}\"") << QByteArray()
            << QStringLiteral("text/plain") << QString();
        w = event(QStringLiteral("application/json"));
        QTest::addRow("text, JSON type, not JSON")
            << ce::textData(w, QByteArrayLiteral("hello")).data() << QByteArrayLiteral("\"hello\"")
            << QByteArray() << QStringLiteral("application/json") << QString();
        w = event(QStringLiteral("application/octet-stream"));
        QTest::addRow("binary") << ce::binaryData(w, QByteArrayLiteral("\x00\x01\x02")).data() << QByteArray()
                                << QByteArrayLiteral("\x00\x01\x02")
                                << QStringLiteral("application/octet-stream") << QString();
        w = event({});
        QTest::addRow("proto data") << ce::protoData(w, QStringLiteral("type.googleapis.com/acme.Note"),
                                                     QByteArrayLiteral("\x0a\x02hi"))
                                           .data()
                                    << QByteArray() << QByteArrayLiteral("\x0a\x02hi")
                                    << QStringLiteral("application/protobuf")
                                    << QStringLiteral("type.googleapis.com/acme.Note");
        w = event(QStringLiteral("application/x-protobuf"));
        ce::attribute(w, QStringLiteral("dataschema"), ce::uri(QStringLiteral("https://s/note")));
        QTest::addRow("proto data, given type and schema")
            << ce::protoData(w, QStringLiteral("type.googleapis.com/acme.Note"),
                             QByteArrayLiteral("\x0a\x02hi"))
                   .data()
            << QByteArray() << QByteArrayLiteral("\x0a\x02hi") << QStringLiteral("application/x-protobuf")
            << QStringLiteral("https://s/note");
        w = event({});
        QTest::addRow("no data") << w.data() << QByteArray() << QByteArray() << QString() << QString();
    }

    void cloudEventData()
    {
        QFETCH(QByteArray, file);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, rawData);
        QFETCH(QString, contentType);
        QFETCH(QString, dataschema);

        RecordingSink sink;
        QCOMPARE(read(QStringLiteral("cloudevents-proto"), file, sink).status, ReadResult::Status::Completed);
        QCOMPARE(sink.rejections, QStringList());
        QCOMPARE(sink.events.size(), size_t(1));
        const Event& e = sink.events.front();
        QCOMPARE(e.data, data);
        QCOMPARE(e.rawData, rawData);
        QCOMPARE(e.contentType, contentType);
        QCOMPARE(objectOf(e.metadata).value(QStringLiteral("dataschema")).toString(), dataschema);
    }

    void cloudEventsNotProtobuf()
    {
        RecordingSink sink;
        const ReadResult result =
            read(QStringLiteral("cloudevents-proto"), QByteArrayLiteral("this is not protobuf at all"), sink);
        QCOMPARE(result.status, ReadResult::Status::Failed);
        QVERIFY2(result.error.contains(QStringLiteral("is not CloudEvents protobuf")),
                 qPrintable(result.error));

        const ReadResult missing = reader(QStringLiteral("cloudevents-proto"))
                                       ->read(m_dir.filePath(QStringLiteral("absent.cepb")), {}, sink);
        QCOMPARE(missing.status, ReadResult::Status::Failed);
        QVERIFY(missing.error.startsWith(QStringLiteral("cannot open")));
    }

    void stopsWhenTheSinkSaysSo()
    {
        const QByteArray a = fullEvent(QStringLiteral("a")).data();
        for (const QString& id : {QStringLiteral("cloudevents-proto"), QStringLiteral("delimited-proto")}) {
            const QByteArray file =
                id == QLatin1String("delimited-proto")
                    ? delimited(
                          {envelope::event(QStringLiteral("s-1"), QStringLiteral("T"), 1, QStringLiteral("a"))
                               .data(),
                           envelope::event(QStringLiteral("s-1"), QStringLiteral("T"), 2, QStringLiteral("b"))
                               .data()})
                    : batch({a, a});
            RecordingSink sink;
            sink.stopAfterEvents = 1;
            QCOMPARE(read(id, file, sink).status, ReadResult::Status::Stopped);
            QCOMPARE(sink.events.size(), size_t(1));
        }
    }

    void progressOnLargeFiles()
    {
        // About 3 MB of events: progress must be reported along the way, not only at the end.
        QList<QByteArray> events;
        Wire w = fullEvent(QStringLiteral("big"));
        const QByteArray bytes = ce::binaryData(w, QByteArray(100000, 'x')).data();
        for (int i = 0; i < 30; ++i)
            events << bytes;
        RecordingSink sink;
        QCOMPARE(read(QStringLiteral("cloudevents-proto"), batch(events), sink).status,
                 ReadResult::Status::Completed);
        QCOMPARE(sink.events.size(), size_t(30));
        QVERIFY(sink.progressReports.size() >= 3);
        QVERIFY(std::is_sorted(sink.progressReports.cbegin(), sink.progressReports.cend()));
    }

    void envelopes_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QStringList>("ids");
        QTest::addColumn<QStringList>("rejections");

        const auto e = [](const QString& id) {
            return envelope::event(QStringLiteral("order-1"), QStringLiteral("OrderPlaced"), 1000, id).data();
        };
        const QByteArray ab = delimited({e(QStringLiteral("a")), e(QStringLiteral("b"))});
        const QStringList idsAb{QStringLiteral("a"), QStringLiteral("b")};
        const QByteArray c = e(QStringLiteral("c"));

        QTest::addRow("good") << ab << idsAb << QStringList();
        QTest::addRow("empty file") << QByteArray() << QStringList() << QStringList();
        QTest::addRow("varint of 11 bytes")
            << ab + QByteArray(10, '\x80') + QByteArrayLiteral("\x01") + c << idsAb
            << QStringList{QStringLiteral("@%1 malformed length prefix at byte %1").arg(ab.size())};
        QTest::addRow("length past the end")
            << ab + varint(5000) + c << idsAb
            << QStringList{QStringLiteral("@%1 record at byte %1 claims 5000 bytes but only %2 remain")
                               .arg(ab.size())
                               .arg(c.size())};
        QTest::addRow("truncated last message")
            << ab + delimited({c}).chopped(3) << idsAb
            << QStringList{QStringLiteral("record at byte %1 claims %2 bytes but only %3 remain")
                               .arg(ab.size())
                               .arg(c.size())
                               .arg(c.size() - 3)};
        QTest::addRow("truncated length prefix") << ab + QByteArrayLiteral("\x80") << idsAb
                                                 << QStringList{QStringLiteral("truncated length prefix")};
        QTest::addRow("garbage bytes") << QByteArrayLiteral("hello, world") << QStringList()
                                       << QStringList{QStringLiteral("@0 record at byte 0 claims 104 bytes")};
        QTest::addRow("message that does not parse")
            << delimited({e(QStringLiteral("a")), QByteArrayLiteral("\xff\xff\xff"), c})
            << QStringList{QStringLiteral("a"), QStringLiteral("c")}
            << QStringList{QStringLiteral("message does not parse as eventscope.v1.Event")};
        QTest::addRow("missing stream and type")
            << delimited({envelope::event({}, {}, 1, QStringLiteral("x")).data(), c})
            << QStringList{QStringLiteral("c")}
            << QStringList{QStringLiteral("envelope without stream and type")};
        QTest::addRow("missing type")
            << delimited({envelope::event(QStringLiteral("s"), {}, 1, QStringLiteral("x")).data(), c})
            << QStringList{QStringLiteral("c")} << QStringList{QStringLiteral("envelope without type")};
        QTest::addRow("invalid UTF-8 in stream")
            << delimited({Wire().bytes(envelope::Stream, QByteArrayLiteral("\xc3\x28")).data(), c})
            << QStringList{QStringLiteral("c")}
            << QStringList{QStringLiteral("invalid UTF-8 in string field eventscope.v1.Event.stream")};
        QTest::addRow("data_json not JSON")
            << delimited({Wire()
                              .raw(e(QStringLiteral("x")))
                              .string(envelope::DataJson, QStringLiteral("{oops"))
                              .data(),
                          c})
            << QStringList{QStringLiteral("c")} << QStringList{QStringLiteral("data_json is not valid JSON")};
        QTest::addRow("metadata_json not an object")
            << delimited({Wire()
                              .raw(e(QStringLiteral("x")))
                              .string(envelope::MetadataJson, QStringLiteral("[1]"))
                              .data(),
                          c})
            << QStringList{QStringLiteral("c")}
            << QStringList{QStringLiteral("metadata_json is not a JSON object")};
    }

    void envelopes()
    {
        QFETCH(QByteArray, file);
        QFETCH(QStringList, ids);
        QFETCH(QStringList, rejections);

        RecordingSink sink;
        const ReadResult result = read(QStringLiteral("delimited-proto"), file, sink);
        QCOMPARE(result.status, ReadResult::Status::Completed);
        QCOMPARE(sink.ids(), ids);
        checkIssues(sink.rejections, rejections);
    }

    void envelopeFields()
    {
        using namespace envelope;
        const QByteArray message = Wire()
                                       .integer(Position, 99)
                                       .string(Stream, QStringLiteral("order-1"))
                                       .integer(StreamVersion, 0)
                                       .string(Type, QStringLiteral("OrderPlaced"))
                                       .integer(TimeUs, -1500000)
                                       .string(Id, QStringLiteral("e-1"))
                                       .string(CausationId, QStringLiteral("c-1"))
                                       .string(CorrelationId, QStringLiteral("r-1"))
                                       .string(DataJson, QStringLiteral("{\"total\":3}"))
                                       .bytes(DataBytes, QByteArrayLiteral("\x08\x03"))
                                       .string(ContentType, QStringLiteral("application/protobuf"))
                                       .string(MetadataJson, QStringLiteral("{\"user\":\"ann\"}"))
                                       .string(Source, QStringLiteral("elsewhere.jsonl"))
                                       .data();
        RecordingSink sink;
        QCOMPARE(read(QStringLiteral("delimited-proto"), delimited({message}), sink).status,
                 ReadResult::Status::Completed);
        QCOMPARE(sink.events.size(), size_t(1));
        const Event& e = sink.events.front();
        QCOMPARE(e.position, qint64(0)); // the importing workspace assigns positions
        QCOMPARE(e.source, QString());   // and provenance
        QCOMPARE(e.stream, QStringLiteral("order-1"));
        QCOMPARE(e.streamVersion, qint64(0)); // verbatim
        QCOMPARE(e.schemaVersion, 1);         // proto3's 0 = absent
        QCOMPARE(e.type, QStringLiteral("OrderPlaced"));
        QCOMPARE(e.timeUs, qint64(-1500000));
        QCOMPARE(e.id, QStringLiteral("e-1"));
        QCOMPARE(e.causationId, QStringLiteral("c-1"));
        QCOMPARE(e.correlationId, QStringLiteral("r-1"));
        QCOMPARE(e.data, QByteArrayLiteral("{\"total\":3}"));
        QCOMPARE(e.rawData, QByteArrayLiteral("\x08\x03"));
        QCOMPARE(e.contentType, QStringLiteral("application/protobuf"));
        QCOMPARE(e.metadata, QByteArrayLiteral("{\"user\":\"ann\"}"));
    }

    // Every prefix of a good file, and the file with each byte flipped in turn, must read without
    // a crash, reporting what is broken rather than failing the whole read.
    void survivesDamage_data()
    {
        QTest::addColumn<QString>("readerId");
        QTest::addColumn<QByteArray>("file");
        Wire w = fullEvent(QStringLiteral("a"));
        ce::protoData(w, QStringLiteral("type.googleapis.com/acme.Note"), QByteArrayLiteral("\x0a\x02hi"));
        const QByteArray a = w.data();
        QTest::addRow("CloudEvent batch") << QStringLiteral("cloudevents-proto") << batch({a, a});
        QTest::addRow("delimited CloudEvents") << QStringLiteral("cloudevents-proto") << delimited({a, a});
        const QByteArray env =
            Wire()
                .raw(envelope::event(QStringLiteral("s-1"), QStringLiteral("T"), 5, QStringLiteral("x")))
                .string(envelope::DataJson, QStringLiteral("{\"a\":[1,2]}"))
                .string(envelope::MetadataJson, QStringLiteral("{}"))
                .data();
        QTest::addRow("envelopes") << QStringLiteral("delimited-proto") << delimited({env, env});
    }

    void survivesDamage()
    {
        QFETCH(QString, readerId);
        QFETCH(QByteArray, file);
        const auto r = reader(readerId);
        QList<QByteArray> variants;
        for (qsizetype n = 0; n < file.size(); ++n)
            variants << file.left(n);
        for (qsizetype i = 0; i < file.size(); ++i) {
            QByteArray flipped = file;
            flipped[i] = char(flipped.at(i) ^ 0xA5);
            variants << flipped;
        }
        const QString path = m_dir.filePath(QStringLiteral("damaged.pb"));
        for (const QByteArray& variant : std::as_const(variants)) {
            writeFile(m_dir, QStringLiteral("damaged.pb"), variant);
            RecordingSink sink;
            const ReadResult result = r->read(path, {}, sink);
            QVERIFY(result.status != ReadResult::Status::Stopped);
            r->detect(variant, path);
            // Every record is accounted for: read, or reported with a reason.
            if (result.status == ReadResult::Status::Completed)
                QVERIFY(!sink.events.empty() || !sink.rejections.isEmpty() || variant.isEmpty());
        }
    }

    void detect_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<int>("cloudEvents"); // minimum, or exact when 0
        QTest::addColumn<int>("envelopes");

        const QByteArray a = fullEvent(QStringLiteral("a")).data();
        const QByteArray env =
            envelope::event(QStringLiteral("order-1"), QStringLiteral("OrderPlaced"), 1, QStringLiteral("a"))
                .data();
        const QString bin = QStringLiteral("events.bin");
        QTest::addRow("CloudEvent") << a << bin << 80 << 0;
        QTest::addRow("CloudEvent batch") << batch({a, a}) << bin << 80 << 0;
        QTest::addRow("CloudEvent batch, .cepb") << batch({a, a}) << QStringLiteral("x.cepb") << 95 << 0;
        QTest::addRow("delimited CloudEvents") << delimited({a, a}) << bin << 80 << 0;
        QTest::addRow("head cut inside the second event") << batch({a, a}).chopped(4) << bin << 80 << 0;
        QTest::addRow("envelopes") << delimited({env, env}) << bin << 0 << 80;
        QTest::addRow("envelopes, .delimited")
            << delimited({env}) << QStringLiteral("x.delimited") << 0 << 90;
        QTest::addRow("JSON") << QByteArrayLiteral("{\"id\":\"a\"}\n") << QStringLiteral("x.jsonl") << 0 << 0;
        QTest::addRow("garbage") << QByteArrayLiteral("\xff\xff\xff\xff") << QStringLiteral("x.dat") << 0
                                 << 0;
        QTest::addRow("empty") << QByteArray() << QStringLiteral("x.dat") << 0 << 0;
    }

    void detect()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, fileName);
        QFETCH(int, cloudEvents);
        QFETCH(int, envelopes);

        const int ce = reader(QStringLiteral("cloudevents-proto"))->detect(head, fileName);
        const int envelope = reader(QStringLiteral("delimited-proto"))->detect(head, fileName);
        if (cloudEvents == 0)
            QVERIFY2(ce <= 5, qPrintable(QString::number(ce)));
        else
            QVERIFY2(ce >= cloudEvents, qPrintable(QString::number(ce)));
        if (envelopes == 0)
            QVERIFY2(envelope <= 5, qPrintable(QString::number(envelope)));
        else
            QVERIFY2(envelope >= envelopes, qPrintable(QString::number(envelope)));
        QCOMPARE(reader(QStringLiteral("delimited-message"))->detect(head, fileName), 0);
    }
};

QTEST_GUILESS_MAIN(TestProtobufReaders)
#include "tst_protobufreaders.moc"
