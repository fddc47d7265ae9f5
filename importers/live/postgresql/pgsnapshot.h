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
// it only once the gap is known to stay: every transaction that was in progress when the gap was
// first seen has ended (the one holding the number, if any, was among them: the rows after the gap
// were numbered later and had already committed), and a short while has passed (a number drawn an
// instant before its transaction took an id).
class GapWatch
{
public:
    using Clock = std::chrono::steady_clock;

    explicit GapWatch(std::chrono::milliseconds settle = std::chrono::milliseconds(200)) : m_settle(settle) {}

    // The first missing position after what a read could take, with that read's snapshot: true
    // when the reader may pass it.
    bool mayPass(qint64 missing, const PgSnapshot& snapshot, Clock::time_point now = Clock::now());
    bool waiting() const { return m_active; }
    qint64 missing() const { return m_missing; }
    void clear() { m_active = false; }

private:
    std::chrono::milliseconds m_settle;
    bool m_active = false;
    qint64 m_missing = 0;
    PgSnapshot m_firstSeen;
    Clock::time_point m_since;
};

} // namespace eventscope::importers::live
