#include "jsupcaster.h"

#include <QJSEngine>

namespace eventscope::script {

JsUpcaster::JsUpcaster(std::shared_ptr<ScriptProgram> program) : m_program(std::move(program))
{
    for (const auto& [type, version] : m_program->definition().upcasters)
        m_steps[type].insert(version);
}

JsUpcaster::~JsUpcaster() = default;

bool JsUpcaster::handles(const QString& type, int schemaVersion) const
{
    const auto steps = m_steps.constFind(type);
    return steps != m_steps.cend() && steps->contains(schemaVersion);
}

Event JsUpcaster::upcast(const Event& event)
{
    if (!handles(event.type, event.schemaVersion))
        return event;
    m_batch.clear();
    m_batch.append(event);
    QJSValue result;
    try {
        result = m_program->call(m_program->runtime().upcast,
                                 {m_batch.text(), m_program->engine().toScriptValue(m_batch.numbers())},
                                 QStringLiteral("upcasting %1 v%2").arg(event.type).arg(event.schemaVersion));
    } catch (replay::ProjectionError& error) {
        // The prelude names the failing step ("upcast('OrderPlaced', 1): TypeError: ..."); a time-out
        // names the chain it started.
        if (!error.message.startsWith(QLatin1String("upcast(")))
            error.message = QStringLiteral("upcast('%1', %2): %3")
                                .arg(event.type)
                                .arg(event.schemaVersion)
                                .arg(error.message);
        error.position = event.position;
        throw;
    }
    // [type, schemaVersion, data as JSON text ("" = none), metadata as JSON text or null = unchanged]
    Event upcasted = event;
    upcasted.type = result.property(0).toString();
    upcasted.schemaVersion = result.property(1).toInt();
    upcasted.data = result.property(2).toString().toUtf8();
    const QJSValue metadata = result.property(3);
    if (!metadata.isNull())
        upcasted.metadata = metadata.toString().toUtf8();
    return upcasted;
}

} // namespace eventscope::script
