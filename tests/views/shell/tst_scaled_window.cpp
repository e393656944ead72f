// The dashboard at 150% scaling on a 1366x768 laptop screen (issue 12, "the
// default window fits 1366x768 and works at 150% scaling"): the offscreen
// platform given one 1366x768 screen (a configfile) and QT_SCALE_FACTOR=1.5,
// so Qt lays the real main window out in 911x512 device-independent pixels
// and paints it at a device pixel ratio of 1.5. With a real engine on a copy
// of examples/hello, in the default layout: the window fits the screen, the
// status bar is on screen with the server's URL, and at Fit every node's
// label is drawn at 8 px or more (12 px and more on the screen itself).
#include "appCopy.h"
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "shell/mainWindow.h"
#include "shell/shellStatusBar.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace sy;

class TestScaledWindow : public QObject {
    Q_OBJECT
private slots:
    void theScreenIs1366x768At150Percent()
    {
        const QScreen *screen = QGuiApplication::primaryScreen();
        QVERIFY(screen);
        QCOMPARE(screen->devicePixelRatio(), 1.5);
        const QSize devicePixels = screen->geometry().size() * screen->devicePixelRatio();
        QVERIFY2(qAbs(devicePixels.width() - 1366) <= 1 && qAbs(devicePixels.height() - 768) <= 1,
                 qPrintable(
                     QStringLiteral("%1x%2").arg(devicePixels.width()).arg(devicePixels.height())));
    }

    void theDashboardFitsAndReadsAtFit()
    {
        QTemporaryDir app, config;
        QVERIFY(sy::test::copyHelloApp(app.path()));
        QSettings settings(config.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        EngineHost host;
        host.setPort(0);
        host.setWatch(false);
        MainWindow window(host.modules(), host.events(), host.status(), &settings);
        ModuleGraphView *graph = installDashboardViews(window, host);
        window.show(); // at its default size: no resize, as a user first sees it
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(&host, &EngineHost::loaded);
        host.open(app.path());
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 180000);
        ModuleGraphScene *scene = graph->graphScene();
        QTRY_VERIFY_WITH_TIMEOUT(scene->nodeCount() > 10, 20000);

        // The whole window, status bar included, is on the screen.
        const QRect screen = window.screen()->availableGeometry();
        const QRect frame = window.frameGeometry(), inner = window.geometry();
        QVERIFY2(screen.contains(frame),
                 qPrintable(QStringLiteral("window %1x%2 at %3,%4 (inside %5x%6, minimum %7x%8) "
                                           "on %9x%10")
                                .arg(frame.width())
                                .arg(frame.height())
                                .arg(frame.x())
                                .arg(frame.y())
                                .arg(inner.width())
                                .arg(inner.height())
                                .arg(window.minimumSizeHint().width())
                                .arg(window.minimumSizeHint().height())
                                .arg(screen.width())
                                .arg(screen.height())));
        QStatusBar *status = window.statusBar();
        QVERIFY(status->isVisible());
        const QRect statusOnScreen(status->mapToGlobal(QPoint(0, 0)), status->size());
        QVERIFY(screen.contains(statusOnScreen));
        QVERIFY(status->height() >= status->fontMetrics().height());
        auto *url = status->findChild<QLabel *>(QStringLiteral("serverUrl"));
        QVERIFY(url && url->isVisible());
        QTRY_VERIFY(url->text().contains(QStringLiteral("http://")));
        QVERIFY(status->rect().contains(url->geometry()));

        // At Fit, every label readable (in logical pixels; the screen shows
        // them 1.5 times larger).
        for (int attempt = 0; attempt < 20; ++attempt) {
            QTRY_VERIFY_WITH_TIMEOUT(!scene->layoutPending(), 20000);
            const int nodes = scene->nodeCount();
            graph->fitAll();
            window.grab();
            QTest::qWait(50);
            if (!scene->layoutPending() && scene->nodeCount() == nodes)
                break;
        }
        graph->fitAll();
        const QImage image = window.grab().toImage();
        QCOMPARE(image.devicePixelRatio(), 1.5);
        if (const QString dir = qEnvironmentVariable("SY_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(image.save(QDir(dir).filePath(QStringLiteral("graph-1366x768-150pct.png"))));
        for (const ModuleNodeItem *node : scene->nodes()) {
            const QString what = node->state().environment + QLatin1Char(' ') + node->label();
            QVERIFY2(node->drawnLabelPixels() >= 8,
                     qPrintable(what + QStringLiteral(": %1 px").arg(node->drawnLabelPixels())));
            QVERIFY2(node->drawnLabel().size() >= std::min<qsizetype>(4, node->label().size()),
                     qPrintable(what + QStringLiteral(" drawn as ") + node->drawnLabel()));
        }
        host.stop();
    }
};

int main(int argc, char *argv[])
{
    // One 1366x768 screen for the offscreen platform, scaled by 150%.
    QTemporaryDir dir;
    const QString screens = dir.filePath(QStringLiteral("screens.json"));
    QFile file(screens);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(R"({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366,
                   "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + screens.toLocal8Bit());
    qputenv("QT_SCALE_FACTOR", "1.5");
    QApplication app(argc, argv);
    TestScaledWindow test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_scaled_window.moc"
