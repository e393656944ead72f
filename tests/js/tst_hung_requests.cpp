// workerd's hung-request detection (js/hangDetector.h): a request that awaits a
// promise nothing in the isolate can settle fails with workerd's error instead of
// staying in flight forever (rwsdk 1.7.3 does this for an RSC request whose page
// throws); a request that waits on a timer is not hung.
#include "js/hangDetector.h"
#include "js/workerIsolate.h"
#include "recordingWriter.h"

#include <QtTest/QtTest>

#include <memory>

using namespace sy;
using namespace sy::test;

namespace {

const char *kEntry = R"JS(
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export default {
  async fetch(request) {
    switch (new URL(request.url).pathname) {
    case '/hang':
      await new Promise(() => {});
      return new Response('unreachable');
    case '/hang-after-io':
      await sleep(5);
      await Promise.resolve();
      await new Promise(() => {});
      return new Response('unreachable');
    case '/hang-stream': {
      let sent = false;
      const body = new ReadableStream({
        async pull(controller) {
          if (!sent) { sent = true; controller.enqueue(new TextEncoder().encode('first')); return; }
          await new Promise(() => {});
        },
      });
      return new Response(body);
    }
    case '/slow-timer':
      await sleep(700);
      return new Response('timer done');
    case '/ok':
      return new Response('ok');
    case '/timer-order': {
      // workerd: a 0 ms timer is due now, before a 1 ms one set earlier (Node
      // clamps 0 to 1 ms and runs them in the order they were set); a cleared
      // 0 ms timer never runs.
      const order = [];
      await new Promise((resolve) => {
        setTimeout(() => order.push('one'), 1);
        setTimeout(() => order.push('zero'));
        const cleared = setTimeout(() => order.push('cleared'), 0);
        clearTimeout(cleared);
        setTimeout((a, b) => order.push(a + b), 0, 'ar', 'gs');
        setTimeout(resolve, 20);
      });
      return new Response(order.join(','));
    }
    case '/spin': {
      const end = Date.now() + 300;
      while (Date.now() < end);
      return new Response('spun');
    }
    }
    return new Response('not found', { status: 404 });
  },
};
)JS";

bool hungFailure(const RecordingWriter &out)
{
    return out.failed && out.failMessage == kHungRequestMessage;
}

} // namespace

class TstHungRequests : public QObject {
    Q_OBJECT

    MapProvider provider;
    std::unique_ptr<WorkerIsolate> worker;

private slots:
    void initTestCase()
    {
        provider.set("/h/entry.js", kEntry);
        WorkerOptions o;
        o.entryId = "/h/entry.js";
        worker = std::make_unique<WorkerIsolate>(provider, o);
        worker->start();
    }
    void cleanupTestCase() { worker.reset(); }

    /// WorkerOptions::onIdleChange (what the dev server's WorkerRequestPacer
    /// starts its next request on): idle while the only request waits on a timer,
    /// busy while one computes.
    void theLoopReportsIdleWhileRequestsWaitAndBusyWhileOneComputes()
    {
        std::atomic<int> changes{0};
        std::atomic<bool> idle{false};
        WorkerOptions o;
        o.entryId = "/h/entry.js";
        o.onIdleChange = [&](bool now) {
            idle = now;
            ++changes;
        };
        WorkerIsolate w(provider, o);
        w.start();
        auto waiting = dispatchGet(w, "/slow-timer");
        QTest::qWait(300); // inside its 700 ms timer
        QVERIFY2(idle, qPrintable(QString::number(changes.load())));
        QVERIFY(waiting->wait(10000));
        QCOMPARE(waiting->body(), std::string("timer done"));
        auto spinning = dispatchGet(w, "/spin");
        QTest::qWait(150); // inside its 300 ms loop
        QVERIFY(!idle);
        QVERIFY(spinning->wait(10000));
        QCOMPARE(spinning->body(), std::string("spun"));
    }

    void zeroDelayTimersAreDueAtOnceAsInWorkerd()
    {
        auto out = dispatchGet(*worker, "/timer-order");
        QVERIFY(out->wait(10000));
        QCOMPARE(out->body(), std::string("zero,args,one"));
    }

    void awaitingANeverSettlingPromiseFailsWithWorkerdsError()
    {
        auto out = dispatchGet(*worker, "/hang");
        QVERIFY2(out->wait(10000), "the hung request stayed in flight");
        QVERIFY2(hungFailure(*out), out->failMessage.c_str());
        QVERIFY(QString::fromStdString(out->failMessage)
                    .startsWith(
                        "The Workers runtime canceled this request because it detected that your "
                        "Worker's code had hung and would never generate a response."));
        auto next = dispatchGet(*worker, "/ok"); // the isolate keeps serving
        QVERIFY(next->wait(10000));
        QVERIFY2(next->ended, next->failMessage.c_str());
        QCOMPARE(next->body(), std::string("ok"));
    }

    void hangAfterTimersAndMicrotasksIsFound()
    {
        auto out = dispatchGet(*worker, "/hang-after-io");
        QVERIFY2(out->wait(10000), "the hung request stayed in flight");
        QVERIFY2(hungFailure(*out), out->failMessage.c_str());
    }

    void aBodyThatNeverEndsFailsAfterItsFirstChunk()
    {
        auto out = dispatchGet(*worker, "/hang-stream");
        QVERIFY2(out->wait(10000), "the hung stream stayed in flight");
        QCOMPARE(out->status, 200);
        QCOMPARE(out->body(), std::string("first"));
        QVERIFY2(hungFailure(*out), out->failMessage.c_str());
    }

    void aLongTimerIsNotAHang()
    {
        // Longer than the detector's confirmation time (kIdleTurns x kCheckMs).
        QVERIFY(700 > HangDetector::kIdleTurns * HangDetector::kCheckMs);
        auto out = dispatchGet(*worker, "/slow-timer");
        QVERIFY(out->wait(10000));
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), std::string("timer done"));
    }

    void aHungRequestBesideABusyOneFailsAloneOnceTheIsolateIsIdle()
    {
        auto slow = dispatchGet(*worker, "/slow-timer");
        auto hung = dispatchGet(*worker, "/hang");
        QVERIFY(slow->wait(10000));
        QVERIFY2(slow->ended, slow->failMessage.c_str());
        QVERIFY(hung->wait(10000));
        QVERIFY2(hungFailure(*hung), hung->failMessage.c_str());
    }
};

QTEST_GUILESS_MAIN(TstHungRequests)
#include "tst_hung_requests.moc"
