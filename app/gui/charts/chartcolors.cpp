#include "chartcolors.h"

#include "timeline/timelinecolors.h"

#include <QAbstractAxis>
#include <QChart>
#include <QPalette>

#include <array>

namespace eventscope::gui::chartcolors {
namespace {

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

} // namespace

QColor series(int index, const QPalette& palette)
{
    // Blue comes last: the playhead is the highlight colour, blue in most themes.
    static constexpr std::array<QRgb, 10> tableau{0xf28e2b, 0x59a14f, 0xb07aa1, 0x76b7b2, 0xe15759,
                                                  0xedc948, 0x9c755f, 0xff9da7, 0xbab0ac, 0x4e79a7};
    const QColor color = QColor::fromRgb(tableau[std::size_t(index) % tableau.size()]);
    return isDark(palette) ? color.lighter(120) : color;
}

void apply(QChart* chart, const QPalette& palette)
{
    const TimelineColors colors(palette);
    chart->setBackgroundBrush(colors.base);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setDropShadowEnabled(false);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(colors.text);
    const QList<QAbstractAxis*> axes = chart->axes();
    for (QAbstractAxis* axis : axes) {
        axis->setLabelsBrush(colors.mutedText);
        axis->setTitleBrush(colors.mutedText);
        axis->setLinePen(QPen(colors.axis, 1));
        axis->setGridLinePen(QPen(colors.grid, 1));
        axis->setMinorGridLinePen(QPen(TimelineColors::mix(colors.grid, colors.base, 0.5), 1));
        axis->setShadesVisible(false);
    }
}

QColor playhead(const QPalette& palette)
{
    return TimelineColors(palette).playhead;
}

} // namespace eventscope::gui::chartcolors
