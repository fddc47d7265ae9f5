// Math and Object are recognized by name when parsing (unless a parameter has the name) rather than
// looked up when evaluating, so any use of them the subset does not know is refused here.

#include "expressioncompilefailure.h"
#include "expressionparser.h"

#include <array>
#include <utility>

namespace eventscope::expr::detail {

std::int32_t Parser::parseMath()
{
    const int start = m_tok.position;
    advance();
    if (!isPunct(QLatin1String(".")))
        unsupported(start, QStringLiteral("Math is only supported for its functions and constants"));
    advance();
    const QString name = m_tok.type == TokenType::Ident ? m_tok.text : QString();
    advance();
    static const std::array<std::pair<QLatin1String, Op>, 9> functions = {{
        {QLatin1String("abs"), Op::MathAbs},
        {QLatin1String("floor"), Op::MathFloor},
        {QLatin1String("ceil"), Op::MathCeil},
        {QLatin1String("round"), Op::MathRound},
        {QLatin1String("trunc"), Op::MathTrunc},
        {QLatin1String("sign"), Op::MathSign},
        {QLatin1String("sqrt"), Op::MathSqrt},
        {QLatin1String("min"), Op::MathMin},
        {QLatin1String("max"), Op::MathMax},
    }};
    static const std::array<std::pair<QLatin1String, double>, 8> constants = {{
        {QLatin1String("PI"), 3.141592653589793},
        {QLatin1String("E"), 2.718281828459045},
        {QLatin1String("LN2"), 0.6931471805599453},
        {QLatin1String("LN10"), 2.302585092994046},
        {QLatin1String("LOG2E"), 1.4426950408889634},
        {QLatin1String("LOG10E"), 0.4342944819032518},
        {QLatin1String("SQRT2"), 1.4142135623730951},
        {QLatin1String("SQRT1_2"), 0.7071067811865476},
    }};
    if (isPunct(QLatin1String("("))) {
        for (const auto& [fname, op] : functions)
            if (name == fname)
                return parseMathCall(op, start);
    } else {
        for (const auto& [cname, value] : constants) {
            if (name == cname) {
                Node node;
                node.op = Op::Number;
                node.number = value;
                return add(std::move(node), start);
            }
        }
    }
    unsupported(start, QStringLiteral("Math.%1 is not supported").arg(name));
}

// Arguments of a Math function, after the name.
std::int32_t Parser::parseMathCall(Op op, int start)
{
    expect(QLatin1String("("));
    std::vector<std::int32_t> operands;
    while (!isPunct(QLatin1String(")"))) {
        operands.push_back(parseAssignment());
        if (isPunct(QLatin1String(",")))
            advance();
        else if (!isPunct(QLatin1String(")")))
            unexpectedAfter(QStringLiteral("',' or ')'"));
    }
    advance();
    Node node;
    node.op = op;
    node.argsBegin = std::int32_t(m_program.args.size());
    node.argsCount = std::int32_t(operands.size());
    m_program.args.insert(m_program.args.end(), operands.begin(), operands.end());
    return add(std::move(node), start);
}

// Object.keys(x) / Object.values(x), followed by .length, .every(cb) or .some(cb).
std::int32_t Parser::parseObjectCall()
{
    const int start = m_tok.position;
    const QString notSupported =
        QStringLiteral("Object is only supported as Object.keys(x) or Object.values(x) followed by "
                       ".length, .every() or .some()");
    advance();
    if (!isPunct(QLatin1String(".")))
        unsupported(start, notSupported);
    advance();
    const bool keys = isIdent(QLatin1String("keys"));
    if (!keys && !isIdent(QLatin1String("values")))
        unsupported(start, notSupported);
    advance();
    if (!isPunct(QLatin1String("(")))
        unsupported(start, notSupported);
    advance();
    const std::int32_t object = parseAssignment();
    expect(QLatin1String(")"));
    if (!isPunct(QLatin1String(".")))
        unsupported(start, notSupported);
    advance();
    if (isIdent(QLatin1String("length"))) {
        advance();
        return add(Op::KeysLength, start, object);
    }
    const bool every = isIdent(QLatin1String("every"));
    if (!every && !isIdent(QLatin1String("some")))
        unsupported(start, notSupported);
    advance();
    if (!isPunct(QLatin1String("(")))
        unsupported(start, notSupported);
    const Op op = keys ? (every ? Op::KeysEvery : Op::KeysSome) : (every ? Op::ValuesEvery : Op::ValuesSome);
    return parseCallback(op, start, object, false);
}

} // namespace eventscope::expr::detail
