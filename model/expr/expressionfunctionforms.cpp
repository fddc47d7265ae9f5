// Functions are accepted in two places only: as the whole source, whose parameters then bind the
// arguments, and as the callback of every() or some(). Anywhere else a function would be a value,
// which the evaluator cannot hold.

#include "expressioncompilefailure.h"
#include "expressionparser.h"

namespace eventscope::expr::detail {

// Whether a function starts at the current token: `function`, `x =>` or `(a, b) =>`. Reads ahead
// and comes back.
bool Parser::atFunctionForm()
{
    if (isKeyword(QLatin1String("function")))
        return true;
    if (m_tok.type != TokenType::Ident && !isPunct(QLatin1String("(")))
        return false;
    const int position = m_lexer.position();
    const Token saved = m_tok;
    bool arrow = false;
    try {
        if (m_tok.type == TokenType::Ident) {
            advance();
        } else {
            advance();
            while (m_tok.type == TokenType::Ident) {
                advance();
                if (!isPunct(QLatin1String(",")))
                    break;
                advance();
            }
            if (isPunct(QLatin1String(")")))
                advance();
            else
                m_tok = Token(); // not a plain parameter list
        }
        arrow = isPunct(QLatin1String("=>"));
    } catch (const CompileFailure&) {
        arrow = false;
    }
    m_lexer.setPosition(position);
    m_tok = saved;
    return arrow;
}

// At `(`: identifiers up to `)`.
QStringList Parser::parseParameterList()
{
    expect(QLatin1String("("));
    QStringList names;
    while (!isPunct(QLatin1String(")"))) {
        if (m_tok.type != TokenType::Ident) {
            if (isPunct(QLatin1String("{")) || isPunct(QLatin1String("[")) || isPunct(QLatin1String("...")))
                unsupported(m_tok.position,
                            QStringLiteral("destructuring and rest parameters are not supported"));
            malformed(m_tok.position, QStringLiteral("expected a parameter name"));
        }
        if (names.contains(m_tok.text))
            unsupported(m_tok.position, QStringLiteral("duplicate parameter names are not supported"));
        names.append(m_tok.text);
        advance();
        if (isPunct(QLatin1String("=")))
            unsupported(m_tok.position, QStringLiteral("default parameter values are not supported"));
        if (isPunct(QLatin1String(",")))
            advance();
        else if (!isPunct(QLatin1String(")")))
            unexpectedAfter(QStringLiteral("',' or ')'"));
    }
    advance();
    return names;
}

// `function [name](params) { return expr; }`, `x => body` or `(params) => body`, where body is
// an expression or `{ return expr; }`.
Function Parser::parseFunction()
{
    Function f;
    bool block = false;
    if (isKeyword(QLatin1String("function"))) {
        advance();
        if (isPunct(QLatin1String("*")))
            unsupported(m_tok.position, QStringLiteral("generators are not supported"));
        if (m_tok.type == TokenType::Ident)
            advance(); // the name is in scope only for the function itself, which we never call
        f.names = parseParameterList();
        if (!isPunct(QLatin1String("{")))
            unexpectedAfter(QStringLiteral("'{'"));
        block = true;
    } else {
        if (m_tok.type == TokenType::Ident) {
            f.names.append(m_tok.text);
            advance();
        } else {
            f.names = parseParameterList();
        }
        expect(QLatin1String("=>"));
        block = isPunct(QLatin1String("{"));
    }
    const std::size_t scopeSize = m_scope.size();
    const int firstSlot = m_program.slotCount;
    bind(f.names);
    for (int i = 0; i < f.names.size(); ++i)
        f.slotIndexes.push_back(firstSlot + i);
    f.body = block ? parseBlockBody() : parseAssignment();
    m_scope.resize(scopeSize);
    return f;
}

// At `{`: `{}` or `{ return [expr][;] }`.
std::int32_t Parser::parseBlockBody()
{
    const int start = m_tok.position;
    advance();
    std::int32_t body = -1;
    if (isPunct(QLatin1String("}"))) {
        body = add(Op::Undefined, start);
    } else if (isKeyword(QLatin1String("return"))) {
        advance();
        if (isPunct(QLatin1String(";")) || isPunct(QLatin1String("}"))) {
            body = add(Op::Undefined, start);
        } else {
            if (m_tok.newlineBefore) // `return` alone on its line returns undefined
                unsupported(m_tok.position, QStringLiteral("only a single return statement is supported"));
            body = parseAssignment();
        }
        const bool semicolon = isPunct(QLatin1String(";"));
        if (semicolon)
            advance();
        if (!isPunct(QLatin1String("}"))) {
            if (m_tok.type == TokenType::End)
                malformed(m_tok.position, QStringLiteral("unexpected end of input, expected '}'"));
            // Whatever follows a complete return statement is another statement.
            if (semicolon || m_tok.newlineBefore)
                unsupported(m_tok.position, QStringLiteral("only a single return statement is supported"));
            unexpectedAfter(QStringLiteral("'}'"));
        }
    } else if (m_tok.type == TokenType::End) {
        malformed(m_tok.position, QStringLiteral("unexpected end of input, expected '}'"));
    } else {
        unsupported(m_tok.position,
                    QStringLiteral("statements other than a single return are not supported"));
    }
    advance();
    return body;
}

// At `(` of .every(cb) / .some(cb): a function of (element[, index]).
std::int32_t Parser::parseCallback(Op op, int start, std::int32_t receiver, bool optional)
{
    advance();
    if (!atFunctionForm())
        unsupported(m_tok.position,
                    QStringLiteral("the callback must be an arrow function or a function expression"));
    const int fnStart = m_tok.position;
    const Function f = parseFunction();
    if (f.names.size() > 2)
        unsupported(fnStart, QStringLiteral("callbacks take at most (element, index)"));
    if (isPunct(QLatin1String(",")))
        unsupported(m_tok.position, QStringLiteral("a thisArg is not supported"));
    expect(QLatin1String(")"));
    Node node;
    node.op = op;
    node.optional = optional;
    node.a = receiver;
    node.b = f.body;
    node.slot = f.slotIndexes.size() > 0 ? f.slotIndexes[0] : -1;
    node.slot2 = f.slotIndexes.size() > 1 ? f.slotIndexes[1] : -1;
    return add(std::move(node), start);
}

} // namespace eventscope::expr::detail
