// The Document transform and the Vite preamble inside a dev session of an
// rwsdk-shaped app (env/environmentDocument.cpp): the worker's Document gets
// nonces and scriptsToBeLoaded, the client entries it names are crawled and
// get `import "virtual:vite-preamble"` first, an entry named later loses its
// cached transform, "/@react-refresh" and virtual:vite-preamble are served
// over the one react-refresh runtime, and an app without the framework has
// none of it. The app's node_modules hold React (from examples/hello) and a
// small stand-in for the rwsdk package (what the transform imports from it).
#include "dev/devSession.h"
#include "dev/requestRouter.h"
#include "env/reactRefresh.h"
#include "framework/vitePreamble.h"
#include "js/transformService.h"
#include "support/preparedSession.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>

using namespace sy;
using sy::test::openPreparedSession;
namespace fs = std::filesystem;
using sy::test::contains;
using sy::test::writeText;

namespace {
const fs::path kHello = SY_SOURCE_DIR "/examples/hello";

const char *kDocument =
    "export const Document: React.FC<{ children: React.ReactNode }> = ({ children }) => (\n"
    "  <html lang=\"en\">\n"
    "    <head>\n"
    "      <meta charSet=\"utf-8\" />\n"
    "      <link rel=\"modulepreload\" href=\"/src/client.tsx\" />\n"
    "    </head>\n"
    "    <body>\n"
    "      <div id=\"root\">{children}</div>\n"
    "      <script>import(\"/src/client.tsx\")</script>\n"
    "    </body>\n"
    "  </html>\n"
    ");\n";
} // namespace

class TestDocumentEntries : public QObject {
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
        writeText(m_root / "wrangler.jsonc", "{ \"name\": \"doc\", \"main\": \"src/worker.tsx\", "
                                             "\"compatibility_date\": \"2025-01-01\" }\n");
        writeText(m_root / "package.json",
                  "{ \"name\": \"doc\", \"private\": true, \"type\": \"module\", "
                  "\"dependencies\": { \"rwsdk\": \"1.7.3\", \"react\": \"*\", "
                  "\"react-dom\": \"*\" } }\n");
        fs::create_directories(m_root / "node_modules");
        for (const char *pkg : {"react", "react-dom", "scheduler"})
            fs::create_directory_symlink(kHello / "node_modules" / pkg,
                                         m_root / "node_modules" / pkg);
        writeText(m_root / "node_modules/rwsdk/package.json",
                  "{ \"name\": \"rwsdk\", \"version\": \"1.7.3\", \"type\": \"module\", "
                  "\"exports\": { \"./worker\": \"./worker.js\" } }\n");
        writeText(m_root / "node_modules/rwsdk/worker.js",
                  "export const requestInfo = { rw: { nonce: \"n\", scriptsToBeLoaded: new Set() } "
                  "};\n");
        writeText(m_root / "src/app/Document.tsx", kDocument);
        writeText(m_root / "src/worker.tsx",
                  "import { Document } from \"./app/Document\";\n"
                  "export default { fetch: () => new Response(typeof Document) };\n");
        writeText(m_root / "src/client.tsx", "import { later } from \"./later\";\n"
                                             "console.log(\"client\", later);\n");
        writeText(m_root / "src/later.tsx", "export const later = 1;\n");
        const std::string problem = openPreparedSession(m_root.string(), m_project, m_session);
        QVERIFY2(problem.empty(), problem.c_str());
        QCOMPARE(int(m_project.framework.kind), int(FrameworkKind::Rwsdk));
    }

    void workerDocumentCarriesNonceAndScriptsToBeLoaded()
    {
        const FetchedModule doc = m_session->worker().fetchModule(file("src/app/Document.tsx"), {});
        QVERIFY2(doc.ok, doc.error.c_str());
        QVERIFY(contains(doc.code, "requestInfo.rw.scriptsToBeLoaded.add(\"/src/client.tsx\")"));
        QVERIFY(contains(doc.code, "nonce: requestInfo.rw.nonce}"));
        // The added import is resolved like any import of the module.
        QVERIFY2(!contains(doc.code, "\"rwsdk/worker\""), doc.code.c_str());
        const std::string firstLine = doc.code.substr(0, doc.code.find('\n'));
        QVERIFY2(firstLine.rfind("import { requestInfo } from \"/", 0) == 0 &&
                     contains(firstLine, "rwsdk"),
                 firstLine.c_str());
    }

    void theDocumentsEntriesAreCrawledClientEntries()
    {
        QCOMPARE(m_session->client().documentClientEntries(),
                 std::vector<std::string>{"/src/client.tsx"});
        const std::vector<std::string> entries = m_session->clientEntries();
        QVERIFY(std::find(entries.begin(), entries.end(), file("src/client.tsx")) != entries.end());
        bool inGraph = false;
        m_session->client().withGraph([&](ModuleGraph &graph) {
            inGraph = graph.moduleById(file("src/client.tsx")) != nullptr;
        });
        QVERIFY(inGraph);
    }

    void clientEntryImportsTheVitePreambleFirst()
    {
        const ServedModule entry = m_session->client().serveClientUrl("/src/client.tsx");
        QCOMPARE(entry.status, 200);
        QVERIFY2(entry.body.rfind("import \"/@id/virtual:vite-preamble\";import ", 0) == 0,
                 entry.body.c_str());
        // ...once, and on the entry's first line.
        QCOMPARE(entry.body.find("vite-preamble"), entry.body.rfind("vite-preamble"));
        QVERIFY(contains(entry.body.substr(0, entry.body.find('\n')), "later"));
        // Other modules get none.
        const ServedModule later = m_session->client().serveClientUrl("/src/later.tsx");
        QVERIFY(!contains(later.body, "vite-preamble"));
    }

    void vitePreambleAndReactRefreshAreServed()
    {
        Environment &client = m_session->client();
        const ServedModule preamble = client.serveClientUrl("/@id/virtual:vite-preamble");
        QCOMPARE(preamble.status, 200);
        QVERIFY2(contains(preamble.body, "import RefreshRuntime from \"/@id/" +
                                             std::string(kViteReactRefreshId) + "\";"),
                 preamble.body.c_str());
        QVERIFY(contains(preamble.body, "RefreshRuntime.injectIntoGlobalHook(window);"));
        QVERIFY(contains(preamble.body, "window.__vite_plugin_react_preamble_installed__ = true;"));

        QCOMPARE(routeRequest("GET", "/@react-refresh", false), RequestRoute::ClientModule);
        const ServedModule refresh = client.serveClientUrl("/@react-refresh");
        QCOMPARE(refresh.status, 200);
        QCOMPARE(refresh.contentType, std::string("text/javascript"));
        // One react-refresh runtime per page: the module the refresh footers import.
        QVERIFY2(contains(refresh.body, "import * as refresh from \"/@id/" +
                                            std::string(kReactRefreshModuleId) + "\";"),
                 refresh.body.c_str());
        QVERIFY(contains(refresh.body, "export default { injectIntoGlobalHook };"));
        QCOMPARE(client.serveClientUrl("/@id/" + std::string(kViteReactRefreshId)).body,
                 refresh.body);
        // The runtime module exports what the shim builds on.
        const ServedModule runtime =
            client.serveClientUrl("/@id/" + std::string(kReactRefreshModuleId));
        QCOMPARE(runtime.status, 200);
        for (const char *name : {"registerExports", "boundaryProblem", "enqueueRefresh",
                                 "injectIntoGlobalHook", "register"})
            QVERIFY2(contains(runtime.body, name), name);
    }

    void anEntryNamedLaterGetsThePreamble()
    {
        Environment &client = m_session->client();
        QVERIFY(!contains(client.serveClientUrl("/src/later.tsx").body, "vite-preamble"));
        std::string doc = kDocument;
        const std::string script = "      <script>import(\"/src/client.tsx\")</script>\n";
        doc.insert(doc.find(script), "      <script type=\"module\" src=\"/src/later.tsx\" />\n");
        writeText(m_root / "src/app/Document.tsx", doc);
        m_session->worker().invalidateFile(file("src/app/Document.tsx"), "edited");
        const FetchedModule worker =
            m_session->worker().fetchModule(file("src/app/Document.tsx"), {});
        QVERIFY2(worker.ok, worker.error.c_str());
        QVERIFY(contains(worker.code, "scriptsToBeLoaded.add(\"/src/later.tsx\")"));
        QCOMPARE(client.documentClientEntries(),
                 (std::vector<std::string>{"/src/client.tsx", "/src/later.tsx"}));
        const ServedModule later = client.serveClientUrl("/src/later.tsx");
        QVERIFY2(later.body.rfind("import \"/@id/virtual:vite-preamble\";", 0) == 0,
                 later.body.c_str());
        writeText(m_root / "src/app/Document.tsx", kDocument);
    }

    void appWithoutTheFrameworkHasNoneOfIt()
    {
        ProjectConfig plain = m_project;
        plain.framework = FrameworkProfile{};
        plain.cacheDir = (m_root / ".switchyard-plain").string(); // its own pre-bundles
        DirectiveIndex directives;
        Environment client(EnvironmentKind::Client, plain, TransformService::shared(), directives);
        QCOMPARE(client.serveClientUrl("/@react-refresh").status, 404);
        QCOMPARE(client.serveClientUrl("/@id/virtual:vite-preamble").status, 404);
        Environment worker(EnvironmentKind::Worker, plain, TransformService::shared(), directives);
        const FetchedModule doc = worker.fetchModule(file("src/app/Document.tsx"), {});
        QVERIFY2(doc.ok, doc.error.c_str());
        QVERIFY(!contains(doc.code, "scriptsToBeLoaded"));
        QVERIFY(worker.documentClientEntries().empty());
    }
};

QTEST_GUILESS_MAIN(TestDocumentEntries)
#include "tst_document_entries.moc"
