// The module graph view: Graphviz layout (layers, lanes), the filter proxy,
// the scene's live updates, search, focus, path queries, rendering.
#include "graph/moduleGraphModel.h"
#include "sampleGraph.h"
#include "views/graph/graphLayout.h"
#include "views/graph/moduleEdgeItem.h"
#include "views/graph/moduleGraphFilterModel.h"
#include "views/graph/moduleGraphQueries.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QAbstractItemModelTester>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace sy;

namespace {

using test::kBridged;
using test::kReact;
using test::kSsrReact;

ModuleRow row(const QString &env, const QString &id, const QStringList &imports = {})
{
    return test::moduleRow(env, id, imports);
}

void fill(ModuleGraphModel &model)
{
    test::fillSampleGraph(model);
}

bool waitForLayout(ModuleGraphScene *scene)
{
    QSignalSpy spy(scene, &ModuleGraphScene::layoutApplied);
    scene->relayoutNow();
    return spy.wait(10000);
}

} // namespace

class TestModuleGraphView : public QObject {
    Q_OBJECT
private slots:
    void layoutIsLayered()
    {
        GraphLayoutInput input;
        for (const char *id : {"a", "b", "c", "d"})
            input.nodes.push_back({id, id, 0, QSizeF(100, 30)});
        input.edges = {{0, 1}, {0, 2}, {1, 3}, {2, 3}};
        const GraphLayoutResult r = layoutGraph(input);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.positions.size(), 4);
        for (int i = 0; i < 4; ++i)
            for (int j = i + 1; j < 4; ++j)
                QVERIFY(r.positions[i] != r.positions[j]);
        QVERIFY(r.positions[0].y() < r.positions[1].y()); // importer above import
        QVERIFY(r.positions[0].y() < r.positions[2].y());
        QVERIFY(r.positions[1].y() < r.positions[3].y());
        QCOMPARE(r.positions[1].y(), r.positions[2].y()); // same layer
        QCOMPARE(r.edgePaths.size(), 4);
        QVERIFY(r.edgePaths[0].size() >= 4); // routed spline
        QVERIFY(r.bounds.contains(r.positions[3]));
    }

    void lanesAreBands()
    {
        GraphLayoutInput input;
        input.lanes = true;
        for (int lane = 0; lane < 3; ++lane)
            for (int i = 0; i < 4; ++i)
                input.nodes.push_back({QString("n%1_%2").arg(lane).arg(i), "x", lane});
        for (int lane = 0; lane < 3; ++lane)
            for (int i = 0; i < 3; ++i)
                input.edges.push_back({lane * 4, lane * 4 + i + 1});
        input.edges.push_back({2 * 4 + 1, 1 * 4 + 1, LayoutEdgeKind::Twin});
        const GraphLayoutResult r = layoutGraph(input);
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.laneRects.size(), 3);
        for (int lane = 0; lane < 3; ++lane) {
            for (int i = 0; i < 4; ++i) {
                const QPointF p = r.positions[lane * 4 + i];
                QVERIFY(r.laneRects[lane].contains(p));
                for (int other = 0; other < 3; ++other)
                    if (other != lane)
                        QVERIFY(!r.laneRects[other].contains(p));
            }
        }
        QVERIFY(r.laneRects[0].right() < r.laneRects[1].left());
        QVERIFY(r.laneRects[1].right() < r.laneRects[2].left());
        // The twin link joins the two lanes with a straight segment.
        const QPolygonF twin = r.edgePaths.last();
        QCOMPARE(twin.size(), 2);
        QCOMPARE(twin.first(), r.positions[9]);
        QCOMPARE(twin.last(), r.positions[5]);
    }

    void layoutRunsOffTheUiThread()
    {
        GraphLayoutInput input;
        input.nodes = {{"a", "a", 0}, {"b", "b", 0}};
        input.edges = {{0, 1}};
        QObject context;
        bool done = false;
        QThread *uiThread = QThread::currentThread();
        layoutAsync(input, &context, [&](const GraphLayoutResult &r) {
            QCOMPARE(QThread::currentThread(), uiThread);
            QCOMPARE(r.positions.size(), 2);
            done = true;
        });
        QTRY_VERIFY(done);
    }

    void filterModel()
    {
        ModuleGraphModel model;
        ModuleGraphFilterModel filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        fill(model);
        QCOMPARE(filter.rowCount(), 10);
        filter.setHideNodeModules(true);
        QCOMPARE(filter.rowCount(), 8);
        filter.setHideNodeModules(false);
        filter.setOnlyOptimizedDeps(true);
        QCOMPARE(filter.rowCount(), 2);
        filter.setOnlyOptimizedDeps(false);
        filter.setOnlyDirectives(true);
        QCOMPARE(filter.rowCount(), 3);
        filter.setEnvironment("worker");
        QCOMPARE(filter.rowCount(), 1);
        filter.setOnlyDirectives(false);
        QCOMPARE(filter.rowCount(), 5);
        // Live rows go through the filter too.
        model.upsert(row("worker", "/app/src/new.ts"));
        model.upsert(row("client", "/app/src/new.ts"));
        QCOMPARE(filter.rowCount(), 6);
        model.remove("worker", "/app/src/new.ts");
        QCOMPARE(filter.rowCount(), 5);
        filter.setEnvironment({});
        filter.setFocus("worker", "/app/src/App.tsx", 1);
        QCOMPARE(filter.rowCount(), 4); // worker, App, actions, bridged
        filter.clearFocus();
        QCOMPARE(filter.rowCount(), 11);
    }

    void viewShowsOneItemPerRow()
    {
        ModuleGraphModel model;
        fill(model);
        ModuleGraphView view;
        view.setModel(&model);
        ModuleGraphScene *scene = view.graphScene();
        QCOMPARE(scene->nodeCount(), model.rowCount());
        // 6 imports + 1 twin link.
        QCOMPARE(scene->edgeCount(), 7);
        int twins = 0;
        for (QGraphicsItem *item : scene->items())
            if (auto *edge = qgraphicsitem_cast<ModuleEdgeItem *>(item))
                twins += edge->kind() == ModuleEdgeKind::Twin;
        QCOMPARE(twins, 1);
        ModuleNodeItem *react = scene->node("client", kReact);
        QVERIFY(react);
        QVERIFY(react->badges().contains("dep abc123"));
        QVERIFY(scene->node("worker", kBridged)->badges().contains("virtual"));
        QVERIFY(scene->node("worker", "/app/src/actions.ts")->badges().contains("use server"));
        QVERIFY(scene->node("ssr", "/app/src/Counter.tsx")->badges().contains("use client"));
    }

    void frameworkModulesAreNamedForPeople()
    {
        // The model's display name and role label (from the engine's
        // FrameworkProfile, never guessed by the view): the node shows the name
        // people know ("rwsdk/__ssr_bridge") and its role as a badge; the
        // tooltip adds the directive transform. Updates follow the row.
        ModuleGraphModel model;
        fill(model);
        const QString bridgeId = QStringLiteral(
            "virtual:switchyard:ssr:/app/.switchyard/deps_ssr/rwsdk___ssr_bridge.js");
        ModuleRow bridge = row("worker", bridgeId);
        bridge.isVirtual = true;
        bridge.role = "ssr-bridge";
        bridge.displayName = "rwsdk/__ssr_bridge";
        model.upsert(bridge);
        ModuleRow counter = row("worker", kBridged);
        counter.isVirtual = true;
        counter.directiveTransform = "ssr-module";
        model.upsert(counter);
        ModuleGraphView view;
        view.setModel(&model);
        ModuleGraphScene *scene = view.graphScene();
        ModuleNodeItem *node = scene->node("worker", bridgeId);
        QVERIFY(node);
        QCOMPARE(node->label(), QStringLiteral("rwsdk/__ssr_bridge"));
        QVERIFY(node->badges().contains("SSR bridge"));
        QVERIFY(node->toolTip().contains(bridgeId));
        QVERIFY(node->toolTip().contains("SSR bridge: rwsdk/__ssr_bridge"));
        ModuleNodeItem *plain = scene->node("worker", kBridged);
        // The worker's bridged copy of an ssr module says so (the worker's own
        // Counter.tsx would be "Counter.tsx").
        QCOMPARE(plain->label(), QStringLiteral("ssr:Counter.tsx"));
        QVERIFY(!plain->badges().contains("SSR bridge"));
        QVERIFY(plain->toolTip().contains("Directive transform: SSR module"));
        bridge.role = "client-lookup";
        bridge.displayName = "virtual:use-client-lookup.js";
        model.upsert(bridge);
        QCOMPARE(node->label(), QStringLiteral("use-client-lookup.js")); // by its name
        QVERIFY(node->badges().contains("client lookup"));
        // Found by that name too.
        bridge.role = "request-state";
        bridge.displayName = "rwsdk/__state";
        model.upsert(bridge);
        QVERIFY(view.search("rwsdk/__state"));
        QCOMPARE(scene->selectedItems().size(), 1);
        QCOMPARE(scene->selectedItems().first(), node);
    }

    void moduleTypesAreMarked()
    {
        // A JSON module, an asset and a wasm module carry their type as a tag
        // (and stripe); JavaScript modules carry none. Updates follow the row.
        ModuleGraphModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        fill(model);
        ModuleRow json = row("client", "/app/src/data.json");
        json.type = "json";
        model.upsert(json);
        ModuleRow wasm = row("worker", "/app/src/add.wasm");
        wasm.type = "wasm";
        model.upsert(wasm);
        ModuleGraphView view;
        view.setModel(&model);
        ModuleGraphScene *scene = view.graphScene();
        QCOMPARE(scene->node("client", "/app/src/data.json")->typeTag(), QString("json"));
        QCOMPARE(scene->node("worker", "/app/src/add.wasm")->typeTag(), QString("wasm"));
        QCOMPARE(scene->node("client", "/app/src/main.tsx")->typeTag(), QString());
        QVERIFY(moduleTypeColor("json") != moduleTypeColor("wasm"));
        json.type = "raw";
        model.upsert(json);
        QCOMPARE(scene->node("client", "/app/src/data.json")->typeTag(), QString("raw"));
        // The tag is drawn: the node's pixels differ from a js node's.
        auto render = [&](const QString &type) {
            ModuleNodeState state;
            state.environment = "client";
            state.id = "/app/src/x.json";
            state.moduleType = type;
            ModuleNodeItem item(state);
            QGraphicsScene s;
            s.addItem(&item);
            QImage image(200, 60, QImage::Format_ARGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            s.render(&painter, QRectF(0, 0, 200, 60), item.sceneBoundingRect());
            painter.end();
            s.removeItem(&item);
            return image;
        };
        QVERIFY(render("json") != render("js"));
    }

    void liveUpdatesInPlace()
    {
        ModuleGraphModel model;
        fill(model);
        ModuleGraphView view;
        view.setModel(&model);
        ModuleGraphScene *scene = view.graphScene();
        QVERIFY(waitForLayout(scene));
        ModuleNodeItem *app = scene->node("worker", "/app/src/App.tsx");
        const QPointF appPos = app->pos();

        // A stale row: same item, new badge.
        ModuleRow stale = row("worker", "/app/src/App.tsx", {"/app/src/actions.ts", kBridged});
        stale.stale = true;
        model.upsert(stale);
        QCOMPARE(scene->node("worker", "/app/src/App.tsx"), app);
        QVERIFY(app->state().stale);
        QCOMPARE(app->badges().first(), QString("STALE"));
        QCOMPARE(app->pos(), appPos);

        // An invalidated row.
        ModuleRow soft = row("worker", "/app/src/actions.ts");
        soft.directives = {"use server"};
        soft.invalidationState = "soft";
        model.upsert(soft);
        QVERIFY(scene->node("worker", "/app/src/actions.ts")->badges().contains("invalidated"));

        // A new import: the new node appears near its importer at once.
        stale.imports << "/app/src/fresh.ts";
        model.upsert(stale);
        model.upsert(row("worker", "/app/src/fresh.ts"));
        ModuleNodeItem *fresh = scene->node("worker", "/app/src/fresh.ts");
        QVERIFY(fresh);
        QCOMPARE(scene->edgeCount(), 8);
        QVERIFY(QLineF(fresh->pos(), app->pos()).length() < 400);
        QVERIFY(fresh->pos().y() > app->pos().y());
        QVERIFY(scene->layoutPending()); // debounced re-layout on its way

        // Removal drops the item and its edges.
        model.remove("worker", "/app/src/fresh.ts");
        QVERIFY(!scene->node("worker", "/app/src/fresh.ts"));
        QCOMPARE(scene->edgeCount(), 7);
        model.remove("ssr", "/app/src/Counter.tsx"); // twin link and its import go
        QCOMPARE(scene->nodeCount(), model.rowCount());
        QCOMPARE(scene->edgeCount(), 5);
        // The twin reappears with its link when the row comes back.
        model.upsert(row("ssr", "/app/src/Counter.tsx", {kSsrReact}));
        QCOMPARE(scene->edgeCount(), 7);
    }

    void layoutAppliesLayers()
    {
        ModuleGraphModel model;
        fill(model);
        ModuleGraphView view;
        view.setLanes(true);
        view.setModel(&model);
        ModuleGraphScene *scene = view.graphScene();
        QVERIFY(waitForLayout(scene));
        QVERIFY(scene->node("worker", "/app/src/worker.tsx")->pos().y() <
                scene->node("worker", "/app/src/App.tsx")->pos().y());
        QVERIFY(scene->node("client", "/app/src/main.tsx")->pos().x() <
                scene->node("ssr", "/app/src/Counter.tsx")->pos().x());
        QVERIFY(scene->node("ssr", "/app/src/Counter.tsx")->pos().x() <
                scene->node("worker", "/app/src/App.tsx")->pos().x());
        QCOMPARE(scene->laneRects().size(), 3);
        QRectF nodes;
        for (ModuleNodeItem *node : scene->nodes())
            nodes |= node->sceneBoundingRect();
        QCOMPARE(scene->nodesBoundingRect(), nodes);
    }

    void slicedLayoutLaysEveryEdge()
    {
        ModuleGraphModel model;
        fill(model);
        ModuleGraphView view;
        view.setModel(&model);
        ModuleGraphScene *scene = view.graphScene();
        scene->setAnimationLimit(0); // apply in slices, as a big graph does
        QVERIFY(waitForLayout(scene));
        ModuleNodeItem *lonely = scene->node("worker", "/app/src/lonely.ts");
        ModuleNodeItem *actions = scene->node("worker", "/app/src/actions.ts");
        const QPointF lonelyAt = lonely->pos(), actionsAt = actions->pos();

        // Nodes pushed away, a layout started, then an import it does not
        // know: the nodes go back, and the new edge must follow them.
        lonely->setPos(lonelyAt + QPointF(3000, 3000));
        actions->setPos(actionsAt + QPointF(-3000, 3000));
        QSignalSpy applied(scene, &ModuleGraphScene::layoutApplied);
        scene->relayoutNow();
        model.upsert(row("worker", "/app/src/lonely.ts", {"/app/src/actions.ts"}));
        QVERIFY(applied.wait(10000));
        QCOMPARE(lonely->pos(), lonelyAt);
        QCOMPARE(actions->pos(), actionsAt);
        for (ModuleNodeItem *node : scene->nodes())
            for (ModuleEdgeItem *edge : node->edges()) {
                if (edge->kind() != ModuleEdgeKind::Import || edge->source() != node)
                    continue;
                // Every import edge runs from its source's box to its target's.
                const QPainterPath path = edge->path();
                const QRectF from = edge->source()->sceneBoundingRect().adjusted(-2, -2, 2, 2);
                const QRectF to = edge->target()->sceneBoundingRect().adjusted(-2, -2, 2, 2);
                QVERIFY2(from.contains(path.pointAtPercent(0)) &&
                             to.contains(path.pointAtPercent(1)),
                         qPrintable(edge->source()->key() + " -> " + edge->target()->key()));
            }
    }

    void searchSelects()
    {
        ModuleGraphModel model;
        fill(model);
        ModuleGraphView view;
        view.setModel(&model);
        QVERIFY(view.search("actions.ts"));
        const QList<QGraphicsItem *> selected = view.graphScene()->selectedItems();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(static_cast<ModuleNodeItem *>(selected.first())->state().id,
                 QString("/app/src/actions.ts"));
        QVERIFY(!view.search("nothing-like-this"));
    }

    void focusHidesUnrelated()
    {
        ModuleGraphModel model;
        fill(model);
        ModuleGraphView view;
        view.setModel(&model);
        view.focusOn("client", "/app/src/Counter.tsx", 1);
        ModuleGraphScene *scene = view.graphScene();
        QCOMPARE(scene->nodeCount(), 3);
        QVERIFY(scene->node("client", "/app/src/main.tsx"));
        QVERIFY(scene->node("client", kReact));
        QVERIFY(!scene->node("worker", "/app/src/lonely.ts"));
        QCOMPARE(scene->edgeCount(), 2);
        view.clearFocus();
        QCOMPARE(scene->nodeCount(), model.rowCount());
        QCOMPARE(scene->edgeCount(), 7);
    }

    void pathQuery()
    {
        ModuleGraphModel model;
        fill(model);
        const ModuleGraphIndex index = ModuleGraphIndex::fromModel(&model);
        const QStringList expected{"/app/src/worker.tsx", "/app/src/App.tsx", kBridged};
        QCOMPARE(importChain(index, "worker", "/app/src/worker.tsx", kBridged), expected);
        QCOMPARE(whyIncluded(index, "worker", kBridged), expected);
        QVERIFY(importChain(index, "worker", "/app/src/App.tsx", "/app/src/worker.tsx").isEmpty());
        QCOMPARE(whyIncluded(index, "client", kReact),
                 QStringList({"/app/src/main.tsx", "/app/src/Counter.tsx", kReact}));

        ModuleGraphView view;
        view.setModel(&model);
        QCOMPARE(view.showWhyIncluded("worker", kBridged), expected);
        QCOMPARE(view.graphScene()->selectedItems().size(), 3);
    }

    void edgesShowWhenLaidOutAndNotFarOut()
    {
        ModuleGraphModel model;
        fill(model);
        ModuleGraphView view;
        view.setLanes(true);
        view.setModel(&model);
        ModuleGraphScene *scene = view.graphScene();
        // Pixels of a colour in the scene rendered at `scale`, unantialiased.
        auto count = [scene](qreal scale, QRgb colour) {
            const QRectF bounds = scene->itemsBoundingRect();
            QImage image((bounds.size() * scale).toSize() + QSize(2, 2), QImage::Format_RGB32);
            image.fill(Qt::white);
            QPainter painter(&image);
            scene->render(&painter, QRectF(QPointF(1, 1), bounds.size() * scale), bounds);
            painter.end();
            int n = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    n += (image.pixel(x, y) & 0xffffff) == (colour & 0xffffff);
            return n;
        };
        const QRgb importEdge = 0x94a3b8, highlight = 0x1d4ed8;
        // Before the first layout the nodes sit in rows: no edges yet.
        QCOMPARE(count(1.0, importEdge), 0);
        QVERIFY(waitForLayout(scene));
        QVERIFY(count(1.0, importEdge) > 0);
        QCOMPARE(count(0.15, importEdge), 0); // far out: no edges

        const QStringList chain = view.showWhyIncluded("worker", kBridged);
        QCOMPARE(chain.size(), 3);
        const int withChain = count(0.15, highlight);
        scene->clearChain(); // the same nodes stay selected
        QCOMPARE(scene->selectedItems().size(), 3);
        QVERIFY2(withChain > count(0.15, highlight), "the chain's edges are drawn far out");

        // The view zoomed far out hides the edges at once (here rendered at
        // 1:1 to see that the scene, not the scale, left them out); a
        // highlighted chain stays.
        view.showWhyIncluded("worker", kBridged);
        view.zoomBy(0.05);
        QVERIFY(!scene->edgesShown());
        QCOMPARE(count(1.0, importEdge), 0);
        const int chainShown = count(1.0, highlight);
        scene->clearChain(); // its edges go back to the hidden ones
        QVERIFY(chainShown > count(1.0, highlight));
        view.zoomBy(20);
        QVERIFY(scene->edgesShown());
        QVERIFY(count(1.0, importEdge) > 0);
    }

    void grabIsNotBlank()
    {
        ModuleGraphModel model;
        fill(model);
        ModuleGraphView view;
        view.resize(900, 600);
        view.setLanes(true);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(waitForLayout(view.graphScene()));
        const QImage image = view.grab().toImage();
        QVERIFY(!image.isNull());
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 5, qPrintable(QString::number(colours.size())));
    }
};

QTEST_MAIN(TestModuleGraphView)
#include "tst_module_graph_view.moc"
