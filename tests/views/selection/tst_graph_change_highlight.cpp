// "What changed" (GraphChangeHighlight): an invalidation, an HMR update, a
// runner-cache clear and an optimizer run journaled by the engine light up the
// modules they touched in the graph (a module of a collapsed package lights
// its package; a pre-bundle that enters the graph after its run lights up
// when it arrives), a request does not, and the light fades out.
#include "../graph/sampleGraph.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"
#include "views/selection/graphChangeHighlight.h"

#include <QTest>

using namespace sy;

namespace {
JournalEvent makeEvent(const char *kind, const char *environment, const std::string &json)
{
    static int64_t id = 0;
    JournalEvent e;
    e.id = ++id; // the journal's order
    e.kind = kind;
    e.environment = environment;
    e.dataJson = json;
    return e;
}
} // namespace

class TestGraphChangeHighlight : public QObject {
    Q_OBJECT
private slots:
    void lightsUpWhatAnEventTouched()
    {
        ModuleGraphModel modules;
        test::fillSampleGraph(modules);
        JournalModel events;
        ModuleGraphView view;
        view.setModel(&modules);
        view.setGroupPackages(true);
        GraphChangeHighlight highlight(&view, &events, &modules);
        ModuleGraphScene *scene = view.graphScene();
        auto lit = [&](const QString &env, const QString &id) {
            ModuleNodeItem *node = scene->node(env, id);
            return node ? node->changeHighlight() : -1.0;
        };

        events.append(makeEvent("request", "worker", R"({"path":"/app/src/App.tsx"})"));
        QVERIFY(highlight.litKeys().isEmpty());

        // An invalidation in the worker: the worker's modules, not the twins.
        events.append(
            makeEvent("invalidation", "worker",
                      R"({"module":"/app/src/actions.ts","chain":["/app/src/App.tsx"]})"));
        QCOMPARE(lit("worker", "/app/src/actions.ts"), 1.0);
        QCOMPARE(lit("worker", "/app/src/App.tsx"), 1.0);
        QCOMPARE(lit("worker", "/app/src/worker.tsx"), 0.0);

        // An HMR update of the client; a pre-bundle lights its package.
        events.append(makeEvent(
            "hmr", "client",
            R"({"payload":{"type":"update","updates":[{"path":"/app/src/Counter.tsx"}]}})"));
        QCOMPARE(lit("client", "/app/src/Counter.tsx"), 1.0);
        QCOMPARE(lit("ssr", "/app/src/Counter.tsx"), 0.0);
        events.append(
            makeEvent("runner-cache-clear", "client",
                      QStringLiteral(R"({"dropped":["%1"]})").arg(test::kReact).toStdString()));
        QCOMPARE(lit("client", "package:react"), 1.0);
        QCOMPARE(highlight.litKeys().size(), 4);

        // It fades out by itself.
        QTRY_VERIFY_WITH_TIMEOUT(highlight.litKeys().isEmpty(),
                                 GraphChangeHighlight::kFadeMs + 5000);
        QCOMPARE(lit("worker", "/app/src/actions.ts"), 0.0);
        QCOMPARE(lit("client", "package:react"), 0.0);
    }

    void lightsUpWhatAnOptimizerRunWrote()
    {
        ModuleGraphModel modules;
        test::fillSampleGraph(modules);
        JournalModel events;
        ModuleGraphView view;
        view.setModel(&modules);
        GraphChangeHighlight highlight(&view, &events, &modules);
        ModuleGraphScene *scene = view.graphScene();
        auto lit = [&](const QString &env, const QString &id) {
            ModuleNodeItem *node = scene->node(env, id);
            return node ? node->changeHighlight() : -1.0;
        };
        // The ssr run rewrote react's bundle and added scheduler's, which no
        // module imports yet: react lights up (the ssr one, not the client's).
        const QString scheduler = QStringLiteral("/app/node_modules/.vite/deps_ssr/scheduler.js");
        events.append(makeEvent("optimizer-run", "ssr",
                                QStringLiteral(R"({"outcome":"committed","bundles":["%1","%2"]})")
                                    .arg(test::kSsrReact, scheduler)
                                    .toStdString()));
        QCOMPARE(lit("ssr", test::kSsrReact), 1.0);
        QCOMPARE(lit("client", test::kReact), 0.0);
        QCOMPARE(highlight.litKeys().size(), 1);
        // The new bundle enters the graph when a module imports it: it lights up then.
        ModuleRow row = test::moduleRow("ssr", scheduler + "?v=1234abcd");
        modules.upsert(row);
        QTRY_VERIFY(scene->node("ssr", scheduler + "?v=1234abcd") &&
                    lit("ssr", scheduler + "?v=1234abcd") > 0.5);
        QCOMPARE(highlight.litKeys().size(), 2);
    }
};

QTEST_MAIN(TestGraphChangeHighlight)
#include "tst_graph_change_highlight.moc"
