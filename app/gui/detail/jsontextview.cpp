#include "jsontextview.h"

#include "inspector/changestyle.h"
#include "jsonhighlighter.h"
#include "payloadtext.h"

#include <QEvent>

namespace eventscope::gui {

JsonTextView::JsonTextView(QWidget* parent)
    : QPlainTextEdit(parent), m_highlighter(new JsonHighlighter(document(), palette()))
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(changestyle::monospaceFont());
    setFrameShape(QFrame::NoFrame);
    // Undo history of a read-only view is only memory.
    setUndoRedoEnabled(false);
    document()->setDocumentMargin(6);
}

void JsonTextView::setJson(QByteArrayView json)
{
    const QString text = indentJson(json, maxLines, maxChars);
    // indentJson marks a cut with a trailing ellipsis, which complete JSON never ends with.
    m_truncated = text.endsWith(QChar(0x2026)) && !json.trimmed().endsWith("\u2026");
    setPlainText(text);
}

void JsonTextView::changeEvent(QEvent* event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setPalette(palette());
}

} // namespace eventscope::gui
