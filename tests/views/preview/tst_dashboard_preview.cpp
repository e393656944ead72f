// The Preview dock inside the real dashboard: MainWindow + installDashboardViews
// + the engine on its thread (EngineHost) on a copy of examples/hello. The
// dock is a tab behind the module inspector and starts nothing until it is
// shown; shown, its switchyard-preview process loads the in-process dev
// server's page, which hydrates and takes HMR; destroying the window stops
// the process.
#include "../shell/appCopy.h"
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "previewDock.h"
#include "previewPane.h"
#include "previewProcess.h"
#include "shell/engineStatus.h"
#include "shell/mainWindow.h"

#include <QAction>
#include <QFile>
#include <QGuiApplication>
#include <QJsonValue>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>
#include <memory>

using namespace sy;

namespace {

QJsonValue evalIn(PreviewProcess *process, const QString &script)
{
    QSignalSpy answers(process, &PreviewProcess::evaluated);
    const int id = process->evaluate(script);
    for (int waited = 0; id >= 0 && waited < 15000; waited += 20) {
        for (const QList<QVariant> &answer : answers)
            if (answer.at(0).toInt() == id)
                return answer.at(1).toBool() ? answer.at(2).value<QJsonValue>() : QJsonValue();
        QTest::qWait(20);
    }
    return {};
}

} // namespace

class TestDashboardPreview : public QObject {
    Q_OBJECT
private slots:
    void previewDockInTheDashboard()
    {
        QTemporaryDir app, config;
        QVERIFY(sy::test::copyHelloApp(app.path()));
        QSettings settings(config.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        EngineHost host;
        host.setPort(0);
        auto window =
            std::make_unique<MainWindow>(host.modules(), host.events(), host.status(), &settings);
        installDashboardViews(*window, host);
        auto *dock = window->findChild<PreviewDock *>();
        QVERIFY(dock);
        QVERIFY(window->tabifiedDockWidgets(dock).contains(
            window->findChild<QDockWidget *>(QStringLiteral("inspectorDock"))));
        PreviewProcess *process = dock->pane()->process();
        process->setProgram(QStringLiteral(SY_PREVIEW_BINARY));
        window->resize(1400, 900);
        window->show();

        QSignalSpy loadedApp(&host, &EngineHost::loaded);
        host.open(app.path());
        QTRY_VERIFY_WITH_TIMEOUT(!loadedApp.isEmpty(), 120000);
        const QString serverUrl = host.status()->serverUrl();
        QVERIFY(!serverUrl.isEmpty());
        QCOMPARE(dock->pane()->url(), QUrl(serverUrl + "/"));
        // Behind the inspector's tab: no preview process yet.
        QCOMPARE(process->state(), PreviewProcess::State::NotRunning);

        QSignalSpy loaded(process, &PreviewProcess::loaded);
        dock->raise();
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 60000);
        QVERIFY(loaded.first().at(1).toBool());
        QCOMPARE(loaded.first().at(0).toUrl(), QUrl(serverUrl + "/"));
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(process, "document.querySelector('#counter')?.dataset.hydrated ?? ''")
                .toString(),
            QStringLiteral("yes"), 60000);
        QCOMPARE(dock->pane()->isEmbedded(),
                 QGuiApplication::platformName() == QLatin1String("xcb"));

        // HMR from the dashboard's own engine reaches the page in place.
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(process, "window.__SWITCHYARD_HMR__?.connected === true").toBool(), true, 20000);
        evalIn(process, "window.__sameDocument = true");
        const QString home = app.filePath(QStringLiteral("src/app/pages/Home.tsx"));
        QFile file(home);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray original = file.readAll();
        file.close();
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray(original).replace("Hello from Switchyard", "Hello, from the dock"));
        file.close();
        QTRY_COMPARE_WITH_TIMEOUT(
            evalIn(process, "document.querySelector('h1').textContent").toString(),
            QStringLiteral("Hello, from the dock"), 30000);
        QCOMPARE(evalIn(process, "window.__sameDocument === true").toBool(), true);
        // Loaded once: neither the edit nor the status bar's updates
        // (requests per second, generation) reloaded it.
        QCOMPARE(loaded.size(), 1);

        // The window goes: so does the preview process.
        const qint64 pid = process->processId();
        QVERIFY(pid > 0);
        window->close();
        window.reset();
        QVERIFY(::kill(pid_t(pid), 0) == -1 && errno == ESRCH);
        host.stop();
    }
};

QTEST_MAIN(TestDashboardPreview)
#include "tst_dashboard_preview.moc"
