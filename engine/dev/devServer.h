#pragma once
// The running dev server: a prepared DevSession, a worker isolate whose
// module runner reads from the worker environment, and the HTTP/WebSocket
// server on loopback. Pages, RSC payloads and server actions go to the
// worker's fetch handler; browser modules come from the client environment;
// public/ files are served as they are.
#include "journal/journalEvent.h"
#include "optimizer/optimizerRun.h"
#include "server/devHttpServer.h"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

class DevSession;
class HotUpdater;
class IsolateStorage;
class RequestGate;
class WorkerIsolate;

struct DevServerConfig {
    DevServerOptions http;        ///< host (127.0.0.1), port (5173; 0 = any)
    uint32_t cpuLimitMs = 5000;   ///< CPU time per JS turn of the worker (CpuWatchdog)
    uint32_t memoryLimitMb = 128; ///< live memory of the worker isolate (HeapLimit)
    /// The file policy's size cap (bytes): larger files are refused with 403.
    uint64_t maxFileBytes = 64ull << 20;
    bool watch = true; ///< watch the app's files (HMR, re-optimization)
    /// Receives every engine event (requests, optimizer runs, invalidations,
    /// HMR payloads, runner cache clears, errors); e.g. Journal::record.
    std::function<void(JournalEvent)> record;
    /// Gets each optimizer run of the start: the ssr and worker runs before start()
    /// returns, the client's when it ends (on its own thread; see start()).
    std::function<void(const OptimizerRun &)> onPrepareRun;
    /// Tests only: called on the client run's thread before that run starts (a test
    /// holds the run back to see what waits for it).
    std::function<void()> beforeClientRun;
};

class DevServer {
public:
    /// `session` must outlive the server.
    DevServer(DevSession &session, DevServerConfig config);
    ~DevServer();

    /// Prepares the session (directive scan, crawls, the ssr and worker optimizer
    /// runs in parallel) while the worker isolate starts on its own thread (the
    /// two are independent: ~130 ms of Node environment creation overlaps the
    /// crawl), then listens. The client environment's first optimizer run goes on
    /// meanwhile (as Vite's server listens while its client optimizer runs): pages
    /// are served at once; a request the client environment answers (a module, a
    /// pre-bundle, /@vite/client) and /@switchyard/status wait until it committed
    /// (PendingClientRun). False + `error` when the port is taken or the worker
    /// cannot start.
    bool start(std::string *error);
    /// The optimizer runs of start(): the ssr and worker runs, and the client's
    /// once it ended (waits for it).
    std::vector<OptimizerRun> prepareRuns() const;
    /// Blocks until the client environment's first optimizer run has ended.
    void waitForClientRun() const;
    void stop();

    /// "http://127.0.0.1:<port>"
    std::string origin() const;
    uint16_t port() const;
    WorkerIsolate &worker();
    /// The worker's KV/D1 storage (wrangler kv_namespaces / d1_databases) in
    /// `<app>/.switchyard/storage`, kept across restarts; pending D1
    /// migrations are applied by start(). Null when the app declares no
    /// storage bindings. For the storage inspector (thread-safe reads).
    std::shared_ptr<IsolateStorage> storage() const;
    DevHttpServer &http();
    HotUpdater &updater();
    /// What `GET /@switchyard/status` answers: {generation, gate:{open,
    /// inFlight, held}, stateModule:{id, evaluatedAt, transformHash} (the
    /// pinned state module's identity: evaluatedAt never changes while the
    /// isolate lives), environments:{name:{browserHash, optimized}}}.
    std::string statusJson();

private:
    void handle(HttpRequest request, std::shared_ptr<ResponseWriter> out);
    /// I/O thread: takes in the file changes saved before this request arrived
    /// (FileWatcher::syncPending), so their update holds it at the gate and it
    /// meets the new code. Without a watcher: nothing.
    void syncFileChanges();
    /// Admits one request through the gate; replays it (attempt + 1) when it
    /// met a dependency being pre-bundled.
    void admit(std::shared_ptr<HttpRequest> request, std::shared_ptr<ResponseWriter> out,
               bool toWorker, int attempt);
    void recordEvent(JournalEvent event);
    /// Journals an optimizer run of the start (and its failed deps as errors).
    void recordStartRun(const OptimizerRun &run);
    /// The client's first run ended: journal it, and make the server lookups list
    /// the package directive modules only it met (under the gate).
    void clientRunFinished(const std::vector<OptimizerRun> &runs);
    void invalidateLateLookups(const std::set<std::string> &late);
    /// An unexpected exception while serving `request`: journals an error, fails `out` (500
    /// when nothing was sent yet) and, when the request holds the gate without a
    /// TrackedResponse, releases it.
    void failUnexpected(const HttpRequest &request, ResponseWriter &out, const std::string &what,
                        bool releaseGate);
    /// Journals a failed worker request and sends browsers an HMR `error`
    /// (message, stack, the first app frame's file/line/column, code frame). `target`: the
    /// request's target; one carrying the framework's RSC parameter (rwsdk's `__rsc`) was a
    /// page's server render, and the error says so (HmrError::serverRender).
    void reportRuntimeError(const std::string &failure, const std::string &target);

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace sy
