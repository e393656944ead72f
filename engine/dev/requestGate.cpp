#include "dev/requestGate.h"

#include <chrono>

namespace sy {

namespace {
int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

void RequestGate::submit(Start start)
{
    int64_t generation = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_closed > 0) {
            m_held.push_back({std::move(start), nowNs()});
            return;
        }
        ++m_inFlight;
        generation = m_generation;
    }
    start(generation, 0);
}

void RequestGate::finished()
{
    std::lock_guard lock(m_mutex);
    if (m_inFlight > 0 && --m_inFlight == 0)
        m_drained.notify_all();
}

void RequestGate::close()
{
    std::lock_guard lock(m_mutex);
    ++m_closed;
}

bool RequestGate::waitDrained(int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    return m_drained.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                              [this] { return m_inFlight == 0; });
}

void RequestGate::open(int64_t generation)
{
    std::deque<Held> release;
    {
        std::lock_guard lock(m_mutex);
        m_generation = generation;
        if (m_closed > 0)
            --m_closed;
        if (m_closed > 0)
            return;
        release.swap(m_held);
        m_inFlight += release.size();
    }
    const int64_t now = nowNs();
    for (Held &held : release)
        held.start(generation, double(now - held.since) / 1e6);
}

int64_t RequestGate::generation() const
{
    std::lock_guard lock(m_mutex);
    return m_generation;
}

bool RequestGate::isOpen() const
{
    std::lock_guard lock(m_mutex);
    return m_closed == 0;
}

size_t RequestGate::inFlight() const
{
    std::lock_guard lock(m_mutex);
    return m_inFlight;
}

size_t RequestGate::held() const
{
    std::lock_guard lock(m_mutex);
    return m_held.size();
}

} // namespace sy
