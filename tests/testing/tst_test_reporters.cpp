// The harness's events applied to a file result, and the three reporters'
// output over it (Vitest's JSON shape, JUnit XML, the readable default).
#include "testing/testEvents.h"
#include "testing/testReporters.h"

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

    void defaultReporterShowsFailuresAndTotals()
    {
        const std::vector<TestFileResult> files = {sampleFile()};
        std::FILE *out = std::tmpfile();
        DefaultTestReporter reporter(out, false);
        reporter.runStarted(files);
        reporter.fileFinished(0, files[0]);
        reporter.runFinished(summaryOf(files));
        std::rewind(out);
        std::string text;
        char buf[4096];
        for (size_t n; (n = std::fread(buf, 1, sizeof buf, out)) > 0;)
            text.append(buf, n);
        std::fclose(out);
        QVERIFY2(text.find("src/math.test.ts (3 tests | 1 failed)") != std::string::npos,
                 text.c_str());
        QVERIFY2(text.find("FAIL  src/math.test.ts > math > <b>&") != std::string::npos,
                 text.c_str());
        QVERIFY2(text.find("- 4\n") != std::string::npos, text.c_str()); // the diff
        QVERIFY2(text.find("log | x is 3") != std::string::npos, text.c_str());
        QVERIFY2(text.find("Test Files  1 failed (1)") != std::string::npos, text.c_str());
        QVERIFY2(text.find("Tests  1 failed | 1 passed | 1 skipped (3)") != std::string::npos,
                 text.c_str());
    }
};

QTEST_GUILESS_MAIN(TstTestReporters)
#include "tst_test_reporters.moc"
