#include "testViews.h"

#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "shell/mainWindow.h"
#include "views/graph/moduleGraphControlBar.h"
#include "views/graph/moduleGraphView.h"
#include "views/tests/testsPanel.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QVBoxLayout>

namespace sy {

namespace {

/// The test session's module graph in a dock: "Show module graph" of a test
/// file shows it there, focused on the file. The dev server's graph (the
/// centre) never holds test files: they live in the test session's own
/// DevSession, so this view has a model of its own (EngineHost::testModules()).
QDockWidget *createTestGraphDock(MainWindow &window, EngineHost &host, ModuleGraphView *&graph)
{
    auto *panel = new QWidget;
    graph = new ModuleGraphView(panel);
    graph->setObjectName(QStringLiteral("testModuleGraph"));
    graph->setModel(host.testModules());
    graph->setLanes(false);
    auto *bar = new ModuleGraphControlBar(graph, panel);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(graph, 1);
    auto *dock =
        new QDockWidget(QCoreApplication::translate("sy::TestViews", "Test module graph"), &window);
    dock->setObjectName(QStringLiteral("testGraphDock"));
    dock->setWidget(panel);
    window.addViewDock(dock, Qt::RightDockWidgetArea);
    dock->hide();
    return dock;
}

} // namespace

TestsPanel *installTestViews(MainWindow &window, EngineHost &host, QDockWidget *besides)
{
    auto *panel = new TestsPanel(host.tests());
    auto *dock = new QDockWidget(QCoreApplication::translate("sy::TestViews", "Tests"), &window);
    dock->setObjectName(QStringLiteral("testsDock"));
    dock->setWidget(panel);
    window.addViewDock(dock, Qt::BottomDockWidgetArea);
    if (besides)
        window.tabifyDockWidget(besides, dock);

    QObject::connect(panel, &TestsPanel::runRequested, &host, &EngineHost::runTests);
    QObject::connect(panel, &TestsPanel::stopRequested, &host, &EngineHost::cancelTests);
    QObject::connect(&host, &EngineHost::testsBusyChanged, panel, &TestsPanel::setBusy);
    QObject::connect(&host, &EngineHost::testStatusMessage, panel, &TestsPanel::setStatusMessage);
    QObject::connect(&host, &EngineHost::testsFailed, panel, &TestsPanel::setError);

    ModuleGraphView *graph = nullptr;
    QDockWidget *graphDock = createTestGraphDock(window, host, graph);
    QObject::connect(panel, &TestsPanel::moduleGraphRequested, graphDock,
                     [graphDock, &host](const QString &file) {
                         graphDock->show();
                         graphDock->raise();
                         host.loadTestGraph(file);
                     });
    QObject::connect(&host, &EngineHost::testGraphReady, graph, [graph](const QString &file) {
        graph->focusOn(QStringLiteral("worker"), file, 2);
    });
    return panel;
}

} // namespace sy
