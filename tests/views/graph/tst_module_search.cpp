// Search in the graph, over the sample graph: the query syntax (an
// environment prefix, "worker:actions.ts"), fuzzy matching and its ranking,
// and the search field of the control bar as a user drives it: "n of m",
// Enter / F3 to the next match, Shift+Enter / Shift+F3 back, the list of
// matches, and the graph zoomed to the match.
#include "graph/moduleGraphModel.h"
#include "sampleGraph.h"
#include "views/graph/moduleGraphControlBar.h"
#include "views/graph/moduleGraphFilterModel.h"
#include "views/graph/moduleGraphQueries.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"
#include "views/graph/moduleSearch.h"
#include "views/graph/moduleSearchBox.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

using namespace sy;

namespace {

QStringList keys(const QVector<ModuleSearchMatch> &matches)
{
    QStringList out;
    for (const ModuleSearchMatch &m : matches)
        out << moduleKey(m.environment, m.id);
    return out;
}

} // namespace

class TestModuleSearch : public QObject {
    Q_OBJECT
private slots:
    void queryTakesAnEnvironmentPrefix()
    {
        const auto q = ModuleSearchQuery::parse("  Worker:actions.ts ");
        QCOMPARE(q.environment, QString("worker"));
        QCOMPARE(q.pattern, QString("actions.ts"));
        QCOMPARE(ModuleSearchQuery::parse("ssr:").environment, QString("ssr"));
        // Not an environment: the whole text is the pattern (virtual ids have colons).
        const auto v = ModuleSearchQuery::parse("virtual:switchyard:ssr:/app");
        QVERIFY(v.environment.isEmpty());
        QCOMPARE(v.pattern, QString("virtual:switchyard:ssr:/app"));
    }

    void fuzzyMatchingRanksLikeGoToFile()
    {
        // Exact name, then a name ending with it, then a substring, then fuzzy.
        QVERIFY(moduleMatchScore("Counter.tsx", "/app/src/Counter.tsx") >
                moduleMatchScore("Counter.tsx", "/app/src/MyCounter.tsx"));
        QVERIFY(moduleMatchScore("count", "/app/src/Counter.tsx") >
                moduleMatchScore("count", "/app/src/accounts/list.ts"));
        QVERIFY(moduleMatchScore("cntr", "/app/src/Counter.tsx") > 0);
        QVERIFY(moduleMatchScore("srcctr", "/app/src/Counter.tsx") > 0); // across the path
        QCOMPARE(moduleMatchScore("xyz", "/app/src/Counter.tsx"), -1);
        QVERIFY(moduleMatchScore("COUNTER", "/app/src/Counter.tsx") > 0); // any case
    }

    void searchModulesOverTheModel()
    {
        ModuleGraphModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        test::fillSampleGraph(model);
        QCOMPARE(keys(searchModules(&model, "worker:actions.ts")),
                 (QStringList{moduleKey("worker", "/app/src/actions.ts")}));
        // The client and ssr Counter, then the worker's bridged twin (a longer id).
        QCOMPARE(keys(searchModules(&model, "Counter.tsx")),
                 (QStringList{moduleKey("client", "/app/src/Counter.tsx"),
                              moduleKey("ssr", "/app/src/Counter.tsx"),
                              moduleKey("worker", test::kBridged)}));
        QCOMPARE(keys(searchModules(&model, "worker:cntr")),
                 (QStringList{moduleKey("worker", test::kBridged)}));
        QCOMPARE(searchModules(&model, "client:").size(), 3); // every client module
        QVERIFY(searchModules(&model, "").isEmpty());
        QVERIFY(searchModules(&model, "worker:no-such").isEmpty());
    }

    void searchFieldStepsThroughMatches()
    {
        ModuleGraphModel model;
        test::fillSampleGraph(model);
        QWidget window;
        auto *view = new ModuleGraphView;
        QSignalSpy laidOut(view->graphScene(), &ModuleGraphScene::layoutApplied);
        view->setLanes(true);
        view->setModel(&model);
        auto *bar = new ModuleGraphControlBar(view);
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(bar);
        layout->addWidget(view, 1);
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window)); // F3 is a shortcut of the window
        QTRY_VERIFY(!laidOut.isEmpty());               // the nodes are where the layout put them
        view->fitAll();
        const qreal fitScale = view->transform().m11();

        ModuleSearchBox *box = bar->searchBox();
        QLineEdit *field = box->lineEdit();
        field->setFocus();
        auto *count = box->findChild<QToolButton *>("graphSearchCount");
        QVERIFY(count);
        auto selected = [view] {
            QStringList out;
            for (QGraphicsItem *item : view->graphScene()->selectedItems())
                out << static_cast<ModuleNodeItem *>(item)->key();
            return out;
        };

        QTest::keyClicks(field, "counter");
        QCOMPARE(count->text(), QString("3 matches"));
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(count->text(), QString("1 of 3"));
        QCOMPARE(selected(), QStringList{moduleKey("client", "/app/src/Counter.tsx")});
        // Zoomed to the match: readable, and centred on it.
        QVERIFY(view->transform().m11() >= 1.0);
        QVERIFY(view->transform().m11() > fitScale || fitScale >= 1.0);
        ModuleNodeItem *match = view->graphScene()->node("client", "/app/src/Counter.tsx");
        QVERIFY(view->mapToScene(view->viewport()->rect())
                    .boundingRect()
                    .contains(match->sceneBoundingRect().center()));

        QTest::keyClick(field, Qt::Key_F3);
        QCOMPARE(count->text(), QString("2 of 3"));
        QCOMPARE(selected(), QStringList{moduleKey("ssr", "/app/src/Counter.tsx")});
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(count->text(), QString("3 of 3"));
        QTest::keyClick(field, Qt::Key_F3); // wraps around
        QCOMPARE(count->text(), QString("1 of 3"));
        QTest::keyClick(field, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(count->text(), QString("3 of 3"));
        view->setFocus(); // F3 works from the graph too
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_F3, Qt::ShiftModifier);
        QCOMPARE(count->text(), QString("2 of 3"));

        // The list of matches: picking one goes there.
        QMenu *list = count->menu();
        QVERIFY(list);
        emit list->aboutToShow();
        QCOMPARE(list->actions().size(), 3);
        list->actions().at(2)->trigger();
        QCOMPARE(count->text(), QString("3 of 3"));
        QCOMPARE(selected(), QStringList{moduleKey("worker", test::kBridged)});

        // An environment prefix narrows the matches.
        field->clear();
        QTest::keyClicks(field, "worker:actions");
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(count->text(), QString("1 of 1"));
        QCOMPARE(selected(), QStringList{moduleKey("worker", "/app/src/actions.ts")});

        // No match: said, the selection stays.
        field->clear();
        QTest::keyClicks(field, "ssr:actions");
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(count->text(), QString("no match"));
        QVERIFY2(bar->message().contains("ssr:actions"), qPrintable(bar->message()));
        QCOMPARE(selected(), QStringList{moduleKey("worker", "/app/src/actions.ts")});
    }
};

QTEST_MAIN(TestModuleSearch)
#include "tst_module_search.moc"
