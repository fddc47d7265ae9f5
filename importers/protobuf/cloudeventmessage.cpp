#include "cloudeventmessage.h"

#include "jsoncheck.h"

#include "timeformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

namespace eventscope::importers::protobuf {
namespace {

using AttributeValue = io::cloudevents::v1::CloudEvent_CloudEventAttributeValue;

// Timestamp's valid range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
constexpr qint64 minTimestampSeconds = -62135596800LL;
constexpr qint64 maxTimestampSeconds = 253402300799LL;

QString fromStd(const std::string& text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QByteArray bytesOf(const std::string& text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

std::string toStd(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    return std::string(utf8.constData(), size_t(utf8.size()));
}

std::optional<qint64> timestampMicros(const google::protobuf::Timestamp& t)
{
    if (t.seconds() < minTimestampSeconds || t.seconds() > maxTimestampSeconds || t.nanos() < 0 ||
        t.nanos() > 999'999'999)
        return std::nullopt;
    return t.seconds() * 1'000'000 + t.nanos() / 1000;
}

bool isStringValue(const AttributeValue& value)
{
    return value.has_ce_string() || value.has_ce_uri() || value.has_ce_uri_ref();
}

QString stringValue(const AttributeValue& value)
{
    if (value.has_ce_uri())
        return fromStd(value.ce_uri());
    if (value.has_ce_uri_ref())
        return fromStd(value.ce_uri_ref());
    return fromStd(value.ce_string());
}

QString typeName(const AttributeValue& value)
{
    switch (value.attr_case()) {
    case AttributeValue::kCeBoolean:
        return QStringLiteral("Boolean");
    case AttributeValue::kCeInteger:
        return QStringLiteral("Integer");
    case AttributeValue::kCeString:
        return QStringLiteral("String");
    case AttributeValue::kCeBytes:
        return QStringLiteral("Binary");
    case AttributeValue::kCeUri:
        return QStringLiteral("URI");
    case AttributeValue::kCeUriRef:
        return QStringLiteral("URI-reference");
    case AttributeValue::kCeTimestamp:
        return QStringLiteral("Timestamp");
    case AttributeValue::ATTR_NOT_SET:
        break;
    }
    return QStringLiteral("no value");
}

// Fills the record from one attribute; returns the reason when the record must be rejected.
QString applyAttribute(const QString& name, const AttributeValue& value, CloudEventRecord& r)
{
    if (name == QLatin1String("time")) {
        if (value.has_ce_timestamp()) {
            r.timeUs = timestampMicros(value.ce_timestamp());
            if (!r.timeUs)
                return QStringLiteral("attribute time is outside the Timestamp range");
        } else if (isStringValue(value)) {
            r.timeUs = parseTimestamp(stringValue(value));
            if (!r.timeUs)
                return QStringLiteral("attribute time '%1' is not an RFC 3339 timestamp")
                    .arg(stringValue(value));
        } else {
            return QStringLiteral("attribute time must be a Timestamp, not a %1").arg(typeName(value));
        }
        return {};
    }
    QString* field = nullptr;
    if (name == QLatin1String("subject"))
        field = &r.subject;
    else if (name == QLatin1String("datacontenttype"))
        field = &r.dataContentType;
    else if (name == QLatin1String("dataschema"))
        field = &r.dataSchema;
    if (field) {
        if (!isStringValue(value))
            return QStringLiteral("attribute %1 must be a String, not a %2").arg(name, typeName(value));
        *field = stringValue(value);
        return {};
    }

    QJsonValue json;
    switch (value.attr_case()) {
    case AttributeValue::kCeBoolean:
        json = value.ce_boolean();
        break;
    case AttributeValue::kCeInteger:
        json = double(value.ce_integer());
        break;
    case AttributeValue::kCeString:
    case AttributeValue::kCeUri:
    case AttributeValue::kCeUriRef:
        json = stringValue(value);
        break;
    case AttributeValue::kCeBytes:
        json = QString::fromLatin1(bytesOf(value.ce_bytes()).toBase64());
        break;
    case AttributeValue::kCeTimestamp: {
        const auto micros = timestampMicros(value.ce_timestamp());
        if (!micros)
            return QStringLiteral("attribute %1 is outside the Timestamp range").arg(name);
        json = formatTimestamp(*micros);
        break;
    }
    case AttributeValue::ATTR_NOT_SET:
        return QStringLiteral("attribute %1 has no value").arg(name);
    }
    r.extensions.emplace_back(name, json);
    return {};
}

} // namespace

CloudEventConversion recordFromMessage(const io::cloudevents::v1::CloudEvent& message)
{
    CloudEventConversion result;
    CloudEventRecord r;
    r.id = fromStd(message.id());
    r.source = fromStd(message.source());
    r.specVersion = fromStd(message.spec_version());
    r.type = fromStd(message.type());

    std::vector<std::pair<QString, const AttributeValue*>> attributes;
    attributes.reserve(size_t(message.attributes_size()));
    for (const auto& [key, value] : message.attributes())
        attributes.emplace_back(fromStd(key), &value);
    std::sort(attributes.begin(), attributes.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [name, value] : attributes) {
        if (const QString error = cloudEventAttributeNameError(name); !error.isEmpty()) {
            result.error = error;
            return result;
        }
        if (const QString warning = cloudEventAttributeNameWarning(name); !warning.isEmpty())
            result.warnings << warning;
        if (const QString error = applyAttribute(name, *value, r); !error.isEmpty()) {
            result.error = error;
            return result;
        }
    }

    switch (message.data_case()) {
    case io::cloudevents::v1::CloudEvent::kTextData:
        r.data = bytesOf(message.text_data());
        r.dataKind = isJsonContentType(r.dataContentType) && isJsonText(r.data)
                         ? CloudEventRecord::DataKind::Json
                         : CloudEventRecord::DataKind::Text;
        break;
    case io::cloudevents::v1::CloudEvent::kBinaryData:
        r.data = bytesOf(message.binary_data());
        r.dataKind = CloudEventRecord::DataKind::Binary;
        break;
    case io::cloudevents::v1::CloudEvent::kProtoData:
        r.data = bytesOf(message.proto_data().value());
        r.dataKind = CloudEventRecord::DataKind::Binary;
        if (r.dataContentType.isEmpty())
            r.dataContentType = QStringLiteral("application/protobuf");
        if (r.dataSchema.isEmpty())
            r.dataSchema = fromStd(message.proto_data().type_url());
        break;
    case io::cloudevents::v1::CloudEvent::DATA_NOT_SET:
        break;
    }
    result.record = std::move(r);
    return result;
}

void messageFromRecord(const CloudEventRecord& r, io::cloudevents::v1::CloudEvent& message)
{
    message.Clear();
    message.set_id(toStd(r.id));
    message.set_source(toStd(r.source));
    message.set_spec_version(toStd(r.specVersion));
    message.set_type(toStd(r.type));
    auto& attributes = *message.mutable_attributes();
    if (r.timeUs) {
        auto* time = attributes[std::string("time")].mutable_ce_timestamp();
        // Floor division: times before 1970 still get nanos in [0, 1e9) as Timestamp requires.
        qint64 seconds = *r.timeUs / 1'000'000;
        qint64 micros = *r.timeUs % 1'000'000;
        if (micros < 0) {
            micros += 1'000'000;
            --seconds;
        }
        time->set_seconds(seconds);
        time->set_nanos(int(micros * 1000));
    }
    if (!r.subject.isEmpty())
        attributes[std::string("subject")].set_ce_string(toStd(r.subject));
    if (!r.dataContentType.isEmpty())
        attributes[std::string("datacontenttype")].set_ce_string(toStd(r.dataContentType));
    if (!r.dataSchema.isEmpty())
        attributes[std::string("dataschema")].set_ce_uri(toStd(r.dataSchema));
    for (const auto& [name, value] : r.extensions) {
        auto& attribute = attributes[toStd(name)];
        if (value.isBool()) {
            attribute.set_ce_boolean(value.toBool());
        } else if (value.isDouble()) {
            const double number = value.toDouble();
            if (number >= std::numeric_limits<qint32>::min() &&
                number <= std::numeric_limits<qint32>::max() && number == double(qint32(number)))
                attribute.set_ce_integer(qint32(number));
            else
                attribute.set_ce_string(toStd(QString::number(number, 'g', 17)));
        } else if (value.isString()) {
            attribute.set_ce_string(toStd(value.toString()));
        } else {
            // CloudEvents has no structured attribute type: arrays and objects travel as JSON text.
            const QByteArray text =
                value.isArray()    ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                : value.isObject() ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                   : QByteArrayLiteral("null");
            attribute.set_ce_string(text.toStdString());
        }
    }
    switch (r.dataKind) {
    case CloudEventRecord::DataKind::None:
        break;
    case CloudEventRecord::DataKind::Json:
    case CloudEventRecord::DataKind::Text:
        message.set_text_data(r.data.toStdString());
        break;
    case CloudEventRecord::DataKind::Binary:
        message.set_binary_data(r.data.toStdString());
        break;
    }
}

} // namespace eventscope::importers::protobuf
