// The dashboard's views wired to a real engine: a copy of examples/hello on
// the engine thread; the graph view shows every environment's modules,
// selecting a module fills the inspector (asked of the engine thread) with all
// three environments, the control bar's "why is this here?" highlights the
// real import chain, and a timeline item selects the modules it concerns.
#include "appCopy.h"
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "moduleInspectorWidget.h"
#include "shell/engineStatus.h"
#include "shell/mainWindow.h"
#include "timeline/timelineView.h"
#include "views/graph/moduleGraphControlBar.h"
#include "views/graph/moduleGraphQueries.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace sy;

class TestDashboardViews : public QObject {
    Q_OBJECT
private slots:
    void selectionInspectsAndTimelineSelects()
    {
        QTemporaryDir app, config;
        QVERIFY(sy::test::copyHelloApp(app.path()));
        QSettings settings(config.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        EngineHost host;
        host.setPort(0);
        host.setWatch(false);
        MainWindow window(host.modules(), host.events(), host.status(), &settings);
        ModuleGraphView *graph = installDashboardViews(window, host);
        // The centre is the graph under its control bar.
        QVERIFY(window.centralWidget());
        QCOMPARE(window.centralWidget()->findChild<ModuleGraphView *>(), graph);
        auto *bar = window.centralWidget()->findChild<ModuleGraphControlBar *>();
        QVERIFY(bar);
        auto *inspector = window.findChild<ModuleInspectorWidget *>();
        auto *timeline = window.findChild<TimelineView *>();
        QVERIFY(inspector && timeline);
        window.resize(1280, 800);
        window.show();

        QSignalSpy loaded(&host, &EngineHost::loaded);
        host.open(app.path());
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(graph->graphScene()->nodeCount() > 20, 10000);
        QSet<QString> environments;
        for (ModuleNodeItem *node : graph->graphScene()->nodes())
            environments.insert(node->state().environment);
        QCOMPARE(environments, (QSet<QString>{"client", "ssr", "worker"}));

        // Select the client component: the inspector shows it in all three environments.
        QSignalSpy inspected(&host, &EngineHost::inspected);
        QVERIFY(graph->search(QStringLiteral("/src/app/components/Counter.tsx")));
        QTRY_VERIFY_WITH_TIMEOUT(!inspected.isEmpty(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(inspector->environments(),
                                  (QStringList{"client", "ssr", "worker"}), 60000);
        QVERIFY(inspector->summary("worker").contains("use client"));

        // "Why is this here?" on the worker's Counter: the real import chain
        // from the worker entry down to the "use client" module.
        const QString counter =
            QFileInfo(app.path() + "/src/app/components/Counter.tsx").canonicalFilePath();
        ModuleNodeItem *workerCounter = graph->graphScene()->node("worker", counter);
        QVERIFY(workerCounter);
        graph->graphScene()->selectKeys({workerCounter->key()});
        QCOMPARE(bar->currentId(), counter);
        QTest::mouseClick(bar->findChild<QToolButton *>(QStringLiteral("graphWhy")),
                          Qt::LeftButton);
        const QStringList chain = graph->graphScene()->highlightedChain();
        QVERIFY2(chain.size() >= 3, qPrintable(chain.join(" | ")));
        QVERIFY(chain.first().endsWith("/src/worker.tsx"));
        const QString home = QFileInfo(app.path() + "/src/app/pages/Home.tsx").canonicalFilePath();
        QVERIFY(chain.contains(moduleKey("worker", home)));
        QCOMPARE(chain.last(), moduleKey("worker", counter));
        QCOMPARE(graph->graphScene()->selectedItems().size(), chain.size());
        QVERIFY2(bar->message().contains("Home.tsx"), qPrintable(bar->message()));

        // A timeline item (here: the worker's optimizer run) selects its modules
        // in the graph; an item without modules clears the selection.
        graph->graphScene()->clearSelection();
        emit timeline->itemActivated(1, {counter});
        QTRY_VERIFY(!graph->graphScene()->selectedItems().isEmpty());
        for (QGraphicsItem *item : graph->graphScene()->selectedItems())
            QVERIFY(static_cast<ModuleNodeItem *>(item)->state().id.endsWith("Counter.tsx"));
        host.stop();
    }
};

QTEST_MAIN(TestDashboardViews)
#include "tst_dashboard_views.moc"
