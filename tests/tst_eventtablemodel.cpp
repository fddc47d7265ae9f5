#include "eventtablemodel.h"
#include "importsession.h"
#include "payloadtext.h"
#include "timeformat.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QAbstractItemModelTester>
#include <QFontInfo>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace eventscope;
using eventscope::gui::EventTableModel;

namespace {

constexpr qint64 baseTimeUs = 1'740'830'400'000'000; // 2025-03-01T12:00:00Z

// Event i of a generated log: 40 order streams, a handful of types, every 97th payload binary.
Event generatedEvent(int i)
{
    static const QString types[] = {QStringLiteral("OrderPlaced"), QStringLiteral("ItemAdded"),
                                    QStringLiteral("PaymentReceived"), QStringLiteral("OrderShipped")};
    Event e;
    e.stream = QStringLiteral("order-%1").arg(i % 40);
    e.type = types[i % 4];
    e.timeUs = baseTimeUs + qint64(i) * 1'500'000;
    e.id = QStringLiteral("evt-%1").arg(i);
    e.data = QStringLiteral(R"({"orderId": "order-%1",  "seq": %2, "items": [1, 2, 3],
                               "note": "spaces  kept in strings"})")
                 .arg(i % 40)
                 .arg(i)
                 .toUtf8();
    if (i % 97 == 0) {
        e.rawData = QByteArray(42, '\x01');
        e.contentType = QStringLiteral("application/x-protobuf");
    }
    return e;
}

void importGenerated(Workspace& workspace, int from, int count)
{
    ImportSession session(workspace, MergeOrder::Source);
    session.beginSource({0,
                         QStringLiteral("/tmp/generated.jsonl"),
                         QStringLiteral("generated.jsonl"),
                         QStringLiteral("jsonl"),
                         0,
                         QStringLiteral("sha-%1").arg(from),
                         0,
                         0,
                         0,
                         0,
                         {}});
    for (int i = from; i < from + count; ++i) {
        Event e = generatedEvent(i);
        session.add(e);
    }
    session.endSource(0, {});
    session.commit();
}

} // namespace

class TestEventTableModel : public QObject
{
    Q_OBJECT

private:
    static constexpr int eventCount = 3000;

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<WorkspaceStore> m_store;

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        const QString path =
            m_dir.filePath(QStringLiteral("%1.eventscope").arg(QLatin1String(QTest::currentTestFunction())));
        m_workspace = std::make_unique<Workspace>(path);
        importGenerated(*m_workspace, 0, eventCount);
        m_store = std::make_unique<WorkspaceStore>(*m_workspace);
    }

    void cleanup()
    {
        m_store.reset();
        m_workspace.reset();
    }

    void passesModelTester()
    {
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setStore(m_store.get());
        QCOMPARE(model.rowCount(), eventCount);
        QCOMPARE(model.columnCount(), int(EventTableModel::ColumnCount));
        for (int row : {0, 1, 255, 256, 1500, eventCount - 1}) {
            for (int column = 0; column < model.columnCount(); ++column)
                QVERIFY(model.data(model.index(row, column)).isValid());
        }
        model.reload();
        model.setStore(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void fetchesPagesLazily()
    {
        EventTableModel model;
        model.setStore(m_store.get());
        QCOMPARE(model.pageFetchCount(), 0); // nothing read before a cell is asked for

        const auto positionOf = [&](int row) {
            return model.index(row, 0).data(EventTableModel::PositionRole);
        };
        QCOMPARE(positionOf(0).toLongLong(), 1);
        QCOMPARE(model.pageFetchCount(), 1);
        QCOMPARE(positionOf(EventTableModel::pageSize - 1).toLongLong(), EventTableModel::pageSize);
        QCOMPARE(model.pageFetchCount(), 1); // same page, served from the cache

        QCOMPARE(positionOf(eventCount - 1).toLongLong(), eventCount);
        QCOMPARE(model.index(eventCount - 1, EventTableModel::PositionColumn).data().toString(),
                 QString::number(eventCount));
        QCOMPARE(model.pageFetchCount(), 2);
        QVERIFY(!model.index(eventCount, 0).isValid());

        auto* random = QRandomGenerator::global();
        for (int i = 0; i < 200; ++i) {
            const int row = int(random->bounded(eventCount));
            QCOMPARE(positionOf(row).toLongLong(), row + 1);
            const Event expected = generatedEvent(row);
            QCOMPARE(model.index(row, EventTableModel::StreamColumn).data().toString(), expected.stream);
            QCOMPARE(model.eventAt(row)->id, expected.id);
        }
        const int pages = (eventCount + EventTableModel::pageSize - 1) / EventTableModel::pageSize;
        QVERIFY(model.pageFetchCount() <= 2 + pages);
        QVERIFY(model.cachedPageCount() <= pages);
        QCOMPARE(model.eventAt(-1), nullptr);
        QCOMPARE(model.eventAt(eventCount), nullptr);
    }

    void prefetchesPagesAhead()
    {
        EventTableModel model;
        model.setStore(m_store.get());
        model.prefetch(-10, 2 * EventTableModel::pageSize + 5); // clamped at the start
        QCOMPARE(model.pageFetchCount(), 3);
        QVERIFY(model.eventAt(2 * EventTableModel::pageSize + 1));
        QCOMPARE(model.pageFetchCount(), 3); // already there
        model.prefetch(0, 1 << 30);          // clamped at the end
        QCOMPARE(model.pageFetchCount(),
                 (eventCount + EventTableModel::pageSize - 1) / EventTableModel::pageSize);
        model.prefetch(5, 4); // an empty range reads nothing
    }

    void keepsTheCacheBounded()
    {
        // More pages than the cache holds: a tiny page size is not configurable, so import enough.
        const int rows = EventTableModel::pageSize * (EventTableModel::maxCachedPages + 6);
        importGenerated(*m_workspace, eventCount, rows - eventCount);
        EventTableModel model;
        model.setStore(m_store.get());
        QCOMPARE(model.rowCount(), rows);
        for (int row = 0; row < rows; row += EventTableModel::pageSize)
            QVERIFY(model.eventAt(row));
        QCOMPARE(model.cachedPageCount(), EventTableModel::maxCachedPages);
        const qint64 fetches = model.pageFetchCount();
        QVERIFY(model.eventAt(rows - 1)); // most recent page: still cached
        QCOMPARE(model.pageFetchCount(), fetches);
        QVERIFY(model.eventAt(0)); // least recent page: evicted, read again
        QCOMPARE(model.pageFetchCount(), fetches + 1);
    }

    void showsColumns()
    {
        EventTableModel model;
        model.setStore(m_store.get());
        const int row = 5;
        const Event expected = generatedEvent(row);
        const auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model.index(row, column).data(role);
        };
        QCOMPARE(cell(EventTableModel::PositionColumn).toString(), QStringLiteral("6"));
        QCOMPARE(cell(EventTableModel::TimeColumn).toString(), formatTimestamp(expected.timeUs));
        QCOMPARE(cell(EventTableModel::TimeColumn).toString(), QStringLiteral("2025-03-01T12:00:07.500000Z"));
        QCOMPARE(cell(EventTableModel::StreamColumn).toString(), QStringLiteral("order-5"));
        QCOMPARE(cell(EventTableModel::TypeColumn).toString(), QStringLiteral("ItemAdded"));
        QCOMPARE(cell(EventTableModel::VersionColumn).toString(), QStringLiteral("1"));
        QCOMPARE(cell(EventTableModel::PayloadColumn).toString(),
                 QStringLiteral(R"({"orderId": "order-5", "seq": 5, "items": [1, 2, 3], )"
                                R"("note": "spaces  kept in strings"})"));
        // Rows 5, 45, 85, ... are stream order-5's events 1, 2, 3, ...
        QCOMPARE(model.index(5 + 40 * 45, EventTableModel::VersionColumn).data().toString(),
                 QStringLiteral("46"));

        const int right = int(Qt::AlignRight | Qt::AlignVCenter);
        const int left = int(Qt::AlignLeft | Qt::AlignVCenter);
        QCOMPARE(cell(EventTableModel::PositionColumn, Qt::TextAlignmentRole).toInt(), right);
        QCOMPARE(cell(EventTableModel::VersionColumn, Qt::TextAlignmentRole).toInt(), right);
        QCOMPARE(cell(EventTableModel::StreamColumn, Qt::TextAlignmentRole).toInt(), left);
        QVERIFY(QFontInfo(cell(EventTableModel::PayloadColumn, Qt::FontRole).value<QFont>()).fixedPitch());

        const QString toolTip = cell(EventTableModel::PayloadColumn, Qt::ToolTipRole).toString();
        QVERIFY2(toolTip.startsWith(QLatin1String("<pre")), qPrintable(toolTip));
        QVERIFY2(toolTip.contains(QLatin1String("\n  &quot;orderId&quot;: &quot;order-5&quot;,\n")),
                 qPrintable(toolTip));

        for (int column = 0; column < EventTableModel::ColumnCount; ++column) {
            QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
            QVERIFY(!model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        }
    }

    void highlightsTheRowsOfAStream()
    {
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(m_store.get());
        const auto highlighted = [&](int row) {
            return model.index(row, EventTableModel::TypeColumn)
                .data(EventTableModel::InHighlightedStreamRole)
                .toBool();
        };
        QVERIFY(!highlighted(5));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setHighlightedStream(QStringLiteral("order-5")); // rows 5, 45, 85, ...
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(2).value<QList<int>>(),
                 QList<int>{EventTableModel::InHighlightedStreamRole});
        QVERIFY(highlighted(5));
        QVERIFY(highlighted(45));
        QVERIFY(!highlighted(6));
        model.setHighlightedStream(QStringLiteral("order-5")); // no change, no signal
        QCOMPARE(changed.count(), 1);
        model.setHighlightedStream({});
        QVERIFY(!highlighted(5));
    }

    void summarizesBinaryPayloads()
    {
        EventTableModel model;
        model.setStore(m_store.get());
        const QString text = model.index(97, EventTableModel::PayloadColumn).data().toString();
        QVERIFY2(text.startsWith(QLatin1String("42 bytes application/x-protobuf")), qPrintable(text));
        QVERIFY(model.index(97, EventTableModel::PayloadColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("42 bytes")));
    }

    void reloadsAfterImport()
    {
        EventTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(m_store.get());
        QCOMPARE(model.index(eventCount - 1, EventTableModel::TypeColumn).data().toString(),
                 generatedEvent(eventCount - 1).type);

        importGenerated(*m_workspace, eventCount, 500);
        QCOMPARE(model.rowCount(), eventCount); // unchanged until asked
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.reload();
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), eventCount + 500);
        QCOMPARE(model.index(eventCount + 499, 0).data(EventTableModel::PositionRole).toLongLong(),
                 eventCount + 500);
        QCOMPARE(model.eventAt(eventCount + 10)->id, generatedEvent(eventCount + 10).id);
    }

    void summarizesJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("maxChars");
        QTest::addColumn<QString>("expected");
        QTest::addRow("key order kept") << QByteArray(R"({ "z": 1,
            "a" : [ true, null ] })") << 120
                                        << QStringLiteral(R"({"z": 1, "a": [true, null]})");
        QTest::addRow("strings untouched")
            << QByteArray("{\"s\":\"a , b:\\\" c\"}") << 120 << QStringLiteral("{\"s\": \"a , b:\\\" c\"}");
        QTest::addRow("elided") << QByteArray(R"({"text":"abcdefghijklmnopqrstuvwxyz"})") << 12
                                << QStringLiteral("{\"text\": \"a\u2026");
        QTest::addRow("exact fit") << QByteArray(R"([1,2])") << 6 << QStringLiteral("[1, 2]");
        QTest::addRow("multibyte") << QByteArray(R"(["äöü€𝄞xyz"])") << 8 << QStringLiteral("[\"äöü€𝄞\u2026");
        QTest::addRow("plain text") << QByteArray("  hello \n  world ") << 120
                                    << QStringLiteral("hello world");
        QTest::addRow("empty") << QByteArray() << 120 << QString();
        QTest::addRow("control characters")
            << QByteArray("{\"a\":\"x\ty\"}") << 120 << QStringLiteral(R"({"a": "x y"})");
    }

    void summarizesJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, maxChars);
        QFETCH(QString, expected);
        const QString summary = gui::summarizeJson(json, maxChars);
        QCOMPARE(summary, expected);
        QVERIFY(summary.toUcs4().size() <= maxChars);
    }

    void indentsJson()
    {
        QCOMPARE(
            gui::indentJson(R"({"b":{"c":[1,{}]},"a":[]})", 100, 1000),
            QStringLiteral("{\n  \"b\": {\n    \"c\": [\n      1,\n      {}\n    ]\n  },\n  \"a\": []\n}"));
        const QString cut = gui::indentJson(R"([1,2,3,4,5,6])", 3, 1000);
        QCOMPARE(cut, QStringLiteral("[\n  1,\n  2,\u2026"));
        QCOMPARE(gui::indentJson("not json", 10, 1000), QStringLiteral("not json"));
    }
};

QTEST_MAIN(TestEventTableModel)
#include "tst_eventtablemodel.moc"
