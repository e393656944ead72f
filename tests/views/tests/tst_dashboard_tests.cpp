// The Tests panel in the dashboard on a real app: a copy of examples/hello
// with KV and D1 bindings, a test file that writes both and another one. The
// panel lists the files found; clicking a file and Run runs it (and only it)
// in the test session's own isolate, with live results and durations split;
// "Show storage" opens what that isolate wrote; "Show module graph" shows the
// test file in the test session's graph; double-clicking one test re-runs
// just it, in a fresh isolate with fresh storage. A file that runs out of
// memory fails alone.
#include "appCopy.h"
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "shell/engineStatus.h"
#include "shell/mainWindow.h"
#include "storage/d1QueryModel.h"
#include "storage/d1TableRowsModel.h"
#include "storage/isolateStorage.h"
#include "storage/kvEntriesModel.h"
#include "storageInspectorWidget.h"
#include "testing/testRunModel.h"
#include "views/graph/moduleGraphFilterModel.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/tests/testDetailsView.h"
#include "views/tests/testsPanel.h"

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

using namespace sy;

namespace {

/// Writes KV and D1 through the app's bindings, and logs.
const char *kStorageTest = R"js(import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("storage", () => {
  it("writes KV", async () => {
    await env.KV.put("greeting", "hello from the test");
    console.log("stored greeting");
    expect(await env.KV.get("greeting")).toBe("hello from the test");
  });
  it("writes D1", async () => {
    await env.DB.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    await env.DB.prepare("INSERT INTO notes (body) VALUES (?)").bind("first note").run();
    const { results } = await env.DB.prepare("SELECT body FROM notes").all();
    expect(results).toEqual([{ body: "first note" }]);
  });
});
)js";

/// Another file, which a run of the storage test leaves alone.
const char *kMathTest = R"js(import { expect, it } from "vitest";
it("adds", () => expect(1 + 2).toBe(3));
)js";

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

/// examples/hello with two test files of its own instead of hello's suites (one writes
/// storage) and KV/D1 bindings, without hello's D1 migrations (the D1 starts empty).
bool makeApp(const QString &dir)
{
    if (!sy::test::copyHelloApp(dir) || !QDir(dir + QStringLiteral("/tests")).removeRecursively() ||
        !QDir(dir + QStringLiteral("/migrations")).removeRecursively() ||
        !QDir(dir).mkpath(QStringLiteral("tests")) ||
        !writeFile(dir + QStringLiteral("/tests/math.test.ts"), kMathTest))
        return false;
    QFile wrangler(dir + QStringLiteral("/wrangler.jsonc"));
    if (!wrangler.open(QIODevice::ReadOnly))
        return false;
    QByteArray config = wrangler.readAll().trimmed();
    wrangler.close();
    if (!config.endsWith('}'))
        return false;
    config.chop(1);
    config += R"(,
  "kv_namespaces": [{ "binding": "KV", "id": "notes-kv" }],
  "d1_databases": [{ "binding": "DB", "database_name": "notes", "database_id": "notes-db" }]
}
)";
    return writeFile(dir + QStringLiteral("/wrangler.jsonc"), config) &&
           writeFile(dir + QStringLiteral("/tests/storage.test.ts"), kStorageTest);
}

void click(QTreeView *tree, const QModelIndex &index)
{
    tree->scrollTo(index);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
}

TestStatus status(const QModelIndex &index)
{
    return TestStatus(index.data(TestRunModel::StatusRole).toInt());
}

/// The dashboard as the app builds it (settings in `settingsFile`), its
/// engine on any free port without a file watcher; not shown, no app open.
struct Dashboard {
    explicit Dashboard(const QString &settingsFile)
        : settings(settingsFile, QSettings::IniFormat),
          window(host.modules(), host.events(), host.status(), &settings)
    {
        host.setPort(0);
        host.setWatch(false);
        installDashboardViews(window, host);
        panel = window.findChild<TestsPanel *>();
    }
    QSettings settings;
    EngineHost host;
    MainWindow window;
    TestsPanel *panel = nullptr;
};

} // namespace

class TstDashboardTests : public QObject {
    Q_OBJECT
private slots:
    void runsAFileOnClickAndShowsItsStorage()
    {
        QTemporaryDir app, config;
        QVERIFY(makeApp(app.path()));
        const QString root = QFileInfo(app.path()).canonicalFilePath();
        const QString storageTest = root + QStringLiteral("/tests/storage.test.ts");
        Dashboard dashboard(config.filePath(QStringLiteral("s.ini")));
        EngineHost &host = dashboard.host;
        MainWindow &window = dashboard.window;
        TestsPanel *panel = dashboard.panel;
        QVERIFY(panel);
        auto *testsDock = window.findChild<QDockWidget *>(QStringLiteral("testsDock"));
        QVERIFY(testsDock);
        window.resize(1400, 900);
        window.show();
        testsDock->raise();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        host.open(app.path());
        // Discovery: the app's two test files.
        TestRunModel *model = host.tests();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 2, 30000);
        const QModelIndex file = model->fileIndex(storageTest);
        QVERIFY(file.isValid());
        QCOMPARE(file.data(TestRunModel::RelativePathRole).toString(),
                 QStringLiteral("tests/storage.test.ts"));

        // Click the file, then Run: that file runs, the others do not.
        QTreeView *tree = panel->tree();
        const QAbstractItemModel *treeModel = panel->treeModel();
        QModelIndex row;
        for (int r = 0; r < treeModel->rowCount(); ++r)
            if (treeModel->index(r, 0).data(TestRunModel::FilePathRole).toString() == storageTest)
                row = treeModel->index(r, 0);
        QVERIFY(row.isValid());
        click(tree, row);
        TestDetailsView *details = panel->details();
        QCOMPARE(details->index().data(TestRunModel::FilePathRole).toString(), storageTest);
        auto *storageButton = details->findChild<QPushButton *>(QStringLiteral("testShowStorage"));
        QVERIFY(!storageButton->isEnabled()); // not run yet

        QSignalSpy finished(model, &TestRunModel::runFinished);
        QSignalSpy busy(&host, &EngineHost::testsBusyChanged);
        QTest::mouseClick(details->findChild<QPushButton *>(QStringLiteral("testRun")),
                          Qt::LeftButton);
        QVERIFY(host.testsBusy());
        QVERIFY(panel->stopAction()->isEnabled());
        QVERIFY(finished.wait(180000));
        QTRY_VERIFY(!host.testsBusy());
        QCOMPARE(finished.first().first().value<TestRunSummary>().files, 1);
        QCOMPARE(finished.first().first().value<TestRunSummary>().passed, 2);

        QCOMPARE(status(file), TestStatus::Passed);
        QCOMPARE(model->rowCount(file), 1); // the suite
        const QModelIndex kv = model->testIndex(storageTest, QStringLiteral("storage > writes KV"));
        const QModelIndex d1 = model->testIndex(storageTest, QStringLiteral("storage > writes D1"));
        QCOMPARE(status(kv), TestStatus::Passed);
        QCOMPARE(status(d1), TestStatus::Passed);
        QCOMPARE(kv.data(TestRunModel::ConsoleTextRole).toString(),
                 QStringLiteral("stored greeting\n"));
        // Where the file's time went, measured by the runner.
        QVERIFY(file.data(TestRunModel::IsolateStartMsRole).toDouble() > 0);
        QVERIFY(file.data(TestRunModel::ModuleLoadMsRole).toDouble() > 0);
        QVERIFY(file.data(TestRunModel::TestTimeMsRole).toDouble() > 0);
        // The details follow the model (refreshed once per burst of changes).
        QTRY_VERIFY(details->durationsText().startsWith(QStringLiteral("File: isolate start ")));
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 0) != file)
                QCOMPARE(status(model->index(r, 0)), TestStatus::Pending);
        // The run's pre-bundles are the test session's own.
        QVERIFY(QFileInfo::exists(root +
                                  QStringLiteral("/.switchyard/test/deps_worker/_metadata.json")));

        // The file's storage is kept after the run: what the tests wrote.
        QVERIFY(file.data(TestRunModel::HasStorageRole).toBool());
        std::shared_ptr<IsolateStorage> kept = model->storage(storageTest);
        QVERIFY(kept);
        QTRY_VERIFY(storageButton->isEnabled());

        // Show storage: the inspector opens on that isolate's storage.
        auto *storageDock = window.findChild<QDockWidget *>(QStringLiteral("testStorageDock"));
        QVERIFY(storageDock && !storageDock->isVisible());
        QTest::mouseClick(storageButton, Qt::LeftButton);
        QVERIFY(storageDock->isVisible());
        QVERIFY(storageDock->windowTitle().endsWith(QStringLiteral("tests/storage.test.ts")));
        auto *inspector = storageDock->findChild<StorageInspectorWidget *>();
        QVERIFY(inspector);
        QCOMPARE(inspector->storage(), kept);
        QVERIFY(inspector->selectBinding(QStringLiteral("KV")));
        QCOMPARE(inspector->page(), StorageInspectorWidget::Page::Kv);
        KvEntriesModel *entries = inspector->kvModel();
        QCOMPARE(entries->rowCount(), 1);
        QCOMPARE(entries->index(0, KvEntriesModel::KeyColumn).data().toString(),
                 QStringLiteral("greeting"));
        QCOMPARE(entries->valueText(0), QStringLiteral("hello from the test"));
        QVERIFY(inspector->selectTable(QStringLiteral("DB"), QStringLiteral("notes")));
        QCOMPARE(inspector->page(), StorageInspectorWidget::Page::Table);
        D1TableRowsModel *rows = inspector->rowsModel();
        QCOMPARE(rows->rowCount(), 1);
        QCOMPARE(rows->index(0, 1).data().toString(), QStringLiteral("first note"));
        QVERIFY(inspector->selectBinding(QStringLiteral("DB")));
        QVERIFY2(inspector->runQuery(QStringLiteral("SELECT body FROM notes")),
                 qPrintable(inspector->statusText()));
        QCOMPARE(inspector->queryModel()->rowCount(), 1);
        QCOMPARE(inspector->queryModel()->index(0, 0).data().toString(),
                 QStringLiteral("first note"));

        // Show module graph: the test session's graph, focused on the file.
        auto *graphDock = window.findChild<QDockWidget *>(QStringLiteral("testGraphDock"));
        QVERIFY(graphDock && !graphDock->isVisible());
        auto *graph = graphDock->findChild<ModuleGraphView *>(QStringLiteral("testModuleGraph"));
        QVERIFY(graph);
        QSignalSpy graphReady(&host, &EngineHost::testGraphReady);
        QTest::mouseClick(details->findChild<QPushButton *>(QStringLiteral("testShowGraph")),
                          Qt::LeftButton);
        QVERIFY(graphDock->isVisible());
        QVERIFY(graphReady.wait(60000));
        QCOMPARE(graphReady.first().first().toString(), storageTest);
        QVERIFY(host.testModules()->rowOf(QStringLiteral("worker"), storageTest) >= 0);
        QVERIFY(graph->filterModel()->hasFocus());
        QTRY_VERIFY_WITH_TIMEOUT(graph->graphScene()->node(QStringLiteral("worker"), storageTest),
                                 20000);
        // Focused: the test file's neighbourhood, not the whole graph.
        QVERIFY(graph->graphScene()->nodeCount() < host.testModules()->rowCount());
        // The dev server's graph (the centre) never holds test files.
        QCOMPARE(host.modules()->rowOf(QStringLiteral("worker"), storageTest), -1);

        // Double-click one test: only it runs, in a fresh isolate with fresh
        // storage; the other keeps its result.
        const QModelIndex kvRow =
            static_cast<QAbstractProxyModel *>(const_cast<QAbstractItemModel *>(treeModel))
                ->mapFromSource(kv);
        QVERIFY(kvRow.isValid());
        tree->scrollTo(kvRow);
        const QPoint at = tree->visualRect(kvRow).center();
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(finished.wait(180000));
        QTRY_VERIFY(!host.testsBusy());
        const TestRunSummary again = finished.last().first().value<TestRunSummary>();
        QCOMPARE(again.passed, 1);
        QCOMPARE(status(model->testIndex(storageTest, QStringLiteral("storage > writes KV"))),
                 TestStatus::Passed);
        QCOMPARE(status(model->testIndex(storageTest, QStringLiteral("storage > writes D1"))),
                 TestStatus::Passed); // kept from the first run
        QCOMPARE(status(model->fileIndex(storageTest)), TestStatus::Passed);
        std::shared_ptr<IsolateStorage> fresh = model->storage(storageTest);
        QVERIFY(fresh && fresh != kept);
        std::string error;
        QCOMPARE(fresh->kvCount("KV", &error), int64_t(1));
        QVERIFY(fresh->d1Tables("DB", &error).empty()); // the D1 test did not run this time
        // The open inspector follows the file to its new storage.
        QTRY_COMPARE(inspector->storage(), fresh);
        QVERIFY(!inspector->selectTable(QStringLiteral("DB"), QStringLiteral("notes")));
        QVERIFY(inspector->selectBinding(QStringLiteral("KV")));
        QCOMPARE(inspector->kvModel()->rowCount(), 1);
        host.stop();
    }

    void aFileThatRunsOutOfMemoryFailsAlone()
    {
        // A test that allocates without end is stopped at its isolate's memory
        // limit (128 MB): that test fails with the message, the other files
        // pass, and the dashboard's engine goes on (a second run works too).
        QTemporaryDir app, config;
        QVERIFY(makeApp(app.path()));
        const QString root = QFileInfo(app.path()).canonicalFilePath();
        const QString oom = root + QStringLiteral("/tests/oom.test.ts");
        const QString math = root + QStringLiteral("/tests/math.test.ts");
        QVERIFY(writeFile(oom, R"js(import { it } from "vitest";
it("allocates forever", () => {
  const keep = [];
  for (;;) keep.push(new Array(1e6).fill(keep.length));
});
)js"));
        Dashboard dashboard(config.filePath(QStringLiteral("s.ini")));
        EngineHost &host = dashboard.host;
        MainWindow &window = dashboard.window;
        TestsPanel *panel = dashboard.panel;
        window.show();
        host.open(app.path());
        TestRunModel *model = host.tests();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 30000);
        QSignalSpy finished(model, &TestRunModel::runFinished);
        for (int run = 1; run <= 2; ++run) {
            QTest::mouseClick(
                panel->findChild<QToolBar *>()->widgetForAction(panel->runAllAction()),
                Qt::LeftButton);
            QVERIFY(finished.wait(180000));
            QTRY_VERIFY(!host.testsBusy());
            const QModelIndex allocates =
                model->testIndex(oom, QStringLiteral("allocates forever"));
            QCOMPARE(status(allocates), TestStatus::Failed);
            QCOMPARE(status(model->fileIndex(oom)), TestStatus::Failed);
            const QString errors = allocates.data(TestRunModel::ErrorsTextRole).toString();
            QVERIFY2(errors.contains(QStringLiteral("Worker exceeded its memory limit (128 MB)")),
                     qPrintable(errors));
            QCOMPARE(status(model->fileIndex(math)), TestStatus::Passed);
            QCOMPARE(status(model->fileIndex(root + QStringLiteral("/tests/storage.test.ts"))),
                     TestStatus::Passed);
        }
        host.stop();
    }

    void stopEndsARunInProgress()
    {
        QTemporaryDir app, config;
        QVERIFY(makeApp(app.path()));
        const QString root = QFileInfo(app.path()).canonicalFilePath();
        const QString hang = root + QStringLiteral("/tests/hang.test.ts");
        QVERIFY(writeFile(hang, R"js(import { it } from "vitest";
it("waits for a long time", async () => {
  await new Promise((resolve) => setTimeout(resolve, 600000));
}, 600000);
)js"));
        Dashboard dashboard(config.filePath(QStringLiteral("s.ini")));
        EngineHost &host = dashboard.host;
        MainWindow &window = dashboard.window;
        TestsPanel *panel = dashboard.panel;
        window.show();
        host.open(app.path());
        TestRunModel *model = host.tests();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 3, 30000);

        // Run all; once the hanging test runs, Stop.
        QSignalSpy finished(model, &TestRunModel::runFinished);
        QTest::mouseClick(panel->findChild<QToolBar *>()->widgetForAction(panel->runAllAction()),
                          Qt::LeftButton);
        QVERIFY(!panel->runAllAction()->isEnabled());
        const QString waits = QStringLiteral("waits for a long time");
        QTRY_COMPARE_WITH_TIMEOUT(status(model->testIndex(hang, waits)), TestStatus::Running,
                                  120000);
        QVERIFY(panel->stopAction()->isEnabled());
        QTest::mouseClick(panel->findChild<QToolBar *>()->widgetForAction(panel->stopAction()),
                          Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QTRY_VERIFY(!host.testsBusy());
        // The stopped test failed with its isolate; nothing is left running.
        QCOMPARE(status(model->testIndex(hang, waits)), TestStatus::Failed);
        QCOMPARE(status(model->fileIndex(hang)), TestStatus::Failed);
        QVERIFY(model->fileIndex(hang)
                    .data(TestRunModel::ErrorsTextRole)
                    .toString()
                    .startsWith(QStringLiteral("[isolate] ")));
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(status(model->index(r, 0)) != TestStatus::Running);
        QVERIFY(panel->runAllAction()->isEnabled());
        QVERIFY(!panel->stopAction()->isEnabled());

        // Stop right after Run all: the run ends whether or not it had begun.
        QTest::mouseClick(panel->findChild<QToolBar *>()->widgetForAction(panel->runAllAction()),
                          Qt::LeftButton);
        QVERIFY(host.testsBusy());
        QTest::mouseClick(panel->findChild<QToolBar *>()->widgetForAction(panel->stopAction()),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!host.testsBusy(), 60000);
        QTRY_VERIFY(!model->isRunning());
        for (int r = 0; r < model->rowCount(); ++r) {
            QVERIFY(status(model->index(r, 0)) != TestStatus::Running);
            QVERIFY(!model->index(r, 0).data(TestRunModel::QueuedRole).toBool());
        }
        QVERIFY(panel->runAllAction()->isEnabled());
        host.stop();
    }
};

QTEST_MAIN(TstDashboardTests)
#include "tst_dashboard_tests.moc"
