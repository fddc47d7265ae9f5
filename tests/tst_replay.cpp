// The replay engine over the built-in projection: fold semantics, time travel through snapshots
// (a property test against a straight fold), partitions from the stream index, checks, series,
// cancellation and the snapshot budget.
#include "importsession.h"
#include "json/jsondiff.h"
#include "memorystore.h"
#include "replay/builtinprojection.h"
#include "replay/persistedsnapshots.h"
#include "replay/replayengine.h"
#include "testsupport.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace eventscope;
using namespace eventscope::replay;

namespace {

json::Value parsed(const char* text)
{
    auto value = json::parse(std::string_view(text));
    if (!value)
        qFatal("bad JSON in test: %s", text);
    return *value;
}

Event ev(const char* stream, const char* type, const char* data, qint64 timeUs = 0)
{
    Event e = testing::makeEvent(QString::fromUtf8(stream), QString::fromUtf8(type), timeUs);
    e.data = QByteArray(data);
    e.streamVersion = -1;
    return e;
}

// A random log: streams of a few categories, payloads that add, replace, nest and delete members.
std::vector<Event> randomLog(quint32 seed, int count, int streams)
{
    QRandomGenerator random(seed);
    const char* types[] = {"Opened", "Changed", "Tagged", "Closed"};
    std::vector<Event> events;
    for (int i = 0; i < count; ++i) {
        const QString stream = QStringLiteral("%1-%2")
                                   .arg(random.bounded(2) ? QStringLiteral("order") : QStringLiteral("stock"))
                                   .arg(random.bounded(streams));
        QByteArray data = "{\"n\":" + QByteArray::number(random.bounded(100)) + ",\"k" +
                          QByteArray::number(random.bounded(5)) + "\":";
        switch (random.bounded(4)) {
        case 0:
            data += "null";
            break;
        case 1:
            data += "[" + QByteArray::number(i) + ",2]";
            break;
        case 2:
            data += "{\"deep\":{\"x\":" + QByteArray::number(i) + "}}";
            break;
        default:
            data += "\"s" + QByteArray::number(i) + "\"";
        }
        data += "}";
        Event e = testing::makeEvent(stream, QString::fromUtf8(types[random.bounded(4)]), 1000 * i);
        e.data = data;
        e.streamVersion = -1;
        events.push_back(std::move(e));
    }
    return events;
}

// The reference: a fresh projection folding events 1..position straight through.
json::Value straightFold(MemoryEventStore& store, qint64 position)
{
    BuiltinProjection reference;
    reference.apply(store.window(1, position));
    return reference.capture().partitions;
}

// A check from a lambda, as a C++-cheap invariant or breakpoint.
class LambdaCheck final : public Check
{
public:
    LambdaCheck(QString name, Kind kind, bool readsState, std::function<bool(const Event&, const json::Value&)> fn)
        : m_name(std::move(name)), m_kind(kind), m_readsState(readsState), m_fn(std::move(fn))
    {}
    QString name() const override { return m_name; }
    Kind kind() const override { return m_kind; }
    bool readsState() const override { return m_readsState; }
    bool fires(const Event& e, const json::Value& state) override
    {
        const bool holds = m_fn(e, state);
        return m_kind == Kind::Invariant ? !holds : holds;
    }

private:
    QString m_name;
    Kind m_kind;
    bool m_readsState;
    std::function<bool(const Event&, const json::Value&)> m_fn;
};

// Renames v1's "amount" to v2's "total", and v2 -> v3 adds a currency.
class TestUpcaster final : public Upcaster
{
public:
    bool handles(const QString& type, int version) const override
    {
        return type == QStringLiteral("Paid") && version < 3;
    }
    Event upcast(const Event& e) override
    {
        json::Value data = *json::parse(e.data);
        if (e.schemaVersion == 1) {
            data.insert("total", data["amount"]);
            data.remove("amount");
        }
        data.insert("currency", "EUR");
        Event out = e;
        out.data = json::toJson(data);
        out.schemaVersion = 3;
        return out;
    }
};

} // namespace

class TestReplay : public QObject
{
    Q_OBJECT

private slots:
    void builtinFold_data()
    {
        QTest::addColumn<QList<QByteArray>>("payloads");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("merge") << QList<QByteArray>{"{\"a\":1,\"o\":{\"x\":1}}", "{\"b\":2,\"o\":{\"y\":2}}"}
                               << QByteArray("{\"a\":1,\"o\":{\"x\":1,\"y\":2},\"b\":2}");
        QTest::addRow("arrays and scalars replace")
            << QList<QByteArray>{"{\"l\":[1,2,3],\"s\":\"a\"}", "{\"l\":[4],\"s\":5}"}
            << QByteArray("{\"l\":[4],\"s\":5}");
        QTest::addRow("null deletes") << QList<QByteArray>{"{\"a\":1,\"o\":{\"x\":1,\"y\":2}}", "{\"a\":null,\"o\":{\"x\":null}}"}
                                      << QByteArray("{\"o\":{\"y\":2}}");
        QTest::addRow("type change") << QList<QByteArray>{"{\"o\":{\"x\":1}}", "{\"o\":7}", "{\"o\":{\"z\":1}}"}
                                     << QByteArray("{\"o\":{\"z\":1}}");
        QTest::addRow("non-object payload") << QList<QByteArray>{"{\"a\":1}", "[1,2]"}
                                            << QByteArray("{\"a\":1,\"$value\":[1,2]}");
        QTest::addRow("not JSON") << QList<QByteArray>{"{\"a\":1}", "\x01\x02"} << QByteArray("{\"a\":1}");
    }

    void builtinFold()
    {
        QFETCH(QList<QByteArray>, payloads);
        QFETCH(QByteArray, expected);
        MemoryEventStore store;
        for (const QByteArray& payload : payloads)
            store.append(ev("order-1", "Changed", payload.constData()));
        BuiltinProjection projection;
        ReplayEngine engine(store, projection);
        json::Value state = engine.partitionAt(QStringLiteral("order-1"), store.count());
        QCOMPARE(state["$version"].toDouble(), double(payloads.size())); // versions are 1-based
        QCOMPARE(state["$lastType"].toQString(), QStringLiteral("Changed"));
        QCOMPARE(state["$lastPosition"].toDouble(), double(payloads.size()));
        QCOMPARE(state["$counts"]["Changed"].toDouble(), double(payloads.size()));
        for (const char* bookkeeping : {"$version", "$lastType", "$lastPosition", "$counts"})
            state.remove(bookkeeping);
        QCOMPARE(json::toJson(state), json::toJson(*json::parse(expected)));
    }

    void countsByTypeAndStreamsApart()
    {
        MemoryEventStore store({ev("order-1", "Placed", "{\"total\":10}"), ev("order-2", "Placed", "{}"),
                                ev("order-1", "Paid", "{\"paid\":true}"), ev("order-1", "Paid", "{}")});
        BuiltinProjection projection;
        ReplayEngine engine(store, projection);
        const json::Value whole = engine.presentedStateAt(4);
        QCOMPARE(whole.size(), std::size_t(2));
        QCOMPARE(whole["order-1"]["$counts"], parsed("{\"Placed\":1,\"Paid\":2}"));
        QCOMPARE(whole["order-1"]["$version"].toDouble(), 3.0);
        QCOMPARE(whole["order-2"]["$lastPosition"].toDouble(), 2.0);
        QCOMPARE(engine.presentedStateAt(0), json::Value::object());
    }

    void snapshotPathGivesTheStraightFold_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 24; ++seed)
            QTest::addRow("seed %u", seed) << seed;
    }

    // The property the whole engine rests on: however it got there (forward, back, from a snapshot,
    // after evictions), the state at P is the straight fold of events 1..P.
    void snapshotPathGivesTheStraightFold()
    {
        QFETCH(quint32, seed);
        QRandomGenerator random(seed * 7919);
        MemoryEventStore store(randomLog(seed, 300 + int(random.bounded(300)), 3 + int(random.bounded(20))));
        ReplayOptions options;
        options.fixedInterval = 1 + random.bounded(40);
        options.batchSize = 1 + random.bounded(64);
        if (seed % 3 == 0)
            options.snapshotBudget = 4096; // forces evictions
        BuiltinProjection projection;
        ReplayEngine engine(store, projection, nullptr, options);
        for (int step = 0; step < 40; ++step) {
            const qint64 target = random.bounded(int(store.count() + 1));
            QCOMPARE(engine.stateAt(target).partitions, straightFold(store, target));
            QCOMPARE(engine.position(), target);
            const QString stream = store.events()[size_t(random.bounded(int(store.count())))].stream;
            QCOMPARE(engine.partitionAt(stream, target), straightFold(store, target)[stream.toStdString()]);
        }
        if (seed % 3 == 0)
            QVERIFY(engine.snapshots().bytes() <= options.snapshotBudget || engine.snapshots().size() <= 1);
    }

    void intervalFollowsTheMeasuredFoldCost()
    {
        MemoryEventStore store(randomLog(5, 20000, 50));
        BuiltinProjection projection;
        ReplayEngine engine(store, projection);
        engine.seek(store.count());
        QVERIFY(engine.foldCostMicros() > 0);
        // A power of two between the bounds, near rebuildTargetMs / cost.
        const qint64 k = engine.snapshotInterval();
        QVERIFY2(k >= 64 && k <= 65536 && (k & (k - 1)) == 0, qPrintable(QString::number(k)));
        // Snapshots every 1024 events until the cost is measured (4096 events), then every K.
        QVERIFY2(engine.snapshots().size() >= size_t((store.count() - 4096) / k),
                 qPrintable(QStringLiteral("%1 snapshots, K %2").arg(engine.snapshots().size()).arg(k) + QStringLiteral(" bytes %1").arg(engine.snapshots().bytes())));
    }

    void cancelledSeekLeavesAConsistentEngine()
    {
        MemoryEventStore store(randomLog(9, 2000, 10));
        BuiltinProjection projection;
        ReplayOptions options;
        options.batchSize = 100;
        ReplayEngine engine(store, projection, nullptr, options);
        int calls = 0;
        QVERIFY(!engine.seek(1500, [&] { return ++calls > 3; }));
        QVERIFY(engine.position() > 0 && engine.position() < 1500);
        QCOMPARE(engine.stateAt(1500).partitions, straightFold(store, 1500));
    }

    void positionAtTimeAndStreamNavigation()
    {
        MemoryEventStore store({ev("a-1", "T", "{}", 100), ev("b-1", "T", "{}", 200),
                                ev("a-1", "T", "{}", 200), ev("a-1", "T", "{}", 300)});
        BuiltinProjection projection;
        ReplayEngine engine(store, projection);
        QCOMPARE(engine.positionAtTime(50), 0);
        QCOMPARE(engine.positionAtTime(200), 3);
        QCOMPARE(engine.positionAtTime(250), 3);
        QCOMPARE(engine.positionAtTime(1000), 4);
        QCOMPARE(engine.nextInStream(QStringLiteral("a-1"), 1)->position, 3);
        QVERIFY(!engine.nextInStream(QStringLiteral("a-1"), 4));
        QCOMPARE(engine.previousInStream(QStringLiteral("a-1"), 3)->position, 1);
        QVERIFY(!engine.previousInStream(QStringLiteral("b-1"), 2));
        QCOMPARE(engine.streamUpTo(QStringLiteral("a-1"), 3).size(), size_t(2));
    }

    void firstViolationReportsEventAndStates()
    {
        MemoryEventStore store({ev("stock-1", "Received", "{\"qty\":5}"), ev("stock-2", "Received", "{\"qty\":1}"),
                                ev("stock-1", "Reserved", "{\"qty\":2}"), ev("stock-2", "Reserved", "{\"qty\":-3}"),
                                ev("stock-1", "Reserved", "{\"qty\":-1}")});
        BuiltinProjection projection;
        ReplayEngine engine(store, projection);
        Checks checks;
        checks.push_back(std::make_unique<LambdaCheck>(
            QStringLiteral("qty never negative"), Check::Kind::Invariant, true,
            [](const Event&, const json::Value& s) { return s["qty"].toDouble() >= 0; }));
        auto violation = engine.firstViolation(checks);
        QVERIFY(violation);
        QCOMPARE(violation->check, QStringLiteral("qty never negative"));
        QCOMPARE(violation->event.position, 4);
        QCOMPARE(violation->partition, QStringLiteral("stock-2"));
        QCOMPARE(violation->before["qty"].toDouble(), 1.0);
        QCOMPARE(violation->after["qty"].toDouble(), -3.0);
        // Scanning on from after it finds the next one.
        violation = engine.firstViolation(checks, 5);
        QVERIFY(violation);
        QCOMPARE(violation->event.position, 5);
        QCOMPARE(violation->before["qty"].toDouble(), 2.0);
        // A breakpoint on events alone.
        Checks breakpoints;
        breakpoints.push_back(std::make_unique<LambdaCheck>(
            QStringLiteral("big reservation"), Check::Kind::Breakpoint, false,
            [](const Event& e, const json::Value&) { return e.type == QStringLiteral("Reserved"); }));
        violation = engine.firstViolation(breakpoints, 1);
        QVERIFY(violation);
        QCOMPARE(violation->event.position, 3);
        QCOMPARE(violation->after["qty"].toDouble(), 2.0);
        QVERIFY(!engine.firstViolation(checks, 6));
    }

    void positionsChangingAPath()
    {
        MemoryEventStore store({ev("o-1", "A", "{\"total\":1}"), ev("o-2", "A", "{\"total\":1}"),
                                ev("o-1", "B", "{\"note\":\"x\"}"), ev("o-1", "C", "{\"total\":2}"),
                                ev("o-1", "D", "{\"total\":2}")});
        BuiltinProjection projection;
        ReplayEngine engine(store, projection);
        const json::Path total = *json::parsePath(QStringLiteral("total"));
        QCOMPARE(engine.positionsChanging(total, QStringLiteral("o-1"), 0, 5), (std::vector<qint64>{1, 4}));
        QCOMPARE(engine.positionsChanging(total, QStringLiteral("o-1"), 1, 3), (std::vector<qint64>{}));
        const json::Path whole = *json::parsePath(QStringLiteral("[\"o-1\"].total"));
        QCOMPARE(engine.positionsChanging(whole, {}, 0, 5), (std::vector<qint64>{1, 4}));
    }

    void seriesAtPositionsAndAtChanges()
    {
        MemoryEventStore store({ev("s-1", "Set", "{\"v\":1}"), ev("s-2", "Set", "{\"v\":5}"),
                                ev("s-1", "Set", "{\"v\":1}"), ev("s-1", "Set", "{\"v\":3}")});
        BuiltinProjection projection;
        ReplayEngine engine(store, projection);
        const ReplayEngine::Evaluator v1 = [](const json::Value& s) { return s["s-1"]["v"]; };
        const ReplayEngine::Evaluator v2 = [](const json::Value& s) { return s["s-2"]["v"]; };
        const auto rows = engine.series({v1, v2}, {0, 1, 2, 4});
        QCOMPARE(rows.size(), size_t(4));
        QVERIFY(rows[0][0].isNull());
        QCOMPARE(rows[1][0].toDouble(), 1.0);
        QCOMPARE(rows[2][1].toDouble(), 5.0);
        QCOMPARE(rows[3][0].toDouble(), 3.0);
        const auto changes = engine.seriesOfChanges({v1}, 1, 4);
        QCOMPARE(changes.size(), size_t(2));
        QCOMPARE(changes[0].position, 1);
        QCOMPARE(changes[1].position, 4);
        QCOMPARE(changes[1].values[0].toDouble(), 3.0);
    }

    void upcastersRunBeforeTheProjection()
    {
        Event v1 = ev("o-1", "Paid", "{\"amount\":7}");
        v1.schemaVersion = 1;
        Event v2 = ev("o-2", "Paid", "{\"total\":9}");
        v2.schemaVersion = 2;
        MemoryEventStore store({v1, v2});
        BuiltinProjection projection;
        TestUpcaster upcaster;
        ReplayEngine engine(store, projection, &upcaster);
        QCOMPARE(engine.partitionAt(QStringLiteral("o-1"), 2)["total"].toDouble(), 7.0);
        QVERIFY(!engine.partitionAt(QStringLiteral("o-1"), 2).find("amount"));
        const json::Value whole = engine.presentedStateAt(2);
        QCOMPARE(whole["o-1"]["currency"].toQString(), QStringLiteral("EUR"));
        QCOMPARE(whole["o-2"]["total"].toDouble(), 9.0);
        QCOMPARE(engine.streamUpTo(QStringLiteral("o-1"), 2).front().schemaVersion, 3);
        QCOMPARE(store.eventAt(1)->schemaVersion, 1); // the original stays as it was
    }

    void sameAnswersOverAWorkspace()
    {
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(QStringLiteral("r.eventscope")));
        std::vector<Event> log = randomLog(77, 400, 8);
        {
            ImportSession session(workspace, MergeOrder::Source);
            session.beginSource({0, QStringLiteral("/tmp/r.jsonl"), QStringLiteral("r.jsonl"), QStringLiteral("jsonl"),
                                 1, QStringLiteral("sha"), 0, 0, 0, 0, {}});
            for (Event e : log)
                session.add(e);
            session.endSource(0, {});
            session.commit();
        }
        WorkspaceStore store(workspace);
        MemoryEventStore memory(log);
        BuiltinProjection projection;
        ReplayOptions options;
        options.fixedInterval = 32;
        ReplayEngine engine(store, projection, nullptr, options);
        for (qint64 p : {400, 17, 250, 33, 399, 0, 128}) {
            const json::Value actual = engine.stateAt(p).partitions;
            const json::Value expected = straightFold(memory, p);
            QVERIFY2(actual == expected, json::toJson(json::diffToJson(json::diff(expected, actual))).constData());
        }
    }

    void snapshotsPersistInTheWorkspace()
    {
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(QStringLiteral("p.eventscope")));
        std::vector<Event> log = randomLog(31, 1000, 12);
        auto importAll = [&](std::vector<Event> events, const QString& sha) {
            ImportSession session(workspace, MergeOrder::Source);
            session.beginSource({0, QStringLiteral("/tmp/p.jsonl"), QStringLiteral("p.jsonl"), QStringLiteral("jsonl"),
                                 1, sha, 0, 0, 0, 0, {}});
            for (Event& e : events)
                session.add(e);
            session.endSource(0, {});
            session.commit();
        };
        importAll(log, QStringLiteral("one"));
        WorkspaceStore store(workspace);
        ReplayOptions options;
        options.fixedInterval = 50;
        PersistedSnapshots persisted(workspace, QStringLiteral("builtin-test"));
        json::Value expected;
        {
            BuiltinProjection projection;
            ReplayEngine engine(store, projection, nullptr, options);
            engine.seek(store.count());
            expected = engine.stateAt(777).partitions;
            QCOMPARE(persisted.saveFrom(engine, 8), 8);
        }
        // Reopened: the saved snapshots come back, and rebuilding from them gives the same state.
        BuiltinProjection projection;
        ReplayEngine reopened(store, projection, nullptr, options);
        QCOMPARE(persisted.loadInto(reopened), 8);
        QCOMPARE(reopened.snapshots().size(), size_t(9)); // and the initial state
        QCOMPARE(reopened.stateAt(777).partitions, expected);
        // Another projection's snapshots are not these.
        QCOMPARE(PersistedSnapshots(workspace, QStringLiteral("other")).loadInto(reopened), 0);
        // A changed log makes them unreachable.
        std::vector<Event> more = randomLog(32, 10, 3);
        for (Event& e : more)
            e.id += QStringLiteral("-more");
        importAll(more, QStringLiteral("two"));
        BuiltinProjection fresh;
        ReplayEngine afterImport(store, fresh, nullptr, options);
        QCOMPARE(persisted.loadInto(afterImport), 0);
    }

    void snapshotCacheKeepsTheBudget()
    {
        SnapshotCache cache(20000);
        json::Value state = json::Value::object();
        for (int i = 0; i < 50; ++i) {
            state.insert(std::to_string(i), std::string(1000, 'x'));
            cache.insert(i * 10, {json::Value(), state});
        }
        QVERIFY(cache.bytes() <= 20000);
        QVERIFY(cache.size() >= 1 && cache.size() < 50);
        QCOMPARE(cache.nearestAtOrBefore(495)->position, 490); // the newest was kept
        cache.dropAfter(100);
        QVERIFY(!cache.contains(490));
        cache.clear();
        QVERIFY(!cache.nearestAtOrBefore(1000));
    }
};

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
