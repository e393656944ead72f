#include "js/workerIsolate.h"
#include "js/embeddedFunction.h"

#include "js/v8Strings.h"

#include "core/startupTrace.h"
#include "js/cpuWatchdog.h"
#include "js/embeddedScripts.h"
#include "js/hangDetector.h"
#include "js/heapLimit.h"
#include "js/jsPlatform.h"
#include "js/modernBuiltins.h"
#include "js/moduleRunner.h"
#include "js/nodeBuiltinCodeCache.h"

#include <node.h>
#include <uv.h>
#include <v8.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace sy {
namespace {

using v8util::byteString;
using v8util::str;
using v8util::toBytes;
using v8util::toStd;

using Clock = std::chrono::steady_clock;
double ms(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

/// A worker's Node environment, as every WorkerIsolate makes it (JsPlatform::createEnvironment).
std::unique_ptr<node::CommonEnvironmentSetup> createWorkerEnvironment(std::string &error)
{
    return JsPlatform::createEnvironment("switchyard-worker",
                                         node::EnvironmentFlags::kNoRegisterESMLoader |
                                             node::EnvironmentFlags::kNoCreateInspector |
                                             node::EnvironmentFlags::kNoGlobalSearchPaths,
                                         error);
}

/// A worker's Node environment made ahead of its WorkerIsolate
/// (WorkerIsolate::prepareEnvironmentAhead): a thread that made it and waits
/// to become the thread of the next WorkerIsolate that starts (start()).
struct AheadEnvironment {
    std::thread thread;
    std::mutex mutex;
    std::condition_variable wake;
    /// Set by the adopting WorkerIsolate: runs on this thread with the environment.
    std::function<void(std::unique_ptr<node::CommonEnvironmentSetup>, std::string)> job;
};

/// The environments made ahead and not yet taken, oldest first. Never destroyed: a thread
/// still parked at exit ends with the process (a std::thread destroyed joinable would abort it).
std::deque<std::shared_ptr<AheadEnvironment>> &aheadSlots()
{
    static auto *slots = new std::deque<std::shared_ptr<AheadEnvironment>>();
    return *slots;
}
std::mutex g_aheadMutex;

std::string describeException(v8::Isolate *isolate, v8::TryCatch &tryCatch)
{
    if (tryCatch.HasTerminated())
        return "execution terminated";
    auto context = isolate->GetCurrentContext();
    v8::Local<v8::Value> stack;
    if (tryCatch.StackTrace(context).ToLocal(&stack) && stack->IsString())
        return toStd(isolate, stack);
    return toStd(isolate, tryCatch.Exception());
}

struct FetchJob {
    HttpRequest request;
    std::string baseUrl;
    std::shared_ptr<ResponseWriter> out;
    bool preloadOnly = false; ///< import the entry, run no fetch handler
    int realm = 0;            ///< 0: the environment's main realm
    /// Instead of a request: work on the isolate thread (true), or the
    /// notice that it will never run (false: the worker stopped).
    std::function<void(bool)> task;

    void abandon(const std::string &why)
    {
        if (task)
            task(false);
        else if (out)
            out->fail(why);
    }
};

} // namespace

struct WorkerIsolate::Impl {
    ModuleProvider &provider;
    WorkerOptions options;
    std::thread thread;

    // Cross-thread request queue; `async` is the current environment's wakeup handle.
    std::mutex queueMutex;
    std::deque<FetchJob> jobs;
    uv_async_t *async = nullptr;
    bool started = false;
    bool stopRequested = false;
    bool loopIdle = false; ///< isolate thread: the last onIdleChange said idle

    // start() handshake.
    std::mutex startMutex;
    std::condition_variable startCv;
    bool startDone = false;
    std::string startError;

    // Current environment, for the limits and stop() (node::Stop is thread-safe).
    std::mutex envMutex;
    node::Environment *env = nullptr;
    std::atomic<int> generation{0};
    /// Why the current environment is being stopped by a limit (none yet).
    enum class Kill { None, Cpu, Memory, Restart };
    std::string restartReason; ///< why restart() stopped the environment (envMutex)
    std::atomic<Kill> kill{Kill::None};
    std::atomic<int> outsideJs{0};
    std::atomic<double> startupMs{0};
    HeapLimit heapLimit;
    CpuWatchdog watchdog;
    HangDetector hang; ///< isolate thread: requests nothing left can finish (workerd)

    // Isolate-thread state.
    std::unique_ptr<node::CommonEnvironmentSetup> setup;
    /// The first environment, made ahead on this thread (or its error), used by
    /// runOneEnvironment instead of making one.
    std::unique_ptr<node::CommonEnvironmentSetup> adopted;
    std::string adoptedError;
    bool hasAdopted = false;
    v8::Isolate *isolate = nullptr;

    /// A context with its own module runner and entry points: the
    /// environment's main context (id 0, runner = Impl::runner) or an extra
    /// realm made by createRealm (its own runner, bindings and timers).
    struct Realm {
        Impl *impl = nullptr;
        int id = 0;
        v8::Global<v8::Context> context;
        std::unique_ptr<ModuleRunner> ownRunner;
        std::shared_ptr<BindingHost> bindingHost;
        v8::Global<v8::Function> dispatchFn, preloadFn, importFn, disposeFn;
        std::string entryId;        ///< its worker's main module
        std::string controlEntryId; ///< what dispatchFetch calls, "" = entryId
        std::string workerName;     ///< what service bindings to it name (native.peer)
        ModuleRunner *runner() const { return id == 0 ? impl->runner.get() : ownRunner.get(); }
    };
    Realm mainRealm;
    std::unordered_map<int, std::unique_ptr<Realm>> realms; // isolate thread only
    std::atomic<int> nextRealmId{0};
    v8::Global<v8::Function> makeRealmFn;
    v8::Global<v8::Function> loadBuiltinFn; ///< the bootstrap's loadBuiltin (every realm's runner)
    std::unordered_map<uint64_t, std::shared_ptr<ResponseWriter>> inflight;
    uint64_t nextRequestId = 0;
    std::string exitReason;
    mutable std::mutex runnerMutex; // guards `runner` for other threads
    std::unique_ptr<ModuleRunner> runner;
    /// Built-in functions compiled for realms (their setup, the binding classes) whose "run"
    /// code cache the process lacks: stored when the next realm goes (dropRealm), once they ran.
    std::vector<std::pair<const EmbeddedFunction *, v8::Global<v8::Function>>> awaitingRunCache;

    static thread_local Impl *current;

    Impl(ModuleProvider &p, WorkerOptions o)
        : provider(p), options(std::move(o)),
          heapLimit(size_t(options.memoryLimitMb) << 20, [this] { return condemn(Kill::Memory); }),
          watchdog(
              options.cpuLimitMs, &outsideJs, [this] { return condemn(Kill::Cpu); },
              [this] { heapLimit.requestCheck(); })
    {
        mainRealm.impl = this;
        mainRealm.bindingHost = options.bindingHost;
        mainRealm.entryId = options.entryId;
        mainRealm.controlEntryId = options.controlEntryId;
        mainRealm.workerName = options.workerName;
    }

    Realm *realmById(int id)
    {
        if (id == 0)
            return &mainRealm;
        auto it = realms.find(id);
        return it == realms.end() ? nullptr : it->second.get();
    }

    Realm *realmOfContext(v8::Local<v8::Context> context)
    {
        if (mainRealm.context.Get(isolate) == context)
            return &mainRealm;
        for (auto &[id, realm] : realms)
            if (realm->context.Get(isolate) == context)
                return realm.get();
        return &mainRealm;
    }

    // Any thread (the watchdog, or the isolate thread inside a GC callback):
    // stops the current environment for `why`, once. False when there is no
    // environment to stop yet (its bootstrap): the limit reports again later.
    bool condemn(Kill why)
    {
        std::lock_guard lock(envMutex);
        if (!env)
            return false;
        Kill none = Kill::None;
        if (kill.compare_exchange_strong(none, why))
            node::Stop(env); // TerminateExecution + stop the loop; thread-safe
        return true;
    }

    std::string killMessage()
    {
        switch (kill.load()) {
        case Kill::Cpu:
            return "Worker exceeded its CPU time limit (" + std::to_string(options.cpuLimitMs) +
                   " ms)";
        case Kill::Memory:
            return "Worker exceeded its memory limit (" + std::to_string(options.memoryLimitMb) +
                   " MB)";
        case Kill::Restart: {
            std::lock_guard lock(envMutex);
            return "Worker restarted: " + restartReason;
        }
        case Kill::None:
            break;
        }
        return {};
    }

    // Isolate thread: ids of the modules the main realm's runner evaluated.
    std::vector<std::string> evaluatedIds()
    {
        std::vector<std::string> ids;
        std::lock_guard lock(runnerMutex);
        if (runner)
            for (const EvaluatedModule &m : runner->evaluatedModules())
                ids.push_back(m.id);
        return ids;
    }

    // The passes through the event loop that end a turn (CpuWatchdog).
    static void onLoopTurn(uv_prepare_t *handle)
    {
        auto *impl = static_cast<Impl *>(handle->data);
        impl->watchdog.turnBoundary();
        impl->heapLimit.atTurnBoundary(); // no JS on the stack here
        // The poll is about to wait: idle unless an immediate (timeout 0) or a
        // timer a moment away (React's setTimeout(0) between render chunks) is due.
        if (impl->options.onIdleChange) {
            const int timeoutMs = uv_backend_timeout(handle->loop);
            if ((timeoutMs < 0 || timeoutMs > 4) && !impl->loopIdle) {
                impl->loopIdle = true;
                impl->options.onIdleChange(true);
            }
        }
    }
    static void onCallEntered(v8::Isolate *)
    {
        Impl *impl = current;
        if (impl && impl->loopIdle) {
            impl->loopIdle = false;
            impl->options.onIdleChange(false);
        }
    }
    static void onLoopCheck(uv_check_t *handle)
    {
        auto *impl = static_cast<Impl *>(handle->data);
        if (impl->loopIdle) { // the poll returned: something runs again
            impl->loopIdle = false;
            impl->options.onIdleChange(false);
        }
        impl->watchdog.turnBoundary();
        impl->failHungRequests();
    }

    /// At a turn's end: fails the requests in flight when nothing left in the isolate
    /// can finish them (HangDetector), with workerd's message.
    void failHungRequests()
    {
        bool queued = false;
        uv_async_t *wake = nullptr;
        {
            std::lock_guard lock(queueMutex);
            queued = !jobs.empty();
            wake = async;
        }
        if (!hang.atTurnEnd(inflight.size(), nextRequestId, queued,
                            reinterpret_cast<uv_handle_t *>(wake)))
            return;
        auto hung = std::move(inflight);
        inflight.clear();
        for (auto &[id, out] : hung)
            out->fail(kHungRequestMessage);
    }

    // ---- isolate thread -------------------------------------------------

    void threadMain()
    {
        current = this;
        bool first = true;
        for (;;) {
            {
                std::lock_guard lock(queueMutex);
                if (stopRequested)
                    break;
            }
            std::string error;
            bool ran = false;
            try {
                ran = runOneEnvironment(error);
            } catch (const std::exception &e) { // nothing may escape the worker thread
                error = std::string("unexpected exception: ") + e.what();
            } catch (...) {
                error = "unexpected exception";
            }
            if (!ran) {
                if (first) {
                    signalStarted(error);
                    return;
                }
                fprintf(stderr, "[worker] cannot recreate the environment: %s\n", error.c_str());
                break;
            }
            first = false;
        }
        std::deque<FetchJob> left;
        {
            std::lock_guard lock(queueMutex);
            // Also when the environment could not be recreated: later
            // requests fail at once instead of waiting in a queue nobody reads.
            stopRequested = true;
            left.swap(jobs);
        }
        for (auto &job : left)
            job.abandon("Worker stopped");
    }

    void signalStarted(const std::string &error)
    {
        std::lock_guard lock(startMutex);
        if (startDone)
            return;
        startDone = true;
        startError = error;
        startCv.notify_all();
    }

    // Creates one Node environment, serves requests until it is stopped
    // (stop() or the CPU-limit watchdog), then tears it down.
    bool runOneEnvironment(std::string &error)
    {
        const auto t0 = Clock::now();
        if (hasAdopted) {
            hasAdopted = false;
            setup = std::move(adopted);
            error = std::move(adoptedError);
        } else {
            setup = createWorkerEnvironment(error);
            startupTrace::mark("isolate: node environment created", ms(Clock::now() - t0));
        }
        if (!setup)
            return false;
        isolate = setup->isolate();
        // JS runs again after an idle wait: an async job (a request), an I/O callback
        // or a timer calls into V8, which tells this before it runs any JS.
        if (options.onIdleChange)
            isolate->AddBeforeCallEnteredCallback(&Impl::onCallEntered);
        uv_loop_t *envLoop = setup->event_loop();
        uv_prepare_t turnPrepare;
        uv_check_t turnCheck;
        uv_prepare_init(envLoop, &turnPrepare);
        uv_check_init(envLoop, &turnCheck);
        turnPrepare.data = turnCheck.data = this;
        uv_prepare_start(&turnPrepare, &Impl::onLoopTurn);
        uv_check_start(&turnCheck, &Impl::onLoopCheck);
        uv_unref(reinterpret_cast<uv_handle_t *>(&turnPrepare));
        uv_unref(reinterpret_cast<uv_handle_t *>(&turnCheck));
        exitReason.clear();
        bool ok = true;
        {
            v8::Locker locker(isolate);
            v8::Isolate::Scope isolateScope(isolate);
            heapLimit.attach(isolate);
            watchdog.attachCurrentThread();
            v8::HandleScope handles(isolate);
            auto context = setup->context();
            v8::Context::Scope contextScope(context);

            node::SetProcessExitHandler(setup->env(), [this](node::Environment *e, int code) {
                exitReason = "Worker called process.exit(" + std::to_string(code) + ")";
                node::Stop(e);
            });
            v8::TryCatch tryCatch(isolate);
            v8::Local<v8::Value> api;
            // A test host's built-ins compiled from here on (by the bootstrap: undici, web
            // streams; later on first use) get their code cache made again once a realm's work
            // is over (dropRealm), with the functions that ran.
            nodeBuiltinCodeCache::captureCompiledBuiltins(options.makeBuiltinRunCaches);
            if (!node::LoadEnvironment(setup->env(),
                                       [&](const node::StartExecutionCallbackInfo &info) {
                                           return runBootstrap(context, info);
                                       })
                     .ToLocal(&api) ||
                !api->IsObject()) {
                error = "worker bootstrap failed: " + describeException(isolate, tryCatch);
                ok = false;
            } else {
                auto obj = api.As<v8::Object>();
                takeRealmApi(context, obj, mainRealm);
                mainRealm.context.Reset(isolate, context);
                makeRealmFn.Reset(isolate, obj->Get(context, str(isolate, "makeRealm"))
                                               .ToLocalChecked()
                                               .As<v8::Function>());
                loadBuiltinFn.Reset(isolate, obj->Get(context, str(isolate, "loadBuiltin"))
                                                 .ToLocalChecked()
                                                 .As<v8::Function>());
                {
                    std::lock_guard lock(runnerMutex);
                    runner = std::make_unique<ModuleRunner>(provider, isolate, context, &outsideJs);
                    runner->setPinned({options.pinnedModules.begin(), options.pinnedModules.end()});
                    runner->setEvaluatedTogether(options.evaluatedTogether);
                    runner->setBuiltinLoader(loadBuiltinFn.Get(isolate));
                }
                isolate->SetHostImportModuleDynamicallyCallback(&Impl::onDynamicImport);
                isolate->SetHostInitializeImportMetaObjectCallback(&Impl::onImportMeta);

                auto *handle = new uv_async_t;
                uv_async_init(envLoop, handle, &Impl::onAsync);
                hang.attach(envLoop, isolate);
                handle->data = this;
                {
                    std::lock_guard lock(envMutex);
                    env = setup->env();
                    ++generation;
                }
                bool stopNow = false;
                {
                    std::lock_guard lock(queueMutex);
                    async = handle;
                    stopNow = stopRequested;
                    if (!jobs.empty())
                        uv_async_send(async);
                }
                if (stopNow)
                    node::Stop(setup->env());
                startupMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                signalStarted({});

                (void)node::SpinEventLoop(setup->env());

                {
                    std::lock_guard lock(queueMutex);
                    async = nullptr;
                }
                {
                    std::lock_guard lock(envMutex);
                    env = nullptr;
                }
                uv_close(reinterpret_cast<uv_handle_t *>(handle),
                         [](uv_handle_t *h) { delete reinterpret_cast<uv_async_t *>(h); });
                std::string reason = killMessage();
                if (reason.empty())
                    reason = exitReason.empty() ? "Worker stopped" : exitReason;
                const size_t failed = inflight.size();
                for (auto &[id, out] : inflight)
                    out->fail(reason);
                inflight.clear();
                if (options.onEnvironmentLost &&
                    (kill.load() != Kill::None || !exitReason.empty())) {
                    try { // embedder code (journaling): the teardown below must still run
                        options.onEnvironmentLost(reason, failed, evaluatedIds());
                    } catch (const std::exception &e) {
                        fprintf(stderr, "[worker] onEnvironmentLost threw: %s\n", e.what());
                    }
                }
            }
            {
                std::lock_guard lock(runnerMutex);
                runner.reset();
            }
            realms.clear(); // their runners and handles go with the environment
            awaitingRunCache.clear();
            // A test isolate's file is over; not after a kill (a CPU or memory limit).
            if (ok && kill.load() == Kill::None && exitReason.empty())
                nodeBuiltinCodeCache::makeRunCaches();
            nodeBuiltinCodeCache::captureCompiledBuiltins(false); // before the isolate goes
            mainRealm.dispatchFn.Reset();
            mainRealm.preloadFn.Reset();
            mainRealm.importFn.Reset();
            mainRealm.context.Reset();
            makeRealmFn.Reset();
            loadBuiltinFn.Reset();
            hang.detach();
            uv_close(reinterpret_cast<uv_handle_t *>(&turnPrepare), nullptr);
            uv_close(reinterpret_cast<uv_handle_t *>(&turnCheck), nullptr);
            uv_run(envLoop, UV_RUN_NOWAIT); // run pending close callbacks
            watchdog.detach();
            heapLimit.detach();
        }
        setup.reset();
        isolate = nullptr;
        JsPlatform::isolateDisposed();
        kill = Kill::None;
        return ok;
    }

    v8::MaybeLocal<v8::Value> runBootstrap(v8::Local<v8::Context> context,
                                           const node::StartExecutionCallbackInfo &info)
    {
        v8::EscapableHandleScope scope(isolate);
        if (!modernBuiltins::install(context))
            return {};
        v8::ScriptOrigin origin(isolate, str(isolate, "switchyard:worker-bootstrap"));
        v8::ScriptCompiler::Source source(
            v8util::embeddedSource(isolate, embedded::kWorkerBootstrap), origin);
        v8::Local<v8::String> params[] = {str(isolate, "process"), str(isolate, "require"),
                                          str(isolate, "native"), str(isolate, "options")};
        v8::Local<v8::Function> fn;
        if (!v8::ScriptCompiler::CompileFunction(context, &source, 4, params).ToLocal(&fn))
            return {};

        auto native = makeNative(context, &mainRealm);
        std::string envJson;
        {
            std::lock_guard lock(envMutex); // setEnvJson() may change it
            envJson = options.envJson;
        }
        auto opts = realmOptions(context, native, mainRealm, envJson, options.globalsJson,
                                 options.bindings, options.storageControl, options.snapshotControl,
                                 options.workerBindingsJson);
        if (opts.IsEmpty())
            return {};
        bool nodejsCompat = false;
        {
            std::lock_guard lock(envMutex); // restart() may change it
            nodejsCompat = options.nodejsCompat;
        }
        opts->Set(context, str(isolate, "nodejsCompat"), v8::Boolean::New(isolate, nodejsCompat))
            .Check();
        v8::Local<v8::Function> setupRealm;
        if (!compileRealmSetup(context).ToLocal(&setupRealm))
            return {};
        opts->Set(context, str(isolate, "setupRealm"), setupRealm).Check();
        static const EmbeddedFunction webSocketPair("switchyard:websocket-pair",
                                                    embedded::kWebSocketPair, {});
        v8::Local<v8::Function> makeWebSockets;
        v8::Local<v8::Value> webSockets;
        if (!webSocketPair.compile(context).ToLocal(&makeWebSockets) ||
            !makeWebSockets->Call(context, v8::Undefined(isolate), 0, nullptr).ToLocal(&webSockets))
            return {};
        webSocketPair.markRan(makeWebSockets);
        opts->Set(context, str(isolate, "webSockets"), webSockets).Check();

        v8::Local<v8::Value> args[] = {info.process_object, info.native_require, native, opts};
        v8::Local<v8::Value> result;
        const auto t1 = Clock::now();
        if (!fn->Call(context, v8::Undefined(isolate), 4, args).ToLocal(&result))
            return {};
        startupTrace::mark("isolate: bootstrap ran", ms(Clock::now() - t1));
        return scope.Escape(result);
    }

    // The native callbacks of one realm (`native` in the bootstrap and in
    // realmSetup.js); each carries the realm as its data.
    v8::Local<v8::Object> makeNative(v8::Local<v8::Context> context, Realm *realm)
    {
        auto data = v8::External::New(isolate, realm);
        auto native = v8::Object::New(isolate);
        auto add = [&](const char *name, v8::FunctionCallback cb) {
            auto f = v8::FunctionTemplate::New(isolate, cb, data)->GetFunction(context);
            native->Set(context, str(isolate, name), f.ToLocalChecked()).Check();
        };
        add("head", &Impl::nativeHead);
        add("chunk", &Impl::nativeChunk);
        add("end", &Impl::nativeEnd);
        add("fail", &Impl::nativeFail);
        add("load", &Impl::nativeLoad);
        add("refresh", &Impl::nativeRefresh);
        add("binding", &Impl::nativeBinding);
        add("peer", &Impl::nativePeer);
        add("virtualFs", &Impl::nativeVirtualFs);
        // Module mocking (vi.mock in test isolates): see moduleRunnerMocks.cpp.
        add("resolveForMocking", &Impl::nativeResolveForMocking);
        add("mock", &Impl::nativeMock);
        add("setMockExports", &Impl::nativeSetMockExports);
        add("unmock", &Impl::nativeUnmock);
        add("resetModules", &Impl::nativeResetModules);
        return native;
    }

    // realmSetup.js's `options` (see that file); empty with a pending
    // exception when a binding class does not compile.
    v8::Local<v8::Object> realmOptions(v8::Local<v8::Context> context, v8::Local<v8::Object> native,
                                       const Realm &realm, const std::string &envJson,
                                       const std::string &globalsJson,
                                       const std::vector<BindingDescriptor> &bindings,
                                       bool storageControl, bool snapshotControl,
                                       const std::string &workerBindingsJson)
    {
        auto opts = v8::Object::New(isolate);
        opts->Set(context, str(isolate, "entryId"), str(isolate, realm.entryId)).Check();
        opts->Set(context, str(isolate, "controlEntryId"), str(isolate, realm.controlEntryId))
            .Check();
        opts->Set(context, str(isolate, "workerName"), str(isolate, realm.workerName)).Check();
        opts->Set(context, str(isolate, "envJson"), str(isolate, envJson)).Check();
        opts->Set(context, str(isolate, "globalsJson"), str(isolate, globalsJson)).Check();
        opts->Set(context, str(isolate, "storageControl"),
                  v8::Boolean::New(isolate, storageControl))
            .Check();
        opts->Set(context, str(isolate, "snapshotControl"),
                  v8::Boolean::New(isolate, snapshotControl))
            .Check();
        opts->Set(context, str(isolate, "workerBindingsJson"), str(isolate, workerBindingsJson))
            .Check();
        if (!addBindingOptions(context, native, opts, bindings))
            return {};
        return opts;
    }

    static const EmbeddedFunction &realmSetupFunction()
    {
        static const EmbeddedFunction fn("switchyard:realm-setup", embedded::kRealmSetup,
                                         {"native", "options"});
        return fn;
    }

    v8::MaybeLocal<v8::Function> compileRealmSetup(v8::Local<v8::Context> context)
    {
        return realmSetupFunction().compile(context);
    }

    // dispatch / preload / importModule of a realm's setup result.
    void takeRealmApi(v8::Local<v8::Context> context, v8::Local<v8::Object> api, Realm &realm)
    {
        auto fn = [&](const char *name) {
            return api->Get(context, str(isolate, name)).ToLocalChecked().As<v8::Function>();
        };
        realm.dispatchFn.Reset(isolate, fn("dispatch"));
        realm.preloadFn.Reset(isolate, fn("preload"));
        realm.importFn.Reset(isolate, fn("importModule"));
    }

    // On the isolate thread: a fresh context from the bootstrap's makeRealm,
    // realmSetup.js run in it, and a module runner of its own. Returns the
    // realm id, or 0 with `error`.
    int buildRealm(const RealmOptions &realmOptionsIn, std::string &error)
    {
        v8::HandleScope handles(isolate);
        auto mainContext = setup->context();
        v8::Context::Scope mainScope(mainContext);
        v8::TryCatch tryCatch(isolate);
        v8::Local<v8::Value> made;
        if (makeRealmFn.IsEmpty() ||
            !makeRealmFn.Get(isolate)
                 ->Call(mainContext, v8::Undefined(isolate), 0, nullptr)
                 .ToLocal(&made) ||
            !made->IsObject()) {
            error = "cannot create a realm: " + describeException(isolate, tryCatch);
            return 0;
        }
        auto madeObj = made.As<v8::Object>();
        auto realmGlobal = madeObj->Get(mainContext, str(isolate, "global")).ToLocalChecked();
        v8::Local<v8::Context> context;
        if (!realmGlobal->IsObject() ||
            !realmGlobal.As<v8::Object>()->GetCreationContext().ToLocal(&context)) {
            error = "cannot create a realm: no context";
            return 0;
        }
        auto realm = std::make_unique<Realm>();
        realm->impl = this;
        realm->id = ++nextRealmId;
        realm->bindingHost = realmOptionsIn.bindingHost;
        const bool ownWorker = !realmOptionsIn.entryId.empty(); // an auxiliary worker's realm
        realm->entryId = ownWorker ? realmOptionsIn.entryId : options.entryId;
        realm->controlEntryId = ownWorker ? std::string() : options.controlEntryId;
        realm->workerName = ownWorker || !realmOptionsIn.workerName.empty()
                                ? realmOptionsIn.workerName
                                : options.workerName;
        realm->context.Reset(isolate, context);
        realm->disposeFn.Reset(
            isolate,
            madeObj->Get(mainContext, str(isolate, "dispose")).ToLocalChecked().As<v8::Function>());
        {
            v8::Context::Scope realmScope(context);
            auto native = makeNative(context, realm.get());
            auto opts = realmOptions(context, native, *realm, realmOptionsIn.envJson,
                                     realmOptionsIn.globalsJson, realmOptionsIn.bindings,
                                     realmOptionsIn.storageControl, realmOptionsIn.snapshotControl,
                                     realmOptionsIn.workerBindingsJson);
            v8::Local<v8::Function> setupFn;
            v8::Local<v8::Value> args[] = {native, opts};
            v8::Local<v8::Value> api;
            if (opts.IsEmpty() || !modernBuiltins::install(context) ||
                !compileRealmSetup(context).ToLocal(&setupFn) ||
                !setupFn->Call(context, v8::Undefined(isolate), 2, args).ToLocal(&api) ||
                !api->IsObject()) {
                error = "realm setup failed: " + describeException(isolate, tryCatch);
                return 0;
            }
            realmSetupFunction().markRan(setupFn);
            awaitRunCache(realmSetupFunction(), setupFn);
            takeRealmApi(context, api.As<v8::Object>(), *realm);
            realm->ownRunner =
                std::make_unique<ModuleRunner>(provider, isolate, context, &outsideJs);
            // Built-ins are the environment's (one Node.js per isolate), as
            // the realm's Web API classes are.
            realm->ownRunner->setBuiltinLoader(loadBuiltinFn.Get(isolate));
            realm->ownRunner->setEvaluatedTogether(options.evaluatedTogether);
            realm->ownRunner->setRunCodeCaches(true); // a realm's work ends: dropRealm
        }
        const int id = realm->id;
        realms.emplace(id, std::move(realm));
        return id;
    }

    void awaitRunCache(const EmbeddedFunction &function, v8::Local<v8::Function> fn)
    {
        if (!function.hasRunCache())
            awaitingRunCache.emplace_back(&function, v8::Global<v8::Function>(isolate, fn));
    }

    void dropRealm(int id)
    {
        auto it = realms.find(id);
        if (it == realms.end())
            return;
        v8::HandleScope handles(isolate);
        auto context = setup->context();
        v8::Context::Scope scope(context);
        v8::TryCatch tryCatch(isolate);
        if (ModuleRunner *runner = it->second->runner())
            runner->produceRunCodeCaches(); // its tests ran: what they compiled is cached too
        // The realm's own copies: their inner functions ran (the main realm's binding classes
        // may never have).
        const v8::Local<v8::Context> realmContext = it->second->context.Get(isolate);
        std::erase_if(awaitingRunCache, [&](auto &entry) {
            v8::Local<v8::Function> fn = entry.second.Get(isolate);
            v8::Local<v8::Context> made;
            if (!fn->GetCreationContext().ToLocal(&made) || made != realmContext)
                return false;
            entry.first->markRunOver(fn);
            return true;
        });
        nodeBuiltinCodeCache::makeRunCaches();
        (void)it->second->disposeFn.Get(isolate)->Call(context, v8::Undefined(isolate), 0, nullptr);
        realms.erase(it);
        // Tells V8's GC heuristics a context went away (its realm's modules,
        // React included, are garbage now).
        isolate->ContextDisposedNotification();
    }

    static void onAsync(uv_async_t *handle) { static_cast<Impl *>(handle->data)->drainJobs(); }

    void drainJobs()
    {
        for (;;) {
            FetchJob job;
            {
                std::lock_guard lock(queueMutex);
                if (jobs.empty() || stopRequested || kill.load() != Kill::None ||
                    !exitReason.empty())
                    return;
                job = std::move(jobs.front());
                jobs.pop_front();
            }
            // Nothing may escape the worker thread: an unexpected C++ exception fails the one
            // request it happened in, and the isolate goes on with the next.
            watchdog.turnBoundary(); // each queued job starts a turn of its own
            try {
                runJob(job);
            } catch (const std::exception &e) {
                failJob(job, e.what());
            } catch (...) {
                failJob(job, "unknown exception");
            }
        }
    }

    void failJob(FetchJob &job, const std::string &what)
    {
        if (!job.out)
            return; // a task: its promise breaks, its caller gets the error
        for (auto it = inflight.begin(); it != inflight.end();) {
            if (it->second == job.out)
                it = inflight.erase(it);
            else
                ++it;
        }
        try {
            job.out->fail("Internal error while running the request: " + what);
        } catch (...) {
        }
    }

    void runJob(FetchJob &job)
    {
        if (job.task) {
            job.task(true);
            return;
        }
        Realm *realm = realmById(job.realm);
        if (!realm) {
            job.out->fail("Realm " + std::to_string(job.realm) +
                          " is gone (destroyed, or its environment was restarted)");
            return;
        }
        v8::HandleScope handles(isolate);
        auto context = realm->context.Get(isolate);
        v8::Context::Scope contextScope(context);
        const uint64_t id = ++nextRequestId;
        inflight[id] = job.out;
        hang.requestStarted(id);

        if (job.preloadOnly) {
            node::CallbackScope callbackScope(isolate, v8::Object::New(isolate),
                                              node::async_context{0, 0});
            v8::TryCatch tryCatch(isolate);
            v8::Local<v8::Value> preloadArgs[] = {
                v8::Number::New(isolate, static_cast<double>(id))};
            if (realm->preloadFn.Get(isolate)
                    ->Call(context, v8::Undefined(isolate), 1, preloadArgs)
                    .IsEmpty() &&
                tryCatch.HasCaught() && !tryCatch.HasTerminated()) {
                finish(id,
                       [&](ResponseWriter &w) { w.fail(describeException(isolate, tryCatch)); });
            }
            return;
        }
        auto headers = v8::Array::New(isolate, static_cast<int>(job.request.headers.size() * 2));
        uint32_t i = 0;
        // Header names and values are ByteStrings (fetch): bytes, not UTF-8 text. A cookie or
        // header with bytes >= 0x80 reaches the app as the Latin-1 string browsers give too.
        for (const auto &[name, value] : job.request.headers) {
            headers->Set(context, i++, byteString(isolate, name)).Check();
            headers->Set(context, i++, byteString(isolate, value)).Check();
        }
        std::string method = job.request.method.empty() ? "GET" : job.request.method;
        // fetch normalizes "get"/"head" to GET/HEAD, whose Request cannot carry a body.
        std::string upper = method;
        for (char &c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const bool bodiless = upper == "GET" || upper == "HEAD";
        v8::Local<v8::Value> body = v8::Undefined(isolate);
        if (!job.request.body.empty() && !bodiless) {
            auto buffer = v8::ArrayBuffer::New(isolate, job.request.body.size());
            std::memcpy(buffer->GetBackingStore()->Data(), job.request.body.data(),
                        job.request.body.size());
            body = buffer;
        }
        v8::Local<v8::Value> args[] = {
            v8::Number::New(isolate, static_cast<double>(id)), byteString(isolate, method),
            str(isolate, requestUrl(job.baseUrl, job.request.target)), headers, body};
        {
            node::CallbackScope callbackScope(isolate, v8::Object::New(isolate),
                                              node::async_context{0, 0});
            v8::TryCatch tryCatch(isolate);
            if (realm->dispatchFn.Get(isolate)
                    ->Call(context, v8::Undefined(isolate), 5, args)
                    .IsEmpty() &&
                tryCatch.HasCaught() && !tryCatch.HasTerminated()) {
                finish(id,
                       [&](ResponseWriter &w) { w.fail(describeException(isolate, tryCatch)); });
            }
        } // closing the scope runs process.nextTick callbacks and microtasks
    }

    template <typename F> void finish(uint64_t id, F &&f)
    {
        auto it = inflight.find(id);
        if (it == inflight.end())
            return;
        auto out = it->second;
        inflight.erase(it);
        f(*out);
    }

    ResponseWriter *writerFor(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto id =
            static_cast<uint64_t>(args[0]->NumberValue(isolate->GetCurrentContext()).FromMaybe(0));
        auto it = inflight.find(id);
        return it == inflight.end() ? nullptr : it->second.get();
    }

    static Realm *realmOf(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        return static_cast<Realm *>(args.Data().As<v8::External>()->Value());
    }
    static Impl *self(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        return realmOf(args)->impl;
    }

    /// Runs `f`, a call from JS into a ResponseWriter: a C++ exception becomes a JS Error
    /// instead of unwinding through V8's frames (which would abort the process).
    template <typename F> static void guarded(v8::Isolate *iso, F &&f)
    {
        std::string what;
        try {
            f();
            return;
        } catch (const std::exception &e) {
            what = e.what();
        } catch (...) {
            what = "unknown exception";
        }
        iso->ThrowException(v8::Exception::Error(str(iso, "internal error: " + what)));
    }

    static void nativeHead(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *impl = self(args);
        auto *w = impl->writerFor(args);
        if (!w)
            return;
        auto context = impl->isolate->GetCurrentContext();
        int status = args[1]->Int32Value(context).FromMaybe(500);
        std::vector<HttpHeader> headers;
        if (args[2]->IsArray()) {
            auto list = args[2].As<v8::Array>();
            for (uint32_t i = 0; i + 1 < list->Length(); i += 2)
                headers.emplace_back(
                    toBytes(impl->isolate, list->Get(context, i).ToLocalChecked()),
                    toBytes(impl->isolate, list->Get(context, i + 1).ToLocalChecked()));
        }
        guarded(impl->isolate, [&] { w->writeHead(status, std::move(headers)); });
    }

    static void nativeChunk(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *impl = self(args);
        auto *w = impl->writerFor(args);
        if (!w)
            return;
        std::string bytes;
        if (args[1]->IsArrayBufferView()) {
            auto view = args[1].As<v8::ArrayBufferView>();
            bytes.resize(view->ByteLength());
            view->CopyContents(bytes.data(), bytes.size());
        } else if (args[1]->IsArrayBuffer()) {
            auto store = args[1].As<v8::ArrayBuffer>()->GetBackingStore();
            bytes.assign(static_cast<const char *>(store->Data()), store->ByteLength());
        } else {
            bytes = toStd(impl->isolate, args[1]);
        }
        guarded(impl->isolate, [&] { w->writeChunk(bytes); });
    }

    static void nativeEnd(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *impl = self(args);
        auto id = static_cast<uint64_t>(
            args[0]->NumberValue(impl->isolate->GetCurrentContext()).FromMaybe(0));
        guarded(impl->isolate, [&] { impl->finish(id, [](ResponseWriter &w) { w.end(); }); });
    }

    static void nativeFail(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *impl = self(args);
        auto id = static_cast<uint64_t>(
            args[0]->NumberValue(impl->isolate->GetCurrentContext()).FromMaybe(0));
        std::string message = toStd(impl->isolate, args[1]);
        guarded(impl->isolate,
                [&] { impl->finish(id, [&](ResponseWriter &w) { w.fail(message); }); });
    }

    // native.load(id, importerId, actual?, actualIds?) -> ModuleRunner::load's array.
    static void nativeLoad(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *impl = self(args);
        auto *iso = impl->isolate;
        ModuleRunner::LoadOptions options;
        options.actual = args.Length() > 2 && args[2]->BooleanValue(iso);
        if (args.Length() > 3 && args[3]->IsArray()) {
            auto ids = args[3].As<v8::Array>();
            auto context = iso->GetCurrentContext();
            for (uint32_t i = 0; i < ids->Length(); ++i)
                options.actualIds.insert(toStd(iso, ids->Get(context, i).ToLocalChecked()));
        }
        v8::Local<v8::Value> result;
        if (realmOf(args)
                ->runner()
                ->load(toStd(iso, args[0]), toStd(iso, args[1]), options)
                .ToLocal(&result))
            args.GetReturnValue().Set(result);
        // else: the exception is pending and propagates to the caller
    }

    // native.resolveForMocking(specifier, importerId) -> JSON of a MockResolution.
    static void nativeResolveForMocking(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *impl = self(args);
        auto *iso = impl->isolate;
        MockResolution r;
        ++impl->outsideJs;
        try {
            r = impl->provider.resolveForMocking(toStd(iso, args[0]), toStd(iso, args[1]));
        } catch (const std::exception &e) {
            r.error = e.what();
        }
        --impl->outsideJs;
        auto context = iso->GetCurrentContext();
        auto out = v8::Object::New(iso);
        auto set = [&](const char *key, v8::Local<v8::Value> value) {
            out->Set(context, str(iso, key), value).Check();
        };
        set("ok", v8::Boolean::New(iso, r.ok));
        set("id", str(iso, r.id));
        set("file", str(iso, r.file));
        set("external", v8::Boolean::New(iso, r.external));
        set("interop", v8::Boolean::New(iso, r.interop));
        set("redirect", str(iso, r.mockRedirect));
        set("error", str(iso, r.error));
        args.GetReturnValue().Set(out);
    }

    // native.mock(id, redirectId, interop)
    static void nativeMock(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *iso = self(args)->isolate;
        realmOf(args)->runner()->mockModule(toStd(iso, args[0]), toStd(iso, args[1]),
                                            args[2]->BooleanValue(iso));
    }

    // native.setMockExports(id, object) -> false when `id` is not mocked
    static void nativeSetMockExports(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *iso = self(args)->isolate;
        if (!args[1]->IsObject()) {
            iso->ThrowException(
                v8::Exception::TypeError(str(iso, "setMockExports() expects an object")));
            return;
        }
        args.GetReturnValue().Set(
            realmOf(args)->runner()->setMockExports(toStd(iso, args[0]), args[1].As<v8::Object>()));
    }

    // native.unmock(id)
    static void nativeUnmock(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        realmOf(args)->runner()->unmockModule(toStd(self(args)->isolate, args[0]));
    }

    // native.resetModules() -> number of modules dropped. The engine's own
    // modules (the harness, cloudflare:test, ...) keep their instances, as
    // Vitest's resetModules skips its own dist.
    static void nativeResetModules(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        const auto dropped = realmOf(args)->runner()->resetModules([](const std::string &id) {
            return id.rfind("virtual:switchyard:", 0) == 0 &&
                   id.rfind("virtual:switchyard:ssr:", 0) != 0;
        });
        args.GetReturnValue().Set(int(dropped.size()));
    }

    static void nativeRefresh(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        realmOf(args)->runner()->refreshStatuses();
    }

    // ---- storage bindings (env.KV, env.DB) --------------------------------

    // Sets options.bindings = [{name, kind}] and options.bindingClasses = {kv, d1}:
    // the realm's KVNamespace and D1Database, each compiled as
    // `function (call) { ... }` and given native.binding as `call`. False with
    // a pending exception when a class does not compile.
    bool addBindingOptions(v8::Local<v8::Context> context, v8::Local<v8::Object> native,
                           v8::Local<v8::Object> opts,
                           const std::vector<BindingDescriptor> &bindings)
    {
        v8::Local<v8::Value> call;
        if (!native->Get(context, str(isolate, "binding")).ToLocal(&call))
            return false;
        auto classes = v8::Object::New(isolate);
        struct Factory {
            const char *kind;
            EmbeddedFunction function;
        };
        static const Factory factories[] = {
            {"kv", EmbeddedFunction("switchyard:binding-kv", embedded::kKvNamespaceJs, {"call"})},
            {"d1", EmbeddedFunction("switchyard:binding-d1", embedded::kD1DatabaseJs, {"call"})},
            {"assets",
             EmbeddedFunction("switchyard:binding-assets", embedded::kAssetsFetcherJs, {"call"})}};
        for (const auto &[kind, function] : factories) {
            v8::Local<v8::Function> factory;
            v8::Local<v8::Value> cls;
            if (!function.compile(context).ToLocal(&factory) ||
                !factory->Call(context, v8::Undefined(isolate), 1, &call).ToLocal(&cls))
                return false;
            function.markRan(factory);
            awaitRunCache(function, factory);
            classes->Set(context, str(isolate, kind), cls).Check();
        }
        auto list = v8::Array::New(isolate, static_cast<int>(bindings.size()));
        for (uint32_t i = 0; i < bindings.size(); ++i) {
            auto entry = v8::Object::New(isolate);
            entry->Set(context, str(isolate, "name"), str(isolate, bindings[i].name)).Check();
            entry
                ->Set(context, str(isolate, "kind"),
                      str(isolate, bindingKindName(bindings[i].kind)))
                .Check();
            list->Set(context, i, entry).Check();
        }
        opts->Set(context, str(isolate, "bindings"), list).Check();
        opts->Set(context, str(isolate, "bindingClasses"), classes).Check();
        return true;
    }

    // native.binding(name, op, argsJson, bytes?) -> [json, ArrayBuffer | undefined]:
    // one synchronous BindingHost call; its failure is thrown as the Error or
    // TypeError the worker expects. Counted as time outside JS (the CPU limit
    // ignores it, as workerd ignores I/O).
    // native.virtualFs(): the function (require, module, exports) of workerd's node:fs
    // (js/virtualFs.js over memfs), compiled in the calling context; the bootstrap runs it
    // once per isolate.
    static void nativeVirtualFs(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        static const EmbeddedFunction virtualFs("switchyard:virtual-fs", embedded::kVirtualFsBundle,
                                                {"require", "module", "exports"});
        v8::Local<v8::Function> fn;
        if (virtualFs.compile(args.GetIsolate()->GetCurrentContext()).ToLocal(&fn))
            args.GetReturnValue().Set(fn);
    }

    // native.peer(name): the `switchyard.worker` object (realmSetup.js) of the live realm
    // whose worker is named `name` (an auxiliary worker, or the worker under test), else
    // undefined. The newest realm of that name wins (a pooled host's earlier file's are gone).
    static void nativePeer(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *impl = self(args);
        v8::Isolate *iso = impl->isolate;
        const std::string name = toStd(iso, args[0]);
        Realm *found = nullptr;
        if (!name.empty() && impl->mainRealm.workerName == name)
            found = &impl->mainRealm;
        for (auto &[id, realm] : impl->realms)
            if (!name.empty() && realm->workerName == name && (!found || found->id < id))
                found = realm.get();
        if (!found || found->context.IsEmpty())
            return;
        v8::Local<v8::Context> peerContext = found->context.Get(iso);
        v8::Local<v8::Value> worker;
        if (peerContext->Global()
                ->Get(peerContext, v8::Symbol::For(iso, str(iso, "switchyard.worker")))
                .ToLocal(&worker))
            args.GetReturnValue().Set(worker);
    }

    static void nativeBinding(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *impl = self(args);
        v8::Isolate *iso = impl->isolate;
        auto context = iso->GetCurrentContext();
        const std::string binding = toStd(iso, args[0]);
        BindingHost *host = realmOf(args)->bindingHost.get();
        if (!host) {
            iso->ThrowException(v8::Exception::Error(
                str(iso, "Binding '" + binding +
                             "' has no storage behind it (no BindingHost in WorkerOptions)")));
            return;
        }
        const std::string op = toStd(iso, args[1]);
        const std::string json = toStd(iso, args[2]);
        std::span<const uint8_t> bytes;
        std::shared_ptr<v8::BackingStore> store;
        if (args.Length() > 3 && args[3]->IsArrayBufferView()) {
            auto view = args[3].As<v8::ArrayBufferView>();
            store = view->Buffer()->GetBackingStore();
            bytes = {static_cast<const uint8_t *>(store->Data()) + view->ByteOffset(),
                     view->ByteLength()};
        } else if (args.Length() > 3 && args[3]->IsArrayBuffer()) {
            store = args[3].As<v8::ArrayBuffer>()->GetBackingStore();
            bytes = {static_cast<const uint8_t *>(store->Data()), store->ByteLength()};
        }
        BindingResult result;
        ++impl->outsideJs;
        try {
            result = host->call(binding, op, json, bytes);
        } catch (const std::exception &e) {
            result = BindingResult::error(std::string("storage failure: ") + e.what());
        }
        --impl->outsideJs;
        if (!result.ok()) {
            auto message = str(iso, result.message);
            iso->ThrowException(result.status == BindingResult::Status::TypeError
                                    ? v8::Exception::TypeError(message)
                                    : v8::Exception::Error(message));
            return;
        }
        auto out = v8::Array::New(iso, 2);
        out->Set(context, 0, str(iso, result.json)).Check();
        if (!result.bytes.empty()) {
            auto buffer = v8::ArrayBuffer::New(iso, result.bytes.size());
            std::memcpy(buffer->GetBackingStore()->Data(), result.bytes.data(),
                        result.bytes.size());
            out->Set(context, 1, buffer).Check();
        }
        args.GetReturnValue().Set(out);
    }

    static v8::MaybeLocal<v8::Promise> onDynamicImport(v8::Local<v8::Context> context,
                                                       v8::Local<v8::Data>,
                                                       v8::Local<v8::Value> resourceName,
                                                       v8::Local<v8::String> specifier,
                                                       v8::Local<v8::FixedArray>)
    {
        Impl *impl = current;
        auto *iso = context->GetIsolate();
        v8::Local<v8::Value> referrer =
            resourceName->IsString() ? resourceName : v8::String::Empty(iso).As<v8::Value>();
        v8::Local<v8::Value> args[] = {specifier, referrer};
        v8::Local<v8::Value> result;
        if (!impl->realmOfContext(context)
                 ->importFn.Get(iso)
                 ->Call(context, v8::Undefined(iso), 2, args)
                 .ToLocal(&result))
            return {};
        return result.As<v8::Promise>();
    }

    static void onImportMeta(v8::Local<v8::Context> context, v8::Local<v8::Module> module,
                             v8::Local<v8::Object> meta)
    {
        Impl *impl = current;
        auto *iso = context->GetIsolate();
        ModuleRunner *runner = impl->realmOfContext(context)->runner();
        std::string id = runner ? runner->idOfScript(module->ScriptId()) : "";
        meta->CreateDataProperty(context, str(iso, "url"), str(iso, id)).Check();
    }
};

thread_local WorkerIsolate::Impl *WorkerIsolate::Impl::current = nullptr;

WorkerIsolate::WorkerIsolate(ModuleProvider &provider, WorkerOptions options)
    : impl_(std::make_unique<Impl>(provider, std::move(options)))
{
}

WorkerIsolate::~WorkerIsolate()
{
    stop();
}

void WorkerIsolate::start()
{
    {
        std::lock_guard lock(impl_->queueMutex);
        if (impl_->started)
            return;
        impl_->started = true;
    }
    JsPlatform::ensureInitialized();
    std::shared_ptr<AheadEnvironment> ahead;
    {
        std::lock_guard lock(g_aheadMutex);
        if (!aheadSlots().empty()) {
            ahead = std::move(aheadSlots().front());
            aheadSlots().pop_front();
        }
    }
    if (ahead) {
        // The environment made ahead: its thread becomes this isolate's.
        std::lock_guard lock(ahead->mutex);
        ahead->job = [this](std::unique_ptr<node::CommonEnvironmentSetup> made, std::string error) {
            impl_->adopted = std::move(made);
            impl_->adoptedError = std::move(error);
            impl_->hasAdopted = true;
            impl_->threadMain();
        };
        impl_->thread = std::move(ahead->thread);
        ahead->wake.notify_all();
    } else {
        impl_->thread = std::thread([this] { impl_->threadMain(); });
    }
    impl_->watchdog.start();
    std::unique_lock lock(impl_->startMutex);
    impl_->startCv.wait(lock, [&] { return impl_->startDone; });
    if (!impl_->startError.empty()) {
        lock.unlock();
        stop();
        throw std::runtime_error("WorkerIsolate: " + impl_->startError);
    }
}

namespace {

/// One environment made ahead, queued (g_aheadMutex held, JsPlatform initialized).
void makeEnvironmentAhead()
{
    auto ahead = std::make_shared<AheadEnvironment>();
    // The thread holds the object until it hands the environment over or dies with the process.
    ahead->thread = std::thread([ahead] {
        const auto t0 = Clock::now();
        std::string error;
        std::unique_ptr<node::CommonEnvironmentSetup> made = createWorkerEnvironment(error);
        startupTrace::mark("isolate: node environment created ahead", ms(Clock::now() - t0));
        std::function<void(std::unique_ptr<node::CommonEnvironmentSetup>, std::string)> job;
        {
            std::unique_lock wait(ahead->mutex);
            ahead->wake.wait(wait, [&] { return static_cast<bool>(ahead->job); });
            job = std::move(ahead->job);
        }
        job(std::move(made), std::move(error));
    });
    aheadSlots().push_back(std::move(ahead));
}

} // namespace

void WorkerIsolate::prepareEnvironmentAhead(size_t count)
{
    std::lock_guard lock(g_aheadMutex);
    if (aheadSlots().size() >= count)
        return;
    JsPlatform::ensureInitialized(); // Node's per-process start, on this thread (it edits environ)
    while (aheadSlots().size() < count)
        makeEnvironmentAhead();
}

void WorkerIsolate::discardEnvironmentsAhead()
{
    std::deque<std::shared_ptr<AheadEnvironment>> slots;
    {
        std::lock_guard lock(g_aheadMutex);
        slots.swap(aheadSlots());
    }
    for (const std::shared_ptr<AheadEnvironment> &ahead : slots) {
        {
            std::lock_guard lock(ahead->mutex);
            ahead->job = [](std::unique_ptr<node::CommonEnvironmentSetup> made, std::string) {
                if (!made)
                    return; // createEnvironment counted nothing
                made.reset();
                JsPlatform::isolateDisposed();
            };
        }
        ahead->wake.notify_all();
        ahead->thread.join(); // waits for an environment still being made
    }
}

size_t WorkerIsolate::environmentsAheadWaiting()
{
    std::lock_guard lock(g_aheadMutex);
    return aheadSlots().size();
}

void WorkerIsolate::stop()
{
    {
        std::lock_guard lock(impl_->queueMutex);
        if (impl_->stopRequested && !impl_->thread.joinable())
            return;
        impl_->stopRequested = true;
    }
    {
        std::lock_guard lock(impl_->envMutex);
        if (impl_->env)
            node::Stop(impl_->env);
    }
    if (impl_->thread.joinable())
        impl_->thread.join();
    impl_->watchdog.stop();
}

void WorkerIsolate::restart(const std::string &reason, bool nodejsCompat)
{
    {
        std::lock_guard lock(impl_->envMutex);
        impl_->options.nodejsCompat = nodejsCompat;
        impl_->restartReason = reason;
    }
    impl_->condemn(Impl::Kill::Restart);
}

void WorkerIsolate::setEnvJson(std::string envJson)
{
    std::lock_guard lock(impl_->envMutex);
    impl_->options.envJson = std::move(envJson);
}

std::string WorkerIsolate::envJson() const
{
    std::lock_guard lock(impl_->envMutex);
    return impl_->options.envJson;
}

void WorkerIsolate::preloadEntry(std::shared_ptr<ResponseWriter> done)
{
    {
        std::lock_guard lock(impl_->queueMutex);
        if (impl_->started && !impl_->stopRequested) {
            impl_->jobs.push_back({HttpRequest{}, std::string(), done, true});
            if (impl_->async)
                uv_async_send(impl_->async);
            return;
        }
    }
    done->fail("Worker stopped");
}

void WorkerIsolate::dispatchFetch(HttpRequest request, std::string baseUrl,
                                  std::shared_ptr<ResponseWriter> out)
{
    {
        std::lock_guard lock(impl_->queueMutex);
        if (impl_->started && !impl_->stopRequested) {
            impl_->jobs.push_back({std::move(request), std::move(baseUrl), out});
            if (impl_->async)
                uv_async_send(impl_->async);
            return;
        }
    }
    out->fail("Worker stopped");
}

int WorkerIsolate::createRealm(RealmOptions options, std::string *error)
{
    auto result = std::make_shared<std::promise<std::pair<int, std::string>>>();
    auto future = result->get_future();
    auto task = [impl = impl_.get(), options = std::move(options), result](bool run) {
        if (!run) {
            result->set_value({0, "Worker stopped"});
            return;
        }
        std::string why;
        const int id = impl->buildRealm(options, why);
        result->set_value({id, why});
    };
    {
        std::lock_guard lock(impl_->queueMutex);
        if (!impl_->started || impl_->stopRequested) {
            if (error)
                *error = "Worker stopped";
            return 0;
        }
        FetchJob job;
        job.task = std::move(task);
        impl_->jobs.push_back(std::move(job));
        if (impl_->async)
            uv_async_send(impl_->async);
    }
    auto [id, why] = future.get();
    if (error)
        *error = why;
    return id;
}

void WorkerIsolate::dispatchFetch(int realm, HttpRequest request, std::string baseUrl,
                                  std::shared_ptr<ResponseWriter> out)
{
    {
        std::lock_guard lock(impl_->queueMutex);
        if (impl_->started && !impl_->stopRequested) {
            FetchJob job{std::move(request), std::move(baseUrl), out};
            job.realm = realm;
            impl_->jobs.push_back(std::move(job));
            if (impl_->async)
                uv_async_send(impl_->async);
            return;
        }
    }
    out->fail("Worker stopped");
}

size_t WorkerIsolate::heapUsedBytes(bool collectGarbageFirst)
{
    auto result = std::make_shared<std::promise<size_t>>();
    auto future = result->get_future();
    {
        std::lock_guard lock(impl_->queueMutex);
        if (!impl_->started || impl_->stopRequested)
            return 0;
        FetchJob job;
        job.task = [impl = impl_.get(), collectGarbageFirst, result](bool run) {
            if (!run) {
                result->set_value(0);
                return;
            }
            if (collectGarbageFirst)
                impl->isolate->LowMemoryNotification();
            v8::HeapStatistics stats;
            impl->isolate->GetHeapStatistics(&stats);
            result->set_value(stats.used_heap_size());
        };
        impl_->jobs.push_back(std::move(job));
        if (impl_->async)
            uv_async_send(impl_->async);
    }
    return future.get();
}

void WorkerIsolate::destroyRealm(int realm)
{
    std::lock_guard lock(impl_->queueMutex);
    if (!impl_->started || impl_->stopRequested)
        return;
    FetchJob job;
    job.task = [impl = impl_.get(), realm](bool run) {
        if (run)
            impl->dropRealm(realm);
    };
    impl_->jobs.push_back(std::move(job));
    if (impl_->async)
        uv_async_send(impl_->async);
}

std::vector<EvaluatedModule> WorkerIsolate::evaluatedModules() const
{
    std::lock_guard lock(impl_->runnerMutex);
    return impl_->runner ? impl_->runner->evaluatedModules() : std::vector<EvaluatedModule>{};
}

std::vector<std::string> WorkerIsolate::invalidate(const std::vector<std::string> &ids)
{
    std::lock_guard lock(impl_->runnerMutex);
    return impl_->runner ? impl_->runner->invalidate(ids) : std::vector<std::string>{};
}

std::vector<std::string> WorkerIsolate::clearCache()
{
    std::lock_guard lock(impl_->runnerMutex);
    return impl_->runner ? impl_->runner->clearCache() : std::vector<std::string>{};
}

double WorkerIsolate::startupMs() const
{
    return impl_->startupMs.load();
}
int WorkerIsolate::environmentGeneration() const
{
    return impl_->generation.load();
}

} // namespace sy
