#include "stateexpression.h"

#include "expr/expression.h"
#include "projection.h"
#include "script/jsvalueconvert.h"
#include "script/scriptprogram.h"

#include <QJSEngine>

namespace eventscope::replay {

struct StateExpression::Native
{
    expr::Expression expression;
};

// The fallback: the expression as a function in a script engine of its own.
struct StateExpression::Script
{
    std::shared_ptr<script::ScriptProgram> program;
    QJSValue function;
};

StateExpression::StateExpression(const QString& source, int timeLimitMs) : m_source(source), m_timeLimitMs(timeLimitMs)
{
    QString error;
    bool inSubset = true;
    auto compiled = expr::Expression::compile(source, {QStringLiteral("s"), QStringLiteral("state")}, &error, &inSubset);
    if (compiled) {
        m_native = std::make_unique<Native>(Native{*compiled});
        return;
    }
    if (inSubset) // malformed: QJSEngine would refuse it too, and our message names the column
        throw ProjectionError{error, source, 0, 0};
    makeScript();
}

void StateExpression::makeScript()
{
    // Either an expression over s or a function of it: the wrapper returns the value, or the
    // function, which evaluate() then calls.
    const QString wrapped = QStringLiteral("var expression = function (s, state) {\nreturn (%1\n);\n};\n").arg(m_source);
    auto program = script::ScriptProgram::fromSource(wrapped, QStringLiteral("expression"),
                                                     script::ScriptOptions{std::chrono::milliseconds(m_timeLimitMs)});
    QJSValue function = program->engine().globalObject().property(QStringLiteral("expression"));
    m_script = std::make_unique<Script>(Script{std::move(program), std::move(function)});
}

StateExpression::~StateExpression() = default;

bool StateExpression::isNative() const
{
    return m_native && !m_script;
}

json::Value StateExpression::evaluate(const json::Value& state)
{
    if (m_native && !m_script) {
        const json::Value args[] = {state, state};
        expr::Expression::Outcome outcome;
        json::Value result = m_native->expression.evaluate(args, &outcome);
        if (outcome.kind == expr::Expression::Outcome::Kind::Thrown)
            throw ProjectionError{outcome.message, m_source, 0, 0};
        if (outcome.kind != expr::Expression::Outcome::Kind::Unsupported)
            return result;
        // A value the subset cannot represent: JavaScript decides.
        if (!m_script)
            makeScript();
    }
    script::ScriptProgram& program = *m_script->program;
    const QJSValue jsState = script::toJs(program.engine(), state);
    const QString activity = QStringLiteral("evaluating %1").arg(m_source);
    QJSValue result = program.call(m_script->function, {jsState, jsState}, activity);
    if (result.isCallable())
        result = program.call(result, {jsState}, activity);
    return script::fromJs(program.engine(), result);
}

} // namespace eventscope::replay
