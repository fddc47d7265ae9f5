#pragma once

#include <QPalette>
#include <QStringView>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>
#include <vector>

namespace eventscope::gui {

// One token of a line of JavaScript, as the script editor colours it.
struct JsToken
{
    enum class Kind
    {
        Keyword, // const, return, => ...
        Literal, // true, false, null, undefined, this
        Api,     // what a projection, invariants or upcasters script calls: fromAll, when, invariant ...
        String,  // '...', "...", `...`
        Number,
        Comment,
        Other
    };
    Kind kind = Kind::Other;
    qsizetype start = 0;
    qsizetype length = 0;
};

// What a line leaves open for the next one.
enum class JsLineState
{
    Code,
    BlockComment,   // inside /* ... */
    TemplateString, // inside `...`
};

// The coloured tokens of one line (plain identifiers and punctuation are left out), given what the
// previous line left open; `state` becomes what this line leaves open.
std::vector<JsToken> jsTokens(QStringView line, JsLineState& state);

// Colours JavaScript in a text document with the palette-derived code colours (CodeColors): the
// KurrentDB projection API and Eventscope's invariant(), breakpoint() and upcast() stand out.
class JavaScriptHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit JavaScriptHighlighter(QTextDocument* document, const QPalette& palette = {});

    void setPalette(const QPalette& palette);
    QColor color(JsToken::Kind kind) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    std::array<QTextCharFormat, 7> m_formats;
};

} // namespace eventscope::gui
