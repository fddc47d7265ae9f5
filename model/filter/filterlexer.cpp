#include "filterlexer.h"

#include "filterfailure.h"

#include <QChar>

namespace eventscope::filter::detail {
namespace {

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == u'_' || c == u'$';
}

bool isIdentifierPart(QChar c)
{
    return isIdentifierStart(c) || c.isDigit() || c.category() == QChar::Mark_NonSpacing;
}

int hexValue(char16_t c)
{
    if (c >= u'0' && c <= u'9')
        return c - u'0';
    if (c >= u'a' && c <= u'f')
        return c - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c - u'A' + 10;
    return -1;
}

} // namespace

Token Lexer::next()
{
    while (m_pos < m_source.size() && m_source.at(m_pos).isSpace())
        ++m_pos;
    Token token;
    token.start = m_pos;
    if (m_pos >= m_source.size())
        return token;
    const QChar c = m_source.at(m_pos);
    if (isDigitAt(m_pos))
        readNumber(token);
    else if (c == u'"' || c == u'\'')
        readString(token);
    else if (isIdentifierStart(c))
        readIdentifier(token);
    else
        readPunct(token);
    token.length = m_pos - token.start;
    return token;
}

void Lexer::readIdentifier(Token& token)
{
    while (m_pos < m_source.size() && isIdentifierPart(m_source.at(m_pos)))
        ++m_pos;
    token.type = TokenType::Identifier;
    token.text = m_source.mid(token.start, m_pos - token.start);
}

// The length of an ISO date or date-time at start (YYYY-MM-DD, then optionally THH:MM[:SS[.f]]
// and Z or an offset), or 0. Whether the date exists is checked later, by parseTimestamp().
int Lexer::timeLength(int start) const
{
    const auto digitsAt = [&](int from, int count) {
        for (int i = from; i < from + count; ++i) {
            if (!isDigitAt(i))
                return false;
        }
        return true;
    };
    if (!digitsAt(start, 4) || at(start + 4) != u'-' || !digitsAt(start + 5, 2) || at(start + 7) != u'-' ||
        !digitsAt(start + 8, 2))
        return 0;
    int pos = start + 10;
    if ((at(pos) == u'T' || at(pos) == u't') && digitsAt(pos + 1, 2) && at(pos + 3) == u':' &&
        digitsAt(pos + 4, 2)) {
        pos += 6;
        if (at(pos) == u':' && digitsAt(pos + 1, 2)) {
            pos += 3;
            if ((at(pos) == u'.' || at(pos) == u',') && isDigitAt(pos + 1)) {
                ++pos;
                while (isDigitAt(pos))
                    ++pos;
            }
        }
        if (at(pos) == u'Z' || at(pos) == u'z') {
            ++pos;
        } else if ((at(pos) == u'+' || at(pos) == u'-') && digitsAt(pos + 1, 2)) {
            pos += 3;
            if (at(pos) == u':' && digitsAt(pos + 1, 2))
                pos += 3;
            else if (digitsAt(pos, 2))
                pos += 2;
        }
    }
    return pos - start;
}

void Lexer::readNumber(Token& token)
{
    if (const int length = timeLength(m_pos)) {
        m_pos += length;
        token.type = TokenType::Time;
        token.text = m_source.mid(token.start, length);
        return;
    }
    while (isDigitAt(m_pos))
        ++m_pos;
    if (at(m_pos) == u'.' && isDigitAt(m_pos + 1)) {
        ++m_pos;
        while (isDigitAt(m_pos))
            ++m_pos;
    }
    if ((at(m_pos) == u'e' || at(m_pos) == u'E') &&
        (isDigitAt(m_pos + 1) ||
         ((at(m_pos + 1) == u'+' || at(m_pos + 1) == u'-') && isDigitAt(m_pos + 2)))) {
        m_pos += 2;
        while (isDigitAt(m_pos))
            ++m_pos;
    }
    if (m_pos < m_source.size() && isIdentifierPart(m_source.at(m_pos))) {
        int end = m_pos;
        while (end < m_source.size() && isIdentifierPart(m_source.at(end)))
            ++end;
        fail(token.start, end - token.start,
             QStringLiteral("%1 is neither a number nor a name; put text in quotes")
                 .arg(m_source.mid(token.start, end - token.start)));
    }
    token.type = TokenType::Number;
    token.text = m_source.mid(token.start, m_pos - token.start);
    bool ok = false;
    token.number = token.text.toDouble(&ok);
    if (!ok)
        fail(token.start, m_pos - token.start, QStringLiteral("%1 is not a number").arg(token.text));
}

// Escapes: \" \' \\ \/ \n \t \r \uXXXX. Any other backslash is kept as written, so that regular
// expressions read naturally ("^order-\d+$" rather than "^order-\\d+$").
void Lexer::readString(Token& token)
{
    const char16_t quote = at(m_pos);
    ++m_pos;
    QString value;
    while (true) {
        if (m_pos >= m_source.size())
            fail(token.start, m_pos - token.start,
                 QStringLiteral("unterminated text: close it with %1").arg(QChar(quote)));
        const char16_t c = at(m_pos);
        if (c == quote) {
            ++m_pos;
            break;
        }
        if (c != u'\\') {
            value += QChar(c);
            ++m_pos;
            continue;
        }
        const char16_t e = at(m_pos + 1);
        switch (e) {
        case u'"':
        case u'\'':
        case u'\\':
        case u'/':
            value += QChar(e);
            m_pos += 2;
            break;
        case u'n':
            value += QLatin1Char('\n');
            m_pos += 2;
            break;
        case u't':
            value += QLatin1Char('\t');
            m_pos += 2;
            break;
        case u'r':
            value += QLatin1Char('\r');
            m_pos += 2;
            break;
        case u'u': {
            int code = 0;
            for (int i = 0; i < 4; ++i) {
                const int digit = hexValue(at(m_pos + 2 + i));
                if (digit < 0)
                    fail(m_pos, 2 + i, QStringLiteral("\\u needs four hexadecimal digits"));
                code = code * 16 + digit;
            }
            value += QChar(char16_t(code));
            m_pos += 6;
            break;
        }
        default:
            value += QLatin1Char('\\');
            ++m_pos;
            break;
        }
    }
    token.type = TokenType::String;
    token.text = value;
}

void Lexer::readPunct(Token& token)
{
    static const char* const twoCharacter[] = {"==", "!=", "<=", ">=", "!~", "&&", "||"};
    const char16_t c = at(m_pos);
    const char16_t d = at(m_pos + 1);
    token.type = TokenType::Punct;
    for (const char* p : twoCharacter) {
        if (c == char16_t(p[0]) && d == char16_t(p[1])) {
            token.text = QString::fromLatin1(p, 2);
            m_pos += 2;
            return;
        }
    }
    switch (c) {
    case u'<':
    case u'>':
    case u'~':
    case u'!':
    case u'(':
    case u')':
    case u'[':
    case u']':
    case u',':
    case u'.':
    case u'-':
        token.text = QChar(c);
        ++m_pos;
        return;
    case u'=':
        fail(m_pos, 1, QStringLiteral("use == to compare"));
    case u'&':
        fail(m_pos, 1, QStringLiteral("use && (or and) to require both conditions"));
    case u'|':
        fail(m_pos, 1, QStringLiteral("use || (or or) to accept either condition"));
    default:
        break;
    }
    const int length = QChar::isHighSurrogate(c) && QChar::isLowSurrogate(d) ? 2 : 1;
    fail(m_pos, length, QStringLiteral("unexpected character %1").arg(m_source.mid(m_pos, length)));
}

} // namespace eventscope::filter::detail
