#include "jsonpath.h"

#include <limits>

namespace eventscope::json {

namespace {

bool isAsciiIdentifierStart(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_' || c == u'$';
}

bool isAsciiIdentifierPart(char16_t c)
{
    return isAsciiIdentifierStart(c) || (c >= u'0' && c <= u'9');
}

// Paths are typed by people, so names in other scripts are accepted without quotes (as JavaScript
// does); formatPath() still quotes them, which reads back the same.
bool isIdentifierStart(QChar c)
{
    if (c.unicode() < 0x80)
        return isAsciiIdentifierStart(c.unicode());
    return c.isLetter() || c.isSurrogate();
}

bool isIdentifierPart(QChar c)
{
    if (c.unicode() < 0x80)
        return isAsciiIdentifierPart(c.unicode());
    return c.isLetterOrNumber() || c.isMark() || c.isSurrogate();
}

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

std::string toUtf8(QStringView s)
{
    const QByteArray utf8 = s.toUtf8();
    return std::string(utf8.constData(), std::size_t(utf8.size()));
}

class PathParser
{
public:
    explicit PathParser(const QString& text) : m_text(text) {}

    std::optional<Path> run(QString* error)
    {
        Path path;
        qsizetype end = m_text.size();
        while (m_pos < end && m_text.at(m_pos).isSpace())
            ++m_pos;
        while (end > m_pos && m_text.at(end - 1).isSpace())
            --end;
        m_end = end;

        bool first = true;
        while (m_pos < m_end) {
            const QChar c = m_text.at(m_pos);
            if (c == u'.') {
                ++m_pos;
                if (m_pos >= m_end)
                    return fail(error, QStringLiteral("expected a name after '.'"));
                if (!isIdentifierStart(m_text.at(m_pos)))
                    return fail(error,
                                unexpected() + QStringLiteral(" after '.' (quote other keys: [\"...\"])"));
                path.emplace_back().step.emplace<std::string>(identifier());
            } else if (c == u'[') {
                std::optional<PathSegment> segment = bracket(error);
                if (!segment)
                    return std::nullopt;
                path.push_back(std::move(*segment));
            } else if (first && isIdentifierStart(c)) {
                path.emplace_back().step.emplace<std::string>(identifier());
            } else {
                return fail(error, unexpected() + QStringLiteral(" (expected '.' or '[')"));
            }
            first = false;
        }
        return path;
    }

private:
    QString unexpected() const
    {
        return QStringLiteral("unexpected '") + m_text.at(m_pos) + QStringLiteral("' at position ") +
               QString::number(m_pos);
    }

    std::nullopt_t fail(QString* error, const QString& message) const
    {
        if (error)
            *error = message;
        return std::nullopt;
    }

    std::string identifier()
    {
        const qsizetype start = m_pos;
        ++m_pos;
        while (m_pos < m_end && isIdentifierPart(m_text.at(m_pos)))
            ++m_pos;
        return toUtf8(QStringView(m_text).mid(start, m_pos - start));
    }

    void skipSpace()
    {
        while (m_pos < m_end && m_text.at(m_pos).isSpace())
            ++m_pos;
    }

    std::optional<PathSegment> bracket(QString* error)
    {
        const qsizetype open = m_pos;
        ++m_pos;
        skipSpace();
        if (m_pos >= m_end)
            return fail(error, QStringLiteral("unclosed '[' at position ") + QString::number(open));
        PathSegment segment;
        const QChar c = m_text.at(m_pos);
        if (c >= u'0' && c <= u'9') {
            std::size_t index = 0;
            while (m_pos < m_end && m_text.at(m_pos) >= u'0' && m_text.at(m_pos) <= u'9') {
                const std::size_t digit = std::size_t(m_text.at(m_pos).unicode() - u'0');
                if (index > (std::numeric_limits<std::size_t>::max() - digit) / 10)
                    return fail(error,
                                QStringLiteral("index too large at position ") + QString::number(open + 1));
                index = index * 10 + digit;
                ++m_pos;
            }
            segment.step = index;
        } else if (c == u'"' || c == u'\'') {
            std::optional<std::string> key = quoted(error);
            if (!key)
                return std::nullopt;
            segment.step = std::move(*key);
        } else {
            return fail(error,
                        unexpected() + QStringLiteral(" (expected an index or a quoted key after '[')"));
        }
        skipSpace();
        if (m_pos >= m_end)
            return fail(error, QStringLiteral("unclosed '[' at position ") + QString::number(open));
        if (m_text.at(m_pos) != u']')
            return fail(error, unexpected() + QStringLiteral(" (expected ']')"));
        ++m_pos;
        return segment;
    }

    // A key in double or single quotes with JSON's escapes (and \' inside single quotes).
    std::optional<std::string> quoted(QString* error)
    {
        const qsizetype open = m_pos;
        const QChar quote = m_text.at(m_pos);
        ++m_pos;
        QString key;
        for (;;) {
            if (m_pos >= m_end)
                return fail(error, QStringLiteral("unterminated string starting at position ") +
                                       QString::number(open));
            const QChar c = m_text.at(m_pos);
            if (c == quote) {
                ++m_pos;
                return toUtf8(key);
            }
            if (c != u'\\') {
                key += c;
                ++m_pos;
                continue;
            }
            ++m_pos;
            if (m_pos >= m_end)
                return fail(error, QStringLiteral("unterminated string starting at position ") +
                                       QString::number(open));
            const QChar e = m_text.at(m_pos);
            switch (e.unicode()) {
            case u'"':
            case u'\'':
            case u'\\':
            case u'/':
                key += e;
                break;
            case u'b':
                key += u'\b';
                break;
            case u'f':
                key += u'\f';
                break;
            case u'n':
                key += u'\n';
                break;
            case u'r':
                key += u'\r';
                break;
            case u't':
                key += u'\t';
                break;
            case u'u': {
                char16_t unit = 0;
                for (int i = 1; i <= 4; ++i) {
                    const int digit = m_pos + i < m_end ? hexDigit(m_text.at(m_pos + i)) : -1;
                    if (digit < 0)
                        return fail(error, QStringLiteral("expected four hex digits after \\u at position ") +
                                               QString::number(m_pos));
                    unit = static_cast<char16_t>(unit * 16 + digit);
                }
                key += QChar(unit);
                m_pos += 4;
                break;
            }
            default:
                return fail(error, QStringLiteral("invalid escape '\\") + e +
                                       QStringLiteral("' at position ") + QString::number(m_pos - 1));
            }
            ++m_pos;
        }
    }

    const QString& m_text;
    qsizetype m_pos = 0;
    qsizetype m_end = 0;
};

bool isPlainIdentifier(std::string_view key)
{
    if (key.empty() || !isAsciiIdentifierStart(static_cast<unsigned char>(key.front())))
        return false;
    for (const char c : key) {
        if (!isAsciiIdentifierPart(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

} // namespace

std::optional<Path> parsePath(const QString& text, QString* error)
{
    return PathParser(text).run(error);
}

QString formatPath(const Path& path)
{
    std::string out;
    for (const PathSegment& segment : path) {
        if (const auto* index = std::get_if<std::size_t>(&segment.step)) {
            out += '[';
            out += std::to_string(*index);
            out += ']';
            continue;
        }
        const std::string& key = std::get<std::string>(segment.step);
        if (isPlainIdentifier(key)) {
            if (!out.empty())
                out += '.';
            out += key;
        } else {
            out += '[';
            appendJson(out, Value(key));
            out += ']';
        }
    }
    return QString::fromUtf8(out.data(), qsizetype(out.size()));
}

const Value* lookup(const Value& root, const Path& path)
{
    const Value* current = &root;
    for (const PathSegment& segment : path) {
        if (const auto* index = std::get_if<std::size_t>(&segment.step)) {
            if (!current->isArray() || *index >= current->size())
                return nullptr;
            current = &current->at(*index);
        } else {
            current = current->find(std::get<std::string>(segment.step));
            if (!current)
                return nullptr;
        }
    }
    return current;
}

} // namespace eventscope::json
