// rwsdk's own modules and directive transforms as the module graph records
// them, in a dev session of examples/starter (rwsdk 1.7.3 from npm; a copy in a
// temporary folder, node_modules linked), with a vite.config whose redwood()
// names forceClientPaths / forceServerPaths:
//  - the graph names the framework's modules after the FrameworkProfile (the
//    bridge pre-bundle as "rwsdk/__ssr_bridge", both lookups in every copy,
//    the state module as "rwsdk/__state", the Vite preamble, React Refresh, the
//    Vite client) and leaves every other module unnamed;
//  - each module's node says which directive transform it got in its
//    environment (inspectModule's JSON, which `switchyard inspect` prints);
//  - files matched by forceClientPaths / forceServerPaths are directive
//    modules without a directive: in the lookups, transformed as such, and
//    the node says which option forced it (rwsdk's redwoodPlugin.mjs).
#include "dev/devSession.h"
#include "dev/moduleInspection.h"
#include "env/forcedDirectivePaths.h"
#include "graph/moduleGraphModel.h"
#include "support/preparedSession.h"
#include "support/textFiles.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

using namespace sy;
using sy::test::contains;
using sy::test::openPreparedSession;
using sy::test::writeText;
namespace fs = std::filesystem;

namespace {
const fs::path kStarter = SY_SOURCE_DIR "/examples/starter";

const char *kViteConfig = "import { defineConfig } from \"vite\";\n"
                          "import { redwood } from \"rwsdk/vite\";\n"
                          "import { cloudflare } from \"@cloudflare/vite-plugin\";\n"
                          "\n"
                          "export default defineConfig({\n"
                          "  plugins: [\n"
                          "    cloudflare({ viteEnvironment: { name: \"worker\" } }),\n"
                          "    redwood({\n"
                          "      forceClientPaths: [\"src/app/forced/**/*.tsx\"],\n"
                          "      forceServerPaths: [\"src/app/forced/*Actions.{ts,mts}\"],\n"
                          "    }),\n"
                          "  ],\n"
                          "});\n";
} // namespace

class TestFrameworkModules : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;
    ProjectConfig m_project;
    std::unique_ptr<DevSession> m_session;

    std::string file(const std::string &rel) const { return (m_root / rel).string(); }

    /// The node `id` of `env` as JSON (moduleNodeToJson), or null.
    nlohmann::json node(EnvironmentKind env, const std::string &id)
    {
        const nlohmann::json graph = m_session->environment(env).graphJson();
        for (const nlohmann::json &m : graph["modules"])
            if (m["id"] == id)
                return m;
        return nullptr;
    }

    /// Every node of `env` with a role: id -> "role displayName".
    std::map<std::string, std::string> roles(EnvironmentKind env)
    {
        std::map<std::string, std::string> out;
        const nlohmann::json graph = m_session->environment(env).graphJson();
        for (const nlohmann::json &m : graph["modules"])
            if (m.contains("role"))
                out[m["id"]] =
                    m["role"].get<std::string>() + " " + m["displayName"].get<std::string>();
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(fs::exists(kStarter / "node_modules/rwsdk/package.json"),
                 "run scripts/setup.sh first");
        m_root = fs::canonical(m_dir.path().toStdString());
        for (const fs::directory_entry &e : fs::directory_iterator(kStarter)) {
            const std::string name = e.path().filename().string();
            if (name == "node_modules" || name == ".switchyard" || name == "vite.config.mts")
                continue;
            fs::copy(e.path(), m_root / name, fs::copy_options::recursive);
        }
        fs::create_directory_symlink(fs::canonical(kStarter / "node_modules"),
                                     m_root / "node_modules");
        writeText(m_root / "vite.config.mts", kViteConfig);
        // Forced: no directive in either file; the Home page imports both.
        writeText(m_root / "src/app/forced/Badge.tsx",
                  "export function Badge({ text }: { text: string }) {\n"
                  "  return <b className=\"badge\">{text}</b>;\n"
                  "}\n");
        writeText(m_root / "src/app/forced/badgeActions.ts",
                  "export async function pinBadge(id: number) {\n"
                  "  return { pinned: id };\n"
                  "}\n");
        const fs::path home = m_root / "src/app/pages/Home.tsx";
        std::ifstream in(home);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        writeText(home, "import { Badge } from \"@/app/forced/Badge\";\n"
                        "import { pinBadge } from \"@/app/forced/badgeActions\";\n"
                        "export const forced = [Badge, pinBadge];\n" +
                            text);
        const std::string error = openPreparedSession(m_root.string(), m_project, m_session);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(m_project.framework.kind, FrameworkKind::Rwsdk);
    }

    void graphNamesTheFrameworksModules()
    {
        const std::string bridge =
            "virtual:switchyard:ssr:" + file(".switchyard/deps_ssr/rwsdk___ssr_bridge.js");
        const std::string state =
            fs::canonical(kStarter / "node_modules/rwsdk/dist/runtime/state.js").string();
        const std::map<std::string, std::string> worker = roles(EnvironmentKind::Worker);
        const std::map<std::string, std::string> expectedWorker{
            {bridge, "ssr-bridge rwsdk/__ssr_bridge"},
            {"virtual:use-server-lookup.js", "server-lookup virtual:use-server-lookup.js"},
            {"virtual:switchyard:ssr:virtual:use-client-lookup.js",
             "client-lookup virtual:use-client-lookup.js"},
            {"virtual:switchyard:ssr:virtual:use-server-lookup.js",
             "server-lookup virtual:use-server-lookup.js"},
            {state, "request-state rwsdk/__state"},
        };
        std::string seen;
        for (const auto &[id, role] : worker)
            seen += id + ": " + role + "\n";
        QVERIFY2(worker == expectedWorker, seen.c_str());

        const std::map<std::string, std::string> client = roles(EnvironmentKind::Client);
        QCOMPARE(client.at("virtual:use-client-lookup.js"),
                 std::string("client-lookup virtual:use-client-lookup.js"));
        QCOMPARE(client.at("virtual:switchyard:react-refresh"),
                 std::string("react-refresh react-refresh/runtime"));
        QCOMPARE(client.at("virtual:vite-preamble"),
                 std::string("vite-preamble virtual:vite-preamble"));
        QCOMPARE(client.at("virtual:switchyard:vite-react-refresh"),
                 std::string("react-refresh /@react-refresh"));
        QCOMPARE(client.at("virtual:switchyard:vite-client"),
                 std::string("vite-client /@vite/client"));
        const std::map<std::string, std::string> ssr = roles(EnvironmentKind::Ssr);
        QCOMPARE(
            ssr,
            (std::map<std::string, std::string>{
                {"virtual:use-client-lookup.js", "client-lookup virtual:use-client-lookup.js"},
                {"virtual:use-server-lookup.js", "server-lookup virtual:use-server-lookup.js"}}));
        // An ordinary module and a pre-bundle have none.
        QVERIFY(!node(EnvironmentKind::Worker, file("src/worker.tsx")).contains("role"));
        QVERIFY(!node(EnvironmentKind::Client, file(".switchyard/deps_client/react.js"))
                     .contains("role"));
    }

    void nodesRecordTheirDirectiveTransform_data()
    {
        QTest::addColumn<QString>("module");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("transform");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("inCode");
        const QString like = "src/app/components/LikeButton.tsx";
        const QString notes = "src/app/pages/notes/functions.ts";
        QTest::newRow("use client, worker") << like << "worker"
                                            << "client-references"
                                            << "directive"
                                            << "registerClientReference";
        QTest::newRow("use client, ssr") << like << "ssr"
                                         << "ssr-module"
                                         << "directive"
                                         << "";
        QTest::newRow("use client, client") << like << "client"
                                            << "client-module"
                                            << "directive"
                                            << "LikeButton";
        QTest::newRow("use server, worker") << notes << "worker"
                                            << "server-registration"
                                            << "directive"
                                            << "registerServerReference";
        QTest::newRow("use server, ssr") << notes << "ssr"
                                         << "server-reference-stubs"
                                         << "directive"
                                         << "createServerReference";
        QTest::newRow("use server, client") << notes << "client"
                                            << "server-reference-stubs"
                                            << "directive"
                                            << "createServerReference";
        QTest::newRow("none") << "src/app/pages/Home.tsx"
                              << "worker"
                              << ""
                              << ""
                              << "";
        QTest::newRow("forced client, worker") << "src/app/forced/Badge.tsx"
                                               << "worker"
                                               << "client-references"
                                               << "forceClientPaths"
                                               << "registerClientReference";
        QTest::newRow("forced client, ssr") << "src/app/forced/Badge.tsx"
                                            << "ssr"
                                            << "ssr-module"
                                            << "forceClientPaths"
                                            << "";
        QTest::newRow("forced server, worker") << "src/app/forced/badgeActions.ts"
                                               << "worker"
                                               << "server-registration"
                                               << "forceServerPaths"
                                               << "registerServerReference";
        QTest::newRow("forced server, client") << "src/app/forced/badgeActions.ts"
                                               << "client"
                                               << "server-reference-stubs"
                                               << "forceServerPaths"
                                               << "createServerReference";
    }

    void nodesRecordTheirDirectiveTransform()
    {
        QFETCH(QString, module);
        QFETCH(QString, environment);
        QFETCH(QString, transform);
        QFETCH(QString, reason);
        QFETCH(QString, inCode);
        const EnvironmentKind env = *environmentFromName(environment.toStdString());
        const nlohmann::json out = inspectModule(*m_session, env, file(module.toStdString()));
        QVERIFY2(!out.contains("error"), out.dump().c_str());
        if (transform.isEmpty()) {
            QVERIFY(out["directiveTransform"].is_null());
            QVERIFY(!out.contains("directiveTransformReason"));
        } else {
            QCOMPARE(QString::fromStdString(out["directiveTransform"].get<std::string>()),
                     transform);
            QCOMPARE(QString::fromStdString(out["directiveTransformReason"].get<std::string>()),
                     reason);
        }
        QVERIFY2(contains(out["code"].get<std::string>(), inCode.toStdString()),
                 out["code"].get<std::string>().c_str());
    }

    void bridgedCopiesCarryTheSsrTransform()
    {
        const nlohmann::json bridged =
            node(EnvironmentKind::Worker,
                 "virtual:switchyard:ssr:" + file("src/app/components/LikeButton.tsx"));
        QVERIFY(!bridged.is_null());
        QCOMPARE(bridged["directiveTransform"].get<std::string>(), std::string("ssr-module"));
    }

    void forcedFilesAreInTheLookups()
    {
        const std::set<std::string> client = m_session->directives().clientModules();
        const std::set<std::string> server = m_session->directives().serverModules();
        QVERIFY(client.count(file("src/app/forced/Badge.tsx")));
        QVERIFY(server.count(file("src/app/forced/badgeActions.ts")));
        QVERIFY(!client.count(file("src/app/pages/Home.tsx")));
        const nlohmann::json lookup =
            inspectModule(*m_session, EnvironmentKind::Client, "virtual:use-client-lookup.js");
        QVERIFY2(contains(lookup.value("code", std::string()), "/src/app/forced/Badge.tsx"),
                 lookup.dump().c_str());
        // The config's warnings no longer say these options are not applied.
        for (const std::string &w : m_project.vite.warnings)
            QVERIFY2(!contains(w, "forceClientPaths") && !contains(w, "forceServerPaths"),
                     w.c_str());
    }

    void aForcedFileCreatedLaterIsForcedToo()
    {
        const std::string later = file("src/app/forced/nested/Later.tsx");
        writeText(later, "export const Later = () => null;\n");
        QVERIFY(m_session->directives().update(later)); // joined the client set
        QVERIFY(m_session->directives().clientModules().count(later));
        QCOMPARE(m_session->directives().forcedDirective(later).second,
                 std::string("forceClientPaths"));
    }

    void theModelShowsThemUnderTheTester()
    {
        // The worker graph of the session through the feed the dashboard uses,
        // into the model its graph view and module list read.
        ModuleGraphModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_session->worker().withGraph([&](ModuleGraph &graph) {
            ModuleGraphModelFeed feed(&graph);
            feed.connectTo(&model);
            for (const ModuleNode *node : graph.modules())
                feed.moduleChanged(*node);
        });
        const QString bridge = QString::fromStdString(
            "virtual:switchyard:ssr:" + file(".switchyard/deps_ssr/rwsdk___ssr_bridge.js"));
        const QModelIndex b = model.index(model.rowOf("worker", bridge), 0);
        QVERIFY(b.isValid());
        QCOMPARE(b.data(ModuleGraphModel::DisplayNameRole).toString(),
                 QStringLiteral("rwsdk/__ssr_bridge"));
        QCOMPARE(b.data(ModuleGraphModel::RoleLabelRole).toString(), QStringLiteral("SSR bridge"));
        const QModelIndex like = model.index(
            model.rowOf("worker",
                        QString::fromStdString(file("src/app/components/LikeButton.tsx"))),
            0);
        QCOMPARE(like.data(ModuleGraphModel::DirectiveTransformLabelRole).toString(),
                 QStringLiteral("client reference stubs"));
        QCOMPARE(like.data(ModuleGraphModel::RoleLabelRole).toString(), QString());
    }

    void forcedGlobsFindFilesOnDisk()
    {
        // What rwsdk's glob expansion finds at start: JS/TS files, no dot
        // folders, node_modules only when the glob starts inside one.
        QTemporaryDir dir;
        const fs::path root = fs::canonical(dir.path().toStdString());
        for (const char *rel : {"src/a/B.tsx", "src/c.ts", "src/c.css", "src/.cache/d.ts",
                                "node_modules/pkg/dist/e.js", "node_modules/other/f.ts"})
            writeText(root / rel, "export {};\n");
        const ForcedDirectivePaths forced(root.string(), {"**/*.{ts,tsx,css}"},
                                          {"node_modules/pkg/dist/*.js"});
        const std::vector<std::string> expected{(root / "node_modules/pkg/dist/e.js").string(),
                                                (root / "src/a/B.tsx").string(),
                                                (root / "src/c.ts").string()};
        QCOMPARE(forced.matchingFiles(), expected);
        QCOMPARE(forced.directiveFor((root / "node_modules/pkg/dist/e.js").string()),
                 std::string("use server"));
    }

    void globsMatchAsNodeGlobDoes_data()
    {
        QTest::addColumn<QString>("glob");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("matches");
        QTest::newRow("** any depth") << "src/**/*.tsx"
                                      << "src/a/b/C.tsx" << true;
        QTest::newRow("** none") << "src/**/*.tsx"
                                 << "src/C.tsx" << true;
        QTest::newRow("* one segment") << "src/*.tsx"
                                       << "src/a/C.tsx" << false;
        QTest::newRow("braces") << "src/x.{ts,tsx}"
                                << "src/x.tsx" << true;
        QTest::newRow("braces, other") << "src/x.{ts,tsx}"
                                       << "src/x.js" << false;
        QTest::newRow("class") << "src/[ab].ts"
                               << "src/b.ts" << true;
        QTest::newRow("negated class") << "src/[!ab].ts"
                                       << "src/b.ts" << false;
        QTest::newRow("? one char") << "src/?.ts"
                                    << "src/ab.ts" << false;
        QTest::newRow("no dotfile by *") << "src/*.ts"
                                         << "src/.hidden.ts" << false;
        QTest::newRow("no dot folder by **") << "src/**/*.ts"
                                             << "src/.cache/x.ts" << false;
        QTest::newRow("a written dot") << "src/.cache/*.ts"
                                       << "src/.cache/x.ts" << true;
        QTest::newRow("trailing **") << "src/forced/**"
                                     << "src/forced/a/b.ts" << true;
        QTest::newRow("literal dot") << "src/a.ts"
                                     << "src/abts" << false;
    }

    void globsMatchAsNodeGlobDoes()
    {
        QFETCH(QString, glob);
        QFETCH(QString, path);
        QFETCH(bool, matches);
        const ForcedDirectivePaths forced("/app", {glob.toStdString()}, {});
        QCOMPARE(forced.directiveFor("/app/" + path.toStdString()) == "use client", matches);
    }
};

QTEST_GUILESS_MAIN(TestFrameworkModules)
#include "tst_framework_modules.moc"
