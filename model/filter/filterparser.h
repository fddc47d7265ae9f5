#pragma once

#include "filterast.h"
#include "filterlexer.h"

#include <QString>

namespace eventscope::filter::detail {

// Source text to a checked Node tree, by recursive descent:
//
//   filter     := or END
//   or         := and (("||" | "or") and)*
//   and        := unary (("&&" | "and") unary)*
//   unary      := ("!" | "not") unary | primary
//   primary    := "(" or ")" | "exists" field | comparison
//   comparison := operand ("==" | "!=" | "<" | "<=" | ">" | ">=" | "~" | "!~") operand
//               | operand ("in" | "!" "in" | "not" "in") "[" literal ("," literal)* ","? "]"
//   operand    := field | literal
//
// A comparison has one field and one literal, in either order. Throws FilterFailure.
class Parser
{
public:
    explicit Parser(const QString& source) : m_source(source), m_lexer(source) {}

    Node parse();

private:
    static constexpr int maxDepth = 100;

    // A literal as written, before it is checked against the field it is compared with.
    struct RawLiteral
    {
        TokenType type = TokenType::End; // Number, String, Time, or Identifier (true/false/null)
        double number = 0;
        QString text;
        int start = 0;
        int length = 0;
    };
    struct Operand
    {
        bool isField = false;
        FieldRef field;
        RawLiteral literal;
        int start = 0;
        int length = 0;
    };
    enum class Purpose
    {
        Equality,
        Ordering
    };

    void advance() { m_token = m_lexer.next(); }
    QString spelling(int start, int length) const { return m_source.mid(start, length); }
    [[noreturn]] void failAtToken(const QString& message) const;
    void expectPunct(QLatin1String punct, const QString& message);

    Node parseOr();
    Node parseAnd();
    Node parseUnary();
    Node parsePrimary();
    Node parseExists(int start);
    Node parseComparison();
    Operand parseOperand(bool afterOperator);
    FieldRef parseField(const Token& name);
    void parsePath(json::Path& path);
    std::vector<RawLiteral> parseList();

    Node compare(const Operand& field, const Token& op, const Operand& value);
    Node matchRegex(const Operand& field, const Token& op, const Operand& value);
    Node membership(const Operand& field, bool negated, const std::vector<RawLiteral>& values);
    Literal check(const Operand& field, const RawLiteral& raw, Purpose purpose) const;

    const QString& m_source;
    Lexer m_lexer;
    Token m_token;
    int m_depth = 0;
};

} // namespace eventscope::filter::detail
