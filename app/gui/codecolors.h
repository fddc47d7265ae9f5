#pragma once

#include <QColor>
#include <QPalette>

namespace eventscope::gui {

// `from` moved toward `to` by `amount` (0 = from, 1 = to), alpha included.
QColor mixColors(const QColor& from, const QColor& to, double amount);

bool isDarkPalette(const QPalette& palette);

// The colours code is shown in (JSON in the event detail, JavaScript in the script editor): hues
// familiar from code editors, mixed into the palette's text colour so that contrast against the
// base follows the palette; a dark base takes lighter accents.
struct CodeColors
{
    QColor text;
    QColor name; // JSON member names, JavaScript API calls
    QColor string;
    QColor number;
    QColor keyword; // true/false/null, JavaScript keywords
    QColor comment;
    QColor punctuation;
    QColor problem; // an error's message and marks

    static CodeColors from(const QPalette& palette);
};

} // namespace eventscope::gui
