// React Fast Refresh in the client environment (engine/env/reactRefresh.h,
// TransformService::reactRefresh) on a copy of examples/hello: what the refresh
// transform adds and where, which modules it leaves alone, the preamble in the
// client entry, and the HMR boundary an edit of a component then reaches.
#include "dev/devSession.h"
#include "env/reactRefresh.h"
#include "graph/moduleGraph.h"
#include "hmr/hmrBoundary.h"
#include "js/transformService.h"
#include "support/exampleCopy.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sy;
namespace fs = std::filesystem;
using sy::test::contains;
using sy::test::writeText;

namespace {
const fs::path kHello = SY_SOURCE_DIR "/examples/hello";

std::vector<std::string> linesOf(const std::string &text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

/// The 0-based line holding `needle`, or -1.
int lineOf(const std::string &text, const std::string &needle)
{
    const std::vector<std::string> lines = linesOf(text);
    for (size_t i = 0; i < lines.size(); ++i)
        if (contains(lines[i], needle))
            return int(i);
    return -1;
}
} // namespace

class TestReactRefresh : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;
    ProjectConfig m_project;
    std::unique_ptr<DevSession> m_session;

    std::string file(const std::string &rel) const { return (m_root / rel).string(); }

    HmrModuleLookup lookupIn(ModuleGraph &graph)
    {
        return [&graph](const std::string &id) -> std::optional<HmrModuleInfo> {
            const ModuleNode *node = graph.moduleById(id);
            if (!node)
                return std::nullopt;
            HmrModuleInfo info;
            info.url = node->url;
            info.isSelfAccepting = node->isSelfAccepting;
            info.acceptedHmrDeps = node->acceptedHmrDeps;
            info.importers.assign(node->importers.begin(), node->importers.end());
            return info;
        };
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = fs::canonical(m_dir.path().toStdString());
        QVERIFY2(fs::exists(kHello / "node_modules/react"), "run scripts/setup.sh first");
        sy::test::copyExample(kHello, m_root);
        writeText(m_root / "src/app/format.ts",
                  "export const formatCount = (n: number): string => `#${n}`;\n");
        writeText(m_root / "src/app/components/Badge.tsx",
                  "import { useMemo } from \"react\";\n"
                  "import { formatCount } from \"../format\";\n"
                  "export const BADGE_COLOR = \"teal\";\n"
                  "export function Badge({ n }: { n: number }) {\n"
                  "  const text = useMemo(() => formatCount(n), [n]);\n"
                  "  return <span className=\"badge\">{text}</span>;\n"
                  "}\n");
        writeText(m_root / "src/app/components/Panel.tsx",
                  "\"use client\";\n"
                  "import { Badge } from \"./Badge\";\n"
                  "import { formatCount } from \"../format\";\n"
                  "export default function Panel() {\n"
                  "  return <div>{formatCount(1)}<Badge n={2} /></div>;\n"
                  "}\n");
        std::string error;
        QVERIFY2(
            loadProjectConfig(m_root.string(), SY_TOOLS_JS_DIR, m_project, error),
            error.c_str());
        m_session = std::make_unique<DevSession>(m_project, TransformService::shared());
        const auto runs = m_session->prepare();
        for (const OptimizerRun &run : runs)
            QVERIFY2(run.outcome == OptimizerOutcome::Committed, run.error.c_str());
        const auto errors = m_session->crawlAll();
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
    }

    void cheapSkipFindsComponentsAndHooksOnly()
    {
        QVERIFY(mayDefineComponents("export function Counter() {}"));
        QVERIFY(mayDefineComponents("function* Gen() {}"));
        QVERIFY(mayDefineComponents("export const Button = () => null;"));
        QVERIFY(mayDefineComponents("let x = React.useMemo(() => 1, []);"));
        QVERIFY(mayDefineComponents("const [a, b] = useState(0);"));
        QVERIFY(!mayDefineComponents("export const formatCount = (n) => `#${n}`;\n"
                                     "function useless() {} const userName = 1; reuseIt(2);"));
        QVERIFY(!mayDefineComponents(""));
    }

    void refreshTransformRegistersComponentsAndSignsHooksOnTheirLines()
    {
        const std::string source = "import { useState } from \"react\";\n"
                                   "export function Counter() {\n"
                                   "  const [count, setCount] = useState(0);\n"
                                   "  return count;\n"
                                   "}\n"
                                   "export const Label = () => null;\n"
                                   "export const notAComponent = 1;\n";
        const RefreshTransformOutput t =
            TransformService::shared().reactRefresh(source, "/app/Counter.js");
        QVERIFY2(t.ok, t.error.c_str());
        QVERIFY(t.refreshed);
        QVERIFY2(contains(t.code, "$RefreshReg$(_c, \"Counter\")"), t.code.c_str());
        QVERIFY2(contains(t.code, "$RefreshReg$(_c2, \"Label\")"), t.code.c_str());
        QVERIFY2(!contains(t.code, "\"notAComponent\""), t.code.c_str());
        // The hook signature names the hooks in their order (full text, no hash).
        QVERIFY2(contains(t.code, "useState{[count, setCount](0)}"), t.code.c_str());
        // Every statement kept its line (the sucrase source map stays right).
        QCOMPARE(lineOf(t.code, "useState(0)"), lineOf(source, "useState(0)"));
        QCOMPARE(lineOf(t.code, "return count"), lineOf(source, "return count"));
        QCOMPARE(lineOf(t.code, "notAComponent = 1"), lineOf(source, "notAComponent = 1"));

        const RefreshTransformOutput none = TransformService::shared().reactRefresh(
            "export const Limit = 3;\nexport function helper() { return 1; }\n", "/app/x.js");
        QVERIFY2(none.ok, none.error.c_str());
        QVERIFY(!none.refreshed);
        QVERIFY(none.code.empty());

        const RefreshTransformOutput bad =
            TransformService::shared().reactRefresh("export function A( {\n", "/app/bad.js");
        QVERIFY(!bad.ok);
        QVERIFY(!bad.error.empty());
        QVERIFY(bad.line > 0);
    }

    void clientComponentIsRefreshedAndAcceptsItself()
    {
        const ServedModule counter =
            m_session->client().serveClientUrl("/src/app/components/Counter.tsx");
        QVERIFY2(counter.status == 200, counter.body.c_str());
        QVERIFY2(contains(counter.body, "$RefreshReg$(_c, \"Counter\")"), counter.body.c_str());
        QVERIFY(contains(counter.body,
                         "from \"/@id/virtual:switchyard:react-refresh\"")); // rewritten to a URL
        QVERIFY(contains(counter.body, "register(type, \"/src/app/components/Counter.tsx\" + "));
        QVERIFY(contains(counter.body, "import.meta.hot.accept((next) =>"));
        // The hot context is injected because the footer uses import.meta.hot.
        QVERIFY(contains(counter.body,
                         "__vite__createHotContext(\"/src/app/components/Counter.tsx\")"));
        // Its source lines kept their numbers: `"use client"` is still the first statement
        // after the injected prelude, and the JSX of line N is still on line N.
        const std::string source = [&] {
            std::ifstream in(file("src/app/components/Counter.tsx"));
            std::stringstream s;
            s << in.rdbuf();
            return s.str();
        }();
        QCOMPARE(lineOf(counter.body, "id: \"increment\""), lineOf(source, "id=\"increment\""));
        m_session->client().withGraph([&](ModuleGraph &g) {
            const ModuleNode *node = g.moduleById(file("src/app/components/Counter.tsx"));
            QVERIFY(node);
            QVERIFY(node->isSelfAccepting);
        });
    }

    void onlyTheClientCopyOfAUseClientModuleIsRefreshed()
    {
        const FetchedModule worker =
            m_session->worker().fetchModule(file("src/app/components/Counter.tsx"), {});
        QVERIFY2(worker.ok, worker.error.c_str());
        QVERIFY(contains(worker.code, "registerClientReference")); // rwsdk's client reference
        QVERIFY(!contains(worker.code, "$RefreshReg$"));
        const FetchedModule ssr =
            m_session->ssr().fetchModule(file("src/app/components/Counter.tsx"), {});
        QVERIFY2(ssr.ok, ssr.error.c_str());
        QVERIFY(contains(ssr.code, "useState"));
        QVERIFY(!contains(ssr.code, "$RefreshReg$"));
        QVERIFY(!contains(ssr.code, "react-refresh"));
        // Server components never reach the client; their worker code is not refreshed.
        const FetchedModule home =
            m_session->worker().fetchModule(file("src/app/pages/Home.tsx"), {});
        QVERIFY2(home.ok, home.error.c_str());
        QVERIFY(!contains(home.code, "$RefreshReg$"));
    }

    void modulesWithoutComponentsDependenciesAndTheRuntimeAreLeftAlone()
    {
        Environment &client = m_session->client();
        const ServedModule format = client.serveClientUrl("/src/app/format.ts");
        QVERIFY2(format.status == 200, format.body.c_str());
        QVERIFY(!contains(format.body, "RefreshReg"));
        QVERIFY(!contains(format.body, "import.meta.hot"));
        // A "use server" module is a stub of server references in the client.
        const ServedModule actions = client.serveClientUrl("/src/app/actions.ts");
        QVERIFY(!contains(actions.body, "RefreshReg"));
        // Pre-bundled packages and package modules served as source are not app code.
        const std::string hash = client.optimizer().lookup("react")->browserHash;
        const ServedModule react =
            client.serveClientUrl("/.switchyard/deps_client/react.js?v=" + hash);
        QCOMPARE(react.status, 200);
        QVERIFY(!contains(react.body, "$RefreshReg$"));
        const ServedModule packageModule = client.serveClientUrl(client.clientUrlFor(
            fs::canonical(m_root / "node_modules/rwsdk/dist/runtime/client/ClientOnly.js")
                .string()));
        QVERIFY2(packageModule.status == 200, packageModule.body.c_str());
        QVERIFY(!contains(packageModule.body, "$RefreshReg$"));
        client.withGraph([&](ModuleGraph &g) {
            const ModuleNode *node = g.moduleById(file("src/app/format.ts"));
            QVERIFY(node);
            QVERIFY(!node->isSelfAccepting);
        });
    }

    void clientEntryLoadsThePreambleBeforeAnythingElse()
    {
        Environment &client = m_session->client();
        const ServedModule entry = client.serveClientUrl("/src/client.tsx");
        QVERIFY2(entry.status == 200, entry.body.c_str());
        // The first import of the entry (the Document's src/client.tsx, rwsdk's
        // virtual:vite-preamble): evaluated before rwsdk/client brings React DOM.
        const std::string preambleUrl = "/@id/" + m_project.framework.preambleSpecifier;
        const size_t preamble = entry.body.find("import \"" + preambleUrl + "\";");
        QVERIFY2(preamble != std::string::npos, entry.body.c_str());
        QCOMPARE(entry.body.find("import "), preamble);
        QVERIFY(entry.body.find("import ", preamble + 10) != std::string::npos);

        const ServedModule pre = client.serveClientUrl(preambleUrl);
        QVERIFY2(pre.status == 200, pre.body.c_str());
        QVERIFY2(contains(pre.body, "from \"/@id/virtual:switchyard:vite-react-refresh\""),
                 pre.body.c_str());
        QVERIFY(contains(pre.body, "injectIntoGlobalHook(window)"));
        const ServedModule runtime = client.serveClientUrl("/@id/virtual:switchyard:react-refresh");
        QVERIFY2(runtime.status == 200, runtime.body.c_str());
        QVERIFY(contains(runtime.body, "performReactRefresh"));
        QVERIFY(contains(runtime.body, "export {") || contains(runtime.body, "export const"));
        // Other modules do not get it.
        const ServedModule counter = client.serveClientUrl("/src/app/components/Counter.tsx");
        QVERIFY(!contains(counter.body, m_project.framework.preambleSpecifier));
    }

    void aPassDeferredAtStartUpRunsWhenTheModuleIsNextAskedFor()
    {
        Environment &client = m_session->client();
        writeText(m_root / "src/app/components/Later.tsx",
                  "export function Later() { return <p>later</p>; }\n");
        client.setDeferReactRefresh(true);
        const ServedModule during = client.serveClientUrl("/src/app/components/Later.tsx");
        QVERIFY2(during.status == 200, during.body.c_str());
        QVERIFY(contains(during.body, "later"));
        QVERIFY(!contains(during.body, "$RefreshReg$"));
        client.setDeferReactRefresh(false);
        const ServedModule after = client.serveClientUrl("/src/app/components/Later.tsx");
        QVERIFY2(contains(after.body, "$RefreshReg$(_c, \"Later\")"), after.body.c_str());
        client.withGraph([&](ModuleGraph &g) {
            QVERIFY(g.moduleById(file("src/app/components/Later.tsx"))->isSelfAccepting);
        });
        // Served again: the cached transform (no third pass).
        QCOMPARE(client.serveClientUrl("/src/app/components/Later.tsx").etag, after.etag);
    }

    void theHotUpdatedModuleKeepsItsTransformForTheBrowsersReimport()
    {
        Environment &client = m_session->client();
        const ServedModule before = client.serveClientUrl("/src/app/components/Panel.tsx");
        QCOMPARE(before.status, 200);
        const int64_t t = 1800000000000;
        client.markHotUpdated({file("src/app/components/Panel.tsx")}, t);
        client.withGraph([&](ModuleGraph &g) {
            const ModuleNode *panel = g.moduleById(file("src/app/components/Panel.tsx"));
            QVERIFY(panel && panel->transformResult); // no second Babel pass for ?t=
            QCOMPARE(panel->lastHmrTimestamp, t);
            // Its importer (the use-client lookup) is transformed again with ?t=.
            const ModuleNode *lookup = g.moduleById(m_project.framework.useClientLookupId);
            QVERIFY(lookup && !lookup->transformResult);
        });
        const ServedModule again =
            client.serveClientUrl("/src/app/components/Panel.tsx?t=" + std::to_string(t));
        QCOMPARE(again.etag, before.etag);
    }

    void editOfAComponentReachesItsOwnBoundary()
    {
        Environment &client = m_session->client();
        // Load what the browser loads: the use-client lookup imports Panel, Panel imports
        // Badge (a component module exporting a constant too) and format.ts.
        QCOMPARE(client.serveClientUrl("/src/app/components/Panel.tsx").status, 200);
        QCOMPARE(client.serveClientUrl("/src/app/components/Badge.tsx").status, 200);
        client.withGraph([&](ModuleGraph &g) {
            const HmrModuleLookup lookup = lookupIn(g);
            // The component: its own js-update.
            HmrPropagation p = propagateHmrUpdate(file("src/app/components/Counter.tsx"), lookup);
            QVERIFY2(!p.fullReload, p.reason.c_str());
            QCOMPARE(p.boundaries.size(), size_t(1));
            QCOMPARE(p.boundaries[0].url, std::string("/src/app/components/Counter.tsx"));
            QCOMPARE(p.boundaries[0].acceptedVia, std::string("/src/app/components/Counter.tsx"));
            // A module with components and a constant accepts itself too: the browser
            // decides (it refreshes while the constant keeps its value, else invalidates).
            p = propagateHmrUpdate(file("src/app/components/Badge.tsx"), lookup);
            QVERIFY2(!p.fullReload, p.reason.c_str());
            QCOMPARE(p.boundaries.size(), size_t(1));
            QCOMPARE(p.boundaries[0].url, std::string("/src/app/components/Badge.tsx"));
            // A utility module: up to the components that import it.
            p = propagateHmrUpdate(file("src/app/format.ts"), lookup);
            QVERIFY2(!p.fullReload, p.reason.c_str());
            std::set<std::string> urls;
            for (const HmrBoundary &b : p.boundaries)
                urls.insert(b.url);
            QCOMPARE(urls, (std::set<std::string>{"/src/app/components/Badge.tsx",
                                                  "/src/app/components/Panel.tsx"}));
        });
    }
};

QTEST_GUILESS_MAIN(TestReactRefresh)
#include "tst_react_refresh.moc"
