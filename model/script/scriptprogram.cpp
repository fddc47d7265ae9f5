#include "scriptprogram.h"

#include "jscheck.h"
#include "jsprojection.h"
#include "jsupcaster.h"
#include "scriptsource.h"
#include "scriptsyntax.h"
#include "scriptwatchdog.h"

#include <QJSEngine>
#include <QRegularExpression>
#include <QSet>
#include <QThread>

namespace eventscope::script {
namespace {

// prelude.js, envelope.js and runtime.js, compiled in by sources.cmake as raw string literals.
constexpr char preludeSource[] =
#include "script/prelude.js.inc"
    ;
constexpr char envelopeSource[] =
#include "script/envelope.js.inc"
    ;
constexpr char runtimeSource[] =
#include "script/runtime.js.inc"
    ;

// The names they are evaluated as, which their stack frames carry (and the user's never do).
const QString preludeFile = QStringLiteral("eventscope-prelude.js");
const QString envelopeFile = QStringLiteral("eventscope-envelope.js");
const QString runtimeFile = QStringLiteral("eventscope-runtime.js");

bool isOurFrame(const QString& frame)
{
    return frame.contains(preludeFile) || frame.contains(envelopeFile) || frame.contains(runtimeFile);
}

// The global names ECMAScript (2023) defines. Whatever else an engine adds (Qt 6.4 adds URL and
// URLSearchParams; other versions may add print, gc or console) is removed before any script runs.
const QSet<QString>& standardGlobals()
{
    static const QSet<QString> names = [] {
        QSet<QString> set;
        for (const char* name : {"globalThis",
                                 "Infinity",
                                 "NaN",
                                 "undefined",
                                 "eval",
                                 "isFinite",
                                 "isNaN",
                                 "parseFloat",
                                 "parseInt",
                                 "decodeURI",
                                 "decodeURIComponent",
                                 "encodeURI",
                                 "encodeURIComponent",
                                 "escape",
                                 "unescape",
                                 "AggregateError",
                                 "Array",
                                 "ArrayBuffer",
                                 "Atomics",
                                 "BigInt",
                                 "BigInt64Array",
                                 "BigUint64Array",
                                 "Boolean",
                                 "DataView",
                                 "Date",
                                 "Error",
                                 "EvalError",
                                 "FinalizationRegistry",
                                 "Float32Array",
                                 "Float64Array",
                                 "Function",
                                 "Int8Array",
                                 "Int16Array",
                                 "Int32Array",
                                 "JSON",
                                 "Map",
                                 "Math",
                                 "Number",
                                 "Object",
                                 "Promise",
                                 "Proxy",
                                 "RangeError",
                                 "ReferenceError",
                                 "Reflect",
                                 "RegExp",
                                 "Set",
                                 "SharedArrayBuffer",
                                 "String",
                                 "Symbol",
                                 "SyntaxError",
                                 "TypeError",
                                 "Uint8Array",
                                 "Uint8ClampedArray",
                                 "Uint16Array",
                                 "Uint32Array",
                                 "URIError",
                                 "WeakMap",
                                 "WeakRef",
                                 "WeakSet"})
            set.insert(QString::fromLatin1(name));
        return set;
    }();
    return names;
}

QString formatLimit(std::chrono::milliseconds limit)
{
    const auto ms = limit.count();
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    return QStringLiteral("%1 s").arg(QString::number(double(ms) / 1000.0, 'g', 4));
}

replay::Partitioning partitioningNamed(std::string_view name)
{
    if (name == "stream")
        return replay::Partitioning::ByStream;
    if (name == "key")
        return replay::Partitioning::ByKey;
    return replay::Partitioning::None;
}

} // namespace

std::shared_ptr<ScriptProgram> ScriptProgram::load(const QString& reference, ScriptOptions options)
{
    return fromSource(readScriptSource(reference), scriptName(reference), options);
}

std::shared_ptr<ScriptProgram> ScriptProgram::fromSource(const QString& source, const QString& fileName,
                                                         ScriptOptions options)
{
    return std::make_shared<ScriptProgram>(Token{}, source, fileName, options);
}

ScriptProgram::ScriptProgram(Token, const QString& source, const QString& fileName, ScriptOptions options)
    : m_source(source), m_fileName(fileName.isEmpty() ? QStringLiteral("script.js") : fileName),
      m_timeLimit(options.timeLimit), m_thread(QThread::currentThread()),
      m_engine(std::make_unique<QJSEngine>()), m_watchdog(std::make_unique<ScriptWatchdog>(*m_engine))
{
    removeNonStandardGlobals();
    evaluatePrelude();
    evaluateScript();
    // Between calls the engine stays interrupted (see the class comment).
    m_engine->setInterrupted(true);
}

ScriptProgram::~ScriptProgram()
{
    m_watchdog.reset();
}

void ScriptProgram::removeNonStandardGlobals()
{
    QJSValue global = m_engine->globalObject();
    const QJSValue names = m_engine->evaluate(QStringLiteral("Object.getOwnPropertyNames(this)"));
    const int count = names.property(QStringLiteral("length")).toInt();
    for (int i = 0; i < count; ++i) {
        const QString name = names.property(quint32(i)).toString();
        if (!standardGlobals().contains(name))
            global.deleteProperty(name);
    }
}

void ScriptProgram::evaluatePrelude()
{
    // Our own code: a failure here is a bug in the build, not the user's.
    const auto install = [this](const char* source, const QString& file, const QJSValueList& arguments) {
        const QJSValue function = m_engine->evaluate(QString::fromUtf8(source), file);
        if (function.isError() || !function.isCallable())
            qFatal("eventscope: %s does not evaluate: %s", qPrintable(file), qPrintable(function.toString()));
        const QJSValue result = function.call(arguments);
        if (!result.isObject())
            qFatal("eventscope: %s does not install: %s", qPrintable(file), qPrintable(result.toString()));
        return result;
    };
    const QJSValue declared = install(preludeSource, preludeFile, {m_engine->globalObject()});
    const QJSValue events = install(envelopeSource, envelopeFile, {});
    m_runtime = install(runtimeSource, runtimeFile, {declared, events});
    m_failed = m_runtime.property(QStringLiteral("failed"));
    const auto function = [this](const char* name) { return m_runtime.property(QString::fromLatin1(name)); };
    m_functions = Runtime{function("createStore"),   function("reset"),       function("restore"),
                          function("fold"),          function("begin"),       function("step"),
                          function("end"),           function("exportDirty"), function("exportOne"),
                          function("foldPartition"), function("present"),     function("checkLive"),
                          function("check"),         function("upcast"),      function("compensate")};
}

void ScriptProgram::evaluateScript()
{
    // The user's script runs as a program of its own, named after its file: its errors carry its
    // own line numbers, with none of the prelude's lines in between.
    QStringList trace;
    guarded(QStringLiteral("loading"), [&] {
        const QJSValue result = m_engine->evaluate(rewriteObjectSpread(m_source), m_fileName, 1, &trace);
        if (!trace.isEmpty() || result.isError())
            throw describe(result, {});
    });
    const QJSValue definition =
        call(m_runtime.property(QStringLiteral("finish")), {}, QStringLiteral("loading"));
    readDefinition(definition.toString());
}

void ScriptProgram::readDefinition(const QString& text)
{
    const std::optional<json::Value> parsed = json::parse(text.toUtf8());
    if (!parsed)
        qFatal("eventscope: the script prelude describes the script in invalid JSON");
    const json::Value& d = *parsed;
    ScriptDefinition& definition = m_definition;
    definition.hasProjection = d["projection"].toBool();
    definition.selector = d["selector"].toQString();
    const std::string_view source = d["source"].toStringView();
    if (source == "streams") {
        definition.source.kind = replay::ProjectionSource::Kind::Streams;
        for (std::size_t i = 0; i < d["streams"].size(); ++i)
            definition.source.streams.append(d["streams"].at(i).toQString());
    } else if (source == "category") {
        definition.source.kind = replay::ProjectionSource::Kind::Category;
        definition.source.category = d["category"].toQString();
    } else if (source == "matching") {
        definition.source.kind = replay::ProjectionSource::Kind::Matching;
    }
    definition.partitioning = partitioningNamed(d["partitioning"].toStringView());
    definition.biState = d["biState"].toBool();
    definition.handlesAny = d["any"].toBool();
    for (std::size_t i = 0; i < d["types"].size(); ++i)
        definition.handledTypes.append(d["types"].at(i).toQString());
    definition.transforms = d["transforms"].toDouble() > 0;
    for (std::size_t i = 0; i < d["checks"].size(); ++i) {
        const json::Value& check = d["checks"].at(i);
        definition.checks.push_back(
            {check["name"].toQString(),
             check["invariant"].toBool() ? replay::Check::Kind::Invariant : replay::Check::Kind::Breakpoint,
             check["readsState"].toBool()});
    }
    for (std::size_t i = 0; i < d["upcasters"].size(); ++i) {
        const json::Value& upcaster = d["upcasters"].at(i);
        definition.upcasters.emplace_back(upcaster.at(0).toQString(), int(upcaster.at(1).toDouble()));
    }
    for (std::size_t i = 0; i < d["compensations"].size(); ++i)
        definition.compensatedTypes.append(d["compensations"].at(i).toQString());
}

void ScriptProgram::enter()
{
    Q_ASSERT_X(QThread::currentThread() == m_thread, "ScriptProgram",
               "a script engine is used on the thread that loaded it only");
    m_engine->setInterrupted(false);
    m_watchdog->arm(m_timeLimit);
}

bool ScriptProgram::leave()
{
    const bool fired = m_watchdog->disarm();
    m_engine->setInterrupted(true);
    return fired;
}

QJSValue ScriptProgram::call(const QJSValue& function, const QJSValueList& arguments, const QString& activity)
{
    return guarded(activity, [&] {
        const QJSValue result = function.call(arguments);
        if (!result.isError() && !result.strictlyEquals(m_failed))
            return result;
        // Described here, while the engine still runs: describing may call Error.prototype.toString.
        if (result.isError())
            throw describe(result, {});
        const QString context = m_runtime.property(QStringLiteral("context")).toString();
        m_runtime.setProperty(QStringLiteral("context"), QString());
        const replay::ProjectionError error = describe(m_runtime.property(QStringLiteral("error")), context);
        m_runtime.setProperty(QStringLiteral("error"), QJSValue());
        throw error;
    });
}

replay::ProjectionError ScriptProgram::timedOut(const QString& activity) const
{
    return {QStringLiteral("the script ran longer than %1 while %2 and was stopped")
                .arg(formatLimit(m_timeLimit), activity),
            m_fileName, 0, 0};
}

replay::ProjectionError ScriptProgram::describe(const QJSValue& thrown, const QString& context) const
{
    QString text = thrown.toString();
    // The prelude's own errors (a definition mistake, emit()) read better without "Error: "; the
    // user's errors and the engine's (TypeError, RangeError, ...) keep their name.
    const bool fromPrelude =
        thrown.isObject() &&
        (thrown.property(QStringLiteral("eventscopeLine")).isNumber() ||
         isOurFrame(thrown.property(QStringLiteral("stack")).toString().section(QLatin1Char('\n'), 0, 0)));
    if (fromPrelude && text.startsWith(QLatin1String("Error: ")))
        text = text.mid(7);
    if (!context.isEmpty())
        text = context + QStringLiteral(": ") + text;
    return {text, m_fileName, userLine(thrown), 0};
}

int ScriptProgram::userLine(const QJSValue& thrown) const
{
    if (!thrown.isObject())
        return 0; // a thrown string or number says nothing of where
    const QJSValue explicitLine = thrown.property(QStringLiteral("eventscopeLine"));
    if (explicitLine.isNumber())
        return explicitLine.toInt();
    // The innermost frame of the user's file: V4 writes "function@file:name:line" per frame.
    static const QRegularExpression lineAtEnd(QStringLiteral(":(\\d+)$"));
    const QStringList frames = thrown.property(QStringLiteral("stack")).toString().split(QLatin1Char('\n'));
    for (const QString& frame : frames) {
        if (isOurFrame(frame))
            continue;
        const QRegularExpressionMatch match = lineAtEnd.match(frame);
        if (match.hasMatch())
            return match.captured(1).toInt();
    }
    const QJSValue fileName = thrown.property(QStringLiteral("fileName"));
    if (fileName.toString().endsWith(m_fileName))
        return thrown.property(QStringLiteral("lineNumber")).toInt();
    return 0;
}

std::unique_ptr<JsProjection> ScriptProgram::createProjection()
{
    if (!m_definition.hasProjection)
        throw replay::ProjectionError{
            QStringLiteral("the script declares no projection (fromAll(), fromStream(), fromStreams(), "
                           "fromCategory() or fromStreamsMatching() with .when({...}))"),
            m_fileName, 0, 0};
    return std::make_unique<JsProjection>(shared_from_this());
}

replay::Checks ScriptProgram::createChecks()
{
    replay::Checks checks;
    for (std::size_t i = 0; i < m_definition.checks.size(); ++i)
        checks.push_back(std::make_unique<JsCheck>(shared_from_this(), int(i)));
    return checks;
}

std::unique_ptr<JsUpcaster> ScriptProgram::createUpcaster()
{
    if (m_definition.upcasters.empty())
        return nullptr;
    return std::make_unique<JsUpcaster>(shared_from_this());
}

} // namespace eventscope::script
