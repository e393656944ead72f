// The three environments on a copy of examples/hello (real react 19 and
// react-server-dom-webpack via a node_modules symlink, real esbuild, sucrase).
#include "dev/devSession.h"
#include "dev/moduleInspection.h"
#include "graph/moduleGraph.h"
#include "graph/moduleGraphModel.h"
#include "hmr/hmrBoundary.h"
#include "js/transformService.h"
#include "support/exampleCopy.h"
#include "support/textFiles.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace sy;
namespace fs = std::filesystem;
using sy::test::contains;
using sy::test::writeText;

namespace {
const fs::path kHello = SY_SOURCE_DIR "/examples/hello";

} // namespace

class TestEnvironment : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;
    ProjectConfig m_project;
    std::unique_ptr<DevSession> m_session;

    std::string file(const std::string &rel) const { return (m_root / rel).string(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = fs::canonical(m_dir.path().toStdString());
        QVERIFY2(fs::exists(kHello / "node_modules/react"), "run scripts/setup.sh first");
        sy::test::copyExample(kHello, m_root);
        std::string error;
        QVERIFY2(loadProjectConfig(m_root.string(), SY_TOOLS_JS_DIR, m_project, error),
                 error.c_str());
        m_session = std::make_unique<DevSession>(m_project, TransformService::shared());
        const auto runs = m_session->prepare();
        QCOMPARE(runs.size(), size_t(3));
        for (const OptimizerRun &run : runs)
            QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        const auto errors = m_session->crawlAll();
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
    }

    void reactResolvesPerEnvironment()
    {
        // worker pre-bundles react's react-server build (the app's JSX runtime: rwsdk's
        // worker bundle carries React itself); ssr and client the normal one.
        const auto worker = m_session->worker().optimizer().lookup("react/jsx-dev-runtime");
        const auto ssr = m_session->ssr().optimizer().lookup("react");
        const auto client = m_session->client().optimizer().lookup("react");
        QVERIFY(worker && ssr && client);
        QVERIFY2(contains(worker->src, "react/jsx-dev-runtime.react-server.js"),
                 worker->src.c_str());
        QVERIFY2(contains(ssr->src, "react/index.js"), ssr->src.c_str());
        QVERIFY2(contains(client->src, "react/index.js"), client->src.c_str());
        QVERIFY(contains(worker->file, "/.switchyard/deps_worker/"));
        QVERIFY(contains(client->file, "/.switchyard/deps_client/"));
        QVERIFY(worker->needsInterop);
    }

    void workerGraphHoldsTheBridgedSsrSubgraph()
    {
        const nlohmann::json graph = m_session->worker().graphJson();
        // rwsdk/__ssr_bridge, pre-bundled for ssr.
        const std::string bridge =
            "virtual:switchyard:ssr:" + m_project.depsDir("ssr") + "/rwsdk___ssr_bridge.js";
        bool sawBridge = false, sawSsrReact = false, sawSsrCounter = false;
        for (const auto &m : graph["modules"]) {
            const std::string id = m["id"];
            if (id == bridge) {
                sawBridge = true;
                QCOMPARE(m["virtual"].get<bool>(), true);
                QCOMPARE(m["twin"].get<std::string>(),
                         m_project.depsDir("ssr") + "/rwsdk___ssr_bridge.js");
            }
            if (id == "virtual:switchyard:ssr:" + m_project.depsDir("ssr") + "/react.js") {
                sawSsrReact = true;
                QVERIFY(m.contains("optimizedBrowserHash"));
            }
            if (id == "virtual:switchyard:ssr:" + file("src/app/components/Counter.tsx"))
                sawSsrCounter = true;
            // Nothing below the bridge may use the worker's react-server bundles.
            if (id.rfind("virtual:switchyard:ssr:", 0) == 0)
                for (const auto &imp : m["imports"])
                    QVERIFY2(!contains(imp.get<std::string>(), "deps_worker"), id.c_str());
        }
        QVERIFY(sawBridge);
        QVERIFY(sawSsrReact);
        QVERIFY(sawSsrCounter);
        // The twin lives in the ssr graph.
        bool twinInSsr = false;
        m_session->ssr().withGraph([&](ModuleGraph &g) {
            twinInSsr =
                g.moduleById(m_project.depsDir("ssr") + "/rwsdk___ssr_bridge.js") != nullptr;
        });
        QVERIFY(twinInSsr);
    }

    void workerGraphFeedsAQtModel()
    {
        ModuleGraphModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::unique_ptr<ModuleGraphModelFeed> feed;
        m_session->worker().withGraph([&](ModuleGraph &g) {
            feed = std::make_unique<ModuleGraphModelFeed>(&g);
            feed->connectTo(&model);
            g.setObserver(feed.get());
        });
        // Re-transforming the page announces it and its imports.
        const std::string home = file("src/app/pages/Home.tsx");
        m_session->worker().invalidateFile(home, "model test");
        QVERIFY(m_session->worker().fetchModule(home, {}).ok);
        m_session->worker().crawl({m_project.workerEntry});
        const int row = model.rowOf("worker", QString::fromStdString(home));
        QVERIFY(row >= 0);
        QVERIFY(model.index(row, ModuleGraphModel::ImportsColumn).data().toInt() >= 2);
        // A bridged node arrives virtual, linked to its ssr twin.
        const std::string twin = m_project.depsDir("ssr") + "/rwsdk___ssr_bridge.js";
        const std::string bridge = "virtual:switchyard:ssr:" + twin;
        m_session->worker().withGraph(
            [&](ModuleGraph &g) { g.invalidateModule(*g.moduleById(bridge), 1, "model test"); });
        QVERIFY(m_session->worker().fetchModule(bridge, {}).ok);
        const int bridgeRow = model.rowOf("worker", QString::fromStdString(bridge));
        QVERIFY(bridgeRow >= 0);
        QCOMPARE(model.index(bridgeRow, 0).data(ModuleGraphModel::VirtualRole).toBool(), true);
        QCOMPARE(model.index(bridgeRow, 0).data(ModuleGraphModel::TwinRole).toString(),
                 QString::fromStdString(twin));
        m_session->worker().withGraph([&](ModuleGraph &g) { g.setObserver(nullptr); });
    }

    void directivesAreTransformedPerEnvironment()
    {
        const FetchedModule counter =
            m_session->worker().fetchModule(file("src/app/components/Counter.tsx"), {});
        QVERIFY2(counter.ok, counter.error.c_str());
        // rwsdk's transforms: the worker's copy is a client reference backed by the SSR
        // module (loaded through the bridge), the real component never loads in the worker.
        QVERIFY2(contains(counter.code, "registerClientReference(SSRModule, "
                                        "\"/src/app/components/Counter.tsx\", \"Counter\")"),
                 counter.code.c_str());
        QVERIFY(contains(counter.code, "await ssrLoadModule(\"/src/app/components/Counter.tsx\")"));
        QVERIFY(!contains(counter.code, "useState"));

        const FetchedModule actionsWorker =
            m_session->worker().fetchModule(file("src/app/actions.ts"), {});
        QVERIFY2(contains(actionsWorker.code, "registerServerReference(__rwsdk_self[\"greet\"], "
                                              "\"/src/app/actions.ts\", \"greet\")"),
                 actionsWorker.code.c_str());

        const ServedModule actionsClient =
            m_session->client().serveClientUrl("/src/app/actions.ts");
        QCOMPARE(actionsClient.status, 200);
        QVERIFY2(contains(actionsClient.body,
                          "createServerReference(\"/src/app/actions.ts\", \"greet\")"),
                 actionsClient.body.c_str());
        QVERIFY(!contains(actionsClient.body, "requestInfo"));
    }

    void inspectionShowsEveryEnvironmentAndTheRunner()
    {
        const std::string counter = file("src/app/components/Counter.tsx");
        const nlohmann::json all = inspectModuleEverywhere(*m_session, counter);
        std::set<std::string> envs;
        for (const auto &e : all["environments"])
            envs.insert(e["environment"].get<std::string>());
        QCOMPARE(envs, (std::set<std::string>{"client", "ssr", "worker"}));

        const std::string home = file("src/app/pages/Home.tsx");
        const nlohmann::json worker = inspectModule(*m_session, EnvironmentKind::Worker, home);
        QVERIFY(!worker.contains("error"));
        QVERIFY(contains(worker["source"].get<std::string>(), "export function Home"));
        QVERIFY(contains(worker["code"].get<std::string>(), "/.switchyard/deps_worker/"));
        const auto &conditions = worker["conditions"];
        QVERIFY2(std::find(conditions.begin(), conditions.end(), "react-server") !=
                     conditions.end(),
                 conditions.dump().c_str());
        bool sawIsNumber = false;
        for (const auto &imp : worker["imports"])
            sawIsNumber = sawIsNumber || imp["specifier"] == "is-number";
        QVERIFY(sawIsNumber);
        for (const auto &[dep, hashes] : worker["optimizedDeps"].items())
            QVERIFY(hashes["referenced"] == hashes["current"]);
        // "current" is the optimizer's browserHash now, not the one the
        // pre-bundle's node was last served with: after a run commits, the
        // node keeps its old hash until the bundle is fetched again (the
        // dashboard's inspector showed that stale hash as "current").
        std::map<std::string, std::string> served;
        m_session->worker().withGraph([&](ModuleGraph &graph) {
            for (const auto &[dep, hashes] : worker["optimizedDeps"].items())
                if (ModuleNode *node = graph.moduleById(dep)) {
                    served[dep] = node->optimizedBrowserHash;
                    node->optimizedBrowserHash = "0ld0ld00";
                }
        });
        QVERIFY(!served.empty());
        const nlohmann::json again = inspectModule(*m_session, EnvironmentKind::Worker, home);
        for (const auto &[dep, hashes] : again["optimizedDeps"].items()) {
            const auto info =
                m_session->worker().optimizer().lookupByFile(dep.substr(0, dep.find('?')));
            QVERIFY2(info, dep.c_str());
            QCOMPARE(hashes["current"].get<std::string>(), info->browserHash);
        }
        m_session->worker().withGraph([&](ModuleGraph &graph) {
            for (const auto &[dep, hash] : served)
                graph.moduleById(dep)->optimizedBrowserHash = hash;
        });

        // The runner column compares what an isolate evaluated with the graph.
        EvaluatedModule evaluated;
        evaluated.id = home;
        evaluated.transformHash = worker["etag"].get<std::string>();
        std::vector<EvaluatedModule> runner{evaluated};
        QCOMPARE(
            inspectModule(*m_session, EnvironmentKind::Worker, home, &runner)["runner"]["current"]
                .get<bool>(),
            true);
        runner[0].transformHash = "00000000";
        QCOMPARE(
            inspectModule(*m_session, EnvironmentKind::Worker, home, &runner)["runner"]["current"]
                .get<bool>(),
            false);
    }

    void clientCodeImportsUrlsWithBrowserHash()
    {
        const ServedModule counter =
            m_session->client().serveClientUrl("/src/app/components/Counter.tsx");
        QCOMPARE(counter.status, 200);
        const std::string hash = m_session->client().optimizer().lookup("react")->browserHash;
        QVERIFY2(contains(counter.body, "/.switchyard/deps_client/react.js?v=" + hash),
                 counter.body.c_str());
        // Named imports from the CommonJS bundle go through its default export.
        QVERIFY(contains(counter.body, "__sy_cjs"));
        // The source map travels inline and names the original file.
        const std::string marker = "//# sourceMappingURL=data:application/json;base64,";
        const size_t at = counter.body.find(marker);
        QVERIFY(at != std::string::npos);
        const QByteArray map = QByteArray::fromBase64(
            QByteArray::fromStdString(counter.body.substr(at + marker.size())).trimmed());
        const auto json = nlohmann::json::parse(map.toStdString());
        QCOMPARE(json["version"].get<int>(), 3);
        QVERIFY(contains(json.dump(), "Counter.tsx"));
    }

    void outdatedBrowserHashIsRejected()
    {
        const auto react = *m_session->worker().optimizer().lookup("react/jsx-dev-runtime");
        const FetchedModule ok =
            m_session->worker().fetchModule(react.file + "?v=" + react.browserHash, {});
        QVERIFY(ok.ok);
        const FetchedModule old = m_session->worker().fetchModule(react.file + "?v=00000000", {});
        QVERIFY(!old.ok);
        QVERIFY2(contains(old.error, "There is a new version of the pre-bundle"),
                 old.error.c_str());
        QVERIFY(contains(old.error, "ERR_OUTDATED_OPTIMIZED_DEP"));
    }

    void bridgedOptimizedDepWithHashLoadsAfterInvalidation()
    {
        // Regression: the ?v= of a bridged id was passed on twice.
        const auto react = *m_session->ssr().optimizer().lookup("react");
        const std::string id = "virtual:switchyard:ssr:" + react.file;
        m_session->worker().withGraph([&](ModuleGraph &g) {
            QVERIFY(g.moduleById(id));
            g.invalidateModule(*g.moduleById(id), 1, "test");
        });
        m_session->ssr().withGraph(
            [&](ModuleGraph &g) { g.invalidateModule(*g.moduleById(react.file), 1, "test"); });
        const FetchedModule fetched =
            m_session->worker().fetchModule(id + "?v=" + react.browserHash, {});
        QVERIFY2(fetched.ok, fetched.error.c_str());
    }

    void syntaxErrorNamesFileAndLine()
    {
        writeText(m_root / "src/broken.tsx", "export const a = 1;\nexport const b = (;\n");
        const FetchedModule broken = m_session->worker().fetchModule(file("src/broken.tsx"), {});
        QVERIFY(!broken.ok);
        QVERIFY2(contains(broken.error, "/src/broken.tsx (2:"), broken.error.c_str());
        // The environment keeps working.
        QVERIFY(m_session->worker().fetchModule(file("src/app/pages/Home.tsx"), {}).ok);
    }

    void missingPackageNamesSpecifierImporterAndEnvironment()
    {
        writeText(m_root / "src/missing.ts",
                  "import leftPad from 'left-pad-not-installed';\nexport default leftPad;\n");
        const FetchedModule missing = m_session->ssr().fetchModule(file("src/missing.ts"), {});
        QVERIFY(!missing.ok);
        QVERIFY2(
            contains(
                missing.error,
                "Failed to resolve import \"left-pad-not-installed\" from \"/src/missing.ts\""),
            missing.error.c_str());
        QVERIFY(contains(missing.error, "environment ssr"));
    }

    void malformedPackageJsonIsAClearError()
    {
        writeText(m_root / "src/vendor/node_modules/badpkg/package.json",
                  "{ \"name\": \"badpkg\", ");
        writeText(m_root / "src/vendor/uses-bad.ts",
                  "import x from 'badpkg';\nexport default x;\n");
        const FetchedModule bad =
            m_session->worker().fetchModule(file("src/vendor/uses-bad.ts"), {});
        QVERIFY(!bad.ok);
        QVERIFY2(contains(bad.error, "badpkg/package.json"), bad.error.c_str());
    }

    void clientUrlsOutsideAllowedRootsAreRefused()
    {
        QCOMPARE(m_session->client().serveClientUrl("/@fs/etc/passwd").status, 403);
        QCOMPARE(m_session->client().serveClientUrl("/../../../../etc/passwd").status, 400);
        QCOMPARE(m_session->client().serveClientUrl("/src/nope.tsx").status, 404);
    }

    void clientRoutesGoThroughTheFilePolicy()
    {
        Environment &client = m_session->client();
        const std::string secret = "SY_UNIT_SECRET_9f3c";
        for (const char *rel : {".env", ".env.local", ".dev.vars", ".git/config", "key.pem",
                                "certs/cert.crt", ".switchyard/storage/x.sqlite"})
            writeText(m_root / rel, std::string(secret) + "\n");
        writeText(m_root.string() + "-outside.txt", secret); // next to the app
        fs::create_symlink(m_root / ".dev.vars", m_root / "src/vars.js");
        struct Case {
            std::string url;
            int status;
        };
        std::vector<Case> cases;
        for (const std::string rel : {".env", ".env.local", ".dev.vars", ".git/config", "key.pem",
                                      "certs/cert.crt", ".switchyard/storage/x.sqlite"}) {
            const std::string abs = file(rel);
            for (const std::string &url :
                 {"/" + rel, "/" + rel + "?raw", "/" + rel + "??import", "/@fs" + abs,
                  "/@fs" + abs + "?url", "/@id/" + abs, "/@id" + abs, "//" + rel, "/./" + rel,
                  "/.switchyard/deps_client/../../" + rel, "/src/%2e%2E/" + rel,
                  "/@fs" + file("src") + "/.%2e/" + rel})
                cases.push_back({url, 403});
            cases.push_back({"/" + rel + "%00.js", 400});
            cases.push_back({"/@fs" + abs + "%00.js", 400});
        }
        for (const std::string &url :
             std::vector<std::string>{"/@id//etc/shadow", "/@id//etc/passwd",
                                      "/@id//proc/self/environ", "/@id//dev/zero", "/@fs/dev/zero",
                                      "/src/vars.js", "/@fs" + m_root.string() + "-outside.txt"})
            cases.push_back({url, 403});
        cases.push_back({"/src/..\\..\\etc/passwd", 400});
        cases.push_back({"/%2e%2e/%2e%2e/etc/passwd", 400});
        for (const Case &c : cases) {
            const ServedModule served = client.serveClientUrl(c.url);
            QVERIFY2(served.status == c.status,
                     (c.url + ": " + std::to_string(served.status) + " " + served.body).c_str());
            QVERIFY2(served.refused, c.url.c_str());
            QVERIFY2(!contains(served.body, secret), c.url.c_str());
            QVERIFY2(!contains(served.body, "root:"), c.url.c_str());
            QCOMPARE(std::count(served.body.begin(), served.body.end(), '\n'), 1);
        }
        // What the engine produces stays servable: app modules, pre-bundles, the runtime.
        const ServedModule counter = client.serveClientUrl("/src/app/components/Counter.tsx");
        QCOMPARE(counter.status, 200);
        std::string reactUrl;
        for (const auto &[id, info] : client.optimizer().metadata().optimized)
            if (id == "react")
                reactUrl = client.clientUrlFor(info.file) + "?v=" + info.browserHash;
        QVERIFY(reactUrl.starts_with("/.switchyard/deps_client/"));
        QCOMPARE(client.serveClientUrl(reactUrl).status, 200);
        // A package's own module in node_modules (served as source by URL).
        const std::string rwsdkClient =
            fs::canonical(m_root / "node_modules/rwsdk/dist/runtime/client/client.js").string();
        QCOMPARE(client.serveClientUrl(client.clientUrlFor(rwsdkClient)).status, 200);
        fs::remove(m_root.string() + "-outside.txt");
    }

    void unknownIdsAddNoModuleNodes()
    {
        // 10,000 distinct ids the engine never produced: answered 404, and the
        // module graph does not grow (each used to add a node for good).
        Environment &client = m_session->client();
        const std::string lookup = "/@id/" + m_project.framework.useClientLookupId; // rwsdk's
        QCOMPARE(client.serveClientUrl(lookup).status, 200);
        auto nodes = [&] {
            size_t n = 0;
            client.withGraph([&](ModuleGraph &graph) { n = graph.size(); });
            return n;
        };
        const size_t before = nodes();
        for (int i = 0; i < 10000; ++i) {
            const std::string n = std::to_string(i);
            for (const std::string &url :
                 {"/@id/virtual:switchyard:nope-" + n, "/@id/virtual:switchyard:ssr:/x" + n,
                  "/@id/__switchyard-browser-external:fake" + n, "/@id/bare-package-" + n,
                  "/@id/" + file("src/missing" + n + ".tsx"), "/@fs" + file("src/gone" + n + ".ts"),
                  "/src/absent" + n + ".tsx"}) {
                const ServedModule served = client.serveClientUrl(url);
                if (served.status != 404)
                    QFAIL((url + ": " + std::to_string(served.status) + " " + served.body).c_str());
            }
            // A known virtual id with a query is that module, not a new node.
            QCOMPARE(client.serveClientUrl(lookup + "?x=" + n).status, 200);
        }
        QCOMPARE(nodes(), before);
    }

    void clientAcceptedDepsBecomeUrls()
    {
        writeText(m_root / "src/hot/dep.ts", "export const value: number = 1;\n");
        writeText(m_root / "src/hot/other.ts", "export const other = 2;\n");
        writeText(m_root / "src/hot/owner.ts",
                  "import { value } from './dep';\n"
                  "import { other } from \"./other.ts\";\n"
                  "import.meta.hot?.accept('./dep', (m) => console.log(m));\n"
                  "import.meta.hot?.accept(['./dep.ts', `./other`], ([a, b]) => {});\n"
                  "import.meta.hot?.accept(\"react\", () => {});\n"
                  "export const sum: number = value + other;\n");
        const ServedModule owner = m_session->client().serveClientUrl("/src/hot/owner.ts");
        QVERIFY2(owner.status == 200, owner.body.c_str());
        // Each accepted dep is the URL the module imports it by (and the payloads name),
        // on its original line.
        std::vector<std::string> lines;
        std::istringstream in(owner.body);
        for (std::string line; std::getline(in, line);)
            lines.push_back(line);
        QVERIFY(lines.size() > 5);
        QVERIFY2(contains(lines[2], "accept(\"/src/hot/dep.ts\", (m)"), lines[2].c_str());
        QVERIFY2(contains(lines[3], "accept([\"/src/hot/dep.ts\", \"/src/hot/other.ts\"]"),
                 lines[3].c_str());
        const std::string hash = m_session->client().optimizer().lookup("react")->browserHash;
        QVERIFY2(contains(lines[4], "accept(\"/.switchyard/deps_client/react.js?v=" + hash + "\""),
                 lines[4].c_str());
        QVERIFY(contains(lines[5], "sum"));
        QVERIFY(!contains(owner.body, "'./dep'"));
        m_session->client().withGraph([&](ModuleGraph &g) {
            const ModuleNode *node = g.moduleById(file("src/hot/owner.ts"));
            QVERIFY(node);
            QVERIFY(node->acceptedHmrDeps.count(file("src/hot/dep.ts")));
            QVERIFY(node->acceptedHmrDeps.count(file("src/hot/other.ts")));
            QVERIFY(!node->isSelfAccepting);
        });
    }

    void acceptedDepUpdateStopsAtTheAcceptingModule()
    {
        writeText(m_root / "src/hot2/dep.ts", "export const value = 1;\n");
        writeText(m_root / "src/hot2/owner.ts", "import { value } from './dep.ts';\n"
                                                "import.meta.hot.accept('./dep', () => {});\n"
                                                "export default value;\n");
        QCOMPARE(m_session->client().serveClientUrl("/src/hot2/owner.ts").status, 200);
        HmrPropagation p;
        m_session->client().withGraph([&](ModuleGraph &graph) {
            p = propagateHmrUpdate(file("src/hot2/dep.ts"),
                                   [&](const std::string &id) -> std::optional<HmrModuleInfo> {
                                       const ModuleNode *node = graph.moduleById(id);
                                       if (!node)
                                           return std::nullopt;
                                       HmrModuleInfo info;
                                       info.url = node->url;
                                       info.isSelfAccepting = node->isSelfAccepting;
                                       info.acceptedHmrDeps = node->acceptedHmrDeps;
                                       info.importers.assign(node->importers.begin(),
                                                             node->importers.end());
                                       return info;
                                   });
        });
        QVERIFY2(!p.fullReload, p.reason.c_str());
        QCOMPARE(p.boundaries.size(), size_t(1));
        QCOMPARE(p.boundaries[0].id, file("src/hot2/owner.ts"));
        QCOMPARE(p.boundaries[0].url, std::string("/src/hot2/owner.ts"));
        QCOMPARE(p.boundaries[0].acceptedViaId, file("src/hot2/dep.ts"));
        QCOMPARE(p.boundaries[0].acceptedVia, std::string("/src/hot2/dep.ts"));
    }

    void unresolvableAcceptedDepIsAResolveError()
    {
        writeText(m_root / "src/hot3/bad.ts",
                  "export const a = 1;\nimport.meta.hot.accept('./missing-dep', () => {});\n");
        const ServedModule bad = m_session->client().serveClientUrl("/src/hot3/bad.ts");
        QCOMPARE(bad.status, 500);
        QVERIFY2(contains(bad.body, "Failed to resolve import \"./missing-dep\" from "
                                    "\"/src/hot3/bad.ts\" (2:"),
                 bad.body.c_str());
    }

    void hotUpdatedModuleIsImportedWithItsTimestamp()
    {
        writeText(m_root / "src/hot4/dep.ts", "export const value: number = 1;\n");
        writeText(m_root / "src/hot4/owner.ts", "import { value } from './dep';\n"
                                                "import './dep.ts?extra=1';\n"
                                                "export const lazy = () => import('./dep.ts');\n"
                                                "import.meta.hot.accept();\n"
                                                "export default value;\n");
        writeText(m_root / "src/hot4/app.ts", "import owner from './owner.ts';\n"
                                              "import.meta.hot.accept('./owner', () => {});\n"
                                              "export default owner;\n");
        Environment &client = m_session->client();
        const ServedModule app = client.serveClientUrl("/src/hot4/app.ts");
        QVERIFY2(app.status == 200, app.body.c_str());
        const ServedModule before = client.serveClientUrl("/src/hot4/owner.ts");
        QVERIFY2(before.status == 200, before.body.c_str());
        QVERIFY(!contains(before.body, "?t="));

        // The updated dep, and its self-accepting importer, not the module that
        // accepts the importer as a dep (Vite's invalidateModule with isHmr).
        const int64_t t = 1700000000123;
        const std::vector<std::string> marked = client.markHotUpdated({file("src/hot4/dep.ts")}, t);
        QCOMPARE(std::set<std::string>(marked.begin(), marked.end()),
                 (std::set<std::string>{file("src/hot4/dep.ts"), file("src/hot4/owner.ts")}));

        // What the HMR client re-imports: the boundary with its own ?t=.
        const std::string ts = std::to_string(t);
        const ServedModule owner = client.serveClientUrl("/src/hot4/owner.ts?t=" + ts);
        QVERIFY2(owner.status == 200, owner.body.c_str());
        QVERIFY2(contains(owner.body, "from '/src/hot4/dep.ts?t=" + ts + "'"), owner.body.c_str());
        QVERIFY2(contains(owner.body, "import '/src/hot4/dep.ts?t=" + ts + "&extra=1'"),
                 owner.body.c_str());
        QVERIFY2(contains(owner.body, "import(\"/src/hot4/dep.ts?t=" + ts + "\")"),
                 owner.body.c_str());
        // The accepting module kept its transform; when re-transformed it would
        // import the owner with the owner's ?t= and accept it by that URL.
        QCOMPARE(client.serveClientUrl("/src/hot4/app.ts").body, app.body);
        QVERIFY(client.invalidateModule(file("src/hot4/app.ts"), "test"));
        const ServedModule app2 = client.serveClientUrl("/src/hot4/app.ts");
        QVERIFY2(contains(app2.body, "from '/src/hot4/owner.ts?t=" + ts + "'"), app2.body.c_str());
        QVERIFY2(contains(app2.body, "accept(\"/src/hot4/owner.ts?t=" + ts + "\""),
                 app2.body.c_str());

        // ?t= is not part of a module's identity.
        const ServedModule dep = client.serveClientUrl("/src/hot4/dep.ts?t=" + ts);
        QCOMPARE(dep.status, 200);
        QCOMPARE(dep.body, client.serveClientUrl("/src/hot4/dep.ts").body);
        client.withGraph([&](ModuleGraph &g) {
            const ModuleNode *node = g.moduleById(file("src/hot4/dep.ts"));
            QVERIFY(node);
            QCOMPARE(node->lastHmrTimestamp, t);
            QCOMPARE(node->url, std::string("/src/hot4/dep.ts"));
            for (const ModuleNode *n : g.modules())
                QVERIFY2(!contains(n->id, "?t=") && !contains(n->url, "?t="), n->id.c_str());
            QVERIFY(node->importers.count(file("src/hot4/owner.ts")));
        });
    }

    void hotUpdateStopsAtPreBundles()
    {
        // Counter.tsx's importers: the use-client lookup, imported by rwsdk's pre-bundled
        // client (kept external there), imported by the client entry. The marks stop at the
        // pre-bundle: re-imported with ?t= it would be a second instance of its packages
        // (react-dom, rwsdk's client and its __webpack_require__ global) beside the page's.
        Environment &client = m_session->client();
        const std::string counter = file("src/app/components/Counter.tsx");
        const std::string depsDir = client.optimizer().config().cacheDir + "/";
        bool lookupImportedByAPreBundle = false;
        client.withGraph([&](ModuleGraph &g) {
            const ModuleNode *node = g.moduleById(counter);
            QVERIFY(node);
            for (const std::string &importer : node->importers)
                if (const ModuleNode *lookup = g.moduleById(importer))
                    for (const std::string &up : lookup->importers)
                        lookupImportedByAPreBundle =
                            lookupImportedByAPreBundle || up.rfind(depsDir, 0) == 0;
        });
        QVERIFY(lookupImportedByAPreBundle);
        const std::vector<std::string> marked = client.markHotUpdated({counter}, 1700000000456);
        QVERIFY(std::find(marked.begin(), marked.end(), counter) != marked.end());
        QVERIFY(marked.size() >= 2); // and the lookup
        for (const std::string &id : marked)
            QVERIFY2(id.rfind(depsDir, 0) != 0, id.c_str());
        QVERIFY(std::find(marked.begin(), marked.end(), file("src/client.tsx")) == marked.end());
    }

    void changedFileIsInvalidatedAndRetransformed()
    {
        const std::string home = file("src/app/pages/Home.tsx");
        const std::string before = m_session->worker().fetchModule(home, {}).transformHash;
        std::ifstream in(home);
        std::string text((std::istreambuf_iterator<char>(in)), {});
        writeText(home, text + "\nexport const added = 42;\n");
        QVERIFY(!m_session->worker().invalidateFile(home, "test edit").empty());
        const FetchedModule after = m_session->worker().fetchModule(home, {});
        QVERIFY(after.ok);
        QVERIFY(after.transformHash != before);
        QVERIFY(contains(after.code, "added = 42"));
    }
    // Last: it re-bundles the client environment.
    void oldBrowserHashIsServedFromTheRetiredGeneration()
    {
        Environment &client = m_session->client();
        const auto before = *client.optimizer().lookup("react");
        const OptimizerRun run = client.reoptimize(
            {{"scheduler", (kHello / "node_modules/scheduler/index.js").string()}},
            "discovered scheduler");
        QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        const auto after = *client.optimizer().lookup("react");
        if (after.browserHash == before.browserHash)
            QSKIP("react's client bundle did not change: nothing retired to serve");
        const std::string url = "/.switchyard/deps_client/react.js";
        const ServedModule current = client.serveClientUrl(url + "?v=" + after.browserHash);
        QCOMPARE(current.status, 200);
        // A page of the previous generation still gets the bundle it asked for,
        // whose chunks come from the same retired generation.
        const ServedModule old = client.serveClientUrl(url + "?v=" + before.browserHash);
        QVERIFY2(old.status == 200, old.body.c_str());
        const std::string retiredDir = "/.switchyard/deps_client@" + run.oldBrowserHash + "/";
        const size_t at = old.body.find(retiredDir);
        QVERIFY2(at != std::string::npos, old.body.substr(0, 400).c_str());
        const size_t end = old.body.find('"', at);
        const ServedModule chunk = client.serveClientUrl(old.body.substr(at, end - at));
        QVERIFY2(chunk.status == 200, chunk.body.substr(0, 200).c_str());
        // Unknown hashes still fail the Vite way.
        QCOMPARE(client.serveClientUrl(url + "?v=0badc0de").status, 504);
    }

    void legacyDecoratorsFollowTheFilesTsconfig()
    {
        // Decorators are lowered as TC39's by default and as TypeScript's
        // legacy ones once the file's tsconfig says experimentalDecorators
        // (esbuild's helpers: __decorateElement vs __decorateClass); the
        // module depends on that tsconfig, even before it exists.
        writeText(m_root / "src/deco/greeter.ts",
                  "function logged(...args: any[]): any {}\n"
                  "export class Greeter {\n  @logged\n  greet() { return 'hi'; }\n}\n");
        const std::string id = file("src/deco/greeter.ts");
        const std::string tsconfig = file("src/deco/tsconfig.json");
        Environment &worker = m_session->worker();
        const FetchedModule tc39 = worker.fetchModule(id, {});
        QVERIFY2(tc39.ok, tc39.error.c_str());
        QVERIFY2(contains(tc39.code, "__decorateElement") &&
                     !contains(tc39.code, "__decorateClass"),
                 tc39.code.c_str());
        const std::vector<std::string> dependents = worker.modulesDependingOn(tsconfig);
        QVERIFY(std::find(dependents.begin(), dependents.end(), id) != dependents.end());

        writeText(m_root / "src/deco/tsconfig.json",
                  R"({ "compilerOptions": { "experimentalDecorators": true } })");
        worker.invalidateTsconfig(tsconfig);
        for (const std::string &dependent : worker.modulesDependingOn(tsconfig))
            worker.invalidateModule(dependent, "tsconfig edit");
        const FetchedModule legacy = worker.fetchModule(id, {});
        QVERIFY2(legacy.ok, legacy.error.c_str());
        QVERIFY2(contains(legacy.code, "__decorateClass"), legacy.code.c_str());
        fs::remove_all(m_root / "src/deco");
    }
};

QTEST_GUILESS_MAIN(TestEnvironment)
#include "tst_environment.moc"
