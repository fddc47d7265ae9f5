#pragma once

#include "draft.h"
#include "replay/check.h"
#include "replay/projection.h"
#include "replay/replayengine.h"
#include "json/jsondiff.h"
#include "json/jsonvalue.h"

#include <QStringList>

#include <vector>

namespace eventscope {
class EventStore;
}

namespace eventscope::compensation {

// How one invariant fares at the end of the log, without and with the drafts: the partitions (the
// empty key for an unpartitioned state) whose final state violates it.
struct InvariantOutcome
{
    QString name;
    QStringList violatedActual;
    QStringList violatedCorrected;

    bool holdsActual() const { return violatedActual.isEmpty(); }
    bool holdsCorrected() const { return violatedCorrected.isEmpty(); }
    QStringList fixed() const;  // violated in the actual log, hold with the drafts
    QStringList broken() const; // hold in the actual log, violated with the drafts
};

// What the drafts would change: the state at the end of the log (actual) and at the end of the
// branch that appends the drafts to it (corrected), as the user sees them (presented), their diff,
// and the invariants on both.
struct WhatIfResult
{
    qint64 actualPosition = 0;    // the log's last position
    qint64 correctedPosition = 0; // the branch's: actualPosition + the drafts
    QString partition;            // the one partition compared; empty = the whole state
    json::Value actual;
    json::Value corrected;
    std::vector<json::DiffEntry> diff;
    std::vector<InvariantOutcome> invariants;
    std::vector<Event> draftEvents; // the drafts as the branch holds them (positions, versions, time)
};

// The time the drafts would get if written now: now, or just after the log's last event when that
// is later.
qint64 draftTime(EventStore& store);

// Folds `store` plus `drafts` (appended at the end, as eventsForDrafts writes them) through
// `projection` in one pass and compares the two ends. `partition`: compare one partition (a stream
// for per-stream projections, a key for partitionBy) instead of the whole state. `checks`: the
// invariants to evaluate on both ends (breakpoints are ignored). Throws replay::ProjectionError.
WhatIfResult whatIf(EventStore& store, const std::vector<Draft>& drafts, replay::Projection& projection,
                    replay::Upcaster* upcaster, replay::Checks& checks, const QString& partition = {},
                    const replay::Cancel& cancel = {});

} // namespace eventscope::compensation
