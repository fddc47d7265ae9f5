#include "expr/expression.h"
#include "json/jsonvalue.h"

#include <QJSEngine>
#include <QTest>

#include <cmath>
#include <initializer_list>
#include <vector>

using namespace eventscope;
using eventscope::expr::Expression;

namespace {

// The state most rows read as `s`.
const char* const kState = R"({
    "stock": {"sku-7": 5, "sku-9": 0},
    "total": 120.5, "paid": 20, "name": "Ada", "empty": "", "zero": 0, "nul": null,
    "flag": true, "no": false,
    "arr": [1, 2, 3], "one": [5], "none": [], "nested": [1, [2, null, 3], {"a": 1}],
    "obj": {"a": 1, "b": {"c": "deep"}}, "obj2": {"a": 1, "b": {"c": "deep"}},
    "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 0}], "max": 3,
    "withLength": {"length": 7}, "num": "42", "hex": "0x1F", "spaced": "  12  ",
    "words": "héllo wörld", "emoji": "a😀b", "idx": {"1": "one", "b": "bee", "0": "zero"},
    "neg": {"x": -1, "y": 2}, "big": 1e21, "small": 1e-7
})";

// An event as a breakpoint sees it: `e`.
const char* const kEvent =
    R"({"eventType": "StockReserved", "stream": "order-1", "data": {"qty": 12, "sku": "sku-7"}})";

QString str(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

QStringList strs(std::initializer_list<const char*> items)
{
    QStringList out;
    for (const char* item : items)
        out.append(str(item));
    return out;
}

// Results that JSON cannot spell are compared by these names; everything else as JSON.
bool isSpecial(const QString& text)
{
    static const QStringList names = strs({"undefined", "throws", "NaN", "Infinity", "-Infinity", "-0"});
    return names.contains(text);
}

QString describeNumber(double d, const QString& otherwise)
{
    if (std::isnan(d))
        return QStringLiteral("NaN");
    if (std::isinf(d))
        return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    if (d == 0 && std::signbit(d))
        return QStringLiteral("-0");
    return otherwise;
}

QString describeCpp(const json::Value& v, const Expression::Outcome& outcome)
{
    switch (outcome.kind) {
    case Expression::Outcome::Kind::Thrown:
        return QStringLiteral("throws");
    case Expression::Outcome::Kind::Unsupported:
        return QStringLiteral("unsupported: ") + outcome.message;
    case Expression::Outcome::Kind::Undefined:
        return QStringLiteral("undefined");
    case Expression::Outcome::Kind::Value:
        break;
    }
    const QString text = QString::fromUtf8(json::toJson(v));
    return v.isNumber() ? describeNumber(v.toDouble(), text) : text;
}

// The function QJSEngine makes of the same source: the source itself when it has no parameters
// (a function form, or a constant expression), else wrapped in a function of the parameters.
QJSValue jsCompile(QJSEngine& engine, const QString& source, const QStringList& params)
{
    if (params.isEmpty())
        return engine.evaluate(QLatin1Char('(') + source + QStringLiteral("\n)"));
    return engine.evaluate(QStringLiteral("(function (") + params.join(QStringLiteral(", ")) +
                           QStringLiteral(") { return (") + source + QStringLiteral("\n); })"));
}

bool isSyntaxError(const QJSValue& v)
{
    return v.isError() && v.property(QStringLiteral("name")).toString() == QLatin1String("SyntaxError");
}

struct JsResult
{
    QString description;
    bool truthy = false;
};

JsResult jsEvaluate(QJSEngine& engine, const QString& source, const QStringList& params,
                    const QStringList& args)
{
    const QJSValue function = jsCompile(engine, source, params);
    if (function.isError())
        return {QStringLiteral("compile error: ") + function.toString()};
    QJSValue result = function;
    if (function.isCallable()) {
        QJSValueList jsArgs;
        const QJSValue parse =
            engine.globalObject().property(QStringLiteral("JSON")).property(QStringLiteral("parse"));
        for (const QString& arg : args)
            jsArgs.append(parse.call({QJSValue(arg)}));
        result = function.call(jsArgs);
    }
    if (engine.hasError()) {
        engine.catchError();
        return {QStringLiteral("throws")};
    }
    if (result.isError())
        return {QStringLiteral("throws")};
    if (result.isUndefined())
        return {QStringLiteral("undefined")};
    const QJSValue stringify =
        engine.globalObject().property(QStringLiteral("JSON")).property(QStringLiteral("stringify"));
    const QString text = stringify.call({result}).toString();
    return {result.isNumber() ? describeNumber(result.toNumber(), text) : text, result.toBool()};
}

// Whether a result description matches the expected one: by name, or as equal JSON values.
bool matches(const QString& actual, const QString& expected)
{
    if (isSpecial(expected) || isSpecial(actual))
        return actual == expected;
    const auto a = json::parse(actual.toUtf8());
    const auto e = json::parse(expected.toUtf8());
    return a && e && *a == *e;
}

std::vector<json::Value> parseArgs(const QStringList& args)
{
    std::vector<json::Value> values;
    for (const QString& arg : args) {
        QString error;
        const auto v = json::parse(arg.toUtf8(), &error);
        if (!v)
            qFatal("bad fixture JSON: %s", qPrintable(error));
        values.push_back(*v);
    }
    return values;
}

int rowNumber = 0;

// Data tags print on one line.
QByteArray tagOf(const char* source)
{
    return QByteArray(source).replace('\n', "\\n");
}

void row(const char* source, const QStringList& params, const QStringList& args, const char* expected)
{
    const QByteArray tag = QByteArray::number(++rowNumber) + ": " + tagOf(source);
    QTest::newRow(tag.constData()) << str(source) << params << args << str(expected);
}

// A row reading the state as `s`.
void s(const char* source, const char* expected)
{
    row(source, strs({"s"}), strs({kState}), expected);
}

// A row without parameters.
void c(const char* source, const char* expected)
{
    row(source, {}, {}, expected);
}

} // namespace

class TestExpression : public QObject
{
    Q_OBJECT

private:
    QJSEngine m_engine;

    static void addColumns()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
    }

private slots:
    void evaluate_data()
    {
        addColumns();

        // Literals.
        c("1", "1");
        c("1.5", "1.5");
        c(".5", "0.5");
        c("1e3", "1000");
        c("1.e3", "1000");
        c("2.5E-3", "0.0025");
        c("0x1F", "31");
        c("0b101", "5");
        c("0o17", "15");
        c("1e400", "Infinity");
        c("'a'", "\"a\"");
        c("\"b\\n\"", "\"b\\n\"");
        c("'\\u0041\\x42\\u{1F600}'", "\"AB😀\"");
        c("'it\\'s' + \"\\\"q\\\"\"", "\"it's\\\"q\\\"\"");
        c("'\\t\\r\\b\\f\\v\\0\\\\\\/\\q'", "\"\\t\\r\\b\\f\\u000b\\u0000\\\\/q\"");
        c("'line\\\ncontinued'", "\"linecontinued\"");
        c("true", "true");
        c("false", "false");
        c("null", "null");
        c("undefined", "undefined");
        c("NaN", "NaN");
        c("Infinity", "Infinity");
        c("-Infinity", "-Infinity");
        c("-0", "-0");
        c("/* a comment */ 1 // and another", "1");
        c("void 0", "undefined");

        // Member access.
        s("s.total", "120.5");
        s("s['total']", "120.5");
        s("s[\"stock\"]['sku-7']", "5");
        s("s.stock['sku-7']", "5");
        s("s . obj\n.b .c", "\"deep\"");
        s("s.obj.b.c", "\"deep\"");
        s("s.obj", R"({"a": 1, "b": {"c": "deep"}})");
        s("s.arr", "[1, 2, 3]");
        s("s.missing", "undefined");
        s("s.missing.x", "throws");
        s("s.nul.x", "throws");
        s("s.nul['x']", "throws");
        s("s.missing[0]", "throws");
        s("s.total.x", "undefined");
        s("s.name.x", "undefined");
        s("s.flag.x", "undefined");
        s("s.obj.class", "undefined");
        s("s.arr[0]", "1");
        s("s.arr[2]", "3");
        s("s.arr[3]", "undefined");
        s("s.arr[-1]", "undefined");
        s("s.arr['1']", "2");
        s("s.arr['01']", "undefined");
        s("s.arr[1.5]", "undefined");
        s("s.arr[1.0]", "2");
        s("s.arr[s.zero]", "1");
        s("s.arr.length", "3");
        s("s.arr['length']", "3");
        s("s.none.length", "0");
        s("s.name.length", "3");
        s("s.name['length']", "3");
        s("s.empty.length", "0");
        s("s.words.length", "11");
        s("s.emoji.length", "4");
        s("s.name[0]", "\"A\"");
        s("s.name[5]", "undefined");
        s("s.words[1]", "\"é\"");
        s("s.emoji[3]", "\"b\"");
        s("s.obj.length", "undefined");
        s("s.withLength.length", "7");
        s("s.idx[1]", "\"one\"");
        s("s.idx['0']", "\"zero\"");
        s("s.idx.b", "\"bee\"");
        s("s.nested[1][2]", "3");
        s("s.nested[1][1]", "null");
        s("s.nested[2].a", "1");
        s("s[null]", "undefined");
        s("s.obj[true]", "undefined");
        s("s.stock[s.arr]", "undefined");
        s("s.stock[s.max > 1 ? 'sku-7' : 'x']", "5");
        s("s[s.obj.b.c]", "undefined");

        // Optional chaining.
        s("s.missing?.x", "undefined");
        s("s.missing?.x.y.z", "undefined");
        s("s.missing?.['x']", "undefined");
        s("s.nul?.x", "undefined");
        s("s.obj?.b?.c", "\"deep\"");
        s("s.obj?.a", "1");
        s("s.arr?.[1]", "2");
        s("s.total?.x", "undefined");
        s("(s.missing?.x).y", "throws");
        s("s.missing?.x ?? 'none'", "\"none\"");
        s("s.obj?.missing.x", "throws");
        s("s.missing?.every(x => x)", "undefined");
        s("s.items?.every(i => i.qty >= 0)", "true");
        s("s.missing?.x + 1", "NaN");

        // Unary operators.
        s("!s.flag", "false");
        s("!s.zero", "true");
        s("!s.empty", "true");
        s("!'0'", "false");
        s("!s.arr", "false");
        s("!s.none", "false");
        s("!!s.nul", "false");
        s("!s.missing", "true");
        s("!NaN", "true");
        s("-s.total", "-120.5");
        s("-s.num", "-42");
        s("+s.num", "42");
        s("+s.hex", "31");
        s("+s.spaced", "12");
        s("-null", "-0");
        s("-s.missing", "NaN");
        s("+s.none", "0");
        s("+s.one", "5");
        s("+s.arr", "NaN");
        s("+s.obj", "NaN");
        c("+''", "0");
        c("+' '", "0");
        c("+'1e3'", "1000");
        c("+'abc'", "NaN");
        c("+'12px'", "NaN");
        c("+'-0x10'", "NaN");
        c("+'0x'", "NaN");
        c("+'+5'", "5");
        c("+'-5'", "-5");
        c("+'.5'", "0.5");
        c("+'5.'", "5");
        c("+'.'", "NaN");
        c("+'Infinity'", "Infinity");
        c("+'-Infinity'", "-Infinity");
        c("+'infinity'", "NaN");
        c("+'1e'", "NaN");
        c("+'1_000'", "NaN");
        c("+'0b11'", "3");
        c("+'0o7'", "7");
        c("+'00012'", "12");
        c("+'1e1000'", "Infinity");
        c("+'-1e-5'", "-0.00001");
        c("+'\\u00a0 12\\n\\t'", "12");
        c("+'\\u3000 7 \\u2029'", "7");
        c("+'\\u0085 7'", "7");
        // The specification trims U+FEFF and not U+0085; QJSEngine does the opposite, and so do we.
        c("+'\\ufeff7'", "NaN");
        c("+true", "1");
        c("+null", "0");
        c("+undefined", "NaN");
        s("typeof s.total", "\"number\"");
        s("typeof s.name", "\"string\"");
        s("typeof s.flag", "\"boolean\"");
        s("typeof s.nul", "\"object\"");
        s("typeof s.arr", "\"object\"");
        s("typeof s.obj", "\"object\"");
        s("typeof s.missing", "\"undefined\"");
        s("typeof s.missing?.x", "\"undefined\"");
        c("typeof typeof 1", "\"string\"");
        s("void s.total", "undefined");

        // Arithmetic and concatenation.
        c("1 + 2 * 3", "7");
        c("(1 + 2) * 3", "9");
        c("10 - 4 - 3", "3");
        c("2 * 3 % 4", "2");
        c("7 % 3", "1");
        c("-7 % 3", "-1");
        c("7 % -3", "1");
        c("5.5 % 2", "1.5");
        c("5 % Infinity", "5");
        c("1 / 0", "Infinity");
        c("-1 / 0", "-Infinity");
        c("0 / 0", "NaN");
        c("5 % 0", "NaN");
        c("0.1 + 0.2", "0.30000000000000004");
        c("- -3", "3");
        s("s.total - s.paid", "100.5");
        c("'a' + 1", "\"a1\"");
        c("1 + 'a'", "\"1a\"");
        c("1 + 2 + 'a'", "\"3a\"");
        c("'a' + 1 + 2", "\"a12\"");
        c("'a' + null", "\"anull\"");
        c("'a' + undefined", "\"aundefined\"");
        c("'a' + true", "\"atrue\"");
        s("'x' + s.arr", "\"x1,2,3\"");
        s("'x' + s.obj", "\"x[object Object]\"");
        s("'x' + s.nested", "\"x1,2,,3,[object Object]\"");
        s("s.arr + 1", "\"1,2,31\"");
        s("s.none + 1", "\"1\"");
        s("s.one * 2", "10");
        s("s.none + s.none", "\"\"");
        s("s.obj + s.one", "\"[object Object]5\"");
        c("1 + null", "1");
        c("1 + undefined", "NaN");
        c("true + true", "2");
        c("'3' - 1", "2");
        c("'3' * '4'", "12");
        c("'3' + 4", "\"34\"");
        s("s.num - 2", "40");
        s("s.name + s.total", "\"Ada120.5\"");
        s("s.words + s.emoji", "\"héllo wörlda😀b\"");
        s("'x' + s.stock['sku-7'] * 2", "\"x10\"");
        c("'' + 0.1", "\"0.1\"");
        c("'' + (0.1 + 0.2)", "\"0.30000000000000004\"");
        c("'' + 1e21", "\"1e+21\"");
        c("'' + 123456789012345680000", "\"123456789012345680000\"");
        c("'' + 1e-7", "\"1e-7\"");
        c("'' + 0.000001", "\"0.000001\"");
        c("'' + -0", "\"0\"");
        c("'' + 1.5e300", "\"1.5e+300\"");
        c("'' + -1.5e-10", "\"-1.5e-10\"");
        c("'' + 5e-324", "\"5e-324\"");
        c("'' + 1.7976931348623157e308", "\"1.7976931348623157e+308\"");
        c("'' + 0.12345678901234567890", "\"0.12345678901234568\"");
        c("'' + 100 + 123.456", "\"100123.456\"");
        c("'' + NaN + -Infinity", "\"NaN-Infinity\"");
        s("s.big + ''", "\"1e+21\"");
        s("s.small + ''", "\"1e-7\"");

        // Comparisons.
        c("1 < 2", "true");
        c("2 < 1", "false");
        c("1 <= 1", "true");
        c("1 >= 2", "false");
        c("'a' < 'b'", "true");
        c("'a' < 'B'", "false");
        c("'10' < '9'", "true");
        c("'10' < 9", "false");
        c("'ab' < 'abc'", "true");
        c("'abc' <= 'ab'", "false");
        c("'é' > 'e'", "true");
        c("'\\uFF61' < '\\u{1F600}'", "false");
        c("'\\u{1F600}' < '\\uFF61'", "true");
        c("'\\u{1F600}' < '\\u{1F601}'", "true");
        c("null < 1", "true");
        c("undefined < 1", "false");
        c("null <= 0", "true");
        c("null >= 0", "true");
        c("undefined <= undefined", "false");
        c("NaN < NaN", "false");
        c("NaN <= NaN", "false");
        c("NaN >= 1", "false");
        c("true > false", "true");
        c("'' < 1", "true");
        s("s.arr < '2'", "true");
        s("s.one >= 5", "true");
        s("s.obj < s.obj", "false");
        s("s.obj <= s.obj", "true");
        s("s.stock['sku-7'] > 3", "true");
        s("s.num > 5", "true");
        s("s.num > '5'", "false");
        s("s.missing >= 0", "false");

        // Equality.
        c("1 == '1'", "true");
        c("0 == ''", "true");
        c("0 == '0'", "true");
        c("'' == '0'", "false");
        c("' 42 ' == 42", "true");
        c("'\\n' == 0", "true");
        c("null == undefined", "true");
        c("null == 0", "false");
        c("undefined == 0", "false");
        c("null == false", "false");
        c("null === undefined", "false");
        c("NaN == NaN", "false");
        c("NaN != NaN", "true");
        c("true == 1", "true");
        c("true == '1'", "true");
        c("false == 'false'", "false");
        c("false == ''", "true");
        c("1 !== '1'", "true");
        c("1 === 1.0", "true");
        c("0 === -0", "true");
        c("'a' != 'a'", "false");
        s("s.arr == '1,2,3'", "true");
        s("s.one == 5", "true");
        s("s.one == '5'", "true");
        s("s.none == 0", "true");
        s("s.none == false", "true");
        s("s.obj == '[object Object]'", "true");
        s("s.obj == s.obj", "true");
        s("s.obj === s.obj", "true");
        s("s.obj == s.obj2", "false");
        s("s.obj.b == s.obj2.b", "false");
        s("s.arr == s.arr", "true");
        s("s.arr[0] == s.one", "false");
        s("s.obj == null", "false");
        s("s.name === 'Ada'", "true");
        s("s.name == 'ada'", "false");
        s("s.nul == null", "true");
        s("s.missing == null", "true");
        s("s.missing === null", "false");
        s("s.missing === undefined", "true");
        s("s.nul === null", "true");
        s("s.nul == s.missing", "true");
        s("s.num == 42", "true");
        s("s.num === 42", "false");
        s("s.hex == 31", "true");
        s("s.spaced == 12", "true");
        s("s.flag == 1", "true");
        s("s.flag == 'true'", "false");
        s("s.items.length == 2", "true");

        // Logical operators return operands.
        c("1 && 'x'", "\"x\"");
        c("0 && 'x'", "0");
        c("'' && 'x'", "\"\"");
        c("'' || 'd'", "\"d\"");
        c("'v' || 'd'", "\"v\"");
        c("null ?? 'd'", "\"d\"");
        c("0 ?? 'd'", "0");
        c("'' ?? 'd'", "\"\"");
        c("undefined ?? null", "null");
        s("s.missing || 'default'", "\"default\"");
        s("s.zero || s.empty || s.nul", "null");
        s("s.zero || s.missing", "undefined");
        s("s.missing ?? s.nul ?? 3", "3");
        s("s.missing && s.missing.x", "undefined");
        s("s.obj && s.obj.a", "1");
        s("s.flag || s.missing.x", "true");
        s("s.no && s.missing.x", "false");
        s("s.flag && s.missing.x", "throws");
        s("(s.a || s.b) ?? 1", "1");
        s("(s.a ?? s.b) || 1", "1");
        s("s.arr && s.arr.length", "3");
        s("s.flag && s.obj", R"({"a": 1, "b": {"c": "deep"}})");

        // Conditional.
        s("s.total > 100 ? 'big' : 'small'", "\"big\"");
        s("s.zero ? 1 : s.flag ? 2 : 3", "2");
        s("s.missing ? s.missing.x : 'safe'", "\"safe\"");
        s("s.flag ? s.arr : s.obj", "[1, 2, 3]");
        s("s.flag ? s.no ? 1 : 2 : 3", "2");

        // Math.
        c("Math.abs(-3)", "3");
        c("Math.abs('-2')", "2");
        c("Math.abs(-0)", "0");
        c("Math.abs()", "NaN");
        s("Math.abs(s.missing)", "NaN");
        s("Math.abs(-2, s.missing.x)", "throws");
        c("Math.min(3, 1, 2)", "1");
        c("Math.max(3, 1, 2)", "3");
        c("Math.min()", "Infinity");
        c("Math.max()", "-Infinity");
        c("Math.min(1, NaN)", "NaN");
        c("Math.max(NaN, 1)", "NaN");
        c("Math.max('3', 2)", "3");
        c("Math.min(0, -0)", "-0");
        c("Math.max(-0, 0)", "0");
        s("Math.max(s.one, 2)", "5");
        s("Math.max(s.stock['sku-7'], s.stock['sku-9']) + 1", "6");
        c("Math.round(2.5)", "3");
        c("Math.round(-2.5)", "-2");
        c("Math.round(-2.6)", "-3");
        c("Math.round(2.4)", "2");
        c("Math.round(-0.4)", "-0");
        c("Math.round(0.49999999999999994)", "0");
        c("Math.round(4503599627370495.5)", "4503599627370496");
        c("Math.round(-4503599627370495.5)", "-4503599627370495");
        s("Math.round(s.total)", "121");
        c("Math.floor(-1.5)", "-2");
        c("Math.ceil(1.2)", "2");
        c("Math.ceil(-0.5)", "-0");
        c("Math.trunc(-1.7)", "-1");
        c("Math.sign(-3)", "-1");
        c("Math.sign(-0)", "-0");
        c("Math.sqrt(16)", "4");
        c("Math.sqrt(-1)", "NaN");
        c("Math.PI", "3.141592653589793");
        c("Math.floor(Math.E * 100)", "271");

        // Object.keys / Object.values.
        s("Object.keys(s.stock).length", "2");
        s("Object.values(s.stock).length", "2");
        s("Object.keys(s.arr).length", "3");
        s("Object.keys(s.name).length", "3");
        s("Object.keys(s.emoji).length", "4");
        s("Object.keys(s.total).length", "0");
        s("Object.keys(s.obj.b).length", "1");
        s("Object.keys(s.missing).length", "throws");
        s("Object.keys(s.nul).length", "throws");
        s("Object.values(s.stock).every(q => q >= 0)", "true");
        s("Object.values(s.neg).every(q => q >= 0)", "false");
        s("Object.values(s.neg).some(q => q < 0)", "true");
        s("Object.values(s.stock).some(q => q > 100)", "false");
        s("Object.keys(s.stock).every(k => k.length == 5)", "true");
        s("Object.keys(s.idx).some((k, i) => i == 0 && k == '0')", "true");
        s("Object.keys(s.idx).every((k, i) => i < 2 || k == 'b')", "true");
        s("Object.values(s.idx).some((v, i) => i == 1 && v == 'one')", "true");
        s("Object.values(s.arr).every(v => v > 0)", "true");
        s("Object.keys(s.arr).every(k => typeof k == 'string')", "true");
        s("Object.keys(s.arr).some(k => k === '2')", "true");
        s("Object.values(s.name).some(c => c == 'd')", "true");
        s("Object.values(s.none).every(v => false)", "true");
        s("Object.values(s.none).some(v => true)", "false");
        s("Object.values(s.total).every(v => false)", "true");
        s("Object.values(s.missing).every(v => true)", "throws");
        s("Object.values(s.stock).every(function (q) { return q >= 0; })", "true");
        s("Object.values(s.items).every(i => i.qty >= 0 && i.sku.length == 1)", "true");
        s("Object.values(s.items).some(i => i.missing.x)", "throws");

        // Array every / some.
        s("s.items.every(i => i.qty >= 0)", "true");
        s("s.items.every(i => i.qty > 0)", "false");
        s("s.items.some(i => i.sku == 'b')", "true");
        s("s.items.some(function (i) { return i.qty > 5; })", "false");
        s("s.items.every(i => i.qty <= s.max)", "true");
        s("s.items.every((i, n) => n < 2)", "true");
        s("s.items.some((i, n) => n == 1 && i.sku == 'b')", "true");
        s("s.items.every(() => true)", "true");
        s("s.items.every(i => { return i.qty >= 0; })", "true");
        s("s.items.every((i) => i.sku)", "true");
        s("s.items.some(i => i.qty)", "true");
        s("s.none.every(x => false)", "true");
        s("s.none.some(x => true)", "false");
        s("s.none.every(i => i.missing.x)", "true");
        s("s.arr.every(x => x)", "true");
        s("s.nested.some(x => x === null)", "false");
        s("s.nested[1].some(x => x === null)", "true");
        s("s.items.every(s => s.qty >= 0)", "true");
        s("s.items.every(i => s.arr.some(a => a == i.qty))", "false");
        s("s.items.some(i => s.arr.some(a => a == i.qty))", "true");
        s("s.items.every(i => i.missing.x)", "throws");
        s("s.missing.every(x => x)", "throws");
        s("s.nul.some(x => x)", "throws");
        s("s.obj.every(x => x)", "throws");
        s("s.name.some(x => x)", "throws");

        // Function forms: their own parameters bind positionally.
        row("s => s.stock['sku-7'] >= 0", {}, strs({kState}), "true");
        row("(s) => s.total", {}, strs({kState}), "120.5");
        row("(a, b) => a + b", {}, strs({"1", "2"}), "3");
        row("(a, b) => a + b", {}, strs({"\"x\"", "[1, 2]"}), "\"x1,2\"");
        row("(a, b,) => a", {}, strs({"1", "2"}), "1");
        row("(a, b) => b", {}, strs({"1"}), "undefined");
        row("() => 42", {}, {}, "42");
        row("function (s) { return s.total; }", {}, strs({kState}), "120.5");
        row("function named(s) { return s.name }", {}, strs({kState}), "\"Ada\"");
        row("function (s) /* c */ { return /* d */ s.total; // e\n }", {}, strs({kState}), "120.5");
        row("s => { return s.paid; }", {}, strs({kState}), "20");
        row("s => { return s.paid }", {}, strs({kState}), "20");
        row("s => { return; }", {}, strs({kState}), "undefined");
        row("s => {}", {}, strs({kState}), "undefined");
        row("function () {}", {}, {}, "undefined");
        row("s =>\n  s.total", {}, strs({kState}), "120.5");
        row("e => e.eventType == 'StockReserved' && e.data.qty > 10", {}, strs({kEvent}), "true");
        row("e => e.eventType == 'StockReserved' && e.data.qty > 20", {}, strs({kEvent}), "false");
        row("e => e.data?.sku ?? 'none'", {}, strs({kEvent}), "\"sku-7\"");
        row("(e, s) => s.stock[e.data.sku] >= e.data.qty", {}, strs({kEvent, kState}), "false");
        row("(e, s) => s.stock[e.data.sku] - e.data.qty", {}, strs({kEvent, kState}), "-7");
        row("s => s.total - s.paid", {}, strs({kState}), "100.5");
        row("x => x * 2", {}, strs({"21"}), "42");
        row("x => x", {}, strs({"null"}), "null");
        row("x => x", {}, strs({"\"str\""}), "\"str\"");
        row("x => x", {}, strs({R"([1, {"a": 2}])"}), R"([1, {"a": 2}])");
        row("x => x.length", {}, strs({"[1, 2]"}), "2");
        row("async => async + 1", {}, strs({"1"}), "2");
        row("s => s.stock", {}, strs({kState}), R"({"sku-7": 5, "sku-9": 0})");
        row("s => Object.values(s.stock).every(q => q >= 0)", {}, strs({kState}), "true");

        // Expressions over given parameters.
        row("e.data.qty + s.paid", strs({"e", "s"}), strs({kEvent, kState}), "32");
        row("b", strs({"a", "b"}), strs({"1"}), "undefined");
        row("Math + 1", strs({"Math"}), strs({"1"}), "2");
        row("Object.a", strs({"Object"}), strs({R"({"a": 3})"}), "3");
        row("undefined", strs({"undefined"}), strs({"5"}), "5");
        row("s.constructor", strs({"s"}), strs({R"({"constructor": 5})"}), "5");
        row("s.ü + ä", strs({"s", "ä"}), strs({R"({"ü": 1})", "2"}), "3");
        row("s.flag?.5:1", strs({"s"}), strs({kState}), "0.5");
    }

    // Every row is checked against the expected value, and the same source run by QJSEngine on the
    // same arguments must give it too: the subset behaves as JavaScript.
    void evaluate()
    {
        QFETCH(QString, source);
        QFETCH(QStringList, params);
        QFETCH(QStringList, args);
        QFETCH(QString, expected);

        QString error;
        bool inSubset = false;
        const auto expression = Expression::compile(source, params, &error, &inSubset);
        QVERIFY2(expression, qPrintable(error));
        QVERIFY(inSubset);
        QVERIFY(error.isEmpty());

        const std::vector<json::Value> values = parseArgs(args);
        Expression::Outcome outcome;
        const json::Value result = expression->evaluate(values, &outcome);
        const QString cpp = describeCpp(result, outcome);
        QVERIFY2(matches(cpp, expected),
                 qPrintable(QStringLiteral("C++ gave %1, expected %2").arg(cpp, expected)));

        const JsResult js = jsEvaluate(m_engine, source, params, args);
        QVERIFY2(matches(js.description, expected),
                 qPrintable(QStringLiteral("QJSEngine gave %1, expected %2").arg(js.description, expected)));

        Expression::Outcome boolOutcome;
        QCOMPARE(expression->evaluateBool(values, &boolOutcome), js.truthy);
        QCOMPARE(boolOutcome.kind, outcome.kind);
        if (outcome.kind == Expression::Outcome::Kind::Thrown)
            QVERIFY(outcome.message.startsWith(QLatin1String("TypeError: ")));
        if (outcome.kind != Expression::Outcome::Kind::Value)
            QVERIFY(result.isNull());
    }

    void notInSubset_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<bool>("engineAccepts"); // false: valid ECMAScript that QJSEngine 6.4 rejects too
        const QStringList none;
        const QStringList S = strs({"s"});
        const auto add = [](const char* source, const QStringList& params, bool engineAccepts = true) {
            QTest::newRow(tagOf(source).constData()) << str(source) << params << engineAccepts;
        };
        add("s => { let x = 1; return x; }", none);
        add("e => foo(e)", none);
        add("e => /a/.test(e.type)", none);
        add("e => e.x = 1", none);
        add("s => { if (s.a) return 1; return 2; }", none);
        add("s => { return\n s.a; }", none);
        add("s => { return s.a; s.b; }", none);
        add("s => { return s.a; let x = 1; }", none);
        add("s => { 'use strict'; return s.a; }", none);
        add("s => { s.a }", none);
        add("s.items.every(({qty}) => qty > 0)", S);
        add("(s = 1) => s", none);
        add("(...args) => args", none);
        add("({a}) => a", none);
        add("function* g(s) { return s; }", none);
        add("async s => s", none, false);
        add("s => x => 1", none);
        add("s => (x) => 1", none);
        add("(a, a) => a", none);
        add("s.a++", S);
        add("++s.a", S);
        add("--s.a", S);
        add("s.a = s.b", S);
        add("s.a += 1", S);
        add("s.a ||= 1", S, false);
        add("s.a, s.b", S);
        add("s.a ** 2", S);
        add("s.a & 1", S);
        add("s.a | 0", S);
        add("s.a ^ 1", S);
        add("~s.a", S);
        add("s.a << 1", S);
        add("s.a >>> 1", S);
        add("'a' in s", S);
        add("s instanceof Object", S);
        add("delete s.a", S);
        add("new Date()", none);
        add("this.x", none);
        add("`x${1}`", none);
        add("s.a`x`", S);
        add("[1, 2]", none);
        add("({a: 1})", none);
        add("s.name.toUpperCase()", S);
        add("s.items.map(x => x)", S);
        add("s.items.every(x => x, s)", S);
        add("s.items.every(s.f)", S);
        add("s.items.every()", S);
        add("s.items.every((a, b, c) => a)", S);
        add("s?.a()", S);
        add("s.a?.()", S);
        add("s['a']()", S);
        add("(s.a)()", S);
        add("s.arr.length()", S);
        add("Math.random()", none);
        add("Math.pow(2, 3)", none);
        add("Math", none);
        add("Math.abs", none);
        add("Math.max(...s.arr)", S);
        add("JSON.stringify(s)", S);
        add("Object.keys(s)", S);
        add("Object.keys(s)[0]", S);
        add("Object.entries(s).length", S);
        add("Object.keys(s, 1).length", S);
        add("x", none);
        add("window.x", none);
        add("e => e.type == 'A' || ['B', 'C'].includes(e.type)", none);
        add("01", none, false);
        add("08", none, false);
        add("1_000", none, false);
        add("1n", none, false);
        add("'\\01'", none, false);
        add("'\\8'", none, false);
        add("'\\uD800'", none);
        add("\\u0073.a", S);
        add("3in s", S);
        add("import('x')", none, false);
    }

    // Valid JavaScript outside the subset is refused with inSubset = false (and QJSEngine accepts it,
    // or rejects it as well where its own support stops short of the specification).
    void notInSubset()
    {
        QFETCH(QString, source);
        QFETCH(QStringList, params);
        QFETCH(bool, engineAccepts);
        QString error;
        bool inSubset = true;
        QVERIFY(!Expression::compile(source, params, &error, &inSubset));
        QVERIFY2(!inSubset, qPrintable(error));
        QVERIFY(!error.isEmpty());
        const QJSValue js = jsCompile(m_engine, source, params);
        QCOMPARE(!isSyntaxError(js), engineAccepts);
        if (m_engine.hasError())
            m_engine.catchError();
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QStringList>("params");
        QTest::addColumn<int>("column");
        const QStringList none;
        const QStringList S = strs({"s"});
        const auto add = [](const char* source, const QStringList& params, int column) {
            QTest::newRow(tagOf(source).constData()) << str(source) << params << column;
        };
        add("s.total +", S, 10);
        add("(s.total", S, 9);
        add("s..total", S, 3);
        add("'abc", none, 1);
        add("\"abc", none, 1);
        add("'line\nbreak'", none, 1);
        add("s =>", none, 5);
        add("s => ", none, 6);
        add("s.total ? 1", S, 12);
        add("s.total ? : 1", S, 11);
        add("s.a ?? s.b || s.c", S, 12);
        add("s.a || s.b ?? s.c", S, 12);
        add("s.a && s.b ?? s.c", S, 12);
        add("1 +* 2", none, 4);
        add("s.)", S, 3);
        add("s => s.a }", none, 10);
        add("function (s) { return s.a", none, 26);
        add("function (s) return s.a", none, 14);
        add("s => { return s.a s.b }", none, 19);
        add("s.a s.b", S, 5);
        add(")", none, 1);
        add("", none, 1);
        add("s.[0]", S, 3);
        add("s[1", S, 4);
        add("1.5.3", none, 4);
        add("s @ 1", S, 3);
        add("s.#x", S, 3);
        add("'a\\x4'", none, 3);
        add("'\\u{110000}'", none, 2);
        add("1e", none, 1);
        add("0x", none, 1);
        add("/* unterminated", none, 1);
        add("(a, b) => a +", none, 14);
        add("!", none, 2);
        add("typeof", none, 7);
        add("s.items.every(i => )", S, 20);
        add("Math.abs(1", none, 11);
        add("s.a ? 1 : ", S, 11);
        add("(true) => 1", none, 8);
    }

    // Malformed sources are refused with inSubset = true and a position (QJSEngine agrees that
    // they are syntax errors).
    void malformed()
    {
        QFETCH(QString, source);
        QFETCH(QStringList, params);
        QFETCH(int, column);
        QString error;
        bool inSubset = false;
        QVERIFY(!Expression::compile(source, params, &error, &inSubset));
        QVERIFY2(inSubset, qPrintable(error));
        QVERIFY2(error.endsWith(QStringLiteral(" at column %1").arg(column)), qPrintable(error));
        QVERIFY2(isSyntaxError(jsCompile(m_engine, source, params)), qPrintable(error));
        if (m_engine.hasError())
            m_engine.catchError();
    }

    void parameters()
    {
        const auto arrow = Expression::compile(QStringLiteral("(a, b) => a.x"), strs({"ignored"}));
        QVERIFY(arrow);
        QCOMPARE(arrow->parameters(), strs({"a", "b"}));
        QVERIFY(arrow->usesParameter(0));
        QVERIFY(!arrow->usesParameter(1));
        QVERIFY(!arrow->usesParameter(2));
        QVERIFY(!arrow->usesParameter(-1));

        const auto plain = Expression::compile(QStringLiteral("e.x > 1"), strs({"e", "s"}));
        QVERIFY(plain);
        QCOMPARE(plain->parameters(), strs({"e", "s"}));
        QVERIFY(plain->usesParameter(0));
        QVERIFY(!plain->usesParameter(1));

        // Reads inside a callback count; a callback's own parameter that shadows one does not.
        const auto nested =
            Expression::compile(QStringLiteral("(e, s) => s.items.every(e => e.qty > 0)"), {});
        QVERIFY(nested);
        QVERIFY(!nested->usesParameter(0));
        QVERIFY(nested->usesParameter(1));

        const auto function = Expression::compile(QStringLiteral("function f(x) { return 1; }"), {});
        QVERIFY(function);
        QCOMPARE(function->parameters(), strs({"x"}));
        QVERIFY(!function->usesParameter(0));

        const auto none = Expression::compile(QStringLiteral("() => 1"), strs({"s"}));
        QVERIFY(none);
        QVERIFY(none->parameters().isEmpty());
    }

    void outcomes()
    {
        const std::vector<json::Value> state = parseArgs(strs({kState}));
        Expression::Outcome outcome;

        const auto missing = Expression::compile(QStringLiteral("s.missing"), strs({"s"}));
        QVERIFY(missing->evaluate(state, &outcome).isNull());
        QCOMPARE(outcome.kind, Expression::Outcome::Kind::Undefined);
        QVERIFY(!missing->evaluateBool(state));

        const auto thrown = Expression::compile(QStringLiteral("s.missing.x"), strs({"s"}));
        QVERIFY(thrown->evaluate(state, &outcome).isNull());
        QCOMPARE(outcome.kind, Expression::Outcome::Kind::Thrown);
        QCOMPARE(outcome.message, QStringLiteral("TypeError: Cannot read property 'x' of undefined"));

        const auto nul = Expression::compile(QStringLiteral("s.nul.x"), strs({"s"}));
        nul->evaluate(state, &outcome);
        QCOMPARE(outcome.message, QStringLiteral("TypeError: Cannot read property 'x' of null"));

        const auto value = Expression::compile(QStringLiteral("s.total"), strs({"s"}));
        QCOMPARE(value->evaluate(state, &outcome).toDouble(), 120.5);
        QCOMPARE(outcome.kind, Expression::Outcome::Kind::Value);
        QVERIFY(outcome.message.isEmpty());

        // No arguments at all: the parameter is undefined.
        QCOMPARE(value->evaluateBool({}, &outcome), false);
        QCOMPARE(outcome.kind, Expression::Outcome::Kind::Thrown);
    }

    // Values the subset cannot represent are reported rather than guessed.
    void unsupportedAtRunTime_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("key");
        QTest::newRow("Object.prototype member")
            << QStringLiteral("s.obj[k]") << QStringLiteral("\"constructor\"");
        QTest::newRow("static inherited name") << QStringLiteral("s.obj.toString") << QStringLiteral("null");
        QTest::newRow("Array.prototype member") << QStringLiteral("s.arr[k]") << QStringLiteral("\"map\"");
        QTest::newRow("String.prototype member") << QStringLiteral("s.name[k]") << QStringLiteral("\"trim\"");
        QTest::newRow("Number.prototype member")
            << QStringLiteral("s.total[k]") << QStringLiteral("\"toFixed\"");
        QTest::newRow("half of a surrogate pair") << QStringLiteral("s.emoji[k]") << QStringLiteral("1");
        QTest::newRow("half of a pair in values")
            << QStringLiteral("Object.values(s.emoji).every(c => c)") << QStringLiteral("null");
    }

    void unsupportedAtRunTime()
    {
        QFETCH(QString, source);
        QFETCH(QString, key);
        const auto expression = Expression::compile(source, strs({"s", "k"}));
        QVERIFY(expression);
        const std::vector<json::Value> args = parseArgs({str(kState), key});
        Expression::Outcome outcome;
        QVERIFY(expression->evaluate(args, &outcome).isNull());
        QCOMPARE(outcome.kind, Expression::Outcome::Kind::Unsupported);
        QVERIFY(!outcome.message.isEmpty());
        QVERIFY(!expression->evaluateBool(args));
    }

    // Arrays and objects in a result are the argument's own nodes, not copies.
    void resultsShareArgumentNodes()
    {
        const std::vector<json::Value> state = parseArgs(strs({kState}));
        const auto expression = Expression::compile(QStringLiteral("s.flag && s.obj.b"), strs({"s"}));
        const json::Value result = expression->evaluate(state);
        QVERIFY(result.sharesWith(state[0]["obj"]["b"]));
        const auto name = Expression::compile(QStringLiteral("s.name"), strs({"s"}));
        QCOMPARE(name->evaluate(state).toQString(), QStringLiteral("Ada"));
    }

    // Deep nesting is refused (QJSEngine then decides), never a stack overflow.
    void deepNesting()
    {
        QString source = QStringLiteral("s");
        for (int i = 0; i < 5000; ++i)
            source = QLatin1Char('(') + source + QLatin1Char(')');
        bool inSubset = true;
        QVERIFY(!Expression::compile(source, strs({"s"}), nullptr, &inSubset));
        QVERIFY(!inSubset);

        QString sum = QStringLiteral("1");
        for (int i = 0; i < 5000; ++i)
            sum += QStringLiteral(" + 1");
        QVERIFY(!Expression::compile(sum, {}, nullptr, &inSubset));
        QVERIFY(!inSubset);

        QString fine = QStringLiteral("1");
        for (int i = 0; i < 500; ++i)
            fine += QStringLiteral(" + 1");
        const auto expression = Expression::compile(fine, {});
        QVERIFY(expression);
        QCOMPARE(expression->evaluate({}).toDouble(), 501.0);
    }
};

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
