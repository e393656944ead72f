// The graph control bar, driven like a user does (combo box, tool buttons,
// the search field, the depth spin box) over the sample graph: the
// environment choice, filters, search, focus depth and "why is this here?"
// with its highlighted chain.
#include "graph/moduleGraphModel.h"
#include "sampleGraph.h"
#include "views/graph/moduleEdgeItem.h"
#include "views/graph/moduleGraphControlBar.h"
#include "views/graph/moduleGraphFilterModel.h"
#include "views/graph/moduleGraphQueries.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

using namespace sy;
using test::kBridged;
using test::kReact;
using test::kSsrReact;

namespace {

/// The bar over a view of the sample graph, shown like the dashboard does.
struct Fixture {
    ModuleGraphModel model;
    QWidget window;
    ModuleGraphView *view = new ModuleGraphView;
    ModuleGraphControlBar *bar = new ModuleGraphControlBar(view);
    std::unique_ptr<QAbstractItemModelTester> tester;

    Fixture()
    {
        test::fillSampleGraph(model);
        view->setLanes(true);
        view->setModel(&model);
        tester = std::make_unique<QAbstractItemModelTester>(
            view->filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(bar);
        layout->addWidget(view);
        window.resize(1000, 700);
        window.show();
    }

    ModuleGraphScene *scene() const { return view->graphScene(); }
    template <typename T> T *child(const char *name) const
    {
        T *w = bar->findChild<T *>(QString::fromLatin1(name));
        Q_ASSERT(w);
        return w;
    }
    QToolButton *button(const char *name) const { return child<QToolButton>(name); }
    void click(const char *name) const { QTest::mouseClick(button(name), Qt::LeftButton); }
    /// A filter of the Filters menu, toggled as a click on it does.
    QAction *filter(const char *name) const { return child<QAction>(name); }
    void toggle(const char *name) const { filter(name)->trigger(); }

    /// Keys of the nodes the scene shows.
    QSet<QString> shown() const
    {
        QSet<QString> keys;
        for (ModuleNodeItem *node : scene()->nodes())
            keys.insert(node->key());
        return keys;
    }
    QSet<QString> selected() const
    {
        QSet<QString> keys;
        for (QGraphicsItem *item : scene()->selectedItems())
            if (auto *node = qgraphicsitem_cast<ModuleNodeItem *>(item))
                keys.insert(node->key());
        return keys;
    }
    /// Highlighted edges as "source -> target" keys.
    QSet<QString> highlightedEdges() const
    {
        QSet<QString> edges;
        for (QGraphicsItem *item : scene()->items())
            if (auto *edge = qgraphicsitem_cast<ModuleEdgeItem *>(item))
                if (edge->isHighlighted())
                    edges.insert(edge->source()->key() + " -> " + edge->target()->key());
        return edges;
    }
    void select(const QString &environment, const QString &id) const
    {
        scene()->selectKeys({moduleKey(environment, id)});
    }
};

QString edge(const QString &env, const QString &from, const QString &to)
{
    return moduleKey(env, from) + " -> " + moduleKey(env, to);
}

} // namespace

class TestModuleGraphControlBar : public QObject {
    Q_OBJECT
private slots:
    void environmentChoice()
    {
        Fixture f;
        QCOMPARE(f.scene()->nodeCount(), 10);
        QVERIFY(f.scene()->lanes());
        auto *environment = f.child<QComboBox>("graphEnvironment");
        QCOMPARE(environment->count(), 4);

        environment->setCurrentIndex(environment->findText("ssr"));
        QCOMPARE(f.shown(), (QSet<QString>{moduleKey("ssr", "/app/src/Counter.tsx"),
                                           moduleKey("ssr", kSsrReact)}));
        QVERIFY(!f.scene()->lanes()); // one graph
        QCOMPARE(f.view->filterModel()->environment(), QString("ssr"));

        environment->setCurrentIndex(environment->findText("worker"));
        QCOMPARE(f.scene()->nodeCount(), 5);
        for (ModuleNodeItem *node : f.scene()->nodes())
            QCOMPARE(node->state().environment, QString("worker"));

        environment->setCurrentIndex(0); // all three, in lanes
        QCOMPARE(f.scene()->nodeCount(), 10);
        QVERIFY(f.scene()->lanes());
    }

    void filtersHideNodes()
    {
        Fixture f;
        QCOMPARE(f.button("graphFilters")->text(), QString("Filters"));
        f.toggle("graphHideDeps");
        QCOMPARE(f.scene()->nodeCount(), 8);
        QCOMPARE(f.button("graphFilters")->text(), QString("Filters (1)"));
        QVERIFY(!f.scene()->node("client", kReact));
        QVERIFY(!f.scene()->node("ssr", kSsrReact));
        QVERIFY(f.scene()->node("client", "/app/src/Counter.tsx"));

        // Only deps: excludes hiding them, so that one goes off.
        f.toggle("graphOnlyOptimized");
        QVERIFY(!f.filter("graphHideDeps")->isChecked());
        QCOMPARE(f.shown(),
                 (QSet<QString>{moduleKey("client", kReact), moduleKey("ssr", kSsrReact)}));

        f.toggle("graphOnlyOptimized");
        f.toggle("graphOnlyDirectives");
        QCOMPARE(f.shown(), (QSet<QString>{moduleKey("client", "/app/src/Counter.tsx"),
                                           moduleKey("ssr", "/app/src/Counter.tsx"),
                                           moduleKey("worker", "/app/src/actions.ts")}));
        // Filters combine with the environment.
        auto *environment = f.child<QComboBox>("graphEnvironment");
        environment->setCurrentIndex(environment->findText("worker"));
        QCOMPARE(f.shown(), (QSet<QString>{moduleKey("worker", "/app/src/actions.ts")}));

        f.toggle("graphOnlyDirectives");
        environment->setCurrentIndex(0);
        QCOMPARE(f.scene()->nodeCount(), 10);
    }

    void searchSelectsOrSaysNoMatch()
    {
        Fixture f;
        auto *search = f.child<QLineEdit>("graphSearch");
        QTest::keyClicks(search, "actions.ts");
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(f.selected(), (QSet<QString>{moduleKey("worker", "/app/src/actions.ts")}));
        QCOMPARE(f.bar->currentId(), QString("/app/src/actions.ts"));
        QVERIFY2(f.bar->message().contains("actions.ts"), qPrintable(f.bar->message()));

        search->clear();
        QTest::keyClicks(search, "no-such-module");
        QTest::keyClick(search, Qt::Key_Return);
        QVERIFY2(f.bar->message().contains("no-such-module"), qPrintable(f.bar->message()));
        QCOMPARE(f.bar->currentId(), QString("/app/src/actions.ts")); // selection kept
    }

    void focusDepthLimitsTheVisibleSet()
    {
        Fixture f;
        QVERIFY(!f.button("graphFocus")->isEnabled()); // nothing selected yet
        QVERIFY(!f.button("graphClearFocus")->isEnabled());
        f.select("worker", "/app/src/worker.tsx");
        QVERIFY(f.button("graphFocus")->isEnabled());

        auto *depth = f.child<QSpinBox>("graphFocusDepth");
        depth->setValue(1);
        f.click("graphFocus");
        QCOMPARE(f.shown(), (QSet<QString>{moduleKey("worker", "/app/src/worker.tsx"),
                                           moduleKey("worker", "/app/src/App.tsx")}));
        QVERIFY(f.button("graphClearFocus")->isEnabled());

        // A deeper focus follows the spin box at once.
        depth->setValue(2);
        QCOMPARE(f.shown(), (QSet<QString>{moduleKey("worker", "/app/src/worker.tsx"),
                                           moduleKey("worker", "/app/src/App.tsx"),
                                           moduleKey("worker", "/app/src/actions.ts"),
                                           moduleKey("worker", kBridged)}));

        // Only shown modules can be selected: Counter is outside this focus,
        // so nothing is selected and there is nothing to focus on.
        f.select("client", "/app/src/Counter.tsx");
        QVERIFY(f.selected().isEmpty());
        QVERIFY(f.bar->currentId().isEmpty());
        QVERIFY(!f.button("graphFocus")->isEnabled());
        f.click("graphClearFocus");
        QCOMPARE(f.scene()->nodeCount(), 10);

        // Both ways: Counter's importer and import, one level.
        depth->setValue(1);
        f.select("client", "/app/src/Counter.tsx");
        f.click("graphFocus");
        QCOMPARE(f.shown(), (QSet<QString>{moduleKey("client", "/app/src/main.tsx"),
                                           moduleKey("client", "/app/src/Counter.tsx"),
                                           moduleKey("client", kReact)}));

        f.click("graphClearFocus");
        QCOMPARE(f.scene()->nodeCount(), 10);
        QVERIFY(!f.button("graphClearFocus")->isEnabled());
    }

    void whyHighlightsTheChain()
    {
        Fixture f;
        f.select("worker", kBridged);
        f.click("graphWhy");
        QCOMPARE(f.selected(), (QSet<QString>{moduleKey("worker", "/app/src/worker.tsx"),
                                              moduleKey("worker", "/app/src/App.tsx"),
                                              moduleKey("worker", kBridged)}));
        QCOMPARE(f.highlightedEdges(),
                 (QSet<QString>{edge("worker", "/app/src/worker.tsx", "/app/src/App.tsx"),
                                edge("worker", "/app/src/App.tsx", kBridged)}));
        QVERIFY2(f.bar->message().contains(QString::fromUtf8("worker.tsx → App.tsx → Counter.tsx")),
                 qPrintable(f.bar->message()));
        QCOMPARE(f.bar->currentId(), kBridged); // still the module asked about

        // Selecting something else ends the highlight.
        f.select("worker", "/app/src/actions.ts");
        QVERIFY(f.highlightedEdges().isEmpty());
        QVERIFY(f.scene()->highlightedChain().isEmpty());
    }

    void whyRunsThroughHiddenModules()
    {
        Fixture f;
        f.toggle("graphOnlyDirectives"); // main.tsx is hidden
        QVERIFY(!f.scene()->node("client", "/app/src/main.tsx"));
        f.select("client", "/app/src/Counter.tsx");
        f.click("graphWhy");
        QVERIFY2(f.bar->message().contains(QString::fromUtf8("main.tsx → Counter.tsx")),
                 qPrintable(f.bar->message()));
        QCOMPARE(f.selected(), (QSet<QString>{moduleKey("client", "/app/src/Counter.tsx")}));
        // Lifting the filter brings main.tsx back into the highlighted chain.
        f.toggle("graphOnlyDirectives");
        QCOMPARE(f.selected(), (QSet<QString>{moduleKey("client", "/app/src/main.tsx"),
                                              moduleKey("client", "/app/src/Counter.tsx")}));
        QCOMPARE(f.highlightedEdges(),
                 (QSet<QString>{edge("client", "/app/src/main.tsx", "/app/src/Counter.tsx")}));
    }

    void whyForAnEntryAndACycle()
    {
        Fixture f;
        f.select("worker", "/app/src/lonely.ts");
        f.click("graphWhy");
        QVERIFY2(f.bar->message().contains("entry"), qPrintable(f.bar->message()));
        QCOMPARE(f.selected(), (QSet<QString>{moduleKey("worker", "/app/src/lonely.ts")}));

        // Two modules importing each other, imported by no entry.
        f.model.upsert(test::moduleRow("client", "/app/src/a.ts", {"/app/src/b.ts"}));
        f.model.upsert(test::moduleRow("client", "/app/src/b.ts", {"/app/src/a.ts"}));
        f.select("client", "/app/src/a.ts");
        f.click("graphWhy");
        QVERIFY2(f.bar->message().contains("cycle"), qPrintable(f.bar->message()));
        QCOMPARE(f.selected(), (QSet<QString>{moduleKey("client", "/app/src/a.ts")}));
        QVERIFY(f.highlightedEdges().isEmpty());
    }

    void fitShowsEverything()
    {
        Fixture f;
        f.view->zoomBy(6);
        const QRectF items = f.scene()->itemsBoundingRect();
        QVERIFY(!f.view->mapToScene(f.view->viewport()->rect()).boundingRect().contains(items));
        f.click("graphFit");
        const QRectF visible = f.view->mapToScene(f.view->viewport()->rect()).boundingRect();
        QVERIFY(visible.adjusted(-1, -1, 1, 1).contains(items));
    }
};

QTEST_MAIN(TestModuleGraphControlBar)
#include "tst_module_graph_control_bar.moc"
