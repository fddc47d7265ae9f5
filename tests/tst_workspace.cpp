#include "importsession.h"
#include "memorystore.h"
#include "testsupport.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QFile>
#include <QTest>

#include <memory>

using namespace eventscope;
using eventscope::testing::makeEvent;

class TestWorkspace : public QObject
{
    Q_OBJECT

private:
    static ImportRecord provenance()
    {
        return {0,
                QStringLiteral("/tmp/x.jsonl"),
                QStringLiteral("x.jsonl"),
                QStringLiteral("jsonl"),
                10,
                QStringLiteral("abc"),
                0,
                0,
                0,
                0,
                {}};
    }

    // Undoes the migrations from schema 3 on, so that a new workspace looks like one written by
    // an older Eventscope.
    static void dropSinceVersionThree(Workspace& ws)
    {
        ws.database().exec("DROP INDEX events_correlation");                                 // 3
        ws.database().exec("DROP TABLE IF EXISTS bookmarks; DROP TABLE IF EXISTS scripts;"); // 4
    }

    static qint64 indexCount(Workspace& ws, const char* name)
    {
        auto q =
            ws.database().prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?");
        q.bindText(1, name);
        q.step();
        return q.int64(0);
    }

    // Two checkouts: order-1 placed, its stock reserved in sku-7 and the order paid, each caused by
    // the one before; order-2 placed in a checkout of its own; one event with no links at all.
    static std::vector<Event> linkedEvents()
    {
        auto linked = [](const char* stream, const char* type, qint64 time, const char* id, const char* cause,
                         const char* correlation) {
            Event e =
                makeEvent(QString::fromUtf8(stream), QString::fromUtf8(type), time, QString::fromUtf8(id));
            e.causationId = QString::fromUtf8(cause);
            e.correlationId = QString::fromUtf8(correlation);
            return e;
        };
        return {linked("order-1", "OrderPlaced", 10, "e1", "", "checkout-1"),
                linked("sku-7", "StockReserved", 20, "e2", "e1", "checkout-1"),
                linked("order-2", "OrderPlaced", 30, "e3", "", "checkout-2"),
                linked("order-1", "OrderPaid", 40, "e4", "e2", "checkout-1"),
                linked("order-1", "OrderPaid", 50, "e5", "gone", ""),
                linked("order-1", "OrderShipped", 60, "e6", "", "")};
    }

    static void importEvents(Workspace& ws, std::vector<Event> events, MergeOrder order = MergeOrder::Time)
    {
        ImportSession session(ws, order);
        session.beginSource(provenance());
        for (auto& e : events)
            session.add(e);
        session.endSource(0, {});
        session.commit();
    }

private slots:
    void createsSchemaAndReopens()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.eventscope"));
        {
            Workspace ws(path);
            QCOMPARE(ws.database().queryInt("PRAGMA user_version"), qint64(Workspace::schemaVersion));
            importEvents(ws, {makeEvent(QStringLiteral("order-1"), QStringLiteral("OrderPlaced"), 10)});
        }
        Workspace again(path, Workspace::OpenMode::ExistingOnly);
        WorkspaceStore store(again);
        QCOMPARE(store.count(), 1);
        QCOMPARE(again.imports().size(), size_t(1));
        QCOMPARE(store.eventAt(1)->source, QStringLiteral("x.jsonl"));
    }

    void refusesNewerSchemaWithoutTouchingIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.eventscope"));
        {
            Workspace ws(path);
            ws.database().exec("PRAGMA user_version=99");
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        try {
            Workspace ws(path, Workspace::OpenMode::ExistingOnly);
            QFAIL("a newer schema must be refused");
        } catch (const WorkspaceError& error) {
            QVERIFY2(error.message().contains(QStringLiteral("newer Eventscope")),
                     qPrintable(error.message()));
        }
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
    }

    void migratesAVersionOneWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.eventscope"));
        {
            Workspace ws(path);
            importEvents(ws, {makeEvent(QStringLiteral("order-1"), QStringLiteral("OrderPlaced"), 10)});
            // As Eventscope 1 left it: schema 1, none of what later versions added.
            ws.database().exec("DROP TABLE snapshots");
            dropSinceVersionThree(ws);
            ws.database().exec("PRAGMA user_version=1");
        }
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, Workspace(path, Workspace::OpenMode::ReadOnly));
        Workspace ws(path, Workspace::OpenMode::ExistingOnly);
        QCOMPARE(ws.database().queryInt("PRAGMA user_version"), qint64(Workspace::schemaVersion));
        QCOMPARE(ws.database().queryInt("SELECT count(*) FROM snapshots"), 0);
        QCOMPARE(indexCount(ws, "events_correlation"), 1);
        QCOMPARE(WorkspaceStore(ws).count(), 1);
    }

    void migratesAVersionTwoWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v2.eventscope"));
        {
            Workspace ws(path);
            importEvents(ws, linkedEvents());
            // As Eventscope 2 left it: snapshots, but no index on correlation ids.
            dropSinceVersionThree(ws);
            ws.database().exec("PRAGMA user_version=2");
        }
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, Workspace(path, Workspace::OpenMode::ReadOnly));
        Workspace ws(path, Workspace::OpenMode::ExistingOnly);
        QCOMPARE(ws.database().queryInt("PRAGMA user_version"), qint64(Workspace::schemaVersion));
        QCOMPARE(indexCount(ws, "events_correlation"), 1);
        // The detail view's query is served by the new index, not by a scan of the events.
        auto plan = ws.database().prepare("EXPLAIN QUERY PLAN SELECT position FROM events WHERE "
                                          "correlation_id = ? ORDER BY position LIMIT ?");
        QString details;
        while (plan.step())
            details += plan.text(3) + QLatin1Char('\n');
        QVERIFY2(details.contains(QStringLiteral("events_correlation")), qPrintable(details));
        WorkspaceStore store(ws);
        QCOMPARE(store.correlatedPositions(QStringLiteral("checkout-1"), 10), (std::vector<qint64>{1, 2, 4}));
    }

    void refusesForeignFiles()
    {
        QTemporaryDir dir;
        const QString text =
            eventscope::testing::writeFile(dir, QStringLiteral("notes.txt"), "hello, not sqlite\n");
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, Workspace(text, Workspace::OpenMode::ExistingOnly));
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, Workspace(dir.filePath(QStringLiteral("missing.eventscope")),
                                                           Workspace::OpenMode::ExistingOnly));
    }

    void dedupesOnId()
    {
        QTemporaryDir dir;
        Workspace ws(dir.filePath(QStringLiteral("d.eventscope")));
        ImportSession session(ws, MergeOrder::Time);
        session.beginSource(provenance());
        Event a = makeEvent(QStringLiteral("s-1"), QStringLiteral("T"), 1, QStringLiteral("same"));
        Event b = makeEvent(QStringLiteral("s-1"), QStringLiteral("T"), 2, QStringLiteral("same"));
        Event c = makeEvent(QStringLiteral("s-1"), QStringLiteral("T"), 3, QStringLiteral("other"));
        QCOMPARE(session.add(a), ImportSession::AddResult::Added);
        QCOMPARE(session.add(b), ImportSession::AddResult::Duplicate);
        QCOMPARE(session.add(c), ImportSession::AddResult::Added);
        QCOMPARE(c.position, 2);
        QCOMPARE(c.streamVersion, 2); // the duplicate did not take a version
        session.endSource(0, {});
        session.commit();
        WorkspaceStore store(ws);
        QCOMPARE(store.count(), 2);
    }

    // A live follow writes a batch per session and keeps one provenance record: a later session
    // continues the record, its events point at it and its counts add to the record's.
    void continuesASource()
    {
        QTemporaryDir dir;
        Workspace ws(dir.filePath(QStringLiteral("c.eventscope")));
        qint64 importId = 0;
        {
            ImportSession session(ws, MergeOrder::Source);
            session.beginSource(provenance());
            Event a = makeEvent(QStringLiteral("s-1"), QStringLiteral("T"), 1, QStringLiteral("a"));
            session.add(a);
            session.endSource(1, QStringLiteral("first batch"));
            session.commit();
            importId = session.importId();
        }
        {
            ImportSession session(ws, MergeOrder::Source);
            session.continueSource(importId);
            QCOMPARE(session.importId(), importId);
            Event b = makeEvent(QStringLiteral("s-1"), QStringLiteral("T"), 2, QStringLiteral("b"));
            Event again = makeEvent(QStringLiteral("s-1"), QStringLiteral("T"), 3, QStringLiteral("a"));
            Event c = makeEvent(QStringLiteral("s-2"), QStringLiteral("T"), 4, QStringLiteral("c"));
            session.add(b);
            QCOMPARE(session.add(again), ImportSession::AddResult::Duplicate);
            session.add(c);
            session.endSource(2, {});
            session.commit();
        }
        const auto imports = ws.imports();
        QCOMPARE(imports.size(), size_t(1));
        QCOMPARE(imports[0].id, importId);
        QCOMPARE(imports[0].accepted, 3);
        QCOMPARE(imports[0].duplicates, 1);
        QCOMPARE(imports[0].rejected, 3);
        QCOMPARE(imports[0].note, QStringLiteral("first batch")); // an empty note keeps the one there
        QCOMPARE(ws.database().queryInt("SELECT count(*) FROM events WHERE import_id = " +
                                        std::to_string(importId)),
                 3);

        // A record that is not there is refused, and nothing is added.
        ImportSession session(ws, MergeOrder::Source);
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, session.continueSource(importId + 7));
    }

    void mergesByTimeKeepingTiesInSourceOrder()
    {
        QTemporaryDir dir;
        Workspace ws(dir.filePath(QStringLiteral("m.eventscope")));
        importEvents(ws, {makeEvent(QStringLiteral("a-1"), QStringLiteral("T"), 10, QStringLiteral("a10")),
                          makeEvent(QStringLiteral("a-1"), QStringLiteral("T"), 30, QStringLiteral("a30"))});
        importEvents(ws, {makeEvent(QStringLiteral("b-1"), QStringLiteral("T"), 5, QStringLiteral("b5")),
                          makeEvent(QStringLiteral("b-1"), QStringLiteral("T"), 10, QStringLiteral("b10")),
                          makeEvent(QStringLiteral("b-1"), QStringLiteral("T"), 40, QStringLiteral("b40"))});
        WorkspaceStore store(ws);
        QStringList ids;
        for (const auto& e : store.window(1, 10)) {
            ids << e.id;
            QCOMPARE(e.position, qint64(ids.size()));
        }
        QCOMPARE(ids, QString::fromLatin1("b5 a10 b10 a30 b40").split(QLatin1Char(' ')));
        QCOMPARE(store.positionAtTime(10), 2);
        QCOMPARE(store.positionAtTime(11), 4);
        QCOMPARE(store.positionAtTime(1000), 6);
        QCOMPARE(store.streamHistory(QStringLiteral("b-1")).size(), size_t(3));
    }

    void sourceOrderAppends()
    {
        QTemporaryDir dir;
        Workspace ws(dir.filePath(QStringLiteral("s.eventscope")));
        importEvents(ws, {makeEvent(QStringLiteral("a-1"), QStringLiteral("T"), 10, QStringLiteral("a10"))},
                     MergeOrder::Source);
        importEvents(ws, {makeEvent(QStringLiteral("b-1"), QStringLiteral("T"), 5, QStringLiteral("b5"))},
                     MergeOrder::Source);
        WorkspaceStore store(ws);
        const auto events = store.window(1, 10);
        QCOMPARE(events.size(), size_t(2));
        QCOMPARE(events[0].id, QStringLiteral("a10"));
        QCOMPARE(events[1].id, QStringLiteral("b5"));
        QCOMPARE(store.timeRange()->firstUs, 5);
        QCOMPARE(store.positionAtTime(6), 1);
    }

    void uncommittedImportLeavesNothing()
    {
        QTemporaryDir dir;
        Workspace ws(dir.filePath(QStringLiteral("r.eventscope")));
        importEvents(ws, {makeEvent(QStringLiteral("a-1"), QStringLiteral("T"), 10)});
        {
            ImportSession session(ws, MergeOrder::Time);
            session.beginSource(provenance());
            Event e = makeEvent(QStringLiteral("a-1"), QStringLiteral("T"), 20);
            session.add(e);
        } // destroyed without commit, as a cancelled import is
        WorkspaceStore store(ws);
        QCOMPARE(store.count(), 1);
        QCOMPARE(ws.imports().size(), size_t(1));
    }

    void densityCountsEveryEventOfTheRange()
    {
        QTemporaryDir dir;
        Workspace ws(dir.filePath(QStringLiteral("d.eventscope")));
        importEvents(ws, {makeEvent(QStringLiteral("a-1"), QStringLiteral("T"), 10, QStringLiteral("x")),
                          makeEvent(QStringLiteral("a-1"), QStringLiteral("T"), 10, QStringLiteral("y")),
                          makeEvent(QStringLiteral("a-1"), QStringLiteral("T"), 20, QStringLiteral("z"))});
        WorkspaceStore store(ws);
        const auto range = *store.timeRange();
        const auto bins = store.density(range.firstUs, range.lastUs, 2);
        QCOMPARE(bins[0] + bins[1], 3);
        QCOMPARE(bins[1], 1);                          // the last event sits on the range's upper bound
        QCOMPARE(store.density(10, 10, 1).front(), 2); // all at one instant
    }

    void densityAndFilters()
    {
        QTemporaryDir dir;
        Workspace ws(dir.filePath(QStringLiteral("f.eventscope")));
        std::vector<Event> events;
        for (int i = 0; i < 100; ++i)
            events.push_back(makeEvent(QStringLiteral("s-%1").arg(i % 4),
                                       i % 2 ? QStringLiteral("Odd") : QStringLiteral("Even"), i * 10));
        importEvents(ws, events);
        WorkspaceStore store(ws);
        const auto bins = store.density(0, 1000, 10);
        QCOMPARE(bins.size(), size_t(10));
        for (qint64 n : bins)
            QCOMPARE(n, 10);
        EventSelection selection;
        selection.type = QStringLiteral("Odd");
        selection.stream = QStringLiteral("s-1");
        QCOMPARE(store.filteredPositions(selection).size(), size_t(25));
        selection.limit = 3;
        int visited = 0;
        store.forEach(selection, [&](const Event& e) {
            ++visited;
            return e.type == QStringLiteral("Odd");
        });
        QCOMPARE(visited, 3);
        QCOMPARE(store.streams().size(), size_t(4));
        QCOMPARE(store.types().size(), size_t(2));
        QCOMPARE(store.timeAtPosition(3).value(), 20);
    }

    // The same questions asked of both stores must get the same answers.
    void linksBetweenEvents_data()
    {
        QTest::addColumn<bool>("inWorkspace");
        QTest::addRow("workspace") << true;
        QTest::addRow("memory") << false;
    }

    void linksBetweenEvents()
    {
        QFETCH(bool, inWorkspace);
        QTemporaryDir dir;
        std::unique_ptr<Workspace> ws;
        std::unique_ptr<EventStore> store;
        if (inWorkspace) {
            ws = std::make_unique<Workspace>(dir.filePath(QStringLiteral("links.eventscope")));
            importEvents(*ws, linkedEvents());
            store = std::make_unique<WorkspaceStore>(*ws);
        } else {
            store = std::make_unique<MemoryEventStore>(linkedEvents());
        }

        QCOMPARE(store->positionOfId(QStringLiteral("e2")), std::optional<qint64>(2));
        QCOMPARE(store->positionOfId(QStringLiteral("gone")), std::nullopt);
        QCOMPARE(store->positionOfId(QString()), std::nullopt);

        QCOMPARE(store->correlatedPositions(QStringLiteral("checkout-1"), 100),
                 (std::vector<qint64>{1, 2, 4}));
        QCOMPARE(store->correlatedPositions(QStringLiteral("checkout-1"), 2), (std::vector<qint64>{1, 2}));
        QCOMPARE(store->correlatedPositions(QStringLiteral("checkout-2"), 100), (std::vector<qint64>{3}));
        // Events without a correlation id do not all correlate with each other.
        QVERIFY(store->correlatedPositions(QString(), 100).empty());
        QVERIFY(store->correlatedPositions(QStringLiteral("nobody"), 100).empty());

        const std::vector<TypeCount> order1 = store->streamTypeCounts(QStringLiteral("order-1"));
        QCOMPARE(order1.size(), size_t(3));
        QCOMPARE(order1[0].type, QStringLiteral("OrderPaid"));
        QCOMPARE(order1[0].count, 2);
        // Ties by name.
        QCOMPARE(order1[1].type, QStringLiteral("OrderPlaced"));
        QCOMPARE(order1[2].type, QStringLiteral("OrderShipped"));
        QCOMPARE(order1[2].count, 1);
        QVERIFY(store->streamTypeCounts(QStringLiteral("no-such-stream")).empty());
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
