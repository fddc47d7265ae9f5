#pragma once

#include "eventbatch.h"
#include "replay/upcaster.h"
#include "scriptprogram.h"

#include <QHash>
#include <QSet>

#include <memory>

namespace eventscope::script {

// The upcast(type, fromVersion, e => ({...e, data: {...}})) steps a script declared (make it with
// ScriptProgram::createUpcaster(); same thread rules). handles() is a C++ lookup, so events without
// an upcaster never reach the engine. upcast() runs the whole chain (v1 -> v2 -> v3) in one call:
// each step gets the event as projections see it and returns the upcasted event object, whose
// eventType, data (or body) and metadata are taken; schemaVersion becomes fromVersion + 1 unless
// the step returns one (it must increase).
class JsUpcaster final : public replay::Upcaster
{
public:
    explicit JsUpcaster(std::shared_ptr<ScriptProgram> program);
    ~JsUpcaster() override;

    bool handles(const QString& type, int schemaVersion) const override;
    Event upcast(const Event& event) override;

private:
    std::shared_ptr<ScriptProgram> m_program; // first: the engine outlives the batch's strings
    QHash<QString, QSet<int>> m_steps;        // type -> the versions it upcasts from
    EventBatch m_batch;
};

} // namespace eventscope::script
