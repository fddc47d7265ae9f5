#include "jscheck.h"

#include "jsprojection.h"
#include "jsvalueconvert.h"

#include <QJSEngine>

namespace eventscope::script {

JsCheck::JsCheck(std::shared_ptr<ScriptProgram> program, int index)
    : m_program(std::move(program)), m_index(index)
{
    const ScriptDefinition::CheckDeclaration& declaration =
        m_program->definition().checks.at(std::size_t(index));
    m_name = declaration.name;
    m_kind = declaration.kind;
    m_readsState = declaration.readsState;
    m_activity = (m_kind == Kind::Invariant ? QStringLiteral("evaluating invariant '%1'")
                                            : QStringLiteral("evaluating breakpoint '%1'"))
                     .arg(m_name);
}

JsCheck::~JsCheck() = default;

replay::ProjectionError JsCheck::failed(replay::ProjectionError error, const Event& event) const
{
    error.position = event.position;
    return error;
}

bool JsCheck::fires(const Event& event, const json::Value& state)
{
    m_batch.clear();
    m_batch.append(event);
    const QJSValue stateValue = m_readsState ? toJs(m_program->engine(), state) : QJSValue();
    try {
        return m_program
                   ->call(m_program->runtime().check,
                          {m_index, m_batch.text(), m_program->engine().toScriptValue(m_batch.numbers()),
                           stateValue},
                          m_activity)
                   .toInt() == 1;
    } catch (const replay::ProjectionError& error) {
        throw failed(error, event);
    }
}

bool JsCheck::sharesEngineWith(const replay::Projection& projection) const
{
    const auto* js = dynamic_cast<const JsProjection*>(&projection);
    return js && &js->program() == m_program.get();
}

std::optional<bool> JsCheck::firesOnLive(const replay::Projection& projection, const Event& event)
{
    if (!sharesEngineWith(projection))
        return std::nullopt;
    const auto& js = static_cast<const JsProjection&>(projection);
    int result = -1;
    try {
        result = m_program
                     ->call(m_program->runtime().checkLive, {js.store(), m_index, double(event.position)},
                            m_activity)
                     .toInt();
    } catch (const replay::ProjectionError& error) {
        throw failed(error, event);
    }
    if (result < 0)
        return std::nullopt;
    return result == 1;
}

bool firesAfterFold(replay::Check& check, replay::Projection& projection, const Event& event, bool changed,
                    const std::function<json::Value()>& state)
{
    if (!changed && check.readsState())
        return false;
    if (const std::optional<bool> live = check.firesOnLive(projection, event))
        return *live;
    return check.fires(event, check.readsState() ? state() : json::Value());
}

} // namespace eventscope::script
