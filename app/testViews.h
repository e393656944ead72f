#pragma once
// Puts the test runs into the main window: the Tests panel (a dock beside the
// timeline) wired to the EngineHost's test session, the test files' module
// graph (a dock of its own, over the test session's graph model) and the
// storage inspector of a file's last isolate.
class QDockWidget;

namespace sy {

class EngineHost;
class MainWindow;
class TestsPanel;

/// Creates the Tests dock (tabified with `besides` when given), the test
/// module graph dock (hidden until asked for) and connects them to `host`.
/// Returns the panel (owned by `window`).
TestsPanel *installTestViews(MainWindow &window, EngineHost &host, QDockWidget *besides);

} // namespace sy
