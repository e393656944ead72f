#include "js/toolHost.h"

#include "core/startupTrace.h"

#include "js/cpuWatchdog.h"
#include "js/embeddedScripts.h"
#include "js/heapLimit.h"
#include "js/jsPlatform.h"
#include "js/modernBuiltins.h"
#include "js/v8Strings.h"

#include <node.h>
#include <uv.h>
#include <v8.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace sy {
namespace {

using v8util::str;
using v8util::toStd;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string describeException(v8::Isolate *isolate, v8::TryCatch &tryCatch)
{
    if (tryCatch.HasTerminated())
        return "execution terminated";
    v8::Local<v8::Value> stack;
    if (tryCatch.StackTrace(isolate->GetCurrentContext()).ToLocal(&stack) && stack->IsString())
        return toStd(isolate, stack);
    return toStd(isolate, tryCatch.Exception());
}

using Promise = std::promise<ToolCallResult>;

struct Job {
    uint64_t id = 0;
    std::string tool, function, args;
    std::shared_ptr<Promise> result;
};

ToolCallResult failure(std::string message)
{
    ToolCallResult r;
    r.error = std::move(message);
    r.json = "{\"message\":" + [&] {
        std::string q = "\"";
        for (char c : r.error) {
            if (c == '"' || c == '\\')
                q += '\\', q += c;
            else if (static_cast<unsigned char>(c) < 0x20)
                q += ' ';
            else
                q += c;
        }
        return q + "\"";
    }() + "}";
    return r;
}

} // namespace

struct ToolHost::Impl {
    ToolHostOptions options;
    std::thread thread;

    std::mutex mutex; // guards the fields up to `env`
    std::condition_variable cv;
    std::deque<Job> jobs;
    std::map<std::string, std::pair<std::string, uint64_t>> tools; // name -> source, version
    uint64_t nextToolVersion = 0;
    uv_async_t *async = nullptr; // the current environment's wakeup
    node::Environment *env = nullptr;
    bool threadStarted = false;
    bool stopRequested = false;
    uint64_t nextCallId = 0;

    enum class Kill { None, Cpu, Memory, Restart };
    std::atomic<Kill> kill{Kill::None};
    std::atomic<int> outsideJs{0};
    std::atomic<double> startupMs{0};
    std::atomic<int> generation{0};
    HeapLimit heapLimit;
    CpuWatchdog watchdog;

    // Host-thread state of the current environment.
    v8::Isolate *isolate = nullptr;
    std::unique_ptr<node::CommonEnvironmentSetup> setup;
    v8::Global<v8::Function> loadFn, callFn;
    std::map<std::string, uint64_t> loaded; // tool -> version loaded in this environment
    std::unordered_map<uint64_t, std::shared_ptr<Promise>> inflight;
    std::string exitReason;

    explicit Impl(ToolHostOptions o)
        : options(std::move(o)),
          heapLimit(size_t(options.memoryLimitMb) << 20, [this] { return condemn(Kill::Memory); }),
          watchdog(
              options.cpuLimitMs, &outsideJs, [this] { return condemn(Kill::Cpu); },
              [this] { heapLimit.requestCheck(); })
    {
    }

    bool condemn(Kill why)
    {
        std::lock_guard lock(mutex);
        if (!env)
            return false;
        Kill none = Kill::None;
        if (kill.compare_exchange_strong(none, why))
            node::Stop(env);
        return true;
    }

    std::string endReason() const
    {
        switch (kill.load()) {
        case Kill::Cpu:
            return "the tool host exceeded its CPU time limit (" +
                   std::to_string(options.cpuLimitMs) + " ms in one turn) and was restarted";
        case Kill::Memory:
            return "the tool host exceeded its memory limit (" +
                   std::to_string(options.memoryLimitMb) + " MB) and was restarted";
        case Kill::Restart:
            return "the tool host was restarted";
        case Kill::None:
            break;
        }
        return exitReason.empty() ? "the tool host stopped" : exitReason;
    }

    static void onLoopTurn(uv_prepare_t *handle)
    {
        auto *impl = static_cast<Impl *>(handle->data);
        impl->watchdog.turnBoundary();
        impl->heapLimit.atTurnBoundary();
    }
    static void onLoopCheck(uv_check_t *handle)
    {
        static_cast<Impl *>(handle->data)->watchdog.turnBoundary();
    }

    // ---- host thread ------------------------------------------------------

    void threadMain()
    {
        for (;;) {
            {
                std::unique_lock lock(mutex);
                cv.wait(lock, [&] { return stopRequested || !jobs.empty(); });
                if (stopRequested)
                    break;
            }
            std::string error;
            try {
                runOneEnvironment(error);
            } catch (const std::exception &e) {
                error = std::string("unexpected exception: ") + e.what();
            } catch (...) {
                error = "unexpected exception";
            }
            if (!error.empty()) { // could not start: fail what waits, try again on the next call
                std::deque<Job> failed;
                {
                    std::lock_guard lock(mutex);
                    failed.swap(jobs);
                }
                for (auto &job : failed)
                    job.result->set_value(failure("cannot start the tool host: " + error));
            }
        }
        std::deque<Job> left;
        {
            std::lock_guard lock(mutex);
            left.swap(jobs);
        }
        for (auto &job : left)
            job.result->set_value(failure("the tool host stopped"));
    }

    void runOneEnvironment(std::string &error)
    {
        const auto t0 = Clock::now();
        setup = JsPlatform::createEnvironment("switchyard-tools",
                                              node::EnvironmentFlags::kNoCreateInspector |
                                                  node::EnvironmentFlags::kNoGlobalSearchPaths,
                                              error);
        if (!setup)
            return;
        isolate = setup->isolate();
        startupTrace::mark("tool host: node environment created", msSince(t0));
        uv_loop_t *loop = setup->event_loop();
        uv_prepare_t turnPrepare;
        uv_check_t turnCheck;
        uv_prepare_init(loop, &turnPrepare);
        uv_check_init(loop, &turnCheck);
        turnPrepare.data = turnCheck.data = this;
        uv_prepare_start(&turnPrepare, &Impl::onLoopTurn);
        uv_check_start(&turnCheck, &Impl::onLoopCheck);
        uv_unref(reinterpret_cast<uv_handle_t *>(&turnPrepare));
        uv_unref(reinterpret_cast<uv_handle_t *>(&turnCheck));
        exitReason.clear();
        {
            v8::Locker locker(isolate);
            v8::Isolate::Scope isolateScope(isolate);
            heapLimit.attach(isolate);
            watchdog.attachCurrentThread();
            v8::HandleScope handles(isolate);
            auto context = setup->context();
            v8::Context::Scope contextScope(context);
            node::SetProcessExitHandler(setup->env(), [this](node::Environment *e, int code) {
                exitReason = "a tool called process.exit(" + std::to_string(code) +
                             "): the tool host was restarted";
                node::Stop(e);
            });
            v8::TryCatch tryCatch(isolate);
            v8::Local<v8::Value> api;
            if (!node::LoadEnvironment(setup->env(),
                                       [&](const node::StartExecutionCallbackInfo &info) {
                                           return runBootstrap(context, info);
                                       })
                     .ToLocal(&api) ||
                !api->IsObject()) {
                error = "tool host bootstrap failed: " + describeException(isolate, tryCatch);
            } else {
                auto obj = api.As<v8::Object>();
                auto fn = [&](const char *name) {
                    return obj->Get(context, str(isolate, name))
                        .ToLocalChecked()
                        .As<v8::Function>();
                };
                loadFn.Reset(isolate, fn("load"));
                callFn.Reset(isolate, fn("call"));
                loaded.clear();
                auto *handle = new uv_async_t;
                uv_async_init(loop, handle, &Impl::onAsync);
                handle->data = this;
                {
                    std::lock_guard lock(mutex);
                    env = setup->env();
                    async = handle;
                    ++generation;
                    if (stopRequested)
                        node::Stop(env);
                    else
                        uv_async_send(async);
                }
                startupMs = msSince(t0);
                startupTrace::mark("tool host started", startupMs);

                (void)node::SpinEventLoop(setup->env());

                {
                    std::lock_guard lock(mutex);
                    env = nullptr;
                    async = nullptr;
                }
                uv_close(reinterpret_cast<uv_handle_t *>(handle),
                         [](uv_handle_t *h) { delete reinterpret_cast<uv_async_t *>(h); });
                const std::string reason = endReason();
                for (auto &[id, promise] : inflight)
                    promise->set_value(failure(reason));
                inflight.clear();
            }
            loadFn.Reset();
            callFn.Reset();
            uv_close(reinterpret_cast<uv_handle_t *>(&turnPrepare), nullptr);
            uv_close(reinterpret_cast<uv_handle_t *>(&turnCheck), nullptr);
            uv_run(loop, UV_RUN_NOWAIT);
            watchdog.detach();
            heapLimit.detach();
        }
        setup.reset();
        isolate = nullptr;
        JsPlatform::isolateDisposed();
        kill = Kill::None;
    }

    v8::MaybeLocal<v8::Value> runBootstrap(v8::Local<v8::Context> context,
                                           const node::StartExecutionCallbackInfo &info)
    {
        v8::EscapableHandleScope scope(isolate);
        // The built-ins of newer V8s that packages a config imports use (undici in miniflare:
        // String.prototype.toWellFormed), as in the worker isolates.
        if (!modernBuiltins::install(context))
            return {};
        v8::ScriptOrigin origin(isolate, str(isolate, "switchyard:tool-host-bootstrap"));
        v8::ScriptCompiler::Source source(
            v8util::embeddedSource(isolate, embedded::kToolHostBootstrap), origin);
        v8::Local<v8::String> params[] = {str(isolate, "process"), str(isolate, "require"),
                                          str(isolate, "native"), str(isolate, "options")};
        v8::Local<v8::Function> fn;
        if (!v8::ScriptCompiler::CompileFunction(context, &source, 4, params).ToLocal(&fn))
            return {};
        auto native = v8::Object::New(isolate);
        auto data = v8::External::New(isolate, this);
        native
            ->Set(context, str(isolate, "done"),
                  v8::FunctionTemplate::New(isolate, &Impl::nativeDone, data)
                      ->GetFunction(context)
                      .ToLocalChecked())
            .Check();
        auto opts = v8::Object::New(isolate);
        opts->Set(context, str(isolate, "toolsJsDir"), str(isolate, options.toolsJsDir)).Check();
        v8::Local<v8::Value> args[] = {info.process_object, info.native_require, native, opts};
        v8::Local<v8::Value> result;
        if (!fn->Call(context, v8::Undefined(isolate), 4, args).ToLocal(&result))
            return {};
        return scope.Escape(result);
    }

    // native.done(id, ok, json)
    static void nativeDone(const v8::FunctionCallbackInfo<v8::Value> &args)
    {
        auto *impl = static_cast<Impl *>(args.Data().As<v8::External>()->Value());
        auto *iso = impl->isolate;
        auto context = iso->GetCurrentContext();
        const auto id = static_cast<uint64_t>(args[0]->NumberValue(context).FromMaybe(0));
        auto it = impl->inflight.find(id);
        if (it == impl->inflight.end())
            return;
        ToolCallResult r;
        r.ok = args[1]->BooleanValue(iso);
        r.json = toStd(iso, args[2]);
        if (!r.ok) {
            // the message, for callers that do not parse the JSON
            v8::Local<v8::Value> parsed;
            v8::Local<v8::Value> message;
            if (v8::JSON::Parse(context, args[2].As<v8::String>()).ToLocal(&parsed) &&
                parsed->IsObject() &&
                parsed.As<v8::Object>()->Get(context, str(iso, "message")).ToLocal(&message))
                r.error = toStd(iso, message);
            if (r.error.empty())
                r.error = "tool failed";
        }
        auto promise = std::move(it->second);
        impl->inflight.erase(it);
        promise->set_value(std::move(r));
    }

    static void onAsync(uv_async_t *handle) { static_cast<Impl *>(handle->data)->drain(); }

    void drain()
    {
        for (;;) {
            Job job;
            std::pair<std::string, uint64_t> tool{"", 0};
            bool haveTool = false;
            {
                std::lock_guard lock(mutex);
                if (jobs.empty() || stopRequested || kill.load() != Kill::None ||
                    !exitReason.empty())
                    return;
                job = std::move(jobs.front());
                jobs.pop_front();
                auto it = tools.find(job.tool);
                if (it != tools.end()) {
                    tool = it->second;
                    haveTool = true;
                }
            }
            watchdog.turnBoundary();
            try {
                run(job, haveTool ? &tool : nullptr);
            } catch (const std::exception &e) {
                inflight.erase(job.id);
                job.result->set_value(failure(std::string("tool host: ") + e.what()));
            }
        }
    }

    void run(Job &job, const std::pair<std::string, uint64_t> *tool)
    {
        v8::HandleScope handles(isolate);
        auto context = setup->context();
        v8::Context::Scope contextScope(context);
        node::CallbackScope callbackScope(isolate, v8::Object::New(isolate),
                                          node::async_context{0, 0});
        v8::TryCatch tryCatch(isolate);
        if (tool) {
            auto it = loaded.find(job.tool);
            if (it == loaded.end() || it->second != tool->second) {
                v8::Local<v8::Value> args[] = {str(isolate, job.tool), str(isolate, tool->first)};
                if (loadFn.Get(isolate)->Call(context, v8::Undefined(isolate), 2, args).IsEmpty()) {
                    job.result->set_value(failure("loading tool '" + job.tool + "' failed: " +
                                                  describeException(isolate, tryCatch)));
                    return;
                }
                loaded[job.tool] = tool->second;
            }
        }
        inflight[job.id] = job.result;
        v8::Local<v8::Value> args[] = {v8::Number::New(isolate, double(job.id)),
                                       str(isolate, job.tool), str(isolate, job.function),
                                       str(isolate, job.args)};
        if (callFn.Get(isolate)->Call(context, v8::Undefined(isolate), 4, args).IsEmpty() &&
            tryCatch.HasCaught() && !tryCatch.HasTerminated()) {
            auto it = inflight.find(job.id);
            if (it != inflight.end()) {
                inflight.erase(it);
                job.result->set_value(failure(describeException(isolate, tryCatch)));
            }
        }
    }
};

ToolHost::ToolHost(ToolHostOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}

ToolHost::~ToolHost()
{
    shutdown();
}

void ToolHost::shutdown()
{
    {
        std::lock_guard lock(m_impl->mutex);
        m_impl->stopRequested = true;
        if (m_impl->env)
            node::Stop(m_impl->env);
    }
    m_impl->cv.notify_all();
    if (m_impl->thread.joinable())
        m_impl->thread.join();
    m_impl->watchdog.stop();
}

namespace {
ToolHost *g_shared = nullptr;
}

ToolHost &ToolHost::shared(const std::string &toolsJsDir)
{
    // Never deleted (a caller may still hold it during exit), but stopped by
    // an exit handler: an environment left running at exit (its isolate's GC
    // tasks on the platform's threads) crashed the process now and then.
    // Registered after the platform's own handler, so it runs before it and
    // the platform sees no live isolate when it tears V8 down.
    static ToolHost *host = [&] {
        JsPlatform::ensureInitialized();
        g_shared = new ToolHost(ToolHostOptions{toolsJsDir});
        std::atexit([] { g_shared->shutdown(); });
        return g_shared;
    }();
    return *host;
}

void ToolHost::registerTool(const std::string &name, const std::string &source)
{
    std::lock_guard lock(m_impl->mutex);
    auto &slot = m_impl->tools[name];
    if (slot.first == source && slot.second != 0)
        return;
    slot = {source, ++m_impl->nextToolVersion};
}

bool ToolHost::hasTool(const std::string &name) const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->tools.count(name) != 0;
}

ToolCallResult ToolHost::call(const std::string &tool, const std::string &function,
                              const std::string &argsJson, std::chrono::milliseconds timeout)
{
    const auto t0 = Clock::now();
    auto promise = std::make_shared<Promise>();
    auto future = promise->get_future();
    {
        std::lock_guard lock(m_impl->mutex);
        if (m_impl->stopRequested) {
            auto r = failure("the tool host stopped");
            r.durationMs = msSince(t0);
            return r;
        }
        if (!m_impl->threadStarted) {
            m_impl->threadStarted = true;
            JsPlatform::ensureInitialized();
            m_impl->thread = std::thread([impl = m_impl.get()] { impl->threadMain(); });
            m_impl->watchdog.start();
        }
        m_impl->jobs.push_back({++m_impl->nextCallId, tool, function, argsJson, promise});
        if (m_impl->async)
            uv_async_send(m_impl->async);
    }
    m_impl->cv.notify_all();
    ToolCallResult result;
    if (future.wait_for(timeout) == std::future_status::ready) {
        result = future.get();
    } else {
        result = failure("the tool call " + tool + "." + function + " timed out after " +
                         std::to_string(timeout.count()) + " ms");
        result.timedOut = true;
    }
    result.durationMs = msSince(t0);
    return result;
}

void ToolHost::restart()
{
    std::lock_guard lock(m_impl->mutex);
    if (!m_impl->env)
        return;
    Impl::Kill none = Impl::Kill::None;
    if (m_impl->kill.compare_exchange_strong(none, Impl::Kill::Restart))
        node::Stop(m_impl->env);
}

double ToolHost::startupMs() const
{
    return m_impl->startupMs.load();
}

int ToolHost::generation() const
{
    return m_impl->generation.load();
}

} // namespace sy
