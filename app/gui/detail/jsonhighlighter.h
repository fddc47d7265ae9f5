#pragma once

#include <QPalette>
#include <QStringView>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>
#include <vector>

namespace eventscope::gui {

// One token of a line of JSON text, as the highlighter colours it.
struct JsonToken
{
    enum class Kind
    {
        Key,    // a string followed by ':'
        String, // any other string
        Number,
        Keyword,     // true, false, null
        Punctuation, // { } [ ] : ,
        Other        // anything else (invalid JSON is shown, not rejected)
    };
    Kind kind = Kind::Other;
    qsizetype start = 0;
    qsizetype length = 0;
};

// The tokens of one line. Lines are tokenised on their own: indented JSON never has a string
// spanning lines, and a string cut by the line end is simply a string up to there.
std::vector<JsonToken> jsonTokens(QStringView line);

// Colours JSON in a text document: member names, strings, numbers and keywords each in a colour of
// their own, punctuation dimmed. The colours are derived from a palette (its text colour tinted
// toward a hue), so the same text reads well on light and dark backgrounds.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument* document, const QPalette& palette = {});

    // Re-derives the colours (the palette changed) and colours the document again.
    void setPalette(const QPalette& palette);
    QColor color(JsonToken::Kind kind) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    std::array<QTextCharFormat, 6> m_formats;
};

} // namespace eventscope::gui
