// CSS in -> CSS out (engine/env/cssProcessor.h), printed as figures (no
// pass/fail): the tool host's start-up, and CssProcessor::process for a plain
// stylesheet with nesting, a CSS module with composes, and examples/realworld's
// Tailwind stylesheet as its vite.config.mts's tailwindcss() (@tailwindcss/vite) runs it,
// cold and warm, and after a class is added to a scanned page or the Tailwind
// stylesheet itself is edited (with the edited file reported, as the dev
// server's file watcher does, and without). Edits also print the process's
// CPU time per call (all threads: the tool host and oxide's scanner), which
// says more than wall time on a loaded machine.
// Works on a copy of examples/realworld's src/ in a temporary folder (its
// node_modules linked). Usage: bench_css [runs]
#include "env/cssProcessor.h"
#include "env/projectConfig.h"
#include "js/toolHost.h"
#include "resolve/resolver.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
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

void writeFile(const fs::path &p, const std::string &text)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

/// CPU time of the whole process so far (user + system, all threads), ms.
double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
           (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

struct Stats {
    double median, p90, min;
};
Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 9 / 10)], v.front()};
}

sy::CssProcessInput input(sy::Resolver &resolver, const fs::path &file, bool module)
{
    sy::CssProcessInput in;
    in.file = file.string();
    in.source = readFile(file);
    in.cssModule = module;
    in.resolveImport = [&resolver](const std::string &spec, const std::string &importer,
                                   std::string &error) -> std::optional<std::string> {
        if (spec[0] != '.' && spec[0] != '/') {
            auto rel = resolver.resolve("./" + spec, importer);
            if (rel.ok)
                return rel.path;
        }
        auto r = resolver.resolve(spec, importer);
        if (!r.ok) {
            error = r.error;
            return std::nullopt;
        }
        return r.path;
    };
    in.rewriteUrl = [](const std::string &spec, const std::string &importer) {
        return "/@fs" + (fs::path(importer).parent_path() / spec).lexically_normal().string();
    };
    return in;
}

} // namespace

int main(int argc, char **argv)
{
    const int runs = argc > 1 ? std::max(3, std::atoi(argv[1])) : 30;
    const fs::path realworld = fs::path(SY_SOURCE_DIR) / "examples/realworld";
    if (!fs::exists(realworld / "node_modules/tailwindcss")) {
        std::fprintf(stderr, "bench_css: run ./scripts/setup.sh first (no %s)\n",
                     (realworld / "node_modules").c_str());
        return 1;
    }

    // 1. the tool host alone: a fresh environment and one trivial call
    {
        sy::ToolHost host(sy::ToolHostOptions{SY_TOOLS_JS_DIR});
        host.registerTool("noop", "module.exports = { ping: () => 1 };");
        auto t0 = Clock::now();
        auto r = host.call("noop", "ping", "{}");
        const double first = msSince(t0);
        std::vector<double> calls;
        for (int i = 0; i < 200; ++i)
            calls.push_back(host.call("noop", "ping", "{}").durationMs);
        auto s = stats(calls);
        std::printf("tool host  start-up %.1f ms (environment + bootstrap), first call %.1f ms "
                    "(%s), then %.3f ms per call (median of 200)\n",
                    host.startupMs(), first, r.ok ? "ok" : r.error.c_str(), s.median);
    }

    // the app: a copy of realworld's src/ (Tailwind as @tailwindcss/vite: no PostCSS config)
    const fs::path tmp = fs::temp_directory_path() / ("sy-css-bench-" + std::to_string(getpid()));
    fs::create_directories(tmp);
    const fs::path root = fs::canonical(tmp);
    fs::copy(realworld / "src", root / "src", fs::copy_options::recursive);
    for (const char *f : {"package.json", "vite.config.mts"})
        if (fs::exists(realworld / f))
            fs::copy(realworld / f, root / f);
    fs::create_directory_symlink(realworld / "node_modules", root / "node_modules");
    if (!fs::exists(root / "src/app/styles.css"))
        writeFile(root / "src/app/styles.css", "@import \"tailwindcss\";\n");
    writeFile(root / "src/bench/plain.css",
              ".card { color: #333; padding: 1rem; & .title { font-weight: 700 } &:hover { color: "
              "#000 } }\n@media (min-width: 600px) { .card { padding: 2rem } }\n"
              ".hero { background: url(./hero.png) center / cover }\n");
    writeFile(root / "src/bench/Button.module.css",
              ".button { color: red; &:hover { color: blue } }\n"
              ".primary { composes: button; composes: shared from './shared.module.css'; }\n"
              ":global(.dark) .button { color: white }\n");
    writeFile(root / "src/bench/shared.module.css", ".shared { padding: 4px }\n");

    sy::ProjectConfig config;
    config.root = root.string();
    config.toolsJsDir = SY_TOOLS_JS_DIR;
    sy::Resolver resolver(sy::EnvironmentKind::Client, [] {
        sy::ResolveOptions o;
        o.conditions = {"style", "development", "browser", "default"};
        o.mainFields = {"style"};
        o.extensions = {".css"};
        return o;
    }());
    sy::CssProcessor processor(config);

    auto measure = [&](const char *label, const fs::path &file, bool module) {
        auto first = processor.process(input(resolver, file, module));
        if (!first.ok) {
            std::printf("%-22s FAILED: %s\n", label, first.error.c_str());
            return;
        }
        std::vector<double> warm;
        for (int i = 0; i < runs; ++i)
            warm.push_back(processor.process(input(resolver, file, module)).durationMs);
        auto s = stats(warm);
        std::printf("%-22s first %7.1f ms, warm median %6.2f ms (p90 %.2f, min %.2f; %d runs), "
                    "%zu bytes out, %zu dependencies\n",
                    label, first.durationMs, s.median, s.p90, s.min, runs, first.css.size(),
                    first.dependencies.size());
    };
    // 2. process(): the first call of the process pays the shared host's start
    //    and loading postcss + lightningcss into it
    measure("plain CSS (nesting)", root / "src/bench/plain.css", false);
    measure("CSS module (composes)", root / "src/bench/Button.module.css", true);
    measure("Tailwind styles.css", root / "src/app/styles.css", false);
    if (std::getenv("SY_BENCH_VERBOSE"))
        for (const auto &d :
             processor.process(input(resolver, root / "src/app/styles.css", false)).dependencies)
            std::printf("  dependency %s\n", d.c_str());

    // 3. a class added to a scanned page: the rebuild the css-update waits for;
    // 4. an edit of the Tailwind stylesheet itself (what bench/clientEdits
    //    measures end to end): Tailwind compiles the changed input again.
    // Each with the edited file reported (CssProcessInput::changedFiles, as
    // the dev server's StylesheetStore does) and without (a rescan).
    const fs::path page = root / "src/app/pages/Home.tsx";
    const fs::path sheet = root / "src/app/styles.css";
    const std::string original = readFile(page);
    const std::string sheetText = readFile(sheet);
    int edit = 0;
    auto edits = [&](const char *label, bool report, bool ofSheet) {
        std::vector<double> wall, cpu;
        for (int i = 0; i < std::min(runs, 15); ++i, ++edit) {
            const std::string n = std::to_string(edit);
            if (ofSheet)
                writeFile(sheet, sheetText + "#title { color: rgb(" + n + ", 1, 7) }\n");
            else
                writeFile(page, original + "\nexport const x" + n + " = \"mt-[" + n + "px]\";\n");
            sy::CssProcessInput in = input(resolver, sheet, false);
            if (report)
                in.changedFiles = std::vector<std::string>{(ofSheet ? sheet : page).string()};
            const double c0 = cpuMs();
            auto out = processor.process(in);
            cpu.push_back(cpuMs() - c0);
            if (!out.ok ||
                (!ofSheet && out.css.find("mt-\\[" + n + "px\\]") == std::string::npos)) {
                std::printf("%s: %s\n", label, out.ok ? "new class missing" : out.error.c_str());
                return;
            }
            wall.push_back(out.durationMs);
        }
        auto s = stats(wall);
        auto c = stats(cpu);
        std::printf("%-34s median %6.2f ms (p90 %.2f, min %.2f; %zu edits), CPU median %.2f ms\n",
                    label, s.median, s.p90, s.min, wall.size(), c.median);
    };
    // a first reported call: the processor's scanner now follows reports
    processor.process([&] {
        auto in = input(resolver, sheet, false);
        in.changedFiles = std::vector<std::string>{};
        return in;
    }());
    edits("Tailwind after a page edit", true, false);
    edits("  (not reported: rescan)", false, false);
    edits("Tailwind sheet edited", true, true);
    edits("  (not reported: rescan)", false, true);
    fs::remove_all(root);
    return 0;
}
