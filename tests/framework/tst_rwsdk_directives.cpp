// RedwoodSDK's directive transforms in the engine (framework/rwsdkDirectives.h).
// 1. Expected output, exactly, for the shapes rwsdk's docs and starters use, as
//    sucrase compiles them, per environment and per rwsdk version's profile.
// 2. An oracle: rwsdk's own transformClientComponents/transformServerFunctions
//    (the installed package: examples/starter, else /work/scratch/rw173 and
//    rw129) run on the same sources under node; rwsdk's module and ours are
//    evaluated on rwsdk's real runtime (register/worker.js, register/client.js;
//    a mock SSR bridge) and must export and register the same references.
//    Skipped when no rwsdk is installed (CI has no /work/scratch).
#include "framework/frameworkProfile.h"
#include "framework/rwsdkDirectives.h"
#include "js/transformService.h"
#include "lex/importLexer.h"
#include "support/textFiles.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace sy;
using sy::test::contains;

namespace {

int lineCount(const std::string &s)
{
    return int(std::count(s.begin(), s.end(), '\n'));
}

const FrameworkProfile &rw173()
{
    static const FrameworkProfile p = rwsdkProfile("1.7.3");
    return p;
}

const FrameworkProfile &rw129()
{
    static const FrameworkProfile p = rwsdkProfile("1.2.9");
    return p;
}

RwsdkDirectiveResult useClient(const FrameworkProfile &p, EnvironmentKind env,
                               const std::string &code, std::string_view id)
{
    return rwsdkUseClientTransform(p, env, code, lexModule(code), id);
}

RwsdkDirectiveResult useServer(const FrameworkProfile &p, EnvironmentKind env,
                               const std::string &code, std::string_view id,
                               std::string_view self = "/app/src/actions.ts")
{
    return rwsdkUseServerTransform(p, env, code, lexModule(code), id, self);
}

/// A "use client" component as sucrase compiles it for dev: its jsx import
/// and file name constant come first, on the directive's line.
const std::string kCounter =
    "const _jsxFileName = \"/app/src/app/components/Counter.tsx\";import {jsxDEV as _jsxDEV} "
    "from \"react/jsx-dev-runtime\";\"use client\";\n"
    "\n"
    "import { useState } from \"react\";\n"
    "\n"
    "export const Counter = () => {\n"
    "  const [count, setCount] = useState(0);\n"
    "  return _jsxDEV('button', { onClick: () => setCount((c) => c + 1), children: count}, "
    "void 0, false, {fileName: _jsxFileName, lineNumber: 7}, this);\n"
    "};\n"
    "function Label() { return null; }\n"
    "export { Label as CounterLabel, Label };\n"
    "export class Board {}\n"
    "export const a = 1, b = 2;\n"
    "export default Counter;\n";

/// rwsdk's docs' server functions, after sucrase (types gone).
const std::string kActions =
    "\"use server\";\n"
    "import { serverQuery, serverAction } from \"rwsdk/worker\";\n"
    "import { requestInfo } from \"rwsdk/worker\";\n"
    "\n"
    "export async function addTodo(formData) {\n"
    "  return formData.get(\"title\");\n"
    "}\n"
    "export const getTodos = serverQuery(async () => []);\n"
    "export const putTodo = serverQuery(async (t) => t, { method: 'PUT' });\n"
    "export const saveTodo = serverAction([requireUser, async () => 1]);\n"
    "export const deleteTodo = serverAction(async () => 1, {\n"
    "  method: \"DELETE\",\n"
    "});\n"
    "const hidden = serverQuery(async () => 0);\n"
    "export { hidden as visible };\n"
    "export default async function removeAll() {}\n";

/// One module for the oracle: rwsdk's transform and ours run on `source`.
struct OracleCase {
    std::string name, id, directive, source;
    EnvironmentKind env;
    std::map<std::string, std::string> files; ///< files next to it (re-export targets)
    /// What rwsdk's transform gets when it differs from `source`: the file as
    /// written (in Vite rwsdk sees esbuild's output, where the directive
    /// prologue stays first; sucrase puts its JSX import in front of it).
    std::string theirsSource = {};
};

/// The rwsdk packages installed for the oracle, one per version: the
/// starter's, else the scratch installs of 1.7.3 and 1.2.9.
void addRwsdkRows()
{
    QTest::addColumn<QString>("rwsdkDir");
    const std::filesystem::path source(SY_SOURCE_DIR);
    const std::vector<std::filesystem::path> candidates = {
        source / "examples/starter/node_modules/rwsdk", "/work/scratch/rw173/node_modules/rwsdk",
        "/work/scratch/rw129/node_modules/rwsdk"};
    int rows = 0;
    std::set<std::string> versions;
    for (const auto &dir : candidates) {
        std::ifstream in(dir / "package.json");
        if (!in || !std::filesystem::exists(dir / "dist/vite/transformServerFunctions.mjs"))
            continue;
        const nlohmann::json pkg = nlohmann::json::parse(in, nullptr, false);
        const std::string version = pkg.is_object() ? pkg.value("version", "") : "";
        if (version.empty() || !versions.insert(version).second)
            continue;
        QTest::newRow(("rwsdk " + version).c_str()) << QString::fromStdString(dir.string());
        ++rows;
    }
    if (rows == 0)
        QTest::newRow("no rwsdk installed") << QString();
}

/// Runs rwsdkDirectiveOracle.mjs on `cases` with our transforms under
/// `profile`; returns its output ({ version, results }) or an error in `error`.
nlohmann::json runOracle(const QString &rwsdkDir, const FrameworkProfile &profile,
                         const std::vector<OracleCase> &cases, std::string &error)
{
    const QString node = QStandardPaths::findExecutable("node");
    QTemporaryDir work;
    if (qEnvironmentVariableIsSet("SY_RWSDK_ORACLE_DUMP")) {
        work.setAutoRemove(false);
        qInfo() << "oracle work folder:" << work.path();
    }
    const std::string workDir = work.path().toStdString();
    nlohmann::json manifest;
    manifest["rwsdkDir"] = rwsdkDir.toStdString();
    manifest["workDir"] = workDir;
    manifest["cases"] = nlohmann::json::array();
    for (const OracleCase &c : cases) {
        const std::string self = workDir + "/" + c.name + "/ours.mjs";
        const RwsdkDirectiveResult r = c.directive == "use client"
                                           ? useClient(profile, c.env, c.source, c.id)
                                           : useServer(profile, c.env, c.source, c.id, self);
        if (!r.ok) {
            error = c.name + ": " + r.error;
            return {};
        }
        manifest["cases"].push_back({{"name", c.name},
                                     {"id", c.id},
                                     {"env", std::string(environmentName(c.env))},
                                     {"source", c.theirsSource.empty() ? c.source : c.theirsSource},
                                     {"ours", r.code},
                                     {"files", c.files}});
    }
    const std::string manifestPath = workDir + "/manifest.json";
    sy::test::writeText(manifestPath, manifest.dump());
    QProcess proc;
    proc.start(node, {"--conditions=react-server",
                      QString(SY_SOURCE_DIR) + "/tests/framework/rwsdkDirectiveOracle.mjs",
                      QString::fromStdString(manifestPath)});
    proc.waitForFinished(120000);
    const QByteArray out = proc.readAllStandardOutput();
    const QByteArray err = proc.readAllStandardError();
    if (proc.exitStatus() != QProcess::NormalExit || proc.exitCode() != 0) {
        error = "oracle exit code " + std::to_string(proc.exitCode()) + ": " + err.toStdString();
        return {};
    }
    if (qEnvironmentVariableIsSet("SY_RWSDK_ORACLE_DUMP"))
        qInfo().noquote() << QString::fromUtf8(out);
    nlohmann::json result = nlohmann::json::parse(out.toStdString(), nullptr, false);
    if (!result.is_object() || result.value("version", "") != profile.version) {
        error = "unexpected oracle output: " + out.toStdString();
        return {};
    }
    return result;
}

/// Compares ours with rwsdk's per case; returns the references compared
/// (client and server references exported, server functions registered).
int compareOracle(const nlohmann::json &result, const std::vector<OracleCase> &cases,
                  std::string &error)
{
    int references = 0;
    for (const OracleCase &c : cases) {
        const nlohmann::json &entry = result["results"][c.name];
        const nlohmann::json &ours = entry["ours"];
        const nlohmann::json &theirs = entry["theirs"];
        const std::string message = c.name + "\nours:   " + ours.dump() +
                                    "\ntheirs: " + theirs.dump() + "\nrwsdk's code:\n" +
                                    entry.value("theirsCode", std::string());
        if (theirs.contains("error") || ours != theirs || ours["exports"].empty()) {
            error = message;
            return references;
        }
        for (const auto &[name, value] : ours["exports"].items())
            if (value[0] == "client reference" || value[0] == "server reference")
                ++references;
        for (const auto &logged : ours["log"])
            if (logged[0] == "registerServerReference") {
                if (logged[3] != true) { // the exported function itself
                    error = message;
                    return references;
                }
                ++references;
            }
    }
    return references;
}

} // namespace

class TestRwsdkDirectives : public QObject {
    Q_OBJECT

private slots:
    void directivePriorityAndReferenceIds()
    {
        QCOMPARE(rwsdkDirectiveOf({"use client"}), RwsdkDirective::UseClient);
        QCOMPARE(rwsdkDirectiveOf({"use strict", "use server"}), RwsdkDirective::UseServer);
        // rwsdk's hasDirective: "use client" wins when both are there.
        QCOMPARE(rwsdkDirectiveOf({"use server", "use client"}), RwsdkDirective::UseClient);
        QCOMPARE(rwsdkDirectiveOf({"use strict"}), RwsdkDirective::None);

        // normalizeModulePath: root-relative inside the app, absolute outside.
        QCOMPARE(rwsdkReferenceId("/work/app", "/work/app/src/app/Counter.tsx"),
                 std::string("/src/app/Counter.tsx"));
        QCOMPARE(rwsdkReferenceId("/work/app/",
                                  "/work/app/node_modules/rwsdk/dist/runtime/lib/turnstile/"
                                  "useTurnstile.js?v=1a2b3c"),
                 std::string("/node_modules/rwsdk/dist/runtime/lib/turnstile/useTurnstile.js"));
        QCOMPARE(rwsdkReferenceId("/work/app", "/work/shared/ui/Button.tsx"),
                 std::string("/work/shared/ui/Button.tsx"));
        QCOMPARE(rwsdkReferenceId("/work/app", "/work/app-two/src/x.ts"),
                 std::string("/work/app-two/src/x.ts"));
        QCOMPARE(rwsdkReferenceId("/work/app", "/work/app/src/../lib/x.ts"),
                 std::string("/lib/x.ts"));
    }

    void useClientInTheWorkerBecomesClientReferences()
    {
        const RwsdkDirectiveResult r = useClient(rw173(), EnvironmentKind::Worker, kCounter,
                                                 "/src/app/components/Counter.tsx");
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(!r.linesKept);
        QVERIFY(r.warnings.empty());
        const std::string id = "\"/src/app/components/Counter.tsx\"";
        QCOMPARE(r.code, "import { ssrLoadModule } from \"rwsdk/__ssr_bridge\";\n"
                         "import { registerClientReference } from \"rwsdk/worker\";\n"
                         "const SSRModule = await ssrLoadModule(" +
                             id +
                             ");\n"
                             "const Counter = registerClientReference(SSRModule, " +
                             id +
                             ", \"Counter\");\n"
                             "const CounterLabel = registerClientReference(SSRModule, " +
                             id +
                             ", \"CounterLabel\");\n"
                             "const Label = registerClientReference(SSRModule, " +
                             id +
                             ", \"Label\");\n"
                             "const Board = registerClientReference(SSRModule, " +
                             id +
                             ", \"Board\");\n"
                             "const a = registerClientReference(SSRModule, " +
                             id +
                             ", \"a\");\n"
                             "const b = registerClientReference(SSRModule, " +
                             id +
                             ", \"b\");\n"
                             "export { Counter, CounterLabel, Label, Board, a, b };\n"
                             "export default registerClientReference(SSRModule, " +
                             id + ", \"default\");\n");
        QVERIFY(lexModule(r.code).ok);
    }

    void useClientExportNamesThatCollideOrAreNotIdentifiers()
    {
        const std::string code = "\"use client\";\n"
                                 "const x = 1;\n"
                                 "export { x as \"kebab-name\", x as SSRModule, x as if };\n"
                                 "export { Tile as registerClientReference } from \"./tile\";\n";
        const RwsdkDirectiveResult r =
            useClient(rw129(), EnvironmentKind::Worker, code, "/src/tiles.tsx");
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(contains(r.code, "const __rwsdk_export_0 = registerClientReference(SSRModule, "
                                 "\"/src/tiles.tsx\", \"kebab-name\");\n"));
        QVERIFY(contains(r.code, "export { __rwsdk_export_0 as \"kebab-name\", __rwsdk_export_1 "
                                 "as SSRModule, __rwsdk_export_2 as if, __rwsdk_export_3 as "
                                 "registerClientReference };\n"));
        const LexedModule lexed = lexModule(r.code);
        QVERIFY(lexed.ok);
        QCOMPARE(int(lexed.exports.size()), 4);
    }

    void useClientExportStarIsSkippedWithAWarning()
    {
        const std::string code = "\"use client\";\nexport * from \"./icons\";\n"
                                 "export * as shapes from \"./shapes\";\n"
                                 "export function Icon() { return null; }\n";
        const RwsdkDirectiveResult r =
            useClient(rw173(), EnvironmentKind::Worker, code, "/src/icons/index.ts");
        QVERIFY(r.ok);
        QCOMPARE(int(r.warnings.size()), 1);
        QVERIFY2(contains(r.warnings[0], "/src/icons/index.ts:2 (worker): `export * from "
                                         "\"./icons\"` in a \"use client\" module is skipped"),
                 r.warnings[0].c_str());
        QVERIFY(contains(r.code, "export { shapes, Icon };\n"));
        QVERIFY(!contains(r.code, "./icons"));
    }

    void useClientInSsrAndClientLosesOnlyTheDirective()
    {
        for (EnvironmentKind env : {EnvironmentKind::Ssr, EnvironmentKind::Client}) {
            const RwsdkDirectiveResult r =
                useClient(rw173(), env, kCounter, "/src/app/components/Counter.tsx");
            QVERIFY(r.ok);
            QVERIFY(r.linesKept);
            std::string expected = kCounter;
            const size_t at = expected.find("\"use client\";");
            expected.replace(at, 13, std::string(13, ' '));
            QCOMPARE(r.code, expected);
            QCOMPARE(r.code.size(), kCounter.size());
            QCOMPARE(lineCount(r.code), lineCount(kCounter));
        }
        // Single quotes, no semicolon, after a comment and "use strict".
        const std::string code = "// a comment\n'use strict'\n'use client'\nexport const x = 1;\n";
        const RwsdkDirectiveResult r = useClient(rw173(), EnvironmentKind::Client, code, "/x.js");
        QCOMPARE(r.code, std::string("// a comment\n'use strict'\n            \nexport const x = "
                                     "1;\n"));
        // A "use client" string later in the code is not the directive.
        const std::string later = "export const s = \"use client\";\n";
        QCOMPARE(useClient(rw173(), EnvironmentKind::Ssr, later, "/x.js").code, later);
    }

    void useServerStubsCarryMethodAndKind()
    {
        const RwsdkDirectiveResult r =
            useServer(rw173(), EnvironmentKind::Client, kActions, "/src/app/actions.ts");
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(!r.linesKept);
        const std::string id = "\"/src/app/actions.ts\"";
        QCOMPARE(r.code, "import { createServerReference } from \"rwsdk/client\";\n"
                         "export let addTodo = createServerReference(" +
                             id +
                             ", \"addTodo\");\n"
                             "export let getTodos = createServerReference(" +
                             id +
                             ", \"getTodos\", \"GET\", \"query\");\n"
                             "export let putTodo = createServerReference(" +
                             id +
                             ", \"putTodo\", \"PUT\", \"query\");\n"
                             "export let saveTodo = createServerReference(" +
                             id +
                             ", \"saveTodo\", \"POST\");\n"
                             "export let deleteTodo = createServerReference(" +
                             id +
                             ", \"deleteTodo\", \"DELETE\");\n"
                             "export let visible = createServerReference(" +
                             id +
                             ", \"visible\", \"GET\", \"query\");\n"
                             "export default createServerReference(" +
                             id + ", \"default\");\n");
        const RwsdkDirectiveResult ssr =
            useServer(rw173(), EnvironmentKind::Ssr, kActions, "/src/app/actions.ts");
        QVERIFY(ssr.code.rfind("import { createServerReference } from \"rwsdk/__ssr\";\n", 0) == 0);
        QCOMPARE(ssr.code.substr(ssr.code.find('\n')), r.code.substr(r.code.find('\n')));
    }

    void serverFunctionKinds()
    {
        QCOMPARE(serverFunctionKind("export const q = serverQuery(fn, { method: \"POST\" });", "q")
                     .method,
                 std::string("POST"));
        // An option object with more properties, a template literal.
        const ServerFunctionKind k = serverFunctionKind(
            "export const q = serverQuery(fn, { cache: true, method: `PATCH` });", "q");
        QCOMPARE(k.method, std::string("PATCH"));
        QCOMPARE(k.kind, std::string("query"));
        // A method that is not a literal: the kind's default.
        QCOMPARE(serverFunctionKind("export const q = serverQuery(fn, { method: m });", "q").method,
                 std::string("GET"));
        // One argument only: no options.
        QCOMPARE(
            serverFunctionKind("export const q = serverQuery({ method: \"PUT\" });", "q").method,
            std::string("GET"));
        // Nested `method` keys do not count.
        QCOMPARE(serverFunctionKind(
                     "export const a = serverAction(fn, { inner: { method: \"PUT\" } });", "a")
                     .method,
                 std::string("POST"));
        // export default serverQuery(...)
        const ServerFunctionKind d =
            serverFunctionKind("\"use server\";\nexport default serverQuery(async () => 1);\n", "");
        QCOMPARE(d.kind, std::string("query"));
        // Not at the top level, a comparison, a member, a plain function.
        QCOMPARE(serverFunctionKind("function f() { const q = serverQuery(fn); }\nexport { f as q "
                                    "};",
                                    "q")
                     .kind,
                 std::string());
        QCOMPARE(serverFunctionKind("let q; q == serverQuery(fn);", "q").kind, std::string());
        QCOMPARE(serverFunctionKind("const q = api.serverQuery(fn);", "q").kind, std::string());
        QCOMPARE(serverFunctionKind("export async function q() {}", "q").kind, std::string());
        QCOMPARE(serverFunctionKind("const a = 1, q = serverAction(fn);", "q").kind,
                 std::string("action"));
    }

    void useServerReExportsPerVersion()
    {
        const std::string code = "\"use server\";\n"
                                 "export { remove, rename as renameTodo } from \"./more\";\n"
                                 "export { default as archive } from \"./archive\";\n"
                                 "export * from \"./all\";\n"
                                 "export * as ns from \"./ns\";\n"
                                 "export async function add() {}\n";
        // 1.7.3 (>= 1.5.0): named re-exports stay re-exports.
        const RwsdkDirectiveResult r173 =
            useServer(rw173(), EnvironmentKind::Client, code, "/src/todos.ts");
        QVERIFY(r173.ok);
        QCOMPARE(r173.code, std::string("import { createServerReference } from \"rwsdk/client\";\n"
                                        "export { remove, rename as renameTodo } from \"./more\";\n"
                                        "export { default as archive } from \"./archive\";\n"
                                        "export let add = createServerReference(\"/src/todos.ts\", "
                                        "\"add\");\n"));
        QCOMPARE(int(r173.warnings.size()), 2);
        QVERIFY(contains(r173.warnings[0], "/src/todos.ts:4 (client): `export * from \"./all\"`"));
        QVERIFY(contains(r173.warnings[1], "/src/todos.ts:5 (client): `export * as ns`"));
        // 1.2.9: re-exported names are stubbed as references of this module.
        const RwsdkDirectiveResult r129 =
            useServer(rw129(), EnvironmentKind::Ssr, code, "/src/todos.ts");
        QCOMPARE(r129.code, std::string("import { createServerReference } from \"rwsdk/__ssr\";\n"
                                        "export let remove = createServerReference("
                                        "\"/src/todos.ts\", \"remove\");\n"
                                        "export let renameTodo = createServerReference("
                                        "\"/src/todos.ts\", \"renameTodo\");\n"
                                        "export let archive = createServerReference("
                                        "\"/src/todos.ts\", \"archive\");\n"
                                        "export let add = createServerReference(\"/src/todos.ts\", "
                                        "\"add\");\n"));
        QVERIFY(rw173().serverStubsKeepReExports);
        QVERIFY(!rw129().serverStubsKeepReExports);
        QVERIFY(rwsdkProfile("1.5.0").serverStubsKeepReExports);
    }

    void useServerDefaultForms()
    {
        // `export { run as default }` and a default serverQuery expression.
        const std::string aliased = "\"use server\";\nconst run = serverAction(async () => 1);\n"
                                    "export { run as default };\n";
        QCOMPARE(useServer(rw173(), EnvironmentKind::Client, aliased, "/src/run.ts").code,
                 std::string("import { createServerReference } from \"rwsdk/client\";\n"
                             "export default createServerReference(\"/src/run.ts\", \"default\", "
                             "\"POST\");\n"));
        const std::string query = "\"use server\";\nexport default serverQuery(async () => 1, { "
                                  "method: \"HEAD\" });\n";
        QCOMPARE(useServer(rw173(), EnvironmentKind::Client, query, "/src/q.ts").code,
                 std::string("import { createServerReference } from \"rwsdk/client\";\n"
                             "export default createServerReference(\"/src/q.ts\", \"default\", "
                             "\"HEAD\", \"query\");\n"));
    }

    void useServerInTheWorkerKeepsTheCodeAndRegistersEveryExport()
    {
        const RwsdkDirectiveResult r = useServer(rw173(), EnvironmentKind::Worker, kActions,
                                                 "/src/app/actions.ts", "/app/src/app/actions.ts");
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.linesKept);
        std::string kept = kActions;
        kept.replace(0, 13, std::string(13, ' '));
        QVERIFY(r.code.rfind(kept, 0) == 0);
        const std::string id = "\"/src/app/actions.ts\"";
        auto reg = [&](const std::string &name) {
            return "__rwsdk_registerServerReference(__rwsdk_self[\"" + name + "\"], " + id +
                   ", \"" + name + "\");\n";
        };
        QCOMPARE(r.code.substr(kept.size()),
                 "import * as __rwsdk_self from \"/app/src/app/actions.ts\";\n"
                 "import { registerServerReference as __rwsdk_registerServerReference } from "
                 "\"rwsdk/worker\";\n" +
                     reg("default") + reg("addTodo") + reg("getTodos") + reg("putTodo") +
                     reg("saveTodo") + reg("deleteTodo") + reg("visible"));
        const LexedModule lexed = lexModule(r.code);
        QVERIFY(lexed.ok);
        QCOMPARE(lexed.exports.size(), lexModule(kActions).exports.size());

        // Re-exports register after the module's own; `export *` names at run time.
        const std::string stars = "'use server'\nexport { a } from \"./a\";\nexport * from "
                                  "\"./b\";\nexport const c = 1;";
        const RwsdkDirectiveResult s =
            useServer(rw129(), EnvironmentKind::Worker, stars, "/src/s.ts", "/app/src/s.ts");
        QVERIFY(s.warnings.empty());
        QVERIFY(s.code.rfind("            \nexport { a } from \"./a\";\nexport * from \"./b\";\n"
                             "export const c = 1;\nimport * as __rwsdk_self",
                             0) == 0);
        QVERIFY(contains(s.code, "__rwsdk_self[\"c\"], \"/src/s.ts\", \"c\");\n"
                                 "__rwsdk_registerServerReference(__rwsdk_self[\"a\"]"));
        QVERIFY(contains(s.code, "for (const __rwsdk_name of Object.keys(__rwsdk_self)) if "
                                 "(![\"c\", \"a\"].includes(__rwsdk_name)) "
                                 "__rwsdk_registerServerReference(__rwsdk_self[__rwsdk_name], "
                                 "\"/src/s.ts\", __rwsdk_name);\n"));
    }

    void syntaxErrorsNameTheModuleAndEnvironment()
    {
        const std::string broken = "\"use server\";\nexport const x = (;\n";
        const RwsdkDirectiveResult r =
            useServer(rw173(), EnvironmentKind::Client, broken, "/src/broken.ts");
        QVERIFY(!r.ok);
        QVERIFY2(contains(r.error, "\"use server\" module /src/broken.ts (client, 2:"),
                 r.error.c_str());
        QCOMPARE(r.line, 2);
        QVERIFY(r.column > 0);
        const RwsdkDirectiveResult c =
            useClient(rw173(), EnvironmentKind::Worker, "'use client'\nexport {", "/src/c.tsx");
        QVERIFY(!c.ok);
        QVERIFY2(contains(c.error, "\"use client\" module /src/c.tsx (worker"), c.error.c_str());
    }

    void packageModulesGetTheSameTransforms()
    {
        // rwsdk's own "use client" module, reached through rwsdk/turnstile.
        const std::string turnstile = "\"use client\";\n"
                                      "import { useCallback, useRef } from \"react\";\n"
                                      "export function useTurnstile(siteKey) {\n"
                                      "    return { ref: useRef(null) };\n"
                                      "}\n";
        const std::string id = rwsdkReferenceId(
            "/app", "/app/node_modules/rwsdk/dist/runtime/lib/turnstile/useTurnstile.js");
        const RwsdkDirectiveResult r = useClient(rw173(), EnvironmentKind::Worker, turnstile, id);
        QVERIFY(contains(r.code, "await ssrLoadModule(\"/node_modules/rwsdk/dist/runtime/lib/"
                                 "turnstile/useTurnstile.js\");\n"));
        QVERIFY(contains(r.code, "const useTurnstile = registerClientReference(SSRModule, "
                                 "\"/node_modules/rwsdk/dist/runtime/lib/turnstile/"
                                 "useTurnstile.js\", \"useTurnstile\");\nexport { useTurnstile "
                                 "};\n"));
    }

    void oneCallForTheEnvironment()
    {
        const std::string plain = "export const x = 1;\n";
        QVERIFY(!rwsdkDirectiveTransform(rw173(), EnvironmentKind::Worker, RwsdkDirective::None,
                                         plain, "/src/x.ts", "/app/src/x.ts"));
        const auto client =
            rwsdkDirectiveTransform(rw173(), EnvironmentKind::Client, RwsdkDirective::UseClient,
                                    kCounter, "/src/app/components/Counter.tsx", "");
        QVERIFY(client && client->ok && client->linesKept);
        QCOMPARE(client->code.size(), kCounter.size());
        QVERIFY(!contains(client->code, "use client"));
        const auto worker =
            rwsdkDirectiveTransform(rw173(), EnvironmentKind::Worker, RwsdkDirective::UseClient,
                                    kCounter, "/src/app/components/Counter.tsx", "");
        QVERIFY(worker && worker->ok && !worker->linesKept);
        QVERIFY(contains(worker->code, "const SSRModule = await ssrLoadModule("));
        const auto server =
            rwsdkDirectiveTransform(rw129(), EnvironmentKind::Worker, RwsdkDirective::UseServer,
                                    kActions, "/src/app/actions.ts", "/app/src/app/actions.ts");
        QVERIFY(server && server->ok && server->linesKept);
        QVERIFY(
            contains(server->code, "import * as __rwsdk_self from \"/app/src/app/actions.ts\""));
        const auto stubs =
            rwsdkDirectiveTransform(rw129(), EnvironmentKind::Ssr, RwsdkDirective::UseServer,
                                    kActions, "/src/app/actions.ts", "/app/src/app/actions.ts");
        QVERIFY(stubs && stubs->ok && !stubs->linesKept);
        QVERIFY(contains(stubs->code, "from \"rwsdk/__ssr\""));
    }

    void oracleAgainstRwsdksOwnTransforms_data() { addRwsdkRows(); }

    void oracleAgainstRwsdksOwnTransforms()
    {
        QFETCH(QString, rwsdkDir);
        if (rwsdkDir.isEmpty())
            QSKIP("no rwsdk installed (examples/starter/node_modules or /work/scratch)");
        const QString node = QStandardPaths::findExecutable("node");
        if (node.isEmpty())
            QSKIP("node is not on PATH");
        nlohmann::json pkg = nlohmann::json::parse(
            std::ifstream(std::filesystem::path(rwsdkDir.toStdString()) / "package.json"));
        const FrameworkProfile profile = rwsdkProfile(pkg.value("version", ""));

        const std::map<std::string, std::string> componentFiles = {
            {"helper.mjs", "export const helper = () => null;\n"},
            {"button.mjs", "export const Button = () => null;\n"},
            {"card.mjs", "export const Tile = () => null;\n"}};
        const std::string components = "\"use client\";\n"
                                       "import { helper } from \"./helper.mjs\";\n"
                                       "export function Counter() { return helper(); }\n"
                                       "export const Label = () => null;\n"
                                       "export let count = 1;\n"
                                       "function Inner() { return null; }\n"
                                       "export { Inner as Renamed, Inner };\n"
                                       "export { Button } from \"./button.mjs\";\n"
                                       "export { Tile as Tiles } from \"./card.mjs\";\n"
                                       "export default function Page() { return null; }\n";
        const std::string actions = "\"use server\";\n"
                                    "import { serverQuery, serverAction } from \"rwsdk/worker\";\n"
                                    "export async function add(a, b) { return a + b; }\n"
                                    "export const getTodos = serverQuery(async () => []);\n"
                                    "export const putTodo = serverQuery(async () => 1, { method: "
                                    "\"PUT\" });\n"
                                    "export const saveTodo = serverAction(async () => 1);\n"
                                    "export function plain() {}\n"
                                    "export default function () { return 0; }\n";
        const std::map<std::string, std::string> actionFiles = {
            {"more.mjs", "export async function remove() {}\n"}};
        const std::string reExports = "\"use server\";\n"
                                      "export { remove } from \"./more.mjs\";\n"
                                      "export async function rename() {}\n";
        const std::string defaultQuery = "\"use server\";\n"
                                         "import { serverQuery } from \"rwsdk/worker\";\n"
                                         "export default serverQuery(async () => 1);\n";
        std::vector<OracleCase> cases;
        for (EnvironmentKind env :
             {EnvironmentKind::Worker, EnvironmentKind::Ssr, EnvironmentKind::Client}) {
            const std::string e = env == EnvironmentKind::Worker ? "worker"
                                  : env == EnvironmentKind::Ssr  ? "ssr"
                                                                 : "client";
            cases.push_back({"components-" + e, "/src/app/components.tsx", "use client", components,
                             env, componentFiles});
            cases.push_back(
                {"actions-" + e, "/src/app/actions.ts", "use server", actions, env, {}});
            cases.push_back(
                {"reexports-" + e, "/src/app/todos.ts", "use server", reExports, env, actionFiles});
            // In the worker rwsdk registers a second serverQuery(...) made from
            // the default expression, not the exported one: compared in ssr and client.
            if (env != EnvironmentKind::Worker)
                cases.push_back({"default-query-" + e,
                                 "/src/app/query.ts",
                                 "use server",
                                 defaultQuery,
                                 env,
                                 {}});
        }

        std::string error;
        const nlohmann::json result = runOracle(rwsdkDir, profile, cases, error);
        QVERIFY2(error.empty(), error.c_str());
        const int referencesCompared = compareOracle(result, cases, error);
        QVERIFY2(error.empty(), error.c_str());
        // components: 8 client references in the worker; actions: 6 stubs or
        // registrations per environment; re-exports: 1 stub (2 where rwsdk 1.2.9
        // stubs re-exports) per environment, 2 registrations; default query: 1 stub each.
        const int expected = profile.serverStubsKeepReExports ? 32 : 34;
        QCOMPARE(referencesCompared, expected);
    }

    void oracleOnTheStarterSources_data() { addRwsdkRows(); }

    /// Every directive module of examples/starter, compiled by sucrase as the
    /// engine compiles it: "use client" ones in the worker, "use server" ones
    /// in client and ssr (the generated modules), ours against rwsdk's.
    void oracleOnTheStarterSources()
    {
        QFETCH(QString, rwsdkDir);
        if (rwsdkDir.isEmpty())
            QSKIP("no rwsdk installed (examples/starter/node_modules or /work/scratch)");
        if (QStandardPaths::findExecutable("node").isEmpty())
            QSKIP("node is not on PATH");
        const std::filesystem::path app = std::filesystem::path(SY_SOURCE_DIR) / "examples/starter";
        if (!std::filesystem::exists(app / "src"))
            QSKIP("examples/starter is not in this checkout");
        nlohmann::json pkg = nlohmann::json::parse(
            std::ifstream(std::filesystem::path(rwsdkDir.toStdString()) / "package.json"));
        const FrameworkProfile profile = rwsdkProfile(pkg.value("version", ""));

        std::vector<OracleCase> cases;
        int clientModules = 0, serverModules = 0;
        for (const auto &entry : std::filesystem::recursive_directory_iterator(app / "src")) {
            const std::string ext = entry.path().extension().string();
            if (!entry.is_regular_file() || (ext != ".ts" && ext != ".tsx"))
                continue;
            std::ifstream in(entry.path());
            const std::string raw((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
            std::set<std::string> prologue;
            for (const Directive &d : lexModule(raw).directives)
                prologue.insert(d.value);
            const RwsdkDirective directive = rwsdkDirectiveOf(prologue);
            if (directive == RwsdkDirective::None)
                continue;
            const TransformOutput compiled = TransformService::shared().transform(
                raw, TransformOptions::forFile(entry.path().string()));
            QVERIFY2(compiled.ok, compiled.error.c_str());
            const std::string id = rwsdkReferenceId(app.string(), entry.path().string());
            std::string name = id.substr(1);
            std::replace(name.begin(), name.end(), '/', '_');
            if (directive == RwsdkDirective::UseClient) {
                ++clientModules;
                cases.push_back({name + "-worker",
                                 id,
                                 "use client",
                                 compiled.code,
                                 EnvironmentKind::Worker,
                                 {},
                                 raw});
            } else {
                ++serverModules;
                for (EnvironmentKind env : {EnvironmentKind::Client, EnvironmentKind::Ssr})
                    cases.push_back({name + "-" + std::string(environmentName(env)),
                                     id,
                                     "use server",
                                     compiled.code,
                                     env,
                                     {},
                                     raw});
            }
        }
        QVERIFY(clientModules > 0);
        QVERIFY(serverModules > 0);
        std::string error;
        const nlohmann::json result = runOracle(rwsdkDir, profile, cases, error);
        QVERIFY2(error.empty(), error.c_str());
        const int references = compareOracle(result, cases, error);
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY(references >= clientModules + 2 * serverModules);
    }
};

QTEST_GUILESS_MAIN(TestRwsdkDirectives)
#include "tst_rwsdk_directives.moc"
