#include "dev/workerRequestPacer.h"

namespace sy {

WorkerRequestPacer::WorkerRequestPacer(int sliceMs) : m_slice(sliceMs), m_thread([this] { run(); })
{
}

WorkerRequestPacer::~WorkerRequestPacer()
{
    stop();
}

uint64_t WorkerRequestPacer::ticket()
{
    std::lock_guard lock(m_mutex);
    return m_nextTicket++;
}

bool WorkerRequestPacer::frontMayStartLocked(Clock::time_point now) const
{
    return m_active == 0 || m_idle || now >= m_deadline;
}

void WorkerRequestPacer::submit(uint64_t ticket, Start start)
{
    {
        std::lock_guard lock(m_mutex);
        const Clock::time_point now = Clock::now();
        if (!m_stopped && (!m_queue.empty() || !frontMayStartLocked(now))) {
            m_queue.push_back({ticket, std::move(start)});
            m_wake.notify_all();
            return;
        }
        if (!m_stopped) {
            m_active = ticket;
            m_deadline = now + m_slice;
            m_idle = false; // it has something to run now
        }
    }
    start();
}

WorkerRequestPacer::Start WorkerRequestPacer::takeFrontLocked(Clock::time_point now)
{
    if (m_stopped || m_queue.empty() || !frontMayStartLocked(now))
        return {};
    Queued next = std::move(m_queue.front());
    m_queue.pop_front();
    m_active = next.ticket;
    m_deadline = now + m_slice;
    m_idle = false;
    m_wake.notify_all(); // the thread waits for the new front's deadline
    return std::move(next.start);
}

void WorkerRequestPacer::finished(uint64_t ticket)
{
    Start next;
    {
        std::lock_guard lock(m_mutex);
        if (m_active != ticket)
            return;
        m_active = 0;
        next = takeFrontLocked(Clock::now());
    }
    if (next)
        next(); // here: no hop through the pacer's thread
}

void WorkerRequestPacer::stop()
{
    std::deque<Queued> left;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopped)
            return;
        m_stopped = true;
        left.swap(m_queue);
        m_wake.notify_all();
    }
    if (m_thread.joinable())
        m_thread.join();
    for (Queued &q : left)
        q.start();
}

void WorkerRequestPacer::isolateIdle(bool idle)
{
    Start next;
    {
        std::lock_guard lock(m_mutex);
        m_idle = idle;
        if (idle)
            next = takeFrontLocked(Clock::now());
    }
    if (next)
        next(); // on the isolate's thread: its job is queued before the loop waits
}

size_t WorkerRequestPacer::queued() const
{
    std::lock_guard lock(m_mutex);
    return m_queue.size();
}

void WorkerRequestPacer::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_stopped)
            return;
        if (m_queue.empty()) {
            m_wake.wait(lock);
            continue;
        }
        const Clock::time_point now = Clock::now();
        Start next = takeFrontLocked(now);
        if (!next) {
            m_wake.wait_until(lock, m_deadline);
            continue;
        }
        lock.unlock();
        next();
        lock.lock();
    }
}

} // namespace sy
