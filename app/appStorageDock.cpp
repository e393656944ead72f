#include "appStorageDock.h"

#include "engineHost.h"
#include "shell/mainWindow.h"
#include "storageInspectorWidget.h"

#include <QCoreApplication>
#include <QDockWidget>

namespace sy {

QDockWidget *installAppStorageDock(MainWindow &window, EngineHost &host, QDockWidget *besides)
{
    auto *inspector = new StorageInspectorWidget;
    inspector->setObjectName(QStringLiteral("appStorageInspector"));
    auto *dock =
        new QDockWidget(QCoreApplication::translate("sy::DashboardViews", "App storage"), &window);
    dock->setObjectName(QStringLiteral("appStorageDock"));
    dock->setToolTip(QCoreApplication::translate(
        "sy::DashboardViews", "The app's KV namespaces and D1 databases (.switchyard/storage)"));
    dock->setWidget(inspector);
    window.addViewDock(dock, Qt::RightDockWidgetArea);
    if (besides)
        window.tabifyDockWidget(besides, dock);
    QObject::connect(&host, &EngineHost::appStorageChanged, inspector,
                     [inspector, &host] { inspector->setStorage(host.appStorage()); });
    inspector->setStorage(host.appStorage());
    return dock;
}

} // namespace sy
