#pragma once

#include <QLineEdit>

namespace eventscope::gui {

// The colour errors are written and underlined in: a red that reads on the palette's base,
// lighter on dark themes.
QColor filterErrorColor(const QPalette& palette);

// The filter bar's editor: a line edit that underlines a span of its text with a wavy line (where
// a filter failed to compile), reports Escape, and Up/Down for stepping through the history.
class FilterLineEdit : public QLineEdit
{
    Q_OBJECT

public:
    explicit FilterLineEdit(QWidget* parent = nullptr);

    // Underlines [start, start + length); a length of 0 marks the place after the text.
    void setErrorSpan(int start, int length);
    void clearErrorSpan();
    bool hasErrorSpan() const { return m_errorStart >= 0; }
    // Where the underline is drawn, in widget coordinates; empty without one. For tests and the
    // screenshot check: the span's pixels as the painter sees them.
    QRect errorRect() const;

signals:
    void escapePressed();
    // -1 for Up (an older entry), +1 for Down (a newer one).
    void historyStepRequested(int direction);

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    int xAt(int index) const;

    int m_errorStart = -1;
    int m_errorLength = 0;
};

} // namespace eventscope::gui
