#pragma once
// Puts the engine's views into the main window: the module graph (central,
// lanes per environment, under its control bar), the timeline of engine
// events (bottom dock), the module inspector (right dock) and the app
// preview (a tab beside the inspector, views/preview/previewDock.h). One
// ModuleSelection (a child of the window) holds the selected modules: the
// graphs, the module list, the event list and the timeline select into it and
// show it; the inspector shows its current module as the engine sees it now.
namespace sy {

class EngineHost;
class MainWindow;
class ModuleGraphView;

/// Creates the views (owned by `window`) and connects them to `host`.
/// Returns the graph view (inside the central widget, below its
/// ModuleGraphControlBar).
ModuleGraphView *installDashboardViews(MainWindow &window, EngineHost &host);

} // namespace sy
