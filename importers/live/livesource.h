#pragma once

#include "livebatch.h"

#include <QString>

#include <chrono>

namespace eventscope::importers::live {

class StopSignal;

// A running event store followed from a position: connect, read batches after a position until
// caught up, then wait for more. The driver (LiveFollower) owns the loop, the workspace and the
// state; a source only talks to its store. Sources are used from one thread at a time; connect(),
// read() and headPosition() throw LiveError.
//
// Positions are the store's own ascending integers (a rowid, Message DB's global_position, a
// JetStream sequence); a source must never return an event at or before a position it was asked
// to read after, and must not skip a committed one (stores whose positions commit out of order
// read only up to a safe horizon).
class LiveSource
{
public:
    virtual ~LiveSource() = default;

    // The source as a URL without secrets, in one canonical spelling: the key under which a
    // workspace remembers how far it has read. Final after connect() (a layout may be detected).
    virtual QString url() const = 0;
    // Short, for Event::source and status lines: "bank.db (eventsourcing)".
    virtual QString label() const = 0;
    // The kind for provenance: "sqlite/eventsourcing", "postgresql/messagedb", ...
    virtual QString kind() const = 0;

    // Opens the connection and checks the store's layout.
    virtual void connect() = 0;
    virtual void disconnect() = 0;

    // Up to maxEvents rows with positions > afterPosition, in position order.
    virtual LiveBatch read(qint64 afterPosition, int maxEvents) = 0;
    // The store's last position now (0 when empty), for the lag.
    virtual qint64 headPosition() = 0;

    // Blocks until the store may hold rows it did not have at the last read(), or `timeout`
    // passes, or stop is requested. True when there may be something new. Stores that can tell
    // (LISTEN/NOTIFY, a JetStream consumer) wake at once; the others poll at an adaptive interval.
    virtual bool waitForChange(std::chrono::milliseconds timeout, StopSignal& stop) = 0;
};

} // namespace eventscope::importers::live
