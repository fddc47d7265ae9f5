#include "timelinewidget.h"

#include "playhead.h"
#include "timelinecolors.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

// TimelineWidget's painting, apart from its interaction: everything here reads the playhead and
// the density cache and draws, in layers from the background up to the playhead.
namespace eventscope::gui {
namespace {

// Pixel-centred coordinate, so that 1-pixel lines are crisp at a device pixel ratio of 1.
double crisp(double x)
{
    return std::floor(x) + 0.5;
}

} // namespace

void TimelineWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const TimelineColors colors(palette());
    painter.fillRect(rect(), colors.base);
    // A hairline against whatever sits above (the transport bar), as a frame would, but quieter.
    painter.setPen(colors.grid);
    painter.drawLine(QPointF(0, 0.5), QPointF(width(), 0.5));

    const Rows r = rows();
    const TimelineScale s = m_playhead.scale(r.histogram.width());
    if (!m_playhead.store() || m_playhead.count() == 0) {
        painter.setPen(colors.placeholder);
        painter.drawText(r.histogram, Qt::AlignCenter,
                         m_playhead.store() ? tr("No events") : tr("No workspace open"));
        paintAxis(painter, r, s);
        return;
    }
    paintAxis(painter, r, s);
    paintHistogram(painter, r, s);
    paintLanes(painter, r, s);
    paintRange(painter, r);
    paintMarkers(painter, r, s);
    paintPlayhead(painter, r);
}

void TimelineWidget::paintHistogram(QPainter& painter, const Rows& rows, const TimelineScale& scale) const
{
    const int bins = binCount();
    const std::vector<qint64>& counts = m_density.counts(*m_playhead.store(), scale.fromUs, scale.toUs, bins);
    const qint64 highest = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
    if (highest == 0)
        return;
    const TimelineColors colors(palette());
    const QRectF area = rows.histogram.adjusted(0, std::round(rows.histogram.height() * 0.08), 0, 0);
    const double binWidth = area.width() / bins;
    // Bars are pixel-aligned (no antialiasing) so that 2-pixel bins stay sharp instead of grey.
    // At least one pixel high, so that a lone event in a busy window is still visible.
    // Drawn as rectangles, not as one path: the raster engine fills pixel-aligned rectangles
    // directly, where a path of a thousand bars goes through its scan converter (seen costing most
    // of a scrub's frames on a 10M-event store).
    const auto fillBars = [&](const std::vector<qint64>& values, qint64 peak, const QColor& color) {
        QVector<QRect> bars;
        bars.reserve(bins);
        for (int i = 0; i < bins; ++i) {
            if (values[size_t(i)] == 0)
                continue;
            const int left = int(std::round(area.left() + i * binWidth));
            const int right = int(std::round(area.left() + (i + 1) * binWidth));
            const int height =
                std::max(1, int(std::round(area.height() * double(values[size_t(i)]) / double(peak))));
            bars.push_back(QRect(left, int(std::round(area.bottom())) - height, right - left, height));
        }
        painter.save();
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawRects(bars);
        painter.restore();
    };
    painter.setRenderHint(QPainter::Antialiasing, false);
    if (!m_density.hasMatches()) {
        fillBars(counts, highest, colors.histogram);
        return;
    }
    // A filter is applied: the density steps back, and the matches are drawn over it on their own
    // scale, so that where they cluster reads at a glance even when they are a small share of the
    // log (as Kibana's histogram of hits does); the legend and the tooltips give the counts.
    fillBars(counts, highest, colors.histogramBehindMatches);
    const std::vector<qint64>& matching = m_density.matchCounts(scale.fromUs, scale.toUs, bins);
    const qint64 matchPeak = matching.empty() ? 0 : *std::max_element(matching.begin(), matching.end());
    if (matchPeak > 0)
        fillBars(matching, matchPeak, colors.match);
    paintMatchLegend(painter, rows);
}

void TimelineWidget::paintMatchLegend(QPainter& painter, const Rows& rows) const
{
    const TimelineColors colors(palette());
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetricsF fm(small);
    const qint64 count = m_density.matchCount();
    const QString text = count == 1 ? tr("1 event matches the filter")
                                    : tr("%1 events match the filter").arg(QLocale().toString(count));
    const double swatch = std::round(fm.height() * 0.6);
    const double pad = std::round(fm.height() * 0.25);
    const QRectF plate(rows.histogram.left() + pad, rows.histogram.top() + pad,
                       pad + swatch + pad + fm.horizontalAdvance(text) + pad, fm.height() + pad);
    painter.fillRect(plate, colors.plate);
    const QRectF box(plate.left() + pad, plate.center().y() - swatch / 2, swatch, swatch);
    painter.fillRect(box, colors.match);
    painter.setFont(small);
    painter.setPen(colors.mutedText);
    painter.drawText(
        QRectF(box.right() + pad, plate.top(), plate.right() - box.right() - pad, plate.height()),
        Qt::AlignLeft | Qt::AlignVCenter, text);
    painter.setFont(font());
}

void TimelineWidget::paintLanes(QPainter& painter, const Rows& rows, const TimelineScale& scale) const
{
    if (m_lanes.isEmpty())
        return;
    const TimelineColors colors(palette());
    const int bins = binCount();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetricsF fm(small);
    painter.setFont(small);
    for (int lane = 0; lane < m_lanes.size(); ++lane) {
        const QRectF row(rows.lanes.left(), rows.lanes.top() + lane * rows.laneHeight, rows.lanes.width(),
                         rows.laneHeight);
        painter.setPen(colors.grid);
        painter.drawLine(QPointF(row.left(), crisp(row.top())), QPointF(row.right(), crisp(row.top())));
        const std::vector<qint64>& counts =
            m_density.laneCounts(*m_playhead.store(), m_lanes[lane], scale.fromUs, scale.toUs, bins);
        const qint64 highest = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
        const QRectF area = row.adjusted(0, 2, 0, -1);
        const double binWidth = area.width() / bins;
        for (int i = 0; highest > 0 && i < bins; ++i) {
            if (counts[size_t(i)] == 0)
                continue;
            const double height =
                std::max(1.0, std::round(area.height() * double(counts[size_t(i)]) / double(highest)));
            const double left = std::round(area.left() + i * binWidth);
            const double right = std::round(area.left() + (i + 1) * binWidth);
            painter.fillRect(QRectF(left, area.bottom() - height, right - left, height), colors.lane);
        }
        // The stream's name on a plate of the background, readable over its own bars.
        const QString name = fm.elidedText(m_lanes[lane], Qt::ElideMiddle, row.width() / 4);
        const QRectF label(row.left() + 2, row.top() + (row.height() - fm.height()) / 2,
                           fm.horizontalAdvance(name) + 6, fm.height());
        painter.fillRect(label, colors.plate);
        painter.setPen(colors.mutedText);
        painter.drawText(label, Qt::AlignCenter, name);
    }
    painter.setFont(font());
}

void TimelineWidget::paintAxis(QPainter& painter, const Rows& rows, const TimelineScale& scale) const
{
    const TimelineColors colors(palette());
    const QFontMetricsF fm(font());
    const double baseline = crisp(rows.axis.top());
    const double tickLength = std::round(fm.height() * 0.3);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(colors.axis);
    painter.drawLine(QPointF(0, baseline), QPointF(width(), baseline));
    if (!m_playhead.timeRange())
        return;

    // Room for the widest label of a step plus a gap of two spaces' worth, measured in the font.
    const double gap = fm.horizontalAdvance(QStringLiteral("0000"));
    const TickStep step = scale.tickStep(
        [&](const TickStep& candidate) { return fm.horizontalAdvance(widestTickLabel(candidate)) + gap; });

    // The part of the date the labels leave out, once at the left; labels it would cover give way.
    const QString context = tickContext(scale.fromUs, step);
    const double labelY = rows.axis.top() + tickLength + fm.ascent() + std::round(fm.height() * 0.05);
    double freeFrom = 0;
    if (!context.isEmpty()) {
        painter.setPen(colors.text);
        painter.drawText(QPointF(rows.axis.left(), labelY), context);
        freeFrom = rows.axis.left() + fm.horizontalAdvance(context) + gap / 2;
    }

    for (const TimeTick& tick : scale.ticks(step)) {
        const double x = crisp(rows.axis.left() + scale.timeToX(tick.timeUs));
        if (!tick.major) {
            painter.setPen(colors.axis);
            painter.drawLine(QPointF(x, baseline), QPointF(x, baseline + tickLength / 2));
            continue;
        }
        painter.setPen(colors.grid);
        painter.drawLine(QPointF(x, rows.histogram.top()), QPointF(x, baseline));
        painter.setPen(colors.axis);
        painter.drawLine(QPointF(x, baseline), QPointF(x, baseline + tickLength));
        const double labelWidth = fm.horizontalAdvance(tick.label);
        const double left = std::clamp(x - labelWidth / 2, 0.0, double(width()) - labelWidth);
        if (left < freeFrom)
            continue;
        painter.setPen(colors.mutedText);
        painter.drawText(QPointF(left, labelY), tick.label);
    }
}

void TimelineWidget::paintRange(QPainter& painter, const Rows& rows) const
{
    const std::optional<PositionRange> range = m_playhead.range();
    if (!range)
        return;
    const TimelineColors colors(palette());
    double from = xAtPosition(range->fromPosition);
    double to = xAtPosition(range->toPosition);
    if (to - from < 1) // a range within one instant still shows
        to = from + 1;
    const QRectF shaded(QPointF(std::round(from), rows.histogram.top()),
                        QPointF(std::round(to), rows.axis.top()));
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(shaded, colors.range);
    painter.setPen(colors.rangeEdge);
    painter.drawLine(QPointF(crisp(from), shaded.top()), QPointF(crisp(from), shaded.bottom()));
    painter.drawLine(QPointF(crisp(to), shaded.top()), QPointF(crisp(to), shaded.bottom()));
}

void TimelineWidget::paintMarkers(QPainter& painter, const Rows& rows, const TimelineScale& scale) const
{
    const TimelineColors colors(palette());
    const double flagHeight = rows.flags.height() * 0.7;
    const double flagWidth = flagHeight * 0.9;
    const double top = rows.flags.top() + std::round((rows.flags.height() - flagHeight) / 2);
    double lastX = -1;
    for (size_t i = 0; i < m_markers.size(); ++i) {
        if (m_markerTimesUs[i] < scale.fromUs || m_markerTimesUs[i] > scale.toUs)
            continue;
        const double x = crisp(rows.flags.left() + scale.timeToX(m_markerTimesUs[i]));
        if (x == lastX) // the same pixel as the previous one; drawing it again adds nothing
            continue;
        lastX = x;
        const TimelineMarker::Kind kind = m_markers[i].kind;
        QColor color = colors.marker(kind);
        painter.setRenderHint(QPainter::Antialiasing, false);
        QColor staff = color;
        staff.setAlphaF(0.55);
        QPen staffPen(staff, 1, kind == TimelineMarker::Kind::Draft ? Qt::DotLine : Qt::SolidLine);
        painter.setPen(staffPen);
        painter.drawLine(QPointF(x, top), QPointF(x, rows.axis.top()));
        QPolygonF flag;
        flag << QPointF(x, top) << QPointF(x + flagWidth, top + flagHeight / 2)
             << QPointF(x, top + flagHeight);
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(Qt::NoPen);
        painter.setBrush(kind == TimelineMarker::Kind::Draft ? QBrush(colors.base) : QBrush(color));
        if (kind == TimelineMarker::Kind::Draft)
            painter.setPen(QPen(color, 1));
        painter.drawPolygon(flag);
    }
    painter.setBrush(Qt::NoBrush);
}

void TimelineWidget::paintPlayhead(QPainter& painter, const Rows& rows) const
{
    const double x = xAtPosition(m_playhead.position());
    if (x < rows.histogram.left() - 1 || x > rows.histogram.right() + 1)
        return;
    const TimelineColors colors(palette());
    const double px = crisp(x);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(colors.playhead, 1));
    painter.drawLine(QPointF(px, rows.flags.bottom()), QPointF(px, rows.axis.top()));
    // The handle: a small pointer in the flag row, wide enough to grab.
    const double half = std::round(rows.flags.height() * 0.4);
    const double top = rows.flags.top() + 1;
    QPolygonF handle;
    handle << QPointF(px - half, top) << QPointF(px + half, top)
           << QPointF(px + half, rows.flags.bottom() - half) << QPointF(px, rows.flags.bottom())
           << QPointF(px - half, rows.flags.bottom() - half);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colors.playhead);
    painter.drawPolygon(handle);
    painter.setBrush(Qt::NoBrush);
}

} // namespace eventscope::gui
