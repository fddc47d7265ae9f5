#pragma once

#include "replay/replayservice.h"
#include "seriesplot.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace eventscope::gui {

class SeriesChartView;
class SeriesList;

// The Charts page (the lead puts it in a dock): state expressions the user adds, drawn as lines over
// the log's time or positions, with the playhead on them; a click or a drag on the chart asks to move
// the playhead there. The series are computed by the ReplayService it is given (one forward pass for
// all expressions, on the service's series worker), reduced to at most maxPointsPerSeries points per
// line, and kept until the next result: moving the playhead only moves a line.
//
// One ChartsPanel per ReplayService: series requests are latest-wins per service, so two panels on
// one service would cancel each other's work.
class ChartsPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int maxPointsPerSeries = 3000;
    static constexpr int sampleCount = 2000; // in Sampled mode

    // The time (µs) of the event at a position, as Playhead::timeAtPosition gives it.
    using TimeLookup = std::function<std::optional<qint64>(qint64 position)>;

    explicit ChartsPanel(QWidget* parent = nullptr);
    ~ChartsPanel() override;

    // The service to compute with; nullptr when no workspace is open. Computes the series again.
    void setReplayService(replay::ReplayService* service);
    replay::ReplayService* replayService() const { return m_service; }
    // Optional, for a time axis: without it the playhead's time between two points is interpolated.
    void setTimeLookup(TimeLookup lookup);

    // The expressions charted, in order, for the owner to save (with the workspace or the settings).
    QStringList expressions() const;
    // Replaces them (restoring a saved list): computes, does not emit expressionsChanged.
    void setExpressions(const QStringList& expressions);
    // What the user does with the field and the remove buttons. addExpression() refuses an empty or
    // already charted expression.
    bool addExpression(const QString& expression);
    void removeExpression(int index);

    // The expressions offered under "Add an expression to chart it" (a click puts one in the field).
    void setExamples(const QStringList& examples);
    QStringList examples() const { return m_examples; }

    ChartAxis axis() const { return m_axis; }
    void setAxis(ChartAxis axis);
    replay::SeriesRequest::Mode resolution() const { return m_resolution; }
    void setResolution(replay::SeriesRequest::Mode mode);

    bool isComputing() const { return m_computing; }
    QString statusText() const;
    // The last result shown; nothing before the first.
    const std::optional<replay::SeriesResult>& result() const { return m_result; }

    SeriesChartView* chartView() const { return m_chart; }
    SeriesList* seriesList() const { return m_list; }
    QLineEdit* expressionEdit() const { return m_edit; }
    QPushButton* addButton() const { return m_add; }
    bool isShowingEmptyState() const;

    // A what-if to draw after the log: each charted expression's value with the drafts appended
    // (by expression; a missing or non-numeric one draws nothing), joined to the series' last point
    // by a dashed line of its colour. `position` is the branch's last position; on a time axis the
    // what-if is drawn just after the log (its events would be written now). Empty clears it.
    void setWhatIf(const QHash<QString, json::Value>& corrected, qint64 position);
    bool hasWhatIf() const { return !m_whatIf.isEmpty(); }

public slots:
    void setPlayheadPosition(qint64 position);
    // Computes the series again (the log or the projection changed under the same service).
    void refresh();

signals:
    // A click on the chart: the position of the nearest point.
    void positionRequested(qint64 position);
    // The user added or removed an expression.
    void expressionsChanged(const QStringList& expressions);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Entry
    {
        QString expression;
        int colorIndex = 0;
    };

    QWidget* createInputRow();
    QWidget* createEmptyPage();
    void appendEntry(const QString& expression);
    void scheduleRequest();
    void sendRequest();
    void takeResult(const replay::SeriesResult& result);
    void takeFailure(quint64 generation, const QString& message);
    void replot();
    void updatePlayhead();
    void updateAddButton();
    void updateStatus();
    void showHover(double x, const QPoint& globalPos);
    void jumpTo(double x);
    const replay::ExpressionSeries* seriesFor(const QString& expression) const;
    // The result's series, which are those charted: a removed expression's series is dropped from it.
    const std::vector<replay::ExpressionSeries>& shownSeries() const;
    void forgetRemovedSeries();

    QPointer<replay::ReplayService> m_service;
    std::vector<QMetaObject::Connection> m_serviceConnections;
    TimeLookup m_timeLookup;
    std::vector<Entry> m_entries;
    QStringList m_examples;
    ChartAxis m_axis = ChartAxis::Time;
    replay::SeriesRequest::Mode m_resolution = replay::SeriesRequest::Mode::EveryChange;

    QTimer m_requestDelay; // coalesces the changes of one event-loop turn into one request
    quint64 m_pendingGeneration = 0;
    bool m_computing = false;
    QString m_failure;
    std::optional<replay::SeriesResult> m_result;
    std::optional<qint64> m_playheadPosition;
    QHash<QString, json::Value> m_whatIf;
    qint64 m_whatIfPosition = 0;

    QLineEdit* m_edit = nullptr;
    QPushButton* m_add = nullptr;
    QComboBox* m_axisCombo = nullptr;
    QComboBox* m_resolutionCombo = nullptr;
    SeriesList* m_list = nullptr;
    QStackedWidget* m_pages = nullptr;
    QWidget* m_emptyPage = nullptr;
    QWidget* m_examplesBox = nullptr;
    SeriesChartView* m_chart = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace eventscope::gui
