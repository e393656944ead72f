#include "hmr/codeFrame.h"
#include "hmr/hmrAccept.h"
#include "hmr/hmrBoundary.h"
#include "hmr/hmrPayload.h"
#include "hmr/hotContext.h"
#include "lex/importLexer.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <map>

using nlohmann::json;

/// QCOMPARE for JSON values (QTest has no toString for them).
#define JSON_COMPARE(actual, expected)                                                             \
    QVERIFY2(json(actual) == json(expected),                                                       \
             (json(actual).dump() + " != " + json(expected).dump()).c_str())

namespace {

/// A small client graph: id -> info; ids double as URLs ("/src/<id>").
struct Graph {
    std::map<std::string, sy::HmrModuleInfo> nodes;

    sy::HmrModuleInfo &add(const std::string &id)
    {
        auto &n = nodes[id];
        n.url = "/src/" + id;
        return n;
    }
    /// `importer` imports `dep`.
    void edge(const std::string &importer, const std::string &dep)
    {
        add(importer);
        add(dep).importers.push_back(importer);
    }
    sy::HmrPropagation propagate(const std::string &id) const
    {
        return sy::propagateHmrUpdate(id, [this](const std::string &key) {
            auto it = nodes.find(key);
            return it == nodes.end() ? std::nullopt : std::optional(it->second);
        });
    }
};

sy::HmrAcceptInfo accepts(std::string_view code)
{
    const sy::LexedModule lexed = sy::lexModule(code);
    return sy::acceptedHmrDepsOf(code, lexed.imports);
}

} // namespace

class TestHmr : public QObject {
    Q_OBJECT
private slots:
    // --- payloads -------------------------------------------------------------------------
    void simplePayloads()
    {
        QCOMPARE(sy::connectedPayload(), std::string(R"({"type":"connected"})"));
        QCOMPARE(sy::pingPayload(), std::string(R"({"type":"ping"})"));
        QCOMPARE(sy::fullReloadPayload(), std::string(R"({"type":"full-reload"})"));
        QCOMPARE(
            sy::fullReloadPayload("*", "/app/src/page.tsx"),
            std::string(R"({"type":"full-reload","path":"*","triggeredBy":"/app/src/page.tsx"})"));
        QCOMPARE(sy::prunePayload({"/src/a.ts", "/src/b.ts"}),
                 std::string(R"({"type":"prune","paths":["/src/a.ts","/src/b.ts"]})"));
        QCOMPARE(sy::prunePayload({}), std::string(R"({"type":"prune","paths":[]})"));
    }
    void updatePayload()
    {
        const std::string text = sy::updatePayload(
            {{sy::HmrUpdateType::Js, "/src/App.tsx", "/src/dep.ts", 1700000000123, false},
             {sy::HmrUpdateType::Css, "/src/app.css", "/src/app.css", 5, true}});
        QCOMPARE(
            text,
            std::string(
                R"({"type":"update","updates":[)"
                R"({"type":"js-update","path":"/src/App.tsx","acceptedPath":"/src/dep.ts","timestamp":1700000000123},)"
                R"({"type":"css-update","path":"/src/app.css","acceptedPath":"/src/app.css","timestamp":5,"isWithinCircularImport":true}]})"));
        QCOMPARE(sy::updatePayload({}), std::string(R"({"type":"update","updates":[]})"));
        QVERIFY(sy::hmrTimestampNow() > 1700000000000);
    }
    void errorPayload()
    {
        sy::HmrError err;
        err.message = "Unexpected token (2:10)";
        err.stack = "SyntaxError: Unexpected token\n    at transform";
        err.id = "/app/src/page.tsx";
        err.frame = "> 2 | const b = ;";
        err.plugin = "switchyard:transform";
        err.loc = sy::HmrErrorLocation{"/app/src/page.tsx", 2, 11};
        const json j = json::parse(sy::errorPayload(err));
        JSON_COMPARE(j["type"], "error");
        JSON_COMPARE(j["err"]["message"], "Unexpected token (2:10)");
        JSON_COMPARE(j["err"]["stack"], err.stack);
        JSON_COMPARE(j["err"]["id"], "/app/src/page.tsx");
        JSON_COMPARE(j["err"]["frame"], "> 2 | const b = ;");
        JSON_COMPARE(j["err"]["plugin"], "switchyard:transform");
        JSON_COMPARE(j["err"]["loc"],
                     (json{{"file", "/app/src/page.tsx"}, {"line", 2}, {"column", 11}}));

        // Optional fields are left out; message and stack are always there.
        sy::HmrError bare;
        bare.message = "boom \xff"; // invalid UTF-8 must not throw
        const json k = json::parse(sy::errorPayload(bare));
        JSON_COMPARE(k["err"].size(), size_t(2));
        JSON_COMPARE(k["err"]["stack"], "");
        JSON_COMPARE(k["err"]["message"], "boom \xEF\xBF\xBD");

        // A failed server render (an RSC request) says so; the client reloads on it.
        sy::HmrError render;
        render.message = "Error: boom";
        render.plugin = "switchyard:worker";
        render.serverRender = true;
        JSON_COMPARE(json::parse(sy::errorPayload(render))["err"]["serverRender"], true);
        QVERIFY(!json::parse(sy::errorPayload(err))["err"].contains("serverRender"));
    }
    void customPayload()
    {
        QCOMPARE(sy::customPayload("switchyard:rsc-update"),
                 std::string(R"({"type":"custom","event":"switchyard:rsc-update"})"));
        QCOMPARE(
            sy::customPayload("my:event", json{{"paths", {"/app/src/page.tsx"}}}),
            std::string(
                R"({"type":"custom","event":"my:event","data":{"paths":["/app/src/page.tsx"]}})"));
        QCOMPARE(sy::customPayload("x", json(nullptr)),
                 std::string(R"({"type":"custom","event":"x","data":null})"));
    }

    void rscUpdatePayload()
    {
        // The framework names the event; rwsdk's client reads data.file (the absolute path, as
        // its miniflareHMRPlugin sends it), ours data.paths.
        QCOMPARE(sy::rscUpdatePayload("rsc:update", "/app/src/page.tsx",
                                      {"/src/page.tsx", "/src/b.tsx"}),
                 std::string(R"({"type":"custom","event":"rsc:update","data":{"file":)"
                             R"("/app/src/page.tsx","paths":["/src/page.tsx","/src/b.tsx"]}})"));
        QCOMPARE(sy::rscUpdatePayload("switchyard:rsc-update", "", {}),
                 std::string(R"({"type":"custom","event":"switchyard:rsc-update","data":{"file":)"
                             R"("","paths":[]}})"));
        QCOMPARE(std::string(sy::kInvalidateEvent), std::string("vite:invalidate"));
    }

    // --- code frames ----------------------------------------------------------------------
    void codeFrameBasic()
    {
        const std::string src = "const a = 1;\nconst b = ;\nexport default b;\n";
        QCOMPARE(sy::codeFrame(src, 2, 11), std::string("  1 | const a = 1;\n"
                                                        "> 2 | const b = ;\n"
                                                        "    |           ^\n"
                                                        "  3 | export default b;\n"
                                                        "  4 |"));
        QCOMPARE(sy::codeFrame(src, 2, 11, 0), std::string("> 2 | const b = ;\n"
                                                           "    |           ^"));
    }
    void codeFrameFirstAndLastLines()
    {
        const std::string src = "l1\nl2\nl3\nl4\nl5";
        QCOMPARE(sy::codeFrame(src, 1, 1), std::string("> 1 | l1\n"
                                                       "    | ^\n"
                                                       "  2 | l2\n"
                                                       "  3 | l3"));
        QCOMPARE(sy::codeFrame(src, 5, 2), std::string("  3 | l3\n"
                                                       "  4 | l4\n"
                                                       "> 5 | l5\n"
                                                       "    |  ^"));
    }
    void codeFrameGutterWidth()
    {
        std::string src;
        for (int i = 1; i <= 12; ++i)
            src += "line" + std::to_string(i) + "\n";
        QCOMPARE(sy::codeFrame(src, 10, 5, 2), std::string("   8 | line8\n"
                                                           "   9 | line9\n"
                                                           "> 10 | line10\n"
                                                           "     |     ^\n"
                                                           "  11 | line11\n"
                                                           "  12 | line12"));
    }
    void codeFrameCrlfAndCr()
    {
        QCOMPARE(sy::codeFrame("a\r\nbb\r\ncc", 2, 2, 1), std::string("  1 | a\n"
                                                                      "> 2 | bb\n"
                                                                      "    |  ^\n"
                                                                      "  3 | cc"));
        QCOMPARE(sy::codeFrame("a\rbb", 2, 1, 1), std::string("  1 | a\n"
                                                              "> 2 | bb\n"
                                                              "    | ^"));
    }
    void codeFrameTabs()
    {
        // Column 6 is ';' (tab = one code point), drawn at 4-column tab stops.
        QCOMPARE(sy::codeFrame("\tx = ;", 1, 6), std::string("> 1 |     x = ;\n"
                                                             "    |         ^"));
        QCOMPARE(sy::codeFrame("ab\tc", 1, 4), std::string("> 1 | ab  c\n"
                                                           "    |     ^"));
    }
    void codeFrameUtf8Columns()
    {
        QCOMPARE(sy::codeFrame("\xC3\xA9 = ;", 1, 5), std::string("> 1 | \xC3\xA9 = ;\n"
                                                                  "    |     ^"));
    }
    void codeFrameOutOfRange()
    {
        QCOMPARE(sy::codeFrame("ab\ncd", 0, 1), std::string());
        QCOMPARE(sy::codeFrame("ab\ncd", -3, 1), std::string());
        // Past the last line: the end of the last line.
        QCOMPARE(sy::codeFrame("ab\ncd", 99, 1), std::string("  1 | ab\n"
                                                             "> 2 | cd\n"
                                                             "    |   ^"));
        // Past the end of the line: just after it. No column: no caret.
        QCOMPARE(sy::codeFrame("ab", 1, 10), std::string("> 1 | ab\n"
                                                         "    |   ^"));
        QCOMPARE(sy::codeFrame("ab", 1, 0), std::string("> 1 | ab"));
        QCOMPARE(sy::codeFrame("", 1, 1), std::string("> 1 |\n"
                                                      "    | ^"));
    }
    void codeFrameLongLines()
    {
        const std::string longLine = std::string(40, 'x') + "ERROR" + std::string(15, 'y');
        QCOMPARE(sy::codeFrame(longLine, 1, 41, 2, 20),
                 std::string("> 1 | \xE2\x80\xA6xxxxxxxxxxERRORyyyyy\xE2\x80\xA6\n"
                             "    |            ^"));
        // Near the start: cut only at the end; context lines share the window.
        QCOMPARE(sy::codeFrame("short\n" + longLine, 2, 3, 1, 20),
                 std::string("  1 | short\n"
                             "> 2 | xxxxxxxxxxxxxxxxxxxx\xE2\x80\xA6\n"
                             "    |   ^"));
        // Near the end: the window ends with the line.
        QCOMPARE(sy::codeFrame(longLine, 1, 60, 0, 20), std::string("> 1 | \xE2\x80\xA6"
                                                                    "ERRORyyyyyyyyyyyyyyy\n"
                                                                    "    |                     ^"));
    }

    // --- propagation ----------------------------------------------------------------------
    void selfAcceptingLeaf()
    {
        Graph g;
        g.edge("main.tsx", "leaf.tsx");
        g.nodes["leaf.tsx"].isSelfAccepting = true;
        const auto p = g.propagate("leaf.tsx");
        QVERIFY(!p.fullReload);
        QCOMPARE(p.boundaries.size(), size_t(1));
        QCOMPARE(p.boundaries[0].url, std::string("/src/leaf.tsx"));
        QCOMPARE(p.boundaries[0].acceptedVia, std::string("/src/leaf.tsx"));
        QCOMPARE(p.boundaries[0].acceptedViaId, std::string("leaf.tsx"));
        QVERIFY(!p.boundaries[0].isWithinCircularImport);
        const auto updates = sy::hmrUpdatesFor(p, 42);
        QCOMPARE(updates.size(), size_t(1));
        JSON_COMPARE(json::parse(sy::updatePayload(updates))["updates"][0],
                     (json{{"type", "js-update"},
                           {"path", "/src/leaf.tsx"},
                           {"acceptedPath", "/src/leaf.tsx"},
                           {"timestamp", 42}}));
    }
    void acceptedDependency()
    {
        Graph g;
        g.edge("main.tsx", "app.tsx");
        g.edge("app.tsx", "dep.ts");
        g.nodes["app.tsx"].acceptedHmrDeps.insert("dep.ts");
        const auto p = g.propagate("dep.ts");
        QVERIFY(!p.fullReload);
        QCOMPARE(p.boundaries.size(), size_t(1));
        QCOMPARE(p.boundaries[0].url, std::string("/src/app.tsx"));
        QCOMPARE(p.boundaries[0].acceptedVia, std::string("/src/dep.ts"));
        // Changing app.tsx itself is not accepted by anyone: main has no importers.
        const auto q = g.propagate("app.tsx");
        QVERIFY(q.fullReload);
        QVERIFY2(q.reason.find("/src/app.tsx -> /src/main.tsx") != std::string::npos,
                 q.reason.c_str());
    }
    void chainToBoundary()
    {
        Graph g;
        g.edge("main.tsx", "a.tsx");
        g.edge("a.tsx", "b.ts");
        g.edge("b.ts", "c.ts");
        g.nodes["a.tsx"].isSelfAccepting = true;
        const auto p = g.propagate("c.ts");
        QVERIFY(!p.fullReload);
        QCOMPARE(p.boundaries.size(), size_t(1));
        QCOMPARE(p.boundaries[0].id, std::string("a.tsx"));
        QCOMPARE(p.boundaries[0].acceptedVia, std::string("/src/a.tsx"));
    }
    void twoBoundariesFromTwoImporters()
    {
        Graph g;
        g.edge("x.tsx", "shared.ts");
        g.edge("y.tsx", "shared.ts");
        g.edge("main.tsx", "x.tsx");
        g.edge("main.tsx", "y.tsx");
        g.nodes["x.tsx"].isSelfAccepting = true;
        g.nodes["y.tsx"].acceptedHmrDeps.insert("shared.ts");
        const auto p = g.propagate("shared.ts");
        QVERIFY(!p.fullReload);
        QCOMPARE(p.boundaries.size(), size_t(2));
        QCOMPARE(p.boundaries[0].url, std::string("/src/x.tsx"));
        QCOMPARE(p.boundaries[1].url, std::string("/src/y.tsx"));
        QCOMPARE(p.boundaries[1].acceptedVia, std::string("/src/shared.ts"));
        // One importer without a boundary above it is enough for a full reload.
        g.nodes["y.tsx"].acceptedHmrDeps.clear();
        QVERIFY(g.propagate("shared.ts").fullReload);
    }
    void noBoundaryFullReload()
    {
        Graph g;
        g.edge("main.tsx", "b.ts");
        g.edge("b.ts", "c.ts");
        const auto p = g.propagate("c.ts");
        QVERIFY(p.fullReload);
        QVERIFY(p.boundaries.empty());
        QCOMPARE(p.reason, std::string("no HMR boundary: /src/c.ts -> /src/b.ts -> /src/main.tsx "
                                       "is imported by nothing"));
        QVERIFY(sy::hmrUpdatesFor(p, 1).empty());
    }
    void cycleWithoutBoundary()
    {
        Graph g;
        g.edge("a.ts", "b.ts");
        g.edge("b.ts", "a.ts");
        const auto p = g.propagate("a.ts");
        QVERIFY(p.fullReload);
        QVERIFY2(p.reason.find("circular") != std::string::npos, p.reason.c_str());
        QVERIFY2(p.reason.find("/src/a.ts -> /src/b.ts -> /src/a.ts") != std::string::npos,
                 p.reason.c_str());
    }
    void cycleWithBoundary()
    {
        // a <-> b, app accepts b: the update goes through, flagged as within a cycle.
        Graph g;
        g.edge("a.ts", "b.ts");
        g.edge("b.ts", "a.ts");
        g.edge("app.tsx", "b.ts");
        g.nodes["app.tsx"].acceptedHmrDeps.insert("b.ts");
        const auto p = g.propagate("a.ts");
        QVERIFY2(!p.fullReload, p.reason.c_str());
        QCOMPARE(p.boundaries.size(), size_t(1));
        QCOMPARE(p.boundaries[0].url, std::string("/src/app.tsx"));
        QCOMPARE(p.boundaries[0].acceptedVia, std::string("/src/b.ts"));
        QVERIFY(!p.boundaries[0].isWithinCircularImport); // app is not on the cycle
        // A self-accepting module on the cycle is flagged.
        Graph h;
        h.edge("main.tsx", "a.ts");
        h.edge("a.ts", "b.ts");
        h.edge("b.ts", "a.ts");
        h.edge("b.ts", "c.ts");
        h.nodes["b.ts"].isSelfAccepting = true;
        const auto q = h.propagate("c.ts");
        QVERIFY2(!q.fullReload, q.reason.c_str());
        QCOMPARE(q.boundaries.size(), size_t(1));
        QVERIFY(q.boundaries[0].isWithinCircularImport);
        QVERIFY(sy::updatePayload(sy::hmrUpdatesFor(q, 1)).find("isWithinCircularImport") !=
                std::string::npos);
    }
    void unknownModuleAndCss()
    {
        Graph g;
        QVERIFY(!g.propagate("nowhere.ts").fullReload);
        QVERIFY(g.propagate("nowhere.ts").boundaries.empty());
        g.edge("main.tsx", "app.css");
        g.nodes["app.css"].isSelfAccepting = true;
        g.nodes["app.css"].isCss = true;
        const auto updates = sy::hmrUpdatesFor(g.propagate("app.css"), 7);
        QCOMPARE(updates.size(), size_t(1));
        QCOMPARE(updates[0].type, sy::HmrUpdateType::Css);
    }

    // --- accept detection -----------------------------------------------------------------
    void selfAccepting()
    {
        auto a = accepts(
            "export const x = 1;\nif (import.meta.hot) {\n  import.meta.hot.accept();\n}\n");
        QVERIFY(a.usesHot);
        QVERIFY(a.isSelfAccepting);
        QVERIFY(a.acceptedDeps.empty());
        a = accepts("import.meta.hot.accept((mod) => { if (mod) render(mod.default); });");
        QVERIFY(a.isSelfAccepting);
        a = accepts("import.meta.hot?.accept(function (m) {})");
        QVERIFY(a.isSelfAccepting);
        QVERIFY(a.error.empty());
    }
    void acceptedDeps()
    {
        const std::string code = "import { render } from \"/src/render.ts\";\n"
                                 "import.meta.hot.accept(\"./dep.ts\", (m) => render(m));\n";
        auto a = accepts(code);
        QVERIFY(a.usesHot);
        QVERIFY(!a.isSelfAccepting);
        QCOMPARE(a.acceptedDeps.size(), size_t(1));
        QCOMPARE(a.acceptedDeps[0].specifier, std::string("./dep.ts"));
        QCOMPARE(code.substr(size_t(a.acceptedDeps[0].s),
                             size_t(a.acceptedDeps[0].e - a.acceptedDeps[0].s)),
                 std::string("\"./dep.ts\""));

        a = accepts(
            "import.meta.hot.accept(['./a.js', \"./b.js\", `./c.js`,], ([a, b, c]) => {});\n"
            "import.meta.hot\n  .accept(/* deps */ './d.js', cb);\n");
        QCOMPARE(a.acceptedDeps.size(), size_t(4));
        QCOMPARE(a.acceptedDeps[0].specifier, std::string("./a.js"));
        QCOMPARE(a.acceptedDeps[1].specifier, std::string("./b.js"));
        QCOMPARE(a.acceptedDeps[2].specifier, std::string("./c.js"));
        QCOMPARE(a.acceptedDeps[3].specifier, std::string("./d.js"));
        QVERIFY(!a.isSelfAccepting);
        QVERIFY(a.error.empty());

        // Both kinds in one module.
        a = accepts("import.meta.hot.accept();\nimport.meta.hot.accept('./x.ts', () => {});");
        QVERIFY(a.isSelfAccepting);
        QCOMPARE(a.acceptedDeps.size(), size_t(1));
    }
    void otherHotUses()
    {
        auto a = accepts("import.meta.hot.dispose((data) => { data.n = 1; });\n"
                         "import.meta.hot.on('switchyard:rsc-updated', () => {});\n");
        QVERIFY(a.usesHot);
        QVERIFY(!a.isSelfAccepting);
        QVERIFY(a.acceptedDeps.empty());
        a = accepts("import.meta.hot.acceptExports(['x'], () => {});");
        QVERIFY(a.usesHot);
        QVERIFY(!a.isSelfAccepting);
        QVERIFY(a.acceptedDeps.empty());
        a = accepts("const u = new URL('./x.png', import.meta.url);\n"
                    "const s = 'import.meta.hot.accept()'; // import.meta.hot.accept()\n");
        QVERIFY(!a.usesHot);
        QVERIFY(!a.isSelfAccepting);
        a = accepts("const hot = import.meta.hotter;");
        QVERIFY(!a.usesHot);
    }
    void invalidAcceptUsage()
    {
        auto a = accepts("const d = './x.js';\nimport.meta.hot.accept([d], () => {});");
        QVERIFY(!a.error.empty());
        QVERIFY(a.acceptedDeps.empty());
        QVERIFY(!a.isSelfAccepting);
        a = accepts("import.meta.hot.accept(`./${name}.js`, () => {});");
        QVERIFY(a.isSelfAccepting); // not a literal: Vite reads it the same way
    }
    void sucraseOutput()
    {
        // What sucrase leaves of a TSX component that accepts itself.
        const std::string code =
            "import {jsxDEV as _jsxDEV} from "
            "\"/.switchyard/deps_client/react_jsx-dev-runtime.js?v=1\";\n"
            "const _jsxFileName = \"/app/src/Counter.tsx\";\n"
            "export function Counter() { return _jsxDEV(\"b\", {}, void 0, false, {fileName: "
            "_jsxFileName, lineNumber: 2}, this); }\n"
            "if (import.meta.hot) import.meta.hot.accept((next) => console.log(next));\n";
        const auto a = accepts(code);
        QVERIFY(a.usesHot);
        QVERIFY(a.isSelfAccepting);
    }

    // --- injection ------------------------------------------------------------------------
    void hotContextPrelude()
    {
        // Vite's importAnalysis injection, character for character.
        QCOMPARE(sy::hotContextPrelude("/@vite/client", "/src/app/Counter.tsx"),
                 std::string("import { createHotContext as __vite__createHotContext } from "
                             "\"/@vite/client\";import.meta.hot = "
                             "__vite__createHotContext(\"/src/app/Counter.tsx\");"));
        const std::string prelude = sy::hotContextPrelude("/h.js", "/src/a\".ts");
        QVERIFY(prelude.find("(\"/src/a\\\".ts\")") != std::string::npos);
        QVERIFY(prelude.find('\n') == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestHmr)
#include "tst_hmr.moc"
