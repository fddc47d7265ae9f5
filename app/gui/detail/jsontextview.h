#pragma once

#include <QByteArrayView>
#include <QPlainTextEdit>

namespace eventscope::gui {

class JsonHighlighter;

// A read-only, coloured, indented view of one JSON document in the interface's monospace font.
// Fields keep the order the producer wrote them in. A large payload is shown up to a budget of lines
// and characters, so that selecting an event with a megabyte payload stays instant; the owner
// copies the whole text from the event itself.
class JsonTextView : public QPlainTextEdit
{
    Q_OBJECT

public:
    static constexpr int maxLines = 5000;
    static constexpr int maxChars = 400 * 1000;

    explicit JsonTextView(QWidget* parent = nullptr);

    // Shows `json` indented; invalid JSON is shown as written. Empty shows the placeholder text.
    void setJson(QByteArrayView json);
    // True when the last setJson() cut the text at the budget.
    bool isTruncated() const { return m_truncated; }
    JsonHighlighter* highlighter() const { return m_highlighter; }

protected:
    void changeEvent(QEvent* event) override;

private:
    JsonHighlighter* m_highlighter;
    bool m_truncated = false;
};

} // namespace eventscope::gui
