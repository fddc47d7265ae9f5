#include "expressionlexer.h"
#include "expressioncompilefailure.h"
#include "expressionnumbers.h"

#include <QChar>
#include <QStringView>

#include <algorithm>
#include <array>

namespace eventscope::expr::detail {

namespace {

bool isReservedWord(const QString& word)
{
    static const std::array<QLatin1String, 38> words = {
        QLatin1String("break"),      QLatin1String("case"),    QLatin1String("catch"),
        QLatin1String("class"),      QLatin1String("const"),   QLatin1String("continue"),
        QLatin1String("debugger"),   QLatin1String("default"), QLatin1String("delete"),
        QLatin1String("do"),         QLatin1String("else"),    QLatin1String("enum"),
        QLatin1String("export"),     QLatin1String("extends"), QLatin1String("false"),
        QLatin1String("finally"),    QLatin1String("for"),     QLatin1String("function"),
        QLatin1String("if"),         QLatin1String("import"),  QLatin1String("in"),
        QLatin1String("instanceof"), QLatin1String("new"),     QLatin1String("null"),
        QLatin1String("return"),     QLatin1String("super"),   QLatin1String("switch"),
        QLatin1String("this"),       QLatin1String("throw"),   QLatin1String("true"),
        QLatin1String("try"),        QLatin1String("typeof"),  QLatin1String("var"),
        QLatin1String("void"),       QLatin1String("while"),   QLatin1String("with"),
        QLatin1String("yield"),      QLatin1String("await")};
    return std::find(words.begin(), words.end(), word) != words.end();
}

bool isLineTerminator(char16_t c)
{
    return c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029;
}

bool isSpace(char16_t c)
{
    return c == u' ' || c == u'\t' || c == 0x0B || c == 0x0C || c == 0xA0 || c == 0xFEFF ||
           (c > 0x7F && QChar::category(char32_t(c)) == QChar::Separator_Space);
}

bool isIdentifierStart(char32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';
    const QChar::Category cat = QChar::category(c);
    return QChar::isLetter(c) || cat == QChar::Number_Letter;
}

bool isIdentifierPart(char32_t c)
{
    if (c < 0x80)
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    const QChar::Category cat = QChar::category(c);
    return isIdentifierStart(c) || cat == QChar::Mark_NonSpacing || cat == QChar::Mark_SpacingCombining ||
           cat == QChar::Number_DecimalDigit || cat == QChar::Punctuation_Connector || c == 0x200C ||
           c == 0x200D;
}

} // namespace

Token Lexer::next()
{
    Token token;
    skipSpaceAndComments(token);
    token.position = m_pos;
    if (m_pos >= m_source.size())
        return token;
    const char16_t c = at(m_pos);
    const char32_t cp = codePointAt(m_pos);
    if (isIdentifierStart(cp) || c == u'\\') {
        readIdentifier(token);
    } else if (isDigitAt(m_pos) || (c == u'.' && isDigitAt(m_pos + 1))) {
        readNumber(token);
    } else if (c == u'\'' || c == u'"') {
        readString(token);
    } else if (c == u'`') {
        unsupported(m_pos, QStringLiteral("template literals are not supported"));
    } else {
        readPunctuator(token);
    }
    return token;
}

char32_t Lexer::codePointAt(int i) const
{
    const char16_t c = at(i);
    if (QChar::isHighSurrogate(c) && QChar::isLowSurrogate(at(i + 1)))
        return QChar::surrogateToUcs4(c, at(i + 1));
    return c;
}

void Lexer::skipSpaceAndComments(Token& token)
{
    while (m_pos < m_source.size()) {
        const char16_t c = at(m_pos);
        if (isLineTerminator(c)) {
            token.newlineBefore = true;
            ++m_pos;
        } else if (isSpace(c)) {
            ++m_pos;
        } else if (c == u'/' && at(m_pos + 1) == u'/') {
            while (m_pos < m_source.size() && !isLineTerminator(at(m_pos)))
                ++m_pos;
        } else if (c == u'/' && at(m_pos + 1) == u'*') {
            const int end = int(m_source.indexOf(QLatin1String("*/"), m_pos + 2));
            if (end < 0)
                malformed(m_pos, QStringLiteral("unterminated comment"));
            for (int i = m_pos; i < end; ++i)
                token.newlineBefore = token.newlineBefore || isLineTerminator(at(i));
            m_pos = end + 2;
        } else {
            break;
        }
    }
}

void Lexer::readIdentifier(Token& token)
{
    const int start = m_pos;
    while (m_pos < m_source.size()) {
        if (at(m_pos) == u'\\')
            unsupported(m_pos, QStringLiteral("escapes in identifiers are not supported"));
        const char32_t cp = codePointAt(m_pos);
        if (!isIdentifierPart(cp))
            break;
        m_pos += cp > 0xFFFF ? 2 : 1;
    }
    token.text = m_source.mid(start, m_pos - start);
    token.type = isReservedWord(token.text) ? TokenType::Keyword : TokenType::Ident;
}

void Lexer::readNumber(Token& token)
{
    const int start = m_pos;
    token.type = TokenType::Number;
    const char16_t second = at(m_pos + 1);
    if (at(m_pos) == u'0' && (second == u'x' || second == u'X' || second == u'o' || second == u'O' ||
                              second == u'b' || second == u'B')) {
        const int base = (second == u'x' || second == u'X') ? 16 : (second == u'o' || second == u'O') ? 8 : 2;
        m_pos += 2;
        double value = 0;
        int digits = 0;
        while (m_pos < m_source.size()) {
            const char16_t c = at(m_pos);
            if (c == u'_')
                unsupported(m_pos, QStringLiteral("numeric separators are not supported"));
            const int d = c < 0x80 ? digitValue(char(c)) : 99;
            if (d >= base)
                break;
            value = value * base + d;
            ++digits;
            ++m_pos;
        }
        if (digits == 0)
            malformed(start, QStringLiteral("missing digits in a number"));
        token.number = value;
    } else if (at(m_pos) == u'0' && isDigitAt(m_pos + 1)) {
        unsupported(m_pos, QStringLiteral("legacy octal numbers are not supported"));
    } else {
        std::string text;
        const auto digits = [&] {
            while (isDigitAt(m_pos) || at(m_pos) == u'_') {
                if (at(m_pos) == u'_')
                    unsupported(m_pos, QStringLiteral("numeric separators are not supported"));
                text += char(at(m_pos++));
            }
        };
        digits();
        if (at(m_pos) == u'.') {
            text += '.';
            ++m_pos;
            digits();
        }
        if (at(m_pos) == u'e' || at(m_pos) == u'E') {
            text += 'e';
            ++m_pos;
            if (at(m_pos) == u'+' || at(m_pos) == u'-')
                text += char(at(m_pos++));
            if (!isDigitAt(m_pos))
                malformed(start, QStringLiteral("missing exponent digits in a number"));
            digits();
        }
        token.number = parseDecimal(text);
    }
    if (at(m_pos) == u'n')
        unsupported(start, QStringLiteral("BigInt literals are not supported"));
    // A syntax error by the specification, but QJSEngine reads `3in x` as `3 in x`: let it decide.
    if (m_pos < m_source.size() && (isIdentifierStart(codePointAt(m_pos)) || isDigitAt(m_pos)))
        unsupported(m_pos, QStringLiteral("an identifier starts immediately after a number"));
}

int Lexer::hexDigits(int count, int escape)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const char16_t c = at(m_pos);
        const int d = c < 0x80 ? digitValue(char(c)) : 99;
        if (d >= 16)
            malformed(escape, QStringLiteral("invalid escape sequence in a string"));
        value = value * 16 + d;
        ++m_pos;
    }
    return value;
}

void Lexer::readString(Token& token)
{
    const int start = m_pos;
    const char16_t quote = at(m_pos++);
    QString value;
    for (;;) {
        if (m_pos >= m_source.size() || at(m_pos) == u'\n' || at(m_pos) == u'\r')
            malformed(start, QStringLiteral("unterminated string"));
        const char16_t c = at(m_pos++);
        if (c == quote)
            break;
        if (c != u'\\') {
            value += QChar(c);
            continue;
        }
        const int escape = m_pos - 1;
        if (m_pos >= m_source.size())
            malformed(start, QStringLiteral("unterminated string"));
        const char16_t e = at(m_pos++);
        switch (e) {
        case u'n':
            value += QLatin1Char('\n');
            break;
        case u't':
            value += QLatin1Char('\t');
            break;
        case u'r':
            value += QLatin1Char('\r');
            break;
        case u'b':
            value += QLatin1Char('\b');
            break;
        case u'f':
            value += QLatin1Char('\f');
            break;
        case u'v':
            value += QLatin1Char('\v');
            break;
        case u'\r':
            if (at(m_pos) == u'\n')
                ++m_pos;
            break; // a line continuation
        case u'\n':
        case 0x2028:
        case 0x2029:
            break;
        case u'x':
            value += QChar(char16_t(hexDigits(2, escape)));
            break;
        case u'u':
            if (at(m_pos) == u'{') {
                ++m_pos;
                char32_t cp = 0;
                int digits = 0;
                while (at(m_pos) != u'}') {
                    const char16_t h = at(m_pos);
                    const int d = h < 0x80 ? digitValue(char(h)) : 99;
                    if (d >= 16 || cp > 0x10FFFF)
                        malformed(escape, QStringLiteral("invalid escape sequence in a string"));
                    cp = cp * 16 + char32_t(d);
                    ++digits;
                    ++m_pos;
                }
                ++m_pos;
                if (digits == 0 || cp > 0x10FFFF)
                    malformed(escape, QStringLiteral("invalid escape sequence in a string"));
                value += QString::fromUcs4(&cp, 1);
            } else {
                value += QChar(char16_t(hexDigits(4, escape)));
            }
            break;
        case u'0':
            if (isDigitAt(m_pos))
                unsupported(escape, QStringLiteral("legacy octal escapes are not supported"));
            value += QChar(u'\0');
            break;
        default:
            if (e >= u'1' && e <= u'9')
                unsupported(escape, QStringLiteral("legacy octal escapes are not supported"));
            value += QChar(e);
        }
    }
    // UTF-8 cannot carry half of a surrogate pair.
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar ch = value.at(i);
        if (ch.isHighSurrogate() && i + 1 < value.size() && value.at(i + 1).isLowSurrogate())
            ++i;
        else if (ch.isSurrogate())
            unsupported(start, QStringLiteral("strings with unpaired surrogates are not supported"));
    }
    token.type = TokenType::String;
    token.string = value.toStdString();
}

void Lexer::readPunctuator(Token& token)
{
    // Longer first, so that each match is the longest.
    static const std::array<QLatin1String, 57> punctuators = {
        QLatin1String(">>>="), QLatin1String("==="), QLatin1String("!=="),  QLatin1String("**="),
        QLatin1String("<<="),  QLatin1String(">>="), QLatin1String(">>>"),  QLatin1String("..."),
        QLatin1String("&&="),  QLatin1String("||="), QLatin1String("?\?="), QLatin1String("=>"),
        QLatin1String("=="),   QLatin1String("!="),  QLatin1String("<="),   QLatin1String(">="),
        QLatin1String("&&"),   QLatin1String("||"),  QLatin1String("??"),   QLatin1String("?."),
        QLatin1String("++"),   QLatin1String("--"),  QLatin1String("+="),   QLatin1String("-="),
        QLatin1String("*="),   QLatin1String("/="),  QLatin1String("%="),   QLatin1String("&="),
        QLatin1String("|="),   QLatin1String("^="),  QLatin1String("**"),   QLatin1String("<<"),
        QLatin1String(">>"),   QLatin1String("{"),   QLatin1String("}"),    QLatin1String("("),
        QLatin1String(")"),    QLatin1String("["),   QLatin1String("]"),    QLatin1String(";"),
        QLatin1String(","),    QLatin1String("<"),   QLatin1String(">"),    QLatin1String("+"),
        QLatin1String("-"),    QLatin1String("*"),   QLatin1String("/"),    QLatin1String("%"),
        QLatin1String("&"),    QLatin1String("|"),   QLatin1String("^"),    QLatin1String("!"),
        QLatin1String("~"),    QLatin1String("?"),   QLatin1String(":"),    QLatin1String("="),
        QLatin1String(".")};
    const QStringView rest = QStringView(m_source).mid(m_pos);
    for (const QLatin1String p : punctuators) {
        if (!rest.startsWith(p))
            continue;
        // `a?.5:1` is a conditional, not optional chaining.
        if (p == QLatin1String("?.") && isDigitAt(m_pos + 2))
            continue;
        token.type = TokenType::Punct;
        token.text = p;
        m_pos += int(p.size());
        return;
    }
    if (at(m_pos) == u'#')
        malformed(m_pos, QStringLiteral("private names are not valid here"));
    malformed(m_pos, QStringLiteral("unexpected character '%1'").arg(m_source.mid(m_pos, 1)));
}

} // namespace eventscope::expr::detail
