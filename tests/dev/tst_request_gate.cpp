#include "dev/requestGate.h"

#include <QTest>
#include <atomic>
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
};

QTEST_GUILESS_MAIN(TestRequestGate)
#include "tst_request_gate.moc"
