#include "js/contentMemo.h"
#include "js/jsPlatform.h"
#include "js/transformService.h"

#include <QtTest/QtTest>

#include <chrono>
#include <thread>
#include <vector>

using namespace sy;

namespace {
const char *kTsx = R"TSX(import { useState } from "react";
import type { ReactNode } from "react";

interface Props {
  title: string;
  children?: ReactNode;
}

enum Mode { Light, Dark }

export function Card({ title, children }: Props): JSX.Element {
  const [count, setCount] = useState<number>(0);
  const mode: Mode = Mode.Dark;
  return (
    <section className="card" data-mode={mode}>
      <h2>{title}</h2>
      <button onClick={() => setCount((c) => c + 1)}>clicked {count} times</button>
      {children}
    </section>
  );
}

export default async function Page(): Promise<JSX.Element> {
  const items: string[] = await Promise.resolve(["a", "b"]);
  return <Card title="Hello">{items.map((i) => <p key={i}>{i}</p>)}</Card>;
}
)TSX";
} // namespace

class TstTransformService : public QObject {
    Q_OBJECT
private slots:
    void optionsFromExtension()
    {
        auto tsx = TransformOptions::forFile("/app/src/page.tsx");
        QVERIFY(tsx.typescript && tsx.jsx);
        auto ts = TransformOptions::forFile("/app/src/util.ts?v=123");
        QVERIFY(ts.typescript && !ts.jsx);
        auto jsx = TransformOptions::forFile("/app/src/a.jsx");
        QVERIFY(!jsx.typescript && jsx.jsx);
    }

    void tsxToJs()
    {
        auto &service = TransformService::shared();
        qInfo("platform init %.2f ms; transform service startup (isolate + bundle): %.2f ms",
              JsPlatform::initMs(), service.startupMs());
        auto out = service.transform(kTsx, TransformOptions::forFile("/app/src/page.tsx"));
        QVERIFY2(out.ok, out.error.c_str());
        const QString code = QString::fromStdString(out.code);
        QVERIFY2(code.contains("react/jsx-dev-runtime"), qPrintable(code));
        QVERIFY(code.contains("jsxDEV"));
        QVERIFY(!code.contains("interface Props"));
        QVERIFY(!code.contains(": Props"));
        QVERIFY(!code.contains("useState<number>"));
        QVERIFY(!code.contains("import type"));
        QVERIFY(code.contains("export function Card")); // ESM kept
        QVERIFY(code.contains("export default async function Page"));
        QVERIFY(!code.contains("require(")); // no CJS conversion
        QVERIFY(!code.contains("<section"));
        QVERIFY(code.contains("/app/src/page.tsx")); // jsxDEV __source fileName
        const QString map = QString::fromStdString(out.sourceMapJson);
        QVERIFY(map.contains("\"mappings\""));
        QVERIFY(map.contains("/app/src/page.tsx"));
        QVERIFY(map.contains("sourcesContent"));

        // Timing over several runs (warm).
        double best = 1e9, total = 0;
        const int runs = 50;
        for (int i = 0; i < runs; ++i) {
            auto r = service.transform(kTsx, TransformOptions::forFile("/app/src/page.tsx"));
            QVERIFY(r.ok);
            best = std::min(best, r.durationMs);
            total += r.durationMs;
        }
        qInfo("transform of %zu-byte TSX: best %.3f ms, mean %.3f ms", strlen(kTsx), best,
              total / runs);
    }

    void productionRuntime()
    {
        auto o = TransformOptions::forFile("/app/src/a.jsx");
        o.jsxDev = false;
        o.jsxImportSource = "preact";
        auto out = TransformService::shared().transform("export const a = <div>hi</div>;", o);
        QVERIFY2(out.ok, out.error.c_str());
        QVERIFY2(QString::fromStdString(out.code).contains("preact/jsx-runtime"), out.code.c_str());
        QVERIFY(!QString::fromStdString(out.code).contains("jsxDEV"));
    }

    void syntaxErrorHasLocation()
    {
        const char *bad = "const a = 1;\nconst b: number = ;\n";
        auto out =
            TransformService::shared().transform(bad, TransformOptions::forFile("/x/bad.ts"));
        QVERIFY(!out.ok);
        QVERIFY(!out.error.empty());
        QCOMPARE(out.line, 2);
        QVERIFY2(out.column >= 18 && out.column <= 20, qPrintable(QString::number(out.column)));
        // The service stays usable.
        auto ok = TransformService::shared().transform("export const x: number = 1;",
                                                       TransformOptions::forFile("/x/ok.ts"));
        QVERIFY(ok.ok);
        QVERIFY(QString::fromStdString(ok.code).contains("export const x = 1"));
    }

    void unterminatedJsx()
    {
        auto out = TransformService::shared().transform(
            "export default function A() {\n  return <div><span></div>;\n}\n",
            TransformOptions::forFile("/x/a.tsx"));
        QVERIFY(!out.ok);
        QVERIFY(out.line >= 2);
    }

    void threadSafe()
    {
        std::vector<std::thread> threads;
        std::atomic<int> good{0};
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 20; ++i) {
                    auto r = TransformService::shared().transform(
                        "export const v: number = " + std::to_string(t * 100 + i) + ";",
                        TransformOptions::forFile("/x/t.ts"));
                    if (r.ok && r.code.find(std::to_string(t * 100 + i)) != std::string::npos)
                        ++good;
                }
            });
        for (auto &th : threads)
            th.join();
        QCOMPARE(good.load(), 80);
    }

    void memoKeepsRecentResultsWithinItsBytes()
    {
        ContentMemo<std::string> memo(100);
        const std::string a = ContentMemo<std::string>::keyOf("o", "a"),
                          b = ContentMemo<std::string>::keyOf("o", "b"),
                          c = ContentMemo<std::string>::keyOf("o", "c");
        QVERIFY(a != b);
        // The same source under other options is another key.
        QVERIFY(ContentMemo<std::string>::keyOf("p", "a") != a);
        // The separator keeps ("ab", "c") apart from ("a", "bc").
        QVERIFY(ContentMemo<std::string>::keyOf("ab", "c") !=
                ContentMemo<std::string>::keyOf("a", "bc"));
        memo.insert(a, "A", 40);
        memo.insert(b, "B", 40);
        QCOMPARE(*memo.find(a), std::string("A")); // a is now the most recent
        memo.insert(c, "C", 40);                   // 120 > 100: the least recent (b) goes
        QVERIFY(!memo.find(b));
        QCOMPARE(*memo.find(a), std::string("A"));
        QCOMPARE(*memo.find(c), std::string("C"));
        QCOMPARE(memo.bytes(), std::size_t(80));
        memo.insert(b, "too big", 101); // larger than the whole memo: not kept
        QVERIFY(!memo.find(b));
        QCOMPARE(memo.bytes(), std::size_t(80));
    }

    void sameInputSameOutputFromTheMemo()
    {
        TransformService own;
        const auto options = TransformOptions::forFile("/app/src/Card.tsx");
        const TransformOutput first = own.transform(kTsx, options);
        QVERIFY2(first.ok, first.error.c_str());
        const TransformOutput again = own.transform(kTsx, options);
        QVERIFY(again.ok);
        QCOMPARE(again.code, first.code);
        QCOMPARE(again.sourceMapJson, first.sourceMapJson);
        // Other options or another file name: transformed for them, not the memo's.
        auto production = options;
        production.jsxDev = false;
        const TransformOutput prod = own.transform(kTsx, production);
        QVERIFY(prod.ok);
        QVERIFY(QString::fromStdString(first.code).contains("jsxDEV"));
        QVERIFY(!QString::fromStdString(prod.code).contains("jsxDEV"));
        const TransformOutput other =
            own.transform(kTsx, TransformOptions::forFile("/app/src/Other.tsx"));
        QVERIFY(QString::fromStdString(other.sourceMapJson).contains("Other.tsx"));
        QVERIFY(!QString::fromStdString(first.sourceMapJson).contains("Other.tsx"));
        // An edit is a new key: the new source's output.
        std::string edited = kTsx;
        edited.replace(edited.find("clicked"), 7, "pressed");
        const TransformOutput after = own.transform(edited, options);
        QVERIFY(QString::fromStdString(after.code).contains("pressed"));
        // A failure with its position is remembered as the same failure.
        const TransformOutput bad1 = own.transform("const b: number = ;", options);
        const TransformOutput bad2 = own.transform("const b: number = ;", options);
        QVERIFY(!bad1.ok && !bad2.ok);
        QCOMPARE(bad2.error, bad1.error);
        QCOMPARE(bad2.line, bad1.line);
    }

    void separateInstance()
    {
        TransformService own;
        auto r = own.transform("let x: string = 'a';", TransformOptions::forFile("/x/s.ts"));
        QVERIFY(r.ok);
        QCOMPARE(QString::fromStdString(r.code).trimmed(), QString("let x = 'a';"));
    }
};

QTEST_GUILESS_MAIN(TstTransformService)
#include "tst_transform_service.moc"
