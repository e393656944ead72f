#pragma once
// The dashboard's empty states (views/shell/emptyStateOverlay.h): the graph,
// the module list, the event list, the timeline and the test list say what
// will appear in them and how, by the engine's state (no app open yet,
// starting, failed, no modules or events yet, no test files found).
namespace sy {

class EngineHost;
class MainWindow;

/// Installs the overlays over the views installDashboardViews() made.
void installDashboardEmptyStates(MainWindow &window, EngineHost &host);

} // namespace sy
