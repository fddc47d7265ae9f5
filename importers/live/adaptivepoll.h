#pragma once

#include <chrono>

namespace eventscope::importers::live {

// The interval between two looks at a source that cannot say when it changes: short right after
// a change (a burst of appends usually continues), doubling while nothing happens, up to a
// ceiling. A poll is always preceded by at least the floor: never a busy loop.
class AdaptivePoll
{
public:
    using Duration = std::chrono::milliseconds;

    explicit AdaptivePoll(Duration floor = Duration(5), Duration ceiling = Duration(250));

    Duration next() const { return m_current; }
    // After a look that found something new.
    void changed() { m_current = m_floor; }
    // After a look that found nothing.
    void unchanged();

    Duration floor() const { return m_floor; }
    Duration ceiling() const { return m_ceiling; }

private:
    Duration m_floor;
    Duration m_ceiling;
    Duration m_current;
};

} // namespace eventscope::importers::live
