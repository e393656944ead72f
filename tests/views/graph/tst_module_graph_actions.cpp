// The graph's keys and context menu (ModuleGraphActions) on the sample graph:
// zoom in/out/fit, moving between neighbours with the arrow keys, Enter asks
// for the inspector (or expands a package), Escape clears; the context menu
// copies the id as Vite shows it and the path, focuses, explains, expands and
// collapses a package.
#include "graph/moduleGraphModel.h"
#include "sampleGraph.h"
#include "views/graph/moduleGraphActions.h"
#include "views/graph/moduleGraphFilterModel.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

using namespace sy;

namespace {
QAction *actionNamed(QMenu *menu, const char *name)
{
    for (QAction *a : menu->actions())
        if (a->objectName() == QLatin1String(name))
            return a;
    return nullptr;
}
} // namespace

class TestModuleGraphActions : public QObject {
    Q_OBJECT
private slots:
    void keysMoveZoomAndClear()
    {
        ModuleGraphModel model;
        test::fillSampleGraph(model);
        ModuleGraphView view;
        view.resize(1000, 700);
        view.setModel(&model);
        view.setLanes(true);
        auto *actions = new ModuleGraphActions(&view);
        view.show();
        ModuleGraphScene *scene = view.graphScene();
        QTRY_VERIFY_WITH_TIMEOUT(scene->nodeCount() == 10 && !scene->layoutPending(), 10000);

        scene->selectKeys({scene->node("worker", "/app/src/App.tsx")->key()});
        QTest::keyClick(&view, Qt::Key_Up); // its importer
        QCOMPARE(scene->selectedItems().size(), 1);
        auto selectedId = [&] {
            return qgraphicsitem_cast<ModuleNodeItem *>(scene->selectedItems().value(0))
                ->state()
                .id;
        };
        QCOMPARE(selectedId(), QStringLiteral("/app/src/worker.tsx"));
        QTest::keyClick(&view, Qt::Key_Down); // back to what it imports
        QCOMPARE(selectedId(), QStringLiteral("/app/src/App.tsx"));
        QTest::keyClick(&view, Qt::Key_Down); // one of App's imports
        QVERIFY(selectedId() == "/app/src/actions.ts" || selectedId() == test::kBridged);
        const QString below = selectedId();
        // The node beside it (App's other import, on one side or the other).
        QTest::keyClick(&view, Qt::Key_Right);
        if (selectedId() == below)
            QTest::keyClick(&view, Qt::Key_Left);
        QVERIFY(selectedId() != below);

        QSignalSpy inspect(actions, &ModuleGraphActions::inspectRequested);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(inspect.size(), 1);
        QCOMPARE(inspect.first().at(0).toString(), QStringLiteral("worker"));

        const qreal fitted = view.transform().m11();
        QTest::keyClick(&view, Qt::Key_Plus);
        QVERIFY(view.transform().m11() > fitted * 1.2);
        QTest::keyClick(&view, Qt::Key_Minus);
        QTest::keyClick(&view, Qt::Key_Minus);
        QVERIFY(view.transform().m11() < fitted);
        QTest::keyClick(&view, Qt::Key_0);
        QVERIFY(qAbs(view.transform().m11() - fitted) < 1e-6);

        view.showWhyIncluded("worker", "/app/src/actions.ts");
        QVERIFY(!scene->highlightedChain().isEmpty());
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(scene->highlightedChain().isEmpty());
        QVERIFY(scene->selectedItems().isEmpty());
    }

    void contextMenuOnANode()
    {
        ModuleGraphModel model;
        test::fillSampleGraph(model);
        ModuleGraphView view;
        view.resize(1000, 700);
        view.setModel(&model);
        view.setGroupPackages(true);
        view.setProjectRoot(QStringLiteral("/app"));
        ModuleGraphActions actions(&view);
        ModuleGraphScene *scene = view.graphScene();

        ModuleNodeItem *app = scene->node("worker", "/app/src/App.tsx");
        QVERIFY(app);
        std::unique_ptr<QMenu> menu(actions.menuFor(app));
        actionNamed(menu.get(), "graphCopyId")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("/src/App.tsx"));
        actionNamed(menu.get(), "graphCopyPath")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("/app/src/App.tsx"));
        QVERIFY(actionNamed(menu.get(), "graphOpenInEditor")->isEnabled());
        actionNamed(menu.get(), "graphWhy")->trigger();
        QCOMPARE(scene->highlightedChain().size(), 2); // worker.tsx -> App.tsx
        actionNamed(menu.get(), "graphFocus")->trigger();
        QVERIFY(view.filterModel()->hasFocus());
        view.clearFocus();

        // A bridged module's path is its ssr file; a virtual one has none.
        std::unique_ptr<QMenu> bridged(actions.menuFor(scene->node("worker", test::kBridged)));
        actionNamed(bridged.get(), "graphCopyPath")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("/app/src/Counter.tsx"));

        // A package: expand it from the menu, collapse it from a member's.
        ModuleNodeItem *react = scene->node("client", "package:react");
        QVERIFY(react);
        std::unique_ptr<QMenu> group(actions.menuFor(react));
        QVERIFY(!actionNamed(group.get(), "graphCopyPath")->isEnabled());
        actionNamed(group.get(), "graphExpand")->trigger();
        ModuleNodeItem *member = scene->node("client", test::kReact);
        QVERIFY(member);
        std::unique_ptr<QMenu> memberMenu(actions.menuFor(member));
        actionNamed(memberMenu.get(), "graphCollapse")->trigger();
        QVERIFY(scene->node("client", "package:react"));
        QVERIFY(!scene->node("client", test::kReact));
    }
};

QTEST_MAIN(TestModuleGraphActions)
#include "tst_module_graph_actions.moc"
