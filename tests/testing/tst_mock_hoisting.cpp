// Vitest's mock hoisting in the module pipeline of test isolates
// (testing/mockHoisting.h, TransformService::hoistMocks over
// @vitest/mocker's hoistMocks) and the __mocks__ lookup of vi.mock without a
// factory (env/mockRedirect.h).
#include "env/mockRedirect.h"
#include "js/transformService.h"
#include "testing/mockHoisting.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace sy;

namespace {

int lineOf(const std::string &code, const std::string &needle)
{
    const size_t at = code.find(needle);
    if (at == std::string::npos)
        return -1;
    return 1 + int(std::count(code.begin(), code.begin() + long(at), '\n'));
}

void touch(const std::filesystem::path &file)
{
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << "export {};\n";
}

} // namespace

class TestMockHoisting : public QObject {
    Q_OBJECT

private slots:
    void findsTheCallsVitestHoists()
    {
        QVERIFY(mayHoistMocks("vi.mock('./a')"));
        QVERIFY(mayHoistMocks("x;\nvitest . doUnmock ( './a')"));
        QVERIFY(mayHoistMocks("const h = vi.hoisted(() => 1)"));
        QVERIFY(!mayHoistMocks("vi.fn(); vi.spyOn(a, 'b'); vi.importActual('./a')"));
        QVERIFY(!mayHoistMocks("navi.mock('./a'); vi.mocked(x)"));
        QVERIFY(!mayHoistMocks("vi.mock"));
    }

    // What Vitest 4.1 emits for its documentation's example, with the
    // imports' statements kept on one line each.
    void hoistsMocksAboveTheImports()
    {
        const std::string source = "import { describe, expect, it, vi } from 'vitest'\n"
                                   "import { add } from './math'\n"
                                   "import square, * as all from \"./other\"\n"
                                   "\n"
                                   "vi.mock('./math', () => ({\n"
                                   "  add: spy,\n"
                                   "}))\n"
                                   "const { spy } = vi.hoisted(() => ({ spy: vi.fn() }))\n"
                                   "\n"
                                   "describe('x', () => {\n"
                                   "  it('adds', () => { expect(add(1, 2)).toBe(square(all.x)) })\n"
                                   "})\n";
        MockHoistOutput out = TransformService::shared().hoistMocks(source, "/app/x.test.ts");
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY(out.changed);
        const std::string expected =
            "vi.mock('./math', () => ({\n"
            "  add: spy,\n"
            "}))\n"
            "const { spy } = vi.hoisted(() => ({ spy: vi.fn() }))\n"
            "const __vi_import_0__ = await import(\"./math\"); const __vi_import_1__ = await "
            "import(\"./other\"); import { describe, expect, it, vi } from 'vitest'\n"
            "\n"
            "\n"
            "\n"
            "\n"
            "describe('x', () => {\n"
            "  it('adds', () => { expect(__vi_import_0__.add(1, 2)).toBe("
            "__vi_import_1__.default(__vi_import_1__.x)) })\n"
            "})\n";
        QCOMPARE(QString::fromStdString(out.code), QString::fromStdString(expected));
        // Everything after the hoisted statements keeps its line.
        QCOMPARE(lineOf(out.code, "describe('x'"), lineOf(source, "describe('x'"));
        QCOMPARE(lineOf(out.code, "it('adds'"), lineOf(source, "it('adds'"));
        QVERIFY(out.warnings.empty());
    }

    void rewritesMockOfAnImportAndImportsVitestWhenMissing()
    {
        const std::string source = "vi.mock(import('./a'), () => ({}))\n"
                                   "test('t', () => {})\n";
        MockHoistOutput out = TransformService::shared().hoistMocks(source, "/app/g.test.ts");
        QVERIFY2(out.ok, out.error.c_str());
        // vi without an import (globals): Vitest imports it from "vitest".
        QCOMPARE(QString::fromStdString(out.code),
                 QString("import { vi } from \"vitest\";vi.mock('./a', () => ({}))\n"
                         "test('t', () => {})\n"));
    }

    void leavesModulesWithoutMocksAlone()
    {
        MockHoistOutput out = TransformService::shared().hoistMocks(
            "import { x } from './x'\nvi.fn(x)\n", "/app/plain.ts");
        QVERIFY(out.ok);
        QVERIFY(!out.changed);
        // The pipeline's step passes such code through without asking the isolate.
        SourceStep step = mockHoistingStep(TransformService::shared(), "worker");
        SourceStepResult kept = step("/app/plain.ts", "export const a = 1;\n");
        QVERIFY(kept.ok);
        QCOMPARE(QString::fromStdString(kept.code), QString("export const a = 1;\n"));
    }

    void reportsVitestsHoistingErrors()
    {
        SourceStep step = mockHoistingStep(TransformService::shared(), "worker");
        SourceStepResult nested = step("/app/bad.test.ts", "import { vi } from 'vitest'\n"
                                                           "const v = vi.hoisted(() => {\n"
                                                           "  vi.mock('./math')\n"
                                                           "  return 1\n"
                                                           "})\n");
        QVERIFY(!nested.ok);
        QVERIFY2(nested.error.find("Cannot call vi.mock('./math') inside vi.hoisted(): both "
                                   "methods are hoisted to the top of the file and not actually "
                                   "called inside each other.") != std::string::npos,
                 nested.error.c_str());
        QVERIFY2(nested.error.find("/app/bad.test.ts (3:3, environment worker)") !=
                     std::string::npos,
                 nested.error.c_str());
        QCOMPARE(nested.line, 3);
        QCOMPARE(nested.column, 3);

        SourceStepResult exported =
            step("/app/bad2.test.ts", "import { vi } from 'vitest'\n"
                                      "export const shared = vi.hoisted(() => 1)\n");
        QVERIFY(!exported.ok);
        QVERIFY2(exported.error.find("Cannot export hoisted variable. You can control hoisting "
                                     "behavior by placing the import from this file first.") !=
                     std::string::npos,
                 exported.error.c_str());
    }

    void warnsAboutCallsNotAtTheTopLevel()
    {
        MockHoistOutput out = TransformService::shared().hoistMocks(
            "import { vi, it } from 'vitest'\nit('a', () => { if (1) { vi.mock('./y') } })\n",
            "/app/nested.test.ts");
        QVERIFY2(out.ok, out.error.c_str());
        QCOMPARE(int(out.warnings.size()), 1);
        QVERIFY(out.warnings[0].find("A vi.mock('./y') call in \"/app/nested.test.ts\" is not "
                                     "at the top level of the module.") != std::string::npos);
    }

    void findsManualMocksAsVitestDoes()
    {
        QTemporaryDir dir;
        const std::filesystem::path root = dir.path().toStdString();
        touch(root / "src/lib/clock.ts");
        touch(root / "src/lib/__mocks__/clock.ts");
        touch(root / "src/lib/text.ts");
        touch(root / "__mocks__/left-pad.js");
        touch(root / "__mocks__/@scope/pkg/index.ts");
        touch(root / "__mocks__/crypto.ts");
        // Next to the module, same file name.
        QCOMPARE(QString::fromStdString(
                     findMockRedirect(root.string(), (root / "src/lib/clock.ts").string(), "")),
                 QString::fromStdString((root / "src/lib/__mocks__/clock.ts").string()));
        QVERIFY(findMockRedirect(root.string(), (root / "src/lib/text.ts").string(), "").empty());
        // Packages and built-ins: <root>/__mocks__/<specifier>, any extension, a folder's index.
        QCOMPARE(QString::fromStdString(findMockRedirect(
                     root.string(), "/x/node_modules/left-pad/index.js", "left-pad")),
                 QString::fromStdString((root / "__mocks__/left-pad.js").string()));
        QCOMPARE(QString::fromStdString(findMockRedirect(root.string(), "/x/pkg.js", "@scope/pkg")),
                 QString::fromStdString((root / "__mocks__/@scope/pkg/index.ts").string()));
        QCOMPARE(QString::fromStdString(findMockRedirect(root.string(), "node:crypto",
                                                         normalizeMockSpecifier("node:crypto"))),
                 QString::fromStdString((root / "__mocks__/crypto.ts").string()));
        QVERIFY(findMockRedirect(root.string(), "/x/node_modules/other/i.js", "other").empty());
    }
};

QTEST_GUILESS_MAIN(TestMockHoisting)
#include "tst_mock_hoisting.moc"
