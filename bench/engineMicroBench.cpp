// Micro-benchmarks of the engine's core, printed as figures (no pass/fail):
// resolver (cold and warm resolve of react in the worker environment), import
// lexer throughput over the installed react packages, and sucrase transforms
// of a TSX file, the modern built-ins (core-js) per isolate and per realm,
// with and without the code cache, beside a bare isolate/context. Usage:
// bench_engine_micro
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
    size_t heapBytes = 0; ///< V8 heap in use after a full GC, with the one context
};

size_t heapAfterGc(v8::Isolate *isolate)
{
    isolate->LowMemoryNotification();
    v8::HeapStatistics stats;
    isolate->GetHeapStatistics(&stats);
    return stats.used_heap_size();
}

IsolateCost oneIsolate(int mode)
{
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
        if (mode == 0)
            cost.heapBytes = heapAfterGc(isolate);
        if (mode > 0) {
            v8::TryCatch tryCatch(isolate);
            t0 = Clock::now();
            if (!sy::modernBuiltins::install(context, mode == 2))
                std::fprintf(stderr, "install failed\n");
            cost.installMs = msSince(t0);
            cost.heapBytes = heapAfterGc(isolate);
            auto realm = v8::Context::New(isolate);
            v8::Context::Scope realmScope(realm);
            t0 = Clock::now();
            sy::modernBuiltins::install(realm, mode == 2);
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
    std::vector<double> bare, noCache, noCacheRealm, cached, cachedRealm;
    const size_t bareHeap = oneIsolate(0).heapBytes; // also warms the platform
    const size_t withHeap = oneIsolate(1).heapBytes;
    for (int i = 0; i < kRuns; ++i)
        bare.push_back(oneIsolate(0).isolateMs);
    for (int i = 0; i < kRuns; ++i) {
        const IsolateCost c = oneIsolate(1);
        noCache.push_back(c.installMs);
        noCacheRealm.push_back(c.realmInstallMs);
    }
    oneIsolate(2); // produces the code cache
    for (int i = 0; i < kRuns; ++i) {
        const IsolateCost c = oneIsolate(2);
        cached.push_back(c.installMs);
        cachedRealm.push_back(c.realmInstallMs);
    }
    std::printf(
        "modern built-ins (core-js, %zu-byte bundle), %d isolates, median (min):\n"
        "  bare isolate + context                 %6.2f ms (%5.2f)\n"
        "  built-ins installed, no code cache   + %6.2f ms (%5.2f); 2nd realm + %5.2f ms (%5.2f)\n"
        "  built-ins installed, with code cache + %6.2f ms (%5.2f); 2nd realm + %5.2f ms (%5.2f)\n",
        sy::modernBuiltins::source().size(), kRuns, median(bare), minimum(bare), median(noCache),
        minimum(noCache), median(noCacheRealm), minimum(noCacheRealm), median(cached),
        minimum(cached), median(cachedRealm), minimum(cachedRealm));
    std::printf("  V8 heap in use after a full GC: %.2f MB bare, %.2f MB with the built-ins\n",
                double(bareHeap) / 1048576.0, double(withHeap) / 1048576.0);
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
    benchLexer(hello);
    benchTransform(hello);
    benchModernBuiltins();
    return 0;
}
