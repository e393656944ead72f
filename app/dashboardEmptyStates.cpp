#include "dashboardEmptyStates.h"

#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "shell/emptyStateOverlay.h"
#include "shell/engineStatus.h"
#include "shell/eventListView.h"
#include "shell/mainWindow.h"
#include "shell/moduleListView.h"
#include "testing/testRunModel.h"
#include "timeline/timelineModel.h"
#include "timeline/timelineView.h"
#include "views/graph/moduleGraphFilterModel.h"
#include "views/graph/moduleGraphView.h"
#include "views/tests/testsPanel.h"

#include <QCoreApplication>
#include <QLineEdit>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QTreeView>

namespace sy {

void installDashboardEmptyStates(MainWindow &window, EngineHost &host)
{
    EngineStatus *status = host.status();
    ModuleGraphModel *modules = host.modules();

    if (auto *graph = window.findChild<ModuleGraphView *>(QStringLiteral("moduleGraph"))) {
        ModuleGraphFilterModel *shown = graph->filterModel();
        auto *overlay = new EmptyStateOverlay(graph, [status, modules, shown] {
            if (modules->rowCount() == 0)
                return EmptyStateOverlay::engineMessage(
                    status, QCoreApplication::translate(
                                "sy::DashboardViews",
                                "The engine runs but has no modules yet: the client, ssr and "
                                "worker graphs appear here as it crawls the app's entries."));
            if (shown->rowCount() == 0)
                return QCoreApplication::translate(
                    "sy::DashboardViews",
                    "No module shown: the environment, the Filters menu or the focus hide "
                    "them all.");
            return QString();
        });
        overlay->watch(status);
        overlay->watch(modules);
        overlay->watch(shown);
    }

    ModuleListView *list = window.moduleList();
    auto *listOverlay = new EmptyStateOverlay(list->view(), [status, modules, list] {
        if (modules->rowCount() == 0)
            return EmptyStateOverlay::engineMessage(
                status, QCoreApplication::translate("sy::DashboardViews", "No modules yet."));
        if (list->proxy()->rowCount() == 0)
            return QCoreApplication::translate("sy::DashboardViews", "No module matches \"%1\".")
                .arg(list->searchBox()->text());
        return QString();
    });
    listOverlay->watch(status);
    listOverlay->watch(list->proxy());

    JournalModel *events = host.events();
    const QString noEvents = QCoreApplication::translate(
        "sy::DashboardViews",
        "No engine events yet: optimizer runs, invalidations, HMR updates and requests appear "
        "here as they happen. Open the app in a browser (View > Open in Browser) or edit one of "
        "its files.");
    auto *eventOverlay = new EmptyStateOverlay(window.eventList(), [status, events, noEvents] {
        return events->rowCount() > 0 ? QString()
                                      : EmptyStateOverlay::engineMessage(status, noEvents);
    });
    eventOverlay->watch(status);
    eventOverlay->watch(events);

    if (auto *timeline = window.findChild<TimelineView *>(); timeline && timeline->model()) {
        TimelineModel *items = timeline->model();
        auto *overlay = new EmptyStateOverlay(timeline->scrollArea(), [status, items, noEvents] {
            return items->totalItems() > 0 ? QString()
                                           : EmptyStateOverlay::engineMessage(status, noEvents);
        });
        overlay->watch(status);
        overlay->watch(items);
    }

    if (auto *tests = window.findChild<TestsPanel *>()) {
        TestRunModel *files = host.tests();
        auto *overlay = new EmptyStateOverlay(tests->tree(), [status, files, &host] {
            if (files->rowCount() > 0)
                return QString();
            return EmptyStateOverlay::engineMessage(
                status,
                host.testsBusy()
                    ? QCoreApplication::translate("sy::DashboardViews", "Looking for test files…")
                    : QCoreApplication::translate(
                          "sy::DashboardViews",
                          "No test files found: the app's Vitest files (*.test.ts, "
                          "*.spec.tsx, … as its vitest config includes them) appear "
                          "here. Add one, then Run all."));
        });
        overlay->watch(status);
        overlay->watch(files);
        QObject::connect(&host, &EngineHost::testsBusyChanged, overlay,
                         &EmptyStateOverlay::refresh);
    }
}

} // namespace sy
