#include "testing/testRunner.h"
#include "core/startupTrace.h"

#include "dev/assetsBinding.h"

#include "dev/devSession.h"
#include "env/envFiles.h"
#include "env/environment.h"
#include "graph/moduleGraph.h"
#include "js/jsPlatform.h"
#include "js/workerIsolate.h"
#include "storage/isolateStorage.h"
#include "testing/moduleRecorder.h"
#include "testing/nodeHandlerHost.h"
#include "testing/snapshotHost.h"
#include "testing/testEvents.h"
#include "testing/testStorageHost.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace sy {

using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

/// The control request's answer: NDJSON lines as the isolate streams them.
class EventStream : public ResponseWriter {
public:
    std::function<void(const nlohmann::json &)> onEvent;

    void writeHead(int status, std::vector<HttpHeader>) override { m_status = status; }
    void writeChunk(std::string_view bytes) override
    {
        m_buffer.append(bytes);
        size_t start = 0;
        for (size_t nl; (nl = m_buffer.find('\n', start)) != std::string::npos; start = nl + 1) {
            const std::string_view line(m_buffer.data() + start, nl - start);
            if (line.empty())
                continue;
            nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
            if (!event.is_discarded() && onEvent)
                onEvent(event);
        }
        m_buffer.erase(0, start);
    }
    void end() override { finish({}); }
    void fail(std::string_view message) override { finish(std::string(message)); }

    /// Waits until end/fail or `timeout`; false on timeout. `error` gets fail's message.
    bool wait(std::chrono::milliseconds timeout, std::string &error)
    {
        std::unique_lock lock(m_mutex);
        if (!m_cv.wait_for(lock, timeout, [&] { return m_done; }))
            return false;
        error = m_error;
        return true;
    }
    int status() const { return m_status; }

private:
    void finish(std::string error)
    {
        std::lock_guard lock(m_mutex);
        if (m_done)
            return;
        m_done = true;
        m_error = std::move(error);
        m_cv.notify_all();
    }
    std::string m_buffer;
    int m_status = 0;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_done = false;
    std::string m_error;
};

/// The source map of the worker module `id` as the isolate evaluated it (inline
/// snapshots map their call site back to the test file with it).
std::string transformSourceMap(Environment &worker, const std::string &id)
{
    std::string map;
    worker.withGraph([&](ModuleGraph &graph) {
        if (const ModuleNode *node = graph.moduleById(id); node && node->transformResult)
            map = node->transformResult->map;
    });
    return map;
}

/// What a pooled host isolate is made from (TestRunner::Impl::startHost): a host kept warm
/// serves a later run only when this is unchanged. Each file's realm brings its own env,
/// bindings and globals, so those are not part of it.
std::string hostKey(const WorkerOptions &o)
{
    nlohmann::json key = {o.entryId,      o.controlEntryId, o.cpuLimitMs,       o.memoryLimitMb,
                          o.nodejsCompat, o.pinnedModules,  o.evaluatedTogether};
    return key.dump();
}

} // namespace

struct TestRunner::Impl {
    DevSession &session;
    TestRunOptions options;
    std::vector<TestFileResult> results;
    std::mutex listenerMutex; // serializes listener calls and result updates
    TestRunListener *listener = nullptr;
    std::atomic<bool> cancelled{false};
    std::atomic<bool> aborted{false}; // cancelled as Vitest's bail: unfinished tests skipped
    std::mutex isolatesMutex;
    std::vector<WorkerIsolate *> running;
    std::shared_ptr<const SnapshotFiles> snapshotFiles; ///< the app's, for every file's host

    Impl(DevSession &s, TestRunOptions o)
        : session(s), options(std::move(o)),
          snapshotFiles(std::make_shared<SnapshotFiles>(s.project().root, s.client().filePolicy()))
    {
    }

    /// A pool "contexts" host: one long-lived isolate per runner thread, a fresh realm per file.
    /// The recorder is declared first: it outlives the isolate that calls it.
    struct PooledHost {
        std::unique_ptr<ModuleRecorder> recorder;
        std::unique_ptr<WorkerIsolate> isolate;
        std::string key; ///< hostKey() of the options it was started with
    };
    std::mutex prestartMutex;
    std::vector<std::future<PooledHost>> prestarted; ///< started by prestart(), not yet taken
    std::vector<PooledHost> warm;   ///< kept from the last run (keepIsolatesWarm), not yet taken
    std::vector<PooledHost> parked; ///< left up for the process's exit (processExitsAfterRun)

    ~Impl()
    {
        for (std::future<PooledHost> &host : prestarted)
            if (host.valid())
                try {
                    host.get(); // stopped as it goes
                } catch (...) {
                }
    }

    int workerCount(size_t files) const;
    /// What every file's isolate shares: the entries, limits, vars (.dev.vars is read here) and
    /// modules to keep.
    WorkerOptions baseIsolateOptions() const;
    /// The realm-less part of a file's isolate, started: what a pooled host runs. `recorder`
    /// must outlive it. Throws std::runtime_error when it cannot start.
    static std::unique_ptr<WorkerIsolate> startHost(ModuleRecorder &recorder,
                                                    WorkerOptions options);
    /// A host for a runner thread whose isolate options are `key`: one kept warm, else a
    /// prestarted one, else an empty one (none left, or its start failed).
    PooledHost takeHost(const std::string &key);
    /// The end of a runner thread's run: keeps `host` for the next run (keepIsolatesWarm, see
    /// there for when) or stops it.
    void releaseHost(PooledHost host);

    /// One file, its isolate made from `base` (baseIsolateOptions(), read once per run).
    /// `hostWaitMs`: how long the thread waited for the prestarted or warm host it runs the file
    /// in, before this call (its first file only).
    void runFile(int index, const TestJob &job, const WorkerOptions &base,
                 std::unique_ptr<WorkerIsolate> *pooled, ModuleRecorder *pooledRecorder,
                 double hostWaitMs = 0);
    std::string attachStorage(TestFileResult &result, WorkerOptions &isolateOptions);
    /// A realm per auxiliary worker (miniflare.workers) in `isolate`, beside the file's,
    /// with the file's storage and hosts. Throws std::runtime_error naming the worker.
    std::vector<int> startAuxiliaryWorkers(WorkerIsolate &isolate,
                                           const WorkerOptions &fileOptions) const;
};

int TestRunner::Impl::workerCount(size_t files) const
{
    const int workers = options.maxWorkers > 0
                            ? options.maxWorkers
                            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return std::max(1, std::min<int>(workers, static_cast<int>(files)));
}

WorkerOptions TestRunner::Impl::baseIsolateOptions() const
{
    const ProjectConfig &project = session.project();
    WorkerOptions isolateOptions;
    isolateOptions.entryId = project.workerEntry;
    isolateOptions.controlEntryId = kTestEntryId;
    isolateOptions.workerName = project.name;
    // A synchronous turn longer than the default test timeout is a hang: the
    // watchdog terminates the isolate (Vitest cannot stop those at all).
    isolateOptions.makeBuiltinRunCaches = true; // its files end: what they ran is cached
    isolateOptions.cpuLimitMs =
        static_cast<uint32_t>(std::max(options.config.testTimeoutMs, 100.0));
    isolateOptions.memoryLimitMb = options.config.memoryLimitMb;
    isolateOptions.nodejsCompat = project.nodeCompat.globals();
    isolateOptions.workerBindingsJson = workerBindingsJson(project.workerBindings);
    nlohmann::json list = nlohmann::json::parse(isolateOptions.workerBindingsJson);
    if (project.assets.declared) // SELF goes through the asset router first (assetsBinding.h)
        list.push_back({{"kind", "assets-router"}, {"name", ""}, {"hasWorker", project.hasMain}});
    // The pool's package, which its messages name (workerRpc.js: ctx.exports' warning).
    list.push_back({{"kind", "pool"},
                    {"name", ""},
                    {"package", project.pool.packageName},
                    {"generation", project.pool.generation}});
    isolateOptions.workerBindingsJson = list.dump();
    // wrangler vars with .dev.vars (or .env) over them, as in `serve`.
    isolateOptions.envJson =
        loadDevVars(project.root, project.varsJson, project.cloudflareEnv, processEnvironment())
            .json;
    if (const std::string state = session.worker().stateModuleId(); !state.empty())
        isolateOptions.pinnedModules = {state};
    isolateOptions.evaluatedTogether = {session.worker().optimizer().config().cacheDir};
    return isolateOptions;
}

std::unique_ptr<WorkerIsolate> TestRunner::Impl::startHost(ModuleRecorder &recorder,
                                                           WorkerOptions options)
{
    startupTrace::Scope trace("pooled host isolate started");
    auto isolate = std::make_unique<WorkerIsolate>(recorder, std::move(options));
    isolate->start(); // throws when the isolate cannot start
    return isolate;
}

TestRunner::Impl::PooledHost TestRunner::Impl::takeHost(const std::string &key)
{
    std::future<PooledHost> future;
    {
        std::lock_guard lock(prestartMutex);
        while (!warm.empty()) {
            PooledHost host = std::move(warm.back());
            warm.pop_back();
            if (host.key == key)
                return host;
            // Made for other options (a config reload changed them): stopped as it goes.
        }
        if (prestarted.empty())
            return {};
        future = std::move(prestarted.back());
        prestarted.pop_back();
    }
    try {
        PooledHost host = future.get();
        if (host.key != key)
            return {};
        return host;
    } catch (const std::exception &) {
        return {}; // runFile starts one and reports why it cannot
    }
}

void TestRunner::Impl::releaseHost(PooledHost host)
{
    if (!host.isolate)
        return;
    {
        std::lock_guard lock(isolatesMutex);
        std::erase(running, host.isolate.get());
    }
    const size_t heapLimit = size_t(options.config.memoryLimitMb) * 1024 * 1024;
    // heapUsedBytes() is 0 once the isolate stopped (a cancel stops the running ones).
    const size_t heap = options.keepIsolatesWarm && !cancelled ? host.isolate->heapUsedBytes() : 0;
    if (heap > 0 && (heapLimit == 0 || heap < heapLimit / 2)) {
        host.recorder->take(); // the last file's modules are in its result already
        std::lock_guard lock(prestartMutex);
        warm.push_back(std::move(host));
        return;
    }
    if (options.processExitsAfterRun && !cancelled) {
        std::lock_guard lock(prestartMutex);
        parked.push_back(std::move(host));
        return;
    }
    host.isolate->stop();
}

// The file's own storage: fresh in-memory KV and D1 for the app's bindings,
// with the D1 migrations applied (as `wrangler d1 migrations apply --local`
// would have done to a new local database). Returns an error message, or
// empty.
std::vector<int> TestRunner::Impl::startAuxiliaryWorkers(WorkerIsolate &isolate,
                                                         const WorkerOptions &fileOptions) const
{
    std::vector<int> ids;
    for (const AuxiliaryWorker &worker : session.project().auxiliaryWorkers) {
        RealmOptions realmOptions;
        realmOptions.entryId = worker.entryPath;
        realmOptions.workerName = worker.name;
        realmOptions.envJson = worker.varsJson;
        realmOptions.bindings = worker.storage;
        realmOptions.bindingHost = fileOptions.bindingHost;
        realmOptions.workerBindingsJson = workerBindingsJson(worker.bindings);
        std::string error;
        const int id = isolate.createRealm(realmOptions, &error);
        if (id == 0) {
            for (int started : ids) // a pooled host keeps running: leave it as it was
                isolate.destroyRealm(started);
            throw std::runtime_error("auxiliary worker \"" + worker.name + "\": " + error);
        }
        ids.push_back(id);
    }
    return ids;
}

std::string TestRunner::Impl::attachStorage(TestFileResult &result, WorkerOptions &isolateOptions)
{
    const ProjectConfig &project = session.project();
    // The auxiliary workers' storage lives beside the worker's: a namespace both
    // declare (by id) is one, as in miniflare.
    std::vector<BindingDescriptor> all = project.bindings;
    for (const AuxiliaryWorker &worker : project.auxiliaryWorkers)
        for (const BindingDescriptor &b : worker.storage)
            if (std::none_of(all.begin(), all.end(),
                             [&](const BindingDescriptor &known) { return known.name == b.name; }))
                all.push_back(b);
    if (all.empty()) {
        // env.ASSETS (wrangler assets.binding) needs no storage.
        addAssetsBinding(project, session.client().filePolicy(), isolateOptions.bindings,
                         isolateOptions.bindingHost);
        return {};
    }
    std::string error;
    std::shared_ptr<IsolateStorage> storage = IsolateStorage::createInMemory(all, &error);
    if (!storage)
        return "could not create the file's storage: " + error;
    for (const BindingDescriptor &b : all) {
        if (b.kind != BindingKind::D1 || b.migrationsDir.empty())
            continue;
        std::vector<std::string> applied;
        if (!storage->applyD1Migrations(b.name, &applied, &error))
            return "D1 " + b.name + ": migration failed: " + error;
    }
    result.storage = storage;
    isolateOptions.bindings = project.bindings;
    isolateOptions.bindingHost = std::make_shared<TestStorageHost>(storage);
    addAssetsBinding(project, session.client().filePolicy(), isolateOptions.bindings,
                     isolateOptions.bindingHost);
    isolateOptions.storageControl = options.config.storageIsolation == "per-test";
    return {};
}

TestRunner::TestRunner(DevSession &session, TestRunOptions options)
    : d(std::make_unique<Impl>(session, std::move(options)))
{
    installTestModules(session);
}

TestRunner::~TestRunner() = default;

void TestRunner::prestart(size_t files)
{
    if (d->options.config.pool != "contexts" || files == 0)
        return;
    // One core runs the crawl meanwhile: the hosts get the others (on 2 cores, 1 host early and
    // 1 after the crawl beat 2 early by ~25 ms of 700 for 10 files: 3 threads on 2 cores).
    const int cores = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
    const int hosts = std::min(d->workerCount(files), cores - 1);
    WorkerOptions options = d->baseIsolateOptions(); // here: the crawl has not started
    JsPlatform::ensureInitialized(); // Node's per-process start, on this thread (it edits environ)
    std::lock_guard lock(d->prestartMutex);
    const std::string key = hostKey(options);
    const int warm = static_cast<int>(std::count_if(
        d->warm.begin(), d->warm.end(), [&](const Impl::PooledHost &h) { return h.key == key; }));
    for (int i = warm + static_cast<int>(d->prestarted.size()); i < hosts; ++i)
        d->prestarted.push_back(std::async(std::launch::async, [this, options, key] {
            Impl::PooledHost host;
            host.recorder = std::make_unique<ModuleRecorder>(d->session.worker());
            host.isolate = Impl::startHost(*host.recorder, options);
            host.key = key;
            return host;
        }));
}

const std::vector<TestFileResult> &TestRunner::results() const
{
    return d->results;
}

void TestRunner::abort()
{
    d->aborted = true;
    cancel();
}

void TestRunner::cancel()
{
    d->cancelled = true;
    std::lock_guard lock(d->isolatesMutex);
    for (WorkerIsolate *isolate : d->running)
        isolate->stop();
}

TestRunSummary TestRunner::run(const std::vector<TestJob> &jobs, TestRunListener *listener)
{
    const auto t0 = Clock::now();
    d->cancelled = false;
    d->aborted = false;
    d->listener = listener;
    d->results.assign(jobs.size(), {});
    const std::string root = d->session.project().root;
    for (size_t i = 0; i < jobs.size(); ++i) {
        d->results[i].file = jobs[i].file;
        d->results[i].relativePath = jobs[i].file.rfind(root + "/", 0) == 0
                                         ? jobs[i].file.substr(root.size() + 1)
                                         : jobs[i].file;
    }
    if (listener)
        listener->runStarted(d->results);

    const int workers = d->workerCount(jobs.size());
    const WorkerOptions base = d->baseIsolateOptions();
    const std::string key = hostKey(base);
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w)
        threads.emplace_back([&] {
            // pool "contexts": one long-lived isolate per thread, a fresh realm per file.
            const bool pooling = d->options.config.pool == "contexts";
            const auto waitT0 = Clock::now();
            Impl::PooledHost host = pooling ? d->takeHost(key) : Impl::PooledHost{};
            double hostWaitMs = host.isolate ? msSince(waitT0) : 0;
            if (!host.recorder)
                host.recorder = std::make_unique<ModuleRecorder>(d->session.worker());
            host.key = key;
            std::unique_ptr<WorkerIsolate> &pooled = host.isolate;
            if (pooled) {
                std::lock_guard lock(d->isolatesMutex);
                d->running.push_back(pooled.get());
            }
            for (size_t i; !d->cancelled && (i = next++) < jobs.size(); hostWaitMs = 0)
                d->runFile(static_cast<int>(i), jobs[i], base, pooling ? &pooled : nullptr,
                           host.recorder.get(), hostWaitMs);
            d->releaseHost(std::move(host));
        });
    for (std::thread &t : threads)
        t.join();
    if (d->options.keepIsolatesWarm && !d->cancelled && d->options.config.pool == "isolates")
        WorkerIsolate::prepareEnvironmentAhead(
            static_cast<size_t>(d->workerCount(size_t(1) << 20)));

    TestRunSummary summary;
    summary.files = static_cast<int>(jobs.size());
    for (const TestFileResult &r : d->results) {
        summary.failedFiles += r.status == TestStatus::Failed ? 1 : 0;
        summary.passed += r.count(TestStatus::Passed);
        summary.failed += r.count(TestStatus::Failed);
        summary.skipped += r.count(TestStatus::Skipped);
        summary.todo += r.count(TestStatus::Todo);
        summary.snapshots.add(r.snapshot);
    }
    summary.snapshots.didUpdate = d->options.updateSnapshot == "all";
    summary.snapshots.root = root;
    summary.wallMs = msSince(t0);
    if (listener)
        listener->runFinished(summary);
    d->listener = nullptr;
    return summary;
}

void TestRunner::Impl::runFile(int index, const TestJob &job, const WorkerOptions &base,
                               std::unique_ptr<WorkerIsolate> *pooled,
                               ModuleRecorder *pooledRecorder, double hostWaitMs)
{
    const auto t0 = Clock::now();
    {
        std::lock_guard lock(listenerMutex);
        results[index].status = TestStatus::Running;
        results[index].startedAtMs =
            static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count());
        if (listener)
            listener->fileStarted(index);
    }

    WorkerOptions isolateOptions = base;
    {
        std::lock_guard lock(listenerMutex);
        std::string storageError = attachStorage(results[index], isolateOptions);
        if (!storageError.empty())
            results[index].fileErrors.push_back(
                {"storage", {"Error", storageError, {}, {}, {}, {}}});
        if (options.configureIsolate)
            options.configureIsolate(results[index], isolateOptions);
        // The pool's Node-side handlers (service bindings given as functions,
        // outboundService): run in the tool host that read the config.
        const ProjectConfig &project = session.project();
        auto hasNodeHandler = [](const std::vector<WorkerBinding> &bindings) {
            return std::any_of(bindings.begin(), bindings.end(),
                               [](const WorkerBinding &b) { return b.nodeHandler > 0; });
        };
        if (hasNodeHandler(project.workerBindings) ||
            std::any_of(project.auxiliaryWorkers.begin(), project.auxiliaryWorkers.end(),
                        [&](const AuxiliaryWorker &w) { return hasNodeHandler(w.bindings); }))
            isolateOptions.bindingHost = std::make_shared<NodeHandlerHost>(
                project.toolsJsDir, std::move(isolateOptions.bindingHost));
        // Snapshot files, only inside the app (snapshotHost.h).
        isolateOptions.bindingHost = std::make_shared<SnapshotHost>(
            snapshotFiles,
            [&env = session.worker()](const std::string &id) {
                return transformSourceMap(env, id);
            },
            std::move(isolateOptions.bindingHost));
        isolateOptions.snapshotControl = true;
    }

    TestEventApplier applier(results[index]);
    auto finishFile = [&](const std::string &isolateError) {
        std::lock_guard lock(listenerMutex);
        TestFileResult &r = results[index];
        if (aborted && cancelled)
            applier.aborted();
        else if (!isolateError.empty())
            applier.isolateFailed(isolateError);
        applier.finish();
        r.wallMs = msSince(t0);
        startupTrace::mark("test file " + std::to_string(index) + " finished", r.wallMs);
        if (listener)
            listener->fileFinished(index, r);
    };

    // The file's isolate: its own (pool "isolates"), or the thread's pooled
    // one with a fresh realm for this file (pool "contexts").
    ModuleRecorder ownRecorder(session.worker()); // outlives `own`
    std::unique_ptr<WorkerIsolate> own;
    WorkerIsolate *isolate = nullptr;
    int realm = 0;
    std::vector<int> auxiliaryRealms; // the file's auxiliary workers (pool "contexts": to drop)
    auto startT0 = Clock::now();
    double hostStartMs = hostWaitMs;
    try {
        if (!pooled) {
            own = std::make_unique<WorkerIsolate>(ownRecorder, isolateOptions);
            own->start();
            isolate = own.get();
        } else {
            if (!*pooled) {
                // The realm-less host: no bindings of its own (each file's realm has them).
                *pooled = startHost(*pooledRecorder, base);
                {
                    std::lock_guard lock(isolatesMutex);
                    running.push_back(pooled->get());
                }
                hostStartMs += msSince(startT0);
                startT0 = Clock::now(); // the file's own start is its realm's
            }
            isolate = pooled->get();
            pooledRecorder->take(); // what the host realm or the last file loaded
            RealmOptions realmOptions;
            realmOptions.envJson = isolateOptions.envJson;
            realmOptions.globalsJson = isolateOptions.globalsJson;
            realmOptions.bindings = isolateOptions.bindings;
            realmOptions.bindingHost = isolateOptions.bindingHost;
            realmOptions.storageControl = isolateOptions.storageControl;
            realmOptions.snapshotControl = isolateOptions.snapshotControl;
            realmOptions.workerBindingsJson = isolateOptions.workerBindingsJson;
            std::string error;
            realm = isolate->createRealm(realmOptions, &error);
            if (realm == 0)
                throw std::runtime_error(error);
        }
        auxiliaryRealms = startAuxiliaryWorkers(*isolate, isolateOptions);
    } catch (const std::exception &e) {
        if (pooled && isolate && realm != 0)
            isolate->destroyRealm(realm); // the host serves the next file
        finishFile(std::string("could not start the isolate: ") + e.what());
        return;
    }
    {
        std::lock_guard lock(listenerMutex);
        results[index].isolateStartMs = msSince(startT0);
        results[index].hostStartMs = hostStartMs;
    }
    if (own) {
        std::lock_guard lock(isolatesMutex);
        running.push_back(own.get());
    }
    if (cancelled)
        isolate->stop();

    auto stream = std::make_shared<EventStream>();
    std::atomic<int64_t> lastEventMs{0};
    const auto requestT0 = Clock::now();
    stream->onEvent = [&](const nlohmann::json &event) {
        lastEventMs = static_cast<int64_t>(msSince(requestT0));
        std::lock_guard lock(listenerMutex);
        const TestEventApplier::Effect effect = applier.apply(event, msSince(requestT0));
        if (!listener)
            return;
        switch (effect.kind) {
        case TestEventApplier::Effect::Collected:
            listener->fileCollected(index, results[index]);
            break;
        case TestEventApplier::Effect::TestStarted:
            listener->testStarted(index, *effect.test);
            break;
        case TestEventApplier::Effect::TestFinished:
            listener->testFinished(index, *effect.test);
            break;
        case TestEventApplier::Effect::Console:
            listener->consoleLine(index, results[index].console.back());
            break;
        case TestEventApplier::Effect::None:
            break;
        }
    };

    nlohmann::json request = {
        {"file", job.file},
        {"testTimeoutMs", options.config.testTimeoutMs},
        {"hookTimeoutMs", options.config.hookTimeoutMs},
        {"testNamePattern", options.testNamePattern},
        {"onlyTestIds", job.onlyTestIds},
        {"storageIsolation", options.config.storageIsolation},
        {"updateSnapshot", options.updateSnapshot},
        {"setupFiles", options.config.setupFiles},
        {"provided", nlohmann::json::parse(options.config.providedJson, nullptr, false)},
    };
    HttpRequest control;
    control.method = "POST";
    control.target = "/__switchyard/test-run";
    control.headers = {{"content-type", "application/json"}};
    control.body = request.dump();
    isolate->dispatchFetch(realm, std::move(control), "http://localhost", stream);

    // The harness enforces test and hook timeouts and the watchdog stops
    // synchronous spins; this only catches a harness that stopped reporting.
    const auto quiet = std::chrono::milliseconds(static_cast<int64_t>(
        std::max(options.config.testTimeoutMs, options.config.hookTimeoutMs) + 10000));
    std::string streamError;
    for (;;) {
        if (stream->wait(std::chrono::milliseconds(200), streamError))
            break;
        if (msSince(requestT0) - static_cast<double>(lastEventMs.load()) > quiet.count()) {
            streamError = "no progress for " + std::to_string(quiet.count()) +
                          " ms: the isolate was terminated";
            isolate->stop();
            std::string stopped;
            stream->wait(std::chrono::milliseconds(5000), stopped);
            if (pooled) { // a stopped pooled isolate is replaced for the next file
                std::lock_guard lock(isolatesMutex);
                std::erase(running, isolate);
                pooled->reset();
                isolate = nullptr;
            }
            break;
        }
    }
    if (own) {
        {
            std::lock_guard lock(isolatesMutex);
            std::erase(running, own.get());
        }
        own->stop();
    } else if (isolate) {
        for (int id : auxiliaryRealms)
            isolate->destroyRealm(id);
        isolate->destroyRealm(realm);
    }
    if (cancelled)
        streamError = "the run was stopped before this file finished";
    {
        std::lock_guard lock(listenerMutex);
        results[index].modules = own ? ownRecorder.take() : pooledRecorder->take();
    }
    finishFile(streamError);
}

} // namespace sy
