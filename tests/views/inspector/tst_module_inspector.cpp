// The module inspector on a real inspection of examples/hello's Counter
// (a "use client" module: a client reference in the worker, the component in
// ssr and client).
#include "../distinctColours.h"
#include "dev/devSession.h"
#include "dev/moduleInspection.h"
#include "js/transformService.h"
#include "moduleInspectorWidget.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <nlohmann/json.hpp>

using namespace sy;

class TestModuleInspector : public QObject {
    Q_OBJECT
    std::unique_ptr<DevSession> m_session;
    QJsonObject m_inspection;

private slots:
    void initTestCase()
    {
        ProjectConfig project;
        std::string error;
        QVERIFY2(
            loadProjectConfig(SY_SOURCE_DIR "/examples/hello", SY_TOOLS_JS_DIR, project, error),
            error.c_str());
        m_session = std::make_unique<DevSession>(project, TransformService::shared());
        m_session->prepare();
        QVERIFY(m_session->crawlAll().empty());
        const nlohmann::json j =
            inspectModuleEverywhere(*m_session, project.root + "/src/app/components/Counter.tsx");
        m_inspection = QJsonDocument::fromJson(QByteArray::fromStdString(j.dump())).object();
        QVERIFY(!m_inspection.isEmpty());
    }

    void showsEveryEnvironmentWithItsResolutions()
    {
        ModuleInspectorWidget widget;
        widget.setInspection(m_inspection);
        QCOMPARE(widget.environments(), (QStringList{"client", "ssr", "worker"}));
        QVERIFY(widget.summary("worker").contains("use client"));
        QVERIFY(widget.summary("worker").contains("react-server"));
        QVERIFY(widget.summary("client").contains("Module type: js"));
        // A JSON module's page says so.
        QJsonObject inspection = m_inspection;
        QJsonArray envs = inspection["environments"].toArray();
        QJsonObject clientPage = envs[0].toObject();
        clientPage["type"] = "json";
        envs[0] = clientPage;
        inspection["environments"] = envs;
        ModuleInspectorWidget json;
        json.setInspection(inspection);
        QVERIFY(json.summary("client").contains("Module type: json"));
        QStandardItemModel *client = widget.importsModel("client");
        QVERIFY(client);
        QAbstractItemModelTester tester(client,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        bool sawReact = false;
        for (int r = 0; r < client->rowCount(); ++r) {
            if (client->index(r, 0).data().toString() != QLatin1String("react"))
                continue;
            sawReact = true;
            QVERIFY(client->index(r, 2).data().toString().startsWith(
                "/.switchyard/deps_client/react.js?v="));
            QCOMPARE(client->index(r, 3).data().toString(), client->index(r, 4).data().toString());
        }
        QVERIFY(sawReact);
        // The worker only holds the client reference (rwsdk's): it imports the SSR bridge
        // and rwsdk/worker's registerClientReference, not react.
        QStandardItemModel *worker = widget.importsModel("worker");
        QCOMPARE(worker->rowCount(), 2);
        QStringList workerImports;
        for (int r = 0; r < worker->rowCount(); ++r)
            workerImports << worker->index(r, 1).data().toString();
        QVERIFY2(workerImports.filter(QStringLiteral("/deps_ssr/rwsdk___ssr_bridge.js")).size() ==
                     1,
                 qPrintable(workerImports.join(' ')));
        QVERIFY2(workerImports.filter(QStringLiteral("/deps_worker/rwsdk_worker.js")).size() == 1,
                 qPrintable(workerImports.join(' ')));
        QVERIFY(workerImports.filter(QStringLiteral("react")).isEmpty());
    }

    void showsTheDirectiveTransformAndFrameworkRole()
    {
        // Counter.tsx ("use client"): what the directive step made of it in each
        // environment, as the engine recorded it on the node.
        ModuleInspectorWidget widget;
        widget.setInspection(m_inspection);
        QVERIFY2(widget.summary("worker").contains("Directive transform: client reference stubs"),
                 qPrintable(widget.summary("worker")));
        QVERIFY(widget.summary("ssr").contains("Directive transform: SSR module"));
        QVERIFY(widget.summary("client").contains("Directive transform: client module"));
        QVERIFY(!widget.summary("worker").contains("Framework module"));
        // A forced module and a framework module (pages as inspectModule writes them).
        QJsonObject forced{{"environment", "worker"},
                           {"id", "/app/src/Badge.tsx"},
                           {"directiveTransform", "client-references"},
                           {"directiveTransformReason", "forceClientPaths"}};
        QJsonObject bridge{{"environment", "ssr"},
                           {"id", "virtual:use-server-lookup.js"},
                           {"role", "server-lookup"},
                           {"displayName", "virtual:use-server-lookup.js"},
                           {"directiveTransform", QJsonValue()}};
        widget.setInspection(QJsonObject{{"file", "/app/src/Badge.tsx"},
                                         {"environments", QJsonArray{forced, bridge}}});
        QVERIFY2(widget.summary("worker").contains(
                     "Directive transform: client reference stubs (forced by forceClientPaths)"),
                 qPrintable(widget.summary("worker")));
        QVERIFY(widget.summary("ssr").contains(
            "Framework module: server lookup (virtual:use-server-lookup.js)"));
        QVERIFY(widget.summary("ssr").contains("Directive transform: none"));
    }

    void staleReferencesStandOut()
    {
        QJsonObject inspection = m_inspection;
        QJsonArray envs = inspection["environments"].toArray();
        QJsonObject client = envs[0].toObject();
        QJsonObject optimized = client["optimizedDeps"].toObject();
        const QString dep = optimized.keys().first();
        QJsonObject hashes = optimized[dep].toObject();
        hashes["current"] = "ffffffff"; // the optimizer moved on
        optimized[dep] = hashes;
        client["optimizedDeps"] = optimized;
        client["stale"] = true;
        envs[0] = client;
        inspection["environments"] = envs;
        ModuleInspectorWidget widget;
        widget.setInspection(inspection);
        QStandardItemModel *model = widget.importsModel("client");
        bool red = false;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 1).data().toString() == dep)
                red = model->item(r, 0)->foreground().color() == QColor(Qt::red);
        QVERIFY(red);
        QVERIFY(widget.summary("client").contains("stale"));
    }

    void doubleClickingAnImportActivatesIt()
    {
        ModuleInspectorWidget widget;
        widget.resize(900, 600);
        widget.setInspection(m_inspection);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QSignalSpy spy(&widget, &ModuleInspectorWidget::moduleActivated);
        auto *table = widget.findChildren<QTableView *>().first();
        const QModelIndex first = table->model()->index(0, 0);
        const QRect rect = table->visualRect(first);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(spy.count(), 1);
        QVERIFY(!spy.first().at(1).toString().isEmpty());
        const QImage shot = widget.grab().toImage();
        QVERIFY(!shot.isNull());
        QVERIFY(sy::test::distinctColours(shot) > 3); // something was painted
        widget.setInspection({});
        QVERIFY(widget.environments().isEmpty());
    }

    /// Issue 12: ids relative to the app as Vite shows them, in the title, the
    /// summary and the imports table; a double-click still names the full id.
    void showsIdsRelativeToTheApp()
    {
        const QString root = QString::fromStdString(m_session->project().root);
        ModuleInspectorWidget widget;
        widget.resize(900, 600);
        widget.setInspection(m_inspection);
        QVERIFY(widget.title().startsWith(root)); // no root yet: ids as they are
        widget.setProjectRoot(root);              // re-shows the inspection
        QCOMPARE(widget.title(), QStringLiteral("/src/app/components/Counter.tsx"));
        for (const QString &env : widget.environments()) {
            QVERIFY2(!widget.summary(env).contains(root), qPrintable(widget.summary(env)));
            QVERIFY2(widget.summary(env).contains("/src/app/components/Counter.tsx"),
                     qPrintable(widget.summary(env)));
        }
        QStandardItemModel *client = widget.importsModel("client");
        QVERIFY(client->rowCount() > 0);
        int fromRoot = 0;
        for (int r = 0; r < client->rowCount(); ++r) {
            const QString shown = client->index(r, 1).data().toString();
            const QString full = client->index(r, 1).data(Qt::UserRole).toString();
            QVERIFY2(!shown.contains(root), qPrintable(shown));
            if (full.startsWith(root + "/")) {
                ++fromRoot;
                QCOMPARE(shown, full.mid(root.size()));
            }
        }
        QVERIFY(fromRoot > 0); // react's pre-bundle under .switchyard at least
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QSignalSpy spy(&widget, &ModuleInspectorWidget::moduleActivated);
        auto *table = widget.findChildren<QTableView *>().first();
        const QModelIndex first = table->model()->index(0, 0);
        const QPoint at = table->visualRect(first).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().at(1).toString(),
                 table->model()->index(0, 1).data(Qt::UserRole).toString());
        QVERIFY(spy.first().at(1).toString().contains(root)); // the full id, not the shown one
        // A message stays when the root changes afterwards.
        widget.showMessage("nothing here");
        widget.setProjectRoot(QString());
        QCOMPARE(widget.title(), QStringLiteral("nothing here"));
    }
};

QTEST_MAIN(TestModuleInspector)
#include "tst_module_inspector.moc"
