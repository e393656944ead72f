// One selection in the dashboard on a real engine (a copy of examples/hello,
// watched): a click on a module list row selects the module in the graph and
// the inspector shows it on the tab of the row's environment; an edit on disk
// reaches the inspector (source and transformed code) without selecting the
// module again; a click on the invalidation's event row selects the edited
// module; the live timeline follows "now".
#include "appCopy.h"
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "moduleInspectorWidget.h"
#include "shell/eventListView.h"
#include "shell/mainWindow.h"
#include "shell/moduleListView.h"
#include "timeline/timelineModel.h" // complete before the canvas header

#include "timeline/timelineCanvas.h"
#include "timeline/timelineView.h"
#include "views/graph/moduleGraphQueries.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"
#include "views/selection/moduleSelection.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sy;

namespace {

QModelIndex listRow(ModuleListView *list, const QString &environment, const QString &id)
{
    QAbstractItemModel *model = list->view()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, ModuleGraphModel::IdColumn);
        if (index.data(ModuleGraphModel::EnvironmentRole).toString() == environment &&
            index.data(ModuleGraphModel::IdRole).toString() == id)
            return index;
    }
    return {};
}

QSet<QString> graphSelected(ModuleGraphView *graph)
{
    QSet<QString> keys;
    for (QGraphicsItem *item : graph->graphScene()->selectedItems())
        if (auto *node = qgraphicsitem_cast<ModuleNodeItem *>(item))
            keys.insert(node->key());
    return keys;
}

} // namespace

class TestDashboardSelection : public QObject {
    Q_OBJECT
private slots:
    void oneSelectionAndAnInspectorThatFollowsEdits()
    {
        QTemporaryDir app, config;
        QVERIFY(sy::test::copyHelloApp(app.path()));
        QSettings settings(config.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        EngineHost host;
        host.setPort(0);
        host.setWatch(true);
        MainWindow window(host.modules(), host.events(), host.status(), &settings);
        ModuleGraphView *graph = installDashboardViews(window, host);
        auto *inspector = window.findChild<ModuleInspectorWidget *>();
        auto *timeline = window.findChild<TimelineView *>();
        QVERIFY(inspector && timeline);
        // The live timeline follows "now" from the start.
        QVERIFY(timeline->canvas()->followNow());
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QSignalSpy loaded(&host, &EngineHost::loaded);
        host.open(app.path());
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 120000);
        const QString home = QFileInfo(app.path() + "/src/app/pages/Home.tsx").canonicalFilePath();
        ModuleListView *list = window.moduleList();
        QTRY_VERIFY_WITH_TIMEOUT(listRow(list, "worker", home).isValid(), 20000);

        // A click on the worker's Home.tsx in the module list.
        const QModelIndex row = listRow(list, "worker", home);
        list->view()->scrollTo(row);
        QTest::mouseClick(list->view()->viewport(), Qt::LeftButton, {},
                          list->view()->visualRect(row).center());
        // ... selects it in the graph ...
        QTRY_COMPARE_WITH_TIMEOUT(graphSelected(graph), (QSet<QString>{moduleKey("worker", home)}),
                                  10000);
        // ... and the inspector shows it, on the worker's tab.
        QTRY_VERIFY_WITH_TIMEOUT(inspector->sourceText("worker").contains("Hello from Switchyard"),
                                 20000);
        QCOMPARE(inspector->currentEnvironment(), QString("worker"));
        QVERIFY(inspector->codeText("worker").contains("Hello from Switchyard"));
        // Its id as Vite shows it, relative to the open app (as the graph and the list).
        QCOMPARE(inspector->title(), QStringLiteral("/src/app/pages/Home.tsx"));

        // An edit on disk: the inspector follows without a new selection.
        QFile file(home);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray text = file.readAll();
        file.close();
        text.replace("Hello from Switchyard", "Edited while inspected");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
        file.close();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->sourceText("worker").contains("Edited while inspected"),
                                 30000);
        QTRY_VERIFY_WITH_TIMEOUT(inspector->codeText("worker").contains("Edited while inspected"),
                                 30000);
        QCOMPARE(inspector->currentEnvironment(), QString("worker"));
        QCOMPARE(graphSelected(graph), (QSet<QString>{moduleKey("worker", home)}));

        // Select something else, then the edit's invalidation in the event
        // list: its module is selected again.
        auto *selection = window.findChild<ModuleSelection *>();
        QVERIFY(selection);
        selection->clear();
        QVERIFY(graphSelected(graph).isEmpty());
        EventListView *events = window.eventList();
        int invalidation = -1;
        for (int r = 0; r < events->model()->rowCount(); ++r) {
            const QModelIndex index = events->model()->index(r, 0);
            if (index.data(JournalModel::KindRole).toString() == "invalidation" &&
                index.data(JournalModel::DataJsonRole).toString().contains("Home.tsx"))
                invalidation = r;
        }
        QVERIFY(invalidation >= 0);
        // Summaries name modules as Vite shows them, relative to the app (a stale
        // ?v= or an error names the module's absolute id).
        auto *summaryDelegate = qobject_cast<QStyledItemDelegate *>(
            events->itemDelegateForColumn(JournalModel::SummaryColumn));
        QVERIFY(summaryDelegate);
        const QString appRoot = QFileInfo(app.path()).canonicalFilePath();
        QCOMPARE(
            summaryDelegate->displayText("stale ?v= in " + appRoot + "/src/client.tsx", QLocale()),
            QStringLiteral("stale ?v= in /src/client.tsx"));
        for (int r = 0; r < events->model()->rowCount(); ++r) {
            const QModelIndex summary = events->model()->index(r, JournalModel::SummaryColumn);
            const QString shown = summaryDelegate->displayText(summary.data(), QLocale());
            QVERIFY2(!shown.contains(appRoot), qPrintable(shown));
        }
        const QModelIndex eventRow = events->model()->index(invalidation, 1);
        events->scrollTo(eventRow);
        QTest::mouseClick(events->viewport(), Qt::LeftButton, {},
                          events->visualRect(eventRow).center());
        QTRY_VERIFY(selection->contains({selection->current().environment, home}));
        QVERIFY(graphSelected(graph).contains(moduleKey(selection->current().environment, home)));
        host.stop();
    }
};

QTEST_MAIN(TestDashboardSelection)
#include "tst_dashboard_selection.moc"
