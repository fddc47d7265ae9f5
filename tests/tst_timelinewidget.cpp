// The timeline panel as a user drives it: scrubbing, clicking, zooming, panning, selecting a
// range, the keyboard, playback, markers and lanes, over a small in-memory store.
#include "memorystore.h"
#include "timeline/playhead.h"
#include "timeline/timelinepanel.h"
#include "timeline/timelinewidget.h"
#include "timeline/transportbar.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

#include <memory>
#include <set>

using namespace eventscope;
using namespace eventscope::gui;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 baseTimeUs = 1'740'830'400'000'000; // 2025-03-01T12:00:00Z
constexpr qint64 eventCount = 1000;
constexpr qint64 secondUs = 1'000'000;

// One event a second, in five streams taking turns, with a 100 s pause after event 600.
std::vector<Event> makeEvents()
{
    std::vector<Event> events;
    for (qint64 i = 0; i < eventCount; ++i) {
        Event e;
        e.stream = u"order-%1"_s.arg(i % 5);
        e.type = u"OrderPlaced"_s;
        e.timeUs = baseTimeUs + i * secondUs + (i >= 600 ? 100 * secondUs : 0);
        events.push_back(e);
    }
    return events;
}

void sendWheel(QWidget* widget, QPoint pos, int notches, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWheelEvent wheel(pos, widget->mapToGlobal(pos), QPoint(), QPoint(0, notches * 120), Qt::NoButton,
                      modifiers, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &wheel);
}

int distinctColours(const QImage& image)
{
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class TestTimelineWidget : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MemoryEventStore> m_store;
    std::unique_ptr<Playhead> m_playhead;
    std::unique_ptr<TimelinePanel> m_panel;

    TimelineWidget* timeline() const { return m_panel->timeline(); }
    // Widget x of a fraction of the plotted width.
    int xAt(double fraction) const
    {
        const QRectF plot = timeline()->plotRect();
        return int(plot.left() + fraction * plot.width());
    }
    int y() const { return int(timeline()->plotRect().center().y()); }

private slots:
    void init()
    {
        m_store = std::make_unique<MemoryEventStore>(makeEvents());
        m_playhead = std::make_unique<Playhead>();
        m_panel = std::make_unique<TimelinePanel>(*m_store, *m_playhead);
        m_panel->resize(1000, 180);
        m_panel->show();
        m_panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
        timeline()->setFocus();
    }
    void cleanup()
    {
        m_panel.reset();
        m_playhead.reset();
        m_store.reset();
    }

    void startsAtTheBeginningShowingEverything()
    {
        QCOMPARE(m_playhead->count(), eventCount);
        QCOMPARE(m_playhead->position(), 0);
        QCOMPARE(m_playhead->windowFromUs(), baseTimeUs);
        QCOMPARE(m_playhead->windowToUs(), baseTimeUs + (eventCount - 1 + 100) * secondUs);
        QVERIFY(!m_playhead->isZoomed());
        QVERIFY(!m_playhead->range());
        QCOMPARE(m_panel->transportBar()->readoutText(),
                 QStringLiteral("0 / %1 \u00b7 before 2025-03-01 12:00:00.000")
                     .arg(QLocale().toString(eventCount)));
    }

    void dragScrubsAndCoalesces()
    {
        QSignalSpy spy(m_playhead.get(), &Playhead::positionChanged);
        QTest::mousePress(timeline(), Qt::LeftButton, {}, QPoint(xAt(0.1), y()));
        constexpr int moves = 40;
        for (int i = 1; i <= moves; ++i)
            QTest::mouseMove(timeline(), QPoint(xAt(0.1 + 0.7 * i / moves), y()));
        const QPoint end(xAt(0.8), y());
        QTest::mouseRelease(timeline(), Qt::LeftButton, {}, end);

        const qint64 expected = timeline()->positionAtX(end.x());
        QCOMPARE(m_playhead->position(), expected); // the state itself is always the latest
        QTRY_COMPARE_WITH_TIMEOUT(spy.last().first().toLongLong(), expected, 1000);
        QVERIFY2(spy.count() < moves, qPrintable(QString::number(spy.count())));
        // 80% of the way through 1,099 seconds is past the 100 s pause after event 600.
        QVERIFY2(std::abs(expected - 780) <= 2, qPrintable(QString::number(expected)));
        // And the playhead is drawn where the mouse let go.
        QVERIFY(std::abs(timeline()->xAtPosition(expected) - end.x()) <= 1.5);
    }

    void clickJumps()
    {
        QSignalSpy spy(m_playhead.get(), &Playhead::positionChanged);
        QTest::mouseClick(timeline(), Qt::LeftButton, {}, QPoint(xAt(0.25), y()));
        const qint64 expected = timeline()->positionAtX(xAt(0.25));
        QVERIFY(std::abs(expected - 276) <= 2);
        QCOMPARE(m_playhead->position(), expected);
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toLongLong(), expected);

        QTest::mouseClick(timeline(), Qt::LeftButton, {}, QPoint(xAt(1.0), y()));
        QCOMPARE(m_playhead->position(), eventCount);
    }

    void wheelZoomsAroundTheCursor()
    {
        QSignalSpy spy(m_playhead.get(), &Playhead::windowChanged);
        const QPoint at(xAt(0.3), y());
        const qint64 timeBefore = timeline()->scale().xToTime(at.x() - timeline()->plotRect().left());
        const qint64 spanBefore = m_playhead->windowToUs() - m_playhead->windowFromUs();
        sendWheel(timeline(), at, 2);
        QCOMPARE(spy.count(), 1);
        QVERIFY(m_playhead->isZoomed());
        const qint64 span = m_playhead->windowToUs() - m_playhead->windowFromUs();
        QVERIFY(std::abs(double(spanBefore) / double(span) - 2.0) < 0.01);
        const qint64 timeAfter = timeline()->scale().xToTime(at.x() - timeline()->plotRect().left());
        QVERIFY(std::abs(timeAfter - timeBefore) <= span / 500);

        sendWheel(timeline(), at, -20); // out past everything: back to the whole range
        QVERIFY(!m_playhead->isZoomed());
    }

    void panAndResetZoom()
    {
        m_playhead->setWindow(baseTimeUs + 400 * secondUs, baseTimeUs + 500 * secondUs);
        QVERIFY(m_playhead->isZoomed());
        const qint64 from = m_playhead->windowFromUs();
        // Middle button drag to the right shows earlier times.
        QTest::mousePress(timeline(), Qt::MiddleButton, {}, QPoint(xAt(0.5), y()));
        QTest::mouseMove(timeline(), QPoint(xAt(0.6), y()));
        QTest::mouseRelease(timeline(), Qt::MiddleButton, {}, QPoint(xAt(0.6), y()));
        QVERIFY(std::abs(m_playhead->windowFromUs() - (from - 10 * secondUs)) <= secondUs / 4);
        QCOMPARE(m_playhead->windowToUs() - m_playhead->windowFromUs(), 100 * secondUs);
        // So does Alt with the left button, without moving the playhead.
        const qint64 position = m_playhead->position();
        QTest::mousePress(timeline(), Qt::LeftButton, Qt::AltModifier, QPoint(xAt(0.5), y()));
        QTest::mouseMove(timeline(), QPoint(xAt(0.4), y()));
        QTest::mouseRelease(timeline(), Qt::LeftButton, Qt::AltModifier, QPoint(xAt(0.4), y()));
        QVERIFY(std::abs(m_playhead->windowFromUs() - from) <= secondUs / 4);
        QCOMPARE(m_playhead->position(), position);

        QTest::mouseDClick(timeline(), Qt::LeftButton, {}, QPoint(xAt(0.5), y()));
        QVERIFY(!m_playhead->isZoomed());
    }

    void shiftDragSelectsARange()
    {
        QSignalSpy spy(m_playhead.get(), &Playhead::rangeChanged);
        const qint64 position = m_playhead->position();
        QTest::mousePress(timeline(), Qt::LeftButton, Qt::ShiftModifier, QPoint(xAt(0.7), y()));
        QTest::mouseMove(timeline(), QPoint(xAt(0.5), y()));
        QTest::mouseMove(timeline(), QPoint(xAt(0.2), y()));
        QTest::mouseRelease(timeline(), Qt::LeftButton, Qt::ShiftModifier, QPoint(xAt(0.2), y()));
        QVERIFY(spy.count() >= 1);
        const std::optional<PositionRange> range = m_playhead->range();
        QVERIFY(range);
        QCOMPARE(range->fromPosition, timeline()->positionAtX(xAt(0.2)));
        QCOMPARE(range->toPosition, timeline()->positionAtX(xAt(0.7)));
        QCOMPARE(m_playhead->position(), position); // selecting does not scrub

        QVERIFY(m_playhead->clearRangeAction()->isEnabled());
        QTest::keyClick(timeline(), Qt::Key_Escape);
        QVERIFY(!m_playhead->range());
        QVERIFY(!m_playhead->clearRangeAction()->isEnabled());
    }

    void keyboardSteps()
    {
        QTest::keyClick(timeline(), Qt::Key_Right);
        QCOMPARE(m_playhead->position(), 1);
        QTest::keyClick(timeline(), Qt::Key_Right);
        QCOMPARE(m_playhead->position(), 2);
        QTest::keyClick(timeline(), Qt::Key_Left);
        QCOMPARE(m_playhead->position(), 1);
        QTest::keyClick(timeline(), Qt::Key_End);
        QCOMPARE(m_playhead->position(), eventCount);
        QVERIFY(!m_playhead->stepForwardAction()->isEnabled() || m_playhead->position() == eventCount);
        QTest::keyClick(timeline(), Qt::Key_Right); // nowhere further
        QCOMPARE(m_playhead->position(), eventCount);
        QTest::keyClick(timeline(), Qt::Key_Left);
        QCOMPARE(m_playhead->position(), eventCount - 1);
        QTest::keyClick(timeline(), Qt::Key_Home);
        QCOMPARE(m_playhead->position(), 0);
        QTRY_COMPARE(m_panel->transportBar()->readoutText().left(2), u"0 "_s);
    }

    void shiftArrowsStepWithinTheStream()
    {
        QVERIFY(!m_playhead->streamStepForwardAction()->isEnabled());
        // Stream order-2 is every fifth event from position 3.
        m_playhead->setStreamStepper([](qint64 position, int direction) -> std::optional<qint64> {
            qint64 next = position + direction;
            while (next >= 1 && next <= eventCount && (next - 1) % 5 != 2)
                next += direction;
            if (next < 1 || next > eventCount)
                return std::nullopt;
            return next;
        });
        QVERIFY(m_playhead->streamStepForwardAction()->isEnabled());
        QTest::keyClick(timeline(), Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(m_playhead->position(), 3);
        QTest::keyClick(timeline(), Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(m_playhead->position(), 8);
        QTest::keyClick(timeline(), Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(m_playhead->position(), 3);
        QTest::keyClick(timeline(), Qt::Key_Left, Qt::ShiftModifier); // none before: stays
        QCOMPARE(m_playhead->position(), 3);
    }

    void playAdvancesAndPauseStops_data()
    {
        QTest::addColumn<int>("speedIndex");
        QTest::addRow("1,000 events/s") << 3;
        QTest::addRow("real time x100") << 8;
    }
    void playAdvancesAndPauseStops()
    {
        QFETCH(int, speedIndex);
        QSignalSpy playing(m_playhead.get(), &Playhead::playingChanged);
        QComboBox* speedBox = m_panel->transportBar()->speedBox();
        speedBox->setCurrentIndex(speedIndex);
        emit speedBox->activated(speedIndex); // as a user's choice does
        QCOMPARE(m_playhead->speedIndex(), speedIndex);

        QTest::keyClick(timeline(), Qt::Key_Space);
        QVERIFY(m_playhead->isPlaying());
        QCOMPARE(playing.count(), 1);
        QCOMPARE(m_playhead->playPauseAction()->text(), u"Pause"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_playhead->position() > 20, 5000);

        m_playhead->playPauseAction()->trigger();
        QVERIFY(!m_playhead->isPlaying());
        QCOMPARE(playing.count(), 2);
        const qint64 stoppedAt = m_playhead->position();
        QTest::qWait(150);
        QCOMPARE(m_playhead->position(), stoppedAt);
    }

    void playStopsAtTheEnd()
    {
        m_playhead->setSpeedIndex(4); // 10,000 events/s
        m_playhead->setPosition(eventCount - 50);
        m_playhead->play();
        QTRY_VERIFY_WITH_TIMEOUT(!m_playhead->isPlaying(), 5000);
        QCOMPARE(m_playhead->position(), eventCount);
        QTRY_VERIFY(
            m_panel->transportBar()->readoutText().startsWith(QLocale().toString(eventCount) + u" /"_s));
        // Playing again starts over.
        m_playhead->play();
        QVERIFY(m_playhead->position() < eventCount);
        m_playhead->pause();
    }

    void setPositionIsCoalesced()
    {
        QSignalSpy spy(m_playhead.get(), &Playhead::positionChanged);
        for (qint64 p = 1; p <= 500; ++p)
            m_playhead->setPosition(p);
        QVERIFY(spy.count() <= 2); // the first at once, the rest within a frame
        QTRY_COMPARE(spy.last().first().toLongLong(), 500);
        QVERIFY(spy.count() <= 2);
        m_playhead->setPosition(-5);
        QCOMPARE(m_playhead->position(), 0);
        m_playhead->setPosition(eventCount * 3);
        QCOMPARE(m_playhead->position(), eventCount);
    }

    void markersRenderWithTooltips()
    {
        using Kind = TimelineMarker::Kind;
        timeline()->setMarkers({{900, u"Draft refund"_s, Kind::Draft},
                                {100, u"Look here"_s, Kind::Bookmark},
                                {601, u"Stock went negative"_s, Kind::Violation},
                                {300, u"Break on OrderPlaced"_s, Kind::Breakpoint},
                                {eventCount + 10, u"Out of range"_s, Kind::Bookmark}});
        QCOMPARE(timeline()->markers().front().position, 100); // kept in time order
        const QImage image = timeline()->grab().toImage();
        QVERIFY(!image.isNull());

        const QPoint at(int(timeline()->xAtPosition(601)), int(timeline()->plotRect().top()) + 3);
        QHelpEvent help(QEvent::ToolTip, at, timeline()->mapToGlobal(at));
        QApplication::sendEvent(timeline(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(u"Violation"_s), qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(u"Stock went negative"_s));
        QToolTip::hideText();
    }

    void lanesAddRows()
    {
        const int before = timeline()->minimumSizeHint().height();
        timeline()->setLanes({u"order-1"_s, u"order-3"_s});
        QCOMPARE(timeline()->lanes().size(), 2);
        QVERIFY(timeline()->minimumSizeHint().height() > before);
        QVERIFY(!timeline()->grab().toImage().isNull());
        m_playhead->setWindow(baseTimeUs, baseTimeUs + 60 * secondUs); // re-binned per window
        QVERIFY(!timeline()->grab().toImage().isNull());
        timeline()->setLanes({});
        QCOMPARE(timeline()->minimumSizeHint().height(), before);
    }

    void grabIsNotBlank()
    {
        m_playhead->setPosition(420);
        m_playhead->setRange(100, 200);
        timeline()->setMarkers({{601, u"Stock went negative"_s, TimelineMarker::Kind::Violation}});
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"timeline.png"_s);
        QVERIFY(m_panel->grab().save(path));
        QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), m_panel->size() * m_panel->devicePixelRatioF());
        QVERIFY2(distinctColours(image) > 8, qPrintable(QString::number(distinctColours(image))));

        // The histogram is drawn: somewhere low in the plot, a pixel is not the background.
        const QImage strip = timeline()->grab().toImage();
        const QRgb background = timeline()->palette().color(QPalette::Base).rgb();
        const int row = int(timeline()->plotRect().bottom()) - 3;
        int painted = 0;
        for (int x = 0; x < strip.width(); ++x)
            painted += strip.pixel(x, row) != background;
        QVERIFY2(painted > strip.width() / 2, qPrintable(QString::number(painted)));
    }

    void storeCanBeDetachedAndRefreshed()
    {
        m_playhead->setPosition(500);
        m_panel->setStore(nullptr);
        QCOMPARE(m_playhead->count(), 0);
        QCOMPARE(m_playhead->position(), 0);
        QVERIFY(!m_playhead->playPauseAction()->isEnabled());
        QVERIFY(!m_panel->grab().toImage().isNull()); // paints its placeholder
        QTest::mouseClick(timeline(), Qt::LeftButton, {}, QPoint(xAt(0.5), y()));
        sendWheel(timeline(), QPoint(xAt(0.5), y()), 1);
        QCOMPARE(m_playhead->position(), 0);

        m_panel->setStore(m_store.get());
        QCOMPARE(m_playhead->count(), eventCount);
        Event late;
        late.stream = u"order-9"_s;
        late.timeUs = baseTimeUs + 2000 * secondUs;
        m_store->append(late);
        QSignalSpy data(m_playhead.get(), &Playhead::dataChanged);
        m_panel->refresh();
        QCOMPARE(data.count(), 1);
        QCOMPARE(m_playhead->count(), eventCount + 1);
        QCOMPARE(m_playhead->windowToUs(), late.timeUs); // showed everything, so it grows
        QVERIFY(!m_panel->grab().toImage().isNull());
    }
};

QTEST_MAIN(TestTimelineWidget)
#include "tst_timelinewidget.moc"
