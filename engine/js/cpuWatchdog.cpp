#include "js/cpuWatchdog.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>

namespace sy {
namespace {

uint64_t toNs(const timespec &ts)
{
    return static_cast<uint64_t>(ts.tv_sec) * 1000000000ull + static_cast<uint64_t>(ts.tv_nsec);
}

} // namespace

CpuWatchdog::CpuWatchdog(uint32_t limitMs, const std::atomic<int> *hostDepth,
                         std::function<bool()> onExceeded, std::function<void()> onTick)
    : m_limitMs(std::max<uint32_t>(limitMs, 1)), m_hostDepth(hostDepth),
      m_onExceeded(std::move(onExceeded)), m_onTick(std::move(onTick))
{
}

CpuWatchdog::~CpuWatchdog()
{
    stop();
}

void CpuWatchdog::start()
{
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable() || m_stop)
        return;
    m_thread = std::thread([this] { run(); });
}

void CpuWatchdog::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable() && m_thread.get_id() != std::this_thread::get_id())
        m_thread.join();
}

void CpuWatchdog::attachCurrentThread()
{
    clockid_t clock;
    if (pthread_getcpuclockid(pthread_self(), &clock) != 0)
        return; // no per-thread CPU clock: nothing is limited
    std::lock_guard lock(m_mutex);
    m_clock = clock;
    m_armed = true;
    ++m_attachSeq;
    turnBoundary();
}

void CpuWatchdog::detach()
{
    std::lock_guard lock(m_mutex);
    m_armed = false;
}

void CpuWatchdog::run()
{
    const auto tick = std::chrono::milliseconds(std::clamp<uint32_t>(m_limitMs / 10, 1, 20));
    const uint64_t limitNs = static_cast<uint64_t>(m_limitMs) * 1000000ull;
    bool tracking = false;
    uint64_t seenTurn = 0;
    uint64_t seenAttach = 0;
    uint64_t lastCpu = 0;
    uint64_t turnCpu = 0; // CPU ns of the current turn, host time left out
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_cv.wait_for(lock, tick);
        if (m_stop)
            break;
        if (m_onTick) {
            lock.unlock();
            m_onTick();
            lock.lock();
            if (m_stop)
                break;
        }
        timespec ts{};
        if (!m_armed || clock_gettime(m_clock, &ts) != 0) {
            tracking = false;
            continue;
        }
        const uint64_t cpu = toNs(ts);
        const uint64_t turn = m_turn.load(std::memory_order_relaxed);
        if (!tracking || turn != seenTurn || m_attachSeq != seenAttach) {
            tracking = true;
            seenTurn = turn;
            seenAttach = m_attachSeq;
            lastCpu = cpu;
            turnCpu = 0;
            continue;
        }
        if (m_hostDepth == nullptr || m_hostDepth->load(std::memory_order_relaxed) == 0)
            turnCpu += cpu - lastCpu;
        lastCpu = cpu;
        if (turnCpu > limitNs) {
            tracking = false; // one report per turn; the owner ends the turn
            lock.unlock();
            const bool stopped = m_onExceeded();
            lock.lock();
            if (stopped)
                m_armed = false; // until the next environment attaches
        }
    }
}

} // namespace sy
