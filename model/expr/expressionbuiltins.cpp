#include "expressionevaluator.h"
#include "expressionutf16.h"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace eventscope::expr::detail {

namespace {

// Calls f(memberIndex) for the members of an object in the order of Object.keys(): array-index
// keys ascending, then the others in insertion order. Stops when f returns false; returns whether
// it went through all.
template <typename F> bool forEachMember(const json::Value& object, F&& f)
{
    const std::size_t size = object.size();
    std::int64_t index = 0;
    bool anyIndex = false;
    for (std::size_t i = 0; i < size && !anyIndex; ++i)
        anyIndex = isArrayIndex(object.keyAt(i), &index);
    if (!anyIndex) {
        for (std::size_t i = 0; i < size; ++i)
            if (!f(i))
                return false;
        return true;
    }
    std::vector<std::pair<std::int64_t, std::size_t>> indexed;
    std::vector<std::size_t> named;
    for (std::size_t i = 0; i < size; ++i) {
        if (isArrayIndex(object.keyAt(i), &index))
            indexed.emplace_back(index, i);
        else
            named.push_back(i);
    }
    std::sort(indexed.begin(), indexed.end());
    for (const auto& entry : indexed)
        if (!f(entry.second))
            return false;
    for (const std::size_t i : named)
        if (!f(i))
            return false;
    return true;
}

} // namespace

Val Evaluator::math(const Node& n)
{
    const bool isMin = n.op == Op::MathMin;
    const bool isMax = n.op == Op::MathMax;
    double result = isMin   ? std::numeric_limits<double>::infinity()
                    : isMax ? -std::numeric_limits<double>::infinity()
                            : kNaN;
    for (std::int32_t i = 0; i < n.argsCount; ++i) {
        const Val v = eval(m_program.args[std::size_t(n.argsBegin + i)]);
        if (failed())
            return Val::undefined();
        const double x = toNumber(v);
        if (isMin) {
            if (std::isnan(x) ||
                (!std::isnan(result) && (x < result || (x == 0 && result == 0 && std::signbit(x)))))
                result = x;
        } else if (isMax) {
            if (std::isnan(x) ||
                (!std::isnan(result) && (x > result || (x == 0 && result == 0 && !std::signbit(x)))))
                result = x;
        } else if (i == 0) {
            result = x;
        }
    }
    if (isMin || isMax)
        return Val::fromNumber(result);
    const double x = result;
    switch (n.op) {
    case Op::MathAbs:
        return Val::fromNumber(std::fabs(x));
    case Op::MathFloor:
        return Val::fromNumber(std::floor(x));
    case Op::MathCeil:
        return Val::fromNumber(std::ceil(x));
    case Op::MathTrunc:
        return Val::fromNumber(std::trunc(x));
    case Op::MathSqrt:
        return Val::fromNumber(std::sqrt(x));
    case Op::MathSign:
        return Val::fromNumber(std::isnan(x) || x == 0 ? x : x > 0 ? 1.0 : -1.0);
    case Op::MathRound: {
        // Halves round up (towards +Infinity), and the sign of a zero result is kept.
        if (!std::isfinite(x) || x == 0)
            return Val::fromNumber(x);
        if (x > 0 && x < 0.5)
            return Val::fromNumber(0.0);
        if (x < 0 && x >= -0.5)
            return Val::fromNumber(-0.0);
        double r = std::floor(x);
        if (x - r >= 0.5)
            r += 1;
        return Val::fromNumber(r);
    }
    default:
        break;
    }
    return Val::fromNumber(kNaN);
}

// Object.keys(a).length and Object.values(a).length: a string has a key per UTF-16 unit, other
// primitives have none.
Val Evaluator::keysLength(const Node& n)
{
    const Val v = eval(n.a);
    if (failed())
        return Val::undefined();
    if (v.isNullish())
        return typeError(QStringLiteral("Cannot convert undefined or null to object"));
    if (v.kind == Val::Kind::Json)
        return Val::fromNumber(double(v.json->size()));
    return Val::fromNumber(v.kind == Val::Kind::String ? double(utf16Length(v.string())) : 0.0);
}

// Calls the callback of node n with (item, position); returns whether to go on.
bool Evaluator::callback(const Node& n, const Val& item, std::size_t position, bool every)
{
    if (n.slot >= 0)
        m_slots[n.slot] = item;
    if (n.slot2 >= 0)
        m_slots[n.slot2] = Val::fromNumber(double(position));
    const Val result = eval(n.b);
    return !failed() && truthy(result) == every;
}

// receiver.every(cb) / receiver.some(cb)
Val Evaluator::arrayEvery(const Node& n, const Val& receiver, bool every)
{
    const std::string_view name = every ? std::string_view("every") : std::string_view("some");
    if (receiver.isNullish())
        return cannotRead(name, receiver);
    if (!receiver.isArray())
        return typeError(
            QStringLiteral("%1 is not a function").arg(QLatin1String(name.data(), qsizetype(name.size()))));
    const json::Value& array = *receiver.json;
    bool completed = true;
    for (std::size_t i = 0; i < array.size() && completed; ++i)
        completed = callback(n, Val::fromJson(array.at(i)), i, every);
    if (failed())
        return Val::undefined();
    return Val::fromBool(completed ? every : !every);
}

// Object.keys(source) / Object.values(source) .every(cb) / .some(cb)
Val Evaluator::iterate(const Node& n, const Val& source, bool keys, bool every)
{
    if (source.isNullish())
        return typeError(QStringLiteral("Cannot convert undefined or null to object"));
    bool completed = true;
    if (source.kind == Val::Kind::Json && source.json->isObject()) {
        const json::Value& object = *source.json;
        std::size_t position = 0;
        completed = forEachMember(object, [&](std::size_t i) {
            const Val item = keys ? Val::fromString(object.keyAt(i)) : Val::fromJson(object.valueAt(i));
            return callback(n, item, position++, every);
        });
    } else if (source.kind == Val::Kind::Json || source.kind == Val::Kind::String) {
        const std::size_t size =
            source.kind == Val::Kind::Json ? source.json->size() : utf16Length(source.string());
        for (std::size_t i = 0; i < size && completed; ++i) {
            Val item;
            if (keys) {
                item = Val::fromString(keep(std::to_string(i)));
            } else if (source.kind == Val::Kind::Json) {
                item = Val::fromJson(source.json->at(i));
            } else {
                item = member(source, {}, std::int64_t(i), false);
                if (failed())
                    return Val::undefined();
            }
            completed = callback(n, item, i, every);
        }
    }
    if (failed())
        return Val::undefined();
    return Val::fromBool(completed ? every : !every);
}

} // namespace eventscope::expr::detail
