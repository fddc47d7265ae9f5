#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace eventscope::gui {

class Playhead;

// The playback controls over a Playhead: start, step back, play/pause, step forward, end, the
// speed ladder, and where the playhead is ("4,711 / 1,000,000 · 2025-03-01 09:15:30.250").
class TransportBar : public QWidget
{
    Q_OBJECT

public:
    explicit TransportBar(Playhead& playhead, QWidget* parent = nullptr);
    ~TransportBar() override;

    QString readoutText() const;
    QComboBox* speedBox() const { return m_speed; }

private:
    void updateReadout();
    void updateRange();
    void updateReadoutWidth();
    void showSpeed(int index);

    Playhead& m_playhead;
    QComboBox* m_speed;
    QLabel* m_range;
    QLabel* m_readout;
};

} // namespace eventscope::gui
