#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace eventscope::importers::live {

// Asks a follow to stop, from any thread or from a signal handler, and lets the follow's waits
// end at once when it does.
class StopSignal
{
public:
    // From a thread: wakes a waiting follow immediately.
    void request();
    // From a signal handler (async-signal-safe: a lock-free store only); a waiting follow notices
    // within checkSlice.
    void requestFromSignalHandler() { m_requested.store(true, std::memory_order_relaxed); }
    bool requested() const { return m_requested.load(std::memory_order_relaxed); }

    // Sleeps for `duration` or until stop is requested; true when it was.
    bool waitFor(std::chrono::milliseconds duration);

    static constexpr std::chrono::milliseconds checkSlice{100};

private:
    std::atomic<bool> m_requested{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

} // namespace eventscope::importers::live
