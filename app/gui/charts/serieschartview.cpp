#include "serieschartview.h"

#include "chartcolors.h"
#include "timeline/timeticks.h"

#include <QCategoryAxis>
#include <QGraphicsLayout>
#include <QGraphicsLineItem>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace eventscope::gui {
namespace {

constexpr double seriesLineWidth = 1.5;
constexpr int minPixelsPerPositionTick = 110;
constexpr int minPixelsPerValueTick = 36;
constexpr int timeLabelGap = 28; // between the widest labels of a step

// A round step (1, 2 or 5 times a power of ten) that cuts `span` into at most `maxTicks` parts.
double niceStep(double span, int maxTicks)
{
    const double raw = span / std::max(maxTicks, 1);
    if (!(raw > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * magnitude >= raw)
            return m * magnitude;
    }
    return 10 * magnitude;
}

// Enough decimals to tell ticks `step` apart, and no more.
QString labelFormatFor(double step)
{
    const int decimals = std::clamp(int(-std::floor(std::log10(step) + 1e-9)), 0, 6);
    return QStringLiteral("%.%1f").arg(decimals);
}

} // namespace

SeriesChartView::SeriesChartView(QWidget* parent) : QChartView(parent), m_chart(new QChart)
{
    setChart(m_chart);
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    viewport()->setMouseTracking(true);
    m_chart->legend()->hide();
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setMargins(QMargins(4, 8, 14, 4));
    m_chart->setLocalizeNumbers(true); // 1,000,000 rather than 1000000, in the user's locale

    m_playhead = new QGraphicsLineItem(m_chart);
    m_playhead->setZValue(100);
    m_playhead->hide();

    m_yAxis = new QValueAxis(m_chart);
    m_yAxis->setTickType(QValueAxis::TicksDynamic);
    m_yAxis->setTickAnchor(0);
    m_chart->addAxis(m_yAxis, Qt::AlignLeft);
    setAxis(ChartAxis::Time);
    // Ticks follow the room there is; the calls change nothing when they come out the same, so the
    // layout they may cause settles.
    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        updateTimeLabels();
        if (m_hasLines)
            updateYTicks();
        updatePlayheadItem();
    });
    applyPalette();
}

SeriesChartView::~SeriesChartView() = default;

void SeriesChartView::setAxis(ChartAxis axis)
{
    if (m_positionAxis && axis == ChartAxis::Position)
        return;
    if (m_timeAxis && axis == ChartAxis::Time)
        return;
    for (QAbstractAxis* old :
         {static_cast<QAbstractAxis*>(m_positionAxis), static_cast<QAbstractAxis*>(m_timeAxis)}) {
        if (old) {
            m_chart->removeAxis(old);
            delete old;
        }
    }
    m_positionAxis = nullptr;
    m_timeAxis = nullptr;
    m_axis = axis;
    QAbstractAxis* x = nullptr;
    if (axis == ChartAxis::Position) {
        m_positionAxis = new QValueAxis(m_chart);
        m_positionAxis->setTickType(QValueAxis::TicksDynamic);
        m_positionAxis->setTickAnchor(0);
        m_positionAxis->setLabelFormat(QStringLiteral("%.0f"));
        m_positionAxis->setTitleText(tr("Event position"));
        x = m_positionAxis;
    } else {
        m_timeAxis = new QCategoryAxis(m_chart);
        m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        x = m_timeAxis;
    }
    m_chart->addAxis(x, Qt::AlignBottom);
    const QList<QAbstractSeries*> series = m_chart->series();
    for (QAbstractSeries* s : series)
        s->attachAxis(x);
    applyPalette();
}

void SeriesChartView::setLines(const std::vector<Line>& lines, ChartAxis axis, double xFrom, double xTo)
{
    m_chart->removeAllSeries();
    setAxis(axis);
    if (xTo <= xFrom) { // one point: give it some room either side
        const double room = axis == ChartAxis::Time ? 1000.0 : 1.0;
        xFrom -= room;
        xTo += room;
    }
    m_xFrom = xFrom;
    m_xTo = xTo;
    QAbstractAxis* x = axis == ChartAxis::Time ? static_cast<QAbstractAxis*>(m_timeAxis) : m_positionAxis;
    for (const Line& line : lines) {
        QPen pen(line.color, seriesLineWidth);
        pen.setCosmetic(true);
        if (line.dashed)
            pen.setStyle(Qt::DashLine);
        for (const auto& run : line.runs) {
            auto* series = new QLineSeries(m_chart);
            series->setPen(pen);
            series->replace(QList<QPointF>(run.begin(), run.end()));
            m_chart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(m_yAxis);
        }
    }
    if (m_positionAxis) {
        m_positionAxis->setRange(xFrom, xTo);
        const int maxTicks = std::max(2, int(m_chart->plotArea().width()) / minPixelsPerPositionTick);
        m_positionAxis->setTickInterval(niceStep(xTo - xFrom, maxTicks));
    } else {
        m_timeAxis->setRange(xFrom, xTo);
        updateTimeLabels();
    }
    fitYAxis(lines);
    m_hasLines = true;
    applyPalette(); // new series' axes take the palette's colours too
    updatePlayheadItem();
}

void SeriesChartView::clearLines()
{
    m_chart->removeAllSeries();
    m_hasLines = false;
    updatePlayheadItem();
}

int SeriesChartView::lineSeriesCount() const
{
    return int(m_chart->series().size());
}

std::size_t SeriesChartView::pointCount() const
{
    std::size_t n = 0;
    const QList<QAbstractSeries*> series = m_chart->series();
    for (QAbstractSeries* s : series)
        n += std::size_t(static_cast<QLineSeries*>(s)->count());
    return n;
}

void SeriesChartView::fitYAxis(const std::vector<Line>& lines)
{
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const Line& line : lines) {
        for (const auto& run : line.runs) {
            for (const QPointF& p : run) {
                low = std::min(low, p.y());
                high = std::max(high, p.y());
            }
        }
    }
    if (low > high) { // nothing drawn
        low = 0;
        high = 1;
    } else if (low == high) {
        const double room = std::max(1.0, std::abs(low) * 0.1);
        low -= room;
        high += room;
    }
    m_yLow = low;
    m_yHigh = high;
    updateYTicks();
}

void SeriesChartView::updateYTicks()
{
    // As many labelled lines as the height has room for, at least three.
    const int maxTicks = std::clamp(int(m_chart->plotArea().height()) / minPixelsPerValueTick, 3, 8);
    const double step = niceStep(m_yHigh - m_yLow, maxTicks);
    // Whole steps at both ends, so that the extremes sit between labelled lines; a line that would
    // run along the border gets a quarter step of room.
    double from = std::floor(m_yLow / step) * step;
    double to = std::ceil(m_yHigh / step) * step;
    if (from == m_yLow)
        from -= step / 4;
    if (to == m_yHigh)
        to += step / 4;
    m_yAxis->setRange(from, to);
    m_yAxis->setTickInterval(step);
    m_yAxis->setTickAnchor(0);
    m_yAxis->setLabelFormat(labelFormatFor(step));
}

void SeriesChartView::updateTimeLabels()
{
    if (!m_timeAxis)
        return;
    const auto fromUs = qint64(m_xFrom * 1000.0);
    const auto toUs = qint64(m_xTo * 1000.0);
    const double width = std::max(100.0, m_chart->plotArea().width());
    const QFontMetrics metrics(m_timeAxis->labelsFont());
    const std::vector<TickStep>& ladder = tickStepLadder();
    TickStep step = ladder.back();
    for (const TickStep& candidate : ladder) {
        const double ticks = double(toUs - fromUs) / double(candidate.approximateUs());
        const int labelWidth = metrics.horizontalAdvance(widestTickLabel(candidate)) + timeLabelGap;
        if (ticks * labelWidth <= width) {
            step = candidate;
            break;
        }
    }
    QStringList labels;
    std::vector<double> values;
    for (qint64 t : tickTimes(step, fromUs, toUs)) {
        const double x = double(t) / 1000.0;
        if (x <= m_xFrom)
            continue;
        QString label = tickLabel(t, step);
        // The axis keys its labels by text, and a multi-day axis repeats "06:00": repeats are told
        // apart by zero-width spaces, which draw as nothing.
        while (labels.contains(label))
            label += QChar(0x200B);
        labels.append(label);
        values.push_back(x);
    }
    const QString context = tickContext(fromUs, step);
    const QString title = context.isEmpty() ? tr("UTC") : tr("%1 (UTC)").arg(context);
    if (labels == m_timeAxis->categoriesLabels() && title == m_timeAxis->titleText())
        return; // the same again: changing them would lay the chart out and come back here
    for (const QString& old : m_timeAxis->categoriesLabels())
        m_timeAxis->remove(old);
    m_timeAxis->setStartValue(m_xFrom);
    for (qsizetype i = 0; i < labels.size(); ++i)
        m_timeAxis->append(labels[i], values[size_t(i)]);
    m_timeAxis->setTitleText(title);
}

void SeriesChartView::setPlayheadX(std::optional<double> x)
{
    m_playheadX = x;
    updatePlayheadItem();
}

void SeriesChartView::updatePlayheadItem()
{
    if (!m_playheadX || !m_hasLines || *m_playheadX < m_xFrom || *m_playheadX > m_xTo) {
        m_playhead->hide();
        return;
    }
    const QRectF plot = m_chart->plotArea();
    const double px = plot.left() + (*m_playheadX - m_xFrom) / (m_xTo - m_xFrom) * plot.width();
    m_playhead->setLine(px, plot.top(), px, plot.bottom());
    m_playhead->show();
}

QLineF SeriesChartView::playheadViewLine() const
{
    if (!m_playhead->isVisible())
        return {};
    const QLineF line = m_playhead->line();
    return {mapFromScene(m_playhead->mapToScene(line.p1())), mapFromScene(m_playhead->mapToScene(line.p2()))};
}

QRectF SeriesChartView::plotAreaInView() const
{
    return mapFromScene(m_chart->mapToScene(m_chart->plotArea())).boundingRect();
}

std::optional<double> SeriesChartView::xAtViewPoint(const QPointF& point) const
{
    const QRectF plot = plotAreaInView();
    if (!m_hasLines || !plot.adjusted(-1, -1, 1, 1).contains(point) || plot.width() <= 0)
        return std::nullopt;
    const double fraction = std::clamp((point.x() - plot.left()) / plot.width(), 0.0, 1.0);
    return m_xFrom + fraction * (m_xTo - m_xFrom);
}

QPointF SeriesChartView::viewPointAtX(double x) const
{
    const QRectF plot = plotAreaInView();
    return {plot.left() + (x - m_xFrom) / (m_xTo - m_xFrom) * plot.width(), plot.center().y()};
}

void SeriesChartView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        if (const std::optional<double> x = xAtViewPoint(event->position())) {
            emit clickedAt(*x);
            event->accept();
            return;
        }
    }
    QChartView::mousePressEvent(event);
}

void SeriesChartView::mouseMoveEvent(QMouseEvent* event)
{
    const QRectF plot = plotAreaInView();
    if (event->buttons() & Qt::LeftButton) {
        // Dragging scrubs, also past the plot's ends (clamped), as on the timeline.
        if (m_hasLines && plot.width() > 0) {
            const double fraction =
                std::clamp((event->position().x() - plot.left()) / plot.width(), 0.0, 1.0);
            emit clickedAt(m_xFrom + fraction * (m_xTo - m_xFrom));
        }
        event->accept();
        return;
    }
    const std::optional<double> x = xAtViewPoint(event->position());
    viewport()->setCursor(x ? Qt::CrossCursor : Qt::ArrowCursor);
    if (x)
        emit hoveredAt(*x, event->globalPosition().toPoint());
    QChartView::mouseMoveEvent(event);
}

void SeriesChartView::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    if (m_positionAxis && m_hasLines) {
        const int maxTicks = std::max(2, int(m_chart->plotArea().width()) / minPixelsPerPositionTick);
        m_positionAxis->setTickInterval(niceStep(m_xTo - m_xFrom, maxTicks));
    }
}

void SeriesChartView::changeEvent(QEvent* event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyPalette();
}

void SeriesChartView::applyPalette()
{
    chartcolors::apply(m_chart, palette());
    QPen pen(chartcolors::playhead(palette()), 2);
    pen.setCosmetic(true);
    m_playhead->setPen(pen);
    const QList<QAbstractAxis*> axes = m_chart->axes();
    for (QAbstractAxis* axis : axes) {
        axis->setLabelsFont(font());
        QFont title = font();
        title.setPointSizeF(font().pointSizeF() * 0.9);
        axis->setTitleFont(title);
    }
}

} // namespace eventscope::gui
