// WorkerRequestPacer (engine/dev/workerRequestPacer.h): worker requests start
// one at a time, in arrival order; the next starts when the one in front
// answered, when the isolate has nothing to run (it waits on I/O), or when the
// front's slice ran out; a lone request, or one arriving while the isolate is
// idle, starts at once on its own thread.
#include "dev/workerRequestPacer.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

using namespace sy;
using namespace std::chrono_literals;

namespace {
/// What a paced start did: its order and the thread it ran on.
struct Starts {
    std::mutex mutex;
    std::vector<int> order;
    std::vector<std::thread::id> threads;
    WorkerRequestPacer::Start make(int n)
    {
        return [this, n] {
            std::lock_guard lock(mutex);
            order.push_back(n);
            threads.push_back(std::this_thread::get_id());
        };
    }
    size_t count()
    {
        std::lock_guard lock(mutex);
        return order.size();
    }
};

bool waitFor(const std::function<bool()> &done, int ms = 5000)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!done()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}
} // namespace

class TestWorkerRequestPacer : public QObject {
    Q_OBJECT
private slots:
    void aLoneRequestStartsAtOnceOnItsThread()
    {
        WorkerRequestPacer pacer(10000);
        Starts starts;
        const uint64_t t = pacer.ticket();
        pacer.submit(t, starts.make(1));
        QCOMPARE(starts.count(), size_t(1));
        QCOMPARE(starts.threads[0], std::this_thread::get_id());
        pacer.finished(t);
        pacer.submit(pacer.ticket(), starts.make(2)); // the first answered: at once again
        QCOMPARE(starts.count(), size_t(2));
    }

    void theNextStartsWhenTheFrontAnsweredInArrivalOrder()
    {
        WorkerRequestPacer pacer(10000);
        Starts starts;
        std::vector<uint64_t> tickets;
        for (int n = 1; n <= 4; ++n) {
            tickets.push_back(pacer.ticket());
            pacer.submit(tickets.back(), starts.make(n));
        }
        QCOMPARE(starts.count(), size_t(1));
        QCOMPARE(pacer.queued(), size_t(3));
        pacer.finished(tickets[2]); // not in front: changes nothing
        std::this_thread::sleep_for(20ms);
        QCOMPARE(starts.count(), size_t(1));
        for (size_t i = 0; i < 3; ++i) {
            pacer.finished(tickets[i]);
            QVERIFY(waitFor([&] { return starts.count() == i + 2; }));
        }
        QCOMPARE(starts.order, (std::vector<int>{1, 2, 3, 4}));
        // Started by finished(), on its caller's thread (no hop through the pacer's).
        QCOMPARE(starts.threads[1], std::this_thread::get_id());
    }

    void anIdleIsolateLetsTheNextStart()
    {
        WorkerRequestPacer pacer(10000);
        Starts starts;
        pacer.submit(pacer.ticket(), starts.make(1));
        pacer.submit(pacer.ticket(), starts.make(2));
        std::this_thread::sleep_for(20ms);
        QCOMPARE(starts.count(), size_t(1));
        pacer.isolateIdle(true); // the first awaits I/O
        QVERIFY(waitFor([&] { return starts.count() == 2; }));
        // Idle again: a request that comes now starts at once, on its own thread.
        pacer.isolateIdle(true);
        pacer.submit(pacer.ticket(), starts.make(3));
        QCOMPARE(starts.count(), size_t(3));
        QCOMPARE(starts.threads[2], std::this_thread::get_id());
        // Busy again (the one just started runs): the next waits.
        pacer.submit(pacer.ticket(), starts.make(4));
        std::this_thread::sleep_for(20ms);
        QCOMPARE(starts.count(), size_t(3));
        pacer.isolateIdle(false);
        std::this_thread::sleep_for(20ms);
        QCOMPARE(starts.count(), size_t(3));
        pacer.isolateIdle(true);
        QVERIFY(waitFor([&] { return starts.count() == 4; }));
    }

    void aFrontThatComputesPastItsSliceLetsTheNextStart()
    {
        WorkerRequestPacer pacer(50);
        Starts starts;
        const auto t0 = std::chrono::steady_clock::now();
        pacer.submit(pacer.ticket(), starts.make(1));
        pacer.submit(pacer.ticket(), starts.make(2));
        QVERIFY(waitFor([&] { return starts.count() == 2; }));
        QVERIFY(std::chrono::steady_clock::now() - t0 >= 45ms);
        QVERIFY(starts.threads[1] != std::this_thread::get_id()); // the pacer's own thread
    }

    void stopStartsWhatIsLeft()
    {
        Starts starts;
        {
            WorkerRequestPacer pacer(10000);
            for (int n = 1; n <= 3; ++n)
                pacer.submit(pacer.ticket(), starts.make(n));
            QCOMPARE(starts.count(), size_t(1));
        } // destroyed: stop()
        QCOMPARE(starts.order, (std::vector<int>{1, 2, 3}));
    }
};

QTEST_GUILESS_MAIN(TestWorkerRequestPacer)
#include "tst_worker_request_pacer.moc"
