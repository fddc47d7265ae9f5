#include "eventsourcingstate.h"

#include "timeformat.h"
#include "json/jsonvalue.h"

namespace eventscope::importers::live {
namespace {

// zlib's header: CMF 0x78 (deflate, 32 KiB window) and a check byte making CMF*256+FLG a multiple
// of 31.
bool looksZlib(const QByteArray& bytes)
{
    if (bytes.size() < 2 || quint8(bytes[0]) != 0x78)
        return false;
    return ((quint8(bytes[0]) << 8) | quint8(bytes[1])) % 31 == 0;
}

QByteArray inflateZlib(const QByteArray& bytes)
{
    // qUncompress reads zlib data behind a 4-byte big-endian size hint and grows its buffer when
    // the hint is short: give it one.
    QByteArray framed(4, '\0');
    const quint32 hint = quint32(std::min<qsizetype>(bytes.size() * 4, 1 << 30));
    framed[0] = char(hint >> 24);
    framed[1] = char(hint >> 16);
    framed[2] = char(hint >> 8);
    framed[3] = char(hint);
    framed += bytes;
    return qUncompress(framed);
}

// {"_type_": T, "_data_": D} -> D, recursively: what the transcoder added so that Python could
// rebuild its objects; a reader of the log wants the values.
json::Value unwrap(const json::Value& value)
{
    if (value.isArray()) {
        json::Value out = json::Value::array();
        for (std::size_t i = 0; i < value.size(); ++i)
            out.append(unwrap(value.at(i)));
        return out;
    }
    if (!value.isObject())
        return value;
    if (value.size() == 2 && value.find("_type_") && value.find("_data_") && value["_type_"].isString())
        return unwrap(value["_data_"]);
    json::Value out = json::Value::object();
    for (std::size_t i = 0; i < value.size(); ++i)
        out.insert(value.keyAt(i), unwrap(value.valueAt(i)));
    return out;
}

} // namespace

EventsourcingTopic EventsourcingTopic::parse(const QString& topic)
{
    EventsourcingTopic result;
    qsizetype split = topic.lastIndexOf(QLatin1Char(':'));
    if (split < 0)
        split = topic.lastIndexOf(QLatin1Char('#'));
    result.type = split < 0 ? topic : topic.mid(split + 1);
    if (result.type.isEmpty())
        result.type = topic;
    const qsizetype dot = result.type.lastIndexOf(QLatin1Char('.'));
    if (dot > 0)
        result.aggregate = result.type.left(dot);
    return result;
}

EventsourcingState EventsourcingState::decode(const QByteArray& state)
{
    EventsourcingState result;
    QByteArray text = state;
    auto parsed = json::parse(text);
    if (!parsed) {
        const bool zlib = looksZlib(state);
        if (zlib) {
            text = inflateZlib(state);
            parsed = json::parse(text);
        }
        if (!parsed) {
            result.encoding = Encoding::Opaque;
            result.problem =
                zlib ? QStringLiteral("state looks zlib-compressed but does not inflate to JSON")
                     : QStringLiteral("state is neither JSON nor zlib-compressed JSON (encrypted "
                                      "with the application's CIPHER_TOPIC, or written by another "
                                      "transcoder)");
            return result;
        }
        result.encoding = Encoding::ZlibJson;
    }
    json::Value value = std::move(*parsed);
    // Rewrite only what holds wrappers: everything else is kept byte for byte.
    if (text.contains("\"_type_\"")) {
        value = unwrap(value);
        text = json::toJson(value);
    }
    result.json = text;
    if (const json::Value* timestamp = value.find("timestamp"); timestamp && timestamp->isString())
        result.timeUs = parseTimestamp(timestamp->toStringView());
    return result;
}

} // namespace eventscope::importers::live
