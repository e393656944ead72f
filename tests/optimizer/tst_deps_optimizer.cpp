#include "optimizer/depsOptimizer.h"
#include "optimizer/optimizerRunJson.h"
#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

using namespace sy;
namespace fs = std::filesystem;

namespace {
const std::string kModules = SY_SOURCE_DIR "/examples/hello/node_modules";
const std::string kEsbuild = SY_TOOLS_JS_DIR "/node_modules/@esbuild/linux-x64/bin/esbuild";

void writeText(const fs::path &p, const std::string &text)
{
    std::ofstream(p) << text;
}
} // namespace

class TestDepsOptimizer : public QObject {
    Q_OBJECT
    QTemporaryDir m_root;

    DepsOptimizerConfig workerConfig() const
    {
        DepsOptimizerConfig c;
        c.environment = "worker";
        c.root = m_root.path().toStdString();
        c.cacheDir = c.root + "/.switchyard/deps_worker";
        c.esbuildPath = kEsbuild;
        c.conditions = {"react-server", "workerd", "worker", "module", "development"};
        c.mainFields = {"module", "main"};
        c.defines = {{"process.env.NODE_ENV", "\"development\""}};
        return c;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        QVERIFY2(fs::exists(kEsbuild), "run scripts/setup.sh: tools/js has no esbuild");
        QVERIFY2(fs::exists(kModules + "/react/package.json"), "examples/hello has no react");
        writeText(fs::path(m_root.path().toStdString()) / "package-lock.json", "{\"v\":1}");
    }

    /// A run's browserHash comes from what it bundled (Vite puts a timestamp
    /// there): a cold start that bundles the same code gets the same ?v= as the
    /// last process (so the V8 code caches of its modules still apply), other
    /// code another ?v=.
    void theSameBundlesGetTheSameBrowserHashInAnotherSession()
    {
        QTemporaryDir app;
        const fs::path root = app.path().toStdString();
        fs::create_directories(root / "node_modules/tiny");
        writeText(root / "package-lock.json", "{\"v\":1}");
        writeText(root / "node_modules/tiny/package.json", "{\"name\":\"tiny\"}");
        writeText(root / "node_modules/tiny/index.js", "export const tiny = 1;\n");
        DepsOptimizerConfig c = workerConfig();
        c.root = root.string();
        c.cacheDir = c.root + "/.switchyard/deps_worker";
        const std::map<std::string, std::string> deps{
            {"tiny", (root / "node_modules/tiny/index.js").string()}};
        auto coldRun = [&] {
            fs::remove_all(root / ".switchyard");
            DepsOptimizer optimizer(c);
            const OptimizerRun run = optimizer.optimize(deps, "initial scan");
            return run.outcome == OptimizerOutcome::Committed ? run.newBrowserHash
                                                              : "failed: " + run.error;
        };
        const std::string first = coldRun();
        QCOMPARE(first.size(), size_t(8));
        QTest::qWait(5); // another millisecond: a timestamp would differ
        QCOMPARE(coldRun(), first);
        writeText(root / "node_modules/tiny/index.js", "export const tiny = 2;\n");
        const std::string changed = coldRun();
        QCOMPARE(changed.size(), size_t(8));
        QVERIFY(changed != first);
    }

    void firstRunBundlesAndWritesMetadata()
    {
        DepsOptimizer optimizer(workerConfig());
        QVERIFY(!optimizer.loadCache());
        const OptimizerRun run = optimizer.optimize(
            {{"react", kModules + "/react/react.react-server.js"},
             {"react/jsx-dev-runtime", kModules + "/react/jsx-dev-runtime.react-server.js"}},
            "initial scan");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(run.depsAdded.size(), size_t(2));
        QCOMPARE(run.newBrowserHash.size(), size_t(8));
        QVERIFY(run.oldBrowserHash.empty());
        const auto react = optimizer.lookup("react");
        QVERIFY(react);
        QVERIFY(react->needsInterop); // react ships CommonJS
        QCOMPARE(react->browserHash, run.newBrowserHash);
        QCOMPARE(fs::path(react->file).filename().string(), std::string("react.js"));
        QVERIFY(fs::exists(react->file));
        // The run names the bundles it wrote: the modules it touched.
        QCOMPARE(run.bundles.size(), size_t(2));
        QVERIFY(std::find(run.bundles.begin(), run.bundles.end(), react->file) !=
                run.bundles.end());
        QVERIFY(fs::exists(workerConfig().cacheDir + "/_metadata.json"));
        QVERIFY(!optimizer.metadata().chunks.empty()); // react and the jsx runtime share a chunk
        QCOMPARE(optimizer.metadata().hash, optimizer.currentHash());
    }

    void secondStartReusesTheCache()
    {
        DepsOptimizer optimizer(workerConfig());
        QVERIFY(optimizer.loadCache());
        const std::string before = optimizer.metadata().browserHash;
        const OptimizerRun run = optimizer.optimize(
            {{"react", kModules + "/react/react.react-server.js"}}, "initial scan");
        QCOMPARE(run.outcome, OptimizerOutcome::ReusedCache);
        QCOMPARE(optimizer.metadata().browserHash, before);
        QVERIFY(run.bundles.empty()); // nothing written
    }

    void discoveryAddsADepWithANewBrowserHash()
    {
        DepsOptimizer optimizer(workerConfig());
        QVERIFY(optimizer.loadCache());
        const auto reactBefore = *optimizer.lookup("react");
        int notified = 0;
        optimizer.onRun = [&](const OptimizerRun &) { ++notified; };
        const OptimizerRun run = optimizer.optimize(
            {{"is-number", kModules + "/is-number/index.js"}}, "discovered is-number");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(notified, 1);
        QCOMPARE(run.depsAdded, std::vector<std::string>{"is-number"});
        QVERIFY(run.newBrowserHash != run.oldBrowserHash);
        QCOMPARE(optimizer.lookup("is-number")->browserHash, run.newBrowserHash);
        // The rule: a dep keeps its ?v= exactly while its bundle bytes stay the
        // same. (esbuild moves its CJS helpers into a new shared chunk once a
        // third CJS entry joins, so react.js itself changes here.)
        const auto reactAfter = *optimizer.lookup("react");
        const bool changed = std::find(run.depsChanged.begin(), run.depsChanged.end(), "react") !=
                             run.depsChanged.end();
        QCOMPARE(changed, reactAfter.fileHash != reactBefore.fileHash);
        QCOMPARE(reactAfter.browserHash == reactBefore.browserHash, !changed);
        if (changed)
            QCOMPARE(reactAfter.browserHash, run.newBrowserHash);
        QVERIFY(fs::exists(optimizer.lookup("is-number")->file));
        // The bundles it wrote: is-number's, and react's when its bytes moved.
        std::vector<std::string> touched{optimizer.lookup("is-number")->file};
        if (changed)
            touched.push_back(reactAfter.file);
        std::vector<std::string> bundles = run.bundles;
        std::sort(bundles.begin(), bundles.end());
        std::sort(touched.begin(), touched.end());
        QCOMPARE(bundles, touched);
        QCOMPARE(optimizerRunJson(run)["bundles"].get<std::vector<std::string>>(), run.bundles);
    }

    void dynamicImportInsideADependencyIsAChunk()
    {
        // esbuild's metafile gives the output of a dynamic import() an entryPoint too: it is
        // a chunk of the run (isChunkFile), or the client refuses to serve it.
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        fs::create_directories(root / "node_modules/lazy-pkg");
        writeText(root / "package-lock.json", "{\"v\":1}");
        writeText(root / "node_modules/lazy-pkg/package.json",
                  "{\"name\":\"lazy-pkg\",\"type\":\"module\",\"main\":\"index.js\"}");
        writeText(root / "node_modules/lazy-pkg/index.js",
                  "export async function later() { return (await import(\"./later.js\")).x; }\n");
        writeText(root / "node_modules/lazy-pkg/later.js", "export const x = 1;\n");
        DepsOptimizerConfig c = workerConfig();
        c.root = root.string();
        c.cacheDir = c.root + "/.switchyard/deps_client";
        DepsOptimizer optimizer(c);
        const OptimizerRun run = optimizer.optimize(
            {{"lazy-pkg", (root / "node_modules/lazy-pkg/index.js").string()}}, "scan");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        std::vector<std::string> others;
        for (const auto &entry : fs::directory_iterator(c.cacheDir)) {
            const std::string name = entry.path().filename().string();
            if (name != "lazy-pkg.js" && entry.path().extension() == ".js")
                others.push_back(entry.path().string());
        }
        QCOMPARE(others.size(), size_t(1)); // later.js's output
        QVERIFY2(optimizer.isChunkFile(others[0]), others[0].c_str());
    }

    void appWithoutDependenciesCommitsWithoutEsbuild()
    {
        QTemporaryDir empty;
        DepsOptimizerConfig c = workerConfig();
        c.root = empty.path().toStdString();
        c.cacheDir = c.root + "/.switchyard/deps_worker";
        c.esbuildPath = "/nonexistent/esbuild"; // must not be started (it would read stdin)
        DepsOptimizer optimizer(c);
        const OptimizerRun run = optimizer.optimize({}, "initial scan");
        QCOMPARE(run.outcome, OptimizerOutcome::Committed);
        QCOMPARE(run.newBrowserHash.size(), size_t(8));
        QVERIFY(fs::exists(c.cacheDir + "/_metadata.json"));
        DepsOptimizer again(c);
        QVERIFY(again.loadCache());
    }

    void lockfileChangeInvalidatesTheCache()
    {
        writeText(fs::path(m_root.path().toStdString()) / "package-lock.json", "{\"v\":2}");
        DepsOptimizer optimizer(workerConfig());
        QVERIFY(!optimizer.loadCache());
    }

    void lockfileChangeMidSessionRebundlesWithoutNewDeps()
    {
        DepsOptimizer optimizer(workerConfig());
        QVERIFY(
            optimizer.optimize({{"react", kModules + "/react/react.react-server.js"}}, "initial")
                .outcome != OptimizerOutcome::Failed);
        QCOMPARE(optimizer.optimize({}, "nothing new").outcome, OptimizerOutcome::ReusedCache);
        const std::string before = optimizer.metadata().hash;
        writeText(fs::path(m_root.path().toStdString()) / "package-lock.json", "{\"v\":3}");
        const OptimizerRun run = optimizer.optimize({}, "lockfile changed");
        QCOMPARE(run.outcome, OptimizerOutcome::Committed);
        QVERIFY(optimizer.metadata().hash != before);
        QVERIFY(optimizer.lookup("react"));
    }

    void retiredGenerationStaysReadable()
    {
        DepsOptimizerConfig config = workerConfig();
        config.additiveRuns = false; // full runs retire generations (additive ones retire none)
        DepsOptimizer optimizer(config);
        optimizer.optimize({{"react", kModules + "/react/react.react-server.js"}}, "initial");
        const auto old = *optimizer.lookup("react");
        const OptimizerRun run = optimizer.optimize(
            {{"is-number", kModules + "/is-number/index.js"}}, "discovered is-number");
        QCOMPARE(run.outcome, OptimizerOutcome::Committed);
        const auto now = *optimizer.lookup("react");
        if (now.browserHash == old.browserHash)
            QSKIP("react's bundle did not change: nothing retired to read");
        const auto retired = optimizer.lookupRetired("react", old.browserHash);
        QVERIFY(retired);
        QVERIFY(retired->file != now.file);
        QVERIFY(fs::exists(retired->file));
        QVERIFY(optimizer.isRetiredFile(retired->file));
        QVERIFY(!optimizer.isRetiredFile(now.file));
        // Only the last generations are kept.
        for (int i = 0; i < 3; ++i) {
            writeText(fs::path(m_root.path().toStdString()) / "package-lock.json",
                      "{\"round\":" + std::to_string(i) + "}");
            optimizer.optimize({}, "lockfile changed");
        }
        QVERIFY(!optimizer.lookupRetired("react", old.browserHash));
        QVERIFY(!fs::exists(retired->file));
    }

    void failedRunKeepsThePreviousBundles()
    {
        DepsOptimizer optimizer(workerConfig());
        QVERIFY(
            optimizer.optimize({{"react", kModules + "/react/react.react-server.js"}}, "initial")
                .outcome == OptimizerOutcome::Committed);
        const auto react = *optimizer.lookup("react");
        const OptimizerRun run =
            optimizer.optimize({{"missing", "/nonexistent/entry.js"}}, "discovered missing");
        QCOMPARE(run.outcome, OptimizerOutcome::Failed);
        QVERIFY(run.error.find("esbuild failed") != std::string::npos);
        QVERIFY(fs::exists(react.file));
        QVERIFY(!optimizer.lookup("missing"));
        QCOMPARE(optimizer.runs().size(), size_t(2));
    }

    // Issue 9, section 5: one package esbuild cannot bundle must not cost the
    // others, nor be bundled again and again.
    void failingDepIsLeftOutTheRestCommittedAndNotRetried()
    {
        QTemporaryDir app;
        const fs::path root = fs::canonical(app.path().toStdString());
        const fs::path broken = root / "node_modules/broken";
        fs::create_directories(broken);
        writeText(broken / "package.json",
                  R"({"name":"broken","type":"module","main":"index.js"})");
        writeText(broken / "index.js",
                  "import { h } from './missing-helper.js';\nexport default h;\n");
        DepsOptimizerConfig c = workerConfig();
        c.root = root.string();
        c.cacheDir = c.root + "/.switchyard/deps_worker";
        DepsOptimizer optimizer(c);
        const OptimizerRun run =
            optimizer.optimize({{"react", kModules + "/react/react.react-server.js"},
                                {"is-number", kModules + "/is-number/index.js"},
                                {"broken", (broken / "index.js").string()}},
                               "initial scan");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(run.failedDeps.size(), size_t(1));
        QVERIFY2(run.failedDeps.count("broken") &&
                     run.failedDeps.at("broken").find("missing-helper.js") != std::string::npos,
                 run.failedDeps.empty() ? "" : run.failedDeps.begin()->second.c_str());
        QCOMPARE(run.depsAdded, (std::vector<std::string>{"is-number", "react"}));
        QVERIFY(optimizer.lookup("react") && fs::exists(optimizer.lookup("react")->file));
        QVERIFY(optimizer.lookup("is-number"));
        QVERIFY(!optimizer.lookup("broken"));
        QVERIFY(optimizer.failure("broken"));
        QVERIFY(!fs::exists(c.cacheDir + "_probe"));

        // Met again: not bundled again while nothing changed.
        const std::string hash = optimizer.metadata().browserHash;
        const OptimizerRun again =
            optimizer.optimize({{"broken", (broken / "index.js").string()}}, "discovered broken");
        QCOMPARE(again.outcome, OptimizerOutcome::ReusedCache);
        QCOMPARE(optimizer.metadata().browserHash, hash);

        // Something changed: tried once more; still failing, the bundles stand.
        QCOMPARE(optimizer.forgetFailures(), size_t(1));
        QVERIFY(!optimizer.failure("broken"));
        const OptimizerRun retry =
            optimizer.optimize({{"broken", (broken / "index.js").string()}}, "discovered broken");
        QCOMPARE(retry.outcome, OptimizerOutcome::Failed);
        QVERIFY(retry.failedDeps.count("broken"));
        QVERIFY2(retry.error.find("missing-helper.js") != std::string::npos, retry.error.c_str());
        QCOMPARE(optimizer.metadata().browserHash, hash);
        QVERIFY(optimizer.failure("broken"));

        // Fixed, and something changed: bundled.
        writeText(broken / "index.js", "export default 42;\n");
        optimizer.forgetFailures();
        const OptimizerRun fixed =
            optimizer.optimize({{"broken", (broken / "index.js").string()}}, "discovered broken");
        QVERIFY2(fixed.outcome == OptimizerOutcome::Committed, fixed.error.c_str());
        QVERIFY(fixed.failedDeps.empty());
        QVERIFY(optimizer.lookup("broken"));
        QVERIFY(optimizer.lookup("react"));
    }

    // esbuild's message names a package no entry is (a shared dependency):
    // group testing finds the entries that fail with it.
    void failureInASharedPackageIsFoundByGroupTesting()
    {
        QTemporaryDir app;
        const fs::path root = fs::canonical(app.path().toStdString());
        auto package = [&](const std::string &name, const std::string &index) {
            const fs::path dir = root / "node_modules" / name;
            fs::create_directories(dir);
            writeText(dir / "package.json", R"({"name":")" + name + R"(","type":"module"})");
            writeText(dir / "index.js", index);
            return (dir / "index.js").string();
        };
        package("shared-broken", "export const x = ;\n");
        std::map<std::string, std::string> deps;
        for (const char *name : {"a", "b", "c", "d", "e"})
            deps[name] = package(name, std::string("export const ") + name + " = 1;\n");
        deps["c"] = package("c", "export { x } from 'shared-broken';\n");
        deps["e"] = package("e", "export { x as y } from 'shared-broken';\n");
        DepsOptimizerConfig c = workerConfig();
        c.root = root.string();
        c.cacheDir = c.root + "/.switchyard/deps_worker";
        DepsOptimizer optimizer(c);
        const OptimizerRun run = optimizer.optimize(deps, "initial scan");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(run.failedDeps.size(), size_t(2));
        QVERIFY(run.failedDeps.count("c") && run.failedDeps.count("e"));
        QVERIFY2(run.failedDeps.at("c").find("shared-broken") != std::string::npos,
                 run.failedDeps.at("c").c_str());
        for (const char *name : {"a", "b", "d"})
            QVERIFY2(optimizer.lookup(name), name);
        QVERIFY(!optimizer.lookup("c") && !optimizer.lookup("e"));
    }

    // Deps that bundle alone but fail together (here: an esbuild that refuses
    // two entries): no single culprit, so both wait for a change instead of
    // each request meeting one of them starting a run again.
    void failureNoSingleDepExplainsFailsThemAll()
    {
        QTemporaryDir app;
        const fs::path root = fs::canonical(app.path().toStdString());
        std::map<std::string, std::string> deps;
        for (const char *name : {"a", "b"}) {
            const fs::path dir = root / "node_modules" / name;
            fs::create_directories(dir);
            writeText(dir / "package.json", std::string("{\"name\":\"") + name + "\"}");
            writeText(dir / "index.js", std::string("export const ") + name + " = 1;\n");
            deps[name] = (dir / "index.js").string();
        }
        // It refuses to run as esbuild's service too: the optimizer falls back to the CLI.
        const fs::path esbuild = root / "esbuild-two-refused";
        writeText(esbuild,
                  "#!/bin/sh\ncase \"$1\" in --service=*) exit 1;; esac\nn=0\nfor a in \"$@\"; do "
                  "case \"$a\" in --*) ;; *) n=$((n+1));; "
                  "esac; done\nif [ $n -ge 2 ]; then echo 'two entries refused' >&2; exit 1; "
                  "fi\nexec " +
                      kEsbuild + " \"$@\"\n");
        fs::permissions(esbuild, fs::perms::owner_all);
        DepsOptimizerConfig c = workerConfig();
        c.root = root.string();
        c.cacheDir = c.root + "/.switchyard/deps_worker";
        c.esbuildPath = esbuild.string();
        DepsOptimizer optimizer(c);
        const OptimizerRun run = optimizer.optimize(deps, "initial scan");
        QCOMPARE(run.outcome, OptimizerOutcome::Failed);
        QVERIFY2(run.error.find("two entries refused") != std::string::npos, run.error.c_str());
        QCOMPARE(run.failedDeps.size(), size_t(2));
        QVERIFY(optimizer.failure("a") && optimizer.failure("b"));
        const OptimizerRun again = optimizer.optimize({{"a", deps["a"]}}, "discovered a");
        QVERIFY(again.depsAdded.empty()); // not tried again
        QVERIFY(!optimizer.lookup("a"));
    }
};

QTEST_GUILESS_MAIN(TestDepsOptimizer)
#include "tst_deps_optimizer.moc"
