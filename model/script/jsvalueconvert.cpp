#include "jsvalueconvert.h"

#include "replay/projection.h"

#include <QDateTime>
#include <QJSEngine>
#include <QJSValueIterator>

#include <cmath>

namespace eventscope::script {
namespace {

QJSValue jsonFunction(QJSEngine& engine, const QString& name)
{
    return engine.globalObject().property(QStringLiteral("JSON")).property(name);
}

json::Value fromJsValue(const QJSValue& value, int depth)
{
    if (depth > maxDepth)
        throw replay::ProjectionError{
            QStringLiteral(
                "the state cannot be turned into JSON: it is nested more than %1 deep, or refers to itself")
                .arg(maxDepth),
            {},
            0,
            0};
    if (value.isBool())
        return json::Value(value.toBool());
    if (value.isNumber()) {
        const double number = value.toNumber();
        return std::isfinite(number) ? json::Value(number) : json::Value();
    }
    if (value.isString())
        return json::Value(value.toString());
    if (value.isArray()) {
        json::Value array = json::Value::array();
        const quint32 length = value.property(QStringLiteral("length")).toUInt();
        for (quint32 i = 0; i < length; ++i)
            array.append(fromJsValue(value.property(i), depth + 1));
        return array;
    }
    if (value.isDate()) // as Date.prototype.toJSON has it
        return json::Value(value.toDateTime().toUTC().toString(Qt::ISODateWithMs));
    if (value.isObject() && !value.isCallable()) {
        json::Value object = json::Value::object();
        QJSValueIterator it(value);
        while (it.hasNext()) {
            it.next();
            const QJSValue member = it.value();
            if (member.isUndefined() || member.isCallable())
                continue;
            object.insert(it.name().toStdString(), fromJsValue(member, depth + 1));
        }
        return object;
    }
    return {}; // null, undefined
}

} // namespace

QJSValue toJs(QJSEngine& engine, const json::Value& value)
{
    // A json::Value cannot refer to itself, and its parser bounds nesting: no depth check needed.
    switch (value.type()) {
    case json::Value::Type::Null:
        return QJSValue(QJSValue::NullValue);
    case json::Value::Type::Bool:
        return QJSValue(value.toBool());
    case json::Value::Type::Number:
        return QJSValue(value.toDouble());
    case json::Value::Type::String:
        return QJSValue(value.toQString());
    case json::Value::Type::Array: {
        QJSValue array = engine.newArray(uint(value.size()));
        for (std::size_t i = 0; i < value.size(); ++i)
            array.setProperty(quint32(i), toJs(engine, value.at(i)));
        return array;
    }
    case json::Value::Type::Object: {
        QJSValue object = engine.newObject();
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string_view key = value.keyAt(i);
            object.setProperty(QString::fromUtf8(key.data(), qsizetype(key.size())),
                               toJs(engine, value.valueAt(i)));
        }
        return object;
    }
    }
    return {};
}

json::Value fromJs(QJSEngine& engine, const QJSValue& value)
{
    Q_UNUSED(engine); // for symmetry with toJs(), and with the JSON-text versions
    return fromJsValue(value, 0);
}

QJSValue toJsViaJson(QJSEngine& engine, const json::Value& value)
{
    if (!value.isArray() && !value.isObject())
        return toJs(engine, value); // a scalar needs no parser
    static const QString parse = QStringLiteral("parse");
    return jsonFunction(engine, parse).call({QString::fromUtf8(json::toJson(value))});
}

json::Value fromJsViaJson(QJSEngine& engine, const QJSValue& value)
{
    if (!value.isObject())
        return fromJsValue(value, 0);
    static const QString stringify = QStringLiteral("stringify");
    const QJSValue text = jsonFunction(engine, stringify).call({value});
    if (text.isError())
        throw replay::ProjectionError{
            QStringLiteral("the state cannot be turned into JSON: %1").arg(text.toString()), {}, 0, 0};
    if (!text.isString())
        return {};
    std::optional<json::Value> parsed = json::parse(text.toString().toUtf8());
    return parsed ? std::move(*parsed) : json::Value();
}

} // namespace eventscope::script
