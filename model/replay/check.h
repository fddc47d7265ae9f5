#pragma once

#include "event.h"
#include "json/jsonvalue.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace eventscope::replay {

class Projection;

// An invariant (a condition the state must always satisfy) or a breakpoint (a condition on an
// event, or on the state, at which a scan stops). Evaluated after each folded event.
class Check
{
public:
    enum class Kind
    {
        Invariant, // fires when the condition is false
        Breakpoint // fires when the condition is true
    };

    virtual ~Check() = default;

    virtual QString name() const = 0;
    virtual Kind kind() const = 0;
    // Whether the condition reads the state at all (a pure event breakpoint does not, so a scan
    // need not produce the state for it).
    virtual bool readsState() const = 0;

    // `state` is the state after `event` was folded: the state of the partition the event changed
    // for partitioned projections, the whole state otherwise. Returns true when the check fires.
    // Throws ProjectionError when the condition itself fails (names the check and the position).
    virtual bool fires(const Event& event, const json::Value& state) = 0;

    // The same, evaluated right after `projection` folded `event`, on the projection's live state
    // without producing a json::Value for it: possible when check and projection live in one script
    // engine. nullopt when this check cannot (the default): fires() is called instead.
    virtual std::optional<bool> firesOnLive(const Projection& projection, const Event& event)
    {
        Q_UNUSED(projection);
        Q_UNUSED(event);
        return std::nullopt;
    }
};

using Checks = std::vector<std::unique_ptr<Check>>;

} // namespace eventscope::replay
