// wrangler.jsonc's kv_namespaces and d1_databases as ProjectConfig::bindings:
// ids, the database_id/database_name fallback, migrations_dir (default and
// relative), and clear errors for malformed entries.
#include "env/projectConfig.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <fstream>

using namespace sy;

namespace {

// An app folder with `wrangler` as its wrangler.jsonc and an entry file.
bool load(const QTemporaryDir &dir, const std::string &wrangler, ProjectConfig &out,
          std::string &error)
{
    QDir().mkpath(dir.path() + "/src");
    std::ofstream(dir.path().toStdString() + "/src/worker.js") << "export default {};\n";
    std::ofstream(dir.path().toStdString() + "/wrangler.jsonc") << wrangler;
    return loadProjectConfig(dir.path().toStdString(), SY_TOOLS_JS_DIR, out, error);
}

} // namespace

class TstStorageConfig : public QObject {
    Q_OBJECT

private slots:
    void readsKvAndD1Bindings()
    {
        QTemporaryDir dir;
        ProjectConfig config;
        std::string error;
        QVERIFY2(load(dir, R"({
  "name": "app", "main": "src/worker.js",
  // comments and trailing commas, as wrangler allows
  "kv_namespaces": [
    { "binding": "CACHE", "id": "0f2ac74b" },
    { "binding": "SESSIONS" },
  ],
  "d1_databases": [
    { "binding": "DB", "database_name": "main", "database_id": "xxxx-1111" },
    { "binding": "LOGS", "database_name": "logs", "migrations_dir": "db/logs-migrations" },
  ],
})",
                      config, error),
                 error.c_str());
        const std::string root = config.root;
        QCOMPARE(config.bindings.size(), size_t(4));
        const BindingDescriptor &cache = config.bindings[0];
        QCOMPARE(cache.name, std::string("CACHE"));
        QVERIFY(cache.kind == BindingKind::Kv);
        QCOMPARE(cache.storageId(), std::string("0f2ac74b"));
        QCOMPARE(config.bindings[1].storageId(), std::string("SESSIONS")); // no id: the name
        const BindingDescriptor &db = config.bindings[2];
        QVERIFY(db.kind == BindingKind::D1);
        QCOMPARE(db.storageId(), std::string("xxxx-1111"));
        QCOMPARE(db.migrationsDir, root + "/migrations");
        const BindingDescriptor &logs = config.bindings[3];
        QCOMPARE(logs.storageId(), std::string("logs")); // no database_id: the name
        QCOMPARE(logs.migrationsDir, root + "/db/logs-migrations");
        QCOMPARE(config.storageDir(), root + "/.switchyard/storage");
    }

    void noBindingsIsFine()
    {
        QTemporaryDir dir;
        ProjectConfig config;
        std::string error;
        QVERIFY2(load(dir, R"({"main": "src/worker.js", "vars": {"A": "1"}})", config, error),
                 error.c_str());
        QVERIFY(config.bindings.empty());
    }

    void malformedEntriesAreNamed_data()
    {
        QTest::addColumn<QString>("wrangler");
        QTest::addColumn<QString>("message");
        QTest::newRow("kv not an array")
            << R"({"main": "src/worker.js", "kv_namespaces": {"binding": "KV"}})"
            << R"("kv_namespaces" must be an array)";
        QTest::newRow("kv without binding")
            << R"({"main": "src/worker.js", "kv_namespaces": [{"id": "x"}]})"
            << R"(kv_namespaces[0]: "binding" (the env property, a string) is missing)";
        QTest::newRow("d1 binding not a string")
            << R"({"main": "src/worker.js", "d1_databases": [{"database_name": "a"}, {"binding": 5}]})"
            << R"(d1_databases[0]: "binding" (the env property, a string) is missing)";
        QTest::newRow("declared twice")
            << R"({"main": "src/worker.js", "kv_namespaces": [{"binding": "X"}], "d1_databases": [{"binding": "X"}]})"
            << R"(d1_databases[0]: the binding "X" is declared twice)";
    }

    void malformedEntriesAreNamed()
    {
        QFETCH(QString, wrangler);
        QFETCH(QString, message);
        QTemporaryDir dir;
        ProjectConfig config;
        std::string error;
        QVERIFY(!load(dir, wrangler.toStdString(), config, error));
        QVERIFY2(QString::fromStdString(error).endsWith(message), error.c_str());
        QVERIFY2(error.find("wrangler.jsonc") != std::string::npos, error.c_str());
    }
};

QTEST_GUILESS_MAIN(TstStorageConfig)
#include "tst_storage_config.moc"
