#pragma once
// The client environment's first optimizer run, going on while the dev server
// already serves pages. Vite's dev server listens before its client optimizer
// run ends, and a browser request for an optimized dep waits until the run
// commits (vite/src/node/optimizer/optimizer.ts: the first run's `processing`
// promise). Here every request the client environment answers waits the same
// way: no browser ever sees a module transformed before the client's pre-bundles
// and their browserHash are final, so the first page load gets consistent
// `?v=` URLs and no full-reload; the HTML (worker and ssr) does not wait.
#include "optimizer/optimizerRun.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sy {

class PendingClientRun {
public:
    /// `work` (e.g. DevSession::ServerStart::finishClient) runs on a thread of its
    /// own from start(). `onFinished` (may be empty) gets its runs on that thread
    /// before any waiter is released (the dev server journals them there; a
    /// whenDone() it calls queues after the waiters).
    PendingClientRun(std::function<std::vector<OptimizerRun>()> work,
                     std::function<void(const std::vector<OptimizerRun> &)> onFinished);
    /// Starts the work's thread (once).
    void start();
    /// Waits for the run to finish (and for the continuations it runs).
    ~PendingClientRun();
    /// Waits until the run's thread has ended: the run, onFinished and every queued
    /// continuation have run. Call it while the owner is still whole (onFinished may
    /// reach back into it); the destructor then has nothing left to wait for.
    void join();
    PendingClientRun(const PendingClientRun &) = delete;
    PendingClientRun &operator=(const PendingClientRun &) = delete;

    /// Runs `then` once the run has finished: at once on the calling thread when it
    /// has, otherwise on the run's thread right after onFinished, in the order
    /// whenDone was called (done() is already true while they run). Returns true when `then` was
    /// queued (the run was still going on). Thread-safe; `then` must not throw.
    bool whenDone(std::function<void()> then);

    bool done() const;
    /// Blocks until the run finished; returns its runs (client run first, then the
    /// runs of its package-module round, if any).
    std::vector<OptimizerRun> wait() const;

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_finished;
    bool m_done = false;
    std::vector<OptimizerRun> m_runs;
    std::vector<std::function<void()>> m_waiting;
    std::function<std::vector<OptimizerRun>()> m_work;
    std::function<void(const std::vector<OptimizerRun> &)> m_onFinished;
    std::thread m_thread;
};

} // namespace sy
