#pragma once

#include <QElapsedTimer>
#include <QTableView>

namespace eventscope::gui {

class EventTableModel;

// The events table as a log viewer wants it: one fixed-height line per event (so a million rows
// cost nothing to lay out), whole-row selection, no grid, column widths from the font rather than
// from the contents (measuring contents would read every row).
//
// It follows the playhead: the playhead's row is tinted, and scrolled into view when it leaves
// the screen, except for a moment after the user scrolled by hand, so that reading further up
// the log is not yanked away by a playing timeline. A click on a row (or moving to a row with
// the keyboard) asks for the playhead to go there.
class EventTableView : public QTableView
{
    Q_OBJECT

public:
    static constexpr int defaultFollowPauseMs = 2000;

    explicit EventTableView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
    EventTableModel* eventModel() const { return m_eventModel; }

    // Marks the playhead's row and scrolls to it when it is off screen (see above).
    void setPlayheadPosition(qint64 position);
    // How long following pauses after the user scrolled by hand.
    void setFollowPauseMs(int ms) { m_followPauseMs = ms; }
    int followPauseMs() const { return m_followPauseMs; }
    // Whether the user scrolled by hand within the pause.
    bool isFollowPaused() const;

signals:
    void positionActivated(qint64 position);

protected:
    void changeEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void applyMetrics();
    void followRow(int row);
    void markManualScroll() { m_manualScroll.start(); }

    EventTableModel* m_eventModel = nullptr;
    QElapsedTimer m_manualScroll; // invalid until the user first scrolls by hand
    int m_followPauseMs = defaultFollowPauseMs;
    bool m_prefetchScheduled = false;
};

} // namespace eventscope::gui
