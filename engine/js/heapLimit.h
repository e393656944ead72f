#pragma once
// The memory limit of a worker isolate: V8 heap plus ArrayBuffer memory,
// checked after garbage collections, with V8's own heap limit as a backstop.
#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>

namespace v8 {
class Isolate;
}

namespace sy {

/// A per-isolate memory limit like workerd's (128 MB per isolate on Workers):
/// the isolate's live memory, V8 heap (`used_heap_size`) plus external memory
/// (ArrayBuffer backing stores and what Node reports), may not exceed
/// `limitBytes`. When it does, `onExceeded` runs on the isolate thread; the
/// owner terminates the isolate (node::Stop), fails its requests with "Worker
/// exceeded its memory limit (N MB)" and returns true: once per attach. While
/// it returns false (nothing to stop yet) the next overrun reports again.
///
/// Only live memory counts, so garbage never trips the limit. A GC, or a
/// periodic check (requestCheck(): an isolate interrupt), that sees more
/// than the limit in use marks the isolate suspect; at the next turn
/// boundary (atTurnBoundary(): no JS on the stack) full GCs run
/// (LowMemoryNotification, which also frees dead ArrayBuffers; sweeping
/// finished) and what is left decides, at most once per limit/4 of growth.
/// In the middle of a turn, live memory is legitimately higher: every render
/// in progress holds its state (on examples/hello under 10 clients, 231-277 MB
/// live mid-turn, once 535 MB, where turn boundaries found 12-14 MB), so code
/// that allocates without ever yielding is stopped mid-turn only once it
/// holds max(4 x the limit, 1 GB). V8's own heap limit is left at Node's
/// default, far above: a near-heap-limit callback raises it by a margin and
/// reports the overrun, so V8 never aborts the process while the isolate is
/// being terminated. (A lower V8 limit would make one allocation bigger than it a
/// fatal process OOM instead of a stopped isolate.)
class HeapLimit {
public:
    /// `limitBytes` 0 disables the limit.
    HeapLimit(size_t limitBytes, std::function<bool()> onExceeded);
    ~HeapLimit();
    HeapLimit(const HeapLimit &) = delete;
    HeapLimit &operator=(const HeapLimit &) = delete;

    /// On the isolate thread, after the isolate was created: install the GC
    /// and near-heap-limit callbacks.
    void attach(v8::Isolate *isolate);
    /// On the isolate thread, before the isolate is disposed.
    void detach();
    /// Any thread (the watchdog's tick): ask the isolate to look at its
    /// memory at its next interrupt check (only while JS runs; at most one
    /// request pending) and at its next turn boundary.
    void requestCheck();
    /// On the isolate thread, between turns (no JS on the stack): measures
    /// live memory when a GC or check saw the limit passed. Cheap otherwise.
    void atTurnBoundary();

    /// Live memory that stops a turn in progress: max(kMidTurnFactor x the
    /// limit, kMidTurnFloor).
    static constexpr size_t kMidTurnFactor = 4;
    static constexpr size_t kMidTurnFloor = size_t(1) << 30;
    size_t midTurnLimit() const;

private:
    struct Callbacks; // the V8 callbacks (heapLimit.cpp)
    friend struct Callbacks;
    /// used_heap_size + external_memory (garbage included).
    size_t usedBytes() const;
    /// Full GCs with sweeping finished, then usedBytes(): live memory.
    size_t collectAndMeasure();
    void afterGc();
    void midTurnCheck();
    /// Reports the overrun once per attach (stderr: where it was measured).
    void exceeded(const char *where, size_t bytes);

    const size_t m_limit;
    std::function<bool()> m_onExceeded;
    std::mutex m_mutex; // guards m_isolate for requestCheck()
    v8::Isolate *m_isolate = nullptr;
    std::atomic<bool> m_interruptPending{false};
    std::atomic<bool> m_checkDue{false}; ///< set by requestCheck(), read between turns
    // Isolate thread only:
    size_t m_lastTurnLiveBytes = 0;    ///< live bytes at the last turn-boundary measure
    size_t m_lastMidTurnLiveBytes = 0; ///< live bytes at the last mid-turn measure
    bool m_suspect = false;            ///< measure at the next turn boundary
    bool m_measuring = false;          ///< inside collectAndMeasure()
    bool m_fired = false;
};

} // namespace sy
