#pragma once
// workerd's hung-request detection for one worker isolate's event loop.
#include <cstddef>
#include <cstdint>

struct uv_loop_s;
struct uv_handle_s;
struct uv_timer_s;

namespace v8 {
class Isolate;
}

namespace sy {

/// The error a hung request fails with: workerd's words (so they can be searched
/// for), then what was seen.
inline constexpr const char *kHungRequestMessage =
    "The Workers runtime canceled this request because it detected that your Worker's "
    "code had hung and would never generate a response. (The request awaited a promise "
    "that nothing left in the isolate can settle: no timer, I/O or queued work.)";

/// Detects requests that can never finish, the way workerd does: a request whose
/// handler awaits a promise that nothing left in the isolate can settle (no timer,
/// no socket or file I/O, no V8 background task, no queued job) is cancelled with
/// workerd's error, "The Workers runtime canceled this request because it detected
/// that your Worker's code had hung and would never generate a response." (rwsdk
/// 1.7.3 does this for an RSC request whose page throws: it awaits a promise only a
/// successful render settles.) Without it such a request stays in flight forever.
///
/// The loop is idle when only the isolate's own job-queue wakeup handle would keep it
/// running. An idle loop is confirmed by periodic wakeups (an unreferenced timer
/// every kCheckMs while requests are in flight) so that V8 foreground tasks posted by
/// background threads get their turn first: requests are declared hung after the
/// loop was idle at the end of kIdleTurns consecutive turns with the same requests
/// in flight (about (kIdleTurns - 1) x kCheckMs; a busy loop is never hung; a long
/// timer, fetch or D1 query keeps the loop alive). Per isolate, not per request: a
/// hung request is found once the isolate's other requests are done or idle.
/// Isolate thread only.
class HangDetector {
public:
    static constexpr int kCheckMs = 100;
    static constexpr int kIdleTurns = 3;

    HangDetector() = default;
    ~HangDetector();
    HangDetector(const HangDetector &) = delete;
    HangDetector &operator=(const HangDetector &) = delete;

    /// On the isolate thread, once the loop exists: creates the (unreferenced) timer.
    void attach(uv_loop_s *loop, v8::Isolate *isolate);
    /// Before the loop's handles are closed: closes the timer (its close callback runs
    /// in the loop's final run).
    void detach();

    /// A request went in flight (`requestId` increases with every request): starts the
    /// periodic wakeup.
    void requestStarted(uint64_t requestId);

    /// At the end of a loop turn (a uv_check callback; no JS on the stack): `inflight`
    /// requests in flight, `lastRequestId` the newest one's id, `jobsQueued` whether
    /// jobs wait in the queue, `wake` the job queue's handle (excluded from the idle
    /// check; may be null). True when the requests in flight are hung: the caller
    /// fails them all.
    bool atTurnEnd(size_t inflight, uint64_t lastRequestId, bool jobsQueued, uv_handle_s *wake);

private:
    bool loopIdle(uv_handle_s *wake) const;

    uv_loop_s *loop_ = nullptr;
    v8::Isolate *isolate_ = nullptr;
    uv_timer_s *timer_ = nullptr;
    int idleTurns_ = 0;
    size_t seenInflight_ = 0;
    uint64_t seenRequestId_ = 0;
};

} // namespace sy
