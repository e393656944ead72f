// The Tests panel over a TestRunModel fed as the runner feeds it (see
// tests/testing/fakeTestRun.h): the tree with status icons, the toolbar's
// state through a run, what its actions, a double-click and the details'
// buttons ask for, and the details of a failing test (diff, stack, console,
// durations split).
#include "fakeTestRun.h"
#include "views/tests/testDetailsView.h"
#include "views/tests/testStatusIconModel.h"
#include "views/tests/testsPanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QIcon>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>
#include <QTreeView>

using namespace sy;
using namespace sy::test;

namespace {

QWidget *buttonOf(TestsPanel &panel, QAction *action)
{
    return panel.findChild<QToolBar *>()->widgetForAction(action);
}

QList<TestJob> jobsOf(const QSignalSpy &spy, int call = 0)
{
    return spy.at(call).at(0).value<QList<TestJob>>();
}

void doubleClick(QTreeView *tree, const QModelIndex &index)
{
    tree->scrollTo(index);
    const QPoint at = tree->visualRect(index).center();
    // QAbstractItemView reacts to the press/release pair before the double-click.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
}

} // namespace

class TstTestsPanel : public QObject {
    Q_OBJECT
    QTranslator m_translator;

private slots:
    void cleanup() { QCoreApplication::removeTranslator(&m_translator); }

    void aRunInThePanel()
    {
        TestRunModel model;
        TestRunFeed feed;
        feed.connectTo(&model);
        TestsPanel panel(&model);
        QAbstractItemModelTester tester(panel.treeModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.resize(900, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy runs(&panel, &TestsPanel::runRequested);
        QSignalSpy stops(&panel, &TestsPanel::stopRequested);

        model.setFiles(kRoot, {kMath, kPages});
        QCOMPARE(panel.treeModel()->rowCount(), 2);
        QCOMPARE(panel.statusText(), QStringLiteral("2 test file(s)"));
        QVERIFY(panel.runAllAction()->isEnabled());
        QVERIFY(!panel.runFailedAction()->isEnabled()); // nothing failed yet
        QVERIFY(!panel.stopAction()->isEnabled());

        // Run all asks for every file (the session finds them anew).
        QTest::mouseClick(buttonOf(panel, panel.runAllAction()), Qt::LeftButton);
        QCOMPARE(runs.size(), 1);
        QVERIFY(jobsOf(runs).isEmpty());

        // The host says a run is under way (pre-bundling): only Stop is offered.
        panel.setBusy(true);
        QVERIFY(!panel.runAllAction()->isEnabled());
        QVERIFY(panel.stopAction()->isEnabled());
        QTest::mouseClick(buttonOf(panel, panel.stopAction()), Qt::LeftButton);
        QCOMPARE(stops.size(), 1);

        // The run goes: live status line and icons.
        FakeRun run(feed, {{kMath.toStdString(), {}}, {kPages.toStdString(), {}}});
        run.start();
        run.startFile(0);
        run.event(0, kCollected);
        run.event(0, R"({"type":"test-start","id":"math > adds"})");
        run.event(
            0,
            R"({"type":"test-end","id":"math > adds","status":"pass","durationMs":1.5,"errors":[]})");
        QTRY_COMPARE(panel.statusText(), QStringLiteral("Running… 1 passed, 0 failed"));
        const QModelIndex math = panel.treeModel()->index(0, 0);
        QVERIFY(panel.tree()->isExpanded(math)); // its tests appeared: shown
        const QModelIndex adds =
            panel.treeModel()->index(0, 0, panel.treeModel()->index(0, 0, math));
        QCOMPARE(adds.data().toString(), QStringLiteral("adds"));
        const QIcon passedIcon = TestStatusIconModel::statusIcon(int(TestStatus::Passed));
        QCOMPARE(adds.data(Qt::DecorationRole).value<QIcon>().cacheKey(), passedIcon.cacheKey());
        QCOMPARE(panel.treeModel()->index(1, 0).data(Qt::DecorationRole).value<QIcon>().cacheKey(),
                 TestStatusIconModel::statusIcon(0, true).cacheKey()); // pages: queued

        run.event(0, R"({"type":"test-start","id":"math > divides"})");
        run.event(0,
                  R"({"type":"console","testId":"math > divides","level":"warn","text":"x is 3"})");
        run.event(0, kFailure);
        run.event(0,
                  R"({"type":"test-end","id":"later","status":"skip","durationMs":0,"errors":[]})");
        run.event(0, R"({"type":"summary","passed":1,"failed":1,"skipped":1,"todo":0})");
        run.finishFile(0);
        run.startFile(1);
        run.event(
            1,
            R"({"type":"file-error","phase":"import","error":{"name":"SyntaxError","message":"Unexpected token"}})");
        run.finishFile(1);
        run.finish(1);
        QVERIFY(waitForRunEnd(model));
        panel.setBusy(false);
        QVERIFY(panel.runFailedAction()->isEnabled());
        QVERIFY(!panel.stopAction()->isEnabled());
        QTRY_VERIFY2(panel.statusText().startsWith(
                         QStringLiteral("1 passed, 1 failed, 1 skipped · 2 file(s) in ")),
                     qPrintable(panel.statusText()));

        // The failing test's details: error with its diff and stack, its
        // console, its time and where its file's time went.
        QVERIFY(panel.select(kMath, QStringLiteral("math > divides")));
        TestDetailsView *details = panel.details();
        QTRY_VERIFY(
            details->errorsText().contains(QStringLiteral("AssertionError: expected 3 to be 4")));
        QVERIFY(details->errorsText().contains(QStringLiteral("- 4\n+ 3")));
        QVERIFY(details->errorsText().contains(QStringLiteral("at /app/tests/math.test.ts:9:15")));
        QCOMPARE(details->consoleText(), QStringLiteral("[warn] x is 3\n"));
        QVERIFY2(
            details->durationsText().startsWith(QStringLiteral(
                "Test 2.5 ms — its file: isolate start 31 ms · module load 5.0 ms · test time ")),
            qPrintable(details->durationsText()));
        auto *storage = details->findChild<QPushButton *>(QStringLiteral("testShowStorage"));
        QVERIFY(!storage->isEnabled()); // this file's run kept no storage

        QSignalSpy graphs(&panel, &TestsPanel::moduleGraphRequested);
        QTest::mouseClick(details->findChild<QPushButton *>(QStringLiteral("testShowGraph")),
                          Qt::LeftButton);
        QCOMPARE(graphs.size(), 1);
        QCOMPARE(graphs.at(0).at(0).toString(), kMath);

        // Run failed: math's failing test, pages as a whole.
        QTest::mouseClick(buttonOf(panel, panel.runFailedAction()), Qt::LeftButton);
        QCOMPARE(runs.size(), 2);
        QList<TestJob> jobs = jobsOf(runs, 1);
        QCOMPARE(jobs.size(), 2);
        QCOMPARE(jobs[0].file, kMath.toStdString());
        QCOMPARE(jobs[0].onlyTestIds, std::vector<std::string>{"math > divides"});
        QCOMPARE(jobs[1].file, kPages.toStdString());
        QVERIFY(jobs[1].onlyTestIds.empty());

        // Double-clicking a test runs it; the details' Run button runs the current item.
        const QModelIndex addsNow = panel.treeModel()->index(
            0, 0, panel.treeModel()->index(0, 0, panel.treeModel()->index(0, 0)));
        doubleClick(panel.tree(), addsNow);
        QCOMPARE(runs.size(), 3);
        jobs = jobsOf(runs, 2);
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(jobs[0].onlyTestIds, std::vector<std::string>{"math > adds"});
        QVERIFY(panel.select(kPages));
        QTest::mouseClick(details->findChild<QPushButton *>(QStringLiteral("testRun")),
                          Qt::LeftButton);
        QCOMPARE(runs.size(), 4);
        QCOMPARE(jobsOf(runs, 3).size(), 1);
        QCOMPARE(jobsOf(runs, 3)[0].file, kPages.toStdString());
        QVERIFY(details->errorsText().startsWith(
            QStringLiteral("[import] SyntaxError: Unexpected token")));

        // A session failure shows until the next run is asked for.
        panel.setError(QStringLiteral("package.json: bad switchyard.test"));
        QCOMPARE(panel.statusText(), QStringLiteral("package.json: bad switchyard.test"));
        QTest::mouseClick(buttonOf(panel, panel.runAllAction()), Qt::LeftButton);
        QVERIFY(panel.statusText().startsWith(QStringLiteral("1 passed")));
    }

    /// The panel's and the model's words with translations/*.ts compiled and
    /// installed, found in the contexts tr() asks at run time.
    void speaksTheLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("runAll");
        QTest::addColumn<QString>("duration");
        QTest::addColumn<QString>("passed");
        QTest::addColumn<QString>("files");
        QTest::newRow("de") << "de"
                            << "Alle ausführen"
                            << "Dauer"
                            << "bestanden"
                            << "2 Testdateien";
        QTest::newRow("ja") << "ja" << QString::fromUtf8("すべて実行")
                            << QString::fromUtf8("所要時間") << QString::fromUtf8("成功")
                            << QString::fromUtf8("テストファイル 2 個");
    }

    void speaksTheLanguage()
    {
        QFETCH(QString, language);
        QVERIFY(
            m_translator.load(QStringLiteral("switchyard_") + language, QStringLiteral(SY_QM_DIR)));
        QVERIFY(QCoreApplication::installTranslator(&m_translator));
        TestRunModel model;
        TestRunFeed feed;
        feed.connectTo(&model);
        TestsPanel panel(&model);
        model.setFiles(kRoot, {kMath, kPages});
        QFETCH(QString, runAll);
        QCOMPARE(panel.runAllAction()->text(), runAll);
        QFETCH(QString, duration);
        QCOMPARE(model.headerData(TestRunModel::DurationColumn, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
                 duration);
        QFETCH(QString, files);
        QCOMPARE(panel.statusText(), files);
        FakeRun run(feed, {{kMath.toStdString(), {}}});
        run.start();
        run.startFile(0);
        run.event(0, kCollected);
        run.event(
            0,
            R"({"type":"test-end","id":"math > adds","status":"pass","durationMs":1,"errors":[]})");
        QFETCH(QString, passed);
        QTRY_COMPARE(model.testIndex(kMath, QStringLiteral("math > adds"))
                         .siblingAtColumn(TestRunModel::StatusColumn)
                         .data()
                         .toString(),
                     passed);
    }
};

QTEST_MAIN(TstTestsPanel)
#include "tst_tests_panel.moc"
