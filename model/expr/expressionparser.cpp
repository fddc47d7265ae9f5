// Recursive descent with one function per precedence level, from the conditional down to primary
// expressions and their member chains.

#include "expressionparser.h"
#include "expressioncompilefailure.h"
#include "expressionnumbers.h"

#include <algorithm>
#include <array>
#include <limits>

namespace eventscope::expr::detail {

namespace {

QString describe(const Token& t)
{
    switch (t.type) {
    case TokenType::End:
        return QStringLiteral("end of input");
    case TokenType::Number:
        return QStringLiteral("number");
    case TokenType::String:
        return QStringLiteral("string");
    default:
        return QLatin1Char('\'') + t.text + QLatin1Char('\'');
    }
}

} // namespace

void Parser::parseProgram(const QStringList& params)
{
    advance();
    if (atFunctionForm()) {
        const Function f = parseFunction();
        m_program.parameters = f.names;
        m_program.root = f.body;
    } else {
        bind(params);
        m_program.parameters = params;
        m_program.root = parseAssignment();
    }
    if (m_tok.type != TokenType::End) {
        if (m_tok.newlineBefore)
            unsupported(m_tok.position, QStringLiteral("only a single expression is supported"));
        unexpectedAfter(QStringLiteral("end of input"));
    }
    m_program.used.resize(std::size_t(m_program.parameters.size()));
    for (std::size_t i = 0; i < m_program.used.size(); ++i)
        m_program.used[i] = m_usedSlots.size() > i && m_usedSlots[i];
}

void Parser::expect(QLatin1String p)
{
    if (!isPunct(p))
        unexpectedAfter(QLatin1Char('\'') + p + QLatin1Char('\''));
    advance();
}

// Adds a node; refuses trees deep enough to strain the evaluator's stack.
std::int32_t Parser::add(Node node, int position)
{
    std::int32_t depth = std::max({depthOf(node.a), depthOf(node.b), depthOf(node.c)});
    for (std::int32_t i = 0; i < node.argsCount; ++i)
        depth = std::max(depth, depthOf(m_program.args[std::size_t(node.argsBegin + i)]));
    if (depth + 1 > kMaxTreeDepth)
        unsupported(position, QStringLiteral("the expression is nested too deeply"));
    m_program.nodes.push_back(std::move(node));
    m_depths.push_back(depth + 1);
    return std::int32_t(m_program.nodes.size() - 1);
}

std::int32_t Parser::add(Op op, int position, std::int32_t a, std::int32_t b, std::int32_t c)
{
    Node node;
    node.op = op;
    node.a = a;
    node.b = b;
    node.c = c;
    return add(std::move(node), position);
}

void Parser::bind(const QStringList& names)
{
    for (const QString& name : names) {
        if (m_program.slotCount >= kMaxSlots)
            unsupported(m_tok.position, QStringLiteral("too many parameters"));
        m_scope.emplace_back(name, m_program.slotCount++);
    }
}

// The slot a name is bound to, or -1.
int Parser::lookup(const QString& name) const
{
    for (auto it = m_scope.rbegin(); it != m_scope.rend(); ++it)
        if (it->first == name)
            return it->second;
    return -1;
}

// The current token cannot follow a complete expression where `expected` was.
void Parser::unexpectedAfter(const QString& expected)
{
    static const std::array<QLatin1String, 27> unsupportedOperators = {
        QLatin1String("="),   QLatin1String("+="),   QLatin1String("-="),  QLatin1String("*="),
        QLatin1String("/="),  QLatin1String("%="),   QLatin1String("**="), QLatin1String("<<="),
        QLatin1String(">>="), QLatin1String(">>>="), QLatin1String("&="),  QLatin1String("|="),
        QLatin1String("^="),  QLatin1String("&&="),  QLatin1String("||="), QLatin1String("?\?="),
        QLatin1String(","),   QLatin1String(";"),    QLatin1String("**"),  QLatin1String("&"),
        QLatin1String("|"),   QLatin1String("^"),    QLatin1String("<<"),  QLatin1String(">>"),
        QLatin1String(">>>"), QLatin1String("++"),   QLatin1String("--")};
    if (m_tok.type == TokenType::Punct && std::find(unsupportedOperators.begin(), unsupportedOperators.end(),
                                                    m_tok.text) != unsupportedOperators.end())
        unsupported(m_tok.position, QStringLiteral("operator %1 is not supported").arg(describe(m_tok)));
    if (isPunct(QLatin1String("(")))
        unsupported(m_tok.position, QStringLiteral("calls are not supported"));
    if (isKeyword(QLatin1String("in")) || isKeyword(QLatin1String("instanceof")))
        unsupported(m_tok.position, QStringLiteral("operator %1 is not supported").arg(describe(m_tok)));
    malformed(m_tok.position, QStringLiteral("unexpected %1, expected %2").arg(describe(m_tok), expected));
}

// An operand was expected and the current token cannot start one in the subset.
void Parser::unexpectedOperand()
{
    static const std::array<QLatin1String, 8> unsupportedStarts = {
        QLatin1String("["), QLatin1String("{"),  QLatin1String("/"),  QLatin1String("/="),
        QLatin1String("~"), QLatin1String("++"), QLatin1String("--"), QLatin1String("...")};
    static const std::array<QLatin1String, 9> unsupportedKeywords = {
        QLatin1String("new"),    QLatin1String("this"),  QLatin1String("function"),
        QLatin1String("class"),  QLatin1String("super"), QLatin1String("import"),
        QLatin1String("delete"), QLatin1String("await"), QLatin1String("yield")};
    if (m_tok.type == TokenType::Punct &&
        std::find(unsupportedStarts.begin(), unsupportedStarts.end(), m_tok.text) != unsupportedStarts.end())
        unsupported(m_tok.position, QStringLiteral("%1 is not supported").arg(describe(m_tok)));
    if (m_tok.type == TokenType::Keyword && std::find(unsupportedKeywords.begin(), unsupportedKeywords.end(),
                                                      m_tok.text) != unsupportedKeywords.end())
        unsupported(m_tok.position, QStringLiteral("%1 is not supported").arg(describe(m_tok)));
    if (m_tok.type == TokenType::End)
        malformed(m_tok.position, QStringLiteral("unexpected end of input"));
    malformed(m_tok.position, QStringLiteral("unexpected %1").arg(describe(m_tok)));
}

std::int32_t Parser::parseAssignment()
{
    const int start = m_tok.position;
    const std::int32_t condition = parseShortCircuit();
    if (!isPunct(QLatin1String("?")))
        return condition;
    advance();
    const std::int32_t then = parseAssignment();
    expect(QLatin1String(":"));
    const std::int32_t otherwise = parseAssignment();
    return add(Op::Conditional, start, condition, then, otherwise);
}

// `a ?? b` cannot be mixed with && or || without parentheses.
std::int32_t Parser::parseShortCircuit()
{
    const int start = m_tok.position;
    std::int32_t left = parseEquality();
    if (isPunct(QLatin1String("??"))) {
        while (isPunct(QLatin1String("??"))) {
            advance();
            left = add(Op::Coalesce, start, left, parseEquality());
        }
        if (isPunct(QLatin1String("&&")) || isPunct(QLatin1String("||")))
            malformed(m_tok.position,
                      QStringLiteral("'?\?' cannot be mixed with '&&' or '||' without parentheses"));
        return left;
    }
    bool mixed = false;
    left = parseAndRest(start, left, mixed);
    while (isPunct(QLatin1String("||"))) {
        mixed = true;
        advance();
        const int rightStart = m_tok.position;
        const std::int32_t right = parseAndRest(rightStart, parseEquality(), mixed);
        left = add(Op::Or, start, left, right);
    }
    if (mixed && isPunct(QLatin1String("??")))
        malformed(m_tok.position,
                  QStringLiteral("'?\?' cannot be mixed with '&&' or '||' without parentheses"));
    return left;
}

std::int32_t Parser::parseAndRest(int start, std::int32_t left, bool& mixed)
{
    while (isPunct(QLatin1String("&&"))) {
        mixed = true;
        advance();
        left = add(Op::And, start, left, parseEquality());
    }
    return left;
}

std::int32_t Parser::parseEquality()
{
    const int start = m_tok.position;
    std::int32_t left = parseRelational();
    for (;;) {
        Op op;
        if (isPunct(QLatin1String("==")))
            op = Op::LooseEqual;
        else if (isPunct(QLatin1String("!=")))
            op = Op::LooseNotEqual;
        else if (isPunct(QLatin1String("===")))
            op = Op::StrictEqual;
        else if (isPunct(QLatin1String("!==")))
            op = Op::StrictNotEqual;
        else
            return left;
        advance();
        left = add(op, start, left, parseRelational());
    }
}

std::int32_t Parser::parseRelational()
{
    const int start = m_tok.position;
    std::int32_t left = parseAdditive();
    for (;;) {
        Op op;
        if (isPunct(QLatin1String("<")))
            op = Op::Less;
        else if (isPunct(QLatin1String("<=")))
            op = Op::LessEqual;
        else if (isPunct(QLatin1String(">")))
            op = Op::Greater;
        else if (isPunct(QLatin1String(">=")))
            op = Op::GreaterEqual;
        else
            return left;
        advance();
        left = add(op, start, left, parseAdditive());
    }
}

std::int32_t Parser::parseAdditive()
{
    const int start = m_tok.position;
    std::int32_t left = parseMultiplicative();
    for (;;) {
        Op op;
        if (isPunct(QLatin1String("+")))
            op = Op::Add;
        else if (isPunct(QLatin1String("-")))
            op = Op::Subtract;
        else
            return left;
        advance();
        left = add(op, start, left, parseMultiplicative());
    }
}

std::int32_t Parser::parseMultiplicative()
{
    const int start = m_tok.position;
    std::int32_t left = parseUnary();
    for (;;) {
        Op op;
        if (isPunct(QLatin1String("*")))
            op = Op::Multiply;
        else if (isPunct(QLatin1String("/")))
            op = Op::Divide;
        else if (isPunct(QLatin1String("%")))
            op = Op::Remainder;
        else
            return left;
        advance();
        left = add(op, start, left, parseUnary());
    }
}

std::int32_t Parser::parseUnary()
{
    if (++m_depth > kMaxDepth)
        unsupported(m_tok.position, QStringLiteral("the expression is nested too deeply"));
    const int start = m_tok.position;
    Op op = Op::Undefined;
    if (isPunct(QLatin1String("!")))
        op = Op::Not;
    else if (isPunct(QLatin1String("-")))
        op = Op::Negate;
    else if (isPunct(QLatin1String("+")))
        op = Op::ToNumber;
    else if (isKeyword(QLatin1String("typeof")))
        op = Op::TypeOf;
    else if (isKeyword(QLatin1String("void")))
        op = Op::Void;
    std::int32_t result;
    if (op != Op::Undefined) {
        advance();
        const std::int32_t operand = parseUnary();
        Node& node = m_program.nodes[std::size_t(operand)];
        if (op == Op::Negate && node.op == Op::Number) {
            node.number = -node.number; // a negative literal, folded
            result = operand;
        } else {
            result = add(op, start, operand);
        }
    } else {
        result = parseLeftHandSide();
        if ((isPunct(QLatin1String("++")) || isPunct(QLatin1String("--"))) && !m_tok.newlineBefore)
            unsupported(m_tok.position, QStringLiteral("operator %1 is not supported").arg(describe(m_tok)));
    }
    --m_depth;
    return result;
}

// A primary expression and its chain of member accesses and .every()/.some() calls.
std::int32_t Parser::parseLeftHandSide()
{
    const int start = m_tok.position;
    std::int32_t node;
    if (isIdent(QLatin1String("Math")) && lookup(m_tok.text) < 0)
        node = parseMath();
    else if (isIdent(QLatin1String("Object")) && lookup(m_tok.text) < 0)
        node = parseObjectCall();
    else
        node = parsePrimary();
    bool chain = false;
    for (;;) {
        const bool optional = isPunct(QLatin1String("?."));
        if (optional || isPunct(QLatin1String("."))) {
            chain = chain || optional;
            advance();
            if (optional && isPunct(QLatin1String("(")))
                unsupported(m_tok.position, QStringLiteral("calls are not supported"));
            if (optional && isPunct(QLatin1String("["))) {
                advance();
                const std::int32_t key = parseAssignment();
                expect(QLatin1String("]"));
                node = add(Op::Index, start, node, key);
                m_program.nodes[std::size_t(node)].optional = true;
                continue;
            }
            const QString name = parsePropertyName();
            if (isPunct(QLatin1String("("))) {
                if (name == QLatin1String("every"))
                    node = parseCallback(Op::ArrayEvery, start, node, optional);
                else if (name == QLatin1String("some"))
                    node = parseCallback(Op::ArraySome, start, node, optional);
                else
                    unsupported(m_tok.position, QStringLiteral("calls to %1() are not supported").arg(name));
            } else {
                node = memberNode(node, name, optional, start);
            }
        } else if (isPunct(QLatin1String("["))) {
            advance();
            const std::int32_t key = parseAssignment();
            expect(QLatin1String("]"));
            node = add(Op::Index, start, node, key);
        } else if (isPunct(QLatin1String("("))) {
            unsupported(m_tok.position, QStringLiteral("calls are not supported"));
        } else {
            break;
        }
    }
    return chain ? add(Op::Chain, start, node) : node;
}

// After `.` or `?.`: a property name, which may be a reserved word.
QString Parser::parsePropertyName()
{
    if (m_tok.type != TokenType::Ident && m_tok.type != TokenType::Keyword)
        malformed(m_tok.position, QStringLiteral("expected a property name"));
    QString name = m_tok.text;
    advance();
    return name;
}

std::int32_t Parser::memberNode(std::int32_t object, const QString& name, bool optional, int start)
{
    Node node;
    node.op = Op::Member;
    node.optional = optional;
    node.a = object;
    node.text = name.toStdString();
    node.isLength = node.text == "length";
    isArrayIndex(node.text, &node.index); // else it stays -1
    return add(std::move(node), start);
}

std::int32_t Parser::parsePrimary()
{
    const int start = m_tok.position;
    switch (m_tok.type) {
    case TokenType::Number: {
        Node node;
        node.op = Op::Number;
        node.number = m_tok.number;
        advance();
        return add(std::move(node), start);
    }
    case TokenType::String: {
        Node node;
        node.op = Op::String;
        node.text = std::move(m_tok.string);
        advance();
        return add(std::move(node), start);
    }
    case TokenType::Keyword:
        if (isKeyword(QLatin1String("true")) || isKeyword(QLatin1String("false")) ||
            isKeyword(QLatin1String("null"))) {
            const Op op = isKeyword(QLatin1String("true"))    ? Op::True
                          : isKeyword(QLatin1String("false")) ? Op::False
                                                              : Op::Null;
            advance();
            return add(op, start);
        }
        break;
    case TokenType::Ident: {
        if (atFunctionForm())
            unsupported(start,
                        QStringLiteral("functions are only supported as the callback of every() or some()"));
        const int slot = lookup(m_tok.text);
        if (slot >= 0) {
            if (std::size_t(slot) >= m_usedSlots.size())
                m_usedSlots.resize(std::size_t(slot) + 1);
            m_usedSlots[std::size_t(slot)] = true;
            advance();
            Node node;
            node.op = Op::Slot;
            node.slot = slot;
            return add(std::move(node), start);
        }
        if (m_tok.text == QLatin1String("undefined") || m_tok.text == QLatin1String("NaN") ||
            m_tok.text == QLatin1String("Infinity")) {
            Node node;
            node.op = m_tok.text == QLatin1String("undefined") ? Op::Undefined : Op::Number;
            node.number = m_tok.text == QLatin1String("NaN") ? std::numeric_limits<double>::quiet_NaN()
                                                             : std::numeric_limits<double>::infinity();
            advance();
            return add(std::move(node), start);
        }
        unsupported(start, QStringLiteral("unknown identifier '%1'").arg(m_tok.text));
    }
    case TokenType::Punct:
        if (isPunct(QLatin1String("("))) {
            if (atFunctionForm())
                unsupported(start, QStringLiteral(
                                       "functions are only supported as the callback of every() or some()"));
            advance();
            const std::int32_t inner = parseAssignment();
            expect(QLatin1String(")"));
            return inner;
        }
        break;
    case TokenType::End:
        break;
    }
    unexpectedOperand();
}

} // namespace eventscope::expr::detail
