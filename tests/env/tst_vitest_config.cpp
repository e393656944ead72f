// Vitest's config as `switchyard test` reads it (env/vitestConfig.h,
// env/workersPoolOptions.h): the file Vitest picks, the `test` block, the
// Workers pool's helpers provided without the packages (both generations),
// globalSetup run in the tool host with provide -> the pool options' inject,
// readD1Migrations' statement splitting, and loadProjectConfig applying the
// pool's options over the wrangler config.
#include "env/projectConfig.h"
#include "env/vitestConfig.h"
#include "env/workersPoolOptions.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace sy;
using json = nlohmann::json;

namespace {

void write(const QTemporaryDir &dir, const std::string &name, const std::string &text)
{
    const std::string path = dir.path().toStdString() + "/" + name;
    QDir().mkpath(QFileInfo(QString::fromStdString(path)).absolutePath());
    std::ofstream(path) << text;
}

std::string joined(const std::vector<std::string> &lines)
{
    std::string out;
    for (const std::string &l : lines)
        out += l + "\n";
    return out;
}

std::string root(const QTemporaryDir &dir)
{
    return QFileInfo(dir.path()).canonicalFilePath().toStdString();
}

/// What `switchyard test` loads a project with (no CLOUDFLARE_ENV from the environment).
ProjectLoadOptions testRunOptions()
{
    ProjectLoadOptions options;
    options.mode = "test";
    options.cloudflareEnv = "";
    options.readTestConfig = true;
    return options;
}

/// loadProjectConfig of the app in `dir` as `switchyard test` loads it.
bool loadForTestRun(const QTemporaryDir &dir, ProjectConfig &project, std::string &error)
{
    return loadProjectConfig(root(dir), SY_TOOLS_JS_DIR, project, error, testRunOptions());
}

} // namespace

class TstVitestConfig : public QObject {
    Q_OBJECT

private slots:
    void vitestConfigComesBeforeViteConfig()
    {
        QTemporaryDir dir;
        write(dir, "vite.config.ts", "export default {};\n");
        QVERIFY(findVitestConfig(dir.path().toStdString()).ends_with("/vite.config.ts"));
        write(dir, "vitest.config.mjs", "export default {};\n");
        QVERIFY(findVitestConfig(dir.path().toStdString()).ends_with("/vitest.config.mjs"));
        write(dir, "vitest.config.ts", "export default {};\n");
        QVERIFY(findVitestConfig(dir.path().toStdString()).ends_with("/vitest.config.ts"));
    }

    void readsTheOlderPoolGeneration()
    {
        QTemporaryDir dir;
        write(dir, "migrations/0002_more.sql", "INSERT INTO t VALUES ('b;c'); -- two\n");
        write(dir, "migrations/0001_init.sql",
              "CREATE TABLE t (x TEXT);\n/* comment; */\nCREATE TRIGGER tr AFTER INSERT ON t "
              "BEGIN UPDATE t SET x = x; END;\n");
        write(dir, "setup/global.ts",
              "export default function ({ provide }: { provide: (k: string, v: unknown) => void }) "
              "{\n"
              "  provide('port', 8787);\n  return () => {};\n}\n");
        write(dir, "vitest.config.ts", R"(import path from "node:path";
import { defineWorkersConfig, readD1Migrations } from "@cloudflare/vitest-pool-workers/config";
export default defineWorkersConfig(async () => ({
  test: {
    include: ["test/unit.spec.ts"],
    testTimeout: 1234,
    setupFiles: ["./setup/apply.ts"],
    globalSetup: "./setup/global.ts",
    poolOptions: {
      workers: async ({ inject }) => ({
        isolatedStorage: false,
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { PORT: inject("port"), MIGRATIONS: await readD1Migrations(path.join(__dirname, "migrations")) },
          kvNamespaces: ["EXTRA_KV"],
          serviceBindings: { OTHER: "other-worker" },
        },
      }),
    },
  },
}));
)");
        const VitestConfigRead read =
            readVitestConfig(root(dir), "test", SY_TOOLS_JS_DIR, root(dir) + "/.switchyard", true);
        QVERIFY2(read.vite.ok, read.vite.error.c_str());
        QVERIFY2(read.vite.warnings.empty(), joined(read.vite.warnings).c_str());
        const json test = json::parse(read.testJson);
        QCOMPARE(test["include"], json({"test/unit.spec.ts"}));
        QCOMPARE(test["testTimeout"].get<double>(), 1234.0);
        QCOMPARE(test["setupFiles"][0].get<std::string>(), root(dir) + "/setup/apply.ts");
        QCOMPARE(test["provide"]["port"].get<int>(), 8787);
        QVERIFY(test["globalSetupId"].get<int>() > 0);
        teardownVitestGlobalSetup(SY_TOOLS_JS_DIR, test["globalSetupId"].get<int>());
        const json &pool = test["pool"];
        QCOMPARE(pool["generation"].get<std::string>(), std::string("poolOptions"));
        const json &mf = pool["options"]["miniflare"];
        QCOMPARE(mf["bindings"]["PORT"].get<int>(), 8787); // inject saw globalSetup's value
        const json &migrations = mf["bindings"]["MIGRATIONS"];
        QCOMPARE(migrations[0]["name"].get<std::string>(), std::string("0001_init.sql"));
        QCOMPARE(migrations[0]["queries"],
                 json({"CREATE TABLE t (x TEXT)",
                       "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET x = x; END"}));
        QCOMPARE(migrations[1]["queries"], json({"INSERT INTO t VALUES ('b;c')"}));

        // loadProjectConfig applies them over the wrangler config.
        write(dir, "src/index.ts", "export default {};\n");
        write(dir, "wrangler.toml",
              "name = \"w\"\nmain = \"src/index.ts\"\n"
              "compatibility_date = \"2024-01-01\"\n"
              "[[kv_namespaces]]\nbinding = \"KV\"\n");
        ProjectConfig project;
        std::string error;
        ProjectLoadOptions options = testRunOptions();
        options.runGlobalSetup = true;
        QVERIFY2(loadProjectConfig(root(dir), SY_TOOLS_JS_DIR, project, error, options),
                 error.c_str());
        QVERIFY(project.pool.present);
        QCOMPARE(project.pool.isolatedStorage, std::optional<bool>(false));
        QCOMPARE(project.bindings.size(), size_t(2));
        QCOMPARE(project.bindings[1].name, std::string("EXTRA_KV"));
        QCOMPARE(json::parse(project.varsJson)["PORT"].get<int>(), 8787);
        teardownVitestGlobalSetup(SY_TOOLS_JS_DIR,
                                  json::parse(project.vitestTestJson)["globalSetupId"].get<int>());
        QVERIFY(json::parse(project.varsJson).contains("MIGRATIONS"));
        // The pool's default: Node.js compatibility v2 in test isolates.
        QVERIFY(project.nodeCompat.globals());
        bool serviceNamed = false;
        for (const std::string &w : project.warnings)
            serviceNamed =
                serviceNamed || w.find("miniflare.serviceBindings (OTHER)") != std::string::npos;
        QVERIFY(serviceNamed);
    }

    void readsThePluginGeneration()
    {
        QTemporaryDir dir;
        write(dir, "vitest.config.mts",
              R"(import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig, configDefaults } from "vitest/config";
export default defineConfig({
  plugins: [cloudflareTest({ main: "./src/worker.ts", wrangler: { environment: "staging" } })],
  define: { __BUILD__: JSON.stringify("test") },
  test: { exclude: [...configDefaults.exclude, "e2e"], hookTimeout: 999 },
});
)");
        const VitestConfigRead read =
            readVitestConfig(root(dir), "test", SY_TOOLS_JS_DIR, root(dir) + "/.switchyard", false);
        QVERIFY2(read.vite.ok, read.vite.error.c_str());
        QVERIFY2(read.vite.warnings.empty(), joined(read.vite.warnings).c_str());
        QCOMPARE(read.vite.define.size(), size_t(1));
        const json test = json::parse(read.testJson);
        QCOMPARE(test["exclude"], json({"**"
                                        "/node_modules/**",
                                        "**"
                                        "/.git/**",
                                        "e2e"}));
        QCOMPARE(test["hookTimeout"].get<double>(), 999.0);
        QCOMPARE(test["pool"]["generation"].get<std::string>(), std::string("plugin"));
        QCOMPARE(test["pool"]["options"]["wrangler"]["environment"].get<std::string>(),
                 std::string("staging"));
    }

    // miniflare runs service bindings given as functions, and outboundService, in
    // Node: the tool host keeps them; each call gets a Request and answers a Response.
    // Such a config is not cached (a cached read would have no functions behind it).
    void nodeSideHandlersRunInTheToolHost()
    {
        QTemporaryDir dir;
        write(dir, "vitest.config.ts",
              R"(import { defineWorkersProject } from "@cloudflare/vitest-pool-workers/config";
export default defineWorkersProject({
  test: {
    poolOptions: {
      workers: {
        miniflare: {
          serviceBindings: {
            async ECHO(request) {
              const body = await request.text();
              return new Response(`${request.method} ${request.url} ${request.headers.get("x-a")} ${body}`,
                { status: 201, statusText: "Made", headers: { "x-b": "2" } });
            },
            OTHER: "other-worker",
          },
          outboundService: () => new Response(null, { status: 204 }),
        },
      },
    },
  },
});
)");
        const std::string cacheDir = root(dir) + "/.switchyard";
        const VitestConfigRead read =
            readVitestConfig(root(dir), "test", SY_TOOLS_JS_DIR, cacheDir, false);
        QVERIFY2(read.vite.ok, read.vite.error.c_str());
        WorkersPoolOptions pool;
        std::string error;
        QVERIFY2(readWorkersPoolOptions(json::parse(read.testJson)["pool"], root(dir),
                                        "vitest.config.ts", pool, error),
                 error.c_str());
        QCOMPARE(pool.nodeServices.size(), size_t(1));
        QCOMPARE(pool.nodeServices[0].first, std::string("ECHO"));
        QVERIFY(pool.outboundHandler > 0);
        QCOMPARE(pool.serviceTargets.size(), size_t(1)); // resolved by the project
        QCOMPARE(pool.serviceTargets[0].first, std::string("OTHER"));
        QCOMPARE(pool.serviceTargets[0].second, json("other-worker"));

        NodeHandlerMessage request;
        request.method = "POST";
        request.url = "https://echo.example/a?b=1";
        request.headers = {{"x-a", "1"}};
        request.body = std::vector<uint8_t>{'h', 'i'};
        NodeHandlerMessage response;
        QVERIFY2(callVitestConfigHandler(SY_TOOLS_JS_DIR, pool.nodeServices[0].second, request,
                                         response, error),
                 error.c_str());
        QCOMPARE(response.status, 201);
        QCOMPARE(response.statusText, std::string("Made"));
        QVERIFY(response.body.has_value());
        QCOMPARE(std::string(response.body->begin(), response.body->end()),
                 std::string("POST https://echo.example/a?b=1 1 hi"));
        QVERIFY(std::find(response.headers.begin(), response.headers.end(),
                          std::pair<std::string, std::string>("x-b", "2")) !=
                response.headers.end());
        // A null body stays null; an unknown handler is an error, not a crash.
        QVERIFY(callVitestConfigHandler(SY_TOOLS_JS_DIR, pool.outboundHandler, request, response,
                                        error));
        QCOMPARE(response.status, 204);
        QVERIFY(!response.body.has_value());
        QVERIFY(!callVitestConfigHandler(SY_TOOLS_JS_DIR, 99999, request, response, error));
        QVERIFY2(error.find("handler 99999 is gone") != std::string::npos, error.c_str());
        // Not cached: a second read evaluates the config again and gets new handlers.
        const VitestConfigRead again =
            readVitestConfig(root(dir), "test", SY_TOOLS_JS_DIR, cacheDir, false);
        WorkersPoolOptions second;
        QVERIFY(readWorkersPoolOptions(json::parse(again.testJson)["pool"], root(dir),
                                       "vitest.config.ts", second, error));
        QVERIFY(second.nodeServices[0].second != pool.nodeServices[0].second);
    }

    // miniflare.workers, as the pool's docs configure auxiliary Workers: each gets
    // its entry, env and storage; service bindings naming one (miniflare's and
    // wrangler's) reach it, one naming no running Worker is named in a warning.
    void auxiliaryWorkersAreRead()
    {
        QTemporaryDir dir;
        write(dir, "wrangler.jsonc", R"({ "name": "gateway", "main": "src/index.ts",
  "compatibility_date": "2025-12-01",
  "services": [{ "binding": "AUTH", "service": "auth" }, { "binding": "GONE", "service": "gone" }] })");
        write(dir, "src/index.ts", "export default {};\n");
        write(dir, "vitest.config.ts",
              R"(import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default {
  plugins: [cloudflareTest({
    wrangler: { configPath: "./wrangler.jsonc" },
    miniflare: {
      serviceBindings: { COUNTER: { name: "counter", entrypoint: "Counter" }, ME: "gateway" },
      workers: [
        { name: "auth", modules: true, scriptPath: "./dist/auth.js", bindings: { KEY: "k" },
          kvNamespaces: ["TOKENS"], durableObjects: { ROOM: "Room" }, routes: ["example.com"],
          serviceBindings: { BACK: "gateway", OUT() { return new Response("x"); } },
          outboundService: () => new Response("out"), unsafeEvalBinding: "EVAL" },
        { name: "counter", modules: [{ type: "ESModule", path: "main.js",
          contents: "export class Counter {}" }] },
      ],
    },
  })],
};
)");
        ProjectConfig project;
        std::string error;
        QVERIFY2(loadForTestRun(dir, project, error), error.c_str());
        auto bindingNamed = [](const std::vector<WorkerBinding> &list, const std::string &name) {
            for (const WorkerBinding &b : list)
                if (b.name == name)
                    return b;
            return WorkerBinding{};
        };
        QCOMPARE(bindingNamed(project.workerBindings, "AUTH").kind, std::string("worker"));
        QCOMPARE(bindingNamed(project.workerBindings, "AUTH").service, std::string("auth"));
        QCOMPARE(bindingNamed(project.workerBindings, "COUNTER").kind, std::string("worker"));
        QCOMPARE(bindingNamed(project.workerBindings, "COUNTER").entrypoint,
                 std::string("Counter"));
        QCOMPARE(bindingNamed(project.workerBindings, "ME").kind, std::string("service"));
        QCOMPARE(bindingNamed(project.workerBindings, "GONE").kind, std::string("unsupported"));
        const std::string warnings = joined(project.warnings);
        QVERIFY2(warnings.find("services (GONE)") != std::string::npos, warnings.c_str());
        QVERIFY2(warnings.find("services (AUTH)") == std::string::npos, warnings.c_str());
        QVERIFY2(warnings.find("\"auth\" option \"unsafeEvalBinding\" is not applied") !=
                     std::string::npos,
                 warnings.c_str());
        QVERIFY2(warnings.find("routes") == std::string::npos, warnings.c_str());

        QCOMPARE(project.auxiliaryWorkers.size(), size_t(2));
        const AuxiliaryWorker &auth = project.auxiliaryWorkers[0];
        QCOMPARE(auth.entryPath, root(dir) + "/dist/auth.js"); // built later: need not exist
        QCOMPARE(json::parse(auth.varsJson)["KEY"].get<std::string>(), std::string("k"));
        QCOMPARE(auth.storage.size(), size_t(1));
        QCOMPARE(auth.storage[0].name, std::string("TOKENS"));
        QCOMPARE(bindingNamed(auth.bindings, "BACK").kind, std::string("worker"));
        QCOMPARE(bindingNamed(auth.bindings, "BACK").service, std::string("gateway"));
        QCOMPARE(bindingNamed(auth.bindings, "OUT").kind, std::string("node"));
        QCOMPARE(bindingNamed(auth.bindings, "ROOM").kind, std::string("unsupported"));
        QCOMPARE(bindingNamed(auth.bindings, "ROOM").type, std::string("Durable Object namespace"));
        QVERIFY(std::any_of(auth.bindings.begin(), auth.bindings.end(), [](const WorkerBinding &b) {
            return b.kind == "outbound" && b.nodeHandler > 0;
        }));
        // Inline modules are written where the worker environment can load them.
        const AuxiliaryWorker &counter = project.auxiliaryWorkers[1];
        QCOMPARE(counter.entryPath, root(dir) + "/.switchyard/auxiliary-workers/counter/main.js");
        std::ifstream in(counter.entryPath);
        std::string text((std::istreambuf_iterator<char>(in)), {});
        QCOMPARE(text, std::string("export class Counter {}"));

        // A worker without a name or a main module is an error naming the option.
        write(dir, "vitest.config.ts",
              R"(import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default { plugins: [cloudflareTest({ miniflare: { workers: [{ name: "x" }] } })] };
)");
        QVERIFY(!loadForTestRun(dir, project, error));
        QVERIFY2(error.find("miniflare.workers \"x\": no main module") != std::string::npos,
                 error.c_str());
    }

    // rwsdk's Vitest guide points the pool at the build's wrangler.json
    // (`npm test` builds first): Switchyard runs the source's config, and says so.
    void aConfigPathIntoTheBuildOutputRunsTheSource()
    {
        QTemporaryDir dir;
        write(dir, "wrangler.jsonc",
              R"({ "name": "app", "main": "src/worker.ts", "compatibility_date": "2025-08-21",
  "kv_namespaces": [{ "binding": "KV", "id": "kv" }] })");
        write(dir, "src/worker.ts", "export default {};\n");
        write(dir, "vitest.config.mts",
              R"(import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: "./dist/worker/wrangler.json" } })],
});
)");
        ProjectConfig project;
        std::string error;
        QVERIFY2(loadForTestRun(dir, project, error), error.c_str());
        QCOMPARE(project.bindings.size(), size_t(1));
        QCOMPARE(project.bindings[0].name, std::string("KV"));
        QVERIFY2(joined(project.warnings)
                         .find("build output; Switchyard runs the app from source "
                               "with " +
                               root(dir) + "/wrangler.jsonc") != std::string::npos,
                 joined(project.warnings).c_str());
        // Outside the build output, a missing configPath stays an error.
        write(dir, "vitest.config.mts",
              R"(import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
export default { plugins: [cloudflareTest({ wrangler: { configPath: "./conf/wrangler.json" } })] };
)");
        QVERIFY(!loadForTestRun(dir, project, error));
        QVERIFY2(error.find("conf/wrangler.json (the wrangler config) does not exist") !=
                     std::string::npos,
                 error.c_str());
    }

    void aConfigThatDoesNotParseIsAnErrorForTests()
    {
        QTemporaryDir dir;
        write(dir, "wrangler.jsonc", R"({ "main": "src/index.ts" })");
        write(dir, "src/index.ts", "export default {};\n");
        write(dir, "vitest.config.ts", "export default {\n  test: { include: [ }\n};\n");
        ProjectConfig project;
        std::string error;
        ProjectLoadOptions options;
        options.cloudflareEnv = "";
        options.readTestConfig = true;
        QVERIFY(!loadForTestRun(dir, project, error));
        QVERIFY2(error.find("vitest.config.ts:2:") != std::string::npos, error.c_str());
    }
};

QTEST_GUILESS_MAIN(TstVitestConfig)
#include "tst_vitest_config.moc"
