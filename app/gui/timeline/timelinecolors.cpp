#include "timelinecolors.h"

#include <QPalette>

namespace eventscope::gui {

TimelineColors::TimelineColors(const QPalette& palette)
{
    base = palette.color(QPalette::Base);
    text = palette.color(QPalette::Text);
    const QColor highlight = palette.color(QPalette::Highlight);
    const QColor mid = palette.color(QPalette::Mid);
    dark = base.lightnessF() < 0.5;

    mutedText = mix(text, base, 0.3);
    placeholder = palette.color(QPalette::PlaceholderText);
    grid = mix(mid, base, 0.6);
    axis = mix(mid, text, 0.25);
    // The data in a desaturated highlight: clearly "the data", never competing with the playhead.
    const QColor tint = mix(highlight, text, 0.35);
    histogram = mix(tint, base, dark ? 0.55 : 0.6);
    lane = mix(tint, base, dark ? 0.45 : 0.5);
    // With a filter applied the density steps back to a neutral grey and the matches take the
    // data colour at full strength: what the filter found is the figure, the rest is ground.
    histogramBehindMatches = mix(mid, base, dark ? 0.45 : 0.55);
    match = mix(highlight, text, dark ? 0.1 : 0.2);
    plate = base;
    plate.setAlphaF(0.85);
    range = highlight;
    range.setAlphaF(0.14);
    rangeEdge = highlight;
    rangeEdge.setAlphaF(0.7);
    playhead = highlight;
}

QColor TimelineColors::marker(TimelineMarker::Kind kind) const
{
    // Fixed hues, so that a violation reads red in any theme; lifted a little on dark bases.
    QColor color;
    switch (kind) {
    case TimelineMarker::Kind::Bookmark:
        color = QColor(0x2e, 0x9c, 0x6a); // green, so that it is never taken for the playhead
        break;
    case TimelineMarker::Kind::Violation:
        color = QColor(0xd2, 0x3f, 0x3f);
        break;
    case TimelineMarker::Kind::Breakpoint:
        color = QColor(0xd0, 0x85, 0x0c);
        break;
    case TimelineMarker::Kind::Draft:
        color = QColor(0x8e, 0x6c, 0xc8);
        break;
    }
    return dark ? color.lighter(125) : color;
}

QColor TimelineColors::mix(const QColor& a, const QColor& b, double t)
{
    const QColor x = a.toRgb();
    const QColor y = b.toRgb();
    return QColor::fromRgbF(
        float(x.redF() + (y.redF() - x.redF()) * t), float(x.greenF() + (y.greenF() - x.greenF()) * t),
        float(x.blueF() + (y.blueF() - x.blueF()) * t), float(x.alphaF() + (y.alphaF() - x.alphaF()) * t));
}

} // namespace eventscope::gui
