#include "cloudeventsjson.h"

#include "cloudeventmapping.h"
#include "timeformat.h"
#include "json/simdjsonutil.h"

#include <cmath>

namespace eventscope::importers {

using namespace json;
namespace dom = simdjson::dom;

CloudEventJsonResult cloudEventFromJson(const dom::element& record, std::string_view text,
                                        const ReadOptions& options)
{
    CloudEventJsonResult result;
    CloudEventRecord ce;
    std::optional<dom::element> data;
    std::optional<dom::element> dataBase64;
    QString contentEncoding; // 0.3

    auto stringAttribute = [&](const QString& name, const dom::element& value, QString& target) {
        if (!value.is_string()) {
            result.error = QStringLiteral("attribute '%1' must be a string, found %2")
                               .arg(name, QLatin1String(describeType(value)));
            return false;
        }
        target = toQString(std::string_view(value));
        return true;
    };

    for (const auto field : dom::object(record)) {
        const QString name = toQString(field.key);
        const dom::element value = field.value;
        if (name == QLatin1String("data")) {
            data = value;
            continue;
        }
        if (name == QLatin1String("data_base64")) {
            dataBase64 = value;
            continue;
        }
        if (const QString error = cloudEventAttributeNameError(name); !error.isEmpty()) {
            result.error = error;
            return result;
        }
        if (const QString warning = cloudEventAttributeNameWarning(name); !warning.isEmpty())
            result.warnings << warning;
        if (value.is_null())
            continue; // an attribute set to null is absent
        bool ok = true;
        if (name == QLatin1String("id"))
            ok = stringAttribute(name, value, ce.id);
        else if (name == QLatin1String("source"))
            ok = stringAttribute(name, value, ce.source);
        else if (name == QLatin1String("specversion"))
            ok = stringAttribute(name, value, ce.specVersion);
        else if (name == QLatin1String("type"))
            ok = stringAttribute(name, value, ce.type);
        else if (name == QLatin1String("subject"))
            ok = stringAttribute(name, value, ce.subject);
        else if (name == QLatin1String("datacontenttype"))
            ok = stringAttribute(name, value, ce.dataContentType);
        else if (name == QLatin1String("dataschema") || name == QLatin1String("schemaurl"))
            ok = stringAttribute(name, value, ce.dataSchema);
        else if (name == QLatin1String("datacontentencoding"))
            ok = stringAttribute(name, value, contentEncoding);
        else if (name == QLatin1String("time")) {
            QString timeText;
            ok = stringAttribute(name, value, timeText);
            if (ok) {
                ce.timeUs = parseTimestamp(timeText);
                if (!ce.timeUs) {
                    result.error = QStringLiteral("attribute 'time' is not an RFC 3339 timestamp: \"%1\"")
                                       .arg(timeText.left(60));
                    return result;
                }
            }
        } else {
            // Extension attributes: String, Boolean or Integer (whole, signed 32-bit).
            switch (value.type()) {
            case dom::element_type::STRING:
                ce.extensions.emplace_back(name, toQString(std::string_view(value)));
                break;
            case dom::element_type::BOOL:
                ce.extensions.emplace_back(name, bool(value));
                break;
            case dom::element_type::INT64:
            case dom::element_type::UINT64: {
                const bool inRange = value.is_int64() &&
                                     int64_t(value) >= std::numeric_limits<qint32>::min() &&
                                     int64_t(value) <= std::numeric_limits<qint32>::max();
                if (!inRange) {
                    result.error = QStringLiteral("attribute '%1' is outside the signed 32-bit range of "
                                                  "CloudEvents Integer values")
                                       .arg(name);
                    return result;
                }
                ce.extensions.emplace_back(name, double(int64_t(value)));
                break;
            }
            case dom::element_type::DOUBLE:
                result.error =
                    QStringLiteral("attribute '%1' has a fractional or exponent number; CloudEvents "
                                   "Integer values are whole numbers")
                        .arg(name);
                return result;
            default:
                result.error = QStringLiteral("attribute '%1' must be a string, integer or boolean, found %2")
                                   .arg(name, QLatin1String(describeType(value)));
                return result;
            }
        }
        if (!ok)
            return result;
    }

    if (data && dataBase64) {
        result.error =
            QStringLiteral("both data and data_base64 are present; a CloudEvent has one or the other");
        return result;
    }
    const bool base64Data =
        dataBase64 || (ce.specVersion == QLatin1String("0.3") &&
                       contentEncoding.compare(QLatin1String("base64"), Qt::CaseInsensitive) == 0);
    if (base64Data) {
        const dom::element encoded = dataBase64 ? *dataBase64 : *data;
        if (!encoded.is_string()) {
            result.error = QStringLiteral("data_base64 must be a string, found %1")
                               .arg(QLatin1String(describeType(encoded)));
            return result;
        }
        const std::string_view encodedText(encoded);
        auto decoded =
            QByteArray::fromBase64Encoding(QByteArray(encodedText.data(), qsizetype(encodedText.size())),
                                           QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            result.error = QStringLiteral("data_base64 is not valid base64");
            return result;
        }
        ce.dataKind = CloudEventRecord::DataKind::Binary;
        ce.data = *decoded;
    } else if (data && !data->is_null()) {
        if (data->is_string() && !isJsonContentType(ce.dataContentType)) {
            const std::string_view payload(*data);
            ce.dataKind = CloudEventRecord::DataKind::Text;
            ce.data = QByteArray(payload.data(), qsizetype(payload.size()));
        } else {
            ce.dataKind = CloudEventRecord::DataKind::Json;
            json::RawMemberScanner scanner;
            std::vector<json::RawMemberScanner::Member> members;
            std::optional<std::string_view> raw;
            if (scanner.scan(text, members)) {
                for (const auto& m : members) {
                    if (m.escapedKey == "data")
                        raw = m.rawValue;
                }
            }
            ce.data = raw ? compactJsonText(*raw) : QByteArray::fromStdString(simdjson::minify(*data));
        }
    }
    if (!contentEncoding.isEmpty() && ce.specVersion != QLatin1String("0.3"))
        ce.extensions.emplace_back(QStringLiteral("datacontentencoding"), contentEncoding);

    QString error;
    result.event = cloudEventToEvent(ce, options, error, result.warnings);
    result.error = error;
    return result;
}

} // namespace eventscope::importers
