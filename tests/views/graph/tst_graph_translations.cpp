// The graph view's words are found at run time: with translations/*.ts
// compiled and installed, the control bar, the node badges and the lane of
// other environments come out in German and Japanese (they are looked up in
// the contexts tr() uses at run time, sy::<Class>).
#include "graph/moduleGraphModel.h"
#include "sampleGraph.h"
#include "views/graph/moduleGraphControlBar.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

using namespace sy;

class TestGraphTranslations : public QObject {
    Q_OBJECT
private:
    QTranslator m_translator;

    void install(const QString &language)
    {
        QCoreApplication::removeTranslator(&m_translator);
        QVERIFY(
            m_translator.load(QStringLiteral("switchyard_") + language, QStringLiteral(SY_QM_DIR)));
        QVERIFY(QCoreApplication::installTranslator(&m_translator));
    }

private slots:
    void cleanup() { QCoreApplication::removeTranslator(&m_translator); }

    void controlBar_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("why");
        QTest::addColumn<QString>("all");
        QTest::addColumn<QString>("focusTwoLevels");
        QTest::newRow("de") << "de"
                            << "Warum ist das hier?"
                            << "Alle Umgebungen (Spuren)"
                            << "Fokus auf main.tsx in client: Importeure und Importe 2 Ebenen tief";
        QTest::newRow("ja")
            << "ja" << QString::fromUtf8("なぜここにある?")
            << QString::fromUtf8("すべての環境 (レーン)")
            << QString::fromUtf8(
                   "client の main.tsx にフォーカス: インポート元とインポート先を 2 段");
    }

    void controlBar()
    {
        QFETCH(QString, language);
        install(language);
        ModuleGraphModel model;
        test::fillSampleGraph(model);
        ModuleGraphView view;
        view.setModel(&model);
        ModuleGraphControlBar bar(&view);
        QFETCH(QString, why);
        QFETCH(QString, all);
        QCOMPARE(bar.findChild<QToolButton *>("graphWhy")->text(), why);
        QCOMPARE(bar.findChild<QComboBox *>("graphEnvironment")->itemText(0), all);
        QVERIFY(!bar.findChild<QLineEdit *>("graphSearch")->placeholderText().startsWith("Find"));

        // A plural message: the depth is a number of levels.
        view.graphScene()->selectKeys(
            {view.graphScene()->node("client", "/app/src/main.tsx")->key()});
        bar.findChild<QToolButton *>("graphFocus")->click();
        QFETCH(QString, focusTwoLevels);
        QCOMPARE(bar.message(), focusTwoLevels);
    }

    void badgesAndLanes()
    {
        install("de");
        ModuleNodeState state;
        state.environment = "worker";
        state.id = "/app/src/App.tsx";
        state.stale = true;
        state.invalidation = "soft";
        state.browserHash = "abc123";
        state.isVirtual = true;
        state.useClient = true;
        const ModuleNodeItem node(state);
        QCOMPARE(node.badges(), (QStringList{"VERALTET", "invalidiert", "Abh. abc123", "virtuell",
                                             "use client"})); // directives stay code
        QCOMPARE(ModuleGraphScene::tr("other"), QString("andere"));

        install("ja");
        QCOMPARE(node.badges().first(), QString::fromUtf8("古い"));
    }

    void frameworkRolesAndDirectiveTransforms()
    {
        // The model names rwsdk's modules and the directive transforms in the
        // user's language (the graph's badges and the inspector take its labels).
        install("de");
        QCOMPARE(ModuleGraphModel::roleLabel("ssr-bridge"), QString::fromUtf8("SSR-Brücke"));
        QCOMPARE(ModuleGraphModel::roleLabel("request-state"), QString("Anfragezustand (fixiert)"));
        QCOMPARE(ModuleGraphModel::directiveTransformLabel("client-references"),
                 QString("Client-Referenz-Stubs"));
        install("ja");
        QCOMPARE(ModuleGraphModel::roleLabel("client-lookup"),
                 QString::fromUtf8("クライアント参照表"));
        QCOMPARE(ModuleGraphModel::directiveTransformLabel("server-reference-stubs"),
                 QString::fromUtf8("サーバー参照スタブ"));
    }
};

QTEST_MAIN(TestGraphTranslations)
#include "tst_graph_translations.moc"
