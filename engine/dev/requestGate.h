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
// Thread-safe. Starts queued by close() run on the thread that calls open().
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>

namespace sy {

class RequestGate {
public:
    /// Starts one request. `generation` is the generation it runs on; `heldMs`
    /// how long it waited in the queue (0 when the gate was open).
    using Start = std::function<void(int64_t generation, double heldMs)>;

    explicit RequestGate(int64_t generation = 1) : m_generation(generation) {}

    /// Runs `start` now on the calling thread when the gate is open, else
    /// queues it. Either way the request counts as in flight from its start
    /// until finished() is called for it.
    void submit(Start start);
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

private:
    struct Held {
        Start start;
        int64_t since; ///< steady clock, ns
    };
    mutable std::mutex m_mutex;
    std::condition_variable m_drained;
    std::deque<Held> m_held;
    int64_t m_generation;
    int m_closed = 0;
    size_t m_inFlight = 0;
};

} // namespace sy
