#pragma once
// The CPU-time limit of a worker isolate: a watchdog thread that measures the
// isolate thread's CPU time (not wall time) per JS turn.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <ctime>
#include <functional>
#include <mutex>
#include <thread>

namespace sy {

/// Stops runaway JavaScript, as workerd's CPU limit does, by CPU time: the
/// clock of the isolate's own thread (pthread_getcpuclockid, i.e.
/// CLOCK_THREAD_CPUTIME_ID of that thread), read by a watchdog thread every
/// limit/10 ms (1..20 ms). Time the thread sleeps (idle event loop, a request
/// awaiting a timer or I/O) costs no CPU and never counts.
///
/// What is limited is one *turn*: the CPU time the isolate thread spends
/// between two passes through its event loop. The owner marks the passes
/// (turnBoundary(): libuv's prepare and check phases, and before each queued
/// request starts). Concurrent requests interleave in many short turns, so
/// no number of healthy requests adds up to the limit; only code that never
/// yields (a synchronous `while (true) {}`, an endless microtask chain)
/// keeps one turn going. workerd limits CPU time per request; attributing
/// every microtask to its request would need V8 promise hooks on every
/// promise (what Node's async_hooks cost), so a request whose CPU is spread
/// over many turns is not stopped here — only one that spins.
///
/// Time spent while `*hostDepth > 0` (module fetches and storage calls made
/// on the isolate thread: the host's work, I/O in workerd) is not counted
/// (sampled per tick).
class CpuWatchdog {
public:
    /// `onExceeded` runs on the watchdog thread, once per turn that used more
    /// than `limitMs` of CPU; it must be thread-safe (e.g. node::Stop) and
    /// return whether it stopped the isolate. While it returns false (no
    /// environment to stop yet, e.g. during its bootstrap) the watchdog stays
    /// armed and reports the next turn over the limit.
    /// `onTick` (optional) runs on the watchdog thread every tick, e.g. to
    /// ask the isolate for a heap check. `hostDepth` must outlive the watchdog.
    CpuWatchdog(uint32_t limitMs, const std::atomic<int> *hostDepth,
                std::function<bool()> onExceeded, std::function<void()> onTick = {});
    /// Stops and joins the thread.
    ~CpuWatchdog();
    CpuWatchdog(const CpuWatchdog &) = delete;
    CpuWatchdog &operator=(const CpuWatchdog &) = delete;

    /// Starts the watchdog thread (idempotent).
    void start();
    /// Stops and joins the watchdog thread (idempotent).
    void stop();

    /// On the isolate thread: measure this thread from now on (once per Node
    /// environment, before JS runs). Starts a new turn.
    void attachCurrentThread();
    /// On the isolate thread: stop measuring (the environment is going away).
    void detach();
    /// On the isolate thread: a turn ended. Lock-free; safe from any callback.
    void turnBoundary() noexcept { m_turn.fetch_add(1, std::memory_order_relaxed); }

private:
    void run();

    const uint32_t m_limitMs;
    const std::atomic<int> *m_hostDepth;
    std::function<bool()> m_onExceeded;
    std::function<void()> m_onTick;
    std::atomic<uint64_t> m_turn{0};

    std::mutex m_mutex; // guards everything below
    std::condition_variable m_cv;
    bool m_stop = false;
    bool m_armed = false;
    clockid_t m_clock{};
    uint64_t m_attachSeq = 0;
    std::thread m_thread;
};

} // namespace sy
