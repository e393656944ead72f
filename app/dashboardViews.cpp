#include "dashboardViews.h"

#include "appStorageDock.h"
#include "dashboardEmptyStates.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "keyboardShortcutsHelp.h"
#include "moduleInspectorWidget.h"
#include "previewDock.h"
#include "shell/dashboardLayout.h"
#include "shell/dockTabBars.h"
#include "shell/engineStatus.h"
#include "shell/eventListView.h"
#include "shell/mainWindow.h"
#include "shell/moduleListView.h"
#include "testViews.h"
#include "timeline/timelineModel.h"
#include "timeline/timelineView.h"
#include "views/graph/moduleGraphActions.h"
#include "views/graph/moduleGraphControlBar.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleIdDelegate.h"
#include "views/graph/moduleNodeItem.h"
#include "views/selection/eventSelectionSync.h"
#include "views/selection/graphChangeHighlight.h"
#include "views/selection/graphSelectionSync.h"
#include "views/selection/inspectorFollower.h"
#include "views/selection/itemViewSelectionSync.h"
#include "views/selection/moduleSelection.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QSettings>
#include <QTreeView>
#include <QVBoxLayout>

namespace sy {

ModuleGraphView *installDashboardViews(MainWindow &window, EngineHost &host)
{
    // The centre: the graph's control bar above the graph.
    auto *graphPanel = new QWidget;
    graphPanel->setObjectName(QStringLiteral("graphPanel"));
    auto *graph = new ModuleGraphView;
    graph->setObjectName(QStringLiteral("moduleGraph"));
    graph->setModel(host.modules());
    graph->setLanes(true);
    // Readable at Fit: one node per package (a click expands it), ids
    // relative to the app as Vite shows them.
    graph->setGroupPackages(true);
    // The module list too.
    QTreeView *moduleTable = window.moduleList()->view();
    auto *idDelegate = new ModuleIdDelegate(moduleTable);
    moduleTable->setItemDelegateForColumn(ModuleGraphModel::IdColumn, idDelegate);
    QObject::connect(idDelegate, &ModuleIdDelegate::rootChanged, moduleTable->viewport(),
                     qOverload<>(&QWidget::update));
    // And the event list's summaries.
    QTableView *eventTable = window.eventList();
    auto *summaryDelegate = new ModuleIdDelegate(eventTable);
    summaryDelegate->setPathsInText(true);
    eventTable->setItemDelegateForColumn(JournalModel::SummaryColumn, summaryDelegate);
    QObject::connect(summaryDelegate, &ModuleIdDelegate::rootChanged, eventTable->viewport(),
                     qOverload<>(&QWidget::update));
    auto followRoot = [graph, idDelegate, summaryDelegate, status = host.status()] {
        graph->setProjectRoot(status->projectDir());
        idDelegate->setRoot(graph->graphScene()->projectRoot());
        summaryDelegate->setRoot(graph->graphScene()->projectRoot());
    };
    QObject::connect(host.status(), &EngineStatus::changed, graph, followRoot);
    followRoot();
    auto *graphBar = new ModuleGraphControlBar(graph);
    auto *graphLayout = new QVBoxLayout(graphPanel);
    graphLayout->setContentsMargins(0, 0, 0, 0);
    graphLayout->setSpacing(0);
    graphLayout->addWidget(graphBar);
    graphLayout->addWidget(graph, 1);
    window.setCentralView(graphPanel);

    auto *timelineModel = new TimelineModel(&window);
    timelineModel->setJournalModel(host.events());
    auto *timeline = new TimelineView;
    timeline->setModel(timelineModel);
    timeline->setFollowNow(true); // live: the newest events stay in view until the user pans
    // Module ids in its labels, tooltips and details as the graph shows them.
    auto timelineFollowsRoot = [graph, timeline] {
        timeline->setProjectRoot(graph->graphScene()->projectRoot());
    };
    QObject::connect(host.status(), &EngineStatus::changed, timeline, timelineFollowsRoot);
    timelineFollowsRoot();
    auto *timelineDock =
        new QDockWidget(QCoreApplication::translate("sy::DashboardViews", "Timeline"), &window);
    timelineDock->setObjectName(QStringLiteral("timelineDock"));
    timelineDock->setWidget(timeline);
    window.addViewDock(timelineDock, Qt::BottomDockWidgetArea);
    // The test runs: a tab beside the timeline.
    installTestViews(window, host, timelineDock);
    timelineDock->raise();

    auto *inspector = new ModuleInspectorWidget;
    auto *inspectorDock = new QDockWidget(
        QCoreApplication::translate("sy::DashboardViews", "Module inspector"), &window);
    inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock->setWidget(inspector);
    // Ids relative to the app, as the graph and the module list show them.
    auto inspectorFollowsRoot = [graph, inspector] {
        inspector->setProjectRoot(graph->graphScene()->projectRoot());
    };
    QObject::connect(host.status(), &EngineStatus::changed, inspector, inspectorFollowsRoot);
    inspectorFollowsRoot();
    window.addViewDock(inspectorDock, Qt::RightDockWidgetArea);

    // The served app, in the switchyard-preview process; a tab beside the
    // inspector. Its process starts when the tab is first shown.
    auto *preview = new PreviewDock(host.status(), &window);
    window.addViewDock(preview, Qt::RightDockWidgetArea);
    window.tabifyDockWidget(inspectorDock, preview);
    // The app's own KV/D1 storage, live: a tab beside them.
    installAppStorageDock(window, host, inspectorDock);
    inspectorDock->raise();

    // One selection: the graph, the test's module graph, the module list,
    // the event list and the timeline select into it; the inspector follows
    // it and the engine (views/selection/).
    auto *selection = new ModuleSelection(&window);
    new GraphSelectionSync(graph, selection);
    if (auto *testGraph = window.findChild<ModuleGraphView *>(QStringLiteral("testModuleGraph")))
        new GraphSelectionSync(testGraph, selection);
    new ItemViewSelectionSync(window.moduleList()->view(), selection);
    new EventSelectionSync(selection, host.modules(), window.eventList(), timeline, selection);
    auto *follower = new InspectorFollower(inspector, selection, host.modules(), host.events());
    QObject::connect(follower, &InspectorFollower::inspectRequested, &host, &EngineHost::inspect);
    QObject::connect(&host, &EngineHost::inspected, follower, &InspectorFollower::setInspection);
    // An import double-clicked in the inspector becomes the selection.
    QObject::connect(inspector, &ModuleInspectorWidget::moduleActivated, selection,
                     [selection](const QString &environment, const QString &id) {
                         selection->select({{environment, id}});
                     });
    installDashboardEmptyStates(window, host);
    // Keys and the context menu on the graph; Enter shows the inspector.
    auto *graphActions = new ModuleGraphActions(graph);
    QObject::connect(graphActions, &ModuleGraphActions::inspectRequested, inspectorDock,
                     [inspectorDock] {
                         inspectorDock->show();
                         inspectorDock->raise();
                     });
    installKeyboardShortcutsHelp(window);
    // What changed: HMR updates, invalidations and cache clears light up
    // the modules they touched.
    new GraphChangeHighlight(graph, host.events(), host.modules());
    // Most of the window for the graph; F11 graph only; View > Reset Layout.
    auto *layout = new DashboardLayout(&window, window.viewMenu());
    layout->restore(window.settings()->value(QStringLiteral("window/state")).toByteArray());
    keepDockTabsReadable(&window); // whole dock titles in every language
    return graph;
}

} // namespace sy
