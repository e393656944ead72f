// The module graph is readable at Fit (issue 12, "the graph is the centre"):
// a copy of examples/hello loaded by a real engine into the dashboard's main
// window at 1366x768, 1920x1080 and 1366x768 at 150% scaling (911x512
// logical pixels), offscreen. After Fit every node's label is drawn at 8 px
// or more on screen, package groups stand for node_modules packages and
// pre-bundles, the lane titles fit above the nodes, the graph has most of
// the window, and a dark system palette gives a dark canvas with light
// labels. With SY_SCREENSHOT_DIR set, each case also writes its PNG there
// (the README's screenshots: docs/screenshots/).
#include "appCopy.h"
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "shell/engineStatus.h"
#include "shell/mainWindow.h"
#include "shell/moduleListView.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"
#include "views/selection/moduleSelection.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QPalette>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QStyleFactory>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace sy;

namespace {

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2e, 0x33));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x21, 0x25));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x29, 0x2e));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x33, 0x37, 0x3d));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

} // namespace

class TestGraphReadability : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_app, m_config;
    QSettings *m_settings = nullptr;
    EngineHost *m_host = nullptr;
    MainWindow *m_window = nullptr;
    ModuleGraphView *m_graph = nullptr;

    /// Resizes the window, waits for the layout and fits: the graph as a
    /// user sees it after Fit. Returns the rendered window.
    void fitAt(const QSize &size, QImage *image)
    {
        m_window->resize(size);
        ModuleGraphScene *scene = m_graph->graphScene();
        // The engine may still change the graph (a late lookup invalidation):
        // grab again until a whole frame saw one settled layout.
        for (int attempt = 0; attempt < 20; ++attempt) {
            QCoreApplication::processEvents();
            QTRY_VERIFY_WITH_TIMEOUT(!scene->layoutPending(), 20000);
            const int nodes = scene->nodeCount();
            m_graph->fitAll();
            *image = m_window->grab().toImage();
            QTest::qWait(50);
            if (!scene->layoutPending() && scene->nodeCount() == nodes)
                break;
        }
        m_graph->fitAll();
        *image = m_window->grab().toImage();
    }

    void saveShot(const QImage &image, const QString &name)
    {
        const QString dir = qEnvironmentVariable("SY_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(image.save(QDir(dir).filePath(name)));
    }

    void verifyLabels()
    {
        ModuleGraphScene *scene = m_graph->graphScene();
        QVERIFY(scene->nodeCount() > 10);
        for (const ModuleNodeItem *node : scene->nodes()) {
            const QString what = node->state().environment + QLatin1Char(' ') + node->label();
            const QPointF at = m_graph->viewportTransform().map(node->pos());
            QVERIFY2(node->drawnLabelPixels() >= 8,
                     qPrintable(what + QStringLiteral(": %1 px, at %2,%3 of %4 nodes, scale %5")
                                           .arg(node->drawnLabelPixels())
                                           .arg(at.x())
                                           .arg(at.y())
                                           .arg(scene->nodeCount())
                                           .arg(m_graph->viewportTransform().m11())));
            // The text drawn says something (not only an ellipsis).
            QVERIFY2(node->drawnLabel().size() >= std::min<qsizetype>(4, node->label().size()),
                     qPrintable(what + QStringLiteral(" drawn as ") + node->drawnLabel()));
        }
        // Fit leaves room for the lane titles above the nodes and a margin
        // around them, inside the view.
        const QRectF nodes = m_graph->viewportTransform().mapRect(scene->nodesBoundingRect());
        const QString where = QStringLiteral("%1,%2 %3x%4")
                                  .arg(nodes.left())
                                  .arg(nodes.top())
                                  .arg(nodes.width())
                                  .arg(nodes.height());
        QVERIFY2(nodes.top() >= ModuleGraphScene::kLaneTitlePixels + 10, qPrintable(where));
        QVERIFY2(nodes.left() >= 12, qPrintable(where));
        QVERIFY2(nodes.right() <= m_graph->viewport()->width() - 8, qPrintable(where));
        QVERIFY2(nodes.bottom() <= m_graph->viewport()->height() - 8, qPrintable(where));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(sy::test::copyHelloApp(m_app.path()));
        m_settings =
            new QSettings(m_config.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_host = new EngineHost;
        m_host->setPort(0);
        m_host->setWatch(false);
        m_window =
            new MainWindow(m_host->modules(), m_host->events(), m_host->status(), m_settings);
        m_graph = installDashboardViews(*m_window, *m_host);
        m_window->show();
        QSignalSpy loaded(m_host, &EngineHost::loaded);
        m_host->open(m_app.path());
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 180000);
        QTRY_VERIFY_WITH_TIMEOUT(m_graph->graphScene()->nodeCount() > 10, 20000);
    }

    void cleanupTestCase()
    {
        delete m_window;
        delete m_host;
        delete m_settings;
    }

    void packagesAreGroupedAndIdsRelative()
    {
        ModuleGraphScene *scene = m_graph->graphScene();
        QTRY_VERIFY_WITH_TIMEOUT(!scene->layoutPending(), 20000);
        QStringList groups;
        for (const ModuleNodeItem *node : scene->nodes()) {
            if (node->state().groupSize > 0)
                groups << node->state().environment + QLatin1Char(' ') + node->label();
            // No node of a package shows on its own while its group is collapsed.
            QVERIFY2(!node->state().id.contains(QLatin1String("/node_modules/")) &&
                         !node->state().id.contains(QLatin1String("/.switchyard/deps_")),
                     qPrintable(node->state().id));
        }
        QVERIFY2(groups.contains(QStringLiteral("client react")), qPrintable(groups.join(", ")));
        QVERIFY2(groups.contains(QStringLiteral("worker rwsdk")), qPrintable(groups.join(", ")));
        QVERIFY2(groups.contains(QStringLiteral("worker ssr:react")),
                 qPrintable(groups.join(", ")));
        // Tooltips give the id as Vite shows it: relative to the app.
        const QString home =
            QFileInfo(m_app.path() + "/src/app/pages/Home.tsx").canonicalFilePath();
        ModuleNodeItem *node = scene->node(QStringLiteral("worker"), home);
        QVERIFY(node);
        QCOMPARE(node->label(), QStringLiteral("Home.tsx"));
        QCOMPARE(node->toolTip().section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("/src/app/pages/Home.tsx"));
        // The module list shows ids the same way.
        QTreeView *table = m_window->moduleList()->view();
        auto *delegate = qobject_cast<QStyledItemDelegate *>(
            table->itemDelegateForColumn(ModuleGraphModel::IdColumn));
        QVERIFY(delegate);
        QStringList shown;
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            const QModelIndex i = table->model()->index(r, ModuleGraphModel::IdColumn);
            if (i.data().toString() == home)
                shown << delegate->displayText(i.data(), QLocale());
        }
        QVERIFY(!shown.isEmpty());
        for (const QString &text : std::as_const(shown))
            QCOMPARE(text, QStringLiteral("/src/app/pages/Home.tsx"));
        // Two actions.ts (src/app and src/app/visitors) are told apart.
        const QString actions = QFileInfo(m_app.path() + "/src/app/actions.ts").canonicalFilePath();
        const QString visitorActions =
            QFileInfo(m_app.path() + "/src/app/visitors/actions.ts").canonicalFilePath();
        QVERIFY(scene->node("worker", actions) && scene->node("worker", visitorActions));
        QCOMPARE(scene->node("worker", actions)->label(), QStringLiteral("app/actions.ts"));
        QCOMPARE(scene->node("worker", visitorActions)->label(),
                 QStringLiteral("visitors/actions.ts"));
    }

    void aModuleInsideAPackageSelectsItsGroup()
    {
        // Selected elsewhere (module list, timeline, search): a module of a
        // collapsed package selects the package's node in the graph.
        auto *selection = m_window->findChild<ModuleSelection *>();
        QVERIFY(selection);
        QString reactModule;
        for (int r = 0; r < m_host->modules()->rowCount(); ++r) {
            const QModelIndex i = m_host->modules()->index(r, 0);
            const QString id = i.data(ModuleGraphModel::IdRole).toString();
            if (i.data(ModuleGraphModel::EnvironmentRole).toString() == QLatin1String("client") &&
                id.endsWith(QLatin1String("/deps_client/react.js")))
                reactModule = id;
        }
        QVERIFY(!reactModule.isEmpty());
        selection->select({{QStringLiteral("client"), reactModule}});
        const QList<QGraphicsItem *> selected = m_graph->graphScene()->selectedItems();
        QCOMPARE(selected.size(), 1);
        auto *node = qgraphicsitem_cast<ModuleNodeItem *>(selected.first());
        QVERIFY(node);
        QCOMPARE(node->state().id, QStringLiteral("package:react"));
        selection->clear();
    }

    void labelsReadableAtFit_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("graphOnly");
        QTest::addColumn<QString>("shot");
        QTest::newRow("1366x768") << QSize(1366, 768) << false
                                  << QStringLiteral("graph-1366x768.png");
        QTest::newRow("1920x1080")
            << QSize(1920, 1080) << false << QStringLiteral("graph-1920x1080.png");
        // 1366x768 at 150% scaling: 911x512 device-independent pixels. The
        // window fits; there the graph is read with View > Graph Only (F11).
        QTest::newRow("1366x768@150%")
            << QSize(911, 512) << true << QStringLiteral("graph-only-911x512.png");
    }

    void labelsReadableAtFit()
    {
        QFETCH(QSize, size);
        QFETCH(bool, graphOnly);
        QFETCH(QString, shot);
        auto *graphOnlyAction = m_window->findChild<QAction *>(QStringLiteral("actionGraphOnly"));
        QVERIFY(graphOnlyAction);
        QImage image;
        fitAt(size, &image);
        // The window takes the size (its minimum fits the screen), status bar included.
        QCOMPARE(m_window->size(), size);
        QVERIFY(m_window->statusBar()->geometry().bottom() < size.height());
        if (graphOnly) {
            graphOnlyAction->trigger(); // F11
            fitAt(size, &image);
            for (const QDockWidget *dock : m_window->findChildren<QDockWidget *>())
                QVERIFY(!dock->isVisible());
        }
        verifyLabels();
        // The graph has most of the window.
        const QSize graph = m_graph->viewport()->size();
        QVERIFY2(graph.width() * graph.height() >= 0.45 * size.width() * size.height(),
                 qPrintable(QStringLiteral("%1x%2").arg(graph.width()).arg(graph.height())));
        if (!shot.isEmpty())
            saveShot(image, shot);
        if (graphOnly) { // F11 again: the docks come back
            graphOnlyAction->trigger();
            QVERIFY(
                m_window->findChild<QDockWidget *>(QStringLiteral("timelineDock"))->isVisible());
        }
    }

    void helpListsTheKeyboardShortcuts()
    {
        auto *action = m_window->findChild<QAction *>(QStringLiteral("actionKeyboardShortcuts"));
        QVERIFY(action);
        action->trigger();
        auto *dialog = m_window->findChild<QDialog *>(QStringLiteral("keyboardShortcutsDialog"));
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableWidget *>();
        QVERIFY(table && table->rowCount() >= 8);
        QStringList keys;
        for (int r = 0; r < table->rowCount(); ++r)
            keys << table->item(r, 0)->text();
        QVERIFY2(keys.contains(QStringLiteral("F11")) && keys.contains(QStringLiteral("Escape")),
                 qPrintable(keys.join(", ")));
        dialog->close();
    }

    void followsADarkPalette()
    {
        const QPalette light = QApplication::palette();
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        QImage image;
        fitAt(QSize(1366, 768), &image);
        verifyLabels();
        // The canvas is dark: the graph's top-left corner (above the lanes).
        const QPoint corner = m_graph->viewport()->mapTo(m_window, QPoint(2, 2));
        QVERIFY2(QColor(image.pixel(corner)).lightness() < 80,
                 qPrintable(QColor(image.pixel(corner)).name()));
        saveShot(image, QStringLiteral("graph-dark-1366x768.png"));
        QApplication::setPalette(light);
    }
};

QTEST_MAIN(TestGraphReadability)
#include "tst_graph_readability.moc"
