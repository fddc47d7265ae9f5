#pragma once

#include "live/livestatus.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace eventscope::gui {

// The status bar's word on a live follow: its state (a coloured dot), the source, the source
// position reached, the lag, and the events appended; Stop ends it. Hidden when nothing is followed.
class LiveStatusWidget : public QWidget
{
    Q_OBJECT

public:
    explicit LiveStatusWidget(QWidget* parent = nullptr);

    void showStatus(const QString& url, const importers::live::LiveStatus& status);
    QString text() const;
    QToolButton* stopButton() const { return m_stop; }

signals:
    void stopRequested();

private:
    QLabel* m_dot;
    QLabel* m_text;
    QToolButton* m_stop;
};

} // namespace eventscope::gui
