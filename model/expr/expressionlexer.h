#pragma once

#include <QString>

#include <cstdint>
#include <string>

namespace eventscope::expr::detail {

enum class TokenType : std::uint8_t
{
    End,
    Ident,
    Keyword,
    Number,
    String,
    Punct
};

struct Token
{
    TokenType type = TokenType::End;
    int position = 0;
    bool newlineBefore = false;
    QString text; // Ident, Keyword, Punct
    double number = 0;
    std::string string; // String: the value, UTF-8
};

// Pulled by the parser one token at a time, so that it can stop at the first construct outside the
// subset before trying to read what follows (the body of a regular expression, say). Throws
// CompileFailure.
class Lexer
{
public:
    explicit Lexer(const QString& source) : m_source(source) {}

    int position() const { return m_pos; }
    void setPosition(int position) { m_pos = position; }

    Token next();

private:
    char16_t at(int i) const { return i < m_source.size() ? m_source.at(i).unicode() : u'\0'; }
    bool isDigitAt(int i) const { return at(i) >= u'0' && at(i) <= u'9'; }
    char32_t codePointAt(int i) const;

    void skipSpaceAndComments(Token& token);
    void readIdentifier(Token& token);
    void readNumber(Token& token);
    int hexDigits(int count, int escape);
    void readString(Token& token);
    void readPunctuator(Token& token);

    const QString& m_source;
    int m_pos = 0;
};

} // namespace eventscope::expr::detail
