// The dashboard shell on a real app: the engine thread loads a copy of
// examples/hello, the module list fills with all three environments, the
// search box filters, the status bar shows the server URL and three
// browserHashes and a link to what of the app's vite.config is not applied;
// the engine's requests reach the event list and the rate.
#include "appCopy.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "requestRate.h"
#include "shell/engineStatus.h"
#include "shell/eventListView.h"
#include "shell/mainWindow.h"
#include "shell/moduleListView.h"
#include "shell/recentProjects.h"
#include "shell/shellStatusBar.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <memory>

using namespace sy;

namespace {
using Tester = QAbstractItemModelTester;
constexpr auto kFail = QAbstractItemModelTester::FailureReportingMode::QtTest;
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir m_app;
    QTemporaryDir m_config;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<EngineHost> m_host;
    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<Tester>> m_testers;

private slots:
    void initTestCase()
    {
        QVERIFY(m_app.isValid());
        QVERIFY(sy::test::copyHelloApp(m_app.path()));
        // A Vite plugin Switchyard does not run (and that is not installed).
        QFile config(m_app.filePath(QStringLiteral("vite.config.mts")));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("import inspect from \"vite-plugin-inspect\";\n"
                     "export default { plugins: [inspect()] };\n");
        config.close();
        m_settings = std::make_unique<QSettings>(m_config.filePath(QStringLiteral("s.ini")),
                                                 QSettings::IniFormat);
        m_host = std::make_unique<EngineHost>();
        m_host->setPort(0);
        m_window = std::make_unique<MainWindow>(m_host->modules(), m_host->events(),
                                                m_host->status(), m_settings.get());
        for (QAbstractItemModel *model :
             {static_cast<QAbstractItemModel *>(m_host->modules()),
              static_cast<QAbstractItemModel *>(m_host->events()),
              static_cast<QAbstractItemModel *>(m_window->moduleList()->proxy()),
              static_cast<QAbstractItemModel *>(m_window->eventList()->proxy())})
            m_testers.push_back(std::make_unique<Tester>(model, kFail));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_host->stop();
        m_testers.clear();
        m_window.reset();
        m_host.reset();
    }

    void opensTheAppOnTheEngineThread()
    {
        QSignalSpy loaded(m_host.get(), &EngineHost::loaded);
        QSignalSpy failed(m_host.get(), &EngineHost::failed);
        m_host->open(m_app.path());
        QCOMPARE(m_host->status()->state(), EngineStatus::State::Loading);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1 || failed.count() == 1, 120000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QCOMPARE(m_host->status()->state(), EngineStatus::State::Ready);

        ModuleGraphModel *modules = m_host->modules();
        QVERIFY(modules->rowCount() > 0);
        QSet<QString> environments;
        for (int row = 0; row < modules->rowCount(); ++row)
            environments.insert(
                modules->index(row, ModuleGraphModel::EnvironmentColumn).data().toString());
        QCOMPARE(environments, (QSet<QString>{"client", "ssr", "worker"}));
        QCOMPARE(m_window->moduleList()->proxy()->rowCount(), modules->rowCount());
        QVERIFY(m_window->windowTitle().contains(m_host->status()->projectName()));
        // Opened as the bundled example (no folder given): the title says so
        // and names the folder it runs from, the one to edit.
        QVERIFY(!m_window->windowTitle().contains(QStringLiteral("bundled example")));
        m_window->setBundledExample(m_app.path());
        const QString folder =
            QDir::toNativeSeparators(QFileInfo(m_app.path()).canonicalFilePath());
        QVERIFY2(m_window->windowTitle().contains(QStringLiteral("the bundled example")) &&
                     m_window->windowTitle().contains(folder),
                 qPrintable(m_window->windowTitle()));
        m_window->setBundledExample({});
        QVERIFY(!m_window->windowTitle().contains(QStringLiteral("bundled example")));
    }

    void searchFiltersTheModuleList()
    {
        ModuleListView *list = m_window->moduleList();
        QSortFilterProxyModel *proxy = list->proxy();
        const int all = proxy->rowCount();
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(list->searchBox()->hasFocus());
        QTest::keyClicks(list->searchBox(), QStringLiteral("COUNTER.tsx"));
        QVERIFY(proxy->rowCount() > 0);
        QVERIFY(proxy->rowCount() < all);
        for (int row = 0; row < proxy->rowCount(); ++row)
            QVERIFY(proxy->index(row, ModuleGraphModel::IdColumn)
                        .data()
                        .toString()
                        .endsWith(QLatin1String("Counter.tsx")));
        list->searchBox()->clear();
        QCOMPARE(proxy->rowCount(), all);
        QTest::keyClicks(list->searchBox(), QStringLiteral("no-such-module-anywhere"));
        QCOMPARE(proxy->rowCount(), 0);
        list->searchBox()->clear();
    }

    void statusBarShowsUrlAndBrowserHashes()
    {
        EngineStatus *status = m_host->status();
        QVERIFY(status->serverUrl().startsWith(QLatin1String("http://127.0.0.1:")));
        ShellStatusBar *bar = m_window->shellStatusBar();
        QVERIFY(bar->urlLabel()->text().contains(status->serverUrl()));
        // The client's start-up optimizer run finishes in the background (at a lower
        // priority than the first request): its hash may come a little later.
        const auto allHashed = [&] {
            const QMap<QString, QString> now = status->browserHashes();
            return now.size() == 3 && !now.values().contains(QString());
        };
        QTRY_VERIFY_WITH_TIMEOUT(allHashed(), 60000);
        const QMap<QString, QString> hashes = status->browserHashes();
        QCOMPARE(hashes.keys(), (QStringList{"client", "ssr", "worker"}));
        for (const QString &hash : hashes)
            QTRY_VERIFY2(bar->hashesLabel()->text().contains(hash), qPrintable(hash));
        QVERIFY(status->generation() >= 1);
        QVERIFY(bar->generationLabel()->text().contains(QString::number(status->generation())));
    }

    void statusBarNamesWhatViteConfigDoesNotApply()
    {
        const QStringList warnings = m_host->status()->configWarnings();
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(
            warnings.first().startsWith("vite.config.mts: plugin \"vite-plugin-inspect\" (from "
                                        "\"vite-plugin-inspect\") is not applied by Switchyard"),
            qPrintable(warnings.first()));
        ShellStatusBar *bar = m_window->shellStatusBar();
        QLabel *label = bar->configWarningsLabel();
        QVERIFY(label->isVisibleTo(bar));
        QVERIFY2(label->text().contains("1 config warning"), qPrintable(label->text()));
        QCOMPARE(label->toolTip(), warnings.first());
        bar->showConfigWarnings();
        auto *dialog = bar->findChild<QMessageBox *>(QStringLiteral("configWarningsDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->informativeText().contains("vite-plugin-inspect"));
        dialog->close();
    }

    void requestsReachTheEventListAndTheRate()
    {
        QNetworkAccessManager net;
        for (int i = 0; i < 3; ++i) {
            std::unique_ptr<QNetworkReply> reply(
                net.get(QNetworkRequest(QUrl(m_host->status()->serverUrl() + "/"))));
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        }
        JournalModel *events = m_host->events();
        auto requests = [events] {
            int n = 0;
            for (int row = 0; row < events->rowCount(); ++row)
                n += events->index(row, 0).data(JournalModel::KindRole).toString() == "request";
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(requests() >= 3, 10000);
        QCOMPARE(m_window->eventList()->proxy()->rowCount(), events->rowCount());
        QTRY_VERIFY_WITH_TIMEOUT(m_host->status()->requestsPerSecond() > 0, 5000);
        QVERIFY(m_window->shellStatusBar()->rateLabel()->text().contains("req/s"));
    }

    void editsReachTheEventsLive()
    {
        // The file watcher and the hot updater run on the engine thread; an
        // edit arrives in the event list as an invalidation and an HMR payload.
        QFile home(m_app.filePath(QStringLiteral("src/app/pages/Home.tsx")));
        QVERIFY(home.open(QIODevice::Append));
        home.write("\n// edited by tst_main_window\n");
        home.close();
        JournalModel *events = m_host->events();
        auto has = [events](const char *kind) {
            for (int row = 0; row < events->rowCount(); ++row)
                if (events->index(row, 0).data(JournalModel::KindRole).toString() ==
                    QLatin1String(kind))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(has("invalidation") && has("hmr"), 20000);
        QCOMPARE(m_host->status()->state(), EngineStatus::State::Ready);
    }

    void recentProjectsAndCentralView()
    {
        QCOMPARE(m_window->recentProjects().value(0), m_host->status()->projectDir());
        RecentProjects recent(*m_settings);
        for (int i = 0; i < 10; ++i)
            recent.add(QStringLiteral("/tmp/app%1").arg(i));
        QCOMPARE(recent.list().size(), RecentProjects::kMax);
        QCOMPARE(recent.list().first(), QStringLiteral("/tmp/app9"));
        recent.add(QStringLiteral("/tmp/app5"));
        QCOMPARE(recent.list().first(), QStringLiteral("/tmp/app5"));
        QCOMPARE(recent.list().count(QStringLiteral("/tmp/app5")), 1);

        // A new central view moves the module list into a dock.
        auto *graph = new QLabel(QStringLiteral("graph"));
        m_window->setCentralView(graph);
        QCOMPARE(m_window->centralWidget(), graph);
        auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("moduleDock"));
        QVERIFY(dock);
        QCOMPARE(dock->widget(), m_window->moduleList());
    }

    void openingAnotherAppReplacesTheModels()
    {
        QTemporaryDir other;
        QVERIFY(sy::test::copyHelloApp(other.path()));
        QSignalSpy loaded(m_host.get(), &EngineHost::loaded);
        m_host->open(other.path());
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 120000);
        ModuleGraphModel *modules = m_host->modules();
        QVERIFY(modules->rowCount() > 0);
        const QString oldRoot = QDir(m_app.path()).canonicalPath() + QLatin1Char('/');
        for (int row = 0; row < modules->rowCount(); ++row)
            QVERIFY(!modules->index(row, ModuleGraphModel::IdColumn)
                         .data()
                         .toString()
                         .startsWith(oldRoot));
        QCOMPARE(m_host->status()->projectDir(), QDir(other.path()).absolutePath());
        QCOMPARE(m_window->recentProjects().value(0), m_host->status()->projectDir());
        m_host->stop();
    }

    void requestRateWindow()
    {
        RequestRate rate(1000);
        QCOMPARE(rate.rate(5000), 0.0);
        rate.add(4100);
        rate.add(4500);
        rate.add(4900);
        QCOMPARE(rate.rate(5000), 3.0);
        QCOMPARE(rate.rate(5200), 2.0);
        QCOMPARE(rate.rate(7000), 0.0);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
