#pragma once

#include <QByteArray>

#include <chrono>
#include <optional>
#include <vector>

namespace eventscope::importers::live {

// pg_current_snapshot(): "xmin:xmax:xip,...", the transactions in progress when it was taken.
struct PgSnapshot
{
    quint64 xmin = 0;
    quint64 xmax = 0;
    std::vector<quint64> inProgress;

    bool isInProgress(quint64 xid) const;
    static std::optional<PgSnapshot> parse(const QByteArray& text);
};

// A sequence such as Message DB's global_position hands out numbers when rows are inserted, not
// when they commit: a reader can see 11 before 10 commits, and reading "after the last position
// seen" would then skip 10 for ever. So a reader stops at the first missing position and passes
// it only once the gap is known to stay. When a gap is first seen, every number up to the highest
// position visible then (the horizon) has been drawn already; the transactions that could still
// commit one of them were in progress then. Once all of those have ended, and a short while has
// passed (a number drawn an instant before its transaction took an id), every position up to that
// horizon that is still missing stays missing: one wait passes all the gaps of a catch-up at once,
// however many there are (Marten's sequence has many). Assumes the sequence hands numbers out in
// time order (no CACHE > 1, the default for serial and identity columns).
class GapWatch
{
public:
    using Clock = std::chrono::steady_clock;

    explicit GapWatch(std::chrono::milliseconds settle = std::chrono::milliseconds(200)) : m_settle(settle) {}

    // The first missing position after what a read could take, the highest position that read
    // saw, and its snapshot: true when the reader may pass the missing position.
    bool mayPass(qint64 missing, qint64 highestSeen, const PgSnapshot& snapshot,
                 Clock::time_point now = Clock::now());
    bool waiting() const { return m_active; }
    qint64 missing() const { return m_missing; }
    // Positions up to this one that are missing stay missing.
    qint64 passable() const { return m_passable; }
    // Stops watching (the missing position arrived, or the connection was lost); what is known to
    // stay missing is kept.
    void clear() { m_active = false; }

private:
    void watch(qint64 missing, qint64 highestSeen, const PgSnapshot& snapshot, Clock::time_point now);

    std::chrono::milliseconds m_settle;
    bool m_active = false;
    qint64 m_missing = 0;
    qint64 m_horizon = 0;
    qint64 m_passable = 0;
    PgSnapshot m_firstSeen;
    Clock::time_point m_since;
};

} // namespace eventscope::importers::live
