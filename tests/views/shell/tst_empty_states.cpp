// Empty states of the dashboard (no engine needed): before an app is open, while
// it starts, when it failed and once it runs with nothing yet, the graph, the
// module list, the event list, the timeline and the test list say what will
// appear there and how; each says nothing once it has something to show.
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "moduleInspectorWidget.h"
#include "shell/emptyStateOverlay.h"
#include "shell/engineStatus.h"
#include "shell/eventListView.h"
#include "shell/mainWindow.h"
#include "shell/moduleListView.h"
#include "timeline/timelineView.h"
#include "views/graph/moduleGraphView.h"
#include "views/tests/testsPanel.h"

#include <QLineEdit>
#include <QScrollArea>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sy;

namespace {

/// The overlay over `view` (or its viewport), or null.
EmptyStateOverlay *overlayOf(QWidget *view)
{
    if (auto *area = qobject_cast<QAbstractScrollArea *>(view))
        view = area->viewport();
    return view->findChild<EmptyStateOverlay *>(QString(), Qt::FindDirectChildrenOnly);
}

QString shown(QWidget *view)
{
    EmptyStateOverlay *overlay = overlayOf(view);
    return overlay && overlay->isVisible() ? overlay->text() : QString();
}

} // namespace

class TestEmptyStates : public QObject {
    Q_OBJECT
private slots:
    void viewsSayWhatWillAppear()
    {
        QTemporaryDir config;
        QSettings settings(config.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        EngineHost host;
        MainWindow window(host.modules(), host.events(), host.status(), &settings);
        ModuleGraphView *graph = installDashboardViews(window, host);
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *timeline = window.findChild<TimelineView *>();
        auto *tests = window.findChild<TestsPanel *>();
        auto *inspector = window.findChild<ModuleInspectorWidget *>();
        QVERIFY(timeline && tests && inspector);
        QWidget *views[] = {graph, window.moduleList()->view(), window.eventList(),
                            timeline->scrollArea(), tests->tree()};
        for (QWidget *view : views)
            QVERIFY2(overlayOf(view), view->objectName().toUtf8());

        // No engine yet: every view says how to open an app.
        for (QWidget *view : views)
            QVERIFY2(shown(view).contains("File > Open App Folder"), qPrintable(shown(view)));
        QVERIFY(inspector->title().startsWith("No module selected: select one"));

        // Starting, then failed.
        host.status()->setLoading("/tmp/shop");
        QVERIFY2(shown(graph).contains("Starting the engine for shop"), qPrintable(shown(graph)));
        host.status()->setFailed("wrangler.jsonc: main is missing");
        QVERIFY2(shown(graph).contains("wrangler.jsonc: main is missing"),
                 qPrintable(shown(graph)));

        // Running, nothing yet.
        host.status()->setReady("shop", "http://127.0.0.1:5173");
        QVERIFY2(shown(graph).contains("no modules yet"), qPrintable(shown(graph)));
        QVERIFY2(shown(timeline->scrollArea()).contains("No engine events yet"),
                 qPrintable(shown(timeline->scrollArea())));
        QVERIFY2(shown(window.eventList()).contains("No engine events yet"),
                 qPrintable(shown(window.eventList())));
        QVERIFY2(shown(tests->tree()).contains("No test files found"),
                 qPrintable(shown(tests->tree())));

        // Something to show: the overlays go.
        ModuleRow row;
        row.environment = "worker";
        row.id = "/app/src/worker.tsx";
        row.url = "/src/worker.tsx";
        host.modules()->upsert(row);
        QVERIFY(shown(graph).isEmpty());
        QVERIFY(shown(window.moduleList()->view()).isEmpty());
        JournalEvent event;
        event.id = 1;
        event.timeMs = 1'700'000'000'000;
        event.kind = "invalidation";
        event.environment = "worker";
        event.dataJson = R"({"module":"/app/src/worker.tsx"})";
        host.events()->append(event);
        QVERIFY(shown(window.eventList()).isEmpty());
        QVERIFY(shown(timeline->scrollArea()).isEmpty());

        // A search that matches nothing says so.
        window.moduleList()->searchBox()->setText("zzz");
        QVERIFY2(shown(window.moduleList()->view()).contains("No module matches \"zzz\""),
                 qPrintable(shown(window.moduleList()->view())));
    }
};

QTEST_MAIN(TestEmptyStates)
#include "tst_empty_states.moc"
