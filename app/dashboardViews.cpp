#include "dashboardViews.h"

#include "appStorageDock.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "moduleInspectorWidget.h"
#include "previewDock.h"
#include "shell/mainWindow.h"
#include "testViews.h"
#include "timeline/timelineModel.h"
#include "timeline/timelineView.h"
#include "views/graph/moduleGraphControlBar.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QJsonDocument>
#include <QJsonObject>
#include <QVBoxLayout>

namespace sy {

namespace {
constexpr auto kSsrPrefix = "virtual:switchyard:ssr:";
}

ModuleGraphView *installDashboardViews(MainWindow &window, EngineHost &host)
{
    // The centre: the graph's control bar above the graph.
    auto *graphPanel = new QWidget;
    graphPanel->setObjectName(QStringLiteral("graphPanel"));
    auto *graph = new ModuleGraphView;
    graph->setObjectName(QStringLiteral("moduleGraph"));
    graph->setModel(host.modules());
    graph->setLanes(true);
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
    window.addViewDock(inspectorDock, Qt::RightDockWidgetArea);

    // The served app, in the switchyard-preview process; a tab beside the
    // inspector. Its process starts when the tab is first shown.
    auto *preview = new PreviewDock(host.status(), &window);
    window.addViewDock(preview, Qt::RightDockWidgetArea);
    window.tabifyDockWidget(inspectorDock, preview);
    // The app's own KV/D1 storage, live: a tab beside them.
    installAppStorageDock(window, host, inspectorDock);
    inspectorDock->raise();

    // Graph selection -> the engine inspects the module's file -> inspector.
    QObject::connect(
        graph->graphScene(), &QGraphicsScene::selectionChanged, inspector, [graph, &host] {
            const QList<QGraphicsItem *> selected = graph->graphScene()->selectedItems();
            if (selected.size() != 1)
                return;
            auto *node = dynamic_cast<ModuleNodeItem *>(selected.first());
            if (!node)
                return;
            QString file = node->state().id;
            if (file.startsWith(QLatin1String(kSsrPrefix)))
                file = file.mid(int(qstrlen(kSsrPrefix))); // a bridged node: its ssr twin's file
            if (file.startsWith(QLatin1Char('/')))
                host.inspect(file);
        });
    QObject::connect(&host, &EngineHost::inspected, inspector,
                     [inspector](const QString &, const QByteArray &json) {
                         inspector->setInspection(QJsonDocument::fromJson(json).object());
                     });

    // Timeline item -> the modules it concerns, selected in the graph.
    QObject::connect(timeline, &TimelineView::itemActivated, graph,
                     [graph](qint64, const QStringList &moduleIds) {
                         QStringList keys;
                         for (ModuleNodeItem *node : graph->graphScene()->nodes())
                             if (moduleIds.contains(node->state().id))
                                 keys << node->key();
                         graph->graphScene()->selectKeys(keys);
                     });
    // An import double-clicked in the inspector becomes the graph's selection.
    QObject::connect(inspector, &ModuleInspectorWidget::moduleActivated, graph,
                     [graph](const QString &environment, const QString &id) {
                         if (ModuleNodeItem *node = graph->graphScene()->node(environment, id))
                             graph->graphScene()->selectKeys({node->key()});
                     });
    return graph;
}

} // namespace sy
