#include "importsession.h"
#include "memorystore.h"
#include "streams/streamsmodel.h"
#include "streams/streamspanel.h"
#include "streams/typebreakdownmodel.h"
#include "testsupport.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace eventscope;
using namespace Qt::StringLiterals;
using eventscope::gui::StreamsModel;
using eventscope::gui::StreamsPanel;
using eventscope::gui::TypeBreakdownModel;
using eventscope::testing::makeEvent;

namespace {

constexpr auto qtTestReporting = QAbstractItemModelTester::FailureReportingMode::QtTest;

// Orders and stock: order-2 and order-10 (to see natural order), an inventory stream, a payment.
std::vector<Event> shopLog()
{
    const char* const log[][2] = {
        {"order-10", "OrderPlaced"},
        {"order-2", "OrderPlaced"},
        {"inventory-sku-7", "StockReserved"},
        {"order-2", "OrderLineAdded"},
        {"order-2", "OrderLineAdded"},
        {"order-10", "OrderCancelled"},
        {"order-2", "OrderPaid"},
        {"payment-77", "PaymentTaken"},
        {"inventory-sku-7", "StockReserved"},
        {"order-2", "OrderLineAdded"},
        {"inventory-sku-7", "StockReleased"},
    };
    std::vector<Event> events;
    qint64 time = 1000;
    for (const auto& [stream, type] : log)
        events.push_back(makeEvent(QString::fromUtf8(stream), QString::fromUtf8(type), time++));
    return events;
}

QStringList streamColumn(const QAbstractItemModel& model)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names << model.index(row, StreamsModel::StreamColumn).data().toString();
    return names;
}

// What a user's double-click delivers to a widget: press, release, double-click, release.
// (QTest::mouseDClick alone sends only the double-click event, which item views ignore without
// the press before it.)
void doubleClick(QWidget* widget, const QPoint& pos)
{
    QTest::mouseClick(widget, Qt::LeftButton, {}, pos);
    QTest::mouseDClick(widget, Qt::LeftButton, {}, pos);
    QTest::mouseRelease(widget, Qt::LeftButton, {}, pos);
}

QPoint rowCenter(QTreeView* view, int row, int column = 0)
{
    return view->visualRect(view->model()->index(row, column)).center();
}

} // namespace

class TestStreams : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void naturalOrder_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<int>("sign");
        QTest::addRow("numbers by value") << "order-2"
                                          << "order-10" << -1;
        QTest::addRow("text first") << "order-9"
                                    << "payment-1" << -1;
        QTest::addRow("equal") << "sku-7"
                               << "sku-7" << 0;
        QTest::addRow("prefix is smaller") << "order"
                                           << "order-1" << -1;
        QTest::addRow("zero padding keeps a fixed order") << "x-01"
                                                          << "x-1" << -1;
        QTest::addRow("several runs") << "a1b10"
                                      << "a1b9" << 1;
        QTest::addRow("huge numbers") << "n-123456789012345678901"
                                      << "n-99999999999999999999" << 1;
    }

    void naturalOrder()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(int, sign);
        const int forward = gui::compareNatural(a, b);
        QCOMPARE((forward > 0) - (forward < 0), sign);
        const int backward = gui::compareNatural(b, a);
        QCOMPARE((backward > 0) - (backward < 0), -sign);
    }

    void modelColumns()
    {
        MemoryEventStore store(shopLog());
        StreamsModel model;
        QAbstractItemModelTester tester(&model, qtTestReporting);
        model.setStreams(store.streams());
        QCOMPARE(streamColumn(model),
                 (QStringList{u"inventory-sku-7"_s, u"order-2"_s, u"order-10"_s, u"payment-77"_s}));
        const int row = model.rowOfStream(QStringLiteral("order-2"));
        QCOMPARE(model.index(row, StreamsModel::CategoryColumn).data().toString(), QStringLiteral("order"));
        QCOMPARE(model.index(row, StreamsModel::EventsColumn).data().toLongLong(), 5);
        QCOMPARE(model.index(row, StreamsModel::LastVersionColumn).data().toLongLong(), 5);
        QCOMPARE(model.index(row, StreamsModel::FirstPositionColumn).data().toLongLong(), 2);
        QCOMPARE(model.index(row, StreamsModel::LastPositionColumn).data().toLongLong(), 10);
        QCOMPARE(model.index(row, 0).data(StreamsModel::FirstPositionRole).toLongLong(), 2);
        QCOMPARE(model.index(row, 0).data(StreamsModel::StreamRole).toString(), QStringLiteral("order-2"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void sortsByEveryColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QStringList>("expected");
        const auto asc = int(Qt::AscendingOrder);
        const auto desc = int(Qt::DescendingOrder);
        QTest::addRow("stream descending")
            << int(StreamsModel::StreamColumn) << desc
            << QStringList{u"payment-77"_s, u"order-10"_s, u"order-2"_s, u"inventory-sku-7"_s};
        // Ties are broken by name, in the same direction.
        QTest::addRow("category") << int(StreamsModel::CategoryColumn) << asc
                                  << QStringList{u"inventory-sku-7"_s, u"order-2"_s, u"order-10"_s,
                                                 u"payment-77"_s};
        QTest::addRow("events descending")
            << int(StreamsModel::EventsColumn) << desc
            << QStringList{u"order-2"_s, u"inventory-sku-7"_s, u"order-10"_s, u"payment-77"_s};
        QTest::addRow("last version")
            << int(StreamsModel::LastVersionColumn) << asc
            << QStringList{u"payment-77"_s, u"order-10"_s, u"inventory-sku-7"_s, u"order-2"_s};
        QTest::addRow("first position")
            << int(StreamsModel::FirstPositionColumn) << asc
            << QStringList{u"order-10"_s, u"order-2"_s, u"inventory-sku-7"_s, u"payment-77"_s};
        QTest::addRow("last position descending")
            << int(StreamsModel::LastPositionColumn) << desc
            << QStringList{u"inventory-sku-7"_s, u"order-2"_s, u"payment-77"_s, u"order-10"_s};
    }

    // The user clicks a column's header; the stream they had selected stays selected.
    void sortsByEveryColumn()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QStringList, expected);
        MemoryEventStore store(shopLog());
        StreamsPanel panel;
        QAbstractItemModelTester tester(panel.model(), qtTestReporting);
        panel.setStore(&store);
        panel.resize(600, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.selectStream(QStringLiteral("payment-77")));

        QHeaderView* header = panel.streamsView()->header();
        const QPoint section(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                             header->height() / 2);
        // The first click sorts ascending (descending for a column already sorted ascending).
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, section);
        if (header->sortIndicatorOrder() != Qt::SortOrder(order))
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, section);
        QCOMPARE(panel.model()->sortColumn(), column);
        QCOMPARE(int(panel.model()->sortOrder()), order);
        QCOMPARE(streamColumn(*panel.model()), expected);
        QCOMPARE(panel.streamsView()->currentIndex().data(StreamsModel::StreamRole).toString(),
                 QStringLiteral("payment-77"));
    }

    void searchNarrowsTheStreams()
    {
        MemoryEventStore store(shopLog());
        StreamsPanel panel;
        QAbstractItemModelTester tester(panel.model(), qtTestReporting);
        panel.setStore(&store);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.countText(), QStringLiteral("4 streams"));

        QTest::keyClicks(panel.searchEdit(), QStringLiteral("ORDER"));
        QCOMPARE(streamColumn(*panel.model()), (QStringList{u"order-2"_s, u"order-10"_s}));
        QCOMPARE(panel.countText(), QStringLiteral("2 of 4"));
        QTest::keyClicks(panel.searchEdit(), QStringLiteral("-1"));
        QCOMPARE(streamColumn(*panel.model()), QStringList{u"order-10"_s});
        QTest::keyClicks(panel.searchEdit(), QStringLiteral("x"));
        QCOMPARE(panel.model()->rowCount(), 0);
        QCOMPARE(panel.countText(), QStringLiteral("0 of 4"));
        panel.searchEdit()->clear();
        QCOMPARE(panel.model()->rowCount(), 4);

        // Enter in the search field selects the first match, as a user's choice.
        QSignalSpy selected(&panel, &StreamsPanel::streamSelected);
        QTest::keyClicks(panel.searchEdit(), QStringLiteral("sku"));
        QTest::keyClick(panel.searchEdit(), Qt::Key_Return);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().first().toString(), QStringLiteral("inventory-sku-7"));
    }

    void selectingAStreamShowsItsTypes()
    {
        MemoryEventStore store(shopLog());
        StreamsPanel panel;
        QAbstractItemModelTester tester(panel.breakdownModel(), qtTestReporting);
        panel.setStore(&store);
        panel.resize(600, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.breakdownTitle().startsWith(QStringLiteral("Select a stream")));

        QSignalSpy selected(&panel, &StreamsPanel::streamSelected);
        QTreeView* view = panel.streamsView();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          rowCenter(view, panel.model()->rowOfStream(QStringLiteral("order-2"))));
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().first().toString(), QStringLiteral("order-2"));
        QCOMPARE(panel.selectedStream(), QStringLiteral("order-2"));

        TypeBreakdownModel* types = panel.breakdownModel();
        QCOMPARE(types->rowCount(), 3);
        QCOMPARE(types->index(0, TypeBreakdownModel::TypeColumn).data().toString(),
                 QStringLiteral("OrderLineAdded"));
        QCOMPARE(types->index(0, TypeBreakdownModel::CountColumn).data().toLongLong(), 3);
        QCOMPARE(types->index(0, TypeBreakdownModel::ShareColumn).data().toString(), QStringLiteral("60%"));
        QCOMPARE(types->index(0, 0).data(TypeBreakdownModel::ShareRole).toDouble(), 0.6);
        QCOMPARE(types->index(1, TypeBreakdownModel::TypeColumn).data().toString(),
                 QStringLiteral("OrderPaid"));
        QCOMPARE(types->index(2, TypeBreakdownModel::TypeColumn).data().toString(),
                 QStringLiteral("OrderPlaced"));
        QCOMPARE(types->total(), 5);
        QCOMPARE(panel.breakdownTitle(), QStringLiteral("order-2 \u00b7 5 events \u00b7 3 types"));

        // Clicking the same stream again is not a new selection.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          rowCenter(view, panel.model()->rowOfStream(QStringLiteral("order-2")), 2));
        QCOMPARE(selected.size(), 1);
        // The keyboard moves the selection like the mouse.
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(selected.size(), 2);
        QCOMPARE(selected.last().first().toString(), QStringLiteral("order-10"));
        QCOMPARE(panel.breakdownModel()->rowCount(), 2);
    }

    void activatingAsksForEvents()
    {
        MemoryEventStore store(shopLog());
        StreamsPanel panel;
        panel.setStore(&store);
        panel.resize(600, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy requested(&panel, &StreamsPanel::positionRequested);
        QTreeView* view = panel.streamsView();
        const int row = panel.model()->rowOfStream(QStringLiteral("inventory-sku-7"));

        doubleClick(view->viewport(), rowCenter(view, row));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.last().first().toLongLong(), 3); // the stream's first event

        panel.goToLastAction()->trigger();
        QCOMPARE(requested.last().first().toLongLong(), 11);
        panel.copyNameAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("inventory-sku-7"));

        // A type in the breakdown: the stream's first event of that type.
        QTreeView* types = panel.breakdownView();
        const int released = 1; // StockReserved x2, then StockReleased
        QCOMPARE(panel.breakdownModel()->index(released, 0).data().toString(),
                 QStringLiteral("StockReleased"));
        doubleClick(types->viewport(), rowCenter(types, released));
        QCOMPARE(requested.size(), 3);
        QCOMPARE(requested.last().first().toLongLong(), 11);
    }

    void selectStreamFromOutsideDoesNotEcho()
    {
        MemoryEventStore store(shopLog());
        StreamsPanel panel;
        panel.setStore(&store);
        QSignalSpy selected(&panel, &StreamsPanel::streamSelected);

        QVERIFY(panel.selectStream(QStringLiteral("order-10")));
        QCOMPARE(selected.size(), 0);
        QCOMPARE(panel.selectedStream(), QStringLiteral("order-10"));
        QCOMPARE(panel.breakdownModel()->rowCount(), 2);

        // A search that hides the stream is cleared to show it.
        panel.searchEdit()->setText(QStringLiteral("payment"));
        QVERIFY(panel.selectStream(QStringLiteral("order-2")));
        QVERIFY(panel.searchEdit()->text().isEmpty());
        QCOMPARE(panel.streamsView()->currentIndex().data(StreamsModel::StreamRole).toString(),
                 QStringLiteral("order-2"));
        // An unknown stream changes nothing, not even the search.
        panel.searchEdit()->setText(QStringLiteral("order"));
        QVERIFY(!panel.selectStream(QStringLiteral("order-99")));
        QCOMPARE(panel.searchEdit()->text(), QStringLiteral("order"));
        QCOMPARE(panel.selectedStream(), QStringLiteral("order-2"));
        QCOMPARE(selected.size(), 0);
    }

    void refreshKeepsSearchAndSelection()
    {
        MemoryEventStore store(shopLog());
        StreamsPanel panel;
        QAbstractItemModelTester tester(panel.model(), qtTestReporting);
        panel.setStore(&store);
        panel.searchEdit()->setText(QStringLiteral("order"));
        QVERIFY(panel.selectStream(QStringLiteral("order-2")));

        store.append(makeEvent(QStringLiteral("order-3"), QStringLiteral("OrderPlaced"), 5000));
        store.append(makeEvent(QStringLiteral("order-2"), QStringLiteral("OrderShipped"), 5001));
        QSignalSpy selected(&panel, &StreamsPanel::streamSelected);
        panel.refresh();
        QCOMPARE(streamColumn(*panel.model()), (QStringList{u"order-2"_s, u"order-3"_s, u"order-10"_s}));
        QCOMPARE(panel.countText(), QStringLiteral("3 of 5"));
        QCOMPARE(panel.selectedStream(), QStringLiteral("order-2"));
        QCOMPARE(panel.breakdownModel()->total(), 6);
        QCOMPARE(selected.size(), 0);

        panel.setStore(nullptr);
        QCOMPARE(panel.model()->rowCount(), 0);
        QVERIFY(panel.selectedStream().isEmpty());
        QCOMPARE(panel.breakdownModel()->rowCount(), 0);
    }

    void downFromTheSearchWalksIntoTheList()
    {
        MemoryEventStore store(shopLog());
        StreamsPanel panel;
        panel.setStore(&store);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy selected(&panel, &StreamsPanel::streamSelected);
        panel.searchEdit()->setFocus();
        QTest::keyClicks(panel.searchEdit(), QStringLiteral("order"));
        QTest::keyClick(panel.searchEdit(), Qt::Key_Down);
        QVERIFY(panel.streamsView()->hasFocus());
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().first().toString(), QStringLiteral("order-2"));
    }

    // The list is read on a worker thread from a connection of its own; the panel stays usable.
    void loadsInTheBackground()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shop.eventscope"));
        Workspace workspace(path);
        {
            ImportSession session(workspace, MergeOrder::Source);
            session.beginSource(
                {0, path, QStringLiteral("shop.jsonl"), QStringLiteral("jsonl"), 0, {}, 0, 0, 0, 0, {}});
            for (Event& event : shopLog())
                session.add(event);
            session.endSource(0, {});
            session.commit();
        }
        WorkspaceStore store(workspace);
        StreamsPanel panel;
        QAbstractItemModelTester tester(panel.model(), qtTestReporting);
        QSignalSpy selected(&panel, &StreamsPanel::streamSelected);
        panel.setStore(&store, StreamsPanel::workspaceLoader(path));
        QVERIFY(panel.isLoading());
        QCOMPARE(panel.countText(), QStringLiteral("Loading streams\u2026"));
        // Asked for before the list is there: selected when it arrives.
        QVERIFY(!panel.selectStream(QStringLiteral("order-2")));
        QTRY_VERIFY(!panel.isLoading());
        QCOMPARE(streamColumn(*panel.model()),
                 (QStringList{u"inventory-sku-7"_s, u"order-2"_s, u"order-10"_s, u"payment-77"_s}));
        QCOMPARE(panel.countText(), QStringLiteral("4 streams"));
        QCOMPARE(panel.selectedStream(), QStringLiteral("order-2"));
        QCOMPARE(panel.breakdownModel()->total(), 5);
        QCOMPARE(selected.size(), 0);
    }

    void theLatestLoadWins()
    {
        MemoryEventStore store(shopLog());
        std::vector<StreamSummary> all = store.streams();
        QSemaphore release;
        StreamsPanel panel;
        QList<int> shownRowCounts;
        connect(panel.model(), &QAbstractItemModel::modelReset, this,
                [&] { shownRowCounts << panel.model()->rowCount(); });
        // The first load is slow and would show one stream; the second, asked for meanwhile, all.
        panel.setStore(&store, [&release, first = all.front()] {
            release.acquire();
            return std::vector<StreamSummary>{first};
        });
        panel.setStore(&store, [all] { return all; });
        release.release();
        QTRY_VERIFY(!panel.isLoading());
        QCOMPARE(panel.model()->rowCount(), 4);
        QVERIFY2(!shownRowCounts.contains(1), "the stale load's result was shown");
    }

    void anUnreadableWorkspaceIsSaidSo()
    {
        MemoryEventStore store(shopLog());
        StreamsPanel panel;
        panel.setStore(&store, StreamsPanel::workspaceLoader(QStringLiteral("/nonexistent/gone.eventscope")));
        QTRY_VERIFY(!panel.isLoading());
        QCOMPARE(panel.countText(), QStringLiteral("Streams not read"));
        QVERIFY2(panel.loadError().contains(QStringLiteral("no such workspace")),
                 qPrintable(panel.loadError()));
        QCOMPARE(panel.model()->rowCount(), 0);
    }

    // The size of the sample: 200,000 streams load, filter and sort through the flat index.
    void manyStreams()
    {
        std::vector<StreamSummary> streams;
        streams.reserve(200000);
        for (int i = 0; i < 200000; ++i)
            streams.push_back({QStringLiteral("order-%1").arg(i), i % 7 + 1, i % 7 + 1, i + 1, i + 100});
        StreamsModel model;
        model.setStreams(std::move(streams));
        QCOMPARE(model.rowCount(), 200000);
        QCOMPARE(model.index(10, 0).data().toString(), QStringLiteral("order-10"));
        model.setFilterText(QStringLiteral("ORDER-1999"));
        QCOMPARE(model.rowCount(), 111); // order-1999, order-19990..19999, order-199900..199999
        model.sort(StreamsModel::EventsColumn, Qt::DescendingOrder);
        QCOMPARE(model.index(0, StreamsModel::EventsColumn).data().toLongLong(), 7);
        model.setFilterText({});
        QCOMPARE(model.rowCount(), 200000);
    }
};

QTEST_MAIN(TestStreams)
#include "tst_streams.moc"
