// Node.js built-ins: workerd's rules (env/nodeCompat.h: modes, the module
// list and its date/flag limits, error texts) and what the environments make
// of `node:crypto` / `crypto` imports (worker: the isolate's module, or an
// error naming the flag and the importer; client: a browser-external module),
// plus the worker pre-bundles' externals and require banner.
#include "dev/devSession.h"
#include "env/nodeCompat.h"
#include "env/projectConfig.h"
#include "js/transformService.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace sy;
namespace fs = std::filesystem;
using sy::test::contains;
using sy::test::readText;
using sy::test::writeText;

namespace {

NodeCompat compat(std::string date, std::vector<std::string> flags)
{
    return NodeCompat::fromConfig(std::move(date), std::move(flags));
}

} // namespace

class TestNodeBuiltins : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;

    /// A fresh app in a subfolder with this wrangler.jsonc body (name/main added).
    std::unique_ptr<DevSession> session(const std::string &sub, const std::string &wrangler,
                                        ProjectConfig &project)
    {
        const fs::path root = m_root / sub;
        writeText(root / "wrangler.jsonc",
                  "{ \"name\": \"" + sub + "\", \"main\": \"src/worker.js\", " + wrangler + " }");
        writeText(root / "package.json", "{ \"name\": \"" + sub + "\", \"type\": \"module\" }");
        writeText(root / "src/worker.js",
                  "import { randomUUID } from \"node:crypto\";\n"
                  "import crypto from \"crypto\";\n"
                  "import { Buffer } from \"node:buffer\";\n"
                  "export default { fetch() { return new Response(randomUUID()); } };\n");
        writeText(root / "src/client.js", "import crypto from \"crypto\";\n"
                                          "import { inherits } from \"node:util\";\n"
                                          "export const x = [crypto, inherits];\n");
        std::string error;
        if (!loadProjectConfig(root.string(), SY_TOOLS_JS_DIR, project, error))
            qFatal("%s", error.c_str());
        return std::make_unique<DevSession>(project, TransformService::shared());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = fs::canonical(m_dir.path().toStdString());
    }

    void modesFollowWorkerdsFlagsAndDates()
    {
        QVERIFY(compat("2025-01-01", {}).mode == NodeCompatMode::None);
        QVERIFY(compat("2025-01-01", {"nodejs_als"}).mode == NodeCompatMode::Als);
        QVERIFY(compat("2024-09-01", {"nodejs_compat"}).mode == NodeCompatMode::V1);
        QVERIFY(compat("2024-09-23", {"nodejs_compat"}).mode == NodeCompatMode::V2);
        QVERIFY(compat("2024-09-01", {"nodejs_compat_v2"}).mode == NodeCompatMode::V2);
        QVERIFY(compat("2025-06-01", {"nodejs_compat", "no_nodejs_compat_v2"}).mode ==
                NodeCompatMode::V1);
        // workerd turns nodejs_compat on by default from 2026-08-04.
        QVERIFY(compat("2026-08-03", {}).mode == NodeCompatMode::None);
        QVERIFY(compat("2026-08-04", {}).mode == NodeCompatMode::V2);
        QVERIFY(compat("2026-11-01", {"no_nodejs_compat", "no_nodejs_compat_v2"}).mode ==
                NodeCompatMode::None);
        QVERIFY(compat("2024-09-23", {"nodejs_compat"}).globals());
        QVERIFY(!compat("2024-09-01", {"nodejs_compat"}).globals());
    }

    void prefixedAndBareNamesResolveUnderV2()
    {
        const NodeCompat v2 = compat("2025-01-01", {"nodejs_compat"});
        for (const char *spec : {"node:crypto", "crypto", "node:buffer", "buffer", "async_hooks",
                                 "node:async_hooks", "node:stream/web", "path/posix"}) {
            const NodeBuiltinLookup l = lookupNodeBuiltin(spec, v2);
            QVERIFY2(l.builtin && l.ok && l.takeAsBuiltin, spec);
            QVERIFY2(l.error.empty(), l.error.c_str());
        }
        QCOMPARE(lookupNodeBuiltin("crypto", v2).id, std::string("node:crypto"));
        QCOMPARE(lookupNodeBuiltin("node:stream/web", v2).name, std::string("stream/web"));
        QCOMPARE(lookupNodeBuiltin("sys", v2).id, std::string("node:util")); // workerd: sys = util
        // Not built-ins: ordinary packages, and node:test has no bare name.
        QVERIFY(!lookupNodeBuiltin("react", v2).builtin);
        QVERIFY(!lookupNodeBuiltin("test", v2).builtin);
        QVERIFY(lookupNodeBuiltin("node:test", v2).ok);
        QVERIFY(!lookupNodeBuiltin("crypto-js", v2).builtin);
    }

    void withoutTheFlagTheErrorNamesIt()
    {
        const NodeBuiltinLookup l = lookupNodeBuiltin("node:crypto", compat("2025-01-01", {}));
        QVERIFY(l.builtin && !l.ok && l.takeAsBuiltin);
        QVERIFY2(contains(l.error, "\"node:crypto\" wasn't found on the file system but is built "
                                   "into node"),
                 l.error.c_str());
        QVERIFY2(
            contains(l.error, "Add \"nodejs_compat\" to compatibility_flags in wrangler.jsonc"),
            l.error.c_str());
        QVERIFY2(contains(l.error, "2026-08-04"), l.error.c_str());
        // A bare name: a package of that name may still win (not taken first).
        const NodeBuiltinLookup bare = lookupNodeBuiltin("crypto", compat("2025-01-01", {}));
        QVERIFY(bare.builtin && !bare.ok && !bare.takeAsBuiltin);
        QVERIFY(contains(bare.error, "nodejs_compat"));
        // Turned off on a default-on date (each flag separately, as in
        // workerd): the hint is to remove the opt-outs.
        QVERIFY(lookupNodeBuiltin("node:crypto", compat("2026-11-01", {"no_nodejs_compat"})).ok);
        const NodeBuiltinLookup off = lookupNodeBuiltin(
            "node:crypto", compat("2026-11-01", {"no_nodejs_compat", "no_nodejs_compat_v2"}));
        QVERIFY2(contains(off.error, "Remove \"no_nodejs_compat\""), off.error.c_str());
    }

    void v1NeedsThePrefixAndAlsOnlyAsyncHooks()
    {
        const NodeCompat v1 = compat("2024-09-01", {"nodejs_compat"});
        QVERIFY(lookupNodeBuiltin("node:crypto", v1).ok);
        const NodeBuiltinLookup bare = lookupNodeBuiltin("crypto", v1);
        QVERIFY(!bare.ok && !bare.takeAsBuiltin);
        QVERIFY2(contains(bare.error, "prefix the module name with \"node:\""), bare.error.c_str());
        const NodeCompat als = compat("2025-01-01", {"nodejs_als"});
        QVERIFY(lookupNodeBuiltin("node:async_hooks", als).ok);
        const NodeBuiltinLookup crypto = lookupNodeBuiltin("node:crypto", als);
        QVERIFY(!crypto.ok);
        QVERIFY2(contains(crypto.error, "nodejs_als") && contains(crypto.error, "nodejs_compat"),
                 crypto.error.c_str());
    }

    void theListIsLimitedByDateAndFlags()
    {
        // node:http from 2025-08-15 (enable_nodejs_http_modules before).
        QVERIFY(!lookupNodeBuiltin("node:http", compat("2025-08-14", {"nodejs_compat"})).ok);
        QVERIFY(lookupNodeBuiltin("node:http", compat("2025-08-15", {"nodejs_compat"})).ok);
        QVERIFY(lookupNodeBuiltin("node:http", compat("2025-01-01", {"nodejs_compat",
                                                                     "enable_nodejs_http_modules"}))
                    .ok);
        QVERIFY(
            !lookupNodeBuiltin("node:http", compat("2026-11-01", {"disable_nodejs_http_modules"}))
                 .ok);
        // _http_server: implied by the http modules from 2025-09-01.
        QVERIFY(
            !lookupNodeBuiltin("node:_http_server", compat("2025-08-20", {"nodejs_compat"})).ok);
        QVERIFY(lookupNodeBuiltin("node:_http_server", compat("2025-09-01", {"nodejs_compat"})).ok);
        // node:os from 2025-09-15; the error names the date and the flag.
        const NodeBuiltinLookup os =
            lookupNodeBuiltin("os", compat("2025-01-01", {"nodejs_compat"}));
        QVERIFY(!os.ok);
        QVERIFY2(contains(os.error, "2025-09-15") && contains(os.error, "enable_nodejs_os_module"),
                 os.error.c_str());
        QVERIFY(lookupNodeBuiltin("os", compat("2025-09-15", {"nodejs_compat"})).ok);
        // Not a workerd module at all.
        const NodeBuiltinLookup nope = lookupNodeBuiltin("node:nope", compat("2026-11-01", {}));
        QVERIFY(nope.builtin && !nope.ok);
        QVERIFY2(contains(nope.error, "No such module"), nope.error.c_str());
    }

    void modulesThatWouldActOnTheHostAreStubsOrVirtual()
    {
        const NodeCompat late = compat("2026-11-01", {});
        // workerd's virtual file system: importable, in memory (never this machine's disk).
        const NodeBuiltinLookup fs = lookupNodeBuiltin("node:fs", late);
        QVERIFY(fs.builtin && fs.ok && fs.virtualFs);
        QCOMPARE(fs.loaderName(), std::string("vfs:fs"));
        QCOMPARE(lookupNodeBuiltin("fs/promises", late).loaderName(),
                 std::string("vfs:fs/promises"));
        // workerd's non-functional stubs: importable, as a stub (never Node's module).
        for (const char *spec : {"child_process", "node:worker_threads", "node:vm", "node:v8"}) {
            const NodeBuiltinLookup l = lookupNodeBuiltin(spec, late);
            QVERIFY2(l.ok && l.stub && l.loaderName().rfind("stub:", 0) == 0, spec);
        }
        const nlohmann::json policy = nlohmann::json::parse(nodeRequirePolicyJson(late));
        QCOMPARE(policy["allowed"]["child_process"].get<std::string>(),
                 std::string("stub:child_process"));
        QVERIFY(contains(lookupNodeBuiltin("node:sqlite", late).error, "Node.js 18"));
    }

    void browserBuiltinsAndExternals()
    {
        QVERIFY(isNodeBuiltinSpecifier("crypto"));
        QVERIFY(isNodeBuiltinSpecifier("node:anything"));
        QVERIFY(isNodeBuiltinSpecifier("fs/promises"));
        QVERIFY(!isNodeBuiltinSpecifier("react"));
        const std::vector<std::string> externals = nodeBuiltinExternals();
        for (const char *e : {"node:*", "crypto", "async_hooks", "buffer", "stream/web"})
            QVERIFY2(std::find(externals.begin(), externals.end(), e) != externals.end(), e);
        const nlohmann::json policy =
            nlohmann::json::parse(nodeRequirePolicyJson(compat("2025-01-01", {"nodejs_compat"})));
        QCOMPARE(policy["allowed"]["crypto"].get<std::string>(), std::string("crypto"));
        QCOMPARE(policy["allowed"]["node:crypto"].get<std::string>(), std::string("crypto"));
        QVERIFY(policy["errors"].contains("fs"));
        const nlohmann::json none = nlohmann::json::parse(nodeRequirePolicyJson(compat("", {})));
        QVERIFY(none["allowed"].empty());
        QVERIFY(contains(none["errors"]["crypto"].get<std::string>(), "nodejs_compat"));
    }

    void workerImportsBecomeBuiltinIds()
    {
        ProjectConfig project;
        auto s = session("with-flag",
                         "\"compatibility_date\": \"2025-01-01\", "
                         "\"compatibility_flags\": [\"nodejs_compat\"]",
                         project);
        const std::string entry = project.workerEntry;
        const FetchedModule worker = s->worker().fetchModule(entry, {});
        QVERIFY2(worker.ok, worker.error.c_str());
        QVERIFY2(contains(worker.code, "from \"node:crypto\""), worker.code.c_str());
        QVERIFY2(!contains(worker.code, "from \"crypto\""), worker.code.c_str());
        QVERIFY(contains(worker.code, "\"node:buffer\""));
        // The runner gets the isolate's module, not code.
        const FetchedModule crypto = s->worker().fetchModule("node:crypto", entry);
        QVERIFY2(crypto.ok, crypto.error.c_str());
        QCOMPARE(crypto.builtin, std::string("crypto"));
        // A computed import("buffer") at run time reaches the provider bare.
        const FetchedModule bare = s->worker().fetchModule("buffer", entry);
        QVERIFY2(bare.ok, bare.error.c_str());
        QCOMPARE(bare.id, std::string("node:buffer"));
        QCOMPARE(bare.builtin, std::string("buffer"));
        // ...and what workerd refuses is refused there too, naming the importer.
        const FetchedModule fsModule = s->worker().fetchModule("node:fs", entry);
        QVERIFY(!fsModule.ok);
        QVERIFY2(contains(fsModule.error, "node:fs") && contains(fsModule.error, entry),
                 fsModule.error.c_str());
        // The graph shows the built-in as a virtual node imported by the entry,
        // and what the runner gets carries that node's transform hash (else the
        // staleness check reports every evaluated built-in as stale).
        bool seen = false;
        std::string etag;
        s->worker().withGraph([&](ModuleGraph &g) {
            const ModuleNode *n = g.moduleById("node:crypto");
            seen = n && n->isVirtual && n->importers.count(entry);
            etag = n && n->transformResult ? n->transformResult->etag : "";
        });
        QVERIFY(seen);
        QCOMPARE(crypto.transformHash, etag);
        // The ssr environment (same isolate) resolves them the same way.
        const FetchedModule ssr = s->ssr().fetchModule(entry, {});
        QVERIFY2(ssr.ok && contains(ssr.code, "\"node:crypto\""), ssr.error.c_str());
    }

    void withoutTheFlagTheImporterFailsNamingFileLineAndFlag()
    {
        ProjectConfig project;
        auto s = session("no-flag", "\"compatibility_date\": \"2025-01-01\"", project);
        const FetchedModule worker = s->worker().fetchModule(project.workerEntry, {});
        QVERIFY(!worker.ok);
        QVERIFY2(contains(worker.error, "Failed to resolve import \"node:crypto\" from "
                                        "\"/src/worker.js\" (1:"),
                 worker.error.c_str());
        QVERIFY2(contains(worker.error, "environment worker"), worker.error.c_str());
        QVERIFY2(contains(worker.error, "Add \"nodejs_compat\" to compatibility_flags in "
                                        "wrangler.jsonc"),
                 worker.error.c_str());
        QVERIFY(!s->worker().fetchModule("node:crypto", project.workerEntry).ok);
        // The config gains the flag: the same session resolves it after a reset.
        NodeCompat fixed = compat("2025-01-01", {"nodejs_compat"});
        for (EnvironmentKind kind :
             {EnvironmentKind::Client, EnvironmentKind::Ssr, EnvironmentKind::Worker}) {
            s->environment(kind).setNodeCompat(fixed);
            s->environment(kind).resetGraph();
        }
        const FetchedModule healed = s->worker().fetchModule(project.workerEntry, {});
        QVERIFY2(healed.ok, healed.error.c_str());
    }

    void clientBuiltinsAreBrowserExternal()
    {
        ProjectConfig project;
        auto s = session("client", "\"compatibility_flags\": [\"nodejs_compat\"]", project);
        const ServedModule served = s->client().serveClientUrl("/src/client.js");
        QCOMPARE(served.status, 200);
        QVERIFY2(contains(served.body, "/@id/__switchyard-browser-external:crypto"),
                 served.body.c_str());
        QVERIFY2(contains(served.body, "/@id/__switchyard-browser-external:node:util"),
                 served.body.c_str());
        const ServedModule external =
            s->client().serveClientUrl("/@id/__switchyard-browser-external:crypto");
        QCOMPARE(external.status, 200);
        QVERIFY2(contains(external.body, "has been externalized for browser compatibility"),
                 external.body.c_str());
        QVERIFY(contains(external.body, "\"crypto\""));
    }

    void workerPreBundlesKeepBuiltinsExternalAndGetARequire()
    {
        ProjectConfig project;
        auto s = session("prebundle", "\"compatibility_flags\": [\"nodejs_compat\"]", project);
        const fs::path pkg = fs::path(project.root) / "node_modules/uses-crypto";
        writeText(pkg / "package.json",
                  R"({ "name": "uses-crypto", "version": "1.0.0", "main": "index.js" })");
        writeText(pkg / "index.js", "const crypto = require(\"crypto\");\n"
                                    "exports.id = () => crypto.randomUUID();\n");
        const OptimizerRun run =
            s->worker().reoptimize({{"uses-crypto", (pkg / "index.js").string()}}, "test");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        const auto dep = s->worker().optimizer().lookup("uses-crypto");
        QVERIFY(dep.has_value());
        const std::string bundle = readText(dep->file);
        QVERIFY2(contains(bundle, "__require(\"crypto\")"), bundle.c_str());
        QVERIFY2(contains(bundle, std::string(kNodeRequireModuleId)), bundle.c_str());
        // The bundle's own import of the require module resolves (not a package).
        const FetchedModule fetched = s->worker().fetchModule(dep->file, {});
        QVERIFY2(fetched.ok, fetched.error.c_str());
        const FetchedModule require =
            s->worker().fetchModule(std::string(kNodeRequireModuleId), dep->file);
        QVERIFY2(require.ok, require.error.c_str());
        QCOMPARE(require.builtin, std::string("switchyard:require"));
        std::string etag;
        s->worker().withGraph([&](ModuleGraph &g) {
            const ModuleNode *n = g.moduleById(std::string(kNodeRequireModuleId));
            etag = n && n->transformResult ? n->transformResult->etag : "";
        });
        QCOMPARE(require.transformHash, etag);
        QVERIFY(contains(require.code, "\"crypto\""));
    }
};

QTEST_GUILESS_MAIN(TestNodeBuiltins)
#include "tst_node_builtins.moc"
