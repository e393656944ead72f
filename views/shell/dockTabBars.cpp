#include "shell/dockTabBars.h"

#include <QChildEvent>
#include <QEvent>
#include <QMainWindow>
#include <QTabBar>

namespace sy {

namespace {

void makeReadable(QTabBar *bar)
{
    bar->setElideMode(Qt::ElideNone);
    bar->setUsesScrollButtons(true);
}

/// Watches the main window for the tab bars QMainWindow adds when docks are tabified.
class DockTabBarWatcher : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::ChildPolished)
            if (auto *bar = qobject_cast<QTabBar *>(static_cast<QChildEvent *>(event)->child()))
                makeReadable(bar);
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

void keepDockTabsReadable(QMainWindow *window)
{
    for (QTabBar *bar : window->findChildren<QTabBar *>(Qt::FindDirectChildrenOnly))
        makeReadable(bar);
    window->installEventFilter(new DockTabBarWatcher(window));
}

} // namespace sy
