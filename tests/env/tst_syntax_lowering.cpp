// Syntax lowering for V8 10.2 (engine/env/syntaxLowering.h): the pre-check
// that picks the files esbuild must lower, the lowering itself (TypeScript,
// JSX, `using`, decorators), its errors, and blanking import attributes.
#include "env/syntaxLowering.h"
#include "lex/importLexer.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace sy;

namespace {
const std::string kEsbuild = SY_TOOLS_JS_DIR "/node_modules/esbuild/bin/esbuild";

LoweringOptions optionsFor(const std::string &file)
{
    return LoweringOptions::forFile(file, kEsbuild);
}
} // namespace

class TstSyntaxLowering : public QObject {
    Q_OBJECT

private slots:
    void preCheckFinds_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("line");
        QTest::newRow("using") << "const a = 1;\n{ using res = open(); }"
                               << "a `using` declaration" << 2;
        QTest::newRow("await using")
            << "async function f() {\n  await using conn = db.connect();\n}"
            << "an `await using` declaration" << 2;
        QTest::newRow("for using") << "for (using x of xs) {}"
                                   << "a `using` declaration" << 1;
        QTest::newRow("class decorator") << "@sealed\nexport class A {}"
                                         << "a decorator" << 1;
        QTest::newRow("member decorator") << "class A {\n  @logged method() {}\n}"
                                          << "a decorator" << 2;
        QTest::newRow("decorator call") << "class A { @tag('x') f = 1 }"
                                        << "a decorator" << 1;
        QTest::newRow("accessor") << "class A {\n  accessor count = 0;\n}"
                                  << "an `accessor` class member" << 2;
        QTest::newRow("after JSX text with an apostrophe")
            << "export const A = () => <p>Don't</p>;\nexport function f() { using r = g(); }"
            << "a `using` declaration" << 2; // the tokenizer stops at the quote: words decide
        QTest::newRow("decorator after unreadable JSX")
            << "export const A = () => <p>Don't</p>;\n@sealed\nclass B {}"
            << "a decorator" << 2;
        QTest::newRow("private accessor") << "class A { static accessor #n = 1 }"
                                          << "an `accessor` class member" << 1;
    }
    void preCheckFinds()
    {
        QFETCH(QString, source);
        QFETCH(QString, what);
        QFETCH(int, line);
        const LoweringNeed need = syntaxNeedingLowering(source.toStdString());
        QVERIFY(need.needed);
        QCOMPARE(QString::fromStdString(need.what), what);
        QCOMPARE(need.line, line);
    }

    void preCheckLeavesModernCodeAlone_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("variable named using") << "let using = 1; using = using + 1; f(using);";
        QTest::newRow("member using") << "obj.using; obj.using(x); x?.using";
        QTest::newRow("using then newline") << "using\nx = 1";
        QTest::newRow("using in") << "using in obj; using of";
        QTest::newRow("comments") << "// using x = 1\n/* @decorator class */ const a = 1;";
        QTest::newRow("strings")
            << "import x from \"@/app/x\"; const s = 'using x'; const t = `@a`;";
        QTest::newRow("regex") << "const r = /@user using x/g;";
        QTest::newRow("accessor variable") << "const accessor = 1; accessor + 1;";
        QTest::newRow("static block and private in")
            << "class A { static { this.x = 1; } #p; static has(o) { return #p in o; } }";
        QTest::newRow("tsx") << "export function P({ n }: { n: number }) { return <p>{n}</p>; }";
        // The tokenizer stops at JSX text's quote; the words it falls back to do not match
        // an alias or scoped package import, or an address in the text.
        QTest::newRow("unreadable tsx with @ imports")
            << "import { C } from \"@/app/components/C\";\nimport x from '@scope/pkg';\n"
               "export const A = () => <p>Don't write to me@example.com</p>;";
        QTest::newRow("syntax error with @ imports")
            << "import { C } from \"@/app/components/C\";\nexport const A = () => <main>{(</main>;";
    }
    void preCheckLeavesModernCodeAlone()
    {
        QFETCH(QString, source);
        const LoweringNeed need = syntaxNeedingLowering(source.toStdString());
        QVERIFY2(!need.needed, need.what.c_str());
    }

    void lowersUsingAndDecoratorsInTypeScript()
    {
        const std::string source = "import type { T } from './t';\n"
                                   "function logged(v: any, c: ClassMethodDecoratorContext) {\n"
                                   "  return v;\n"
                                   "}\n"
                                   "export class G {\n"
                                   "  @logged greet(name: string): string { return name; }\n"
                                   "}\n"
                                   "export function f(): number {\n"
                                   "  using r = { [Symbol.dispose]() {} };\n"
                                   "  return 1;\n"
                                   "}\n";
        const LoweringResult r = lowerSyntax(source, optionsFor("/app/src/g.ts"));
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.code.find("using r") == std::string::npos);
        QVERIFY(r.code.find("@logged") == std::string::npos);
        QVERIFY(r.code.find("__using(") != std::string::npos);
        QVERIFY(r.code.find("__decorateElement(") != std::string::npos);
        QVERIFY(r.code.find("import type") == std::string::npos); // TypeScript stripped
        QVERIFY(r.code.find("sourceMappingURL") == std::string::npos);
        const auto map = nlohmann::json::parse(r.sourceMapJson);
        QCOMPARE(map["sources"][0].get<std::string>(), std::string("/app/src/g.ts"));
        QCOMPARE(map["sourcesContent"][0].get<std::string>(), source);
    }

    void lowersJsxWithTheDevRuntime()
    {
        const LoweringResult r = lowerSyntax(
            "export function A() { using x = null; return <p>hi</p>; }", optionsFor("/app/a.jsx"));
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.code.find("react/jsx-dev-runtime") != std::string::npos);
        QVERIFY(r.code.find("jsxDEV(") != std::string::npos);
    }

    void legacyDecoratorsWhenAsked()
    {
        LoweringOptions o = optionsFor("/app/a.ts");
        o.experimentalDecorators = true;
        const LoweringResult r = lowerSyntax("@dec class A { @prop x = 1 }", o);
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.code.find("__decorateClass(") != std::string::npos); // TypeScript's __decorate
    }

    void keepsUseClientDirective()
    {
        const LoweringResult r =
            lowerSyntax("\"use client\";\n@d class A {}\nexport { A };", optionsFor("/app/a.js"));
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.code.rfind("\"use client\";", 0) == 0);
    }

    void errorNamesLineAndColumn()
    {
        const std::string source = "export function f() {\n  using x = ;\n}\n";
        const LoweringNeed need = syntaxNeedingLowering(source);
        const LoweringResult r = lowerSyntax(source, optionsFor("/app/src/x.ts"));
        QVERIFY(!r.ok);
        QCOMPARE(r.line, 2);
        QCOMPARE(r.column, 13);
        QCOMPARE(r.error, std::string("Unexpected \";\""));
        const std::string message = loweringErrorMessage("/src/x.ts", "worker", need, r);
        QVERIFY2(message.rfind("Cannot lower /src/x.ts for V8 10.2 (2:13, environment worker): "
                               "Unexpected \";\"",
                               0) == 0,
                 message.c_str());
        QVERIFY(message.find("The file uses a `using` declaration (line 2)") != std::string::npos);

        // Found by the fallback (the tokenizer stopped at the JSX text's quote): a guess.
        const std::string unreadable =
            "export const A = () => <p>Don't</p>;\n@sealed\nclass B { x = ; }\n";
        const LoweringNeed guess = syntaxNeedingLowering(unreadable);
        QVERIFY(guess.needed && guess.guessed);
        const LoweringResult failed = lowerSyntax(unreadable, optionsFor("/app/src/a.tsx"));
        QVERIFY(!failed.ok);
        const std::string guessed = loweringErrorMessage("/src/a.tsx", "worker", guess, failed);
        QVERIFY2(guessed.find("The file may use a decorator (line 2)") != std::string::npos,
                 guessed.c_str());
    }

    void serviceAndCliAgree()
    {
        // The esbuild service (the default) and a CLI run give the same code,
        // map and errors.
        const std::string source = "export class G {\n"
                                   "  @logged greet(name: string) { return name; }\n"
                                   "}\n"
                                   "export async function f() {\n"
                                   "  await using r = open();\n"
                                   "  return <p>{r}</p>;\n"
                                   "}\n";
        LoweringOptions viaService = optionsFor("/app/src/g.tsx");
        LoweringOptions viaCli = viaService;
        viaCli.useService = false;
        const LoweringResult a = lowerSyntax(source, viaService);
        const LoweringResult b = lowerSyntax(source, viaCli);
        QVERIFY2(a.ok && b.ok, (a.error + " / " + b.error).c_str());
        QCOMPARE(a.code, b.code);
        QCOMPARE(nlohmann::json::parse(a.sourceMapJson), nlohmann::json::parse(b.sourceMapJson));
        const std::string broken = "const a = 1;\n@dec class A { x = ; }\n";
        const LoweringResult c = lowerSyntax(broken, viaService);
        const LoweringResult d = lowerSyntax(broken, viaCli);
        QVERIFY(!c.ok && !d.ok);
        QCOMPARE(c.error, d.error);
        QCOMPARE(c.line, 2);
        QCOMPARE(c.line, d.line);
        QCOMPARE(c.column, d.column);
        // The service is still there after an error.
        QVERIFY(lowerSyntax("using x = null;", viaService).ok);
    }

    void missingEsbuildIsAnError()
    {
        LoweringOptions o = optionsFor("/app/a.js");
        o.esbuildPath = "/nonexistent/esbuild";
        const LoweringResult r = lowerSyntax("using x = null;", o);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("could not start esbuild") != std::string::npos, r.error.c_str());
    }

    void blanksImportAttributes()
    {
        const std::string code = "import data from './d.json' with { type: 'json' };\n"
                                 "import old from './o.json' assert { type: \"json\" };\n"
                                 "export { x } from './x.json' with { type: 'json' };\n"
                                 "const lazy = import('./l.json', { with: { type: 'json' } });\n"
                                 "import plain from './p.js';\n";
        const LexedModule lexed = lexModule(code);
        QVERIFY(lexed.ok);
        const std::string out = blankImportAttributes(code, lexed);
        QCOMPARE(out.size(), code.size()); // offsets and lines kept
        QVERIFY(out.find("with") == std::string::npos);
        QVERIFY(out.find("assert") == std::string::npos);
        QVERIFY(out.find("type") == std::string::npos);
        QVERIFY(out.find("import data from './d.json' ") == 0);
        QVERIFY(out.find("import('./l.json'") != std::string::npos);
        QVERIFY(out.find("import plain from './p.js';") != std::string::npos);
        const LexedModule again = lexModule(out);
        QVERIFY(again.ok);
        QCOMPARE(again.imports.size(), lexed.imports.size());
        for (const ImportSpan &imp : again.imports)
            QCOMPARE(imp.a, int64_t(-1));
        QCOMPARE(withoutImportAttributes(code), out);
        QCOMPARE(withoutImportAttributes("const with_ = 1;"), std::string("const with_ = 1;"));
    }
};

QTEST_GUILESS_MAIN(TstSyntaxLowering)
#include "tst_syntax_lowering.moc"
