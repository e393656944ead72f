#pragma once
// The dashboard's main window: a replaceable central view (the module list
// for now; the graph view joins later), docks (events), File > Open / Open
// Recent / Settings / Quit, View > Find / Open in Browser, and the status
// bar. Sees the engine only through its item models and EngineStatus; asks
// for another app with openProjectRequested().
#include <QMainWindow>

class QAbstractItemModel;
class QDockWidget;
class QMenu;
class QSettings;

namespace sy {

class EngineStatus;
class EventListView;
class ModuleListView;
class RecentProjects;
class ShellStatusBar;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `modules` (a ModuleGraphModel), `events` (a JournalModel) and `status`
    /// are not owned and must outlive the window. Window geometry, dock state
    /// and recent projects are kept in `settings` (a default QSettings when
    /// null).
    MainWindow(QAbstractItemModel *modules, QAbstractItemModel *events, EngineStatus *status,
               QSettings *settings = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    ModuleListView *moduleList() const { return m_moduleList; }
    EventListView *eventList() const { return m_eventList; }
    ShellStatusBar *shellStatusBar() const { return m_statusBar; }
    QStringList recentProjects() const;

    /// Makes `view` the central widget; a previous central view other than
    /// the module list is deleted, the module list moves into its own dock.
    void setCentralView(QWidget *view);
    /// Adds a dock (created by another view) to the View menu and `area`.
    void addViewDock(QDockWidget *dock, Qt::DockWidgetArea area);
    /// The View menu (for views adding their actions) and the settings the
    /// window keeps its geometry and dock state in.
    QMenu *viewMenu() const { return m_viewMenu; }
    QSettings *settings() const { return m_settings; }

    /// The folder the bundled example runs from (its writable copy, see
    /// app::bundledExampleDir): while that app is open the window title says
    /// it is the bundled example and where it is, the folder to edit.
    /// Empty: no note.
    void setBundledExample(const QString &folder);

public slots:
    void openProjectDialog();
    /// Asks for a saved journal (SQLite) and emits openJournalRequested.
    void openJournalDialog();
    void openInBrowser();
    void showSettings();

signals:
    /// The user chose an app folder (File > Open, Open Recent).
    void openProjectRequested(const QString &dir);
    /// The user chose a saved journal to scrub through (File > Open Journal),
    /// read-only and without a server.
    void openJournalRequested(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void rebuildRecentMenu();
    void statusChanged();
    void saveWindowState();

    QSettings *m_settings;
    bool m_ownsSettings = false;
    EngineStatus *m_status;
    ModuleListView *m_moduleList;
    EventListView *m_eventList;
    ShellStatusBar *m_statusBar;
    QDockWidget *m_eventDock;
    QDockWidget *m_moduleDock = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_openInBrowser = nullptr;
    RecentProjects *m_recent;
    QString m_bundledExample; ///< canonical folder, or ""
};

} // namespace sy
