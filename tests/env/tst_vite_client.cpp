// /@vite/client in the client environment (env/viteClientModule.h): served at Vite's URL
// only, with the dev server's values written in, and the one module every import.meta.hot
// injection imports, pre-bundled dependencies included. On a copy of examples/hello whose
// "use client" Counter imports a package that uses import.meta.hot (as rwsdk/client does).
#include "dev/devSession.h"
#include "env/viteClientModule.h"
#include "js/transformService.h"
#include "support/exampleCopy.h"
#include "support/preparedSession.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sy;
using sy::test::openPreparedSession;
namespace fs = std::filesystem;
using sy::test::contains;
using sy::test::readText;
using sy::test::writeText;

namespace {
const fs::path kHello = SY_SOURCE_DIR "/examples/hello";
const std::string kPrelude = "import { createHotContext as __vite__createHotContext } from "
                             "\"/@vite/client\";import.meta.hot = __vite__createHotContext(";

} // namespace

class TestViteClient : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;
    ProjectConfig m_project;
    std::unique_ptr<DevSession> m_session;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = fs::canonical(m_dir.path().toStdString());
        QVERIFY2(fs::exists(kHello / "node_modules/react"), "run scripts/setup.sh first");
        sy::test::copyExample(kHello, m_root, /*linkModules=*/false);
        // hello's packages as links, plus a package of our own that uses import.meta.hot.
        const fs::path modules = fs::canonical(kHello / "node_modules");
        fs::create_directory(m_root / "node_modules");
        for (const auto &entry : fs::directory_iterator(modules))
            if (entry.path().filename().string()[0] != '.')
                fs::create_directory_symlink(entry.path(),
                                             m_root / "node_modules" / entry.path().filename());
        writeText(m_root / "node_modules/hot-listener/package.json",
                  "{\"name\":\"hot-listener\",\"version\":\"1.0.0\",\"type\":\"module\","
                  "\"main\":\"index.js\"}");
        writeText(m_root / "node_modules/hot-listener/index.js",
                  "export function onHotEvent(event, cb) {\n"
                  "  if (!import.meta.hot) return false;\n"
                  "  import.meta.hot.on(event, cb);\n"
                  "  return true;\n"
                  "}\n");
        const fs::path counter = m_root / "src/app/components/Counter.tsx";
        std::string code = readText(counter);
        const std::string anchor = "import { greet } from \"../actions\";\n";
        QVERIFY(contains(code, anchor));
        code.replace(code.find(anchor), anchor.size(),
                     anchor + "import { onHotEvent } from \"hot-listener\";\n"
                              "onHotEvent(\"rsc:update\", () => {});\n");
        writeText(counter, code);
        const std::string problem = openPreparedSession(m_root.string(), m_project, m_session);
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void servedAtViteUrlWithItsApi()
    {
        Environment &client = m_session->client();
        QCOMPARE(client.clientUrlFor(std::string(kViteClientId)), std::string("/@vite/client"));
        const ServedModule m = client.serveClientUrl("/@vite/client");
        QVERIFY2(m.status == 200, m.body.c_str());
        QCOMPARE(m.contentType, std::string("text/javascript"));
        for (const char *name : {"createHotContext", "updateStyle", "removeStyle", "injectQuery"})
            QVERIFY2(contains(m.body.substr(m.body.rfind("export {")), name), name);
        QVERIFY(!contains(m.body, "__SWITCHYARD_HMR_CONFIG__"));
        // The client itself never gets a hot context (it would import itself).
        QVERIFY(!contains(m.body, "__vite__createHotContext"));
        // One URL, one instance: the id's /@id/ form is refused; so is any other /@vite/ path.
        QCOMPARE(client.serveClientUrl("/@id/virtual:switchyard:vite-client").status, 404);
        QVERIFY(client.serveClientUrl("/@vite/other").status >= 400);
    }

    void devServerValuesWrittenIn()
    {
        Environment &client = m_session->client();
        ViteClientConfig config;
        config.token = "tok-123_A\"</script>";
        config.hmrPath = "/@switchyard/hmr";
        config.serverUpdateEvent = "rsc:update";
        config.preBundleUrlPrefix = "/.switchyard/deps_client";
        addViteClientModule(client, config);
        const ServedModule m = client.serveClientUrl("/@vite/client?t=1");
        QVERIFY2(m.status == 200, m.body.c_str());
        QVERIFY2(contains(m.body, "var config = {\"path\":\"/@switchyard/hmr\","
                                  "\"preBundleUrlPrefix\":\"/.switchyard/deps_client\","
                                  "\"serverUpdateEvent\":\"rsc:update\","
                                  "\"token\":\"tok-123_A\\\"</script>\"};"),
                 m.body.substr(0, 400).c_str());
        QCOMPARE(viteClientSource(config), m.body);
        addViteClientModule(client, {}); // back to no token
        QVERIFY(contains(client.serveClientUrl("/@vite/client").body, "\"token\":\"\""));
    }

    void everyImportUsesTheOneUrl()
    {
        Environment &client = m_session->client();
        // An app module with import.meta.hot (Fast Refresh's footer uses it).
        const ServedModule counter = client.serveClientUrl("/src/app/components/Counter.tsx");
        QVERIFY2(counter.status == 200, counter.body.c_str());
        QVERIFY2(counter.body.starts_with(kPrelude + "\"/src/app/components/Counter.tsx\");"),
                 counter.body.substr(0, 300).c_str());
    }

    void prebundledDependencyGetsTheHotContext()
    {
        Environment &client = m_session->client();
        const ServedModule counter = client.serveClientUrl("/src/app/components/Counter.tsx");
        const std::string prefix = "/.switchyard/deps_client/hot-listener.js?v=";
        const size_t at = counter.body.find(prefix);
        QVERIFY2(at != std::string::npos, counter.body.c_str());
        const std::string url = counter.body.substr(at, counter.body.find('"', at) - at);
        const ServedModule dep = client.serveClientUrl(url);
        QVERIFY2(dep.status == 200, dep.body.c_str());
        // Vite's importAnalysis injects the context into optimized deps too; esbuild kept
        // import.meta.hot in the bundle.
        QVERIFY2(dep.body.starts_with(kPrelude + "\"/.switchyard/deps_client/hot-listener.js\");"),
                 dep.body.substr(0, 300).c_str());
        QVERIFY(contains(dep.body, "import.meta.hot.on(event, cb)"));
        // The ssr copy has none: import.meta.hot stays undefined on the server.
        bool found = false, ssrHasPrelude = false;
        m_session->ssr().withGraph([&](ModuleGraph &graph) {
            for (const ModuleNode *node : graph.modules())
                if (contains(node->id, "deps_ssr/hot-listener.js") && node->transformResult) {
                    found = true;
                    ssrHasPrelude = contains(node->transformResult->code, "createHotContext");
                }
        });
        QVERIFY(found);
        QVERIFY(!ssrHasPrelude);
    }
};

QTEST_GUILESS_MAIN(TestViteClient)
#include "tst_vite_client.moc"
