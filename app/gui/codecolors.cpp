#include "codecolors.h"

namespace eventscope::gui {

QColor mixColors(const QColor& from, const QColor& to, double amount)
{
    const QColor a = from.toRgb();
    const QColor b = to.toRgb();
    const auto blend = [amount](float x, float y) { return float(x + (y - x) * amount); };
    return QColor::fromRgbF(blend(a.redF(), b.redF()), blend(a.greenF(), b.greenF()),
                            blend(a.blueF(), b.blueF()), blend(a.alphaF(), b.alphaF()));
}

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

CodeColors CodeColors::from(const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    const bool dark = isDarkPalette(palette);
    const auto tint = [&](QColor lightAccent, QColor darkAccent) {
        return mixColors(text, dark ? darkAccent : lightAccent, 0.85);
    };
    CodeColors colors;
    colors.text = text;
    colors.name = tint(QColor(25, 85, 160), QColor(130, 175, 240));
    colors.string = tint(QColor(30, 120, 50), QColor(150, 200, 120));
    colors.number = tint(QColor(170, 80, 0), QColor(225, 160, 100));
    colors.keyword = tint(QColor(135, 50, 160), QColor(200, 140, 225));
    colors.comment = mixColors(text, base, 0.5);
    colors.punctuation = mixColors(text, base, 0.45);
    colors.problem = tint(QColor(200, 35, 30), QColor(255, 120, 110));
    return colors;
}

} // namespace eventscope::gui
