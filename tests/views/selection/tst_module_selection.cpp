// One selection across the dashboard's views, over the sample graph (no
// engine): the module list and the graph select each other through the
// ModuleSelection, an event row and a timeline item select the modules their
// event names (by id, or by URL as HMR names them) and each other, and the
// inspector follows the selection: the selected node's environment tab,
// several modules in its chooser, virtual modules, and a fresh inspection when
// the module's row or the engine's events change. Every model runs under
// QAbstractItemModelTester.
#include "../graph/sampleGraph.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "moduleInspectorWidget.h"
#include "shell/eventListView.h"
#include "shell/moduleListView.h"
#include "timeline/timelineCanvas.h"
#include "timeline/timelineModel.h"
#include "timeline/timelineView.h"
#include "views/graph/moduleGraphQueries.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"
#include "views/selection/eventSelectionSync.h"
#include "views/selection/graphSelectionSync.h"
#include "views/selection/inspectorFollower.h"
#include "views/selection/itemViewSelectionSync.h"
#include "views/selection/moduleRefResolver.h"
#include "views/selection/moduleSelection.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace sy;

namespace {

using Tester = QAbstractItemModelTester;
std::unique_ptr<Tester> tested(QAbstractItemModel *model)
{
    return std::make_unique<Tester>(model, Tester::FailureReportingMode::QtTest);
}

QSet<QString> graphSelected(ModuleGraphView *graph)
{
    QSet<QString> keys;
    for (QGraphicsItem *item : graph->graphScene()->selectedItems())
        if (auto *node = qgraphicsitem_cast<ModuleNodeItem *>(item))
            keys.insert(node->key());
    return keys;
}

QSet<QString> listSelected(ModuleListView *list)
{
    QSet<QString> keys;
    for (const QModelIndex &row : list->view()->selectionModel()->selectedRows())
        keys.insert(moduleKey(row.data(ModuleGraphModel::EnvironmentRole).toString(),
                              row.data(ModuleGraphModel::IdRole).toString()));
    return keys;
}

QModelIndex listRow(ModuleListView *list, const QString &environment, const QString &id)
{
    QAbstractItemModel *model = list->view()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (moduleRefAt(model, row) == ModuleRef{environment, id})
            return model->index(row, ModuleGraphModel::IdColumn);
    return {};
}

JournalEvent makeEvent(const char *kind, const char *environment, const QJsonObject &data)
{
    static int64_t lastId = 0;
    JournalEvent e;
    e.id = ++lastId; // the journal numbers events 1, 2, ...
    e.kind = kind;
    e.environment = environment;
    e.summary = kind;
    e.timeMs = 1'700'000'000'000;
    e.dataJson = QJsonDocument(data).toJson(QJsonDocument::Compact).toStdString();
    return e;
}

QByteArray inspection(const QString &file, const QStringList &environments,
                      const QString &source = QStringLiteral("export {}"))
{
    QJsonArray envs;
    for (const QString &env : environments)
        envs.append(QJsonObject{{"environment", env},
                                {"id", file},
                                {"source", source},
                                {"code", source},
                                {"invalidationState", "none"}});
    return QJsonDocument(QJsonObject{{"file", file}, {"environments", envs}}).toJson();
}

} // namespace

class TestModuleSelection : public QObject {
    Q_OBJECT
private slots:
    void selectionKeepsItsCurrentModule()
    {
        ModuleSelection selection;
        QSignalSpy changed(&selection, &ModuleSelection::changed);
        const ModuleRef a{"client", "/a.ts"}, b{"worker", "/b.ts"};
        selection.select({a, b, a, {}});
        QCOMPARE(selection.modules(), (QList<ModuleRef>{a, b}));
        QCOMPARE(selection.current(), a);
        selection.select({a, b}); // the same: nothing
        QCOMPARE(changed.size(), 1);
        selection.setCurrent(b);
        QCOMPARE(selection.current(), b);
        selection.select({b, a}, {}); // the current stays when still selected
        QCOMPARE(selection.current(), b);
        selection.setCurrent({"ssr", "/c.ts"}); // not selected: ignored
        QCOMPARE(selection.current(), b);
        selection.clear();
        QVERIFY(selection.current().isNull());
        QCOMPARE(changed.size(), 4);
    }

    void resolvesIdsUrlsAndQueries()
    {
        ModuleGraphModel model;
        auto tester = tested(&model);
        test::fillSampleGraph(model);
        ModuleRow widget = test::moduleRow("client", "/app/src/Widget.tsx");
        widget.url = "/src/Widget.tsx";
        model.upsert(widget);
        // By URL, as an HMR update names it.
        QCOMPARE(resolveModules(&model, {"/src/Widget.tsx"}),
                 (QList<ModuleRef>{{"client", "/app/src/Widget.tsx"}}));
        // An id held by two environments: both, unless the event's environment has it.
        QCOMPARE(resolveModules(&model, {"/app/src/Counter.tsx"}).size(), 2);
        QCOMPARE(resolveModules(&model, {"/app/src/Counter.tsx?v=1234"}, "ssr"),
                 (QList<ModuleRef>{{"ssr", "/app/src/Counter.tsx"}}));
        // Virtual ids resolve like any other.
        QCOMPARE(resolveModules(&model, {test::kBridged}),
                 (QList<ModuleRef>{{"worker", test::kBridged}}));
        QVERIFY(resolveModules(&model, {"/nowhere.ts"}).isEmpty());
    }

    void moduleListAndGraphSelectEachOther()
    {
        ModuleGraphModel model;
        auto tester = tested(&model);
        test::fillSampleGraph(model);
        QWidget window;
        auto *list = new ModuleListView(&model);
        auto proxyTester = tested(list->proxy());
        auto *graph = new ModuleGraphView;
        graph->setModel(&model);
        graph->setLanes(true);
        auto *layout = new QHBoxLayout(&window);
        layout->addWidget(list);
        layout->addWidget(graph, 1);
        window.resize(1200, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ModuleSelection selection;
        new GraphSelectionSync(graph, &selection);
        new ItemViewSelectionSync(list->view(), &selection);

        // A click on the module list's row selects the module in the graph.
        const QModelIndex actions = listRow(list, "worker", "/app/src/actions.ts");
        QVERIFY(actions.isValid());
        list->view()->scrollTo(actions);
        QTest::mouseClick(list->view()->viewport(), Qt::LeftButton, {},
                          list->view()->visualRect(actions).center());
        QCOMPARE(selection.current(), (ModuleRef{"worker", "/app/src/actions.ts"}));
        QCOMPARE(graphSelected(graph), (QSet<QString>{moduleKey("worker", "/app/src/actions.ts")}));
        QCoreApplication::processEvents(); // the event loop runs between clicks

        // The engine drops the module and brings it back (a re-optimization):
        // the list moves its own selection to a neighbour row and the graph
        // loses the node, but the selection stays; the row coming back is
        // selected again.
        ModuleRow actionsRow = test::moduleRow("worker", "/app/src/actions.ts");
        actionsRow.directives = {"use server"};
        model.remove("worker", "/app/src/actions.ts");
        QCOMPARE(selection.modules(), (QList<ModuleRef>{{"worker", "/app/src/actions.ts"}}));
        model.upsert(actionsRow);
        QCOMPARE(selection.modules(), (QList<ModuleRef>{{"worker", "/app/src/actions.ts"}}));
        QTRY_COMPARE(listSelected(list),
                     (QSet<QString>{moduleKey("worker", "/app/src/actions.ts")}));

        // Selecting in the graph selects the list's row.
        ModuleNodeItem *ssrCounter = graph->graphScene()->node("ssr", "/app/src/Counter.tsx");
        QVERIFY(ssrCounter);
        graph->graphScene()->clearSelection();
        ssrCounter->setSelected(true);
        QCOMPARE(selection.current(), (ModuleRef{"ssr", "/app/src/Counter.tsx"}));
        QCOMPARE(listSelected(list), (QSet<QString>{moduleKey("ssr", "/app/src/Counter.tsx")}));
        QCOMPARE(moduleRefAt(list->view()->model(), list->view()->currentIndex().row()),
                 (ModuleRef{"ssr", "/app/src/Counter.tsx"}));

        // The list's search: an environment prefix, a substring, else fuzzy.
        auto listed = [list] {
            QStringList out;
            for (int row = 0; row < list->proxy()->rowCount(); ++row)
                out << moduleKey(moduleRefAt(list->proxy(), row).environment,
                                 moduleRefAt(list->proxy(), row).id);
            out.sort();
            return out;
        };
        list->searchBox()->setText("ssr:counter");
        QCOMPARE(listed(), QStringList{moduleKey("ssr", "/app/src/Counter.tsx")});
        list->searchBox()->setText("worker:ctr"); // no worker id contains it: fuzzy
        QCOMPARE(listed(), QStringList{moduleKey("worker", test::kBridged)});
        list->searchBox()->setText("counter"); // contained: fuzzy matches stay out
        QCOMPARE(listed().size(), 3);
        list->searchBox()->clear();
        QCOMPARE(list->proxy()->rowCount(), model.rowCount());
        // The search left the selection alone.
        QCOMPARE(selection.current(), (ModuleRef{"ssr", "/app/src/Counter.tsx"}));

        // A selection made elsewhere (two modules) shows in both.
        selection.select({{"client", "/app/src/main.tsx"}, {"worker", "/app/src/App.tsx"}});
        const QSet<QString> both{moduleKey("client", "/app/src/main.tsx"),
                                 moduleKey("worker", "/app/src/App.tsx")};
        QCOMPARE(graphSelected(graph), both);
        QCOMPARE(listSelected(list), both);
        // Filtering the list hides rows but keeps the selection, and the rows
        // it shows again are selected again.
        list->searchBox()->setText("main");
        QCOMPARE(selection.modules().size(), 2);
        QCOMPARE(listSelected(list), (QSet<QString>{moduleKey("client", "/app/src/main.tsx")}));
        list->searchBox()->clear();
        QCOMPARE(selection.modules().size(), 2);
        QCOMPARE(listSelected(list), both);
        QCOMPARE(graphSelected(graph), both);
    }

    void eventRowsAndTimelineItemsSelectTheirModules()
    {
        ModuleGraphModel model;
        auto tester = tested(&model);
        test::fillSampleGraph(model);
        ModuleRow widget = test::moduleRow("client", "/app/src/Widget.tsx");
        widget.url = "/src/Widget.tsx";
        model.upsert(widget);
        JournalModel journal;
        auto journalTester = tested(&journal);
        // 1: an invalidation in the worker (a module and the importer it reached)
        journal.append(makeEvent(
            "invalidation", "worker",
            {{"module", "/app/src/actions.ts"}, {"chain", QJsonArray{"/app/src/App.tsx"}}}));
        // 2: an HMR update naming the module by URL
        QJsonObject update{{"type", "js-update"}, {"path", "/src/Widget.tsx"}};
        journal.append(makeEvent(
            "hmr", "client",
            {{"payload", QJsonObject{{"type", "update"}, {"updates", QJsonArray{update}}}}}));
        // 3: a request: no module
        journal.append(
            makeEvent("request", "", {{"method", "GET"}, {"path", "/"}, {"status", 200}}));
        // 4: an optimizer run of the client that wrote react's pre-bundle
        journal.append(makeEvent("optimizer-run", "client",
                                 {{"depsChanged", QJsonArray{"react"}},
                                  {"bundles", QJsonArray{test::kReact}},
                                  {"outcome", "committed"},
                                  {"durationMs", 40}}));

        QWidget window;
        auto *events = new EventListView(&journal);
        auto proxyTester = tested(events->proxy());
        TimelineModel timelineModel;
        auto timelineTester = tested(&timelineModel);
        timelineModel.setJournalModel(&journal);
        auto *timeline = new TimelineView;
        timeline->setModel(&timelineModel);
        auto *layout = new QHBoxLayout(&window);
        layout->addWidget(events);
        layout->addWidget(timeline, 1);
        window.resize(1400, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ModuleSelection selection;
        new EventSelectionSync(&selection, &model, events, timeline);

        // A click on the invalidation's row: its module and the importer, the
        // module current; the timeline marks the same event.
        QCOMPARE(events->model()->rowCount(), 4);
        QTest::mouseClick(events->viewport(), Qt::LeftButton, {},
                          events->visualRect(events->model()->index(0, 1)).center());
        QCOMPARE(selection.modules(), (QList<ModuleRef>{{"worker", "/app/src/actions.ts"},
                                                        {"worker", "/app/src/App.tsx"}}));
        QCOMPARE(selection.current(), (ModuleRef{"worker", "/app/src/actions.ts"}));
        QCOMPARE(timeline->canvas()->selectedIndex(), QModelIndex(timelineModel.indexOfEvent(1)));

        // A click on the HMR item of the timeline: the module its URL names;
        // the event list selects the event's row.
        const QModelIndex hmr = timelineModel.indexOfEvent(2);
        const QRectF rect = timeline->canvas()->itemRect(hmr);
        QVERIFY(!rect.isNull());
        QTest::mouseClick(timeline->canvas(), Qt::LeftButton, {}, rect.center().toPoint());
        QCOMPARE(selection.modules(), (QList<ModuleRef>{{"client", "/app/src/Widget.tsx"}}));
        QCOMPARE(events->currentIndex().data(JournalModel::IdRole).toLongLong(), 2);

        // What an optimizer run changed: its item selects exactly the
        // pre-bundles it wrote (before, it selected nothing).
        const QModelIndex run = timelineModel.indexOfEvent(4);
        const QRectF runRect = timeline->canvas()->itemRect(run);
        QVERIFY(!runRect.isNull());
        QTest::mouseClick(timeline->canvas(), Qt::LeftButton, {}, runRect.center().toPoint());
        QCOMPARE(selection.modules(), (QList<ModuleRef>{{"client", test::kReact}}));
        QCOMPARE(events->currentIndex().data(JournalModel::IdRole).toLongLong(), 4);

        // An event without modules clears the selection.
        QTest::mouseClick(events->viewport(), Qt::LeftButton, {},
                          events->visualRect(events->model()->index(2, 1)).center());
        QVERIFY(selection.isEmpty());
    }

    void inspectorFollowsTheSelectionAndItsModule()
    {
        ModuleGraphModel model;
        auto tester = tested(&model);
        test::fillSampleGraph(model);
        JournalModel journal;
        auto journalTester = tested(&journal);
        ModuleInspectorWidget inspector;
        ModuleSelection selection;
        auto *follower = new InspectorFollower(&inspector, &selection, &model, &journal);
        follower->setRefreshDelay(10);
        QSignalSpy requested(follower, &InspectorFollower::inspectRequested);
        const QString counter = "/app/src/Counter.tsx";

        // The ssr node: the inspector opens on its ssr tab, not the first one.
        selection.select({{"ssr", counter}});
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.last().at(0).toString(), counter);
        follower->setInspection(counter, inspection(counter, {"client", "ssr", "worker"}));
        QCOMPARE(inspector.environments(), (QStringList{"client", "ssr", "worker"}));
        QCOMPARE(inspector.currentEnvironment(), QString("ssr"));

        // The worker's bridged twin is the same file: its worker tab, no new request.
        selection.select({{"worker", test::kBridged}});
        QCOMPARE(requested.size(), 1);
        QCOMPARE(inspector.currentEnvironment(), QString("worker"));

        // The module changes (an edit invalidated it): a fresh inspection,
        // shown on the tab the user is on.
        ModuleRow changed = test::moduleRow("worker", test::kBridged);
        changed.isVirtual = true;
        changed.invalidationState = "hard";
        model.upsert(changed);
        QTRY_COMPARE(requested.size(), 2);
        follower->setInspection(counter,
                                inspection(counter, {"client", "ssr", "worker"}, "edited"));
        QCOMPARE(inspector.sourceText("worker"), QString("edited"));
        QCOMPARE(inspector.currentEnvironment(), QString("worker"));
        // The same row again: nothing to refresh.
        model.upsert(changed);
        QTest::qWait(100);
        QCOMPARE(requested.size(), 2);
        // An optimizer run may move the browserHash its imports reference.
        journal.append(makeEvent("optimizer-run", "client",
                                 {{"oldBrowserHash", "abc123"}, {"newBrowserHash", "fff000"}}));
        QTRY_COMPARE(requested.size(), 3);
        // An answer for another file (an older request) is dropped.
        follower->setInspection("/app/src/other.ts", inspection("/app/src/other.ts", {"client"}));
        QCOMPARE(inspector.environments(), (QStringList{"client", "ssr", "worker"}));

        // Several modules: the chooser lists them; choosing one inspects it.
        selection.select({{"worker", "/app/src/actions.ts"}, {"worker", "/app/src/App.tsx"}});
        QVERIFY(inspector.moduleChooser()->isVisibleTo(&inspector));
        QCOMPARE(inspector.moduleChooser()->count(), 2);
        QCOMPARE(requested.last().at(0).toString(), QString("/app/src/actions.ts"));
        emit inspector.moduleChooser()->activated(1);
        QCOMPARE(selection.current(), (ModuleRef{"worker", "/app/src/App.tsx"}));
        QCOMPARE(requested.last().at(0).toString(), QString("/app/src/App.tsx"));

        // A virtual module is inspected by its id.
        ModuleRow workers = test::moduleRow("worker", "virtual:cloudflare:workers");
        workers.isVirtual = true;
        model.upsert(workers);
        selection.select({{"worker", "virtual:cloudflare:workers"}});
        QCOMPARE(requested.last().at(0).toString(), QString("virtual:cloudflare:workers"));
        QVERIFY(!inspector.moduleChooser()->isVisibleTo(&inspector));

        // A module the dev server's graphs do not hold (a test file selected
        // in the test run's graph) is not handed to the engine to transform.
        const int asked = int(requested.size());
        selection.select({{"worker", "/app/src/worker.test.ts"}});
        QCOMPARE(requested.size(), asked);
        QVERIFY(inspector.environments().isEmpty());
        QVERIFY2(inspector.title().contains("not in the dev server's module graphs"),
                 qPrintable(inspector.title()));

        // Nothing selected: the inspector clears.
        selection.clear();
        QVERIFY(inspector.environments().isEmpty());
    }
};

QTEST_MAIN(TestModuleSelection)
#include "tst_module_selection.moc"
