// Test file discovery: globs as Vitest reads them, package.json config,
// CLI filters and --shard.
#include "testing/nodeSideTests.h"
#include "testing/testFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

using namespace sy;
namespace fs = std::filesystem;

class TstTestFiles : public QObject {
    Q_OBJECT

    static void touch(const fs::path &p, const std::string &text = "")
    {
        fs::create_directories(p.parent_path());
        std::ofstream(p) << text;
    }
    static bool matches(const std::string &glob, const std::string &path)
    {
        return std::regex_match(path, std::regex(globToRegex(glob)));
    }

private slots:
    void globs()
    {
        QVERIFY(matches("**/*.test.ts", "a.test.ts"));
        QVERIFY(matches("**/*.test.ts", "src/deep/a.test.ts"));
        QVERIFY(!matches("**/*.test.ts", "src/a.test.tsx"));
        QVERIFY(matches("**/*.{test,spec}.{ts,tsx}", "x/y.spec.tsx"));
        QVERIFY(!matches("**/*.{test,spec}.{ts,tsx}", "x/y.tests.ts"));
        QVERIFY(matches("src/*.ts", "src/a.ts"));
        QVERIFY(!matches("src/*.ts", "src/x/a.ts"));
        QVERIFY(matches("**/node_modules/**", "node_modules/a/b.test.ts"));
        QVERIFY(matches("**/node_modules/**", "pkg/node_modules/a.js"));
        QVERIFY(matches("tests/file?.ts", "tests/file1.ts"));
        QVERIFY(!matches("tests/file?.ts", "tests/file10.ts"));
        QVERIFY(matches("tests/[ab].ts", "tests/b.ts"));
        QVERIFY(!matches("tests/[!ab].ts", "tests/b.ts"));
        QVERIFY(matches("a+b(1).test.ts", "a+b(1).test.ts")); // regex metacharacters are literal
    }

    void findsDefaultPatternsAndSkipsDependencies()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        touch(root / "src/a.test.ts");
        touch(root / "src/b.spec.tsx");
        touch(root / "tests/c.test.js");
        touch(root / "src/d.ts");
        touch(root / "node_modules/pkg/e.test.ts");
        touch(root / ".switchyard/deps_worker/f.test.js");
        const auto files = findTestFiles(root.string(), TestConfig{}, {});
        QCOMPARE(files.size(), size_t(3));
        QVERIFY(files[0].ends_with("/src/a.test.ts"));
        QVERIFY(files[1].ends_with("/src/b.spec.tsx"));
        QVERIFY(files[2].ends_with("/tests/c.test.js"));
        QVERIFY(fs::path(files[0]).is_absolute());

        const auto filtered = findTestFiles(root.string(), TestConfig{}, {"tests/", "b.spec"});
        QCOMPARE(filtered.size(), size_t(2));
        QVERIFY(filtered[0].ends_with("b.spec.tsx"));
        QVERIFY(filtered[1].ends_with("c.test.js"));
    }

    void configFromPackageJson()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        touch(root / "package.json",
              "{\"name\":\"x\",\"switchyard\":{\"test\":{"
              "            \"include\":[\"checks/**/*.check.ts\"],\"exclude\":[\"checks/slow/**\"],"
              "            \"testTimeout\":250,\"storageIsolation\":\"per-test\"}}}");
        touch(root / "checks/a.check.ts");
        touch(root / "checks/slow/b.check.ts");
        touch(root / "src/c.test.ts");
        TestConfig config;
        std::string error;
        QVERIFY2(loadTestConfig(root.string(), config, error), error.c_str());
        QCOMPARE(config.testTimeoutMs, 250.0);
        QCOMPARE(config.hookTimeoutMs, 10000.0);
        QCOMPARE(config.storageIsolation, std::string("per-test"));
        const auto files = findTestFiles(root.string(), config, {});
        QCOMPARE(files.size(), size_t(1));
        QVERIFY(files[0].ends_with("checks/a.check.ts"));
    }

    void nodeSideTestFilesAreTakenOutWithTheReason()
    {
        // rwsdk's e2e tests drive a browser and a dev server from Node: not
        // worker tests (issue 11 section 3).
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        touch(root / "package.json", "{\"name\":\"x\"}");
        touch(root / "src/notes.test.ts",
              "import { describe, it } from \"vitest\";\nimport type { Page } from \"puppeteer\";\n"
              "describe(\"x\", () => { it(\"y\", () => {}); });\n");
        touch(root / "e2e/app.test.mts",
              "import { setupPlaygroundEnvironment, testDevAndDeploy } "
              "from \"rwsdk/e2e\";\ntestDevAndDeploy(\"x\", async () => {});\n");
        touch(root / "e2e/browser.spec.ts", "import { test } from \"@playwright/test\";\n");
        touch(
            root / "e2e/late.test.ts",
            "it(\"z\", async () => { await import(\"puppeteer-core/lib/esm/puppeteer.js\"); });\n");
        TestConfig config;
        std::string error;
        QVERIFY2(loadTestConfig(root.string(), config, error), error.c_str());
        QVERIFY(!config.includeGiven);
        std::vector<std::string> files = findTestFiles(root.string(), config, {});
        QCOMPARE(files.size(), size_t(4));
        const std::vector<SkippedTestFile> skipped = takeNodeSideTestFiles(files);
        QCOMPARE(files.size(), size_t(1));
        QVERIFY(files[0].ends_with("src/notes.test.ts")); // a type-only import is erased
        QCOMPARE(skipped.size(), size_t(3));
        QVERIFY(skipped[0].file.ends_with("e2e/app.test.mts"));
        QVERIFY2(skipped[0].reason.find("\"rwsdk/e2e\"") != std::string::npos,
                 skipped[0].reason.c_str());
        QVERIFY(skipped[1].reason.find("\"@playwright/test\"") != std::string::npos);
        QVERIFY(skipped[2].reason.find("puppeteer-core/") != std::string::npos);

        // Include globs the app names itself run what they match.
        touch(root / "package.json",
              "{\"switchyard\":{\"test\":{\"include\":[\"e2e/**/*.test.mts\"]}}}");
        TestConfig own;
        QVERIFY2(loadTestConfig(root.string(), own, error), error.c_str());
        QVERIFY(own.includeGiven);
    }

    void badConfigIsAClearError()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        TestConfig config;
        std::string error;
        touch(root / "package.json", "{\"switchyard\":{\"test\":{\"include\":\"src/*.ts\"}}}");
        QVERIFY(!loadTestConfig(root.string(), config, error));
        QVERIFY2(error.find("switchyard.test.include") != std::string::npos, error.c_str());
        touch(root / "package.json",
              "{\"switchyard\":{\"test\":{\"storageIsolation\":\"per-run\"}}}");
        QVERIFY(!loadTestConfig(root.string(), config, error));
        QVERIFY2(error.find("per-file") != std::string::npos, error.c_str());
        touch(root / "package.json", "{\"switchyard\": {,}}");
        QVERIFY(!loadTestConfig(root.string(), config, error));
        QVERIFY2(error.find("package.json") != std::string::npos, error.c_str());
    }

    void shardsPartitionTheFiles()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        for (int i = 0; i < 10; ++i)
            touch(root / ("t" + std::to_string(i) + ".test.ts"));
        std::set<std::string> seen;
        size_t total = 0;
        for (int i = 1; i <= 3; ++i) {
            const auto part = findTestFiles(root.string(), TestConfig{}, {}, TestShard{i, 3});
            QVERIFY(part.size() == 3 || part.size() == 4);
            total += part.size();
            seen.insert(part.begin(), part.end());
        }
        QCOMPARE(total, size_t(10));
        QCOMPARE(seen.size(), size_t(10));

        TestShard shard;
        std::string error;
        QVERIFY(parseTestShard("2/5", shard, error));
        QCOMPARE(shard.index, 2);
        QCOMPARE(shard.count, 5);
        QVERIFY(!parseTestShard("0/5", shard, error));
        QVERIFY(!parseTestShard("6/5", shard, error));
        QVERIFY(!parseTestShard("2of5", shard, error));
        QVERIFY(!parseTestShard("2/5x", shard, error));
    }
};

QTEST_GUILESS_MAIN(TstTestFiles)
#include "tst_test_files.moc"
