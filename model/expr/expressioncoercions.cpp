// JavaScript's conversions of values that are not already of the kind an operator wants, and the
// slow halves of ==, < and + that apply them: == across kinds, < on strings by UTF-16 code units, +
// that concatenates.

#include "expressionevaluator.h"
#include "expressionutf16.h"

#include <cmath>
#include <string>

namespace eventscope::expr::detail {

// ToString, appended.
void Evaluator::appendString(std::string& out, const Val& v, int depth)
{
    switch (v.kind) {
    case Val::Kind::Undefined:
        out += "undefined";
        break;
    case Val::Kind::Null:
        out += "null";
        break;
    case Val::Kind::Bool:
        out += v.boolean ? "true" : "false";
        break;
    case Val::Kind::Number: {
        char buffer[32];
        out += formatNumber(v.number, buffer);
        break;
    }
    case Val::Kind::String:
        out += v.string();
        break;
    case Val::Kind::Json:
        if (v.json->isObject()) {
            out += "[object Object]";
        } else if (depth > 256) {
            fail(State::Unsupported, QStringLiteral("arrays nested too deeply to convert to a string"));
        } else {
            // Array.prototype.join(","): null and undefined elements are empty.
            for (std::size_t i = 0; i < v.json->size(); ++i) {
                if (i > 0)
                    out += ',';
                const Val element = Val::fromJson(v.json->at(i));
                if (!element.isNullish())
                    appendString(out, element, depth + 1);
            }
        }
        break;
    }
}

// ToPrimitive: arrays and objects become their string.
Val Evaluator::toPrimitive(const Val& v)
{
    if (v.kind != Val::Kind::Json)
        return v;
    std::string s;
    appendString(s, v);
    return Val::fromString(keep(std::move(s)));
}

bool Evaluator::looseEqualsConverting(const Val& x, const Val& y)
{
    using K = Val::Kind;
    if (x.isNullish() || y.isNullish())
        return x.isNullish() && y.isNullish();
    if (x.kind == K::Number && y.kind == K::String)
        return x.number == stringToNumber(y.string());
    if (x.kind == K::String && y.kind == K::Number)
        return stringToNumber(x.string()) == y.number;
    if (x.kind == K::Bool)
        return looseEquals(Val::fromNumber(x.boolean ? 1 : 0), y);
    if (y.kind == K::Bool)
        return looseEquals(x, Val::fromNumber(y.boolean ? 1 : 0));
    if (y.kind == K::Json)
        return looseEquals(x, toPrimitive(y));
    if (x.kind == K::Json)
        return looseEquals(toPrimitive(x), y);
    return false;
}

Evaluator::Tri Evaluator::lessThanConverting(const Val& x, const Val& y)
{
    const Val px = toPrimitive(x);
    const Val py = toPrimitive(y);
    if (px.kind == Val::Kind::String && py.kind == Val::Kind::String)
        return compareUtf16(px.string(), py.string()) < 0 ? Tri::True : Tri::False;
    const double nx = toNumber(px);
    const double ny = toNumber(py);
    if (std::isnan(nx) || std::isnan(ny))
        return Tri::Undefined;
    return nx < ny ? Tri::True : Tri::False;
}

Val Evaluator::addConverting(const Val& l, const Val& r)
{
    const Val pl = toPrimitive(l);
    const Val pr = toPrimitive(r);
    if (pl.kind == Val::Kind::String || pr.kind == Val::Kind::String) {
        std::string s;
        appendString(s, pl);
        appendString(s, pr);
        return Val::fromString(keep(std::move(s)));
    }
    return Val::fromNumber(toNumber(pl) + toNumber(pr));
}

} // namespace eventscope::expr::detail
