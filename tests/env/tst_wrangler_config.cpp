// The wrangler config as wrangler reads it (env/wranglerConfig.h) and as
// loadProjectConfig takes it: wrangler.toml (toml++), the file order
// wrangler.json > wrangler.jsonc > wrangler.toml, `env.<name>` selected by
// --env / CLOUDFLARE_ENV with wrangler's inheritance rules, `main` optional for
// test runs, and the settings Switchyard does not model named once.
#include "env/projectConfig.h"
#include "env/wranglerConfig.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <cstdlib>
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

bool load(const QTemporaryDir &dir, ProjectConfig &out, std::string &error,
          ProjectLoadOptions options = {})
{
    if (!options.cloudflareEnv)
        options.cloudflareEnv = ""; // never the CLOUDFLARE_ENV of the machine running the test
    return loadProjectConfig(dir.path().toStdString(), "/nonexistent-tools", out, error, options);
}

bool contains(const std::vector<std::string> &lines, const std::string &part)
{
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string &l) { return l.find(part) != std::string::npos; });
}

const char *kToml = R"(name = "toml-app"
main = "src/index.ts"
compatibility_date = 2024-09-23   # a TOML date, not a string
compatibility_flags = ["nodejs_compat"]

[vars]
GREETING = "hello"

[[kv_namespaces]]
binding = "CACHE"
id = "cache-id"

[[d1_databases]]
binding = "DB"
database_name = "app-db"
database_id = "db-id"
migrations_dir = "db/migrations"

[env.staging]
vars = { GREETING = "hello staging" }
kv_namespaces = [ { binding = "CACHE", id = "staging-cache" } ]

[env.production]
name = "prod-app"
main = "src/prod.ts"
compatibility_flags = []
)";

} // namespace

class TstWranglerConfig : public QObject {
    Q_OBJECT

private slots:
    void readsWranglerToml()
    {
        QTemporaryDir dir;
        write(dir, "src/index.ts", "export default {};\n");
        write(dir, "wrangler.toml", kToml);
        ProjectConfig config;
        std::string error;
        QVERIFY2(load(dir, config, error), error.c_str());
        QCOMPARE(config.name, std::string("toml-app"));
        QVERIFY(config.wranglerFile.ends_with("/wrangler.toml"));
        QVERIFY(config.workerEntry.ends_with("/src/index.ts"));
        QVERIFY(config.hasMain);
        QCOMPARE(json::parse(config.varsJson)["GREETING"].get<std::string>(), std::string("hello"));
        QCOMPARE(config.nodeCompat.compatibilityDate, std::string("2024-09-23"));
        QVERIFY(config.nodeCompat.globals()); // nodejs_compat after 2024-09-23: v2
        QCOMPARE(config.bindings.size(), size_t(2));
        QCOMPARE(config.bindings[0].name, std::string("CACHE"));
        QCOMPARE(config.bindings[0].storageId(), std::string("cache-id"));
        QCOMPARE(config.bindings[1].name, std::string("DB"));
        QCOMPARE(config.bindings[1].migrationsDir, config.root + "/db/migrations");
    }

    void tomlSyntaxErrorNamesFileAndLine()
    {
        QTemporaryDir dir;
        write(dir, "src/index.ts", "export default {};\n");
        write(dir, "wrangler.toml", "name = \"x\"\nmain = \"src/index.ts\"\n[vars\nA = 1\n");
        ProjectConfig config;
        std::string error;
        QVERIFY(!load(dir, config, error));
        QVERIFY2(error.find("wrangler.toml: line 3, column ") != std::string::npos, error.c_str());
    }

    void fileOrderIsWranglers()
    {
        QTemporaryDir dir;
        write(dir, "wrangler.toml", "main = \"a.js\"\n");
        QVERIFY(findWranglerConfig(dir.path().toStdString()).ends_with("/wrangler.toml"));
        write(dir, "wrangler.jsonc", "{ \"main\": \"a.js\" }");
        QVERIFY(findWranglerConfig(dir.path().toStdString()).ends_with("/wrangler.jsonc"));
        write(dir, "wrangler.json", "{ \"main\": \"a.js\" }");
        QVERIFY(findWranglerConfig(dir.path().toStdString()).ends_with("/wrangler.json"));
    }

    void environmentInheritsAsWrangler()
    {
        QTemporaryDir dir;
        write(dir, "src/index.ts", "export default {};\n");
        write(dir, "src/prod.ts", "export default {};\n");
        write(dir, "wrangler.toml", kToml);
        ProjectConfig config;
        std::string error;
        ProjectLoadOptions staging;
        staging.cloudflareEnv = "staging";
        QVERIFY2(load(dir, config, error, staging), error.c_str());
        QCOMPARE(config.cloudflareEnv, std::string("staging"));
        QCOMPARE(config.name, std::string("toml-app-staging")); // <name>-<env>
        QVERIFY(config.workerEntry.ends_with("/src/index.ts")); // main is inherited
        QVERIFY(config.nodeCompat.globals());                   // compatibility flags and date too
        QCOMPARE(json::parse(config.varsJson)["GREETING"].get<std::string>(),
                 std::string("hello staging"));
        // Bindings are not inherited: only the environment's KV, no D1.
        QCOMPARE(config.bindings.size(), size_t(1));
        QCOMPARE(config.bindings[0].storageId(), std::string("staging-cache"));
        QVERIFY2(contains(config.warnings, "\"d1_databases\" exists at the top level, but not on "
                                           "\"env.staging\""),
                 "the missing D1 binding is named");

        ProjectLoadOptions production;
        production.cloudflareEnv = "production";
        QVERIFY2(load(dir, config, error, production), error.c_str());
        QCOMPARE(config.name, std::string("prod-app"));
        QVERIFY(config.workerEntry.ends_with("/src/prod.ts"));
        QVERIFY(!config.nodeCompat.enabled());        // its own (empty) flags
        QCOMPARE(config.varsJson, std::string("{}")); // vars are not inherited
        QVERIFY(config.bindings.empty());
    }

    void cloudflareEnvSelectsWhenNoFlag()
    {
        QTemporaryDir dir;
        write(dir, "src/index.ts", "export default {};\n");
        write(dir, "wrangler.toml", kToml);
        ::setenv("CLOUDFLARE_ENV", "staging", 1);
        ProjectConfig config;
        std::string error;
        const bool ok = loadProjectConfig(dir.path().toStdString(), "/nonexistent-tools", config,
                                          error, ProjectLoadOptions{});
        ::unsetenv("CLOUDFLARE_ENV");
        QVERIFY2(ok, error.c_str());
        QCOMPARE(config.cloudflareEnv, std::string("staging"));
        QCOMPARE(json::parse(config.varsJson)["GREETING"].get<std::string>(),
                 std::string("hello staging"));
    }

    void unknownEnvironmentIsRefused()
    {
        QTemporaryDir dir;
        write(dir, "src/index.ts", "export default {};\n");
        write(dir, "wrangler.toml", kToml);
        ProjectConfig config;
        std::string error;
        ProjectLoadOptions options;
        options.cloudflareEnv = "qa";
        QVERIFY(!load(dir, config, error, options));
        QVERIFY2(error.find("no environment found in configuration with name \"qa\"") !=
                         std::string::npos &&
                     error.find("\"production\", \"staging\"") != std::string::npos,
                 error.c_str());
        // A file without environments: wrangler warns and uses the top level.
        write(dir, "wrangler.toml", "name = \"plain\"\nmain = \"src/index.ts\"\n");
        QVERIFY2(load(dir, config, error, options), error.c_str());
        QVERIFY(
            contains(config.warnings, "no environment found in configuration with name \"qa\""));
        QCOMPARE(config.name, std::string("plain-qa"));
    }

    void mainIsOptionalForTests()
    {
        QTemporaryDir dir;
        write(dir, "wrangler.jsonc",
              R"({ "name": "no-main", "compatibility_date": "2025-01-01" })");
        ProjectConfig config;
        std::string error;
        QVERIFY(!load(dir, config, error));
        QVERIFY2(error.find("\"main\" (the worker entry) is missing") != std::string::npos,
                 error.c_str());
        ProjectLoadOptions test;
        test.mainOptional = true;
        QVERIFY2(load(dir, config, error, test), error.c_str());
        QVERIFY(!config.hasMain);
        QCOMPARE(config.workerEntry, std::string(kNoMainEntryId));
        // A `main` that does not exist is an error also for tests.
        write(dir, "wrangler.jsonc", R"({ "main": "src/missing.ts" })");
        QVERIFY(!load(dir, config, error, test));
        QVERIFY2(error.find("src/missing.ts does not exist") != std::string::npos, error.c_str());
    }

    void namesWhatIsNotModelled()
    {
        QTemporaryDir dir;
        write(dir, "src/index.ts", "export default {};\n");
        write(dir, "wrangler.toml", R"(name = "x"
main = "src/index.ts"
compatibility_flags = ["nodejs_compat", "streams_enable_constructors"]
workers_dev = true
define = { DEBUG = "true" }
alias = { "lodash" = "lodash-es" }

[[durable_objects.bindings]]
name = "COUNTER"
class_name = "Counter"

[[r2_buckets]]
binding = "BUCKET"
bucket_name = "b"
)");
        ProjectConfig config;
        std::string error;
        QVERIFY2(load(dir, config, error), error.c_str());
        QVERIFY(contains(config.warnings, "durable_objects (COUNTER): Durable Object bindings are "
                                          "not supported by Switchyard yet"));
        QVERIFY(contains(config.warnings, "r2_buckets (BUCKET): R2 bucket bindings"));
        QVERIFY(contains(config.warnings, "compatibility flag \"streams_enable_constructors\""));
        QVERIFY(!contains(config.warnings, "\"nodejs_compat\""));
        QVERIFY(contains(config.warnings, "\"alias\" is not modelled by Switchyard"));
        QVERIFY(!contains(config.warnings, "\"define\"")); // replaced in the worker's modules
        QCOMPARE(config.workerDefine.size(), size_t(1));
        QCOMPARE(config.workerDefine[0].first, std::string("DEBUG"));
        QCOMPARE(config.workerDefine[0].second, std::string("true"));
        QVERIFY(!contains(config.warnings, "workers_dev")); // deployment only
    }
};

QTEST_GUILESS_MAIN(TstWranglerConfig)
#include "tst_wrangler_config.moc"
