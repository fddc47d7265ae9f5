// The filter language: parsing, errors with their columns, and its two back ends — SQL over a
// workspace and evaluation in memory — which must agree with each other and with the expected
// matches over a fixture log (tests/data/filter/events.jsonl, plus a few payloads no importer
// would write: invalid JSON, an empty binary payload).
#include "filter/filter.h"
#include "filter/filterservice.h"
#include "filter/filtersql.h"
#include "importjob.h"
#include "importsession.h"
#include "memorystore.h"
#include "timeformat.h"
#include "workspace.h"
#include "workspacestore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace eventscope;
using eventscope::filter::Filter;
using eventscope::filter::FilterError;
using Positions = std::vector<qint64>;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Positions)

namespace {

Positions range(qint64 first, qint64 last)
{
    Positions p;
    for (qint64 i = first; i <= last; ++i)
        p.push_back(i);
    return p;
}

Positions allBut(std::initializer_list<qint64> excluded)
{
    Positions p;
    for (qint64 i = 1; i <= 20; ++i) {
        if (std::find(excluded.begin(), excluded.end(), i) == excluded.end())
            p.push_back(i);
    }
    return p;
}

QString describe(const Positions& positions)
{
    QStringList parts;
    for (qint64 p : positions)
        parts.append(QString::number(p));
    return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
}

} // namespace

class TestFilter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<WorkspaceStore> m_store;
    std::unique_ptr<MemoryEventStore> m_memory;

    static Filter compiled(const QString& source)
    {
        FilterError error;
        const std::optional<Filter> filter = Filter::compile(source, &error);
        if (!filter)
            qFatal("%s does not compile: %s", qPrintable(source), qPrintable(error.toString()));
        return *filter;
    }

    // Events 18-20: payloads the importers never produce, but a live source or an older file may.
    static void addOddEvents(Workspace& workspace)
    {
        ImportSession session(workspace, MergeOrder::Source);
        session.beginSource({0,
                             QStringLiteral("/tmp/odd"),
                             QStringLiteral("odd"),
                             QStringLiteral("test"),
                             0,
                             QStringLiteral("odd-sha"),
                             0,
                             0,
                             0,
                             0,
                             {}});
        const qint64 day = *parseTimestamp(QStringLiteral("2025-03-06T00:00:00Z"));
        Event invalid;
        invalid.id = QStringLiteral("x18");
        invalid.stream = QStringLiteral("order-6");
        invalid.type = QStringLiteral("OrderPlaced");
        invalid.timeUs = day;
        invalid.data = QByteArrayLiteral("not json {\"total\": 5");
        session.add(invalid);
        Event binary;
        binary.id = QStringLiteral("x19");
        binary.stream = QStringLiteral("order-6");
        binary.type = QStringLiteral("Snapshot");
        binary.timeUs = day + 60 * 1000000;
        binary.rawData = QByteArray("\x08\x96\x01", 3);
        binary.contentType = QStringLiteral("application/x-protobuf");
        session.add(binary);
        Event noted;
        noted.id = QStringLiteral("x20");
        noted.stream = QStringLiteral("order-6");
        noted.type = QStringLiteral("OrderNoted");
        noted.timeUs = day + 120 * 1000000;
        noted.causationId = QStringLiteral("e16");
        noted.data = QByteArrayLiteral(R"({"note": "x", "total": null})");
        noted.metadata = QByteArrayLiteral(R"({"user": "frank"})");
        session.add(noted);
        session.endSource(0, {});
        session.commit();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("filter.eventscope"));
        m_workspace = std::make_unique<Workspace>(m_path);
        importers::ImportRequest request;
        request.files = {QFINDTESTDATA("data/filter/events.jsonl")};
        request.order = MergeOrder::Source;
        request.strict = true;
        const importers::ImportReport report = importers::runImport(*m_workspace, request);
        QCOMPARE(report.status, importers::ImportReport::Status::Completed);
        QCOMPARE(report.accepted, 17);
        addOddEvents(*m_workspace);
        m_store = std::make_unique<WorkspaceStore>(*m_workspace);
        QCOMPARE(m_store->count(), 20);
        // The same events, as the workspace holds them, for the in-memory evaluation.
        m_memory = std::make_unique<MemoryEventStore>(m_store->window(1, 20));
        QCOMPARE(m_memory->events().size(), size_t(20));
        QCOMPARE(m_memory->events()[11].streamVersion, 3); // order-1's third event
    }

    void cleanupTestCase()
    {
        m_memory.reset();
        m_store.reset();
        m_workspace.reset();
    }

    void sqlAndMemoryAgree_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<Positions>("expected");

        // Envelope fields.
        QTest::addRow("type ==") << u"type == \"OrderPlaced\""_s << Positions{1, 3, 5, 8, 13, 16, 18};
        QTest::addRow("type !=") << u"type != \"OrderPlaced\""_s << allBut({1, 3, 5, 8, 13, 16, 18});
        QTest::addRow("stream regex") << u"stream ~ \"^order-1\""_s << Positions{1, 2, 8, 9, 12};
        QTest::addRow("stream anchored") << u"stream ~ \"^order-1$\""_s << Positions{1, 2, 12};
        QTest::addRow("stream !~") << u"stream !~ \"order\""_s << Positions{4, 7, 11, 15};
        QTest::addRow("stream non-ASCII") << u"stream == \"customer-öz\""_s << Positions{11};
        QTest::addRow("stream ordered as text")
            << u"stream > \"order-4\""_s << Positions{4, 15, 16, 17, 18, 19, 20};
        QTest::addRow("category") << u"category == \"order\""_s << allBut({4, 7, 11, 15});
        QTest::addRow("category without a dash") << u"category == \"inventory\""_s << Positions{7};
        QTest::addRow("category in") << u"category in [\"sku\", \"customer\"]"_s << Positions{4, 11, 15};
        QTest::addRow("dash but not order")
            << u"stream ~ \"-\" && !(category == \"order\")"_s << Positions{4, 11, 15};
        QTest::addRow("time from a date") << u"time >= \"2025-03-05\""_s << range(15, 20);
        QTest::addRow("time unquoted") << u"time < 2025-03-01T09:10:00Z"_s << Positions{1, 2};
        QTest::addRow("time window")
            << u"time >= \"2025-03-03T00:00:01Z\" && time <= \"2025-03-03T08:00:00Z\""_s << Positions{9, 10};
        QTest::addRow("time exact with fraction") << u"time == \"2025-03-03T00:00:01.5Z\""_s << Positions{9};
        QTest::addRow("position in") << u"position in [1, 5, 20, 99]"_s << Positions{1, 5, 20};
        QTest::addRow("position >") << u"position > 17"_s << Positions{18, 19, 20};
        QTest::addRow("negative literal") << u"position >= -1 && position < 3"_s << Positions{1, 2};
        QTest::addRow("literal first") << u"3 > position"_s << Positions{1, 2};
        QTest::addRow("version ==") << u"version == 3"_s << Positions{12, 20};
        QTest::addRow("version fraction")
            << u"version < 1.5"_s << Positions{1, 3, 4, 5, 7, 8, 11, 13, 15, 16, 18};
        QTest::addRow("version and category")
            << u"version >= 2 && category == \"order\""_s << Positions{2, 6, 9, 10, 12, 14, 17, 19, 20};
        QTest::addRow("causation ==") << u"causation == \"e1\""_s << Positions{2, 12};
        QTest::addRow("causation null")
            << u"causation == null"_s << Positions{1, 3, 5, 7, 8, 11, 13, 14, 15, 16, 18, 19};
        QTest::addRow("correlation empty text")
            << u"correlation == \"\""_s << Positions{7, 11, 15, 18, 19, 20};
        QTest::addRow("correlation not in")
            << u"exists correlation && !(correlation in [\"corr-1\", \"corr-2\"])"_s
            << Positions{5, 6, 8, 9, 13, 14, 16, 17};
        QTest::addRow("id regex") << u"id ~ \"^e1[0-9]$\""_s << range(10, 17);
        QTest::addRow("empty regex") << u"type ~ \"\""_s << range(1, 20);

        // Payload comparisons: typed, missing reads as no match except for == null.
        QTest::addRow("the issue's example")
            << u"type == \"OrderPlaced\" && data.total > 100 && stream ~ \"^order-\" && time >= \"2025-03-01\""_s
            << Positions{1, 8};
        QTest::addRow("number >=") << u"data.total >= 100"_s << Positions{1, 8, 16};
        QTest::addRow("number <") << u"data.total < 100"_s << Positions{3, 13};
        QTest::addRow("string is not a number") << u"data.total == \"100\""_s << Positions{5};
        QTest::addRow("string order") << u"data.total > \"0\""_s << Positions{5};
        QTest::addRow("!= negates ==") << u"data.total != 100"_s << allBut({16});
        QTest::addRow("== null: missing or null")
            << u"data.total == null"_s << Positions{2, 4, 6, 7, 9, 10, 11, 12, 14, 15, 17, 18, 19, 20};
        QTest::addRow("!= null") << u"data.total != null"_s << Positions{1, 3, 5, 8, 13, 16};
        QTest::addRow("exists counts null") << u"exists data.reason"_s << Positions{6};
        QTest::addRow("null member is null") << u"data.reason == null"_s << range(1, 20);
        QTest::addRow("exists") << u"exists data.total"_s << Positions{1, 3, 5, 8, 13, 16, 20};
        QTest::addRow("bool true") << u"data.customer.vip == true"_s << Positions{1};
        QTest::addRow("bool false") << u"data.customer.vip == false"_s << Positions{3};
        QTest::addRow("bool !=") << u"data.customer.vip != true"_s << allBut({1});
        QTest::addRow("array index") << u"data.lines[0].sku == \"sku-1\""_s << Positions{1};
        QTest::addRow("index out of range") << u"data.lines[1].sku == \"sku-1\""_s << Positions{};
        QTest::addRow("quoted key") << u"data[\"unit-price\"] == 4"_s << Positions{8};
        QTest::addRow("quoted key inside") << u"data.counts[\"sku-7\"] >= 3"_s << Positions{7};
        QTest::addRow("array at the root") << u"data[0] == 1"_s << Positions{14};
        QTest::addRow("an array is not its JSON text") << u"data.flags == \"[1,2,3]\""_s << Positions{};
        QTest::addRow("nor is an object")
            << u"data.customer != '{\"id\":\"c-2\",\"vip\":false}'"_s << range(1, 20);
        QTest::addRow("deep path") << u"data.nested.deep.deeper.value == 42"_s << Positions{15};
        QTest::addRow("array element") << u"data.flags[2] == 3"_s << Positions{9};
        QTest::addRow("zero") << u"data.qty == 0"_s << Positions{15};
        QTest::addRow("fractions") << u"data.unitPrice > 7.49 && data.unitPrice < 7.51"_s << Positions{2};
        QTest::addRow("exponent in the payload") << u"data.total == 1000"_s << Positions{8};
        QTest::addRow("text in") << u"data.sku in [\"sku-1\", \"sku-9\"]"_s << Positions{10, 15, 17};
        QTest::addRow("number in") << u"data.qty in [1, 3]"_s << Positions{2, 4, 10};
        QTest::addRow("mixed in with null")
            << u"data.total in [100, \"100\", null]"_s << allBut({1, 3, 8, 13});
        QTest::addRow("not in") << u"data.qty !in [1, 3]"_s << allBut({2, 4, 10});
        QTest::addRow("payload regex")
            << u"data.currency ~ \"^(EUR|USD)$\" && !(data.currency == \"USD\")"_s << Positions{1, 5, 8, 16};
        QTest::addRow("non-ASCII text") << u"data.name ~ \"Zoë\""_s << Positions{11};
        QTest::addRow("non-ASCII key") << u"data.größe == \"L\""_s << Positions{17};
        QTest::addRow("astral text") << u"data.emoji == \"😀\""_s << Positions{17};
        QTest::addRow("whole payload exists") << u"exists data"_s << allBut({18, 19});
        QTest::addRow("whole payload null") << u"data == null"_s << Positions{18, 19};
        QTest::addRow("metadata") << u"metadata.user == \"alice\""_s << Positions{1, 2};
        QTest::addRow("metadata array") << u"metadata.tags[1] == \"urgent\""_s << Positions{6};
        QTest::addRow("metadata exists") << u"exists metadata.user"_s << allBut({18, 19});
        QTest::addRow("not exists") << u"not exists metadata.user"_s << Positions{18, 19};
        QTest::addRow("case-insensitive regex") << u"metadata.user ~ \"(?i)^ZOË$\""_s << Positions{11};
        QTest::addRow("null and text") << u"data.note ~ \"x\" && data.total == null"_s << Positions{20};

        // Precedence and words.
        QTest::addRow("or, and, in")
            << u"(type == \"ItemAdded\" || type == \"OrderShipped\") and metadata.user in [\"alice\", \"frank\"]"_s
            << Positions{2, 17};
        QTest::addRow("&& binds tighter than ||")
            << u"!(position <= 18) || type == \"OrderPlaced\" && data.paid == false"_s
            << Positions{13, 19, 20};
        QTest::addRow("! on a comparison")
            << u"!type == \"OrderPlaced\""_s << allBut({1, 3, 5, 8, 13, 16, 18});
        QTest::addRow("or word") << u"position == 1 or position == 20"_s << Positions{1, 20};
    }

    void sqlAndMemoryAgree()
    {
        QFETCH(QString, source);
        QFETCH(Positions, expected);
        const Filter filter = compiled(source);
        WorkspaceStore store(*m_workspace); // a new store: the unguarded SQL first, as in the GUI
        const Positions sql = store.matchingPositions(filter);
        const Positions memory = m_memory->matchingPositions(filter);
        QVERIFY2(sql == memory, qPrintable(u"SQL %1, memory %2"_s.arg(describe(sql), describe(memory))));
        QVERIFY2(sql == expected,
                 qPrintable(u"got %1, expected %2"_s.arg(describe(sql), describe(expected))));
        // Events 1-17 hold only JSON payloads: the unguarded SQL answers alone there.
        WorkspaceStore jsonOnly(*m_workspace);
        QCOMPARE(jsonOnly.matchingPositions(filter, 1, 17), m_memory->matchingPositions(filter, 1, 17));
        // And the guarded SQL agrees too, once a store has met a payload that is not JSON.
        QCOMPARE(m_store->matchingPositions(filter), expected);
    }

    void fallsBackOnPayloadsThatAreNotJson()
    {
        const Filter filter = compiled(u"data.total > 100"_s);
        const filter::SqlCondition fast = filter::toSql(filter, filter::InvalidJson::Fails);
        QVERIFY(!QString::fromStdString(fast.sql).contains(QLatin1String("json_valid")));
        QVERIFY(QString::fromStdString(filter::toSql(filter).sql).contains(QLatin1String("json_valid")));
        // Run as it is, the cheap SQL stops at event 18's payload...
        filter::registerSqlFunctions(m_workspace->database());
        auto query = m_workspace->database().prepare("SELECT count(*) FROM events e WHERE " + fast.sql);
        fast.bind(query);
        bool malformed = false;
        try {
            query.step();
        } catch (const sqlite::Error& error) {
            malformed = filter::isMalformedJson(error);
        }
        QVERIFY(malformed);
        // ...which the store notices and answers with the guarded SQL.
        WorkspaceStore store(*m_workspace);
        QCOMPARE(store.matchingPositions(filter), (Positions{1, 8}));
        // Text equality needs no type test, unless the text could be an array's or object's JSON.
        const auto sqlOf = [](const QString& source) {
            return QString::fromStdString(filter::toSql(compiled(source)).sql);
        };
        QVERIFY(!sqlOf(u"data.sku == \"sku-1\""_s).contains(QLatin1String("json_type")));
        QVERIFY(sqlOf(u"data.sku == \"[1,2]\""_s).contains(QLatin1String("json_type")));
        QVERIFY(sqlOf(u"data.qty == 1"_s).contains(QLatin1String("json_type")));
    }

    void restrictsToAPositionRange()
    {
        const Filter filter = compiled(u"type == \"OrderPlaced\""_s);
        QCOMPARE(m_store->matchingPositions(filter, 4, 15), (Positions{5, 8, 13}));
        QCOMPARE(m_memory->matchingPositions(filter, 4, 15), (Positions{5, 8, 13}));
        QCOMPARE(m_store->matchingPositions(filter, 14, 0), (Positions{16, 18}));
        QCOMPARE(m_memory->matchingPositions(filter, 0, 3), (Positions{1, 3}));
    }

    void bindsEveryValue()
    {
        // Nothing the user typed reaches the SQL text: values, paths and patterns are parameters.
        const QString hostile = u"x'); DROP TABLE events; --"_s;
        const Filter filter = compiled(
            u"type == \"OrderPlaced\" && data[\"it's\"].total > 100 && stream ~ \"^order-\" "
            "&& time >= \"2025-03-01\" && (id == \"%1\" || metadata.user in [\"al'ice\", 7])"_s.arg(hostile));
        const filter::SqlCondition sql = filter::toSql(filter);
        const QString text = QString::fromStdString(sql.sql);
        for (const char* typed :
             {"OrderPlaced", "it's", "total", "order-", "2025", "DROP", "al'ice", "user", "100", "7"})
            QVERIFY2(!text.contains(QLatin1String(typed)), qPrintable(text));
        QCOMPARE(qsizetype(sql.values.size()), text.count(QLatin1Char('?')));
        QVERIFY(std::find(sql.values.begin(), sql.values.end(),
                          filter::SqlCondition::Value(hostile.toStdString())) != sql.values.end());
        QCOMPARE(m_store->matchingPositions(filter), Positions{});
        QCOMPARE(m_store->count(), 20); // the table is still there
    }

    void timesOfPositions()
    {
        const Positions positions{1, 9, 20, 21, 0};
        const std::vector<qint64> times = m_store->timesAtPositions(positions);
        QCOMPARE(times.size(), size_t(3)); // 21 and 0 are outside the log
        QCOMPARE(times[0], *parseTimestamp(QStringLiteral("2025-03-01T09:00:00Z")));
        QCOMPARE(times[1], *parseTimestamp(QStringLiteral("2025-03-03T00:00:01.5Z")));
        QCOMPARE(m_memory->timesAtPositions(positions), times);
    }

    void errorsPointAtTheirPlace_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("message");

        QTest::addRow("empty") << QString() << 1 << 0 << u"the filter is empty"_s;
        QTest::addRow("misspelt field") << u"typ == \"OrderPlaced\""_s << 1 << 3 << u"did you mean type?"_s;
        QTest::addRow("another tool's name") << u"eventType == \"A\""_s << 1 << 9 << u"did you mean type?"_s;
        QTest::addRow("unknown field")
            << u"position > 1 && colour == \"red\""_s << 17 << 6 << u"unknown field colour"_s;
        QTest::addRow("single =") << u"type = \"X\""_s << 6 << 1 << u"use =="_s;
        QTest::addRow("single &") << u"data.x & data.y"_s << 8 << 1 << u"use &&"_s;
        QTest::addRow("time from a word")
            << u"time > \"yesterday\""_s << 8 << 11 << u"\"yesterday\" is not a date or time"_s;
        QTest::addRow("impossible date") << u"time > 2025-13-01"_s << 8 << 10 << u"is not a date or time"_s;
        QTest::addRow("time from a number") << u"time == 5"_s << 9 << 1 << u"time takes a date or time"_s;
        QTest::addRow("regex on a number")
            << u"position ~ \"1\""_s << 10 << 1 << u"matches text, and position is a number"_s;
        QTest::addRow("regex on time") << u"time ~ \"2025\""_s << 6 << 1 << u"compare times with"_s;
        QTest::addRow("regex needs text")
            << u"data.x ~ 5"_s << 10 << 1 << u"needs a regular expression in quotes"_s;
        QTest::addRow("bad regex") << u"stream ~ \"(unclosed\""_s << 10 << 11
                                   << u"invalid regular expression"_s;
        QTest::addRow("unquoted text") << u"type == OrderPlaced"_s << 9 << 11 << u"put text in quotes"_s;
        QTest::addRow("number in quotes") << u"version == \"3\""_s << 12 << 3 << u"write it without quotes"_s;
        QTest::addRow("text without quotes")
            << u"type == 5"_s << 9 << 1 << u"type is text: put the value in quotes"_s;
        QTest::addRow("missing value") << u"type =="_s << 8 << 0 << u"expected a value"_s;
        QTest::addRow("missing condition") << u"type == \"A\" &&"_s << 15 << 0 << u"expected a condition"_s;
        QTest::addRow("unclosed paren")
            << u"(type == \"A\""_s << 13 << 0 << u"expected ) to close the ( at column 1"_s;
        QTest::addRow("stray paren") << u"type == \"A\")"_s << 12 << 1 << u"closes nothing"_s;
        QTest::addRow("missing operator")
            << u"type == \"A\" type == \"B\""_s << 13 << 4 << u"expected && or ||"_s;
        QTest::addRow("bare field") << u"data.flag && type == \"A\""_s << 1 << 9
                                    << u"data.flag alone is not a condition"_s;
        QTest::addRow("ordering a bool") << u"data.total > true"_s << 14 << 4 << u"true has no order"_s;
        QTest::addRow("never null") << u"position == null"_s << 13 << 4 << u"position is never null"_s;
        QTest::addRow("exists on an envelope field")
            << u"exists stream"_s << 1 << 13 << u"stream is always present"_s;
        QTest::addRow("empty list") << u"type in []"_s << 9 << 2 << u"an empty list matches nothing"_s;
        QTest::addRow("two values") << u"\"A\" == \"B\""_s << 1 << 10 << u"compare a field with a value"_s;
        QTest::addRow("two fields") << u"type == stream"_s << 1 << 14
                                    << u"comparing two fields is not supported"_s;
        QTest::addRow("unterminated") << u"type == \"Order"_s << 9 << 6 << u"unterminated text"_s;
        QTest::addRow("members of a text field")
            << u"stream.name == \"x\""_s << 7 << 1 << u"stream has no members"_s;
        QTest::addRow("time in a payload")
            << u"data.at > 2025-03-01"_s << 11 << 10 << u"a time is text: put it in quotes"_s;
        QTest::addRow("quote in a key") << u"data[\"a\\\"b\"] == 1"_s << 6 << 6 << u"cannot be filtered on"_s;
        QTest::addRow("not in needs in") << u"type ! [\"A\"]"_s << 8 << 1 << u"expected in after !"_s;
    }

    void errorsPointAtTheirPlace()
    {
        QFETCH(QString, source);
        QFETCH(int, column);
        QFETCH(int, length);
        QFETCH(QString, message);
        FilterError error;
        QVERIFY(!Filter::compile(source, &error));
        QVERIFY2(error.message.contains(message), qPrintable(error.toString()));
        QCOMPARE(error.column(), column);
        QCOMPARE(error.length, length);
        QVERIFY(error.toString().startsWith(u"column %1: "_s.arg(column)));
    }

    void parsesWhatUsersWrite_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addRow("spaces everywhere") << u"  ( type==\"A\"||type  ==  'B' )  "_s;
        QTest::addRow("single quotes and escapes") << u"data.note == 'it\\'s \\u00e9\\n'"_s;
        QTest::addRow("regex escapes kept") << u"stream ~ \"^order-\\d+$\""_s;
        QTest::addRow("trailing comma") << u"type in [\"A\", \"B\",]"_s;
        QTest::addRow("exponent") << u"data.total > 1.5e3"_s;
        QTest::addRow("time with offset") << u"time >= 2025-03-01T12:00:00+02:00"_s;
        QTest::addRow("nested not") << u"!!(position > 1)"_s;
        QTest::addRow("not in words") << u"type not in [\"A\"]"_s;
    }

    void parsesWhatUsersWrite()
    {
        QFETCH(QString, source);
        FilterError error;
        const std::optional<Filter> filter = Filter::compile(source, &error);
        QVERIFY2(filter, qPrintable(error.toString()));
        QCOMPARE(filter->source(), source);
        // Compiles to SQL SQLite accepts.
        m_store->matchingPositions(*filter);
    }

    void escapesReadAsIntended()
    {
        Event e;
        e.data = QByteArrayLiteral("{\"note\": \"it's \\u00e9\\n\", \"path\": \"a\\\\b\"}");
        QVERIFY(compiled(u"data.note == 'it\\'s \\u00e9\\n'"_s).matches(e));
        QVERIFY(compiled(u"data.path == \"a\\\\b\""_s).matches(e));
        e.stream = QStringLiteral("order-42");
        QVERIFY(compiled(u"stream ~ \"^order-\\d+$\""_s).matches(e));
        QVERIFY(!compiled(u"stream ~ \"^order-\\d$\""_s).matches(e));
    }

    void readsPayloadOnlyWhenAsked()
    {
        QVERIFY(!compiled(u"type == \"A\" && position > 3"_s).readsPayload());
        QVERIFY(compiled(u"type == \"A\" || !(data.x == 1)"_s).readsPayload());
        QVERIFY(compiled(u"exists metadata.user"_s).readsPayload());
    }

    void cancelledScansStopQuietly()
    {
        // Enough events for SQLite to poll a few times; the scan is cancelled after its first poll.
        Workspace workspace(m_dir.filePath(QStringLiteral("cancel.eventscope")));
        {
            ImportSession session(workspace, MergeOrder::Source);
            session.beginSource({0,
                                 QStringLiteral("/tmp/many"),
                                 QStringLiteral("many"),
                                 QStringLiteral("test"),
                                 0,
                                 QStringLiteral("many-sha"),
                                 0,
                                 0,
                                 0,
                                 0,
                                 {}});
            for (int i = 0; i < 20000; ++i) {
                Event e;
                e.id = QString::number(i);
                e.stream = QStringLiteral("s-%1").arg(i % 100);
                e.type = QStringLiteral("T");
                e.timeUs = i;
                e.data = QStringLiteral(R"({"n": %1})").arg(i).toUtf8();
                session.add(e);
            }
            session.endSource(0, {});
            session.commit();
        }
        WorkspaceStore store(workspace);
        const Filter everything = compiled(u"data.n >= 0"_s);
        QCOMPARE(store.matchingPositions(everything).size(), size_t(20000));
        int polls = 0;
        const auto cancelAfterFirstPoll = [&polls] { return ++polls > 1; };
        const Positions partial = store.matchingPositions(everything, 0, 0, cancelAfterFirstPoll);
        QVERIFY(polls > 1);
        QVERIFY(partial.size() < 20000);
        // The connection stays usable, without the progress handler.
        QCOMPARE(store.matchingPositions(compiled(u"position == 2"_s)), Positions{2});

        MemoryEventStore memory(store.window(1, 20000));
        polls = 0;
        QVERIFY(memory.matchingPositions(everything, 0, 0, cancelAfterFirstPoll).size() < 20000);
    }

    void serviceDeliversOnlyTheLatest()
    {
        filter::FilterService service(m_path);
        QSignalSpy finished(&service, &filter::FilterService::finished);
        QSignalSpy failed(&service, &filter::FilterService::failed);
        service.request(compiled(u"type == \"OrderPlaced\""_s));
        const quint64 latest = service.request(compiled(u"data.qty in [1, 3]"_s));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(failed.count(), 0);
        const auto result = finished.first().first().value<filter::FilterResult>();
        QCOMPARE(result.generation, latest);
        QCOMPARE(result.source, u"data.qty in [1, 3]"_s);
        QCOMPARE(*result.positions, (Positions{2, 4, 10}));
        // Nothing else arrives later.
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);

        service.request(compiled(u"position == 1"_s));
        service.cancel();
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
    }

    void serviceReportsAMissingWorkspace()
    {
        filter::FilterService service(m_dir.filePath(QStringLiteral("gone.eventscope")));
        QSignalSpy failed(&service, &filter::FilterService::failed);
        const quint64 generation = service.request(compiled(u"position == 1"_s));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().toULongLong(), generation);
        QVERIFY(failed.first().at(1).toString().contains(QLatin1String("gone.eventscope")));
    }
};

QTEST_MAIN(TestFilter)
#include "tst_filter.moc"
