// tsconfig.json / jsconfig.json for module resolution (resolve/tsconfig.h,
// resolve/tsconfigPaths.h) and the resolver's use of them: JSONC, extends
// (relative, arrays, packages), ${configDir}, paths/baseUrl, include scope,
// project references, fall-through, errors, invalidation.
#include "resolve/resolver.h"
#include "resolve/tsconfig.h"
#include "resolve/tsconfigPaths.h"
#include "support/textFiles.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace sy;
namespace fs = std::filesystem;
using sy::test::writeText;

namespace {
bool contains(const std::vector<std::string> &v, const std::string &s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}
} // namespace

// Declared apart from the definitions: moc reads "/*" inside the JSON raw
// strings below as a comment.
class TestTsconfigPaths : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_root;

    std::string p(const std::string &rel) const;

    Resolver resolver() const;

private slots:
    void init();
    void jsoncWithCommentsAndTrailingCommas();
    void syntaxErrorNamesFileLineAndColumn();
    void extendsChainWithoutJsonExtensionAndArrays();
    void baseUrlMakesPathsRelativeToIt();
    void configDirIsTheExtendingConfigsFolder();
    void extendsAPackage();
    void circularExtendsIsAnError();
    void includeGlobs();
    void pathsMapAndProbeLikeRelativeImports();
    void noMappedFileFallsThroughToPackages();
    void nearestIncludingConfigWins();
    void solutionConfigDelegatesToReferences();
    void invalidationFollowsEditsAndNewConfigs();
};

std::string TestTsconfigPaths::p(const std::string &rel) const
{
    return (m_root / rel).string();
}

Resolver TestTsconfigPaths::resolver() const
{
    ResolveOptions options = resolveOptionsFor(EnvironmentKind::Worker);
    options.tsconfigPaths = true;
    return Resolver(EnvironmentKind::Worker, options);
}

void TestTsconfigPaths::init()
{
    QVERIFY(m_tmp.isValid());
    m_root = fs::canonical(m_tmp.path().toStdString()) / QTest::currentTestFunction();
    fs::create_directories(m_root);
}

void TestTsconfigPaths::jsoncWithCommentsAndTrailingCommas()
{
    writeText(m_root / "tsconfig.json", R"({
  // Vite's templates write comments
  "compilerOptions": {
/* and trailing commas */
"paths": { "@/*": ["./src/*",], },
  },
})");
    const Tsconfig c = loadTsconfig(p("tsconfig.json"));
    QVERIFY2(c.ok, c.error.c_str());
    QVERIFY(c.hasPaths);
    QCOMPARE(c.paths.size(), size_t(1));
    QCOMPARE(c.paths[0].key, std::string("@/*"));
    QCOMPARE(c.paths[0].targets, std::vector<std::string>{p("src/*")});
}

void TestTsconfigPaths::syntaxErrorNamesFileLineAndColumn()
{
    writeText(m_root / "tsconfig.json", "{\n  \"compilerOptions\": {\n    \"paths\": {\n"
                                        "      \"@/*\": [\"./src/*\"]\n      \"x\": []\n"
                                        "    }\n  }\n}\n");
    const Tsconfig c = loadTsconfig(p("tsconfig.json"));
    QVERIFY(!c.ok);
    QCOMPARE(c.errorFile, p("tsconfig.json"));
    QCOMPARE(c.errorLine, 5);
    QCOMPARE(c.errorColumn, 7);
    QVERIFY2(c.error.find(p("tsconfig.json") + ":5:7:") == 0, c.error.c_str());

    // The resolver fails the bare import with it; relative imports still resolve.
    writeText(m_root / "src/a.ts", "");
    writeText(m_root / "src/b.ts", "");
    const Resolution r = resolver().resolve("@/b", p("src/a.ts"));
    QVERIFY(!r.ok);
    QVERIFY2(r.error.find(p("tsconfig.json") + ":5:7") != std::string::npos, r.error.c_str());
    QVERIFY(contains(r.configFiles, p("tsconfig.json")));
    QVERIFY(resolver().resolve("./b", p("src/a.ts")).ok);
}

void TestTsconfigPaths::extendsChainWithoutJsonExtensionAndArrays()
{
    // paths relative to the config that set them; the later extends wins.
    writeText(m_root / "configs/base.json",
              R"({"compilerOptions": {"paths": {"@/*": ["../src/*"]}, "allowJs": true}})");
    writeText(m_root / "configs/other.json",
              R"({"compilerOptions": {"paths": {"~/*": ["../lib/*"]}}})");
    writeText(m_root / "tsconfig.json",
              R"({"extends": ["./configs/other", "./configs/base.json"], "include": ["src"]})");
    const Tsconfig c = loadTsconfig(p("tsconfig.json"));
    QVERIFY2(c.ok, c.error.c_str());
    QCOMPARE(c.paths.size(), size_t(1));
    QCOMPARE(c.paths[0].key, std::string("@/*"));
    QCOMPARE(c.paths[0].targets, std::vector<std::string>{p("src/*")});
    QVERIFY(c.allowJs);
    QCOMPARE(c.readFiles, (std::vector<std::string>{p("tsconfig.json"), p("configs/other.json"),
                                                    p("configs/base.json")}));
    // The extending file's own setting overrides its base.
    writeText(m_root / "tsconfig.json",
              R"({"extends": "./configs/base", "compilerOptions": {"allowJs": false}})");
    QVERIFY(!loadTsconfig(p("tsconfig.json")).allowJs);
}

void TestTsconfigPaths::baseUrlMakesPathsRelativeToIt()
{
    writeText(m_root / "base/tsconfig.json",
              R"({"compilerOptions": {"baseUrl": "..", "paths": {"#lib": ["lib/index.ts"]}}})");
    writeText(m_root / "tsconfig.json", R"({"extends": "./base/tsconfig.json"})");
    const Tsconfig c = loadTsconfig(p("tsconfig.json"));
    QVERIFY2(c.ok, c.error.c_str());
    QCOMPARE(c.baseUrl, m_root.string());
    QCOMPARE(c.paths[0].targets, std::vector<std::string>{p("lib/index.ts")});
    size_t fromBase = 0;
    const auto candidates = tsconfigCandidates(c, "#lib", &fromBase);
    QCOMPARE(candidates, (std::vector<std::string>{p("lib/index.ts"), p("#lib")}));
    QCOMPARE(fromBase, size_t(1));
}

void TestTsconfigPaths::configDirIsTheExtendingConfigsFolder()
{
    writeText(m_root / "shared/tsconfig.base.json",
              R"({"compilerOptions": {"paths": {"@/*": ["${configDir}/src/*"]}},
                  "include": ["${configDir}/src"]})");
    writeText(m_root / "app/tsconfig.json", R"({"extends": "../shared/tsconfig.base.json"})");
    const Tsconfig c = loadTsconfig(p("app/tsconfig.json"));
    QVERIFY2(c.ok, c.error.c_str());
    QCOMPARE(c.paths[0].targets, std::vector<std::string>{p("app/src/*")});
    QCOMPARE(c.include, std::vector<std::string>{p("app/src")});
}

void TestTsconfigPaths::extendsAPackage()
{
    // "@tsconfig/strictest/tsconfig.json": a file in a package.
    writeText(m_root / "node_modules/@tsconfig/strictest/tsconfig.json",
              R"({"compilerOptions": {"checkJs": true}})");
    writeText(m_root / "node_modules/@tsconfig/strictest/package.json",
              R"({"name": "@tsconfig/strictest"})");
    // A package naming its config in a "tsconfig" field.
    writeText(m_root / "node_modules/shared-config/package.json",
              R"({"name": "shared-config", "tsconfig": "./config/base.json"})");
    writeText(m_root / "node_modules/shared-config/config/base.json",
              R"({"compilerOptions": {"paths": {"@/*": ["${configDir}/src/*"]}}})");
    writeText(m_root / "app/tsconfig.json",
              R"({"extends": ["@tsconfig/strictest/tsconfig.json", "shared-config"]})");
    const Tsconfig c = loadTsconfig(p("app/tsconfig.json"));
    QVERIFY2(c.ok, c.error.c_str());
    QVERIFY(c.allowJs);
    QCOMPARE(c.paths[0].targets, std::vector<std::string>{p("app/src/*")});
    QVERIFY(contains(c.readFiles, p("node_modules/shared-config/config/base.json")));
    // A subpath without .json, as TypeScript appends it.
    writeText(m_root / "app/tsconfig.json", R"({"extends": "@tsconfig/strictest/tsconfig"})");
    QVERIFY2(loadTsconfig(p("app/tsconfig.json")).ok,
             loadTsconfig(p("app/tsconfig.json")).error.c_str());
    // Not installed: a clear error at the extends key.
    writeText(m_root / "app/tsconfig.json", "{\n  \"extends\": \"@tsconfig/nope\"\n}");
    const Tsconfig missing = loadTsconfig(p("app/tsconfig.json"));
    QVERIFY(!missing.ok);
    QCOMPARE(missing.errorLine, 2);
    QVERIFY2(missing.error.find("not installed") != std::string::npos, missing.error.c_str());
}

void TestTsconfigPaths::circularExtendsIsAnError()
{
    writeText(m_root / "a.json", R"({"extends": "./b.json"})");
    writeText(m_root / "b.json", R"({"extends": "./a.json"})");
    const Tsconfig c = loadTsconfig(p("a.json"));
    QVERIFY(!c.ok);
    QVERIFY2(c.error.find("circular") != std::string::npos, c.error.c_str());
}

void TestTsconfigPaths::includeGlobs()
{
    QVERIFY(tsconfigGlobMatch("/a/src", "/a/src/x/y.ts"));
    QVERIFY(tsconfigGlobMatch("/a/src/**/*", "/a/src/y.ts"));
    QVERIFY(tsconfigGlobMatch("/a/src/**/*.tsx", "/a/src/x/y.tsx"));
    QVERIFY(!tsconfigGlobMatch("/a/src/**/*.tsx", "/a/src/x/y.ts"));
    QVERIFY(!tsconfigGlobMatch("/a/src/*.ts", "/a/src/x/y.ts"));
    QVERIFY(!tsconfigGlobMatch("/a/**/*", "/a/.hidden/y.ts"));
    QVERIFY(tsconfigGlobMatch("/a/src/index.ts", "/a/src/index.ts"));
    QVERIFY(!tsconfigGlobMatch("/a/src", "/a/srcx/y.ts"));
}

void TestTsconfigPaths::pathsMapAndProbeLikeRelativeImports()
{
    writeText(m_root / "tsconfig.json", R"({"compilerOptions": {"paths": {
        "@/*": ["./src/*"], "@app": ["./src/app"], "@/special/*": ["./special/*"]}},
        "include": ["src", "special"]})");
    writeText(m_root / "src/app/index.tsx", "");
    writeText(m_root / "src/app/Document.tsx", "");
    writeText(m_root / "src/util.js", "");
    writeText(m_root / "special/thing.ts", "");
    writeText(m_root / "src/page.tsx", "");
    const Resolver r = resolver();
    const std::string importer = p("src/page.tsx");
    Resolution doc = r.resolve("@/app/Document", importer);
    QVERIFY2(doc.ok, doc.error.c_str());
    QCOMPARE(doc.path, p("src/app/Document.tsx"));
    QVERIFY(doc.tsconfigMapped);
    QVERIFY(!doc.bare);
    QVERIFY(contains(doc.configFiles, p("tsconfig.json")));
    // A folder's index; a ".js" naming a .ts from a TS importer; an exact key.
    QCOMPARE(r.resolve("@/app", importer).path, p("src/app/index.tsx"));
    QCOMPARE(r.resolve("@app", importer).path, p("src/app/index.tsx"));
    QCOMPARE(r.resolve("@/util", importer).path, p("src/util.js"));
    // The longest prefix first.
    QCOMPARE(r.resolve("@/special/thing", importer).path, p("special/thing.ts"));
    // A query survives.
    QCOMPARE(r.resolve("@/app/Document?raw", importer).query, std::string("?raw"));
}

void TestTsconfigPaths::noMappedFileFallsThroughToPackages()
{
    writeText(m_root / "tsconfig.json",
              R"({"compilerOptions": {"baseUrl": ".", "paths": {"*": ["./types/*"]}}})");
    writeText(m_root / "node_modules/pkg/package.json", R"({"name": "pkg", "main": "main.js"})");
    writeText(m_root / "node_modules/pkg/main.js", "");
    writeText(m_root / "src/a.ts", "");
    const Resolution r = resolver().resolve("pkg", p("src/a.ts"));
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.path, p("node_modules/pkg/main.js"));
    QVERIFY(r.bare);
    QVERIFY(!r.tsconfigMapped);
    // And a miss names what the mapping tried.
    const Resolution miss = resolver().resolve("@/nothing", p("src/a.ts"));
    QVERIFY(!miss.ok);
    QVERIFY2(miss.error.find(p("types/@/nothing")) != std::string::npos, miss.error.c_str());
}

void TestTsconfigPaths::nearestIncludingConfigWins()
{
    writeText(m_root / "tsconfig.json", R"({"compilerOptions": {"paths": {"@/*": ["./root/*"]}}})");
    writeText(m_root / "root/x.ts", "");
    writeText(m_root / "pkg/tsconfig.json",
              R"({"compilerOptions": {"paths": {"@/*": ["./own/*"]}}, "include": ["src"]})");
    writeText(m_root / "pkg/own/x.ts", "");
    writeText(m_root / "pkg/src/a.ts", "");
    writeText(m_root / "pkg/scripts/b.ts", "");
    writeText(m_root / "pkg/src/c.js", "");
    const Resolver r = resolver();
    QCOMPARE(r.resolve("@/x", p("pkg/src/a.ts")).path, p("pkg/own/x.ts"));
    // Outside the nearer config's include: the parent config applies.
    QCOMPARE(r.resolve("@/x", p("pkg/scripts/b.ts")).path, p("root/x.ts"));
    // JavaScript importers need allowJs: neither config maps them.
    QVERIFY(!r.resolve("@/x", p("pkg/src/c.js")).ok);
    // Importers in node_modules never consult a tsconfig.
    writeText(m_root / "node_modules/dep/index.ts", "");
    const Resolution dep = r.resolve("@/x", p("node_modules/dep/index.ts"));
    QVERIFY(!dep.ok);
    QVERIFY(dep.configFiles.empty());
}

void TestTsconfigPaths::solutionConfigDelegatesToReferences()
{
    // create-vite's react-ts layout.
    writeText(m_root / "tsconfig.json", R"({"files": [], "references": [
        {"path": "./tsconfig.app.json"}, {"path": "./tsconfig.node.json"}]})");
    writeText(m_root / "tsconfig.app.json",
              R"({"compilerOptions": {"paths": {"@/*": ["./src/*"]}}, "include": ["src"]})");
    writeText(m_root / "tsconfig.node.json", R"({"include": ["vite.config.ts"]})");
    writeText(m_root / "src/a.ts", "");
    writeText(m_root / "src/b.ts", "");
    const Resolution r = resolver().resolve("@/b", p("src/a.ts"));
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.path, p("src/b.ts"));
    QVERIFY(contains(r.configFiles, p("tsconfig.app.json")));
}

void TestTsconfigPaths::invalidationFollowsEditsAndNewConfigs()
{
    writeText(m_root / "base.json", R"({"compilerOptions": {"paths": {"@/*": ["./one/*"]}}})");
    writeText(m_root / "tsconfig.json", R"({"extends": "./base.json"})");
    writeText(m_root / "one/x.ts", "");
    writeText(m_root / "two/x.ts", "");
    writeText(m_root / "src/deep/a.ts", "");
    TsconfigPaths paths;
    TsconfigLookup first = paths.lookup(p("src/deep/a.ts"));
    QVERIFY(first.config);
    QCOMPARE(first.config->paths[0].targets, std::vector<std::string>{p("one/*")});
    // The answer depends on the base and on the nearer config paths found absent.
    QVERIFY(contains(first.dependencies, p("base.json")));
    QVERIFY(contains(first.dependencies, p("src/deep/tsconfig.json")));
    QVERIFY(contains(first.dependencies, p("src/jsconfig.json")));
    // Cached until told.
    writeText(m_root / "base.json", R"({"compilerOptions": {"paths": {"@/*": ["./two/*"]}}})");
    QCOMPARE(paths.lookup(p("src/deep/a.ts")).config->paths[0].targets,
             std::vector<std::string>{p("one/*")});
    QVERIFY(!paths.invalidate(p("src/deep/a.ts")));
    QVERIFY(paths.invalidate(p("base.json")));
    QCOMPARE(paths.lookup(p("src/deep/a.ts")).config->paths[0].targets,
             std::vector<std::string>{p("two/*")});
    // A new, nearer config.
    writeText(m_root / "src/tsconfig.json",
              R"({"compilerOptions": {"paths": {"@/*": ["../one/*"]}}})");
    QVERIFY(paths.invalidate(p("src/tsconfig.json")));
    QCOMPARE(paths.lookup(p("src/deep/a.ts")).config->file, p("src/tsconfig.json"));
    // A broken config, then fixed.
    writeText(m_root / "src/tsconfig.json", "{,}");
    paths.invalidate(p("src/tsconfig.json"));
    QVERIFY(!paths.lookup(p("src/deep/a.ts")).config->ok);
    writeText(m_root / "src/tsconfig.json", "{}");
    paths.invalidate(p("src/tsconfig.json"));
    QCOMPARE(paths.lookup(p("src/deep/a.ts")).config->file, p("tsconfig.json"));
}

QTEST_GUILESS_MAIN(TestTsconfigPaths)
#include "tst_tsconfig_paths.moc"
