#include "scriptsyntax.h"

#include <QStringList>

#include <algorithm>
#include <vector>

namespace eventscope::script {
namespace {

// An object literal with a spread: where its braces are, and its top-level commas and spreads.
struct Literal
{
    qsizetype open = 0;
    qsizetype close = 0;
    std::vector<qsizetype> commas;
    std::vector<qsizetype> spreads;
};

// Finds the object literals with a spread. A scanner, not a parser: it knows strings, template
// literals, comments and regular expressions well enough not to see braces or "..." inside them,
// and takes a '/' for a regular expression where an expression may start.
class Scanner
{
public:
    explicit Scanner(const QString& source) : m_s(source), m_n(source.size()) {}

    std::vector<Literal> scan()
    {
        while (m_i < m_n)
            step();
        std::sort(m_literals.begin(), m_literals.end(),
                  [](const Literal& a, const Literal& b) { return a.open < b.open; });
        return std::move(m_literals);
    }

private:
    struct Bracket
    {
        QChar kind;                // '{', '(' or '['
        bool substitution = false; // a template literal's "${"
        Literal literal;
    };

    QChar at(qsizetype i) const { return i < m_n ? m_s[i] : QChar(); }

    static bool isWordChar(QChar c)
    {
        return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$') ||
               c == QLatin1Char('\\');
    }

    bool inObjectBraces() const
    {
        return !m_stack.empty() && m_stack.back().kind == QLatin1Char('{') && !m_stack.back().substitution;
    }

    qsizetype skipSpaceAndComments(qsizetype i) const
    {
        while (i < m_n) {
            if (m_s[i].isSpace()) {
                ++i;
            } else if (m_s[i] == QLatin1Char('/') && at(i + 1) == QLatin1Char('/')) {
                while (i < m_n && m_s[i] != QLatin1Char('\n'))
                    ++i;
            } else if (m_s[i] == QLatin1Char('/') && at(i + 1) == QLatin1Char('*')) {
                const qsizetype end = m_s.indexOf(QLatin1String("*/"), i + 2);
                i = end < 0 ? m_n : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    // After "}" of a destructuring pattern comes a plain "=" (not "==" or "=>").
    bool patternFollows(qsizetype i) const
    {
        i = skipSpaceAndComments(i);
        return at(i) == QLatin1Char('=') && at(i + 1) != QLatin1Char('=') && at(i + 1) != QLatin1Char('>');
    }

    void skipQuoted(QChar quote)
    {
        for (++m_i; m_i < m_n && m_s[m_i] != quote && m_s[m_i] != QLatin1Char('\n'); ++m_i) {
            if (m_s[m_i] == QLatin1Char('\\'))
                ++m_i;
        }
        ++m_i;
    }

    void skipRegex()
    {
        bool inClass = false;
        for (++m_i; m_i < m_n && m_s[m_i] != QLatin1Char('\n'); ++m_i) {
            const QChar c = m_s[m_i];
            if (c == QLatin1Char('\\'))
                ++m_i;
            else if (c == QLatin1Char('['))
                inClass = true;
            else if (c == QLatin1Char(']'))
                inClass = false;
            else if (c == QLatin1Char('/') && !inClass)
                break;
        }
        ++m_i;
        while (m_i < m_n && isWordChar(m_s[m_i])) // flags
            ++m_i;
    }

    // The text of a template literal, up to its end or its next "${".
    void scanTemplateText()
    {
        while (m_i < m_n) {
            const QChar c = m_s[m_i];
            if (c == QLatin1Char('\\')) {
                m_i += 2;
            } else if (c == QLatin1Char('`')) {
                ++m_i;
                m_regexAllowed = false;
                return;
            } else if (c == QLatin1Char('$') && at(m_i + 1) == QLatin1Char('{')) {
                m_stack.push_back(Bracket{QLatin1Char('{'), true, Literal{m_i, 0, {}, {}}});
                m_i += 2;
                m_regexAllowed = true;
                return;
            } else {
                ++m_i;
            }
        }
    }

    void word()
    {
        const qsizetype start = m_i;
        while (m_i < m_n && isWordChar(m_s[m_i]))
            ++m_i;
        static const QStringList expressionKeywords = {
            QStringLiteral("return"), QStringLiteral("typeof"), QStringLiteral("instanceof"),
            QStringLiteral("in"),     QStringLiteral("of"),     QStringLiteral("new"),
            QStringLiteral("delete"), QStringLiteral("void"),   QStringLiteral("throw"),
            QStringLiteral("case"),   QStringLiteral("do"),     QStringLiteral("else"),
            QStringLiteral("yield"),  QStringLiteral("await")};
        m_regexAllowed = expressionKeywords.contains(QStringView(m_s).mid(start, m_i - start));
    }

    void close(QChar kind)
    {
        if (m_stack.empty()) {
            ++m_i;
            return;
        }
        Bracket bracket = std::move(m_stack.back());
        m_stack.pop_back();
        ++m_i;
        if (bracket.substitution) {
            scanTemplateText();
            return;
        }
        m_regexAllowed = false;
        if (kind == QLatin1Char('}') && bracket.kind == QLatin1Char('{') &&
            !bracket.literal.spreads.empty() && !patternFollows(m_i)) {
            bracket.literal.close = m_i - 1;
            m_literals.push_back(std::move(bracket.literal));
        }
    }

    void step()
    {
        const QChar c = m_s[m_i];
        if (c.isSpace() ||
            (c == QLatin1Char('/') && (at(m_i + 1) == QLatin1Char('/') || at(m_i + 1) == QLatin1Char('*')))) {
            m_i = skipSpaceAndComments(m_i);
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            skipQuoted(c);
            m_regexAllowed = false;
        } else if (c == QLatin1Char('`')) {
            ++m_i;
            scanTemplateText();
        } else if (c == QLatin1Char('/') && m_regexAllowed) {
            skipRegex();
            m_regexAllowed = false;
        } else if (isWordChar(c)) {
            word();
        } else if (c == QLatin1Char('.') && at(m_i + 1) == QLatin1Char('.') &&
                   at(m_i + 2) == QLatin1Char('.')) {
            if (inObjectBraces())
                m_stack.back().literal.spreads.push_back(m_i);
            m_i += 3;
            m_regexAllowed = true;
        } else if (c == QLatin1Char('{') || c == QLatin1Char('(') || c == QLatin1Char('[')) {
            m_stack.push_back(Bracket{c, false, Literal{m_i, 0, {}, {}}});
            ++m_i;
            m_regexAllowed = true;
        } else if (c == QLatin1Char('}') || c == QLatin1Char(')') || c == QLatin1Char(']')) {
            close(c);
        } else {
            if (c == QLatin1Char(',') && inObjectBraces())
                m_stack.back().literal.commas.push_back(m_i);
            ++m_i;
            m_regexAllowed = true;
        }
    }

    const QString& m_s;
    const qsizetype m_n;
    qsizetype m_i = 0;
    bool m_regexAllowed = true;
    std::vector<Bracket> m_stack;
    std::vector<Literal> m_literals;
};

class Rewriter
{
public:
    Rewriter(const QString& source, std::vector<Literal> literals)
        : m_s(source), m_literals(std::move(literals))
    {
        m_out.reserve(source.size() + qsizetype(m_literals.size()) * 32);
    }

    QString run()
    {
        copy(0, m_s.size());
        return m_out;
    }

private:
    // Copies [from, to), rewriting the literals that open in it (they end in it too).
    void copy(qsizetype from, qsizetype to)
    {
        qsizetype i = from;
        while (m_next < m_literals.size() && m_literals[m_next].open < to) {
            const Literal& literal = m_literals[m_next++];
            m_out += QStringView(m_s).mid(i, literal.open - i);
            rewrite(literal);
            i = literal.close + 1;
        }
        m_out += QStringView(m_s).mid(i, to - i);
    }

    void rewrite(const Literal& literal)
    {
        m_out += QLatin1String("Object.assign({}");
        bool inGroup = false; // an object literal of plain members is open
        qsizetype start = literal.open + 1;
        for (std::size_t k = 0; k <= literal.commas.size(); ++k) {
            const qsizetype end = k < literal.commas.size() ? literal.commas[k] : literal.close;
            const auto spread = std::find_if(literal.spreads.begin(), literal.spreads.end(),
                                             [&](qsizetype at) { return at >= start && at < end; });
            if (spread != literal.spreads.end()) {
                if (inGroup)
                    m_out += QLatin1Char('}');
                inGroup = false;
                m_out += QLatin1String(", ");
                m_out += QStringView(m_s).mid(start, *spread - start);
                m_out += QLatin1Char('(');
                copy(*spread + 3, end);
                m_out += QLatin1Char(')');
            } else if (QStringView(m_s).mid(start, end - start).trimmed().isEmpty()) {
                m_out += QStringView(m_s).mid(start, end - start); // a trailing comma's space, newlines kept
            } else {
                m_out += inGroup ? QLatin1String(",") : QLatin1String(", {");
                inGroup = true;
                copy(start, end);
            }
            start = end + 1;
        }
        if (inGroup)
            m_out += QLatin1Char('}');
        m_out += QLatin1Char(')');
    }

    const QString& m_s;
    std::vector<Literal> m_literals;
    std::size_t m_next = 0;
    QString m_out;
};

} // namespace

QString rewriteObjectSpread(const QString& source)
{
    if (!source.contains(QLatin1String("...")))
        return source;
    std::vector<Literal> literals = Scanner(source).scan();
    if (literals.empty())
        return source;
    return Rewriter(source, std::move(literals)).run();
}

} // namespace eventscope::script
