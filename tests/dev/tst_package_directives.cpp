// "use client" / "use server" modules inside packages (optimizer/
// packageModuleExternals.h, DevSession's hooks): a package module with a
// directive (as rwsdk/turnstile's useTurnstile.js) stays out of every
// pre-bundle, the bundles import it relative to themselves, each environment
// serves it as a module of its own with the directive transform (the worker:
// a client reference), the lookups list it, a package whose entry carries the
// directive is served as source, and a warm start knows them all from the
// optimizer's metadata without bundling again.
#include "dev/devSession.h"
#include "js/transformService.h"
#include "support/preparedSession.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace sy;
using sy::test::contains;
using sy::test::openPreparedSession;
using sy::test::readText;
using sy::test::writeText;
namespace fs = std::filesystem;

namespace {
const fs::path kStarter = SY_SOURCE_DIR "/examples/starter";

} // namespace

class TestPackageDirectives : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    fs::path m_root;
    ProjectConfig m_project;
    std::unique_ptr<DevSession> m_session;
    std::string m_hook;   ///< node_modules/ui-kit/dist/useTurnstile.js ("use client")
    std::string m_action; ///< node_modules/ui-kit/dist/actions.js ("use server")
    std::string m_button; ///< node_modules/ui-entry/index.js ("use client" entry)

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = fs::canonical(m_dir.path().toStdString());
        // An rwsdk app: examples/starter's packages (rwsdk 1.7.3, React) beside two of its own.
        QVERIFY2(fs::exists(kStarter / "node_modules/rwsdk"), "run scripts/setup.sh first");
        fs::create_directories(m_root / "node_modules");
        for (const auto &entry : fs::directory_iterator(kStarter / "node_modules"))
            if (entry.path().filename().string()[0] != '.')
                fs::create_directory_symlink(entry.path(),
                                             m_root / "node_modules" / entry.path().filename());
        writeText(m_root / "wrangler.jsonc",
                  "{ \"name\": \"pkgdir\", \"main\": \"src/worker.tsx\", "
                  "\"compatibility_date\": \"2025-08-21\", "
                  "\"compatibility_flags\": [\"nodejs_compat\"] }\n");
        writeText(m_root / "package.json",
                  "{ \"name\": \"pkgdir\", \"private\": true, \"type\": \"module\" }\n");
        // A package shaped like rwsdk/turnstile: an index re-exporting a "use
        // client" hook and a server helper, and a "use server" module.
        writeText(m_root / "node_modules/ui-kit/package.json",
                  "{ \"name\": \"ui-kit\", \"type\": \"module\", \"exports\": { \"./turnstile\": "
                  "\"./dist/turnstile.js\", \"./actions\": \"./dist/actions.js\" } }\n");
        writeText(m_root / "node_modules/ui-kit/dist/turnstile.js",
                  "export * from \"./useTurnstile.js\";\nexport * from \"./verify.js\";\n");
        writeText(
            m_root / "node_modules/ui-kit/dist/useTurnstile.js",
            "\"use client\";\nimport { useRef } from \"react\";\n"
            "export function useTurnstile(siteKey) {\n"
            "  const ref = useRef(null);\n  return { ref, siteKey, marker: \"HOOK_BODY\" };\n}\n");
        writeText(m_root / "node_modules/ui-kit/dist/verify.js",
                  "export const verifyToken = async (token) => token === \"ok\";\n");
        writeText(m_root / "node_modules/ui-kit/dist/actions.js",
                  "\"use server\";\nexport async function ping() { return \"ACTION_BODY\"; }\n");
        // A UI library whose entry itself says "use client".
        writeText(m_root / "node_modules/ui-entry/package.json",
                  "{ \"name\": \"ui-entry\", \"type\": \"module\", \"main\": \"index.js\" }\n");
        writeText(m_root / "node_modules/ui-entry/index.js",
                  "\"use client\";\nimport { createElement } from \"react\";\n"
                  "export const Button = (props) => createElement(\"button\", props);\n");
        writeText(m_root / "src/app/Form.tsx",
                  "\"use client\";\nimport { useTurnstile } from \"ui-kit/turnstile\";\n"
                  "import { Button } from \"ui-entry\";\n"
                  "export function Form() {\n  const t = useTurnstile(\"key\");\n"
                  "  return <Button ref={t.ref}>send</Button>;\n}\n");
        writeText(m_root / "src/worker.tsx",
                  "import { verifyToken } from \"ui-kit/turnstile\";\n"
                  "import { ping } from \"ui-kit/actions\";\n"
                  "import { Form } from \"./app/Form\";\n"
                  "export default { fetch: async () => new Response(String(await "
                  "verifyToken(\"ok\")) + typeof Form + typeof ping) };\n");
        writeText(m_root / "src/client.tsx", "import { Form } from \"./app/Form\";\n"
                                             "console.log(Form);\n");
        const std::string problem = openPreparedSession(m_root.string(), m_project, m_session);
        QVERIFY2(problem.empty(), problem.c_str());
        QCOMPARE(int(m_project.framework.kind), int(FrameworkKind::Rwsdk));
        m_hook = (m_root / "node_modules/ui-kit/dist/useTurnstile.js").string();
        m_action = (m_root / "node_modules/ui-kit/dist/actions.js").string();
        m_button = (m_root / "node_modules/ui-entry/index.js").string();
    }

    void theOptimizerRecordsThePackageDirectiveModules()
    {
        const std::set<std::string> client = m_session->directives().clientModules();
        QVERIFY(client.count(m_hook));
        QVERIFY(client.count(m_button));
        QVERIFY(m_session->directives().serverModules().count(m_action));
        QVERIFY(client.count((m_root / "src/app/Form.tsx").string()));
        // The client's metadata says which files its bundles keep as imports.
        const DepsMetadata meta = m_session->client().optimizer().metadata();
        QVERIFY(std::find(meta.packageModules.begin(), meta.packageModules.end(), m_hook) !=
                meta.packageModules.end());
    }

    void preBundlesImportThemInsteadOfSwallowingThem()
    {
        for (Environment *env : {&m_session->client(), &m_session->ssr(), &m_session->worker()}) {
            const auto dep = env->optimizer().lookup("ui-kit/turnstile");
            if (env == &m_session->ssr() && !dep)
                continue; // the ssr environment meets the package through Form only
            QVERIFY2(dep, env->name().c_str());
            const std::string bundle = readText(dep->file);
            QVERIFY2(contains(bundle, "\"../../node_modules/ui-kit/dist/useTurnstile.js\""),
                     bundle.c_str());
            QVERIFY2(!contains(bundle, "HOOK_BODY"), bundle.c_str());
            QVERIFY(contains(bundle, "verifyToken")); // the rest is bundled as before
        }
        // A bare import whose entry is itself a directive module is its source.
        const FetchedModule entry = m_session->worker().fetchModule(m_project.workerEntry, {});
        QVERIFY2(entry.ok, entry.error.c_str());
        QVERIFY2(contains(entry.code, "\"" + m_action + "\""), entry.code.c_str());
        QVERIFY2(!contains(entry.code, "deps_worker/ui-kit_actions.js"), entry.code.c_str());
    }

    void eachEnvironmentTransformsThemAsModulesOfTheirOwn()
    {
        // The client gets the file itself (React's import rewritten to its pre-bundle).
        const ServedModule hook =
            m_session->client().serveClientUrl("/node_modules/ui-kit/dist/useTurnstile.js");
        QCOMPARE(hook.status, 200);
        QVERIFY2(contains(hook.body, "HOOK_BODY"), hook.body.c_str());
        QVERIFY2(contains(hook.body, "/.switchyard/deps_client/react.js?v="), hook.body.c_str());
        // The worker gets the client reference, not the hook's code.
        const FetchedModule worker = m_session->worker().fetchModule(m_hook, {});
        QVERIFY2(worker.ok, worker.error.c_str());
        QVERIFY2(!contains(worker.code, "HOOK_BODY"), worker.code.c_str());
        QVERIFY2(contains(worker.code, "useTurnstile"), worker.code.c_str());
        // The "use server" package module: a stub in the client, registered in the worker.
        const FetchedModule action = m_session->worker().fetchModule(m_action, {});
        QVERIFY2(action.ok && contains(action.code, "ACTION_BODY"), action.code.c_str());
        const ServedModule stub =
            m_session->client().serveClientUrl("/node_modules/ui-kit/dist/actions.js");
        QCOMPARE(stub.status, 200);
        QVERIFY2(!contains(stub.body, "ACTION_BODY"), stub.body.c_str());
    }

    void aPackageWhoseEntryCarriesTheDirectiveIsServedAsSource()
    {
        const ServedModule form = m_session->client().serveClientUrl("/src/app/Form.tsx");
        QCOMPARE(form.status, 200);
        QVERIFY2(contains(form.body, "\"/node_modules/ui-entry/index.js\""), form.body.c_str());
        QVERIFY2(!contains(form.body, "deps_client/ui-entry"), form.body.c_str());
    }

    void theLookupsListThem()
    {
        Environment &client = m_session->client();
        const ServedModule lookup = client.serveClientUrl("/@id/" + client.useClientLookupId());
        QCOMPARE(lookup.status, 200);
        QVERIFY2(contains(lookup.body, "import(\"/node_modules/ui-kit/dist/useTurnstile.js\")"),
                 lookup.body.c_str());
        QVERIFY2(contains(lookup.body, "import(\"/node_modules/ui-entry/index.js\")"),
                 lookup.body.c_str());
        const FetchedModule server =
            m_session->worker().fetchModule(m_session->worker().useServerLookupId(), {});
        QVERIFY2(server.ok && contains(server.code, m_action), server.code.c_str());
    }

    void aWarmStartKnowsThemWithoutBundling()
    {
        ProjectConfig project = m_project;
        DevSession warm(project, TransformService::shared());
        QVERIFY(warm.loadCaches());
        // Known from the metadata before anything is crawled or bundled.
        QVERIFY(warm.directives().clientModules().count(m_hook));
        for (const OptimizerRun &run : warm.prepare())
            QCOMPARE(int(run.outcome), int(OptimizerOutcome::ReusedCache));
        const ServedModule lookup =
            warm.client().serveClientUrl("/@id/" + warm.client().useClientLookupId());
        QVERIFY2(contains(lookup.body, "useTurnstile.js"), lookup.body.c_str());
    }
};

QTEST_GUILESS_MAIN(TestPackageDirectives)
#include "tst_package_directives.moc"
