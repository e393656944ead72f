// The storage inspector: its models (under QAbstractItemModelTester while the
// storage changes underneath), StorageFeed's live signal, and the widget on a
// storage a real worker isolate wrote and then left behind.
#include "../js/recordingWriter.h"
#include "js/workerIsolate.h"
#include "storage/d1QueryModel.h"
#include "storage/d1TableRowsModel.h"
#include "storage/d1TablesModel.h"
#include "storage/isolateStorage.h"
#include "storage/kvEntriesModel.h"
#include "storage/storageFeed.h"
#include "storage/storageTreeModel.h"
#include "storageInspectorWidget.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QTreeView>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace sy;
using nlohmann::json;

namespace {

std::vector<BindingDescriptor> bindings()
{
    return {{"SESSIONS", BindingKind::Kv, "sessions", {}}, {"DB", BindingKind::D1, "main", {}}};
}

void put(IsolateStorage &s, const std::string &key, std::string_view value, json extra = {})
{
    json args = extra.is_object() ? extra : json::object();
    args["key"] = key;
    const BindingResult r = s.call("SESSIONS", "put", args.dump(),
                                   {reinterpret_cast<const uint8_t *>(value.data()), value.size()});
    if (!r.ok())
        qFatal("put %s: %s", key.c_str(), r.message.c_str());
}

void sql(IsolateStorage &s, const std::string &text, json params = json::array())
{
    const BindingResult r =
        s.call("DB", "query", json{{"sql", text}, {"params", params}}.dump(), {});
    if (!r.ok())
        qFatal("%s: %s", text.c_str(), r.message.c_str());
}

QString cell(const QAbstractItemModel &m, int row, int column, int role = Qt::DisplayRole)
{
    return m.index(row, column).data(role).toString();
}

using Tester = QAbstractItemModelTester;
constexpr auto kQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

} // namespace

class TstStorageInspector : public QObject {
    Q_OBJECT

private slots:
    void treeModelFollowsTheStorage()
    {
        auto storage = IsolateStorage::createInMemory(bindings());
        StorageTreeModel model;
        Tester tester(&model, kQtTest);
        model.setStorage(storage);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, 0), QString("SESSIONS"));
        QCOMPARE(model.index(0, 0).data(StorageTreeModel::KindRole).toString(), QString("kv"));
        QCOMPARE(model.index(1, 0).data(StorageTreeModel::KindRole).toString(), QString("d1"));
        QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(), QString(":memory:"));
        QCOMPARE(model.rowCount(model.index(1, 0)), 0);

        put(*storage, "a", "1");
        sql(*storage, "CREATE TABLE users(id INTEGER PRIMARY KEY)");
        sql(*storage, "CREATE TABLE posts(id INTEGER PRIMARY KEY)");
        sql(*storage, "INSERT INTO posts DEFAULT VALUES");
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.refresh();
        QCOMPARE(inserted.count(), 1); // one run of two tables
        QCOMPARE(cell(model, 0, 1), QString("KV namespace, 1 key(s)"));
        const QModelIndex db = model.index(1, 0);
        QCOMPARE(model.rowCount(db), 2);
        QCOMPARE(model.index(0, 0, db).data().toString(), QString("posts"));
        QCOMPARE(model.index(0, 1, db).data().toString(), QString("1 row(s)"));
        QCOMPARE(model.index(0, 0, db).data(StorageTreeModel::TableRole).toString(),
                 QString("posts"));
        QCOMPARE(model.index(0, 0, db).data(StorageTreeModel::BindingRole).toString(),
                 QString("DB"));
        QVERIFY(model.index(0, 0, db).data(Qt::ToolTipRole).toString().startsWith("CREATE TABLE"));
        QCOMPARE(model.tableIndex("DB", "users").row(), 1);
        QVERIFY(!model.tableIndex("DB", "nope").isValid());

        // In place: a persistent index on "users" survives dropping "posts".
        QPersistentModelIndex users = model.tableIndex("DB", "users");
        sql(*storage, "DROP TABLE posts");
        sql(*storage, "CREATE TABLE zebras(z)");
        model.refresh();
        QVERIFY(users.isValid());
        QCOMPARE(users.row(), 0);
        QCOMPARE(model.rowCount(db), 2);
        QCOMPARE(model.index(1, 0, db).data().toString(), QString("zebras"));

        model.setStorage(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void kvEntriesModelShowsValuesAndUpdatesInPlace()
    {
        auto storage = IsolateStorage::createInMemory(bindings());
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        storage->setClock([now] { return now; });
        put(*storage, "user:2", "second line\nthird", {{"metadata", R"({"role":"admin"})"}});
        put(*storage, "user:1", "hello");
        put(*storage, "blob", std::string("\x00\x01\xfe\xff", 4));
        put(*storage, "session:9", "short-lived", {{"expirationTtl", 3600}});

        KvEntriesModel model;
        Tester tester(&model, kQtTest);
        model.setSource(storage, "SESSIONS");
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(KvEntriesModel::ColumnCount));
        QCOMPARE(cell(model, 0, KvEntriesModel::KeyColumn), QString("blob"));
        QCOMPARE(cell(model, 0, KvEntriesModel::ValueColumn),
                 QString("binary, 4 bytes: 00 01 fe ff"));
        QCOMPARE(model.index(0, KvEntriesModel::ValueColumn)
                     .data(KvEntriesModel::ValueIsTextRole)
                     .toBool(),
                 false);
        QCOMPARE(model.index(0, KvEntriesModel::ValueColumn).data(Qt::UserRole).toByteArray(),
                 QByteArray("\x00\x01\xfe\xff", 4));
        QCOMPARE(cell(model, 0, KvEntriesModel::SizeColumn), QString("4"));
        QCOMPARE(cell(model, 1, KvEntriesModel::KeyColumn), QString("session:9"));
        QCOMPARE(model.index(1, KvEntriesModel::ExpirationColumn).data(Qt::UserRole).toLongLong(),
                 now / 1000 + 3600);
        QCOMPARE(cell(model, 1, KvEntriesModel::ExpirationColumn),
                 QDateTime::fromSecsSinceEpoch(now / 1000 + 3600).toString("yyyy-MM-dd HH:mm:ss"));
        QCOMPARE(cell(model, 3, KvEntriesModel::ValueColumn),
                 QString("second line") + QChar(0x23CE) + "third");
        QCOMPARE(cell(model, 3, KvEntriesModel::MetadataColumn), QString(R"({"role":"admin"})"));
        QCOMPARE(model.valueText(3), QString("second line\nthird"));
        QVERIFY(cell(model, 2, KvEntriesModel::ExpirationColumn).isEmpty());

        // Long text previews are cut; the tooltip has more.
        put(*storage, "user:3", std::string(1000, 'x'));
        model.refresh();
        QCOMPARE(cell(model, 4, KvEntriesModel::ValueColumn).size(), 121);
        QCOMPARE(
            model.index(4, KvEntriesModel::ValueColumn).data(Qt::ToolTipRole).toString().size(),
            1000);

        // Live: a change is dataChanged, a delete a removal, nothing is reset.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QPersistentModelIndex user1 = model.index(2, 0);
        put(*storage, "user:1", "hello again");
        storage->call("SESSIONS", "delete", R"({"key":"blob"})", {});
        model.refresh();
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(user1.row(), 1);
        QCOMPARE(cell(model, 1, KvEntriesModel::ValueColumn), QString("hello again"));

        model.setPrefix("user:");
        QCOMPARE(model.rowCount(), 3);
        model.setLimit(2);
        QCOMPARE(model.rowCount(), 2);
        model.setPrefix({});
        model.setLimit(1000);
        QCOMPARE(model.rowCount(), 4);

        // Expired entries leave the view.
        storage->setClock([now] { return now + 3601'000; });
        model.refresh();
        QCOMPARE(model.rowCount(), 3);
        model.setSource(storage, "NOPE");
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.errorString().contains("no KV binding"));
    }

    void d1ModelsTablesRowsAndQueries()
    {
        auto storage = IsolateStorage::createInMemory(bindings());
        sql(*storage, "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, price REAL, "
                      "photo BLOB, note TEXT)");
        for (int i = 1; i <= 450; ++i)
            sql(*storage, "INSERT INTO items(name, price, photo, note) VALUES(?, ?, ?, ?)",
                {"item " + std::to_string(i), i * 1.5, {i % 256}, i % 2 ? json(nullptr) : "n"});
        sql(*storage, "CREATE VIEW cheap AS SELECT * FROM items WHERE price < 10");

        D1TablesModel tables;
        Tester tablesTester(&tables, kQtTest);
        tables.setSource(storage, "DB");
        QCOMPARE(tables.rowCount(), 2);
        QCOMPARE(cell(tables, 0, D1TablesModel::NameColumn), QString("cheap"));
        QCOMPARE(cell(tables, 0, D1TablesModel::TypeColumn), QString("view"));
        QCOMPARE(cell(tables, 1, D1TablesModel::RowsColumn), QString("450"));
        QCOMPARE(cell(tables, 1, D1TablesModel::ColumnsColumn),
                 QString("id, name, price, photo, note"));
        sql(*storage, "DELETE FROM items WHERE id > 400");
        tables.refresh();
        QCOMPARE(cell(tables, 1, D1TablesModel::RowsColumn), QString("400"));

        D1TableRowsModel rows;
        rows.setPageSize(150);
        rows.setSource(storage, "DB", "items");
        QCOMPARE(rows.columnNames(), QStringList({"id", "name", "price", "photo", "note"}));
        QCOMPARE(rows.rowCount(), 150);
        QVERIFY(rows.canFetchMore({}));
        rows.fetchMore({});
        QCOMPARE(rows.rowCount(), 300);
        // The tester fetches the rest itself (QAbstractItemModelTester runs its
        // checks, fetchMore included, from modelReset before it counts the
        // reset as finished, so it is attached once the source is set).
        Tester rowsTester(&rows, kQtTest);
        QCOMPARE(rows.rowCount(), 400);
        QVERIFY(!rows.canFetchMore({}));
        QCOMPARE(cell(rows, 0, 1), QString("item 1"));
        QCOMPARE(cell(rows, 0, 2), QString("1.5"));
        QCOMPARE(cell(rows, 0, 3), QString("BLOB, 1 bytes: 01"));
        QCOMPARE(rows.index(0, 3).data(SqlResultModel::TypeRole).toString(), QString("blob"));
        QCOMPARE(cell(rows, 0, 4), QString("NULL"));
        QCOMPARE(rows.index(0, 4).data(SqlResultModel::TypeRole).toString(), QString("null"));
        QCOMPARE(rows.index(1, 4).data(SqlResultModel::TypeRole).toString(), QString("text"));
        QCOMPARE(rows.index(0, 0).data(Qt::UserRole).toLongLong(), 1);
        QSignalSpy rowsReset(&rows, &QAbstractItemModel::modelReset);
        sql(*storage, "UPDATE items SET name = 'renamed' WHERE id = 2");
        sql(*storage, "DELETE FROM items WHERE id > 390");
        rows.refresh();
        QCOMPARE(rowsReset.count(), 0);
        QCOMPARE(rows.rowCount(), 390);
        QCOMPARE(cell(rows, 1, 1), QString("renamed"));

        D1QueryModel query;
        Tester queryTester(&query, kQtTest);
        query.setSource(storage, "DB");
        QSignalSpy finished(&query, &D1QueryModel::finished);
        QVERIFY(query.run("SELECT name, price * 2 AS double FROM items WHERE id <= 3 ORDER BY id"));
        QCOMPARE(query.columnNames(), QStringList({"name", "double"}));
        QCOMPARE(query.rowCount(), 3);
        QCOMPARE(cell(query, 2, 1), QString("9"));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.last().at(0).toBool(), true);

        for (const char *write : {"DELETE FROM items", "INSERT INTO items(name) VALUES('x')",
                                  "DROP VIEW cheap", "BEGIN", "PRAGMA user_version = 3"}) {
            QVERIFY2(!query.run(write), write);
            QVERIFY2(query.errorString().startsWith("read-only"), qPrintable(query.errorString()));
            QCOMPARE(query.rowCount(), 0);
        }
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY(!query.run("SELECT * FROM nope"));
        QCOMPARE(query.errorString(), QString("no such table: nope: SQLITE_ERROR"));
        tables.refresh();
        QCOMPARE(cell(tables, 1, D1TablesModel::RowsColumn), QString("390"));

        query.setMaxRows(25);
        QVERIFY(query.run("SELECT id FROM items"));
        QCOMPARE(query.rowCount(), 25);
        QVERIFY(query.truncated());
        // refresh() re-runs the query against fresh data.
        query.setMaxRows(1000);
        QVERIFY(query.run("SELECT count(*) AS n FROM items"));
        sql(*storage, "DELETE FROM items WHERE id > 100");
        query.refresh();
        QCOMPARE(cell(query, 0, 0), QString("100"));
    }

    void feedSignalsWrites()
    {
        auto storage = IsolateStorage::createInMemory(bindings());
        StorageFeed feed;
        feed.setInterval(10);
        QSignalSpy changed(&feed, &StorageFeed::changed);
        feed.setStorage(storage);
        QTest::qWait(50);
        QCOMPARE(changed.count(), 0); // the starting state is not a change
        put(*storage, "k", "v");
        QVERIFY(changed.wait(2000));
        QTest::qWait(50);
        QCOMPARE(changed.count(), 1); // one write, one signal
        // Reads are not changes.
        storage->kvEntries("SESSIONS", 10, nullptr);
        storage->call("SESSIONS", "get", R"({"key":"k","type":"text"})", {});
        QTest::qWait(50);
        QCOMPARE(changed.count(), 1);
        sql(*storage, "CREATE TABLE t(a)");
        QVERIFY(changed.wait(2000));
    }

    void widgetShowsWhatAWorkerLeftBehind()
    {
        // A worker writes KV and D1, then its isolate ends: the inspector still
        // shows the storage, and follows later writes live.
        auto storage = IsolateStorage::createInMemory(bindings());
        {
            test::MapProvider provider;
            provider.set("/app/entry.js", R"JS(
export default {
  async fetch(request, env) {
    await env.SESSIONS.put('session:abc', JSON.stringify({ user: 'ada' }), { metadata: { ip: '127.0.0.1' } });
    await env.SESSIONS.put('session:def', 'plain');
    await env.DB.exec('CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT, done INTEGER)');
    await env.DB.batch([
      env.DB.prepare('INSERT INTO todos (title, done) VALUES (?, ?)').bind('write tests', true),
      env.DB.prepare('INSERT INTO todos (title, done) VALUES (?, ?)').bind('ship', false),
    ]);
    return new Response('ok');
  },
};
)JS");
            WorkerOptions o;
            o.entryId = "/app/entry.js";
            o.bindings = bindings();
            o.bindingHost = storage;
            WorkerIsolate worker(provider, o);
            worker.start();
            auto out = std::make_shared<test::RecordingWriter>();
            worker.dispatchFetch(HttpRequest{"GET", "/", {}, {}}, "http://localhost", out);
            QVERIFY(out->wait(15000));
            QVERIFY2(out->ended, out->failMessage.c_str());
        }

        StorageInspectorWidget widget;
        widget.resize(1000, 640);
        widget.show();
        QCOMPARE(widget.page(), StorageInspectorWidget::Page::Empty);
        widget.setStorage(storage);
        widget.feed()->setInterval(20);
        Tester treeTester(widget.treeModel(), kQtTest);
        Tester kvTester(widget.kvModel(), kQtTest);

        // The first binding is selected: the KV namespace.
        QCOMPARE(widget.page(), StorageInspectorWidget::Page::Kv);
        QCOMPARE(widget.kvModel()->rowCount(), 2);
        widget.kvView()->setCurrentIndex(widget.kvModel()->index(0, 0));
        QVERIFY(widget.valueText().contains(R"({"user":"ada"})"));
        QVERIFY(widget.valueText().contains("\"ip\": \"127.0.0.1\""));

        QVERIFY(widget.selectBinding("DB"));
        QCOMPARE(widget.page(), StorageInspectorWidget::Page::Database);
        QCOMPARE(widget.databaseView()->model(), widget.tablesModel());
        QCOMPARE(widget.tablesModel()->rowCount(), 1);
        QCOMPARE(cell(*widget.tablesModel(), 0, D1TablesModel::RowsColumn), QString("2"));

        QVERIFY(widget.selectTable("DB", "todos"));
        QCOMPARE(widget.page(), StorageInspectorWidget::Page::Table);
        QCOMPARE(widget.databaseView()->model(), widget.rowsModel());
        QCOMPARE(widget.rowsModel()->rowCount(), 2);
        QCOMPARE(cell(*widget.rowsModel(), 0, 1), QString("write tests"));
        QCOMPARE(cell(*widget.rowsModel(), 0, 2), QString("1"));

        QVERIFY(widget.runQuery("SELECT title FROM todos WHERE done = 0"));
        QCOMPARE(widget.queryModel()->rowCount(), 1);
        QVERIFY2(widget.statusText().startsWith("1 row(s) in "), qPrintable(widget.statusText()));
        QVERIFY(!widget.runQuery("UPDATE todos SET done = 1"));
        QVERIFY2(widget.statusText().startsWith("read-only"), qPrintable(widget.statusText()));
        QVERIFY(!widget.selectTable("DB", "nope"));
        QVERIFY(!widget.selectBinding("NOPE"));

        // Live: writes after the run show up without asking.
        sql(*storage, "INSERT INTO todos (title, done) VALUES ('more', 0)");
        QTRY_COMPARE(widget.rowsModel()->rowCount(), 3);
        QVERIFY(widget.selectBinding("SESSIONS"));
        put(*storage, "session:ghi", "new");
        QTRY_COMPARE(widget.kvModel()->rowCount(), 3);
        QTRY_VERIFY(widget.treeModel()->index(0, 1).data().toString().contains("3 key(s)"));

        const QImage shot = widget.grab().toImage();
        QVERIFY(!shot.isNull());
        if (qEnvironmentVariableIsSet("SY_STORAGE_SCREENSHOT"))
            shot.save(qEnvironmentVariable("SY_STORAGE_SCREENSHOT"));

        widget.setStorage(nullptr);
        QCOMPARE(widget.page(), StorageInspectorWidget::Page::Empty);
    }

    void widgetWithoutBindingsSaysSo()
    {
        StorageInspectorWidget widget;
        widget.setStorage(IsolateStorage::createInMemory({}));
        QCOMPARE(widget.page(), StorageInspectorWidget::Page::Empty);
        QCOMPARE(widget.treeModel()->rowCount(), 0);
    }
};

QTEST_MAIN(TstStorageInspector)
#include "tst_storage_inspector.moc"
