#include "shell/mainWindow.h"

#include "shell/engineStatus.h"
#include "shell/eventListView.h"
#include "shell/moduleListView.h"
#include "shell/recentProjects.h"
#include "shell/settingsDialog.h"
#include "shell/shellStatusBar.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QUrl>

namespace sy {

MainWindow::MainWindow(QAbstractItemModel *modules, QAbstractItemModel *events,
                       EngineStatus *status, QSettings *settings, QWidget *parent)
    : QMainWindow(parent), m_settings(settings), m_status(status),
      m_moduleList(new ModuleListView(modules, this)), m_eventList(new EventListView(events)),
      m_statusBar(new ShellStatusBar(status, this)),
      m_eventDock(new QDockWidget(tr("Events"), this))
{
    if (!m_settings) {
        m_settings = new QSettings;
        m_ownsSettings = true;
    }
    m_recent = new RecentProjects(*m_settings);
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/switchyard.svg")));
    setCentralWidget(m_moduleList);
    m_eventDock->setObjectName(QStringLiteral("eventDock"));
    m_eventDock->setWidget(m_eventList);
    addDockWidget(Qt::BottomDockWidgetArea, m_eventDock);
    setStatusBar(m_statusBar);
    connect(m_statusBar, &ShellStatusBar::openUrlRequested, this,
            [](const QString &url) { QDesktopServices::openUrl(QUrl(url)); });
    createMenus();
    connect(m_status, &EngineStatus::changed, this, &MainWindow::statusChanged);
    statusChanged();

    // 1200x800, or less on a smaller screen (1366x768, or that at 150%
    // scaling): the whole window, status bar included, stays on the screen.
    QSize size(1200, 800);
    if (const QScreen *screen = this->screen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.92);
    resize(size);
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
}

MainWindow::~MainWindow()
{
    delete m_recent;
    if (m_ownsSettings)
        delete m_settings;
}

QStringList MainWindow::recentProjects() const
{
    return m_recent->list();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open App Folder…"), this, &MainWindow::openProjectDialog);
    open->setObjectName(QStringLiteral("actionOpen"));
    open->setShortcut(QKeySequence::Open);
    QAction *openJournal =
        file->addAction(tr("Open &Journal…"), this, &MainWindow::openJournalDialog);
    openJournal->setObjectName(QStringLiteral("actionOpenJournal"));
    openJournal->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    settings->setObjectName(QStringLiteral("actionSettings"));
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("actionQuit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QAction *find = m_viewMenu->addAction(tr("&Find Module"));
    find->setObjectName(QStringLiteral("actionFind"));
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(find, &QAction::triggered, this, [this] {
        if (m_moduleDock)
            m_moduleDock->show();
        m_moduleList->focusSearch();
    });
    m_openInBrowser =
        m_viewMenu->addAction(tr("Open in &Browser"), this, &MainWindow::openInBrowser);
    m_openInBrowser->setObjectName(QStringLiteral("actionOpenInBrowser"));
    m_openInBrowser->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_eventDock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(tr("&About Switchyard"), this, [this] {
        QMessageBox::about(this, tr("About Switchyard"),
                           tr("<b>Switchyard</b> %1<br>A dev engine and dashboard for React Server "
                              "Components apps: module graphs across the client, ssr and worker "
                              "environments, the dependency optimizer and the live loop.")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList dirs = m_recent->list();
    for (int i = 0; i < dirs.size(); ++i) {
        const QString dir = dirs[i];
        QAction *action = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(dir)));
        connect(action, &QAction::triggered, this, [this, dir] { emit openProjectRequested(dir); });
    }
    if (!dirs.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear List"), this, [this] {
            m_recent->clear();
            rebuildRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!dirs.isEmpty());
}

void MainWindow::setBundledExample(const QString &folder)
{
    const QString canonical = QFileInfo(folder).canonicalFilePath();
    m_bundledExample = canonical.isEmpty() ? folder : canonical;
    statusChanged();
}

void MainWindow::statusChanged()
{
    const QString name = m_status->projectName();
    const QString dir = QFileInfo(m_status->projectDir()).canonicalFilePath();
    if (!name.isEmpty() && !m_bundledExample.isEmpty() && dir == m_bundledExample) {
        // Where the example the user edits is: its copy in the data folder.
        QString shown = QDir::toNativeSeparators(m_bundledExample);
        const QString home = QDir::toNativeSeparators(QDir::homePath());
        if (shown.startsWith(home + QDir::separator()))
            shown = QLatin1Char('~') + shown.mid(home.size());
        setWindowTitle(tr("%1 (the bundled example, in %2) — Switchyard").arg(name, shown));
    } else {
        setWindowTitle(name.isEmpty() ? tr("Switchyard") : tr("%1 — Switchyard").arg(name));
    }
    m_openInBrowser->setEnabled(!m_status->serverUrl().isEmpty());
    if (m_status->state() == EngineStatus::State::Ready &&
        m_recent->list().value(0) != m_status->projectDir()) {
        m_recent->add(m_status->projectDir());
        rebuildRecentMenu();
    }
}

void MainWindow::openProjectDialog()
{
    const QString start =
        m_status->projectDir().isEmpty() ? QDir::homePath() : m_status->projectDir();
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Open App Folder (with wrangler.jsonc)"), start);
    if (dir.isEmpty())
        return;
    if (!QFileInfo::exists(dir + QStringLiteral("/wrangler.jsonc")) &&
        !QFileInfo::exists(dir + QStringLiteral("/wrangler.json"))) {
        QMessageBox::warning(this, tr("Not an App Folder"),
                             tr("%1 has no wrangler.jsonc.").arg(QDir::toNativeSeparators(dir)));
        return;
    }
    emit openProjectRequested(dir);
}

void MainWindow::openJournalDialog()
{
    const QString start =
        m_status->projectDir().isEmpty() ? QDir::homePath() : m_status->projectDir();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Journal"), start,
        tr("Journals (*.sqlite *.sqlite3 *.db *.journal);;All Files (*)"));
    if (!path.isEmpty())
        emit openJournalRequested(path);
}

void MainWindow::openInBrowser()
{
    if (!m_status->serverUrl().isEmpty())
        QDesktopServices::openUrl(QUrl(m_status->serverUrl() + QLatin1Char('/')));
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(*m_settings, this);
    dialog.exec();
}

void MainWindow::setCentralView(QWidget *view)
{
    QWidget *old = takeCentralWidget();
    if (old == m_moduleList && !m_moduleDock) {
        m_moduleDock = new QDockWidget(tr("Modules"), this);
        m_moduleDock->setObjectName(QStringLiteral("moduleDock"));
        m_moduleDock->setWidget(m_moduleList);
        addViewDock(m_moduleDock, Qt::LeftDockWidgetArea);
    } else if (old && old != m_moduleList) {
        old->deleteLater();
    }
    setCentralWidget(view);
}

void MainWindow::addViewDock(QDockWidget *dock, Qt::DockWidgetArea area)
{
    addDockWidget(area, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
}

void MainWindow::saveWindowState()
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    event->accept();
}

} // namespace sy
