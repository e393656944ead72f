// The dashboard's views wired to a real engine: a copy of examples/hello on
// the engine thread; the graph view shows every environment's modules,
// selecting a module fills the inspector (asked of the engine thread) with all
// three environments, and a timeline item selects the modules it concerns.
#include "appCopy.h"
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "moduleInspectorWidget.h"
#include "shell/engineStatus.h"
#include "shell/mainWindow.h"
#include "timeline/timelineView.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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
        QCOMPARE(window.centralWidget(), graph);
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
                                  (QStringList{"client", "ssr", "worker"}), 5000);
        QVERIFY(inspector->summary("worker").contains("use client"));

        // A timeline item (here: the worker's optimizer run) selects its modules
        // in the graph; an item without modules clears the selection.
        graph->graphScene()->clearSelection();
        const QString counter = app.path() + "/src/app/components/Counter.tsx";
        emit timeline->itemActivated(1, {QFileInfo(counter).canonicalFilePath()});
        QTRY_VERIFY(!graph->graphScene()->selectedItems().isEmpty());
        for (QGraphicsItem *item : graph->graphScene()->selectedItems())
            QVERIFY(static_cast<ModuleNodeItem *>(item)->state().id.endsWith("Counter.tsx"));
        host.stop();
    }
};

QTEST_MAIN(TestDashboardViews)
#include "tst_dashboard_views.moc"
