#include "dev/pendingClientRun.h"

#include <cstdio>
#include <exception>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace sy {

namespace {
constexpr int kBackgroundNice = 10; ///< as the React Refresh isolate's warm-up
} // namespace

PendingClientRun::PendingClientRun(
    std::function<std::vector<OptimizerRun>()> work,
    std::function<void(const std::vector<OptimizerRun> &)> onFinished)
    : m_work(std::move(work)), m_onFinished(std::move(onFinished))
{
}

void PendingClientRun::start()
{
    if (m_thread.joinable())
        return;
    m_thread = std::thread([this, work = std::move(m_work), onFinished = std::move(m_onFinished)] {
        // Below the first request's render: its HTML goes first, the client's
        // crawl and esbuild run (threads and service processes started from here
        // inherit the nice value) take what CPU is left. Linux lets a thread lower
        // its own priority without privileges.
        setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), kBackgroundNice);
        std::vector<OptimizerRun> runs;
        try {
            runs = work();
        } catch (const std::exception &e) {
            // Nothing was committed: the client's requests then meet the missing
            // deps and re-optimize as mid-session discoveries do.
            OptimizerRun failed;
            failed.environment = "client";
            failed.trigger = "initial scan";
            failed.outcome = OptimizerOutcome::Failed;
            failed.error = e.what();
            runs.push_back(std::move(failed));
            std::fprintf(stderr, "[optimizer] client: %s\n", e.what());
        }
        if (onFinished)
            onFinished(runs);
        std::vector<std::function<void()>> waiting;
        {
            std::lock_guard lock(m_mutex);
            m_runs = std::move(runs);
            m_done = true; // from now on whenDone() runs its continuation at once
            waiting.swap(m_waiting);
        }
        m_finished.notify_all();
        // The requests that waited, in the order they came.
        for (auto &then : waiting)
            then();
    });
}

PendingClientRun::~PendingClientRun()
{
    join();
}

void PendingClientRun::join()
{
    if (m_thread.joinable() && m_thread.get_id() != std::this_thread::get_id())
        m_thread.join();
}

bool PendingClientRun::whenDone(std::function<void()> then)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_done) {
            m_waiting.push_back(std::move(then));
            return true;
        }
    }
    then();
    return false;
}

bool PendingClientRun::done() const
{
    std::lock_guard lock(m_mutex);
    return m_done;
}

std::vector<OptimizerRun> PendingClientRun::wait() const
{
    std::unique_lock lock(m_mutex);
    m_finished.wait(lock, [this] { return m_done; });
    return m_runs;
}

} // namespace sy
