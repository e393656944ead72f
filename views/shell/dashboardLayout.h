#pragma once
// How the dashboard's window is shared out: the graph (the central widget)
// gets most of it. The defaults put the side docks in one tabbed column on
// the right (about a fifth of the width) and the bottom docks in one tabbed
// row (about a fifth of the height); every dock can shrink to a sliver, so
// the window fits a 1366x768 screen at 150% scaling (911x512). View > Graph
// Only (F11) hides the docks and brings them back; View > Reset Layout
// returns to the defaults.
#include <QByteArray>
#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace sy {

/// Owns the layout actions of `window` (added to `viewMenu`). Create it
/// once the window's docks exist.
class DashboardLayout : public QObject {
    Q_OBJECT
public:
    DashboardLayout(QMainWindow *window, QMenu *viewMenu);

    /// Restores `savedState` (QMainWindow::saveState of an earlier run) or,
    /// when it is empty or does not apply, the default layout. A window not
    /// shown yet that no longer fits its screen's available area (adding the
    /// views grew it to their minimum sizes before the docks could shrink:
    /// 838x533 on a 1366x768 screen at 150%, 911x512) gets its default size
    /// again, at most 92% of that area.
    void restore(const QByteArray &savedState);
    /// The default layout: docks tabbed on the right and at the bottom,
    /// sized so the graph keeps most of the window; graph-only ends.
    void resetLayout();
    /// Hides every dock (remembering which were open), or shows them again.
    void setGraphOnly(bool graphOnly);
    bool graphOnly() const { return m_graphOnly; }

    QAction *graphOnlyAction() const { return m_graphOnlyAction; }
    QAction *resetAction() const { return m_resetAction; }

    /// Smallest size of a dock's contents: docks give way before the graph.
    static constexpr int kDockMinWidth = 140;
    static constexpr int kDockMinHeight = 70;

private:
    void sizeDocks();
    void keepOnScreen();

    QMainWindow *m_window;
    QAction *m_graphOnlyAction;
    QAction *m_resetAction;
    bool m_graphOnly = false;
    QByteArray m_beforeGraphOnly; ///< the window state graph-only hid
    /// Docks hidden when the layout was made (shown on demand, like the test
    /// run's graph and storage): the default layout keeps them hidden.
    QList<QDockWidget *> m_hiddenByDefault;
};

} // namespace sy
