// Compensating events in the model: drafts and their audit trail, rules, the generic reversal,
// the what-if branch, appending to a workspace with an expected version.
#include "compensation/branchstore.h"
#include "compensation/compensationrules.h"
#include "compensation/drafter.h"
#include "compensation/draftjson.h"
#include "compensation/drafts.h"
#include "compensation/invariantbreaks.h"
#include "compensation/reversal.h"
#include "compensation/whatif.h"
#include "compensation/workspaceappend.h"
#include "importsession.h"
#include "memorystore.h"
#include "replay/builtinprojection.h"
#include "script/jsprojection.h"
#include "script/scriptprogram.h"
#include "testsupport.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace eventscope;
using namespace eventscope::compensation;
using namespace eventscope::testing;
using namespace Qt::StringLiterals;

namespace {

// A small stock log: sku-1 receives 5, two reservations of 3 (the second oversells), sku-2 receives 2.
std::vector<Event> stockLog()
{
    std::vector<Event> events;
    const auto add = [&](const QString& stream, const QString& type, const char* data) {
        Event e =
            makeEvent(stream, type, 1'000'000 * qint64(events.size() + 1), u"e%1"_s.arg(events.size() + 1));
        e.data = data;
        e.correlationId = u"c-"_s + stream;
        events.push_back(e);
    };
    add(u"sku-1"_s, u"StockReceived"_s, R"({"qty":5})");
    add(u"sku-1"_s, u"StockReserved"_s, R"({"qty":3})");
    add(u"sku-2"_s, u"StockReceived"_s, R"({"qty":2})");
    add(u"sku-1"_s, u"StockReserved"_s, R"({"qty":3})");
    return events;
}

const char* stockScript = R"js(
fromAll().foreachStream().when({
    $init: function () { return { stock: 0 }; },
    StockReceived: function (s, e) { s.stock += e.data.qty; },
    StockReserved: function (s, e) { s.stock -= e.data.qty; },
    StockReservedReversed: function (s, e) { s.stock -= e.data.qty; }
});
invariant('stock never negative', function (s) { return s.stock >= 0; });
)js";

void fill(Workspace& workspace, std::vector<Event> events)
{
    ImportSession session(workspace, MergeOrder::Source);
    ImportRecord record;
    record.path = u"fixture"_s;
    record.label = u"fixture"_s;
    record.format = u"test"_s;
    session.beginSource(record);
    for (Event& e : events)
        session.add(e);
    session.endSource(0, {});
    session.commit();
}

Draft draftOn(const QString& stream, const QString& type, const QByteArray& data, qint64 expectedVersion)
{
    Draft d;
    d.stream = stream;
    d.type = type;
    d.data = data;
    d.expectedVersion = expectedVersion;
    d.reason = u"test"_s;
    d.author = u"tester"_s;
    return d;
}

} // namespace

class TestCompensation : public QObject
{
    Q_OBJECT

private slots:
    void draftsKeepStatusAndAudit()
    {
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(u"w.eventscope"_s));
        Drafts drafts(workspace);
        auto stored = drafts.add({draftOn(u"sku-1"_s, u"StockReleased"_s, R"({"qty":3})", 3),
                                  draftOn(u"sku-2"_s, u"StockReleased"_s, R"({"qty":1})", 1)});
        QCOMPARE(stored.size(), std::size_t(2));
        QVERIFY(stored[0].id > 0 && !stored[0].eventId.isEmpty() && stored[0].createdUs > 0);
        QCOMPARE(drafts.all(), stored);

        Draft edited = stored[0];
        edited.data = R"({"qty":2})";
        drafts.update(edited, u"editor"_s);
        QCOMPARE(drafts.find(edited.id)->data, QByteArray(R"({"qty":2})"));
        // Moved to another stream, it expects where that stream ends (here: nowhere yet).
        Draft moved = stored[1];
        moved.stream = u"sku-7"_s;
        drafts.update(moved, u"editor"_s);
        QCOMPARE(drafts.find(moved.id)->expectedVersion, qint64(-1));
        moved.stream = u"sku-2"_s;
        drafts.update(moved, u"editor"_s);

        drafts.recordConflict({stored[1].id}, u"sku-2: moved on"_s, u"tester"_s);
        QCOMPARE(drafts.find(stored[1].id)->conflict, u"sku-2: moved on"_s);
        QCOMPARE(drafts.find(stored[1].id)->status, DraftStatus::Draft);

        drafts.markExported({stored[0].id}, u"out.jsonl (jsonl)"_s, u"tester"_s);
        QCOMPARE(drafts.find(stored[0].id)->status, DraftStatus::Exported);
        // An exported draft can still be appended, so a failed append is recorded on it too.
        drafts.recordConflict({stored[0].id}, u"sku-1: moved on"_s, u"tester"_s);
        QCOMPARE(drafts.find(stored[0].id)->conflict, u"sku-1: moved on"_s);
        drafts.markAppended({stored[0].id}, u"other.eventscope"_s, u"tester"_s);
        QCOMPARE(drafts.find(stored[0].id)->status, DraftStatus::Appended);
        QVERIFY(drafts.find(stored[0].id)->conflict.isEmpty());
        // What went out is history: it cannot be edited, deleted or appended again.
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, drafts.update(edited, u"editor"_s));
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, drafts.remove(stored[0].id, u"editor"_s));
        QVERIFY_THROWS_EXCEPTION(WorkspaceError, drafts.markAppended({stored[0].id}, u"x"_s, u"t"_s));

        drafts.remove(stored[1].id, u"tester"_s);
        QCOMPARE(drafts.all().size(), std::size_t(1));
        QStringList actions;
        for (const auto& entry : drafts.audit())
            actions << u"%1:%2"_s.arg(entry.draftId == stored[0].id ? u"a"_s : u"b"_s, entry.action);
        QCOMPARE(actions, (QStringList{u"a:drafted"_s, u"b:drafted"_s, u"a:edited"_s, u"b:edited"_s,
                                       u"b:edited"_s, u"b:conflict"_s, u"a:exported"_s, u"a:conflict"_s,
                                       u"a:appended"_s, u"b:deleted"_s}));
        QCOMPARE(drafts.audit(stored[0].id).at(1).detail, u"data"_s);
        QCOMPARE(drafts.audit(stored[0].id).at(1).author, u"editor"_s);
        // A deleted draft's id is never given again: its audit trail stays its own.
        const Draft next = drafts.add({draftOn(u"sku-3"_s, u"StockReleased"_s, "{}", 1)}).front();
        QVERIFY(next.id > stored[1].id);
        QCOMPARE(drafts.audit(next.id).size(), std::size_t(1));
    }

    void draftMetadataNamesTheCompensatedEvent()
    {
        Draft d = draftOn(u"invoice-1"_s, u"InvoiceCorrected"_s, R"({"total":10})", 1);
        d.causationId = u"ev-9"_s;
        d.correlationId = u"corr-1"_s;
        d.originType = u"InvoiceIssued"_s;
        d.originPosition = 9;
        d.extraMetadata = R"({"ticket":"OPS-1","reason":"overridden"})";
        d.createdUs = 1'700'000'000'000'000;
        const auto meta = json::parse(d.metadata());
        QVERIFY(meta);
        QCOMPARE((*meta)["causationId"].toQString(), u"ev-9"_s);
        QCOMPARE((*meta)["correlationId"].toQString(), u"corr-1"_s);
        QCOMPARE((*meta)["reason"].toQString(), u"test"_s); // the envelope's own keys win
        QCOMPARE((*meta)["ticket"].toQString(), u"OPS-1"_s);
        QCOMPARE((*meta)["author"].toQString(), u"tester"_s);
        QCOMPARE((*meta)["draftedAt"].toQString(), u"2023-11-14T22:13:20Z"_s);
        QCOMPARE((*meta)["compensates"]["position"].toDouble(), 9.0);
        const Event e = d.toEvent(5, 2);
        QCOMPARE(e.causationId, u"ev-9"_s);
        QCOMPARE(e.correlationId, u"corr-1"_s);
        QCOMPARE(e.streamVersion, qint64(2));
    }

    void eventsForDraftsNumberEachStream()
    {
        const std::vector<Event> events =
            eventsForDrafts({draftOn(u"a"_s, u"T"_s, "{}", 4), draftOn(u"b"_s, u"T"_s, "{}", -1),
                             draftOn(u"a"_s, u"T"_s, "{}", 4)},
                            42);
        QCOMPARE(events.size(), std::size_t(3));
        QCOMPARE(events[0].streamVersion, qint64(5));
        QCOMPARE(events[1].streamVersion, qint64(1)); // a new stream starts at 1, as in a workspace
        QCOMPARE(events[2].streamVersion, qint64(6));
        QCOMPARE(events[2].timeUs, qint64(42));
        // Message DB numbers a stream from 0.
        QCOMPARE(eventsForDrafts({draftOn(u"b"_s, u"T"_s, "{}", -1)}, 42, 0).front().streamVersion,
                 qint64(0));
    }

    void reversal_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("reversed");
        QTest::addRow("flat") << QByteArray(R"({"sku":"sku-1","qty":3,"price":1.5})")
                              << QByteArray(R"({"sku":"sku-1","qty":-3,"price":-1.5})");
        QTest::addRow("nested and arrays")
            << QByteArray(R"({"lines":[{"qty":2,"ok":true},{"qty":-1,"note":null}],"total":{"amount":10}})")
            << QByteArray(R"({"lines":[{"qty":-2,"ok":true},{"qty":1,"note":null}],"total":{"amount":-10}})");
        QTest::addRow("zero stays zero")
            << QByteArray(R"({"discount":0})") << QByteArray(R"({"discount":0})");
        QTest::addRow("not an object") << QByteArray("[1,2]") << QByteArray("{}");
    }

    void reversal()
    {
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, reversed);
        QCOMPARE(reversedData(data), reversed);
        QCOMPARE(reversedType(u"StockReserved"_s), u"StockReservedReversed"_s);
    }

    void rulesDraftEvents()
    {
        auto rules = CompensationRules::fromSource(uR"js(
compensate('StockReserved', function (e, state) {
    if (state.qty === undefined) throw new Error('no state');
    return [{type: 'StockReleased', data: {qty: e.data.qty}, reason: 'oversold'},
            {type: 'ReservationCancelled', stream: 'order-' + e.data.qty, data: {}}];
});
compensate('StockReceived', function () { return null; });
)js"_s,
                                                   u"rules.js"_s);
        QCOMPARE(rules->types(), (QStringList{u"StockReserved"_s, u"StockReceived"_s}));
        MemoryEventStore store(stockLog());
        Drafter drafter(store);
        DraftOptions options;
        options.rules = rules.get();
        options.reason = u"race"_s;
        options.author = u"tester"_s;
        const DraftingResult result = drafter.draft({*store.eventAt(4), *store.eventAt(1)}, options);
        QCOMPARE(result.drafts.size(), std::size_t(2));
        const Draft& released = result.drafts[0];
        QCOMPARE(released.stream, u"sku-1"_s);
        QCOMPARE(released.type, u"StockReleased"_s);
        QCOMPARE(released.data, QByteArray(R"({"qty":3})"));
        QCOMPARE(released.reason, u"oversold"_s); // the rule's own reason wins
        QCOMPARE(released.causationId, u"e4"_s);
        QCOMPARE(released.correlationId, u"c-sku-1"_s);
        QCOMPARE(released.expectedVersion, qint64(3)); // sku-1 ends at version 3
        QCOMPARE(released.origin, u"rule rules.js"_s);
        QCOMPARE(result.drafts[1].stream, u"order-3"_s);
        QCOMPARE(result.drafts[1].expectedVersion, qint64(-1)); // a stream with no event yet
        QCOMPARE(result.drafts[1].reason, u"race"_s);
        QCOMPARE(result.notes.size(), 1); // the StockReceived rule drafted nothing
    }

    void typesWithoutRuleAreReversed()
    {
        auto rules = CompensationRules::fromSource(u"compensate('Other', function () { return []; });"_s,
                                                   u"rules.js"_s);
        MemoryEventStore store(stockLog());
        DraftOptions options;
        options.rules = rules.get();
        const DraftingResult result = Drafter(store).draft({*store.eventAt(2)}, options);
        QCOMPARE(result.drafts.size(), std::size_t(1));
        QCOMPARE(result.drafts[0].type, u"StockReservedReversed"_s);
        QCOMPARE(result.drafts[0].data, QByteArray(R"({"qty":-3})"));
        QCOMPARE(result.drafts[0].origin, u"reversal"_s);
        QVERIFY(result.drafts[0].metadata().contains(R"("reverses":"e2")"));
    }

    void ruleErrors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("line");
        QTest::addRow("no type") << u"compensate('StockReserved', function (e) {\n  return {data: {}};\n});"_s
                                 << u"has no type"_s << 0;
        QTest::addRow("throws")
            << u"compensate('StockReserved', function (e) {\n  return e.data.missing.x;\n});"_s
            << u"TypeError"_s << 2;
        QTest::addRow("data not an object")
            << u"compensate('StockReserved', function () { return [{type: 'X', data: 5}]; });"_s
            << u"data must be an object"_s << 0;
    }

    void ruleErrors()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        QFETCH(int, line);
        auto rules = CompensationRules::fromSource(source, u"rules.js"_s);
        MemoryEventStore store(stockLog());
        try {
            rules->compensate(*store.eventAt(2), json::Value::object());
            QFAIL("the rule should have failed");
        } catch (const replay::ProjectionError& error) {
            QVERIFY2(error.message.contains(message), qPrintable(error.toString()));
            QVERIFY2(error.message.startsWith(u"compensate('StockReserved')"_s),
                     qPrintable(error.toString()));
            QCOMPARE(error.script, u"rules.js"_s);
            QCOMPARE(error.position, qint64(2));
            if (line > 0)
                QCOMPARE(error.line, line);
        }
    }

    void scriptWithoutRulesIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(replay::ProjectionError,
                                 CompensationRules::fromSource(u"fromAll().when({});"_s, u"p.js"_s));
    }

    void branchStoreReadsLikeTheConcatenation()
    {
        std::vector<Event> log = stockLog();
        MemoryEventStore base(log);
        std::vector<Event> extra = {makeEvent(u"sku-1"_s, u"StockReleased"_s, 9'000'000, u"x1"_s),
                                    makeEvent(u"sku-3"_s, u"StockReceived"_s, 9'500'000, u"x2"_s)};
        extra[0].streamVersion = 4; // as eventsForDrafts numbers them: after the stream's last version
        extra[1].streamVersion = 1;
        BranchStore branch(base, extra);
        std::vector<Event> all = log;
        all.insert(all.end(), extra.begin(), extra.end());
        MemoryEventStore expected(all);

        QCOMPARE(branch.count(), expected.count());
        QCOMPARE(branch.window(3, 10), expected.window(3, 10));
        QCOMPARE(branch.window(5, 1), expected.window(5, 1));
        QCOMPARE(branch.streamHistory(u"sku-1"_s), expected.streamHistory(u"sku-1"_s));
        QCOMPARE(branch.streamHistory(u"sku-1"_s, 4), expected.streamHistory(u"sku-1"_s, 4));
        for (qint64 t : {0LL, 2'000'000LL, 9'000'000LL, 9'200'000LL, 10'000'000LL})
            QCOMPARE(branch.positionAtTime(t), expected.positionAtTime(t));
        QCOMPARE(branch.timeAtPosition(6), expected.timeAtPosition(6));
        QCOMPARE(branch.timesAtPositions({1, 5, 6}), expected.timesAtPositions({1, 5, 6}));
        QCOMPARE(branch.positionOfId(u"x2"_s), expected.positionOfId(u"x2"_s));
        EventSelection selection;
        selection.stream = u"sku-1"_s;
        selection.fromPosition = 2;
        QCOMPARE(branch.filteredPositions(selection), expected.filteredPositions(selection));
        selection.limit = 2;
        QCOMPARE(branch.filteredPositions(selection), expected.filteredPositions(selection));
        QCOMPARE(branch.streamCount(), expected.streamCount());
        const auto typesOf = [](const std::vector<TypeCount>& types) {
            QStringList list;
            for (const TypeCount& t : types)
                list << u"%1=%2"_s.arg(t.type).arg(t.count);
            return list;
        };
        QCOMPARE(typesOf(branch.types()), typesOf(expected.types()));
        QCOMPARE(typesOf(branch.streamTypeCounts(u"sku-1"_s)),
                 typesOf(expected.streamTypeCounts(u"sku-1"_s)));
        QCOMPARE(branch.density(0, 10'000'000, 5), expected.density(0, 10'000'000, 5));
        std::vector<qint64> visited;
        branch.forEach({}, [&](const Event& e) {
            visited.push_back(e.position);
            return true;
        });
        QCOMPARE(visited, (std::vector<qint64>{1, 2, 3, 4, 5, 6}));
    }

    // The what-if state is the state of the log with the drafts really appended.
    void whatIfEqualsAppendingAndReplaying()
    {
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(u"w.eventscope"_s));
        fill(workspace, stockLog());
        WorkspaceStore store(workspace);
        auto program = script::ScriptProgram::fromSource(QString::fromUtf8(stockScript), u"stock.js"_s);
        auto projection = program->createProjection();
        replay::Checks checks = program->createChecks();
        replay::ReplayEngine engine(store, *projection);
        const auto breaks = invariantBreaks(engine, checks);
        QCOMPARE(breaks.size(), std::size_t(1));
        QCOMPARE(breaks[0].event.position, qint64(4));
        QCOMPARE(breaks[0].partition, u"sku-1"_s);

        DraftingResult drafted = Drafter(store).draft({breaks[0].event}, {});
        drafted.drafts.push_back(draftOn(u"sku-9"_s, u"StockReceived"_s, R"({"qty":4})", -1)); // a new stream
        Drafts drafts(workspace);
        const std::vector<Draft> stored = drafts.add(drafted.drafts);
        const WhatIfResult result = whatIf(store, stored, *projection, nullptr, checks);
        QCOMPARE(result.actualPosition, qint64(4));
        QCOMPARE(result.correctedPosition, qint64(6));
        QCOMPARE(result.actual[std::string_view("sku-1")]["stock"].toDouble(), -1.0);
        QCOMPARE(result.corrected[std::string_view("sku-1")]["stock"].toDouble(), 2.0);
        QCOMPARE(result.diff.size(), std::size_t(2)); // sku-1's stock, and sku-9 added
        QCOMPARE(result.invariants.size(), std::size_t(1));
        QCOMPARE(result.invariants[0].violatedActual, QStringList{u"sku-1"_s});
        QVERIFY(result.invariants[0].holdsCorrected());
        QCOMPARE(result.invariants[0].fixed(), QStringList{u"sku-1"_s});

        const WhatIfResult one = whatIf(store, stored, *projection, nullptr, checks, u"sku-1"_s);
        QCOMPARE(one.corrected["stock"].toDouble(), 2.0);

        replay::BuiltinProjection builtin;
        replay::Checks none;
        const WhatIfResult byStream = whatIf(store, stored, builtin, nullptr, none);

        appendToWorkspace(workspace, stored, result.draftEvents.front().timeUs);
        WorkspaceStore appended(workspace);
        auto fresh = program->createProjection();
        replay::ReplayEngine replayed(appended, *fresh);
        QCOMPARE(fresh->present(replayed.stateAt(appended.count()).partitions), result.corrected);
        replay::BuiltinProjection builtinAgain;
        replay::ReplayEngine replayedBuiltin(appended, builtinAgain);
        const json::Value afterAppend =
            builtinAgain.present(replayedBuiltin.stateAt(appended.count()).partitions);
        QCOMPARE(afterAppend[std::string_view("sku-9")]["$version"].toDouble(), 1.0);
        QVERIFY(afterAppend == byStream.corrected);
    }

    void appendChecksTheExpectedVersion()
    {
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(u"w.eventscope"_s));
        fill(workspace, stockLog());
        Drafts drafts(workspace);
        const auto stored = drafts.add({draftOn(u"sku-1"_s, u"StockReleased"_s, R"({"qty":3})", 3),
                                        draftOn(u"sku-9"_s, u"StockReceived"_s, R"({"qty":1})", -1)});
        // Another writer appends to sku-1 after the drafts were made: a conflict, nothing written.
        fill(workspace, {makeEvent(u"sku-1"_s, u"StockReceived"_s, 20'000'000, u"late"_s)});
        const qint64 before = WorkspaceStore(workspace).count();
        try {
            appendToWorkspace(workspace, stored, 30'000'000);
            QFAIL("the append should have conflicted");
        } catch (const AppendConflictError& error) {
            QCOMPARE(error.conflicts().size(), std::size_t(1));
            QCOMPARE(error.conflicts()[0].stream, u"sku-1"_s);
            QCOMPARE(error.conflicts()[0].expected, qint64(3));
            QCOMPARE(error.conflicts()[0].actual, qint64(4));
            QVERIFY(error.message().contains(u"nothing was written"_s));
        }
        QCOMPARE(WorkspaceStore(workspace).count(), before);

        // Rebased on where the streams end now, they go through.
        QCOMPARE(drafts.rebase({stored[0].id, stored[1].id}, u"tester"_s).size(), std::size_t(1));
        const Draft fresh = *drafts.find(stored[0].id);
        QCOMPARE(fresh.expectedVersion, qint64(4));
        const AppendResult result = appendToWorkspace(workspace, {fresh, stored[1]}, 30'000'000, [&] {
            drafts.markAppended({fresh.id, stored[1].id}, u"w.eventscope"_s, u"tester"_s);
        });
        QCOMPARE(result.firstPosition, before + 1);
        QCOMPARE(result.events[0].streamVersion, qint64(5));
        QCOMPARE(result.events[1].streamVersion, qint64(1));
        WorkspaceStore after(workspace);
        QCOMPARE(after.count(), before + 2);
        const Event written = *after.eventAt(before + 1);
        QCOMPARE(written.id, fresh.eventId);
        QCOMPARE(written.type, u"StockReleased"_s);
        QCOMPARE(drafts.find(fresh.id)->status, DraftStatus::Appended);
    }

    void appendRefusesDraftsOfOneStreamWithDifferentExpectations()
    {
        QTemporaryDir dir;
        Workspace workspace(dir.filePath(u"w.eventscope"_s));
        fill(workspace, stockLog());
        try {
            appendToWorkspace(
                workspace, {draftOn(u"sku-1"_s, u"A"_s, "{}", 3), draftOn(u"sku-1"_s, u"B"_s, "{}", 2)}, 1);
            QFAIL("drafts of one stream expecting two versions should conflict");
        } catch (const AppendConflictError& error) {
            QVERIFY2(error.message().contains(u"drafts of it expect both version 3 and version 2"_s),
                     qPrintable(error.message()));
        }
    }

    void editedDraftText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<int>("line");
        QTest::addRow("fine") << QByteArray(
                                     R"({"stream":"s","type":"T","data":{"qty":1,"sku":"a"},"reason":"r"})")
                              << QString() << 0;
        QTest::addRow("malformed") << QByteArray("{\n  \"stream\": \"s\",\n  \"type\": }")
                                   << u"not well-formed"_s << 3;
        QTest::addRow("no type") << QByteArray(R"({"stream":"s","data":{"qty":1,"sku":"a"}})")
                                 << u"\"type\" must be"_s << 0;
        QTest::addRow("data not an object") << QByteArray(R"({"stream":"s","type":"T","data":[1]})")
                                            << u"\"data\" must be a JSON object"_s << 0;
        QTest::addRow("a field the rule expects")
            << QByteArray(R"({"stream":"s","type":"T","data":{"qty":1}})") << u"data lacks \"sku\""_s << 0;
        QTest::addRow("unknown member")
            << QByteArray(R"({"stream":"s","type":"T","data":{"qty":1,"sku":"a"},"x":1})")
            << u"unknown member \"x\""_s << 0;
    }

    void editedDraftText()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, problem);
        QFETCH(int, line);
        Draft d = draftOn(u"old"_s, u"Old"_s, "{}", 1);
        const QStringList expected =
            expectedDataFields({draftOn(u"a"_s, u"T"_s, R"({"qty":1,"sku":"x","note":"n"})", 1),
                                draftOn(u"b"_s, u"T"_s, R"({"qty":2,"sku":"y"})", 1)},
                               u"T"_s);
        QCOMPARE(expected, (QStringList{u"qty"_s, u"sku"_s}));
        const auto problems = applyEditedDraftText(d, text, expected);
        if (problem.isEmpty()) {
            QVERIFY(problems.empty());
            QCOMPARE(d.type, u"T"_s);
            QCOMPARE(d.reason, u"r"_s);
            QCOMPARE(applyEditedDraftText(d, editableDraftText(d)).size(), std::size_t(0));
            return;
        }
        QVERIFY(!problems.empty());
        QVERIFY2(problems.front().message.contains(problem), qPrintable(problems.front().message));
        QCOMPARE(problems.front().line, line);
        QCOMPARE(d.type, u"Old"_s); // unchanged
    }
};

QTEST_GUILESS_MAIN(TestCompensation)
#include "tst_compensation.moc"
