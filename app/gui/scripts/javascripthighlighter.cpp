#include "javascripthighlighter.h"

#include "codecolors.h"

#include <QSet>

namespace eventscope::gui {
namespace {

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == u'_' || c == u'$';
}

bool isIdentifierPart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

JsToken::Kind wordKind(QStringView word)
{
    static const QSet<QString> keywords = {
        QStringLiteral("async"),  QStringLiteral("await"),      QStringLiteral("break"),
        QStringLiteral("case"),   QStringLiteral("catch"),      QStringLiteral("class"),
        QStringLiteral("const"),  QStringLiteral("continue"),   QStringLiteral("default"),
        QStringLiteral("delete"), QStringLiteral("do"),         QStringLiteral("else"),
        QStringLiteral("for"),    QStringLiteral("function"),   QStringLiteral("if"),
        QStringLiteral("in"),     QStringLiteral("instanceof"), QStringLiteral("let"),
        QStringLiteral("new"),    QStringLiteral("of"),         QStringLiteral("return"),
        QStringLiteral("switch"), QStringLiteral("throw"),      QStringLiteral("try"),
        QStringLiteral("typeof"), QStringLiteral("var"),        QStringLiteral("void"),
        QStringLiteral("while"),  QStringLiteral("yield"),      QStringLiteral("finally"),
    };
    static const QSet<QString> literals = {QStringLiteral("true"),    QStringLiteral("false"),
                                           QStringLiteral("null"),    QStringLiteral("undefined"),
                                           QStringLiteral("this"),    QStringLiteral("NaN"),
                                           QStringLiteral("Infinity")};
    // The projection API (KurrentDB's), its handler names, and Eventscope's checks and upcasters.
    static const QSet<QString> api = {
        QStringLiteral("options"),     QStringLiteral("fromAll"),       QStringLiteral("fromStream"),
        QStringLiteral("fromStreams"), QStringLiteral("fromCategory"),  QStringLiteral("fromStreamsMatching"),
        QStringLiteral("when"),        QStringLiteral("foreachStream"), QStringLiteral("partitionBy"),
        QStringLiteral("outputState"), QStringLiteral("filterBy"),      QStringLiteral("transformBy"),
        QStringLiteral("emit"),        QStringLiteral("linkTo"),        QStringLiteral("invariant"),
        QStringLiteral("breakpoint"),  QStringLiteral("upcast"),        QStringLiteral("compensate"),
        QStringLiteral("$init"),       QStringLiteral("$initShared"),   QStringLiteral("$any"),
    };
    const QString text = word.toString();
    if (keywords.contains(text))
        return JsToken::Kind::Keyword;
    if (literals.contains(text))
        return JsToken::Kind::Literal;
    if (api.contains(text))
        return JsToken::Kind::Api;
    return JsToken::Kind::Other;
}

// One past the end of what starts at `from` and closes with `close` (or the line's end), skipping
// escaped characters; `closed` says whether the closing character was found.
qsizetype quotedEnd(QStringView line, qsizetype from, QChar close, bool& closed)
{
    for (qsizetype i = from; i < line.size(); ++i) {
        if (line[i] == u'\\')
            ++i;
        else if (line[i] == close) {
            closed = true;
            return i + 1;
        }
    }
    closed = false;
    return line.size();
}

} // namespace

std::vector<JsToken> jsTokens(QStringView line, JsLineState& state)
{
    std::vector<JsToken> tokens;
    const auto add = [&tokens](JsToken::Kind kind, qsizetype start, qsizetype end) {
        if (end > start && kind != JsToken::Kind::Other)
            tokens.push_back({kind, start, end - start});
    };
    qsizetype i = 0;
    if (state == JsLineState::BlockComment) {
        const qsizetype close = line.indexOf(u"*/");
        const qsizetype end = close < 0 ? line.size() : close + 2;
        add(JsToken::Kind::Comment, 0, end);
        if (close < 0)
            return tokens;
        state = JsLineState::Code;
        i = end;
    } else if (state == JsLineState::TemplateString) {
        bool closed = false;
        const qsizetype end = quotedEnd(line, 0, u'`', closed);
        add(JsToken::Kind::String, 0, end);
        if (!closed)
            return tokens;
        state = JsLineState::Code;
        i = end;
    }
    while (i < line.size()) {
        const QChar c = line[i];
        const QChar next = i + 1 < line.size() ? line[i + 1] : QChar();
        if (c == u'/' && next == u'/') {
            add(JsToken::Kind::Comment, i, line.size());
            break;
        }
        if (c == u'/' && next == u'*') {
            const qsizetype close = line.indexOf(u"*/", i + 2);
            const qsizetype end = close < 0 ? line.size() : close + 2;
            add(JsToken::Kind::Comment, i, end);
            if (close < 0) {
                state = JsLineState::BlockComment;
                break;
            }
            i = end;
        } else if (c == u'"' || c == u'\'' || c == u'`') {
            bool closed = false;
            const qsizetype end = quotedEnd(line, i + 1, c, closed);
            add(JsToken::Kind::String, i, end);
            if (c == u'`' && !closed)
                state = JsLineState::TemplateString;
            i = end;
        } else if (c.isDigit() || (c == u'.' && next.isDigit())) {
            qsizetype end = i + 1;
            while (end < line.size() &&
                   (line[end].isLetterOrNumber() || line[end] == u'.' || line[end] == u'_'))
                ++end;
            add(JsToken::Kind::Number, i, end);
            i = end;
        } else if (isIdentifierStart(c)) {
            qsizetype end = i + 1;
            while (end < line.size() && isIdentifierPart(line[end]))
                ++end;
            JsToken::Kind kind = wordKind(line.sliced(i, end - i));
            // A member (`e.data.when`) is not the API, a call in a chain is: `.when(`, `.partitionBy(`.
            if (kind == JsToken::Kind::Api && i > 0 && line[i - 1] == u'.') {
                qsizetype after = end;
                while (after < line.size() && line[after].isSpace())
                    ++after;
                if (after >= line.size() || line[after] != u'(')
                    kind = JsToken::Kind::Other;
            }
            add(kind, i, end);
            i = end;
        } else if (c == u'=' && next == u'>') {
            add(JsToken::Kind::Keyword, i, i + 2);
            i += 2;
        } else {
            ++i;
        }
    }
    return tokens;
}

JavaScriptHighlighter::JavaScriptHighlighter(QTextDocument* document, const QPalette& palette)
    : QSyntaxHighlighter(document)
{
    setPalette(palette);
}

void JavaScriptHighlighter::setPalette(const QPalette& palette)
{
    const CodeColors colors = CodeColors::from(palette);
    const auto format = [](const QColor& color, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(color);
        if (bold)
            f.setFontWeight(QFont::DemiBold);
        f.setFontItalic(italic);
        return f;
    };
    m_formats[size_t(JsToken::Kind::Keyword)] = format(colors.keyword);
    m_formats[size_t(JsToken::Kind::Literal)] = format(colors.number);
    m_formats[size_t(JsToken::Kind::Api)] = format(colors.name, true);
    m_formats[size_t(JsToken::Kind::String)] = format(colors.string);
    m_formats[size_t(JsToken::Kind::Number)] = format(colors.number);
    m_formats[size_t(JsToken::Kind::Comment)] = format(colors.comment, false, true);
    m_formats[size_t(JsToken::Kind::Other)] = format(colors.text);
    rehighlight();
}

QColor JavaScriptHighlighter::color(JsToken::Kind kind) const
{
    return m_formats[size_t(kind)].foreground().color();
}

void JavaScriptHighlighter::highlightBlock(const QString& text)
{
    auto state = previousBlockState() < 0 ? JsLineState::Code : JsLineState(previousBlockState());
    for (const JsToken& token : jsTokens(text, state))
        setFormat(int(token.start), int(token.length), m_formats[size_t(token.kind)]);
    setCurrentBlockState(int(state));
}

} // namespace eventscope::gui
