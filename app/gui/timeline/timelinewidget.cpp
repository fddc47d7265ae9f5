#include "timelinewidget.h"

#include "playhead.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace eventscope::gui {
namespace {

// One histogram bin per this many pixels: fine enough to show bursts, coarse enough that a bin
// holds a readable count.
constexpr double pixelsPerBin = 2;
// A wheel notch zooms by 2^(1/2): four notches halve or double the span.
constexpr double zoomPerNotch = 0.5;
// The time of a marker whose position is past the events; sorts after every real time.
constexpr qint64 untimedUs = std::numeric_limits<qint64>::max();
// Row heights in lines of the widget's font, so that the strip scales with it (and with HiDPI).
constexpr double flagRowLines = 1.0;
constexpr double axisRowLines = 1.5;
constexpr double laneRowLines = 0.85;

QString kindName(TimelineMarker::Kind kind)
{
    switch (kind) {
    case TimelineMarker::Kind::Bookmark:
        return TimelineWidget::tr("Bookmark");
    case TimelineMarker::Kind::Violation:
        return TimelineWidget::tr("Violation");
    case TimelineMarker::Kind::Breakpoint:
        return TimelineWidget::tr("Breakpoint");
    case TimelineMarker::Kind::Draft:
        return TimelineWidget::tr("Draft");
    }
    return {};
}

} // namespace

TimelineWidget::TimelineWidget(Playhead& playhead, QWidget* parent) : QWidget(parent), m_playhead(playhead)
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    // A repaint reads the playhead; the histogram is cached, so following every change is cheap.
    const auto repaint = [this] { update(); };
    connect(&m_playhead, &Playhead::positionChanged, this, repaint);
    connect(&m_playhead, &Playhead::windowChanged, this, repaint);
    connect(&m_playhead, &Playhead::rangeChanged, this, repaint);
    connect(&m_playhead, &Playhead::dataChanged, this, &TimelineWidget::onDataChanged);
}

TimelineWidget::~TimelineWidget() = default;

void TimelineWidget::setMarkers(std::vector<Marker> markers)
{
    m_markers = std::move(markers);
    resolveMarkerTimes();
    update();
}

void TimelineWidget::setLanes(const QStringList& streams)
{
    if (streams == m_lanes)
        return;
    m_lanes = streams;
    m_density.retainLanes(streams);
    updateGeometry();
    update();
}

void TimelineWidget::setMatches(Matches positions)
{
    m_matches = std::move(positions);
    resolveMatchTimes();
    update();
}

void TimelineWidget::resolveMatchTimes()
{
    if (m_matches && m_playhead.store())
        m_density.setMatches(*m_playhead.store(), *m_matches);
    else
        m_density.clearMatches();
}

void TimelineWidget::onDataChanged()
{
    m_density.clear();
    resolveMarkerTimes();
    resolveMatchTimes(); // the same positions in the refreshed (or another) store
    update();
}

void TimelineWidget::resolveMarkerTimes()
{
    // Sorted by time once here, so that painting and hit-testing walk them in x order.
    std::vector<std::pair<qint64, Marker>> timed;
    for (Marker& marker : m_markers) {
        // A marker past the events (a draft not yet appended) has no time: it sorts last, undrawn.
        const bool inside =
            m_playhead.store() && marker.position >= 1 && marker.position <= m_playhead.count();
        const std::optional<qint64> time =
            inside ? m_playhead.store()->timeAtPosition(marker.position) : std::nullopt;
        timed.emplace_back(time.value_or(untimedUs), std::move(marker));
    }
    std::stable_sort(timed.begin(), timed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    m_markers.clear();
    m_markerTimesUs.clear();
    for (auto& [time, marker] : timed) {
        m_markerTimesUs.push_back(time);
        m_markers.push_back(std::move(marker));
    }
}

// --- geometry ------------------------------------------------------------------------------

TimelineWidget::Rows TimelineWidget::rows() const
{
    const QFontMetricsF fm(font());
    const double line = fm.height();
    const double margin = std::round(line * 0.6);
    const double width = std::max(1.0, double(this->width()) - 2 * margin);
    Rows r;
    r.laneHeight = std::round(line * laneRowLines);
    const double flagsHeight = std::round(line * flagRowLines);
    const double axisHeight = std::round(line * axisRowLines);
    const double lanesHeight = r.laneHeight * double(m_lanes.size());
    r.flags = QRectF(margin, 0, width, flagsHeight);
    r.axis = QRectF(margin, double(height()) - axisHeight, width, axisHeight);
    const double histogramHeight = std::max(line, r.axis.top() - lanesHeight - r.flags.bottom());
    r.histogram = QRectF(margin, r.flags.bottom(), width, histogramHeight);
    r.lanes = QRectF(margin, r.histogram.bottom(), width, lanesHeight);
    return r;
}

QRectF TimelineWidget::plotRect() const
{
    const Rows r = rows();
    return QRectF(r.flags.topLeft(), QPointF(r.axis.right(), r.axis.top()));
}

TimelineScale TimelineWidget::scale() const
{
    return m_playhead.scale(rows().histogram.width());
}

int TimelineWidget::binCount() const
{
    return std::max(1, int(rows().histogram.width() / pixelsPerBin));
}

qint64 TimelineWidget::positionAtX(double x) const
{
    return m_playhead.positionNearTime(scale().xToTime(x - rows().histogram.left()));
}

double TimelineWidget::xAtPosition(qint64 position) const
{
    const double left = rows().histogram.left();
    const std::optional<qint64> time = m_playhead.timeAtPosition(position);
    return time ? left + scale().timeToX(*time) : left;
}

QSize TimelineWidget::sizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 60, minimumSizeHint().height() + line * 4};
}

QSize TimelineWidget::minimumSizeHint() const
{
    const double line = QFontMetricsF(font()).height();
    const double fixed = std::round(line * flagRowLines) + std::round(line * axisRowLines) +
                         std::round(line * laneRowLines) * double(m_lanes.size());
    return {int(line * 12), int(std::ceil(fixed + line * 2))};
}

// --- interaction ---------------------------------------------------------------------------

void TimelineWidget::mousePressEvent(QMouseEvent* event)
{
    const double x = event->position().x();
    const bool left = event->button() == Qt::LeftButton;
    if (event->button() == Qt::MiddleButton || (left && (event->modifiers() & Qt::AltModifier))) {
        m_drag = Drag::Pan;
        m_lastX = x;
        setCursor(Qt::ClosedHandCursor);
    } else if (left && m_playhead.count() > 0 && (event->modifiers() & Qt::ShiftModifier)) {
        m_drag = Drag::Range;
        m_rangeAnchor = positionAtX(x);
    } else if (left && m_playhead.count() > 0) {
        m_drag = Drag::Scrub;
        m_playhead.setPosition(positionAtX(x));
        update(); // the line follows the mouse now; listeners hear of it at most once a frame
    } else {
        QWidget::mousePressEvent(event);
        return;
    }
    event->accept();
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event)
{
    const double x = event->position().x();
    switch (m_drag) {
    case Drag::Scrub:
        m_playhead.setPosition(positionAtX(x));
        update();
        break;
    case Drag::Pan: {
        TimelineScale s = scale();
        s.pan(x - m_lastX);
        m_lastX = x;
        m_playhead.setWindow(s.fromUs, s.toUs);
        break;
    }
    case Drag::Range:
        m_playhead.setRange(m_rangeAnchor, positionAtX(x));
        break;
    case Drag::None:
        QWidget::mouseMoveEvent(event);
        return;
    }
    event->accept();
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::None) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_drag = Drag::None;
    unsetCursor();
    event->accept();
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mouseDoubleClickEvent(event);
        return;
    }
    m_playhead.resetZoom();
    event->accept();
}

void TimelineWidget::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    TimelineScale s = scale();
    const double x = event->position().x() - rows().histogram.left();
    if (delta.x() != 0 || (event->modifiers() & Qt::ShiftModifier)) {
        // Sideways scrolling (or Shift+wheel) pans by a tenth of the width per notch.
        const int notches = delta.x() != 0 ? delta.x() : delta.y();
        s.pan(double(notches) / 120.0 * s.widthPx / 10.0);
    } else {
        s.zoomAround(x, std::pow(2.0, double(delta.y()) / 120.0 * zoomPerNotch));
    }
    m_playhead.setWindow(s.fromUs, s.toUs);
    event->accept();
}

void TimelineWidget::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    menu.addAction(m_playhead.zoomInAction());
    menu.addAction(m_playhead.zoomOutAction());
    menu.addAction(m_playhead.resetZoomAction());
    menu.addSeparator();
    menu.addAction(m_playhead.clearRangeAction());
    menu.exec(event->globalPos());
}

bool TimelineWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

QString TimelineWidget::toolTipAt(const QPointF& pos) const
{
    if (!m_playhead.store() || m_playhead.count() == 0)
        return {};
    const Rows r = rows();
    const TimelineScale s = m_playhead.scale(r.histogram.width());
    const QLocale locale;

    std::vector<double> xs;
    xs.reserve(m_markerTimesUs.size());
    for (qint64 time : m_markerTimesUs) {
        if (time == untimedUs) // the rest are untimed too
            break;
        xs.push_back(r.histogram.left() + s.timeToX(time));
    }
    const double tolerance = QFontMetricsF(font()).height() * 0.4;
    if (const std::optional<size_t> hit = nearestWithin(xs, pos.x(), tolerance)) {
        const Marker& marker = m_markers[*hit];
        return tr("%1 at event %2").arg(kindName(marker.kind), locale.toString(marker.position)) +
               (marker.label.isEmpty() ? QString() : QStringLiteral("\n") + marker.label);
    }
    if (!r.histogram.contains(pos) && !r.lanes.contains(pos))
        return {};
    const int bins = binCount();
    const std::vector<qint64> edges = s.binEdges(bins);
    const int bin = s.binAtX(pos.x() - r.histogram.left(), bins);
    const auto& counts = m_density.counts(*m_playhead.store(), s.fromUs, s.toUs, bins);
    const qint64 count = counts.empty() ? 0 : counts[size_t(bin)];
    QString events = count == 1 ? tr("1 event") : tr("%1 events").arg(locale.toString(count));
    if (m_density.hasMatches()) {
        const auto& matchCounts = m_density.matchCounts(s.fromUs, s.toUs, bins);
        const qint64 matching = matchCounts.empty() ? 0 : matchCounts[size_t(bin)];
        events += QLatin1String(", ") + tr("%1 matching the filter").arg(locale.toString(matching));
    }
    return formatTimelineTime(edges[size_t(bin)]) % QStringLiteral(" \u2013 ") %
           formatTimelineTime(edges[size_t(bin) + 1]) % QLatin1Char('\n') % events;
}

void TimelineWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateGeometry();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
    QWidget::changeEvent(event);
}

} // namespace eventscope::gui
