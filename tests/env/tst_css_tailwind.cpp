// Tailwind CSS v4 across edits (engine/env/cssTailwind.js): run in the place
// of a PostCSS config's @tailwindcss/postcss it gives that plugin's CSS; an
// edit of the plain rules at the end of the stylesheet compiles nothing; the
// scanner reads again the files the caller reports changed.
#include "env/cssProcessor.h"
#include "env/embeddedModules.h"
#include "js/toolHost.h"
#include "support/cssTestApp.h"
#include "support/textFiles.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace sy;
namespace fs = std::filesystem;
using sy::test::App;
using sy::test::contains;
using sy::test::CssResolver;

namespace {

const char *kGuideConfig = "export default { plugins: { \"@tailwindcss/postcss\": {} } };\n";

/// A PostCSS plugin that changes nothing: placed before @tailwindcss/postcss
/// it leaves that plugin to PostCSS itself.
void putNoopPlugin(const App &app)
{
    app.put("node_modules/postcss-noop/package.json",
            R"({"name":"postcss-noop","main":"index.js"})");
    app.put("node_modules/postcss-noop/index.js",
            "module.exports = () => ({ postcssPlugin: 'postcss-noop' });\n"
            "module.exports.postcss = true;\n");
}

/// An app with tests/fixtures/tailwind-postcss's packages under node_modules/
/// but its own node_modules folder (so that postcss-noop can be added).
void linkPackages(const App &app)
{
    const fs::path packages =
        fs::path(SY_SOURCE_DIR) / "tests/fixtures/tailwind-postcss/node_modules";
    fs::create_directories(app.path("node_modules"));
    for (const fs::directory_entry &e : fs::directory_iterator(packages))
        fs::create_directory_symlink(e.path(),
                                     app.path("node_modules/" + e.path().filename().string()));
}

} // namespace

class TstCssTailwind : public QObject {
    Q_OBJECT
private slots:
    void inThePlaceOfItsPostcssPluginTheCssIsThePlugins_data()
    {
        QTest::addColumn<QString>("sheet");
        QTest::newRow("plain rules last") << "@import \"tailwindcss\";\n"
                                             ".btn { @apply px-4 py-2; }\n"
                                             "body { color: rgb(1, 2, 3); }\n"
                                             "#title { margin: 0; & span { color: red } }\n";
        QTest::newRow("var() and @theme") << "@import \"tailwindcss\";\n"
                                             "@theme { --color-brand: #123456; }\n"
                                             "body { color: rgb(1, 2, 3); }\n"
                                             ".w { color: var(--color-brand); }\n";
        QTest::newRow("@media and animation last")
            << "@import \"tailwindcss\";\nbody { color: red; }\n"
               "@media (min-width: 10px) { body { margin: 0 } }\n"
               ".z { animation: spin 1s linear infinite; }\n";
    }

    void inThePlaceOfItsPostcssPluginTheCssIsThePlugins()
    {
        // `plugins: { "@tailwindcss/postcss": {} }` runs Tailwind natively in
        // the plugin's place; with another plugin first PostCSS runs the real
        // plugin: both give the same stylesheet.
        QFETCH(QString, sheet);
        App app;
        linkPackages(app);
        putNoopPlugin(app);
        app.put("src/app/Page.tsx",
                "export default () => <p className=\"mt-8 text-sky-500 hover:underline\" />;\n");
        app.put("src/app/styles.css", sheet.toStdString());
        CssResolver r;
        CssProcessor p(app.config);
        app.put("postcss.config.mjs", kGuideConfig);
        p.reloadConfig();
        const CssProcessOutput native = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(native.ok, native.error.c_str());
        app.put("postcss.config.mjs", "export default { plugins: { \"postcss-noop\": {}, "
                                      "\"@tailwindcss/postcss\": {} } };\n");
        p.reloadConfig();
        const CssProcessOutput plugin = p.process(r.input(app.path("src/app/styles.css")));
        QVERIFY2(plugin.ok, plugin.error.c_str());
        QVERIFY2(contains(plugin.css, ".mt-8") && contains(plugin.css, "body {"),
                 plugin.css.substr(0, 800).c_str());
        QCOMPARE(native.css, plugin.css);
    }

    void anEditOfThePlainRulesAtTheEndCompilesNothing()
    {
        App app(true);
        app.put("postcss.config.mjs", kGuideConfig);
        app.put("src/app/Page.tsx", "export default () => <p className=\"mt-8\" />;\n");
        ToolHost host(ToolHostOptions{SY_TOOLS_JS_DIR});
        host.registerTool("css", std::string(embedded::kCssTool));
        const std::string tailwind =
            "@layer theme { @theme default { --spacing: 0.25rem; --color-red-500: red; } }\n"
            "@layer utilities { @tailwind utilities; }\n";
        auto process = [&](const std::string &css) {
            nlohmann::json args = {{"root", app.root},
                                   {"file", app.path("src/app/styles.css")},
                                   {"css", css},
                                   {"cssModule", false},
                                   {"session", 1},
                                   {"changes", nlohmann::json::array()},
                                   {"inputs", {app.path("src/app/styles.css")}}};
            const ToolCallResult r = host.call("css", "process", args.dump());
            if (!r.ok)
                qWarning("%s", r.error.c_str());
            return r.ok ? nlohmann::json::parse(r.json) : nlohmann::json::object();
        };
        nlohmann::json out = process(tailwind + "body { color: rgb(1, 2, 3); }\n");
        QVERIFY(out.value("tailwindCompiled", false));
        QVERIFY(contains(out.value("css", ""), ".mt-8"));
        // the rule at the end changed: no compile, the new rule is in
        out = process(tailwind + "body { color: rgb(4, 5, 6); }\n");
        QVERIFY(out.contains("tailwindCompiled"));
        QVERIFY(!out.value("tailwindCompiled", true));
        const std::string css = out.value("css", "");
        QVERIFY2(contains(css, "#040506") && !contains(css, "#010203") && contains(css, ".mt-8"),
                 css.c_str());
        // a rule Tailwind reads (its theme variable is kept only when used): compiled
        out = process(tailwind + "body { color: var(--color-red-500); }\n");
        QVERIFY(out.value("tailwindCompiled", false));
        QVERIFY2(contains(out.value("css", ""), "--color-red-500: red"),
                 out.value("css", "").c_str());
        // @apply at the end: compiled
        out = process(tailwind + "body { color: rgb(4, 5, 6); }\n.b { @apply mt-8; }\n");
        QVERIFY(out.value("tailwindCompiled", false));
    }

    void onlyTheReportedFilesAreReadAgain()
    {
        App app(true);
        app.put("postcss.config.mjs", kGuideConfig);
        app.put("src/app/styles.css", "@import \"tailwindcss\";\n");
        app.put("src/app/Home.tsx", "export const H = () => <h1 className=\"text-3xl\" />;\n");
        CssResolver r;
        CssProcessor p(app.config);
        auto process = [&](std::optional<std::vector<std::string>> changed) {
            CssProcessInput in = r.input(app.path("src/app/styles.css"));
            in.changedFiles = std::move(changed);
            return p.process(in);
        };
        CssProcessOutput out = process(std::vector<std::string>{});
        QVERIFY2(out.ok && contains(out.css, ".text-3xl"), out.error.c_str());
        // a class added and reported
        app.put("src/app/Home.tsx", "export const H = () => <h1 className=\"text-red-700\" />;\n");
        out = process(std::vector<std::string>{app.path("src/app/Home.tsx")});
        QVERIFY2(out.ok && contains(out.css, ".text-red-700"), out.error.c_str());
        // a file created and reported (unknown to the scanner: a rescan finds it)
        app.put("src/app/New.tsx", "export const N = () => <i className=\"text-lime-300\" />;\n");
        out = process(std::vector<std::string>{app.path("src/app/New.tsx")});
        QVERIFY2(out.ok && contains(out.css, ".text-lime-300"), out.error.c_str());
        // not reported: not read again (the caller promised to report every change)
        app.put("src/app/Home.tsx", "export const H = () => <h1 className=\"text-pink-200\" />;\n");
        out = process(std::vector<std::string>{});
        QVERIFY2(out.ok && !contains(out.css, ".text-pink-200"), out.error.c_str());
        // a caller that does not watch (no list): a rescan finds it
        out = process(std::nullopt);
        QVERIFY2(out.ok && contains(out.css, ".text-pink-200"), out.error.c_str());
        // another processor (a new dev session) starts with a rescan
        app.put("src/app/Home.tsx", "export const H = () => <h1 className=\"text-teal-100\" />;\n");
        CssProcessor next(app.config);
        CssProcessInput in = r.input(app.path("src/app/styles.css"));
        in.changedFiles = std::vector<std::string>{};
        out = next.process(in);
        QVERIFY2(out.ok && contains(out.css, ".text-teal-100"), out.error.c_str());
    }
};

QTEST_GUILESS_MAIN(TstCssTailwind)
#include "tst_css_tailwind.moc"
