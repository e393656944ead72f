#include "env/importRewriter.h"
#include "lex/importLexer.h"

#include <QTest>

using namespace sy;

namespace {
std::string rewrite(const std::string &code, bool interop)
{
    const LexedModule lexed = lexModule(code);
    return rewriteImports(code, lexed,
                          [&](const ImportSpan &imp) -> std::optional<ImportTarget> {
                              return ImportTarget{"/deps/" + imp.specifier + ".js?v=abc", interop};
                          })
        .code;
}
} // namespace

class TestImportRewriter : public QObject {
    Q_OBJECT
private slots:
    void plainSpecifiersAreReplacedInPlace()
    {
        QCOMPARE(rewrite("import { a } from 'x';\nexport * from \"y\";\nimport('z');", false),
                 std::string("import { a } from '/deps/x.js?v=abc';\nexport * from "
                             "\"/deps/y.js?v=abc\";\nimport(\"/deps/z.js?v=abc\");"));
    }
    void namedImportsFromCommonJsReadModuleExports()
    {
        const std::string out =
            rewrite("import React, { useState, useEffect as ue } from 'react';\n"
                    "console.log(useState);",
                    true);
        QCOMPARE(out, std::string("import __sy_cjs0 from \"/deps/react.js?v=abc\"; const React = "
                                  "__sy_cjs0 && __sy_cjs0.__esModule ? __sy_cjs0.default : "
                                  "__sy_cjs0; const useState = __sy_cjs0[\"useState\"]; const ue = "
                                  "__sy_cjs0[\"useEffect\"];;\nconsole.log(useState);"));
    }
    void namespaceAndSideEffectImports()
    {
        QCOMPARE(
            rewrite("import * as R from 'react';", true),
            std::string("import __sy_cjs0 from \"/deps/react.js?v=abc\"; const R = __sy_cjs0;;"));
        QCOMPARE(rewrite("import 'polyfill';", true),
                 std::string("import '/deps/polyfill.js?v=abc';"));
    }
    void reExportsFromCommonJs()
    {
        QCOMPARE(rewrite("export { a, b as c } from 'lib';", true),
                 std::string("import __sy_cjs0 from \"/deps/lib.js?v=abc\"; const __sy_cjs0_0 = "
                             "__sy_cjs0[\"a\"]; const __sy_cjs0_1 = __sy_cjs0[\"b\"]; export { "
                             "__sy_cjs0_0 as a, __sy_cjs0_1 as c };"));
    }
    void dynamicImportOfCommonJsGetsANamespace()
    {
        const std::string out = rewrite("const m = await import('lib');", true);
        QVERIFY(out.find("import(\"/deps/lib.js?v=abc\").then(") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestImportRewriter)
#include "tst_import_rewriter.moc"
