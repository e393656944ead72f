// The graph's far-out labels (GraphLabelPlacement, ModuleGraphScene's
// foreground): a crowded small graph still labels every node readably and
// without overlaps; the placement is made once and reused by partial
// repaints until something that changes labels happens; in a big graph the
// nodes without a label change nothing; a scroll leaves nothing stale, a
// removed node's label is repainted away.
#include "graph/moduleGraphModel.h"
#include "sampleGraph.h"
#include "views/graph/graphLabelPlacement.h"
#include "views/graph/graphPalette.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QGraphicsScene>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace sy;

namespace {

/// Nodes on a tight grid (scene px), named like same-named files told apart.
std::vector<std::unique_ptr<ModuleNodeItem>> gridOfNodes(int cols, int rows)
{
    std::vector<std::unique_ptr<ModuleNodeItem>> nodes;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            ModuleNodeState s;
            s.environment = QStringLiteral("worker");
            s.id = QStringLiteral("/app/src/app/part%1/visitors/actions%2.ts").arg(r).arg(c);
            auto node = std::make_unique<ModuleNodeItem>(s);
            node->setLabel(QStringLiteral("visitors/actions%1.ts").arg(c));
            node->setPos(c * 200, r * 48);
            nodes.push_back(std::move(node));
        }
    return nodes;
}

QVector<LabelCandidate> candidatesOf(const std::vector<std::unique_ptr<ModuleNodeItem>> &nodes)
{
    QVector<LabelCandidate> out;
    for (const auto &node : nodes)
        out.push_back({node.get(), 3});
    return out;
}

GraphLabelPlacement::Key keyAt(qreal scale, const QPointF &shift, quint64 generation = 1)
{
    QFont font;
    font.setPixelSize(10);
    QTransform t;
    t.translate(shift.x(), shift.y());
    t.scale(scale, scale);
    return {t, QSize(600, 300), font, generation};
}

} // namespace

class TestGraphLabels : public QObject {
    Q_OBJECT
private slots:
    void aCrowdedSmallGraphLabelsEveryNode()
    {
        // 8 x 5 nodes 50 px apart and 12 px between rows on screen: a chip
        // (~14 px high) on each node would overlap the rows above and below.
        auto nodes = gridOfNodes(8, 5);
        GraphLabelPlacement placement;
        const auto key = keyAt(0.25, QPointF(80, 100));
        placement.place(key, candidatesOf(nodes), true);
        const QVector<GraphLabelPlacement::Label> &labels = placement.labels();
        QCOMPARE(labels.size(), qsizetype(nodes.size()));
        const QRectF viewport(QPointF(0, 0), QSizeF(key.viewport));
        for (qsizetype i = 0; i < labels.size(); ++i) {
            QVERIFY(viewport.contains(labels[i].chip));
            QVERIFY2(labels[i].text.size() >= 4, qPrintable(labels[i].text));
            for (qsizetype j = i + 1; j < labels.size(); ++j)
                QVERIFY2(!labels[i].chip.intersects(labels[j].chip),
                         qPrintable(labels[i].text + " / " + labels[j].text));
        }
        // Drawing notes each label on its node, at the placement's font size.
        QImage image(key.viewport, QImage::Format_ARGB32);
        QPainter painter(&image);
        placement.draw(&painter, QRectF(0, 0, 10, 10), {});
        painter.end();
        for (const auto &node : nodes) {
            QCOMPARE(node->drawnLabelPixels(), 10.0);
            QVERIFY(node->drawnLabel().size() >= 4);
        }
        // Only the nodes that matter of a big graph try fewer places: some
        // of the same crowd go unlabelled, and say so.
        GraphLabelPlacement few;
        few.place(key, candidatesOf(nodes), false);
        QVERIFY(few.labels().size() < labels.size());
        int unlabelled = 0;
        for (const auto &node : nodes)
            unlabelled += node->drawnLabelPixels() == 0;
        QCOMPARE(unlabelled, int(labels.size() - few.labels().size()));
    }

    void aScrollLeavesNothingStaleAndARemovedLabelIsRepainted()
    {
        auto nodes = gridOfNodes(3, 2);
        GraphLabelPlacement placement;
        placement.place(keyAt(0.25, QPointF(200, 100)), candidatesOf(nodes), true);
        QVERIFY(placement.isCurrent(keyAt(0.25, QPointF(200, 100))));
        QVERIFY(!placement.isCurrent(keyAt(0.25, QPointF(210, 100))));
        QVERIFY(!placement.isCurrent(keyAt(0.25, QPointF(200, 100), 2)));
        // Scrolled by 10 px: the view moved the pixels; every chip moved with them.
        const QRegion scrolled =
            placement.place(keyAt(0.25, QPointF(210, 100)), candidatesOf(nodes), true);
        QVERIFY2(scrolled.isEmpty(), qPrintable(QString::number(scrolled.rectCount())));
        // A node removed: its old chip is stale, at its place on screen.
        const QRectF gone = placement.labels().constFirst().chip;
        ModuleNodeItem *first = placement.labels().constFirst().node;
        QVERIFY(placement.forget(first));
        QVERIFY(!placement.holds(first));
        QVector<LabelCandidate> rest = candidatesOf(nodes);
        rest.removeIf([&](const LabelCandidate &c) { return c.node == first; });
        const QRegion stale = placement.place(keyAt(0.25, QPointF(210, 100), 2), rest, true);
        QVERIFY(stale.contains(gone.center().toPoint()));
        QCOMPARE(placement.labels().size(), qsizetype(nodes.size() - 1));
        // A zoom repaints everything anyway: nothing to add.
        QVERIFY(placement.place(keyAt(0.2, QPointF(210, 100), 2), rest, true).isEmpty());
    }

    void partialRepaintsReuseThePlacement()
    {
        ModuleGraphModel model;
        test::fillSampleGraph(model);
        ModuleGraphView view;
        view.resize(500, 300);
        view.setModel(&model);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ModuleGraphScene *scene = view.graphScene();
        QSignalSpy applied(scene, &ModuleGraphScene::layoutApplied);
        QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty() && !scene->layoutPending(), 10000);
        view.setTransform(QTransform::fromScale(0.25, 0.25)); // far out: labels over the graph
        view.centerOn(scene->nodesBoundingRect().center());
        view.grab();
        const GraphLabelPlacement &placement = scene->labelPlacement();
        const quint64 placed = placement.placements();
        QVERIFY(placed > 0);
        ModuleNodeItem *app = scene->node("worker", "/app/src/App.tsx");
        QVERIFY(app);
        QVERIFY(app->drawnLabelPixels() >= 8);

        // A state that no label shows (stale): the same generation, and a
        // repaint of the node's area draws from the placement as it was.
        const quint64 generation = scene->labelGeneration();
        ModuleRow stale =
            test::moduleRow("worker", "/app/src/App.tsx", {"/app/src/actions.ts", test::kBridged});
        stale.stale = true;
        model.upsert(stale);
        QVERIFY(app->state().stale);
        QCOMPARE(scene->labelGeneration(), generation);
        const QRect area = view.mapFromScene(app->sceneBoundingRect()).boundingRect();
        view.viewport()->repaint(area);
        QCOMPARE(placement.placements(), placed);
        QVERIFY(app->drawnLabelPixels() >= 8);

        // Selecting changes labels (the selection is placed first): placed again.
        app->setSelected(true);
        QVERIFY(scene->labelGeneration() > generation);
        view.viewport()->repaint(area);
        QCOMPARE(placement.placements(), placed + 1);
        QVERIFY(app->drawnLabelPixels() >= 8);
        // So does a zoom (the transform), once.
        view.setTransform(QTransform::fromScale(0.24, 0.24));
        view.grab();
        QCOMPARE(placement.placements(), placed + 2);
        view.viewport()->repaint(area);
        QCOMPARE(placement.placements(), placed + 2);
    }

    void aBigGraphsUnlabelledNodesChangeNothing()
    {
        ModuleGraphModel model;
        ModuleGraphScene scene;
        scene.setModel(&model);
        const int n = ModuleGraphScene::kAllLabelsUpTo + 50;
        for (int i = 0; i < n; ++i)
            model.upsert(test::moduleRow("client", QStringLiteral("/app/src/m%1.tsx").arg(i)));
        QCOMPARE(scene.nodeCount(), n);
        const quint64 generation = scene.labelGeneration();
        // A plain module (no label far out) goes stale, moves, gets a
        // neighbour: nothing placed changes.
        ModuleRow row = test::moduleRow("client", QStringLiteral("/app/src/m7.tsx"));
        row.stale = true;
        model.upsert(row);
        scene.node("client", "/app/src/m7.tsx")->setPos(1000, 1000);
        model.upsert(test::moduleRow("client", QStringLiteral("/app/src/extra.tsx")));
        QCOMPARE(scene.labelGeneration(), generation);
        // Selected, it is labelled: a new generation.
        scene.node("client", "/app/src/m7.tsx")->setSelected(true);
        QVERIFY(scene.labelGeneration() > generation);
    }
};

QTEST_MAIN(TestGraphLabels)
#include "tst_graph_labels.moc"
