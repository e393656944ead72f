// DirectiveIndex (env/directiveIndex.h): the app's directive modules from the
// scan of its source folder, and the package files (node_modules) the graph or
// a pre-bundle reached, as RedwoodSDK's directive scan records them: rwsdk's
// own "use client" module (dist/runtime/lib/turnstile/useTurnstile.js) has the
// shape used here.
#include "env/directiveIndex.h"
#include "optimizer/esbuildBundler.h"
#include "optimizer/packageModuleExternals.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <sstream>

using namespace sy;
namespace fs = std::filesystem;

namespace {
/// A package shaped like rwsdk's turnstile: `rwsdk-like/turnstile` re-exports
/// dist/useTurnstile.js, whose text is `hook`. Returns the package folder.
fs::path writeTurnstileLikePackage(const fs::path &root, const std::string &hook)
{
    const fs::path pkg = root / "node_modules/rwsdk-like";
    test::writeText(pkg / "package.json",
                    "{\"name\":\"rwsdk-like\",\"type\":\"module\",\"exports\":{\"./turnstile\":"
                    "\"./dist/turnstile.js\"}}");
    test::writeText(pkg / "dist/turnstile.js", "export * from \"./useTurnstile.js\";\n");
    test::writeText(pkg / "dist/useTurnstile.js", hook);
    return pkg;
}
} // namespace

class TestDirectiveIndex : public QObject {
    Q_OBJECT

private slots:
    void scanSkipsPackagesAndRecordsTheAppsModules()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        test::writeText(root / "src/Counter.tsx", "'use client'\nexport const C = 1;\n");
        test::writeText(root / "src/actions.ts", "\"use server\";\nexport async function a() {}\n");
        test::writeText(root / "src/node_modules/x/y.js", "\"use client\";\n");
        DirectiveIndex index;
        index.scan((root / "src").string());
        QCOMPARE(index.clientModules(),
                 std::set<std::string>{fs::canonical(root / "src/Counter.tsx").string()});
        QCOMPARE(index.serverModules(),
                 std::set<std::string>{fs::canonical(root / "src/actions.ts").string()});
        QVERIFY(index.packageModules().empty());
    }

    void packageFilesReachedByTheGraphJoinTheLookups()
    {
        QTemporaryDir dir;
        const fs::path pkg = fs::path(dir.path().toStdString()) / "node_modules/ui/dist";
        const std::string hook = (pkg / "useTurnstile.js").string();
        const std::string actions = (pkg / "actions.js").string();
        const std::string plain = (pkg / "index.js").string();
        const std::string licensed = (pkg / "licensed.js").string();
        const std::string notDirective = (pkg / "expression.js").string();
        const std::string app = (fs::path(dir.path().toStdString()) / "src/Page.tsx").string();
        test::writeText(hook, "\"use client\";\nimport { useRef } from \"react\";\n"
                              "export function useTurnstile(siteKey) { return useRef(null); }\n");
        test::writeText(actions, "/* actions */\n'use strict';\n'use server'\nexport async "
                                 "function save() {}\n");
        test::writeText(plain, "export * from \"./useTurnstile\";\n");
        // A license comment longer than the first 16 KB read: the whole file is read.
        test::writeText(licensed, "/*\n" + std::string(20000, 'x') +
                                      "\n*/\n\"use client\";\nexport const L = 1;\n");
        test::writeText(notDirective, "\"use client\".length;\nexport const n = 1;\n");
        test::writeText(app, "\"use client\";\n");

        DirectiveIndex index;
        bool changed = false;
        const std::vector<std::string> found =
            index.recordPackageFiles({hook, actions, plain, licensed, notDirective, app}, &changed);
        QVERIFY(changed);
        QCOMPARE(found, (std::vector<std::string>{hook, actions, licensed}));
        QCOMPARE(index.clientModules(), (std::set<std::string>{hook, licensed}));
        QCOMPARE(index.serverModules(), std::set<std::string>{actions});
        QCOMPARE(index.packageModules(), (std::set<std::string>{hook, actions, licensed}));

        // Recorded again unchanged: nothing changes.
        index.recordPackageFiles({hook, plain}, &changed);
        QVERIFY(!changed);
        // A package file that loses its directive (a package update) leaves the sets.
        test::writeText(hook, "export function useTurnstile() {}\n");
        QVERIFY(index.recordPackageFiles({hook}, &changed).empty());
        QVERIFY(changed);
        QCOMPARE(index.clientModules(), std::set<std::string>{licensed});
        QCOMPARE(index.packageModules(), (std::set<std::string>{actions, licensed}));
    }

    void prologueOfAFileReadsOnlyThePrologue()
    {
        QTemporaryDir dir;
        const std::string file = (fs::path(dir.path().toStdString()) / "a.js").string();
        // A syntax error after the prologue does not matter.
        test::writeText(file, "// c\n\"use client\"\n'use strict';\nexport const x = (;\n");
        QCOMPARE(DirectiveIndex::prologueDirectivesOfFile(file),
                 (std::set<std::string>{"use client", "use strict"}));
        QVERIFY(DirectiveIndex::prologueDirectivesOfFile(file + ".missing").empty());
    }

    /// A pre-bundle inlines a package's "use client" module unless it is
    /// external: the inputs of a first run find it, the second run keeps it
    /// as an import of its own (relative to the bundle), which the
    /// environments then transform as a module.
    void preBundleInputsFindPackageDirectiveModules()
    {
        const std::string esbuild = SY_TOOLS_JS_DIR "/node_modules/@esbuild/linux-x64/bin/esbuild";
        if (!fs::exists(esbuild))
            QSKIP("tools/js has no esbuild (run scripts/setup.sh)");
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        const fs::path pkg = writeTurnstileLikePackage(
            root, "\"use client\";\nexport function useTurnstile() { return 1; }\n");
        const fs::path out = root / ".switchyard/deps_client";
        fs::create_directories(out);
        EsbuildRequest request;
        request.esbuildPath = esbuild;
        request.outDir = out.string();
        request.entries["rwsdk-like_turnstile"] = (pkg / "dist/turnstile.js").string();
        const EsbuildResult first = runEsbuild(request);
        QVERIFY2(first.ok, first.error.c_str());
        const std::string hook = (pkg / "dist/useTurnstile.js").lexically_normal().string();
        QVERIFY(std::find(first.inputs.begin(), first.inputs.end(), hook) != first.inputs.end());

        DirectiveIndex index;
        const std::vector<std::string> external = index.recordPackageFiles(first.inputs);
        QCOMPARE(external, std::vector<std::string>{hook});
        QCOMPARE(index.clientModules(), std::set<std::string>{hook});

        request.externals = external;
        const EsbuildResult second = runEsbuild(request);
        QVERIFY2(second.ok, second.error.c_str());
        std::ifstream in(second.entryOutputs.at("rwsdk-like_turnstile"));
        std::stringstream bundle;
        bundle << in.rdbuf();
        QVERIFY2(test::contains(bundle.str(),
                                "from \"../../node_modules/rwsdk-like/dist/useTurnstile.js\""),
                 bundle.str().c_str());
        QVERIFY(!test::contains(bundle.str(), "return 1"));
    }

    /// The directive modules of the entries' own packages are external from the
    /// first round on (packageDirectiveCandidates): one esbuild run instead of two,
    /// and of the candidates only the one the bundle imports is recorded and kept.
    void candidatesOfTheEntriesPackagesSpareTheSecondRound()
    {
        const std::string esbuild = SY_TOOLS_JS_DIR "/node_modules/@esbuild/linux-x64/bin/esbuild";
        if (!fs::exists(esbuild))
            QSKIP("tools/js has no esbuild (run scripts/setup.sh)");
        QTemporaryDir dir;
        const fs::path root = fs::canonical(dir.path().toStdString());
        const fs::path pkg = writeTurnstileLikePackage(
            root, "#!/usr/bin/env node\n// a hook\n/* (c) */\n\"use client\";\n"
                  "export function useTurnstile() { return 1; }\n");
        // Not imported by the entry: candidates, never recorded.
        test::writeText(pkg / "dist/actions.js", "'use server';\nexport async function a() {}\n");
        test::writeText(pkg / "dist/plain.js", "export const note = \"use client\";\n");
        test::writeText(pkg / "dist/types.d.ts", "\"use client\";\nexport {};\n");
        test::writeText(pkg / "node_modules/inner/x.js", "\"use client\";\nexport {};\n");
        const std::string hook = (pkg / "dist/useTurnstile.js").string();
        const std::string actions = (pkg / "dist/actions.js").string();

        const auto bundleOnce = [&](DirectiveIndex &index, bool withCandidates) {
            PackageModuleExternals hooks;
            hooks.known = [&] {
                const std::set<std::string> files = index.packageModules();
                return std::vector<std::string>(files.begin(), files.end());
            };
            hooks.among = [&](const std::vector<std::string> &inputs) {
                return index.recordPackageFiles(inputs);
            };
            if (withCandidates)
                hooks.candidates = [&](const std::vector<std::string> &entries) {
                    return index.packageDirectiveCandidates(entries);
                };
            const fs::path out = root / (withCandidates ? "deps_a" : "deps_b");
            fs::create_directories(out);
            EsbuildRequest request;
            request.esbuildPath = esbuild;
            request.outDir = out.string();
            request.entries["rwsdk-like_turnstile"] = (pkg / "dist/turnstile.js").string();
            return bundleWithPackageExternals(request, hooks, [](const EsbuildRequest &r) {
                IsolatedBundle b;
                b.result = runEsbuild(r);
                b.esbuildRuns = 1;
                return b;
            });
        };

        DirectiveIndex scanned;
        QCOMPARE(scanned.packageDirectiveCandidates({(pkg / "dist/turnstile.js").string()}),
                 (std::vector<std::string>{actions, hook}));
        const PackageExternalBundle first = bundleOnce(scanned, true);
        QVERIFY2(first.bundle.result.ok, first.bundle.result.error.c_str());
        QCOMPARE(first.rounds, 1);
        QCOMPARE(first.externals, std::vector<std::string>{hook});
        QCOMPARE(scanned.clientModules(), std::set<std::string>{hook});
        QVERIFY(scanned.serverModules().empty());
        std::ifstream in(first.bundle.result.entryOutputs.at("rwsdk-like_turnstile"));
        std::stringstream bundle;
        bundle << in.rdbuf();
        QVERIFY2(test::contains(bundle.str(), "/node_modules/rwsdk-like/dist/useTurnstile.js\""),
                 bundle.str().c_str());
        QVERIFY(!test::contains(bundle.str(), "return 1"));

        // Without candidates the first round meets the hook among its inputs: two rounds.
        DirectiveIndex unscanned;
        const PackageExternalBundle twice = bundleOnce(unscanned, false);
        QVERIFY2(twice.bundle.result.ok, twice.bundle.result.error.c_str());
        QCOMPARE(twice.rounds, 2);
        QCOMPARE(twice.externals, std::vector<std::string>{hook});
    }
};

QTEST_GUILESS_MAIN(TestDirectiveIndex)
#include "tst_directive_index.moc"
