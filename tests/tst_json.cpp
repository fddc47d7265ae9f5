#include "json/jsondiff.h"
#include "json/jsonpath.h"
#include "json/jsonvalue.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <thread>

using namespace eventscope::json;

namespace eventscope::json {

// Readable QCOMPARE failures.
char* toString(const Value& value)
{
    return qstrdup(toJson(value).constData());
}

char* toString(const Path& path)
{
    return qstrdup(formatPath(path).toUtf8().constData());
}

} // namespace eventscope::json

namespace {

Value json(std::string_view text)
{
    QString error;
    const std::optional<Value> value = parse(text, &error);
    if (!value)
        qFatal("bad fixture %s: %s", std::string(text).c_str(), qPrintable(error));
    return *value;
}

Path path(const char* text)
{
    QString error;
    const std::optional<Path> parsed = parsePath(QString::fromUtf8(text), &error);
    if (!parsed)
        qFatal("bad path fixture %s: %s", text, qPrintable(error));
    return *parsed;
}

std::string key(int i)
{
    std::string k = "k";
    k += std::to_string(i); // not "k" + ...: GCC 12 warns wrongly about that at -O3 (-Wrestrict)
    return k;
}

// Equal in every respect parse() and deepMerge() can make differ in: types, member order, and the
// sign of zeros (which operator== ignores).
bool identical(const Value& a, const Value& b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case Value::Type::Null:
        return true;
    case Value::Type::Bool:
        return a.toBool() == b.toBool();
    case Value::Type::Number:
        return a.toDouble() == b.toDouble() && std::signbit(a.toDouble()) == std::signbit(b.toDouble());
    case Value::Type::String:
        return a.toStringView() == b.toStringView();
    case Value::Type::Array:
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!identical(a.at(i), b.at(i)))
                return false;
        }
        return true;
    case Value::Type::Object:
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a.keyAt(i) != b.keyAt(i) || !identical(a.valueAt(i), b.valueAt(i)))
                return false;
        }
        return true;
    }
    return false;
}

// Random JSON text for merge patches and states: keys from a small pool so that patches meet the
// state's members, many nulls, repeated keys now and then, numbers in every form simdjson reads
// differently (and some it rejects), and varied whitespace.
class RandomJson
{
public:
    explicit RandomJson(unsigned seed) : m_random(seed) {}

    std::string object(int depth)
    {
        std::string out;
        writeObject(out, depth);
        return out;
    }

    std::string any(int depth)
    {
        std::string out;
        writeValue(out, depth);
        return out;
    }

    unsigned below(unsigned n) { return unsigned(m_random() % n); }

private:
    void space(std::string& out)
    {
        static const char* const kSpaces[] = {"", "", "", " ", "\n  ", "\t", "\r\n"};
        out += kSpaces[below(7)];
    }

    void writeObject(std::string& out, int depth)
    {
        const bool large = below(20) == 0;
        const unsigned members = large ? 17 + below(20) : below(6);
        const bool repeats = below(8) == 0;
        std::vector<std::string> used;
        out += '{';
        for (unsigned i = 0; i < members; ++i) {
            if (i)
                out += ',';
            space(out);
            std::string name;
            if (repeats && !used.empty() && below(3) == 0) {
                name = used[below(unsigned(used.size()))];
            } else {
                static const char* const kKeys[] = {"a",        "b",     "c",    "qty",
                                                    "customer", "lines", "tier", "\\u00e9"};
                name = large ? key(int(below(40))) : kKeys[below(8)];
            }
            used.push_back(name);
            out += '"';
            out += name;
            out += "\":";
            space(out);
            writeValue(out, depth - 1);
        }
        space(out);
        out += '}';
    }

    void writeValue(std::string& out, int depth)
    {
        const unsigned kind = below(depth > 0 ? 14 : 10);
        switch (kind) {
        case 0:
        case 1:
        case 2:
            out += "null";
            break;
        case 3:
            out += below(2) ? "true" : "false";
            break;
        case 4: {
            static const char* const kNumbers[] = {"0",
                                                   "-0",
                                                   "-0.0",
                                                   "1",
                                                   "2",
                                                   "48.0",
                                                   "-7",
                                                   "1e3",
                                                   "0.5",
                                                   "18446744073709551615",
                                                   "-9223372036854775808",
                                                   "123456789012345678901234567890",
                                                   "1e400"};
            out += kNumbers[below(13)];
            break;
        }
        case 5:
            out += std::to_string(below(5));
            break;
        case 6:
        case 7: {
            static const char* const kStrings[] = {"\"gold\"",
                                                   "\"silver\"",
                                                   "\"\"",
                                                   "\"sku-17\"",
                                                   "\"a \\\"quoted\\\" \\u00e9\"",
                                                   "\"a string long enough to pass the interning limit\""};
            out += kStrings[below(6)];
            break;
        }
        case 8:
            if (depth > 0) {
                // Lines of an order: replacing them by lines of the same shape reuses the nodes.
                out += '[';
                const unsigned n = below(4);
                for (unsigned i = 0; i < n; ++i) {
                    out += i ? ",{\"sku\":" : "{\"sku\":";
                    writeValue(out, 0);
                    out += ",\"qty\":";
                    out += std::to_string(below(3));
                    out += '}';
                }
                out += ']';
                break;
            }
            [[fallthrough]];
        case 9:
            if (depth > 0 || below(2)) {
                out += '[';
                const unsigned n = below(4);
                for (unsigned i = 0; i < n; ++i) {
                    if (i)
                        out += ',';
                    writeValue(out, std::min(depth - 1, 1));
                }
                out += ']';
            } else {
                out += std::to_string(below(3));
            }
            break;
        default:
            writeObject(out, depth);
        }
    }

    std::mt19937 m_random;
};
} // namespace

class TestJson : public QObject
{
    Q_OBJECT

private slots:
    // ---- values

    void scalars()
    {
        QVERIFY(Value().isNull());
        QVERIFY(Value(nullptr).isNull());
        QCOMPARE(Value(true).toBool(), true);
        QCOMPARE(Value(1).toBool(), false);
        QCOMPARE(Value(2.5).toDouble(), 2.5);
        QCOMPARE(Value(7).toDouble(), 7.0);
        QCOMPARE(Value(qint64(1) << 40).toDouble(), double(qint64(1) << 40));
        QCOMPARE(Value("x").toDouble(-1), -1.0);
        QCOMPARE(Value("abc").toStringView(), std::string_view("abc"));
        QCOMPARE(Value(std::string("abc")), Value("abc"));
        QCOMPARE(Value(u"h\u00e9"_qs).toStringView(), std::string_view("h\xc3\xa9"));
        QCOMPARE(Value(u"h\u00e9"_qs).toQString(), u"h\u00e9"_qs);
        QCOMPARE(Value(3).toQString(), QString());
        QCOMPARE(Value("").type(), Value::Type::String);
        QCOMPARE(Value("").toStringView(), std::string_view());
        QCOMPARE(Value(42).size(), std::size_t(0));
        QVERIFY(Value(1) == Value(1.0));
        QVERIFY(!(Value(1) == Value("1")));
        QVERIFY(!(Value() == Value(false)));
        QVERIFY(Value(0.0) == Value(-0.0));
    }

    void containers()
    {
        Value a = Value::array();
        QVERIFY(a.isArray());
        QCOMPARE(a.size(), std::size_t(0));
        QVERIFY(a.at(0).isNull());
        a.append(1);
        a.append("two");
        QCOMPARE(a.size(), std::size_t(2));
        QCOMPARE(a.at(1), Value("two"));
        a.elementAt(4) = true;
        QCOMPARE(toJson(a), QByteArray(R"([1,"two",null,null,true])"));

        Value notArray = 5;
        notArray.append(1);
        QCOMPARE(toJson(notArray), QByteArray("[1]"));
        Value notArray2 = "s";
        notArray2.elementAt(1) = 2;
        QCOMPARE(toJson(notArray2), QByteArray("[null,2]"));

        Value o = Value::object();
        QVERIFY(o.find("a") == nullptr);
        QVERIFY(o["a"].isNull());
        o.member("a") = 1;
        o.member("b").member("c") = "d";
        QCOMPARE(toJson(o), QByteArray(R"({"a":1,"b":{"c":"d"}})"));
        QCOMPARE(o.keyAt(1), std::string_view("b"));
        QVERIFY(o.keyAt(2).empty());
        QVERIFY(o.valueAt(2).isNull());
        QVERIFY(o.find("b")->isObject());
        QVERIFY(Value(3).find("a") == nullptr);
        QVERIFY(a.find("a") == nullptr);
        QVERIFY(o.at(0).isNull());

        Value notObject = Value::array();
        notObject.member("x") = 1;
        QCOMPARE(toJson(notObject), QByteArray(R"({"x":1})"));
        Value notObject2 = 3;
        notObject2.insert("y", 2);
        QCOMPARE(toJson(notObject2), QByteArray(R"({"y":2})"));
        QVERIFY(!Value(3).find("y"));
        Value scalar = 3;
        QVERIFY(!scalar.remove("y"));
        QCOMPARE(scalar, Value(3));
    }

    void movedFromIsUsable()
    {
        Value a = json(R"({"a":[1,2],"s":"text"})");
        Value b = std::move(a);
        QCOMPARE(toJson(b), QByteArray(R"({"a":[1,2],"s":"text"})"));
        QCOMPARE(a.size(), std::size_t(0)); // moved-from: valid, here an empty object
        toJson(a);
        a = Value("again");
        QCOMPARE(a.toStringView(), std::string_view("again"));
    }

    void equalityIgnoresMemberOrder()
    {
        QCOMPARE(json(R"({"a":1,"b":[1,{"c":2,"d":3}]})"), json(R"({"b":[1,{"d":3,"c":2}],"a":1})"));
        QVERIFY(!(json(R"({"a":1})") == json(R"({"a":1,"b":2})")));
        QVERIFY(!(json(R"({"a":1,"c":2})") == json(R"({"a":1,"b":2})")));
        QVERIFY(!(json("[1,2]") == json("[2,1]")));
        QVERIFY(!(json("[]") == json("{}")));
        QCOMPARE(Value::array(), json("[]"));
    }

    // ---- parse and serialise

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");

        QTest::addRow("integral double") << QByteArray("48.00") << QByteArray("48");
        QTest::addRow("integer") << QByteArray("42") << QByteArray("42");
        QTest::addRow("negative") << QByteArray("-17") << QByteArray("-17");
        QTest::addRow("0.1") << QByteArray("0.1") << QByteArray("0.1");
        QTest::addRow("fraction") << QByteArray("48.25") << QByteArray("48.25");
        QTest::addRow("shortest") << QByteArray("0.30000000000000004") << QByteArray("0.30000000000000004");
        QTest::addRow("1e300") << QByteArray("1e300") << QByteArray("1e+300");
        QTest::addRow("1E+2") << QByteArray("1E+2") << QByteArray("100");
        QTest::addRow("small") << QByteArray("-2.5e-7") << QByteArray("-2.5e-07");
        QTest::addRow("denormal") << QByteArray("5e-324") << QByteArray("5e-324");
        QTest::addRow("max double") << QByteArray("1.7976931348623157e308")
                                    << QByteArray("1.7976931348623157e+308");
        QTest::addRow("minus zero") << QByteArray("-0") << QByteArray("0");
        QTest::addRow("minus zero double") << QByteArray("-0.0") << QByteArray("0");
        QTest::addRow("2^53 + 1") << QByteArray("9007199254740993") << QByteArray("9007199254740992");
        QTest::addRow("int64 min") << QByteArray("-9223372036854775808")
                                   << QByteArray("-9223372036854775808");
        QTest::addRow("uint64 max") << QByteArray("18446744073709551615")
                                    << QByteArray("18446744073709551616");
        QTest::addRow("beyond uint64")
            << QByteArray("123456789012345678901") << QByteArray("123456789012345683968");
        QTest::addRow("big integer") << QByteArray("12345678901234567890123")
                                     << QByteArray("1.2345678901234568e+22");
        QTest::addRow("big negative") << QByteArray("-99999999999999999999999") << QByteArray("-1e+23");
        QTest::addRow("1e20") << QByteArray("1e20") << QByteArray("100000000000000000000");
        QTest::addRow("1e21") << QByteArray("1e21") << QByteArray("1e+21");
        QTest::addRow("overflow is infinity") << QByteArray("[1e400,-1e400]") << QByteArray("[null,null]");
        QTest::addRow("underflow is zero")
            << QByteArray("[1e-400,12345678901234567890123]") << QByteArray("[0,1.2345678901234568e+22]");
        QTest::addRow("literals") << QByteArray("[true,false,null]") << QByteArray("[true,false,null]");
        QTest::addRow("string") << QByteArray(R"("hello")") << QByteArray(R"("hello")");
        QTest::addRow("empty string") << QByteArray(R"("")") << QByteArray(R"("")");
        QTest::addRow("escapes") << QByteArray("\"q\\\"b\\\\s\\/n\\nt\\tr\\rb\\bf\\f\"")
                                 << QByteArray("\"q\\\"b\\\\s/n\\nt\\tr\\rb\\bf\\f\"");
        QTest::addRow("control characters")
            << QByteArray("\"\\u0000\\u0001\\u001f\\u007f\"") << QByteArray("\"\\u0000\\u0001\\u001f\x7f\"");
        QTest::addRow("unicode escape")
            << QByteArray("\"h\\u00e9llo \\u20ac\"") << QByteArray("\"h\xc3\xa9llo \xe2\x82\xac\"");
        QTest::addRow("surrogate pair")
            << QByteArray("\"\\ud83d\\ude00\"") << QByteArray("\"\xf0\x9f\x98\x80\"");
        QTest::addRow("raw utf-8") << QByteArray("\"\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80\"")
                                   << QByteArray("\"\xc3\xa9\xe2\x80\xa8\xf0\x9f\x98\x80\"");
        QTest::addRow("nested") << QByteArray(R"({"a":[1,{"b":null,"c":[true,false,[]]}],"d":{},"e":"f"})")
                                << QByteArray(R"({"a":[1,{"b":null,"c":[true,false,[]]}],"d":{},"e":"f"})");
        QTest::addRow("whitespace") << QByteArray(" {\n\t\"a\" : [ 1 , 2 ] ,\r\n \"b\":{ } } ")
                                    << QByteArray(R"({"a":[1,2],"b":{}})");
        QTest::addRow("insertion order")
            << QByteArray(R"({"z":1,"a":2,"m":3})") << QByteArray(R"({"z":1,"a":2,"m":3})");
        QTest::addRow("duplicate keys: last wins, first place")
            << QByteArray(R"({"a":1,"b":2,"a":3})") << QByteArray(R"({"a":3,"b":2})");
        QTest::addRow("unicode keys")
            << QByteArray("{\"\\u00e9\":1,\"a\\\"b\":2}") << QByteArray("{\"\xc3\xa9\":1,\"a\\\"b\":2}");
        // A big integer sends the whole document through the fallback parser.
        QTest::addRow("fallback parser document")
            << QByteArray("{\"big\":123456789012345678901234567890, \"s\":\"\\u00e9\\n\\ud83d\\ude00\", "
                          "\"a\":[1,2.5,{\"x\":null,\"y\":[]}],\"o\":{},\"d\":{\"k\":1,\"k\":2}}")
            << QByteArray("{\"big\":1.2345678901234568e+29,\"s\":\"\xc3\xa9\\n\xf0\x9f\x98\x80\",\"a\":[1,2."
                          "5,{\"x\":null,\"y\":[]}],"
                          "\"o\":{},\"d\":{\"k\":2}}");
    }

    void roundTrip()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QString error;
        const std::optional<Value> value = parse(input, &error);
        QVERIFY2(value, qPrintable(error));
        QCOMPARE(toJson(*value), expected);
        // And back: the output reads as the same value and prints the same.
        const std::optional<Value> again = parse(expected, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(toJson(*again), expected);
        const bool hasNonFinite = expected.contains("null") && input.contains("e400");
        if (!hasNonFinite)
            QCOMPARE(*again, *value);
    }

    void serialiseBuiltValues()
    {
        QCOMPARE(toJson(Value(std::numeric_limits<double>::quiet_NaN())), QByteArray("null"));
        QCOMPARE(toJson(Value(std::numeric_limits<double>::infinity())), QByteArray("null"));
        QCOMPARE(toJson(Value(-std::numeric_limits<double>::infinity())), QByteArray("null"));
        QCOMPARE(toJson(Value(3.0)), QByteArray("3"));
        QCOMPARE(toJson(Value(0.1 + 0.2)), QByteArray("0.30000000000000004"));
        QCOMPARE(toJson(Value(1e15 + 0.5)), QByteArray("1000000000000000.5"));
        QCOMPARE(toJson(Value(std::string("a\0b\x1f", 4))), QByteArray("\"a\\u0000b\\u001f\""));
        // Bytes that are not UTF-8 cannot go out as they are: they become U+FFFD.
        QCOMPARE(toJson(Value(std::string("a\xff"
                                          "b\xc3"))),
                 QByteArray("\"a\xef\xbf\xbd"
                            "b\xef\xbf\xbd\""));
        QCOMPARE(toJson(Value(std::string("\xed\xa0\x80"))),
                 QByteArray("\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""));
        QCOMPARE(toJson(Value(u"\u00e9\u2028"_qs)), QByteArray("\"\xc3\xa9\xe2\x80\xa8\""));

        std::string out = "prefix:";
        appendJson(out, json(R"({"a":[1]})"));
        QCOMPARE(out, std::string(R"(prefix:{"a":[1]})"));
    }

    void indented()
    {
        const Value v = json(R"({"a":1,"b":[1,{"c":"d"}],"e":{},"f":[]})");
        const QByteArray expected = "{\n"
                                    "  \"a\": 1,\n"
                                    "  \"b\": [\n"
                                    "    1,\n"
                                    "    {\n"
                                    "      \"c\": \"d\"\n"
                                    "    }\n"
                                    "  ],\n"
                                    "  \"e\": {},\n"
                                    "  \"f\": []\n"
                                    "}";
        QCOMPARE(toJson(v, Format::Indented), expected);
        QCOMPARE(*parse(expected), v);
        QCOMPARE(toJson(Value(5), Format::Indented), QByteArray("5"));
    }

    void parseErrors_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("message");

        QTest::addRow("empty") << QByteArray("") << u"unexpected end of input at offset 0"_qs;
        QTest::addRow("only space") << QByteArray("   ") << u"unexpected end of input at offset 3"_qs;
        QTest::addRow("trailing comma in object")
            << QByteArray(R"({"a":1,})") << u"expected a member name in double quotes at offset 7"_qs;
        QTest::addRow("missing comma")
            << QByteArray(R"({"a":1 "b":2})") << u"expected ',' or '}' at offset 7"_qs;
        QTest::addRow("missing colon") << QByteArray(R"({"a" 1})") << u"expected ':' at offset 5"_qs;
        QTest::addRow("unquoted key")
            << QByteArray("{a:1}") << u"expected a member name in double quotes at offset 1"_qs;
        QTest::addRow("missing array comma") << QByteArray("[1 2]") << u"expected ',' or ']' at offset 3"_qs;
        QTest::addRow("trailing comma in array")
            << QByteArray("[1,]") << u"expected a JSON value at offset 3"_qs;
        QTest::addRow("unclosed array") << QByteArray("[1,2") << u"unexpected end of input at offset 4"_qs;
        QTest::addRow("unclosed object")
            << QByteArray(R"({"a":{"b":1})") << u"unexpected end of input at offset 12"_qs;
        QTest::addRow("bad value deep")
            << QByteArray(R"({"a":[1,2,{"b":x}]})") << u"expected a JSON value at offset 15"_qs;
        QTest::addRow("truncated literal") << QByteArray("tru") << u"unexpected end of input at offset 3"_qs;
        QTest::addRow("bad literal") << QByteArray("[nul]")
                                     << u"invalid literal (expected true, false or null) at offset 4"_qs;
        QTest::addRow("unterminated string") << QByteArray("[\"abc") << u"unterminated string at offset 1"_qs;
        QTest::addRow("control character")
            << QByteArray("\"a\x01\"") << u"control character in a string (must be escaped) at offset 2"_qs;
        QTest::addRow("raw newline") << QByteArray("\"a\nb\"")
                                     << u"control character in a string (must be escaped) at offset 2"_qs;
        QTest::addRow("bad escape") << QByteArray("\"a\\q\"") << u"invalid escape in a string at offset 3"_qs;
        QTest::addRow("short \\u") << QByteArray("\"\\u12\"")
                                   << u"expected four hex digits after \\u at offset 5"_qs;
        QTest::addRow("lone high surrogate")
            << QByteArray("[\"\\ud800\"]") << u"unpaired surrogate in a \\u escape at offset 2"_qs;
        QTest::addRow("lone low surrogate")
            << QByteArray("\"x\\udc00\"") << u"unpaired surrogate in a \\u escape at offset 2"_qs;
        QTest::addRow("invalid utf-8")
            << QByteArray("{\"a\":\"\xff\"}") << u"invalid UTF-8 in a string at offset 6"_qs;
        QTest::addRow("overlong utf-8")
            << QByteArray("\"\xc0\xaf\"") << u"invalid UTF-8 in a string at offset 1"_qs;
        QTest::addRow("leading zero")
            << QByteArray("012") << u"unexpected text after the JSON value at offset 1"_qs;
        QTest::addRow("lone minus") << QByteArray("[-]")
                                    << u"invalid number (expected a digit) at offset 2"_qs;
        QTest::addRow("no fraction digits")
            << QByteArray("1.e5") << u"invalid number (expected a digit after '.') at offset 2"_qs;
        QTest::addRow("no exponent digits")
            << QByteArray("[1e+]") << u"invalid number (expected a digit in the exponent) at offset 4"_qs;
        QTest::addRow("plus sign") << QByteArray("+1") << u"expected a JSON value at offset 0"_qs;
        QTest::addRow("trailing text")
            << QByteArray(R"({"a":1}})") << u"unexpected text after the JSON value at offset 7"_qs;
        QTest::addRow("two values") << QByteArray("1 2")
                                    << u"unexpected text after the JSON value at offset 2"_qs;
        QTest::addRow("single quotes") << QByteArray("['a']") << u"expected a JSON value at offset 1"_qs;
        QTest::addRow("too deep") << QByteArray(1025, '[') + QByteArray(1025, ']')
                                  << u"nesting too deep (more than 1024 levels) at offset 1024"_qs;
    }

    void parseErrors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!parse(input, &error));
        QCOMPARE(error, message);
        QVERIFY(!parse(input)); // no error pointer is fine too
    }

    void deepNestingWithinLimit()
    {
        const QByteArray text = QByteArray(1024, '[') + QByteArray(1024, ']');
        QString error;
        const std::optional<Value> value = parse(text, &error);
        QVERIFY2(value, qPrintable(error));
        QCOMPARE(toJson(*value), text);
    }

    void largeDocument()
    {
        std::string text = "[";
        for (int i = 0; i < 200000; ++i)
            text += (i ? ",\"" : "\"") + key(i % 500) + "\"";
        text += "]";
        QVERIFY(text.size() > (std::size_t(1) << 20));
        const Value v = json(text);
        QCOMPARE(v.size(), std::size_t(200000));
        QCOMPARE(v.at(199999), Value("k499"));
        QCOMPARE(toJson(v), QByteArray::fromStdString(text));
        // Repeated short strings usually share a node (a cache, not a promise).
        const Value repeated = json(R"(["gold","gold",{"tier":"gold"}])");
        QVERIFY(repeated.at(0).sharesWith(repeated.at(1)));
        QVERIFY(repeated.at(2)["tier"].sharesWith(repeated.at(0)));
    }

    void parseOnSeveralThreads()
    {
        const std::string payload =
            R"({"sku":"sku-17","qty":3,"lines":[{"sku":"a","qty":1}],"customer":{"tier":"gold"}})";
        const QByteArray expected = QByteArray::fromStdString(payload);
        std::atomic<int> failures = 0;
        std::vector<std::thread> threads;
        std::vector<Value> results(4);
        for (std::size_t t = 0; t < results.size(); ++t) {
            threads.emplace_back([&, t] {
                Value states = Value::object();
                for (int i = 0; i < 3000; ++i) {
                    const std::optional<Value> patch = parse(payload);
                    if (!patch || toJson(*patch) != expected)
                        ++failures;
                    eventscope::json::deepMerge(states.member(key(i % 10)), *patch);
                }
                results[t] = states;
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        for (const Value& result : results) {
            QCOMPARE(result.size(), std::size_t(10));
            QCOMPARE(toJson(result["k3"]), expected);
        }
    }

    void typicalPayload()
    {
        const Value v = json(
            R"({"sku":"sku-17","qty":3,"price":48.0,"lines":[{"sku":"a","qty":1}],"customer":{"id":"c-9","tier":"gold"}})");
        QCOMPARE(v["sku"].toStringView(), std::string_view("sku-17"));
        QCOMPARE(v["qty"].toDouble(), 3.0);
        QCOMPARE(v["lines"].at(0)["sku"], Value("a"));
        QCOMPARE(v["customer"]["tier"], Value("gold"));
        QCOMPARE(
            toJson(v),
            QByteArray(
                R"({"sku":"sku-17","qty":3,"price":48,"lines":[{"sku":"a","qty":1}],"customer":{"id":"c-9","tier":"gold"}})"));
    }

    // ---- copy-on-write

    void copyOnWrite()
    {
        const Value original = json(R"({"x":{"y":1,"w":[1,2]},"z":[1,{"q":2}],"s":"text"})");
        Value copy = original;
        QVERIFY(copy.sharesWith(original));
        QVERIFY(copy == original);

        copy.member("x").insert("y", 2);
        QCOMPARE(original["x"]["y"], Value(1));
        QCOMPARE(copy["x"]["y"], Value(2));
        QVERIFY(!copy.sharesWith(original));
        QVERIFY(!copy["x"].sharesWith(original["x"]));
        // Siblings of the changed path stay shared, at every level.
        QVERIFY(copy["z"].sharesWith(original["z"]));
        QVERIFY(copy["s"].sharesWith(original["s"]));
        QVERIFY(copy["x"]["w"].sharesWith(original["x"]["w"]));

        Value second = copy;
        second.member("z").elementAt(1).member("q") = 3;
        QCOMPARE(copy["z"].at(1)["q"], Value(2));
        QCOMPARE(original["z"].at(1)["q"], Value(2));
        QCOMPARE(second["z"].at(1)["q"], Value(3));
        QVERIFY(second["x"].sharesWith(copy["x"]));
        QVERIFY(second["z"].at(0).sharesWith(copy["z"].at(0)));

        Value third = original;
        third.member("z").append(9);
        QVERIFY(third.remove("s"));
        QCOMPARE(toJson(original), QByteArray(R"({"x":{"y":1,"w":[1,2]},"z":[1,{"q":2}],"s":"text"})"));
        QCOMPARE(toJson(third), QByteArray(R"({"x":{"y":1,"w":[1,2]},"z":[1,{"q":2},9]})"));

        // A subtree taken out keeps its value while the whole changes.
        Value whole = original;
        const Value part = whole["x"];
        whole.member("x").member("y") = 100;
        QCOMPARE(part["y"], Value(1));
        QVERIFY(part.sharesWith(original["x"]));
    }

    void removeMissingDoesNotDetach()
    {
        const Value original = json(R"({"a":1})");
        Value copy = original;
        QVERIFY(!copy.remove("missing"));
        QVERIFY(copy.sharesWith(original));
    }

    void selfReferences()
    {
        Value v = json(R"({"a":{"b":1}})");
        v.insert("c", v);
        QCOMPARE(toJson(v), QByteArray(R"({"a":{"b":1},"c":{"a":{"b":1}}})"));
        Value arr = json("[1]");
        arr.append(arr);
        QCOMPARE(toJson(arr), QByteArray("[1,[1]]"));
        v = v["a"];
        QCOMPARE(toJson(v), QByteArray(R"({"b":1})"));
    }

    void concurrentReaders()
    {
        Value live = json(R"({"counts":{},"list":[1,2,3]})");
        const Value snapshot = live;
        const QByteArray expected = toJson(snapshot);
        std::atomic<bool> stop = false;
        std::atomic<int> mismatches = 0;
        std::vector<std::thread> readers;
        for (int t = 0; t < 3; ++t) {
            readers.emplace_back([&] {
                while (!stop.load()) {
                    const Value mine = snapshot; // copies and reads race with the writer's detaching
                    if (toJson(mine) != expected || mine["list"].size() != 3)
                        ++mismatches;
                }
            });
        }
        for (int i = 0; i < 20000; ++i) {
            live.member("counts").member(key(i % 50)) = i;
            live.member("list").elementAt(std::size_t(i % 3)) = i;
        }
        stop = true;
        for (std::thread& reader : readers)
            reader.join();
        QCOMPARE(mismatches.load(), 0);
        QCOMPARE(toJson(snapshot), expected);
        QCOMPARE(live["counts"].size(), std::size_t(50));
    }

    // ---- objects

    void insertionOrder()
    {
        Value o = Value::object();
        o.insert("z", 1);
        o.insert("a", 2);
        o.insert("m", 3);
        o.insert("a", 20); // replaced in place
        QCOMPARE(toJson(o), QByteArray(R"({"z":1,"a":20,"m":3})"));
        o.member("z") = "first";
        QCOMPARE(toJson(o), QByteArray(R"({"z":"first","a":20,"m":3})"));
        QVERIFY(o.remove("z"));
        QVERIFY(!o.remove("z"));
        o.insert("z", 0); // back at the end
        QCOMPARE(toJson(o), QByteArray(R"({"a":20,"m":3,"z":0})"));
        QCOMPARE(o.size(), std::size_t(3));
        QCOMPARE(o.keyAt(0), std::string_view("a"));
        QCOMPARE(o.valueAt(2), Value(0));
    }

    void largeObject()
    {
        const int n = 10000;
        Value o = Value::object();
        for (int i = 0; i < n; ++i)
            o.insert(key(i), i);
        QCOMPARE(o.size(), std::size_t(n));
        for (int i = 0; i < n; ++i) {
            QCOMPARE(o.keyAt(std::size_t(i)), std::string_view(key(i)));
            const Value* v = o.find(key(i));
            QVERIFY(v);
            QCOMPARE(v->toDouble(), double(i));
        }
        QVERIFY(!o.find("k10000"));
        QVERIFY(!o.find("k-1"));
        QVERIFY(!o.find(""));

        // Replacing keeps the place.
        o.insert(key(5000), "five thousand");
        QCOMPARE(o.keyAt(5000), std::string_view("k5000"));
        QCOMPARE(o.valueAt(5000), Value("five thousand"));

        // Remove every seventh, from the front (the hardest case for positions in the index).
        const Value before = o;
        for (int i = 0; i < n; i += 7)
            QVERIFY(o.remove(key(i)));
        QCOMPARE(before.size(), std::size_t(n)); // the copy is untouched
        std::size_t position = 0;
        for (int i = 0; i < n; ++i) {
            const Value* v = o.find(key(i));
            if (i % 7 == 0) {
                QVERIFY(!v);
                continue;
            }
            QVERIFY(v);
            QCOMPARE(o.keyAt(position), std::string_view(key(i)));
            ++position;
        }
        QCOMPARE(o.size(), position);
        o.insert("new", true);
        QCOMPARE(o.keyAt(o.size() - 1), std::string_view("new"));
        QVERIFY(o.find("new"));

        // Down to a handful (k9996 went with every seventh), and the lookups still work.
        for (int i = n - 6; i >= 0; --i)
            o.remove(key(i));
        QCOMPARE(toJson(o),
                 QByteArray(R"({"k9995":9995,"k9997":9997,"k9998":9998,"k9999":9999,"new":true})"));
        QVERIFY(o.find("k9997"));
        QVERIFY(!o.find("k3"));
        QVERIFY(!o.find("k9996"));
    }

    void largeObjectParsed()
    {
        std::string text = "{";
        for (int i = 0; i < 1000; ++i)
            text += (i ? ",\"" : "\"") + key(i) + "\":" + std::to_string(i);
        text += ",\"k10\":\"again\"}"; // a duplicate after the index exists
        const Value v = json(text);
        QCOMPARE(v.size(), std::size_t(1000));
        QCOMPARE(v["k999"], Value(999));
        QCOMPARE(v["k10"], Value("again"));
        QCOMPARE(v.keyAt(10), std::string_view("k10"));
    }

    // Random inserts, replacements and removals against a plain reference, across the size at which
    // the index is built.
    void objectMatchesReference()
    {
        std::mt19937 random(42);
        Value o = Value::object();
        std::vector<std::pair<std::string, int>> reference;
        for (int step = 0; step < 20000; ++step) {
            const std::string k = key(int(random() % 120));
            const int action = int(random() % 3);
            const auto it =
                std::find_if(reference.begin(), reference.end(), [&](const auto& p) { return p.first == k; });
            if (action == 0) {
                QCOMPARE(o.remove(k), it != reference.end());
                if (it != reference.end())
                    reference.erase(it);
            } else {
                o.insert(k, step);
                if (it != reference.end())
                    it->second = step;
                else
                    reference.emplace_back(k, step);
            }
            if (step % 97 == 0) {
                const Value copy = o; // detaching mid-way copies the index too
                o.member("probe") = 1;
                o.remove("probe");
                QCOMPARE(copy, o);
            }
            if (step % 500 == 0) {
                QCOMPARE(o.size(), reference.size());
                for (std::size_t i = 0; i < reference.size(); ++i) {
                    QCOMPARE(o.keyAt(i), std::string_view(reference[i].first));
                    QCOMPARE(o.find(reference[i].first)->toDouble(), double(reference[i].second));
                }
                for (int m = 120; m < 130; ++m)
                    QVERIFY(!o.find(key(m)));
            }
        }
    }

    void largeObjectManyUpdatesStaysFast()
    {
        Value o = Value::object();
        for (int i = 0; i < 10000; ++i)
            o.insert(key(i), 0);
        std::vector<std::string> keys;
        for (int i = 0; i < 10000; ++i)
            keys.push_back(key(i * 7919 % 10000));
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 1000000; ++i) {
            Value& v = o.member(keys[std::size_t(i % 10000)]);
            v = v.toDouble() + 1;
        }
        // A linear scan per lookup would take minutes; hashed it is well under a second in Release.
        QVERIFY2(timer.elapsed() < 30000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(o["k1"], Value(100));
        QCOMPARE(o.size(), std::size_t(10000));
    }

    // ---- deepMerge

    void deepMerge_data()
    {
        QTest::addColumn<QByteArray>("into");
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QByteArray>("expected");

        QTest::addRow("members replaced and added, order kept")
            << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"b":3,"c":4})")
            << QByteArray(R"({"a":1,"b":3,"c":4})");
        QTest::addRow("objects merged recursively")
            << QByteArray(R"({"c":{"id":"x","tier":"silver"},"n":1})")
            << QByteArray(R"({"c":{"tier":"gold","since":2}})")
            << QByteArray(R"({"c":{"id":"x","tier":"gold","since":2},"n":1})");
        QTest::addRow("three levels")
            << QByteArray(R"({"a":{"b":{"c":1,"d":2}}})") << QByteArray(R"({"a":{"b":{"d":3}}})")
            << QByteArray(R"({"a":{"b":{"c":1,"d":3}}})");
        QTest::addRow("arrays replaced")
            << QByteArray(R"({"a":[1,2,3]})") << QByteArray(R"({"a":[4]})") << QByteArray(R"({"a":[4]})");
        QTest::addRow("arrays of objects replaced")
            << QByteArray(R"({"a":[{"x":1,"y":2}]})") << QByteArray(R"({"a":[{"x":5}]})")
            << QByteArray(R"({"a":[{"x":5}]})");
        QTest::addRow("scalar by object")
            << QByteArray(R"({"a":1})") << QByteArray(R"({"a":{"b":1}})") << QByteArray(R"({"a":{"b":1}})");
        QTest::addRow("object by scalar")
            << QByteArray(R"({"a":{"b":1}})") << QByteArray(R"({"a":2})") << QByteArray(R"({"a":2})");
        QTest::addRow("object by array")
            << QByteArray(R"({"a":{"b":1}})") << QByteArray(R"({"a":[]})") << QByteArray(R"({"a":[]})");
        QTest::addRow("null deletes")
            << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":null})") << QByteArray(R"({"b":2})");
        QTest::addRow("null for a missing member")
            << QByteArray(R"({"a":1})") << QByteArray(R"({"z":null})") << QByteArray(R"({"a":1})");
        QTest::addRow("nested null deletes")
            << QByteArray(R"({"a":{"b":1,"c":2}})") << QByteArray(R"({"a":{"b":null}})")
            << QByteArray(R"({"a":{"c":2}})");
        QTest::addRow("nulls in a new object are dropped")
            << QByteArray(R"({})") << QByteArray(R"({"a":{"b":null,"c":{"d":null,"e":1}}})")
            << QByteArray(R"({"a":{"c":{"e":1}}})");
        QTest::addRow("nulls in a replacing object are dropped")
            << QByteArray(R"({"a":5})") << QByteArray(R"({"a":{"b":null,"c":1}})")
            << QByteArray(R"({"a":{"c":1}})");
        QTest::addRow("nulls inside arrays are values")
            << QByteArray(R"({})") << QByteArray(R"({"a":[null,{"b":null}]})")
            << QByteArray(R"({"a":[null,{"b":null}]})");
        QTest::addRow("empty patch") << QByteArray(R"({"a":1})") << QByteArray("{}")
                                     << QByteArray(R"({"a":1})");
        QTest::addRow("empty object merges into object")
            << QByteArray(R"({"a":{"b":1}})") << QByteArray(R"({"a":{}})") << QByteArray(R"({"a":{"b":1}})");
        QTest::addRow("into a scalar")
            << QByteArray("5") << QByteArray(R"({"a":1,"b":null})") << QByteArray(R"({"a":1})");
        QTest::addRow("into null") << QByteArray("null") << QByteArray(R"({"a":{"b":1}})")
                                   << QByteArray(R"({"a":{"b":1}})");
        QTest::addRow("into an array")
            << QByteArray("[1]") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1})");
        QTest::addRow("array patch replaces")
            << QByteArray(R"({"a":1})") << QByteArray("[1,2]") << QByteArray("[1,2]");
        QTest::addRow("scalar patch replaces")
            << QByteArray(R"({"a":1})") << QByteArray("3") << QByteArray("3");
        QTest::addRow("string patch replaces")
            << QByteArray(R"({"a":1})") << QByteArray(R"("s")") << QByteArray(R"("s")");
        QTest::addRow("null patch replaces")
            << QByteArray(R"({"a":1})") << QByteArray("null") << QByteArray("null");
        QTest::addRow("deleting everything") << QByteArray(R"({"a":1,"b":{"c":1}})")
                                             << QByteArray(R"({"a":null,"b":null})") << QByteArray("{}");
    }

    void deepMerge()
    {
        QFETCH(QByteArray, into);
        QFETCH(QByteArray, patch);
        QFETCH(QByteArray, expected);
        Value target = *parse(into);
        const Value snapshot = target;
        const Value p = *parse(patch);
        const Value patchSnapshot = p;
        eventscope::json::deepMerge(target, p);
        QCOMPARE(toJson(target), expected);
        QCOMPARE(snapshot, *parse(into)); // the copy taken before is untouched
        QVERIFY(p.sharesWith(patchSnapshot));
        QCOMPARE(p, *parse(patch));
    }

    void deepMergeSharing()
    {
        Value state = json(R"({"a":{"x":1},"b":{"y":[1,2]},"n":1})");
        const Value snapshot = state;

        // A patch that changes nothing copies nothing.
        eventscope::json::deepMerge(state, json(R"({"a":{"x":1},"n":1})"));
        QVERIFY(state.sharesWith(snapshot));

        // A change detaches its path only.
        eventscope::json::deepMerge(state, json(R"({"a":{"x":2}})"));
        QCOMPARE(snapshot["a"]["x"], Value(1));
        QCOMPARE(state["a"]["x"], Value(2));
        QVERIFY(state["b"].sharesWith(snapshot["b"]));

        // Members taken from the patch are shared with it, not copied.
        const Value patch = json(R"({"c":{"deep":[1,2,3]},"b":{"y":[3]}})");
        eventscope::json::deepMerge(state, patch);
        QVERIFY(state["c"].sharesWith(patch["c"]));
        QVERIFY(state["b"]["y"].sharesWith(patch["b"]["y"]));

        // A patch that is part of the target.
        Value nested = json(R"({"a":{"a":{"b":1},"c":2}})");
        eventscope::json::deepMerge(nested, nested["a"]);
        // Its members merge into the target's: "a" into "a", and "c" added.
        QCOMPARE(toJson(nested), QByteArray(R"({"a":{"a":{"b":1},"c":2,"b":1},"c":2})"));
        Value self = json(R"({"a":{"b":1},"c":null})");
        eventscope::json::deepMerge(self, self);
        QCOMPARE(toJson(self), QByteArray(R"({"a":{"b":1}})"));
        Value replaced = json(R"({"a":[1,2]})");
        eventscope::json::deepMerge(replaced, replaced["a"]);
        QCOMPARE(toJson(replaced), QByteArray("[1,2]"));
    }

    void foldManyEvents()
    {
        Value states = Value::object();
        const Value empty;
        Value snapshot;
        for (int i = 0; i < 5000; ++i) {
            const std::string payload = R"({"qty":)" + std::to_string(i) + ",\"customer\":{\"tier\":\"" +
                                        (i % 2 ? "gold" : "silver") +
                                        "\"},\"lines\":[{\"n\":" + std::to_string(i) + "}]}";
            eventscope::json::deepMerge(states.member("s-" + std::to_string(i % 37)), json(payload));
            if (i == 2500)
                snapshot = states;
        }
        QCOMPARE(states.size(), std::size_t(37));
        QCOMPARE(states["s-4"]["qty"], Value(4999));
        QCOMPARE(states["s-4"]["customer"]["tier"], Value("gold"));
        QCOMPARE(snapshot["s-21"]["qty"], Value(2500));
        QCOMPARE(toJson(snapshot["s-21"]),
                 QByteArray(R"({"qty":2500,"customer":{"tier":"silver"},"lines":[{"n":2500}]})"));
    }

    // ---- deepMergeText

    // deepMerge's table, and the cases where merging from the text could go its own way.
    void deepMergeText_data()
    {
        deepMerge_data();
        auto row = [](const char* name, const char* into, const char* patch) {
            QTest::addRow("%s", name) << QByteArray(into) << QByteArray(patch) << QByteArray();
        };
        row("repeated key: first place, last value", R"({"a":0,"b":2})", R"({"a":null,"b":3,"a":1})");
        row("repeated key: the last null deletes", R"({"a":1,"b":2})", R"({"a":1,"a":null})");
        row("repeated object key: only the last merges", R"({"x":{"p":0,"q":0}})",
            R"({"x":{"p":1},"x":{"q":2}})");
        row("repeated key nested", R"({"x":{"p":0,"q":0}})", R"({"x":{"p":1,"p":null,"r":3}})");
        row("repeated key in a new member", "{}", R"({"n":{"a":1,"a":2,"b":null}})");
        row("repeated key inside an array", R"({"a":1})", R"({"a":[{"k":1,"k":2}]})");
        row("repeated key into a scalar", "7", R"({"a":1,"b":null,"a":{"c":null}})");
        row("numbers beyond 64 bits", R"({"a":1,"b":2})",
            R"({"big":123456789012345678901234567890,"a":null,"huge":1e400})");
        row("64-bit extremes", R"({"a":1})", R"({"u":18446744073709551615,"i":-9223372036854775808})");
        row("negative zero replaces zero", R"({"z":0,"w":[0]})", R"({"z":-0,"w":[-0.0]})");
        row("negative zero beside a change", R"({"w":[0],"n":1})", R"({"w":[-0.0],"n":2})");
        row("zero replaces negative zero", R"({"z":-0.0})", R"({"z":0})");
        row("an equal array", R"({"a":[1,{"b":null}],"n":1})", R"({"a":[1,{"b":null}],"n":2})");
        row("an equal string", R"({"s":"gold"})", R"({"s":"gold","t":"silver"})");
        row("whitespace around and inside", R"({"a":1})", " \n\t{ \"a\" : 2 ,\r\n \"b\" : [ 1 , 2 ] } \n");
        row("escapes and unicode", R"({"é":1,"q":"x"})",
            "{\"\\u00e9\":2,\"\\ud83d\\ude00\":\"\\\"quoted\\\"\",\"q\":null}");
        row("types change", R"({"a":"s","b":[1],"c":{"d":1},"d":true})",
            R"({"a":{"x":null,"y":1},"b":{"y":1},"c":[1],"d":{}})");
        row("nulls dropped deep in a replacing object", R"({"a":{"b":1}})",
            R"({"a":{"b":{"c":null,"d":{"e":null,"f":1}}}})");
        row("empty object for a missing member", "{}", R"({"a":{}})");
        row("into an empty string", R"("")", R"({"a":1})");
        row("array patch with nulls", R"({"a":1})", R"([{"a":null},null])");
        row("bool patch", R"({"a":1})", "true");
        row("negative zero patch", R"({"a":1})", " -0 ");
        row("array of objects, same shape, shorter", R"({"lines":[{"sku":"a","qty":1},{"sku":"b","qty":2}]})",
            R"({"lines":[{"sku":"c","qty":3}]})");
        row("array of objects, same shape, longer", R"({"lines":[{"sku":"a","qty":1}]})",
            R"({"lines":[{"sku":"a","qty":1},{"sku":"b","qty":null}]})");
        row("array of objects, keys reordered", R"({"lines":[{"sku":"a","qty":1}]})",
            R"({"lines":[{"qty":1,"sku":"a"}]})");
        row("array of objects, a key fewer", R"({"lines":[{"sku":"a","qty":1}]})",
            R"({"lines":[{"sku":"a"}]})");
        row("array of objects, a key more", R"({"lines":[{"sku":"a"}]})",
            R"({"lines":[{"sku":"a","qty":null}]})");
        row("array of objects, a repeated key", R"({"lines":[{"k":1,"j":2}]})",
            R"({"lines":[{"k":2,"k":3}]})");
        row("array of objects, nulls kept deep", R"({"a":[{"b":{"c":1}}]})", R"({"a":[{"b":{"c":null}}]})");
        row("arrays in arrays", R"({"m":[[1,2],[3],{"x":[]}]})", R"({"m":[[4],[5,6,7],{"x":[8]}]})");
        row("array emptied", R"({"a":[1,2]})", R"({"a":[]})");
        row("array filled", R"({"a":[]})", R"({"a":[1,"two"]})");
        row("array by scalar and back", R"({"a":[1],"b":2})", R"({"a":1,"b":[2]})");

        std::string large = "{";
        std::string largeState = "{";
        for (int i = 0; i < 40; ++i) {
            large += i ? ",\"" : "\"";
            large += key(i);
            large += "\":";
            large += i % 5 == 0 ? std::string("null") : std::to_string(i);
            largeState += i ? ",\"" : "\"";
            largeState += key(i * 2);
            largeState += "\":{\"v\":";
            largeState += std::to_string(i);
            largeState += "}";
        }
        const std::string largeRepeated = large + ",\"k1\":null,\"k2\":{\"v\":null}}";
        large += "}";
        largeState += "}";
        row("a large patch", largeState.c_str(), large.c_str());
        row("a large patch with repeated keys", largeState.c_str(), largeRepeated.c_str());
    }

    void deepMergeText()
    {
        QFETCH(QByteArray, into);
        QFETCH(QByteArray, patch);
        QFETCH(QByteArray, expected);
        const std::string_view text(patch.constData(), std::size_t(patch.size()));

        Value reference = json(std::string_view(into.constData(), std::size_t(into.size())));
        eventscope::json::deepMerge(reference, *parse(patch));
        if (!expected.isEmpty())
            QCOMPARE(toJson(reference), expected);

        Value target = *parse(into);
        QVERIFY(eventscope::json::deepMergeText(target, text));
        QVERIFY2(identical(target, reference), toJson(target).constData());

        // With a snapshot holding every node: the snapshot stays as it was, and what deepMerge keeps
        // shared stays shared.
        Value sharedReference = *parse(into);
        const Value referenceSnapshot = sharedReference;
        eventscope::json::deepMerge(sharedReference, *parse(patch));
        Value shared = *parse(into);
        const Value snapshot = shared;
        QVERIFY(eventscope::json::deepMergeText(shared, text));
        QVERIFY2(identical(shared, sharedReference), toJson(shared).constData());
        QVERIFY(identical(snapshot, *parse(into)));
        if (sharedReference.sharesWith(referenceSnapshot))
            QVERIFY(shared.sharesWith(snapshot));
    }

    // Random states and patches, folded both ways in turns, with snapshots taken now and then.
    void deepMergeTextRandom()
    {
        int merges = 0;
        for (unsigned seed = 1; seed <= 400; ++seed) {
            RandomJson random(seed);
            const std::string start = random.object(3);
            Value reference = json(start);
            Value target = json(start);
            std::vector<std::pair<Value, QByteArray>> snapshots;
            for (int step = 0; step < 25; ++step) {
                const std::string patch = random.below(25) == 0 ? random.any(2) : random.object(3);
                eventscope::json::deepMerge(reference, json(patch));
                QVERIFY(eventscope::json::deepMergeText(target, patch));
                ++merges;
                if (!identical(target, reference)) {
                    QFAIL(
                        qPrintable(QStringLiteral("seed %1 step %2: patch %3 gave %4, deepMerge %5")
                                       .arg(seed)
                                       .arg(step)
                                       .arg(QString::fromStdString(patch), QString::fromUtf8(toJson(target)),
                                            QString::fromUtf8(toJson(reference)))));
                }
                if (random.below(4) == 0)
                    snapshots.emplace_back(target, toJson(target));
            }
            for (const auto& [snapshot, text] : snapshots)
                QCOMPARE(toJson(snapshot), text);
        }
        QCOMPARE(merges, 400 * 25);
    }

    // Every text parse() rejects, and more that open as an object.
    void deepMergeTextRejects_data()
    {
        parseErrors_data();
        auto row = [](const char* name, const QByteArray& input) {
            QTest::addRow("%s", name) << input << QString();
        };
        row("object cut short", R"({"a":{"b":1})");
        row("object, then a second value", R"({"a":1} {"b":2})");
        row("bad value late in an object", R"({"a":1,"b":2,"c":[1,2,tru]})");
        row("leading zero in an object", R"({"a":01})");
        row("single-quoted member name", "{'a':1}");
        row("object too deep", QByteArray(1025, '{').replace("{{", "{\"a\":{") + QByteArray(1025, '}'));
    }

    void deepMergeTextRejects()
    {
        QFETCH(QByteArray, input);
        const std::string_view text(input.constData(), std::size_t(input.size()));
        QVERIFY(!parse(input));
        const char* const state = R"({"a":1,"b":{"c":[1,2]},"d":"x"})";

        Value target = json(state);
        QVERIFY(!eventscope::json::deepMergeText(target, text));
        QVERIFY(identical(target, json(state)));

        Value shared = json(state);
        const Value snapshot = shared;
        QVERIFY(!eventscope::json::deepMergeText(shared, text));
        QVERIFY(shared.sharesWith(snapshot));

        Value scalar = 5;
        QVERIFY(!eventscope::json::deepMergeText(scalar, text));
        QCOMPARE(scalar, Value(5));
    }

    void deepMergeTextSharing()
    {
        Value state = json(R"({"a":{"x":1},"b":{"y":[1,2]},"n":1,"s":"gold","l":[1,{"x":2}]})");
        const Value snapshot = state;

        // A patch that changes nothing copies nothing.
        QVERIFY(eventscope::json::deepMergeText(state, R"({"a":{"x":1},"n":1,"b":{},"s":"gold"})"));
        QVERIFY(state.sharesWith(snapshot));
        QVERIFY(eventscope::json::deepMergeText(state, R"({"missing":null})"));
        QVERIFY(state.sharesWith(snapshot));

        // A change detaches its path only, and a member replaced by an equal value keeps its node.
        QVERIFY(eventscope::json::deepMergeText(
            state, R"({"a":{"x":2},"b":{"y":[1,2]},"s":"gold","n":2,"l":[1,{"x":2}]})"));
        QCOMPARE(snapshot["a"]["x"], Value(1));
        QCOMPARE(state["a"]["x"], Value(2));
        QVERIFY(state["b"].sharesWith(snapshot["b"]));
        QVERIFY(state["b"]["y"].sharesWith(snapshot["b"]["y"]));
        QVERIFY(state["s"].sharesWith(snapshot["s"]));
        QVERIFY(state["l"].sharesWith(snapshot["l"]));
        QCOMPARE(toJson(snapshot),
                 QByteArray(R"({"a":{"x":1},"b":{"y":[1,2]},"n":1,"s":"gold","l":[1,{"x":2}]})"));
        QCOMPARE(toJson(state),
                 QByteArray(R"({"a":{"x":2},"b":{"y":[1,2]},"n":2,"s":"gold","l":[1,{"x":2}]})"));

        // An array the state alone holds is rewritten in place; one a snapshot shares is not.
        Value lines = json(R"({"lines":[{"sku":"a","qty":1}],"n":1})");
        const Value before = lines;
        QVERIFY(eventscope::json::deepMergeText(lines, R"({"lines":[{"sku":"b","qty":2}],"n":2})"));
        QCOMPARE(toJson(before), QByteArray(R"({"lines":[{"sku":"a","qty":1}],"n":1})"));
        QCOMPARE(toJson(lines), QByteArray(R"({"lines":[{"sku":"b","qty":2}],"n":2})"));
        QVERIFY(eventscope::json::deepMergeText(lines, R"({"lines":[{"sku":"c","qty":3}]})"));
        QCOMPARE(toJson(before), QByteArray(R"({"lines":[{"sku":"a","qty":1}],"n":1})"));
        QCOMPARE(toJson(lines), QByteArray(R"({"lines":[{"sku":"c","qty":3}],"n":2})"));
    }

    // Past 1 MiB the text goes to a parser of its own.
    void deepMergeTextLarge()
    {
        // Nulls for missing members mostly: deleting from a large object moves the members after it.
        std::string patch = "{";
        std::size_t expectedSize = 0;
        for (int i = 0; i < 80000; ++i) {
            const bool null = i % 1000 == 0 || i % 6 == 3;
            patch += i ? ",\"" : "\"";
            patch += key(i);
            patch += "\":";
            patch += null ? std::string("null") : std::to_string(i);
            expectedSize += null ? 0 : 1;
        }
        patch += "}";
        QVERIFY(patch.size() > (std::size_t(1) << 20));
        Value state = Value::object();
        for (int i = 0; i < 80000; i += 2)
            state.insert(key(i), "old");
        Value reference = state;
        eventscope::json::deepMerge(reference, json(patch));
        QVERIFY(eventscope::json::deepMergeText(state, patch));
        QVERIFY(identical(state, reference));
        QCOMPARE(state.size(), expectedSize);
    }

    // ---- paths

    void paths_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("formatted");
        QTest::addColumn<QStringList>("steps"); // "#n" for an index

        QTest::addRow("root") << QString() << QString() << QStringList();
        QTest::addRow("quoted key") << u"stock[\"sku-7\"].qty"_qs << u"stock[\"sku-7\"].qty"_qs
                                    << QStringList{u"stock"_qs, u"sku-7"_qs, u"qty"_qs};
        QTest::addRow("single quotes")
            << u"stock['sku-7']"_qs << u"stock[\"sku-7\"]"_qs << QStringList{u"stock"_qs, u"sku-7"_qs};
        QTest::addRow("index") << u"items[0].price"_qs << u"items[0].price"_qs
                               << QStringList{u"items"_qs, u"#0"_qs, u"price"_qs};
        QTest::addRow("dollar names") << u"$counts.OrderPlaced"_qs << u"$counts.OrderPlaced"_qs
                                      << QStringList{u"$counts"_qs, u"OrderPlaced"_qs};
        QTest::addRow("dollar dot is a name") << u"$.x"_qs << u"$.x"_qs << QStringList{u"$"_qs, u"x"_qs};
        QTest::addRow("state dot is a name")
            << u"state.x"_qs << u"state.x"_qs << QStringList{u"state"_qs, u"x"_qs};
        QTest::addRow("identifier characters")
            << u"_a1.$b_2.c3$"_qs << u"_a1.$b_2.c3$"_qs << QStringList{u"_a1"_qs, u"$b_2"_qs, u"c3$"_qs};
        QTest::addRow("root index") << u"[2][10]"_qs << u"[2][10]"_qs << QStringList{u"#2"_qs, u"#10"_qs};
        QTest::addRow("root key") << u"[\"a b\"].c"_qs << u"[\"a b\"].c"_qs
                                  << QStringList{u"a b"_qs, u"c"_qs};
        QTest::addRow("digit key stays a key")
            << u"counts[\"0\"]"_qs << u"counts[\"0\"]"_qs << QStringList{u"counts"_qs, u"0"_qs};
        QTest::addRow("leading digit quoted") << u"[\"1a\"]"_qs << u"[\"1a\"]"_qs << QStringList{u"1a"_qs};
        QTest::addRow("empty key") << u"a[\"\"]"_qs << u"a[\"\"]"_qs << QStringList{u"a"_qs, QString()};
        QTest::addRow("escaped quote")
            << u"[\"say \\\"hi\\\"\"]"_qs << u"[\"say \\\"hi\\\"\"]"_qs << QStringList{u"say \"hi\""_qs};
        QTest::addRow("single quote inside")
            << u"['it\\'s']"_qs << u"[\"it's\"]"_qs << QStringList{u"it's"_qs};
        QTest::addRow("double quote in single quotes")
            << u"['a\"b']"_qs << u"[\"a\\\"b\"]"_qs << QStringList{u"a\"b"_qs};
        QTest::addRow("escapes") << u"[\"a\\\\b\\n\\u00e9\"]"_qs << u"[\"a\\\\b\\n\u00e9\"]"_qs
                                 << QStringList{u"a\\b\n\u00e9"_qs};
        QTest::addRow("control character")
            << u"[\"\\u0001\"]"_qs << u"[\"\\u0001\"]"_qs << QStringList{u"\u0001"_qs};
        QTest::addRow("non-ascii name")
            << u"\u00e9tat.n"_qs << u"[\"\u00e9tat\"].n"_qs << QStringList{u"\u00e9tat"_qs, u"n"_qs};
        QTest::addRow("leading dot") << u".a.b"_qs << u"a.b"_qs << QStringList{u"a"_qs, u"b"_qs};
        QTest::addRow("spaces around")
            << u"  a[ 1 ].b  "_qs << u"a[1].b"_qs << QStringList{u"a"_qs, u"#1"_qs, u"b"_qs};
        QTest::addRow("dot in key") << u"[\"a.b\"]"_qs << u"[\"a.b\"]"_qs << QStringList{u"a.b"_qs};
    }

    void paths()
    {
        QFETCH(QString, text);
        QFETCH(QString, formatted);
        QFETCH(QStringList, steps);

        Path expected;
        for (const QString& step : steps) {
            if (step.startsWith(u'#'))
                expected.emplace_back().step.emplace<std::size_t>(step.mid(1).toULongLong());
            else
                expected.emplace_back().step.emplace<std::string>(step.toStdString());
        }
        QString error;
        const std::optional<Path> parsed = parsePath(text, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(*parsed, expected);
        QCOMPARE(formatPath(*parsed), formatted);
        // The formatted text reads back to the same path.
        const std::optional<Path> again = parsePath(formatted, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(*again, expected);
    }

    void pathErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");

        QTest::addRow("double dot") << u"a..b"_qs << u"'.'"_qs;
        QTest::addRow("trailing dot") << u"a."_qs << u"after '.'"_qs;
        QTest::addRow("dash") << u"stock.sku-7"_qs << u"'-'"_qs;
        QTest::addRow("space") << u"a b"_qs << u"' '"_qs;
        QTest::addRow("leading digit") << u"1a"_qs << u"'1'"_qs;
        QTest::addRow("digit after dot") << u"items.0"_qs << u"'0'"_qs;
        QTest::addRow("unclosed bracket") << u"a["_qs << u"unclosed '['"_qs;
        QTest::addRow("unclosed index") << u"a[1"_qs << u"unclosed '['"_qs;
        QTest::addRow("negative index") << u"a[-1]"_qs << u"'-'"_qs;
        QTest::addRow("bare word in brackets") << u"a[b]"_qs << u"'b'"_qs;
        QTest::addRow("empty brackets") << u"a[]"_qs << u"']'"_qs;
        QTest::addRow("unterminated string") << u"a[\"b]"_qs << u"unterminated"_qs;
        QTest::addRow("junk after key") << u"a[\"b\"x]"_qs << u"'x'"_qs;
        QTest::addRow("bad escape") << u"[\"\\q\"]"_qs << u"'\\q'"_qs;
        QTest::addRow("short unicode escape") << u"[\"\\u12\"]"_qs << u"hex"_qs;
        QTest::addRow("stray bracket") << u"a]"_qs << u"']'"_qs;
        QTest::addRow("huge index") << u"a[99999999999999999999999]"_qs << u"too large"_qs;
        QTest::addRow("name after bracket without dot") << u"a[0]b"_qs << u"'b'"_qs;
    }

    void pathErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!parsePath(text, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
        QVERIFY(!parsePath(text));
    }

    void lookup()
    {
        const Value v =
            json(R"({"stock":{"sku-7":{"qty":3}},"items":[{"price":4.5}],"0":"zero","":{"x":1}})");
        QCOMPARE(*eventscope::json::lookup(v, path("stock[\"sku-7\"].qty")), Value(3));
        QCOMPARE(*eventscope::json::lookup(v, path("items[0].price")), Value(4.5));
        QCOMPARE(*eventscope::json::lookup(v, path("[\"0\"]")), Value("zero"));
        QCOMPARE(*eventscope::json::lookup(v, path("[\"\"].x")), Value(1));
        QCOMPARE(eventscope::json::lookup(v, Path()), &v);
        QVERIFY(!eventscope::json::lookup(v, path("items[1]")));
        QVERIFY(!eventscope::json::lookup(v, path("items.price")));
        QVERIFY(!eventscope::json::lookup(v, path("stock[0]")));
        QVERIFY(!eventscope::json::lookup(v, path("[0]")));
        QVERIFY(!eventscope::json::lookup(v, path("missing.x")));
        QVERIFY(!eventscope::json::lookup(v, path("stock[\"sku-7\"].qty.more")));
    }

    // ---- diff

    void diffEntries_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<QStringList>("entries"); // "+path after", "-path before", "~path before -> after"

        QTest::addRow("identical") << QByteArray(R"({"a":[1,{"b":2}]})") << QByteArray(R"({"a":[1,{"b":2}]})")
                                   << QStringList();
        QTest::addRow("same members in another order")
            << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"b":2,"a":1})") << QStringList();
        QTest::addRow("scalar change") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1,"b":3})")
                                       << QStringList{u"~b 2 -> 3"_qs};
        QTest::addRow("root scalar") << QByteArray("1") << QByteArray(R"("x")")
                                     << QStringList{u"~ 1 -> \"x\""_qs};
        QTest::addRow("object to number") << QByteArray(R"({"a":{"b":1,"c":2}})") << QByteArray(R"({"a":5})")
                                          << QStringList{u"~a {\"b\":1,\"c\":2} -> 5"_qs};
        QTest::addRow("array to object") << QByteArray(R"({"a":[1]})") << QByteArray(R"({"a":{"0":1}})")
                                         << QStringList{u"~a [1] -> {\"0\":1}"_qs};
        QTest::addRow("root type change")
            << QByteArray(R"({"a":1})") << QByteArray("[1]") << QStringList{u"~ {\"a\":1} -> [1]"_qs};
        QTest::addRow("added and removed")
            << QByteArray(R"({"a":1,"gone":{"x":1}})") << QByteArray(R"({"a":1,"new":[1]})")
            << QStringList{u"-gone {\"x\":1}"_qs, u"+new [1]"_qs};
        QTest::addRow("null members")
            << QByteArray(R"({"a":null,"b":null,"c":1})") << QByteArray(R"({"b":1,"c":null,"d":null})")
            << QStringList{u"-a null"_qs, u"~b null -> 1"_qs, u"~c 1 -> null"_qs, u"+d null"_qs};
        QTest::addRow("array grows") << QByteArray("[1,2]") << QByteArray("[1,2,3,[4]]")
                                     << QStringList{u"+[2] 3"_qs, u"+[3] [4]"_qs};
        QTest::addRow("array shrinks") << QByteArray(R"({"l":[1,2,3]})") << QByteArray(R"({"l":[1]})")
                                       << QStringList{u"-l[1] 2"_qs, u"-l[2] 3"_qs};
        QTest::addRow("array changes and grows")
            << QByteArray("[1,{\"a\":1}]") << QByteArray("[0,{\"a\":2},5]")
            << QStringList{u"~[0] 1 -> 0"_qs, u"~[1].a 1 -> 2"_qs, u"+[2] 5"_qs};
        QTest::addRow("empty to full")
            << QByteArray("[]") << QByteArray("[null]") << QStringList{u"+[0] null"_qs};
        QTest::addRow("deep path") << QByteArray(R"({"a":{"b":{"c":[{"d":1,"e":1}]}}})")
                                   << QByteArray(R"({"a":{"b":{"c":[{"d":2,"e":1}]}}})")
                                   << QStringList{u"~a.b.c[0].d 1 -> 2"_qs};
        QTest::addRow("quoted keys") << QByteArray(R"({"sku-7":{"qty":1}})")
                                     << QByteArray(R"({"sku-7":{"qty":0}})")
                                     << QStringList{u"~[\"sku-7\"].qty 1 -> 0"_qs};
        QTest::addRow("stable order") << QByteArray(R"({"b":1,"a":1,"c":{"z":1,"y":1},"B":1})")
                                      << QByteArray(R"({"d":1,"c":{"y":2,"z":2},"a":2,"b":2})")
                                      << QStringList{u"-B 1"_qs,        u"~a 1 -> 2"_qs,   u"~b 1 -> 2"_qs,
                                                     u"~c.y 1 -> 2"_qs, u"~c.z 1 -> 2"_qs, u"+d 1"_qs};
        QTest::addRow("byte order of keys")
            << QByteArray("{\"\xc3\xa9\":1,\"z\":1,\"a\":1}") << QByteArray("{}")
            << QStringList{u"-a 1"_qs, u"-z 1"_qs, u"-[\"\u00e9\"] 1"_qs};
        QTest::addRow("string change")
            << QByteArray(R"(["a"])") << QByteArray(R"(["b"])") << QStringList{u"~[0] \"a\" -> \"b\""_qs};
        QTest::addRow("number to string")
            << QByteArray("[1]") << QByteArray(R"(["1"])") << QStringList{u"~[0] 1 -> \"1\""_qs};
    }

    void diffEntries()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(QStringList, entries);
        QStringList actual;
        for (const DiffEntry& entry : diff(*parse(before), *parse(after))) {
            const QString at = formatPath(entry.path);
            switch (entry.kind) {
            case DiffEntry::Kind::Added:
                QVERIFY(entry.before.isNull());
                actual << u"+"_qs + at + u" "_qs + QString::fromUtf8(toJson(entry.after));
                break;
            case DiffEntry::Kind::Removed:
                QVERIFY(entry.after.isNull());
                actual << u"-"_qs + at + u" "_qs + QString::fromUtf8(toJson(entry.before));
                break;
            case DiffEntry::Kind::Changed:
                actual << u"~"_qs + at + u" "_qs + QString::fromUtf8(toJson(entry.before)) + u" -> "_qs +
                              QString::fromUtf8(toJson(entry.after));
                break;
            }
        }
        QCOMPARE(actual, entries);
    }

    void diffSkipsSharedSubtrees()
    {
        // NaN differs from itself, so walking the shared subtree would report it.
        Value holder = Value::object();
        holder.insert("x", std::numeric_limits<double>::quiet_NaN());
        Value before = Value::object();
        before.insert("shared", holder);
        before.insert("n", 1);
        Value after = before;
        after.insert("n", 2);
        const std::vector<DiffEntry> entries = diff(before, after);
        QCOMPARE(entries.size(), std::size_t(1));
        QCOMPARE(formatPath(entries[0].path), u"n"_qs);
        QVERIFY(diff(before, before).empty());
        QCOMPARE(diff(holder, json(R"({"x":1})")).size(), std::size_t(1));
    }

    void diffLargeObjectFewChanges()
    {
        Value before = Value::object();
        for (int i = 0; i < 10000; ++i)
            before.member(key(i)).insert("qty", i);
        Value after = before;
        after.member(key(7)).insert("qty", -1);
        after.remove(key(9000));
        after.member("zzz") = true;
        const std::vector<DiffEntry> entries = diff(before, after);
        QCOMPARE(entries.size(), std::size_t(3));
        QCOMPARE(formatPath(entries[0].path), u"k7.qty"_qs);
        QCOMPARE(formatPath(entries[1].path), u"k9000"_qs);
        QCOMPARE(entries[1].kind, DiffEntry::Kind::Removed);
        QCOMPARE(formatPath(entries[2].path), u"zzz"_qs);
        QCOMPARE(entries[2].kind, DiffEntry::Kind::Added);
    }

    void changedAt_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<QString>("at");
        QTest::addColumn<bool>("changed");

        const QByteArray a = R"({"x":{"y":1,"z":1},"l":[1,2],"s":"t"})";
        const QByteArray b = R"({"x":{"y":2,"z":1},"l":[1,2,3],"s":"t"})";
        QTest::addRow("the changed member") << a << b << u"x.y"_qs << true;
        QTest::addRow("its parent") << a << b << u"x"_qs << true;
        QTest::addRow("the root") << a << b << QString() << true;
        QTest::addRow("a sibling") << a << b << u"x.z"_qs << false;
        QTest::addRow("an unchanged member") << a << b << u"s"_qs << false;
        QTest::addRow("missing in both") << a << b << u"q.r"_qs << false;
        QTest::addRow("below the changed member") << a << b << u"x.y.deeper"_qs << true;
        QTest::addRow("array element added") << a << b << u"l[2]"_qs << true;
        QTest::addRow("array element same") << a << b << u"l[0]"_qs << false;
        QTest::addRow("array element beyond both") << a << b << u"l[7]"_qs << false;
        QTest::addRow("array grew") << a << b << u"l"_qs << true;
        QTest::addRow("ancestor changed type")
            << QByteArray(R"({"x":{"y":1}})") << QByteArray(R"({"x":5})") << u"x.y"_qs << true;
        QTest::addRow("ancestor scalar changed")
            << QByteArray(R"({"x":1})") << QByteArray(R"({"x":2})") << u"x.y.z"_qs << true;
        QTest::addRow("ancestor equal scalar")
            << QByteArray(R"({"x":"s","n":1})") << QByteArray(R"({"x":"s","n":2})") << u"x.y"_qs << false;
        QTest::addRow("sibling added")
            << QByteArray(R"({"x":{}})") << QByteArray(R"({"x":{"q":1}})") << u"x.y"_qs << false;
        QTest::addRow("member added")
            << QByteArray(R"({"x":{}})") << QByteArray(R"({"x":{"y":null}})") << u"x.y"_qs << true;
        QTest::addRow("index into objects")
            << QByteArray(R"({"x":{"a":1}})") << QByteArray(R"({"x":{"a":2}})") << u"x[0]"_qs << false;
        QTest::addRow("key into arrays")
            << QByteArray(R"({"x":[1]})") << QByteArray(R"({"x":[2]})") << u"x.a"_qs << false;
        QTest::addRow("array became object")
            << QByteArray(R"({"x":[1]})") << QByteArray(R"({"x":{"0":1}})") << u"x[0]"_qs << true;
        QTest::addRow("reordered members")
            << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"b":2,"a":1})") << QString() << false;
    }

    void changedAt()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(QString, at);
        QFETCH(bool, changed);
        const Value before = *parse(a);
        const Value after = *parse(b);
        const Path p = *parsePath(at);
        QCOMPARE(eventscope::json::changedAt(before, after, p), changed);
        QCOMPARE(eventscope::json::changedAt(after, before, p), changed);

        // The same answer as looking through diff() for an entry on the path, above it or below it.
        bool fromDiff = false;
        for (const DiffEntry& entry : diff(before, after)) {
            const std::size_t n = std::min(entry.path.size(), p.size());
            if (std::equal(entry.path.begin(), entry.path.begin() + std::ptrdiff_t(n), p.begin()))
                fromDiff = true;
        }
        QCOMPARE(fromDiff, changed);
    }

    void changedAtShared()
    {
        const Value a = json(R"({"x":{"y":[1,2]}})");
        Value b = a;
        QVERIFY(!eventscope::json::changedAt(a, b, path("x.y[0]")));
        b.member("x").member("y").elementAt(0) = 7;
        QVERIFY(eventscope::json::changedAt(a, b, path("x.y[0]")));
        QVERIFY(!eventscope::json::changedAt(a, b, path("x.y[1]")));
    }

    void diffToJson()
    {
        const Value before = json(R"({"a":1,"b":{"c":[1]},"gone":true})");
        const Value after = json(R"({"a":2,"b":{"c":[1,{"d":null}]},"sku-1":"x"})");
        const Value result = eventscope::json::diffToJson(diff(before, after));
        QCOMPARE(toJson(result), QByteArray("{\"added\":[{\"path\":\"b.c[1]\",\"value\":{\"d\":null}},{"
                                            "\"path\":\"[\\\"sku-1\\\"]\",\"value\":\"x\"}],"
                                            R"("removed":[{"path":"gone","value":true}],)"
                                            R"("changed":[{"path":"a","before":1,"after":2}]})"));
        QCOMPARE(toJson(eventscope::json::diffToJson({})),
                 QByteArray(R"({"added":[],"removed":[],"changed":[]})"));
    }

    // ---- memory

    void bytesNotSharedWith()
    {
        Value state = Value::object();
        for (int i = 0; i < 1000; ++i) {
            Value entry = Value::object();
            entry.insert("n", i);
            entry.insert("text", "a string long enough not to fit in place " + std::to_string(i));
            entry.insert("list", json("[1,2,3]"));
            state.insert(key(i), entry);
        }
        const std::size_t total = state.approximateBytes();
        QVERIFY(total > 1000 * 100);

        const Value snapshot = state;
        QCOMPARE(state.bytesNotSharedWith(snapshot), std::size_t(0));
        QCOMPARE(state.bytesNotSharedWith(state), std::size_t(0));

        state.member(key(500)).insert("n", -1);
        const std::size_t changed = state.bytesNotSharedWith(snapshot);
        // The root's node (1000 members) and k500's node: nothing else.
        QVERIFY(changed > 1000 * sizeof(Value));
        QVERIFY2(changed < total / 5, qPrintable(QStringLiteral("%1 of %2").arg(changed).arg(total)));
        const std::size_t rootOnly = changed;
        state.member(key(501)).member("list").elementAt(0) = 9;
        const std::size_t twoPaths = state.bytesNotSharedWith(snapshot);
        QVERIFY(twoPaths > rootOnly);
        QVERIFY(twoPaths < rootOnly + 1000);

        // Against an unrelated equal value nothing is shared.
        const Value reparsed = *parse(toJson(snapshot));
        QVERIFY(reparsed.bytesNotSharedWith(snapshot) > total / 2);
        QCOMPARE(Value(5).bytesNotSharedWith(Value(6)), std::size_t(0));
        QVERIFY(Value(std::string(100, 'x')).bytesNotSharedWith(Value()) >= 100);
        QVERIFY(Value::object().approximateBytes() >= sizeof(Value));
    }
};

QTEST_APPLESS_MAIN(TestJson)
#include "tst_json.moc"
