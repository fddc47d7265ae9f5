#pragma once

#include "event.h"

#include <QString>

#include <vector>

namespace eventscope::importers::live {

// One event read from a source, with the source's position for it.
struct LiveEvent
{
    qint64 sourcePosition = 0;
    Event event;
};

// A row the source could not turn into an event (an error), or could only partly (a warning:
// the event is kept). `place` names the row the way its store does: "rowid 17", "position 42".
struct LiveIssue
{
    qint64 sourcePosition = 0;
    QString place;
    QString reason;

    QString describe() const { return place + QStringLiteral(": ") + reason; }
};

// What one read returned: events in source order, the bad rows among them, and the last source
// position the read covered (a bad row counts as covered).
struct LiveBatch
{
    std::vector<LiveEvent> events;
    std::vector<LiveIssue> errors;
    std::vector<LiveIssue> warnings;
    qint64 lastPosition = 0;
    // Rows read, good and bad: fewer than asked for means the read reached the source's end.
    int rows = 0;
    // The read stopped before a position that may still commit (its transaction is in progress):
    // not the source's end, even when it read nothing. Read again after waitForChange().
    bool waiting = false;
};

} // namespace eventscope::importers::live
