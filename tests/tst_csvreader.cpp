#include "csv/csvfieldtyping.h"
#include "csv/csvparser.h"
#include "csv/csvreader.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <iterator>

using namespace eventscope;
using namespace eventscope::importers;

namespace {

// Renders what the parser produced: "line:field|field" with quoted fields in quotes, or
// "!line:column reason" for a malformed record.
class ParserLog final : public CsvParser::Handler
{
public:
    bool record(const CsvRecord& record) override
    {
        QStringList fields;
        for (qsizetype i = 0; i < record.size(); ++i) {
            const std::string_view text = record.field(i);
            QString field = QString::fromUtf8(text.data(), qsizetype(text.size()));
            if (record.quoted(i))
                field = QLatin1Char('"') + field + QLatin1Char('"');
            fields << field;
        }
        lines << QString::number(record.line()) + QLatin1Char(':') + fields.join(QLatin1Char('|'));
        return true;
    }
    bool malformed(const CsvIssue& issue) override
    {
        lines << QStringLiteral("!%1:%2 %3").arg(issue.line).arg(issue.column).arg(issue.reason);
        return true;
    }

    QStringList lines;
};

QStringList parse(const QByteArray& input, qsizetype chunk, CsvParser& parser)
{
    ParserLog log;
    for (qsizetype at = 0; at < input.size(); at += chunk) {
        const QByteArray part = input.mid(at, chunk);
        parser.feed(std::string_view(part.constData(), size_t(part.size())), log);
    }
    parser.finish(log);
    return log.lines;
}

// Records every sink call; can ask the reader to stop at a chosen point.
class RecordingSink final : public EventSink
{
public:
    bool event(Event&& event, const RecordPlace& place) override
    {
        events << QStringLiteral("%1:%2 %3 %4 %5 id=%6 v=%7 %8")
                      .arg(place.line)
                      .arg(place.column)
                      .arg(event.stream, event.type, formatTimestamp(event.timeUs), event.id)
                      .arg(event.streamVersion)
                      .arg(QString::fromUtf8(event.data));
        full.push_back(std::move(event));
        return stopAfterEvents < 0 || events.size() < stopAfterEvents;
    }
    bool rejected(const RecordIssue& issue) override
    {
        rejections
            << QStringLiteral("%1:%2 %3").arg(issue.place.line).arg(issue.place.column).arg(issue.reason);
        return !stopOnRejection;
    }
    void warning(const RecordIssue& issue) override
    {
        warnings
            << QStringLiteral("%1:%2 %3").arg(issue.place.line).arg(issue.place.column).arg(issue.reason);
    }
    bool progress(qint64 bytesRead) override
    {
        progressed << bytesRead;
        return !stopOnProgress;
    }
    void note(const QString& text) override { notes << text; }

    QStringList events;
    std::vector<Event> full;
    QStringList rejections;
    QStringList warnings;
    QStringList notes;
    QList<qint64> progressed;
    qsizetype stopAfterEvents = -1;
    bool stopOnRejection = false;
    bool stopOnProgress = false;
};

const QString quoteReason =
    QStringLiteral("quote inside an unquoted field (quote the whole field and double the quotes in it)");
const QString afterQuoteReason = QStringLiteral("text after the closing quote of a field");
const QString unterminatedReason =
    QStringLiteral("unterminated quoted field: no closing quote before the end of the file");
const QString customMap = QStringLiteral("stream=aggregateId,type=eventType,time=occurredAt,id=eventId");

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void parser_data();
    void parser();
    void parserChunkingNeverMatters();
    void parserTabs();
    void parserBoundsRecordSize();
    void typing_data();
    void typing();
    void detect_data();
    void detect();
    void read_data();
    void read();
    void readFixtureMessageDb();
    void readFixtureMalformed();
    void noMappingFails();
    void notedOnce();
    void progressReported();
    void stopHonoured_data();
    void stopHonoured();
    void missingFile();
};

void TestCsvReader::parser_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("plain") << QByteArray("a,b\n1,2\n") << QStringList{u"1:a|b"_qs, u"2:1|2"_qs};
    QTest::addRow("crlf") << QByteArray("a,b\r\n1,2\r\n") << QStringList{u"1:a|b"_qs, u"2:1|2"_qs};
    QTest::addRow("cr only") << QByteArray("a,b\r1,2\r") << QStringList{u"1:a|b"_qs, u"2:1|2"_qs};
    QTest::addRow("no final newline") << QByteArray("a,b\n1,2") << QStringList{u"1:a|b"_qs, u"2:1|2"_qs};
    QTest::addRow("blank lines") << QByteArray("a,b\n\n1,2\n\r\n\n3,4\n\n")
                                 << QStringList{u"1:a|b"_qs, u"3:1|2"_qs, u"6:3|4"_qs};
    QTest::addRow("bom") << QByteArray("\xEF\xBB\xBF"
                                       "a,b\n1,2\n")
                         << QStringList{u"1:a|b"_qs, u"2:1|2"_qs};
    QTest::addRow("bom then quote") << QByteArray("\xEF\xBB\xBF\"a\",b\n") << QStringList{u"1:\"a\"|b"_qs};
    QTest::addRow("header only") << QByteArray("a,b,c\n") << QStringList{u"1:a|b|c"_qs};
    QTest::addRow("empty") << QByteArray() << QStringList{};
    QTest::addRow("quoted") << QByteArray("\"a\",\"b\"\n") << QStringList{u"1:\"a\"|\"b\""_qs};
    QTest::addRow("doubled quotes") << QByteArray("\"say \"\"hi\"\"\",x\n")
                                    << QStringList{u"1:\"say \"hi\"\"|x"_qs};
    QTest::addRow("only a doubled quote") << QByteArray("\"\"\"\"\n") << QStringList{u"1:\"\"\""_qs};
    QTest::addRow("embedded comma") << QByteArray("\"a,b\",c\n") << QStringList{u"1:\"a,b\"|c"_qs};
    QTest::addRow("embedded lf") << QByteArray("\"x\ny\",z\nnext,1\n")
                                 << QStringList{u"1:\"x\ny\"|z"_qs, u"3:next|1"_qs};
    QTest::addRow("embedded crlf") << QByteArray("\"x\r\ny\",z\r\nnext,1\r\n")
                                   << QStringList{u"1:\"x\r\ny\"|z"_qs, u"3:next|1"_qs};
    QTest::addRow("embedded cr") << QByteArray("\"x\ry\",z\rnext,1")
                                 << QStringList{u"1:\"x\ry\"|z"_qs, u"3:next|1"_qs};
    QTest::addRow("empty fields") << QByteArray(",,\n\"\",x\n") << QStringList{u"1:||"_qs, u"2:\"\"|x"_qs};
    QTest::addRow("spaces kept") << QByteArray(" a , b \n") << QStringList{u"1: a | b "_qs};
    QTest::addRow("quote in unquoted field")
        << QByteArray("a,b\nab\"c,d\nok,1\n")
        << QStringList{u"1:a|b"_qs, u"!2:3 "_qs + quoteReason, u"3:ok|1"_qs};
    QTest::addRow("space before quote") << QByteArray("a, \"b\"\n") << QStringList{u"!1:4 "_qs + quoteReason};
    QTest::addRow("text after closing quote")
        << QByteArray("\"ab\"c,d\nok,1\n") << QStringList{u"!1:5 "_qs + afterQuoteReason, u"2:ok|1"_qs};
    // After an error the record still ends where its quotes say, not at the next physical line.
    QTest::addRow("resync after error")
        << QByteArray("x\"y,\"multi\nline\"\nok\n") << QStringList{u"!1:2 "_qs + quoteReason, u"3:ok"_qs};
    QTest::addRow("first error wins")
        << QByteArray("a\"b,\"c\"d\n") << QStringList{u"!1:2 "_qs + quoteReason};
    QTest::addRow("unterminated quote at eof")
        << QByteArray("a,b\n1,\"open\n2,3\n") << QStringList{u"1:a|b"_qs, u"!2:3 "_qs + unterminatedReason};
    QTest::addRow("unterminated after other error")
        << QByteArray("a\"b,\"c\n") << QStringList{u"!1:5 "_qs + unterminatedReason};
    QTest::addRow("invalid byte") << QByteArray("a,b\nx,\xFFy\nok,1\n")
                                  << QStringList{u"1:a|b"_qs, u"!2:3 invalid UTF-8: byte 0xFF"_qs,
                                                 u"3:ok|1"_qs};
    QTest::addRow("truncated sequence")
        << QByteArray("a,\xC3(\n") << QStringList{u"!1:3 invalid UTF-8: incomplete multi-byte sequence"_qs};
    QTest::addRow("truncated at eof")
        << QByteArray("a,b\n\xE2\x82")
        << QStringList{u"1:a|b"_qs, u"!2:1 invalid UTF-8: incomplete multi-byte sequence"_qs};
    QTest::addRow("overlong") << QByteArray("\xC0\xAF") << QStringList{u"!1:1 invalid UTF-8: byte 0xC0"_qs};
    QTest::addRow("surrogate") << QByteArray("ok,\xED\xA0\x80")
                               << QStringList{u"!1:4 invalid UTF-8: incomplete multi-byte sequence"_qs};
    QTest::addRow("partial bom") << QByteArray("\xEF\xBB")
                                 << QStringList{u"!1:1 invalid UTF-8: incomplete multi-byte sequence"_qs};
    // Columns count characters, not bytes: é and € are one column each.
    QTest::addRow("columns in characters")
        << QByteArray("\xC3\xA9,\xE2\x82\xAC,\"x\"y\n") << QStringList{u"!1:8 "_qs + afterQuoteReason};
    QTest::addRow("multibyte kept") << QByteArray("\xC3\xA9t\xC3\xA9,\xF0\x9F\x98\x80\n")
                                    << QStringList{QStringLiteral("1:\u00E9t\u00E9|") +
                                                   QString::fromUtf8("\xF0\x9F\x98\x80")};
}

void TestCsvReader::parser()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    // The same bytes in one piece and cut everywhere: chunk boundaries must not matter.
    for (const qsizetype chunk :
         {qsizetype(1), qsizetype(2), qsizetype(3), qsizetype(7), qMax<qsizetype>(1, input.size())}) {
        CsvParser parser;
        QCOMPARE(parse(input, chunk, parser), expected);
    }
}

void TestCsvReader::parserChunkingNeverMatters()
{
    // Random mixes of everything the state machine decides on, cut at every chunk size.
    static const QByteArray pieces[] = {"a",  "bc",   ",",        "\"",   "\"\"", "\n",
                                        "\r", "\r\n", "\xC3\xA9", "\xC3", "\xFF", " "};
    QRandomGenerator random(4180);
    for (int round = 0; round < 300; ++round) {
        QByteArray input;
        const int length = random.bounded(1, 40);
        for (int i = 0; i < length; ++i)
            input += pieces[random.bounded(int(std::size(pieces)))];
        CsvParser whole;
        const QStringList expected = parse(input, input.size(), whole);
        for (qsizetype chunk = 1; chunk <= 13; ++chunk) {
            CsvParser parser;
            QCOMPARE(parse(input, chunk, parser), expected);
        }
    }
}

void TestCsvReader::parserTabs()
{
    CsvParser parser('\t');
    QCOMPARE(parse("a\tb,c\n\"x\ty\"\t2\n", 64, parser), (QStringList{u"1:a|b,c"_qs, u"2:\"x\ty\"|2"_qs}));
}

void TestCsvReader::parserBoundsRecordSize()
{
    {
        CsvParser parser(',', 8);
        const QByteArray input = "short\n" + QByteArray(20, 'x') + "\nok\n";
        QCOMPARE(parse(input, 3, parser),
                 (QStringList{u"1:short"_qs, u"!2:1 record is larger than 8 bytes"_qs, u"3:ok"_qs}));
        CsvParser wholeInput(',', 8);
        QCOMPARE(parse(input, input.size(), wholeInput),
                 (QStringList{u"1:short"_qs, u"!2:1 record is larger than 8 bytes"_qs, u"3:ok"_qs}));
    }
    {
        // An unterminated quote that runs to the end still names the quote, not the size.
        CsvParser parser(',', 8);
        const QByteArray input = "a,\"" + QByteArray(100, 'x');
        QCOMPARE(parse(input, 5, parser), (QStringList{u"!1:3 "_qs + unterminatedReason}));
    }
}

void TestCsvReader::typing_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("quoted");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("int") << QByteArray("42") << false << QByteArray("42");
    QTest::addRow("quoted int") << QByteArray("42") << true << QByteArray("42");
    QTest::addRow("negative") << QByteArray("-17") << false << QByteArray("-17");
    QTest::addRow("zero") << QByteArray("0") << false << QByteArray("0");
    QTest::addRow("decimal") << QByteArray("3.14") << false << QByteArray("3.14");
    QTest::addRow("negative decimal") << QByteArray("-0.5") << false << QByteArray("-0.5");
    QTest::addRow("exponent") << QByteArray("1.5e3") << false << QByteArray("1.5e3");
    QTest::addRow("2^53") << QByteArray("9007199254740992") << false << QByteArray("9007199254740992");
    QTest::addRow("-2^53") << QByteArray("-9007199254740992") << false << QByteArray("-9007199254740992");
    QTest::addRow("2^53+1") << QByteArray("9007199254740993") << false << QByteArray("\"9007199254740993\"");
    QTest::addRow("huge int") << QByteArray("12345678901234567890") << false
                              << QByteArray("\"12345678901234567890\"");
    QTest::addRow("15 digits") << QByteArray("123456789.123456") << false << QByteArray("123456789.123456");
    QTest::addRow("16 digits") << QByteArray("0.1234567890123456") << false
                               << QByteArray("\"0.1234567890123456\"");
    QTest::addRow("overflow") << QByteArray("1e400") << false << QByteArray("\"1e400\"");
    QTest::addRow("leading zero") << QByteArray("007") << false << QByteArray("\"007\"");
    QTest::addRow("leading zero decimal") << QByteArray("00.5") << false << QByteArray("\"00.5\"");
    QTest::addRow("bare fraction") << QByteArray(".5") << false << QByteArray("\".5\"");
    QTest::addRow("trailing dot") << QByteArray("5.") << false << QByteArray("\"5.\"");
    QTest::addRow("plus sign") << QByteArray("+5") << false << QByteArray("\"+5\"");
    QTest::addRow("padded number") << QByteArray(" 42") << false << QByteArray("\" 42\"");
    QTest::addRow("nan") << QByteArray("NaN") << false << QByteArray("\"NaN\"");
    QTest::addRow("true") << QByteArray("true") << false << QByteArray("true");
    QTest::addRow("FALSE") << QByteArray("FALSE") << false << QByteArray("false");
    QTest::addRow("True") << QByteArray("True") << false << QByteArray("true");
    QTest::addRow("yes") << QByteArray("yes") << false << QByteArray("\"yes\"");
    QTest::addRow("null text") << QByteArray("null") << false << QByteArray("\"null\"");
    QTest::addRow("empty") << QByteArray() << false << QByteArray("null");
    QTest::addRow("empty quoted") << QByteArray() << true << QByteArray("\"\"");
    QTest::addRow("object") << QByteArray("{\"a\": [1, 2]}") << true << QByteArray("{\"a\":[1,2]}");
    QTest::addRow("array") << QByteArray("[1,\n2]") << true << QByteArray("[1,2]");
    QTest::addRow("spaces in json strings kept")
        << QByteArray("{ \"a b\" : \" x \" }") << false << QByteArray("{\"a b\":\" x \"}");
    QTest::addRow("not json") << QByteArray("{bad") << false << QByteArray("\"{bad\"");
    QTest::addRow("bracketed text") << QByteArray("[draft] note") << false << QByteArray("\"[draft] note\"");
    QTest::addRow("json scalar text") << QByteArray("\"x\"") << true << QByteArray("\"\\\"x\\\"\"");
    QTest::addRow("escapes") << QByteArray("say \"hi\" \\o/") << true
                             << QByteArray("\"say \\\"hi\\\" \\\\o/\"");
    QTest::addRow("controls") << QByteArray("a\nb\tc\r\x01") << true << QByteArray("\"a\\nb\\tc\\r\\u0001\"");
    QTest::addRow("unicode") << QByteArray("caf\xC3\xA9 \xE2\x82\xAC") << false
                             << QByteArray("\"caf\xC3\xA9 \xE2\x82\xAC\"");
}

void TestCsvReader::typing()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, quoted);
    QFETCH(QByteArray, expected);

    CsvFieldTyping typing;
    std::string out;
    typing.appendValue(out, std::string_view(text.constData(), size_t(text.size())), quoted);
    QCOMPARE(QByteArray::fromStdString(out), expected);

    // Whatever the type, the output is valid JSON.
    QJsonParseError error;
    QJsonDocument::fromJson("[" + QByteArray::fromStdString(out) + "]", &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestCsvReader::detect_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<int>("atLeast");
    QTest::addColumn<int>("atMost");

    const QByteArray csv = "id,type,time\n1,a,2024\n2,b,\"x,y\"\n";
    QTest::addRow("csv") << csv << u"events.csv"_qs << 90 << 100;
    QTest::addRow("csv by content") << csv << u"events.txt"_qs << 60 << 80;
    QTest::addRow("csv with bom") << QByteArray("\xEF\xBB\xBF" + csv) << u"events.csv"_qs << 90 << 100;
    QTest::addRow("tsv") << QByteArray("id\ttype\n1\ta\n") << u"events.tsv"_qs << 90 << 100;
    QTest::addRow("tsv by content") << QByteArray("id\ttype\n1\ta\n") << u"events"_qs << 60 << 80;
    QTest::addRow("header only") << QByteArray("a,b,c\n") << u"x.csv"_qs << 60 << 80;
    QTest::addRow("cut head") << QByteArray("a,b\n1,2\n3,\"long text cut he") << u"x.log"_qs << 60 << 80;
    QTest::addRow("inconsistent rows") << QByteArray("a,b,c\n1,2\n3\n") << u"x.txt"_qs << 0 << 40;
    QTest::addRow("jsonl") << QByteArray("{\"a\":1,\"b\":2}\n{\"a\":3,\"b\":4}\n") << u"x.jsonl"_qs << 0 << 0;
    QTest::addRow("jsonl named csv") << QByteArray("{\"a\":1,\"b\":2}\n{\"a\":3,\"b\":4}\n") << u"x.csv"_qs
                                     << 0 << 0;
    QTest::addRow("json array") << QByteArray("[{\"a\":1},\n{\"a\":2}]") << u"x.json"_qs << 0 << 0;
    QTest::addRow("indented json") << QByteArray("\n  {\"a\": 1,\n\"b\": 2}") << u"x.json"_qs << 0 << 0;
    QTest::addRow("prose") << QByteArray("hello world\nsecond line\n") << u"notes.txt"_qs << 0 << 0;
    QTest::addRow("binary") << QByteArray("\x0a\x05\x08\x01\x00\x02,\x03", 8) << u"x.bin"_qs << 0 << 0;
    QTest::addRow("empty") << QByteArray() << u"x.txt"_qs << 0 << 0;
}

void TestCsvReader::detect()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, fileName);
    QFETCH(int, atLeast);
    QFETCH(int, atMost);
    const int confidence = CsvReader().detect(head, fileName);
    QVERIFY2(confidence >= atLeast && confidence <= atMost, qPrintable(QString::number(confidence)));
}

void TestCsvReader::read_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("mapping");
    QTest::addColumn<QStringList>("events");
    QTest::addColumn<QStringList>("rejections");

    const QByteArray header = "eventId,aggregateId,eventType,occurredAt,amount,note\n";
    const QString t0 = u"2024-01-01T00:00:00Z"_qs;

    QTest::addRow("typed data")
        << QByteArray("eventId,aggregateId,eventType,occurredAt,amount,price,code,flag,note,payload\n"
                      "e1,order-1,Placed,2024-01-01T00:00:00Z,42,-3.5,007,TRUE,,\"{\"\"k\"\": [1, 2]}\"\n")
        << u"x.csv"_qs << customMap
        << QStringList{u"2:1 order-1 Placed "_qs + t0 +
                       uR"( id=e1 v=-1 {"amount":42,"price":-3.5,"code":"007","flag":true,"note":null,"payload":{"k":[1,2]}})"_qs}
        << QStringList{};
    QTest::addRow("strings escaped")
        << QByteArray("eventId,aggregateId,eventType,occurredAt,\"we\"\"ird\"\n"
                      "e1,order-1,Placed,2024-01-01T00:00:00Z,\"a \"\"q\"\" \\ b\nc\"\n")
        << u"x.csv"_qs << customMap
        << QStringList{u"2:1 order-1 Placed "_qs + t0 + uR"( id=e1 v=-1 {"we\"ird":"a \"q\" \\ b\nc"})"_qs}
        << QStringList{};
    QTest::addRow("crlf bom blank lines no final newline")
        << QByteArray("\xEF\xBB\xBF"
                      "eventId,aggregateId,eventType,occurredAt\r\n\r\n"
                      "e1,order-1,Placed,2024-01-01T00:00:00Z\r\n\r\n"
                      "e2,order-1,Paid,2024-01-01T00:00:01Z")
        << u"x.csv"_qs << customMap
        << QStringList{u"3:1 order-1 Placed "_qs + t0 + u" id=e1 v=-1 {}"_qs,
                       u"5:1 order-1 Paid 2024-01-01T00:00:01Z id=e2 v=-1 {}"_qs}
        << QStringList{};
    QTest::addRow("header only") << header << u"x.csv"_qs << customMap << QStringList{} << QStringList{};
    QTest::addRow("header only without newline")
        << header.chopped(1) << u"x.csv"_qs << customMap << QStringList{} << QStringList{};
    QTest::addRow("empty file") << QByteArray() << u"x.csv"_qs << customMap << QStringList{} << QStringList{};
    QTest::addRow("wrong field counts")
        << QByteArray(header + "e1,order-1,Placed,2024-01-01T00:00:00Z,1\n"
                               "e2,order-1,Placed,2024-01-01T00:00:00Z,1,x,extra\n"
                               "e3\n"
                               "e4,order-1,Placed,2024-01-01T00:00:00Z,4,\"ok\"\n")
        << u"x.csv"_qs << customMap
        << QStringList{u"5:1 order-1 Placed "_qs + t0 + uR"( id=e4 v=-1 {"amount":4,"note":"ok"})"_qs}
        << QStringList{u"2:1 row has 5 fields, header has 6"_qs, u"3:1 row has 7 fields, header has 6"_qs,
                       u"4:1 row has 1 field, header has 6"_qs};
    QTest::addRow("malformed fields name their column")
        << QByteArray(header + "e1,order-1,Pla\"ced,2024-01-01T00:00:00Z,1,x\n"
                               "e2,order-1,Placed,2024-01-01T00:00:00Z,1,\"x\"y\n"
                               "e3,order-1,Placed,2024-01-01T00:00:00Z,\xFF,x\n"
                               "e4,order-1,Placed,2024-01-01T00:00:00Z,2,\"open\nnever closed\n")
        << u"x.csv"_qs << customMap << QStringList{}
        << QStringList{u"2:15 "_qs + quoteReason + u" (column \"eventType\")"_qs,
                       u"3:45 "_qs + afterQuoteReason + u" (column \"note\")"_qs,
                       u"4:40 invalid UTF-8: byte 0xFF (column \"amount\")"_qs,
                       u"5:42 "_qs + unterminatedReason + u" (column \"note\")"_qs};
    QTest::addRow("mapper rejects a row")
        << QByteArray(header + "e1,order-1,Placed,yesterday,1,x\n") << u"x.csv"_qs << customMap
        << QStringList{}
        << QStringList{
               u"2:1 field 'occurredAt' (time) is not an RFC 3339 timestamp or epoch number: \"yesterday\""_qs};
    QTest::addRow("tsv") << QByteArray("eventId\taggregateId\teventType\toccurredAt\tnote\n"
                                       "e1\torder-1\tPlaced\t2024-01-01T00:00:00Z\ta, b\n")
                         << u"x.tsv"_qs << customMap
                         << QStringList{u"2:1 order-1 Placed "_qs + t0 + uR"( id=e1 v=-1 {"note":"a, b"})"_qs}
                         << QStringList{};
    QTest::addRow("preset detected")
        << QByteArray("stream,type,time,id,streamVersion,data\n"
                      "cart-1,ItemAdded,2024-01-01T00:00:00Z,x1,3,\"{\"\"sku\"\":\"\"A\"\"}\"\n")
        << u"x.csv"_qs << QString()
        << QStringList{u"2:1 cart-1 ItemAdded "_qs + t0 + uR"( id=x1 v=3 {"sku":"A"})"_qs} << QStringList{};
    QTest::addRow("header names trimmed")
        << QByteArray("eventId, aggregateId, eventType, occurredAt\ne1,order-1,Placed,2024-01-01T00:00:00Z\n")
        << u"x.csv"_qs << customMap << QStringList{u"2:1 order-1 Placed "_qs + t0 + u" id=e1 v=-1 {}"_qs}
        << QStringList{};
}

void TestCsvReader::read()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, fileName);
    QFETCH(QString, mapping);
    QFETCH(QStringList, events);
    QFETCH(QStringList, rejections);

    QTemporaryDir dir;
    const QString path = testing::writeFile(dir, fileName, content);
    ReadOptions options;
    options.mapping = mapping;
    RecordingSink sink;
    const ReadResult result = CsvReader().read(path, options, sink);
    QCOMPARE(result.error, QString());
    QCOMPARE(result.status, ReadResult::Status::Completed);
    QCOMPARE(sink.events, events);
    QCOMPARE(sink.rejections, rejections);
    QCOMPARE(sink.warnings, QStringList());
    QCOMPARE(sink.progressed.size(), content.isEmpty() ? 0 : 1);
}

void TestCsvReader::readFixtureMessageDb()
{
    const QString path = QFINDTESTDATA("data/csv/messagedb.csv");
    QVERIFY(!path.isEmpty());
    RecordingSink sink;
    const ReadResult result = CsvReader().read(path, ReadOptions(), sink);
    QCOMPARE(result.status, ReadResult::Status::Completed);
    QCOMPARE(sink.rejections, QStringList());
    QCOMPARE(sink.notes, QStringList{u"mapping: Message DB rows (detected)"_qs});
    const QString id = u"9a2b0c1e-1111-4a6f-9d7e-00000000000"_qs;
    QCOMPARE(sink.events, (QStringList{u"2:1 account-123 Opened 2024-03-01T12:00:00.123456Z id="_qs + id +
                                           uR"(1 v=0 {"name":"Ada"})"_qs,
                                       u"3:1 account-123 Deposited 2024-03-01T12:00:05Z id="_qs + id +
                                           uR"(2 v=1 {"amount":100})"_qs,
                                       u"4:1 account-456 Opened 2024-03-01T12:01:00Z id="_qs + id +
                                           uR"(3 v=0 {"name":"Bob, Jr."})"_qs}));
    // The metadata cell is JSON text in the export and an object in the envelope.
    QCOMPARE(sink.full.front().metadata, QByteArray(R"({"correlationId":"c-1"})"));
    QCOMPARE(sink.full.front().correlationId, u"c-1"_qs);
}

void TestCsvReader::readFixtureMalformed()
{
    const QString path = QFINDTESTDATA("data/csv/malformed.csv");
    QVERIFY(!path.isEmpty());
    ReadOptions options;
    options.mapping = customMap;
    RecordingSink sink;
    const ReadResult result = CsvReader().read(path, options, sink);
    QCOMPARE(result.status, ReadResult::Status::Completed);
    QCOMPARE(sink.events,
             (QStringList{
                 u"2:1 order-1 Placed 2024-01-01T00:00:00Z id=e1 v=-1 {\"amount\":10}"_qs,
                 u"6:1 order-2 Placed 2024-01-01T00:04:00Z id=e5 v=-1 {\"amount\":\"multi\\nline ok\"}"_qs}));
    QCOMPARE(
        sink.rejections,
        (QStringList{
            u"3:1 row has 4 fields, header has 5"_qs,
            u"4:14 "_qs + quoteReason + u" (column \"eventType\")"_qs,
            u"5:20 "_qs + afterQuoteReason + u" (column \"eventType\")"_qs,
            u"8:1 field 'occurredAt' (time) is not an RFC 3339 timestamp or epoch number: \"not-a-time\""_qs,
            u"9:40 "_qs + unterminatedReason + u" (column \"amount\")"_qs}));
}

void TestCsvReader::noMappingFails()
{
    const QString path = QFINDTESTDATA("data/csv/nomapping.csv");
    QVERIFY(!path.isEmpty());
    RecordingSink sink;
    const ReadResult result = CsvReader().read(path, ReadOptions(), sink);
    QCOMPARE(result.status, ReadResult::Status::Failed);
    QVERIFY2(result.error.contains(u"fields seen: sku, warehouse, quantity"_qs), qPrintable(result.error));
    QVERIFY2(result.error.contains(u"--map"_qs), qPrintable(result.error));
    QVERIFY2(result.error.startsWith(path + u":2:1: "_qs), qPrintable(result.error));
    QCOMPARE(sink.events, QStringList());

    // A header that cannot be read or names a column twice fails the file too.
    QTemporaryDir dir;
    const QString badHeader = testing::writeFile(dir, u"bad.csv"_qs, "a,b\"c,d\n1,2,3\n");
    QCOMPARE(CsvReader().read(badHeader, ReadOptions(), sink).error,
             badHeader + u":1:4: cannot read the header row: "_qs + quoteReason);
    const QString twice = testing::writeFile(dir, u"twice.csv"_qs, "id,type,id\n1,2,3\n");
    QCOMPARE(CsvReader().read(twice, ReadOptions(), sink).error,
             twice + u":1:1: the header names columns 1 and 3 both \"id\""_qs);
}

void TestCsvReader::notedOnce()
{
    QTemporaryDir dir;
    const QString path = testing::writeFile(dir, u"x.csv"_qs,
                                            "eventId,aggregateId,eventType,occurredAt,\n"
                                            "e1,s-1,A,2024-01-01T00:00:00Z,\n"
                                            "e2,s-1,B,2024-01-01T00:00:01Z,\n");
    ReadOptions options;
    options.mapping = customMap;
    RecordingSink sink;
    QCOMPARE(CsvReader().read(path, options, sink).status, ReadResult::Status::Completed);
    QCOMPARE(sink.events.size(), 2);
    QCOMPARE(
        sink.notes,
        QStringList{u"mapping: stream=aggregateId,type=eventType,time=occurredAt,id=eventId (--map)"_qs});
    // A header column with no name gets one, with a warning.
    QCOMPARE(sink.warnings, QStringList{u"1:1 header column 5 has no name; it is called \"column5\""_qs});
}

void TestCsvReader::progressReported()
{
    QByteArray content = "eventId,aggregateId,eventType,occurredAt,payload\n";
    const QByteArray padding(80, 'p');
    for (int i = 0; content.size() < 3 * CsvReader::chunkSize + 1000; ++i)
        content += "e" + QByteArray::number(i) + ",s-" + QByteArray::number(i % 7) +
                   ",T,2024-01-01T00:00:00Z," + padding + '\n';
    QTemporaryDir dir;
    const QString path = testing::writeFile(dir, u"big.csv"_qs, content);
    ReadOptions options;
    options.mapping = customMap;
    RecordingSink sink;
    QCOMPARE(CsvReader().read(path, options, sink).status, ReadResult::Status::Completed);
    QCOMPARE(sink.events.size(), content.count('\n') - 1);
    QCOMPARE(sink.progressed.size(), 4);
    QCOMPARE(sink.progressed.front(), CsvReader::chunkSize);
    QCOMPARE(sink.progressed.back(), qint64(content.size()));
    QVERIFY(std::is_sorted(sink.progressed.cbegin(), sink.progressed.cend()));
}

void TestCsvReader::stopHonoured_data()
{
    QTest::addColumn<int>("stopAfterEvents");
    QTest::addColumn<bool>("stopOnRejection");
    QTest::addColumn<bool>("stopOnProgress");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("rejections");

    QTest::addRow("event") << 2 << false << false << 2 << 0;
    QTest::addRow("rejection") << -1 << true << false << 3 << 1;
    QTest::addRow("progress") << -1 << false << true << 5 << 1;
}

void TestCsvReader::stopHonoured()
{
    QFETCH(int, stopAfterEvents);
    QFETCH(bool, stopOnRejection);
    QFETCH(bool, stopOnProgress);
    QFETCH(int, events);
    QFETCH(int, rejections);

    QTemporaryDir dir;
    const QString path = testing::writeFile(dir, u"x.csv"_qs,
                                            "eventId,aggregateId,eventType,occurredAt\n"
                                            "e1,s-1,A,2024-01-01T00:00:00Z\n"
                                            "e2,s-1,A,2024-01-01T00:00:00Z\n"
                                            "e3,s-1,A,2024-01-01T00:00:00Z\n"
                                            "e4,s-1,A\n"
                                            "e5,s-1,A,2024-01-01T00:00:00Z\n"
                                            "e6,s-1,A,2024-01-01T00:00:00Z\n");
    ReadOptions options;
    options.mapping = customMap;
    RecordingSink sink;
    sink.stopAfterEvents = stopAfterEvents;
    sink.stopOnRejection = stopOnRejection;
    sink.stopOnProgress = stopOnProgress;
    const ReadResult result = CsvReader().read(path, options, sink);
    QCOMPARE(result.status, ReadResult::Status::Stopped);
    QCOMPARE(sink.events.size(), events);
    QCOMPARE(sink.rejections.size(), rejections);
}

void TestCsvReader::missingFile()
{
    RecordingSink sink;
    const ReadResult result = CsvReader().read(u"/nonexistent/x.csv"_qs, ReadOptions(), sink);
    QCOMPARE(result.status, ReadResult::Status::Failed);
    QVERIFY(result.error.startsWith(u"/nonexistent/x.csv: cannot open"_qs));
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
