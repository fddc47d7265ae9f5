#include "changestyle.h"

#include "codecolors.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QGuiApplication>

namespace eventscope::gui::changestyle {

QColor background(json::DiffEntry::Kind kind, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    // A dark base shows the accent strongly already: a little less of it keeps the rows calm.
    const double amount = isDarkPalette(palette) ? 0.20 : 0.22;
    switch (kind) {
    case json::DiffEntry::Kind::Added:
        return mixColors(base, QColor(52, 168, 83), amount);
    case json::DiffEntry::Kind::Changed:
        return mixColors(base, QColor(240, 166, 20), amount);
    case json::DiffEntry::Kind::Removed:
        return mixColors(base, QColor(217, 72, 65), amount * 0.5);
    }
    return base;
}

QColor ghostText(const QPalette& palette)
{
    return palette.color(QPalette::PlaceholderText);
}

QColor containsChangeText(const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    return mixColors(text, QColor(215, 140, 0), isDarkPalette(palette) ? 0.55 : 0.70);
}

QString kindName(json::DiffEntry::Kind kind)
{
    switch (kind) {
    case json::DiffEntry::Kind::Added:
        return QCoreApplication::translate("eventscope::gui::changestyle", "added");
    case json::DiffEntry::Kind::Removed:
        return QCoreApplication::translate("eventscope::gui::changestyle", "removed");
    case json::DiffEntry::Kind::Changed:
        return QCoreApplication::translate("eventscope::gui::changestyle", "changed");
    }
    return {};
}

QFont monospaceFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QFont ui = QGuiApplication::font();
    if (ui.pointSizeF() > 0)
        font.setPointSizeF(ui.pointSizeF());
    else if (ui.pixelSize() > 0)
        font.setPixelSize(ui.pixelSize()); // follows the interface font; not a size of our own
    return font;
}

} // namespace eventscope::gui::changestyle
