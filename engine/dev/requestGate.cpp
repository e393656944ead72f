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

RequestGate::~RequestGate()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_paced.clear();
    }
    m_pace.notify_all();
    if (m_pacer.joinable())
        m_pacer.join();
}

void RequestGate::submit(Start start, bool paced)
{
    int64_t generation = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_closed > 0) {
            m_held.push_back({std::move(start), nowNs(), paced});
            return;
        }
        ++m_inFlight;
        generation = m_generation;
        if (paced && !m_paced.empty()) {
            // Behind the ones still waiting their turn.
            m_paced.push_back({std::move(start), nowNs(), true, generation});
            return;
        }
        if (paced)
            m_lastPacedNs = nowNs();
    }
    start(generation, 0);
}

void RequestGate::finished()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_inFlight > 0 && --m_inFlight == 0)
            m_drained.notify_all();
    }
    startNextPaced();
}

void RequestGate::startNextPaced()
{
    Held next;
    {
        std::lock_guard lock(m_mutex);
        if (m_paced.empty())
            return;
        next = std::move(m_paced.front());
        m_paced.pop_front();
        m_lastPacedNs = nowNs();
    }
    m_pace.notify_all(); // the pacer's clock restarts
    next.start(next.generation, double(nowNs() - next.since) / 1e6);
}

void RequestGate::pacingLoop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (m_paced.empty()) {
            m_pace.wait(lock);
            continue;
        }
        const int64_t due = m_lastPacedNs + int64_t(m_paceMs) * 1000000;
        const int64_t now = nowNs();
        if (now < due) {
            m_pace.wait_for(lock, std::chrono::nanoseconds(due - now));
            continue;
        }
        lock.unlock();
        startNextPaced();
        lock.lock();
    }
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
        // The first paced request starts now, the others take turns (m_paced).
        bool firstPaced = m_paced.empty();
        for (auto it = release.begin(); it != release.end();) {
            if (it->paced && !firstPaced) {
                it->generation = generation;
                m_paced.push_back(std::move(*it));
                it = release.erase(it);
                continue;
            }
            firstPaced = firstPaced && !it->paced;
            ++it;
        }
        if (!m_paced.empty()) {
            m_lastPacedNs = nowNs();
            if (!m_pacer.joinable())
                m_pacer = std::thread([this] { pacingLoop(); });
        }
    }
    m_pace.notify_all();
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

size_t RequestGate::waitingTurn() const
{
    std::lock_guard lock(m_mutex);
    return m_paced.size();
}

} // namespace sy
