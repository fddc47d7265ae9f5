#include "appicon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace eventscope::gui {
namespace {

QPixmap drawIcon(int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(size / 64.0, size / 64.0); // drawn on the SVG's 64x64 grid
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x1f, 0x3b, 0x57));
    painter.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12);
    painter.setBrush(QColor(0x8f, 0xb3, 0xd9));
    const QRectF bars[] = {{10, 38, 5, 14}, {17, 30, 5, 22}, {24, 34, 5, 18},
                           {31, 22, 5, 30}, {45, 28, 5, 24}, {52, 36, 3, 16}};
    for (const QRectF& bar : bars)
        painter.drawRoundedRect(bar, 1, 1);
    painter.setBrush(QColor(0xf2, 0xb1, 0x34));
    painter.drawRect(QRectF(38, 14, 4, 40));
    QPainterPath handle;
    handle.moveTo(34, 10);
    handle.lineTo(46, 10);
    handle.lineTo(40, 17);
    handle.closeSubpath();
    painter.drawPath(handle);
    return pixmap;
}

} // namespace

QIcon appIcon()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(drawIcon(size));
    return icon;
}

} // namespace eventscope::gui
