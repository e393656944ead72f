#pragma once
// A Cloudflare-style worker isolate: an embedded Node environment on its own
// thread, Web APIs, an ES module runner and a CPU-time limit.
#include "core/bindingHost.h"
#include "core/httpTypes.h"
#include "js/evaluatedModule.h"
#include "js/moduleProvider.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sy {

/// Configuration of one worker (wrangler's main / compatibility flags / vars).
struct WorkerOptions {
    std::string entryId; ///< module id whose default export has fetch(request, env, ctx)
    /// When set, dispatchFetch() calls this module's default fetch instead of
    /// entryId's (a test run's driver, engine/testing). Code inside the worker
    /// still reaches entryId through `cloudflare:workers` / SELF.fetch.
    std::string controlEntryId;
    /// The worker's name (wrangler `name`): service bindings of auxiliary workers
    /// naming it reach the main realm (RealmOptions::workerName).
    std::string workerName;
    /// Remember the Node built-ins this isolate compiles, to make their code cache again once
    /// a realm's work (or the environment) is over (nodeBuiltinCodeCache::makeRunCaches): for
    /// test hosts, whose files end; a dev server's worker would hold them for the session.
    bool makeBuiltinRunCaches = false;
    /// CPU time (of the isolate thread, ms) one JS turn may use before the
    /// worker is stopped: see CpuWatchdog (js/cpuWatchdog.h).
    uint32_t cpuLimitMs = 5000;
    /// Live memory (V8 heap + ArrayBuffers, MB) the isolate may hold before it
    /// is stopped, as Workers' 128 MB per isolate: see HeapLimit
    /// (js/heapLimit.h). 0: no limit.
    uint32_t memoryLimitMb = 128;
    /// Called on the isolate thread when a limit (or process.exit) condemned
    /// the Node environment, after its requests failed and before the next
    /// environment is created: `reason` as the requests got it, how many
    /// requests failed with it, and the modules the runner had evaluated (all
    /// of them are gone, pinned ones included: their state is lost).
    std::function<void(const std::string &reason, size_t failedRequests,
                       const std::vector<std::string> &droppedModules)>
        onEnvironmentLost;
    /// Called on the isolate thread when its event loop goes idle (true: about
    /// to wait with nothing to run soon, no immediate and no timer due within
    /// 4 ms, so every request in flight waits on I/O or a later timer) and when
    /// it runs again after such a wait (false). The dev server's
    /// WorkerRequestPacer starts its next request when idle. Quick, never blocks.
    std::function<void(bool idle)> onIdleChange;
    /// Buffer, process and global as globals (workerd: nodejs_compat v2, NodeCompat::globals()).
    bool nodejsCompat = false;
    std::string envJson = "{}"; ///< JSON object passed as `env` (bindings/vars)
    /// JSON object whose keys become globals before any module is evaluated.
    std::string globalsJson = "{}";
    /// Module ids the runner never drops (invalidate/clearCache): evaluated
    /// once per isolate, so their state survives HMR and re-optimization.
    std::vector<std::string> pinnedModules;
    /// Module id prefixes whose modules are evaluated together (the worker's
    /// pre-bundle directory): see ModuleRunner::setEvaluatedTogether. Realms too.
    std::vector<std::string> evaluatedTogether;
    /// Storage bindings put into `env` next to the vars: each becomes a
    /// KVNamespace or D1Database (engine/js/bindings/*.js) whose calls go,
    /// synchronously on the isolate thread, to `bindingHost`.
    std::vector<BindingDescriptor> bindings;
    /// Serves the bindings' calls (e.g. sy::IsolateStorage). Shared: the
    /// storage outlives the isolate, so an inspector can read it after a run.
    /// Time spent in it does not count toward the CPU limit (it is I/O in
    /// workerd). Without a host, every binding call rejects with an Error.
    std::shared_ptr<BindingHost> bindingHost;
    /// Test isolates: exposes globalThis[Symbol.for("switchyard.storage")] =
    /// { savepoint(), rollback() }, calling bindingHost with the binding
    /// "__switchyard_storage" (ops "savepoint", "rollback").
    bool storageControl = false;
    /// Test isolates: exposes globalThis[Symbol.for("switchyard.snapshot")] =
    /// (op, args, bytes?) => [json, bytes?], calling bindingHost with the
    /// binding "__switchyard_snapshot" (engine/testing/snapshotHost.h: the
    /// snapshot files, only inside the app).
    bool snapshotControl = false;
    /// Service bindings to this worker and bindings of types Switchyard does
    /// not model, as env/workerBindings.h's workerBindingsJson writes them:
    /// env.NAME becomes an entrypoint stub (JS RPC, workerRpc.js) or an object
    /// whose use fails with an error naming the binding type.
    std::string workerBindingsJson = "[]";
};

/// A fresh realm inside a worker's Node environment (WorkerIsolate::createRealm):
/// what differs from the main realm.
struct RealmOptions {
    /// Another worker's main module: the realm runs that worker (a test run's
    /// auxiliary worker, env/auxiliaryWorkers.h), with no control entry. Empty:
    /// the isolate's worker (WorkerOptions::entryId / controlEntryId).
    std::string entryId;
    /// What service bindings name this realm's worker ("service"-kind peers:
    /// realmSetup.js asks native.peer(name) for that realm's worker object).
    /// Empty with no entryId: WorkerOptions::workerName.
    std::string workerName;
    std::string envJson = "{}";     ///< vars of this realm's `env`
    std::string globalsJson = "{}"; ///< globals set before any module runs
    std::vector<BindingDescriptor> bindings;
    std::shared_ptr<BindingHost> bindingHost;
    bool storageControl = false;           ///< see WorkerOptions::storageControl
    bool snapshotControl = false;          ///< see WorkerOptions::snapshotControl
    std::string workerBindingsJson = "[]"; ///< see WorkerOptions::workerBindingsJson
};

/// Runs a worker the way workerd does, inside an embedded Node 18 environment
/// (node::CommonEnvironmentSetup) on a dedicated thread that runs the libuv loop.
///
/// Realm: Request, Response, Headers, URL, streams, TextEncoder/Decoder, fetch,
/// timers, structuredClone, `crypto` (WebCrypto with crypto.subtle) and
/// globalThis.AsyncLocalStorage (set before any app code). `require` is deleted
/// (workerd has none); unless nodejsCompat, process, Buffer, global read as
/// undefined from app code (accessors that still answer Node's own builtins,
/// which need them). App modules are loaded by a module runner (see
/// ModuleRunner) from the ModuleProvider; import() and import.meta.url (= the
/// module id) work for them. A FetchedModule::builtin module is the
/// environment's Node.js built-in (the bootstrap's loadBuiltin), the same
/// object in every realm of the isolate.
///
/// Requests: dispatchFetch() may be called from any thread; requests interleave
/// on the event loop like in workerd. Uncaught exceptions and unhandled
/// rejections are logged, never fatal.
///
/// Limits (workerd's model: a runaway is stopped, healthy work never is):
/// - CPU: a watchdog thread reads the isolate thread's CPU clock and stops the
///   environment (node::Stop, i.e. TerminateExecution) when one JS turn (the
///   time between two passes through the event loop) used more than
///   cpuLimitMs of CPU. Waiting (timers, I/O, an idle loop) costs nothing, and
///   interleaved requests run in short turns, so only a synchronous spin or an
///   endless microtask chain is stopped (see CpuWatchdog for why per turn).
///   Time blocked in ModuleProvider::fetchModule or a binding does not count.
/// - Memory: when the isolate's live memory (V8 heap + ArrayBuffers) exceeds
///   memoryLimitMb, the environment is stopped the same way (see HeapLimit);
///   V8 never aborts the process.
/// Like workerd, which condemns the isolate, every request in flight in the
/// stopped environment then fails with "Worker exceeded its CPU time limit
/// (N ms)" or "Worker exceeded its memory limit (N MB)" (a spin cannot be
/// cut out of one request alone: V8 drops every pending microtask when it
/// terminates), onEnvironmentLost is told, and the worker continues with a
/// FRESH Node environment and isolate (Node's async-hooks state is not safe to
/// reuse after termination): the module cache, pinned modules included,
/// starts empty again. Requests queued meanwhile are served by the new
/// environment.
class WorkerIsolate {
public:
    /// `provider` must outlive the isolate. Nothing runs before start().
    WorkerIsolate(ModuleProvider &provider, WorkerOptions options);
    /// Stops the worker (see stop()).
    ~WorkerIsolate();
    WorkerIsolate(const WorkerIsolate &) = delete;
    WorkerIsolate &operator=(const WorkerIsolate &) = delete;

    /// Starts the thread and creates the environment; blocks until it is ready.
    /// Throws std::runtime_error if Node cannot create the environment.
    /// The entry module is imported lazily, by the first request. The first
    /// WorkerIsolate started after prepareEnvironmentAhead() takes that
    /// environment (and its thread) instead of making one.
    void start();

    /// Makes workers' Node environments (~130-300 ms each: Node compiles its
    /// internal modules without a code cache), each on a thread of its own,
    /// now, until `count` wait for the next WorkerIsolates to start (oldest
    /// first): `serve` calls it before it reads vite.config, so the two
    /// overlap, and `test --watch` between runs, so a rerun's isolates start
    /// at once. Nothing of the app is needed for it (the bootstrap that reads
    /// the options runs at start()). Returns at once; one never taken ends
    /// with the process unless discardEnvironmentsAhead() ends it first.
    static void prepareEnvironmentAhead(size_t count = 1);
    /// Destroys the environments made ahead that no WorkerIsolate took, waiting
    /// for one still being made, and joins their threads: main() calls it before
    /// it returns, so no Node environment is being made while the process's
    /// statics are destroyed (a `test --watch` ended right after a run aborted).
    static void discardEnvironmentsAhead();
    /// How many environments made ahead wait for their WorkerIsolate.
    static size_t environmentsAheadWaiting();
    /// Stops the environment and joins the thread. Requests in flight or queued
    /// fail with "Worker stopped". Idempotent; start() may not be called again.
    void stop();

    /// Thread-safe. Imports the entry (cached), builds a Request from `request`
    /// with URL `baseUrl + request.target` (baseUrl e.g. "http://127.0.0.1:5173"),
    /// calls entry.default.fetch(request, env, ctx) and streams the Response to
    /// `out` (writeHead, writeChunk per produced chunk, end) from the isolate
    /// thread. An exception or rejection calls out->fail(message + stack).
    void dispatchFetch(HttpRequest request, std::string baseUrl,
                       std::shared_ptr<ResponseWriter> out);

    /// Thread-safe. Imports the entry module (and so its whole static graph)
    /// without running a fetch handler, ahead of the first request (the role
    /// of Vite's server.warmup, but evaluating, as a runner would on its first
    /// import). `done` gets end() when the import settled, or fail(message).
    /// Queued like a request: requests dispatched later run after it.
    void preloadEntry(std::shared_ptr<ResponseWriter> done);

    /// Thread-safe; blocks until done. A fresh realm in the current
    /// environment: a new V8 context (Node's vm.createContext) holding this
    /// environment's Web APIs (shared objects: Request, Response, streams,
    /// timers, crypto), its own built-ins, module registry, `env`, bindings
    /// and timers (cleared by destroyRealm). Much cheaper than a new isolate
    /// (a context costs ~0.5 ms, an environment ~50 ms); the price is that Web
    /// API objects come from the host realm (Vitest's vmThreads trade-off).
    /// Returns the realm id (> 0), or 0 with `error`. A CPU-limit kill or
    /// stop() ends every realm; requests to an ended realm fail.
    int createRealm(RealmOptions options, std::string *error = nullptr);
    /// Like dispatchFetch(), inside realm `realm` (0: the main realm): its
    /// control entry when WorkerOptions::controlEntryId is set, else the entry.
    void dispatchFetch(int realm, HttpRequest request, std::string baseUrl,
                       std::shared_ptr<ResponseWriter> out);
    /// Thread-safe. Drops realm `realm`: its module instances and pending
    /// timers; requests queued after it fail. Unknown ids are ignored.
    void destroyRealm(int realm);

    /// Thread-safe; blocks. Bytes of the isolate's V8 heap in use
    /// (v8::HeapStatistics::used_heap_size). With `collectGarbageFirst` a
    /// full GC runs first (tens of ms: for diagnostics and leak tests).
    /// 0 when the worker is stopped.
    size_t heapUsedBytes(bool collectGarbageFirst = false);

    /// Thread-safe. Replaces the Node environment with a fresh one whose
    /// globals follow `nodejsCompat` (WorkerOptions::nodejsCompat), as wrangler
    /// restarts workerd when its config changed: requests in flight fail with
    /// "Worker restarted: <reason>", onEnvironmentLost is told, every module
    /// (pinned ones too) is evaluated anew. No-op while no environment runs.
    void restart(const std::string &reason, bool nodejsCompat);
    /// Thread-safe. The `env` (WorkerOptions::envJson) of the environments
    /// created from now on: restart() to apply it (wrangler restarts its
    /// worker when .dev.vars changes).
    void setEnvJson(std::string envJson);
    /// The `env` JSON of the current (or next) environment.
    std::string envJson() const;

    /// Thread-safe snapshot of the runner's evaluated-module cache.
    std::vector<EvaluatedModule> evaluatedModules() const;
    /// Thread-safe. Drops `ids` and every cached module that transitively imports
    /// them; others keep their record and state. Takes effect for imports that
    /// start after the call. Returns the dropped ids (sorted).
    std::vector<std::string> invalidate(const std::vector<std::string> &ids);
    /// Thread-safe. Drops every cached module but the pinned ones; returns the
    /// dropped ids.
    std::vector<std::string> clearCache();

    /// Milliseconds the last environment creation took (isolate + Node
    /// environment + bootstrap), measured on the isolate thread.
    double startupMs() const;
    /// How many environments were created (1 + restarts after limit kills).
    int environmentGeneration() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace sy
