// CssProcessor (engine/env/cssProcessor.h): @import inlining, url() rebasing,
// CSS modules, nesting, the project's PostCSS config and Tailwind CSS v4
// through the real npm packages, and the errors of each.
#include "env/cssImports.h"
#include "env/cssProcessor.h"
#include "env/embeddedModules.h"
#include "env/projectConfig.h"
#include "js/toolHost.h"
#include "resolve/resolver.h"
#include "server/filePolicy.h"
#include "support/cssTestApp.h"
#include "support/textFiles.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

using namespace sy;
namespace fs = std::filesystem;
using sy::test::App;
using sy::test::contains;
using sy::test::CssResolver;

class TstCssProcessor : public QObject {
    Q_OBJECT
private slots:
    void importsAreInlinedWithTheirConditions()
    {
        App app;
        app.put("src/styles.css", "@charset \"utf-8\";\n"
                                  "@import url(https://fonts.example/inter.css);\n"
                                  "@import \"./base.css\";\n"
                                  "@import 'theme.css' layer(theme) supports(display: grid) "
                                  "screen and (min-width: 10px);\n"
                                  "@import \"pkg\";\n"
                                  "@import \"./base.css\";\n"
                                  ".app { color: red }\n");
        app.put("src/base.css", "@charset \"utf-8\";\n@import \"./nested/reset.css\" print;\n"
                                "body { margin: 0 }\n");
        app.put("src/nested/reset.css", "* { box-sizing: border-box }\n");
        app.put("src/theme.css", ":root { --c: blue }\n");
        app.put(
            "node_modules/pkg/package.json",
            R"({"name":"pkg","exports":{".":{"style":"./dist/pkg.css","default":"./index.js"}}})");
        app.put("node_modules/pkg/dist/pkg.css", ".pkg { display: flex }\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        const std::string &css = out.css;
        // the remote import is kept, first; the local ones are gone
        QVERIFY2(css.rfind("@import \"https://fonts.example/inter.css\";", 0) == 0, css.c_str());
        QCOMPARE(css.find("@import", 1), std::string::npos);
        // order: reset (under print) < base < theme (wrapped) < pkg < app; base only once
        const auto reset = css.find("box-sizing"), body = css.find("margin: 0"),
                   theme = css.find("--c: blue"), pkg = css.find(".pkg"),
                   appRule = css.find(".app");
        QVERIFY2(reset != std::string::npos && reset < body && body < theme && theme < pkg &&
                     pkg < appRule,
                 css.c_str());
        QCOMPARE(css.find("margin: 0", body + 1), std::string::npos);
        QVERIFY2(std::regex_search(css, std::regex(R"(@media print\s*\{\s*\*\s*\{)")), css.c_str());
        QVERIFY2(
            std::regex_search(
                css,
                std::regex(
                    R"(@media screen and \(min-width: 10px\)\s*\{\s*@supports \(display: grid\)\s*\{\s*@layer theme\s*\{\s*:root)")),
            css.c_str());
        QVERIFY(
            !contains(css, "charset")); // imported @charset dropped; root's removed by lightningcss
        const std::vector<std::string> deps = {
            app.path("src/base.css"), app.path("src/nested/reset.css"), app.path("src/theme.css"),
            app.path("node_modules/pkg/dist/pkg.css")};
        QCOMPARE(out.dependencies, deps);
        QVERIFY(out.durationMs > 0);
    }

    void layerStatementsAndAnonymousLayers()
    {
        App app;
        app.put("src/s.css", "@layer reset, app;\n"
                             "@import \"./reset.css\" layer(reset);\n"
                             "@import \"./anon.css\" layer;\n"
                             "@layer app { .a { color: red } }\n");
        app.put("src/reset.css", "* { margin: 0 }\n");
        app.put("src/anon.css", ".anon { color: blue }\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/s.css")));
        QVERIFY2(out.ok, out.error.c_str());
        const std::string &css = out.css;
        // (lightningcss drops the `@layer reset, app;` statement when the
        // blocks already come in that order: the cascade is the same)
        QVERIFY2(std::regex_search(css, std::regex(R"(@layer reset \{\s*\* \{\s*margin: 0)")),
                 css.c_str());
        QVERIFY2(std::regex_search(css, std::regex(R"(@layer \{\s*\.anon \{)")), css.c_str());
        QVERIFY(css.find("@layer reset") < css.find("@layer app"));
    }

    void urlsAreRebasedFromTheFileThatWroteThem()
    {
        App app;
        app.put("src/styles.css", "@import \"./parts/card.css\";\n"
                                  ".logo { background: url(./logo.svg) }\n"
                                  ".d { background: url(data:image/png;base64,AAAA) }\n"
                                  ".h { background: url('#frag'), url(https://x.test/a.png) }\n"
                                  "/* url(./commented.png) */\n"
                                  ".v { background: url(var(--bg)) }\n"
                                  ".s::after { content: \"url(./in-a-string.png)\" }\n");
        app.put("src/parts/card.css",
                ".card { background-image: url( \"../img/bg one.png\" );\n"
                "  cursor: image-set(\"hand.png\" 1x, url(hand@2x.png) 2x) }\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        const std::string card = app.path("src/parts/card.css");
        const std::string styles = app.path("src/styles.css");
        const std::vector<std::pair<std::string, std::string>> expected = {
            {"../img/bg one.png", card},
            {"hand.png", card},
            {"hand@2x.png", card},
            {"./logo.svg", styles}};
        QCOMPARE(r.urls, expected);
        QVERIFY2(contains(out.css, "/@fs" + app.path("src/img/bg one.png")), out.css.c_str());
        QVERIFY2(contains(out.css, "/@fs" + app.path("src/logo.svg")), out.css.c_str());
        QVERIFY2(contains(out.css, "/@fs" + app.path("src/parts/hand@2x.png")), out.css.c_str());
        QVERIFY(contains(out.css, "data:image/png;base64,AAAA"));
        QVERIFY(contains(out.css, "https://x.test/a.png"));
        // url(var(--bg)) is no reference (the urls above were all that were
        // rewritten; lightningcss then drops the invalid declaration)
        QCOMPARE(rewriteCssUrls("a { b: url(var(--bg)) url(x.png) }", styles,
                                [](const std::string &s, const std::string &) { return "/" + s; }),
                 std::string("a { b: url(var(--bg)) url(/x.png) }"));
        QVERIFY(contains(out.css, "\"url(./in-a-string.png)\""));
    }

    void importErrorsNameFileLineAndColumn()
    {
        App app;
        app.put("src/a.css", "/* a */\n\n  @import \"./b.css\";\n");
        app.put("src/b.css", ".b{}\n");
        app.put("src/b.css", "@import './missing.css';\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/a.css")));
        QVERIFY(!out.ok);
        QCOMPARE(out.errorFile, app.path("src/b.css"));
        QCOMPARE(out.errorLine, 1);
        QCOMPARE(out.errorColumn, 1);
        QVERIFY2(contains(out.error, "src/b.css:1:1: cannot resolve @import \"./missing.css\""),
                 out.error.c_str());

        app.put("src/b.css", "\n@import './a.css';\n");
        out = p.process(r.input(app.path("src/a.css")));
        QVERIFY(!out.ok);
        QCOMPARE(out.errorFile, app.path("src/b.css"));
        QCOMPARE(out.errorLine, 2);
        QVERIFY2(contains(out.error, "@import cycle: " + app.path("src/a.css") + " -> " +
                                         app.path("src/b.css") + " -> " + app.path("src/a.css")),
                 out.error.c_str());

        app.put("src/b.css", "@import \"tailwindcss\";\n"); // not installed in this app
        out = p.process(r.input(app.path("src/a.css")));
        QVERIFY(!out.ok);
        QVERIFY2(contains(out.error, "src/b.css:1:1: cannot resolve @import \"tailwindcss\" (is "
                                     "the package installed? npm install tailwindcss)"),
                 out.error.c_str());

        // imported files are read with the caller's readFile (the dev server's
        // FilePolicy), which refuses .git/ whatever the name
        app.put("src/b.css", "@import '../.git/secret.css';\n");
        app.put(".git/secret.css", ".s { content: 'private' }\n");
        FilePolicy policy(FilePolicyConfig{app.root, {}, {}});
        CssProcessInput in = r.input(app.path("src/a.css"));
        in.readFile = [&](const std::string &file, std::string &text, std::string &error) {
            const FilePolicy::Decision d = policy.read(file, text);
            error = d.reason;
            return d.allowed();
        };
        out = p.process(in);
        QVERIFY(!out.ok);
        QVERIFY2(
            contains(out.error, "src/b.css:1:1: @import \"../.git/secret.css\" resolved to ") &&
                contains(out.error, "is denied (\".git\" matches"),
            out.error.c_str());
        QVERIFY(!contains(out.css, "private"));

        app.put("src/b.css", "@import './x.scss';\n");
        app.put("src/x.scss", "$a: 1;\n");
        out = p.process(r.input(app.path("src/a.css")));
        QVERIFY(!out.ok);
        QVERIFY2(contains(out.error, "not a .css file"), out.error.c_str());
    }

    void cssModuleNamesAreStableAndComposesWork()
    {
        App app;
        app.put("src/Button.module.css",
                ".button { color: red }\n"
                ".primary { composes: button; composes: shared from './shared.module.css'; }\n"
                ":global(.dark) .button { color: white }\n"
                ".icon { composes: global-icon from global; }\n");
        app.put("src/shared.module.css", ".shared { padding: 1px }\n");
        CssResolver r;
        CssProcessOutput a, b;
        {
            CssProcessor p(app.config);
            a = p.process(r.input(app.path("src/Button.module.css"), true));
        }
        {
            CssProcessor p(app.config); // another processor (another environment)
            b = p.process(r.input(app.path("src/Button.module.css"), true));
        }
        QVERIFY2(a.ok, a.error.c_str());
        QCOMPARE(a.moduleExports, b.moduleExports);
        QCOMPARE(a.css, b.css);
        const std::string button = a.moduleExports.at("button");
        QVERIFY2(std::regex_match(button, std::regex("_button_[A-Za-z0-9_-]+")), button.c_str());
        const std::string shared =
            a.moduleExports.at("primary").substr(a.moduleExports.at("primary").rfind(' ') + 1);
        QVERIFY2(std::regex_match(shared, std::regex("_shared_[A-Za-z0-9_-]+")), shared.c_str());
        QCOMPARE(a.moduleExports.at("primary"),
                 a.moduleExports.at("primary").substr(0, a.moduleExports.at("primary").find(' ')) +
                     " " + button + " " + shared);
        QCOMPARE(a.moduleExports.at("icon").substr(a.moduleExports.at("icon").find(' ') + 1),
                 std::string("global-icon"));
        QVERIFY2(contains(a.css, ".dark ." + button), a.css.c_str());  // :global kept as is
        QVERIFY2(contains(a.css, "." + shared + " {"), a.css.c_str()); // composed module's rules
        QVERIFY(contains(
            std::string(";") +
                [&] {
                    std::string d;
                    for (auto &x : a.dependencies)
                        d += x + ";";
                    return d;
                }(),
            ";" + app.path("src/shared.module.css") + ";"));

        // ICSS `:export` values are exported as written (postcss-modules, Vite's default)
        app.put("src/theme.module.css",
                ":export {\n  primary: #ff0000;\n  gap: 4px;\n}\n.t { color: red }\n");
        CssProcessor pe(app.config);
        CssProcessOutput icss = pe.process(r.input(app.path("src/theme.module.css"), true));
        QVERIFY2(icss.ok, icss.error.c_str());
        QCOMPARE(icss.moduleExports.at("primary"), std::string("#ff0000"));
        QCOMPARE(icss.moduleExports.at("gap"), std::string("4px"));
        QVERIFY2(!contains(icss.css, ":export"), icss.css.c_str());
        QVERIFY(icss.moduleExports.count("t"));

        // another process (node with the same lightningcss) names it alike:
        // the name depends on the path from the app root only
        QProcess node;
        node.setWorkingDirectory(QString::fromStdString(app.root));
        node.start("node", {"-e",
                            QString("const l = require(process.argv[1]);"
                                    "const o = l.transform({ filename: 'src/Button.module.css',"
                                    " code: Buffer.from('.button{color:red}'), cssModules:"
                                    " { pattern: '_[local]_[hash]', dashedIdents: false } });"
                                    "process.stdout.write(o.exports.button.name);"),
                            QString(SY_TOOLS_JS_DIR) + "/node_modules/lightningcss"});
        QVERIFY(node.waitForFinished(30000));
        QCOMPARE(node.readAllStandardOutput().toStdString(), button);

        // the same path with other content keeps its names (hash of the path
        // from the app root: every process and environment agrees); another
        // path gets other names
        app.put("src/Button.module.css", ".button { color: blue }\n");
        CssProcessor p(app.config);
        CssProcessOutput edited = p.process(r.input(app.path("src/Button.module.css"), true));
        QCOMPARE(edited.moduleExports.at("button"), button);
        app.put("src/Other.module.css", ".button { color: blue }\n");
        CssProcessOutput other = p.process(r.input(app.path("src/Other.module.css"), true));
        QVERIFY(other.moduleExports.at("button") != button);
    }

    void nestingIsLowered()
    {
        App app;
        app.put("src/n.css", ".card { color: red; & .title { font-weight: 700 } &:hover { color: "
                             "blue } }\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/n.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY2(contains(out.css, ".card .title") && contains(out.css, ".card:hover"),
                 out.css.c_str());
        QVERIFY2(!contains(out.css, "&"), out.css.c_str());
    }

    void postcssConfigPluginsRunFromTheApp()
    {
        App app;
        app.put("node_modules/postcss-brand/package.json",
                R"({"name":"postcss-brand","main":"index.js"})");
        app.put("node_modules/postcss-brand/index.js",
                "module.exports = (opts = {}) => ({ postcssPlugin: 'postcss-brand',\n"
                "  Declaration(decl) { if (decl.value === 'brand') decl.value = opts.color; } });\n"
                "module.exports.postcss = true;\n");
        app.put("postcss.config.mjs",
                "export default { plugins: { 'postcss-brand': { color: '#123456' } } };\n");
        app.put("src/s.css", "@import './t.css';\n.a { color: brand }\n");
        app.put("src/t.css", ".t { color: brand }\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/s.css")));
        QVERIFY2(out.ok, out.error.c_str());
        // (lightningcss merges the two equal rules into `.t, .a`)
        QVERIFY2(std::regex_search(out.css, std::regex(R"(\.t, \.a \{\s*color: #123456)")),
                 out.css.c_str());
        QVERIFY(!contains(out.css, "brand"));
        QVERIFY(std::find(out.dependencies.begin(), out.dependencies.end(),
                          app.path("postcss.config.mjs")) != out.dependencies.end());

        // an edited config is read again after reloadConfig()
        app.put("postcss.config.mjs",
                "export default { plugins: { 'postcss-brand': { color: '#654321' } } };\n");
        p.reloadConfig();
        out = p.process(r.input(app.path("src/s.css")));
        QVERIFY2(contains(out.css, "#654321"), out.css.c_str());
    }

    void postcssConfigFormats_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("text");
        QTest::newRow("postcss.config.ts")
            << "postcss.config.ts"
            << "import type { AcceptedPlugin } from 'postcss';\n"
               "import brand from 'postcss-brand';\n"
               "const plugins: AcceptedPlugin[] = [brand({ color: '#0a0b0c' })];\n"
               "export default { plugins };\n";
        QTest::newRow("postcss.config.cjs")
            << "postcss.config.cjs"
            << "module.exports = { plugins: { 'postcss-brand': { color: '#0a0b0c' } } };\n";
        QTest::newRow(".postcssrc.json")
            << ".postcssrc.json"
            << R"({ "plugins": { "postcss-brand": { "color": "#0a0b0c" } } })";
        QTest::newRow("package.json")
            << "package.json"
            << R"({ "name": "app", "type": "module", "postcss": )"
               R"({ "plugins": { "postcss-brand": { "color": "#0a0b0c" } } } })";
    }

    void postcssConfigFormats()
    {
        QFETCH(QString, file);
        QFETCH(QString, text);
        App app;
        app.put("node_modules/postcss-brand/package.json",
                R"({"name":"postcss-brand","main":"index.js"})");
        app.put("node_modules/postcss-brand/index.js",
                "module.exports = (opts = {}) => ({ postcssPlugin: 'postcss-brand',\n"
                "  Declaration(decl) { if (decl.value === 'brand') decl.value = opts.color; } });\n"
                "module.exports.postcss = true;\n");
        app.put(file.toStdString(), text.toStdString());
        app.put("src/s.css", ".a { color: brand }\n");
        CssResolver r;
        CssProcessor p(app.config);
        p.preload(); // a head start: process() waits for the same config load
        CssProcessOutput out = p.process(r.input(app.path("src/s.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY2(contains(out.css, "color: #0a0b0c"), out.css.c_str());
        // the TypeScript config's temporary module is gone
        for (const auto &e : fs::directory_iterator(app.root))
            QVERIFY2(e.path().filename().string().find("timestamp") == std::string::npos,
                     e.path().c_str());
    }

    void aPostcssConfigCreatedLaterIsFoundAfterReload()
    {
        App app;
        app.put("node_modules/postcss-brand/package.json",
                R"({"name":"postcss-brand","main":"index.js"})");
        app.put("node_modules/postcss-brand/index.js",
                "module.exports = (opts = {}) => ({ postcssPlugin: 'postcss-brand',\n"
                "  Declaration(decl) { if (decl.value === 'brand') decl.value = opts.color; } });\n"
                "module.exports.postcss = true;\n");
        app.put("src/s.css", ".a { color: brand }\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/s.css")));
        QVERIFY2(out.ok && contains(out.css, "brand"), out.css.c_str());
        app.put("postcss.config.js",
                "export default { plugins: { 'postcss-brand': { color: '#0d0e0f' } } };\n");
        p.reloadConfig(); // what the caller does when a config file appears
        out = p.process(r.input(app.path("src/s.css")));
        QVERIFY2(out.ok && contains(out.css, "#0d0e0f"), out.css.c_str());
    }

    void missingPostcssPluginIsNamed()
    {
        App app;
        app.put("postcss.config.mjs",
                "export default { plugins: { 'postcss-not-installed': {} } };\n");
        app.put("src/s.css", ".a { color: red }\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/s.css")));
        QVERIFY(!out.ok);
        QVERIFY2(contains(out.error, "PostCSS plugin 'postcss-not-installed' named in "
                                     "postcss.config.mjs is not installed") &&
                     contains(out.error, "npm install -D postcss-not-installed"),
                 out.error.c_str());
        QCOMPARE(out.errorFile, app.path("postcss.config.mjs"));

        // the same when the config imports it (Tailwind's guide writes a plain object,
        // others import their plugins)
        app.put("postcss.config.mjs",
                "import x from '@acme/postcss-x';\nexport default { plugins: [x()] };\n");
        p.reloadConfig();
        out = p.process(r.input(app.path("src/s.css")));
        QVERIFY(!out.ok);
        QVERIFY2(
            contains(out.error, "PostCSS plugin '@acme/postcss-x' named in postcss.config.mjs"),
            out.error.c_str());
        // a plugin that fails to find its own dependency is not "not installed"
        app.put("node_modules/postcss-broken/package.json",
                R"({"name":"postcss-broken","main":"index.js"})");
        app.put("node_modules/postcss-broken/index.js", "require('left-pad-missing');\n");
        app.put("postcss.config.mjs", "export default { plugins: { 'postcss-broken': {} } };\n");
        p.reloadConfig();
        out = p.process(r.input(app.path("src/s.css")));
        QVERIFY(!out.ok);
        QVERIFY2(contains(out.error, "cannot load the PostCSS config") &&
                     contains(out.error, "left-pad-missing") &&
                     !contains(out.error, "named in postcss.config.mjs is not installed"),
                 out.error.c_str());
        // installing it recovers
        app.put("postcss.config.mjs", "export default { plugins: [] };\n");
        p.reloadConfig();
        out = p.process(r.input(app.path("src/s.css")));
        QVERIFY2(out.ok, out.error.c_str());
    }

    void aPluginThatNeverSettlesTimesOutAndRecovers()
    {
        App app;
        app.put("node_modules/postcss-hang/package.json",
                R"({"name":"postcss-hang","main":"index.js"})");
        app.put("node_modules/postcss-hang/index.js",
                "module.exports = () => ({ postcssPlugin: 'postcss-hang', Once() { return new "
                "Promise(() => {}); } });\nmodule.exports.postcss = true;\n");
        app.put("postcss.config.cjs", "module.exports = { plugins: { 'postcss-hang': {} } };\n");
        app.put("src/s.css", ".a { color: red }\n");
        qputenv("SWITCHYARD_CSS_TIMEOUT_MS", "1500");
        CssProcessor p(app.config);
        qunsetenv("SWITCHYARD_CSS_TIMEOUT_MS");
        CssResolver r;
        CssProcessOutput out = p.process(r.input(app.path("src/s.css")));
        QVERIFY(!out.ok);
        QVERIFY2(contains(out.error, "timed out after 1500 ms"), out.error.c_str());
        // without the restart the css tool's queue would wait on the hung call forever
        app.put("postcss.config.cjs", "module.exports = { plugins: [] };\n");
        p.reloadConfig();
        out = p.process(r.input(app.path("src/s.css")));
        QVERIFY2(out.ok, out.error.c_str());
    }

    void syntaxErrorPointsIntoTheFileThatHasIt()
    {
        App app;
        app.put("src/s.css", "@import './ok.css';\n@import './bad.css';\n.s { color: red }\n");
        app.put("src/ok.css", ".ok {\n  color: red;\n}\n");
        app.put("src/bad.css", ".x { color: red }\n\n.y {\n  color: red;;\n  colo{r: blue\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/s.css")));
        QVERIFY(!out.ok);
        QCOMPARE(out.errorFile, app.path("src/bad.css"));
        QCOMPARE(out.errorLine, 5);
        QCOMPARE(out.errorColumn, 3);
        QVERIFY2(contains(out.error, "src/bad.css:5:3: "), out.error.c_str());
    }

    void tailwindBuildsCandidatesFromScannedFiles()
    {
        App app(true);
        app.put("src/app/styles.css", "@import \"tailwindcss\";\n");
        app.put(
            "src/app/pages/Home.tsx",
            "export const Home = () => <h1 className=\"text-3xl font-bold underline\">hi</h1>;\n");
        // Switchyard's pre-bundles are no sources (Vite's live in node_modules/.vite)
        app.put(".switchyard/deps_client/react-dom.js", "const c = \"bg-pink-300\";\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY2(contains(out.css, ".text-3xl") && contains(out.css, ".underline"),
                 out.css.substr(0, 2000).c_str());
        QVERIFY(!contains(out.css, ".text-red-700"));
        QVERIFY(!contains(out.css, ".bg-pink-300"));
        QVERIFY(!contains(out.css, "@tailwind"));
        QVERIFY(std::find(out.dependencies.begin(), out.dependencies.end(),
                          app.path("src/app/pages/Home.tsx")) != out.dependencies.end());
        QVERIFY(std::find(out.dependencies.begin(), out.dependencies.end(),
                          fs::canonical(app.path("node_modules/tailwindcss/index.css")).string()) !=
                out.dependencies.end());
        // and a folder it scans, where a new file may add classes
        QVERIFY(std::any_of(out.dependencies.begin(), out.dependencies.end(),
                            [&](const std::string &d) { return fs::is_directory(d); }));

        // a class added in a scanned file reaches the next build
        app.put("src/app/pages/Home.tsx",
                "export const Home = () => <h1 className=\"text-red-700\">hi</h1>;\n");
        out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY(contains(out.css, ".text-red-700"));
        // and one in a file created since
        app.put("src/app/components/New.tsx",
                "export const N = () => <i className=\"text-lime-300\" />;\n");
        out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY(contains(out.css, ".text-lime-300"));
        QVERIFY(std::find(out.dependencies.begin(), out.dependencies.end(),
                          app.path("src/app/components/New.tsx")) != out.dependencies.end());
    }

    void tailwindImportOptionsSurviveInlining_data()
    {
        QTest::addColumn<bool>("postcss");
        QTest::newRow("native (as @tailwindcss/vite)") << false;
        QTest::newRow("@tailwindcss/postcss") << true;
    }

    void tailwindImportOptionsSurviveInlining()
    {
        // `@import "tailwindcss" source("./pages") prefix(tw)`: inlined as
        // postcss-import does (`@media source(...) prefix(...) { ... }`),
        // which Tailwind reads back
        QFETCH(bool, postcss);
        App app(true);
        if (postcss)
            app.put("postcss.config.mjs",
                    "export default { plugins: { \"@tailwindcss/postcss\": {} } };\n");
        app.put("src/app/styles.css", "@import \"tailwindcss\" source(\"./pages\") prefix(tw);\n");
        app.put("src/app/pages/Home.tsx", "export default () => <p className=\"tw:mt-8\" />;\n");
        app.put("src/app/Other.tsx", "export default () => <p className=\"tw:mb-4\" />;\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY2(contains(out.css, ".tw\\:mt-8"), out.css.substr(0, 3000).c_str());
        QVERIFY(!contains(out.css, ".tw\\:mb-4")); // outside source("./pages")
        QVERIFY(!contains(out.css, "@media source"));
    }

    void tailwindLoadsJsPlugins_data()
    {
        QTest::addColumn<bool>("postcss");
        QTest::newRow("native (as @tailwindcss/vite)") << false;
        QTest::newRow("@tailwindcss/postcss") << true;
    }

    void tailwindLoadsJsPlugins()
    {
        // `@plugin "./x.js"`: Tailwind loads it with its own module loader
        QFETCH(bool, postcss);
        App app(true);
        if (postcss)
            app.put("postcss.config.mjs",
                    "export default { plugins: { \"@tailwindcss/postcss\": {} } };\n");
        app.put("src/app/brand.js",
                "export default function ({ addUtilities }) {\n"
                "  addUtilities({ '.brand-x': { color: 'rgb(1, 2, 3)' } });\n}\n");
        app.put("src/app/styles.css", "@import \"tailwindcss\";\n@plugin \"./brand.js\";\n");
        app.put("src/app/Page.tsx", "export default () => <p className=\"brand-x\" />;\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY2(contains(out.css, ".brand-x"), out.css.substr(0, 1500).c_str());
        QVERIFY(std::find(out.dependencies.begin(), out.dependencies.end(),
                          app.path("src/app/brand.js")) != out.dependencies.end());
        // an edited plugin is loaded again
        std::this_thread::sleep_for(std::chrono::milliseconds(20)); // a new mtime
        app.put("src/app/brand.js",
                "export default function ({ addUtilities }) {\n"
                "  addUtilities({ '.brand-x': { color: 'rgb(4, 5, 6)' } });\n}\n");
        out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY2(contains(out.css, "rgb(4, 5, 6)") || contains(out.css, "#040506"),
                 out.css.substr(0, 1500).c_str());
    }

    void tailwindNativelyBeforeAPostcssConfigWithoutIt()
    {
        // @tailwindcss/vite + a postcss.config with other plugins: Tailwind
        // first (its Vite plugin runs before Vite's PostCSS), then the config
        App app(true);
        app.put("node_modules/postcss-brand/package.json",
                R"({"name":"postcss-brand","main":"index.js"})");
        app.put("node_modules/postcss-brand/index.js",
                "module.exports = (opts = {}) => ({ postcssPlugin: 'postcss-brand',\n"
                "  Declaration(decl) { if (decl.value === 'brand') decl.value = opts.color; } });\n"
                "module.exports.postcss = true;\n");
        app.put("postcss.config.js",
                "export default { plugins: { 'postcss-brand': { color: '#0a0b0c' } } };\n");
        app.put("src/app/styles.css", "@import \"tailwindcss\";\n.x { color: brand }\n");
        app.put("src/app/Page.tsx", "export default () => <p className=\"mt-8\" />;\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY2(contains(out.css, ".mt-8") && contains(out.css, "color: #0a0b0c"),
                 out.css.substr(0, 1500).c_str());
    }

    void tailwindRunsOnceWithTailwindsPostcssGuideConfig()
    {
        // `plugins: { "@tailwindcss/postcss": {} }` hands postcss-load-config's
        // caller the plugin's creator, which postcss() flattens into plugins
        // named "tailwindcss": Tailwind must then run in PostCSS only, not
        // natively first as well. The css tool says which ran (`via`).
        App app(true);
        app.put("postcss.config.mjs",
                "export default {\n  plugins: {\n    \"@tailwindcss/postcss\": {},\n  },\n};\n");
        app.put("src/app/Page.tsx", "export default () => <p className=\"mt-8\" />;\n");
        ToolHost host(ToolHostOptions{SY_TOOLS_JS_DIR});
        host.registerTool("css", std::string(embedded::kCssTool));
        const std::string css = "@layer theme { @theme default { --spacing: 0.25rem; } }\n"
                                "@layer utilities { @tailwind utilities; }\n";
        nlohmann::json args = {{"root", app.root},
                               {"file", app.path("src/app/styles.css")},
                               {"css", css},
                               {"cssModule", false}};
        ToolCallResult r = host.call("css", "process", args.dump());
        QVERIFY2(r.ok, r.error.c_str());
        auto result = nlohmann::json::parse(r.json);
        QCOMPARE(result["via"].get<std::string>(), std::string("postcss"));
        QVERIFY(contains(result["css"].get<std::string>(), ".mt-8"));
    }

    void tailwindThroughPostcssConfig()
    {
        App app(true);
        // Tailwind's PostCSS guide
        app.put("postcss.config.mjs",
                "export default {\n  plugins: {\n    \"@tailwindcss/postcss\": {},\n  },\n};\n");
        app.put("src/app/styles.css", "@import \"tailwindcss\";\n.btn { @apply px-4 py-2; }\n");
        app.put("src/app/Page.tsx",
                "export default () => <p className=\"mt-8 text-sky-500\" />;\n");
        app.put(".switchyard/deps_client/react-dom.js", "const c = \"bg-pink-300\";\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY2(contains(out.css, ".mt-8") && contains(out.css, ".text-sky-500"),
                 out.css.substr(0, 1500).c_str());
        QVERIFY(!contains(out.css, ".bg-pink-300"));
        QVERIFY2(std::regex_search(out.css, std::regex(R"(\.btn \{\s*padding-inline:)")),
                 out.css.c_str());
        std::string deps;
        for (auto &d : out.dependencies)
            deps += d + "\n";
        QVERIFY2(std::find(out.dependencies.begin(), out.dependencies.end(),
                           app.path("src/app/Page.tsx")) != out.dependencies.end(),
                 deps.c_str());
        QVERIFY(std::find(out.dependencies.begin(), out.dependencies.end(),
                          app.path("postcss.config.mjs")) != out.dependencies.end());

        // Tailwind runs once, in PostCSS, with the options the config gives it
        // (not also natively over the whole app first)
        app.put("postcss.config.mjs", "export default { plugins: { \"@tailwindcss/postcss\": "
                                      "{ base: \"" +
                                          app.path("src/app/pages") + "\" } } };\n");
        app.put("src/app/pages/Home.tsx", "export default () => <p className=\"mb-3\" />;\n");
        p.reloadConfig();
        out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY(contains(out.css, ".mb-3"));
        QVERIFY(!contains(out.css, ".mt-8")); // Page.tsx lies outside that base
    }

    void tailwindErrorsNameTheStylesheet()
    {
        App app(true);
        app.put("src/app/styles.css", "@import \"tailwindcss\";\n.btn { @apply not-a-utility; }\n");
        CssResolver r;
        CssProcessor p(app.config);
        CssProcessOutput out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY(!out.ok);
        QCOMPARE(out.errorFile, app.path("src/app/styles.css"));
        QVERIFY2(contains(out.error, "src/app/styles.css") && contains(out.error, "not-a-utility"),
                 out.error.c_str());
        // fixing the file recovers
        app.put("src/app/styles.css", "@import \"tailwindcss\";\n.btn { @apply px-4; }\n");
        out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
    }

    void tailwindRunsAsTheViteConfigSays_data()
    {
        QTest::addColumn<bool>("withPlugin");
        QTest::newRow("tailwindcss() in vite.config") << true;
        QTest::newRow("vite.config without tailwindcss()") << false;
    }

    void tailwindRunsAsTheViteConfigSays()
    {
        // Vite runs Tailwind only through a plugin: an app whose vite.config
        // was read without tailwindcss() (and no PostCSS config naming it)
        // gets no utilities, as under Vite; with it, the page's classes.
        QFETCH(bool, withPlugin);
        App app(true);
        app.put("src/app/styles.css", "@import \"tailwindcss\";\nbody { margin: 0; }\n");
        app.put("src/app/Page.tsx", "export const P = () => <p className=\"text-sky-700\" />;\n");
        app.config.vite.file = app.path("vite.config.mts");
        if (withPlugin) {
            VitePluginInfo plugin;
            plugin.name = plugin.package = "@tailwindcss/vite";
            plugin.known = true;
            plugin.feature = "tailwindcss";
            app.config.vite.plugins.push_back(plugin);
        }
        CssResolver r;
        CssProcessor p(app.config);
        const CssProcessOutput out = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(out.ok, out.error.c_str());
        QCOMPARE(contains(out.css, ".text-sky-700"), withPlugin);
        QVERIFY2(contains(out.css, "margin: 0"), out.css.substr(0, 400).c_str());
    }

    void realworldExampleGetsItsTailwindClasses()
    {
        // examples/realworld as it is: tailwindcss() in vite.config.mts and no
        // PostCSS config (rwsdk's Tailwind guide), src/app/styles.css importing
        // "tailwindcss", classes in Home.tsx
        const fs::path app = fs::canonical(fs::path(SY_SOURCE_DIR) / "examples/realworld");
        ProjectConfig config;
        config.root = app.string();
        config.toolsJsDir = SY_TOOLS_JS_DIR;
        QTemporaryDir cache;
        config.vite =
            readViteConfig(config.root, "development", SY_TOOLS_JS_DIR, cache.path().toStdString());
        QCOMPARE(config.vite.tailwindVitePlugin(), std::optional<bool>(true));
        CssResolver r;
        CssProcessor p(config);
        CssProcessOutput out = p.process(r.input((app / "src/app/styles.css").string()));
        QVERIFY2(out.ok, out.error.c_str());
        for (const char *cls : {".text-sky-700", ".max-w-2xl", ".font-bold"})
            QVERIFY2(contains(out.css, cls), cls);
        QVERIFY(std::find(out.dependencies.begin(), out.dependencies.end(),
                          (app / "src/app/pages/Home.tsx").string()) != out.dependencies.end());
    }
};

QTEST_GUILESS_MAIN(TstCssProcessor)
#include "tst_css_processor.moc"
