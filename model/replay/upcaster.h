#pragma once

#include "event.h"

#include <QString>

namespace eventscope::replay {

// Turns events written with an old schema into the current one before any projection sees them
// (v1 -> v2 -> v3, chained). The original event stays available to whoever kept it: upcasting
// returns a new value.
class Upcaster
{
public:
    virtual ~Upcaster() = default;

    // Whether any upcaster is registered for this type at this schema version; when not, the event
    // passes through untouched and costs nothing.
    virtual bool handles(const QString& type, int schemaVersion) const = 0;

    // The event after every applicable step of the chain: data, type and schemaVersion updated,
    // position, stream, id and links kept. Throws ProjectionError naming type, version and position.
    virtual Event upcast(const Event& event) = 0;
};

} // namespace eventscope::replay
