#include "dev/devServer.h"

#include "core/jsonText.h"
#include "core/startupTrace.h"
#include "core/utf8.h"
#include "dev/assetsBinding.h"
#include "dev/devSession.h"
#include "dev/discardedResponse.h"
#include "dev/fileWatcher.h"
#include "dev/hotUpdater.h"
#include "dev/pendingClientRun.h"
#include "dev/requestGate.h"
#include "dev/requestRouter.h"
#include "dev/servedModuleError.h"
#include "dev/trackedResponse.h"
#include "dev/workerRequestPacer.h"
#include "env/cssRequest.h"
#include "env/envFiles.h"
#include "env/moduleQuery.h"
#include "env/stylesheetStore.h"
#include "env/viteClientModule.h"
#include "hmr/codeFrame.h"
#include "hmr/hmrPayload.h"
#include "js/transformService.h"
#include "js/workerIsolate.h"
#include "optimizer/optimizerRunJson.h"
#include "server/filePolicy.h"
#include "server/hostCheck.h"
#include "server/staticFiles.h"
#include "storage/isolateStorage.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

namespace sy {

namespace fs = std::filesystem;

namespace {

/// 72 random bits, base64url (12 characters), as Vite's webSocketToken.
std::string randomHmrToken()
{
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::random_device random;
    std::string token;
    for (int i = 0; i < 12; ++i)
        token += kAlphabet[random() % 64];
    return token;
}

// The dev server's storage: persisted in <app>/.switchyard/storage, pending
// D1 migrations applied (wrangler d1 migrations apply --local, done for the
// user). When the files cannot be opened the app still runs, on in-memory
// storage, and the problem is journaled. `events` gets what happened.
std::shared_ptr<IsolateStorage> openDevStorage(const ProjectConfig &project,
                                               std::vector<JournalEvent> &events)
{
    if (project.bindings.empty())
        return nullptr;
    auto event = [&](const char *kind, std::string summary, nlohmann::json data) {
        std::fprintf(stderr, "[storage] %s\n", summary.c_str());
        JournalEvent e;
        e.kind = kind;
        e.environment = "worker";
        e.summary = std::move(summary);
        e.dataJson = dumpJson(data);
        events.push_back(std::move(e));
    };
    std::string error;
    auto storage = IsolateStorage::openDirectory(project.storageDir(), project.bindings, &error);
    if (!storage) {
        event("error", "storage: " + error + " (using in-memory storage for this session)",
              {{"message", error}});
        storage = IsolateStorage::createInMemory(project.bindings, &error);
        if (!storage)
            return nullptr;
    }
    for (const BindingDescriptor &b : project.bindings) {
        if (b.kind != BindingKind::D1)
            continue;
        std::vector<std::string> applied;
        if (!storage->applyD1Migrations(b.name, &applied, &error))
            event("error", "D1 " + b.name + ": migration failed: " + error,
                  {{"message", error}, {"binding", b.name}, {"applied", applied}});
        else if (!applied.empty())
            event("storage",
                  "D1 " + b.name + ": applied " + std::to_string(applied.size()) +
                      " migration(s) from " + b.migrationsDir,
                  {{"binding", b.name}, {"applied", applied}, {"dir", b.migrationsDir}});
    }
    return storage;
}

// The sink of an entry preload: marks its end in the startup trace.
class TracedPreload : public DiscardedResponse {
public:
    void end() override { startupTrace::mark("worker entry preloaded"); }
    void fail(std::string_view) override { startupTrace::mark("worker entry preload failed"); }
};

// A read the file policy refused (400/403), for the journal: kind "security".
JournalEvent refusalEvent(const HttpRequest &request, int status, std::string reason)
{
    while (!reason.empty() && reason.back() == '\n')
        reason.pop_back();
    const std::string target = printablePath(request.target);
    JournalEvent e;
    e.kind = "security";
    e.environment = "client";
    e.summary = "refused " + printablePath(request.method) + " " + target + " (" +
                std::to_string(status) + "): " + reason;
    e.dataJson = dumpJson(nlohmann::json{{"method", printablePath(request.method)},
                                         {"target", target},
                                         {"status", status},
                                         {"reason", reason}});
    return e;
}

} // namespace

struct DevServer::Impl {
    DevSession &session;
    DevServerConfig config;
    StaticFiles publicFiles;
    std::unique_ptr<WorkerIsolate> worker;
    std::shared_ptr<IsolateStorage> storage;
    std::unique_ptr<DevHttpServer> http;
    std::vector<OptimizerRun> prepareRuns; ///< the ssr and worker runs of the start
    RequestGate gate;
    /// Worker requests start one at a time while the isolate is busy with another.
    WorkerRequestPacer pacer;
    /// The client's first optimizer run; client requests wait for it. Made after
    /// the members its continuations use, so destroyed (joined) before them.
    std::unique_ptr<PendingClientRun> clientRun;
    std::atomic<bool> stopping{false}; ///< stop() began: no late lookup invalidation
    std::unique_ptr<HotUpdater> updater;
    std::unique_ptr<FileWatcher> watcher;
    const std::string hmrToken = randomHmrToken();

    Impl(DevSession &s, DevServerConfig c)
        : session(s), config(std::move(c)),
          publicFiles({fs::path(s.project().root) / "public"}, s.client().filePolicy())
    {
    }
};

DevServer::DevServer(DevSession &session, DevServerConfig config)
    : d(std::make_unique<Impl>(session, std::move(config)))
{
}

DevServer::~DevServer()
{
    stop();
}

bool DevServer::start(std::string *error)
{
    const ProjectConfig &project = d->session.project();
    d->session.client().filePolicy()->setMaxFileBytes(d->config.maxFileBytes);
    // React Fast Refresh's Babel isolate builds while the worker starts and the deps load.
    d->session.transforms().warmUpReactRefresh();
    WorkerOptions options;
    options.entryId = project.workerEntry;
    options.cpuLimitMs = d->config.cpuLimitMs;
    options.memoryLimitMb = d->config.memoryLimitMb;
    // A limit condemned the isolate (a spin, an allocation without end): the
    // next request gets a fresh one, and the state module a new identity.
    options.onEnvironmentLost = [this](const std::string &reason, size_t failed,
                                       const std::vector<std::string> &dropped) {
        std::fprintf(stderr, "[worker] %s: the isolate was recreated (%zu requests failed)\n",
                     reason.c_str(), failed);
        JournalEvent e;
        e.kind = "runner-cache-clear";
        e.environment = "worker";
        e.summary = reason + ": worker isolate recreated, " + std::to_string(failed) +
                    " request(s) failed, every module dropped (the state module too)";
        e.dataJson = dumpJson(nlohmann::json{{"isolate", "worker"},
                                             {"reason", reason},
                                             {"environmentRecreated", true},
                                             {"failedRequests", failed},
                                             {"dropped", dropped}});
        recordEvent(std::move(e));
    };
    options.nodejsCompat = project.nodeCompat.globals();
    options.workerBindingsJson = workerBindingsJson(project.workerBindings);
    // wrangler's getVarsForDev: .dev.vars (or .env) over wrangler vars.
    const DevVars vars =
        loadDevVars(project.root, project.varsJson, project.cloudflareEnv, processEnvironment());
    options.envJson = vars.json;
    for (const std::string &file : vars.files)
        std::fprintf(stderr, "[env] using vars defined in %s\n",
                     d->session.client().normalizedPath(file).c_str());
    // The state module is evaluated once per isolate (RedwoodSDK's rwsdk/__state).
    if (const std::string state = d->session.worker().stateModuleId(); !state.empty())
        options.pinnedModules = {state};
    // The worker's pre-bundles (React and its renderer) are evaluated together.
    options.evaluatedTogether = {d->session.worker().optimizer().config().cacheDir};
    // The HMR client has the socket's token written in, as Vite 6.0.9+ bakes __WS_TOKEN__ into
    // /@vite/client: only pages of this origin can read the module (no CORS).
    ViteClientConfig client;
    client.token = d->hmrToken;
    client.hmrPath = d->config.http.hmrPath;
    client.serverUpdateEvent = project.framework.rscUpdateEvent;
    client.preBundleUrlPrefix =
        d->session.client().normalizedPath(d->session.client().optimizer().config().cacheDir);
    addViteClientModule(d->session.client(), client);
    std::vector<JournalEvent> storageEvents;
    d->storage = openDevStorage(project, storageEvents);
    options.bindings = project.bindings;
    options.bindingHost = d->storage;
    // env.ASSETS (wrangler assets.binding) reads through the server's one file policy.
    addAssetsBinding(project, d->session.client().filePolicy(), options.bindings,
                     options.bindingHost);
    // The isolate tells the pacer when its requests all wait (the next one may start).
    options.onIdleChange = [this](bool idle) { d->pacer.isolateIdle(idle); };
    d->worker = std::make_unique<WorkerIsolate>(d->session.worker(), options);
    // The worker isolate starts on its own thread at once (a Node
    // environment costs ~130 ms) while this thread loads the deps caches and
    // crawls. With every cache warm, the isolate imports the entry during the
    // crawl; if the crawl then commits a new optimizer run anyway, the
    // preloaded modules are dropped below.
    std::promise<bool> warmPromise;
    std::future<bool> warmFuture = warmPromise.get_future();
    std::string workerError;
    std::thread workerStart([&] {
        try {
            {
                startupTrace::Scope trace("worker isolate started");
                d->worker->start();
            }
            if (warmFuture.get())
                d->worker->preloadEntry(std::make_shared<TracedPreload>());
        } catch (const std::exception &e) {
            workerError = e.what();
        }
    });
    // The CSS tools (a Node environment, PostCSS, Tailwind) load meanwhile.
    d->session.client().stylesheetStore()->preloadIfUsed();
    startupTrace::mark("stylesheet tools preload asked");
    const bool warm = d->session.loadCaches();
    startupTrace::mark(warm ? "caches loaded (warm)" : "caches loaded (cold)");
    warmPromise.set_value(warm);
    // The start-up crawl only looks for dependencies: client modules get their Fast Refresh
    // pass when a browser first asks for them, not before the server is ready.
    d->session.client().setDeferReactRefresh(true);
    DevSession::ServerStart prepared = d->session.prepareStart();
    d->prepareRuns = std::move(prepared.server);
    // The client's run goes on while the server listens; its requests wait for it.
    d->clientRun = std::make_unique<PendingClientRun>(
        [this, finish = std::move(prepared.finishClient)] {
            if (d->config.beforeClientRun)
                d->config.beforeClientRun();
            std::vector<OptimizerRun> runs = finish();
            d->session.client().setDeferReactRefresh(false);
            return runs;
        },
        [this](const std::vector<OptimizerRun> &runs) { clientRunFinished(runs); });
    d->clientRun->start();
    workerStart.join();
    startupTrace::mark("worker isolate thread joined");
    if (!workerError.empty()) {
        if (error)
            *error = "the worker isolate did not start: " + workerError;
        return false;
    }
    const bool committed =
        std::any_of(d->prepareRuns.begin(), d->prepareRuns.end(), [](const OptimizerRun &run) {
            return run.outcome == OptimizerOutcome::Committed;
        });
    if (committed)
        d->worker->clearCache();
    else if (!warm)
        d->worker->preloadEntry(std::make_shared<TracedPreload>());
    startupTrace::mark("worker entry preload asked");
    for (JournalEvent &e : storageEvents)
        recordEvent(std::move(e));
    for (const OptimizerRun &run : d->prepareRuns)
        recordStartRun(run);

    HotUpdater::Hooks hooks;
    hooks.broadcastHmr = [this](const std::string &json) {
        if (d->http)
            d->http->broadcastHmr(json);
    };
    hooks.record = [this](JournalEvent e) { recordEvent(std::move(e)); };
    d->updater = std::make_unique<HotUpdater>(d->session, *d->worker, d->gate, std::move(hooks));
    d->updater->setRscUpdateEvent(project.framework.rscUpdateEvent);
    for (EnvironmentKind kind :
         {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker}) {
        d->session.environment(kind).onMissingDependency =
            [this, kind](const std::string &specifier, const std::string &entry) {
                d->updater->dependencyMissing(kind, specifier, entry);
            };
    }
    if (d->config.watch) {
        d->watcher = std::make_unique<FileWatcher>(QString::fromStdString(project.root));
        // Direct: a request's syncPending() closes the gate before that request is admitted.
        QObject::connect(d->watcher.get(), &FileWatcher::changeNoticed, d->updater.get(),
                         &HotUpdater::changeNoticed, Qt::DirectConnection);
        if (!d->watcher->error().isEmpty())
            std::fprintf(stderr, "switchyard: warning: %s\n",
                         d->watcher->error().toLocal8Bit().constData());
        QObject::connect(d->watcher.get(), &FileWatcher::filesChanged, d->updater.get(),
                         &HotUpdater::filesChanged);
    }

    DevServerOptions http = d->config.http;
    http.hmrToken = d->hmrToken;
    d->http = std::make_unique<DevHttpServer>(
        http, [this](HttpRequest request, std::shared_ptr<ResponseWriter> out) {
            // An unexpected exception fails this one request (500, journaled); the server goes on.
            const HttpRequest copy{request.method, request.target, {}, {}};
            try {
                handle(std::move(request), out);
            } catch (const std::exception &error) {
                failUnexpected(copy, *out, error.what(), false);
            } catch (...) {
                failUnexpected(copy, *out, "unknown exception", false);
            }
        });
    // What browsers send back: import.meta.hot.invalidate() (React Fast Refresh gives up on
    // a module that is not a refresh boundary). Anything else, or bad JSON, is ignored.
    d->http->onHmrMessage = [this](const std::string &text) {
        const nlohmann::json message = nlohmann::json::parse(text, nullptr, false);
        if (!message.is_object() || message.value("type", "") != "custom" ||
            message.value("event", "") != kInvalidateEvent)
            return;
        const nlohmann::json data = message.value("data", nlohmann::json::object());
        if (!data.is_object() || !data.contains("path") || !data["path"].is_string())
            return;
        const std::string note = data.contains("message") && data["message"].is_string()
                                     ? data["message"].get<std::string>()
                                     : std::string();
        d->updater->hmrInvalidated(data["path"].get<std::string>(), note);
    };
    return d->http->start(error);
}

void DevServer::recordStartRun(const OptimizerRun &run)
{
    if (d->config.onPrepareRun)
        d->config.onPrepareRun(run);
    JournalEvent e;
    e.kind = "optimizer-run";
    e.environment = run.environment;
    e.summary = optimizerRunOutcomeLabel(run) + ": " + run.trigger;
    // A dep esbuild cannot bundle fails its importers (500 + overlay) and
    // is tried again when a file changes; the rest of the app is served.
    std::vector<JournalEvent> failures;
    for (const auto &[dep, message] : run.failedDeps) {
        e.summary += (dep == run.failedDeps.begin()->first ? " (failed: " : ", ") + dep;
        JournalEvent failure;
        failure.kind = "error";
        failure.environment = run.environment;
        failure.summary = "pre-bundling \"" + dep + "\" failed in the " + run.environment +
                          " environment: " + message;
        failure.dataJson =
            dumpJson(nlohmann::json{{"message", failure.summary}, {"dependency", dep}});
        std::fprintf(stderr, "[optimizer] %s\n", failure.summary.c_str());
        failures.push_back(std::move(failure));
    }
    if (!run.failedDeps.empty())
        e.summary += ")";
    e.dataJson = dumpJson(optimizerRunJson(run));
    recordEvent(std::move(e));
    for (JournalEvent &failure : failures)
        recordEvent(std::move(failure));
}

void DevServer::clientRunFinished(const std::vector<OptimizerRun> &runs)
{
    for (const OptimizerRun &run : runs)
        recordStartRun(run);
    // A package directive module that only the client's bundles met: the server
    // lookups list it too from now on (as if the ssr and worker runs had met it),
    // invalidated between requests like the hot updater does, once the client
    // requests that waited for the run are answered (queued after them).
    const std::set<std::string> late = d->session.lateServerPackageModules();
    if (late.empty() || d->stopping)
        return;
    d->clientRun->whenDone([this, late] { invalidateLateLookups(late); });
}

void DevServer::invalidateLateLookups(const std::set<std::string> &late)
{
    d->gate.close();
    if (!d->gate.waitDrained(10000))
        std::fprintf(stderr, "[switchyard] requests still in flight after 10 s cross a lookup "
                             "invalidation\n");
    d->session.invalidateLookups("package directive modules found by the client's optimizer");
    // rwsdk's pre-bundled runtime imports the lookups, and the worker's pre-bundles
    // are evaluated together (one React renderer): the runner starts afresh, as the
    // hot updater's does when a pre-bundle imports what changed; the pinned state
    // module stays.
    const std::vector<std::string> dropped = d->worker->clearCache();
    JournalEvent e;
    e.kind = "invalidation";
    e.summary = "use-client/use-server lookups";
    e.dataJson = dumpJson(nlohmann::json{{"cause", "the optimizer met package directive modules"},
                                         {"modules", late},
                                         {"dropped", dropped}});
    recordEvent(std::move(e));
    JournalEvent clear;
    clear.kind = "runner-cache-clear";
    clear.environment = "worker";
    clear.summary = "cleared " + std::to_string(dropped.size()) + " evaluated modules";
    clear.dataJson = dumpJson(
        nlohmann::json{{"dropped", dropped}, {"reason", "lookups list package directive modules"}});
    recordEvent(std::move(clear));
    d->gate.open(d->gate.generation());
}

void DevServer::stop()
{
    // Silenced now, destroyed once the I/O threads (syncFileChanges) stopped.
    if (d->watcher)
        QObject::disconnect(d->watcher.get(), nullptr, nullptr, nullptr);
    d->stopping = true;
    // Joined before reset(): the run's thread reaches d->clientRun when it ends
    // (unique_ptr::reset nulls the pointer before the destructor joins). Its last
    // requests are answered first.
    if (d->clientRun)
        d->clientRun->join();
    d->clientRun.reset();
    if (d->http)
        d->http->stop();
    d->watcher.reset();
    d->pacer.stop(); // what it still holds goes to the worker (and fails with it)
    if (d->worker)
        d->worker->stop();
    for (EnvironmentKind kind :
         {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker})
        d->session.environment(kind).onMissingDependency = nullptr;
}

HotUpdater &DevServer::updater()
{
    return *d->updater;
}

void DevServer::recordEvent(JournalEvent event)
{
    if (!d->config.record)
        return;
    if (event.generation == 0)
        event.generation = d->gate.generation();
    event.summary = toValidUtf8(event.summary);
    d->config.record(std::move(event));
}

std::vector<OptimizerRun> DevServer::prepareRuns() const
{
    std::vector<OptimizerRun> runs = d->prepareRuns;
    if (d->clientRun)
        for (OptimizerRun &run : d->clientRun->wait())
            runs.push_back(std::move(run));
    return runs;
}

void DevServer::waitForClientRun() const
{
    if (d->clientRun)
        d->clientRun->wait();
}

std::string DevServer::origin() const
{
    return d->http ? d->http->origin() : std::string();
}
uint16_t DevServer::port() const
{
    return d->http ? d->http->port() : 0;
}
WorkerIsolate &DevServer::worker()
{
    return *d->worker;
}
std::shared_ptr<IsolateStorage> DevServer::storage() const
{
    return d->storage;
}
DevHttpServer &DevServer::http()
{
    return *d->http;
}

void DevServer::reportRuntimeError(const std::string &failure, const std::string &target)
{
    // A request of the worker failed (a render or an action threw): browsers
    // show it in the error overlay, like a transform error.
    HmrError err;
    const size_t newline = failure.find('\n');
    err.message = failure.substr(0, newline);
    err.stack = failure;
    err.plugin = "switchyard:worker";
    const std::string &rscParam = d->session.project().framework.actionRequest.rscParam;
    const size_t query = target.find('?');
    err.serverRender = !rscParam.empty() && query != std::string::npos &&
                       hasQueryFlag(std::string_view(target).substr(query), rscParam);
    // The first frame in an app file gives the location: "(/abs/app/src/x.tsx:12:5)".
    const std::string root = d->session.project().root + "/";
    for (size_t at = failure.find(root); at != std::string::npos; at = failure.find(root, at + 1)) {
        const size_t end = failure.find_first_of(")\n ", at);
        const std::string frame = failure.substr(at, end == std::string::npos ? end : end - at);
        const size_t c2 = frame.rfind(':');
        const size_t c1 = c2 == std::string::npos ? c2 : frame.rfind(':', c2 - 1);
        if (c1 == std::string::npos || frame.find("/node_modules/") != std::string::npos)
            continue;
        err.id = frame.substr(0, c1);
        try {
            const int line = std::stoi(frame.substr(c1 + 1, c2 - c1 - 1));
            const int column = std::stoi(frame.substr(c2 + 1));
            err.loc = HmrErrorLocation{err.id, line, column};
            std::string text; // sent to browsers: only what the file policy allows
            if (d->session.client().filePolicy()->read(err.id, text).allowed())
                err.frame = codeFrame(text, line, column);
        } catch (const std::exception &) {
        }
        break;
    }
    JournalEvent e;
    e.kind = "error";
    e.summary = err.message;
    e.dataJson = dumpJson({{"message", err.message},
                           {"stack", err.stack},
                           {"file", err.id},
                           {"line", err.loc ? err.loc->line : 0},
                           {"column", err.loc ? err.loc->column : 0}});
    recordEvent(std::move(e));
    if (d->http)
        d->http->broadcastHmr(errorPayload(err));
}

std::string DevServer::statusJson()
{
    nlohmann::json envs = nlohmann::json::object();
    for (EnvironmentKind kind :
         {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker}) {
        const DepsMetadata meta = d->session.environment(kind).optimizer().metadata();
        envs[std::string(environmentName(kind))] = {{"browserHash", meta.browserHash},
                                                    {"optimized", meta.optimized.size()}};
    }
    nlohmann::json state = nullptr;
    const std::string stateId = d->session.worker().stateModuleId();
    for (const EvaluatedModule &m : d->worker->evaluatedModules())
        if (m.id == stateId)
            state = {
                {"id", m.id}, {"evaluatedAt", m.evaluatedAt}, {"transformHash", m.transformHash}};
    return dumpJson(nlohmann::json{
        {"generation", d->gate.generation()},
        {"gate",
         {{"open", d->gate.isOpen()}, {"inFlight", d->gate.inFlight()}, {"held", d->gate.held()}}},
        {"stateModule", state},
        {"environments", envs}});
}

void DevServer::handle(HttpRequest request, std::shared_ptr<ResponseWriter> out)
{
    const std::string path = request.target.substr(0, request.target.find('?'));
    // What the client environment answers (and the status, which reads its
    // browserHash) waits for the client's first optimizer run, off the I/O thread.
    auto waitForClient = [&] {
        if (!d->clientRun || d->clientRun->done())
            return false;
        auto held = std::make_shared<HttpRequest>(std::move(request));
        d->clientRun->whenDone([this, held, out] {
            try {
                handle(std::move(*held), out);
            } catch (const std::exception &error) {
                failUnexpected(*held, *out, error.what(), false);
            } catch (...) {
                failUnexpected(*held, *out, "unknown exception", false);
            }
        });
        return true; // handled now (the run just ended) or once it ends
    };
    if (path == "/@switchyard/status") {
        if (waitForClient())
            return;
        const std::string body = statusJson();
        out->writeHead(200, {{"Content-Type", "application/json"},
                             {"Content-Length", std::to_string(body.size())},
                             {"Cache-Control", "no-store"}});
        out->writeChunk(body);
        out->end();
        return;
    }
    // A public/ file the policy refuses answers 403 (journaled), never the worker.
    // Only GET and HEAD read files; every other method goes to the worker.
    const bool readsFiles = request.method == "GET" || request.method == "HEAD";
    const StaticFiles::Lookup lookup =
        readsFiles ? d->publicFiles.resolve(request.target) : StaticFiles::Lookup{};
    const bool publicFile = lookup.status == StaticFiles::Status::Found ||
                            lookup.status == StaticFiles::Status::Forbidden;
    const size_t q = request.target.find('?');
    const std::string_view query =
        q == std::string::npos ? std::string_view() : std::string_view(request.target).substr(q);
    // A path that is a module route raw or decoded and normalized ("/@fs%2f...",
    // "/.switchyard/deps_client/../..") goes to the client environment and its file policy.
    const RequestPath normalized = normalizeRequestPath(request.target);
    // A file of the app (an image, a stylesheet, a JSON file) is the client
    // environment's to answer, as Vite serves the root's files: never a page.
    const bool appFile = readsFiles && normalized.status == 200 &&
                         d->session.client()
                                 .filePolicy()
                                 ->check(d->session.project().root + normalized.path)
                                 .verdict != FilePolicy::Verdict::NotFound;
    RequestRoute route = routeRequest(request.method, path, publicFile, query, appFile);
    if (route == RequestRoute::Worker && normalized.status == 200)
        route = routeRequest(request.method, normalized.path, publicFile, query, appFile);
    switch (route) {
    case RequestRoute::PublicFile:
        if (lookup.status == StaticFiles::Status::Forbidden)
            recordEvent(refusalEvent(request, 403, lookup.reason));
        d->publicFiles.serve(request, *out, lookup);
        return;
    case RequestRoute::ClientModule:
        if (waitForClient())
            return;
        syncFileChanges();
        admit(std::make_shared<HttpRequest>(std::move(request)), std::move(out), false, 0);
        return;
    case RequestRoute::Worker:
        syncFileChanges();
        admit(std::make_shared<HttpRequest>(std::move(request)), std::move(out), true, 0);
        return;
    }
}

void DevServer::syncFileChanges()
{
    if (d->watcher)
        d->watcher->syncPending();
}

void DevServer::admit(std::shared_ptr<HttpRequest> request, std::shared_ptr<ResponseWriter> out,
                      bool toWorker, int attempt)
{
    constexpr int kMaxReplays = 5;
    d->gate.submit([this, request, out, toWorker, attempt](int64_t generation, double heldMs) {
        const auto started = std::chrono::steady_clock::now();
        // A worker request starts paced (workerRequestPacer.h); 0: not paced.
        const uint64_t paced = toWorker ? d->pacer.ticket() : 0;
        auto done = [this, request, out, toWorker, attempt, generation, heldMs, started,
                     paced](bool replay, int status, const std::string &failure) {
            if (paced)
                d->pacer.finished(paced);
            d->gate.finished();
            if (startupTrace::enabled()) {
                static std::atomic<int> traced{0};
                if (traced.fetch_add(1) < 12)
                    startupTrace::mark(
                        request->method + " " + request->target + " -> " + std::to_string(status),
                        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                  started)
                            .count());
            }
            if (replay && attempt < kMaxReplays) {
                admit(request, out, toWorker, attempt + 1);
                return;
            }
            if (replay)
                out->fail("the request met new dependencies " + std::to_string(attempt + 1) +
                          " times in a row; giving up");
            JournalEvent e;
            e.kind = "request";
            e.generation = generation;
            const std::string path = request->target.substr(0, request->target.find('?'));
            e.summary = request->method + " " + path + " " + std::to_string(status);
            const double ms = std::chrono::duration<double, std::milli>(
                                  std::chrono::steady_clock::now() - started)
                                  .count();
            e.dataJson = dumpJson({{"method", request->method},
                                   {"path", path},
                                   {"status", replay ? 500 : status},
                                   {"durationMs", ms},
                                   {"held", heldMs > 0},
                                   {"heldMs", heldMs},
                                   {"replayed", attempt > 0},
                                   {"replays", attempt}});
            recordEvent(std::move(e));
            if (!failure.empty() && toWorker)
                reportRuntimeError(failure, request->target);
        };
        std::shared_ptr<TrackedResponse> tracked;
        try {
            tracked = std::make_shared<TrackedResponse>(out, std::move(done));
            if (toWorker) {
                // request.url is built on the Host the server accepted, so a page opened at
                // localhost:PORT sees localhost URLs (and its actions pass origin checks).
                std::string base = originForHost(request->header("host"));
                if (base.empty())
                    base = origin();
                if (!paced) {
                    d->worker->dispatchFetch(*request, std::move(base), std::move(tracked));
                    return;
                }
                d->pacer.submit(paced, [this, request, base, tracked] {
                    d->worker->dispatchFetch(*request, base, tracked);
                });
                return;
            }
            // A stylesheet a <link> asks for (Accept: text/css) is `?direct` (Vite).
            const ServedModule module = d->session.client().serveClientUrl(
                markDirectCssRequest(request->target, request->header("accept")));
            if (module.refused)
                recordEvent(refusalEvent(*request, module.status, module.body));
            if (module.status == 500 && d->http) // the overlay shows it (servedModuleError.h)
                d->http->broadcastHmrError(
                    servedModuleErrorPayload(module, *d->session.client().filePolicy()));
            if (module.status != 200 && module.body.find(kReoptimizeMarker) != std::string::npos) {
                tracked->fail(module.body);
                return;
            }
            std::vector<HttpHeader> headers{{"Content-Type", module.contentType},
                                            {"Content-Length", std::to_string(module.body.size())},
                                            {"Cache-Control", "no-cache"}};
            if (!module.etag.empty())
                headers.emplace_back("ETag", "W/\"" + module.etag + "\"");
            tracked->writeHead(module.status, std::move(headers));
            if (request->method != "HEAD")
                tracked->writeChunk(module.body);
            tracked->end();
        } catch (const std::exception &error) {
            failUnexpected(*request, tracked ? *tracked : *out, error.what(), !tracked);
        } catch (...) {
            failUnexpected(*request, tracked ? *tracked : *out, "unknown exception", !tracked);
        }
    });
}

void DevServer::failUnexpected(const HttpRequest &request, ResponseWriter &out,
                               const std::string &what, bool releaseGate)
{
    const std::string message = "Internal error while serving " + request.method + " " +
                                request.target.substr(0, request.target.find('?')) + ": " + what;
    std::fprintf(stderr, "[switchyard] %s\n", toValidUtf8(message).c_str());
    try {
        JournalEvent e;
        e.kind = "error";
        e.summary = message;
        e.dataJson = dumpJson({{"message", message}, {"method", request.method}});
        recordEvent(std::move(e));
    } catch (...) {
    }
    if (releaseGate)
        d->gate.finished();
    out.fail(message);
}

} // namespace sy
