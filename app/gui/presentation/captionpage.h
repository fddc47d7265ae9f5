#pragma once

#include <QWidget>

class QLabel;

namespace eventscope::gui {

// The centre of the window in presentation mode: the current bookmark's note in large type, which
// stop of the story it is, and the event at the playhead in one line.
class CaptionPage : public QWidget
{
    Q_OBJECT

public:
    explicit CaptionPage(QWidget* parent = nullptr);

    void setStop(int index, int count, const QString& note);
    void setEventLine(const QString& line);
    void setPaused(bool paused);

    QString note() const;
    QString progress() const;

private:
    QLabel* m_progress;
    QLabel* m_note;
    QLabel* m_event;
    QLabel* m_hint;
};

} // namespace eventscope::gui
