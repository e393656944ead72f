#pragma once
// The running app's own KV/D1 storage in the dashboard: the storage inspector
// (views/storage) on the dev server's IsolateStorage, live while requests
// write to it (Chrome DevTools' Application panel for env.KV / env.DB).
class QDockWidget;

namespace sy {

class EngineHost;
class MainWindow;

/// Creates the "App storage" dock (tabified with `besides` when given),
/// showing EngineHost::appStorage() and following appStorageChanged() (an app
/// opened or stopped). Returns the dock (owned by `window`).
QDockWidget *installAppStorageDock(MainWindow &window, EngineHost &host, QDockWidget *besides);

} // namespace sy
