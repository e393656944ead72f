// Modules that are not JavaScript (issue 10, section 2): JSON modules, asset
// URLs, ?raw/?url/?inline, wrangler's module rules (wasm, text, data) in the
// worker, Vite's direct-request vs ?import distinction in the client, the
// router sending app files to the client environment, and the module types
// in graph JSON and the Qt model. Unit checks first, then a DevSession on a
// copy of examples/hello with such files added.
#include "dev/devSession.h"
#include "dev/requestRouter.h"
#include "env/assetImportMetaUrl.h"
#include "env/assetModules.h"
#include "env/jsonModule.h"
#include "env/moduleQuery.h"
#include "env/workerModuleRules.h"
#include "graph/moduleGraph.h"
#include "graph/moduleGraphModel.h"
#include "js/transformService.h"
#include "support/exampleCopy.h"
#include "support/textFiles.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace sy;
namespace fs = std::filesystem;
using sy::test::contains;

namespace {
const fs::path kHello = SY_SOURCE_DIR "/examples/hello";
const fs::path kWasm = SY_SOURCE_DIR "/examples/realworld/src/app/wasm/add.wasm";

void writeText(const fs::path &p, const std::string &text)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

const char *kProducts = "{\n"
                        "  \"currency\": \"EUR\",\n"
                        "  \"items\": [{ \"id\": \"p1\", \"price\": 24 }],\n"
                        "  \"shipping-note\": \"two days\",\n"
                        "  \"default\": 1\n"
                        "}";
} // namespace

class TestAssetModules : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;
    fs::path m_packages;
    ProjectConfig m_project;
    std::unique_ptr<DevSession> m_session;

    std::string file(const std::string &rel) const { return (m_root / rel).string(); }

private slots:
    // ---- pure functions -------------------------------------------------

    void jsonModuleHasDefaultAndNamedExports()
    {
        const JsonModule m = jsonToEsModule(kProducts);
        QVERIFY2(m.ok, m.error.c_str());
        QVERIFY2(contains(m.code, "export const currency = \"EUR\";\n"), m.code.c_str());
        QVERIFY2(contains(m.code, "export const items = [{\"id\":\"p1\",\"price\":24}];"),
                 m.code.c_str());
        // Keys that are not identifiers, and reserved words, live only in the default export.
        QVERIFY2(contains(m.code, "\"shipping-note\": \"two days\","), m.code.c_str());
        QVERIFY2(!contains(m.code, "export const default"), m.code.c_str());
        QVERIFY2(contains(m.code, "\"default\": 1,"), m.code.c_str());
        // Source order (JSON.parse keeps it): currency before items.
        QVERIFY(m.code.find("currency") < m.code.find("items"));
        QCOMPARE(jsonToEsModule("[1, 2]").code, std::string("export default [1,2];\n"));
        QCOMPARE(jsonToEsModule("\xEF\xBB\xBF\"a\"").code, std::string("export default \"a\";\n"));
        // Large values are parsed by JSON.parse (Vite's stringify: 'auto').
        const JsonModule large = jsonToEsModule("{\"big\": [\"" + std::string(12000, 'x') + "\"]}");
        QVERIFY(large.ok);
        QVERIFY(contains(large.code, "export const big = JSON.parse(\"[\\\"xxx"));
        QVERIFY(isLegalExportName("$x_1"));
        QVERIFY(!isLegalExportName("1x") && !isLegalExportName("class") &&
                !isLegalExportName("Object") && !isLegalExportName("a-b"));
    }

    void jsonSyntaxErrorHasLineAndColumn()
    {
        const JsonModule m = jsonToEsModule("{\n  \"a\": 1,\n  \"b\": ,\n}\n");
        QVERIFY(!m.ok);
        QCOMPARE(m.line, 3);
        QCOMPARE(m.column, 8);
        QVERIFY2(contains(m.error, "Failed to parse JSON file: ") &&
                     contains(m.error, "(line 3, column 8)"),
                 m.error.c_str());
        const JsonModule trailing = jsonToEsModule("{\"a\": 1,}");
        QVERIFY(!trailing.ok);
        QCOMPARE(trailing.line, 1);
        QCOMPARE(trailing.column, 9);
    }

    void moduleQueries()
    {
        QCOMPARE(splitModuleId("/a/x.md?t=5&raw").first, std::string("/a/x.md?raw"));
        QCOMPARE(splitModuleId("/a/x.md?t=5&raw").second, std::string("?t=5"));
        QCOMPARE(splitModuleId("/a/x.json?import").first, std::string("/a/x.json"));
        QCOMPARE(splitModuleId("/a/x.js?v=abc").first, std::string("/a/x.js"));
        QCOMPARE(splitModuleId("/a/x.wasm?module").first, std::string("/a/x.wasm?module"));
        QCOMPARE(splitModuleId("virtual:x?raw").first, std::string("virtual:x?raw"));
        QCOMPARE(injectQuery("/x.svg", "import"), std::string("/x.svg?import"));
        QCOMPARE(injectQuery("/x.md?raw", "import"), std::string("/x.md?import&raw"));
        QCOMPARE(injectQuery("/x.md?import&raw", "import"), std::string("/x.md?import&raw"));
        QCOMPARE(removeQueryParam("?import&raw", "import"), std::string("?raw"));
        QVERIFY(needsExplicitImport("/x.json") && needsExplicitImport("/x.svg"));
        QVERIFY(!needsExplicitImport("/x.tsx") && !needsExplicitImport("/x.css"));
        QVERIFY(isDirectFileRequest("/src/logo.svg", ""));
        QVERIFY(isDirectFileRequest("/src/data.json", "?v=1"));
        QVERIFY(!isDirectFileRequest("/src/data.json", "?import"));
        QVERIFY(!isDirectFileRequest("/src/notes.md", "?raw"));
        QVERIFY(!isDirectFileRequest("/src/App.tsx", ""));
    }

    void workerModuleRulesAreWranglers()
    {
        std::string error;
        const WorkerModuleRules defaults;
        QCOMPARE(defaults.match("src/add.wasm", error).value_or(""), std::string("CompiledWasm"));
        QCOMPARE(defaults.match("src/add.wasm?module", error).value_or(""),
                 std::string("CompiledWasm"));
        QCOMPARE(defaults.match("node_modules/p/q.txt", error).value_or(""), std::string("Text"));
        QCOMPARE(defaults.match("page.html", error).value_or(""), std::string("Text"));
        QCOMPARE(defaults.match("data/x.bin", error).value_or(""), std::string("Data"));
        QVERIFY(!defaults.match("src/x.md", error));
        QVERIFY(error.empty());
        // An app rule of the same type without fallthrough removes the default one.
        const WorkerModuleRules markdownOnly({{"Text", {"**/*.md"}, false}});
        QCOMPARE(markdownOnly.match("src/x.md", error).value_or(""), std::string("Text"));
        QVERIFY(!markdownOnly.match("src/x.txt", error));
        QVERIFY2(contains(error, "fallthrough"), error.c_str());
        error.clear();
        const WorkerModuleRules withFallthrough({{"Text", {"**/*.md"}, true}});
        QCOMPARE(withFallthrough.match("src/x.txt", error).value_or(""), std::string("Text"));
        QVERIFY(workerGlobMatches("**/*.wasm", "add.wasm"));
        QVERIFY(!workerGlobMatches("*.wasm", "src/add.wasm"));
        QVERIFY(!workerGlobMatches("**/*.wasm?module", "src/add.wasmXmodule"));
        // The config field, as wrangler validates it.
        std::vector<WorkerModuleRule> rules;
        const auto dataRule = nlohmann::json::parse(
            "{\"rules\":[{\"type\":\"Data\",\"globs\":[\"**/*.dat\"],\"fallthrough\":true}]}");
        QVERIFY(readWorkerModuleRules(dataRule, "wrangler.jsonc", rules, error));
        QCOMPARE(rules.size(), size_t(1));
        QVERIFY(rules[0].fallthrough);
        const auto unknownType =
            nlohmann::json::parse("{\"rules\":[{\"type\":\"Json\",\"globs\":[]}]}");
        QVERIFY(!readWorkerModuleRules(unknownType, "wrangler.jsonc", rules, error));
        QVERIFY2(contains(error, "wrangler.jsonc: rules[0]") && contains(error, "CompiledWasm"),
                 error.c_str());
        // Module types per environment.
        QCOMPARE(classifyModule(EnvironmentKind::Worker, "/a/src/x.md", "", "src/x.md",
                                WorkerModuleRules({{"Text", {"**/*.md"}, true}}), error),
                 ModuleType::Text);
        QCOMPARE(classifyModule(EnvironmentKind::Client, "/a/n.txt", "", "n.txt", defaults, error),
                 ModuleType::Asset);
        QCOMPARE(classifyModule(EnvironmentKind::Worker, "/a/n.txt", "", "n.txt", defaults, error),
                 ModuleType::Text);
        QCOMPARE(
            classifyModule(EnvironmentKind::Ssr, "/a/n.txt", "?url", "n.txt?url", defaults, error),
            ModuleType::Url);
    }

    void routerSendsAppFilesToTheClientEnvironment()
    {
        // Before: GET /src/app/styles.css (and any image) went to the worker.
        QCOMPARE(routeRequest("GET", "/src/app/styles.css", false, "", true),
                 RequestRoute::ClientModule);
        QCOMPARE(routeRequest("GET", "/src/app/logo.svg", false, "", true),
                 RequestRoute::ClientModule);
        QCOMPARE(routeRequest("HEAD", "/src/app/data.json", false, "", true),
                 RequestRoute::ClientModule);
        QCOMPARE(routeRequest("GET", "/about", false, "", false), RequestRoute::Worker);
        QCOMPARE(routeRequest("POST", "/src/app/logo.svg", false, "", true), RequestRoute::Worker);
        QCOMPARE(routeRequest("GET", "/favicon.svg", true, "", true), RequestRoute::PublicFile);
    }

    void importMetaUrlRewrite()
    {
        const std::string code = "const a = new URL('./img/x.png', import.meta.url);\n"
                                 "const b = new URL(\"https://e.com/y.png\", import.meta.url);\n"
                                 "const c = new URL(`./${n}.png`, import.meta.url);\n";
        const std::string out = rewriteNewUrlImportMetaUrl(code, [](const std::string &p) {
            return std::optional<std::string>("/src/app/" + p.substr(2));
        });
        QVERIFY2(contains(out, "new URL(\"/src/app/img/x.png\", import.meta.url)"), out.c_str());
        QVERIFY2(contains(out, "new URL(\"https://e.com/y.png\", import.meta.url)"), out.c_str());
        QVERIFY2(contains(out, "new URL(`./${n}.png`, import.meta.url)"), out.c_str());
    }

    // ---- a dev session --------------------------------------------------

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The app in <tmp>/app; a package beside it in <tmp>/node_modules (Node's
        // resolution walks up to it; served from /@fs/).
        m_packages = fs::canonical(m_dir.path().toStdString()) / "node_modules";
        m_root = m_packages.parent_path() / "app";
        fs::create_directories(m_root);
        writeText(m_packages / "icons/package.json",
                  "{\"name\": \"icons\", \"version\": \"1.0.0\"}");
        writeText(m_packages / "icons/logo.svg", "<svg id=\"pkg\"/>");
        writeText(m_packages / "icons/meta.json", "{\"set\": \"icons\"}");
        QVERIFY2(fs::exists(kHello / "node_modules/react"), "run scripts/setup.sh first");
        sy::test::copyExample(kHello, m_root);
        writeText(m_root / "src/app/data/products.json", kProducts);
        writeText(m_root / "src/app/assets/logo.svg",
                  "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        writeText(m_root / "src/app/content/about.md", "# About\n\"quoted\"\n");
        writeText(m_root / "src/app/content/notes.txt", "plain notes\n");
        writeText(m_root / "src/app/content/blob.bin", std::string("\x01\x02\x00\xff", 4));
        fs::create_directories(m_root / "src/app/wasm");
        fs::copy_file(kWasm, m_root / "src/app/wasm/add.wasm");
        writeText(m_root / "src/app/Assets.tsx",
                  "import products, { currency } from './data/products.json';\n"
                  "import logo from './assets/logo.svg';\n"
                  "import about from './content/about.md?raw';\n"
                  "import aboutUrl from './content/about.md?url';\n"
                  "import logoInline from './assets/logo.svg?inline';\n"
                  "import notes from './content/notes.txt';\n"
                  "import blob from './content/blob.bin';\n"
                  "import add from './wasm/add.wasm';\n"
                  "import add2 from './wasm/add.wasm?module';\n"
                  "import again from './data/products.json' with { type: 'json' };\n"
                  "export const all = { products, currency, logo, about, aboutUrl, logoInline, "
                  "notes, blob, add, add2, again };\n"
                  "export const img = new URL('./assets/logo.svg', import.meta.url).href;\n");
        writeText(m_root / "src/app/PackageAssets.tsx", "import icon from 'icons/logo.svg';\n"
                                                        "import meta from 'icons/meta.json';\n"
                                                        "export const all = { icon, meta };\n");
        writeText(m_root / "src/app/ClientAssets.tsx",
                  "import products from './data/products.json';\n"
                  "import logo from './assets/logo.svg';\n"
                  "import about from './content/about.md?raw';\n"
                  "export const all = { products, logo, about };\n"
                  "export const img = new URL('./assets/logo.svg', import.meta.url).href;\n");
        std::string error;
        QVERIFY2(
            loadProjectConfig(m_root.string(), SY_TOOLS_JS_DIR, m_project, error),
            error.c_str());
        m_session = std::make_unique<DevSession>(m_project, TransformService::shared());
        m_session->prepare();
    }

    void workerImportsEveryTypeAsWranglerAndViteDo()
    {
        Environment &worker = m_session->worker();
        const FetchedModule assets = worker.fetchModule(file("src/app/Assets.tsx"), {});
        QVERIFY2(assets.ok, assets.error.c_str());
        for (const char *id : {"src/app/data/products.json'", "src/app/assets/logo.svg'",
                               "src/app/content/about.md?raw'", "src/app/content/about.md?url'",
                               "src/app/wasm/add.wasm'", "src/app/wasm/add.wasm?module'"})
            QVERIFY2(contains(assets.code, file(id)),
                     (std::string(id) + "\n" + assets.code).c_str());
        auto code = [&](const std::string &id) {
            const FetchedModule m = worker.fetchModule(file(id), {});
            if (!m.ok)
                qWarning("%s: %s", id.c_str(), m.error.c_str());
            return m.code;
        };
        QVERIFY(contains(code("src/app/data/products.json"), "export const currency = \"EUR\";"));
        // The served URL in every environment (Vite's fileToDevUrl).
        QCOMPARE(code("src/app/assets/logo.svg"),
                 std::string("export default \"/src/app/assets/logo.svg\";\n"));
        QCOMPARE(code("src/app/content/about.md?raw"),
                 std::string("export default \"# About\\n\\\"quoted\\\"\\n\";\n"));
        QCOMPARE(code("src/app/content/about.md?url"),
                 std::string("export default \"/src/app/content/about.md\";\n"));
        QVERIFY(contains(code("src/app/assets/logo.svg?inline"),
                         "export default \"data:image/svg+xml;base64,PHN2Zy"));
        QCOMPARE(code("src/app/content/notes.txt"),
                 std::string("export default \"plain notes\\n\";\n"));
        QVERIFY(contains(code("src/app/content/blob.bin"), "const __sy_b64 = \"AQIA/w==\";"));
        QVERIFY(contains(code("src/app/content/blob.bin"), "export default __sy_bytes.buffer;"));
        QVERIFY(contains(code("src/app/wasm/add.wasm"), "new WebAssembly.Module(__sy_bytes)"));
        QVERIFY(contains(code("src/app/wasm/add.wasm?module"), "new WebAssembly.Module"));
        // An import attribute (the modernjs part blanks it) reaches the same JSON module.
        QVERIFY2(!contains(assets.code, "with {"), assets.code.c_str());
        // The worker leaves new URL(..., import.meta.url) alone (Vite: client only).
        QVERIFY(contains(assets.code, "new URL('./assets/logo.svg', import.meta.url)"));

        // Each node has its type, in graph JSON as `switchyard graph --json` prints it.
        const nlohmann::json graph = worker.graphJson();
        std::map<std::string, std::string> types;
        for (const auto &m : graph["modules"])
            types[m["id"].get<std::string>()] = m["type"].get<std::string>();
        QCOMPARE(types[file("src/app/Assets.tsx")], std::string("js"));
        QCOMPARE(types[file("src/app/data/products.json")], std::string("json"));
        QCOMPARE(types[file("src/app/assets/logo.svg")], std::string("asset"));
        QCOMPARE(types[file("src/app/content/about.md?raw")], std::string("raw"));
        QCOMPARE(types[file("src/app/content/about.md?url")], std::string("url"));
        QCOMPARE(types[file("src/app/assets/logo.svg?inline")], std::string("inline"));
        QCOMPARE(types[file("src/app/content/notes.txt")], std::string("text"));
        QCOMPARE(types[file("src/app/content/blob.bin")], std::string("data"));
        QCOMPARE(types[file("src/app/wasm/add.wasm")], std::string("wasm"));
        QCOMPARE(types[file("src/app/wasm/add.wasm?module")], std::string("wasm"));
        // ?raw and the plain file are distinct nodes backed by one file.
        for (const auto &m : graph["modules"])
            if (m["id"] == file("src/app/content/about.md?raw"))
                QCOMPARE(m["file"].get<std::string>(), file("src/app/content/about.md"));
    }

    void packageAssetsAreModulesNotPreBundles()
    {
        // Only JavaScript is pre-bundled (esbuild has no loader for an .svg): a
        // package's asset or JSON is a module of its own, served from /@fs/.
        const std::string icon = (m_packages / "icons/logo.svg").string();
        const FetchedModule worker =
            m_session->worker().fetchModule(file("src/app/PackageAssets.tsx"), {});
        QVERIFY2(worker.ok, worker.error.c_str());
        QVERIFY2(contains(worker.code, "'" + icon + "'"), worker.code.c_str());
        QCOMPARE(m_session->worker().fetchModule(icon, {}).code,
                 "export default \"/@fs" + icon + "\";\n");
        QVERIFY(contains(
            m_session->worker().fetchModule((m_packages / "icons/meta.json").string(), {}).code,
            "export const set = \"icons\";"));
        QVERIFY(!m_session->worker().optimizer().lookup("icons/logo.svg"));
        const ServedModule client =
            m_session->client().serveClientUrl("/src/app/PackageAssets.tsx");
        QCOMPARE(client.status, 200);
        QVERIFY2(contains(client.body, "'/@fs" + icon + "?import'"), client.body.c_str());
        const ServedModule file = m_session->client().serveClientUrl("/@fs" + icon);
        QCOMPARE(file.status, 200);
        QCOMPARE(file.contentType, std::string("image/svg+xml; charset=utf-8"));
        QCOMPARE(file.body, std::string("<svg id=\"pkg\"/>"));
    }

    void clientTellsDirectRequestsFromImports()
    {
        Environment &client = m_session->client();
        const ServedModule importer = client.serveClientUrl("/src/app/ClientAssets.tsx");
        QCOMPARE(importer.status, 200);
        // Non-JS imports are asked for with ?import (Vite's importAnalysis).
        QVERIFY2(contains(importer.body, "'/src/app/data/products.json?import'"),
                 importer.body.c_str());
        QVERIFY2(contains(importer.body, "'/src/app/assets/logo.svg?import'"),
                 importer.body.c_str());
        QVERIFY2(contains(importer.body, "'/src/app/content/about.md?import&raw'"),
                 importer.body.c_str());
        // new URL('./x', import.meta.url) names the served file (Vite's assetImportMetaUrl).
        QVERIFY2(contains(importer.body, "new URL(\"/src/app/assets/logo.svg\", import.meta.url)"),
                 importer.body.c_str());

        const ServedModule jsonModule = client.serveClientUrl("/src/app/data/products.json?import");
        QCOMPARE(jsonModule.status, 200);
        QVERIFY(contains(jsonModule.contentType, "javascript"));
        QVERIFY(contains(jsonModule.body, "export const currency = \"EUR\";"));
        // The same URL without ?import is the file itself (fetch(), a link).
        const ServedModule jsonFile = client.serveClientUrl("/src/app/data/products.json");
        QCOMPARE(jsonFile.status, 200);
        QCOMPARE(jsonFile.contentType, std::string("application/json; charset=utf-8"));
        QCOMPARE(jsonFile.body, std::string(kProducts));
        const ServedModule svg = client.serveClientUrl("/src/app/assets/logo.svg");
        QCOMPARE(svg.status, 200);
        QCOMPARE(svg.contentType, std::string("image/svg+xml; charset=utf-8"));
        QCOMPARE(svg.body, std::string("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
        const ServedModule svgModule = client.serveClientUrl("/src/app/assets/logo.svg?import");
        QCOMPARE(svgModule.body, std::string("export default \"/src/app/assets/logo.svg\";\n"));
        const ServedModule raw = client.serveClientUrl("/src/app/content/about.md?import&raw");
        QVERIFY2(contains(raw.body, "export default \"# About"), raw.body.c_str());
        const ServedModule wasm = client.serveClientUrl("/src/app/wasm/add.wasm");
        QCOMPARE(wasm.contentType, std::string("application/wasm"));
        QCOMPARE(wasm.body.size(), size_t(fs::file_size(kWasm)));
        // A plain .wasm import is not a browser module (as in Vite): the error says what to do.
        const ServedModule wasmImport = client.serveClientUrl("/src/app/wasm/add.wasm?import");
        QCOMPARE(wasmImport.status, 500);
        QVERIFY2(contains(wasmImport.body, "?init"), wasmImport.body.c_str());
        const ServedModule init = client.serveClientUrl("/src/app/wasm/add.wasm?import&init");
        QVERIFY2(contains(init.body, "instantiateStreaming(fetch(\"/src/app/wasm/add.wasm\")"),
                 init.body.c_str());
        // Secrets stay secret whatever the query.
        writeText(m_root / ".dev.vars", "SECRET=1\n");
        QCOMPARE(client.serveClientUrl("/.dev.vars").status, 403);
        QCOMPARE(client.serveClientUrl("/.dev.vars?import&raw").status, 403);
    }

    void moduleTypesReachTheQtModel()
    {
        ModuleGraphModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::unique_ptr<ModuleGraphModelFeed> feed;
        Environment &client = m_session->client();
        client.withGraph([&](ModuleGraph &g) {
            feed = std::make_unique<ModuleGraphModelFeed>(&g);
            feed->connectTo(&model);
            g.setObserver(feed.get());
        });
        client.invalidateFile(file("src/app/ClientAssets.tsx"), "model test");
        client.invalidateFile(file("src/app/data/products.json"), "model test");
        QCOMPARE(client.serveClientUrl("/src/app/ClientAssets.tsx").status, 200);
        QCOMPARE(client.serveClientUrl("/src/app/data/products.json?import").status, 200);
        const int row =
            model.rowOf("client", QString::fromStdString(file("src/app/data/products.json")));
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, 0).data(ModuleGraphModel::TypeRole).toString(), QString("json"));
        QCOMPARE(model.index(row, ModuleGraphModel::TypeColumn).data().toString(), QString("json"));
        const int js =
            model.rowOf("client", QString::fromStdString(file("src/app/ClientAssets.tsx")));
        QCOMPARE(model.index(js, 0).data(ModuleGraphModel::TypeRole).toString(), QString("js"));
        client.withGraph([&](ModuleGraph &g) { g.setObserver(nullptr); });
    }

    void jsonSyntaxErrorNamesFileLineAndEnvironmentAndRecovers()
    {
        Environment &worker = m_session->worker();
        const std::string json = file("src/app/data/products.json");
        writeText(json, "{\n  \"currency\": \"EUR\",\n  \"items\": [1,],\n}\n");
        worker.invalidateFile(json, "edit");
        const FetchedModule broken = worker.fetchModule(json, {});
        QVERIFY(!broken.ok);
        QVERIFY2(
            contains(broken.error, "Failed to parse JSON file") &&
                contains(broken.error, "/src/app/data/products.json (3:15, environment worker)"),
            broken.error.c_str());
        // The crawl reports it with its position (what the HMR overlay shows).
        const std::vector<ModuleError> errors = worker.crawl({json});
        QCOMPARE(errors.size(), size_t(1));
        QCOMPARE(errors[0].file, json);
        QCOMPARE(errors[0].line, 3);
        QCOMPARE(errors[0].column, 15);
        writeText(json, kProducts);
        worker.invalidateFile(json, "fix");
        const FetchedModule fixed = worker.fetchModule(json, {});
        QVERIFY2(fixed.ok, fixed.error.c_str());
        QVERIFY(contains(fixed.code, "export const currency"));
    }
};

QTEST_GUILESS_MAIN(TestAssetModules)
#include "tst_asset_modules.moc"
