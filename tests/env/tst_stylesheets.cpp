// What stylesheets become in the three environments (environmentCss.cpp),
// on a small RedwoodSDK app using examples/realworld's real packages (rwsdk,
// react, @fontsource/inter, lightningcss through the CSS tool host).
#include "dev/devSession.h"
#include "env/cssRequest.h"
#include "env/stylesheetModule.h"
#include "env/stylesheetStore.h"
#include "js/transformService.h"
#include "support/preparedSession.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <regex>

using namespace sy;
using sy::test::openPreparedSession;
namespace fs = std::filesystem;
using sy::test::contains;
using sy::test::writeText;

namespace {
const fs::path kRealworld = SY_SOURCE_DIR "/examples/realworld";

/// `export const <name> = "<value>";` of a module's code, or "".
std::string exportedConst(const std::string &code, const std::string &name)
{
    std::smatch m;
    if (std::regex_search(code, m, std::regex("export const " + name + " = \"([^\"]*)\";")))
        return m[1];
    return {};
}
} // namespace

class TestStylesheets : public QObject {
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
        QVERIFY2(fs::exists(kRealworld / "node_modules/@fontsource/inter"),
                 "run scripts/setup.sh first");
        for (const char *f : {"wrangler.jsonc", "package.json", "package-lock.json"})
            fs::copy_file(kRealworld / f, m_root / f);
        fs::create_directory_symlink(kRealworld / "node_modules", m_root / "node_modules");
        writeText(m_root / "src/worker.tsx",
                  "import { render, route } from \"rwsdk/router\";\n"
                  "import { defineApp } from \"rwsdk/worker\";\n"
                  "import { Document } from \"./app/Document\";\n"
                  "import { Home } from \"./app/Home\";\n"
                  "export default defineApp([render(Document, [route(\"/\", Home)])]);\n");
        writeText(m_root / "src/client.tsx",
                  "import { initClient } from \"rwsdk/client\";\ninitClient();\n");
        writeText(
            m_root / "src/app/Document.tsx",
            "import \"./styles.css\";\n"
            "export function Document({ children }: { children: any }) {\n"
            "  return <html><head></head><body><div id=\"root\">{children}</div>\n"
            "    <script>import(\"/src/client.tsx\")</script></body></html>;\n"
            "}\n");
        writeText(m_root / "src/app/base.css", ".base { color: rgb(1, 2, 3); }\n");
        writeText(m_root / "src/app/img/dot.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        writeText(m_root / "src/app/styles.css",
                  "@import \"./base.css\";\nbody { background: url(./img/dot.svg); }\n");
        writeText(m_root / "src/app/Home.tsx",
                  "import styles from \"./components/Card.module.css\";\n"
                  "import { Counter } from \"./components/Counter\";\n"
                  "export function Home() {\n"
                  "  return <main className={styles.card}><Counter /></main>;\n"
                  "}\n");
        writeText(m_root / "src/app/components/Card.module.css",
                  ".card { color: rgb(200, 0, 0); }\n.title-text { font-weight: 700; }\n");
        writeText(m_root / "src/app/components/counter.css", ".counter { margin: 3px; }\n");
        writeText(m_root / "src/app/components/Counter.tsx",
                  "\"use client\";\n"
                  "import \"@fontsource/inter\";\n"
                  "import styles from \"./Card.module.css\";\n"
                  "import \"./counter.css\";\n"
                  "export function Counter() { return <p className={styles.card}>1</p>; }\n");
        const std::string problem = openPreparedSession(m_root.string(), m_project, m_session);
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void requestsAreTold()
    {
        QVERIFY(isStylesheetPath("/a/B.CSS"));
        QVERIFY(!isStylesheetPath("/a/b.css.ts"));
        QVERIFY(isCssModulePath("/a/card.module.css"));
        QVERIFY(!isCssModulePath("/a/module.css"));
        // A <link> asks with Accept: text/css: the request becomes ?direct.
        QCOMPARE(markDirectCssRequest("/src/a.css", "text/css,*/*;q=0.1"),
                 std::string("/src/a.css?direct"));
        QCOMPARE(markDirectCssRequest("/src/a.css?t=5", "text/css"),
                 std::string("/src/a.css?direct&t=5"));
        // An import (Accept */*), a module flag, or no stylesheet: unchanged.
        QCOMPARE(markDirectCssRequest("/src/a.css", "*/*"), std::string("/src/a.css"));
        QCOMPARE(markDirectCssRequest("/src/a.css?inline", "text/css"),
                 std::string("/src/a.css?inline"));
        QCOMPARE(markDirectCssRequest("/src/a.css?direct", "text/css"),
                 std::string("/src/a.css?direct"));
        QCOMPARE(markDirectCssRequest("/src/a.js", "text/css"), std::string("/src/a.js"));
        QVERIFY(isDirectCssRequest("/abs/a.css?direct"));
        QVERIFY(!isDirectCssRequest("/abs/a.css"));
        QVERIFY(isSideEffectStylesheetId("virtual:switchyard:ssr:/abs/a.css"));
        QVERIFY(!isSideEffectStylesheetId("/abs/a.module.css"));
        QVERIFY(!isSideEffectStylesheetId("/abs/a.css?inline"));
    }

    void cssModuleExportsAreRollupsDataToEsm()
    {
        const std::string code =
            cssModuleExportsCode({{"card", "_card_x"}, {"title-text", "_t_y a"}, {"default", "d"}});
        QVERIFY2(contains(code, "export const card = \"_card_x\";"), code.c_str());
        QVERIFY2(!contains(code, "export const title"), code.c_str());
        QVERIFY2(!contains(code, "export const default"), code.c_str());
        QVERIFY2(contains(code, "\"title-text\": \"_t_y a\""), code.c_str());
        QVERIFY2(contains(code, "card: card"), code.c_str());
        QVERIFY2(contains(code, "\"default\": \"d\""), code.c_str());
    }

    void clientImportInjectsTheProcessedStylesheet()
    {
        const ServedModule m = m_session->client().serveClientUrl("/src/app/styles.css");
        QCOMPARE(m.status, 200);
        QCOMPARE(m.contentType, std::string("text/javascript"));
        QVERIFY2(contains(m.body, "__vite__updateStyle(__vite__id, __vite__css)"), m.body.c_str());
        QVERIFY2(contains(m.body, "\"" + file("src/app/styles.css") + "\""), m.body.c_str());
        // @import inlined, url() as the URL the client serves the file at.
        QVERIFY2(contains(m.body, ".base"), m.body.c_str());
        QVERIFY2(contains(m.body, "/src/app/img/dot.svg"), m.body.c_str());
        QVERIFY2(contains(m.body, "removeStyle as __vite__removeStyle } from \"/@vite/client\""),
                 m.body.c_str());
        // A plain stylesheet accepts its own updates; the engine gave it its hot context.
        QVERIFY2(contains(m.body, "import.meta.hot.accept()"), m.body.c_str());
        QVERIFY2(contains(m.body, "createHotContext"), m.body.c_str());
        bool selfAccepting = false, isCss = false;
        m_session->client().withGraph([&](ModuleGraph &g) {
            const ModuleNode *node = g.moduleById(file("src/app/styles.css"));
            selfAccepting = node && node->isSelfAccepting;
            isCss = node && node->type == ModuleType::Css;
        });
        QVERIFY(selfAccepting);
        QVERIFY(isCss);
    }

    void linkedStylesheetIsTextCss()
    {
        const ServedModule m = m_session->client().serveClientUrl("/src/app/styles.css?direct");
        QCOMPARE(m.status, 200);
        QCOMPARE(m.contentType, std::string("text/css"));
        QVERIFY2(contains(m.body, ".base"), m.body.c_str());
        QVERIFY2(contains(m.body, "/src/app/img/dot.svg"), m.body.c_str());
        QVERIFY2(!contains(m.body, "updateStyle"), m.body.c_str());
        bool boundary = false;
        m_session->client().withGraph([&](ModuleGraph &g) {
            const ModuleNode *node = g.moduleById(file("src/app/styles.css") + "?direct");
            boundary = node && node->isSelfAccepting && node->type == ModuleType::Css &&
                       node->url == "/src/app/styles.css";
        });
        QVERIFY(boundary);
    }

    void serverEnvironmentsImportWithoutSideEffect()
    {
        const FetchedModule worker =
            m_session->worker().fetchModule(file("src/app/styles.css"), {});
        QVERIFY2(worker.ok, worker.error.c_str());
        QCOMPARE(worker.code, std::string("export {};\n"));
        const FetchedModule ssr =
            m_session->ssr().fetchModule(file("src/app/components/counter.css"), {});
        QVERIFY2(ssr.ok, ssr.error.c_str());
        QCOMPARE(ssr.code, std::string("export {};\n"));
    }

    void cssModuleClassNamesAreTheSameEverywhere()
    {
        const ServedModule client =
            m_session->client().serveClientUrl("/src/app/components/Card.module.css");
        QCOMPARE(client.status, 200);
        const std::string card = exportedConst(client.body, "card");
        QVERIFY2(!card.empty() && card != "card", client.body.c_str());
        // No self-accept: its class names are exports, the importer takes the update.
        QVERIFY2(!contains(client.body, "import.meta.hot.accept()"), client.body.c_str());
        QVERIFY2(contains(client.body, "\"title-text\": "), client.body.c_str());
        const FetchedModule ssr =
            m_session->ssr().fetchModule(file("src/app/components/Card.module.css"), {});
        const FetchedModule worker =
            m_session->worker().fetchModule(file("src/app/components/Card.module.css"), {});
        QVERIFY2(ssr.ok && worker.ok, (ssr.error + worker.error).c_str());
        QCOMPARE(exportedConst(ssr.code, "card"), card);
        QCOMPARE(exportedConst(worker.code, "card"), card);
        QVERIFY2(!contains(worker.code, "updateStyle"), worker.code.c_str());
        // The linked stylesheet holds the same class.
        const ServedModule linked =
            m_session->client().serveClientUrl("/src/app/components/Card.module.css?direct");
        QVERIFY2(contains(linked.body, "." + card), linked.body.c_str());
    }

    void inlineIsTheProcessedTextWithoutInjection()
    {
        const ServedModule client =
            m_session->client().serveClientUrl("/src/app/styles.css?inline");
        QCOMPARE(client.status, 200);
        QVERIFY2(client.body.rfind("export default \"", 0) == 0, client.body.c_str());
        QVERIFY2(contains(client.body, ".base"), client.body.c_str());
        QVERIFY2(!contains(client.body, "updateStyle"), client.body.c_str());
        const FetchedModule worker =
            m_session->worker().fetchModule(file("src/app/styles.css") + "?inline", {});
        QVERIFY2(worker.ok, worker.error.c_str());
        QVERIFY2(worker.code.rfind("export default \"", 0) == 0 && contains(worker.code, ".base"),
                 worker.code.c_str());
        // A module of its own: the plain import is still the injecting module.
        bool distinct = false;
        m_session->client().withGraph([&](ModuleGraph &g) {
            const ModuleNode *inl = g.moduleById(file("src/app/styles.css") + "?inline");
            const ModuleNode *plain = g.moduleById(file("src/app/styles.css"));
            distinct = inl && plain && inl->type == ModuleType::Css && !inl->isSelfAccepting;
        });
        QVERIFY(distinct);
    }

    void urlIsTheServedUrlAndRawTheSource()
    {
        // Seen before: `?url` of a stylesheet failed like its import.
        const ServedModule url = m_session->client().serveClientUrl("/src/app/styles.css?url");
        QCOMPARE(url.status, 200);
        QVERIFY2(contains(url.body, "\"/src/app/styles.css\""), url.body.c_str());
        const FetchedModule workerUrl =
            m_session->worker().fetchModule(file("src/app/styles.css") + "?url", {});
        QVERIFY2(workerUrl.ok && contains(workerUrl.code, "\"/src/app/styles.css\""),
                 (workerUrl.error + workerUrl.code).c_str());
        const ServedModule raw = m_session->client().serveClientUrl("/src/app/styles.css?raw");
        QCOMPARE(raw.status, 200);
        QVERIFY2(contains(raw.body, "@import \\\"./base.css\\\""), raw.body.c_str());
    }

    void packageStylesheetIsServedNotPrebundled()
    {
        const auto dep = m_session->client().optimizer().lookup("@fontsource/inter");
        QVERIFY(!dep);
        std::string url;
        m_session->client().withGraph([&](ModuleGraph &g) {
            for (const ModuleNode *node : g.modules())
                if (contains(node->id, "@fontsource/inter/index.css"))
                    url = node->url;
        });
        QVERIFY2(!url.empty(), "the client graph holds @fontsource/inter's index.css");
        const ServedModule m = m_session->client().serveClientUrl(url);
        QCOMPARE(m.status, 200);
        QVERIFY2(contains(m.body, "@font-face"), m.body.substr(0, 400).c_str());
        QVERIFY2(contains(m.body, "/@fs/") &&
                     contains(m.body, "@fontsource/inter/files/inter-latin-400-normal.woff2"),
                 m.body.substr(0, 800).c_str());
    }

    void pageLinksServerAndRenderedClientStylesheets()
    {
        const std::vector<LinkedStylesheet> none = m_session->worker().stylesheetsFor({});
        QCOMPARE(none.size(), size_t(2));
        QCOMPARE(none[0].href, std::string("/src/app/styles.css"));
        QCOMPARE(none[0].id, file("src/app/styles.css"));
        QCOMPARE(none[1].href, std::string("/src/app/components/Card.module.css"));
        const std::vector<LinkedStylesheet> links =
            m_session->worker().stylesheetsFor({"/src/app/components/Counter.tsx"});
        QCOMPARE(links.size(), size_t(4));
        QVERIFY2(contains(links[2].href, "/@fs/") &&
                     contains(links[2].href, "@fontsource/inter/index.css"),
                 links[2].href.c_str());
        QCOMPARE(links[3].href, std::string("/src/app/components/counter.css"));
    }

    void linkedStylesheetsFollowAnEditThatAddsOrRemovesAnImport()
    {
        // stylesheetsFor is answered from a cache while the worker graph is
        // unchanged: an edit that adds or removes a stylesheet import changes it
        Environment &worker = m_session->worker();
        auto hrefs = [&] {
            std::vector<std::string> out;
            for (const LinkedStylesheet &l : worker.stylesheetsFor({}))
                out.push_back(l.href);
            return out;
        };
        const std::vector<std::string> before = hrefs();
        QCOMPARE(hrefs(), before); // asked again: the same answer
        QVERIFY(std::find(before.begin(), before.end(), "/src/app/home.css") == before.end());
        const std::string home = (m_root / "src/app/Home.tsx").string();
        std::ifstream in(home);
        const std::string original((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
        writeText(m_root / "src/app/home.css", ".home { margin: 1px; }\n");
        auto edit = [&](const std::string &text) {
            writeText(home, text);
            worker.invalidateFile(home, "test");
            const auto errors = worker.crawl({m_project.workerEntry});
            return errors.empty() ? std::string() : errors.front().message;
        };
        QCOMPARE(edit("import \"./home.css\";\n" + original), std::string());
        std::vector<std::string> added = hrefs();
        QCOMPARE(added.size(), before.size() + 1);
        QVERIFY2(std::find(added.begin(), added.end(), "/src/app/home.css") != added.end(),
                 added.back().c_str());
        QCOMPARE(edit(original), std::string());
        QCOMPARE(hrefs(), before);
    }

    void editOfAnImportedStylesheetReachesItsImporter()
    {
        const std::vector<std::string> ids =
            m_session->client().invalidateFile(file("src/app/base.css"), "test");
        QVERIFY(std::find(ids.begin(), ids.end(), file("src/app/styles.css")) != ids.end());
        QVERIFY(std::find(ids.begin(), ids.end(), file("src/app/styles.css") + "?direct") !=
                ids.end());
        // The worker's `?url` of the importer (a Document's <link href>) is
        // only its URL: an @imported file's edit does not touch it (seen: it
        // re-rendered the page from the server on every such edit).
        QVERIFY(m_session->worker().fetchModule(file("src/app/styles.css") + "?url", {}).ok);
        const std::vector<std::string> workerIds =
            m_session->worker().invalidateFile(file("src/app/base.css"), "test");
        for (const std::string &id : workerIds)
            QVERIFY2(!contains(id, "styles.css?url"), id.c_str());
        // The next transform reads the new @imported text.
        writeText(m_root / "src/app/base.css", ".base { color: rgb(9, 8, 7); }\n");
        m_session->client().invalidateFile(file("src/app/base.css"), "test");
        const ServedModule m = m_session->client().serveClientUrl("/src/app/styles.css?direct");
        QVERIFY2(contains(m.body, "rgb(9, 8, 7)") || contains(m.body, "#090807"), m.body.c_str());
    }

    void importedStylesheetsAreReadThroughTheFilePolicy_data()
    {
        QTest::addColumn<QString>("importer");
        QTest::addColumn<QString>("reason");
        QTest::newRow("absolute path out of the app") << "leak-absolute.css"
                                                      << "is outside the app";
        QTest::newRow("../ up to .env") << "leak-env.css"
                                        << "is denied (\".env\" matches .env)";
        QTest::newRow("symlink out of the app") << "leak-symlink.css"
                                                << "is outside the app";
        QTest::newRow("a .env.* name") << "leak-env-css.css"
                                       << "matches .env.*";
    }

    void importedStylesheetsAreReadThroughTheFilePolicy()
    {
        // @imported text is inlined into what the browser gets: the client's
        // FilePolicy decides, as for every other route that reads a file.
        QFETCH(QString, importer);
        QFETCH(QString, reason);
        static QTemporaryDir outside;
        const fs::path secret = fs::canonical(outside.path().toStdString()) / "secret.css";
        if (!fs::exists(secret)) {
            writeText(secret, ".leak { content: \"outside-secret\"; }\n");
            writeText(m_root / ".env", "API_SECRET=env-secret-value\n");
            writeText(m_root / "src/app/.env.local.css",
                      ".leak { content: \"env-css-secret\"; }\n");
            fs::create_symlink(secret, m_root / "src/app/linked.css");
            writeText(m_root / "src/app/leak-absolute.css",
                      "@import \"" + secret.string() + "\";\n.ok { color: red; }\n");
            writeText(m_root / "src/app/leak-env.css", "@import \"../../.env\";\n");
            writeText(m_root / "src/app/leak-symlink.css", "@import \"./linked.css\";\n");
            writeText(m_root / "src/app/leak-env-css.css", "@import \"./.env.local.css\";\n");
        }
        const std::string rel = "src/app/" + importer.toStdString();
        const std::vector<ModuleError> errors = m_session->client().crawl({file(rel)});
        QCOMPARE(errors.size(), size_t(1));
        const ModuleError &e = errors.front();
        QVERIFY2(contains(e.message, "Forbidden: ") && contains(e.message, reason.toStdString()),
                 e.message.c_str());
        QCOMPARE(e.file, file(rel));
        QCOMPARE(e.line, 1);
        const ServedModule served = m_session->client().serveClientUrl("/" + rel + "?direct");
        QCOMPARE(served.status, 500);
        for (const char *leaked : {"outside-secret", "env-secret-value", "env-css-secret"})
            QVERIFY2(!contains(served.body, leaked), served.body.c_str());
    }

    void brokenStylesheetNamesFileLineColumnAndEnvironment()
    {
        writeText(m_root / "src/app/broken.css", ".ok { color: red; }\n.bad { color: red; }}\n");
        const std::vector<ModuleError> errors =
            m_session->client().crawl({file("src/app/broken.css")});
        QCOMPARE(errors.size(), size_t(1));
        const ModuleError &e = errors.front();
        QVERIFY2(contains(e.message, "/src/app/broken.css") &&
                     contains(e.message, "client environment"),
                 e.message.c_str());
        QCOMPARE(e.file, file("src/app/broken.css"));
        QCOMPARE(e.line, 2);
        QVERIFY2(e.column > 0, e.message.c_str());
        const ServedModule served =
            m_session->client().serveClientUrl("/src/app/broken.css?direct");
        QCOMPARE(served.status, 500);
        // Fixed: it recovers.
        writeText(m_root / "src/app/broken.css", ".ok { color: red; }\n");
        m_session->client().invalidateFile(file("src/app/broken.css"), "test");
        QVERIFY(m_session->client().crawl({file("src/app/broken.css")}).empty());
    }
};

QTEST_GUILESS_MAIN(TestStylesheets)
#include "tst_stylesheets.moc"
