#include "testViews.h"

#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "shell/engineStatus.h"
#include "shell/mainWindow.h"
#include "storageInspectorWidget.h"
#include "testing/testRunModel.h"
#include "views/graph/moduleGraphControlBar.h"
#include "views/graph/moduleGraphView.h"
#include "views/tests/testsPanel.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>

namespace sy {

namespace {

/// Shows `dock` in front. The first time, it becomes a tab beside a dock
/// already open in its area (the module inspector), instead of squeezing it.
void showDock(MainWindow &window, QDockWidget *dock)
{
    if (!dock->property("syPlaced").toBool()) {
        dock->setProperty("syPlaced", true);
        QDockWidget *beside = nullptr;
        const Qt::DockWidgetArea area = window.dockWidgetArea(dock);
        for (QDockWidget *other : window.findChildren<QDockWidget *>())
            if (other != dock && other->isVisible() && !other->isFloating() &&
                window.dockWidgetArea(other) == area) {
                beside = other;
                break;
            }
        dock->show(); // a hidden dock is not tabified
        if (beside)
            window.tabifyDockWidget(beside, dock);
    }
    dock->show();
    dock->raise();
}

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
    // Ids relative to the app, as Vite shows them (as the centre's graph).
    auto followRoot = [graph, status = host.status()] {
        graph->setProjectRoot(status->projectDir());
    };
    QObject::connect(host.status(), &EngineStatus::changed, graph, followRoot);
    followRoot();
    auto *bar = new ModuleGraphControlBar(graph, panel);
    // The dock shares the narrow right column with the others: the bar keeps
    // its natural width (whole words in every language) and scrolls sideways
    // instead of squeezing its buttons.
    bar->setMinimumWidth(bar->sizeHint().width());
    auto *barScroll = new QScrollArea(panel);
    barScroll->setObjectName(QStringLiteral("testGraphBarScroll"));
    barScroll->setFrameShape(QFrame::NoFrame);
    barScroll->setWidgetResizable(true);
    barScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    barScroll->setWidget(bar);
    barScroll->setFixedHeight(bar->sizeHint().height() +
                              barScroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(barScroll);
    layout->addWidget(graph, 1);
    auto *dock =
        new QDockWidget(QCoreApplication::translate("sy::TestViews", "Test module graph"), &window);
    dock->setObjectName(QStringLiteral("testGraphDock"));
    dock->setWidget(panel);
    window.addViewDock(dock, Qt::RightDockWidgetArea);
    dock->hide();
    return dock;
}

/// The storage inspector on a test file's isolate storage, as the run left
/// it. It follows the file: when the file ran again, it shows the new storage.
QDockWidget *createTestStorageDock(MainWindow &window, EngineHost &host, TestsPanel *panel)
{
    auto *inspector = new StorageInspectorWidget;
    inspector->setObjectName(QStringLiteral("testStorageInspector"));
    auto *dock =
        new QDockWidget(QCoreApplication::translate("sy::TestViews", "Test storage"), &window);
    dock->setObjectName(QStringLiteral("testStorageDock"));
    dock->setWidget(inspector);
    window.addViewDock(dock, Qt::RightDockWidgetArea);
    dock->hide();

    auto inspected = std::make_shared<QString>();
    auto show = [dock, inspector, &host, inspected](const QString &file) {
        std::shared_ptr<IsolateStorage> storage = host.tests()->storage(file);
        if (!storage)
            return;
        *inspected = file;
        if (storage != inspector->storage())
            inspector->setStorage(storage);
        const QString name =
            host.tests()->fileIndex(file).data(TestRunModel::RelativePathRole).toString();
        dock->setWindowTitle(
            QCoreApplication::translate("sy::TestViews", "Test storage: %1").arg(name));
    };
    QObject::connect(panel, &TestsPanel::storageRequested, dock,
                     [&window, dock, show](const QString &file) {
                         show(file);
                         showDock(window, dock);
                     });
    // The inspected file ran again: its new storage replaces the old one.
    QObject::connect(host.tests(), &TestRunModel::dataChanged, dock,
                     [show, inspected](const QModelIndex &topLeft) {
                         if (!inspected->isEmpty() && !topLeft.parent().isValid() &&
                             topLeft.data(TestRunModel::FilePathRole).toString() == *inspected &&
                             topLeft.data(TestRunModel::HasStorageRole).toBool())
                             show(*inspected);
                     });
    QObject::connect(host.tests(), &TestRunModel::modelReset, dock, [dock, inspector, inspected] {
        inspected->clear(); // another app
        inspector->setStorage(nullptr);
        dock->hide();
    });
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
                     [&window, graphDock, &host](const QString &file) {
                         showDock(window, graphDock);
                         host.loadTestGraph(file);
                     });
    QObject::connect(&host, &EngineHost::testGraphReady, graph, [graph](const QString &file) {
        graph->focusOn(QStringLiteral("worker"), file, 2);
    });
    createTestStorageDock(window, host, panel);
    return panel;
}

} // namespace sy
