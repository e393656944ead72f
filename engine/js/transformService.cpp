#include "js/transformService.h"

#include "core/hash.h"
#include "core/jsString.h"
#include "js/v8Strings.h"

#include "core/startupTrace.h"
#include "js/embeddedScripts.h"
#include "js/jsPlatform.h"
#include "js/moduleCodeCache.h"
#include "js/transformDiskCache.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <node.h>
#include <uv.h>
#include <v8.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace sy {
namespace {

using v8util::toStd;

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// Reads the fields of a transform's result object.
struct ResultReader {
    v8::Isolate *isolate;
    v8::Local<v8::Context> ctx;
    v8::Local<v8::Object> obj;

    v8::Local<v8::Value> get(const char *key) const
    {
        return obj->Get(ctx, v8::String::NewFromUtf8(isolate, key).ToLocalChecked())
            .FromMaybe(v8::Local<v8::Value>(v8::Undefined(isolate)));
    }
    bool boolean(const char *key) const { return get(key)->BooleanValue(isolate); }
    std::string string(const char *key) const { return toStd(isolate, get(key)); }
    int integer(const char *key) const { return get(key)->Int32Value(ctx).FromMaybe(0); }
};

} // namespace

TransformOptions TransformOptions::forFile(std::string filename)
{
    TransformOptions o;
    o.filename = std::move(filename);
    std::string_view f = o.filename;
    if (auto q = f.find('?'); q != std::string_view::npos)
        f = f.substr(0, q);
    o.typescript =
        endsWith(f, ".ts") || endsWith(f, ".tsx") || endsWith(f, ".mts") || endsWith(f, ".cts");
    o.jsx = endsWith(f, ".tsx") || endsWith(f, ".jsx") || endsWith(f, ".js");
    return o;
}

struct TransformService::Impl {
    uv_loop_t loop{};
    std::unique_ptr<v8::ArrayBuffer::Allocator> allocator;
    v8::Isolate *isolate = nullptr;
    v8::Global<v8::Context> context;
    v8::Global<v8::Function> transformFn;
    v8::Global<v8::UnboundScript> script; // for its code cache, after the first call
    std::string codeCacheKey;             // empty once produced (or consumed)
    double startupMs = 0;
    std::mutex mutex; // serialises callers before the Locker (fair enough, cheap)

    /// Creates the isolate and evaluates `bundle` (`label` names it in errors),
    /// which must define the global function `functionName`.
    Impl(std::string_view bundle, const char *label, const char *functionName)
    {
        auto *platform = JsPlatform::platform(); // one-time init is not part of startupMs
        const auto t0 = Clock::now();
        uv_loop_init(&loop);
        allocator.reset(v8::ArrayBuffer::Allocator::NewDefaultAllocator());
        v8::Isolate::CreateParams params;
        params.array_buffer_allocator = allocator.get();
        isolate = v8::Isolate::Allocate();
        platform->RegisterIsolate(isolate, &loop);
        v8::Isolate::Initialize(isolate, params);
        JsPlatform::isolateCreated();

        v8::Locker locker(isolate);
        v8::Isolate::Scope isolateScope(isolate);
        v8::HandleScope handles(isolate);
        auto ctx = v8::Context::New(isolate);
        v8::Context::Scope contextScope(ctx);
        context.Reset(isolate, ctx);
        v8::TryCatch tryCatch(isolate);
        auto src = v8::String::NewFromUtf8(isolate, bundle.data(), v8::NewStringType::kNormal,
                                           static_cast<int>(bundle.size()))
                       .ToLocalChecked();
        v8::ScriptOrigin origin(isolate, v8::String::NewFromUtf8(isolate, label).ToLocalChecked());
        // The bundle's bytecode from an earlier process when the disk tier has
        // it (moduleCodeCache.h): parsing ~200 KB costs tens of ms per start.
        const std::string key = ModuleCodeCache::keyForEmbedded(label, bundle);
        std::shared_ptr<const ModuleCodeCache::Bytes> cached =
            ModuleCodeCache::instance().find(key);
        v8::ScriptCompiler::Source source(
            src, origin,
            cached ? new v8::ScriptCompiler::CachedData(
                         cached->data(), static_cast<int>(cached->size()),
                         v8::ScriptCompiler::CachedData::BufferNotOwned)
                   : nullptr);
        v8::Local<v8::Script> compiled;
        v8::Local<v8::Value> fn;
        const bool ok = v8::ScriptCompiler::Compile(ctx, &source,
                                                    cached ? v8::ScriptCompiler::kConsumeCodeCache
                                                           : v8::ScriptCompiler::kNoCompileOptions)
                            .ToLocal(&compiled);
        if (ok && cached && source.GetCachedData()->rejected) {
            ModuleCodeCache::instance().reject(key);
            cached.reset();
        }
        if (ok && !cached) { // produced after the first call, with what it compiled
            codeCacheKey = key;
            script.Reset(isolate, compiled->GetUnboundScript());
        }
        if (!ok || compiled->Run(ctx).IsEmpty() ||
            !ctx->Global()
                 ->Get(ctx, v8::String::NewFromUtf8(isolate, functionName).ToLocalChecked())
                 .ToLocal(&fn) ||
            !fn->IsFunction()) {
            std::string msg = tryCatch.HasCaught() ? toStd(isolate, tryCatch.Exception())
                                                   : std::string(functionName) + " missing";
            throw std::runtime_error(std::string("TransformService: cannot load ") + label + ": " +
                                     msg);
        }
        transformFn.Reset(isolate, fn.As<v8::Function>());
        startupMs = msSince(t0);
        startupTrace::mark(
            std::string("transform isolate ") + label + (cached ? " (code cache)" : ""), startupMs);
    }

    /// Calls the bundle's function with (source, optionsJson) on this isolate
    /// (serialised) and hands the result object to `read`; a throw or a
    /// non-object result leaves `error` set instead.
    template <typename Read>
    void call(std::string_view source, const std::string &optionsJson, std::string &error,
              Read read)
    {
        std::lock_guard guard(mutex);
        {
            v8::Locker locker(isolate);
            v8::Isolate::Scope isolateScope(isolate);
            v8::HandleScope handles(isolate);
            auto ctx = context.Get(isolate);
            v8::Context::Scope contextScope(ctx);
            v8::TryCatch tryCatch(isolate);
            v8::Local<v8::String> src, opts;
            v8::Local<v8::Value> result;
            if (!v8::String::NewFromUtf8(isolate, source.data(), v8::NewStringType::kNormal,
                                         static_cast<int>(source.size()))
                     .ToLocal(&src) ||
                !v8::String::NewFromUtf8(isolate, optionsJson.data(), v8::NewStringType::kNormal,
                                         static_cast<int>(optionsJson.size()))
                     .ToLocal(&opts)) {
                error = "source too large or not UTF-8";
            } else if (v8::Local<v8::Value> args[] = {src, opts};
                       !transformFn.Get(isolate)
                            ->Call(ctx, ctx->Global(), 2, args)
                            .ToLocal(&result) ||
                       !result->IsObject()) {
                error = tryCatch.HasCaught() ? toStd(isolate, tryCatch.Exception())
                                             : std::string("transform failed");
            } else {
                read(ResultReader{isolate, ctx, result.As<v8::Object>()});
            }
            isolate->PerformMicrotaskCheckpoint();
            if (!codeCacheKey.empty() && error.empty()) {
                if (!ModuleCodeCache::instance().contains(codeCacheKey)) {
                    std::unique_ptr<v8::ScriptCompiler::CachedData> data(
                        v8::ScriptCompiler::CreateCodeCache(script.Get(isolate)));
                    if (data && data->length > 0)
                        ModuleCodeCache::instance().store(
                            codeCacheKey,
                            ModuleCodeCache::Bytes(data->data, data->data + data->length));
                }
                codeCacheKey.clear();
                script.Reset();
            }
        }
        JsPlatform::platform()->FlushForegroundTasks(isolate);
    }

    ~Impl()
    {
        {
            v8::Locker locker(isolate);
            transformFn.Reset();
            script.Reset();
            context.Reset();
        }
        auto *platform = JsPlatform::platform();
        bool finished = false;
        platform->AddIsolateFinishedCallback(
            isolate, [](void *data) { *static_cast<bool *>(data) = true; }, &finished);
        platform->UnregisterIsolate(isolate);
        isolate->Dispose();
        while (!finished)
            uv_run(&loop, UV_RUN_ONCE);
        uv_run(&loop, UV_RUN_NOWAIT);
        uv_loop_close(&loop);
        JsPlatform::isolateDisposed();
    }
};

namespace {
// What sucrase makes of a small component module (JSX as jsxDEV calls, a hook).
constexpr std::string_view kRefreshWarmUpModule =
    "import { jsxDEV as _jsxDEV } from \"react/jsx-dev-runtime\";\n"
    "import { useState } from \"react\";\n"
    "export function Counter({ start }) {\n"
    "  const [count, setCount] = useState(start);\n"
    "  return _jsxDEV(\"button\", { onClick: () => setCount(count + 1), children: count }, "
    "void 0, false);\n"
    "}\n"
    "export default function App() {\n"
    "  return _jsxDEV(Counter, { start: 1 }, void 0, false);\n"
    "}\n";

/// Disk cache keys of one transformer: `kind`, a hash of its embedded bundle (computed once,
/// on first use), the memo key of (options, source).
std::string diskKey(const char *kind, std::string_view bundle, const std::string &memoKey)
{
    static std::mutex mutex;
    static std::unordered_map<const char *, std::string> identities;
    std::string identity;
    {
        std::lock_guard lock(mutex);
        std::string &known = identities[bundle.data()];
        if (known.empty())
            known = sha256Hex(bundle).substr(0, 16);
        identity = known;
    }
    return std::string(kind) + ':' + identity + ':' + memoKey;
}
} // namespace

TransformService::TransformService() = default;

TransformService::Impl &TransformService::impl()
{
    // Created on first use, so a caller can hold the service while the
    // isolate's creation (~20 ms) overlaps other start-up work.
    std::call_once(implOnce_, [this] {
        impl_ = std::make_unique<Impl>(embedded::kSucraseBundle, "sy:sucrase", "__syTransform");
    });
    return *impl_;
}

TransformService::Impl &TransformService::refreshImpl()
{
    std::call_once(refreshOnce_, [this] {
        refreshImpl_ = std::make_unique<Impl>(embedded::kReactRefreshBabelBundle,
                                              "sy:react-refresh-babel", "__syReactRefresh");
    });
    return *refreshImpl_;
}

TransformService::Impl &TransformService::hoistImpl()
{
    std::call_once(hoistOnce_, [this] {
        hoistImpl_ =
            std::make_unique<Impl>(embedded::kMockHoistBundle, "sy:mock-hoist", "__syHoistMocks");
    });
    return *hoistImpl_;
}

double TransformService::reactRefreshStartupMs()
{
    return refreshImpl().startupMs;
}

void TransformService::warmUpReactRefresh()
{
    std::call_once(warmUpOnce_, [this] {
        warmUp_ = std::thread([this] {
            // Background work: the start's critical path (crawl, worker isolate) goes first.
            // Linux lets a thread lower its own priority (nice) without privileges.
            setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
            try {
                refreshImpl();
            } catch (const std::exception &) {
                // call_once did not complete: the next caller tries again and gets the error.
                return;
            }
            // One component through the pass: Babel's parser, traverse and generator are
            // compiled (and their code cache produced) before the first client module asks,
            // which otherwise pays ~140 ms of lazy compilation on a 2-core machine.
            reactRefresh(kRefreshWarmUpModule, "/@switchyard/warm-up.jsx");
        });
    });
}
TransformService::~TransformService()
{
    if (warmUp_.joinable())
        warmUp_.join();
}

double TransformService::startupMs() const
{
    return const_cast<TransformService *>(this)->impl().startupMs;
}

TransformService &TransformService::shared()
{
    static TransformService service;
    return service;
}

TransformOutput TransformService::transform(std::string_view source, const TransformOptions &o)
{
    const std::string optionsJson = std::string("{\"filename\":") + jsStringLiteral(o.filename) +
                                    ",\"typescript\":" + (o.typescript ? "true" : "false") +
                                    ",\"jsx\":" + (o.jsx ? "true" : "false") +
                                    ",\"jsxDev\":" + (o.jsxDev ? "true" : "false") +
                                    ",\"jsxImportSource\":" + jsStringLiteral(o.jsxImportSource) +
                                    ",\"sourceMap\":" + (o.sourceMap ? "true" : "false") + "}";
    TransformOutput out;
    const auto t0 = Clock::now();
    const std::string key = ContentMemo<TransformOutput>::keyOf(optionsJson, source);
    if (std::optional<TransformOutput> known = transformMemo_.find(key)) {
        known->durationMs = msSince(t0);
        return *known;
    }
    TransformDiskCache &disk = TransformDiskCache::instance();
    const std::string fileKey =
        disk.enabled() ? diskKey("sucrase", embedded::kSucraseBundle, key) : std::string();
    if (std::optional<TransformOutput> stored =
            fileKey.empty() ? std::nullopt : disk.findTransform(fileKey)) {
        stored->durationMs = msSince(t0);
        transformMemo_.insert(key, *stored,
                              stored->code.size() + stored->sourceMapJson.size() + key.size());
        return *stored;
    }
    impl().call(source, optionsJson, out.error, [&](const ResultReader &r) {
        out.ok = r.boolean("ok");
        if (out.ok) {
            out.code = r.string("code");
            out.sourceMapJson = r.string("map");
        } else {
            out.error = r.string("error");
            out.line = r.integer("line");
            out.column = r.integer("column");
        }
    });
    out.durationMs = msSince(t0);
    if (out.ok || out.line > 0) // not a failure of the isolate itself
        transformMemo_.insert(key, out, out.code.size() + out.sourceMapJson.size() + key.size());
    if (!fileKey.empty())
        disk.storeTransform(fileKey, out);
    return out;
}

RefreshTransformOutput TransformService::reactRefresh(std::string_view source,
                                                      const std::string &filename)
{
    const std::string optionsJson = "{\"filename\":" + jsStringLiteral(filename) + "}";
    RefreshTransformOutput out;
    const std::string key = ContentMemo<RefreshTransformOutput>::keyOf(optionsJson, source);
    if (std::optional<RefreshTransformOutput> known = refreshMemo_.find(key)) {
        known->durationMs = 0;
        return *known;
    }
    TransformDiskCache &disk = TransformDiskCache::instance();
    const std::string fileKey =
        disk.enabled() ? diskKey("react-refresh", embedded::kReactRefreshBabelBundle, key)
                       : std::string();
    if (std::optional<RefreshTransformOutput> stored =
            fileKey.empty() ? std::nullopt : disk.findRefresh(fileKey)) {
        refreshMemo_.insert(key, *stored, stored->code.size() + key.size());
        return *stored;
    }
    Impl &d = refreshImpl(); // created outside the timing: reactRefreshStartupMs()
    const auto t0 = Clock::now();
    d.call(source, optionsJson, out.error, [&](const ResultReader &r) {
        out.ok = r.boolean("ok");
        if (out.ok) {
            out.refreshed = r.boolean("refreshed");
            out.code = r.string("code");
        } else {
            out.error = r.string("error");
            out.line = r.integer("line");
            out.column = r.integer("column");
        }
    });
    out.durationMs = msSince(t0);
    if (out.ok || out.line > 0)
        refreshMemo_.insert(key, out, out.code.size() + key.size());
    if (!fileKey.empty())
        disk.storeRefresh(fileKey, out);
    return out;
}

MockHoistOutput TransformService::hoistMocks(std::string_view source, const std::string &filename)
{
    const std::string optionsJson = "{\"filename\":" + jsStringLiteral(filename) + "}";
    MockHoistOutput out;
    Impl &d = hoistImpl();
    const auto t0 = Clock::now();
    d.call(source, optionsJson, out.error, [&](const ResultReader &r) {
        out.ok = r.boolean("ok");
        if (out.ok) {
            out.changed = r.boolean("changed");
            out.code = r.string("code");
            v8::Local<v8::Value> warnings = r.get("warnings");
            if (warnings->IsArray()) {
                auto list = warnings.As<v8::Array>();
                for (uint32_t i = 0; i < list->Length(); ++i)
                    out.warnings.push_back(toStd(r.isolate, list->Get(r.ctx, i).ToLocalChecked()));
            }
        } else {
            out.error = r.string("error");
            out.line = r.integer("line");
            out.column = r.integer("column");
        }
    });
    out.durationMs = msSince(t0);
    return out;
}

} // namespace sy
