#include "expressionevaluator.h"

#include <algorithm>
#include <array>

namespace eventscope::expr::detail {

namespace {

// Properties that JavaScript finds on a prototype when an own property is missing. The subset
// cannot return their (function) values, so reading one is reported as unsupported.
constexpr std::array<std::string_view, 12> kObjectPrototype = {
    "constructor",      "hasOwnProperty",   "isPrototypeOf",    "propertyIsEnumerable",
    "toLocaleString",   "toString",         "valueOf",          "__proto__",
    "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"};
constexpr std::array<std::string_view, 36> kArrayPrototype = {
    "at",        "concat",   "copyWithin",    "entries", "every",   "fill",    "filter",     "find",
    "findIndex", "findLast", "findLastIndex", "flat",    "flatMap", "forEach", "includes",   "indexOf",
    "join",      "keys",     "lastIndexOf",   "map",     "pop",     "push",    "reduce",     "reduceRight",
    "reverse",   "shift",    "slice",         "some",    "sort",    "splice",  "toReversed", "toSorted",
    "toSpliced", "unshift",  "values",        "with"};
constexpr std::array<std::string_view, 48> kStringPrototype = {"anchor",
                                                               "at",
                                                               "big",
                                                               "blink",
                                                               "bold",
                                                               "charAt",
                                                               "charCodeAt",
                                                               "codePointAt",
                                                               "concat",
                                                               "endsWith",
                                                               "fixed",
                                                               "fontcolor",
                                                               "fontsize",
                                                               "includes",
                                                               "indexOf",
                                                               "isWellFormed",
                                                               "italics",
                                                               "lastIndexOf",
                                                               "link",
                                                               "localeCompare",
                                                               "match",
                                                               "matchAll",
                                                               "normalize",
                                                               "padEnd",
                                                               "padStart",
                                                               "repeat",
                                                               "replace",
                                                               "replaceAll",
                                                               "search",
                                                               "slice",
                                                               "small",
                                                               "split",
                                                               "startsWith",
                                                               "strike",
                                                               "sub",
                                                               "substr",
                                                               "substring",
                                                               "sup",
                                                               "toLocaleLowerCase",
                                                               "toLocaleUpperCase",
                                                               "toLowerCase",
                                                               "toUpperCase",
                                                               "toWellFormed",
                                                               "trim",
                                                               "trimEnd",
                                                               "trimLeft",
                                                               "trimRight",
                                                               "trimStart"};
constexpr std::array<std::string_view, 4> kNumberPrototype = {"toExponential", "toFixed", "toPrecision",
                                                              "toLocaleString"};

template <std::size_t N> bool contains(const std::array<std::string_view, N>& names, std::string_view name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

} // namespace

Val Evaluator::inherited(std::string_view key, const Val& object)
{
    bool found = contains(kObjectPrototype, key);
    if (object.kind == Val::Kind::Json && object.json->isArray())
        found = found || contains(kArrayPrototype, key);
    else if (object.kind == Val::Kind::String)
        found = found || contains(kStringPrototype, key);
    else if (object.kind == Val::Kind::Number)
        found = found || contains(kNumberPrototype, key);
    if (found)
        return fail(
            State::Unsupported,
            QStringLiteral("the inherited property '%1' is not supported").arg(QString::fromUtf8(key)));
    return Val::undefined();
}

} // namespace eventscope::expr::detail
