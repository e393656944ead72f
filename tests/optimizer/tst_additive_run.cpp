// Additive optimizer runs (optimizer/additiveRun.h): a dep discovered
// mid-session is bundled alone, beside the existing bundles, when that makes
// the same modules as a full run; otherwise the run falls back to a full one
// and says why. Real esbuild over small packages written per test.
#include "optimizer/additiveRun.h"
#include "optimizer/depsOptimizer.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace sy;
namespace fs = std::filesystem;

namespace {
const std::string kEsbuild = SY_TOOLS_JS_DIR "/node_modules/@esbuild/linux-x64/bin/esbuild";

void writeText(const fs::path &p, const std::string &text)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

std::string readText(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A package `name` under `modules` with an index.js of `code` (ESM unless `cjs`).
void package(const fs::path &modules, const std::string &name, const std::string &code,
             bool cjs = false)
{
    writeText(modules / name / "package.json",
              "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"main\":\"index.js\"" +
                  (cjs ? "" : ",\"type\":\"module\"") + "}");
    writeText(modules / name / "index.js", code);
}

/// The app of every test: `shared-state` (a module with state) and `lib-a`
/// (imports shared-state, and bundles `inner-helper` as non-entry code).
struct App {
    QTemporaryDir dir;
    std::string root;
    fs::path modules;

    App()
    {
        root = fs::canonical(dir.path().toStdString()).string();
        modules = fs::path(root) / "node_modules";
        writeText(fs::path(root) / "package-lock.json", "{\"v\":1}");
        package(modules, "shared-state",
                "export const registry = new Map();\n"
                "export function register(k, v) { registry.set(k, v); }\n");
        package(modules, "inner-helper", "export default 41;\n");
        package(modules, "lib-a",
                "import { register } from \"shared-state\";\n"
                "import inner from \"inner-helper\";\n"
                "register(\"a\", 1);\n"
                "export const a = inner + 1;\n");
    }

    std::string entry(const std::string &name) const
    {
        return (modules / name / "index.js").string();
    }

    DepsOptimizerConfig config() const
    {
        DepsOptimizerConfig c;
        c.environment = "client";
        c.root = root;
        c.cacheDir = root + "/.switchyard/deps_client";
        c.esbuildPath = kEsbuild;
        c.platform = "browser";
        return c;
    }

    /// The first (full) run over shared-state and lib-a.
    void initialRun(DepsOptimizer &optimizer) const
    {
        const OptimizerRun run =
            optimizer.optimize({{"shared-state", entry("shared-state")}, {"lib-a", entry("lib-a")}},
                               "initial scan", OptimizerRunPolicy::Full);
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(run.kind, OptimizerRunKind::Full);
    }
};

/// Every file of the cache folder and its bytes (the metadata aside).
std::map<std::string, std::string> bundleFiles(const std::string &cacheDir)
{
    std::map<std::string, std::string> files;
    for (const auto &e : fs::directory_iterator(cacheDir))
        if (e.path().extension() == ".js")
            files[e.path().filename().string()] = readText(e.path());
    return files;
}
} // namespace

class TestAdditiveRun : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(fs::exists(kEsbuild), "run scripts/setup.sh: no esbuild"); }

    void packageNames()
    {
        QCOMPARE(packageNameOf("react"), std::string("react"));
        QCOMPARE(packageNameOf("react/jsx-runtime"), std::string("react"));
        QCOMPARE(packageNameOf("@scope/pkg/deep/x"), std::string("@scope/pkg"));
        QCOMPARE(packageNameOf("@scope"), std::string());
        QCOMPARE(packageNameOf("./x.js"), std::string());
        QCOMPARE(packageNameOf("/abs/x.js"), std::string());
        QCOMPARE(packageNameOf("node:fs"), std::string());
        DepsMetadata meta;
        meta.optimized["react"] = {};
        meta.optimized["react/jsx-runtime"] = {};
        meta.optimized["@s/p/x"] = {};
        QCOMPARE(additiveExternalPackages(meta), (std::vector<std::string>{"@s/p", "react"}));
    }

    void newDepIsBundledAloneBesideTheExistingBundles()
    {
        App app;
        DepsOptimizer optimizer(app.config());
        app.initialRun(optimizer);
        const DepsMetadata before = optimizer.metadata();
        QVERIFY(before.inputsKnown);
        const auto filesBefore = bundleFiles(app.config().cacheDir);
        package(app.modules, "new-esm",
                "import { registry, register } from \"shared-state\";\n"
                "register(\"new\", 2);\n"
                "export const size = () => registry.size;\n");

        const OptimizerRun run =
            optimizer.optimize({{"new-esm", app.entry("new-esm")}}, "discovered new-esm");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(run.kind, OptimizerRunKind::Additive);
        QVERIFY2(run.kindReason.empty(), run.kindReason.c_str());
        QCOMPARE(run.depsAdded, std::vector<std::string>{"new-esm"});
        QVERIFY(run.depsChanged.empty());
        QVERIFY(run.newBrowserHash != run.oldBrowserHash);
        // The one bundle it wrote (the dashboard selects it for the run).
        QCOMPARE(run.bundles, std::vector<std::string>{optimizer.lookup("new-esm")->file});

        // Every file that was there is there, byte for byte, with its ?v=.
        const auto filesAfter = bundleFiles(app.config().cacheDir);
        for (const auto &[name, bytes] : filesBefore) {
            QVERIFY2(filesAfter.count(name), name.c_str());
            QVERIFY2(filesAfter.at(name) == bytes, name.c_str());
        }
        const DepsMetadata after = optimizer.metadata();
        for (const auto &[id, info] : before.optimized) {
            QCOMPARE(after.optimized.at(id).browserHash, info.browserHash);
            QCOMPARE(after.optimized.at(id).fileHash, info.fileHash);
            QCOMPARE(after.optimized.at(id).file, info.file);
        }
        QCOMPARE(after.chunks, before.chunks);
        // No generation was retired: nothing a page or the runner holds changed.
        QVERIFY(!fs::exists(app.config().cacheDir + "@" + before.browserHash));

        // The new bundle imports the optimized shared-state (one registry), not a copy.
        const auto dep = optimizer.lookup("new-esm");
        QVERIFY(dep);
        QCOMPARE(dep->browserHash, run.newBrowserHash);
        QCOMPARE(after.browserHash, run.newBrowserHash);
        const std::string code = readText(dep->file);
        QVERIFY2(code.find("from \"shared-state\"") != std::string::npos, code.c_str());
        QVERIFY2(code.find("new Map") == std::string::npos, code.c_str());
        QVERIFY(std::binary_search(after.inputs.begin(), after.inputs.end(), app.entry("new-esm")));

        // A new process reads the same: the additive bundle is part of the cache.
        DepsOptimizer next(app.config());
        QVERIFY(next.loadCache());
        QCOMPARE(next.lookup("new-esm")->browserHash, run.newBrowserHash);
        QCOMPARE(next.lookup("shared-state")->browserHash,
                 before.optimized.at("shared-state").browserHash);
        QCOMPARE(next.metadata().inputs, after.inputs);
    }

    void commonJsDepWithoutOptimizedImportsIsAdditiveWithInterop()
    {
        App app;
        DepsOptimizer optimizer(app.config());
        app.initialRun(optimizer);
        package(app.modules, "plain-cjs", "module.exports = function seven() { return 7; };\n",
                /*cjs=*/true);
        const OptimizerRun run =
            optimizer.optimize({{"plain-cjs", app.entry("plain-cjs")}}, "discovered plain-cjs");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(run.kind, OptimizerRunKind::Additive);
        QVERIFY(optimizer.lookup("plain-cjs")->needsInterop);
    }

    void depOverlappingAnExistingBundleFallsBackToAFullRun()
    {
        App app;
        DepsOptimizer optimizer(app.config());
        app.initialRun(optimizer);
        const std::string oldHash = optimizer.metadata().browserHash;
        // inner-helper is inside lib-a's bundle (non-entry code): bundled again it
        // would be a second instance.
        package(app.modules, "new-overlap",
                "import inner from \"inner-helper\";\nexport const twice = inner * 2;\n");
        const OptimizerRun run = optimizer.optimize({{"new-overlap", app.entry("new-overlap")}},
                                                    "discovered new-overlap");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(run.kind, OptimizerRunKind::Full);
        QVERIFY2(run.kindReason.find("inner-helper/index.js") != std::string::npos,
                 run.kindReason.c_str());
        QVERIFY2(run.kindReason.find("already part of the current pre-bundles") !=
                     std::string::npos,
                 run.kindReason.c_str());
        // The full run: every dep again, the old generation retired, no leftovers.
        QVERIFY(optimizer.lookup("new-overlap"));
        QVERIFY(fs::exists(app.config().cacheDir + "@" + oldHash));
        QVERIFY(!fs::exists(app.config().cacheDir + "_additive"));
    }

    void depRequiringAnOptimizedPackageFallsBackToAFullRun()
    {
        App app;
        DepsOptimizer optimizer(app.config());
        app.initialRun(optimizer);
        package(app.modules, "new-cjs",
                "const state = require(\"shared-state\");\nmodule.exports = state.registry;\n",
                /*cjs=*/true);
        const OptimizerRun run =
            optimizer.optimize({{"new-cjs", app.entry("new-cjs")}}, "discovered new-cjs");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(run.kind, OptimizerRunKind::Full);
        QVERIFY2(run.kindReason.find("require()s \"shared-state\"") != std::string::npos,
                 run.kindReason.c_str());
    }

    void depWithItsOwnCopyOfAnOptimizedPackageFallsBackToAFullRun()
    {
        App app;
        DepsOptimizer optimizer(app.config());
        app.initialRun(optimizer);
        // new-nested has its own shared-state (another version): keeping its import
        // external would hand it the app's copy.
        package(app.modules, "new-nested",
                "import { registry } from \"shared-state\";\nexport const r = registry;\n");
        package(app.modules / "new-nested" / "node_modules", "shared-state",
                "export const registry = new Set();\n");
        const OptimizerRun run =
            optimizer.optimize({{"new-nested", app.entry("new-nested")}}, "discovered new-nested");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(run.kind, OptimizerRunKind::Full);
        QVERIFY2(run.kindReason.find("not the optimized copy") != std::string::npos,
                 run.kindReason.c_str());
        // The full run bundled the nested copy into new-nested, as esbuild resolves it.
        QVERIFY(readText(optimizer.lookup("new-nested")->file).find("new Set") !=
                std::string::npos);
    }

    void failingNewDepLeavesTheBundlesAsTheyAre()
    {
        App app;
        DepsOptimizer optimizer(app.config());
        app.initialRun(optimizer);
        const auto filesBefore = bundleFiles(app.config().cacheDir);
        const std::string hashBefore = optimizer.metadata().browserHash;
        package(app.modules, "broken", "export const x = ;\n");
        const OptimizerRun run =
            optimizer.optimize({{"broken", app.entry("broken")}}, "discovered broken");
        QCOMPARE(run.outcome, OptimizerOutcome::Failed);
        QCOMPARE(run.kind, OptimizerRunKind::Additive);
        QVERIFY(run.failedDeps.count("broken"));
        QVERIFY(optimizer.failure("broken"));
        QCOMPARE(bundleFiles(app.config().cacheDir), filesBefore);
        QCOMPARE(optimizer.metadata().browserHash, hashBefore);
        QVERIFY(!fs::exists(app.config().cacheDir + "_additive"));
    }

    void initialScanAndOldMetadataRunFull()
    {
        App app;
        DepsOptimizer optimizer(app.config());
        app.initialRun(optimizer);
        package(app.modules, "new-esm", "export const n = 1;\n");
        package(app.modules, "new-two", "export const m = 2;\n");
        // The next start meeting new deps bundles everything anew.
        const OptimizerRun scan = optimizer.optimize({{"new-esm", app.entry("new-esm")}},
                                                     "initial scan", OptimizerRunPolicy::Full);
        QCOMPARE(scan.kind, OptimizerRunKind::Full);
        QVERIFY2(scan.kindReason.find("a full run was asked for") != std::string::npos,
                 scan.kindReason.c_str());

        // Metadata of an older Switchyard has no inputs: no additive run over it.
        const fs::path metaFile = fs::path(app.config().cacheDir) / "_metadata.json";
        std::string text = readText(metaFile);
        DepsMetadata meta = *DepsMetadata::fromJson(text, app.config().cacheDir);
        meta.inputsKnown = false;
        meta.inputs.clear();
        writeText(metaFile, meta.toJson(app.config().cacheDir));
        DepsOptimizer restarted(app.config());
        QVERIFY(restarted.loadCache());
        const OptimizerRun run =
            restarted.optimize({{"new-two", app.entry("new-two")}}, "discovered new-two");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        QCOMPARE(run.kind, OptimizerRunKind::Full);
        QVERIFY2(run.kindReason.find("not recorded") != std::string::npos, run.kindReason.c_str());
        QVERIFY(restarted.metadata().inputsKnown); // the full run records them
    }
};

QTEST_GUILESS_MAIN(TestAdditiveRun)
#include "tst_additive_run.moc"
