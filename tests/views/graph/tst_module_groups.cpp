// Package groups and readable names in the graph: which package a module id
// belongs to (node_modules, Vite's flattened pre-bundle names, chunks, the
// worker's bridged copies), ids as Vite shows them, same-named files told
// apart, ModuleGroupModel live under QAbstractItemModelTester, folders of the
// app collapsed into one node that a click expands (with the same
// level-of-detail labels), and a generated 500-module app whose package
// groups are labelled at 8 px or more at Fit in the graph area of a
// 1366x768 and a 1920x1080 window.
#include "graph/moduleGraphModel.h"
#include "sampleGraph.h"
#include "views/graph/moduleFolderGroup.h"
#include "views/graph/moduleGraphActions.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleGroupModel.h"
#include "views/graph/moduleIdText.h"
#include "views/graph/moduleNodeItem.h"
#include "views/graph/modulePackageGroup.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QImage>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace sy;

namespace {

ModuleRow row(const QString &env, const QString &id, const QStringList &imports = {})
{
    return test::moduleRow(env, id, imports);
}

int rowOf(const QAbstractItemModel &model, const QString &env, const QString &id)
{
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex i = model.index(r, 0);
        if (i.data(ModuleGraphModel::EnvironmentRole).toString() == env &&
            i.data(ModuleGraphModel::IdRole).toString() == id)
            return r;
    }
    return -1;
}

QStringList importsOf(const QAbstractItemModel &model, const QString &env, const QString &id)
{
    const int r = rowOf(model, env, id);
    return r < 0 ? QStringList{QStringLiteral("<no row>")}
                 : model.index(r, 0).data(ModuleGraphModel::ImportsRole).toStringList();
}

/// A generated app of `components` modules per environment shaped like the
/// rwsdk generated app: pages importing components, components importing
/// each other and packages (their node_modules files and pre-bundles).
void fillGeneratedApp(ModuleGraphModel &model, int components)
{
    const QString app = QStringLiteral("/gen");
    const QStringList packages{"react",     "react-dom", "rwsdk",
                               "lodash-es", "date-fns",  "@radix-ui/react-dialog",
                               "zod",       "clsx"};
    for (const QString env :
         {QStringLiteral("client"), QStringLiteral("ssr"), QStringLiteral("worker")}) {
        QStringList packageEntries;
        for (const QString &package : packages) {
            // A pre-bundle and a few of the package's own files.
            const QString flat = QString(package).replace('/', '_');
            const QString dep = app + "/.switchyard/deps_" + env + "/" + flat + ".js";
            packageEntries << dep;
            QStringList files;
            for (int f = 0; f < 4; ++f)
                files << app + "/node_modules/" + package + "/dist/part" + QString::number(f) +
                             ".js";
            ModuleRow d = row(env, dep, files.mid(0, 2));
            d.optimizedBrowserHash = QStringLiteral("0a1b2c3d");
            model.upsert(d);
            for (int f = 0; f < files.size(); ++f)
                model.upsert(row(env, files[f],
                                 f + 1 < files.size() ? QStringList{files[f + 1]} : QStringList{}));
        }
        model.upsert(row(env, app + "/.switchyard/deps_" + env + "/chunk-ABCD1234.js"));
        const int count = components / 3;
        for (int i = 0; i < count; ++i) {
            QStringList imports{packageEntries[i % packageEntries.size()]};
            for (int k = 1; k <= 2; ++k)
                if (i * 2 + k < count)
                    imports << app + "/src/app/components/c" + QString::number(i * 2 + k) + ".tsx";
            model.upsert(
                row(env, app + "/src/app/components/c" + QString::number(i) + ".tsx", imports));
        }
    }
}

} // namespace

class TestModuleGroups : public QObject {
    Q_OBJECT
private slots:
    void packageOfAModule()
    {
        auto group = [](const char *id) { return modulePackageGroup(QString::fromUtf8(id)); };
        QCOMPARE(group("/app/node_modules/react/cjs/react.development.js").id,
                 QStringLiteral("package:react"));
        QCOMPARE(group("/app/node_modules/@radix-ui/react-dialog/dist/index.mjs").name,
                 QStringLiteral("@radix-ui/react-dialog"));
        // pnpm's layout: the last node_modules decides.
        QCOMPARE(group("/app/node_modules/.pnpm/x@1/node_modules/zod/lib/index.js").name,
                 QStringLiteral("zod"));
        // Vite's flattened pre-bundle names.
        QCOMPARE(group("/app/.switchyard/deps_client/react_jsx-dev-runtime.js?v=1").name,
                 QStringLiteral("react"));
        QCOMPARE(group("/app/.switchyard/deps_ssr/rwsdk___ssr_bridge.js").name,
                 QStringLiteral("rwsdk"));
        QCOMPARE(group("/app/node_modules/.vite/deps/@radix-ui_react-dialog.js").name,
                 QStringLiteral("@radix-ui/react-dialog"));
        QCOMPARE(group("/app/node_modules/.vite/deps/lodash__debounce.js").name,
                 QStringLiteral("lodash.debounce"));
        QCOMPARE(group("/app/.switchyard/deps_worker/chunk-VFJLBNY5.js").name,
                 QStringLiteral("(chunks)"));
        // The worker's bridged copy of an ssr package.
        const ModulePackageGroup bridged =
            group("virtual:switchyard:ssr:/app/.switchyard/deps_ssr/react.js");
        QCOMPARE(bridged.id, QStringLiteral("virtual:switchyard:ssr:package:react"));
        QCOMPARE(bridged.name, QStringLiteral("ssr:react"));
        QVERIFY(isPackageGroupId(bridged.id));
        // App source, virtual modules and builtins belong to no package.
        QVERIFY(group("/app/src/app/pages/Home.tsx").isNull());
        QVERIFY(group("virtual:use-client-lookup.js").isNull());
        QVERIFY(group("node:async_hooks").isNull());
        QVERIFY(group("virtual:switchyard:ssr:/app/src/Counter.tsx").isNull());
    }

    void idsAsViteShowsThem()
    {
        const QString root = QStringLiteral("/home/me/app");
        QCOMPARE(moduleIdText("/home/me/app/src/app/pages/Home.tsx", root),
                 QStringLiteral("/src/app/pages/Home.tsx"));
        QCOMPARE(moduleIdText("/home/me/app/node_modules/react/index.js", root),
                 QStringLiteral("/node_modules/react/index.js"));
        QCOMPARE(moduleIdText("/home/me/app/src/a.css?inline", root),
                 QStringLiteral("/src/a.css?inline"));
        QCOMPARE(moduleIdText("/home/me/application/x.ts", root),
                 QStringLiteral("/@fs/home/me/application/x.ts"));
        QCOMPARE(moduleIdText("virtual:use-client-lookup.js", root),
                 QStringLiteral("virtual:use-client-lookup.js"));
        QCOMPARE(moduleIdText("virtual:switchyard:ssr:/home/me/app/src/Counter.tsx", root),
                 QStringLiteral("virtual:switchyard:ssr:/src/Counter.tsx"));
    }

    void pathsInTextAsViteShowsThem()
    {
        const QString root = QStringLiteral("/home/me/app");
        QCOMPARE(
            textWithRelativeIds("invalidated /home/me/app/src/a.tsx (importer "
                                "virtual:switchyard:ssr:/home/me/app/src/b.tsx)",
                                root),
            QStringLiteral("invalidated /src/a.tsx (importer virtual:switchyard:ssr:/src/b.tsx)"));
        // Not inside a longer path, not a sibling folder, nothing without a root.
        QCOMPARE(textWithRelativeIds("/x/home/me/app/a.ts /home/me/application/b.ts", root),
                 QStringLiteral("/x/home/me/app/a.ts /home/me/application/b.ts"));
        QCOMPARE(textWithRelativeIds("GET / 200", root), QStringLiteral("GET / 200"));
        QCOMPARE(textWithRelativeIds("/home/me/app/src/a.tsx", QString()),
                 QStringLiteral("/home/me/app/src/a.tsx"));
    }

    void sameNamedFilesAreToldApart()
    {
        const QStringList labels = distinctModuleLabels(
            {"/app/src/app/pages/Home.tsx", "/app/src/app/layouts/Home.tsx",
             "virtual:switchyard:ssr:/app/src/app/pages/Home.tsx", "/app/src/x/index.ts",
             "/app/src/y/index.ts", "/app/src/z/lib/index.ts"});
        QCOMPARE(labels, (QStringList{"pages/Home.tsx", "layouts/Home.tsx", "ssr:pages/Home.tsx",
                                      "x/index.ts", "y/index.ts", "lib/index.ts"}));
        // One file alone keeps its name; builtins and virtual modules theirs.
        QCOMPARE(distinctModuleLabels({"/app/src/app/pages/Home.tsx", "node:async_hooks",
                                       "virtual:use-client-lookup.js"}),
                 (QStringList{"Home.tsx", "node:async_hooks", "use-client-lookup.js"}));
    }

    void groupModelFollowsTheGraph()
    {
        ModuleGraphModel source;
        ModuleGroupModel groups;
        QAbstractItemModelTester tester(&groups,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        groups.setSourceModel(&source);
        const QString main = "/app/src/main.tsx", react = "/app/node_modules/react/index.js",
                      reactCjs = "/app/node_modules/react/cjs/react.js",
                      dom = "/app/node_modules/react-dom/index.js";
        source.upsert(row("client", main, {react, dom}));
        source.upsert(row("client", react, {reactCjs}));
        source.upsert(row("client", reactCjs));
        source.upsert(row("client", dom, {react}));
        // Off: every module passes through.
        QCOMPARE(groups.rowCount(), 4);
        QCOMPARE(importsOf(groups, "client", main), (QStringList{react, dom}));

        groups.setGrouping(true);
        QCOMPARE(groups.rowCount(), 3); // main, react, react-dom
        QCOMPARE(importsOf(groups, "client", main),
                 (QStringList{"package:react", "package:react-dom"}));
        // A group's imports leave out its own modules.
        QCOMPARE(importsOf(groups, "client", "package:react"), QStringList{});
        QCOMPARE(importsOf(groups, "client", "package:react-dom"), QStringList{"package:react"});
        const int reactRow = rowOf(groups, "client", "package:react");
        QCOMPARE(groups.index(reactRow, 0).data(ModuleGroupModel::GroupSizeRole).toInt(), 2);
        QCOMPARE(groups.index(reactRow, 0).data(ModuleGraphModel::DisplayNameRole).toString(),
                 QStringLiteral("react"));
        QCOMPARE(groups.members("client", "package:react"), (QStringList{reactCjs, react}));

        // Live: a new module of the package joins its group (no new row), a
        // member going stale makes the group stale, removals shrink it.
        QSignalSpy inserted(&groups, &QAbstractItemModel::rowsInserted);
        ModuleRow jsx = row("client", "/app/node_modules/react/jsx-runtime.js");
        source.upsert(jsx);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(groups.index(reactRow, 0).data(ModuleGroupModel::GroupSizeRole).toInt(), 3);
        jsx.stale = true;
        source.upsert(jsx);
        QVERIFY(groups.index(reactRow, 0).data(ModuleGraphModel::StaleRole).toBool());
        source.remove("client", jsx.id);
        QVERIFY(!groups.index(reactRow, 0).data(ModuleGraphModel::StaleRole).toBool());
        source.remove("client", dom);
        QCOMPARE(groups.rowCount(), 2);
        QCOMPARE(rowOf(groups, "client", "package:react-dom"), -1);
        source.upsert(row("client", dom, {react}));

        // Expanding shows the members; imports point at them again.
        groups.setExpanded("client", "package:react", true);
        QCOMPARE(groups.rowCount(), 4);
        QVERIFY(rowOf(groups, "client", react) >= 0);
        QCOMPARE(importsOf(groups, "client", main), (QStringList{react, "package:react-dom"}));
        QCOMPARE(groups.shownId("client", reactCjs), reactCjs);
        groups.setExpanded("client", "package:react", false);
        QCOMPARE(groups.rowCount(), 3);
        QCOMPARE(groups.shownId("client", reactCjs), QStringLiteral("package:react"));
        source.clear();
        QCOMPARE(groups.rowCount(), 0);
    }

    void clickExpandsAGroup()
    {
        ModuleGraphModel model;
        test::fillSampleGraph(model);
        ModuleRow extra = row("client", "/app/node_modules/.vite/deps_client/react-dom.js");
        model.upsert(extra);
        ModuleGraphView view;
        view.resize(900, 600);
        view.setModel(&model);
        view.setGroupPackages(true);
        view.show();
        ModuleGraphScene *scene = view.graphScene();
        ModuleNodeItem *group = scene->node("client", "package:react");
        QVERIFY(group);
        QCOMPARE(group->state().groupSize, 1);
        QVERIFY(!scene->node("client", test::kReact));
        QTRY_VERIFY_WITH_TIMEOUT(!scene->layoutPending(), 10000);
        const QPoint at = view.mapFromScene(group->scenePos());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
        QVERIFY(scene->node("client", test::kReact));
        QVERIFY(!scene->node("client", "package:react"));
        QVERIFY(scene->node("client", "package:react-dom")); // the others stay collapsed
    }

    void folderOfAModule()
    {
        QCOMPARE(moduleFolder("/app/src/app/pages/Home.tsx?v=1"),
                 QStringLiteral("/app/src/app/pages"));
        QCOMPARE(moduleFolder("virtual:switchyard:ssr:/app/src/Counter.tsx"),
                 QStringLiteral("/app/src"));
        QVERIFY(moduleFolder("virtual:use-client-lookup.js").isEmpty());
        const QStringList collapsed{"/app/src/app", "/app/src/app/pages"};
        // The outermost collapsed folder holds it.
        const ModulePackageGroup pages =
            moduleFolderGroup("/app/src/app/pages/Home.tsx", collapsed);
        QCOMPARE(pages.id, QStringLiteral("folder:/app/src/app"));
        QCOMPARE(pages.name, QStringLiteral("app/"));
        QVERIFY(isFolderGroupId(pages.id) && !isPackageGroupId(pages.id));
        QCOMPARE(folderOfGroupId(pages.id), QStringLiteral("/app/src/app"));
        const ModulePackageGroup bridged =
            moduleFolderGroup("virtual:switchyard:ssr:/app/src/app/Counter.tsx", collapsed);
        QCOMPARE(bridged.id, QStringLiteral("virtual:switchyard:ssr:folder:/app/src/app"));
        QCOMPARE(bridged.name, QStringLiteral("ssr:app/"));
        QCOMPARE(folderOfGroupId(bridged.id), QStringLiteral("/app/src/app"));
        // Not a sibling folder, not the folder's own name, never a package's module.
        QVERIFY(moduleFolderGroup("/app/src/application/x.ts", collapsed).isNull());
        QVERIFY(moduleFolderGroup("/app/src/main.tsx", collapsed).isNull());
        QVERIFY(moduleFolderGroup("/app/node_modules/x/index.js", {"/app"}).isNull());
        QVERIFY(moduleFolderGroup("virtual:use-client-lookup.js", {"/app"}).isNull());
        // As Vite would show the folder.
        QCOMPARE(moduleIdText("folder:/home/me/app/src/app/pages", "/home/me/app"),
                 QStringLiteral("/src/app/pages/"));
    }

    void foldersCollapseIntoOneRow()
    {
        ModuleGraphModel source;
        ModuleGroupModel groups;
        QAbstractItemModelTester tester(&groups,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        groups.setSourceModel(&source);
        groups.setGrouping(true);
        const QString worker = "/app/src/worker.tsx", home = "/app/src/app/pages/Home.tsx",
                      about = "/app/src/app/pages/About.tsx",
                      card = "/app/src/app/pages/parts/Card.tsx",
                      react = "/app/node_modules/react/index.js";
        source.upsert(row("worker", worker, {home, about}));
        source.upsert(row("worker", home, {card, react}));
        source.upsert(row("worker", about, {card}));
        source.upsert(row("worker", card, {react}));
        source.upsert(row("worker", react));
        source.upsert(row("client", home, {react}));
        QCOMPARE(groups.rowCount(), 6); // worker: 4 modules + react; client: Home

        groups.setFolderCollapsed("/app/src/app/pages", true);
        QVERIFY(groups.isFolderCollapsed("/app/src/app/pages"));
        const QString folder = "folder:/app/src/app/pages";
        // worker: worker.tsx, pages/ (Home, About, parts/Card), react; client: pages/
        QCOMPARE(groups.rowCount(), 4);
        const int at = rowOf(groups, "worker", folder);
        QVERIFY(at >= 0);
        QCOMPARE(groups.index(at, 0).data(ModuleGroupModel::GroupSizeRole).toInt(), 3);
        QCOMPARE(groups.index(at, 0).data(ModuleGraphModel::DisplayNameRole).toString(),
                 QStringLiteral("pages/"));
        QCOMPARE(groups.members("worker", folder), (QStringList{about, home, card}));
        QCOMPARE(importsOf(groups, "worker", worker), QStringList{folder});
        QCOMPARE(importsOf(groups, "worker", folder), QStringList{"package:react"});
        QCOMPARE(groups.shownId("worker", card), folder);
        QCOMPARE(groups.shownId("client", home), folder); // the folder, in every lane
        QVERIFY(!groups.isExpanded("worker", folder));

        // Live: a new module of the folder joins it; leaving shrinks it.
        const QString contact = "/app/src/app/pages/Contact.tsx";
        QSignalSpy inserted(&groups, &QAbstractItemModel::rowsInserted);
        source.upsert(row("worker", contact));
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(groups.index(at, 0).data(ModuleGroupModel::GroupSizeRole).toInt(), 4);
        source.remove("worker", contact);
        QCOMPARE(groups.index(at, 0).data(ModuleGroupModel::GroupSizeRole).toInt(), 3);

        // An inner folder collapsed too is shown as the outer one.
        groups.setFolderCollapsed("/app/src/app/pages/parts", true);
        QCOMPARE(groups.shownId("worker", card), folder);
        // Expanding the outer one (as a click does) leaves the inner one collapsed.
        groups.setExpanded("worker", folder, true);
        QVERIFY(!groups.isFolderCollapsed("/app/src/app/pages"));
        QCOMPARE(groups.shownId("worker", home), home);
        QCOMPARE(groups.shownId("worker", card), QStringLiteral("folder:/app/src/app/pages/parts"));
        QCOMPARE(importsOf(groups, "worker", home),
                 (QStringList{"folder:/app/src/app/pages/parts", "package:react"}));
        groups.setFolderCollapsed("/app/src/app/pages/parts", false);
        QCOMPARE(groups.rowCount(), 6);
        QCOMPARE(importsOf(groups, "worker", worker), (QStringList{home, about}));
        // Without package groups, folders still collapse.
        groups.setGrouping(false);
        groups.setFolderCollapsed("/app/src/app", true);
        QCOMPARE(groups.shownId("worker", card), QStringLiteral("folder:/app/src/app"));
        QCOMPARE(groups.shownId("worker", react), react);
    }

    void aFolderCollapsesFromTheMenuAndAClickExpandsIt()
    {
        ModuleGraphModel model;
        test::fillSampleGraph(model);
        ModuleGraphView view;
        view.resize(900, 600);
        view.setModel(&model);
        view.setLanes(true);
        view.setGroupPackages(true);
        view.setProjectRoot("/app");
        auto *actions = new ModuleGraphActions(&view);
        view.show();
        ModuleGraphScene *scene = view.graphScene();
        ModuleNodeItem *actionsNode = scene->node("worker", "/app/src/actions.ts");
        QVERIFY(actionsNode);
        // An app module's menu offers to collapse its folder.
        std::unique_ptr<QMenu> menu(actions->menuFor(actionsNode));
        auto *collapse = menu->findChild<QAction *>(QStringLiteral("graphCollapseFolder"));
        QVERIFY(collapse);
        QVERIFY2(collapse->text().contains(QStringLiteral("/src/")), qPrintable(collapse->text()));
        collapse->trigger();
        // src/ in every lane: one node each, labelled like a package group.
        ModuleNodeItem *src = scene->node("worker", "folder:/app/src");
        QVERIFY(src);
        QVERIFY(scene->node("client", "folder:/app/src"));
        QVERIFY(scene->node("ssr", "folder:/app/src"));
        QVERIFY(!scene->node("worker", "/app/src/actions.ts"));
        QCOMPARE(src->state().groupSize, 4); // worker, App, actions, lonely
        QCOMPARE(src->label(), QStringLiteral("src/"));
        QVERIFY2(src->toolTip().startsWith(QStringLiteral("Folder /src/: 4 module")),
                 qPrintable(src->toolTip()));
        // The bridged copy of ssr's Counter: a folder group of its own, ssr:src/.
        ModuleNodeItem *bridged = scene->node("worker", "virtual:switchyard:ssr:folder:/app/src");
        QVERIFY(bridged);
        QCOMPARE(bridged->label(), QStringLiteral("ssr:src/"));
        QCOMPARE(scene->node("client", "folder:/app/src")->state().groupSize, 2);
        // Level of detail as for packages: its label stays readable at Fit.
        QTRY_VERIFY_WITH_TIMEOUT(!scene->layoutPending(), 10000);
        view.fitAll();
        QVERIFY2(src->drawnLabelPixels() >= 8,
                 qPrintable(QString::number(src->drawnLabelPixels())));
        // A click expands it again.
        const QPoint at = view.mapFromScene(src->sceneBoundingRect().center());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
        QVERIFY(scene->node("worker", "/app/src/actions.ts"));
        QVERIFY(!scene->node("worker", "folder:/app/src"));
        QVERIFY(!scene->node("client", "folder:/app/src"));
    }

    void generatedAppGroupsReadableAtFit_data()
    {
        QTest::addColumn<QSize>("graphArea");
        // The graph's share of the dashboard at these window sizes (the
        // default layout: docks on the right and at the bottom).
        QTest::newRow("1366x768") << QSize(1180, 500);
        QTest::newRow("1920x1080") << QSize(1740, 820);
    }

    void generatedAppGroupsReadableAtFit()
    {
        QFETCH(QSize, graphArea);
        ModuleGraphModel model;
        fillGeneratedApp(model, 500);
        QVERIFY(model.rowCount() >= 500);
        ModuleGraphView view;
        view.resize(graphArea);
        view.setModel(&model);
        view.setLanes(true);
        view.setGroupPackages(true);
        view.show();
        ModuleGraphScene *scene = view.graphScene();
        QSignalSpy applied(scene, &ModuleGraphScene::layoutApplied);
        QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty() && !scene->layoutPending(), 30000);
        view.fitAll();
        const QImage image = view.grab().toImage();
        if (const QString dir = qEnvironmentVariable("SY_SCREENSHOT_DIR"); !dir.isEmpty())
            image.save(dir + QStringLiteral("/generated-500-%1x%2.png")
                                 .arg(graphArea.width())
                                 .arg(graphArea.height()));
        int groups = 0;
        for (const ModuleNodeItem *node : scene->nodes()) {
            if (node->state().groupSize == 0)
                continue;
            ++groups;
            QVERIFY2(node->drawnLabelPixels() >= 8,
                     qPrintable(node->state().environment + ' ' + node->label() +
                                QStringLiteral(": %1 px").arg(node->drawnLabelPixels())));
            QVERIFY(node->drawnLabel().size() >= std::min<qsizetype>(4, node->label().size()));
        }
        QCOMPARE(groups, 3 * 9); // 8 packages and the chunks, in each environment
    }
};

QTEST_MAIN(TestModuleGroups)
#include "tst_module_groups.moc"
