#include "reversal.h"

#include "json/jsonvalue.h"

namespace eventscope::compensation {
namespace {

json::Value negated(const json::Value& value)
{
    switch (value.type()) {
    case json::Value::Type::Number:
        return value.toDouble() == 0 ? value : json::Value(-value.toDouble());
    case json::Value::Type::Array: {
        json::Value out = json::Value::array();
        for (std::size_t i = 0; i < value.size(); ++i)
            out.append(negated(value.at(i)));
        return out;
    }
    case json::Value::Type::Object: {
        json::Value out = json::Value::object();
        for (std::size_t i = 0; i < value.size(); ++i)
            out.insert(value.keyAt(i), negated(value.valueAt(i)));
        return out;
    }
    default:
        return value;
    }
}

} // namespace

QString reversedType(const QString& type)
{
    return type + QLatin1String("Reversed");
}

QByteArray reversedData(const QByteArray& data)
{
    const auto parsed = json::parse(data);
    if (!parsed || !parsed->isObject())
        return QByteArrayLiteral("{}");
    return json::toJson(negated(*parsed));
}

QByteArray reversalMetadata(const Event& event)
{
    json::Value meta = json::Value::object();
    meta.insert("reverses", event.id);
    return json::toJson(meta);
}

} // namespace eventscope::compensation
