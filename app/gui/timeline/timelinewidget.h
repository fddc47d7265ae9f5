#pragma once

#include "densitycache.h"
#include "timelinemarker.h"
#include "timelinescale.h"

#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

class QMenu;

namespace eventscope::gui {

class Playhead;

// The timeline strip: event density over time, the time axis, the playhead, the selected range,
// markers and optional per-stream lanes. It paints and turns the mouse into Playhead calls; the
// state (position, window, range) lives in the Playhead, the maths in TimelineScale.
//
// Mouse: press or drag to scrub, Shift+drag to select a range, wheel to zoom around the cursor,
// middle or Alt+drag to pan, double-click to show everything.
class TimelineWidget : public QWidget
{
    Q_OBJECT

public:
    using Marker = TimelineMarker;

    explicit TimelineWidget(Playhead& playhead, QWidget* parent = nullptr);
    ~TimelineWidget() override;

    Playhead& playhead() const { return m_playhead; }

    void setMarkers(std::vector<Marker> markers);
    const std::vector<Marker>& markers() const { return m_markers; }

    // One thin density row per stream under the main histogram; an empty list hides them.
    void setLanes(const QStringList& streams);
    QStringList lanes() const { return m_lanes; }

    // The positions a filter matched (ascending), drawn over the density in their own colour with
    // the rest of the density muted; nullptr hides them.
    using Matches = std::shared_ptr<const std::vector<qint64>>;
    void setMatches(Matches positions);
    Matches matches() const { return m_matches; }

    // Where the mouse and the playhead meet: the event nearest to widget x, and the x of an event.
    qint64 positionAtX(double x) const;
    double xAtPosition(qint64 position) const;
    // The area the histogram, lanes and playhead are drawn in.
    QRectF plotRect() const;
    TimelineScale scale() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    enum class Drag
    {
        None,
        Scrub,
        Pan,
        Range
    };

    struct Rows // vertical layout, from the font so that it scales with it
    {
        QRectF flags;     // marker flags and the playhead handle
        QRectF histogram; // the main density
        QRectF lanes;     // per-stream rows, empty without lanes
        QRectF axis;      // ticks and labels
        double laneHeight = 0;
    };

    Rows rows() const;
    void onDataChanged();
    void resolveMarkerTimes();
    void resolveMatchTimes();
    int binCount() const;
    QString toolTipAt(const QPointF& pos) const;

    void paintHistogram(QPainter& painter, const Rows& rows, const TimelineScale& scale) const;
    void paintMatchLegend(QPainter& painter, const Rows& rows) const;
    void paintLanes(QPainter& painter, const Rows& rows, const TimelineScale& scale) const;
    void paintAxis(QPainter& painter, const Rows& rows, const TimelineScale& scale) const;
    void paintRange(QPainter& painter, const Rows& rows) const;
    void paintMarkers(QPainter& painter, const Rows& rows, const TimelineScale& scale) const;
    void paintPlayhead(QPainter& painter, const Rows& rows) const;

    Playhead& m_playhead;
    mutable DensityCache m_density;      // a cache: reading through it from const painting is fine
    std::vector<Marker> m_markers;       // sorted by time
    std::vector<qint64> m_markerTimesUs; // the time of each marker, same order
    QStringList m_lanes;
    Matches m_matches;

    Drag m_drag = Drag::None;
    double m_lastX = 0;
    qint64 m_rangeAnchor = 0;
};

} // namespace eventscope::gui
