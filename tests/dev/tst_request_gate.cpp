#include "dev/requestGate.h"

#include <QTest>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace sy;

class TestRequestGate : public QObject {
    Q_OBJECT
private slots:
    void openGateStartsAtOnceOnTheCurrentGeneration()
    {
        RequestGate gate(7);
        int64_t seen = 0;
        double held = -1;
        gate.submit([&](int64_t g, double ms) {
            seen = g;
            held = ms;
        });
        QCOMPARE(seen, int64_t(7));
        QCOMPARE(held, 0.0);
        QCOMPARE(gate.inFlight(), size_t(1));
        gate.finished();
        QCOMPARE(gate.inFlight(), size_t(0));
    }

    void closedGateHoldsThenReleasesInOrderOnTheNewGeneration()
    {
        RequestGate gate(1);
        gate.close();
        std::vector<std::pair<int, int64_t>> started;
        for (int i = 0; i < 3; ++i)
            gate.submit([&, i](int64_t g, double) { started.push_back({i, g}); });
        QVERIFY(started.empty());
        QCOMPARE(gate.held(), size_t(3));
        gate.open(2);
        QCOMPARE(started, (std::vector<std::pair<int, int64_t>>{{0, 2}, {1, 2}, {2, 2}}));
        QCOMPARE(gate.inFlight(), size_t(3));
        QVERIFY(gate.isOpen());
    }

    void nestedClosesNeedAsManyOpens()
    {
        RequestGate gate(1);
        gate.close();
        gate.close();
        bool started = false;
        gate.submit([&](int64_t, double) { started = true; });
        gate.open(2);
        QVERIFY(!started);
        QVERIFY(!gate.isOpen());
        gate.open(3);
        QVERIFY(started);
        QCOMPARE(gate.generation(), int64_t(3));
    }

    void writerWaitsForInFlightRequests()
    {
        RequestGate gate(1);
        gate.submit([](int64_t, double) {});
        gate.submit([](int64_t, double) {});
        gate.close();
        QVERIFY(!gate.waitDrained(20)); // two still in flight
        std::thread finisher([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            gate.finished();
            gate.finished();
        });
        QVERIFY(gate.waitDrained(5000));
        finisher.join();
        QCOMPARE(gate.inFlight(), size_t(0));
    }

    void concurrentSubmittersAllStartExactlyOnce()
    {
        RequestGate gate(1);
        std::atomic<int> started{0};
        std::vector<std::thread> threads;
        gate.close();
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 250; ++i)
                    gate.submit([&](int64_t, double) { ++started; });
            });
        std::thread opener([&] {
            for (int i = 0; i < 50; ++i) {
                gate.open(2 + i);
                gate.close();
            }
        });
        for (auto &t : threads)
            t.join();
        opener.join();
        gate.open(100);
        QCOMPARE(started.load(), 1000);
        QCOMPARE(gate.inFlight(), size_t(1000));
        QCOMPARE(gate.held(), size_t(0));
    }
    // Held worker requests take turns after a hold: the first starts at open(), the next when
    // one finishes, on the generation opened; other requests start at once.
    void pacedRequestsTakeTurnsWhenOneFinishes()
    {
        RequestGate gate(1, 60000); // no turn by time here: finished() alone

        gate.close();
        std::mutex m;
        std::vector<std::pair<std::string, int64_t>> started;
        auto record = [&](std::string name) {
            return [&, name](int64_t g, double) {
                std::lock_guard lock(m);
                started.push_back({name, g});
            };
        };
        gate.submit(record("render 1"), true);
        gate.submit(record("render 2"), true);
        gate.submit(record("module"), false);
        gate.submit(record("render 3"), true);
        gate.open(5);
        {
            std::lock_guard lock(m);
            QCOMPARE(started, (std::vector<std::pair<std::string, int64_t>>{{"render 1", 5},
                                                                            {"module", 5}}));
        }
        QCOMPARE(gate.waitingTurn(), size_t(2));
        QCOMPARE(gate.inFlight(), size_t(4)); // the writer waits for the waiting ones too
        // A new render queues behind them, even with the gate open.
        gate.submit(record("render 4"), true);
        QCOMPARE(gate.waitingTurn(), size_t(3));
        gate.finished(); // render 1: render 2's turn, at once
        std::lock_guard lock(m);
        QVERIFY(started.size() >= 3);
        QCOMPARE(started[2], (std::pair<std::string, int64_t>{"render 2", 5}));
    }

    // A paced request whose predecessor never finishes (it waits on it, or streams) still
    // starts: kPaceMs after the last paced start.
    void pacedRequestsStartWithinThePaceWhenNoneFinishes()
    {
        RequestGate gate(1);
        gate.close();
        std::atomic<int> started{0};
        for (int i = 0; i < 4; ++i)
            gate.submit([&](int64_t, double) { ++started; }, true);
        const auto t0 = std::chrono::steady_clock::now();
        gate.open(2);
        QCOMPARE(started.load(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(started.load(), 4, 2000);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        QVERIFY2(ms >= 3 * RequestGate::kPaceMs - 2, qPrintable(QString::number(ms)));
        QCOMPARE(gate.waitingTurn(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestRequestGate)
#include "tst_request_gate.moc"
