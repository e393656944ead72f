// vite.config.* as the engine reads it (env/viteConfig.h): the config is
// bundled and evaluated in the tool host with `vite` and the known plugin
// packages replaced by recorders; the rest is named in warnings. Also what the
// engine applies of it: resolve.alias (resolve/resolveAlias.h and the
// resolver), define (env/viteDefine.h), base and import.meta.env defines
// (env/importMetaEnv.h), the wrangler configPath (loadProjectConfig).
#include "env/importMetaEnv.h"
#include "env/projectConfig.h"
#include "env/viteConfig.h"
#include "env/viteDefine.h"
#include "resolve/resolver.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <nlohmann/json.hpp>

using namespace sy;
namespace fs = std::filesystem;
using sy::test::contains;
using sy::test::writeText;

namespace {

std::string joinedWarnings(const ViteConfig &c)
{
    std::string out;
    for (const std::string &w : c.warnings)
        out += w + "\n";
    return out;
}

const VitePluginInfo *pluginNamed(const ViteConfig &c, const std::string &name)
{
    for (const VitePluginInfo &p : c.plugins)
        if (p.name == name)
            return &p;
    return nullptr;
}

} // namespace

class TestViteConfig : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_root;

    ViteConfig read(const std::string &mode = "development")
    {
        return readViteConfig(m_root.string(), mode, SY_TOOLS_JS_DIR,
                              (m_root / ".switchyard").string());
    }

    void writeWrangler(const std::string &file = "wrangler.jsonc", const std::string &name = "app")
    {
        writeText(m_root / file, "{ \"name\": \"" + name + "\", \"main\": \"src/worker.tsx\" }\n");
        writeText(m_root / "src/worker.tsx",
                  "export default { fetch() { return new Response('ok') } }\n");
    }

private slots:
    void init()
    {
        QVERIFY(m_tmp.isValid());
        m_root = fs::path(m_tmp.path().toStdString()) / QTest::currentTestFunction();
        fs::create_directories(m_root);
    }

    void findsTheConfigLikeVite()
    {
        QCOMPARE(findViteConfig(m_root.string()), std::string());
        QVERIFY(!read().present());
        writeText(m_root / "vite.config.mts", "export default {};\n");
        writeText(m_root / "vite.config.ts", "export default {};\n");
        // Vite's order: js, mjs, ts, cjs, mts, cts.
        QCOMPARE(findViteConfig(m_root.string()), (m_root / "vite.config.ts").string());
    }

    // The config of RedwoodSDK's standard starter.
    void rwsdkStarter()
    {
        writeText(m_root / "vite.config.mts", R"(import { defineConfig } from "vite";
import { redwood } from "rwsdk/vite";
import { cloudflare } from "@cloudflare/vite-plugin";

export default defineConfig({
  plugins: [
    cloudflare({
      viteEnvironment: { name: "worker" },
    }),
    redwood(),
  ],
});
)");
        const ViteConfig c = read();
        QVERIFY2(c.ok, c.error.c_str());
        QCOMPARE(c.file, (m_root / "vite.config.mts").string());
        QCOMPARE(c.plugins.size(), size_t(2));
        QCOMPARE(c.plugins[0].package, std::string("@cloudflare/vite-plugin"));
        QCOMPARE(c.plugins[0].feature, std::string("cloudflare"));
        QVERIFY(c.plugins[0].known);
        QVERIFY(nlohmann::json::parse(c.plugins[0].optionsJson)["viteEnvironment"]["name"] ==
                "worker");
        QCOMPARE(c.plugins[1].package, std::string("rwsdk/vite"));
        QCOMPARE(c.plugins[1].feature, std::string("rwsdk"));
        QVERIFY(c.hasRwsdk && c.hasCloudflare);
        QCOMPARE(c.cloudflareEnvironmentName, std::string("worker"));
        QVERIFY(c.wranglerConfigPath.empty());
        QVERIFY2(c.warnings.empty(), joinedWarnings(c).c_str());
        // The bundle was evaluated from the cache folder and removed.
        for (const auto &entry : fs::directory_iterator(m_root / ".switchyard"))
            QVERIFY2(!contains(entry.path().filename().string(), "timestamp"),
                     entry.path().c_str());
    }

    // rwsdk's Tailwind guide plus plugins Switchyard does not run: one that
    // is not installed, one that is (its own name is reported), one written
    // in the config; nested arrays, falsy entries and promises as Vite allows.
    void tailwindAndUnknownPlugins()
    {
        writeText(m_root / "node_modules/vite-plugin-real/package.json",
                  R"({ "name": "vite-plugin-real", "type": "module", "exports": "./index.js" })");
        writeText(m_root / "node_modules/vite-plugin-real/index.js",
                  "export default () => [{ name: 'real:transform' }, { name: 'real:serve' }];\n");
        writeText(m_root / "vite.config.mts", R"(import { defineConfig } from "vite";
import { redwood } from "rwsdk/vite";
import { cloudflare } from "@cloudflare/vite-plugin";
import tailwindcss from "@tailwindcss/vite";
import inspect from "vite-plugin-inspect";
import real from "vite-plugin-real";

export default defineConfig({
  environments: { ssr: {} },
  plugins: [
    cloudflare({ viteEnvironment: { name: "worker" } }),
    redwood(),
    [tailwindcss(), false, null, [Promise.resolve(inspect({ build: true }))]],
    real(),
    { name: "my-inline-plugin", transform: (code) => code },
  ],
  server: { port: 3000 },
});
)");
        const ViteConfig c = read();
        QVERIFY2(c.ok, c.error.c_str());
        QCOMPARE(c.plugins.size(), size_t(7));
        const VitePluginInfo *tailwind = pluginNamed(c, "@tailwindcss/vite");
        QVERIFY(tailwind && tailwind->known && tailwind->feature == "tailwindcss");
        const VitePluginInfo *inspect = pluginNamed(c, "vite-plugin-inspect");
        QVERIFY(inspect && !inspect->known);
        QCOMPARE(inspect->package, std::string("vite-plugin-inspect"));
        QVERIFY(nlohmann::json::parse(inspect->optionsJson)["build"] == true);
        const VitePluginInfo *real = pluginNamed(c, "real:serve");
        QVERIFY(real && real->package == "vite-plugin-real");
        const std::string w = joinedWarnings(c);
        QVERIFY2(contains(w, "vite.config.mts: plugin \"vite-plugin-inspect\" (from "
                             "\"vite-plugin-inspect\") is not applied by Switchyard: "),
                 w.c_str());
        QVERIFY2(contains(w, "\"vite-plugin-inspect\" is not installed"), w.c_str());
        QVERIFY2(contains(w, "plugin \"real:transform\" (from \"vite-plugin-real\")"), w.c_str());
        QVERIFY2(contains(w, "plugin \"real:serve\" (from \"vite-plugin-real\")"), w.c_str());
        QVERIFY2(contains(w, "plugin \"my-inline-plugin\" (defined in vite.config.mts)"),
                 w.c_str());
        QVERIFY2(contains(w, "server.port is not applied by Switchyard (use switchyard serve "
                             "--port)"),
                 w.c_str());
        // The guide's `environments: { ssr: {} }` declares what Vite has anyway.
        QVERIFY2(!contains(w, "environments"), w.c_str());
        for (const char *implemented : {"@tailwindcss/vite", "vite-plugin-cloudflare", "rwsdk"})
            QVERIFY2(!contains(w, std::string("plugin \"") + implemented + "\""), w.c_str());
    }

    // Options of an environment are named down to the option; an environment
    // Vite does not have is named even without options.
    void environmentOptionsAreNamed()
    {
        writeText(m_root / "vite.config.mts", R"(export default {
  environments: { ssr: {}, client: { resolve: { dedupe: ["react"] } }, edge: {} },
};
)");
        const ViteConfig c = read();
        QVERIFY2(c.ok, c.error.c_str());
        const std::string w = joinedWarnings(c);
        QVERIFY2(contains(w, "vite.config.mts: environments.client.resolve, environments.edge are "
                             "not applied by Switchyard"),
                 w.c_str());
        QVERIFY2(!contains(w, "environments.ssr"), w.c_str());
    }

    // A function config, async, reading its ConfigEnv and loadEnv; resolve.alias
    // in both forms, define, base, envPrefix; __dirname in an ES config.
    void asyncDefineConfigFunction()
    {
        writeText(m_root / ".env.staging", "VITE_API=https://staging.example\nSECRET=no\n");
        writeText(m_root / "vite.config.ts", R"(import { defineConfig, loadEnv } from "vite";
import { redwood } from "rwsdk/vite";
import path from "node:path";
import { fileURLToPath } from "node:url";

export default defineConfig(async ({ command, mode, isSsrBuild, isPreview }) => {
  const env = loadEnv(mode, process.cwd(), "");
  await new Promise((resolve) => setTimeout(resolve, 5));
  return {
    plugins: [redwood({ configPath: "./wrangler.staging.jsonc", entry: { worker: "src/w.tsx" } })],
    resolve: {
      alias: [
        { find: "@", replacement: path.resolve(__dirname, "src") },
        { find: /^~\/(.*)$/, replacement: fileURLToPath(new URL("./lib/$1", import.meta.url)) },
      ],
    },
    define: {
      __MODE__: JSON.stringify(`${command}:${mode}:${isSsrBuild}:${isPreview}`),
      __API__: JSON.stringify(env.VITE_API),
      __SECRET_SEEN__: env.SECRET === "no",
      "import.meta.env.VITE_BUILT": JSON.stringify("yes"),
    },
    base: "/app/",
    envPrefix: ["VITE_", "PUBLIC_"],
  };
});
)");
        const ViteConfig c = read("staging");
        QVERIFY2(c.ok, c.error.c_str());
        std::map<std::string, std::string> define(c.define.begin(), c.define.end());
        QCOMPARE(define["__MODE__"], std::string("\"serve:staging:false:false\""));
        QCOMPARE(define["__API__"], std::string("\"https://staging.example\""));
        QCOMPARE(define["__SECRET_SEEN__"], std::string("true"));
        QCOMPARE(define["import.meta.env.VITE_BUILT"], std::string("\"yes\""));
        QCOMPARE(c.alias.size(), size_t(2));
        QCOMPARE(c.alias[0].find, std::string("@"));
        QCOMPARE(c.alias[0].replacement, (m_root / "src").string());
        QVERIFY(c.alias[1].isRegExp);
        QCOMPARE(c.alias[1].regExpSource, std::string("^~\\/(.*)$"));
        QCOMPARE(c.resolveAliases.size(), size_t(2));
        QCOMPARE(c.base.value_or(""), std::string("/app/"));
        QCOMPARE(c.envPrefix, (std::vector<std::string>{"VITE_", "PUBLIC_"}));
        QCOMPARE(c.wranglerConfigPath, (m_root / "wrangler.staging.jsonc").string());
        QCOMPARE(c.workerEntry, (m_root / "src/w.tsx").string());
        const std::string w = joinedWarnings(c);
        QVERIFY2(contains(w, "base \"/app/\" is import.meta.env.BASE_URL"), w.c_str());
    }

    // A restart does not bundle and evaluate an unchanged config again; any
    // input of it (the config, a file it imports, .env, the environment,
    // package-lock) read again. The config counts its own evaluations.
    void cachesTheReadUntilAnInputChanges()
    {
        const fs::path counter = m_root / "evaluations.txt";
        writeText(m_root / "aliases.ts", "export const src = 'src';\n");
        writeText(m_root / "vite.config.mts",
                  "import fs from 'node:fs';\nimport { src } from './aliases';\n"
                  "fs.appendFileSync(" +
                      nlohmann::json(counter.string()).dump() +
                      ", 'x');\n"
                      "export default { resolve: { alias: { '@': '/' + src } }, define: { "
                      "__FLAG__: JSON.stringify(process.env.SY_CACHE_TEST_FLAG ?? 'unset') } };\n");
        const auto evaluations = [&] { return fs::exists(counter) ? fs::file_size(counter) : 0; };
        const auto flag = [](const ViteConfig &c) {
            for (const auto &[key, value] : c.define)
                if (key == "__FLAG__")
                    return value;
            return std::string();
        };
        ViteConfig c = read();
        QVERIFY2(c.ok, c.error.c_str());
        QCOMPARE(evaluations(), std::uintmax_t(1));
        QVERIFY(fs::exists(m_root / ".switchyard/vite-config.json"));

        c = read();
        QVERIFY2(c.ok, c.error.c_str());
        QCOMPARE(evaluations(), std::uintmax_t(1)); // served from the cache
        QCOMPARE(c.alias.size(), size_t(1));
        QCOMPARE(c.alias[0].replacement, std::string("/src"));
        QCOMPARE(flag(c), std::string("\"unset\""));

        // A file the config imports, same size, new content: read again.
        writeText(m_root / "aliases.ts", "export const src = 'app';\n");
        c = read();
        QCOMPARE(evaluations(), std::uintmax_t(2));
        QCOMPARE(c.alias[0].replacement, std::string("/app"));

        // The process environment (a config may read process.env).
        qputenv("SY_CACHE_TEST_FLAG", "on");
        c = read();
        qunsetenv("SY_CACHE_TEST_FLAG");
        QCOMPARE(evaluations(), std::uintmax_t(3));
        QCOMPARE(flag(c), std::string("\"on\""));
        c = read();
        QCOMPARE(evaluations(), std::uintmax_t(4));
        QCOMPARE(flag(c), std::string("\"unset\""));
        // Only the variables the config looked up count: a new terminal's
        // OLDPWD or an editor's IPC handle does not read it again.
        qputenv("SY_CACHE_TEST_UNRELATED", "1");
        c = read();
        qunsetenv("SY_CACHE_TEST_UNRELATED");
        QCOMPARE(evaluations(), std::uintmax_t(4));
        QCOMPARE(flag(c), std::string("\"unset\""));

        // A .env file of the mode appearing; an npm install (package-lock).
        writeText(m_root / ".env.development", "VITE_X=1\n");
        read();
        QCOMPARE(evaluations(), std::uintmax_t(5));
        writeText(m_root / "package-lock.json", "{}\n");
        read();
        QCOMPARE(evaluations(), std::uintmax_t(6));
        read();
        QCOMPARE(evaluations(), std::uintmax_t(6));

        // A config that enumerates process.env depends on all of it.
        writeText(m_root / "vite.config.mts", "import fs from 'node:fs';\nfs.appendFileSync(" +
                                                  nlohmann::json(counter.string()).dump() +
                                                  ", 'x');\nexport default { define: { __N__: "
                                                  "String(Object.keys(process.env).length) } };\n");
        read();
        QCOMPARE(evaluations(), std::uintmax_t(7));
        read();
        QCOMPARE(evaluations(), std::uintmax_t(7));
        qputenv("SY_CACHE_TEST_UNRELATED", "1");
        read();
        qunsetenv("SY_CACHE_TEST_UNRELATED");
        QCOMPARE(evaluations(), std::uintmax_t(8));

        // A broken config is never cached: fixing it is read at once.
        writeText(m_root / "vite.config.mts", "export default {\n");
        QVERIFY(!read().ok);
        QVERIFY(!read().ok);
        writeText(m_root / "vite.config.mts", "export default { base: '/b/' };\n");
        c = read();
        QVERIFY2(c.ok, c.error.c_str());
        QCOMPARE(c.base.value_or(""), std::string("/b/"));
    }

    void brokenConfigs()
    {
        writeText(m_root / "vite.config.ts", "import { defineConfig } from \"vite\";\n"
                                             "export default defineConfig({\n"
                                             "  plugins: [,\n"
                                             "  base: \"/\"\n"
                                             "});\n");
        ViteConfig c = read();
        QVERIFY(!c.ok);
        QVERIFY2(contains(c.error, "vite.config.ts:4:"), c.error.c_str());
        QVERIFY2(contains(joinedWarnings(c), "Switchyard runs without vite.config.ts"),
                 joinedWarnings(c).c_str());

        writeText(m_root / "vite.config.ts", "import { defineConfig } from \"vite\";\n"
                                             "const port: number = 1;\n"
                                             "export default defineConfig(() => {\n"
                                             "  throw new Error(\"no config for you\");\n"
                                             "});\n");
        c = read();
        QVERIFY(!c.ok);
        QVERIFY2(contains(c.error, "vite.config.ts:4:") && contains(c.error, "no config for you"),
                 c.error.c_str());

        writeText(m_root / "vite.config.ts", "import { createServer } from \"vite\";\n"
                                             "export default { server: createServer };\n");
        c = read();
        QVERIFY(!c.ok);
        QVERIFY2(contains(c.error, "vite.config.ts:1:") && contains(c.error, "createServer"),
                 c.error.c_str());

        writeText(m_root / "vite.config.ts", "export default 42;\n");
        c = read();
        QVERIFY(!c.ok);
        QVERIFY2(contains(c.error, "config must export or return an object"), c.error.c_str());

        // The project still loads, on Vite's defaults, with the warning.
        writeWrangler();
        ProjectConfig project;
        std::string error;
        QVERIFY2(loadProjectConfig(m_root.string(), SY_TOOLS_JS_DIR, project, error),
                 error.c_str());
        QVERIFY(!project.vite.ok);
        QVERIFY(!project.vite.warnings.empty());
    }

    // cloudflare({ configPath }) picks the wrangler file loadProjectConfig reads.
    void configPathPicksTheWranglerFile()
    {
        writeWrangler("wrangler.jsonc", "default-config");
        writeText(m_root / "config/wrangler.dev.jsonc",
                  "{ \"name\": \"dev-config\", \"main\": \"../src/worker.tsx\" }\n");
        writeText(m_root / "vite.config.mts",
                  R"(import { cloudflare } from "@cloudflare/vite-plugin";
export default { plugins: [cloudflare({ configPath: "./config/wrangler.dev.jsonc", persistState: false })] };
)");
        ProjectConfig project;
        std::string error;
        QVERIFY2(loadProjectConfig(m_root.string(), SY_TOOLS_JS_DIR, project, error),
                 error.c_str());
        QCOMPARE(project.name, std::string("dev-config"));
        QCOMPARE(project.wranglerFile, (m_root / "config/wrangler.dev.jsonc").string());
        QCOMPARE(project.workerEntry, fs::canonical(m_root / "src/worker.tsx").string());
        QVERIFY2(contains(joinedWarnings(project.vite),
                          "cloudflare() option \"persistState\" is not applied"),
                 joinedWarnings(project.vite).c_str());

        writeText(m_root / "vite.config.mts",
                  R"(import { cloudflare } from "@cloudflare/vite-plugin";
export default { plugins: [cloudflare({ configPath: "./nope.jsonc" })] };
)");
        QVERIFY(!loadProjectConfig(m_root.string(), SY_TOOLS_JS_DIR, project, error));
        QVERIFY2(contains(error, "vite.config.mts: configPath") && contains(error, "nope.jsonc"),
                 error.c_str());
    }

    // A CommonJS config: require() of vite, of a known plugin and of a built-in.
    void commonJsConfig()
    {
        writeText(m_root / "vite.config.cts", R"(const path = require("node:path");
const { defineConfig } = require("vite");
const react = require("@vitejs/plugin-react");
module.exports = defineConfig({
  plugins: [react.default()],
  resolve: { alias: { "@": path.join(__dirname, "src") } },
});
)");
        const ViteConfig c = read();
        QVERIFY2(c.ok, c.error.c_str());
        QCOMPARE(c.plugins.size(), size_t(1));
        QCOMPARE(c.plugins[0].feature, std::string("react"));
        QCOMPARE(c.alias.size(), size_t(1));
        QCOMPARE(c.alias[0].replacement, (m_root / "src").string());
    }

    void reactBabelPluginsAreNamed()
    {
        writeText(m_root / "vite.config.js", R"(import react from "@vitejs/plugin-react";
export default { plugins: [react({ babel: { plugins: ["babel-plugin-react-compiler", ["@emotion", {}]] } })] };
)");
        const ViteConfig c = read();
        QVERIFY2(c.ok, c.error.c_str());
        const std::string w = joinedWarnings(c);
        QVERIFY2(contains(w, "react() babel plugins \"babel-plugin-react-compiler\", \"@emotion\" "
                             "are not applied"),
                 w.c_str());
    }

    void aliasMatching()
    {
        std::string error;
        std::vector<ResolveAlias> aliases;
        aliases.push_back({"@", nullptr, false, "/app/src"});
        aliases.push_back(*regexAlias("^~(.*)$", "", "/lib$1", error));
        aliases.push_back({"react", nullptr, false, "preact/compat"});
        QCOMPARE(applyAlias(aliases, "@/app/Document").value_or(""),
                 std::string("/app/src/app/Document"));
        QCOMPARE(applyAlias(aliases, "@").value_or(""), std::string("/app/src"));
        QVERIFY(!applyAlias(aliases, "@scope/pkg")); // "@" is a path segment, not a prefix
        QCOMPARE(applyAlias(aliases, "~/x/y").value_or(""), std::string("/lib/x/y"));
        QCOMPARE(applyAlias(aliases, "react/jsx-runtime").value_or(""),
                 std::string("preact/compat/jsx-runtime"));
        QVERIFY(!applyAlias(aliases, "react-dom"));
        QVERIFY(!regexAlias("(?<name>x)", "", "y", error));
        QVERIFY(!error.empty());
    }

    void resolverAppliesAliases()
    {
        writeText(m_root / "src/app/Document.tsx", "export {};\n");
        writeText(m_root / "src/main.ts", "export {};\n");
        ResolveOptions options = resolveOptionsFor(EnvironmentKind::Worker);
        options.alias.push_back({"@", nullptr, false, (m_root / "src").string()});
        options.alias.push_back({"#root", nullptr, false, "/src"}); // Vite's root-relative path
        options.aliasRoot = m_root.string();
        Resolver resolver(EnvironmentKind::Worker, options);
        const std::string importer = (m_root / "src/main.ts").string();
        Resolution r = resolver.resolve("@/app/Document", importer);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.path, fs::canonical(m_root / "src/app/Document.tsx").string());
        r = resolver.resolve("#root/app/Document", importer);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.path, fs::canonical(m_root / "src/app/Document.tsx").string());
        r = resolver.resolve("@/app/Missing", importer);
        QVERIFY(!r.ok);
        QVERIFY2(contains(r.error, "resolve.alias made \"@/app/Missing\""), r.error.c_str());
    }

    void defineReplacement()
    {
        const DefineList define = {{"__APP_VERSION__", "\"1.2.3\""},
                                   {"process.env.API", "\"https://api\""},
                                   {"process.env", "{}"},
                                   {"__FLAGS__", "{ a: 1 }"},
                                   {"import.meta.env.VITE_X", "\"x\""}};
        const std::string code =
            "const v = __APP_VERSION__;\n"
            "const o = { __APP_VERSION__ };\n"
            "const k = { __APP_VERSION__: 1, b: __APP_VERSION__ };\n"
            "const s = \"__APP_VERSION__\" + `${__APP_VERSION__}__APP_VERSION__`;\n"
            "// __APP_VERSION__\n"
            "const m = obj.__APP_VERSION__ + obj?.__APP_VERSION__;\n"
            "const api = process.env.API, rest = process.env.OTHER;\n"
            "const f = __FLAGS__.a;\n"
            "const e = import.meta.env.VITE_X;\n"
            "function g(x = __APP_VERSION__) { return x === __APP_VERSION__; }\n"
            "const r = /__APP_VERSION__/;\n";
        const std::string out = applyDefines(define, code);
        QVERIFY2(contains(out, "const v = \"1.2.3\";\n"), out.c_str());
        QVERIFY2(contains(out, "const o = { __APP_VERSION__: \"1.2.3\" };\n"), out.c_str());
        QVERIFY2(contains(out, "const k = { __APP_VERSION__: 1, b: \"1.2.3\" };\n"), out.c_str());
        QVERIFY2(contains(out, "const s = \"__APP_VERSION__\" + `${\"1.2.3\"}__APP_VERSION__`;\n"),
                 out.c_str());
        QVERIFY2(contains(out, "// __APP_VERSION__\n"), out.c_str());
        QVERIFY2(contains(out, "obj.__APP_VERSION__ + obj?.__APP_VERSION__"), out.c_str());
        // Object literals: one shared variable per module, as esbuild's define (KEY === KEY).
        QVERIFY2(out.rfind("var __switchyard_define_process_env = {};"
                           "var __switchyard_define___FLAGS__ = { a: 1 };const v = ",
                           0) == 0,
                 out.c_str());
        QVERIFY2(
            contains(
                out,
                "const api = \"https://api\", rest = __switchyard_define_process_env.OTHER;\n"),
            out.c_str());
        QVERIFY2(contains(out, "const f = __switchyard_define___FLAGS__.a;\n"), out.c_str());
        QVERIFY2(contains(out, "const e = import.meta.env.VITE_X;\n"), out.c_str());
        QVERIFY2(contains(out, "g(x = \"1.2.3\") { return x === \"1.2.3\"; }"), out.c_str());
        QVERIFY2(contains(out, "const r = /__APP_VERSION__/;\n"), out.c_str());
        QCOMPARE(std::count(out.begin(), out.end(), '\n'),
                 std::count(code.begin(), code.end(), '\n'));
        // Declarations, assignments and import/export names stay.
        const std::string decl = "let __APP_VERSION__ = 1; __APP_VERSION__ = 2;\n"
                                 "import { __APP_VERSION__ as v } from \"x\";\n"
                                 "export { __APP_VERSION__ };\n";
        QCOMPARE(applyDefines(define, decl), decl);
        QCOMPARE(applyDefines(define, "nothing here"), std::string("nothing here"));
        // A hashbang stays first; an unused object literal declares nothing.
        QCOMPARE(applyDefines(define, "#!/usr/bin/env node\nf(__FLAGS__);\n"),
                 std::string("#!/usr/bin/env node\nvar __switchyard_define___FLAGS__ = { a: 1 };"
                             "f(__switchyard_define___FLAGS__);\n"));
        QCOMPARE(applyDefines(define, "const process = 1; __APP_VERSION__;"),
                 std::string("const process = 1; \"1.2.3\";"));
    }

    void importMetaEnvFromTheConfig()
    {
        const std::string json = importMetaEnvJson({{"VITE_A", "a"}}, "development", false, false);
        QCOMPARE(withViteConfigEnv(json, std::nullopt, {}), json);
        const std::string out = withViteConfigEnv(json, std::string("/app/"),
                                                  {{"import.meta.env.VITE_BUILT", "\"yes\""},
                                                   {"import.meta.env.VITE_NOW", "Date.now()"},
                                                   {"__OTHER__", "1"}});
        QVERIFY2(contains(out, "\"BASE_URL\":\"/app/\""), out.c_str());
        QVERIFY2(contains(out, "\"VITE_BUILT\":\"yes\""), out.c_str());
        QVERIFY2(contains(out, ",\"VITE_NOW\":Date.now()}"), out.c_str());
        QVERIFY2(!contains(out, "__OTHER__"), out.c_str());
    }
};

QTEST_GUILESS_MAIN(TestViteConfig)
#include "tst_vite_config.moc"
