#include "graph/moduleGraph.h"
#include "graph/moduleGraphJson.h"
#include "graph/moduleGraphModel.h"

#include <QAbstractItemModelTester>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace sy;

class TestModuleGraph : public QObject {
    Q_OBJECT
private slots:
    void edgesStaySymmetric()
    {
        ModuleGraph g("worker");
        auto &a = g.ensureModule("/app/a.tsx", "/a.tsx", "/app/a.tsx");
        g.ensureModule("/app/b.ts", "/b.ts", "/app/b.ts");
        g.ensureModule("/app/c.ts", "/c.ts", "/app/c.ts");
        g.updateImports(a, {"/app/b.ts", "/app/c.ts"});
        QCOMPARE(g.moduleById("/app/b.ts")->importers, std::set<std::string>{"/app/a.tsx"});
        g.updateImports(a, {"/app/c.ts"});
        QVERIFY(g.moduleById("/app/b.ts")->importers.empty());
        QCOMPARE(g.moduleById("/app/c.ts")->importers.size(), size_t(1));
        QCOMPARE(g.moduleByUrl("/a.tsx"), &a);
        QCOMPARE(g.modulesByFile("/app/a.tsx").size(), size_t(1));
    }

    void revisionMovesWithEveryChangeAndOnlyThen()
    {
        ModuleGraph g("worker");
        uint64_t last = g.revision();
        auto moved = [&] {
            const bool m = g.revision() != last;
            last = g.revision();
            return m;
        };
        auto &a = g.ensureModule("/app/a.tsx", "", "/app/a.tsx");
        QVERIFY(moved());
        g.ensureModule("/app/a.tsx", "", "/app/a.tsx"); // already there
        g.moduleById("/app/a.tsx");
        g.modulesByFile("/app/a.tsx");
        g.importersClosure("/app/a.tsx");
        QVERIFY(!moved());
        g.ensureModule("/app/b.css", "", "/app/b.css");
        QVERIFY(moved());
        g.updateImports(a, {"/app/b.css"});
        QVERIFY(moved());
        TransformResult t;
        t.deps = {"/app/b.css"};
        g.setTransformResult(a, t);
        QVERIFY(moved());
        g.touch(a);
        QVERIFY(moved());
        g.invalidateModule(a, 1, "edit");
        QVERIFY(moved());
        g.removeModule("/app/b.css");
        QVERIFY(moved());
        g.removeModule("/app/missing");
        QVERIFY(!moved());
    }

    void invalidationKeepsNodeAndDropsTransform()
    {
        ModuleGraph g("ssr");
        auto &a = g.ensureModule("/app/a.tsx", "", "/app/a.tsx");
        TransformResult t;
        t.code = "export const a = 1;";
        g.setTransformResult(a, t);
        QVERIFY(g.invalidateModule(a, 1234, "file changed"));
        QVERIFY(!a.transformResult);
        QCOMPARE(a.invalidationState, InvalidationState::Hard);
        QCOMPARE(a.lastInvalidationTimestamp, int64_t(1234));
        QCOMPARE(g.size(), size_t(1));
        QVERIFY(!g.invalidateModule(a, 1235, "again")); // nothing left to drop
    }

    void importersClosureWalksUp()
    {
        ModuleGraph g("client");
        for (const char *id : {"entry", "page", "leaf", "other"})
            g.ensureModule(id, "", "");
        g.updateImports(*g.moduleById("entry"), {"page", "other"});
        g.updateImports(*g.moduleById("page"), {"leaf"});
        const auto closure = g.importersClosure("leaf");
        QCOMPARE(closure, (std::vector<std::string>{"leaf", "page", "entry"}));
    }

    void staleWhenBrowserHashMovesOn()
    {
        ModuleGraph g("worker");
        auto &dep = g.ensureModule("/deps_worker/react.js", "", "");
        dep.optimizedBrowserHash = "aaaa1111";
        auto &page = g.ensureModule("/app/page.tsx", "", "/app/page.tsx");
        TransformResult t;
        t.optimizedDeps["/deps_worker/react.js"] = "aaaa1111";
        g.setTransformResult(page, t);
        QVERIFY(!isStale(g, page));
        dep.optimizedBrowserHash = "bbbb2222"; // re-optimized, page not re-transformed
        QVERIFY(isStale(g, page));
        const auto j = moduleGraphToJson(g);
        QCOMPARE(j["moduleCount"].get<int>(), 2);
        QCOMPARE(j["modules"][1]["stale"].get<bool>(), true);
        QCOMPARE(j["modules"][0]["optimizedBrowserHash"].get<std::string>(),
                 std::string("bbbb2222"));
    }

    void modelFollowsGraphUnderTester()
    {
        ModuleGraphModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ModuleGraph g("worker");
        ModuleGraphModelFeed feed(&g);
        feed.connectTo(&model);
        g.setObserver(&feed);
        auto &a = g.ensureModule("/app/a.tsx", "", "/app/a.tsx");
        auto &b = g.ensureModule("virtual:switchyard:ssr:/app/b.tsx", "", "");
        b.isVirtual = true;
        b.twinId = "/app/b.tsx";
        g.touch(b);
        g.updateImports(a, {b.id});
        QCOMPARE(model.rowCount(), 2);
        const int row = model.rowOf("worker", "virtual:switchyard:ssr:/app/b.tsx");
        QVERIFY(row >= 0);
        QCOMPARE(model.index(row, 0).data(ModuleGraphModel::TwinRole).toString(),
                 QStringLiteral("/app/b.tsx"));
        QCOMPARE(model.index(row, ModuleGraphModel::ImportersColumn).data().toInt(), 1);
        auto &c = g.ensureModule("/app/c.tsx", "", "/app/c.tsx");
        g.removeModule(a.id); // the first row: every later row moves up
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf("worker", QString::fromStdString(c.id)), 1);
        QCOMPARE(model.index(model.rowOf("worker", QString::fromStdString(b.id)), 0)
                     .data(ModuleGraphModel::IdRole)
                     .toString(),
                 QString::fromStdString(b.id));
        QCOMPARE(model.rowOf("worker", "/app/a.tsx"), -1);
        g.removeModule(c.id);
        QCOMPARE(model.rowCount(), 1);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void frameworkRolesAndDirectiveTransformsReachTheModel()
    {
        // The role provider names a node when it is created (before the model
        // hears of it); the directive transform the environment recorded travels
        // with every later change. Both reach JSON and the model's roles.
        ModuleGraphModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ModuleGraph g("worker");
        ModuleGraphModelFeed feed(&g);
        feed.connectTo(&model);
        g.setObserver(&feed);
        int asked = 0;
        g.setRoleProvider([&](const std::string &id) -> std::pair<ModuleRole, std::string> {
            ++asked;
            if (id == "virtual:switchyard:ssr:/app/.switchyard/deps_ssr/rwsdk___ssr_bridge.js")
                return {ModuleRole::SsrBridge, "rwsdk/__ssr_bridge"};
            return {ModuleRole::None, {}};
        });
        auto &bridge = g.ensureModule(
            "virtual:switchyard:ssr:/app/.switchyard/deps_ssr/rwsdk___ssr_bridge.js", "", "");
        auto &button = g.ensureModule("/app/src/Button.tsx", "", "/app/src/Button.tsx");
        g.ensureModule("/app/src/Button.tsx", "", "/app/src/Button.tsx"); // exists: not asked again
        QCOMPARE(asked, 2);
        QCOMPARE(bridge.role, ModuleRole::SsrBridge);
        QCOMPARE(button.role, ModuleRole::None);
        button.directives = {"use client"};
        button.directiveTransform = DirectiveTransform::ClientReferences;
        button.directiveTransformReason = "directive";
        g.touch(button);

        const int b = model.rowOf("worker", QString::fromStdString(bridge.id));
        QCOMPARE(model.index(b, 0).data(ModuleGraphModel::FrameworkRoleRole).toString(),
                 QStringLiteral("ssr-bridge"));
        QCOMPARE(model.index(b, 0).data(ModuleGraphModel::DisplayNameRole).toString(),
                 QStringLiteral("rwsdk/__ssr_bridge"));
        QCOMPARE(model.index(b, 0).data(ModuleGraphModel::RoleLabelRole).toString(),
                 QStringLiteral("SSR bridge"));
        QCOMPARE(model.index(b, ModuleGraphModel::RoleColumn).data().toString(),
                 QStringLiteral("SSR bridge"));
        QCOMPARE(model.headerData(ModuleGraphModel::RoleColumn, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
                 QStringLiteral("Role"));
        const int n = model.rowOf("worker", "/app/src/Button.tsx");
        QCOMPARE(model.index(n, 0).data(ModuleGraphModel::FrameworkRoleRole).toString(), QString());
        QCOMPARE(model.index(n, 0).data(ModuleGraphModel::DisplayNameRole).toString(),
                 QStringLiteral("/app/src/Button.tsx")); // an ordinary module: its id
        QCOMPARE(model.index(n, ModuleGraphModel::RoleColumn).data().toString(), QString());
        QCOMPARE(model.index(n, 0).data(ModuleGraphModel::DirectiveTransformRole).toString(),
                 QStringLiteral("client-references"));
        QCOMPARE(model.index(n, 0).data(ModuleGraphModel::DirectiveTransformLabelRole).toString(),
                 QStringLiteral("client reference stubs"));
        QCOMPARE(model.index(b, 0).data(ModuleGraphModel::DirectiveTransformRole).toString(),
                 QString());

        const auto j = moduleGraphToJson(g);
        QCOMPARE(j["modules"][0]["role"].get<std::string>(), std::string("ssr-bridge"));
        QCOMPARE(j["modules"][0]["displayName"].get<std::string>(),
                 std::string("rwsdk/__ssr_bridge"));
        QVERIFY(j["modules"][0]["directiveTransform"].is_null());
        QVERIFY(!j["modules"][1].contains("role"));
        QCOMPARE(j["modules"][1]["directiveTransform"].get<std::string>(),
                 std::string("client-references"));
        QCOMPARE(j["modules"][1]["directiveTransformReason"].get<std::string>(),
                 std::string("directive"));
        // Every role and transform has a label for people.
        for (ModuleRole r :
             {ModuleRole::SsrBridge, ModuleRole::ClientLookup, ModuleRole::ServerLookup,
              ModuleRole::RequestState, ModuleRole::VitePreamble, ModuleRole::ReactRefresh,
              ModuleRole::ViteClient})
            QVERIFY(
                !ModuleGraphModel::roleLabel(QString::fromStdString(std::string(moduleRoleName(r))))
                     .isEmpty());
        for (DirectiveTransform t :
             {DirectiveTransform::ClientReferences, DirectiveTransform::SsrModule,
              DirectiveTransform::ClientModule, DirectiveTransform::ServerRegistration,
              DirectiveTransform::ServerReferenceStubs})
            QVERIFY(!ModuleGraphModel::directiveTransformLabel(
                         QString::fromStdString(std::string(directiveTransformName(t))))
                         .isEmpty());
        QCOMPARE(ModuleGraphModel::roleLabel("request-state"),
                 QStringLiteral("request state (pinned)"));
    }
};

QTEST_GUILESS_MAIN(TestModuleGraph)
#include "tst_module_graph.moc"
