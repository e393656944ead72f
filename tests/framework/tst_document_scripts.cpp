// RedwoodSDK's Document transform in the engine (framework/documentScripts.h):
// the Document shapes rwsdk's starters and docs use, as sucrase compiles them
// (`_jsx`, `_jsxs`, `_jsxDEV` with single-quoted tags), with the generated code
// asserted exactly, line for line; and the Vite preamble modules
// (framework/vitePreamble.h).
#include "framework/documentScripts.h"
#include "framework/vitePreamble.h"
#include "js/transformService.h"
#include "lex/importLexer.h"

#include <QTest>
#include <algorithm>
#include <fstream>
#include <iterator>

using namespace sy;

namespace {

int lineCount(const std::string &s)
{
    return int(std::count(s.begin(), s.end(), '\n'));
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

const std::string kImport = "import { requestInfo } from \"rwsdk/worker\";";
const std::string kLoad = "((requestInfo.rw.scriptsToBeLoaded.add(\"/src/client.tsx\")), ";

/// The starter's Document (rwsdk's standard/minimal starters) after sucrase with
/// production JSX: `<link rel="modulepreload" href="/src/client.tsx" />` and
/// `<script>import("/src/client.tsx")</script>`.
const std::string kStarterDocument =
    "import {jsxs as _jsxs, jsx as _jsx} from \"react/jsx-runtime\";\n"
    "export const Document = ({ children }) => (\n"
    "  _jsxs('html', { lang: \"en\", children: [\n"
    "    _jsxs('head', { children: [\n"
    "      _jsx('meta', { charSet: \"utf-8\",} )\n"
    "      , _jsx('link', { rel: \"modulepreload\", href: \"/src/client.tsx\",} )\n"
    "    ]})\n"
    "    , _jsxs('body', { children: [\n"
    "      _jsx('div', { id: \"root\", children: children})\n"
    "      , _jsx('script', { children: \"import(\\\"/src/client.tsx\\\")\"})\n"
    "    ]})\n"
    "  ]})\n"
    ");\n";

} // namespace

class TestDocumentScripts : public QObject {
    Q_OBJECT

private slots:
    void starterDocumentGetsNonceAndScriptsToBeLoaded()
    {
        const DocumentScriptResult r = transformDocumentScripts(kStarterDocument);
        QVERIFY(r.changed);
        QCOMPARE(r.clientEntries, std::vector<std::string>{"/src/client.tsx"});
        std::string expected = kStarterDocument;
        expected.insert(0, kImport);
        const std::string script =
            "_jsx('script', { children: \"import(\\\"/src/client.tsx\\\")\"})";
        expected.replace(expected.find(script), script.size(),
                         kLoad + "_jsx('script', { children: \"import(\\\"/src/client.tsx\\\")\", "
                                 "nonce: requestInfo.rw.nonce}))");
        QCOMPARE(r.code, expected);
        // The modulepreload link is left as it is (rwsdk rewrites it only in a build).
        QVERIFY(contains(r.code, "_jsx('link', { rel: \"modulepreload\", href: "
                                 "\"/src/client.tsx\",} )"));
        QCOMPARE(lineCount(r.code), lineCount(kStarterDocument));
        QVERIFY(lexModule(r.code).ok);
    }

    void devJsxKeepsItsSourceArguments()
    {
        const std::string code =
            "const _jsxFileName = \"/app/src/app/Document.tsx\";import {jsxDEV as _jsxDEV} from "
            "\"react/jsx-dev-runtime\";\n"
            "export const Document = ({ children }) => (\n"
            "  _jsxDEV('body', { children: [\n"
            "      children\n"
            "      , _jsxDEV('script', { children: \"import(\\\"/src/client.tsx\\\")\"}, void 0, "
            "false, {fileName: _jsxFileName, lineNumber: 10}, this)\n"
            "  ]}, void 0, true, {fileName: _jsxFileName, lineNumber: 8}, this)\n"
            ");\n";
        const DocumentScriptResult r = transformDocumentScripts(code);
        QVERIFY(r.changed);
        QCOMPARE(r.clientEntries, std::vector<std::string>{"/src/client.tsx"});
        QVERIFY(r.code.rfind(kImport + "const _jsxFileName", 0) == 0);
        QVERIFY(contains(r.code, kLoad + "_jsxDEV('script', { children: "
                                         "\"import(\\\"/src/client.tsx\\\")\", nonce: "
                                         "requestInfo.rw.nonce}, void 0, false, {fileName: "
                                         "_jsxFileName, lineNumber: 10}, this))\n"));
        QCOMPARE(lineCount(r.code), lineCount(code));
    }

    void existingNonceIsKeptAndTheEntryStillRegistered()
    {
        // `<script nonce={rw.nonce}>import("/src/client.tsx")</script>`
        const std::string code =
            "import {jsx as _jsx} from \"react/jsx-runtime\";\n"
            "export const S = ({ rw }) => _jsx('script', { nonce: rw.nonce, children: "
            "\"import(\\\"/src/client.tsx\\\")\"});\n";
        const DocumentScriptResult r = transformDocumentScripts(code);
        QVERIFY(r.changed);
        QCOMPARE(r.code, kImport +
                             "import {jsx as _jsx} from \"react/jsx-runtime\";\n"
                             "export const S = ({ rw }) => " +
                             kLoad +
                             "_jsx('script', { nonce: rw.nonce, children: "
                             "\"import(\\\"/src/client.tsx\\\")\"}));\n");
        // A literal nonce (rwsdk's test "already have nonce") and no entry: untouched.
        const std::string literal =
            "_jsx('script', { type: \"module\", children: \"console.log('hi')\", nonce: "
            "\"existing-nonce\" });\n";
        QVERIFY(!transformDocumentScripts(literal).changed);
        // Shorthand `{ nonce }` is a nonce too.
        QVERIFY(
            !transformDocumentScripts("jsx(\"script\", { nonce, children: \"x()\" });\n").changed);
    }

    void scriptSrcIsAnEntryAndGetsTheNonce()
    {
        // `<script type="module" src="/src/client.tsx"></script>`: sucrase's trailing comma.
        const std::string code = "_jsx('script', { type: \"module\", src: \"/src/client.tsx\",})\n";
        const DocumentScriptResult r = transformDocumentScripts(code);
        QCOMPARE(r.code, kImport + kLoad +
                             "_jsx('script', { type: \"module\", src: \"/src/client.tsx\", nonce: "
                             "requestInfo.rw.nonce}))\n");
        QCOMPARE(r.clientEntries, std::vector<std::string>{"/src/client.tsx"});
        // `src={CLIENT_SCRIPT}`: a nonce, but no entry (rwsdk reads literals only).
        const DocumentScriptResult expr =
            transformDocumentScripts("_jsx('script', { type: \"module\", src: CLIENT_SCRIPT,})\n");
        QCOMPARE(expr.code, kImport + "_jsx('script', { type: \"module\", src: CLIENT_SCRIPT, "
                                      "nonce: requestInfo.rw.nonce})\n");
        QVERIFY(expr.clientEntries.empty());
        // An absolute URL is no entry of the app.
        QVERIFY(transformDocumentScripts("_jsx('script', { src: \"https://cdn.example/x.js\" })")
                    .clientEntries.empty());
    }

    void inlineScriptWithoutImportGetsOnlyTheNonce()
    {
        const DocumentScriptResult r =
            transformDocumentScripts("_jsx('script', { children: \"console.log('hi')\"})\n");
        QCOMPARE(r.code, kImport + "_jsx('script', { children: \"console.log('hi')\", nonce: "
                                   "requestInfo.rw.nonce})\n");
        QVERIFY(r.clientEntries.empty());
    }

    void untouchedShapes()
    {
        // A modulepreload link alone, dangerouslySetInnerHTML, other elements, no props object.
        for (const char *code :
             {"_jsx('link', { rel: \"modulepreload\", href: \"/src/client.tsx\",} )\n",
              "_jsx('script', { dangerouslySetInnerHTML: { __html: \"import('/src/x.tsx')\" }})\n",
              "_jsx('div', { children: \"import('/src/x.tsx')\" })\n", "_jsx('script', props)\n",
              "_jsx(Script, { src: \"/src/x.tsx\" })\n"}) {
            const DocumentScriptResult r = transformDocumentScripts(code);
            QVERIFY2(!r.changed, code);
            QCOMPARE(r.code, std::string(code));
        }
    }

    void callsInsideStringsAndCommentsAreNotCode()
    {
        const std::string code =
            "const doc = '_jsx(\"script\", { children: \"import(\\'/src/a.tsx\\')\" })';\n"
            "// _jsx('script', { src: \"/src/b.tsx\" })\n"
            "/* jsx(\"script\", { src: \"/src/c.tsx\" }) */\n"
            "const t = `${1} _jsx('script', { src: \"/src/d.tsx\" })`;\n";
        QVERIFY(mayHaveDocumentScripts(code)); // the cheap look is fooled...
        const DocumentScriptResult r = transformDocumentScripts(code);
        QVERIFY(!r.changed); // ...the tokenizer is not
        QVERIFY(r.clientEntries.empty());
    }

    void existingImportOfRequestInfoIsUsed()
    {
        const std::string code = "import { foo } from 'bar';\n"
                                 "import { requestInfo as ri, other } from \"rwsdk/worker\";\n"
                                 "_jsx('script', { src: \"/src/client.tsx\" });\n";
        const DocumentScriptResult r = transformDocumentScripts(code);
        QCOMPARE(r.code, "import { foo } from 'bar';\n"
                         "import { requestInfo as ri, other } from \"rwsdk/worker\";\n"
                         "((ri.rw.scriptsToBeLoaded.add(\"/src/client.tsx\")), _jsx('script', { "
                         "src: \"/src/client.tsx\", nonce: ri.rw.nonce }));\n");
    }

    void ownRequestInfoBindingGetsAnAliasedImport()
    {
        const std::string code = "const requestInfo = { mine: true };\n"
                                 "_jsx('script', { children: \"import('/src/client.tsx')\" });\n";
        const DocumentScriptResult r = transformDocumentScripts(code);
        QVERIFY(r.code.rfind("import { requestInfo as __rw_requestInfo } from \"rwsdk/worker\";"
                             "const requestInfo = { mine: true };\n",
                             0) == 0);
        QVERIFY(contains(r.code, "__rw_requestInfo.rw.nonce"));
        QVERIFY(contains(r.code, "__rw_requestInfo.rw.scriptsToBeLoaded.add("));
        QVERIFY(lexModule(r.code).ok);
    }

    void requestInfoSourceComesFromTheOptions()
    {
        DocumentScriptOptions options;
        options.requestInfoSource = "some-framework/worker";
        const DocumentScriptResult r =
            transformDocumentScripts("_jsx('script', { src: \"/src/c.tsx\" })", options);
        QVERIFY(r.code.rfind("import { requestInfo } from \"some-framework/worker\";", 0) == 0);
    }

    void everyImportOfAnInlineScriptInOrder()
    {
        // A template literal body over several lines (rwsdk's "multiple imports" case).
        const std::string code = "jsx(\"script\", {\n"
                                 "  type: \"module\",\n"
                                 "  children: `\n"
                                 "import('/src/client.tsx');\n"
                                 "await import('/src/entry.js');\n"
                                 "import('./relative.js');\n"
                                 "`\n"
                                 "})\n";
        const DocumentScriptResult r = transformDocumentScripts(code);
        QCOMPARE(r.clientEntries, (std::vector<std::string>{"/src/client.tsx", "/src/entry.js"}));
        QVERIFY(r.code.rfind(kImport + "((requestInfo.rw.scriptsToBeLoaded.add(\"/src/"
                                       "client.tsx\")), (requestInfo.rw.scriptsToBeLoaded.add(\"/"
                                       "src/entry.js\")), jsx(\"script\", {\n",
                             0) == 0);
        QVERIFY(contains(r.code, "`, nonce: requestInfo.rw.nonce\n})"));
        QCOMPARE(lineCount(r.code), lineCount(code));
    }

    void pureAnnotationStaysOnTheCall()
    {
        const std::string code = "x = /* @__PURE__ */ jsxDEV(\"script\", { src: \"/src/c.tsx\" });";
        const DocumentScriptResult r = transformDocumentScripts(code);
        QCOMPARE(r.code, kImport +
                             "x = ((requestInfo.rw.scriptsToBeLoaded.add(\"/src/c.tsx\")), /* "
                             "@__PURE__ */ jsxDEV(\"script\", { src: \"/src/c.tsx\", nonce: "
                             "requestInfo.rw.nonce }));");
    }

    void hashbangStaysFirst()
    {
        const DocumentScriptResult r =
            transformDocumentScripts("#!/usr/bin/env node\n_jsx('script', { src: \"/a.js\" });\n");
        QVERIFY(r.code.rfind("#!/usr/bin/env node\n" + kImport, 0) == 0);
    }

    void baseIsStrippedFromEntriesAndAddedToPaths()
    {
        DocumentScriptOptions options;
        options.base = "/auth/";
        DocumentScriptResult r = transformDocumentScripts(
            "_jsx('script', { src: \"/auth/src/client.tsx\" });\n"
            "_jsx('script', { children: \"import('/src/other.tsx')\" });\n"
            "_jsx('link', { rel: \"modulepreload\", href: \"/src/client.tsx\" });\n",
            options);
        QCOMPARE(r.clientEntries, (std::vector<std::string>{"/src/client.tsx", "/src/other.tsx"}));
        QVERIFY(contains(r.code, "scriptsToBeLoaded.add(\"/src/client.tsx\")"));
        QVERIFY(contains(r.code, "src: \"/auth/src/client.tsx\""));
        QVERIFY(contains(r.code, "children: \"import('/auth/src/other.tsx')\""));
        QVERIFY(contains(r.code, "href: \"/auth/src/client.tsx\""));
    }

    void sucraseOutputOfTheStarterDocument()
    {
        // What our transform service really emits for rwsdk's starter Document in dev
        // (jsxDEV) and with production JSX: the transform finds the script in both.
        const std::string source =
            "export const Document: React.FC<{ children: React.ReactNode }> = ({ children }) "
            "=> (\n"
            "  <html lang=\"en\">\n"
            "    <head>\n"
            "      <meta charSet=\"utf-8\" />\n"
            "      <link rel=\"modulepreload\" href=\"/src/client.tsx\" />\n"
            "    </head>\n"
            "    <body>\n"
            "      <div id=\"root\">{children}</div>\n"
            "      <script>import(\"/src/client.tsx\")</script>\n"
            "      <script nonce=\"fixed\" type=\"module\" src=\"/src/second.tsx\"></script>\n"
            "    </body>\n"
            "  </html>\n"
            ");\n";
        for (bool dev : {true, false}) {
            TransformOptions options = TransformOptions::forFile("/app/src/app/Document.tsx");
            options.jsxDev = dev;
            const TransformOutput compiled = TransformService::shared().transform(source, options);
            QVERIFY2(compiled.ok, compiled.error.c_str());
            const DocumentScriptResult r = transformDocumentScripts(compiled.code);
            QVERIFY(r.changed);
            QCOMPARE(r.clientEntries,
                     (std::vector<std::string>{"/src/client.tsx", "/src/second.tsx"}));
            QVERIFY(r.code.rfind(kImport, 0) == 0);
            // One nonce added (the inline script), the literal one kept.
            size_t nonces = 0;
            for (size_t at = r.code.find("nonce: requestInfo.rw.nonce"); at != std::string::npos;
                 at = r.code.find("nonce: requestInfo.rw.nonce", at + 1))
                ++nonces;
            QCOMPARE(nonces, size_t(1));
            QVERIFY(contains(r.code, "nonce: \"fixed\""));
            QCOMPARE(lineCount(r.code), lineCount(compiled.code));
            QVERIFY(lexModule(r.code).ok);
        }
    }

    void examplesStarterDocument()
    {
        // examples/starter (rwsdk's standard starter layout, from rwsdk's docs).
        std::ifstream in(SY_SOURCE_DIR "/examples/starter/src/app/Document.tsx");
        QVERIFY(in);
        const std::string source((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
        const TransformOutput compiled = TransformService::shared().transform(
            source, TransformOptions::forFile("/app/src/app/Document.tsx"));
        QVERIFY2(compiled.ok, compiled.error.c_str());
        const DocumentScriptResult r = transformDocumentScripts(compiled.code);
        QCOMPARE(r.clientEntries, std::vector<std::string>{"/src/client.tsx"});
        QVERIFY(contains(r.code, kLoad + "_jsxDEV('script', { children: "
                                         "\"import(\\\"/src/client.tsx\\\")\", nonce: "
                                         "requestInfo.rw.nonce}, void 0, false, "));
        // The favicon and the modulepreload links are left alone.
        QVERIFY(contains(r.code, "_jsxDEV('link', { rel: \"icon\", type: \"image/svg+xml\", href: "
                                 "\"/favicon.svg\",}"));
        QVERIFY(contains(r.code, "_jsxDEV('link', { rel: \"modulepreload\", href: "
                                 "\"/src/client.tsx\",}"));
        QCOMPARE(lineCount(r.code), lineCount(compiled.code));
    }

    void clientEntriesGrowOnly()
    {
        DocumentClientEntries entries;
        QCOMPARE(entries.add({"/src/client.tsx", "/src/b.tsx"}),
                 (std::vector<std::string>{"/src/client.tsx", "/src/b.tsx"}));
        QCOMPARE(entries.add({"/src/client.tsx"}), std::vector<std::string>{});
        QVERIFY(entries.contains("/src/b.tsx"));
        QVERIFY(!entries.contains("/src/c.tsx"));
        QCOMPARE(entries.urls(), (std::vector<std::string>{"/src/b.tsx", "/src/client.tsx"}));
    }

    void vitePreambleAsRwsdkWritesIt()
    {
        const std::string preamble = vitePreambleSource("/");
        QVERIFY(contains(preamble, "import RefreshRuntime from \"/@react-refresh\";"));
        QVERIFY(contains(preamble, "RefreshRuntime.injectIntoGlobalHook(window);"));
        QVERIFY(contains(preamble, "window.$RefreshReg$ = () => {};"));
        QVERIFY(contains(preamble, "window.$RefreshSig$ = () => (type) => type;"));
        QVERIFY(contains(preamble, "window.__vite_plugin_react_preamble_installed__ = true;"));
        QVERIFY(contains(vitePreambleSource("/app/"), "from \"/app/@react-refresh\""));
        QCOMPARE(vitePreambleImport("virtual:vite-preamble"),
                 std::string("import \"virtual:vite-preamble\";"));
        const std::string shim = viteReactRefreshSource("virtual:switchyard:react-refresh");
        QVERIFY(contains(shim, "import * as refresh from \"virtual:switchyard:react-refresh\";"));
        for (const char *name : {"register", "injectIntoGlobalHook",
                                 "createSignatureFunctionForTransform", "__hmr_import"})
            QVERIFY2(contains(shim, std::string("export const ") + name + " ="), name);
        for (const char *name :
             {"registerExportsForReactRefresh", "validateRefreshBoundaryAndEnqueueUpdate"})
            QVERIFY2(contains(shim, std::string("export function ") + name + "("), name);
        QVERIFY(contains(shim, "export default { injectIntoGlobalHook };"));
    }
};

QTEST_GUILESS_MAIN(TestDocumentScripts)
#include "tst_document_scripts.moc"
