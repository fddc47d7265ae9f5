#include "scriptwatchdog.h"

#include <QJSEngine>

namespace eventscope::script {
namespace {

qint64 nowNanos()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

ScriptWatchdog::ScriptWatchdog(QJSEngine& engine) : m_engine(engine) {}

ScriptWatchdog::~ScriptWatchdog()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void ScriptWatchdog::arm(std::chrono::nanoseconds limit)
{
    m_deadline.store(nowNanos() + std::max<qint64>(1, limit.count()));
    if (!m_thread.joinable()) {
        m_thread = std::thread([this] { run(); });
        return;
    }
    if (m_idle.load()) {
        // Taking the lock orders this notification after the thread's last look at the deadline,
        // so it cannot be lost between that look and its wait.
        {
            std::lock_guard lock(m_mutex);
        }
        m_wake.notify_one();
    }
}

bool ScriptWatchdog::disarm()
{
    if (m_deadline.exchange(0) != fired)
        return false;
    // The thread interrupts the engine under the lock: once we hold it, the interruption is done
    // and cannot land after the caller re-enables the engine.
    std::lock_guard lock(m_mutex);
    return true;
}

void ScriptWatchdog::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        qint64 deadline = m_deadline.load();
        if (deadline == 0 || deadline == fired) {
            m_idle.store(true);
            m_wake.wait(lock, [this] {
                const qint64 d = m_deadline.load();
                return m_stop || (d != 0 && d != fired);
            });
            m_idle.store(false);
            continue;
        }
        const qint64 now = nowNanos();
        if (now >= deadline) {
            // Fires only if still armed with that same deadline: not if the script returned (0) or
            // a later call re-armed it meanwhile.
            if (m_deadline.compare_exchange_strong(deadline, fired))
                m_engine.setInterrupted(true);
            continue;
        }
        m_wake.wait_for(lock, std::chrono::nanoseconds(deadline - now));
    }
}

} // namespace eventscope::script
