#include "codeeditor.h"

#include "codecolors.h"
#include "javascripthighlighter.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

namespace eventscope::gui {
namespace {

constexpr int indentWidth = 4;

QColor problemColor(const QPalette& palette)
{
    return CodeColors::from(palette).problem;
}

} // namespace

class CodeEditor::Gutter : public QWidget
{
public:
    explicit Gutter(CodeEditor& editor) : QWidget(&editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor.gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor.paintGutter(event); }
    bool event(QEvent* event) override
    {
        if (event->type() == QEvent::ToolTip) {
            // The gutter and the viewport start at the same height.
            auto* help = static_cast<QHelpEvent*>(event);
            m_editor.showProblemTip(help->globalPos(), help->pos().y());
            return true;
        }
        return QWidget::event(event);
    }

private:
    CodeEditor& m_editor;
};

CodeEditor::CodeEditor(QWidget* parent)
    : QPlainTextEdit(parent), m_gutter(new Gutter(*this)),
      m_highlighter(new JavaScriptHighlighter(document(), palette()))
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(std::max(font.pointSizeF(), QPlainTextEdit::font().pointSizeF()));
    setFont(font);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * indentWidth);
    setTabChangesFocus(false);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeEditor::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateGutter);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::updateExtraSelections);
    updateGutterWidth();
    updateExtraSelections();
}

int CodeEditor::gutterWidth() const
{
    int digits = 1;
    for (int lines = std::max(1, blockCount()); lines >= 10; lines /= 10)
        ++digits;
    digits = std::max(digits, 3);
    return fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + 18;
}

void CodeEditor::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void CodeEditor::updateGutter(const QRect& rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void CodeEditor::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(QRect(area.left(), area.top(), gutterWidth(), area.height()));
}

void CodeEditor::paintGutter(QPaintEvent* event)
{
    QPainter painter(m_gutter);
    const QPalette& colors = palette();
    painter.fillRect(event->rect(),
                     mixColors(colors.color(QPalette::Base), colors.color(QPalette::Window), 0.6));
    const int current = textCursor().blockNumber();
    const int right = m_gutter->width() - 8;
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            if (line == m_problemLine) {
                const QColor mark = problemColor(colors);
                painter.setPen(Qt::NoPen);
                painter.setBrush(mark);
                const int size = std::max(6, fontMetrics().height() / 3);
                painter.drawEllipse(QRect(3, top + (height - size) / 2, size, size));
                painter.setPen(mark);
            } else {
                painter.setPen(colors.color(block.blockNumber() == current ? QPalette::Text
                                                                           : QPalette::PlaceholderText));
            }
            painter.drawText(0, top, right, height, Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
        }
        block = block.next();
        top += height;
    }
}

int CodeEditor::lineAt(int y) const
{
    const QTextBlock block = cursorForPosition(QPoint(0, y)).block();
    return block.isValid() ? block.blockNumber() + 1 : 0;
}

void CodeEditor::setProblem(int line, const QString& message)
{
    m_problemLine = line > 0 && line <= blockCount() ? line : 0;
    m_problemMessage = message;
    updateExtraSelections();
    m_gutter->update();
}

void CodeEditor::clearProblem()
{
    setProblem(0, {});
}

void CodeEditor::revealProblem()
{
    if (m_problemLine <= 0)
        return;
    QTextCursor cursor(document()->findBlockByNumber(m_problemLine - 1));
    setTextCursor(cursor);
    centerCursor();
}

void CodeEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    const QPalette& colors = palette();
    if (!isReadOnly()) {
        QTextEdit::ExtraSelection current;
        current.format.setBackground(
            mixColors(colors.color(QPalette::Base), colors.color(QPalette::Highlight), 0.08));
        current.format.setProperty(QTextFormat::FullWidthSelection, true);
        current.cursor = textCursor();
        current.cursor.clearSelection();
        selections.append(current);
    }
    if (m_problemLine > 0) {
        const QTextBlock block = document()->findBlockByNumber(m_problemLine - 1);
        QTextEdit::ExtraSelection problem;
        problem.cursor = QTextCursor(block);
        // The line's text, leading indentation left out; an empty line gets its whole width shaded.
        const QString text = block.text();
        int indent = 0;
        while (indent < text.size() && text[indent].isSpace())
            ++indent;
        problem.cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, indent);
        problem.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        problem.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        problem.format.setUnderlineColor(problemColor(colors));
        problem.format.setBackground(mixColors(colors.color(QPalette::Base), QColor(220, 50, 47), 0.10));
        if (!problem.cursor.hasSelection())
            problem.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections.append(problem);
    }
    setExtraSelections(selections);
}

bool CodeEditor::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (showProblemTip(help->globalPos(), help->pos().y()))
            return true;
    }
    return QPlainTextEdit::viewportEvent(event);
}

bool CodeEditor::showProblemTip(const QPoint& globalPos, int viewportY)
{
    if (m_problemLine > 0 && lineAt(viewportY) == m_problemLine) {
        QToolTip::showText(globalPos, m_problemMessage, this);
        return true;
    }
    QToolTip::hideText();
    return false;
}

void CodeEditor::changeEvent(QEvent* event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_highlighter->setPalette(palette());
        updateExtraSelections();
    }
}

void CodeEditor::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Tab && event->modifiers() == Qt::NoModifier && !textCursor().hasSelection()) {
        const int column = textCursor().positionInBlock();
        insertPlainText(QString(indentWidth - column % indentWidth, QLatin1Char(' ')));
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        event->modifiers() == Qt::NoModifier) {
        insertNewLineKeepingIndent();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void CodeEditor::insertNewLineKeepingIndent()
{
    QTextCursor cursor = textCursor();
    const QString before = cursor.block().text().left(cursor.positionInBlock());
    qsizetype indent = 0;
    while (indent < before.size() && (before[indent] == u' ' || before[indent] == u'\t'))
        ++indent;
    QString prefix = before.left(indent);
    const QString trimmed = before.trimmed();
    if (trimmed.endsWith(u'{') || trimmed.endsWith(u'(') || trimmed.endsWith(u'['))
        prefix += QString(indentWidth, QLatin1Char(' '));
    cursor.insertText(QLatin1Char('\n') + prefix);
    setTextCursor(cursor);
}

} // namespace eventscope::gui
