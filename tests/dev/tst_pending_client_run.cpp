// The client environment's first optimizer run goes on while the dev server
// already serves pages (engine/dev/pendingClientRun.h), as Vite's server
// listens while its client optimizer runs: on a cold copy of examples/starter
// (rwsdk 1.7.3, no .switchyard) with the client run held back by the test,
// GET / answers the page while a request for the client entry waits; once the
// run is let go, the entry answers with the `?v=` browserHash the client's
// pre-bundle got (no module was served with a hash from before the run) and the
// pre-bundle itself answers. The journal has each environment's run.
// PendingClientRun's own ordering: waiters run after onFinished, in order.
#include "dev/devServer.h"
#include "dev/devSession.h"
#include "dev/pendingClientRun.h"
#include "env/projectConfig.h"
#include "js/transformService.h"
#include "support/exampleCopy.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace sy;
namespace fs = std::filesystem;

namespace {

struct Answer {
    int status = 0;
    std::string body;
};

/// A blocking GET on 127.0.0.1:port (its own connection).
Answer get(uint16_t port, const std::string &target, const std::string &accept = "*/*")
{
    namespace net = boost::asio;
    namespace http = boost::beast::http;
    net::io_context ioc;
    net::ip::tcp::socket socket(ioc);
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    http::request<http::empty_body> request{http::verb::get, target, 11};
    request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    request.set(http::field::accept, accept);
    http::write(socket, request);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(socket, buffer, response);
    return {int(response.result_int()), response.body()};
}

/// get() on another thread while this one runs its event loop (the hot updater
/// lives on it, as on serve's main thread).
Answer fetch(uint16_t port, const std::string &target, const std::string &accept = "*/*")
{
    auto answer = std::async(std::launch::async, [=] { return get(port, target, accept); });
    while (answer.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(10);
    return answer.get();
}

/// Waits for `pending` while running the event loop.
Answer settle(std::future<Answer> &pending)
{
    while (pending.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(10);
    return pending.get();
}

/// A cold copy of examples/starter served with the client's first optimizer run
/// held in beforeClientRun until release(); the journal is kept in events.
struct HeldClientRunServer {
    QTemporaryDir dir;
    ProjectConfig project;
    std::unique_ptr<DevSession> session;
    std::unique_ptr<DevServer> server;
    std::promise<void> releasePromise;
    std::shared_future<void> released = releasePromise.get_future().share();
    std::atomic<bool> clientRunStarted{false};
    std::atomic<bool> releasedOnce{false};
    std::mutex eventsMutex;
    std::vector<JournalEvent> events;

    /// Copies the example and starts the server; false (with `error`) if it did not start.
    bool start(std::string &error)
    {
        const fs::path root = fs::path(dir.path().toStdString()) / "starter";
        sy::test::copyExample(SY_SOURCE_DIR "/examples/starter", root);
        if (!loadProjectConfig(root.string(), SY_TOOLS_JS_DIR, project, error))
            return false;
        session = std::make_unique<DevSession>(project, TransformService::shared());
        DevServerConfig config;
        config.http.port = 0;
        config.watch = false;
        config.beforeClientRun = [this] {
            clientRunStarted = true;
            released.wait();
        };
        config.record = [this](JournalEvent e) {
            std::lock_guard lock(eventsMutex);
            events.push_back(std::move(e));
        };
        server = std::make_unique<DevServer>(*session, config);
        return server->start(&error);
    }
    /// Lets the held run go (once).
    void release()
    {
        if (!releasedOnce.exchange(true))
            releasePromise.set_value();
    }
    /// A test that stopped early still lets the run go before the server joins it,
    /// and the server goes before the journal it writes to.
    ~HeldClientRunServer()
    {
        release();
        server.reset();
        session.reset();
    }
    /// Journal events of `kind` (in `environment` when given).
    long count(const std::string &kind, const std::string &environment = {})
    {
        std::lock_guard lock(eventsMutex);
        return std::count_if(events.begin(), events.end(), [&](const JournalEvent &e) {
            return e.kind == kind && (environment.empty() || e.environment == environment);
        });
    }
};

} // namespace

class TestPendingClientRun : public QObject {
    Q_OBJECT

private slots:
    void waitersRunAfterTheRunInOrder()
    {
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        std::mutex mutex;
        std::vector<std::string> order;
        auto note = [&](const std::string &what) {
            std::lock_guard lock(mutex);
            order.push_back(what);
        };
        PendingClientRun *self = nullptr;
        PendingClientRun run(
            [&] {
                released.wait();
                OptimizerRun r;
                r.environment = "client";
                r.outcome = OptimizerOutcome::Committed;
                note("run");
                return std::vector<OptimizerRun>{r};
            },
            [&](const std::vector<OptimizerRun> &runs) {
                note("finished " + runs.at(0).environment);
                self->whenDone([&] { note("queued by onFinished"); });
            });
        self = &run;
        run.start();
        QVERIFY(!run.done());
        QVERIFY(run.whenDone([&] { note("first"); }));
        QVERIFY(run.whenDone([&] { note("second"); }));
        {
            std::lock_guard lock(mutex);
            QVERIFY(order.empty()); // nothing ran while the run is held
        }
        release.set_value();
        const std::vector<OptimizerRun> runs = run.wait();
        QCOMPARE(runs.size(), size_t(1));
        QVERIFY(run.done());
        auto count = [&] {
            std::lock_guard lock(mutex);
            return order.size();
        };
        QTRY_COMPARE(count(), size_t(5));               // the waiters run on the run's thread
        QVERIFY(!run.whenDone([&] { note("after"); })); // ran at once, on this thread
        const std::vector<std::string> expected{"run",    "finished client",      "first",
                                                "second", "queued by onFinished", "after"};
        QCOMPARE(order, expected);
    }

    // The run goes below the first request's render: its thread (and what it
    // starts: esbuild's service processes, std::async threads) at nice 10.
    void theRunIsNiced()
    {
        errno = 0;
        const int before = ::getpriority(PRIO_PROCESS, 0);
        int inRun = -100, inItsThread = -100;
        PendingClientRun run(
            [&] {
                inRun = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
                std::async(std::launch::async, [&] {
                    inItsThread =
                        ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
                }).get();
                return std::vector<OptimizerRun>{};
            },
            {});
        run.start();
        run.join();
        QCOMPARE(inRun, std::max(before, 10));
        QCOMPARE(inItsThread, inRun);
        // The caller's own thread keeps its priority.
        QCOMPARE(::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid))), before);
    }

    void pagesServeWhileClientRequestsWaitForTheRun()
    {
        HeldClientRunServer held;
        std::string error;
        QVERIFY2(held.start(error), error.c_str());
        DevServer &server = *held.server;
        DevSession &session = *held.session;
        const uint16_t port = server.port();

        // The page renders while the client's run has not even started bundling.
        const Answer page = fetch(port, "/", "text/html");
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.find("<html") != std::string::npos ||
                page.body.find("<!DOCTYPE") != std::string::npos);
        QTRY_VERIFY(held.clientRunStarted.load()); // held in beforeClientRun
        QCOMPARE(held.count("optimizer-run", "client"), 0);

        // A client module waits for the run (it cannot be answered while it is held).
        auto entry =
            std::async(std::launch::async, [port] { return get(port, "/src/client.tsx"); });
        auto status =
            std::async(std::launch::async, [port] { return get(port, "/@switchyard/status"); });
        // The page again: the I/O thread is not blocked by the waiting requests.
        QCOMPARE(fetch(port, "/", "text/html").status, 200);
        QVERIFY(entry.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready);
        QVERIFY(status.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready);

        held.release();
        const Answer client = settle(entry);
        QCOMPARE(client.status, 200);
        const std::optional<OptimizedDepInfo> dep =
            session.client().optimizer().lookup("rwsdk/client");
        QVERIFY(dep.has_value());
        QVERIFY(!dep->browserHash.empty());
        const std::string url = "/.switchyard/deps_client/" +
                                fs::path(dep->file).filename().string() + "?v=" + dep->browserHash;
        QVERIFY2(client.body.find(url) != std::string::npos, client.body.c_str());
        const Answer bundle = fetch(port, url);
        QCOMPARE(bundle.status, 200);
        QVERIFY(bundle.body.size() > 100);
        const Answer statusAnswer = settle(status);
        QCOMPARE(statusAnswer.status, 200);
        QVERIFY2(statusAnswer.body.find(session.client().optimizer().metadata().browserHash) !=
                     std::string::npos,
                 statusAnswer.body.c_str());

        // Each environment's run is reported and journaled.
        const std::vector<OptimizerRun> runs = server.prepareRuns();
        std::set<std::string> environments;
        for (const OptimizerRun &run : runs)
            if (run.outcome == OptimizerOutcome::Committed)
                environments.insert(run.environment);
        QCOMPARE(environments, (std::set<std::string>{"client", "ssr", "worker"}));
        QVERIFY(held.count("optimizer-run", "client") >= 1);
        server.stop();
    }

    /// serve's SIGTERM right after the first page, while the client's run goes on:
    /// stop() waits for the run, which ends without touching the stopping server
    /// (it used to reach the already reset PendingClientRun and crash with SIGSEGV
    /// on a cold rwsdk app, whose client bundles meet useTurnstile late).
    void stopWhileTheClientRunGoesOn()
    {
        HeldClientRunServer held;
        std::string error;
        QVERIFY2(held.start(error), error.c_str());
        QCOMPARE(fetch(held.server->port(), "/", "text/html").status, 200);
        QTRY_VERIFY(held.clientRunStarted.load());
        // The run is let go while stop() already waits for it.
        std::thread releaser([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            held.release();
        });
        held.server->stop();
        releaser.join();
        QVERIFY(!held.session->lateServerPackageModules().empty()); // the case that crashed
        QVERIFY(held.count("optimizer-run", "client") >= 1);
        // A stopping server starts no lookup invalidation (no runner to clear).
        QCOMPARE(held.count("runner-cache-clear"), 0);
    }
};

QTEST_GUILESS_MAIN(TestPendingClientRun)
#include "tst_pending_client_run.moc"
