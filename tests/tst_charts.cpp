// The Charts panel: reduction before drawing, series of state expressions computed by the replay
// service on a fixture workspace, the playhead on the chart, and clicks that move it.
#include "charts/chartspanel.h"
#include "charts/downsample.h"
#include "charts/serieschartview.h"
#include "charts/serieslist.h"
#include "charts/seriesplot.h"
#include "importjob.h"
#include "replay/replayservice.h"
#include "workspace.h"

#include <QApplication>
#include <QDateTime>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

#include <algorithm>
#include <cmath>

using namespace eventscope;
using namespace eventscope::gui;
using Mode = replay::SeriesRequest::Mode;

namespace {

replay::SeriesPoint point(qint64 position, json::Value value)
{
    return {position, position * 1'000'000, std::move(value)};
}

bool contains(const std::vector<QPointF>& points, const QPointF& wanted)
{
    return std::find(points.begin(), points.end(), wanted) != points.end();
}

qint64 microsAt(const char* iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch() * 1000;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_projection;

    // The shop fixture: sku-1's stock is 5 after #1, 2 after #4, -2 after #7 and 8 after #8.
    std::unique_ptr<replay::ReplayService> makeService()
    {
        replay::ReplaySpec spec;
        spec.projection = m_projection;
        return std::make_unique<replay::ReplayService>(m_workspace, spec);
    }

    // A panel showing sku-1's stock, computed; shown so that the chart has a geometry.
    void showStockChart(ChartsPanel& panel, replay::ReplayService& service, Mode mode = Mode::EveryChange)
    {
        panel.resize(900, 520);
        panel.setResolution(mode);
        panel.setReplayService(&service);
        QVERIFY(panel.addExpression(QStringLiteral("s[\"sku-1\"]?.stock")));
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTRY_VERIFY_WITH_TIMEOUT(panel.result().has_value() && !panel.isComputing(), 10000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_workspace = m_dir.filePath(QStringLiteral("shop.eventscope"));
        Workspace workspace(m_workspace);
        importers::ImportRequest request;
        request.files = {QFINDTESTDATA("data/replay/shop.jsonl")};
        const importers::ImportReport report = importers::runImport(workspace, request);
        QCOMPARE(report.accepted, 8);
        m_projection = QFINDTESTDATA("data/replay/stock.js");
        QVERIFY(!m_projection.isEmpty());
    }

    // --- Reduction ------------------------------------------------------------------------------

    void downsampleKeepsExtremesAndBoundsTheCount_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("maxPoints");
        QTest::addColumn<bool>("monotonic");
        QTest::addRow("a million to 3,000") << 1'000'000 << 3000 << true;
        QTest::addRow("5,000 to 2,000") << 5000 << 2000 << true;
        QTest::addRow("uneven budget") << 10'007 << 1001 << true;
        QTest::addRow("tiny budget") << 1000 << 1 << true;
        QTest::addRow("times stepping back") << 50'000 << 2000 << false;
    }

    void downsampleKeepsExtremesAndBoundsTheCount()
    {
        QFETCH(int, count);
        QFETCH(int, maxPoints);
        QFETCH(bool, monotonic);
        QRandomGenerator random(7);
        std::vector<QPointF> points;
        points.reserve(std::size_t(count));
        double y = 0;
        for (int i = 0; i < count; ++i) {
            y += random.bounded(2.0) - 1.0;
            // Out of order now and then: an event whose recorded time is earlier than its neighbour's.
            const double x = !monotonic && i % 97 == 5 ? double(i - 3) : double(i);
            points.emplace_back(x, y);
        }
        // One spike, one event wide, in each direction.
        points[std::size_t(count / 3)].setY(1e6);
        points[std::size_t(count / 3 * 2)].setY(-1e6);

        const std::vector<QPointF> reduced = downsampleMinMax(points, maxPoints);
        QVERIFY2(reduced.size() <= std::size_t(std::max(maxPoints, 4)),
                 qPrintable(QString::number(reduced.size())));
        QCOMPARE(reduced.front(), points.front());
        QCOMPARE(reduced.back(), points.back());
        QVERIFY(contains(reduced, points[std::size_t(count / 3)]));
        QVERIFY(contains(reduced, points[std::size_t(count / 3 * 2)]));
        // Every point kept is a point of the line, in the line's order.
        std::size_t at = 0;
        for (const QPointF& p : reduced) {
            while (at < points.size() && points[at] != p)
                ++at;
            QVERIFY(at < points.size());
        }
    }

    void downsampleLeavesShortLinesAlone()
    {
        const std::vector<QPointF> points{{0, 1}, {1, 5}, {2, 3}};
        QCOMPARE(downsampleMinMax(points, 3000), points);
        QVERIFY(downsampleMinMax({}, 100).empty());
    }

    // --- From a series to lines ------------------------------------------------------------------

    void plotSplitsAtMissingValuesAndDrawsStairs()
    {
        replay::ExpressionSeries series;
        series.points = {point(1, 5), point(2, 2), point(3, json::Value()), point(4, true), point(5, 7)};
        const SeriesPlot steps = makePlot(series, ChartAxis::Position, true, 3000);
        QCOMPARE(steps.numericPoints, 4);
        QCOMPARE(steps.runs.size(), std::size_t(2));
        // 5 holds until #2, drops to 2, which holds until it goes missing at #3.
        const std::vector<QPointF> first{{1, 5}, {2, 5}, {2, 2}, {3, 2}};
        QCOMPARE(steps.runs[0], first);
        const std::vector<QPointF> second{{4, 1}, {5, 1}, {5, 7}};
        QCOMPARE(steps.runs[1], second);

        const SeriesPlot joined = makePlot(series, ChartAxis::Time, false, 3000);
        const std::vector<QPointF> samples{{1000, 5}, {2000, 2}};
        QCOMPARE(joined.runs[0], samples);
    }

    void plotJoinsAcrossTooManyGaps()
    {
        replay::ExpressionSeries series;
        for (int i = 1; i <= 100; ++i)
            series.points.push_back(point(i, i % 2 ? json::Value(i) : json::Value()));
        QCOMPARE(makePlot(series, ChartAxis::Position, false, 3000, 10).runs.size(), std::size_t(1));
        QCOMPARE(makePlot(series, ChartAxis::Position, false, 3000, 256).runs.size(), std::size_t(50));
    }

    void problemsAreWordedForTheUser_data()
    {
        QTest::addColumn<bool>("compiled");
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("failed");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::addRow("does not compile") << false << "Unexpected token at column 3" << 0 << ""
                                          << "Unexpected token";
        QTest::addRow("throws everywhere") << true << "TypeError: x is not a function" << 3 << "1"
                                           << "at every point";
        QTest::addRow("throws until the key exists")
            << true << "TypeError: Cannot read property 'stock' of undefined" << 1 << "1"
            << "write ?.";
        QTest::addRow("text") << true << "" << 0 << "\"WH-LYON\""
                              << "text, not numbers";
        QTest::addRow("objects") << true << "" << 0 << "{\"a\":1}"
                                 << "one of their members";
        QTest::addRow("arrays") << true << "" << 0 << "[1,2]"
                                << ".length";
        QTest::addRow("nothing") << true << "" << 0 << "null"
                                 << "undefined or null throughout";
        QTest::addRow("fine") << true << "" << 0 << "12"
                              << "";
    }

    void problemsAreWordedForTheUser()
    {
        QFETCH(bool, compiled);
        QFETCH(QString, error);
        QFETCH(int, failed);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        replay::ExpressionSeries series;
        series.compiled = compiled;
        series.error = error;
        series.failedPoints = failed;
        series.errorPosition = failed > 0 ? 1 : 0;
        if (compiled) {
            for (int i = 1; i <= 3; ++i) {
                const bool threw = i <= failed;
                series.points.push_back(point(i, threw ? json::Value() : *json::parse(value.toStdString())));
            }
        }
        const QString problem = seriesProblem(series, makePlot(series, ChartAxis::Position, true, 3000));
        if (expected.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(expected), qPrintable(problem));
    }

    void nearestPointAndPlayheadTime()
    {
        replay::ExpressionSeries a;
        a.points = {point(1, 1), point(10, 2), point(20, 3)};
        replay::ExpressionSeries b;
        b.points = {point(14, 1)};
        const std::vector<replay::ExpressionSeries> both{a, b};
        QCOMPARE(nearestPosition(both, ChartAxis::Position, 13.0), 14);
        QCOMPARE(nearestPosition(both, ChartAxis::Position, 11.0), 10);
        QCOMPARE(nearestPosition(both, ChartAxis::Time, 19'000.0), 20);
        QCOMPARE(nearestPosition(both, ChartAxis::Position, -5.0), 1);
        QVERIFY(!nearestPosition({}, ChartAxis::Position, 1.0));
        QCOMPARE(*interpolatedTimeMs(both, 15), 15'000.0);
        QCOMPARE(*interpolatedTimeMs(both, 99), 20'000.0);
    }

    // --- Through the service -----------------------------------------------------------------------

    void seriesThroughTheServiceGivesTheStock()
    {
        auto service = makeService();
        ChartsPanel panel;
        showStockChart(panel, *service);
        const replay::SeriesResult& result = *panel.result();
        QCOMPARE(result.series.size(), std::size_t(1));
        const auto& points = result.series.front().points;
        const std::vector<std::pair<qint64, double>> expected{{1, 5}, {4, 2}, {7, -2}, {8, 8}};
        QCOMPARE(points.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(points[i].position, expected[i].first);
            QCOMPARE(points[i].value.toDouble(), expected[i].second);
        }
        QCOMPARE(points[2].timeUs, microsAt("2025-03-02T09:00:00Z"));
        QCOMPARE(panel.seriesList()->count(), 1);
        QCOMPARE(panel.seriesList()->summaryText(0), QStringLiteral("4 points"));
        QVERIFY(panel.seriesList()->problemText(0).isEmpty());
        // A staircase: 4 points and 3 corners.
        QCOMPARE(panel.chartView()->lineSeriesCount(), 1);
        QCOMPARE(panel.chartView()->pointCount(), std::size_t(7));
        QVERIFY(!panel.isShowingEmptyState());
        QVERIFY2(panel.statusText().contains(QStringLiteral("Every change")), qPrintable(panel.statusText()));
    }

    void sampledResolutionAsksForSamples()
    {
        auto service = makeService();
        ChartsPanel panel;
        showStockChart(panel, *service, Mode::Samples);
        QCOMPARE(panel.result()->request.mode, Mode::Samples);
        QCOMPARE(panel.result()->series.front().points.size(), std::size_t(8)); // every position of 8
    }

    void errorsAreShownPerExpression()
    {
        auto service = makeService();
        ChartsPanel panel;
        showStockChart(panel, *service);
        QSignalSpy changed(&panel, &ChartsPanel::expressionsChanged);
        panel.expressionEdit()->setText(QStringLiteral("s.(stock"));
        QTest::mouseClick(panel.addButton(), Qt::LeftButton);
        QCOMPARE(changed.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isComputing() && panel.result()->series.size() == 2, 10000);
        QCOMPARE(panel.seriesList()->count(), 2);
        QVERIFY(panel.seriesList()->problemText(0).isEmpty());
        QVERIFY(!panel.seriesList()->problemText(1).isEmpty());
        QVERIFY(panel.expressionEdit()->text().isEmpty());
        QCOMPARE(panel.chartView()->lineSeriesCount(), 1); // the good one still drawn
    }

    void aFailingProjectionIsReported()
    {
        replay::ReplaySpec spec;
        spec.projection = m_dir.filePath(QStringLiteral("missing.js"));
        replay::ReplayService service(m_workspace, spec);
        ChartsPanel panel;
        panel.setReplayService(&service);
        QVERIFY(panel.addExpression(QStringLiteral("s.total")));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isComputing(), 10000);
        QVERIFY2(panel.statusText().contains(QStringLiteral("could not be computed")) &&
                     panel.statusText().contains(QStringLiteral("missing.js")),
                 qPrintable(panel.statusText()));
        QVERIFY(!panel.result());
    }

    void clickOnTheChartRequestsTheNearestPosition_data()
    {
        QTest::addColumn<int>("axis");
        QTest::addRow("position axis") << int(ChartAxis::Position);
        QTest::addRow("time axis") << int(ChartAxis::Time);
    }

    void clickOnTheChartRequestsTheNearestPosition()
    {
        QFETCH(int, axis);
        auto service = makeService();
        ChartsPanel panel;
        showStockChart(panel, *service);
        panel.setAxis(ChartAxis(axis));
        SeriesChartView* chart = panel.chartView();
        QSignalSpy requested(&panel, &ChartsPanel::positionRequested);
        // Just right of #7's point (at #7.2, or ten minutes after its time).
        const double x =
            ChartAxis(axis) == ChartAxis::Position ? 7.2 : double(microsAt("2025-03-02T09:10:00Z")) / 1000;
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, chart->viewPointAtX(x).toPoint());
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toLongLong(), 7);
        QVERIFY(chart->playheadViewLine().length() > 0); // moved there at once

        // Resting the mouse there reads the values.
        QTest::mouseMove(chart->viewport(), chart->viewPointAtX(x).toPoint());
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral("#7")) &&
                     QToolTip::text().contains(QStringLiteral("s[\"sku-1\"]?.stock = -2")),
                 qPrintable(QToolTip::text()));

        // Outside the plot area (on the axis labels): nothing.
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, QPoint(2, chart->viewport()->height() - 2));
        QCOMPARE(requested.size(), 1);
    }

    void playheadLineMovesWithoutRebuildingTheLines()
    {
        auto service = makeService();
        ChartsPanel panel;
        showStockChart(panel, *service);
        panel.setAxis(ChartAxis::Position);
        SeriesChartView* chart = panel.chartView();
        const QList<QAbstractSeries*> before = chart->chart()->series();
        QVERIFY(chart->playheadViewLine().isNull()); // no playhead position yet

        panel.setPlayheadPosition(4);
        const QLineF atFour = chart->playheadViewLine();
        QVERIFY(!atFour.isNull());
        QCOMPARE(atFour.x1(), atFour.x2()); // vertical
        QVERIFY(std::abs(atFour.x1() - chart->viewPointAtX(4).x()) < 1.0);
        const QRectF plot = chart->plotAreaInView();
        QVERIFY(std::abs(atFour.y1() - plot.top()) < 2 &&
                std::abs(atFour.y2() - plot.bottom()) < 2); // whole pixels

        panel.setPlayheadPosition(8);
        QVERIFY(chart->playheadViewLine().x1() > atFour.x1() + 10);
        QCOMPARE(chart->chart()->series(), before); // the same line objects: nothing rebuilt

        // On a time axis the playhead sits at the event's time, given by the owner's lookup.
        panel.setAxis(ChartAxis::Time);
        panel.setTimeLookup([](qint64 position) -> std::optional<qint64> {
            return position == 4 ? std::optional<qint64>(microsAt("2025-03-01T10:00:01Z")) : std::nullopt;
        });
        panel.setPlayheadPosition(4);
        QVERIFY(std::abs(chart->playheadViewLine().x1() -
                         chart->viewPointAtX(double(microsAt("2025-03-01T10:00:01Z")) / 1000).x()) < 1.0);
    }

    void dragScrubsAlongTheChart()
    {
        auto service = makeService();
        ChartsPanel panel;
        showStockChart(panel, *service);
        panel.setAxis(ChartAxis::Position);
        SeriesChartView* chart = panel.chartView();
        QSignalSpy requested(&panel, &ChartsPanel::positionRequested);
        QTest::mousePress(chart->viewport(), Qt::LeftButton, {}, chart->viewPointAtX(1).toPoint());
        QMouseEvent move(QEvent::MouseMove, chart->viewPointAtX(7.9),
                         chart->viewport()->mapToGlobal(chart->viewPointAtX(7.9)), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(chart->viewport(), &move);
        QTest::mouseRelease(chart->viewport(), Qt::LeftButton, {}, chart->viewPointAtX(7.9).toPoint());
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.at(0).at(0).toLongLong(), 1);
        QCOMPARE(requested.at(1).at(0).toLongLong(), 8);
    }

    // --- The panel as a user meets it ----------------------------------------------------------

    void emptyStateOffersExamples()
    {
        ChartsPanel panel;
        panel.resize(700, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.isShowingEmptyState());
        QVERIFY(!panel.addButton()->isEnabled());
        QPushButton* example = nullptr;
        for (QPushButton* button : panel.findChildren<QPushButton*>()) {
            if (button->text() == panel.examples().front())
                example = button;
        }
        QVERIFY(example && example->isVisible());
        QTest::mouseClick(example, Qt::LeftButton);
        QCOMPARE(panel.expressionEdit()->text(), panel.examples().front());
        QVERIFY(panel.addButton()->isEnabled());
        // Without a service it is charted, and the panel says what it waits for.
        QTest::keyClick(panel.expressionEdit(), Qt::Key_Return);
        QCOMPARE(panel.expressions(), QStringList{panel.examples().front()});
        QVERIFY(!panel.isShowingEmptyState());
        QVERIFY(panel.statusText().contains(QStringLiteral("Open a workspace")));
        // The same expression twice: refused.
        panel.expressionEdit()->setText(panel.examples().front());
        QVERIFY(!panel.addButton()->isEnabled());
        QVERIFY(!panel.addExpression(panel.examples().front()));
    }

    void removeAndRestoreExpressions()
    {
        auto service = makeService();
        ChartsPanel panel;
        showStockChart(panel, *service);
        QVERIFY(panel.addExpression(QStringLiteral("s[\"sku-2\"]?.stock")));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isComputing() && panel.result()->series.size() == 2, 10000);
        QCOMPARE(panel.chartView()->lineSeriesCount(), 2);

        QSignalSpy changed(&panel, &ChartsPanel::expressionsChanged);
        QTest::mouseClick(panel.seriesList()->removeButton(0), Qt::LeftButton);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(panel.expressions(), QStringList{QStringLiteral("s[\"sku-2\"]?.stock")});
        QCOMPARE(panel.chartView()->lineSeriesCount(), 1);
        QVERIFY(!panel.isComputing()); // the other line was computed already

        // Restoring a saved list replaces it and computes, without announcing a change.
        panel.setExpressions({QStringLiteral("s[\"sku-1\"]?.stock"), QStringLiteral("s[\"sku-1\"]?.stock"),
                              QStringLiteral("  ")});
        QCOMPARE(panel.expressions(), QStringList{QStringLiteral("s[\"sku-1\"]?.stock")});
        QCOMPARE(changed.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isComputing() && panel.result()->series.size() == 1, 10000);
        QTest::mouseClick(panel.seriesList()->removeButton(0), Qt::LeftButton);
        QVERIFY(panel.isShowingEmptyState());
    }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
