#pragma once
// The gate between incoming requests and the engine's generations: a
// reader-writer gate where requests are readers and a commit of a new
// generation (re-optimization) is the writer.
//
// RedwoodSDK could not gate requests because it did not own Vite's optimizer
// (seed 003: a request slips in between the graph invalidation and the
// full-reload message). We own it, so:
// - while the gate is open, a request starts at once on the current
//   generation and counts as in flight until it finishes;
// - close() makes new requests wait in a queue (held, not failed);
// - waitDrained() lets the writer wait until the requests in flight finished
//   on the old generation (or a timeout passed);
// - open(generation) starts the held requests, in arrival order, on the new
//   generation.
// A request never spans two generations unless waitDrained() timed out (the
// writer records that in the journal).
//
// Paced requests (the worker's: renders that share one isolate) are not all
// started at once when the gate opens. Started together, the held renders
// interleave at their awaits and each ends after about all of them: 8 held
// clients of the starter saw their first good page ~8 renders after the
// commit. The first starts at open(); each next one when a request finishes
// or kPaceMs after the last paced start, whichever comes first, so one that
// waits on another (a worker fetching itself) is only delayed, never stuck.
// Requests submitted while some still wait their turn queue behind them.
// Paced requests count as in flight from open() on, on the generation opened.
//
// Thread-safe. Starts queued by close() run on the thread that calls open(),
// on the thread that calls finished(), or on the gate's pacing thread.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace sy {

class RequestGate {
public:
    /// Starts one request. `generation` is the generation it runs on; `heldMs`
    /// how long it waited in the queue (0 when the gate was open).
    using Start = std::function<void(int64_t generation, double heldMs)>;

    /// The longest a paced request waits for the one before it to finish (ms).
    static constexpr int kPaceMs = 10;

    /// `paceMs`: kPaceMs, or another bound (tests).
    explicit RequestGate(int64_t generation = 1, int paceMs = kPaceMs)
        : m_paceMs(paceMs), m_generation(generation)
    {
    }
    /// Stops the pacing thread; paced requests not started by then are dropped
    /// (the server is going away).
    ~RequestGate();
    RequestGate(const RequestGate &) = delete;
    RequestGate &operator=(const RequestGate &) = delete;

    /// Runs `start` now on the calling thread when the gate is open, else
    /// queues it. Either way the request counts as in flight from its start
    /// until finished() is called for it. `paced`: a request the gate releases
    /// one at a time after a hold (see above).
    void submit(Start start, bool paced = false);
    /// One started request has finished (its response ended or failed).
    void finished();

    /// Closes the gate: later submissions wait. Nested closes need as many opens.
    void close();
    /// Waits until no started request is in flight, or `timeoutMs` passed.
    /// Returns true when drained.
    bool waitDrained(int timeoutMs);
    /// Opens the gate (when the last close is matched) on `generation` and
    /// starts the held requests in order, on the calling thread.
    void open(int64_t generation);

    int64_t generation() const;
    bool isOpen() const;
    size_t inFlight() const;
    size_t held() const;
    /// Paced requests released (or submitted behind them) and not started yet.
    size_t waitingTurn() const;

private:
    struct Held {
        Start start;
        int64_t since; ///< steady clock, ns
        bool paced = false;
        int64_t generation = 0; ///< once released
    };
    /// Starts the next paced request, if any (m_mutex not held).
    void startNextPaced();
    void pacingLoop();

    mutable std::mutex m_mutex;
    std::condition_variable m_drained;
    std::condition_variable m_pace;
    std::deque<Held> m_held;
    std::deque<Held> m_paced;  ///< released, waiting their turn
    int64_t m_lastPacedNs = 0; ///< when the last paced request started
    const int m_paceMs;
    std::thread m_pacer; ///< started with the first paced release
    bool m_stopping = false;
    int64_t m_generation;
    int m_closed = 0;
    size_t m_inFlight = 0;
};

} // namespace sy
