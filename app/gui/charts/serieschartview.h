#pragma once

#include "seriesplot.h"

#include <QChartView>
#include <QColor>

#include <optional>
#include <vector>

class QCategoryAxis;
class QGraphicsLineItem;
class QValueAxis;

namespace eventscope::gui {

// The chart of the Charts panel: lines over a time or position axis, a vertical playhead, and the
// mouse turned into x values (click and drag to scrub, hover to read). The time axis is labelled
// in UTC with the timeline's ticks, so both read the same. It knows nothing of the replay: the panel
// gives it reduced lines and maps x back to positions.
class SeriesChartView : public QChartView
{
    Q_OBJECT

public:
    struct Line
    {
        QColor color;
        std::vector<std::vector<QPointF>> runs; // each drawn as one unbroken line
        bool dashed = false;                    // a what-if: where the line would go with the drafts
    };

    explicit SeriesChartView(QWidget* parent = nullptr);
    ~SeriesChartView() override;

    // Replaces every line. The x axis spans [xFrom, xTo] (the range the series cover) in the unit of
    // `axis`; the y axis fits the lines.
    void setLines(const std::vector<Line>& lines, ChartAxis axis, double xFrom, double xTo);
    void clearLines();
    int lineSeriesCount() const;    // QLineSeries in the chart: one per run
    std::size_t pointCount() const; // points drawn, over all lines

    ChartAxis axis() const { return m_axis; }
    double xFrom() const { return m_xFrom; }
    double xTo() const { return m_xTo; }

    // Moves the playhead to x (in the axis' unit); nothing, or an x outside the axis, hides it. Moves
    // one graphics item: the lines are not touched.
    void setPlayheadX(std::optional<double> x);
    std::optional<double> playheadX() const { return m_playheadX; }
    // Where the playhead line is drawn, in viewport coordinates; null when hidden.
    QLineF playheadViewLine() const;

    // The plot area in viewport coordinates, and the x a viewport point stands for (nothing outside
    // the plot area, or with no axis).
    QRectF plotAreaInView() const;
    std::optional<double> xAtViewPoint(const QPointF& point) const;
    // The viewport point at x, halfway up the plot area.
    QPointF viewPointAtX(double x) const;

signals:
    // The user clicked the plot area, or dragged across it with the button down.
    void clickedAt(double x);
    // The mouse rests over the plot area at x; `globalPos` is where to show a tooltip.
    void hoveredAt(double x, const QPoint& globalPos);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void setAxis(ChartAxis axis);
    void updateTimeLabels();
    void fitYAxis(const std::vector<Line>& lines);
    void updateYTicks();
    void updatePlayheadItem();
    void applyPalette();

    QChart* m_chart;
    QValueAxis* m_positionAxis = nullptr; // x in Position mode
    QCategoryAxis* m_timeAxis = nullptr;  // x in Time mode: labels at the timeline's tick times
    QValueAxis* m_yAxis = nullptr;
    QGraphicsLineItem* m_playhead = nullptr;
    ChartAxis m_axis = ChartAxis::Time;
    double m_xFrom = 0;
    double m_xTo = 1;
    std::optional<double> m_playheadX;
    bool m_hasLines = false;
    double m_yLow = 0; // the lines' extent
    double m_yHigh = 1;
};

} // namespace eventscope::gui
