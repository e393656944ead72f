#pragma once
// Starts the dev server's worker requests one at a time while the isolate is
// busy with another.
//
// The worker isolate runs every request on its one thread. Started together,
// CPU-bound renders interleave and all answer at about the time the last one
// does, though each needed one render; the same when the gate opens after an
// update and every request it held starts at once (RequestGate::open).
// Paced, the request in front has the isolate to itself until it answered, or
// the isolate has nothing to run (it waits on I/O or a later timer:
// isolateIdle, from WorkerOptions::onIdleChange), or `sliceMs` passed; then
// the next one starts, in arrival order. A request that awaits another (a
// fetch to the app itself) does not hold it back: awaiting leaves the isolate
// idle. A lone request never waits.
//
// Measured under 8 clients looping GET / (2 cores, noisy): the starter
// answered 380 requests/s paced against 309 unpaced (median 20 against 25 ms);
// the 500-component page 16/s either way (median 501 against 540 ms). It needs
// workerd's 0 ms timers (workerBootstrap.js): with Node's 1 ms clamp, React's
// setTimeout(0) flushes left the isolate asleep between a request's chunks and
// paced requests answered 25% less often than unpaced ones.
//
// Thread-safe. A start runs on the thread that submits it when it may start at
// once, else on the thread that let it start (the one in front answered, the
// isolate went idle) or, when a slice ran out, on the pacer's own thread.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace sy {

class WorkerRequestPacer {
public:
    using Start = std::function<void()>;

    /// `sliceMs`: how long the request in front may keep the isolate busy
    /// before the next one starts beside it.
    explicit WorkerRequestPacer(int sliceMs = 500);
    /// stop()s.
    ~WorkerRequestPacer();
    WorkerRequestPacer(const WorkerRequestPacer &) = delete;
    WorkerRequestPacer &operator=(const WorkerRequestPacer &) = delete;

    /// A ticket for submit() and finished() (never 0).
    uint64_t ticket();
    /// Starts `start` now when the isolate is not held by a request within its
    /// slice and none waits, else queues it behind them.
    void submit(uint64_t ticket, Start start);
    /// The request of `ticket` answered (or failed): the next one may start.
    void finished(uint64_t ticket);
    /// Any thread (the isolate's, from WorkerOptions::onIdleChange): `idle`, the
    /// isolate has nothing to run (its requests wait on I/O or a later timer), so
    /// the next request may start, and one that comes starts at once; not idle,
    /// it runs JS again.
    void isolateIdle(bool idle);
    /// Starts every queued request now (on the calling thread) and ends the
    /// pacer's thread; later submits start at once.
    void stop();

    /// Requests queued and not started.
    size_t queued() const;

private:
    using Clock = std::chrono::steady_clock;
    struct Queued {
        uint64_t ticket;
        Start start;
    };
    void run();
    /// Caller holds m_mutex: a request may start now.
    bool frontMayStartLocked(Clock::time_point now) const;
    /// Caller holds m_mutex: the front's start, made the active request, when it
    /// may start now; else empty. The caller runs it after unlocking.
    Start takeFrontLocked(Clock::time_point now);

    const std::chrono::milliseconds m_slice;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Queued> m_queue;
    uint64_t m_nextTicket = 1;
    uint64_t m_active = 0;        ///< the request holding the isolate within its slice, or 0
    bool m_idle = false;          ///< the isolate's loop waits with nothing to run
    Clock::time_point m_deadline; ///< when m_active's slice ends
    bool m_stopped = false;
    std::thread m_thread;
};

} // namespace sy
