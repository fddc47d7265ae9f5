#pragma once

#include "expressionlexer.h"
#include "expressionprogram.h"

#include <QLatin1String>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <utility>
#include <vector>

namespace eventscope::expr::detail {

// A function's parameters and body, parsed with the parameters in scope.
struct Function
{
    QStringList names;
    std::vector<std::int32_t> slotIndexes;
    std::int32_t body = -1;
};

// Source text to a Program, by recursive descent over the lexer's tokens. Throws CompileFailure.
class Parser
{
public:
    Parser(const QString& source, Program& program) : m_lexer(source), m_program(program) {}

    void parseProgram(const QStringList& params);

private:
    // The parser's own recursion, which every nested operand passes through in parseUnary().
    static constexpr int kMaxDepth = 200;
    // The tree's, which bounds the evaluator's recursion.
    static constexpr std::int32_t kMaxTreeDepth = 1000;

    void advance() { m_tok = m_lexer.next(); }
    bool isPunct(QLatin1String p) const { return m_tok.type == TokenType::Punct && m_tok.text == p; }
    bool isKeyword(QLatin1String k) const { return m_tok.type == TokenType::Keyword && m_tok.text == k; }
    bool isIdent(QLatin1String k) const { return m_tok.type == TokenType::Ident && m_tok.text == k; }
    void expect(QLatin1String p);

    [[noreturn]] void unexpectedAfter(const QString& expected);
    [[noreturn]] void unexpectedOperand();

    std::int32_t depthOf(std::int32_t node) const { return node < 0 ? 0 : m_depths[std::size_t(node)]; }
    std::int32_t add(Node node, int position);
    std::int32_t add(Op op, int position, std::int32_t a = -1, std::int32_t b = -1, std::int32_t c = -1);
    void bind(const QStringList& names);
    int lookup(const QString& name) const;

    // Operators by precedence, and operands (expressionparser.cpp).
    std::int32_t parseAssignment();
    std::int32_t parseShortCircuit();
    std::int32_t parseAndRest(int start, std::int32_t left, bool& mixed);
    std::int32_t parseEquality();
    std::int32_t parseRelational();
    std::int32_t parseAdditive();
    std::int32_t parseMultiplicative();
    std::int32_t parseUnary();
    std::int32_t parseLeftHandSide();
    QString parsePropertyName();
    std::int32_t memberNode(std::int32_t object, const QString& name, bool optional, int start);
    std::int32_t parsePrimary();

    // Functions and arrow functions (expressionfunctionforms.cpp).
    bool atFunctionForm();
    QStringList parseParameterList();
    Function parseFunction();
    std::int32_t parseBlockBody();
    std::int32_t parseCallback(Op op, int start, std::int32_t receiver, bool optional);

    // Math and Object (expressionbuiltinsyntax.cpp).
    std::int32_t parseMath();
    std::int32_t parseMathCall(Op op, int start);
    std::int32_t parseObjectCall();

    Lexer m_lexer;
    Token m_tok;
    Program& m_program;
    std::vector<std::pair<QString, int>> m_scope;
    std::vector<bool> m_usedSlots;
    std::vector<std::int32_t> m_depths;
    int m_depth = 0;
};

} // namespace eventscope::expr::detail
