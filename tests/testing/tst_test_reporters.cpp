// The harness's events applied to a file result, and the three reporters'
// output over it (Vitest's JSON shape, JUnit XML, the readable default).
#include "testing/testEvents.h"
#include "testing/testReporters.h"
#include "testing/testWatch.h"

#include <QTest>
#include <QXmlStreamReader>
#include <cstdio>
#include <nlohmann/json.hpp>

using namespace sy;
using json = nlohmann::json;

class TstTestReporters : public QObject {
    Q_OBJECT

    /// A file with a suite of two tests (one passes, one fails with a diff),
    /// a skipped test, and console output attributed to the failing test.
    static TestFileResult sampleFile()
    {
        TestFileResult r;
        r.file = "/app/src/math.test.ts";
        r.relativePath = "src/math.test.ts";
        TestEventApplier a(r);
        a.apply(json::parse(R"({"type":"collected","tests":[
            {"id":"math","name":"math","fullName":"math","kind":"suite","mode":"run","parentId":null},
            {"id":"math > adds","name":"adds","fullName":"math > adds","kind":"test","mode":"run","parentId":"math","location":{"line":4,"column":3}},
            {"id":"math > <b>&","name":"<b>&","fullName":"math > <b>&","kind":"test","mode":"run","parentId":"math"},
            {"id":"later","name":"later","fullName":"later","kind":"test","mode":"skip","parentId":null}]})"),
                12.5);
        a.apply(json::parse(R"({"type":"test-start","id":"math > adds"})"), 13);
        a.apply(
            json::parse(
                R"({"type":"test-end","id":"math > adds","status":"pass","durationMs":1.5,"errors":[]})"),
            14);
        a.apply(json::parse(R"({"type":"test-start","id":"math > <b>&"})"), 15);
        a.apply(json::parse(
                    R"({"type":"console","testId":"math > <b>&","level":"log","text":"x is 3"})"),
                15);
        a.apply(json::parse(R"({"type":"test-end","id":"math > <b>&","status":"fail","durationMs":2,
            "errors":[{"name":"AssertionError","message":"expected 3 to be 4","stack":"AssertionError: expected 3 to be 4\n    at /app/src/math.test.ts:9:15","expected":"4","actual":"3","diff":"- Expected\n+ Received\n\n- 4\n+ 3"}]})"),
                16);
        a.apply(
            json::parse(
                R"({"type":"test-end","id":"later","status":"skip","durationMs":0,"errors":[]})"),
            16);
        a.apply(json::parse(R"({"type":"suite-end","id":"math","status":"fail","durationMs":3.5})"),
                17);
        a.apply(json::parse(R"({"type":"summary","passed":1,"failed":1,"skipped":1,"todo":0})"),
                20.5);
        a.finish();
        r.wallMs = 40;
        return r;
    }

    static TestRunSummary summaryOf(const std::vector<TestFileResult> &files)
    {
        TestRunSummary s;
        s.files = static_cast<int>(files.size());
        for (const auto &f : files) {
            s.failedFiles += f.status == TestStatus::Failed;
            s.passed += f.count(TestStatus::Passed);
            s.failed += f.count(TestStatus::Failed);
            s.skipped += f.count(TestStatus::Skipped);
        }
        s.wallMs = 50;
        return s;
    }

private slots:
    void eventsFillTheResult()
    {
        const TestFileResult r = sampleFile();
        QCOMPARE(r.cases.size(), size_t(4));
        QVERIFY(r.cases[0].isSuite);
        QCOMPARE(r.cases[1].parentId, std::string("math"));
        QCOMPARE(r.cases[1].line, 4);
        QCOMPARE(r.count(TestStatus::Passed), 1);
        QCOMPARE(r.count(TestStatus::Failed), 1);
        QCOMPARE(r.count(TestStatus::Skipped), 1);
        QCOMPARE(r.status, TestStatus::Failed);
        QCOMPARE(r.moduleLoadMs, 12.5);
        QCOMPARE(r.testMs, 8.0);
        QCOMPARE(r.cases[2].errors.at(0).expected, std::string("4"));
        QCOMPARE(r.console.size(), size_t(1));
        QCOMPARE(r.console[0].testId, std::string("math > <b>&"));
    }

    void isolateDeathFailsTheRunningTestAndSkipsTheRest()
    {
        TestFileResult r;
        r.file = "/app/spin.test.ts";
        TestEventApplier a(r);
        a.apply(json::parse(R"({"type":"collected","tests":[
            {"id":"spins","name":"spins","fullName":"spins","kind":"test","mode":"run","parentId":null},
            {"id":"after","name":"after","fullName":"after","kind":"test","mode":"run","parentId":null}]})"),
                5);
        a.apply(json::parse(R"({"type":"test-start","id":"spins"})"), 6);
        a.isolateFailed("Worker exceeded its CPU time limit (5000 ms)");
        a.finish();
        QCOMPARE(r.status, TestStatus::Failed);
        QCOMPARE(r.cases[0].status, TestStatus::Failed);
        QVERIFY(r.cases[0].errors.at(0).message.find("CPU time limit") != std::string::npos);
        QCOMPARE(r.cases[1].status, TestStatus::Skipped);
        QCOMPARE(r.fileErrors.at(0).phase, std::string("isolate"));
    }

    void aSpinKilledBeforeItsStartEventBlamesTheNextTest()
    {
        TestFileResult r;
        r.file = "/app/spin.test.ts";
        TestEventApplier a(r);
        a.apply(json::parse(R"({"type":"collected","tests":[
            {"id":"first","name":"first","fullName":"first","kind":"test","mode":"run","parentId":null},
            {"id":"todo","name":"todo","fullName":"todo","kind":"test","mode":"todo","parentId":null},
            {"id":"spins","name":"spins","fullName":"spins","kind":"test","mode":"run","parentId":null},
            {"id":"after","name":"after","fullName":"after","kind":"test","mode":"run","parentId":null}]})"),
                5);
        a.apply(
            json::parse(
                R"({"type":"test-end","id":"first","status":"pass","durationMs":1,"errors":[]})"),
            6);
        a.apply(
            json::parse(
                R"({"type":"test-end","id":"todo","status":"todo","durationMs":0,"errors":[]})"),
            6);
        a.isolateFailed("Worker exceeded its CPU time limit (1000 ms)");
        a.finish();
        QCOMPARE(r.cases[0].status, TestStatus::Passed);
        QCOMPARE(r.cases[1].status, TestStatus::Todo);
        QCOMPARE(r.cases[2].status, TestStatus::Failed);
        QCOMPARE(r.cases[3].status, TestStatus::Skipped);
    }

    void fileWithoutTestsFails()
    {
        TestFileResult r;
        r.file = "/app/empty.test.ts";
        TestEventApplier a(r);
        a.apply(json::parse(R"({"type":"collected","tests":[]})"), 3);
        a.apply(json::parse(R"({"type":"summary","passed":0,"failed":0,"skipped":0,"todo":0})"), 4);
        a.finish();
        QCOMPARE(r.status, TestStatus::Failed);
        QVERIFY(r.fileErrors.at(0).error.message.find("No test suite found") != std::string::npos);

        TestFileResult importFailed;
        TestEventApplier b(importFailed);
        b.apply(
            json::parse(
                R"({"type":"file-error","phase":"import","error":{"name":"Error","message":"boom at import"}})"),
            3);
        b.apply(json::parse(R"({"type":"summary","passed":0,"failed":0,"skipped":0,"todo":0})"), 4);
        b.finish();
        QCOMPARE(importFailed.status, TestStatus::Failed);
        QCOMPARE(importFailed.fileErrors.size(), size_t(1));
        QCOMPARE(importFailed.fileErrors[0].phase, std::string("import"));
    }

    void jsonReporterHasVitestShape()
    {
        const std::vector<TestFileResult> files = {sampleFile()};
        const json doc = json::parse(testResultsToJson(files, summaryOf(files), 1000));
        QCOMPARE(doc["numTotalTests"].get<int>(), 3);
        QCOMPARE(doc["numFailedTests"].get<int>(), 1);
        QCOMPARE(doc["numPassedTests"].get<int>(), 1);
        QCOMPARE(doc["success"].get<bool>(), false);
        const json &file = doc["testResults"][0];
        QCOMPARE(file["name"].get<std::string>(), std::string("/app/src/math.test.ts"));
        QCOMPARE(file["status"].get<std::string>(), std::string("failed"));
        const json &failing = file["assertionResults"][1];
        QCOMPARE(failing["ancestorTitles"][0].get<std::string>(), std::string("math"));
        QCOMPARE(failing["status"].get<std::string>(), std::string("failed"));
        QVERIFY(failing["failureMessages"][0].get<std::string>().find("expected 3 to be 4") !=
                std::string::npos);
        QCOMPARE(file["assertionResults"][2]["status"].get<std::string>(), std::string("skipped"));
    }

    void junitIsWellFormedAndEscaped()
    {
        const std::vector<TestFileResult> files = {sampleFile()};
        const std::string xml = testResultsToJunit(files, summaryOf(files));
        QXmlStreamReader reader(QString::fromStdString(xml));
        int testcases = 0, failures = 0, skipped = 0;
        QString failedName, systemOut;
        while (!reader.atEnd()) {
            reader.readNext();
            if (!reader.isStartElement())
                continue;
            if (reader.name() == QLatin1String("testsuites"))
                QCOMPARE(reader.attributes().value("failures").toString(), QStringLiteral("1"));
            if (reader.name() == QLatin1String("testcase")) {
                ++testcases;
                failedName = reader.attributes().value("name").toString();
            }
            if (reader.name() == QLatin1String("failure")) {
                ++failures;
                QCOMPARE(failedName, QStringLiteral("math > <b>&"));
            }
            if (reader.name() == QLatin1String("skipped"))
                ++skipped;
            if (reader.name() == QLatin1String("system-out"))
                systemOut = reader.readElementText();
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(testcases, 3);
        QCOMPARE(failures, 1);
        QCOMPARE(skipped, 1);
        QVERIFY(systemOut.contains(QStringLiteral("x is 3")));
    }

    static std::string readAll(std::FILE *file)
    {
        std::rewind(file);
        std::string text;
        char buf[4096];
        for (size_t n; (n = std::fread(buf, 1, sizeof buf, file)) > 0;)
            text.append(buf, n);
        std::fclose(file);
        return text;
    }

    /// The whole output of one console style over sampleFile(): out, then err.
    static std::pair<std::string, std::string> consoleOutput(ConsoleTestReporter::Style style)
    {
        const std::vector<TestFileResult> files = {sampleFile()};
        ConsoleReporterOptions o;
        o.out = std::tmpfile();
        o.err = std::tmpfile();
        o.root = "/app";
        o.version = "0.1.0";
        ConsoleTestReporter reporter(style, o);
        reporter.printBanner();
        reporter.runStarted(files);
        for (const TestCaseResult &c : files[0].cases)
            if (!c.isSuite)
                reporter.testFinished(0, c);
        reporter.fileFinished(0, files[0]);
        reporter.runFinished(summaryOf(files));
        return {readAll(o.out), readAll(o.err)};
    }

    void defaultReporterShowsFailuresAndTotals()
    {
        const auto [out, err] = consoleOutput(ConsoleTestReporter::Style::Default);
        QVERIFY2(out.find(" RUN  v0.1.0 /app") != std::string::npos, out.c_str());
        QVERIFY2(out.find(" ❯ src/math.test.ts (3 tests | 1 failed | 1 skipped) 8ms") !=
                     std::string::npos,
                 out.c_str());
        // A failed file lists its tests, indented by depth, with durations.
        QVERIFY2(out.find("     × <b>& 2ms") != std::string::npos, out.c_str());
        QVERIFY2(out.find("     ✓ adds 2ms") != std::string::npos, out.c_str());
        QVERIFY2(out.find("   ↓ later\n") != std::string::npos, out.c_str());
        QVERIFY2(out.find("Test Files  1 failed (1)") != std::string::npos, out.c_str());
        QVERIFY2(out.find("Tests  1 failed | 1 passed | 1 skipped (3)") != std::string::npos,
                 out.c_str());
        QVERIFY2(out.find("Duration  ") != std::string::npos, out.c_str());
        // Failures go to stderr, as Vitest's logger.error.
        QVERIFY2(err.find(" Failed Tests 1 ") != std::string::npos, err.c_str());
        QVERIFY2(err.find(" FAIL  src/math.test.ts > math > <b>&") != std::string::npos,
                 err.c_str());
        QVERIFY2(err.find("AssertionError: expected 3 to be 4") != std::string::npos, err.c_str());
        QVERIFY2(err.find("- 4\n") != std::string::npos, err.c_str()); // the diff
        QVERIFY2(err.find(" ❯ src/math.test.ts:9:15") != std::string::npos, err.c_str());
        QVERIFY2(err.find("[1/1]") != std::string::npos, err.c_str());
    }

    void verboseTreeAndDotStyles()
    {
        const auto verbose = consoleOutput(ConsoleTestReporter::Style::Verbose).first;
        QVERIFY2(verbose.find(" ✓ src/math.test.ts > math > adds 2ms") != std::string::npos,
                 verbose.c_str());
        QVERIFY2(verbose.find(" × src/math.test.ts > math > <b>& 2ms\n   → expected 3 to be 4") !=
                     std::string::npos,
                 verbose.c_str());
        QVERIFY2(verbose.find(" ↓ src/math.test.ts > later") != std::string::npos, verbose.c_str());
        const auto tree = consoleOutput(ConsoleTestReporter::Style::Tree).first;
        QVERIFY2(tree.find("   ❯ math (2)\n     ✓ adds 2ms") != std::string::npos, tree.c_str());
        const auto dot = consoleOutput(ConsoleTestReporter::Style::Dot).first;
        QVERIFY2(dot.find("·x-\n") != std::string::npos, dot.c_str());
    }

    void tapNestsAndTapFlatLists()
    {
        const std::vector<TestFileResult> files = {sampleFile()};
        const std::string tap = testResultsToTap(files, false);
        QVERIFY2(tap.rfind("TAP version 13\n1..1\nnot ok 1 - src/math.test.ts # time=", 0) == 0,
                 tap.c_str());
        QVERIFY2(tap.find("    1..2\n    not ok 1 - math") != std::string::npos, tap.c_str());
        QVERIFY2(tap.find("        ok 1 - adds # time=1.50ms") != std::string::npos, tap.c_str());
        QVERIFY2(tap.find("        not ok 2 - <b>& # time=2.00ms\n            ---\n            "
                          "error:\n                name: \"AssertionError\"") != std::string::npos,
                 tap.c_str());
        QVERIFY2(tap.find("    ok 2 - later # SKIP") != std::string::npos, tap.c_str());
        const std::string flat = testResultsToTap(files, true);
        QVERIFY2(flat.find("TAP version 13\n1..3\nok 1 - src/math.test.ts > math > adds") == 0,
                 flat.c_str());
        QVERIFY2(flat.find("not ok 2 - src/math.test.ts > math > <b>&") != std::string::npos,
                 flat.c_str());
        QVERIFY2(flat.find("ok 3 - src/math.test.ts > later # SKIP") != std::string::npos,
                 flat.c_str());
    }

    void jsonFollowsVitest41()
    {
        const std::vector<TestFileResult> files = {sampleFile()};
        const std::string text = testResultsToJson(files, summaryOf(files), 1000);
        // Vitest writes JSON.stringify(result): one line, its key order.
        QCOMPARE(text.find('\n'), text.size() - 1);
        QVERIFY2(text.rfind("{\"numTotalTestSuites\":2,\"numPassedTestSuites\":0,"
                            "\"numFailedTestSuites\":2,",
                            0) == 0,
                 text.c_str());
        const json doc = json::parse(text);
        const json &t = doc["testResults"][0]["assertionResults"][1];
        QCOMPARE(t["fullName"].get<std::string>(), std::string("math <b>&"));
        QVERIFY(t["failureMessages"][0].get<std::string>().rfind("AssertionError: expected 3 "
                                                                 "to be 4\n    at ",
                                                                 0) == 0);
        QCOMPARE(doc["numPendingTests"].get<int>(), 1);
        QVERIFY(!doc["testResults"][0]["assertionResults"][2].contains("duration"));
        QCOMPARE(doc["testResults"][0]["message"].get<std::string>(), std::string());
    }

    void snapshotsLineAndWatchHintsAsVitest41()
    {
        const std::vector<TestFileResult> files = {sampleFile()};
        ConsoleReporterOptions o;
        o.out = std::tmpfile();
        o.err = std::tmpfile();
        o.root = "/app";
        o.version = "0.1.0";
        o.watch = true;
        ConsoleTestReporter reporter(ConsoleTestReporter::Style::Default, o);
        reporter.printBanner();
        reporter.runStarted(files);
        reporter.fileFinished(0, files[0]);
        TestRunSummary summary = summaryOf(files);
        summary.snapshots.added = 2;
        reporter.runFinished(summary);
        reporter.watcherStart(false);
        reporter.watcherStart(true, true);
        reporter.watcherRerun({"/app/src/math.test.ts"}, "/app/src/math.ts");
        const std::string out = readAll(o.out);
        readAll(o.err);
        QVERIFY2(out.find(" DEV  v0.1.0 /app") != std::string::npos, out.c_str());
        QVERIFY2(out.find("\n  Snapshots  2 written\n Test Files  1 failed (1)\n") !=
                     std::string::npos,
                 out.c_str());
        QVERIFY2(out.find(" PASS  Waiting for file changes...\n       press h to show help, "
                          "press q to quit\n") != std::string::npos,
                 out.c_str());
        QVERIFY2(out.find(" FAIL  Tests failed. Watching for file changes...\n       press u to "
                          "update snapshot, press h to show help\n") != std::string::npos,
                 out.c_str());
        QVERIFY2(out.find(" RERUN  src/math.ts x1 \n") != std::string::npos, out.c_str());
    }

    void junitWritesEachLogAsVitest()
    {
        const std::vector<TestFileResult> files = {sampleFile()};
        const std::string xml = testResultsToJunit(files, summaryOf(files));
        // writeLogs: the content with its newline, then the line's own, unindented.
        QVERIFY2(xml.find("<system-out>\nx is 3\n\n            </system-out>") !=
                     std::string::npos,
                 xml.c_str());
        QVERIFY2(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<testsuites "
                           "name=\"vitest tests\" tests=\"3\" failures=\"1\" errors=\"0\" "
                           "time=\"0.008\">\n",
                           0) == 0,
                 xml.c_str());
        const json doc = json::parse(testResultsToJson(files, summaryOf(files), 1000));
        QVERIFY(doc.contains("snapshot") && doc["snapshot"].contains("didUpdate"));
        QVERIFY(!doc["testResults"][0]["assertionResults"][1].contains("location"));
    }

    void watchRerunsFilesWhoseRunLoadedTheChange()
    {
        QVERIFY(changeRerunsAll("/app", "/app/package.json"));
        QVERIFY(changeRerunsAll("/app", "/app/vitest.config.mts"));
        QVERIFY(changeRerunsAll("/app", "/app/wrangler.jsonc"));
        QVERIFY(!changeRerunsAll("/app", "/app/src/wrangler.jsonc"));
        QVERIFY(!changeRerunsAll("/app", "/app/src/math.ts"));
        QCOMPARE(fileOfModuleId("virtual:switchyard:ssr:/app/src/a.tsx?x=1"),
                 std::string("/app/src/a.tsx"));
        QCOMPARE(fileOfModuleId("virtual:switchyard:vitest"), std::string());
    }
};

QTEST_GUILESS_MAIN(TstTestReporters)
#include "tst_test_reporters.moc"
