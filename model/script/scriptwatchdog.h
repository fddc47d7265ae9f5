#pragma once

#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

class QJSEngine;

namespace eventscope::script {

// Stops a runaway script: while armed, a thread of its own (not the engine's, which is busy running
// the script) interrupts the engine once the deadline passes. Arming and disarming are cheap (an
// atomic store; the thread is woken only when it sleeps without a deadline), so every call into a
// script can be guarded. The thread starts on the first arm().
class ScriptWatchdog
{
public:
    explicit ScriptWatchdog(QJSEngine& engine);
    ~ScriptWatchdog(); // stops and joins the thread; call before the engine goes
    ScriptWatchdog(const ScriptWatchdog&) = delete;
    ScriptWatchdog& operator=(const ScriptWatchdog&) = delete;

    // The engine is interrupted if still armed `limit` from now.
    void arm(std::chrono::nanoseconds limit);
    // Returns true when the deadline passed and the engine was interrupted (the caller re-enables it
    // with setInterrupted(false) before running anything else in it).
    bool disarm();

private:
    void run();

    static constexpr qint64 fired = -1;
    QJSEngine& m_engine;
    std::atomic<qint64> m_deadline{0}; // steady-clock nanoseconds; 0 = disarmed, fired = interrupted
    std::atomic<bool> m_idle{false};   // the thread waits without a deadline and must be woken
    bool m_stop = false;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
};

} // namespace eventscope::script
