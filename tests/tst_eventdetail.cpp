#include "detail/correlationmodel.h"
#include "detail/eventdetailview.h"
#include "detail/hexdump.h"
#include "detail/jsonhighlighter.h"
#include "detail/jsontextview.h"
#include "detail/upcastpage.h"
#include "memorystore.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <stdexcept>

using namespace eventscope;
using eventscope::gui::CorrelationModel;
using eventscope::gui::EventDetailView;
using eventscope::gui::JsonTextView;
using eventscope::gui::JsonToken;
using eventscope::testing::makeEvent;

namespace {

constexpr auto qtTestReporting = QAbstractItemModelTester::FailureReportingMode::QtTest;
constexpr qint64 march1st2025 = 1740787200000000; // 2025-03-01T00:00:00Z

Event linked(const char* stream, const char* type, qint64 second, const char* id, const char* cause,
             const char* correlation, const char* data = "{}")
{
    Event e = makeEvent(QString::fromUtf8(stream), QString::fromUtf8(type), march1st2025 + second * 1000000,
                        QString::fromUtf8(id));
    e.causationId = QString::fromUtf8(cause);
    e.correlationId = QString::fromUtf8(correlation);
    e.data = data;
    return e;
}

// A checkout across three streams, each event caused by the one before; a second checkout; an
// event whose cause was never imported.
std::vector<Event> checkoutLog()
{
    return {linked("order-1", "OrderPlaced", 1, "e1", "", "checkout-1",
                   R"({"orderId":"order-1","lines":[{"sku":"sku-7","qty":2}],"total":99.5,"gift":false})"),
            linked("sku-7", "StockReserved", 2, "e2", "e1", "checkout-1", R"({"sku":"sku-7","qty":2})"),
            linked("order-2", "OrderPlaced", 3, "e3", "", "checkout-2"),
            linked("order-1", "OrderPaid", 4, "e4", "e2", "checkout-1", R"({"amount":99.5})"),
            linked("order-1", "InvoiceIssued", 5, "e5", "lost-event", "")};
}

QByteArray fixture(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(path));
    return file.readAll();
}

// A point inside the first characters of a label's text, where a link that fills it is clicked.
QPoint linkPoint(const QLabel* label, const QString& linkText)
{
    const int x =
        label->contentsRect().left() + label->fontMetrics().horizontalAdvance(linkText.left(2)) / 2 + 1;
    return {x, label->height() / 2};
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

bool tabShown(const QTabWidget* tabs, const QWidget* page)
{
    return tabs->isTabVisible(tabs->indexOf(page));
}

QString tabText(const QTabWidget* tabs, const QWidget* page)
{
    return tabs->tabText(tabs->indexOf(page));
}

std::vector<JsonToken::Kind> kinds(const QString& line)
{
    std::vector<JsonToken::Kind> result;
    for (const JsonToken& token : eventscope::gui::jsonTokens(line))
        result.push_back(token.kind);
    return result;
}

} // namespace

class TestEventDetail : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void hexDumpMatchesHexdumpC()
    {
        const QByteArray bytes = fixture(QFINDTESTDATA("data/protobuf/order.bin"));
        const QByteArray expected = fixture(QFINDTESTDATA("data/detail/order.hexdump")).trimmed();
        QCOMPARE(gui::hexDump(bytes), QString::fromLatin1(expected));
    }

    void hexDumpShape_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("maxBytes");
        QTest::addColumn<int>("lines");
        QTest::addColumn<bool>("cut");
        QTest::addRow("empty") << 0 << 1024 << 0 << false;
        QTest::addRow("one byte") << 1 << 1024 << 1 << false;
        QTest::addRow("one full line") << 16 << 1024 << 1 << false;
        QTest::addRow("a line and a byte") << 17 << 1024 << 2 << false;
        QTest::addRow("cut at the budget") << 100000 << 64 << 5 << true;
    }

    void hexDumpShape()
    {
        QFETCH(int, size);
        QFETCH(int, maxBytes);
        QFETCH(int, lines);
        QFETCH(bool, cut);
        QByteArray bytes(size, '\0');
        for (int i = 0; i < size; ++i)
            bytes[i] = char(i % 256);
        const QString dump = gui::hexDump(bytes, maxBytes);
        const QStringList dumpLines = dump.isEmpty() ? QStringList() : dump.split(u'\n');
        QCOMPARE(dumpLines.size(), lines);
        if (cut)
            QVERIFY2(dumpLines.last().contains(QStringLiteral("99,936 more bytes")),
                     qPrintable(dumpLines.last()));
        // Every byte line has its ASCII column at the same place, whatever its length.
        for (const QString& line : dumpLines) {
            if (!line.startsWith(u'0'))
                continue;
            QCOMPARE(line.indexOf(u'|'), 60);
        }
    }

    void jsonTokens_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<std::vector<JsonToken::Kind>>("expected");
        using K = JsonToken::Kind;
        QTest::addRow("member") << QStringLiteral(R"(  "total": 99.5,)")
                                << std::vector<K>{K::Key, K::Punctuation, K::Number, K::Punctuation};
        QTest::addRow("string value with escapes") << QStringLiteral(R"("note": "say \"hi\": now")")
                                                   << std::vector<K>{K::Key, K::Punctuation, K::String};
        QTest::addRow("keywords") << QStringLiteral("[true, false, null]")
                                  << std::vector<K>{K::Punctuation, K::Keyword, K::Punctuation, K::Keyword,
                                                    K::Punctuation, K::Keyword, K::Punctuation};
        QTest::addRow("negative exponent") << QStringLiteral("-1.5e-3") << std::vector<K>{K::Number};
        QTest::addRow("not JSON") << QStringLiteral("hello") << std::vector<K>{K::Other};
        QTest::addRow("string cut by the line end")
            << QStringLiteral(R"("open)") << std::vector<K>{K::String};
    }

    void jsonTokens()
    {
        QFETCH(QString, line);
        QFETCH(std::vector<JsonToken::Kind>, expected);
        QCOMPARE(kinds(line), expected);
    }

    // Keys, strings, numbers and keywords differ from each other and from the base in both themes.
    void highlighterColoursFollowThePalette_data()
    {
        QTest::addColumn<QColor>("base");
        QTest::addColumn<QColor>("text");
        QTest::addRow("light") << QColor(Qt::white) << QColor(Qt::black);
        QTest::addRow("dark") << QColor(30, 30, 30) << QColor(220, 220, 220);
    }

    void highlighterColoursFollowThePalette()
    {
        QFETCH(QColor, base);
        QFETCH(QColor, text);
        QPalette palette;
        palette.setColor(QPalette::Base, base);
        palette.setColor(QPalette::Text, text);
        QTextDocument document;
        gui::JsonHighlighter highlighter(&document, palette);
        using K = JsonToken::Kind;
        const std::vector<K> accents{K::Key, K::String, K::Number, K::Keyword};
        for (size_t i = 0; i < accents.size(); ++i) {
            const QColor color = highlighter.color(accents[i]);
            // Readable: as far from the base in lightness as most of the text colour is.
            QVERIFY2(std::abs(color.lightnessF() - base.lightnessF()) > 0.35, qPrintable(color.name()));
            for (size_t j = i + 1; j < accents.size(); ++j)
                QVERIFY(color != highlighter.color(accents[j]));
        }
    }

    void correlationModelUnderTester()
    {
        CorrelationModel model;
        QAbstractItemModelTester tester(&model, qtTestReporting);
        const std::vector<Event> log = MemoryEventStore(checkoutLog()).events();
        model.setEvents({log[0], log[1], log[3]}, 2, false);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.currentRow(), 1);
        QCOMPARE(model.positionAt(2), 4);
        QCOMPARE(model.index(1, CorrelationModel::TypeColumn).data().toString(),
                 QStringLiteral("StockReserved"));
        QCOMPARE(model.index(1, 0).data(CorrelationModel::IsCurrentRole).toBool(), true);
        QVERIFY(model.index(1, 0).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(0, 0).data(Qt::FontRole).isValid());
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.currentRow(), -1);
    }

    void showsEnvelopeAndColouredPayload()
    {
        MemoryEventStore store(checkoutLog());
        EventDetailView view;
        view.setStore(&store);
        Event event = *store.eventAt(1);
        event.schemaVersion = 2;
        event.metadata = R"({"user":"ada"})";
        view.setEvent(event);

        const QString header = view.headerText();
        for (const QString& part :
             {QStringLiteral("OrderPlaced"), QStringLiteral("(schema 2)"), QStringLiteral("#1"),
              QStringLiteral("order-1 v1"), QStringLiteral("2025-03-01T00:00:01Z")})
            QVERIFY2(header.contains(part), qPrintable(header));
        QCOMPARE(tabText(view.tabs(), view.dataPage()), QStringLiteral("Data"));
        QVERIFY(!tabShown(view.tabs(), view.rawView()));
        QVERIFY(!tabShown(view.tabs(), view.upcastPage()));
        QVERIFY(tabShown(view.tabs(), view.correlatedPage()));
        // Indented, in the order the producer wrote the fields.
        const QString data = view.dataView()->toPlainText();
        QVERIFY2(data.startsWith(QStringLiteral("{\n  \"orderId\": \"order-1\",\n  \"lines\": [")),
                 qPrintable(data));
        QVERIFY(data.indexOf(QStringLiteral("\"total\"")) > data.indexOf(QStringLiteral("\"lines\"")));
        QCOMPARE(view.metadataView()->toPlainText(), QStringLiteral("{\n  \"user\": \"ada\"\n}"));
        // The member names are coloured as keys.
        const QTextBlock second = view.dataView()->document()->findBlockByNumber(1);
        const QList<QTextLayout::FormatRange> formats = second.layout()->formats();
        QVERIFY(!formats.isEmpty());
        QCOMPARE(formats.first().format.foreground().color(),
                 view.dataView()->highlighter()->color(JsonToken::Kind::Key));
        QCOMPARE(view.causationText(), QStringLiteral("none"));
        QCOMPARE(view.correlationText(), QStringLiteral("3 events"));
    }

    void binaryPayloadShowsDecodedAndRawBytes()
    {
        Event event = makeEvent(QStringLiteral("order-42"), QStringLiteral("OrderPlaced"), march1st2025);
        event.rawData = fixture(QFINDTESTDATA("data/protobuf/order.bin"));
        event.contentType = QStringLiteral("application/protobuf; messageType=acme.Order");
        event.data = R"({"orderId":"order-42","kind":"OrderPlaced","amount":"1250","tags":["rush","gift"]})";
        MemoryEventStore store({event});
        EventDetailView view;
        view.setStore(&store);
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setEvent(*store.eventAt(1));

        QCOMPARE(tabText(view.tabs(), view.dataPage()), QStringLiteral("Decoded"));
        QCOMPARE(view.dataCaption()->text(), QStringLiteral("Decoded from 94 bytes of acme.Order"));
        QVERIFY(view.dataCaption()->isVisibleTo(&view));
        QVERIFY(view.dataView()->toPlainText().contains(QStringLiteral("\"orderId\": \"order-42\"")));
        QVERIFY(tabShown(view.tabs(), view.rawView()));

        // The user opens the Raw tab.
        QTabBar* bar = view.tabs()->tabBar();
        QTest::mouseClick(bar, Qt::LeftButton, {},
                          bar->tabRect(view.tabs()->indexOf(view.rawView())).center());
        QCOMPARE(view.tabs()->currentWidget(), view.rawView());
        const QByteArray expected = fixture(QFINDTESTDATA("data/detail/order.hexdump")).trimmed();
        QCOMPARE(view.rawView()->toPlainText(), QString::fromLatin1(expected));

        // A JSON event next: no bytes, so the Raw tab goes and Data comes back.
        Event json = makeEvent(QStringLiteral("order-43"), QStringLiteral("OrderPlaced"), march1st2025 + 1);
        view.setEvent(json);
        QVERIFY(!tabShown(view.tabs(), view.rawView()));
        QCOMPARE(view.tabs()->currentWidget(), view.dataPage());
        QCOMPARE(tabText(view.tabs(), view.dataPage()), QStringLiteral("Data"));
    }

    void clickingTheCausationLinkGoesToTheCause()
    {
        MemoryEventStore store(checkoutLog());
        EventDetailView view;
        view.setStore(&store);
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setEvent(*store.eventAt(4)); // OrderPaid, caused by e2
        QCOMPARE(view.causationText(), QStringLiteral("#2 \u00b7 StockReserved \u00b7 sku-7"));

        QSignalSpy requested(&view, &EventDetailView::positionRequested);
        QLabel* link = view.causationLink();
        QTest::mouseClick(link, Qt::LeftButton, {}, linkPoint(link, QStringLiteral("e2")));
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toLongLong(), 2);
    }

    void aMissingCauseIsSaidSo()
    {
        MemoryEventStore store(checkoutLog());
        EventDetailView view;
        view.setStore(&store);
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setEvent(*store.eventAt(5)); // caused by an event that was never imported
        QCOMPARE(view.causationText(), QStringLiteral("cause not in this workspace"));

        // Shown, but not as a link: it would lead nowhere.
        QLabel* link = view.causationLink();
        QCOMPARE(link->text(), QStringLiteral("lost-event"));
        QSignalSpy requested(&view, &EventDetailView::positionRequested);
        QTest::mouseClick(link, Qt::LeftButton, {}, linkPoint(link, QStringLiteral("lost-event")));
        QCOMPARE(requested.size(), 0);
        QCOMPARE(view.causationText(), QStringLiteral("cause not in this workspace"));
        // No correlation id: no list, and the row says so.
        QVERIFY(!tabShown(view.tabs(), view.correlatedPage()));
        QCOMPARE(view.correlationText(), QStringLiteral("none"));
    }

    void correlatedEventsAreListedAndActivated()
    {
        MemoryEventStore store(checkoutLog());
        EventDetailView view;
        QAbstractItemModelTester tester(view.correlationModel(), qtTestReporting);
        view.setStore(&store);
        view.resize(700, 500);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setEvent(*store.eventAt(2)); // StockReserved in checkout-1

        // The user follows the correlation link to the list.
        QLabel* link = view.correlationLink();
        QTest::mouseClick(link, Qt::LeftButton, {}, linkPoint(link, QStringLiteral("checkout-1")));
        QCOMPARE(view.tabs()->currentWidget(), view.correlatedPage());
        QCOMPARE(tabText(view.tabs(), view.correlatedPage()), QStringLiteral("Correlated (3)"));

        CorrelationModel* model = view.correlationModel();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->positionAt(0), 1);
        QCOMPARE(model->positionAt(1), 2);
        QCOMPARE(model->positionAt(2), 4);
        QCOMPARE(model->index(2, CorrelationModel::StreamColumn).data().toString(),
                 QStringLiteral("order-1"));
        QCOMPARE(model->index(2, CorrelationModel::TypeColumn).data().toString(),
                 QStringLiteral("OrderPaid"));
        QCOMPARE(model->index(0, CorrelationModel::TimeColumn).data().toString(),
                 QStringLiteral("2025-03-01T00:00:01Z"));
        QCOMPARE(model->currentRow(), 1);
        QCOMPARE(view.correlationView()->currentIndex().row(), 1);

        QSignalSpy requested(&view, &EventDetailView::positionRequested);
        QTreeView* list = view.correlationView();
        const QRect row = list->visualRect(model->index(2, CorrelationModel::TypeColumn));
        doubleClick(list->viewport(), row.center());
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toLongLong(), 4);
        // And from the keyboard.
        list->setFocus();
        list->setCurrentIndex(model->index(0, 0));
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.last().first().toLongLong(), 1);
    }

    void longCorrelationsAreCut()
    {
        std::vector<Event> log;
        for (int i = 0; i < EventDetailView::correlationLimit + 50; ++i)
            log.push_back(linked("batch", "ItemImported", i, "", "", "import-7"));
        for (int i = 0; i < int(log.size()); ++i)
            log[size_t(i)].id = QStringLiteral("item-%1").arg(i);
        MemoryEventStore store(std::move(log));
        EventDetailView view;
        view.setStore(&store);
        view.setEvent(*store.eventAt(220)); // beyond the listed ones
        QCOMPARE(view.correlationModel()->rowCount(), EventDetailView::correlationLimit);
        QVERIFY(view.correlationModel()->isTruncated());
        QCOMPARE(view.correlationModel()->currentRow(), -1);
        QCOMPARE(view.correlationText(), QStringLiteral("more than 200 events"));
        QCOMPARE(tabText(view.tabs(), view.correlatedPage()), QStringLiteral("Correlated (200+)"));
    }

    void upcastedBesideTheOriginal()
    {
        MemoryEventStore store(checkoutLog());
        EventDetailView view;
        view.setStore(&store);
        view.setEvent(*store.eventAt(1));
        QVERIFY(!tabShown(view.tabs(), view.upcastPage()));

        // OrderPlaced v1 gains a currency and its total becomes cents; other types pass through.
        view.setUpcaster([](const Event& event, QString* error) -> std::optional<Event> {
            if (event.type == QStringLiteral("OrderPaid")) {
                *error = QStringLiteral("upcasters.js:7: TypeError: e.data.amount.toFixed is not a function");
                return std::nullopt;
            }
            if (event.type != QStringLiteral("OrderPlaced"))
                return std::nullopt;
            Event upcasted = event;
            upcasted.schemaVersion = 2;
            upcasted.data =
                R"({"orderId":"order-1","lines":[{"sku":"sku-7","qty":2}],"total":9950,"gift":false,)"
                R"("currency":"EUR"})";
            return upcasted;
        });
        QVERIFY(tabShown(view.tabs(), view.upcastPage()));
        gui::UpcastPage* page = view.upcastPage();
        QVERIFY(!page->showsError());
        QCOMPARE(page->summaryText(),
                 QStringLiteral("OrderPlaced v1 \u2192 OrderPlaced v2: added currency, changed total"));
        QVERIFY(page->originalView()->toPlainText().contains(QStringLiteral("\"total\": 99.5")));
        QVERIFY(page->upcastedView()->toPlainText().contains(QStringLiteral("\"currency\": \"EUR\"")));

        view.setEvent(*store.eventAt(4)); // OrderPaid: the upcaster fails
        QVERIFY(tabShown(view.tabs(), view.upcastPage()));
        QVERIFY(page->showsError());
        QCOMPARE(page->errorText(),
                 QStringLiteral("upcasters.js:7: TypeError: e.data.amount.toFixed is not a function"));
        QVERIFY(page->originalView()->toPlainText().contains(QStringLiteral("\"amount\": 99.5")));
        QVERIFY(page->summaryText().contains(QStringLiteral("failed")));

        // An upcaster that throws instead of reporting is shown failing all the same.
        view.setUpcaster([](const Event&, QString*) -> std::optional<Event> {
            throw std::runtime_error("OrderPaid v1 at #4: amount is not a number");
        });
        QVERIFY(page->showsError());
        QCOMPARE(page->errorText(), QStringLiteral("OrderPaid v1 at #4: amount is not a number"));
        view.setUpcaster([](const Event&, QString*) -> std::optional<Event> { return std::nullopt; });

        view.setEvent(*store.eventAt(2)); // StockReserved: no upcaster applies
        QVERIFY(!tabShown(view.tabs(), view.upcastPage()));
        view.setUpcaster({});
        view.setEvent(*store.eventAt(1));
        QVERIFY(!tabShown(view.tabs(), view.upcastPage()));
    }

    void copyActions()
    {
        MemoryEventStore store(checkoutLog());
        EventDetailView view;
        view.setStore(&store);
        QVERIFY(!view.copyJsonAction()->isEnabled());
        view.setEvent(*store.eventAt(2));
        QClipboard* clipboard = QGuiApplication::clipboard();

        view.copyIdAction()->trigger();
        QCOMPARE(clipboard->text(), QStringLiteral("e2"));
        view.copyJsonAction()->trigger();
        QCOMPARE(clipboard->text(), QStringLiteral("{\n  \"sku\": \"sku-7\",\n  \"qty\": 2\n}"));
        view.copyEventAction()->trigger();
        const QString envelope = clipboard->text();
        for (const QString& part :
             {QStringLiteral("\"stream\": \"sku-7\""), QStringLiteral("\"causationId\": \"e1\""),
              QStringLiteral("\"correlationId\": \"checkout-1\""), QStringLiteral("\"qty\": 2")})
            QVERIFY2(envelope.contains(part), qPrintable(envelope));
    }

    void largePayloadsAreShownInPart()
    {
        QByteArray data = "[";
        for (int i = 0; i < 40000; ++i)
            data += (i ? "," : "") + QByteArray(R"({"line":)") + QByteArray::number(i) + R"(,"sku":"sku-1"})";
        data += "]";
        Event event = makeEvent(QStringLiteral("import-1"), QStringLiteral("BatchImported"), march1st2025);
        event.data = data;
        EventDetailView view;
        view.setEvent(event);
        QVERIFY(view.dataView()->isTruncated());
        QVERIFY(view.dataView()->blockCount() <= JsonTextView::maxLines + 1);
        QVERIFY(view.dataCaption()->text().startsWith(QStringLiteral("Showing the first 5,000")));
        // Copy JSON still copies all of it.
        view.copyJsonAction()->trigger();
        QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("\"line\": 39999")));
    }

    void keepsTheChosenTabWhileStepping()
    {
        MemoryEventStore store(checkoutLog());
        EventDetailView view;
        view.setStore(&store);
        view.setEvent(*store.eventAt(1));
        view.tabs()->setCurrentWidget(view.metadataView());
        view.setEvent(*store.eventAt(2));
        QCOMPARE(view.tabs()->currentWidget(), view.metadataView());
        view.tabs()->setCurrentWidget(view.correlatedPage());
        view.setEvent(*store.eventAt(3)); // alone in its checkout: no list
        QCOMPARE(view.tabs()->currentWidget(), view.dataPage());
    }

    void clearShowsTheHint()
    {
        MemoryEventStore store(checkoutLog());
        EventDetailView view;
        view.setStore(&store);
        view.setEvent(*store.eventAt(1));
        QVERIFY(view.tabs()->isVisibleTo(&view));
        view.clear();
        QVERIFY(!view.event());
        QVERIFY(!view.tabs()->isVisibleTo(&view));
        QVERIFY(!view.copyIdAction()->isEnabled());
    }
};

QTEST_MAIN(TestEventDetail)
#include "tst_eventdetail.moc"
