// The Tests panel's model: discovery, then runs fed the way the runner feeds
// them — TestRunListener calls from another thread, results built by the
// runner's own TestEventApplier from harness events — queued onto the model
// and checked step by step (live), under QAbstractItemModelTester.
#include "fakeTestRun.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace sy;
using namespace sy::test;

namespace {

QString text(const QModelIndex &index, int column = TestRunModel::StatusColumn)
{
    return index.siblingAtColumn(column).data().toString();
}

TestStatus status(const QModelIndex &index)
{
    return TestStatus(index.data(TestRunModel::StatusRole).toInt());
}

} // namespace

class TstTestRunModel : public QObject {
    Q_OBJECT

    /// The full run of math.test.ts: one test passes, one fails with a diff,
    /// one is skipped, the failing one logs.
    static void runMath(FakeRun &run, int file)
    {
        run.startFile(file);
        run.event(file, kCollected);
        run.event(file, R"({"type":"test-start","id":"math > adds"})");
        run.event(
            file,
            R"({"type":"test-end","id":"math > adds","status":"pass","durationMs":1.5,"errors":[]})");
        run.event(file, R"({"type":"test-start","id":"math > divides"})");
        run.event(file,
                  R"({"type":"console","testId":"math > divides","level":"warn","text":"x is 3"})");
        run.event(file, kFailure);
        run.event(file,
                  R"({"type":"test-end","id":"later","status":"skip","durationMs":0,"errors":[]})");
        run.event(file, R"({"type":"summary","passed":1,"failed":1,"skipped":1,"todo":0})");
        run.finishFile(file);
    }

private slots:
    void discoveryAndALiveRun()
    {
        TestRunModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TestRunFeed feed;
        feed.connectTo(&model);

        model.setFiles(kRoot, {kPages, kMath});
        QCOMPARE(model.rowCount(), 2);
        // Sorted by relative path, not yet run.
        QCOMPARE(text(model.index(0, 0), TestRunModel::NameColumn),
                 QStringLiteral("tests/math.test.ts"));
        QCOMPARE(model.index(1, 0).data(TestRunModel::FilePathRole).toString(), kPages);
        QCOMPARE(status(model.index(0, 0)), TestStatus::Pending);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);

        QSignalSpy running(&model, &TestRunModel::runningChanged);
        QSignalSpy finished(&model, &TestRunModel::runFinished);
        FakeRun run(feed, {{kMath.toStdString(), {}}, {kPages.toStdString(), {}}});
        run.start();
        QTRY_VERIFY(model.isRunning());
        QCOMPARE(running.size(), 1);
        const QModelIndex math = model.fileIndex(kMath);
        QVERIFY(math.data(TestRunModel::QueuedRole).toBool());
        QCOMPARE(text(math), QStringLiteral("queued"));

        run.startFile(0);
        QTRY_COMPARE(status(math), TestStatus::Running);
        QVERIFY(!math.data(TestRunModel::QueuedRole).toBool());
        QVERIFY(model.fileIndex(kPages).data(TestRunModel::QueuedRole).toBool());

        run.event(0, kCollected);
        QTRY_COMPARE(model.rowCount(math), 2);
        const QModelIndex suite = model.testIndex(kMath, QStringLiteral("math"));
        QVERIFY(suite.isValid());
        QCOMPARE(suite.parent(), math);
        QCOMPARE(suite.data(TestRunModel::KindRole).toInt(), int(TestRunModel::SuiteKind));
        QCOMPARE(model.rowCount(suite), 2);
        const QModelIndex adds = model.testIndex(kMath, QStringLiteral("math > adds"));
        const QModelIndex divides = model.testIndex(kMath, QStringLiteral("math > divides"));
        QCOMPARE(adds.parent(), suite);
        QCOMPARE(text(adds, TestRunModel::NameColumn), QStringLiteral("adds"));
        QCOMPARE(adds.data(TestRunModel::FullNameRole).toString(), QStringLiteral("math > adds"));
        QCOMPARE(adds.data(TestRunModel::LineRole).toInt(), 4);
        QCOMPARE(adds.data(TestRunModel::FilePathRole).toString(), kMath);
        QCOMPARE(status(adds), TestStatus::Pending);
        QCOMPARE(math.data(TestRunModel::ModuleLoadMsRole).toDouble(), 5.0);

        // A test starts: it and its suite show it.
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        run.event(0, R"({"type":"test-start","id":"math > adds"})");
        QTRY_COMPARE(status(adds), TestStatus::Running);
        QCOMPARE(status(suite), TestStatus::Running);
        QVERIFY(!changes.isEmpty());
        run.event(
            0,
            R"({"type":"test-end","id":"math > adds","status":"pass","durationMs":1.5,"errors":[]})");
        QTRY_COMPARE(status(adds), TestStatus::Passed);
        QCOMPARE(text(adds), QStringLiteral("passed"));
        QCOMPARE(text(adds, TestRunModel::DurationColumn), QStringLiteral("1.5 ms"));
        // Still running: the suite has a test to go.
        QCOMPARE(status(suite), TestStatus::Running);

        run.event(0, R"({"type":"test-start","id":"math > divides"})");
        run.event(0,
                  R"({"type":"console","testId":"math > divides","level":"warn","text":"x is 3"})");
        QTRY_COMPARE(divides.data(TestRunModel::ConsoleTextRole).toString(),
                     QStringLiteral("[warn] x is 3\n"));
        QVERIFY(adds.data(TestRunModel::ConsoleTextRole).toString().isEmpty());
        QCOMPARE(suite.data(TestRunModel::ConsoleTextRole).toString(),
                 QStringLiteral("[warn] x is 3\n"));
        const QVariantList console = math.data(TestRunModel::ConsoleRole).toList();
        QCOMPARE(console.size(), 1);
        QCOMPARE(console[0].toMap()[QStringLiteral("testId")].toString(),
                 QStringLiteral("math > divides"));

        run.event(0, kFailure);
        QTRY_COMPARE(status(divides), TestStatus::Failed);
        QCOMPARE(status(suite), TestStatus::Failed);
        const QString errors = divides.data(TestRunModel::ErrorsTextRole).toString();
        QVERIFY2(errors.startsWith(QStringLiteral("AssertionError: expected 3 to be 4\n")),
                 qPrintable(errors));
        QVERIFY(errors.contains(QStringLiteral("- 4\n+ 3")));
        QVERIFY(errors.contains(QStringLiteral("at /app/tests/math.test.ts:9:15")));
        const QVariantMap error = divides.data(TestRunModel::ErrorsRole).toList().value(0).toMap();
        QCOMPARE(error[QStringLiteral("expected")].toString(), QStringLiteral("4"));
        QCOMPARE(error[QStringLiteral("actual")].toString(), QStringLiteral("3"));

        run.event(0,
                  R"({"type":"test-end","id":"later","status":"skip","durationMs":0,"errors":[]})");
        run.event(0, R"({"type":"summary","passed":1,"failed":1,"skipped":1,"todo":0})");
        run.finishFile(0);
        QTRY_COMPARE(status(math), TestStatus::Failed);
        QCOMPARE(text(math), QStringLiteral("failed"));
        // Where the file's time went; every item of the file answers it.
        QCOMPARE(math.data(TestRunModel::IsolateStartMsRole).toDouble(), 31.0);
        QCOMPARE(math.data(TestRunModel::ModuleLoadMsRole).toDouble(), 5.0);
        QCOMPARE(math.data(TestRunModel::TestTimeMsRole).toDouble(), 35.0); // collected -> summary
        QCOMPARE(math.data(TestRunModel::DurationMsRole).toDouble(), 120.0);
        QCOMPARE(adds.data(TestRunModel::IsolateStartMsRole).toDouble(), 31.0);
        QVERIFY(math.siblingAtColumn(TestRunModel::DurationColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Isolate start 31 ms, module load 5.0 ms")));
        QCOMPARE(suite.data(TestRunModel::DurationMsRole).toDouble(), 4.0);
        QCOMPARE(status(model.testIndex(kMath, QStringLiteral("later"))), TestStatus::Skipped);
        QVERIFY(!math.data(TestRunModel::HasStorageRole).toBool());

        // The second file throws at import: no tests, a file error.
        run.startFile(1);
        run.event(
            1,
            R"({"type":"file-error","phase":"import","error":{"name":"SyntaxError","message":"Unexpected token ')'","stack":"SyntaxError: Unexpected token ')'\n    at /app/tests/pages.test.ts:3:1"}})");
        run.finishFile(1);
        run.finish(1);
        QTRY_VERIFY(!model.isRunning());
        QCOMPARE(running.size(), 2);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(model.lastSummary().failed, 1);
        const QModelIndex pages = model.fileIndex(kPages);
        QCOMPARE(status(pages), TestStatus::Failed);
        QCOMPARE(model.rowCount(pages), 0);
        QVERIFY(pages.data(TestRunModel::ErrorsTextRole)
                    .toString()
                    .startsWith(QStringLiteral("[import] SyntaxError: Unexpected token ')'")));
        QCOMPARE(model.count(TestStatus::Passed), 1);
        QCOMPARE(model.count(TestStatus::Failed), 1);

        // What to re-run: the failing test of math, the whole of pages.
        const std::vector<TestJob> failed = model.failedJobs();
        QCOMPARE(failed.size(), size_t(2));
        QCOMPARE(failed[0].file, kMath.toStdString());
        QCOMPARE(failed[0].onlyTestIds, std::vector<std::string>{"math > divides"});
        QCOMPARE(failed[1].file, kPages.toStdString());
        QVERIFY(failed[1].onlyTestIds.empty());
    }

    void rerunningOneTestKeepsTheOthers()
    {
        TestRunModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TestRunFeed feed;
        feed.connectTo(&model);
        model.setFiles(kRoot, {kMath});
        {
            FakeRun run(feed, {{kMath.toStdString(), {}}});
            run.start();
            runMath(run, 0);
            run.finish(1);
            QVERIFY(waitForRunEnd(model));
        }
        const QModelIndex math = model.fileIndex(kMath);
        const QModelIndex suite = model.testIndex(kMath, QStringLiteral("math"));
        QCOMPARE(status(math), TestStatus::Failed);

        // Selecting the suite selects its tests.
        std::vector<TestJob> jobs = model.jobsFor({suite});
        QCOMPARE(jobs.size(), size_t(1));
        QCOMPARE(jobs[0].onlyTestIds, (std::vector<std::string>{"math > adds", "math > divides"}));
        QVERIFY(model.jobsFor({math, suite})[0].onlyTestIds.empty()); // the whole file

        // Re-run just the failing test; now it passes. The harness reports the
        // others as skipped: the model keeps what they had.
        jobs = model.failedJobs();
        FakeRun rerun(feed, jobs);
        rerun.start();
        rerun.startFile(0);
        rerun.event(0, kCollected);
        rerun.event(0, R"({"type":"test-start","id":"math > divides"})");
        rerun.event(0,
                    R"({"type":"console","testId":"math > divides","level":"log","text":"fixed"})");
        rerun.event(
            0,
            R"({"type":"test-end","id":"math > divides","status":"pass","durationMs":3,"errors":[]})");
        rerun.event(
            0,
            R"({"type":"test-end","id":"math > adds","status":"skip","durationMs":0,"errors":[]})");
        rerun.event(0, R"({"type":"summary","passed":1,"failed":0,"skipped":2,"todo":0})");
        rerun.finishFile(0);
        rerun.finish(0);
        QVERIFY(waitForRunEnd(model));
        const QModelIndex adds = model.testIndex(kMath, QStringLiteral("math > adds"));
        const QModelIndex divides = model.testIndex(kMath, QStringLiteral("math > divides"));
        QCOMPARE(status(adds), TestStatus::Passed);
        QCOMPARE(adds.data(TestRunModel::DurationMsRole).toDouble(), 1.5);
        QCOMPARE(status(divides), TestStatus::Passed);
        QVERIFY(divides.data(TestRunModel::ErrorsTextRole).toString().isEmpty());
        QCOMPARE(divides.data(TestRunModel::ConsoleTextRole).toString(), QStringLiteral("fixed\n"));
        QCOMPARE(status(suite), TestStatus::Passed);
        QCOMPARE(status(model.testIndex(kMath, QStringLiteral("later"))), TestStatus::Skipped);
        QCOMPARE(status(math), TestStatus::Passed);
        QVERIFY(model.failedJobs().empty());
    }

    void changedTestsRebuildTheFileAndDiscoveryFollowsTheDisk()
    {
        TestRunModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TestRunFeed feed;
        feed.connectTo(&model);
        model.setFiles(kRoot, {kMath, kPages});
        {
            FakeRun run(feed, {{kMath.toStdString(), {}}});
            run.start();
            runMath(run, 0);
            run.finish(1);
            QVERIFY(waitForRunEnd(model));
        }
        QCOMPARE(model.rowCount(model.fileIndex(kMath)), 2);

        // The file now has one test at top level only.
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        FakeRun run(feed, {{kMath.toStdString(), {}}});
        run.start();
        run.startFile(0);
        run.event(
            0,
            R"({"type":"collected","tests":[{"id":"only one","name":"only one","fullName":"only one","kind":"test","mode":"run","parentId":null}]})");
        QTRY_COMPARE(model.rowCount(model.fileIndex(kMath)), 1);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(!model.testIndex(kMath, QStringLiteral("math > adds")).isValid());
        QCOMPARE(status(model.testIndex(kMath, QStringLiteral("only one"))), TestStatus::Pending);

        // A hanging test: the isolate is killed, the running test fails with it.
        run.event(0, R"({"type":"test-start","id":"only one"})");
        run.finishFile(0, "test timed out: the isolate was terminated");
        run.finish(1);
        QVERIFY(waitForRunEnd(model));
        const QModelIndex only = model.testIndex(kMath, QStringLiteral("only one"));
        QCOMPARE(status(only), TestStatus::Failed);
        QVERIFY(
            only.data(TestRunModel::ErrorsTextRole).toString().contains("isolate was terminated"));
        QVERIFY(model.fileIndex(kMath)
                    .data(TestRunModel::ErrorsTextRole)
                    .toString()
                    .startsWith(QStringLiteral("[isolate] IsolateError: ")));
        QVERIFY(model.failedJobs()[0].onlyTestIds.empty()); // failed outside a test: whole file

        // Discovery: pages.test.ts is gone, a new file appears; math keeps its results.
        const QString added = QStringLiteral("/app/src/a.test.ts");
        model.setFiles(kRoot, {kMath, added});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(TestRunModel::FilePathRole).toString(), added);
        QCOMPARE(model.index(0, 0).data(TestRunModel::RelativePathRole).toString(),
                 QStringLiteral("src/a.test.ts"));
        QVERIFY(!model.fileIndex(kPages).isValid());
        QCOMPARE(status(model.fileIndex(kMath)), TestStatus::Failed);
        QCOMPARE(model.allJobs().size(), size_t(2));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void aCancelledRunLeavesUnstartedFilesAsTheyWere()
    {
        TestRunModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TestRunFeed feed;
        feed.connectTo(&model);
        model.setFiles(kRoot, {kMath, kPages});
        FakeRun run(feed, {{kMath.toStdString(), {}}, {kPages.toStdString(), {}}});
        run.start();
        run.startFile(0);
        run.event(0, kCollected);
        run.event(0, R"({"type":"test-start","id":"math > adds"})");
        run.finishFile(0, "run cancelled");
        run.finish(0);
        QVERIFY(waitForRunEnd(model));
        const QModelIndex pages = model.fileIndex(kPages);
        QVERIFY(!pages.data(TestRunModel::QueuedRole).toBool());
        QCOMPARE(status(pages), TestStatus::Pending);
        QCOMPARE(text(pages), QStringLiteral("pending"));
        QCOMPARE(status(model.fileIndex(kMath)), TestStatus::Failed);
        // Tests that never ran are skipped, the running one failed.
        QCOMPARE(status(model.testIndex(kMath, QStringLiteral("math > adds"))), TestStatus::Failed);
        QCOMPARE(status(model.testIndex(kMath, QStringLiteral("math > divides"))),
                 TestStatus::Skipped);
    }
};

QTEST_MAIN(TstTestRunModel)
#include "tst_test_run_model.moc"
