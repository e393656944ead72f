#include "js/hangDetector.h"

#include <uv.h>
#include <v8.h>

namespace sy {

HangDetector::~HangDetector()
{
    detach();
}

void HangDetector::attach(uv_loop_t *loop, v8::Isolate *isolate)
{
    detach();
    loop_ = loop;
    isolate_ = isolate;
    timer_ = new uv_timer_t;
    uv_timer_init(loop, timer_);
    // Never keeps the loop alive by itself, and never counts as pending work.
    uv_unref(reinterpret_cast<uv_handle_t *>(timer_));
    idleTurns_ = 0;
}

void HangDetector::detach()
{
    if (!timer_)
        return;
    uv_timer_stop(timer_);
    uv_close(reinterpret_cast<uv_handle_t *>(timer_),
             [](uv_handle_t *h) { delete reinterpret_cast<uv_timer_t *>(h); });
    timer_ = nullptr;
    loop_ = nullptr;
    isolate_ = nullptr;
}

void HangDetector::requestStarted(uint64_t)
{
    if (timer_ && !uv_is_active(reinterpret_cast<uv_handle_t *>(timer_)))
        // The callback does nothing: waking the loop makes a turn, whose end checks.
        uv_timer_start(
            timer_, [](uv_timer_t *) {}, kCheckMs, kCheckMs);
}

bool HangDetector::loopIdle(uv_handle_t *wake) const
{
    // Pending V8 work on other threads (WebAssembly compilation, ...) posts back.
    if (isolate_ && isolate_->HasPendingBackgroundTasks())
        return false;
    const bool wakeRef = wake && uv_has_ref(wake);
    if (wakeRef)
        uv_unref(wake);
    const bool alive = uv_loop_alive(loop_) != 0;
    if (wakeRef)
        uv_ref(wake);
    return !alive;
}

bool HangDetector::atTurnEnd(size_t inflight, uint64_t lastRequestId, bool jobsQueued,
                             uv_handle_t *wake)
{
    if (!timer_)
        return false;
    if (inflight == 0) {
        uv_timer_stop(timer_);
        idleTurns_ = 0;
        return false;
    }
    if (inflight != seenInflight_ || lastRequestId != seenRequestId_) {
        seenInflight_ = inflight;
        seenRequestId_ = lastRequestId;
        idleTurns_ = 0;
    }
    if (jobsQueued || !loopIdle(wake)) {
        idleTurns_ = 0;
        return false;
    }
    if (++idleTurns_ < kIdleTurns)
        return false;
    idleTurns_ = 0;
    return true;
}

} // namespace sy
