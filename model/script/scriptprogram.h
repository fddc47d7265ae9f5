#pragma once

#include "replay/check.h"
#include "replay/projection.h"

#include <QJSValue>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

class QJSEngine;
class QThread;

namespace eventscope::script {

class JsProjection;
class JsUpcaster;
class ScriptWatchdog;

struct ScriptOptions
{
    // How long one call into the script may run (one batch folded, one check, one upcast, loading
    // the file) before it is stopped and reported.
    std::chrono::milliseconds timeLimit{2000};
};

// What a script file declared, read once it ran.
struct ScriptDefinition
{
    bool hasProjection = false;
    QString selector; // "fromAll", "fromStream", ...
    replay::ProjectionSource source;
    replay::Partitioning partitioning = replay::Partitioning::None;
    bool biState = false;     // $initShared (or options({biState: true})): handlers get [state, shared]
    bool handlesAny = false;  // $any
    QStringList handledTypes; // the event types with a handler of their own, in runtime.js's order
    bool transforms = false;  // transformBy / filterBy
    struct CheckDeclaration
    {
        QString name;
        replay::Check::Kind kind = replay::Check::Kind::Invariant;
        bool readsState = true;
    };
    std::vector<CheckDeclaration> checks;
    std::vector<std::pair<QString, int>> upcasters; // (event type, the schema version it upcasts from)
    QStringList compensatedTypes;                   // the event types a compensate() rule is declared for
};

// One script file in a QJSEngine of its own, with prelude.js, envelope.js and runtime.js evaluated
// first: the KurrentDB projection API plus invariant(), breakpoint() and upcast(). Exposes what the file
// declared as a Projection, Checks and an Upcaster, which all run in this engine and keep it alive.
//
// Thread-affine: load it on the thread that will use it (the replay worker) and use it and
// everything made from it there only; an engine is never shared across threads. A watchdog thread
// stops any call that runs longer than the time limit. Nothing but ECMAScript built-ins is
// reachable from the script (no Qt object, file, network or timer; URL and URLSearchParams, which
// Qt adds, are removed), and the engine stays interrupted between calls, so that a promise job a
// script left behind cannot run later from the thread's event loop.
class ScriptProgram : public std::enable_shared_from_this<ScriptProgram>
{
    struct Token
    {};

public:
    // Both throw replay::ProjectionError (script = the file name, with the line for syntax errors and
    // definition errors: no fromX(), when() missing, an unknown selector or option).
    // `reference`: a file's path or a workspace script (scriptsource.h).
    static std::shared_ptr<ScriptProgram> load(const QString& reference, ScriptOptions options = {});
    static std::shared_ptr<ScriptProgram> fromSource(const QString& source, const QString& fileName,
                                                     ScriptOptions options = {});

    ScriptProgram(Token, const QString& source, const QString& fileName, ScriptOptions options);
    ~ScriptProgram();
    ScriptProgram(const ScriptProgram&) = delete;
    ScriptProgram& operator=(const ScriptProgram&) = delete;

    QString fileName() const { return m_fileName; } // without its directory: "stock.js"
    const ScriptDefinition& definition() const { return m_definition; }
    std::chrono::milliseconds timeLimit() const { return m_timeLimit; }
    void setTimeLimit(std::chrono::milliseconds limit) { m_timeLimit = limit; }

    // The projection the file declares (throws ProjectionError when it declares none). Each call
    // makes an independent projection over the same definition, in the same engine.
    std::unique_ptr<JsProjection> createProjection();
    // Its invariants and breakpoints (JsCheck), in declaration order; empty when none.
    replay::Checks createChecks();
    // Its upcasters; nullptr when it declares none.
    std::unique_ptr<JsUpcaster> createUpcaster();

    // ---- For JsProjection, JsCheck and JsUpcaster ----

    // The runtime functions (see runtime.js).
    struct Runtime
    {
        QJSValue createStore, reset, restore, fold, begin, step, end, exportDirty, exportOne, foldPartition,
            present, checkLive, check, upcast, compensate;
    };
    const Runtime& runtime() const { return m_functions; }
    QJSEngine& engine() { return *m_engine; }

    // Calls a runtime function under the time limit. Throws ProjectionError naming this script and
    // the line of the user's code that failed (position 0: the caller knows the event); `activity`
    // says what ran, for the time-out message ("folding", "evaluating invariant 'x'").
    QJSValue call(const QJSValue& function, const QJSValueList& arguments, const QString& activity);

    // Runs `work` with the engine running and the watchdog armed: a call, or C++ reading a script's
    // values (a getter in a state is script code too). A ProjectionError `work` throws gets this
    // script's name; one thrown after the time ran out becomes the time-out.
    template <typename Work> std::invoke_result_t<Work> guarded(const QString& activity, Work&& work)
    {
        enter();
        try {
            if constexpr (std::is_void_v<std::invoke_result_t<Work>>) {
                work();
                if (leave())
                    throw timedOut(activity);
            } else {
                auto result = work();
                if (leave())
                    throw timedOut(activity);
                return result;
            }
        } catch (replay::ProjectionError& error) {
            if (leave())
                throw timedOut(activity);
            if (error.script.isEmpty())
                error.script = m_fileName;
            throw;
        } catch (...) {
            leave();
            throw;
        }
    }

private:
    void enter();
    bool leave(); // true when the watchdog had to stop the script
    void removeNonStandardGlobals();
    void evaluatePrelude();
    void evaluateScript();
    void readDefinition(const QString& json);
    replay::ProjectionError describe(const QJSValue& thrown, const QString& context) const;
    int userLine(const QJSValue& thrown) const;
    replay::ProjectionError timedOut(const QString& activity) const;

    QString m_source;
    QString m_fileName;
    std::chrono::milliseconds m_timeLimit;
    QThread* m_thread;
    std::unique_ptr<QJSEngine> m_engine;
    std::unique_ptr<ScriptWatchdog> m_watchdog; // declared after the engine: stopped before it goes
    QJSValue m_runtime;
    QJSValue m_failed; // what an entry point returns when it threw
    Runtime m_functions;
    ScriptDefinition m_definition;
};

} // namespace eventscope::script
