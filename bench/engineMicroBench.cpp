// Micro-benchmarks of the engine's core, printed as figures (no pass/fail):
// resolver (cold and warm resolve of react in the worker environment; an
// "@/" import through tsconfig paths and react falling through them), import
// lexer throughput over the installed react packages, and sucrase transforms
// of a TSX file, the modern built-ins (core-js) per isolate and per realm,
// with and without the code cache, beside a bare isolate/context, and the
// syntax-lowering pre-check and one esbuild lowering. Usage:
// bench_engine_micro
#include "env/syntaxLowering.h"
#include "js/jsPlatform.h"
#include "js/modernBuiltins.h"
#include "js/moduleCodeCache.h"
#include "js/transformService.h"
#include "lex/importLexer.h"
#include "resolve/resolver.h"

#include <node.h>
#include <uv.h>
#include <v8.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string readFile(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void benchResolver(const fs::path &hello)
{
    const std::string importer = (hello / "src/app/pages/Home.tsx").string();
    sy::Resolver r(sy::EnvironmentKind::Worker, sy::resolveOptionsFor(sy::EnvironmentKind::Worker));
    auto t0 = Clock::now();
    const auto cold = r.resolve("react", importer);
    const double coldUs = msSince(t0) * 1000;
    const int n = 50000;
    t0 = Clock::now();
    for (int i = 0; i < n; ++i)
        r.resolve("react", importer);
    const double warmUs = msSince(t0) * 1000 / n;
    t0 = Clock::now();
    for (int i = 0; i < n; ++i)
        r.resolve("../components/Counter", importer);
    const double relUs = msSince(t0) * 1000 / n;
    std::printf("resolver  react (worker) -> %s\n",
                cold.ok ? cold.path.c_str() : cold.error.c_str());
    std::printf("resolver  cold %.1f us, warm %.2f us/call, relative warm %.2f us/call\n", coldUs,
                warmUs, relUs);
}

// tsconfig paths (examples/realworld's "@/*" through an extended config):
// a mapped import, and a package import that falls through the mapping.
void benchTsconfigPaths(const fs::path &realworld)
{
    const std::string importer = (realworld / "src/app/pages/Home.tsx").string();
    sy::ResolveOptions options = sy::resolveOptionsFor(sy::EnvironmentKind::Worker);
    options.tsconfigPaths = true;
    sy::Resolver r(sy::EnvironmentKind::Worker, options);
    auto t0 = Clock::now();
    const auto cold = r.resolve("@/app/components/Counter", importer);
    const double coldUs = msSince(t0) * 1000;
    const int n = 50000;
    t0 = Clock::now();
    for (int i = 0; i < n; ++i)
        r.resolve("@/app/components/Counter", importer);
    const double mappedUs = msSince(t0) * 1000 / n;
    t0 = Clock::now();
    for (int i = 0; i < n; ++i)
        r.resolve("react", importer);
    const double throughUs = msSince(t0) * 1000 / n;
    std::printf("resolver  @/app/components/Counter (tsconfig paths) -> %s\n",
                cold.ok ? cold.path.c_str() : cold.error.c_str());
    std::printf("resolver  paths cold %.1f us (parses tsconfig + base), mapped warm %.2f us/call, "
                "react through the mapping warm %.2f us/call\n",
                coldUs, mappedUs, throughUs);
}

void benchLexer(const fs::path &hello)
{
    std::vector<std::string> sources;
    size_t bytes = 0;
    for (const char *pkg : {"react", "react-dom", "react-server-dom-webpack"})
        for (const auto &e : fs::recursive_directory_iterator(hello / "node_modules" / pkg))
            if (e.is_regular_file() &&
                (e.path().extension() == ".js" || e.path().extension() == ".mjs")) {
                sources.push_back(readFile(e.path()));
                bytes += sources.back().size();
            }
    size_t sink = 0;
    int rounds = 0;
    const auto t0 = Clock::now();
    while (msSince(t0) < 1000 || rounds < 3) {
        for (const std::string &s : sources)
            sink += sy::lexModule(s).imports.size();
        ++rounds;
    }
    const double secs = msSince(t0) / 1000;
    std::printf("lexer     %.0f MB/s over %zu files (%.1f MB, %d rounds, %zu imports/round)\n",
                double(bytes) * rounds / secs / 1e6, sources.size(), double(bytes) / 1e6, rounds,
                sink / size_t(rounds));
}

// What deciding "does this file need esbuild?" costs on files that do not
// (the react packages), and one lowering through the esbuild CLI.
void benchLowering(const fs::path &hello)
{
    std::vector<std::string> sources;
    size_t bytes = 0;
    for (const auto &e : fs::recursive_directory_iterator(hello / "node_modules" / "react-dom"))
        if (e.is_regular_file() && e.path().extension() == ".js") {
            sources.push_back(readFile(e.path()));
            bytes += sources.back().size();
        }
    size_t needed = 0;
    int rounds = 0;
    const auto t0 = Clock::now();
    while (msSince(t0) < 1000 || rounds < 3) {
        for (const std::string &s : sources)
            needed += sy::syntaxNeedingLowering(s).needed;
        ++rounds;
    }
    const double secs = msSince(t0) / 1000;
    std::printf("lowering  pre-check %.0f MB/s over %zu react-dom files (%.1f MB; %zu flagged)\n",
                double(bytes) * rounds / secs / 1e6, sources.size(), double(bytes) / 1e6,
                needed / size_t(rounds));
    const fs::path modern = fs::path(SY_SOURCE_DIR) / "examples/realworld/src/app/modern.ts";
    const std::string source = readFile(modern);
    auto options = sy::LoweringOptions::forFile(modern.string(), SY_SOURCE_DIR
                                                "/tools/js/node_modules/esbuild/bin/esbuild");
    for (const bool service : {true, false}) {
        options.useService = service;
        sy::lowerSyntax(source, options); // starts the service
        std::vector<double> times;
        for (int i = 0; i < 20; ++i) {
            const sy::LoweringResult r = sy::lowerSyntax(source, options);
            if (!r.ok)
                std::fprintf(stderr, "lowering failed: %s\n", r.error.c_str());
            times.push_back(r.durationMs);
        }
        std::sort(times.begin(), times.end());
        std::printf("lowering  esbuild %s, %zu-byte modern.ts: median %.2f ms, min %.2f ms\n",
                    service ? "service" : "CLI spawn", source.size(), times[times.size() / 2],
                    times.front());
    }
}

void benchTransform(const fs::path &hello)
{
    const fs::path file = hello / "src/app/components/Counter.tsx";
    const std::string source = readFile(file);
    const auto options = sy::TransformOptions::forFile(file.string());
    auto t0 = Clock::now();
    sy::TransformService service; // the isolate is created by the first transform
    service.transform(source, options);
    const double firstMs = msSince(t0);
    std::vector<double> times;
    for (int i = 0; i < 200; ++i) {
        t0 = Clock::now();
        service.transform(source, options);
        times.push_back(msSince(t0));
    }
    std::sort(times.begin(), times.end());
    std::printf("sucrase   first transform (isolate start included) %.1f ms; %zu-byte TSX: median "
                "%.3f ms, p90 %.3f ms\n",
                firstMs, source.size(), times[times.size() / 2], times[times.size() * 9 / 10]);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double minimum(const std::vector<double> &v)
{
    return *std::min_element(v.begin(), v.end());
}

// One plain isolate (as the transform service makes it) with one context;
// the modern built-ins installed in it unless `mode` is 0 (1: no code cache,
// 2: with the process-wide code cache). Returns {isolate + context ms,
// install ms, install ms of a second realm (context) in the same isolate}.
struct IsolateCost {
    double isolateMs = 0, installMs = 0, realmInstallMs = 0;
    double firstUseMs = 0; ///< lazy mode: the first read of Promise.withResolvers
    size_t heapBytes = 0;  ///< V8 heap in use after a full GC, with the one context
};

size_t heapAfterGc(v8::Isolate *isolate)
{
    isolate->LowMemoryNotification();
    v8::HeapStatistics stats;
    isolate->GetHeapStatistics(&stats);
    return stats.used_heap_size();
}

enum class Provide { Nothing, EagerNoCache, EagerCache, Lazy };

// One plain isolate (as the transform service makes it) with one context and
// the built-ins provided as `how` says, then a second context (realm) of the
// same isolate.
IsolateCost oneIsolate(Provide how)
{
    using sy::modernBuiltins::Mode;
    IsolateCost cost;
    auto *platform = sy::JsPlatform::platform();
    uv_loop_t loop;
    uv_loop_init(&loop);
    std::unique_ptr<v8::ArrayBuffer::Allocator> allocator(
        v8::ArrayBuffer::Allocator::NewDefaultAllocator());
    auto t0 = Clock::now();
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = allocator.get();
    v8::Isolate *isolate = v8::Isolate::Allocate();
    platform->RegisterIsolate(isolate, &loop);
    v8::Isolate::Initialize(isolate, params);
    {
        v8::Locker locker(isolate);
        v8::Isolate::Scope isolateScope(isolate);
        v8::HandleScope handles(isolate);
        auto context = v8::Context::New(isolate);
        v8::Context::Scope contextScope(context);
        cost.isolateMs = msSince(t0);
        const Mode mode = how == Provide::Lazy ? Mode::Lazy : Mode::Eager;
        const bool cache = how != Provide::EagerNoCache;
        v8::TryCatch tryCatch(isolate);
        if (how != Provide::Nothing) {
            t0 = Clock::now();
            if (!sy::modernBuiltins::install(context, mode, cache))
                std::fprintf(stderr, "install failed\n");
            cost.installMs = msSince(t0);
            if (how == Provide::Lazy) {
                auto touch =
                    v8::Script::Compile(context, v8::String::NewFromUtf8Literal(
                                                     isolate, "typeof Promise.withResolvers"))
                        .ToLocalChecked();
                t0 = Clock::now();
                touch->Run(context).ToLocalChecked();
                cost.firstUseMs = msSince(t0);
            }
        }
        cost.heapBytes = heapAfterGc(isolate);
        if (how != Provide::Nothing) {
            auto realm = v8::Context::New(isolate);
            v8::Context::Scope realmScope(realm);
            t0 = Clock::now();
            sy::modernBuiltins::install(realm, mode, cache);
            cost.realmInstallMs = msSince(t0);
        }
    }
    bool finished = false;
    platform->AddIsolateFinishedCallback(
        isolate, [](void *data) { *static_cast<bool *>(data) = true; }, &finished);
    platform->UnregisterIsolate(isolate);
    isolate->Dispose();
    while (!finished)
        uv_run(&loop, UV_RUN_ONCE);
    uv_loop_close(&loop);
    return cost;
}

void benchModernBuiltins()
{
    constexpr int kRuns = 21;
    struct Series {
        std::vector<double> install, realm, firstUse;
        size_t heap = 0;
    };
    auto run = [&](Provide how) {
        Series s;
        for (int i = 0; i < kRuns; ++i) {
            const IsolateCost c = oneIsolate(how);
            s.install.push_back(how == Provide::Nothing ? c.isolateMs : c.installMs);
            s.realm.push_back(c.realmInstallMs);
            s.firstUse.push_back(c.firstUseMs);
            s.heap = c.heapBytes;
        }
        return s;
    };
    oneIsolate(Provide::Nothing); // warms the platform
    const Series bare = run(Provide::Nothing);
    const Series noCache = run(Provide::EagerNoCache);
    oneIsolate(Provide::EagerCache); // produces the code cache
    const Series cached = run(Provide::EagerCache);
    const Series lazy = run(Provide::Lazy);
    auto line = [](const char *what, const std::vector<double> &v) {
        std::printf("  %-44s %7.2f ms (min %5.2f)\n", what, median(v), minimum(v));
    };
    std::printf("modern built-ins (core-js, %zu-byte bundle), median of %d isolates:\n",
                sy::modernBuiltins::source().size(), kRuns);
    line("bare isolate + context", bare.install);
    line("+ bundle, no code cache", noCache.install);
    line("+ bundle, code cache", cached.install);
    line("  a 2nd realm in that isolate, code cache", cached.realm);
    line("+ lazy accessors (what every realm pays)", lazy.install);
    line("  then first use (runs the bundle, cache)", lazy.firstUse);
    line("  a 2nd realm, lazy accessors", lazy.realm);
    std::printf("  V8 heap after a full GC: %.2f MB bare, %.2f MB with the bundle run, "
                "%.2f MB lazy after first use\n",
                double(bare.heap) / 1048576.0, double(cached.heap) / 1048576.0,
                double(lazy.heap) / 1048576.0);
}

/// Per component file: sucrase alone, then sucrase + React Fast Refresh's Babel pass
/// (react-refresh/babel in its own isolate), what the client environment runs for it.
void benchRefreshTransform(const std::vector<fs::path> &files)
{
    sy::TransformService service;
    auto t0 = Clock::now();
    const double startMs = service.reactRefreshStartupMs();
    std::printf(
        "refresh   Babel isolate start (parser + traverse + generator + react-refresh/babel) "
        "%.1f ms (measured %.1f ms)\n",
        startMs, msSince(t0));
    for (const fs::path &file : files) {
        const std::string source = readFile(file);
        const auto options = sy::TransformOptions::forFile(file.string());
        const std::string js = service.transform(source, options).code;
        std::vector<double> plain, refresh, both;
        bool first = true;
        double firstRefreshMs = 0;
        for (int i = 0; i < 300; ++i) {
            t0 = Clock::now();
            service.transform(source, options);
            plain.push_back(msSince(t0));
            t0 = Clock::now();
            const sy::RefreshTransformOutput r = service.reactRefresh(js, file.string());
            refresh.push_back(msSince(t0));
            if (first)
                firstRefreshMs = refresh.back();
            first = false;
            if (!r.ok || !r.refreshed)
                std::printf("refresh   %s: not refreshed (%s)\n", file.filename().c_str(),
                            r.error.c_str());
            both.push_back(plain.back() + refresh.back());
        }
        auto at = [](std::vector<double> v, double q) {
            std::sort(v.begin(), v.end());
            return v[size_t(q * double(v.size() - 1))];
        };
        std::printf("refresh   %s (%zu bytes, %s): sucrase alone %.3f ms, sucrase + refresh pass "
                    "%.3f ms median (min %.3f, p90 %.3f; the refresh pass alone %.3f ms; first "
                    "refresh pass %.1f ms)\n",
                    file.filename().c_str(), source.size(),
                    file.parent_path().parent_path().parent_path().parent_path().filename().c_str(),
                    at(plain, 0.5), at(both, 0.5), at(both, 0), at(both, 0.9), at(refresh, 0.5),
                    firstRefreshMs);
    }
}

} // namespace

int main()
{
    const fs::path hello = SY_SOURCE_DIR "/examples/hello";
    if (!fs::exists(hello / "node_modules/react")) {
        std::fprintf(stderr, "run scripts/setup.sh first (examples/hello has no node_modules)\n");
        return 1;
    }
    benchResolver(hello);
    const fs::path realworld = SY_SOURCE_DIR "/examples/realworld";
    if (fs::exists(realworld / "node_modules/react"))
        benchTsconfigPaths(realworld);
    benchLexer(hello);
    benchTransform(hello);
    benchLowering(hello);
    benchModernBuiltins();
    benchRefreshTransform(
        {hello / "src/app/components/Counter.tsx",
         fs::path(SY_SOURCE_DIR) / "examples/realworld/src/app/components/Counter.tsx"});
    return 0;
}
