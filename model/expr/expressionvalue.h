#pragma once

#include "json/jsonvalue.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace eventscope::expr::detail {

// A JavaScript value during evaluation. Trivial (no member initializers, not even std::string_view's,
// so that the evaluator's slots cost nothing to set up): strings are views into the arguments, the
// program's constants or the evaluation's own strings, and arrays and objects are pointers into the
// arguments.
struct Val
{
    enum class Kind : std::uint8_t
    {
        Undefined,
        Null,
        Bool,
        Number,
        String,
        Json // an array or object
    };
    Kind kind;
    bool boolean;
    double number;
    const char* chars; // String
    std::size_t length;
    const json::Value* json; // Json: the array or object; String: the JSON string it reads, if any

    static Val undefined() { return {Kind::Undefined, false, 0, nullptr, 0, nullptr}; }
    static Val null() { return {Kind::Null, false, 0, nullptr, 0, nullptr}; }
    static Val fromBool(bool b) { return {Kind::Bool, b, 0, nullptr, 0, nullptr}; }
    static Val fromNumber(double d) { return {Kind::Number, false, d, nullptr, 0, nullptr}; }
    static Val fromString(std::string_view s, const json::Value* origin = nullptr)
    {
        return {Kind::String, false, 0, s.data(), s.size(), origin};
    }
    static Val fromJson(const json::Value& v)
    {
        switch (v.type()) {
        case json::Value::Type::Null:
            return null();
        case json::Value::Type::Bool:
            return fromBool(v.toBool());
        case json::Value::Type::Number:
            return fromNumber(v.toDouble());
        case json::Value::Type::String:
            return fromString(v.toStringView(), &v);
        case json::Value::Type::Array:
        case json::Value::Type::Object:
            break;
        }
        return {Kind::Json, false, 0, nullptr, 0, &v};
    }

    std::string_view string() const { return {chars, length}; }
    bool isNullish() const { return kind == Kind::Undefined || kind == Kind::Null; }
    bool isArray() const { return kind == Kind::Json && json->isArray(); }
};

inline bool truthy(const Val& v)
{
    switch (v.kind) {
    case Val::Kind::Undefined:
    case Val::Kind::Null:
        return false;
    case Val::Kind::Bool:
        return v.boolean;
    case Val::Kind::Number:
        return v.number != 0 && !std::isnan(v.number);
    case Val::Kind::String:
        return !v.string().empty();
    case Val::Kind::Json:
        return true;
    }
    return false;
}

// Undefined becomes null. A string read from the arguments is shared with them rather than copied.
inline json::Value toJsonValue(const Val& v)
{
    switch (v.kind) {
    case Val::Kind::Undefined:
    case Val::Kind::Null:
        break;
    case Val::Kind::Bool:
        return json::Value(v.boolean);
    case Val::Kind::Number:
        return json::Value(v.number);
    case Val::Kind::String:
        return v.json ? *v.json : json::Value(v.string());
    case Val::Kind::Json:
        return *v.json;
    }
    return json::Value();
}

} // namespace eventscope::expr::detail
