#pragma once

#include "event.h"
#include "replay/check.h"
#include "replay/replayengine.h"

#include <QString>

#include <vector>

namespace eventscope::compensation {

// An event after which an invariant stopped holding for one partition (or for the whole state).
struct InvariantBreak
{
    QString check;
    QString partition; // empty when the projection is not partitioned
    Event event;       // as folded (upcasted)
};

// Every event in the log after which an invariant went from holding to violated, in position
// order: the events a compensation has to correct. A partition that stays violated is reported
// once, at the event that broke it; one that recovers and breaks again, again. Breakpoints are
// ignored. Returns what was found so far when cancelled. Throws replay::ProjectionError.
std::vector<InvariantBreak> invariantBreaks(replay::ReplayEngine& engine, replay::Checks& checks,
                                            const replay::Cancel& cancel = {});

} // namespace eventscope::compensation
