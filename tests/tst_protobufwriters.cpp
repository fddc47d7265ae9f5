#include "protobuf/protobufformats.h"
#include "testsupport.h"
#include "tst_protobufsupport.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <google/protobuf/descriptor.pb.h>

#include <memory>
#include <vector>

using namespace eventscope;
using namespace eventscope::importers;
using namespace eventscope::testing;
namespace gp = google::protobuf;

namespace {

std::unique_ptr<FormatReader> reader(const QString& id)
{
    for (auto& r : protobufReaders()) {
        if (r->id() == id)
            return std::move(r);
    }
    qFatal("no reader %s", qPrintable(id));
}

std::unique_ptr<ExportFormat> exportFormat(const QString& id)
{
    for (auto& f : protobufExportFormats()) {
        if (f->id() == id)
            return std::move(f);
    }
    qFatal("no export format %s", qPrintable(id));
}

QByteArray exportEvents(const ExportFormat& format, const std::vector<Event>& events)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const auto writer = format.open(buffer);
    for (const Event& e : events)
        writer->write(e);
    writer->finish();
    return bytes;
}

// The envelopes a round trip must keep, in the forms an import produces: compact JSON, and a
// content type where the CloudEvents mapping would otherwise infer one.
std::vector<Event> sampleEvents()
{
    std::vector<Event> events;
    Event json = makeEvent(QStringLiteral("order-1"), QStringLiteral("OrderPlaced"), 1700000000123456,
                           QStringLiteral("e-1"));
    json.data = QByteArrayLiteral("{\"total\":12,\"lines\":[{\"sku\":\"a\"}],\"note\":\"caf\xc3\xa9\"}");
    json.contentType = QStringLiteral("application/json");
    json.metadata = QByteArrayLiteral("{\"tags\":[1,2],\"user\":\"ann\"}");
    json.streamVersion = 1;
    json.schemaVersion = 2;
    events.push_back(json);

    Event binary = makeEvent(QStringLiteral("order-1"), QStringLiteral("PhotoAttached"), 1700000001000000,
                             QStringLiteral("e-2"));
    binary.data.clear();
    binary.rawData = QByteArray("\x00\x01\xfe\xff binary", 11);
    binary.contentType = QStringLiteral("application/octet-stream");
    binary.metadata = QByteArrayLiteral("{}");
    binary.streamVersion = 2;
    binary.causationId = QStringLiteral("e-1");
    binary.correlationId = QStringLiteral("corr-9");
    events.push_back(binary);

    Event old = makeEvent(QStringLiteral("customer-7"), QStringLiteral("CustomerRegistered"), -86400000001,
                          QStringLiteral("e-3"));
    old.data = QByteArrayLiteral("{}");
    old.contentType = QStringLiteral("application/json");
    old.metadata = QByteArrayLiteral("{\"source\":\"/crm\"}");
    old.streamVersion = 5000000000; // beyond CloudEvents' 32-bit Integer
    events.push_back(old);

    Event unversioned =
        makeEvent(QStringLiteral("customer-7"), QStringLiteral("CustomerRenamed"), 0, QStringLiteral("e-4"));
    unversioned.contentType = QStringLiteral("application/json");
    unversioned.metadata = QByteArrayLiteral("{\"n\":1.5}");
    events.push_back(unversioned);
    return events;
}

// Every field except position and source, which describe the workspace an event is stored in.
void compareEnvelopes(const Event& actual, const Event& expected)
{
    Event a = actual;
    Event e = expected;
    a.position = e.position = 0;
    a.source = e.source = QString();
    QCOMPARE(a.stream, e.stream);
    QCOMPARE(a.type, e.type);
    QCOMPARE(a.data, e.data);
    QCOMPARE(a.metadata, e.metadata);
    QCOMPARE(a.rawData, e.rawData);
    QCOMPARE(a.contentType, e.contentType);
    QVERIFY(a == e); // the remaining fields
}

} // namespace

class TestProtobufWriters : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    // Exports events, then imports the file with the format's own reader.
    ReadResult roundTrip(const QString& formatId, const std::vector<Event>& events, RecordingSink& sink,
                         const ReadOptions& options = {})
    {
        const QByteArray bytes = exportEvents(*exportFormat(formatId), events);
        const QString path = writeFile(m_dir, QStringLiteral("export%1.pb").arg(++m_files), bytes);
        return reader(formatId)->read(path, options, sink);
    }

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addRow("cloudevents-proto") << QStringLiteral("cloudevents-proto");
        QTest::addRow("delimited-proto") << QStringLiteral("delimited-proto");
    }

    void roundTrip()
    {
        QFETCH(QString, format);
        const std::vector<Event> events = sampleEvents();
        RecordingSink sink;
        QCOMPARE(roundTrip(format, events, sink).status, ReadResult::Status::Completed);
        QCOMPARE(sink.rejections, QStringList());
        QCOMPARE(sink.events.size(), events.size());
        for (size_t i = 0; i < events.size() && !QTest::currentTestFailed(); ++i)
            compareEnvelopes(sink.events.at(i), events.at(i));
    }

    void detectsItsOwnExport_data() { roundTrip_data(); }

    void detectsItsOwnExport()
    {
        QFETCH(QString, format);
        const QByteArray bytes = exportEvents(*exportFormat(format), sampleEvents());
        const QString name = QStringLiteral("export.") + exportFormat(format)->extension();
        int best = 0;
        QString bestId;
        for (const auto& r : protobufReaders()) {
            const int confidence = r->detect(bytes.left(4096), name);
            if (confidence > best) {
                best = confidence;
                bestId = r->id();
            }
        }
        QCOMPARE(bestId, format);
    }

    void emptyExport_data() { roundTrip_data(); }

    void emptyExport()
    {
        QFETCH(QString, format);
        QCOMPARE(exportEvents(*exportFormat(format), {}), QByteArray());
        RecordingSink sink;
        QCOMPARE(roundTrip(format, {}, sink).status, ReadResult::Status::Completed);
        QVERIFY(sink.events.empty());
        QCOMPARE(sink.rejections, QStringList());
    }

    // A payload kept as protobuf bytes with its decoded view comes back whole through the type map.
    void decodedPayloadRoundTrip_data() { roundTrip_data(); }

    void decodedPayloadRoundTrip()
    {
        QFETCH(QString, format);
        gp::FileDescriptorSet set;
        auto* file = set.add_file();
        file->set_name("acme/note.proto");
        file->set_package("acme");
        file->set_syntax("proto3");
        auto* note = file->add_message_type();
        note->set_name("Note");
        auto* field = note->add_field();
        field->set_name("text");
        field->set_number(1);
        field->set_label(gp::FieldDescriptorProto::LABEL_OPTIONAL);
        field->set_type(gp::FieldDescriptorProto::TYPE_STRING);
        const std::string setBytes = set.SerializeAsString();

        ReadOptions options;
        options.descriptorSetPath = writeFile(m_dir, QStringLiteral("note.pb"),
                                              QByteArray(setBytes.data(), qsizetype(setBytes.size())));
        options.typeMap.insert(QStringLiteral("NoteAdded"), QStringLiteral("acme.Note"));

        Event e = makeEvent(QStringLiteral("order-1"), QStringLiteral("NoteAdded"), 1700000000000000,
                            QStringLiteral("n-1"));
        e.rawData = pb::Wire().string(1, QStringLiteral("hello")).data();
        e.data = QByteArrayLiteral("{\"text\":\"hello\"}");
        e.contentType = QStringLiteral("application/protobuf; messageType=acme.Note");
        e.metadata = QByteArrayLiteral("{}");
        RecordingSink sink;
        QCOMPARE(roundTrip(format, {e}, sink, options).status, ReadResult::Status::Completed);
        QCOMPARE(sink.rejections, QStringList());
        QCOMPARE(sink.events.size(), size_t(1));
        compareEnvelopes(sink.events.front(), e);
    }

    void writeFailure_data() { roundTrip_data(); }

    void writeFailure()
    {
        QFETCH(QString, format);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::ReadOnly);
        const auto writer = exportFormat(format)->open(buffer);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("ReadOnly device")));
        QVERIFY_THROWS_EXCEPTION(WriteError, writer->write(sampleEvents().front()));
    }
};

QTEST_GUILESS_MAIN(TestProtobufWriters)
#include "tst_protobufwriters.moc"
