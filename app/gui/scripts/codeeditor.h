#pragma once

#include <QPlainTextEdit>

namespace eventscope::gui {

class JavaScriptHighlighter;

// A plain-text editor for scripts: a monospaced font, line numbers in a gutter, the current line
// shaded, indentation kept on Return and Tab inserting spaces, and one problem at a time shown
// where it is: its line number marked in the gutter, the line underlined, the message as the
// line's tooltip.
class CodeEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit CodeEditor(QWidget* parent = nullptr);

    // `line` is 1-based; 0 (or beyond the text) shows no line, only the caller's message elsewhere.
    void setProblem(int line, const QString& message);
    void clearProblem();
    int problemLine() const { return m_problemLine; }
    QString problemMessage() const { return m_problemMessage; }
    // Puts the cursor on the problem's line and scrolls it into view.
    void revealProblem();

    int gutterWidth() const;
    // The 1-based line shown at this vertical position of the viewport, 0 for none.
    int lineAt(int y) const;

    JavaScriptHighlighter* highlighter() const { return m_highlighter; }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    class Gutter;
    friend class Gutter;

    void paintGutter(QPaintEvent* event);
    void updateGutterWidth();
    void updateGutter(const QRect& rect, int dy);
    void updateExtraSelections();
    void insertNewLineKeepingIndent();
    // Shows the problem's message when `viewportY` is on its line; false (and any tip hidden) if not.
    bool showProblemTip(const QPoint& globalPos, int viewportY);

    Gutter* m_gutter;
    JavaScriptHighlighter* m_highlighter;
    int m_problemLine = 0;
    QString m_problemMessage;
};

} // namespace eventscope::gui
