#include "shell/dashboardLayout.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QScreen>
#include <QTimer>

namespace sy {

DashboardLayout::DashboardLayout(QMainWindow *window, QMenu *viewMenu)
    : QObject(window), m_window(window), m_graphOnlyAction(new QAction(tr("&Graph Only"), this)),
      m_resetAction(new QAction(tr("&Reset Layout"), this))
{
    m_graphOnlyAction->setObjectName(QStringLiteral("actionGraphOnly"));
    m_graphOnlyAction->setCheckable(true);
    m_graphOnlyAction->setShortcut(QKeySequence(Qt::Key_F11));
    m_graphOnlyAction->setShortcutContext(Qt::ApplicationShortcut);
    connect(m_graphOnlyAction, &QAction::toggled, this, &DashboardLayout::setGraphOnly);
    m_resetAction->setObjectName(QStringLiteral("actionResetLayout"));
    connect(m_resetAction, &QAction::triggered, this, &DashboardLayout::resetLayout);
    if (viewMenu) {
        viewMenu->addSeparator();
        viewMenu->addAction(m_graphOnlyAction);
        viewMenu->addAction(m_resetAction);
    }
    window->addAction(m_graphOnlyAction); // F11 works with the menu bar hidden too
    // Dock contents may shrink far below what their layouts ask for.
    for (QDockWidget *dock : window->findChildren<QDockWidget *>()) {
        if (QWidget *contents = dock->widget())
            contents->setMinimumSize(kDockMinWidth, kDockMinHeight);
        if (dock->isHidden())
            m_hiddenByDefault << dock;
    }
}

void DashboardLayout::keepOnScreen()
{
    const QScreen *screen = m_window->screen();
    if (m_window->isVisible() || !screen)
        return;
    const QSize available = screen->availableGeometry().size();
    const QSize size = m_window->size();
    if (size.width() > available.width() || size.height() > available.height())
        m_window->resize(size.boundedTo(available * 0.92));
}

void DashboardLayout::restore(const QByteArray &savedState)
{
    if (savedState.isEmpty() || !m_window->restoreState(savedState))
        resetLayout();
    // After the docks are in: adding them is what grows the window.
    keepOnScreen();
}

void DashboardLayout::resetLayout()
{
    if (m_graphOnly) {
        m_graphOnly = false;
        const QSignalBlocker blocker(m_graphOnlyAction);
        m_graphOnlyAction->setChecked(false);
    }
    QList<QDockWidget *> right, bottom;
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>()) {
        if (dock->parentWidget() != m_window)
            continue;
        dock->setFloating(false);
        const bool below = m_window->dockWidgetArea(dock) == Qt::BottomDockWidgetArea ||
                           m_window->dockWidgetArea(dock) == Qt::TopDockWidgetArea;
        (below ? bottom : right) << dock;
    }
    // One tabbed column on the right, one tabbed row at the bottom, in the
    // order they were added (the first one raised).
    for (const auto &[docks, area] :
         {std::pair{right, Qt::RightDockWidgetArea}, std::pair{bottom, Qt::BottomDockWidgetArea}}) {
        for (qsizetype i = 0; i < docks.size(); ++i) {
            m_window->addDockWidget(area, docks[i]);
            if (i > 0)
                m_window->tabifyDockWidget(docks.first(), docks[i]);
            docks[i]->setVisible(!m_hiddenByDefault.contains(docks[i]));
        }
        if (!docks.isEmpty())
            docks.first()->raise();
    }
    sizeDocks();
    // Once more when the window has its final size (restoring runs before show).
    QTimer::singleShot(0, this, &DashboardLayout::sizeDocks);
}

void DashboardLayout::sizeDocks()
{
    const QSize size = m_window->size();
    QList<QDockWidget *> right, bottom;
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>()) {
        if (dock->parentWidget() != m_window || dock->isHidden() || dock->isFloating())
            continue;
        if (m_window->dockWidgetArea(dock) == Qt::BottomDockWidgetArea)
            bottom << dock;
        else if (m_window->dockWidgetArea(dock) == Qt::RightDockWidgetArea)
            right << dock;
    }
    if (!right.isEmpty())
        m_window->resizeDocks({right.first()}, {std::max(kDockMinWidth, size.width() * 22 / 100)},
                              Qt::Horizontal);
    if (!bottom.isEmpty())
        m_window->resizeDocks({bottom.first()},
                              {std::max(kDockMinHeight, size.height() * 20 / 100)}, Qt::Vertical);
}

void DashboardLayout::setGraphOnly(bool graphOnly)
{
    if (m_graphOnly == graphOnly)
        return;
    m_graphOnly = graphOnly;
    {
        const QSignalBlocker blocker(m_graphOnlyAction);
        m_graphOnlyAction->setChecked(graphOnly);
    }
    if (graphOnly) {
        m_beforeGraphOnly = m_window->saveState();
        for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
            if (dock->parentWidget() == m_window)
                dock->hide();
    } else if (m_beforeGraphOnly.isEmpty() || !m_window->restoreState(m_beforeGraphOnly)) {
        resetLayout();
    }
}

} // namespace sy
