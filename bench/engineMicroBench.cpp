// Micro-benchmarks of the engine's core, printed as figures (no pass/fail):
// resolver (cold and warm resolve of react in the worker environment), import
// lexer throughput over the installed react packages, and sucrase transforms
// of a TSX file. Usage: bench_engine_micro
#include "js/transformService.h"
#include "lex/importLexer.h"
#include "resolve/resolver.h"

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
    return 0;
}
