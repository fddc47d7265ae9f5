// JavaScript projections, checks and upcasters (model/script): KurrentDB conformance over small
// logs, errors (emit, time limit, recursion, exceptions, syntax and definition errors), the global
// object, capture/restore (a property test over random cut points) and lazy restore, foldPartition,
// step mode, checks, upcasters and the example projections in resources/projections.
// (Scripts are written as plain string literals: moc, which reads this file for Q_OBJECT, cannot
// parse raw string literals.)
#include "script/jscheck.h"
#include "script/jsprojection.h"
#include "script/jsupcaster.h"
#include "script/jsvalueconvert.h"
#include "script/scriptprogram.h"
#include "script/scriptsyntax.h"

#include "memorystore.h"
#include "replay/replayengine.h"
#include "replay/upcasterchain.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJSEngine>
#include <QRandomGenerator>
#include <QTest>

#include <map>
#include <thread>

using namespace eventscope;
using namespace eventscope::replay;
using namespace eventscope::script;

namespace eventscope::json {

// Readable QCOMPARE failures.
char* toString(const Value& value)
{
    return qstrdup(toJson(value).constData());
}

} // namespace eventscope::json

namespace {

constexpr qint64 baseTimeUs = 1740787200000000; // 2025-03-01T00:00:00Z

json::Value parsed(const QString& text)
{
    QString error;
    const auto value = json::parse(text.toUtf8(), &error);
    if (!value)
        qFatal("bad JSON in test: %s (%s)", qPrintable(text), qPrintable(error));
    return *value;
}

// A log from compact JSON: [{"s": stream, "t": type, "d": data, "m": metadata, "v": schemaVersion,
// "raw": data text as is}]. Positions count from 1, stream versions from 1 per stream, a second apart.
std::vector<Event> events(const QString& spec)
{
    const json::Value list = parsed(spec);
    std::vector<Event> out;
    std::map<QString, qint64> versions;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json::Value& item = list.at(i);
        Event e;
        e.position = qint64(i) + 1;
        e.stream = item["s"].toQString();
        e.streamVersion = ++versions[e.stream];
        e.type = item["t"].toQString();
        e.schemaVersion = item.find("v") ? int(item["v"].toDouble()) : 1;
        e.timeUs = baseTimeUs + qint64(i) * 1000000 + 123456;
        e.id = QStringLiteral("id-%1").arg(i + 1);
        e.correlationId = QStringLiteral("corr-1");
        if (item.find("raw"))
            e.data = item["raw"].toQString().toUtf8();
        else
            e.data = item.find("d") ? json::toJson(item["d"]) : QByteArrayLiteral("{}");
        if (item.find("m"))
            e.metadata = json::toJson(item["m"]);
        out.push_back(std::move(e));
    }
    return out;
}

std::shared_ptr<ScriptProgram> program(const QString& source, const QString& name = QStringLiteral("test.js"),
                                       std::chrono::milliseconds limit = std::chrono::milliseconds(2000))
{
    return ScriptProgram::fromSource(source, name, ScriptOptions{limit});
}

// The error a callable throws, or a failed test.
template <typename F> ProjectionError errorOf(F&& f)
{
    try {
        f();
    } catch (const ProjectionError& error) {
        return error;
    }
    return ProjectionError{QStringLiteral("<no error>"), {}, -1, -1};
}

// Runs a test body, turning an unexpected ProjectionError into a failure that says what it was.
template <typename F> void guard(F&& body)
{
    try {
        body();
    } catch (const ProjectionError& error) {
        QFAIL(qPrintable(QStringLiteral("unexpected ProjectionError: ") + error.toString()));
    }
}

// A random log over a few categories, with payloads a projection can count and sum.
std::vector<Event> randomLog(quint32 seed, int count, int streams)
{
    QRandomGenerator random(seed);
    const char* types[] = {"Added", "Removed", "Renamed", "Noise"};
    std::vector<Event> out;
    std::map<QString, qint64> versions;
    for (int i = 0; i < count; ++i) {
        Event e;
        e.position = i + 1;
        e.stream = QStringLiteral("%1-%2")
                       .arg(random.bounded(3) ? QStringLiteral("cart") : QStringLiteral("shelf"))
                       .arg(random.bounded(streams));
        e.streamVersion = ++versions[e.stream];
        e.type = QString::fromLatin1(types[random.bounded(4)]);
        e.timeUs = baseTimeUs + qint64(i) * 1000;
        e.id = QStringLiteral("r%1").arg(i);
        e.data = "{\"n\":" + QByteArray::number(random.bounded(10)) + ",\"tag\":\"t" +
                 QByteArray::number(random.bounded(7)) + "\"}";
        out.push_back(std::move(e));
    }
    return out;
}

// Projections the property tests run: per stream, per key, unpartitioned, bi-state.
const char* const perStreamScript =
    "fromAll().foreachStream().when({\n"
    "    $init: function () { return { n: 0, count: 0, tags: {} }; },\n"
    "    Added: function (s, e) { s.n += e.data.n; s.count++; s.tags[e.data.tag] = true; },\n"
    "    Removed: function (s, e) { s.n -= e.data.n; s.count++; },\n"
    "    Renamed: function (s, e) { return { n: s.n, count: s.count + 1, tags: {}, name: e.data.tag }; }\n"
    "})";
const char* const byKeyScript =
    "fromAll().partitionBy(function (e) { return e.data.tag; }).when({\n"
    "    $any: function (s, e) { s.total = (s.total || 0) + e.data.n; s.last = e.streamId; }\n"
    "})";
const char* const globalScript =
    "fromCategory('cart').when({\n"
    "    $init: function () { return { carts: {}, events: 0 }; },\n"
    "    $any: function (s, e) { s.events++; s.carts[e.streamId] = (s.carts[e.streamId] || 0) + e.data.n; }\n"
    "})";
const char* const biStateScript = "fromAll().foreachStream().when({\n"
                                  "    $init: function () { return { n: 0 }; },\n"
                                  "    $initShared: function () { return { events: 0 }; },\n"
                                  "    $any: function (s, e) { s[0].n += e.data.n; s[1].events++; }\n"
                                  "})";

} // namespace

class TestJsProjection : public QObject
{
    Q_OBJECT

private:
    void conformanceRow();

private slots:
    void conformance_data();
    void conformance();
    void eventObject();
    void presentTransforms();
    void writesAreErrors_data();
    void writesAreErrors();
    void runawayLoopIsStopped();
    void runawayScriptIsStoppedWhileLoading();
    void deepRecursionIsReported();
    void exceptionNamesScriptLineAndPosition();
    void thrownStringIsReported();
    void syntaxErrorHasLine();
    void definitionErrors_data();
    void definitionErrors();
    void globalsAreEcmaScriptOnly();
    void captureRestoreRoundTrip_data();
    void captureRestoreRoundTrip();
    void restoreIsLazy();
    void stepModeMatchesBatchMode();
    void afterCanStop();
    void foldPartitionLeavesLiveStateAlone();
    void partitionReadsLiveState();
    void checks();
    void checksOnLiveState();
    void checkErrorsNamePosition();
    void upcasterChain();
    void upcasterErrors();
    void upcasterChainAcrossScripts();
    void worksOnAnotherThread();
    void valueConversionsAgree();
    void objectSpreadRewrite_data();
    void objectSpreadRewrite();
    void eventSerialisesWhole();
    void newerBuiltIns();
    void stateConversionEdges();
    void drivenByTheReplayEngine();
    void exampleProjections_data();
    void exampleProjections();
    void sampleInvariantsFire();
};

void TestJsProjection::conformance_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("log");
    QTest::addColumn<QString>("expected"); // the whole state (the object of partitions when partitioned)

    const QString orders =
        QStringLiteral("[\n"
                       "        {\"s\": \"order-1\", \"t\": \"OrderPlaced\", \"d\": {\"total\": 10}},\n"
                       "        {\"s\": \"order-2\", \"t\": \"OrderPlaced\", \"d\": {\"total\": 5}},\n"
                       "        {\"s\": \"order-1\", \"t\": \"ItemAdded\", \"d\": {\"qty\": 2}},\n"
                       "        {\"s\": \"stock-7\", \"t\": \"StockReceived\", \"d\": {\"qty\": 40}},\n"
                       "        {\"s\": \"order-1\", \"t\": \"OrderShipped\", \"d\": {}},\n"
                       "        {\"s\": \"order-2\", \"t\": \"ItemAdded\", \"d\": {\"qty\": 1}}]");

    QTest::addRow("counter, $init and mutate in place")
        << QStringLiteral("\n"
                          "        fromAll().when({\n"
                          "            $init: function () { return { count: 0 }; },\n"
                          "            OrderPlaced: function (state, event) { state.count += 1; }\n"
                          "        });")
        << orders << QStringLiteral("{\"count\": 2}");

    QTest::addRow("no $init starts from {}")
        << QStringLiteral("\n"
                          "        fromAll().when({ ItemAdded: function (s, e) { s.qty = (s.qty || 0) + "
                          "e.data.qty; } });")
        << orders << QStringLiteral("{\"qty\": 3}");

    QTest::addRow("handlers return new state")
        << QStringLiteral(
               "\n"
               "        fromAll().when({\n"
               "            $init: () => ({ total: 0, placed: [] }),\n"
               "            OrderPlaced: (s, e) => ({ ...s, total: s.total + e.data.total, placed: "
               "s.placed.concat([e.streamId]) }),\n"
               "            OrderShipped: (s, e) => Object.assign({}, s, { shipped: e.streamId })\n"
               "        });")
        << orders
        << QStringLiteral(
               "{\"total\": 15, \"placed\": [\"order-1\", \"order-2\"], \"shipped\": \"order-1\"}");

    QTest::addRow("$any sees every event")
        << QStringLiteral("\n"
                          "        fromAll().when({ $init: function () { return { types: [] }; },\n"
                          "                         $any: function (s, e) { s.types.push(e.eventType); } });")
        << orders
        << QStringLiteral("{\"types\": [\"OrderPlaced\", \"OrderPlaced\", \"ItemAdded\",\n"
                          "                                                   \"StockReceived\", "
                          "\"OrderShipped\", \"ItemAdded\"]}");

    QTest::addRow("a type's own handler wins over $any")
        << QStringLiteral("\n"
                          "        fromAll().when({ $init: function () { return { any: 0, added: 0 }; },\n"
                          "                         $any: function (s, e) { s.any++; },\n"
                          "                         ItemAdded: function (s, e) { s.added++; } });")
        << orders << QStringLiteral("{\"any\": 4, \"added\": 2}");

    QTest::addRow("null replaces the state")
        << QStringLiteral("\n"
                          "        fromAll().when({ $init: function () { return { n: 1 }; }, OrderShipped: "
                          "function () { return null; } });")
        << orders << QStringLiteral("null");

    QTest::addRow("foreachStream")
        << QStringLiteral("\n"
                          "        fromAll().foreachStream().when({\n"
                          "            $init: function () { return { events: 0 }; },\n"
                          "            $any: function (s, e) { s.events++; s.version = e.sequenceNumber; }\n"
                          "        });")
        << orders
        << QStringLiteral("{\"order-1\": {\"events\": 3, \"version\": 3}, \"order-2\": {\"events\": 2, "
                          "\"version\": 2},\n"
                          "                                                \"stock-7\": {\"events\": 1, "
                          "\"version\": 1}}");

    QTest::addRow("fromCategory") << QStringLiteral("\n"
                                                    "        fromCategory('order').when({ $init: function () "
                                                    "{ return { n: 0 }; }, $any: function (s) { s.n++; } });")
                                  << orders << QStringLiteral("{\"n\": 5}");

    QTest::addRow("fromCategory foreachStream")
        << QStringLiteral("\n"
                          "        fromCategory('stock').foreachStream().when({ StockReceived: function (s, "
                          "e) { s.qty = e.data.qty; } });")
        << orders << QStringLiteral("{\"stock-7\": {\"qty\": 40}}");

    QTest::addRow("fromStream") << QStringLiteral(
                                       "\n"
                                       "        fromStream('order-2').when({ $init: function () { return []; "
                                       "}, $any: function (s, e) { s.push(e.eventType); } });")
                                << orders << QStringLiteral("[\"OrderPlaced\", \"ItemAdded\"]");

    QTest::addRow("fromStreams array")
        << QStringLiteral("\n"
                          "        fromStreams(['order-2', 'stock-7']).when({ $init: function () { return { "
                          "n: 0 }; }, $any: function (s) { s.n++; } });")
        << orders << QStringLiteral("{\"n\": 3}");

    QTest::addRow("fromStreams varargs")
        << QStringLiteral("\n"
                          "        fromStreams('order-1', 'stock-7').when({ $init: function () { return { n: "
                          "0 }; }, $any: function (s) { s.n++; } });")
        << orders << QStringLiteral("{\"n\": 4}");

    QTest::addRow("fromCategories")
        << QStringLiteral("\n"
                          "        fromCategories('stock', 'nothing').when({ $init: function () { return { "
                          "n: 0 }; }, $any: function (s) { s.n++; } });")
        << orders << QStringLiteral("{\"n\": 1}");

    QTest::addRow("fromStreamsMatching keeps a state per stream")
        << QStringLiteral("\n"
                          "        fromStreamsMatching(function (streamId, event) { return "
                          "streamId.indexOf('order') === 0 && event.eventType !== undefined; })\n"
                          "            .when({ $init: function () { return { n: 0 }; }, $any: function (s) { "
                          "s.n++; } });")
        << orders << QStringLiteral("{\"order-1\": {\"n\": 3}, \"order-2\": {\"n\": 2}}");

    QTest::addRow("partitionBy")
        << QStringLiteral("\n"
                          "        fromAll().partitionBy(function (e) { return e.data.qty > 1 ? 'big' : "
                          "e.data.qty ? 1 : null; }).when({\n"
                          "            $init: function () { return { n: 0 }; },\n"
                          "            $any: function (s, e) { s.n++; s.partition = e.partition; }\n"
                          "        });")
        << orders
        << QStringLiteral(
               "{\"big\": {\"n\": 2, \"partition\": \"big\"}, \"1\": {\"n\": 1, \"partition\": \"1\"}}");

    QTest::addRow("$initShared: handlers get [state, shared]")
        << QStringLiteral("\n"
                          "        fromCategory('order').foreachStream().when({\n"
                          "            $init: function () { return { n: 0 }; },\n"
                          "            $initShared: function () { return { total: 0 }; },\n"
                          "            $any: function (s, e) { s[0].n++; s[1].total++; }\n"
                          "        });")
        << orders << QStringLiteral("{\"order-1\": {\"n\": 3}, \"order-2\": {\"n\": 2}}");

    QTest::addRow("bi-state unpartitioned is [state, shared]")
        << QStringLiteral("\n"
                          "        fromAll().when({\n"
                          "            $init: function () { return { n: 0 }; },\n"
                          "            $initShared: function () { return { m: 0 }; },\n"
                          "            ItemAdded: function (s, e) { return [{ n: s[0].n + 1 }, { m: s[1].m + "
                          "e.data.qty }]; }\n"
                          "        });")
        << orders << QStringLiteral("[{\"n\": 2}, {\"m\": 3}]");

    QTest::addRow("options are accepted")
        << QStringLiteral("\n"
                          "        options({ resultStreamName: 'x', $includeLinks: false, reorderEvents: "
                          "false, processingLag: 0 });\n"
                          "        fromAll().when({ $init: function () { return { n: 0 }; }, OrderShipped: "
                          "function (s) { s.n++; } }).outputState();")
        << orders << QStringLiteral("{\"n\": 1}");

    QTest::addRow("log() is accepted")
        << QStringLiteral("\n"
                          "        fromAll().when({ OrderShipped: function (s, e) { log('shipped ' + "
                          "e.streamId); s.shipped = true; } });")
        << orders << QStringLiteral("{\"shipped\": true}");

    QTest::addRow("data that is not JSON")
        << QStringLiteral("\n"
                          "        fromAll().when({ $init: function () { return []; },\n"
                          "                         $any: function (s, e) { s.push([e.isJson, e.bodyRaw, "
                          "e.data === undefined]); } });")
        << QStringLiteral("[{\"s\": \"a-1\", \"t\": \"X\", \"raw\": \"not json\"}, {\"s\": \"a-1\", \"t\": "
                          "\"X\", \"raw\": \"\"}]")
        << QStringLiteral("[[false, \"not json\", true], [true, \"\", false]]");

    QTest::addRow("handler keys are not Object.prototype's")
        << QStringLiteral("\n"
                          "        fromAll().when({ $init: function () { return { n: 0 }; }, OrderPlaced: "
                          "function (s) { s.n++; } });")
        << QStringLiteral("[{\"s\": \"a-1\", \"t\": \"constructor\"}, {\"s\": \"a-1\", \"t\": \"toString\"}, "
                          "{\"s\": \"a-1\", \"t\": \"__proto__\"}]")
        << QStringLiteral("{\"n\": 0}");
}

void TestJsProjection::conformanceRow()
{
    QFETCH(QString, script);
    QFETCH(QString, log);
    QFETCH(QString, expected);
    const std::vector<Event> list = events(log);
    auto projection = program(script)->createProjection();
    QCOMPARE(projection->apply(list), qsizetype(list.size()));
    const ProjectionState state = projection->capture();
    QCOMPARE(state.whole(projection->partitioning()), parsed(expected));

    // The same log one event at a time, with a capture between: the same state.
    auto stepwise = program(script)->createProjection();
    for (const Event& e : list) {
        stepwise->apply(std::span(&e, 1));
        stepwise->capture();
    }
    QCOMPARE(stepwise->capture().whole(stepwise->partitioning()), parsed(expected));
}

void TestJsProjection::conformance()
{
    try {
        conformanceRow();
    } catch (const ProjectionError& error) {
        QFAIL(qPrintable(error.toString()));
    }
}

void TestJsProjection::eventObject()
{
    guard([&] {
        // Every field the handlers see, KurrentDB's and Eventscope's.
        auto projection =
            program(
                QStringLiteral("\n"
                               "        fromAll().foreachStream().when({\n"
                               "            OrderPlaced: function (s, e) {\n"
                               "                s.fields = [e.streamId, e.eventType, e.sequenceNumber, "
                               "e.position, e.timestamp, e.id, e.eventId,\n"
                               "                            e.causationId, e.correlationId, e.schemaVersion, "
                               "e.category, e.partition, e.isJson,\n"
                               "                            e.linkMetadata, e.bodyRaw, e.metadataRaw];\n"
                               "                s.sameObject = e.body === e.data;\n"
                               "                s.total = e.data.total;\n"
                               "                s.user = e.metadata.user;\n"
                               "            }\n"
                               "        });"))
                ->createProjection();
        const std::vector<Event> list = events(
            QStringLiteral("[{\"s\": \"order-9\", \"t\": \"OrderPlaced\", \"d\": {\"total\": 10}, \"m\": "
                           "{\"user\": \"ann\"}}]"));
        projection->apply(list);
        QCOMPARE(
            projection->partition(QStringLiteral("order-9")),
            parsed(QStringLiteral("{\n"
                                  "        \"fields\": [\"order-9\", \"OrderPlaced\", 1, 1, "
                                  "\"2025-03-01T00:00:00.123Z\", \"id-1\", \"id-1\", null, \"corr-1\", 1,\n"
                                  "                   \"order\", \"order-9\", true, null, "
                                  "\"{\\\"total\\\":10}\", \"{\\\"user\\\":\\\"ann\\\"}\"],\n"
                                  "        \"sameObject\": true, \"total\": 10, \"user\": \"ann\"}")));

        // A script that never names metadata still reaches it (parsed on first access).
        auto lazy = program(QStringLiteral(
                                "\n"
                                "        fromAll().when({ $any: function (s, e) { s.user = e['meta' + "
                                "'data'].user; s.again = e['meta' + 'data'] === e['meta' + 'data']; } });"))
                        ->createProjection();
        lazy->apply(list);
        QCOMPARE(lazy->capture().global, parsed(QStringLiteral("{\"user\": \"ann\", \"again\": true}")));

        // The shared state of a partitioned bi-state projection is ProjectionState::global.
        auto shared = program(QString::fromLatin1(biStateScript))->createProjection();
        shared->apply(randomLog(3, 50, 4));
        QCOMPARE(shared->capture().global, parsed(QStringLiteral("{\"events\": 50}")));
    });
}

void TestJsProjection::presentTransforms()
{
    guard([&] {
        const std::vector<Event> list =
            events(QStringLiteral("[\n"
                                  "        {\"s\": \"a-1\", \"t\": \"Counted\", \"d\": {\"n\": 3}}, {\"s\": "
                                  "\"a-2\", \"t\": \"Counted\", \"d\": {\"n\": 1}},\n"
                                  "        {\"s\": \"a-1\", \"t\": \"Counted\", \"d\": {\"n\": 4}}]"));
        auto global =
            program(
                QStringLiteral("\n"
                               "        fromAll().when({ $init: function () { return { n: 0 }; }, Counted: "
                               "function (s, e) { s.n += e.data.n; } })\n"
                               "            .transformBy(function (s) { return { doubled: s.n * 2 }; })\n"
                               "            .filterBy(function (s) { return s.doubled > 10; })\n"
                               "            .outputState();"))
                ->createProjection();
        global->apply(std::span(list).first(2));
        QCOMPARE(global->present(global->capture().global), json::Value()); // 8: filtered out
        global->apply(std::span(list).subspan(2));
        QCOMPARE(global->present(global->capture().global), parsed(QStringLiteral("{\"doubled\": 16}")));
        QCOMPARE(global->capture().global, parsed(QStringLiteral("{\"n\": 8}"))); // the state itself stays

        auto partitioned =
            program(QStringLiteral("\n"
                                   "        fromAll().foreachStream().when({ Counted: function "
                                   "(s, e) { s.n = (s.n || 0) + e.data.n; } })\n"
                                   "            .filterBy(function (s) { return s.n > 2; "
                                   "}).transformBy(function (s) { return s.n; });"))
                ->createProjection();
        partitioned->apply(list);
        const json::Value whole = partitioned->capture().partitions;
        QCOMPARE(partitioned->present(whole), parsed(QStringLiteral("{\"a-1\": 7}")));
        QCOMPARE(partitioned->presentPartition(whole["a-1"]), json::Value(7));
        QCOMPARE(partitioned->present(whole["a-1"]), json::Value(7)); // not the whole: one partition
        QCOMPARE(partitioned->presentPartition(whole["a-2"]), json::Value());

        auto plain = program(QString::fromLatin1(perStreamScript))->createProjection();
        const json::Value state = parsed(QStringLiteral("{\"x\": {\"n\": 1}}"));
        QVERIFY(plain->present(state).sharesWith(state)); // no transforms: the same value, not a copy
    });
}

void TestJsProjection::writesAreErrors_data()
{
    QTest::addColumn<QString>("call");
    QTest::addRow("emit") << QStringLiteral("emit('out-1', 'Copied', { a: 1 })");
    QTest::addRow("linkTo") << QStringLiteral("linkTo('out-1', e)");
    QTest::addRow("copyTo") << QStringLiteral("copyTo('out-1', e)");
    QTest::addRow("linkStreamTo") << QStringLiteral("linkStreamTo('out-1', e.streamId)");
}

void TestJsProjection::writesAreErrors()
{
    guard([&] {
        QFETCH(QString, call);
        auto projection =
            program(
                QStringLiteral("fromAll().when({\n  $any: function (s, e) {\n    %1;\n  }\n});").arg(call),
                QStringLiteral("writer.js"))
                ->createProjection();
        const ProjectionError error = errorOf([&] {
            projection->apply(
                events(QStringLiteral("[{\"s\": \"a-1\", \"t\": \"X\"}, {\"s\": \"a-1\", \"t\": \"Y\"}]")));
        });
        const QString name = call.section(QLatin1Char('('), 0, 0);
        QCOMPARE(error.message,
                 name + QStringLiteral("() is not supported: Eventscope projections compute state and "
                                       "never write to a store"));
        QCOMPARE(error.script, QStringLiteral("writer.js"));
        QCOMPARE(error.line, 3);
        QCOMPARE(error.position, qint64(1));
    });
}

void TestJsProjection::runawayLoopIsStopped()
{
    guard([&] {
        auto projection =
            program(
                QStringLiteral("fromAll().when({\n"
                               "        Spin: function (s, e) { while (true) { s.n = (s.n || 0) + 1; } },\n"
                               "        Count: function (s, e) { s.count = (s.count || 0) + 1; }\n"
                               "    });"),
                QStringLiteral("stock.js"), std::chrono::milliseconds(200))
                ->createProjection();
        std::vector<Event> list =
            events(QStringLiteral("[{\"s\": \"a-1\", \"t\": \"Count\"}, {\"s\": \"a-1\", \"t\": \"Count\"},\n"
                                  "                                                        {\"s\": \"a-1\", "
                                  "\"t\": \"Spin\"}, {\"s\": \"a-1\", \"t\": \"Count\"}]"));
        QElapsedTimer timer;
        timer.start();
        const ProjectionError error = errorOf([&] { projection->apply(list); });
        QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(error.message,
                 QStringLiteral("the script ran longer than 200 ms while folding and was stopped"));
        QCOMPARE(error.script, QStringLiteral("stock.js"));
        QCOMPARE(error.position, qint64(3));
        QCOMPARE(error.toString(),
                 QStringLiteral("stock.js: the script ran longer than 200 ms while folding and was "
                                "stopped (event at position 3)"));
        // The events before it stay folded, and the engine runs again.
        QCOMPARE(projection->capture().global["count"], json::Value(2));
        projection->apply(std::span(list).subspan(3));
        QCOMPARE(projection->capture().global["count"], json::Value(3));
    });
}

void TestJsProjection::runawayScriptIsStoppedWhileLoading()
{
    guard([&] {
        QElapsedTimer timer;
        timer.start();
        const ProjectionError error = errorOf([] {
            program(QStringLiteral("for (;;) {}"), QStringLiteral("loop.js"), std::chrono::milliseconds(200));
        });
        QVERIFY(timer.elapsed() < 1500);
        QCOMPARE(error.message,
                 QStringLiteral("the script ran longer than 200 ms while loading and was stopped"));
        QCOMPARE(error.script, QStringLiteral("loop.js"));
    });
}

void TestJsProjection::deepRecursionIsReported()
{
    guard([&] {
        auto projection =
            program(QStringLiteral("function deep(n) {\n  return deep(n + 1) + 1;\n}\n"
                                   "fromAll().when({ $any: function (s, e) { s.depth = deep(0); } });"),
                    QStringLiteral("deep.js"))
                ->createProjection();
        const ProjectionError error =
            errorOf([&] { projection->apply(events(QStringLiteral("[{\"s\": \"a-1\", \"t\": \"X\"}]"))); });
        QVERIFY2(error.message.startsWith(QLatin1String("RangeError: ")), qPrintable(error.message));
        QCOMPARE(error.script, QStringLiteral("deep.js"));
        QVERIFY2(error.line == 1 || error.line == 2,
                 qPrintable(QString::number(error.line))); // within deep()
        QCOMPARE(error.position, qint64(1));
    });
}

void TestJsProjection::exceptionNamesScriptLineAndPosition()
{
    guard([&] {
        auto projection = program(QStringLiteral("fromAll().when({\n"
                                                 "  ItemAdded: function (s, e) {\n"
                                                 "    s.qty = (s.qty || 0) + e.data.line.qty;\n"
                                                 "  }\n"
                                                 "});\n"),
                                  QStringLiteral("stock.js"))
                              ->createProjection();
        std::vector<Event> list = events(QStringLiteral(
            "[{\"s\": \"a-1\", \"t\": \"ItemAdded\", \"d\": {\"line\": {\"qty\": 2}}},\n"
            "                                                        {\"s\": \"a-1\", \"t\": \"Other\"},\n"
            "                                                        {\"s\": \"a-1\", \"t\": \"ItemAdded\", "
            "\"d\": {\"qty\": 2}}]"));
        for (Event& e : list)
            e.position += 4700;
        const ProjectionError error = errorOf([&] { projection->apply(list); });
        QVERIFY2(error.message.startsWith(QLatin1String("TypeError: ")), qPrintable(error.message));
        QCOMPARE(error.script, QStringLiteral("stock.js"));
        QCOMPARE(error.line, 3);
        QCOMPARE(error.position, qint64(4703));
        QVERIFY(error.toString().startsWith(QLatin1String("stock.js:3: TypeError: ")));
        QVERIFY(error.toString().endsWith(QLatin1String(" (event at position 4703)")));
        QCOMPARE(projection->capture().global, parsed(QStringLiteral("{\"qty\": 2}")));

        // The same in step mode.
        auto stepping =
            program(QStringLiteral(
                        "fromAll().when({\n  ItemAdded: function (s, e) { s.q = e.data.line.qty; }\n});"),
                    QStringLiteral("stock.js"))
                ->createProjection();
        const ProjectionError stepError =
            errorOf([&] { stepping->apply(list, [](const Event&, const QString&, bool) { return true; }); });
        QCOMPARE(stepError.line, 2);
        QCOMPARE(stepError.position, qint64(4703));
    });
}

void TestJsProjection::thrownStringIsReported()
{
    guard([&] {
        auto projection = program(QStringLiteral("fromAll().when({ X: function () { throw 'boom'; } });"))
                              ->createProjection();
        const ProjectionError error =
            errorOf([&] { projection->apply(events(QStringLiteral("[{\"s\": \"a-1\", \"t\": \"X\"}]"))); });
        QCOMPARE(error.message, QStringLiteral("boom"));
        QCOMPARE(error.position, qint64(1));
    });
}

void TestJsProjection::syntaxErrorHasLine()
{
    guard([&] {
        const ProjectionError error = errorOf([] {
            program(QStringLiteral("fromAll().when({\n  X: function (s, e) {\n    s.n = ;\n  }\n});"),
                    QStringLiteral("bad.js"));
        });
        QVERIFY2(error.message.startsWith(QLatin1String("SyntaxError: ")), qPrintable(error.message));
        QCOMPARE(error.script, QStringLiteral("bad.js"));
        QCOMPARE(error.line, 3);
        QCOMPARE(error.position, qint64(0));
    });
}

void TestJsProjection::definitionErrors_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    QTest::addRow("when() missing") << QStringLiteral("\n\nfromAll();") << 3
                                    << QStringLiteral("fromAll() is not followed by .when({...})");
    QTest::addRow("unknown selector") << QStringLiteral("\nfromEverything().when({});") << 2
                                      << QStringLiteral("ReferenceError: fromEverything is not defined");
    QTest::addRow("unknown chain step")
        << QStringLiteral("\n\n\nfromStream('a-1').foreachStream().when({});") << 4
        << QStringLiteral("TypeError: fromStream() has no .foreachStream(): it is "
                          "followed by .when(), .partitionBy(), .outputState()");
    QTest::addRow("two selectors")
        << QStringLiteral("fromAll().when({});\nfromStream('x').when({});") << 2
        << QStringLiteral("fromStream(): the script already selected its events with fromAll()");
    QTest::addRow("unknown option") << QStringLiteral(
                                           "options({ emitEverything: true });\nfromAll().when({});")
                                    << 1 << QStringLiteral("Unrecognized option: emitEverything");
    QTest::addRow("handler not a function")
        << QStringLiteral("fromAll().when({ X: 1 });") << 1
        << QStringLiteral("TypeError: when(): the handler for 'X' is not a function");
    QTest::addRow("fromStream without a name")
        << QStringLiteral("\nfromStream().when({});") << 2
        << QStringLiteral("TypeError: fromStream() expects a non-empty string");
    QTest::addRow("a runtime call while defining")
        << QStringLiteral("fromAll().when({});\nnull.x;") << 2
        << QStringLiteral("TypeError: Cannot read property 'x' of null");
}

void TestJsProjection::definitionErrors()
{
    guard([&] {
        QFETCH(QString, script);
        QFETCH(int, line);
        QFETCH(QString, message);
        const ProjectionError error = errorOf([&] { program(script, QStringLiteral("def.js")); });
        QVERIFY2(error.message.startsWith(message), qPrintable(error.message));
        QCOMPARE(error.script, QStringLiteral("def.js"));
        QCOMPARE(error.line, line);

        // Definition functions are not for handlers.
        auto projection =
            program(QStringLiteral("fromAll().when({ X: function () { fromAll(); } });"))->createProjection();
        const ProjectionError late =
            errorOf([&] { projection->apply(events(QStringLiteral("[{\"s\": \"a-1\", \"t\": \"X\"}]"))); });
        QCOMPARE(late.message,
                 QStringLiteral(
                     "fromAll() can only be called while the script is loaded, not while it folds events"));
    });
}

void TestJsProjection::globalsAreEcmaScriptOnly()
{
    guard([&] {
        auto projection =
            program(QStringLiteral("\n"
                                   "        var names = Object.getOwnPropertyNames(this);\n"
                                   "        fromAll().when({ $init: function () { return { names: "
                                   "names, qt: typeof Qt, console: typeof console,\n"
                                   "                                                        print: "
                                   "typeof print, gc: typeof gc, url: typeof URL }; } });"))
                ->createProjection();
        const json::Value state = projection->capture().global;
        for (const char* absent : {"qt", "console", "print", "gc", "url"})
            QCOMPARE(state[absent], json::Value("undefined"));
        const QStringList api = {QStringLiteral("options"),
                                 QStringLiteral("fromAll"),
                                 QStringLiteral("fromCategory"),
                                 QStringLiteral("fromCategories"),
                                 QStringLiteral("fromStream"),
                                 QStringLiteral("fromStreams"),
                                 QStringLiteral("fromStreamsMatching"),
                                 QStringLiteral("invariant"),
                                 QStringLiteral("breakpoint"),
                                 QStringLiteral("upcast"),
                                 QStringLiteral("compensate"),
                                 QStringLiteral("log"),
                                 QStringLiteral("emit"),
                                 QStringLiteral("linkTo"),
                                 QStringLiteral("copyTo"),
                                 QStringLiteral("linkStreamTo"),
                                 QStringLiteral("names")};
        const QStringList ecmaScript =
            QStringLiteral(
                "globalThis Infinity NaN undefined eval isFinite isNaN parseFloat parseInt decodeURI "
                "decodeURIComponent "
                "encodeURI encodeURIComponent escape unescape AggregateError Array ArrayBuffer "
                "Atomics BigInt BigInt64Array "
                "BigUint64Array Boolean DataView Date Error EvalError FinalizationRegistry "
                "Float32Array Float64Array Function "
                "Int8Array Int16Array Int32Array JSON Map Math Number Object Promise Proxy RangeError "
                "ReferenceError Reflect "
                "RegExp Set SharedArrayBuffer String Symbol SyntaxError TypeError Uint8Array "
                "Uint8ClampedArray Uint16Array "
                "Uint32Array URIError WeakMap WeakRef WeakSet")
                .split(QLatin1Char(' '));
        const json::Value& names = state["names"];
        QVERIFY(names.size() > 40);
        for (std::size_t i = 0; i < names.size(); ++i) {
            const QString name = names.at(i).toQString();
            QVERIFY2(ecmaScript.contains(name) || api.contains(name), qPrintable(name));
        }
    });
}

void TestJsProjection::captureRestoreRoundTrip_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<quint32>("seed");
    const std::pair<const char*, const char*> scripts[] = {{"per stream", perStreamScript},
                                                           {"by key", byKeyScript},
                                                           {"global", globalScript},
                                                           {"bi-state", biStateScript}};
    for (const auto& [name, script] : scripts) {
        for (quint32 seed = 1; seed <= 6; ++seed)
            QTest::addRow("%s, seed %u", name, seed) << QString::fromLatin1(script) << seed;
    }
}

// Restoring a capture and folding on gives the straight fold, wherever the cut, whatever was
// captured on the way, into this projection or a fresh one.
void TestJsProjection::captureRestoreRoundTrip()
{
    guard([&] {
        QFETCH(QString, script);
        QFETCH(quint32, seed);
        QRandomGenerator random(seed * 104729);
        const std::vector<Event> log =
            randomLog(seed, 200 + int(random.bounded(200)), 2 + int(random.bounded(30)));
        const std::span<const Event> all(log);
        const std::shared_ptr<ScriptProgram> code = program(script);

        auto straight = code->createProjection();
        std::vector<ProjectionState> prefixes; // the straight fold's state after 0, 25, 50, ... events
        for (std::size_t done = 0; done <= log.size(); done += 25) {
            prefixes.push_back(straight->capture());
            straight->apply(all.subspan(done, std::min<std::size_t>(25, log.size() - done)));
        }
        const ProjectionState expected = straight->capture();

        auto replayed = code->createProjection();
        for (int round = 0; round < 12; ++round) {
            const std::size_t cut = random.bounded(quint32(prefixes.size())) * 25;
            replayed->restore(prefixes[cut / 25]);
            std::size_t done = cut;
            while (done < log.size()) { // in random steps, capturing now and then
                const std::size_t step = std::min<std::size_t>(1 + random.bounded(60), log.size() - done);
                replayed->apply(all.subspan(done, step));
                done += step;
                if (random.bounded(3) == 0)
                    replayed->capture();
                if (random.bounded(4) == 0) {
                    const Event& some = log[random.bounded(quint32(done))];
                    replayed->partition(some.stream);
                }
            }
            const ProjectionState state = replayed->capture();
            QCOMPARE(state.global, expected.global);
            QCOMPARE(state.partitions, expected.partitions);
        }
        // Unchanged partitions stay shared with the snapshot they came from.
        if (expected.partitions.isObject()) {
            auto fresh = code->createProjection();
            fresh->restore(expected);
            fresh->apply(all.first(1));
            const ProjectionState after = fresh->capture();
            std::size_t shared = 0;
            for (std::size_t i = 0; i < after.partitions.size(); ++i) {
                const json::Value* before = expected.partitions.find(after.partitions.keyAt(i));
                shared += before && before->sharesWith(after.partitions.valueAt(i)) ? 1 : 0;
            }
            QVERIFY(shared + 1 >= after.partitions.size());
        }
    });
}

void TestJsProjection::restoreIsLazy()
{
    guard([&] {
        // A snapshot of 10,000 streams, then 100 events on 100 of them: only those become JS objects.
        const std::shared_ptr<ScriptProgram> code = program(QString::fromLatin1(perStreamScript));
        json::Value partitions = json::Value::object();
        for (int i = 0; i < 10000; ++i)
            partitions.insert(QStringLiteral("cart-%1").arg(i).toStdString(),
                              parsed(QStringLiteral("{\"n\": %1, \"count\": 1, \"tags\": {}}").arg(i)));
        std::vector<Event> later;
        for (int i = 0; i < 100; ++i) {
            Event e;
            e.position = 20001 + i;
            e.stream = QStringLiteral("cart-%1").arg(i * 97);
            e.type = QStringLiteral("Added");
            e.data = QByteArrayLiteral("{\"n\":1,\"tag\":\"x\"}");
            later.push_back(e);
        }
        auto projection = code->createProjection();
        QElapsedTimer timer;
        timer.start();
        projection->restore({json::Value(), partitions});
        projection->apply(later);
        const ProjectionState state = projection->capture();
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(projection->restoredLookups(), qsizetype(100));
        QCOMPARE(state.partitions.size(), std::size_t(10000));
        QCOMPARE(state.partitions["cart-97"],
                 parsed(QStringLiteral("{\"n\": 98, \"count\": 2, \"tags\": {\"x\": true}}")));
        QVERIFY(state.partitions["cart-98"].sharesWith(partitions["cart-98"]));
        // A partition read straight from the snapshot needs no JS at all.
        QCOMPARE(projection->partition(QStringLiteral("cart-5000")), partitions["cart-5000"]);
        QCOMPARE(projection->restoredLookups(), qsizetype(100));
        qInfo("restore of 10,000 partitions + 100 events + capture: %lld ms", elapsed);
    });
}

void TestJsProjection::stepModeMatchesBatchMode()
{
    guard([&] {
        const std::vector<Event> log = randomLog(11, 300, 12);
        for (const char* script : {perStreamScript, byKeyScript, globalScript}) {
            auto batch = program(QString::fromLatin1(script))->createProjection();
            batch->apply(log);
            auto stepped = program(QString::fromLatin1(script))->createProjection();
            qsizetype calls = 0;
            qsizetype changed = 0;
            stepped->apply(log, [&](const Event& e, const QString& partition, bool didChange) {
                ++calls;
                if (didChange) {
                    ++changed;
                    if (stepped->partitioning() == Partitioning::ByStream && partition != e.stream)
                        return false;
                }
                return true;
            });
            QCOMPARE(calls, qsizetype(log.size()));
            QVERIFY(changed > 0);
            if (script == perStreamScript)
                QVERIFY(changed < calls); // "Noise" events have no handler
            QCOMPARE(stepped->capture().whole(stepped->partitioning()),
                     batch->capture().whole(batch->partitioning()));
        }
    });
}

void TestJsProjection::afterCanStop()
{
    guard([&] {
        auto projection = program(QString::fromLatin1(globalScript))->createProjection();
        const std::vector<Event> log = randomLog(5, 100, 3);
        const qsizetype folded =
            projection->apply(log, [](const Event& e, const QString&, bool) { return e.position < 40; });
        QCOMPARE(folded, qsizetype(40));
        auto reference = program(QString::fromLatin1(globalScript))->createProjection();
        reference->apply(std::span(log).first(40));
        QCOMPARE(projection->capture().global, reference->capture().global);
    });
}

void TestJsProjection::foldPartitionLeavesLiveStateAlone()
{
    guard([&] {
        const std::vector<Event> log = randomLog(8, 400, 10);
        auto projection = program(QString::fromLatin1(perStreamScript))->createProjection();
        projection->apply(log);
        const ProjectionState live = projection->capture();
        for (const QString& stream :
             QStringList{QStringLiteral("cart-3"), QStringLiteral("shelf-1"), QStringLiteral("cart-9")}) {
            std::vector<Event> history;
            for (const Event& e : log) {
                if (e.stream == stream)
                    history.push_back(e);
            }
            QCOMPARE(projection->foldPartition(stream, history), live.partitions[stream.toStdString()]);
            QCOMPARE(projection->foldPartition(stream, std::span(history).first(1)), [&] {
                auto one = program(QString::fromLatin1(perStreamScript))->createProjection();
                one->apply(std::span(history).first(1));
                return one->partition(stream);
            }());
        }
        QCOMPARE(projection->foldPartition(QStringLiteral("nobody-1"), {}), json::Value());
        const ProjectionState after = projection->capture();
        QCOMPARE(after.partitions, live.partitions);
        QVERIFY(after.partitions.sharesWith(live.partitions));

        auto global = program(QString::fromLatin1(globalScript))->createProjection();
        QCOMPARE(global->foldPartition(QString(), {}),
                 parsed(QStringLiteral("{\"carts\": {}, \"events\": 0}")));
    });
}

void TestJsProjection::partitionReadsLiveState()
{
    guard([&] {
        auto projection = program(QString::fromLatin1(byKeyScript))->createProjection();
        const std::vector<Event> log = randomLog(2, 50, 5);
        projection->apply(std::span(log).first(25));
        const json::Value t3 = projection->partition(QStringLiteral("t3"));
        projection->apply(std::span(log).subspan(25));
        auto reference = program(QString::fromLatin1(byKeyScript))->createProjection();
        reference->apply(log);
        QCOMPARE(projection->partition(QStringLiteral("t3")), reference->capture().partitions["t3"]);
        QCOMPARE(projection->capture().partitions, reference->capture().partitions);
        QCOMPARE(projection->partition(QStringLiteral("no such key")), json::Value());
        Q_UNUSED(t3);
    });
}

void TestJsProjection::checks()
{
    guard([&] {
        const std::shared_ptr<ScriptProgram> code = program(
            QStringLiteral("\n"
                           "        invariant('never negative', function (s) { return s.stock >= 0; });\n"
                           "        breakpoint('big reservation', function (e) { return e.eventType === "
                           "'Reserved' && e.data.qty > 10; });\n"
                           "        breakpoint('low after event', (e, s) => s.stock < 5 && e.data.qty > 0);\n"
                           "    "));
        QVERIFY(!code->definition().hasProjection);
        QVERIFY(code->createUpcaster() == nullptr);
        Checks checks = code->createChecks();
        QCOMPARE(checks.size(), std::size_t(3));
        QCOMPARE(checks[0]->name(), QStringLiteral("never negative"));
        QCOMPARE(checks[0]->kind(), Check::Kind::Invariant);
        QVERIFY(checks[0]->readsState());
        QCOMPARE(checks[1]->kind(), Check::Kind::Breakpoint);
        QVERIFY(!checks[1]->readsState());
        QVERIFY(checks[2]->readsState());

        const std::vector<Event> list =
            events(QStringLiteral("[{\"s\": \"sku-1\", \"t\": \"Reserved\", \"d\": {\"qty\": 12}},\n"
                                  "                                                              {\"s\": "
                                  "\"sku-1\", \"t\": \"Reserved\", \"d\": {\"qty\": 2}}]"));
        QVERIFY(!checks[0]->fires(list[0], parsed(QStringLiteral("{\"stock\": 0}"))));
        QVERIFY(checks[0]->fires(list[0], parsed(QStringLiteral("{\"stock\": -1}"))));
        QVERIFY(checks[1]->fires(list[0], json::Value()));
        QVERIFY(!checks[1]->fires(list[1], json::Value()));
        QVERIFY(checks[2]->fires(list[1], parsed(QStringLiteral("{\"stock\": 4}"))));
        QVERIFY(!checks[2]->fires(list[1], parsed(QStringLiteral("{\"stock\": 5}"))));
        QVERIFY(errorOf([&] {
                    code->createProjection();
                }).message.startsWith(QLatin1String("the script declares no projection")));
    });
}

void TestJsProjection::checksOnLiveState()
{
    guard([&] {
        // A script with its projection and its checks: evaluated on the live state and the same results.
        const std::shared_ptr<ScriptProgram> code = program(
            QStringLiteral("\n"
                           "        fromAll().foreachStream().when({\n"
                           "            $init: function () { return { n: 0 }; },\n"
                           "            Added: function (s, e) { s.n += e.data.n; },\n"
                           "            Removed: function (s, e) { s.n -= e.data.n; }\n"
                           "        });\n"
                           "        invariant('n stays small', function (s) { return s.n < 12; });\n"
                           "        breakpoint('tag t3 on shelf', function (e) { return e.category === "
                           "'shelf' && e.data.tag === 't3'; });\n"
                           "    "));
        const std::vector<Event> log = randomLog(21, 300, 6);
        auto projection = code->createProjection();
        Checks checks = code->createChecks();
        auto other = program(QString::fromLatin1(perStreamScript))->createProjection();
        for (const auto& check : checks) {
            QVERIFY(static_cast<JsCheck&>(*check).sharesEngineWith(*projection));
            QVERIFY(!static_cast<JsCheck&>(*check).sharesEngineWith(*other));
        }
        int live = 0, fired = 0;
        QStringList disagreements;
        projection->apply(log, [&](const Event& e, const QString& partition, bool changed) {
            for (const auto& check : checks) {
                auto& js = static_cast<JsCheck&>(*check);
                const std::optional<bool> onLive = js.firesOnLive(*projection, e);
                const bool generic =
                    changed || !check->readsState()
                        ? check->fires(e,
                                       check->readsState() ? projection->partition(partition) : json::Value())
                        : false;
                const bool picked = firesAfterFold(*check, *projection, e, changed,
                                                   [&] { return projection->partition(partition); });
                if (onLive)
                    ++live;
                if ((onLive && *onLive != generic) || picked != generic)
                    disagreements << QStringLiteral("%1 at %2").arg(check->name()).arg(e.position);
                fired += picked ? 1 : 0;
            }
            return true;
        });
        QCOMPARE(disagreements, QStringList());
        QVERIFY(live > 100);
        QVERIFY(fired > 0);
    });
}

void TestJsProjection::checkErrorsNamePosition()
{
    guard([&] {
        const std::shared_ptr<ScriptProgram> code =
            program(QStringLiteral("invariant('stock known',\n  function (s) { return s.sku.stock >= 0; });"),
                    QStringLiteral("inv.js"));
        Checks checks = code->createChecks();
        Event e = events(QStringLiteral("[{\"s\": \"sku-1\", \"t\": \"Reserved\"}]"))[0];
        e.position = 812;
        const ProjectionError error = errorOf([&] { checks[0]->fires(e, parsed(QStringLiteral("{}"))); });
        QVERIFY2(error.message.startsWith(QLatin1String("invariant 'stock known': TypeError: ")),
                 qPrintable(error.message));
        QCOMPARE(error.script, QStringLiteral("inv.js"));
        QCOMPARE(error.line, 2);
        QCOMPARE(error.position, qint64(812));

        const std::shared_ptr<ScriptProgram> slow =
            program(QStringLiteral("breakpoint('spin', function (e) { for (;;) {} });"),
                    QStringLiteral("spin.js"), std::chrono::milliseconds(200));
        const ProjectionError timeout = errorOf([&] { slow->createChecks()[0]->fires(e, {}); });
        QCOMPARE(timeout.message,
                 QStringLiteral(
                     "the script ran longer than 200 ms while evaluating breakpoint 'spin' and was stopped"));
        QCOMPARE(timeout.position, qint64(812));
    });
}

void TestJsProjection::upcasterChain()
{
    guard([&] {
        const std::shared_ptr<ScriptProgram> code = program(
            QStringLiteral("\n"
                           "        upcast('OrderPlaced', 1, function (e) {\n"
                           "            var parts = e.data.shipTo.split(', ');\n"
                           "            var data = Object.assign({}, e.data, { shippingAddress: { "
                           "street: parts[0], city: parts[1] } });\n"
                           "            delete data.shipTo;\n"
                           "            return Object.assign({}, e, { data: data });\n"
                           "        });\n"
                           "        upcast('OrderPlaced', 2, e => ({ ...e, data: { ...e.data, currency: "
                           "e.data.currency || 'EUR' } }));\n"
                           "        upcast('Paid', 1, e => ({ ...e, eventType: 'PaymentCaptured', "
                           "schemaVersion: 4, metadata: { upcasted: true } }));\n"
                           "    "));
        std::unique_ptr<JsUpcaster> upcaster = code->createUpcaster();
        QVERIFY(upcaster);
        QVERIFY(upcaster->handles(QStringLiteral("OrderPlaced"), 1));
        QVERIFY(upcaster->handles(QStringLiteral("OrderPlaced"), 2));
        QVERIFY(!upcaster->handles(QStringLiteral("OrderPlaced"), 3));
        QVERIFY(!upcaster->handles(QStringLiteral("ItemAdded"), 1));

        std::vector<Event> list = events(QStringLiteral(
            "[\n"
            "        {\"s\": \"order-1\", \"t\": \"OrderPlaced\", \"d\": {\"shipTo\": \"1 Main St, Lyon\"}, "
            "\"m\": {\"user\": \"ann\"}},\n"
            "        {\"s\": \"order-2\", \"t\": \"OrderPlaced\", \"v\": 2, \"d\": {\"currency\": "
            "\"CHF\"}},\n"
            "        {\"s\": \"customer-1\", \"t\": \"Paid\", \"d\": {\"amount\": 3}}]"));
        list[0].causationId = QStringLiteral("cause");
        const Event v1 = upcaster->upcast(list[0]);
        QCOMPARE(v1.schemaVersion, 3);
        QCOMPARE(v1.type, QStringLiteral("OrderPlaced"));
        QCOMPARE(*json::parse(v1.data),
                 parsed(QStringLiteral("{\"shippingAddress\": {\"street\": \"1 Main St\", "
                                       "\"city\": \"Lyon\"}, \"currency\": \"EUR\"}")));
        QCOMPARE(v1.metadata, list[0].metadata); // untouched bytes
        for (auto field : {&Event::position, &Event::streamVersion, &Event::timeUs})
            QCOMPARE(v1.*field, list[0].*field);
        QCOMPARE(v1.stream, list[0].stream);
        QCOMPARE(v1.id, list[0].id);
        QCOMPARE(v1.causationId, list[0].causationId);
        QCOMPARE(v1.correlationId, list[0].correlationId);

        const Event v2 = upcaster->upcast(list[1]);
        QCOMPARE(v2.schemaVersion, 3);
        QCOMPARE(*json::parse(v2.data), parsed(QStringLiteral("{\"currency\": \"CHF\"}")));

        const Event renamed = upcaster->upcast(list[2]);
        QCOMPARE(renamed.type, QStringLiteral("PaymentCaptured"));
        QCOMPARE(renamed.schemaVersion, 4);
        QCOMPARE(*json::parse(renamed.metadata), parsed(QStringLiteral("{\"upcasted\": true}")));

        // Projections see upcasted events as any other.
        auto projection =
            program(QStringLiteral(
                        "fromAll().when({ PaymentCaptured: function (s, e) { s.v = e.schemaVersion; } });"))
                ->createProjection();
        projection->apply(std::span(&renamed, 1));
        QCOMPARE(projection->capture().global, parsed(QStringLiteral("{\"v\": 4}")));
    });
}

void TestJsProjection::upcasterErrors()
{
    guard([&] {
        const std::shared_ptr<ScriptProgram> code =
            program(QStringLiteral("upcast('OrderPlaced', 1, function (e) {\n"
                                   "  return { data: e.data.address.street };\n"
                                   "});\n"
                                   "upcast('Paid', 1, e => ({ ...e, schemaVersion: 0 }));\n"
                                   "upcast('Void', 1, e => undefined);\n"),
                    QStringLiteral("up.js"));
        auto upcaster = code->createUpcaster();
        std::vector<Event> list = events(QStringLiteral(
            "[{\"s\": \"order-1\", \"t\": \"OrderPlaced\"}, {\"s\": \"c-1\", \"t\": \"Paid\"},\n"
            "                                                        {\"s\": \"c-1\", \"t\": \"Void\"}]"));
        for (Event& e : list)
            e.position += 800;
        const ProjectionError thrown = errorOf([&] { upcaster->upcast(list[0]); });
        QVERIFY2(thrown.message.startsWith(QLatin1String("upcast('OrderPlaced', 1): TypeError: ")),
                 qPrintable(thrown.message));
        QCOMPARE(thrown.script, QStringLiteral("up.js"));
        QCOMPARE(thrown.line, 2);
        QCOMPARE(thrown.position, qint64(801));
        const ProjectionError version = errorOf([&] { upcaster->upcast(list[1]); });
        QCOMPARE(
            version.message,
            QStringLiteral(
                "upcast('Paid', 1): RangeError: the upcasted event's schemaVersion must be above 1, not 0"));
        QCOMPARE(version.position, qint64(802));
        const ProjectionError nothing = errorOf([&] { upcaster->upcast(list[2]); });
        QVERIFY2(nothing.message.startsWith(
                     QLatin1String("upcast('Void', 1): TypeError: the upcaster must return")),
                 qPrintable(nothing.message));

        const ProjectionError twice =
            errorOf([] { program(QStringLiteral("upcast('A', 1, e => e);\nupcast('A', 1, e => e);")); });
        QCOMPARE(twice.message, QStringLiteral("upcast('A', 1) is declared twice"));
        QCOMPARE(twice.line, 2);
    });
}

void TestJsProjection::upcasterChainAcrossScripts()
{
    guard([&] {
        replay::UpcasterChain chain;
        chain.add(program(QStringLiteral("upcast('X', 1, e => ({ ...e, data: { step: [1] } }));"))
                      ->createUpcaster());
        chain.add(program(QStringLiteral(
                              "upcast('X', 2, e => ({ ...e, data: { step: e.data.step.concat([2]) } }));"))
                      ->createUpcaster());
        QVERIFY(chain.handles(QStringLiteral("X"), 1));
        QVERIFY(chain.handles(QStringLiteral("X"), 2));
        QVERIFY(!chain.handles(QStringLiteral("X"), 3));
        const Event out = chain.upcast(events(QStringLiteral("[{\"s\": \"x-1\", \"t\": \"X\"}]"))[0]);
        QCOMPARE(out.schemaVersion, 3);
        QCOMPARE(*json::parse(out.data), parsed(QStringLiteral("{\"step\": [1, 2]}")));
    });
}

void TestJsProjection::worksOnAnotherThread()
{
    guard([&] {
        // Each thread loads its own program: engines are never shared.
        json::Value results[2];
        std::thread workers[2];
        for (int t = 0; t < 2; ++t) {
            workers[t] = std::thread([t, &results] {
                auto projection = program(QString::fromLatin1(globalScript))->createProjection();
                projection->apply(randomLog(40 + quint32(t), 500, 5));
                results[t] = projection->capture().global;
            });
        }
        for (std::thread& worker : workers)
            worker.join();
        for (int t = 0; t < 2; ++t) {
            auto reference = program(QString::fromLatin1(globalScript))->createProjection();
            reference->apply(randomLog(40 + quint32(t), 500, 5));
            QCOMPARE(results[t], reference->capture().global);
        }
    });
}

void TestJsProjection::valueConversionsAgree()
{
    guard([&] {
        QJSEngine engine; // a plain engine, running: the JSON-text versions call JSON.parse/stringify
        const json::Value value =
            parsed(QStringLiteral("{\"a\": [1, 2.5, -3, \"x\", null, true, {\"deep\": {\"er\": []}}], \"b\": "
                                  "\"üñí\\u0001\", \"c\": {}, \"d\": 1e300}"));
        QCOMPARE(fromJs(engine, toJs(engine, value)), value);
        QCOMPARE(fromJsViaJson(engine, toJsViaJson(engine, value)), value);
        QCOMPARE(fromJs(engine, toJsViaJson(engine, value)), value);
        QCOMPARE(fromJsViaJson(engine, toJs(engine, value)), value);
        QCOMPARE(fromJs(engine, toJs(engine, json::Value(3))), json::Value(3));

        // Which is faster, for the record (JsProjection uses the property way).
        json::Value state = json::Value::object();
        for (int i = 0; i < 20; ++i)
            state.insert(
                QStringLiteral("key%1").arg(i).toStdString(),
                parsed(
                    QStringLiteral("{\"qty\": %1, \"name\": \"sku-%1\", \"tags\": [\"a\", \"b\"]}").arg(i)));
        const auto time = [](auto&& f) {
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < 200; ++i)
                f();
            return double(timer.nsecsElapsed()) / 200 / 1000;
        };
        const QJSValue js = toJs(engine, state);
        qInfo("json::Value -> JS: properties %.1f us, JSON text %.1f us; JS -> json::Value: properties %.1f "
              "us, "
              "JSON text %.1f us",
              time([&] { toJs(engine, state); }), time([&] { toJsViaJson(engine, state); }),
              time([&] { fromJs(engine, js); }), time([&] { fromJsViaJson(engine, js); }));
    });
}

void TestJsProjection::exampleProjections_data()
{
    QTest::addColumn<QString>("file");
    for (const char* name : {"stock-per-sku.js", "revenue-per-day.js", "open-orders.js",
                             "invoices-vs-orders.js", "sample-invariants.js", "upcast-order-placed.js"})
        QTest::addRow("%s", name) << QString::fromLatin1(name);
}

// A small hand-written slice of the generated shop (bench/generator): one order's whole story.
static std::vector<Event> shopSample()
{
    return events(QStringLiteral(
        "[\n"
        "        {\"s\": \"sku-1\", \"t\": \"StockReceived\", \"d\": {\"sku\": \"sku-1\", \"qty\": 10, "
        "\"warehouse\": \"WH-LYON\", \"supplier\": \"Atelier Dupont\", \"purchaseOrder\": \"PO-100001\", "
        "\"reason\": \"opening-stock\"}, \"m\": {\"user\": \"goods-in\", \"service\": \"inventory\"}},\n"
        "        {\"s\": \"sku-2\", \"t\": \"StockReceived\", \"d\": {\"sku\": \"sku-2\", \"qty\": 3, "
        "\"warehouse\": \"WH-LYON\", \"supplier\": \"Atelier Dupont\", \"purchaseOrder\": \"PO-100002\", "
        "\"reason\": \"opening-stock\"}},\n"
        "        {\"s\": \"order-1\", \"t\": \"OrderPlaced\", \"d\": {\"customerId\": \"customer-7\", "
        "\"channel\": \"web\", \"currency\": \"EUR\", \"discountPercent\": 10, \"shipTo\": \"12 Via Roma, "
        "20121 Milano, IT\"}},\n"
        "        {\"s\": \"order-1\", \"t\": \"ItemAdded\", \"d\": {\"sku\": \"sku-1\", \"qty\": 2, "
        "\"unitPrice\": 5.49}},\n"
        "        {\"s\": \"sku-1\", \"t\": \"StockReserved\", \"d\": {\"sku\": \"sku-1\", \"qty\": 2, "
        "\"warehouse\": \"WH-LYON\"}},\n"
        "        {\"s\": \"order-1\", \"t\": \"ItemAdded\", \"d\": {\"sku\": \"sku-2\", \"qty\": 1, "
        "\"unitPrice\": 24.99}},\n"
        "        {\"s\": \"sku-2\", \"t\": \"StockReserved\", \"d\": {\"sku\": \"sku-2\", \"qty\": 1, "
        "\"warehouse\": \"WH-LYON\"}},\n"
        "        {\"s\": \"sku-1\", \"t\": \"PriceChanged\", \"d\": {\"sku\": \"sku-1\", \"oldPrice\": 5.49, "
        "\"newPrice\": 5.99, \"currency\": \"EUR\", \"reason\": \"supplier-cost\"}},\n"
        "        {\"s\": \"order-2\", \"t\": \"OrderPlaced\", \"v\": 2, \"d\": {\"customerId\": "
        "\"customer-8\", \"channel\": \"app\", \"currency\": \"EUR\", \"discountPercent\": 0, "
        "\"shippingAddress\": {\"street\": \"8 Avenue Foch\", \"postcode\": \"411 01\", \"city\": "
        "\"Göteborg\", \"country\": \"SE\"}}},\n"
        "        {\"s\": \"order-2\", \"t\": \"ItemAdded\", \"d\": {\"sku\": \"sku-2\", \"qty\": 1, "
        "\"unitPrice\": 24.99}},\n"
        "        {\"s\": \"sku-2\", \"t\": \"StockReserved\", \"d\": {\"sku\": \"sku-2\", \"qty\": 1, "
        "\"warehouse\": \"WH-LYON\"}},\n"
        "        {\"s\": \"order-2\", \"t\": \"ItemRemoved\", \"d\": {\"sku\": \"sku-2\", \"qty\": 1}},\n"
        "        {\"s\": \"sku-2\", \"t\": \"StockReleased\", \"d\": {\"sku\": \"sku-2\", \"qty\": 1, "
        "\"warehouse\": \"WH-LYON\", \"reason\": \"item-removed\"}},\n"
        "        {\"s\": \"order-2\", \"t\": \"OrderCancelled\", \"d\": {\"reason\": \"out-of-stock\"}},\n"
        "        {\"s\": \"customer-7\", \"t\": \"PaymentCaptured\", \"d\": {\"orderId\": \"order-1\", "
        "\"amount\": 38.84, \"currency\": \"EUR\", \"method\": \"card\"}},\n"
        "        {\"s\": \"invoice-1\", \"t\": \"InvoiceIssued\", \"d\": {\"orderId\": \"order-1\", "
        "\"customerId\": \"customer-7\", \"lines\": [{\"sku\": \"sku-1\", \"qty\": 2, \"unitPrice\": 5.49, "
        "\"amount\": 10.98}, {\"sku\": \"sku-2\", \"qty\": 1, \"unitPrice\": 24.99, \"amount\": 24.99}], "
        "\"subtotal\": 35.97, \"discount\": 3.60, \"tax\": 6.47, \"total\": 38.84, \"currency\": \"EUR\"}},\n"
        "        {\"s\": \"order-1\", \"t\": \"OrderShipped\", \"d\": {\"carrier\": \"DHL\", "
        "\"trackingNumber\": \"DHL1234567890\", \"warehouse\": \"WH-LYON\"}}\n"
        "    ]"));
}

void TestJsProjection::exampleProjections()
{
    guard([&] {
        QFETCH(QString, file);
        const QString path = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../resources/projections/") + file;
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const std::shared_ptr<ScriptProgram> code = ScriptProgram::load(path);
        QCOMPARE(code->fileName(), file);
        std::vector<Event> sample = shopSample();
        if (std::unique_ptr<JsUpcaster> upcaster = code->createUpcaster()) {
            for (Event& e : sample) {
                if (upcaster->handles(e.type, e.schemaVersion))
                    e = upcaster->upcast(e);
            }
            QCOMPARE(sample[2].schemaVersion, 2);
            QCOMPARE((*json::parse(sample[2].data))["shippingAddress"],
                     parsed(QStringLiteral("{\"street\": \"12 Via Roma\", \"postcode\": \"20121\", \"city\": "
                                           "\"Milano\", \"country\": \"IT\"}")));
        }
        if (code->definition().hasProjection) {
            auto projection = code->createProjection();
            QCOMPARE(projection->apply(sample), qsizetype(sample.size()));
            const ProjectionState state = projection->capture();
            const json::Value whole = projection->present(state.whole(projection->partitioning()));
            QVERIFY(!whole.isNull());
            qInfo().noquote() << file << QString::fromUtf8(json::toJson(whole));
            Checks checks = code->createChecks();
            for (const auto& check : checks) // a well-behaved log violates nothing
                QVERIFY2(check->kind() == Check::Kind::Breakpoint ||
                             !check->fires(sample.back(), projection->partition(QStringLiteral("order-1"))),
                         qPrintable(check->name()));
        }
    });
}

void TestJsProjection::sampleInvariantsFire()
{
    guard([&] {
        const std::shared_ptr<ScriptProgram> code = ScriptProgram::load(
            QStringLiteral(QT_TESTCASE_SOURCEDIR "/../resources/projections/sample-invariants.js"));
        std::vector<Event> sample = shopSample();
        // The overselling race: a reservation the stock does not cover; and the faulty billing deploy:
        // VAT added twice to the invoice total.
        sample[6].data = QByteArrayLiteral("{\"sku\":\"sku-2\",\"qty\":5,\"warehouse\":\"WH-LYON\"}");
        QByteArray invoice = sample[15].data;
        sample[15].data = invoice.replace("\"total\":38.84", "\"total\":45.31");
        auto projection = code->createProjection();
        Checks checks = code->createChecks();
        std::map<QString, qint64> firstFired;
        projection->apply(sample, [&](const Event& e, const QString& partition, bool changed) {
            for (const auto& check : checks) {
                if (!firstFired.count(check->name()) && firesAfterFold(*check, *projection, e, changed, [&] {
                        return projection->partition(partition);
                    }))
                    firstFired[check->name()] = e.position;
            }
            return true;
        });
        QCOMPARE(firstFired[QStringLiteral("stock never negative")], qint64(7));
        QCOMPARE(firstFired[QStringLiteral("invoice total equals order total")], qint64(16));
    });
}

void TestJsProjection::objectSpreadRewrite_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::addRow("alone") << QStringLiteral("x = {...a};") << QStringLiteral("x = Object.assign({}, (a));");
    QTest::addRow("members after") << QStringLiteral("f({...a, b: 1})")
                                   << QStringLiteral("f(Object.assign({}, (a), { b: 1}))");
    QTest::addRow("nested, trailing comma, array spread kept")
        << QStringLiteral("e => ({...e, data: {...e.data, x: 1}, y: [...e.list], })")
        << QStringLiteral("e => (Object.assign({}, (e), { data: Object.assign({}, (e.data), { x: 1}), y: "
                          "[...e.list] }))");
    QTest::addRow("lines kept") << QStringLiteral("x = {\n  a: 1,\n  ...b,\n  // c\n  d: 2\n}")
                                << QStringLiteral(
                                       "x = Object.assign({}, {\n  a: 1}, \n  (b), {\n  // c\n  d: 2\n})");
    QTest::addRow("strings, templates, regexps and comments")
        << QStringLiteral("s = '{...a}' + \"{...b}\" + `{...${ {...c}.d }}` + /{...e}/.source; // {...f}")
        << QStringLiteral("s = '{...a}' + \"{...b}\" + `{...${ Object.assign({}, (c)).d }}` + "
                          "/{...e}/.source; // {...f}");
    QTest::addRow("division is not a regexp") << QStringLiteral("f(a / 2, {...b}, c / 3)")
                                              << QStringLiteral("f(a / 2, Object.assign({}, (b)), c / 3)");
    QTest::addRow("destructuring left alone")
        << QStringLiteral("var {a, ...rest} = o;") << QStringLiteral("var {a, ...rest} = o;");
    QTest::addRow("no spread") << QStringLiteral("f(...args, { a: 1 })")
                               << QStringLiteral("f(...args, { a: 1 })");
}

void TestJsProjection::objectSpreadRewrite()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(rewriteObjectSpread(source), expected);
    QCOMPARE(rewriteObjectSpread(source).count(QLatin1Char('\n')), source.count(QLatin1Char('\n')));
}

void TestJsProjection::eventSerialisesWhole()
{
    guard([&] {
        // Handlers get getters (cheap); JSON.stringify still sees every field, upcasters a plain object.
        auto projection = program(QStringLiteral("fromAll().when({ $any: function (s, e) {\n"
                                                 "  s.json = JSON.parse(JSON.stringify(e));\n"
                                                 "  s.keys = Object.keys(e).length;\n"
                                                 "} });"))
                              ->createProjection();
        projection->apply(events(QStringLiteral("[{\"s\": \"a-1\", \"t\": \"X\", \"d\": {\"n\": 1}}]")));
        const json::Value state = projection->capture().global;
        QCOMPARE(state["json"]["data"], parsed(QStringLiteral("{\"n\": 1}")));
        QCOMPARE(state["json"]["streamId"], json::Value("a-1"));
        QCOMPARE(state["json"]["position"], json::Value(1));
        QCOMPARE(state["json"]["linkMetadata"], json::Value());
        QCOMPARE(state["keys"], json::Value(0)); // getters live on the prototype
    });
}

void TestJsProjection::newerBuiltIns()
{
    guard([&] {
        // ES2019+ built-ins Qt 6.4's engine lacks, provided by the prelude, and object spread.
        auto projection =
            program(QStringLiteral(
                        "fromAll().when({ $init: () => ({}), $any: (s, e) => ({ ...s,\n"
                        "  entries: Object.fromEntries([['a', 1]]), flat: [1, [2, [3]]].flat(Infinity),\n"
                        "  flatMap: [1, 2].flatMap(x => [x, x]), at: [1, 2, 3].at(-1), own: Object.hasOwn({ "
                        "q: 1 }, 'q'),\n"
                        "  trimmed: '  x '.trimStart().trimEnd(), replaced: 'a.b.c'.replaceAll('.', '$$'),\n"
                        "  last: [1, 2, 3].findLast(x => x < 3), global: typeof globalThis }) });"))
                ->createProjection();
        projection->apply(events(QStringLiteral("[{\"s\": \"a-1\", \"t\": \"X\"}]")));
        QCOMPARE(
            projection->capture().global,
            parsed(QStringLiteral("{\"entries\": {\"a\": 1}, \"flat\": [1, 2, 3], \"flatMap\": [1, 1, 2, 2], "
                                  "\"at\": 3, \"own\": true, \"trimmed\": \"x\", \"replaced\": \"a$b$c\", "
                                  "\"last\": 2, \"global\": \"object\"}")));
    });
}

void TestJsProjection::stateConversionEdges()
{
    guard([&] {
        // As JSON.stringify has them: undefined and functions left out, NaN null, a Date its ISO text.
        auto projection =
            program(QStringLiteral(
                        "fromAll().when({ $any: function (s, e) { s.gone = undefined; s.fn = function () {};"
                        " s.nan = NaN; s.list = [undefined, 1]; s.at = new Date(Date.UTC(2025, 2, 1, 0, 0, "
                        "0, 7)); } });"))
                ->createProjection();
        projection->apply(events(QStringLiteral("[{\"s\": \"a-1\", \"t\": \"X\"}]")));
        QCOMPARE(projection->capture().global,
                 parsed(QStringLiteral(
                     "{\"nan\": null, \"list\": [null, 1], \"at\": \"2025-03-01T00:00:00.007Z\"}")));

        // A state that refers to itself cannot be captured: an error, not a crash.
        auto cyclic = program(QStringLiteral("fromAll().when({ $any: function (s, e) { s.self = s; } });"),
                              QStringLiteral("cycle.js"))
                          ->createProjection();
        cyclic->apply(events(QStringLiteral("[{\"s\": \"a-1\", \"t\": \"X\"}]")));
        const ProjectionError error = errorOf([&] { cyclic->capture(); });
        QVERIFY2(error.message.contains(QLatin1String("refers to itself")), qPrintable(error.message));
        QCOMPARE(error.script, QStringLiteral("cycle.js"));
    });
}

// The replay engine moving back and forth (snapshots, lazy restores, per-stream rebuilds from the
// stream index) gives the straight fold's states.
void TestJsProjection::drivenByTheReplayEngine()
{
    guard([&] {
        const std::vector<Event> log = randomLog(77, 600, 15);
        for (const char* script : {perStreamScript, byKeyScript, globalScript}) {
            MemoryEventStore store(log);
            const std::shared_ptr<ScriptProgram> code = program(QString::fromLatin1(script));
            auto projection = code->createProjection();
            ReplayOptions options;
            options.fixedInterval = 32;
            options.batchSize = 50;
            ReplayEngine engine(store, *projection, nullptr, options);
            QRandomGenerator random(5);
            for (int round = 0; round < 15; ++round) {
                const qint64 at = random.bounded(qint64(log.size()) + 1);
                auto reference = code->createProjection();
                reference->apply(std::span(log).first(std::size_t(at)));
                const ProjectionState expected = reference->capture();
                const ProjectionState state = engine.stateAt(at);
                QCOMPARE(state.global, expected.global);
                QCOMPARE(state.partitions, expected.partitions);
                if (projection->partitioning() == Partitioning::ByStream) {
                    const QString stream = log[random.bounded(quint32(log.size()))].stream;
                    QCOMPARE(engine.partitionAt(stream, at), reference->partition(stream));
                }
            }
        }
    });
}

QTEST_GUILESS_MAIN(TestJsProjection)
#include "tst_jsprojection.moc"
