// The events pane as a user drives it: typing a filter and pressing Enter, a filter with an
// error, the history, the playhead's row highlighted and followed, clicking a row, the
// timeline's range, and the matches reaching the timeline. Every model under the tester.
#include "events/eventspane.h"
#include "events/filterbar.h"
#include "events/filterlineedit.h"
#include "eventtablemodel.h"
#include "eventtableview.h"
#include "importjob.h"
#include "memorystore.h"
#include "testsupport.h"
#include "timeline/playhead.h"
#include "timeline/timelinecolors.h"
#include "timeline/timelinewidget.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QLocale>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <memory>

using namespace eventscope;
using namespace eventscope::gui;
using namespace Qt::StringLiterals;
using Positions = std::vector<qint64>;

namespace {

constexpr qint64 fixtureCount = 17; // tests/data/filter/events.jsonl
const Positions orderPlaced{1, 3, 5, 8, 13, 16};

// A log long enough to scroll: one event a second, type A or B taking turns.
std::vector<Event> longLog(int count)
{
    std::vector<Event> events;
    for (int i = 0; i < count; ++i) {
        Event e;
        e.id = QString::number(i + 1);
        e.stream = u"order-%1"_s.arg(i % 7);
        e.type = i % 2 == 0 ? u"A"_s : u"B"_s;
        e.timeUs = 1'740'830'400'000'000 + qint64(i) * 1'000'000;
        e.data = u"{\"n\": %1}"_s.arg(i + 1).toUtf8();
        events.push_back(e);
    }
    return events;
}

Positions rowPositions(const EventTableModel& model)
{
    Positions positions;
    for (int row = 0; row < model.rowCount(); ++row)
        positions.push_back(model.index(row, 0).data(EventTableModel::PositionRole).toLongLong());
    return positions;
}

QString countText(qint64 shown, qint64 total)
{
    const QLocale locale;
    return u"%1 of %2 events"_s.arg(locale.toString(shown), locale.toString(total));
}

void typeAndEnter(EventsPane& pane, const QString& text)
{
    FilterLineEdit* editor = pane.filterBar()->editor();
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}

// Whether any pixel of rect in image is close to colour.
bool containsColour(const QImage& image, const QRect& rect, const QColor& colour, int tolerance = 24)
{
    const QRect area = rect.intersected(image.rect());
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (std::abs(pixel.red() - colour.red()) <= tolerance &&
                std::abs(pixel.green() - colour.green()) <= tolerance &&
                std::abs(pixel.blue() - colour.blue()) <= tolerance)
                return true;
        }
    }
    return false;
}

} // namespace

class TestEventsPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    QString m_path;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<WorkspaceStore> m_store;
    std::unique_ptr<EventsPane> m_pane;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    void showPane(QSize size = {900, 400})
    {
        m_pane->resize(size);
        m_pane->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    }

private slots:
    void initTestCase()
    {
        // Before any QSettings exists: the filter history goes to a throwaway folder.
        eventscope::testing::isolateSettings(m_settingsDir, QStringLiteral("tst_eventspane"));
        qRegisterMetaType<EventsPane::Matches>();
    }

    void init()
    {
        QSettings().clear();
        m_path = m_dir.filePath(u"%1.eventscope"_s.arg(QLatin1String(QTest::currentTestFunction())));
        m_workspace = std::make_unique<Workspace>(m_path);
        importers::ImportRequest request;
        request.files = {QFINDTESTDATA("data/filter/events.jsonl")};
        request.order = MergeOrder::Source;
        QCOMPARE(importers::runImport(*m_workspace, request).accepted, fixtureCount);
        m_store = std::make_unique<WorkspaceStore>(*m_workspace);
        m_pane = std::make_unique<EventsPane>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_pane->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_pane->setStore(m_store.get(), m_path);
    }

    void cleanup()
    {
        m_tester.reset();
        m_pane.reset();
        m_store.reset();
        m_workspace.reset();
    }

    void typingAFilterAndEnterShrinksTheRows()
    {
        showPane();
        EventTableModel& model = *m_pane->model();
        QCOMPARE(model.rowCount(), int(fixtureCount));
        QCOMPARE(m_pane->filterBar()->summary(), u"%1 events"_s.arg(QLocale().toString(fixtureCount)));
        QSignalSpy matches(m_pane.get(), &EventsPane::matchesChanged);
        QSignalSpy filtering(m_pane.get(), &EventsPane::filteringChanged);

        typeAndEnter(*m_pane, u"type == \"OrderPlaced\""_s);
        QVERIFY(m_pane->isFiltering()); // off the GUI thread: the answer comes later
        QCOMPARE(m_pane->filterBar()->summary(), u"Filtering\u2026"_s);
        QTRY_COMPARE(matches.count(), 1);
        QVERIFY(!m_pane->isFiltering());
        QCOMPARE(filtering.count(), 2);
        QCOMPARE(*matches.first().first().value<EventsPane::Matches>(), orderPlaced);
        QCOMPARE(rowPositions(model), orderPlaced);
        QCOMPARE(model.index(0, EventTableModel::TypeColumn).data().toString(), u"OrderPlaced"_s);
        QCOMPARE(m_pane->filterBar()->summary(), countText(6, fixtureCount));
        QCOMPARE(m_pane->appliedFilter(), u"type == \"OrderPlaced\""_s);
        QVERIFY(!m_pane->filterBar()->hasError());

        // A payload filter narrows further.
        typeAndEnter(*m_pane, u"type == \"OrderPlaced\" && data.total > 100"_s);
        QTRY_COMPARE(matches.count(), 2);
        QCOMPARE(rowPositions(model), (Positions{1, 8}));
    }

    void theLatestFilterWins()
    {
        QSignalSpy matches(m_pane.get(), &EventsPane::matchesChanged);
        m_pane->applyFilter(u"type == \"OrderPlaced\""_s);
        m_pane->applyFilter(u"stream ~ \"^sku-\""_s);
        QTRY_VERIFY(!m_pane->isFiltering());
        QTest::qWait(50); // a stale result would arrive by now
        QCOMPARE(matches.count(), 1);
        QCOMPARE(rowPositions(*m_pane->model()), (Positions{4, 15}));
    }

    void anErrorIsUnderlinedAndExplained()
    {
        showPane();
        FilterBar& bar = *m_pane->filterBar();
        FilterLineEdit& editor = *bar.editor();
        QSignalSpy matches(m_pane.get(), &EventsPane::matchesChanged);
        typeAndEnter(*m_pane, u"typ == \"OrderPlaced\""_s);
        QVERIFY(bar.hasError());
        QVERIFY2(bar.errorMessage().startsWith(u"Column 1: unknown field typ (did you mean type?)"_s),
                 qPrintable(bar.errorMessage()));
        QCOMPARE(editor.toolTip(), bar.errorMessage());
        QVERIFY(editor.hasErrorSpan());
        QVERIFY(!m_pane->isFiltering());
        QCOMPARE(m_pane->model()->rowCount(), int(fixtureCount)); // nothing applied
        QVERIFY(m_pane->appliedFilter().isEmpty());

        // The wavy line sits under "typ": from the text's start to about three characters in, in
        // the error colour.
        const QRect underline = editor.errorRect();
        QVERIFY(!underline.isEmpty());
        const QFontMetrics fm = editor.fontMetrics();
        QVERIFY2(underline.width() >= fm.horizontalAdvance(u"typ"_s) - 2 &&
                     underline.width() <= fm.horizontalAdvance(u"typ"_s) + 2,
                 qPrintable(u"%1 px wide"_s.arg(underline.width())));
        const QImage image = editor.grab().toImage();
        const qreal ratio = image.devicePixelRatio();
        const QRect scaled(QPoint(int(underline.left() * ratio), int(underline.top() * ratio)),
                           QPoint(int(underline.right() * ratio), int(underline.bottom() * ratio)));
        QVERIFY(containsColour(image, scaled, filterErrorColor(editor.palette()), 60));
        // No error colour outside the underline (the rest of the text is the normal colour).
        QVERIFY(!containsColour(image,
                                QRect(scaled.right() + 8 * int(ratio), 0, image.width(), image.height()),
                                filterErrorColor(editor.palette()), 20));

        // Once an error is shown, the text is checked as it is edited: fixing it clears the error.
        editor.setCursorPosition(3);
        QTest::keyClick(&editor, Qt::Key_E);
        QVERIFY(!bar.hasError());
        QVERIFY(!editor.hasErrorSpan());
        QTest::keyClick(&editor, Qt::Key_Return);
        QTRY_COMPARE(matches.count(), 1);
        QCOMPARE(rowPositions(*m_pane->model()), orderPlaced);

        // A type error in a later filter keeps the previous one applied.
        typeAndEnter(*m_pane, u"time > \"yesterday\""_s);
        QVERIFY(bar.errorMessage().contains(u"\"yesterday\" is not a date or time"_s));
        QCOMPARE(m_pane->appliedFilter(), u"type == \"OrderPlaced\""_s);
        QCOMPARE(rowPositions(*m_pane->model()), orderPlaced);
    }

    void escapeClears()
    {
        QSignalSpy matches(m_pane.get(), &EventsPane::matchesChanged);
        typeAndEnter(*m_pane, u"category == \"sku\""_s);
        QTRY_COMPARE(matches.count(), 1);
        QCOMPARE(m_pane->model()->rowCount(), 2);
        QTest::keyClick(m_pane->filterBar()->editor(), Qt::Key_Escape);
        QCOMPARE(matches.count(), 2);
        QVERIFY(!matches.last().first().value<EventsPane::Matches>());
        QCOMPARE(m_pane->model()->rowCount(), int(fixtureCount));
        QVERIFY(m_pane->filterBar()->text().isEmpty());
        QVERIFY(m_pane->appliedFilter().isEmpty());
        // An empty filter applied with Enter clears as well.
        typeAndEnter(*m_pane, u"category == \"sku\""_s);
        QTRY_COMPARE(matches.count(), 3);
        typeAndEnter(*m_pane, u"   "_s);
        QCOMPARE(matches.count(), 4);
        QCOMPARE(m_pane->model()->rowCount(), int(fixtureCount));
    }

    void historyIsKeptMostRecentFirst()
    {
        QSignalSpy matches(m_pane.get(), &EventsPane::matchesChanged);
        const QString a = u"type == \"OrderPlaced\""_s;
        const QString b = u"category == \"sku\""_s;
        for (const QString& text : {a, b, a}) {
            typeAndEnter(*m_pane, text);
            QTRY_VERIFY(!m_pane->isFiltering());
        }
        typeAndEnter(*m_pane, u"typ == 1"_s); // an error is not remembered
        FilterBar& bar = *m_pane->filterBar();
        QCOMPARE(bar.history(), (QStringList{a, b}));

        // Up and Down step through it, and back to what was typed.
        FilterLineEdit& editor = *bar.editor();
        editor.setText(u"draft"_s);
        QTest::keyClick(&editor, Qt::Key_Up);
        QCOMPARE(editor.text(), a);
        QTest::keyClick(&editor, Qt::Key_Up);
        QCOMPARE(editor.text(), b);
        QTest::keyClick(&editor, Qt::Key_Up); // the oldest stays
        QCOMPARE(editor.text(), b);
        QTest::keyClick(&editor, Qt::Key_Down);
        QCOMPARE(editor.text(), a);
        QTest::keyClick(&editor, Qt::Key_Down);
        QCOMPARE(editor.text(), u"draft"_s);

        // The drop-down lists them; choosing one applies it.
        bar.editor()->actions().first()->trigger();
        QMenu* menu = bar.historyMenu();
        QTRY_VERIFY(menu->isVisible());
        const QList<QAction*> entries = menu->actions();
        QCOMPARE(entries.size(), 4); // a, b, separator, Clear History
        QCOMPARE(entries[1]->text(), b);
        QCOMPARE(entries[0]->text(), a);
        menu->hide();
        const int before = matches.count();
        entries[1]->trigger();
        QTRY_COMPARE(matches.count(), before + 1);
        QCOMPARE(m_pane->appliedFilter(), b);
        QCOMPARE(bar.text(), b);
        QCOMPARE(bar.history(), (QStringList{b, a}));

        // Kept across sessions.
        EventsPane another;
        QCOMPARE(another.filterBar()->history(), (QStringList{b, a}));
        // A filter with && shows its ampersands in the menu.
        typeAndEnter(*m_pane, u"position > 1 && position < 3"_s);
        QTRY_VERIFY(!m_pane->isFiltering());
        bar.editor()->actions().first()->trigger();
        QTRY_VERIFY(menu->isVisible());
        QCOMPARE(menu->actions().first()->text(), u"position > 1 &&&& position < 3"_s);
        menu->hide();
    }

    void playheadRowIsHighlightedAndFollowed()
    {
        MemoryEventStore store(longLog(3000));
        m_pane->setStore(&store);
        showPane({900, 300});
        EventTableModel& model = *m_pane->model();
        EventTableView& view = *m_pane->view();
        QCOMPARE(model.rowCount(), 3000);
        QCOMPARE(view.verticalScrollBar()->value(), 0);

        // A jump far down: the row is highlighted and scrolled into the middle of the view.
        m_pane->setPlayheadPosition(2000);
        QCOMPARE(model.playheadRow(), 1999);
        QCOMPARE(model.index(1999, 3).data(EventTableModel::PlayheadRole).toInt(),
                 int(EventTableModel::AtPlayhead));
        QCOMPARE(model.index(1998, 3).data(EventTableModel::PlayheadRole).toInt(),
                 int(EventTableModel::NotAtPlayhead));
        const auto rowOnScreen = [&](int row) {
            const int top = view.rowViewportPosition(row);
            return top >= 0 && top + view.rowHeight(row) <= view.viewport()->height();
        };
        QVERIFY(rowOnScreen(1999));
        // Tinted with the highlight: the row's background differs from its neighbour's.
        QApplication::processEvents();
        const QImage image = view.viewport()->grab().toImage();
        const qreal ratio = image.devicePixelRatio();
        const int x = int((view.columnViewportPosition(EventTableModel::PayloadColumn) +
                           view.columnWidth(EventTableModel::PayloadColumn) - 4) *
                          ratio);
        const QColor atPlayhead = image.pixelColor(x, int((view.rowViewportPosition(1999) + 2) * ratio));
        const QColor neighbour = image.pixelColor(x, int((view.rowViewportPosition(1998) + 2) * ratio));
        QVERIFY2(atPlayhead != neighbour, qPrintable(atPlayhead.name() + u" vs "_s + neighbour.name()));

        // A step off the bottom edge scrolls by about a row, not to the middle.
        const int lastVisible = view.rowAt(view.viewport()->height() - 1);
        m_pane->setPlayheadPosition(lastVisible + 1 + 1); // the row just below the screen
        QVERIFY(rowOnScreen(lastVisible + 1));
        QVERIFY(view.rowViewportPosition(lastVisible + 1) > view.viewport()->height() / 2);

        // After the user scrolls by hand, following pauses.
        const int scrolledTo = view.verticalScrollBar()->value();
        QWheelEvent wheel(QPointF(100, 100), view.viewport()->mapToGlobal(QPointF(100, 100)), QPoint(),
                          QPoint(0, 120 * 3), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &wheel);
        QVERIFY(view.verticalScrollBar()->value() < scrolledTo);
        QVERIFY(view.isFollowPaused());
        const int afterWheel = view.verticalScrollBar()->value();
        m_pane->setPlayheadPosition(100);
        QCOMPARE(model.playheadRow(), 99);                       // still marked
        QCOMPARE(view.verticalScrollBar()->value(), afterWheel); // but not followed
        view.setFollowPauseMs(0);                                // the pause is over
        m_pane->setPlayheadPosition(101);
        QVERIFY(rowOnScreen(100));

        // Filtered out: the row before it carries the mark, as a line under it.
        m_pane->applyFilter(u"type == \"A\""_s); // odd positions
        QCOMPARE(model.rowCount(), 1500);
        QCOMPARE(model.rowForPosition(101), 50);
        m_pane->setPlayheadPosition(102);
        QCOMPARE(model.playheadRow(), 50);
        QCOMPARE(model.index(50, 0).data(EventTableModel::PlayheadRole).toInt(),
                 int(EventTableModel::PlayheadAfter));
        QCOMPARE(model.rowForPosition(1), 0);
        m_pane->setPlayheadPosition(0); // before the first event: no row
        QCOMPARE(model.playheadRow(), -1);
        m_pane->setStore(nullptr);
    }

    void clickingARowMovesThePlayhead()
    {
        showPane();
        QSignalSpy matches(m_pane.get(), &EventsPane::matchesChanged);
        QSignalSpy activated(m_pane.get(), &EventsPane::positionActivated);
        typeAndEnter(*m_pane, u"type == \"OrderPlaced\""_s);
        QTRY_COMPARE(matches.count(), 1);
        EventTableView& view = *m_pane->view();
        const QRect cell = view.visualRect(m_pane->model()->index(2, EventTableModel::StreamColumn));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toLongLong(), 5); // the third OrderPlaced
        // Moving down with the keyboard follows as well.
        QTest::keyClick(&view, Qt::Key_Down);
        QCOMPARE(activated.count(), 2);
        QCOMPARE(activated.last().first().toLongLong(), 8);
        // A click below the last row is not on an event.
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {},
                          QPoint(cell.center().x(), view.viewport()->height() - 2));
        QCOMPARE(activated.count(), 2);
    }

    void theRangeRestrictsTheRows()
    {
        EventTableModel& model = *m_pane->model();
        m_pane->setRange(PositionRange{5, 12});
        QCOMPARE(rowPositions(model), (Positions{5, 6, 7, 8, 9, 10, 11, 12}));
        QCOMPARE(m_pane->filterBar()->summary(), countText(8, fixtureCount));
        QCOMPARE(model.rowForPosition(3), -1);
        QCOMPARE(model.rowForPosition(40), 7);

        QSignalSpy matches(m_pane.get(), &EventsPane::matchesChanged);
        typeAndEnter(*m_pane, u"type == \"OrderPlaced\""_s);
        QTRY_COMPARE(matches.count(), 1);
        QCOMPARE(rowPositions(model), (Positions{5, 8})); // the filter within the range
        QCOMPARE(*m_pane->matches(), orderPlaced);        // the timeline still gets all of them
        QCOMPARE(m_pane->filterBar()->summary(), countText(2, fixtureCount));

        m_pane->setRange(PositionRange{13, 9}); // either order
        QCOMPARE(rowPositions(model), (Positions{13}));
        m_pane->setRange(std::nullopt);
        QCOMPARE(rowPositions(model), orderPlaced);
        QCOMPARE(matches.count(), 1); // the range never re-runs the filter
    }

    void refreshRunsTheFilterAgain()
    {
        QSignalSpy matches(m_pane.get(), &EventsPane::matchesChanged);
        m_pane->applyFilter(u"type == \"OrderPlaced\""_s);
        QTRY_COMPARE(matches.count(), 1);
        importers::ImportRequest request;
        request.files = {m_dir.filePath(u"more.jsonl"_s)};
        QFile more(request.files.first());
        QVERIFY(more.open(QIODevice::WriteOnly));
        more.write(
            R"({"id":"m1","stream":"order-9","type":"OrderPlaced","time":"2025-03-07T00:00:00Z","data":{}})"
            "\n");
        more.close();
        request.order = MergeOrder::Source;
        QCOMPARE(importers::runImport(*m_workspace, request).accepted, 1);
        m_pane->refresh();
        QTRY_COMPARE(matches.count(), 2);
        QCOMPARE(rowPositions(*m_pane->model()), (Positions{1, 3, 5, 8, 13, 16, 18}));
        QCOMPARE(m_pane->filterBar()->summary(), countText(7, fixtureCount + 1));
    }

    void aStoreWithoutAFileFiltersInPlace()
    {
        MemoryEventStore store(longLog(10));
        QSignalSpy matches(m_pane.get(), &EventsPane::matchesChanged);
        m_pane->setStore(&store);
        QVERIFY(m_pane->applyFilter(u"data.n >= 8"_s));
        QCOMPARE(matches.count(), 1); // at once: nothing to wait for
        QCOMPARE(rowPositions(*m_pane->model()), (Positions{8, 9, 10}));
        // The applied filter follows to another store.
        MemoryEventStore other(longLog(12));
        m_pane->setStore(&other);
        QCOMPARE(rowPositions(*m_pane->model()), (Positions{8, 9, 10, 11, 12}));
        m_pane->setStore(nullptr);
        QCOMPARE(m_pane->model()->rowCount(), 0);
        QVERIFY(m_pane->filterBar()->summary().isEmpty());
    }

    void matchesReachTheTimeline()
    {
        Playhead playhead;
        playhead.setStore(m_store.get());
        TimelineWidget timeline(playhead);
        connect(m_pane.get(), &EventsPane::matchesChanged, &timeline, &TimelineWidget::setMatches);
        timeline.resize(800, 120);
        const TimelineColors colors(timeline.palette());
        QVERIFY(!containsColour(timeline.grab().toImage(), timeline.rect(), colors.match, 6));

        QSignalSpy matches(m_pane.get(), &EventsPane::matchesChanged);
        m_pane->applyFilter(u"category == \"sku\" || data.total > 100"_s);
        QTRY_COMPARE(matches.count(), 1);
        QCOMPARE(timeline.matches()->size(), size_t(4));
        const QImage image = timeline.grab().toImage();
        QVERIFY(containsColour(image, image.rect(), colors.match, 6));
        QVERIFY(containsColour(image, image.rect(), colors.histogramBehindMatches, 6));

        m_pane->clearFilter();
        QVERIFY(!timeline.matches());
        QVERIFY(!containsColour(timeline.grab().toImage(), timeline.rect(), colors.match, 6));
        playhead.setStore(nullptr);
    }
};

QTEST_MAIN(TestEventsPane)
#include "tst_eventspane.moc"
