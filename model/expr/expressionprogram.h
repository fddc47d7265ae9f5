#pragma once

// The compiled form of an Expression, shared by the parser that builds it and the evaluator that
// walks it. Not part of the model's interface.

#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

namespace eventscope::expr::detail {

enum class Op : std::uint8_t
{
    // Constants.
    Undefined,
    Null,
    True,
    False,
    Number, // number
    String, // text

    // A bound name: a parameter or a callback's parameter.
    Slot, // slot

    // Member access: a = object. `optional` is `?.`. Member reads `text` (index/isLength are `text`
    // precomputed); Index reads the key b.
    Member,
    Index,

    // The end of an optional chain: a = the chain. A `?.` that met null or undefined ends here.
    Chain,

    // Unary: a = operand.
    Not,
    Negate,
    ToNumber,
    TypeOf,
    Void,

    // Binary: a, b.
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    LooseEqual,
    LooseNotEqual,
    StrictEqual,
    StrictNotEqual,
    And,
    Or,
    Coalesce,

    // a ? b : c
    Conditional,

    // Math.f(args...): the operands are args[argsBegin, argsBegin + argsCount); one-argument
    // functions read the first and evaluate the others only for their errors.
    MathAbs,
    MathFloor,
    MathCeil,
    MathRound,
    MathTrunc,
    MathSign,
    MathSqrt,
    MathMin,
    MathMax,

    // Object.keys(a).length, Object.values(a).length
    KeysLength,

    // Callbacks over a = receiver, b = body, binding slot (element) and slot2 (index) when >= 0.
    ArrayEvery, // a.every(cb); `optional` is `a?.every(cb)`
    ArraySome,
    KeysEvery, // Object.keys(a).every(cb)
    KeysSome,
    ValuesEvery, // Object.values(a).every(cb)
    ValuesSome,
};

struct Node
{
    Op op = Op::Undefined;
    bool optional = false;
    bool isLength = false; // Member: text is "length"
    std::int32_t a = -1;
    std::int32_t b = -1;
    std::int32_t c = -1;
    std::int32_t slot = -1;
    std::int32_t slot2 = -1;
    std::int32_t argsBegin = 0;
    std::int32_t argsCount = 0;
    std::int64_t index = -1; // Member: text as an array index when it is one ("0", "12"), else -1
    double number = 0;
    std::string text; // Member: the name; String: the value (UTF-8)
};

// Parameters and callback parameters live in slots; beyond this the parser refuses the source.
inline constexpr int kMaxSlots = 16;

struct Program
{
    std::vector<Node> nodes;
    std::vector<std::int32_t> args; // operands of the variadic nodes
    std::int32_t root = -1;
    int slotCount = 0;
    QStringList parameters; // in slots 0..parameters.size()-1
    std::vector<bool> used; // per parameter: read by the body
};

} // namespace eventscope::expr::detail
