#include "filterlineedit.h"

#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace eventscope::gui {

QColor filterErrorColor(const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Base).lightnessF() < 0.5;
    return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc4, 0x2b, 0x1c);
}

FilterLineEdit::FilterLineEdit(QWidget* parent) : QLineEdit(parent) {}

void FilterLineEdit::setErrorSpan(int start, int length)
{
    m_errorStart = std::clamp(start, 0, int(text().size()));
    m_errorLength = std::max(0, std::min(length, int(text().size()) - m_errorStart));
    update();
}

void FilterLineEdit::clearErrorSpan()
{
    if (m_errorStart < 0)
        return;
    m_errorStart = -1;
    m_errorLength = 0;
    update();
}

// The x of the boundary before character `index`. QLineEdit keeps its horizontal scroll offset to
// itself, but cursorRect() is where the cursor is drawn, offset included: measure from there.
int FilterLineEdit::xAt(int index) const
{
    const QFontMetrics fm = fontMetrics();
    const QString content = displayText();
    const int cursor = cursorPosition();
    const int cursorX = cursorRect().center().x();
    return cursorX + fm.horizontalAdvance(content.left(index)) - fm.horizontalAdvance(content.left(cursor));
}

QRect FilterLineEdit::errorRect() const
{
    if (m_errorStart < 0)
        return {};
    const QFontMetrics fm = fontMetrics();
    const int left = xAt(m_errorStart);
    // Past the end (a missing value): a short mark where the value should go.
    const int right =
        m_errorLength > 0 ? xAt(m_errorStart + m_errorLength) : left + fm.horizontalAdvance(QLatin1Char('m'));
    const QRect cursor = cursorRect();
    const int baseline = cursor.center().y() + fm.ascent() / 2 + std::max(2, fm.descent() / 2);
    const int amplitude = std::max(2, fm.height() / 8);
    QRect rect(QPoint(left, baseline - amplitude), QPoint(std::max(right, left + 4), baseline + amplitude));
    return rect.intersected(contentsRect());
}

void FilterLineEdit::paintEvent(QPaintEvent* event)
{
    QLineEdit::paintEvent(event);
    const QRect rect = errorRect();
    if (rect.isEmpty())
        return;
    // A zigzag of half-periods the height of the rect: the wavy line of a spelling checker.
    const double half = std::max(2.0, rect.height() / 1.5);
    QPainterPath wave;
    wave.moveTo(rect.left(), rect.bottom());
    bool up = true;
    for (double x = rect.left() + half; x < rect.right() + half; x += half) {
        wave.lineTo(std::min<double>(x, rect.right()), up ? rect.top() : rect.bottom());
        up = !up;
    }
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setClipRect(contentsRect());
    painter.setPen(QPen(filterErrorColor(palette()), 1.2));
    painter.drawPath(wave);
}

void FilterLineEdit::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
        emit escapePressed();
        event->accept();
        return;
    case Qt::Key_Up:
        emit historyStepRequested(-1);
        event->accept();
        return;
    case Qt::Key_Down:
        emit historyStepRequested(+1);
        event->accept();
        return;
    default:
        QLineEdit::keyPressEvent(event);
    }
}

} // namespace eventscope::gui
