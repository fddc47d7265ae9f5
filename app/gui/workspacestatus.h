#pragma once

#include <QWidget>

class QLabel;

namespace eventscope::gui {

struct WorkspaceSummary;

// The status bar's account of the open workspace: name, event count, time range, stream count.
class WorkspaceStatus : public QWidget
{
    Q_OBJECT

public:
    explicit WorkspaceStatus(QWidget* parent = nullptr);

    void setSummary(const WorkspaceSummary& summary);
    void clear();

    // The fields joined with " | ", as shown; for tests and accessibility.
    QString text() const;

    // "3 d 4 h", "2 h 5 min", "12.5 s": the span of a time range at a glance.
    static QString formatDuration(qint64 micros);

private:
    QLabel* m_name;
    QLabel* m_events;
    QLabel* m_timeRange;
    QLabel* m_streams;
};

} // namespace eventscope::gui
