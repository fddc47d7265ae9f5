#pragma once

#include <QString>

#include <cstdint>

namespace eventscope::filter::detail {

enum class TokenType : std::uint8_t
{
    End,
    Identifier, // field names and the words and, or, not, in, exists, true, false, null
    Number,
    String, // "..." or '...', text holds the value with escapes resolved
    Time,   // an unquoted ISO date or time (2025-03-01, 2025-03-01T12:00:00Z), text as written
    Punct   // == != < <= > >= ~ !~ && || ! ( ) [ ] , . -
};

struct Token
{
    TokenType type = TokenType::End;
    int start = 0;  // UTF-16 index into the source
    int length = 0; // in UTF-16 units
    QString text;   // Identifier, String, Time, Punct
    double number = 0;

    int end() const { return start + length; }
    bool is(TokenType t, QLatin1String s) const { return type == t && text == s; }
    bool isPunct(QLatin1String p) const { return is(TokenType::Punct, p); }
    bool isWord(QLatin1String w) const { return is(TokenType::Identifier, w); }
};

// Splits a filter into tokens on demand. Throws FilterFailure (filterfailure.h) with the span of
// what it could not read and, for the usual slips (= for ==, & for &&), what to write instead.
class Lexer
{
public:
    explicit Lexer(const QString& source) : m_source(source) {}

    Token next();

private:
    char16_t at(int i) const { return i < m_source.size() ? m_source.at(i).unicode() : u'\0'; }
    bool isDigitAt(int i) const { return at(i) >= u'0' && at(i) <= u'9'; }
    int timeLength(int start) const;

    void readIdentifier(Token& token);
    void readNumber(Token& token);
    void readString(Token& token);
    void readPunct(Token& token);

    const QString& m_source;
    int m_pos = 0;
};

} // namespace eventscope::filter::detail
