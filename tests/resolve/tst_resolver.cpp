// Tests for sy_resolve: generated fixtures in a temporary dir and the real
// React packages installed in examples/hello/node_modules.
#include "resolve/exportsMatcher.h"
#include "resolve/packageJson.h"
#include "resolve/resolver.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using sy::EnvironmentKind;
using sy::Resolution;
using sy::Resolver;

namespace {

void writeFile(const fs::path &p, const std::string &text)
{
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string real(const fs::path &p)
{
    return fs::canonical(p).string();
}

bool contains(const std::string &hay, const std::string &needle)
{
    return hay.find(needle) != std::string::npos;
}

bool triedContains(const Resolution &r, const std::string &needle)
{
    for (const auto &t : r.tried)
        if (contains(t, needle))
            return true;
    return false;
}

const char *helloDir = SY_SOURCE_DIR "/examples/hello";

} // namespace

#define VERIFY_OK(r) QVERIFY2((r).ok, ("expected ok, got: " + (r).error).c_str())
#define COMPARE_PATH(r, expected)                                                                  \
    do {                                                                                           \
        VERIFY_OK(r);                                                                              \
        QCOMPARE(QString::fromStdString((r).path), QString::fromStdString(expected));              \
    } while (0)

class TstResolver : public QObject {
    Q_OBJECT

    QTemporaryDir tmp;
    fs::path root;    // real path of the temp dir
    fs::path app;     // root/app
    std::string page; // importer: app/src/page.tsx
    fs::path nm;      // app/node_modules

    Resolver client{EnvironmentKind::Client, sy::resolveOptionsFor(EnvironmentKind::Client)};
    Resolver ssr{EnvironmentKind::Ssr, sy::resolveOptionsFor(EnvironmentKind::Ssr)};
    Resolver worker{EnvironmentKind::Worker, sy::resolveOptionsFor(EnvironmentKind::Worker)};

    fs::path f(const std::string &rel) const { return app / rel; }

private slots:
    void initTestCase();

    void environments();
    void relativeAndAbsolute();
    void extensionAndIndexProbing();
    void tsImporterSwapsJsExtension();
    void queryIsSplitOff();
    void exportsSubpaths();
    void exportsPatterns();
    void exportsNestedConditionsInKeyOrder();
    void exportsArrays();
    void exportsNullIsNotExported();
    void exportsUnknownSubpathAndNoCondition();
    void exportsSugarForms();
    void importsField();
    void mainFieldsPerEnvironment();
    void indexFallbackWithoutMain();
    void scopedPackage();
    void browserObjectField();
    void symlinkedPackagePnpmLayout();
    void malformedPackageJson();
    void missingPackageError();
    void missingRelativeError();
    void builtinAndSchemes();
    void selfReference();
    void invalidatePackageJson();
    void matcherPatternPriority();

    void realReact_data();
    void realReact();
    void realPackageMetadata();
    void threadsAgree();
};

void TstResolver::initTestCase()
{
    QVERIFY(tmp.isValid());
    root = fs::canonical(tmp.path().toStdString());
    app = root / "app";
    nm = app / "node_modules";
    page = (app / "src/page.tsx").string();

    writeFile(app / "package.json", R"({
  "name": "app",
  "type": "module",
  "imports": {
    "#internal": "./src/internal.ts",
    "#utils/*": "./src/utils/*.ts",
    "#dep": "exp/sub",
    "#cond": { "react-server": "./src/cond.server.ts", "default": "./src/cond.ts" },
    "#hidden": null
  },
  "browser": { "./src/serverOnly.ts": "./src/clientShim.ts", "fs": false }
})");
    for (const char *file :
         {"src/page.tsx", "src/internal.ts", "src/utils/a.ts", "src/cond.server.ts", "src/cond.ts",
          "src/comp.tsx", "src/lib/index.ts", "src/helper.ts", "src/data.json", "src/plain.js",
          "src/serverOnly.ts", "src/clientShim.ts", "src/both.ts", "src/both.js"})
        writeFile(f(file), "export default 1;\n");

    // exports in every shape
    writeFile(nm / "exp/package.json", R"({
  "name": "exp", "version": "1.2.3",
  "main": "./should-not-be-used.js",
  "exports": {
    ".": { "import": "./esm/index.js", "require": "./cjs/index.js" },
    "./sub": "./lib/sub.js",
    "./features/*": "./src/features/*.js",
    "./features/*.css": "./styles/*.css",
    "./features/private/*": null,
    "./cond": {
      "worker": { "react-server": "./cond/rsc.js", "default": "./cond/worker.js" },
      "browser": "./cond/browser.js",
      "default": "./cond/default.js"
    },
    "./order": { "default": "./order/default.js", "browser": "./order/browser.js" },
    "./arr": ["./arr/missing.js", "./arr/found.js"],
    "./arrcond": [{ "react-server": "./arr/rsc-missing.js" }, "./arr/found.js"],
    "./nocond": { "node": "./x.js" },
    "./bad": "../outside.js",
    "./gone": "./lib/gone.js",
    "./package.json": "./package.json"
  }
})");
    for (const char *file :
         {"esm/index.js", "cjs/index.js", "should-not-be-used.js", "lib/sub.js",
          "src/features/a.js", "src/features/deep/b.js", "styles/x.css",
          "src/features/private/secret.js", "cond/rsc.js", "cond/worker.js", "cond/browser.js",
          "cond/default.js", "order/default.js", "order/browser.js", "arr/found.js", "x.js"})
        writeFile(nm / "exp" / file, "export {};\n");

    writeFile(nm / "sugar-string/package.json", R"({"name":"sugar-string","exports":"./main.js"})");
    writeFile(nm / "sugar-string/main.js", "");
    writeFile(nm / "sugar-string/other.js", "");
    writeFile(nm / "sugar-cond/package.json",
              R"({"name":"sugar-cond","exports":{"browser":"./b.js","default":"./d.js"}})");
    writeFile(nm / "sugar-cond/b.js", "");
    writeFile(nm / "sugar-cond/d.js", "");

    // main fields, no exports
    writeFile(nm / "mainpkg/package.json", R"({"name":"mainpkg","version":"0.1.0",
      "main":"lib/main.js","module":"esm/main.mjs","browser":"browser/main.js"})");
    for (const char *file :
         {"lib/main.js", "esm/main.mjs", "browser/main.js", "lib/dir/index.js", "lib/extless.js"})
        writeFile(nm / "mainpkg" / file, "");
    writeFile(nm / "mainonly/package.json", R"({"name":"mainonly","main":"dist/entry"})");
    writeFile(nm / "mainonly/dist/entry.cjs", "");
    writeFile(nm / "indexonly/package.json", R"({"name":"indexonly"})");
    writeFile(nm / "indexonly/index.js", "");
    writeFile(nm / "nopkgjson/index.mjs", "");

    // scoped
    writeFile(nm / "@scope/pkg/package.json",
              R"({"name":"@scope/pkg","version":"2.0.0","main":"./main.js"})");
    writeFile(nm / "@scope/pkg/main.js", "");
    writeFile(nm / "@scope/pkg/extra.js", "");

    // browser object map
    writeFile(nm / "browsermap/package.json", R"({"name":"browsermap","main":"./index.js",
      "browser":{"./server.js":"./server-browser.js","./node-only.js":false,"os":false,
                 "./lib/impl":"./lib/impl-browser.js"}})");
    for (const char *file : {"index.js", "server.js", "server-browser.js", "node-only.js",
                             "lib/impl.js", "lib/impl-browser.js"})
        writeFile(nm / "browsermap" / file, "");

    // pnpm-style: app/node_modules/linked -> ../../store/linked@1.0.0/node_modules/linked
    const fs::path store = root / "store/linked@1.0.0/node_modules";
    writeFile(store / "linked/package.json",
              R"({"name":"linked","version":"1.0.0","main":"index.js"})");
    writeFile(store / "linked/index.js", "");
    writeFile(store / "sibling/package.json", R"({"name":"sibling","version":"3.0.0"})");
    writeFile(store / "sibling/index.js", "");
    fs::create_directory_symlink("../../store/linked@1.0.0/node_modules/linked", nm / "linked");
    // and a symlinked file inside the app
    fs::create_symlink("plain.js", f("src/alias.js"));

    // malformed
    writeFile(nm / "broken/package.json", "{ \"name\": \"broken\", }\n");
    writeFile(nm / "broken/index.js", "");

    // self reference
    writeFile(nm / "selfref/package.json",
              R"({"name":"selfref","exports":{".":"./index.js","./util":"./util.js"}})");
    writeFile(nm / "selfref/index.js", "");
    writeFile(nm / "selfref/util.js", "");
}

void TstResolver::environments()
{
    QCOMPARE(sy::environmentName(EnvironmentKind::Client), std::string_view("client"));
    QCOMPARE(sy::environmentName(EnvironmentKind::Ssr), std::string_view("ssr"));
    QCOMPARE(sy::environmentName(EnvironmentKind::Worker), std::string_view("worker"));
    QCOMPARE(sy::environmentFromName("worker"), std::optional(EnvironmentKind::Worker));
    QCOMPARE(sy::environmentFromName("ssr"), std::optional(EnvironmentKind::Ssr));
    QCOMPARE(sy::environmentFromName("client"), std::optional(EnvironmentKind::Client));
    QVERIFY(!sy::environmentFromName("browser").has_value());

    const auto w = sy::resolveOptionsFor(EnvironmentKind::Worker);
    QCOMPARE(w.conditions.front(), std::string("react-server"));
    QVERIFY(!w.browserField);
    const auto c = sy::resolveOptionsFor(EnvironmentKind::Client);
    QCOMPARE(c.conditions.front(), std::string("browser"));
    QCOMPARE(c.mainFields.front(), std::string("browser"));
    QVERIFY(c.browserField);
    const auto s = sy::resolveOptionsFor(EnvironmentKind::Ssr);
    QCOMPARE(s.mainFields, (std::vector<std::string>{"module", "main"}));
    QVERIFY(std::find(s.conditions.begin(), s.conditions.end(), "react-server") ==
            s.conditions.end());
}

void TstResolver::relativeAndAbsolute()
{
    auto r = ssr.resolve("./internal.ts", page);
    COMPARE_PATH(r, f("src/internal.ts").string());
    QVERIFY(!r.bare);
    QVERIFY(r.packageName.empty());

    r = ssr.resolve("../src/utils/a.ts", page);
    COMPARE_PATH(r, f("src/utils/a.ts").string());

    r = ssr.resolve(f("src/cond.ts").string(), "");
    COMPARE_PATH(r, f("src/cond.ts").string());

    // a symlinked file resolves to its real path
    r = ssr.resolve("./alias.js", page);
    COMPARE_PATH(r, f("src/plain.js").string());

    // a relative import from inside node_modules reports the package
    // from esm/, "./lib/sub.js" is esm/lib/sub.js which does not exist
    r = ssr.resolve("./lib/sub.js", (nm / "exp/esm/index.js").string());
    QVERIFY(!r.ok);
    QCOMPARE(r.tried.front(), (nm / "exp/esm/lib/sub.js").string());
    r = ssr.resolve("../lib/sub.js", (nm / "exp/esm/index.js").string());
    COMPARE_PATH(r, (nm / "exp/lib/sub.js").string());
    QCOMPARE(r.packageName, std::string("exp"));
    QCOMPARE(r.packageVersion, std::string("1.2.3"));
    QCOMPARE(r.packageDir, (nm / "exp").string());
}

void TstResolver::extensionAndIndexProbing()
{
    auto r = client.resolve("./comp", page);
    COMPARE_PATH(r, f("src/comp.tsx").string());
    QVERIFY(triedContains(r, "comp.ts")); // .ts probed before .tsx

    r = client.resolve("./lib", page);
    COMPARE_PATH(r, f("src/lib/index.ts").string());

    r = client.resolve("./data", page);
    COMPARE_PATH(r, f("src/data.json").string());

    // .ts comes before .js in the default extension order
    r = client.resolve("./both", page);
    COMPARE_PATH(r, f("src/both.ts").string());

    // custom extension order
    auto opts = sy::resolveOptionsFor(EnvironmentKind::Ssr);
    opts.extensions = {".js", ".ts"};
    Resolver jsFirst(EnvironmentKind::Ssr, opts);
    r = jsFirst.resolve("./both", page);
    COMPARE_PATH(r, f("src/both.js").string());

    // a relative directory with a package.json uses its main fields per environment
    const std::string appIndex = f("index.js").string();
    COMPARE_PATH(client.resolve("./node_modules/mainpkg", appIndex),
                 (nm / "mainpkg/browser/main.js").string());
    COMPARE_PATH(ssr.resolve("./node_modules/mainpkg", appIndex),
                 (nm / "mainpkg/esm/main.mjs").string());

    // deep import without exports: extension + directory index
    r = ssr.resolve("mainpkg/lib/extless", page);
    COMPARE_PATH(r, (nm / "mainpkg/lib/extless.js").string());
    r = ssr.resolve("mainpkg/lib/dir", page);
    COMPARE_PATH(r, (nm / "mainpkg/lib/dir/index.js").string());
}

void TstResolver::tsImporterSwapsJsExtension()
{
    auto r = ssr.resolve("./helper.js", page);
    COMPARE_PATH(r, f("src/helper.ts").string());
    // a JS importer does not get the swap
    r = ssr.resolve("./helper.js", f("src/plain.js").string());
    QVERIFY(!r.ok);
}

void TstResolver::queryIsSplitOff()
{
    auto r = client.resolve("./comp?raw", page);
    COMPARE_PATH(r, f("src/comp.tsx").string());
    QCOMPARE(r.query, std::string("?raw"));
}

void TstResolver::exportsSubpaths()
{
    auto r = ssr.resolve("exp", page);
    COMPARE_PATH(r, (nm / "exp/esm/index.js").string()); // "import" beats main
    QVERIFY(r.bare);
    QCOMPARE(r.packageName, std::string("exp"));
    QCOMPARE(r.packageVersion, std::string("1.2.3"));
    QCOMPARE(r.packageDir, (nm / "exp").string());

    r = ssr.resolve("exp/sub", page);
    COMPARE_PATH(r, (nm / "exp/lib/sub.js").string());

    r = ssr.resolve("exp/package.json", page);
    COMPARE_PATH(r, (nm / "exp/package.json").string());

    // a file that exists but is not in exports is not reachable
    r = ssr.resolve("exp/lib/sub.js", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "not exported"), r.error.c_str());

    // a target escaping the package is invalid
    r = ssr.resolve("exp/bad", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "invalid target"), r.error.c_str());

    // an exported target that does not exist names the target
    r = ssr.resolve("exp/gone", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "lib/gone.js") && contains(r.error, "does not exist"),
             r.error.c_str());
}

void TstResolver::exportsPatterns()
{
    auto r = ssr.resolve("exp/features/a", page);
    COMPARE_PATH(r, (nm / "exp/src/features/a.js").string());
    r = ssr.resolve("exp/features/deep/b", page); // '*' spans '/'
    COMPARE_PATH(r, (nm / "exp/src/features/deep/b.js").string());
    // same prefix length: the longer key "./features/*.css" wins
    r = ssr.resolve("exp/features/x.css", page);
    COMPARE_PATH(r, (nm / "exp/styles/x.css").string());
    // longest prefix "./features/private/" beats "./features/" and is null
    r = ssr.resolve("exp/features/private/secret", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "not exported") && contains(r.error, "./features/private/*"),
             r.error.c_str());
}

void TstResolver::exportsNestedConditionsInKeyOrder()
{
    COMPARE_PATH(worker.resolve("exp/cond", page), (nm / "exp/cond/rsc.js").string());
    COMPARE_PATH(ssr.resolve("exp/cond", page), (nm / "exp/cond/worker.js").string());
    COMPARE_PATH(client.resolve("exp/cond", page), (nm / "exp/cond/browser.js").string());
    // key order decides, not the order of our condition list: "default" comes first
    COMPARE_PATH(client.resolve("exp/order", page), (nm / "exp/order/default.js").string());

    auto opts = sy::resolveOptionsFor(EnvironmentKind::Ssr);
    opts.conditions = {"default"};
    Resolver plain(EnvironmentKind::Ssr, opts);
    COMPARE_PATH(plain.resolve("exp/cond", page), (nm / "exp/cond/default.js").string());
}

void TstResolver::exportsArrays()
{
    auto r = ssr.resolve("exp/arr", page);
    COMPARE_PATH(r, (nm / "exp/arr/found.js").string());
    QVERIFY(triedContains(r, "arr/missing.js"));
    // first alternative is a condition object that resolves to a missing file in worker only
    COMPARE_PATH(worker.resolve("exp/arrcond", page), (nm / "exp/arr/found.js").string());
    COMPARE_PATH(ssr.resolve("exp/arrcond", page), (nm / "exp/arr/found.js").string());
}

void TstResolver::exportsNullIsNotExported()
{
    auto r = client.resolve("exp/features/private/secret", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "maps to null"), r.error.c_str());
    QVERIFY2(contains(r.error, "client environment"), r.error.c_str());
}

void TstResolver::exportsUnknownSubpathAndNoCondition()
{
    auto r = ssr.resolve("exp/nope", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "\"./nope\" is not exported"), r.error.c_str());
    QVERIFY2(contains(r.error, (nm / "exp/package.json").string()), r.error.c_str());

    r = ssr.resolve("exp/nocond", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "no condition"), r.error.c_str());
    QVERIFY2(contains(r.error, "workerd"), r.error.c_str()); // lists our conditions
}

void TstResolver::exportsSugarForms()
{
    COMPARE_PATH(ssr.resolve("sugar-string", page), (nm / "sugar-string/main.js").string());
    auto r = ssr.resolve("sugar-string/other.js", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "not exported"), r.error.c_str());
    COMPARE_PATH(client.resolve("sugar-cond", page), (nm / "sugar-cond/b.js").string());
    COMPARE_PATH(ssr.resolve("sugar-cond", page), (nm / "sugar-cond/d.js").string());
}

void TstResolver::importsField()
{
    COMPARE_PATH(ssr.resolve("#internal", page), f("src/internal.ts").string());
    COMPARE_PATH(ssr.resolve("#utils/a", page), f("src/utils/a.ts").string());
    COMPARE_PATH(worker.resolve("#cond", page), f("src/cond.server.ts").string());
    COMPARE_PATH(ssr.resolve("#cond", page), f("src/cond.ts").string());
    // bare target: resolved as a package from the scope
    auto r = ssr.resolve("#dep", page);
    COMPARE_PATH(r, (nm / "exp/lib/sub.js").string());
    QCOMPARE(r.packageName, std::string("exp"));

    r = ssr.resolve("#hidden", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "null"), r.error.c_str());
    r = ssr.resolve("#nothing", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "not defined"), r.error.c_str());
}

void TstResolver::mainFieldsPerEnvironment()
{
    COMPARE_PATH(client.resolve("mainpkg", page), (nm / "mainpkg/browser/main.js").string());
    COMPARE_PATH(ssr.resolve("mainpkg", page), (nm / "mainpkg/esm/main.mjs").string());
    COMPARE_PATH(worker.resolve("mainpkg", page), (nm / "mainpkg/esm/main.mjs").string());
    auto opts = sy::resolveOptionsFor(EnvironmentKind::Ssr);
    opts.mainFields = {"main"};
    Resolver mainOnly(EnvironmentKind::Ssr, opts);
    COMPARE_PATH(mainOnly.resolve("mainpkg", page), (nm / "mainpkg/lib/main.js").string());
    // main without extension gets probed
    COMPARE_PATH(ssr.resolve("mainonly", page), (nm / "mainonly/dist/entry.cjs").string());
}

void TstResolver::indexFallbackWithoutMain()
{
    COMPARE_PATH(ssr.resolve("indexonly", page), (nm / "indexonly/index.js").string());
    auto r = ssr.resolve("nopkgjson", page);
    COMPARE_PATH(r, (nm / "nopkgjson/index.mjs").string());
    QCOMPARE(r.packageName, std::string("nopkgjson"));
}

void TstResolver::scopedPackage()
{
    auto r = ssr.resolve("@scope/pkg", page);
    COMPARE_PATH(r, (nm / "@scope/pkg/main.js").string());
    QCOMPARE(r.packageName, std::string("@scope/pkg"));
    QCOMPARE(r.packageVersion, std::string("2.0.0"));
    r = ssr.resolve("@scope/pkg/extra", page);
    COMPARE_PATH(r, (nm / "@scope/pkg/extra.js").string());
    // relative import inside a scoped package reports the scoped name
    r = ssr.resolve("./extra.js", (nm / "@scope/pkg/main.js").string());
    COMPARE_PATH(r, (nm / "@scope/pkg/extra.js").string());
    QCOMPARE(r.packageName, std::string("@scope/pkg"));
    QVERIFY(!ssr.resolve("@scope", page).ok);
}

void TstResolver::browserObjectField()
{
    const std::string bmIndex = (nm / "browsermap/index.js").string();
    // file replacement: client only
    COMPARE_PATH(client.resolve("./server.js", bmIndex),
                 (nm / "browsermap/server-browser.js").string());
    COMPARE_PATH(client.resolve("./server", bmIndex),
                 (nm / "browsermap/server-browser.js").string());
    COMPARE_PATH(ssr.resolve("./server.js", bmIndex), (nm / "browsermap/server.js").string());
    COMPARE_PATH(client.resolve("browsermap/server", page),
                 (nm / "browsermap/server-browser.js").string());
    // key without extension
    COMPARE_PATH(client.resolve("./lib/impl", bmIndex),
                 (nm / "browsermap/lib/impl-browser.js").string());

    // false -> empty module marker
    auto r = client.resolve("./node-only.js", bmIndex);
    VERIFY_OK(r);
    QVERIFY(r.browserExternal);
    QVERIFY(r.path.rfind(std::string(sy::kBrowserExternalPrefix), 0) == 0);
    r = ssr.resolve("./node-only.js", bmIndex);
    COMPARE_PATH(r, (nm / "browsermap/node-only.js").string());
    QVERIFY(!r.browserExternal);

    // bare specifier mapped to false from inside the package
    r = client.resolve("os", bmIndex);
    VERIFY_OK(r);
    QVERIFY(r.browserExternal);
    QCOMPARE(r.path, std::string(sy::kBrowserExternalPrefix) + "os");
    QVERIFY(!ssr.resolve("os", bmIndex).ok);

    // the app's own browser field
    COMPARE_PATH(client.resolve("./serverOnly", page), f("src/clientShim.ts").string());
    COMPARE_PATH(ssr.resolve("./serverOnly", page), f("src/serverOnly.ts").string());
    r = client.resolve("fs", page);
    QVERIFY(r.ok && r.browserExternal);
}

void TstResolver::symlinkedPackagePnpmLayout()
{
    QVERIFY(fs::is_symlink(nm / "linked"));
    auto r = ssr.resolve("linked", page);
    const fs::path store = root / "store/linked@1.0.0/node_modules";
    COMPARE_PATH(r, (store / "linked/index.js").string());
    QCOMPARE(r.packageDir, (store / "linked").string());
    QCOMPARE(r.packageName, std::string("linked"));
    QCOMPARE(r.packageVersion, std::string("1.0.0"));
    // from the real file, pnpm's sibling dependency is found
    r = ssr.resolve("sibling", r.path);
    COMPARE_PATH(r, (store / "sibling/index.js").string());
    QCOMPARE(r.packageVersion, std::string("3.0.0"));
    // ... but not from the app
    QVERIFY(!ssr.resolve("sibling", page).ok);
}

void TstResolver::malformedPackageJson()
{
    auto r = ssr.resolve("broken", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, (nm / "broken/package.json").string()), r.error.c_str());
    QVERIFY2(contains(r.error, "malformed package.json"), r.error.c_str());
    QVERIFY2(contains(r.error, "parse error"), r.error.c_str());
    // a relative import into that directory also reports it rather than crashing
    r = ssr.resolve("./node_modules/broken", f("index.js").string());
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "parse error"), r.error.c_str());

    auto pkg = sy::parsePackageJson("/x/package.json", "[1,2]");
    QVERIFY(!pkg->parseOk);
    QVERIFY(!pkg->parseError.empty());
}

void TstResolver::missingPackageError()
{
    auto r = worker.resolve("does-not-exist/sub", page);
    QVERIFY(!r.ok);
    QVERIFY(r.bare);
    QVERIFY2(contains(r.error, "\"does-not-exist/sub\""), r.error.c_str());
    QVERIFY2(contains(r.error, page), r.error.c_str());
    QVERIFY2(contains(r.error, "worker environment"), r.error.c_str());
    const std::string c1 = (app / "src/node_modules/does-not-exist").string();
    const std::string c2 = (app / "node_modules/does-not-exist").string();
    QVERIFY2(contains(r.error, c1) && contains(r.error, c2), r.error.c_str());
    QVERIFY(r.tried.size() >= 3);
    QCOMPARE(r.tried[0], c1); // walked upward from the importer's dir
    QCOMPARE(r.tried[1], c2);
}

void TstResolver::missingRelativeError()
{
    auto r = client.resolve("./nope", page);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "\"./nope\"") && contains(r.error, "client environment") &&
                 contains(r.error, page),
             r.error.c_str());
    QVERIFY(triedContains(r, "src/nope.tsx"));
    QVERIFY(triedContains(r, "src/nope.json"));
    QVERIFY2(contains(r.error, f("src/nope.ts").string()), r.error.c_str());
}

void TstResolver::builtinAndSchemes()
{
    auto r = worker.resolve("node:async_hooks", page);
    QVERIFY(!r.ok);
    QVERIFY(r.builtin);
    QVERIFY(contains(r.error, "built-in"));
    r = worker.resolve("virtual:foo", page);
    QVERIFY(!r.ok);
    QVERIFY(contains(r.error, "scheme"));
}

void TstResolver::selfReference()
{
    auto r = ssr.resolve("selfref/util", (nm / "selfref/index.js").string());
    COMPARE_PATH(r, (nm / "selfref/util.js").string());
}

void TstResolver::invalidatePackageJson()
{
    Resolver r(EnvironmentKind::Ssr, sy::resolveOptionsFor(EnvironmentKind::Ssr));
    writeFile(nm / "mutable/package.json", R"({"name":"mutable","exports":"./a.js"})");
    writeFile(nm / "mutable/a.js", "");
    writeFile(nm / "mutable/b.js", "");
    COMPARE_PATH(r.resolve("mutable", page), (nm / "mutable/a.js").string());
    writeFile(nm / "mutable/package.json", R"({"name":"mutable","exports":"./b.js"})");
    // cached until told
    COMPARE_PATH(r.resolve("mutable", page), (nm / "mutable/a.js").string());
    r.invalidatePackageJson((nm / "mutable/package.json").string());
    COMPARE_PATH(r.resolve("mutable", page), (nm / "mutable/b.js").string());
    writeFile(nm / "mutable/package.json", R"({"name":"mutable","exports":"./a.js"})");
    r.clearCache();
    COMPARE_PATH(r.resolve("mutable", page), (nm / "mutable/a.js").string());
}

void TstResolver::matcherPatternPriority()
{
    const auto exports = nlohmann::ordered_json::parse(R"({
        "./*": "./all/*.js",
        "./a/*": "./a/*.js",
        "./a/b/*": "./ab/*.js",
        "./a/*/x": "./ax/*.js",
        "./two/*/*": "./never.js",
        "./exact": "./exact.js"
    })");
    const std::vector<std::string> conds = {"default"};
    using K = sy::ExportsMatch::Kind;
    auto m = sy::matchExports(exports, "./a/b/c", conds);
    QCOMPARE(int(m.kind), int(K::Found));
    QCOMPARE(m.target, std::string("./ab/c.js"));
    m = sy::matchExports(exports, "./a/q/x", conds);
    QCOMPARE(m.target, std::string("./ax/q.js")); // longer key with same prefix
    m = sy::matchExports(exports, "./a/q", conds);
    QCOMPARE(m.target, std::string("./a/q.js"));
    m = sy::matchExports(exports, "./zzz", conds);
    QCOMPARE(m.target, std::string("./all/zzz.js"));
    m = sy::matchExports(exports, "./exact", conds);
    QCOMPARE(m.target, std::string("./exact.js"));
    m = sy::matchExports(exports, "./two/1/2", conds);
    QCOMPARE(m.target, std::string("./all/two/1/2.js")); // two-star keys are ignored
    m = sy::matchExports(exports, "./all/../../etc", conds);
    QCOMPARE(int(m.kind), int(K::InvalidTarget));
}

// ---- real packages (examples/hello) ----

void TstResolver::realReact_data()
{
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("specifier");
    QTest::addColumn<QString>("expected"); // relative to node_modules

    QTest::newRow("worker react") << "worker"
                                  << "react"
                                  << "react/react.react-server.js";
    QTest::newRow("ssr react") << "ssr"
                               << "react"
                               << "react/index.js";
    QTest::newRow("client react") << "client"
                                  << "react"
                                  << "react/index.js";
    QTest::newRow("worker jsx-dev") << "worker"
                                    << "react/jsx-dev-runtime"
                                    << "react/jsx-dev-runtime.react-server.js";
    QTest::newRow("ssr jsx-dev") << "ssr"
                                 << "react/jsx-dev-runtime"
                                 << "react/jsx-dev-runtime.js";
    QTest::newRow("client jsx-dev") << "client"
                                    << "react/jsx-dev-runtime"
                                    << "react/jsx-dev-runtime.js";
    QTest::newRow("worker jsx") << "worker"
                                << "react/jsx-runtime"
                                << "react/jsx-runtime.react-server.js";
    QTest::newRow("ssr react-dom/server.edge") << "ssr"
                                               << "react-dom/server.edge"
                                               << "react-dom/server.edge.js";
    QTest::newRow("ssr react-dom/server") << "ssr"
                                          << "react-dom/server"
                                          << "react-dom/server.edge.js";
    QTest::newRow("worker react-dom") << "worker"
                                      << "react-dom"
                                      << "react-dom/react-dom.react-server.js";
    QTest::newRow("client react-dom/client") << "client"
                                             << "react-dom/client"
                                             << "react-dom/client.js";
    QTest::newRow("worker rsdw/server.edge") << "worker"
                                             << "react-server-dom-webpack/server.edge"
                                             << "react-server-dom-webpack/server.edge.js";
    QTest::newRow("worker rsdw/server") << "worker"
                                        << "react-server-dom-webpack/server"
                                        << "react-server-dom-webpack/server.edge.js";
    QTest::newRow("ssr rsdw/client.edge") << "ssr"
                                          << "react-server-dom-webpack/client.edge"
                                          << "react-server-dom-webpack/client.edge.js";
    QTest::newRow("ssr rsdw/client") << "ssr"
                                     << "react-server-dom-webpack/client"
                                     << "react-server-dom-webpack/client.edge.js";
    QTest::newRow("client rsdw/client.browser") << "client"
                                                << "react-server-dom-webpack/client.browser"
                                                << "react-server-dom-webpack/client.browser.js";
    QTest::newRow("client rsdw/client") << "client"
                                        << "react-server-dom-webpack/client"
                                        << "react-server-dom-webpack/client.browser.js";
    QTest::newRow("client is-number") << "client"
                                      << "is-number"
                                      << "is-number/index.js";
}

void TstResolver::realReact()
{
    QFETCH(QString, env);
    QFETCH(QString, specifier);
    QFETCH(QString, expected);
    const fs::path hello = helloDir;
    if (!fs::exists(hello / "node_modules/react/package.json"))
        QSKIP("examples/hello/node_modules not installed (cd examples/hello && npm install)");
    const auto kind = sy::environmentFromName(env.toStdString());
    QVERIFY(kind);
    Resolver r(*kind, sy::resolveOptionsFor(*kind));
    const std::string importer = (hello / "src/page.tsx").string();
    auto res = r.resolve(specifier.toStdString(), importer);
    COMPARE_PATH(res, real(hello / "node_modules" / expected.toStdString()));
    QVERIFY(res.bare);
}

void TstResolver::realPackageMetadata()
{
    const fs::path hello = helloDir;
    if (!fs::exists(hello / "node_modules/react/package.json"))
        QSKIP("examples/hello/node_modules not installed");
    const std::string importer = (hello / "src/page.tsx").string();
    auto r = worker.resolve("react", importer);
    VERIFY_OK(r);
    QCOMPARE(r.packageName, std::string("react"));
    QCOMPARE(r.packageVersion, std::string("19.3.1"));
    QCOMPARE(r.packageDir, real(hello / "node_modules/react"));
    auto n = client.resolve("is-number", importer);
    QCOMPARE(n.packageVersion, std::string("7.0.0"));
    // a deep file that is not exported
    auto hidden = ssr.resolve("react/cjs/react.development.js", importer);
    QVERIFY(!hidden.ok);
    QVERIFY2(contains(hidden.error, "not exported"), hidden.error.c_str());
    // a relative import inside react reports the package
    auto inner = ssr.resolve("./cjs/react.development.js", r.packageDir + "/index.js");
    VERIFY_OK(inner);
    QCOMPARE(inner.packageName, std::string("react"));
}

void TstResolver::threadsAgree()
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"exp/cond", (nm / "exp/cond/worker.js").string()},
        {"exp/features/deep/b", (nm / "exp/src/features/deep/b.js").string()},
        {"./comp", f("src/comp.tsx").string()},
        {"#internal", f("src/internal.ts").string()},
        {"linked", (root / "store/linked@1.0.0/node_modules/linked/index.js").string()},
        {"@scope/pkg", (nm / "@scope/pkg/main.js").string()},
    };
    Resolver shared(EnvironmentKind::Ssr, sy::resolveOptionsFor(EnvironmentKind::Ssr));
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 500; ++i) {
                const auto &[spec, expected] = cases[(i + t) % cases.size()];
                auto r = shared.resolve(spec, page);
                if (!r.ok || r.path != expected)
                    ++failures;
                if (i % 100 == 0 && t == 0)
                    shared.invalidatePackageJson((nm / "exp/package.json").string());
            }
        });
    }
    for (auto &th : threads)
        th.join();
    QCOMPARE(failures.load(), 0);
}

QTEST_GUILESS_MAIN(TstResolver)
#include "tst_resolver.moc"
