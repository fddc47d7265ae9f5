#include "jsonhighlighter.h"

#include "codecolors.h"

namespace eventscope::gui {
namespace {

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == u'-' || c == u'+' || c == u'.' || c == u'e' || c == u'E';
}

bool isPunctuation(QChar c)
{
    return c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u':' || c == u',';
}

// The end of a string starting at `quote` (one past its closing quote, or the line's end).
qsizetype stringEnd(QStringView line, qsizetype quote)
{
    for (qsizetype i = quote + 1; i < line.size(); ++i) {
        if (line[i] == u'\\')
            ++i;
        else if (line[i] == u'"')
            return i + 1;
    }
    return line.size();
}

} // namespace

std::vector<JsonToken> jsonTokens(QStringView line)
{
    std::vector<JsonToken> tokens;
    qsizetype i = 0;
    while (i < line.size()) {
        const QChar c = line[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        JsonToken token;
        token.start = i;
        if (c == u'"') {
            const qsizetype end = stringEnd(line, i);
            qsizetype next = end;
            while (next < line.size() && line[next].isSpace())
                ++next;
            token.kind =
                next < line.size() && line[next] == u':' ? JsonToken::Kind::Key : JsonToken::Kind::String;
            i = end;
        } else if (isPunctuation(c)) {
            token.kind = JsonToken::Kind::Punctuation;
            ++i;
        } else if (c.isDigit() || c == u'-') {
            token.kind = JsonToken::Kind::Number;
            while (i < line.size() && isNumberChar(line[i]))
                ++i;
        } else {
            while (i < line.size() && !line[i].isSpace() && !isPunctuation(line[i]) && line[i] != u'"')
                ++i;
            const QStringView word = line.sliced(token.start, i - token.start);
            const bool keyword = word == u"true" || word == u"false" || word == u"null";
            token.kind = keyword ? JsonToken::Kind::Keyword : JsonToken::Kind::Other;
        }
        token.length = i - token.start;
        tokens.push_back(token);
    }
    return tokens;
}

JsonHighlighter::JsonHighlighter(QTextDocument* document, const QPalette& palette)
    : QSyntaxHighlighter(document)
{
    setPalette(palette);
}

void JsonHighlighter::setPalette(const QPalette& palette)
{
    const CodeColors colors = CodeColors::from(palette);
    const auto format = [](const QColor& color) {
        QTextCharFormat f;
        f.setForeground(color);
        return f;
    };
    m_formats[size_t(JsonToken::Kind::Key)] = format(colors.name);
    m_formats[size_t(JsonToken::Kind::String)] = format(colors.string);
    m_formats[size_t(JsonToken::Kind::Number)] = format(colors.number);
    m_formats[size_t(JsonToken::Kind::Keyword)] = format(colors.keyword);
    m_formats[size_t(JsonToken::Kind::Punctuation)] = format(colors.punctuation);
    m_formats[size_t(JsonToken::Kind::Other)] = format(colors.text);
    rehighlight();
}

QColor JsonHighlighter::color(JsonToken::Kind kind) const
{
    return m_formats[size_t(kind)].foreground().color();
}

void JsonHighlighter::highlightBlock(const QString& text)
{
    for (const JsonToken& token : jsonTokens(text)) {
        if (token.kind != JsonToken::Kind::Other)
            setFormat(int(token.start), int(token.length), m_formats[size_t(token.kind)]);
    }
}

} // namespace eventscope::gui
