// .env / .dev.vars files (env/envFiles.h) as dotenv, dotenv-expand, Vite's
// loadEnv and wrangler's getVarsForDev read them, and import.meta.env
// (env/importMetaEnv.h).
#include "env/envFiles.h"
#include "env/importMetaEnv.h"
#include "lex/importLexer.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace sy;
namespace fs = std::filesystem;
using sy::test::writeText;

namespace {
std::string get(const EnvList &list, const std::string &key)
{
    for (const auto &[k, v] : list)
        if (k == key)
            return v;
    return "<unset>";
}
} // namespace

class TestEnvFiles : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_root;

private slots:
    void init()
    {
        QVERIFY(m_tmp.isValid());
        m_root = fs::path(m_tmp.path().toStdString()) / QTest::currentTestFunction();
        fs::create_directories(m_root);
    }

    void dotenvSyntax()
    {
        const EnvList env = parseDotenv("# a comment\n"
                                        "PLAIN=value\n"
                                        "SPACED =  spaced value  \n"
                                        "export EXPORTED=yes\n"
                                        "COLON: colon value\n"
                                        "SINGLE='single # not a comment'\n"
                                        "DOUBLE=\"line1\\nline2\"\n"
                                        "BACKTICK=`has 'both' \"quotes\"`\n"
                                        "INLINE=before # after\n"
                                        "EMPTY=\n"
                                        "MULTI=\"first\nsecond\"\n"
                                        "WINDOWS=crlf\r\n"
                                        "PLAIN=last wins\n"
                                        "not an assignment\n"
                                        "HASH=a#b\n");
        QCOMPARE(get(env, "PLAIN"), std::string("last wins"));
        QCOMPARE(get(env, "SPACED"), std::string("spaced value"));
        QCOMPARE(get(env, "EXPORTED"), std::string("yes"));
        QCOMPARE(get(env, "COLON"), std::string("colon value"));
        QCOMPARE(get(env, "SINGLE"), std::string("single # not a comment"));
        QCOMPARE(get(env, "DOUBLE"), std::string("line1\nline2"));
        QCOMPARE(get(env, "BACKTICK"), std::string("has 'both' \"quotes\""));
        QCOMPARE(get(env, "INLINE"), std::string("before"));
        QCOMPARE(get(env, "EMPTY"), std::string());
        QCOMPARE(get(env, "MULTI"), std::string("first\nsecond"));
        QCOMPARE(get(env, "WINDOWS"), std::string("crlf"));
        QCOMPARE(get(env, "HASH"), std::string("a"));
        QCOMPARE(env.front().first, std::string("PLAIN")); // first-appearance order
    }

    void expansion()
    {
        EnvList env = parseDotenv("BASE=https://example.com\n"
                                  "URL=${BASE}/api\n"
                                  "BARE=$BASE/x\n"
                                  "DEFAULT=${MISSING:-fallback}\n"
                                  "ALT=${BASE:+set}\n"
                                  "ESCAPED=\\${BASE}\n"
                                  "FROM_PROCESS=${HOME_DIR}\n"
                                  "SELF=${SELF}\n"
                                  "OVERRIDDEN=file\n");
        expandDotenv(env, {{"HOME_DIR", "/home/me"}, {"OVERRIDDEN", "process"}});
        QCOMPARE(get(env, "URL"), std::string("https://example.com/api"));
        QCOMPARE(get(env, "BARE"), std::string("https://example.com/x"));
        QCOMPARE(get(env, "DEFAULT"), std::string("fallback"));
        QCOMPARE(get(env, "ALT"), std::string("set"));
        QCOMPARE(get(env, "ESCAPED"), std::string("${BASE}"));
        QCOMPARE(get(env, "FROM_PROCESS"), std::string("/home/me"));
        QCOMPARE(get(env, "SELF"), std::string());
        QCOMPARE(get(env, "OVERRIDDEN"), std::string("process"));
    }

    void viteModePrecedence()
    {
        writeText(m_root / ".env", "VITE_A=env\nVITE_B=env\nVITE_C=env\nVITE_D=env\nSECRET=x\n");
        writeText(m_root / ".env.local", "VITE_B=local\nVITE_C=local\nVITE_D=local\n");
        writeText(m_root / ".env.staging", "VITE_C=mode\nVITE_D=mode\n");
        writeText(m_root / ".env.staging.local", "VITE_D=mode-local\nVITE_REF=${VITE_A}-ref\n");
        writeText(m_root / ".env.production", "VITE_A=other mode\n");
        std::vector<std::string> read;
        const EnvList env =
            loadViteEnv(m_root.string(), "staging",
                        {{"VITE_FROM_SHELL", "shell"}, {"VITE_B", "process wins"}}, &read);
        QCOMPARE(read.size(), size_t(4));
        QCOMPARE(get(env, "VITE_A"), std::string("env"));
        QCOMPARE(get(env, "VITE_B"), std::string("process wins"));
        QCOMPARE(get(env, "VITE_C"), std::string("mode"));
        QCOMPARE(get(env, "VITE_D"), std::string("mode-local"));
        QCOMPARE(get(env, "VITE_REF"), std::string("env-ref"));
        QCOMPARE(get(env, "VITE_FROM_SHELL"), std::string("shell"));
        QCOMPARE(get(env, "SECRET"), std::string("<unset>")); // only VITE_ reaches the app
    }

    void importMetaEnvObject()
    {
        const nlohmann::json client = nlohmann::json::parse(
            importMetaEnvJson({{"VITE_X", "1"}}, "development", false, false));
        QVERIFY(client["VITE_X"] == nlohmann::json("1"));
        QVERIFY(client["BASE_URL"] == nlohmann::json("/"));
        QVERIFY(client["MODE"] == nlohmann::json("development"));
        QVERIFY(client["DEV"] == nlohmann::json(true));
        QVERIFY(client["PROD"] == nlohmann::json(false));
        QVERIFY(client["SSR"] == nlohmann::json(false));
        QVERIFY(nlohmann::json::parse(importMetaEnvJson({}, "test", true, false))["SSR"] ==
                nlohmann::json(true));
        const std::string code = "const a = import.meta.env.MODE; const u = import.meta.url;";
        QVERIFY(readsImportMetaEnv(code, lexModule(code)));
        const std::string noEnv = "const u = import.meta.url; const s = 'import.meta.env';";
        QVERIFY(!readsImportMetaEnv(noEnv, lexModule(noEnv)));
    }

    void devVarsAsWranglerLoadsThem()
    {
        const std::string vars = R"({"APP_NAME":"from wrangler","API_SECRET":"from vars"})";
        // .env files when there is no .dev.vars (merged, expanded).
        writeText(m_root / ".env", "API_SECRET=dotenv\nTOKEN=${API_SECRET}-t\n");
        writeText(m_root / ".env.local", "API_SECRET=dotenv-local\n");
        DevVars d = loadDevVars(m_root.string(), vars, "", {});
        nlohmann::json env = nlohmann::json::parse(d.json);
        QVERIFY(env["API_SECRET"] == nlohmann::json("dotenv-local"));
        QVERIFY(env["TOKEN"] == nlohmann::json("dotenv-local-t"));
        QVERIFY(env["APP_NAME"] == nlohmann::json("from wrangler"));
        QCOMPARE(d.files.size(), size_t(2));
        // CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV=false: only vars.
        d = loadDevVars(m_root.string(), vars, "",
                        {{"CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV", "false"}});
        QVERIFY(nlohmann::json::parse(d.json)["API_SECRET"] == nlohmann::json("from vars"));
        // .dev.vars replaces the .env files, unexpanded.
        writeText(m_root / ".dev.vars", "API_SECRET=dev-vars\nRAW=${API_SECRET}\n");
        d = loadDevVars(m_root.string(), vars, "", {});
        env = nlohmann::json::parse(d.json);
        QVERIFY(env["API_SECRET"] == nlohmann::json("dev-vars"));
        QVERIFY(env["RAW"] == nlohmann::json("${API_SECRET}"));
        QVERIFY(!env.contains("TOKEN"));
        QCOMPARE(d.files, std::vector<std::string>{(m_root / ".dev.vars").string()});
        QCOMPARE(d.keys, (std::vector<std::string>{"API_SECRET", "RAW"}));
        // A selected environment's file alone, when it exists.
        writeText(m_root / ".dev.vars.staging", "API_SECRET=staging\n");
        env = nlohmann::json::parse(loadDevVars(m_root.string(), vars, "staging", {}).json);
        QVERIFY(env["API_SECRET"] == nlohmann::json("staging"));
        QVERIFY(!env.contains("RAW"));
        env = nlohmann::json::parse(loadDevVars(m_root.string(), vars, "production", {}).json);
        QVERIFY(env["API_SECRET"] == nlohmann::json("dev-vars"));
    }

    void envFileNames()
    {
        const std::string root = "/app";
        QVERIFY(isEnvFile(root, "/app/.env"));
        QVERIFY(isEnvFile(root, "/app/.env.production.local"));
        QVERIFY(isEnvFile(root, "/app/.dev.vars"));
        QVERIFY(isEnvFile(root, "/app/.dev.vars.staging"));
        QVERIFY(!isEnvFile(root, "/app/src/.env"));
        QVERIFY(!isEnvFile(root, "/app/.envrc"));
    }
};

QTEST_GUILESS_MAIN(TestEnvFiles)
#include "tst_env_files.moc"
