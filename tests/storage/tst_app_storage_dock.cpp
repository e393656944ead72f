// The dashboard's App storage dock on a real app: the dev server's own KV and
// D1 storage (in <app>/.switchyard/storage, with a migration applied at
// start) shows in the storage inspector, a request that writes through
// env.KV / env.DB appears there without asking, and stopping the app clears
// the view.
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "shell/engineStatus.h"
#include "shell/mainWindow.h"
#include "storage/d1TableRowsModel.h"
#include "storage/d1TablesModel.h"
#include "storage/isolateStorage.h"
#include "storage/kvEntriesModel.h"
#include "storage/storageFeed.h"
#include "storage/storageTreeModel.h"
#include "storageInspectorWidget.h"

#include <QDockWidget>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace sy;

namespace {

bool writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

// Counts visits in KV and logs each one in D1.
const char *kWorker = R"js(export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/visit") {
      const n = Number((await env.VISITS.get("count")) ?? "0") + 1;
      await env.VISITS.put("count", String(n), { metadata: { last: "/visit" } });
      await env.DB.prepare("INSERT INTO hits (path) VALUES (?)").bind(url.pathname).run();
      return new Response(String(n));
    }
    return new Response("ok");
  },
};
)js";

// A plain worker (no framework) with a KV namespace and a D1 database.
bool makeApp(const QString &dir)
{
    return writeFile(dir + "/wrangler.jsonc", R"({
  "name": "storage-dock", "main": "src/worker.js", "compatibility_date": "2025-01-01",
  "kv_namespaces": [{ "binding": "VISITS", "id": "visits" }],
  "d1_databases": [{ "binding": "DB", "database_name": "log", "database_id": "log-db" }],
})") && writeFile(dir + "/package.json", R"({"name": "storage-dock", "private": true})") &&
           writeFile(dir + "/migrations/0001_hits.sql",
                     "CREATE TABLE hits (id INTEGER PRIMARY KEY, path TEXT NOT NULL);\n") &&
           writeFile(dir + "/src/worker.js", kWorker) &&
           QFile::link(QStringLiteral(SY_SOURCE_DIR "/examples/hello/node_modules"),
                       dir + "/node_modules");
}

QByteArray get(const QString &url)
{
    QNetworkAccessManager net;
    QNetworkReply *reply = net.get(QNetworkRequest(QUrl(url)));
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(30000))
        return "timeout";
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

} // namespace

class TstAppStorageDock : public QObject {
    Q_OBJECT
private slots:
    void showsTheRunningAppsStorageLive()
    {
        QTemporaryDir app, config;
        QVERIFY(makeApp(app.path()));
        QSettings settings(config.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        EngineHost host;
        host.setPort(0);
        host.setWatch(false);
        MainWindow window(host.modules(), host.events(), host.status(), &settings);
        installDashboardViews(window, host);
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("appStorageDock"));
        QVERIFY(dock);
        auto *inspector = dock->findChild<StorageInspectorWidget *>();
        QVERIFY(inspector);
        inspector->feed()->setInterval(20);
        window.resize(1400, 900);
        window.show();
        dock->raise();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(inspector->page(), StorageInspectorWidget::Page::Empty);

        QSignalSpy loaded(&host, &EngineHost::loaded);
        QSignalSpy changed(&host, &EngineHost::appStorageChanged);
        host.open(app.path());
        QVERIFY(loaded.wait(60000));
        QVERIFY(changed.count() >= 1);
        std::shared_ptr<IsolateStorage> storage = host.appStorage();
        QVERIFY(storage);
        QCOMPARE(QString::fromStdString(storage->directory()),
                 QFileInfo(app.path()).canonicalFilePath() + "/.switchyard/storage");
        QCOMPARE(inspector->storage(), storage);
        QCOMPARE(inspector->treeModel()->rowCount(), 2);
        QCOMPARE(inspector->page(), StorageInspectorWidget::Page::Kv);
        QCOMPARE(inspector->kvModel()->rowCount(), 0);
        // The migration ran when the server started.
        QVERIFY(inspector->treeModel()->tableIndex("DB", "hits").isValid());

        const QString origin = host.status()->serverUrl();
        QCOMPARE(get(origin + "/visit"), QByteArray("1"));
        QCOMPARE(get(origin + "/visit"), QByteArray("2"));
        // Live: the request's writes show up without asking.
        QTRY_COMPARE(inspector->kvModel()->rowCount(), 1);
        QTRY_COMPARE(inspector->kvModel()->index(0, KvEntriesModel::ValueColumn).data().toString(),
                     QStringLiteral("2"));
        QVERIFY(inspector->selectTable("DB", "hits"));
        QTRY_COMPARE(inspector->rowsModel()->rowCount(), 2);
        QVERIFY(inspector->runQuery("SELECT count(*) FROM hits WHERE path = '/visit'"));
        QVERIFY(!inspector->runQuery("DELETE FROM hits"));

        host.stop();
        QVERIFY(!host.appStorage());
        QCOMPARE(inspector->page(), StorageInspectorWidget::Page::Empty);
    }
};

QTEST_MAIN(TstAppStorageDock)
#include "tst_app_storage_dock.moc"
