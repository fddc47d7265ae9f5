#pragma once

#include "eventbatch.h"
#include "replay/check.h"
#include "scriptprogram.h"

#include <functional>
#include <memory>
#include <optional>

namespace eventscope::script {

class JsProjection;

// An invariant(name, state => bool) or breakpoint(name, (event, state) => bool) a script declared,
// evaluated in the script's engine (make them with ScriptProgram::createChecks(); same thread rules).
// A breakpoint whose function declares only the event parameter does not read the state.
//
// fires() takes the state as a json::Value and turns it into a JS object for the call. When the
// projection folding the events is a JsProjection of the same program (a script that declares its
// projection and its checks together), firesOnLive() evaluates the check on the projection's own JS
// state and event object instead: no conversion either way (folding plus three checks per event
// took about half the time that way in the benchmark).
class JsCheck final : public replay::Check
{
public:
    JsCheck(std::shared_ptr<ScriptProgram> program, int index);
    ~JsCheck() override;

    QString name() const override { return m_name; }
    Kind kind() const override { return m_kind; }
    bool readsState() const override { return m_readsState; }

    bool fires(const Event& event, const json::Value& state) override;

    // Whether the check can be evaluated on `projection`'s live state: both live in one engine.
    bool sharesEngineWith(const replay::Projection& projection) const;
    // Evaluated right after `projection` folded `event` (the last event it folded), on the state
    // that event changed: the partition for partitioned projections, else the whole state, and on
    // the event object the handlers saw. nullopt when the check cannot use the live state (another
    // engine, or the projection's last folded event is not `event`, e.g. because it ignored it):
    // call fires() then. Throws ProjectionError like fires(). The check sees the live state object
    // itself, so a check must not modify its state.
    std::optional<bool> firesOnLive(const replay::Projection& projection, const Event& event) override;

private:
    replay::ProjectionError failed(replay::ProjectionError error, const Event& event) const;

    std::shared_ptr<ScriptProgram> m_program; // first: the engine outlives the batch's strings
    int m_index;
    QString m_name;
    Kind m_kind;
    bool m_readsState;
    QString m_activity;
    EventBatch m_batch;
};

// For an AfterEvent: evaluates `check` after `projection` folded `event`, on the live state when it
// can (Check::firesOnLive), else through fires() with `state()` (called only when the check reads
// the state; return the changed partition, or the whole state when unpartitioned).
// When the projection ignored the event (`changed` false) no state changed and there is no
// partition to show: a check that reads the state does not fire; an event breakpoint is evaluated.
bool firesAfterFold(replay::Check& check, replay::Projection& projection, const Event& event, bool changed,
                    const std::function<json::Value()>& state);

} // namespace eventscope::script
