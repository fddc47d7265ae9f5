// Evaluation of a compiled Expression with JavaScript's semantics: && and || returning operands,
// optional chaining, property reads, and the TypeErrors JavaScript throws. Conversions and the
// operators that need them are in expressioncoercions.cpp, the built-ins in expressionbuiltins.cpp.
//
// Values are read in place: a member access yields a view of the argument's string, number or
// node, so that comparing a member with a constant allocates nothing. Strings that a concatenation
// builds live in the evaluation's own list until it returns.

#include "expressionevaluator.h"
#include "expressionutf16.h"

#include <cmath>
#include <string>

namespace eventscope::expr::detail {

Val Evaluator::run(std::span<const json::Value> args)
{
    const auto count = std::size_t(m_program.parameters.size());
    for (std::size_t i = 0; i < count; ++i)
        m_slots[i] = i < args.size() ? Val::fromJson(args[i]) : Val::undefined();
    return eval(m_program.root);
}

void Evaluator::report(const Val& result, Expression::Outcome* outcome) const
{
    if (!outcome)
        return;
    using Kind = Expression::Outcome::Kind;
    outcome->message = m_message;
    if (m_state == State::Thrown)
        outcome->kind = Kind::Thrown;
    else if (m_state == State::Unsupported)
        outcome->kind = Kind::Unsupported;
    else if (result.kind == Val::Kind::Undefined)
        outcome->kind = Kind::Undefined;
    else
        outcome->kind = Kind::Value;
}

Val Evaluator::fail(State state, const QString& message)
{
    m_state = state;
    m_message = message;
    return Val::undefined();
}

// Most operands are parameters, constants and member reads (`e.data.qty`): read them without a
// trip through eval()'s switch and its large frame.
Val Evaluator::operand(std::int32_t index)
{
    const Node& n = m_program.nodes[std::size_t(index)];
    if (n.op == Op::Slot)
        return m_slots[n.slot];
    if (n.op == Op::Number)
        return Val::fromNumber(n.number);
    if (n.op == Op::String)
        return Val::fromString(n.text);
    if (n.op == Op::Member && !n.optional) {
        const Val object = operand(n.a);
        if (failed())
            return Val::undefined();
        return member(object, n.text, n.index, n.isLength);
    }
    return eval(index);
}

Val Evaluator::eval(std::int32_t index)
{
    const Node& n = m_program.nodes[std::size_t(index)];
    switch (n.op) {
    case Op::Undefined:
        return Val::undefined();
    case Op::Null:
        return Val::null();
    case Op::True:
        return Val::fromBool(true);
    case Op::False:
        return Val::fromBool(false);
    case Op::Number:
        return Val::fromNumber(n.number);
    case Op::String:
        return Val::fromString(n.text);
    case Op::Slot:
        return m_slots[n.slot];
    case Op::Member: {
        const Val object = operand(n.a);
        if (failed())
            return Val::undefined();
        if (n.optional && object.isNullish())
            return shortCircuit();
        return member(object, n.text, n.index, n.isLength);
    }
    case Op::Index: {
        const Val object = operand(n.a);
        if (failed())
            return Val::undefined();
        if (n.optional && object.isNullish())
            return shortCircuit();
        const Val key = operand(n.b);
        if (failed())
            return Val::undefined();
        return computedMember(object, key);
    }
    case Op::Chain: {
        const Val v = eval(n.a);
        if (m_state == State::ShortCircuit) {
            m_state = State::Normal;
            return Val::undefined();
        }
        return v;
    }
    case Op::Not:
    case Op::Negate:
    case Op::ToNumber:
    case Op::TypeOf:
    case Op::Void: {
        const Val v = eval(n.a);
        if (failed())
            return Val::undefined();
        switch (n.op) {
        case Op::Not:
            return Val::fromBool(!truthy(v));
        case Op::Negate:
            return Val::fromNumber(-toNumber(v));
        case Op::ToNumber:
            return Val::fromNumber(toNumber(v));
        case Op::TypeOf:
            return Val::fromString(typeOf(v));
        default:
            return Val::undefined();
        }
    }
    case Op::And:
    case Op::Or:
    case Op::Coalesce: {
        const Val l = eval(n.a);
        if (failed())
            return Val::undefined();
        const bool done = n.op == Op::And ? !truthy(l) : n.op == Op::Or ? truthy(l) : !l.isNullish();
        return done ? l : eval(n.b);
    }
    case Op::Conditional: {
        const Val c = eval(n.a);
        if (failed())
            return Val::undefined();
        return eval(truthy(c) ? n.b : n.c);
    }
    case Op::MathAbs:
    case Op::MathFloor:
    case Op::MathCeil:
    case Op::MathRound:
    case Op::MathTrunc:
    case Op::MathSign:
    case Op::MathSqrt:
    case Op::MathMin:
    case Op::MathMax:
        return math(n);
    case Op::KeysLength:
        return keysLength(n);
    case Op::ArrayEvery:
    case Op::ArraySome: {
        const Val receiver = eval(n.a);
        if (failed())
            return Val::undefined();
        if (n.optional && receiver.isNullish())
            return shortCircuit();
        return arrayEvery(n, receiver, n.op == Op::ArrayEvery);
    }
    case Op::KeysEvery:
    case Op::KeysSome:
    case Op::ValuesEvery:
    case Op::ValuesSome: {
        const Val source = eval(n.a);
        if (failed())
            return Val::undefined();
        return iterate(n, source, n.op == Op::KeysEvery || n.op == Op::KeysSome,
                       n.op == Op::KeysEvery || n.op == Op::ValuesEvery);
    }
    default:
        break;
    }
    // Binary operators.
    const Val l = operand(n.a);
    if (failed())
        return Val::undefined();
    const Val r = operand(n.b);
    if (failed())
        return Val::undefined();
    switch (n.op) {
    case Op::Add:
        return add(l, r);
    case Op::Subtract:
        return Val::fromNumber(toNumber(l) - toNumber(r));
    case Op::Multiply:
        return Val::fromNumber(toNumber(l) * toNumber(r));
    case Op::Divide:
        return Val::fromNumber(toNumber(l) / toNumber(r));
    case Op::Remainder:
        return Val::fromNumber(std::fmod(toNumber(l), toNumber(r)));
    case Op::Less:
        return Val::fromBool(lessThan(l, r) == Tri::True);
    case Op::LessEqual:
        return Val::fromBool(lessThan(r, l) == Tri::False);
    case Op::Greater:
        return Val::fromBool(lessThan(r, l) == Tri::True);
    case Op::GreaterEqual:
        return Val::fromBool(lessThan(l, r) == Tri::False);
    case Op::LooseEqual:
        return Val::fromBool(looseEquals(l, r));
    case Op::LooseNotEqual:
        return Val::fromBool(!looseEquals(l, r));
    case Op::StrictEqual:
        return Val::fromBool(strictEquals(l, r));
    case Op::StrictNotEqual:
        return Val::fromBool(!strictEquals(l, r));
    default:
        break;
    }
    return Val::undefined();
}

// object[key], with `index` the key as an array index (or -1) and isLength whether it is
// "length".
Val Evaluator::member(const Val& object, std::string_view key, std::int64_t index, bool isLength)
{
    switch (object.kind) {
    case Val::Kind::Undefined:
    case Val::Kind::Null:
        return cannotRead(key, object);
    case Val::Kind::Json: {
        const json::Value& j = *object.json;
        if (j.isArray()) {
            if (index >= 0)
                return std::size_t(index) < j.size() ? Val::fromJson(j.at(std::size_t(index)))
                                                     : Val::undefined();
            if (isLength)
                return Val::fromNumber(double(j.size()));
        } else if (const json::Value* found = j.find(key)) {
            return Val::fromJson(*found);
        }
        break;
    }
    case Val::Kind::String: {
        if (index >= 0) {
            std::string_view character;
            switch (charAt(object.string(), std::size_t(index), &character)) {
            case CharAt::Found:
                return Val::fromString(character);
            case CharAt::OutOfRange:
                return Val::undefined();
            case CharAt::HalfOfPair:
                return fail(State::Unsupported, QStringLiteral("half of a surrogate pair is not supported"));
            }
        }
        if (isLength)
            return Val::fromNumber(double(utf16Length(object.string())));
        break;
    }
    case Val::Kind::Bool:
    case Val::Kind::Number:
        break;
    }
    return inherited(key, object);
}

Val Evaluator::computedMember(const Val& object, const Val& key)
{
    if (key.kind == Val::Kind::Number) {
        const double d = key.number;
        const bool indexed = object.isArray() || object.kind == Val::Kind::String;
        if (indexed && d >= 0 && d < 4294967295.0 && d == std::floor(d))
            return member(object, {}, std::int64_t(d), false);
        char buffer[32];
        return member(object, formatNumber(d, buffer), -1, false);
    }
    std::string converted;
    std::string_view name = key.string();
    if (key.kind != Val::Kind::String) {
        appendString(converted, key);
        name = converted;
    }
    std::int64_t index = -1;
    isArrayIndex(name, &index);
    return member(object, name, index, name == "length");
}

Val Evaluator::cannotRead(std::string_view key, const Val& object)
{
    return typeError(QStringLiteral("Cannot read property '%1' of %2")
                         .arg(QString::fromUtf8(key), object.kind == Val::Kind::Null
                                                          ? QLatin1String("null")
                                                          : QLatin1String("undefined")));
}

} // namespace eventscope::expr::detail
