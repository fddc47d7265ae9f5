#include "chartspanel.h"

#include "chartcolors.h"
#include "import/noticelabel.h"
#include "inspector/changestyle.h"
#include "inspector/jsondisplay.h"
#include "serieschartview.h"
#include "serieslist.h"
#include "timeline/timeticks.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace eventscope::gui {
namespace {

using Mode = replay::SeriesRequest::Mode;

// For the bundled sample's projections: stock-per-sku, open-orders, and any state at all.
const QStringList defaultExamples{QStringLiteral("s[\"sku-7\"]?.stock"), QStringLiteral("s.openCount"),
                                  QStringLiteral("Object.keys(s).length")};

// The value a series has at `position`: its last point at or before it (a state holds until it
// changes).
const replay::SeriesPoint* pointAt(const replay::ExpressionSeries& series, qint64 position)
{
    const auto after =
        std::upper_bound(series.points.begin(), series.points.end(), position,
                         [](qint64 p, const replay::SeriesPoint& point) { return p < point.position; });
    return after == series.points.begin() ? nullptr : &*std::prev(after);
}

} // namespace

ChartsPanel::ChartsPanel(QWidget* parent) : QWidget(parent), m_examples(defaultExamples)
{
    setWindowTitle(tr("Charts"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);
    layout->addWidget(createInputRow());

    m_list = new SeriesList(this);
    m_list->hide();
    connect(m_list, &SeriesList::removeRequested, this, &ChartsPanel::removeExpression);
    layout->addWidget(m_list);

    m_pages = new QStackedWidget(this);
    m_emptyPage = createEmptyPage();
    m_chart = new SeriesChartView(m_pages);
    m_chart->setMinimumHeight(120);
    connect(m_chart, &SeriesChartView::clickedAt, this, &ChartsPanel::jumpTo);
    connect(m_chart, &SeriesChartView::hoveredAt, this, &ChartsPanel::showHover);
    m_pages->addWidget(m_emptyPage);
    m_pages->addWidget(m_chart);
    layout->addWidget(m_pages, 1);

    m_status = new QLabel(this);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_requestDelay.setSingleShot(true);
    m_requestDelay.setInterval(0);
    connect(&m_requestDelay, &QTimer::timeout, this, &ChartsPanel::sendRequest);
    replot();
}

ChartsPanel::~ChartsPanel() = default;

QWidget* ChartsPanel::createInputRow()
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_edit = new QLineEdit(row);
    m_edit->setFont(changestyle::monospaceFont());
    m_edit->setPlaceholderText(tr("Expression over the state s, e.g. s[\"sku-7\"]?.stock"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(
        tr("JavaScript over the projection's state, bound to s: s.total, s[\"sku-7\"]?.stock, "
           "Object.keys(s).length, or a function s => …. Numbers are drawn; true and false as 1 and 0."));
    m_add = new QPushButton(tr("Add"), row);
    m_add->setToolTip(tr("Chart this expression"));
    connect(m_edit, &QLineEdit::textChanged, this, &ChartsPanel::updateAddButton);
    connect(m_edit, &QLineEdit::returnPressed, m_add, &QPushButton::click);
    connect(m_add, &QPushButton::clicked, this, [this] {
        if (addExpression(m_edit->text()))
            m_edit->clear();
    });

    m_axisCombo = new QComboBox(row);
    m_axisCombo->addItem(tr("Time"), int(ChartAxis::Time));
    m_axisCombo->addItem(tr("Position"), int(ChartAxis::Position));
    m_axisCombo->setToolTip(
        tr("Along the horizontal axis: the events' time (UTC) or their position in the log"));
    connect(m_axisCombo, &QComboBox::activated, this,
            [this](int index) { setAxis(ChartAxis(m_axisCombo->itemData(index).toInt())); });

    m_resolutionCombo = new QComboBox(row);
    m_resolutionCombo->addItem(tr("Every change"), int(Mode::EveryChange));
    m_resolutionCombo->addItem(tr("%1 samples").arg(QLocale().toString(sampleCount)), int(Mode::Samples));
    m_resolutionCombo->setToolTip(
        tr("Every change: exact, a point wherever a value changes (a spike one event "
           "long included).\nSamples: evenly spaced points, for values that change "
           "with almost every event."));
    connect(m_resolutionCombo, &QComboBox::activated, this,
            [this](int index) { setResolution(Mode(m_resolutionCombo->itemData(index).toInt())); });

    layout->addWidget(m_edit, 1);
    layout->addWidget(m_add);
    layout->addSpacing(6);
    layout->addWidget(m_axisCombo);
    layout->addWidget(m_resolutionCombo);
    updateAddButton();
    return row;
}

QWidget* ChartsPanel::createEmptyPage()
{
    auto* page = new QWidget(this);
    auto* outer = new QVBoxLayout(page);
    outer->addStretch(2);
    auto* title = new QLabel(tr("Add an expression to chart it"), page);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignHCenter);
    auto* hint = new QLabel(tr("An expression reads the projection's state, named s, and is drawn at every "
                               "change over the whole log. For example:"),
                            page);
    hint->setForegroundRole(QPalette::PlaceholderText);
    hint->setAlignment(Qt::AlignHCenter);
    hint->setWordWrap(true);
    outer->addWidget(title);
    outer->addWidget(hint);
    m_examplesBox = new QWidget(page);
    new QVBoxLayout(m_examplesBox);
    m_examplesBox->layout()->setContentsMargins(0, 4, 0, 0);
    m_examplesBox->layout()->setSpacing(0);
    outer->addWidget(m_examplesBox, 0, Qt::AlignHCenter);
    outer->addStretch(3);
    setExamples(m_examples);
    return page;
}

void ChartsPanel::setExamples(const QStringList& examples)
{
    m_examples = examples;
    if (!m_examplesBox)
        return;
    const QList<QPushButton*> old = m_examplesBox->findChildren<QPushButton*>(Qt::FindDirectChildrenOnly);
    for (QPushButton* button : old)
        button->deleteLater();
    QPalette linkLike = palette();
    linkLike.setColor(QPalette::ButtonText, palette().color(QPalette::Link));
    for (const QString& example : examples) {
        auto* button = new QPushButton(example, m_examplesBox);
        button->setFlat(true);
        button->setPalette(linkLike); // reads as something to click, not as a label
        button->setFont(changestyle::monospaceFont());
        button->setCursor(Qt::PointingHandCursor);
        button->setToolTip(tr("Put this expression in the field above"));
        connect(button, &QPushButton::clicked, this, [this, example] {
            m_edit->setText(example);
            m_edit->setFocus(Qt::OtherFocusReason);
        });
        m_examplesBox->layout()->addWidget(button);
    }
}

void ChartsPanel::setReplayService(replay::ReplayService* service)
{
    for (const auto& connection : m_serviceConnections)
        disconnect(connection);
    m_serviceConnections.clear();
    m_service = service;
    m_result.reset();
    m_failure.clear();
    m_pendingGeneration = 0;
    if (service) {
        m_serviceConnections.push_back(
            connect(service, &replay::ReplayService::seriesReady, this, &ChartsPanel::takeResult));
        m_serviceConnections.push_back(
            connect(service, &replay::ReplayService::failed, this, &ChartsPanel::takeFailure));
    }
    scheduleRequest();
    replot();
}

void ChartsPanel::setTimeLookup(TimeLookup lookup)
{
    m_timeLookup = std::move(lookup);
    updatePlayhead();
}

QStringList ChartsPanel::expressions() const
{
    QStringList list;
    for (const Entry& entry : m_entries)
        list.append(entry.expression);
    return list;
}

void ChartsPanel::setExpressions(const QStringList& expressions)
{
    m_entries.clear();
    for (const QString& expression : expressions) {
        const QString trimmed = expression.trimmed();
        if (!trimmed.isEmpty() && !this->expressions().contains(trimmed))
            appendEntry(trimmed);
    }
    forgetRemovedSeries();
    scheduleRequest();
    replot();
}

void ChartsPanel::appendEntry(const QString& expression)
{
    // The first colour no other line has: a line keeps its colour when another is removed.
    int color = 0;
    while (std::any_of(m_entries.begin(), m_entries.end(),
                       [color](const Entry& e) { return e.colorIndex == color; }))
        ++color;
    m_entries.push_back({expression, color});
}

bool ChartsPanel::addExpression(const QString& expression)
{
    const QString trimmed = expression.trimmed();
    if (trimmed.isEmpty() || expressions().contains(trimmed))
        return false;
    appendEntry(trimmed);
    scheduleRequest();
    replot();
    updateAddButton();
    emit expressionsChanged(expressions());
    return true;
}

void ChartsPanel::removeExpression(int index)
{
    if (index < 0 || index >= int(m_entries.size()))
        return;
    m_entries.erase(m_entries.begin() + index);
    forgetRemovedSeries();
    // The other lines are in the result already: nothing to compute, unless nothing is left to wait for.
    if (m_entries.empty()) {
        m_requestDelay.stop();
        m_computing = false;
    }
    replot();
    updateAddButton();
    emit expressionsChanged(expressions());
}

void ChartsPanel::setAxis(ChartAxis axis)
{
    m_axis = axis;
    m_axisCombo->setCurrentIndex(m_axisCombo->findData(int(axis)));
    replot();
}

void ChartsPanel::setResolution(replay::SeriesRequest::Mode mode)
{
    m_resolutionCombo->setCurrentIndex(m_resolutionCombo->findData(int(mode)));
    if (mode == m_resolution)
        return;
    m_resolution = mode;
    scheduleRequest();
    replot();
}

void ChartsPanel::refresh()
{
    scheduleRequest();
    replot();
}

void ChartsPanel::scheduleRequest()
{
    m_computing = m_service && !m_entries.empty();
    if (m_computing)
        m_requestDelay.start();
}

void ChartsPanel::sendRequest()
{
    if (!m_service || m_entries.empty()) {
        m_computing = false;
        replot();
        return;
    }
    replay::SeriesRequest request;
    request.expressions = expressions();
    request.mode = m_resolution;
    request.samples = sampleCount;
    m_pendingGeneration = m_service->requestSeries(request);
    m_computing = true;
}

void ChartsPanel::takeResult(const replay::SeriesResult& result)
{
    if (result.generation != m_pendingGeneration)
        return;
    m_result = result;
    forgetRemovedSeries(); // removed while it was computed
    m_computing = false;
    m_failure.clear();
    replot();
}

void ChartsPanel::takeFailure(quint64 generation, const QString& message)
{
    if (generation != m_pendingGeneration)
        return; // a state request's failure: the state inspector reports it
    m_computing = false;
    m_failure = message;
    replot();
}

const replay::ExpressionSeries* ChartsPanel::seriesFor(const QString& expression) const
{
    if (!m_result)
        return nullptr;
    for (const auto& series : m_result->series) {
        if (series.expression == expression)
            return &series;
    }
    return nullptr;
}

const std::vector<replay::ExpressionSeries>& ChartsPanel::shownSeries() const
{
    static const std::vector<replay::ExpressionSeries> none;
    return m_result ? m_result->series : none;
}

void ChartsPanel::forgetRemovedSeries()
{
    if (!m_result)
        return;
    const QStringList kept = expressions();
    auto& series = m_result->series;
    series.erase(
        std::remove_if(series.begin(), series.end(),
                       [&](const replay::ExpressionSeries& s) { return !kept.contains(s.expression); }),
        series.end());
}

void ChartsPanel::replot()
{
    const QLocale locale;
    const bool steps = m_result && m_result->request.mode == Mode::EveryChange;
    std::vector<SeriesList::Entry> rows;
    std::vector<SeriesChartView::Line> lines;
    std::optional<double> xFrom, xTo;
    for (const Entry& entry : m_entries) {
        SeriesList::Entry row;
        row.expression = entry.expression;
        row.color = chartcolors::series(entry.colorIndex, palette());
        const replay::ExpressionSeries* series = seriesFor(entry.expression);
        if (!series) {
            row.summary = m_computing ? tr("Computing…") : QString();
            rows.push_back(row);
            continue;
        }
        SeriesPlot plot = makePlot(*series, m_axis, steps, maxPointsPerSeries);
        if (plot.numericPoints > 0) // a series with nothing to draw says why below instead
            row.summary = tr("%1 points").arg(locale.toString(plot.numericPoints));
        row.problemText = seriesProblem(*series, plot);
        if (!row.problemText.isEmpty())
            row.problem = plot.drawnPoints() > 0 ? SeriesList::Entry::Problem::Warning
                                                 : SeriesList::Entry::Problem::Error;
        if (!series->points.empty()) {
            const double first = chartX(series->points.front(), m_axis);
            const double last = chartX(series->points.back(), m_axis);
            xFrom = std::min(xFrom.value_or(first), first);
            xTo = std::max(xTo.value_or(last), last);
        }
        std::optional<QPointF> lastPoint;
        for (auto run = plot.runs.rbegin(); run != plot.runs.rend() && !lastPoint; ++run) {
            if (!run->empty())
                lastPoint = run->back();
        }
        lines.push_back({row.color, std::move(plot.runs)});
        const auto corrected = m_whatIf.constFind(entry.expression);
        const std::optional<double> y = corrected != m_whatIf.cend() ? chartY(*corrected) : std::nullopt;
        if (lastPoint && y && !series->points.empty()) {
            // On a time axis the drafts' own time (now) may lie years after the log: they are drawn
            // just after it instead, where they would be appended.
            const double first = chartX(series->points.front(), m_axis);
            const double x = m_axis == ChartAxis::Position
                                 ? double(m_whatIfPosition)
                                 : lastPoint->x() + std::max((lastPoint->x() - first) * 0.03, 1000.0);
            lines.push_back({row.color, {{*lastPoint, QPointF(x, *y)}}, true});
            xTo = std::max(xTo.value_or(x), x);
            row.summary += tr(" \u2192 %1 with the drafts").arg(locale.toString(*y));
        }
        rows.push_back(row);
    }
    m_list->setEntries(rows);
    if (xFrom)
        m_chart->setLines(lines, m_axis, *xFrom, *xTo);
    else
        m_chart->clearLines();
    m_pages->setCurrentWidget(m_entries.empty() ? m_emptyPage : static_cast<QWidget*>(m_chart));
    updatePlayhead();
    updateStatus();
}

void ChartsPanel::setWhatIf(const QHash<QString, json::Value>& corrected, qint64 position)
{
    m_whatIf = corrected;
    m_whatIfPosition = position;
    replot();
}

void ChartsPanel::updateStatus()
{
    const QLocale locale;
    QString text;
    if (m_entries.empty())
        text.clear();
    else if (!m_service)
        text = tr("Open a workspace to compute the series.");
    else if (!m_failure.isEmpty())
        text = tr("The series could not be computed: %1").arg(m_failure);
    else if (m_computing)
        text = tr("Computing the series over the log…");
    else if (m_result && m_result->fromPosition <= m_result->toPosition)
        text = tr("%1 from #%2 to #%3 · click or drag on the chart to move the playhead")
                   .arg(m_result->request.mode == Mode::EveryChange
                            ? tr("Every change")
                            : tr("%1 samples").arg(locale.toString(sampleCount)),
                        locale.toString(m_result->fromPosition), locale.toString(m_result->toPosition));
    else if (m_result)
        text = tr("The log is empty.");
    m_status->setText(text);
    m_status->setForegroundRole(m_failure.isEmpty() ? QPalette::PlaceholderText : QPalette::Text);
    m_status->setVisible(!text.isEmpty());
}

void ChartsPanel::setPlayheadPosition(qint64 position)
{
    m_playheadPosition = position;
    updatePlayhead();
}

void ChartsPanel::updatePlayhead()
{
    if (!m_playheadPosition) {
        m_chart->setPlayheadX(std::nullopt);
        return;
    }
    const qint64 position = *m_playheadPosition;
    if (m_axis == ChartAxis::Position) {
        m_chart->setPlayheadX(double(position));
        return;
    }
    if (m_timeLookup) {
        if (const std::optional<qint64> time = m_timeLookup(position)) {
            m_chart->setPlayheadX(double(*time) / 1000.0);
            return;
        }
    }
    m_chart->setPlayheadX(m_result ? interpolatedTimeMs(m_result->series, position) : std::nullopt);
}

void ChartsPanel::jumpTo(double x)
{
    if (const std::optional<qint64> position = nearestPosition(shownSeries(), m_axis, x)) {
        setPlayheadPosition(*position);
        emit positionRequested(*position);
    }
}

void ChartsPanel::showHover(double x, const QPoint& globalPos)
{
    const std::vector<replay::ExpressionSeries>& shown = shownSeries();
    const std::optional<qint64> position = nearestPosition(shown, m_axis, x);
    if (!position)
        return;
    const QLocale locale;
    QString text = QStringLiteral("#") + locale.toString(*position);
    std::optional<qint64> timeUs;
    for (const auto& series : shown) {
        if (const replay::SeriesPoint* point = pointAt(series, *position);
            point && point->position == *position)
            timeUs = point->timeUs;
    }
    if (timeUs)
        text += QStringLiteral(" · ") + formatTimelineTime(*timeUs);
    for (const auto& series : shown) {
        const replay::SeriesPoint* point = pointAt(series, *position);
        text += QLatin1Char('\n') + series.expression + QStringLiteral(" = ") +
                (point ? jsondisplay::summary(point->value, 60) : QStringLiteral("—"));
    }
    QToolTip::showText(globalPos, text, m_chart);
}

void ChartsPanel::updateAddButton()
{
    const QString text = m_edit->text().trimmed();
    const bool charted = expressions().contains(text);
    m_add->setEnabled(!text.isEmpty() && !charted);
    m_add->setToolTip(charted ? tr("This expression is charted already") : tr("Chart this expression"));
}

bool ChartsPanel::isShowingEmptyState() const
{
    return m_pages->currentWidget() == m_emptyPage;
}

QString ChartsPanel::statusText() const
{
    return m_status->text();
}

void ChartsPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_chart) {
        replot(); // the lines' colours follow the palette
        setExamples(m_examples);
    }
}

} // namespace eventscope::gui
