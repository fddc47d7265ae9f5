#include "protobuf/descriptorset.h"
#include "protobuf/protobufformats.h"
#include "testsupport.h"
#include "tst_protobufsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <google/protobuf/any.pb.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/timestamp.pb.h>

#include <memory>

using namespace eventscope;
using namespace eventscope::importers;
using namespace eventscope::testing;
using namespace eventscope::testing::pb;
namespace gp = google::protobuf;

namespace {

constexpr qint64 novemberSeconds = 1700000000; // 2023-11-14T22:13:20Z
const QString orderType = QStringLiteral("acme.Order");
const QString protobufOrder = QStringLiteral("application/protobuf; messageType=acme.Order");

void addField(gp::DescriptorProto* message, const char* name, int number, gp::FieldDescriptorProto::Type type,
              const char* typeName = nullptr)
{
    auto* field = message->add_field();
    field->set_name(name);
    field->set_number(number);
    field->set_label(gp::FieldDescriptorProto::LABEL_OPTIONAL);
    field->set_type(type);
    if (typeName)
        field->set_type_name(typeName);
}

// acme/orders.proto: message Note { string text = 1; }
// message Order { string order_id = 1; string kind = 2; int64 amount = 3;
//                 google.protobuf.Timestamp at = 4; google.protobuf.Any detail = 5; }
gp::FileDescriptorProto ordersFile()
{
    gp::FileDescriptorProto file;
    file.set_name("acme/orders.proto");
    file.set_package("acme");
    file.set_syntax("proto3");
    file.add_dependency("google/protobuf/any.proto");
    file.add_dependency("google/protobuf/timestamp.proto");
    auto* note = file.add_message_type();
    note->set_name("Note");
    addField(note, "text", 1, gp::FieldDescriptorProto::TYPE_STRING);
    auto* order = file.add_message_type();
    order->set_name("Order");
    addField(order, "order_id", 1, gp::FieldDescriptorProto::TYPE_STRING);
    addField(order, "kind", 2, gp::FieldDescriptorProto::TYPE_STRING);
    addField(order, "amount", 3, gp::FieldDescriptorProto::TYPE_INT64);
    addField(order, "at", 4, gp::FieldDescriptorProto::TYPE_MESSAGE, ".google.protobuf.Timestamp");
    addField(order, "detail", 5, gp::FieldDescriptorProto::TYPE_MESSAGE, ".google.protobuf.Any");
    return file;
}

enum class SetVariant
{
    WithImports,
    WithoutWellKnownTypes,
    UnresolvedImport,
    UnknownFieldType,
    DuplicateFile
};

QByteArray descriptorSet(SetVariant variant = SetVariant::WithImports)
{
    gp::FileDescriptorSet set;
    if (variant != SetVariant::WithoutWellKnownTypes) {
        gp::Any::descriptor()->file()->CopyTo(set.add_file());
        gp::Timestamp::descriptor()->file()->CopyTo(set.add_file());
    }
    gp::FileDescriptorProto orders = ordersFile();
    if (variant == SetVariant::UnresolvedImport)
        orders.add_dependency("acme/common.proto");
    if (variant == SetVariant::UnknownFieldType)
        addField(orders.mutable_message_type(1), "extra", 6, gp::FieldDescriptorProto::TYPE_MESSAGE,
                 ".acme.Missing");
    *set.add_file() = orders;
    if (variant == SetVariant::DuplicateFile)
        *set.add_file() = orders;
    const std::string bytes = set.SerializeAsString();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

QByteArray noteBytes(const QString& text)
{
    return Wire().string(1, text).data();
}

QByteArray orderBytes(const QString& id, const QString& kind = QStringLiteral("OrderPlaced"),
                      const QString& anyHost = QStringLiteral("type.googleapis.com"))
{
    return Wire()
        .string(1, id)
        .string(2, kind)
        .integer(3, 42)
        .message(4, Wire().integer(1, novemberSeconds))
        .message(5, Wire()
                        .string(1, anyHost + QStringLiteral("/acme.Note"))
                        .bytes(2, noteBytes(QStringLiteral("hi"))))
        .data();
}

QJsonObject objectOf(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonObject expectedOrder(const QString& id, const QString& anyHost = QStringLiteral("type.googleapis.com"))
{
    return QJsonObject{
        {QStringLiteral("order_id"), id},
        {QStringLiteral("kind"), QStringLiteral("OrderPlaced")},
        {QStringLiteral("amount"), QStringLiteral("42")},
        {QStringLiteral("at"), QStringLiteral("2023-11-14T22:13:20Z")},
        {QStringLiteral("detail"),
         QJsonObject{{QStringLiteral("@type"), QString(anyHost + QStringLiteral("/acme.Note"))},
                     {QStringLiteral("text"), QStringLiteral("hi")}}}};
}

std::unique_ptr<FormatReader> reader(const QString& id)
{
    for (auto& r : protobufReaders()) {
        if (r->id() == id)
            return std::move(r);
    }
    qFatal("no reader %s", qPrintable(id));
}

} // namespace

class TestProtobufDescriptors : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_setPath;
    int m_files = 0;

    QString file(const QByteArray& bytes)
    {
        return writeFile(m_dir, QStringLiteral("f%1.pb").arg(++m_files), bytes);
    }

    ReadOptions typeMapOptions() const
    {
        ReadOptions options;
        options.descriptorSetPath = m_setPath;
        options.typeMap.insert(QStringLiteral("OrderPlaced"), orderType);
        return options;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_setPath = writeFile(m_dir, QStringLiteral("set.pb"), descriptorSet());
    }

    void load_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error"); // a substring; empty = loads

        QTest::addRow("with imports") << descriptorSet() << QString();
        QTest::addRow("well-known types from Eventscope")
            << descriptorSet(SetVariant::WithoutWellKnownTypes) << QString();
        QTest::addRow("unresolved import")
            << descriptorSet(SetVariant::UnresolvedImport)
            << QStringLiteral("unresolved import in acme/orders.proto: Import \"acme/common.proto\"");
        QTest::addRow("unknown field type")
            << descriptorSet(SetVariant::UnknownFieldType)
            << QStringLiteral("does not build: acme/orders.proto: acme.Order.extra");
        QTest::addRow("file twice") << descriptorSet(SetVariant::DuplicateFile)
                                    << QStringLiteral("holds acme/orders.proto twice");
        QTest::addRow("garbage") << QByteArrayLiteral("\xff\xff\xff\xff")
                                 << QStringLiteral("is not a FileDescriptorSet");
        QTest::addRow("text") << QByteArrayLiteral("syntax = \"proto3\";\n")
                              << QStringLiteral("is not a FileDescriptorSet");
        QTest::addRow("empty") << QByteArray()
                               << QStringLiteral("is not a FileDescriptorSet (it holds no files)");
    }

    void load()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);

        QString actual;
        const auto set = protobuf::DescriptorSet::load(file(bytes), actual);
        QVERIFY2(actual.contains(error), qPrintable(actual));
        QCOMPARE(set != nullptr, error.isEmpty());
        if (set) {
            QVERIFY(set->hasMessage(orderType));
            QVERIFY(!set->hasMessage(QStringLiteral("acme.Nope")));
        }
    }

    void loadMissingFile()
    {
        QString error;
        QVERIFY(!protobuf::DescriptorSet::load(m_dir.filePath(QStringLiteral("absent.pb")), error));
        QVERIFY2(error.startsWith(QStringLiteral("cannot open descriptor set")), qPrintable(error));
    }

    void decode_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QJsonObject>("json");
        QTest::addColumn<QString>("error");

        QTest::addRow("order, Any unpacked") << orderType << orderBytes(QStringLiteral("o-1"))
                                             << expectedOrder(QStringLiteral("o-1")) << QString();
        QTest::addRow("Any from another host")
            << orderType
            << orderBytes(QStringLiteral("o-1"), QStringLiteral("OrderPlaced"), QStringLiteral("x.org/t"))
            << expectedOrder(QStringLiteral("o-1"), QStringLiteral("x.org/t")) << QString();
        QTest::addRow("defaults shown") << orderType << QByteArray()
                                        << QJsonObject{{QStringLiteral("order_id"), QString()},
                                                       {QStringLiteral("kind"), QString()},
                                                       {QStringLiteral("amount"), QStringLiteral("0")}}
                                        << QString();
        QTest::addRow("invalid UTF-8")
            << orderType << Wire().bytes(1, QByteArrayLiteral("o-\xff")).data() << QJsonObject()
            << QStringLiteral("cannot decode acme.Order: invalid UTF-8 in string field acme.Order.order_id");
        QTest::addRow("invalid UTF-8 in a nested message")
            << QStringLiteral("acme.Note") << Wire().bytes(1, QByteArrayLiteral("\xe2\x82")).data()
            << QJsonObject()
            << QStringLiteral("cannot decode acme.Note: invalid UTF-8 in string field acme.Note.text");
        QTest::addRow("malformed") << orderType << QByteArrayLiteral("\x0a\x10short") << QJsonObject()
                                   << QStringLiteral("cannot decode acme.Order: malformed protobuf");
        QTest::addRow("Any of a type not in the set")
            << orderType
            << Wire()
                   .message(5, Wire()
                                   .string(1, QStringLiteral("type.googleapis.com/acme.Nope"))
                                   .bytes(2, noteBytes(QStringLiteral("hi"))))
                   .data()
            << QJsonObject()
            << QStringLiteral(
                   "cannot decode acme.Order: an Any holds acme.Nope, which is not in the descriptor set");
        QTest::addRow("invalid UTF-8 inside an Any")
            << orderType
            << Wire()
                   .message(5, Wire()
                                   .string(1, QStringLiteral("type.googleapis.com/acme.Note"))
                                   .bytes(2, Wire().bytes(1, QByteArrayLiteral("\xff")).data()))
                   .data()
            << QJsonObject()
            << QStringLiteral("cannot decode acme.Order: invalid UTF-8 in string field acme.Note.text");
        QTest::addRow("type not in the set")
            << QStringLiteral("acme.Nope") << QByteArray() << QJsonObject()
            << QStringLiteral("message type acme.Nope is not in the descriptor set");
    }

    void decode()
    {
        QFETCH(QString, type);
        QFETCH(QByteArray, bytes);
        QFETCH(QJsonObject, json);
        QFETCH(QString, error);

        QString loadError;
        const auto set = protobuf::DescriptorSet::load(m_setPath, loadError);
        QVERIFY2(set, qPrintable(loadError));
        QString actualError;
        const auto decoded = set->toJson(type, bytes, actualError);
        QCOMPARE(decoded.has_value(), error.isEmpty());
        QVERIFY2(actualError.startsWith(error), qPrintable(actualError));
        if (decoded)
            QCOMPARE(objectOf(*decoded), json);
    }

    // A descriptor set and a message made by protoc (tests/data/protobuf/regenerate.sh): the
    // workflow users follow, with repeated fields, an enum and an Any.
    void protocFixtures()
    {
        QString error;
        const auto set = protobuf::DescriptorSet::load(QFINDTESTDATA("data/protobuf/orders.desc"), error);
        QVERIFY2(set, qPrintable(error));
        QFile orderFile(QFINDTESTDATA("data/protobuf/order.bin"));
        QVERIFY(orderFile.open(QIODevice::ReadOnly));
        const QByteArray order = orderFile.readAll();
        const QJsonObject expected{
            {QStringLiteral("order_id"), QStringLiteral("order-42")},
            {QStringLiteral("kind"), QStringLiteral("OrderPlaced")},
            {QStringLiteral("amount"), QStringLiteral("1250")},
            {QStringLiteral("at"), QStringLiteral("2023-11-14T22:13:20Z")},
            {QStringLiteral("detail"),
             QJsonObject{{QStringLiteral("@type"), QStringLiteral("type.googleapis.com/acme.Note")},
                         {QStringLiteral("text"), QStringLiteral("gift wrap")}}},
            {QStringLiteral("tags"), QJsonArray{QStringLiteral("rush"), QStringLiteral("gift")}},
            {QStringLiteral("status"), QStringLiteral("STATUS_OPEN")}};
        const auto json = set->toJson(orderType, order, error);
        QVERIFY2(json, qPrintable(error));
        QCOMPARE(objectOf(*json), expected);

        ReadOptions options;
        options.descriptorSetPath = QFINDTESTDATA("data/protobuf/orders.desc");
        options.messageType = orderType;
        options.mapping = QStringLiteral("stream=order_id,type=kind,time=at,data=*");
        RecordingSink sink;
        QCOMPARE(reader(QStringLiteral("delimited-message"))
                     ->read(file(delimited({order, order})), options, sink)
                     .status,
                 ReadResult::Status::Completed);
        QCOMPARE(sink.rejections, QStringList());
        QCOMPARE(sink.events.size(), size_t(2));
        QCOMPARE(sink.events.front().stream, QStringLiteral("order-42"));
        QCOMPARE(objectOf(sink.events.front().data), expected);
        QCOMPARE(sink.events.front().rawData, order);
    }

    void typeMapOnEnvelopes()
    {
        using envelope::ContentType;
        using envelope::DataBytes;
        using envelope::DataJson;
        const QByteArray order = orderBytes(QStringLiteral("o-1"));
        const QByteArray other = noteBytes(QStringLiteral("kept"));
        const QByteArray bad = Wire().bytes(1, QByteArrayLiteral("\xff")).data();
        const QByteArray first =
            Wire()
                .raw(envelope::event(QStringLiteral("order-1"), QStringLiteral("OrderPlaced"), 1,
                                     QStringLiteral("a")))
                .bytes(DataBytes, order)
                .string(DataJson, QStringLiteral("{\"stale\":true}"))
                .data();
        const QByteArray second =
            Wire()
                .raw(envelope::event(QStringLiteral("order-1"), QStringLiteral("NoteAdded"), 2,
                                     QStringLiteral("b")))
                .bytes(DataBytes, other)
                .string(ContentType, QStringLiteral("application/x-note"))
                .data();
        const QByteArray third =
            Wire()
                .raw(envelope::event(QStringLiteral("order-1"), QStringLiteral("OrderPlaced"), 3,
                                     QStringLiteral("c")))
                .bytes(DataBytes, bad)
                .data();
        RecordingSink sink;
        const ReadResult result = reader(QStringLiteral("delimited-proto"))
                                      ->read(file(delimited({first, second, third})), typeMapOptions(), sink);
        QCOMPARE(result.status, ReadResult::Status::Completed);
        QCOMPARE(sink.ids(), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        const Event& decoded = sink.events.at(0);
        QCOMPARE(objectOf(decoded.data), expectedOrder(QStringLiteral("o-1")));
        QCOMPARE(decoded.rawData, order);
        QCOMPARE(decoded.contentType, protobufOrder);
        const Event& untouched = sink.events.at(1);
        QCOMPARE(untouched.data, QByteArray());
        QCOMPARE(untouched.rawData, other);
        QCOMPARE(untouched.contentType, QStringLiteral("application/x-note"));
        const qint64 thirdOffset = first.size() + second.size() + 2;
        QCOMPARE(sink.rejections,
                 QStringList{QStringLiteral("@%1 cannot decode acme.Order: invalid UTF-8 in string field "
                                            "acme.Order.order_id")
                                 .arg(thirdOffset)});
    }

    void typeMapOnCloudEvents()
    {
        Wire binary = ce::event(QStringLiteral("a"));
        ce::attribute(binary, QStringLiteral("time"), ce::timestamp(novemberSeconds));
        ce::binaryData(binary, orderBytes(QStringLiteral("o-1")));
        Wire proto = ce::event(QStringLiteral("b"));
        ce::attribute(proto, QStringLiteral("time"), ce::timestamp(novemberSeconds));
        ce::protoData(proto, QStringLiteral("type.googleapis.com/acme.Order"),
                      orderBytes(QStringLiteral("o-2")));

        RecordingSink sink;
        const ReadResult result =
            reader(QStringLiteral("cloudevents-proto"))
                ->read(file(batch({binary.data(), proto.data()})), typeMapOptions(), sink);
        QCOMPARE(result.status, ReadResult::Status::Completed);
        QCOMPARE(sink.rejections, QStringList());
        QCOMPARE(sink.events.size(), size_t(2));
        QCOMPARE(objectOf(sink.events.at(0).data), expectedOrder(QStringLiteral("o-1")));
        QCOMPARE(sink.events.at(0).rawData, orderBytes(QStringLiteral("o-1")));
        QCOMPARE(sink.events.at(0).contentType, protobufOrder);
        QCOMPARE(objectOf(sink.events.at(1).data), expectedOrder(QStringLiteral("o-2")));
        QCOMPARE(sink.events.at(1).contentType, protobufOrder);
    }

    void typeMapErrors_data()
    {
        QTest::addColumn<QString>("readerId");
        QTest::addColumn<QString>("setPath");
        QTest::addColumn<QString>("messageType");
        QTest::addColumn<QString>("error");

        const QString garbage =
            writeFile(m_dir, QStringLiteral("garbage.pb"), QByteArrayLiteral("\xff\xff\xff"));
        for (const QString& id : {QStringLiteral("delimited-proto"), QStringLiteral("cloudevents-proto")}) {
            QTest::addRow("%s, no descriptor set", qPrintable(id))
                << id << QString() << orderType << QStringLiteral("a type map needs a descriptor set");
            QTest::addRow("%s, type not in the set", qPrintable(id))
                << id << m_setPath << QStringLiteral("acme.Nope")
                << QStringLiteral("message type acme.Nope (mapped from event type OrderPlaced) is not in");
            QTest::addRow("%s, garbage set", qPrintable(id))
                << id << garbage << orderType << QStringLiteral("garbage.pb is not a FileDescriptorSet");
            QTest::addRow("%s, missing set", qPrintable(id))
                << id << m_dir.filePath(QStringLiteral("absent.pb")) << orderType
                << QStringLiteral("cannot open descriptor set");
        }
    }

    void typeMapErrors()
    {
        QFETCH(QString, readerId);
        QFETCH(QString, setPath);
        QFETCH(QString, messageType);
        QFETCH(QString, error);

        ReadOptions options;
        options.descriptorSetPath = setPath;
        options.typeMap.insert(QStringLiteral("OrderPlaced"), messageType);
        RecordingSink sink;
        const ReadResult result = reader(readerId)->read(file(QByteArray()), options, sink);
        QCOMPARE(result.status, ReadResult::Status::Failed);
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
    }

    void delimitedMessages()
    {
        const QByteArray good = orderBytes(QStringLiteral("order-1"));
        const QByteArray invalid = Wire().bytes(1, QByteArrayLiteral("\xff")).data();
        const QByteArray noTime =
            Wire().string(1, QStringLiteral("order-2")).string(2, QStringLiteral("OrderPlaced")).data();
        const QByteArray bytes = delimited({good, invalid, noTime, good}) + varint(900);
        ReadOptions options;
        options.descriptorSetPath = m_setPath;
        options.messageType = orderType;
        options.mapping = QStringLiteral("stream=order_id,type=kind,time=at");
        RecordingSink sink;
        const ReadResult result =
            reader(QStringLiteral("delimited-message"))->read(file(bytes), options, sink);
        QCOMPARE(result.error, QString());
        QCOMPARE(result.status, ReadResult::Status::Completed);
        QCOMPARE(sink.events.size(), size_t(2));
        const Event& e = sink.events.front();
        QCOMPARE(e.stream, QStringLiteral("order-1"));
        QCOMPARE(e.type, QStringLiteral("OrderPlaced"));
        QCOMPARE(e.timeUs, novemberSeconds * 1000000);
        QCOMPARE(e.rawData, good);
        QCOMPARE(e.contentType, protobufOrder);
        QCOMPARE(objectOf(e.data).value(QStringLiteral("amount")).toString(), QStringLiteral("42"));
        const qint64 second = good.size() + 1;
        const qint64 third = second + invalid.size() + 1;
        const qint64 end = 2 * (good.size() + 1) + invalid.size() + 1 + noTime.size() + 1;
        QCOMPARE(sink.eventOffsets, (QList<qint64>{0, end - good.size() - 1}));
        QCOMPARE(sink.rejections.size(), 3);
        QCOMPARE(
            sink.rejections.at(0),
            QStringLiteral("@%1 cannot decode acme.Order: invalid UTF-8 in string field acme.Order.order_id")
                .arg(second));
        QVERIFY2(
            sink.rejections.at(1).startsWith(QStringLiteral("@%1 missing required field 'at'").arg(third)),
            qPrintable(sink.rejections.at(1)));
        QCOMPARE(sink.rejections.at(2),
                 QStringLiteral("@%1 record at byte %1 claims 900 bytes but only 0 remain").arg(end));
    }

    void delimitedMessageErrors_data()
    {
        QTest::addColumn<QString>("setPath");
        QTest::addColumn<QString>("messageType");
        QTest::addColumn<QString>("mapping");
        QTest::addColumn<QString>("error");

        QTest::addRow("no message type")
            << m_setPath << QString() << QString() << QStringLiteral("need --message-type");
        QTest::addRow("no descriptor set")
            << QString() << orderType << QString() << QStringLiteral("need --descriptor-set");
        QTest::addRow("type not in the set")
            << m_setPath << QStringLiteral("acme.Nope") << QString()
            << QStringLiteral("message type acme.Nope is not in descriptor set");
        QTest::addRow("no mapping matches")
            << m_setPath << orderType << QString() << QStringLiteral("acme.Order at byte 0: ");
    }

    void delimitedMessageErrors()
    {
        QFETCH(QString, setPath);
        QFETCH(QString, messageType);
        QFETCH(QString, mapping);
        QFETCH(QString, error);

        ReadOptions options;
        options.descriptorSetPath = setPath;
        options.messageType = messageType;
        options.mapping = mapping;
        RecordingSink sink;
        const ReadResult result =
            reader(QStringLiteral("delimited-message"))
                ->read(file(delimited({orderBytes(QStringLiteral("o-1"))})), options, sink);
        QCOMPARE(result.status, ReadResult::Status::Failed);
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
    }
};

QTEST_GUILESS_MAIN(TestProtobufDescriptors)
#include "tst_protobufdescriptors.moc"
