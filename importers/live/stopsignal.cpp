#include "stopsignal.h"

#include <algorithm>

namespace eventscope::importers::live {

void StopSignal::request()
{
    {
        const std::lock_guard lock(m_mutex);
        m_requested.store(true, std::memory_order_relaxed);
    }
    m_wake.notify_all();
}

bool StopSignal::waitFor(std::chrono::milliseconds duration)
{
    const auto deadline = std::chrono::steady_clock::now() + duration;
    std::unique_lock lock(m_mutex);
    while (!requested()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline)
            return false;
        // A request from a signal handler cannot notify: wake in slices to look at the flag.
        const auto until = std::min(deadline, now + checkSlice);
        m_wake.wait_until(lock, until, [this] { return requested(); });
    }
    return true;
}

} // namespace eventscope::importers::live
