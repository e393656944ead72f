// The dashboard's Preview dock on a real dev server (`switchyard serve` on a
// copy of examples/hello) with the real `switchyard-preview` process: the page
// loads and hydrates (checked through the eval command), HMR reaches it,
// Reload reloads, a killed preview is reported and restarted, closing the
// dock or the window stops the process. Run twice by CTest: offscreen (the
// preview stays a window of its own) and under Xvfb (xcb: it is embedded and
// its pixels appear inside the dock).
#include "../distinctColours.h"
#include "../shell/appCopy.h"
#include "previewDock.h"
#include "previewPane.h"
#include "previewProcess.h"
#include "shell/engineStatus.h"

#include <QAction>
#include <QDesktopServices>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTranslator>
#include <cerrno>
#include <csignal>
#include <memory>

using namespace sy;

namespace {

/// Runs `script` in the preview's page; waits for its answer.
QJsonValue evalIn(PreviewProcess *process, const QString &script, QString *error = nullptr)
{
    QSignalSpy answers(process, &PreviewProcess::evaluated);
    const int id = process->evaluate(script);
    if (id < 0) {
        if (error)
            *error = QStringLiteral("not running");
        return {};
    }
    for (int waited = 0; waited < 15000; waited += 20) {
        for (const QList<QVariant> &answer : answers)
            if (answer.at(0).toInt() == id) {
                if (error)
                    *error = answer.at(3).toString();
                return answer.at(1).toBool() ? answer.at(2).value<QJsonValue>() : QJsonValue();
            }
        QTest::qWait(20);
    }
    if (error)
        *error = QStringLiteral("no answer");
    return {};
}

/// The example's counter says the client hydrated it.
#define WAIT_FOR_HYDRATION(process)                                                                \
    QTRY_COMPARE_WITH_TIMEOUT(                                                                     \
        evalIn(process, "document.querySelector('#counter')?.dataset.hydrated ?? ''").toString(),  \
        QStringLiteral("yes"), 60000)

bool processGone(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == -1 && errno == ESRCH;
}

/// Receives QDesktopServices::openUrl("http://...") calls.
class UrlCatcher : public QObject {
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void open(const QUrl &url) { urls << url; }
};

/// A main window with the Preview dock and another dock it is tabbed with.
struct Dashboard {
    EngineStatus status;
    QMainWindow *window = new QMainWindow;
    PreviewDock *dock = new PreviewDock(&status, window);
    QDockWidget *other = new QDockWidget(QStringLiteral("Other"), window);

    Dashboard()
    {
        window->setCentralWidget(new QTextEdit);
        window->addDockWidget(Qt::RightDockWidgetArea, dock);
        other->setWidget(new QTextEdit);
        window->addDockWidget(Qt::RightDockWidgetArea, other);
        window->tabifyDockWidget(other, dock);
        dock->raise();
        dock->pane()->process()->setProgram(QStringLiteral(SY_PREVIEW_BINARY));
        window->resize(1400, 900);
    }
    ~Dashboard() { delete window; }
    PreviewPane *pane() const { return dock->pane(); }
    PreviewProcess *process() const { return dock->pane()->process(); }
};

} // namespace

class TestPreviewDock : public QObject {
    Q_OBJECT
    QTemporaryDir m_app;
    QProcess m_server;
    QString m_origin;
    bool m_xcb = false;

private slots:
    void initTestCase()
    {
        m_xcb = QGuiApplication::platformName() == QLatin1String("xcb");
        qInfo("platform: %s", qPrintable(QGuiApplication::platformName()));
        QVERIFY(sy::test::copyHelloApp(m_app.path()));
        m_server.setProcessChannelMode(QProcess::MergedChannels);
        m_server.start(
            QStringLiteral(SY_SWITCHYARD_BINARY),
            {QStringLiteral("serve"), m_app.path(), QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(m_server.waitForStarted());
        const QRegularExpression url(QStringLiteral(R"((http://127\.0\.0\.1:\d+)/)"));
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT(
            (output += m_server.readAll(), url.match(QString::fromUtf8(output)).hasMatch()),
            120000);
        m_origin = url.match(QString::fromUtf8(output)).captured(1);
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        m_server.waitForFinished(10000);
    }

    void commandsFollowTheEngineStatus()
    {
        // A stand-in preview that records the commands it gets: the dock
        // starts it with the server's URL, shows it, navigates only when the
        // URL changes (not on every status update: requests/s change every
        // second) and asks it to quit when the dock closes.
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("commands.log"));
        const QString fake = dir.filePath(QStringLiteral("fake-preview"));
        QFile script(fake);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(
            QStringLiteral("#!/bin/sh\n"
                           "echo \"$@\" > '%1.args'\n"
                           "echo '{\"event\":\"ready\",\"winId\":0,\"platform\":\"fake\"}'\n"
                           "exec cat > '%1'\n")
                .arg(log)
                .toUtf8());
        script.close();
        QVERIFY(script.setPermissions(script.permissions() | QFile::ExeOwner));

        Dashboard d;
        d.process()->setProgram(fake);
        QSignalSpy ready(d.process(), &PreviewProcess::ready);
        d.window->show();
        d.status.setLoading(m_app.path());
        d.status.setReady(QStringLiteral("hello"), QStringLiteral("http://127.0.0.1:1111"));
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
        for (int rate = 1; rate <= 5; ++rate)
            d.status.setRequestsPerSecond(rate);
        d.status.setGeneration(2);
        d.status.setLoading(m_app.path()); // another app: a new server URL
        d.status.setReady(QStringLiteral("hello"), QStringLiteral("http://127.0.0.1:2222"));
        d.status.setRequestsPerSecond(7);
        d.dock->close();
        QTRY_COMPARE_WITH_TIMEOUT(d.process()->state(), PreviewProcess::State::NotRunning, 20000);

        QFile args(log + QStringLiteral(".args"));
        QVERIFY(args.open(QIODevice::ReadOnly));
        QVERIFY2(args.readAll().trimmed().endsWith("http://127.0.0.1:1111/"), "started on the URL");
        QFile commands(log);
        QVERIFY(commands.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = commands.readAll().trimmed().split('\n');
        QCOMPARE(lines, (QList<QByteArray>{
                            R"({"cmd":"show"})",
                            R"({"cmd":"navigate","url":"http://127.0.0.1:2222/"})",
                            R"({"cmd":"quit"})",
                        }));
    }

    void paneSpeaksGermanAndJapanese_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("dock");
        QTest::addColumn<QString>("reload");
        QTest::addColumn<QString>("waiting");
        QTest::newRow("de") << "de"
                            << "Vorschau"
                            << "Neu laden"
                            << "Die Vorschau startet, sobald der Dev-Server läuft.";
        QTest::newRow("ja") << "ja" << QString::fromUtf8("プレビュー")
                            << QString::fromUtf8("再読み込み")
                            << QString::fromUtf8(
                                   "開発サーバーが起動するとプレビューが始まります。");
    }

    void paneSpeaksGermanAndJapanese()
    {
        QFETCH(QString, language);
        QFETCH(QString, dock);
        QFETCH(QString, reload);
        QFETCH(QString, waiting);
        QTranslator translator;
        QVERIFY(
            translator.load(QStringLiteral("switchyard_") + language, QStringLiteral(SY_QM_DIR)));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        auto uninstall = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });
        EngineStatus status;
        PreviewDock preview(&status);
        QCOMPARE(preview.windowTitle(), dock);
        QCOMPARE(preview.pane()->reloadAction()->text(), reload);
        QCOMPARE(preview.pane()->statusText(), waiting);
    }

    void nothingRunsWithoutAServer()
    {
        Dashboard d;
        d.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(d.window));
        QVERIFY(d.pane()->isActive());
        QCOMPARE(d.process()->state(), PreviewProcess::State::NotRunning);
        QVERIFY(d.pane()->statusText().contains(QStringLiteral("dev server")));
        QVERIFY(!d.pane()->reloadAction()->isEnabled());
        QVERIFY(!d.pane()->openInBrowserAction()->isEnabled());
    }

    void pageLoadsHydratesAndCounts()
    {
        Dashboard d;
        QSignalSpy ready(d.process(), &PreviewProcess::ready);
        QSignalSpy loaded(d.process(), &PreviewProcess::loaded);
        d.status.setLoading(m_app.path());
        d.status.setReady(QStringLiteral("hello"), m_origin);
        // Not started while the dock was never shown.
        QCOMPARE(d.process()->state(), PreviewProcess::State::NotRunning);
        d.window->show();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        QCOMPARE(loaded.first().at(1).toBool(), true);
        QCOMPARE(loaded.first().at(0).toUrl(), QUrl(m_origin + "/"));
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.first().at(1).toString(), QGuiApplication::platformName());
        QCOMPARE(d.process()->state(), PreviewProcess::State::Running);

        QCOMPARE(evalIn(d.process(), "document.querySelector('h1').textContent").toString(),
                 QStringLiteral("Hello from Switchyard"));
        WAIT_FOR_HYDRATION(d.process());
        evalIn(d.process(), "document.querySelector('#increment').click()");
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(d.process(), "document.querySelector('#count').textContent").toString(),
            QStringLiteral("2"), 10000);

        // The page's console reaches the pane's console.
        const int errorsBefore = d.pane()->consoleErrors();
        evalIn(d.process(), "console.error('preview console check'), 1");
        QTRY_VERIFY(d.pane()->console()->toPlainText().contains(
            QStringLiteral("error: preview console check")));
        QCOMPARE(d.pane()->consoleErrors(), errorsBefore + 1);
        QVERIFY(d.pane()->consoleAction()->text().contains(QString::number(errorsBefore + 1)));

        // Embedded where the windowing system allows it, else its own window.
        QCOMPARE(d.pane()->isEmbedded(), m_xcb);
        if (m_xcb) {
            QWidget *container = d.pane()->embeddedContainer();
            QVERIFY(container->isVisible());
            QVERIFY(container->width() > 200 && container->height() > 200);
            // The page's pixels are inside the dock: grab the screen there.
            const QPoint origin = container->mapToGlobal(QPoint(0, 0));
            QImage shot;
            QTRY_VERIFY_WITH_TIMEOUT(
                (shot = d.window->screen()
                            ->grabWindow(0, origin.x(), origin.y(), container->width(),
                                         container->height())
                            .toImage(),
                 sy::test::distinctColours(shot, 3) > 4),
                20000);
        } else {
            QVERIFY2(d.pane()->statusText().contains(QStringLiteral("own window")),
                     qPrintable(d.pane()->statusText()));
            QVERIFY2(d.pane()->statusText().contains(QStringLiteral("Loaded")),
                     qPrintable(d.pane()->statusText()));
        }

        // Open in Browser hands the page's URL to the desktop.
        UrlCatcher catcher;
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &catcher, "open");
        QVERIFY(d.pane()->openInBrowserAction()->isEnabled());
        d.pane()->openInBrowserAction()->trigger();
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
        QCOMPARE(catcher.urls, (QList<QUrl>{QUrl(m_origin + "/")}));
    }

    void evalReportsErrors()
    {
        Dashboard d;
        QSignalSpy loaded(d.process(), &PreviewProcess::loaded);
        d.status.setReady(QStringLiteral("hello"), m_origin);
        d.window->show();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        QString error;
        evalIn(d.process(), "throw new TypeError('no such thing')", &error);
        QVERIFY2(error.contains(QStringLiteral("TypeError: no such thing")), qPrintable(error));
        QCOMPARE(evalIn(d.process(), "({a: [1, 2], b: 'x'})", &error).toObject(),
                 (QJsonObject{{"a", QJsonArray{1, 2}}, {"b", "x"}}));
        QVERIFY(error.isEmpty());
    }

    void hmrReachesThePreview()
    {
        Dashboard d;
        QSignalSpy loaded(d.process(), &PreviewProcess::loaded);
        d.status.setReady(QStringLiteral("hello"), m_origin);
        d.window->show();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        WAIT_FOR_HYDRATION(d.process());
        // The HMR client's WebSocket passed the server's Host/Origin checks.
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(d.process(), "window.__SWITCHYARD_HMR__?.connected === true").toBool(), true,
            20000);
        evalIn(d.process(), "document.querySelector('#increment').click(); "
                            "window.__sameDocument = true");
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(d.process(), "document.querySelector('#count').textContent").toString(),
            QStringLiteral("2"), 10000);

        const QString home = m_app.filePath(QStringLiteral("src/app/pages/Home.tsx"));
        QFile file(home);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray original = file.readAll();
        file.close();
        QVERIFY(original.contains("Hello from Switchyard"));
        auto restore = qScopeGuard([&] {
            QFile out(home);
            if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
                out.write(original);
        });
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray(original).replace("Hello from Switchyard", "Hello, edited live"));
        file.close();
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(d.process(), "document.querySelector('h1').textContent").toString(),
            QStringLiteral("Hello, edited live"), 30000);
        // In place: same document, the client state kept, no new page load.
        QCOMPARE(evalIn(d.process(), "window.__sameDocument === true").toBool(), true);
        QCOMPARE(evalIn(d.process(), "document.querySelector('#count').textContent").toString(),
                 QStringLiteral("2"));
        QCOMPARE(loaded.size(), 1);
        restore.dismiss();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(original);
        file.close();
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(d.process(), "document.querySelector('h1').textContent").toString(),
            QStringLiteral("Hello from Switchyard"), 30000);
    }

    // React Fast Refresh in QtWebEngine 6.4 (Chromium 102): the refresh runtime and the
    // refreshed component parse and run there; an edit keeps the count and the document.
    void fastRefreshReachesThePreview()
    {
        Dashboard d;
        QSignalSpy loaded(d.process(), &PreviewProcess::loaded);
        d.status.setReady(QStringLiteral("hello"), m_origin);
        d.window->show();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        WAIT_FOR_HYDRATION(d.process());
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(d.process(), "window.__SWITCHYARD_HMR__?.connected === true").toBool(), true,
            20000);
        evalIn(d.process(), "document.querySelector('#increment').click(); "
                            "document.querySelector('#increment').click(); "
                            "window.__sameDocument = true");
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(d.process(), "document.querySelector('#count').textContent").toString(),
            QStringLiteral("3"), 10000);

        const QString counter = m_app.filePath(QStringLiteral("src/app/components/Counter.tsx"));
        QFile file(counter);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray original = file.readAll();
        file.close();
        QVERIFY(original.contains(">\n        Increment\n"));
        auto restore = qScopeGuard([&] {
            QFile out(counter);
            if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
                out.write(original);
        });
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray(original).replace(">\n        Increment\n", ">\n        Add one\n"));
        file.close();
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(d.process(), "document.querySelector('#increment').textContent.trim()")
                .toString(),
            QStringLiteral("Add one"), 30000);
        QCOMPARE(evalIn(d.process(), "window.__sameDocument === true").toBool(), true);
        QCOMPARE(evalIn(d.process(), "document.querySelector('#count').textContent").toString(),
                 QStringLiteral("3"));
        QCOMPARE(loaded.size(), 1);
    }

    void reloadReloadsThePage()
    {
        Dashboard d;
        QSignalSpy loaded(d.process(), &PreviewProcess::loaded);
        d.status.setReady(QStringLiteral("hello"), m_origin);
        d.window->show();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        WAIT_FOR_HYDRATION(d.process());
        evalIn(d.process(), "window.__beforeReload = true");
        QCOMPARE(evalIn(d.process(), "window.__beforeReload === true").toBool(), true);
        QVERIFY(d.pane()->reloadAction()->isEnabled());
        d.pane()->reloadAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 60000);
        QVERIFY(loaded.last().at(1).toBool());
        QCOMPARE(evalIn(d.process(), "window.__beforeReload === undefined").toBool(), true);
        WAIT_FOR_HYDRATION(d.process());
    }

    void crashIsReportedAndRestarted()
    {
        Dashboard d;
        QSignalSpy loaded(d.process(), &PreviewProcess::loaded);
        QSignalSpy crashed(d.process(), &PreviewProcess::crashed);
        d.status.setReady(QStringLiteral("hello"), m_origin);
        d.window->show();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);

        // Killed: reported, and launched again on the same page by itself.
        const qint64 first = d.process()->processId();
        QVERIFY(first > 0);
        QCOMPARE(::kill(pid_t(first), SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(crashed.size(), 1, 20000);
        QVERIFY2(crashed.first().at(0).toString().contains(QStringLiteral("signal 9")),
                 qPrintable(crashed.first().at(0).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 60000);
        QVERIFY(loaded.last().at(1).toBool());
        QCOMPARE(d.process()->state(), PreviewProcess::State::Running);
        QVERIFY(d.process()->processId() != first);
        WAIT_FOR_HYDRATION(d.process());
        QCOMPARE(d.pane()->isEmbedded(), m_xcb);

        // Without automatic restarts it stays crashed, says so and offers
        // Restart, which brings it back.
        d.process()->setMaxAutoRestarts(0);
        QCOMPARE(::kill(pid_t(d.process()->processId()), SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(d.process()->state(), PreviewProcess::State::Crashed, 20000);
        QCOMPARE(crashed.size(), 2);
        QVERIFY(!d.pane()->isEmbedded());
        QVERIFY2(d.pane()->statusText().contains(QStringLiteral("crashed")),
                 qPrintable(d.pane()->statusText()));
        QVERIFY(!d.pane()->reloadAction()->isEnabled());
        QVERIFY(d.pane()->restartAction()->isEnabled());
        QCOMPARE(d.process()->evaluate(QStringLiteral("1")), -1);
        d.pane()->restartAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 3, 60000);
        QCOMPARE(d.process()->state(), PreviewProcess::State::Running);
        WAIT_FOR_HYDRATION(d.process());
        QCOMPARE(d.pane()->isEmbedded(), m_xcb);
    }

    void aCrashedRendererIsReportedAndReloadRecovers()
    {
        Dashboard d;
        QSignalSpy loaded(d.process(), &PreviewProcess::loaded);
        QSignalSpy renderer(d.process(), &PreviewProcess::rendererTerminated);
        QSignalSpy crashed(d.process(), &PreviewProcess::crashed);
        d.status.setReady(QStringLiteral("hello"), m_origin);
        d.window->show();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        const qint64 pid = d.process()->processId();

        // Chromium's crash URL kills the page's renderer, not the preview.
        d.process()->navigate(QUrl(QStringLiteral("chrome://crash")));
        QTRY_COMPARE_WITH_TIMEOUT(renderer.size(), 1, 30000);
        QCOMPARE(renderer.first().at(0).toString(), QStringLiteral("crashed"));
        QVERIFY(d.pane()->console()->toPlainText().contains(QStringLiteral("renderer process")));
        QCOMPARE(d.process()->state(), PreviewProcess::State::Running);
        QCOMPARE(d.process()->processId(), pid);
        QVERIFY(crashed.isEmpty());

        const qsizetype loads = loaded.size();
        d.pane()->reloadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() > loads, 60000);
        QVERIFY(loaded.last().at(1).toBool());
        QCOMPARE(loaded.last().at(0).toUrl(), QUrl(m_origin + "/"));
        WAIT_FOR_HYDRATION(d.process());
    }

    void anotherTabOrFloatingKeepsItRunningClosingTheDockStopsIt()
    {
        Dashboard d;
        QSignalSpy loaded(d.process(), &PreviewProcess::loaded);
        d.status.setReady(QStringLiteral("hello"), m_origin);
        d.window->show();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        const qint64 pid = d.process()->processId();

        // Behind another tab it keeps running (visibilityChanged(false), but
        // not closed).
        QSignalSpy visibility(d.dock, &QDockWidget::visibilityChanged);
        d.other->raise();
        QTRY_VERIFY(!visibility.isEmpty() && !visibility.last().at(0).toBool());
        QCOMPARE(d.process()->state(), PreviewProcess::State::Running);
        QCOMPARE(d.process()->processId(), pid);
        d.dock->raise();
        QTRY_VERIFY(visibility.last().at(0).toBool());
        QCOMPARE(d.process()->processId(), pid);

        // Floated and docked again: the same process and page, still
        // embedded where embedding works.
        evalIn(d.process(), "window.__kept = true");
        d.dock->setFloating(true);
        QTRY_VERIFY(d.dock->isVisible());
        QCOMPARE(d.process()->processId(), pid);
        QCOMPARE(d.pane()->isEmbedded(), m_xcb);
        d.dock->setFloating(false);
        d.dock->raise();
        QTRY_VERIFY(d.dock->isVisible());
        QCOMPARE(d.process()->processId(), pid);
        QCOMPARE(evalIn(d.process(), "window.__kept === true").toBool(), true);
        QCOMPARE(loaded.size(), 1);

        // Closed from the View menu: stopped.
        d.dock->toggleViewAction()->trigger();
        QVERIFY(d.dock->isHidden());
        QTRY_COMPARE_WITH_TIMEOUT(d.process()->state(), PreviewProcess::State::NotRunning, 20000);
        QVERIFY(processGone(pid));
        QVERIFY(!d.pane()->isEmbedded());

        // Shown again (View menu, then its tab): a new preview; its close
        // button stops that one.
        d.dock->toggleViewAction()->trigger();
        d.dock->raise();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 60000);
        const qint64 second = d.process()->processId();
        QVERIFY(second != pid);
        d.dock->close();
        QTRY_COMPARE_WITH_TIMEOUT(d.process()->state(), PreviewProcess::State::NotRunning, 20000);
        QVERIFY(processGone(second));
    }

    void closingTheWindowStopsIt()
    {
        auto d = std::make_unique<Dashboard>();
        QSignalSpy loaded(d->process(), &PreviewProcess::loaded);
        d->status.setReady(QStringLiteral("hello"), m_origin);
        d->window->show();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        const qint64 pid = d->process()->processId();
        QVERIFY(!processGone(pid));
        d->window->close();
        d.reset();
        QVERIFY(processGone(pid));
    }

    void aPreviewThatCannotStartIsReported()
    {
        Dashboard d;
        d.process()->setProgram(m_app.filePath(QStringLiteral("no-such-preview")));
        QSignalSpy crashed(d.process(), &PreviewProcess::crashed);
        d.status.setReady(QStringLiteral("hello"), m_origin);
        d.window->show();
        QTRY_COMPARE_WITH_TIMEOUT(crashed.size(), 1, 20000);
        QCOMPARE(d.process()->state(), PreviewProcess::State::Crashed);
        QVERIFY2(d.pane()->statusText().contains(QStringLiteral("no-such-preview")),
                 qPrintable(d.pane()->statusText()));
    }
};

QTEST_MAIN(TestPreviewDock)
#include "tst_preview_dock.moc"
