// env.KV and env.DB inside a real worker isolate (WorkerIsolate + Node
// environment), backed by an in-memory IsolateStorage: the Cloudflare API as
// app code sees it (types in and out, Promises, errors with their names and
// messages), expiry driven by the storage's clock, D1 batches rolling back,
// and the storage staying readable after the isolate stopped.
#include "../js/recordingWriter.h"
#include "js/workerIsolate.h"
#include "storage/isolateStorage.h"

#include <QtTest/QtTest>

#include <atomic>
#include <nlohmann/json.hpp>

using namespace sy;
using namespace sy::test;
using nlohmann::json;

namespace {

const char *kBase = "http://127.0.0.1:5173";

std::shared_ptr<RecordingWriter> fetch(WorkerIsolate &w, const std::string &target)
{
    auto out = std::make_shared<RecordingWriter>();
    HttpRequest r;
    r.method = "GET";
    r.target = target;
    r.headers = {{"Host", "127.0.0.1:5173"}};
    w.dispatchFetch(r, kBase, out);
    if (!out->wait(15000))
        qWarning("request %s timed out", target.c_str());
    return out;
}

json fetchJson(WorkerIsolate &w, const std::string &target)
{
    auto out = fetch(w, target);
    if (!out->ended) {
        qWarning("%s failed: %s", target.c_str(), out->failMessage.c_str());
        return json();
    }
    json j = json::parse(out->body(), nullptr, false);
    if (j.is_discarded())
        qWarning("%s answered no JSON: %s", target.c_str(), out->body().c_str());
    return j;
}

// Each route runs a scenario and answers what the app saw, as JSON.
const char *kEntry = R"JS(
const describe = (e) => ({ name: e.name, message: e.message, cause: e.cause ? e.cause.message : undefined });
async function caught(promiseOrFn) {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
    return { thrown: false };
  } catch (e) {
    return { thrown: true, ...describe(e) };
  }
}
const json = (value) => new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });

async function kv(env) {
  const out = {};
  out.type = Object.prototype.toString.call(env.KV);
  out.putReturns = await env.KV.put('text', 'hello kv');
  await env.KV.put('obj', JSON.stringify({ a: 1, b: [true, null] }), { metadata: { owner: 'ada', n: 2 } });
  await env.KV.put('bytes', new Uint8Array([0, 1, 2, 253, 254, 255]).subarray(1, 5));
  await env.KV.put('buffer', new Uint8Array([9, 8, 7]).buffer);
  await env.KV.put('streamed', new ReadableStream({
    start(c) { c.enqueue(new TextEncoder().encode('str')); c.enqueue(new TextEncoder().encode('eam')); c.close(); },
  }));
  await env.KV.put('number', 42);

  out.text = await env.KV.get('text');
  out.textOptions = await env.KV.get('text', { type: 'text', cacheTtl: 60 });
  out.json = await env.KV.get('obj', 'json');
  out.jsonOptions = await env.KV.get('obj', { type: 'json' });
  out.bytes = Array.from(new Uint8Array(await env.KV.get('bytes', 'arrayBuffer')));
  out.buffer = Array.from(new Uint8Array(await env.KV.get('buffer', { type: 'arrayBuffer' })));
  const stream = await env.KV.get('streamed', 'stream');
  out.streamIsReadable = stream instanceof ReadableStream;
  out.stream = await new Response(stream).text();
  out.number = await env.KV.get('number');
  out.missing = await env.KV.get('nope');
  out.missingJson = await env.KV.get('nope', 'json');
  out.withMeta = await env.KV.getWithMetadata('obj', 'json');
  out.withoutMeta = await env.KV.getWithMetadata('text');
  out.missingWithMeta = await env.KV.getWithMetadata('nope');
  out.bulk = Object.fromEntries(await env.KV.get(['text', 'nope', 'number']));
  out.bulkWithMeta = Object.fromEntries(await env.KV.getWithMetadata(['obj'], 'json'));

  for (let i = 0; i < 12; i++) await env.KV.put(`item:${String(i).padStart(2, '0')}`, `v${i}`, { metadata: { i } });
  const page1 = await env.KV.list({ prefix: 'item:', limit: 5 });
  const page2 = await env.KV.list({ prefix: 'item:', limit: 5, cursor: page1.cursor });
  const page3 = await env.KV.list({ prefix: 'item:', limit: 5, cursor: page2.cursor });
  out.pages = [page1, page2, page3].map((p) => ({ names: p.keys.map((k) => k.name), complete: p.list_complete, hasCursor: 'cursor' in p }));
  out.listedMetadata = page1.keys[1].metadata;
  out.all = (await env.KV.list()).keys.length;

  await env.KV.delete('text');
  out.afterDelete = await env.KV.get('text');

  out.errors = {
    emptyKey: await caught(env.KV.get('')),
    dotKey: await caught(env.KV.put('.', 'x')),
    longKey: await caught(env.KV.delete('k'.repeat(513))),
    objectValue: await caught(env.KV.put('k', { not: 'allowed' })),
    nullValue: await caught(env.KV.put('k', null)),
    badType: await caught(env.KV.get('obj', 'xml')),
    shortTtl: await caught(env.KV.put('k', 'v', { expirationTtl: 30 })),
    bigMetadata: await caught(env.KV.put('k', 'v', { metadata: { blob: 'x'.repeat(2000) } })),
    listLimit: await caught(env.KV.list({ limit: 5000 })),
    badJson: await caught(env.KV.get('text2', 'json')),
    bulkStream: await caught(env.KV.get(['a'], 'stream')),
  };
  // A rejected promise, never a synchronous throw: the call itself returns.
  const pending = env.KV.get('');
  out.rejectsAsync = pending instanceof Promise;
  await pending.catch(() => {});
  return out;
}

async function expiryPut(env) {
  await env.KV.put('session', 'alive', { expirationTtl: 60, metadata: { user: 7 } });
  await env.KV.put('forever', 'stays');
  const listed = await env.KV.list({ prefix: 'session' });
  return { value: await env.KV.get('session'), expiration: listed.keys[0].expiration };
}

async function expiryGet(env) {
  return {
    value: await env.KV.get('session'),
    withMeta: await env.KV.getWithMetadata('session'),
    listed: (await env.KV.list()).keys.map((k) => k.name),
    forever: await env.KV.get('forever'),
  };
}

async function d1(env) {
  const out = {};
  out.type = Object.prototype.toString.call(env.DB);
  out.create = await env.DB.prepare(
    'CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT UNIQUE NOT NULL, score REAL, avatar BLOB, admin INTEGER)'
  ).run();
  const insert = env.DB.prepare('INSERT INTO users (email, score, avatar, admin) VALUES (?1, ?2, ?3, ?4)');
  out.statementShape = { statement: insert.statement, params: insert.params };
  const bound = insert.bind('ada@example.com', 9.5, new Uint8Array([1, 2, 3]), true);
  out.boundParams = bound.params;
  out.insert = await bound.run();
  await insert.bind('bob@example.com', 3, new Uint8Array([255]).buffer, false).run();
  await insert.bind('cy@example.com', null, null, 0).run();

  out.first = await env.DB.prepare('SELECT * FROM users ORDER BY id').first();
  out.firstColumn = await env.DB.prepare('SELECT email FROM users WHERE id = ?').bind(2).first('email');
  out.firstNone = await env.DB.prepare('SELECT * FROM users WHERE id = ?').bind(99).first();
  out.all = await env.DB.prepare('SELECT id, email, admin FROM users WHERE score IS NOT NULL ORDER BY id').all();
  out.raw = await env.DB.prepare('SELECT id, email FROM users ORDER BY id').raw();
  out.rawColumns = await env.DB.prepare('SELECT id, email FROM users ORDER BY id LIMIT 1').raw({ columnNames: true });
  out.count = await env.DB.prepare('SELECT count(*) AS n FROM users').first('n');

  out.batch = await env.DB.batch([
    env.DB.prepare('INSERT INTO users (email) VALUES (?)').bind('dee@example.com'),
    env.DB.prepare('UPDATE users SET score = score + 1 WHERE score IS NOT NULL'),
    env.DB.prepare('SELECT count(*) AS n FROM users'),
  ]);
  out.batchError = await caught(env.DB.batch([
    env.DB.prepare('INSERT INTO users (email) VALUES (?)').bind('eve@example.com'),
    env.DB.prepare('INSERT INTO users (email) VALUES (?)').bind('ada@example.com'),
  ]));
  out.afterFailedBatch = await env.DB.prepare('SELECT count(*) AS n FROM users WHERE email = ?').bind('eve@example.com').first('n');

  out.exec = await env.DB.exec('CREATE TABLE tags (name TEXT);\nINSERT INTO tags VALUES (\'a\');\nINSERT INTO tags VALUES (\'b\')');
  out.tags = (await env.DB.prepare('SELECT name FROM tags ORDER BY name').all()).results;

  out.errors = {
    noTable: await caught(env.DB.prepare('SELECT * FROM nope').all()),
    syntax: await caught(env.DB.prepare('SELEKT 1').run()),
    unique: await caught(insert.bind('ada@example.com', 1, null, 0).run()),
    bindUndefined: await caught(() => env.DB.prepare('SELECT ?').bind(undefined)),
    bindObject: await caught(() => env.DB.prepare('SELECT ?').bind({ a: 1 })),
    column: await caught(env.DB.prepare('SELECT 1 AS one').first('two')),
    begin: await caught(env.DB.prepare('BEGIN TRANSACTION').run()),
    exec: await caught(env.DB.exec('INSERT INTO tags VALUES (\'c\');\nINSERT INTO nope VALUES (1)')),
    params: await caught(env.DB.prepare('SELECT ?, ?').bind(1).all()),
  };
  out.tagsAfterFailedExec = (await env.DB.prepare('SELECT count(*) AS n FROM tags').first()).n;
  const session = env.DB.withSession('first-primary');
  out.session = { bookmark: session.getBookmark(), n: await session.prepare('SELECT 1 AS one').first('one') };
  return out;
}

// 50 concurrent requests' worth of interleaved KV and D1 calls in one isolate.
async function concurrent(env, id) {
  await env.KV.put(`c:${id}`, String(id));
  await env.DB.prepare('CREATE TABLE IF NOT EXISTS hits (who INTEGER)').run();
  await new Promise((r) => setTimeout(r, id % 5));
  await env.DB.prepare('INSERT INTO hits VALUES (?)').bind(id).run();
  return { mine: await env.KV.get(`c:${id}`) };
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case '/kv': return json(await kv(env));
      case '/expiry-put': return json(await expiryPut(env));
      case '/expiry-get': return json(await expiryGet(env));
      case '/d1': return json(await d1(env));
      case '/concurrent': return json(await concurrent(env, Number(url.searchParams.get('id'))));
      case '/vars': return json({ greeting: env.GREETING, keys: Object.keys(env).sort() });
      case '/unbacked': return json(await caught(env.KV.get('k')));
    }
    return new Response('not found', { status: 404 });
  },
};
)JS";

} // namespace

class TstWorkerBindings : public QObject {
    Q_OBJECT

    MapProvider provider;
    std::shared_ptr<IsolateStorage> storage;
    std::unique_ptr<WorkerIsolate> worker;
    std::atomic<int64_t> now{0};

    std::vector<BindingDescriptor> bindings() const
    {
        return {{"KV", BindingKind::Kv, "kv-namespace-id", {}},
                {"DB", BindingKind::D1, "db-id", {}}};
    }

private slots:
    void initTestCase()
    {
        provider.set("/app/entry.js", kEntry);
        std::string error;
        storage = IsolateStorage::createInMemory(bindings(), &error);
        QVERIFY2(storage, error.c_str());
        now = QDateTime::currentMSecsSinceEpoch();
        storage->setClock([this] { return now.load(); });
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        o.cpuLimitMs = 2000;
        o.envJson = R"({"GREETING":"hi"})";
        o.bindings = bindings();
        o.bindingHost = storage;
        worker = std::make_unique<WorkerIsolate>(provider, o);
        worker->start();
    }

    void cleanupTestCase() { worker.reset(); }

    void bindingsJoinTheVars()
    {
        const json v = fetchJson(*worker, "/vars");
        QCOMPARE(v["greeting"], json("hi"));
        QCOMPARE(v["keys"], json({"DB", "GREETING", "KV"}));
    }

    void kvFromWorkerCode()
    {
        const json kv = fetchJson(*worker, "/kv");
        QVERIFY(!kv.is_null());
        QCOMPARE(kv["type"], json("[object KvNamespace]"));
        QVERIFY(!kv.contains("putReturns")); // undefined
        QCOMPARE(kv["text"], json("hello kv"));
        QCOMPARE(kv["textOptions"], json("hello kv"));
        QCOMPARE(kv["json"], json({{"a", 1}, {"b", {true, nullptr}}}));
        QCOMPARE(kv["jsonOptions"], kv["json"]);
        QCOMPARE(kv["bytes"], json({1, 2, 253, 254})); // the view's window only
        QCOMPARE(kv["buffer"], json({9, 8, 7}));
        QCOMPARE(kv["streamIsReadable"], json(true));
        QCOMPARE(kv["stream"], json("stream"));
        QCOMPARE(kv["number"], json("42"));
        QVERIFY(kv["missing"].is_null());
        QVERIFY(kv["missingJson"].is_null());
        QCOMPARE(kv["withMeta"]["value"], kv["json"]);
        QCOMPARE(kv["withMeta"]["metadata"], json({{"owner", "ada"}, {"n", 2}}));
        QVERIFY(kv["withMeta"]["cacheStatus"].is_null());
        QCOMPARE(kv["withoutMeta"]["value"], json("hello kv"));
        QVERIFY(kv["withoutMeta"]["metadata"].is_null());
        QVERIFY(kv["missingWithMeta"]["value"].is_null());
        QVERIFY(kv["missingWithMeta"]["metadata"].is_null());
        QCOMPARE(kv["bulk"], json({{"text", "hello kv"}, {"nope", nullptr}, {"number", "42"}}));
        QCOMPARE(kv["bulkWithMeta"]["obj"]["metadata"], json({{"owner", "ada"}, {"n", 2}}));

        QCOMPARE(kv["pages"][0]["names"],
                 json({"item:00", "item:01", "item:02", "item:03", "item:04"}));
        QCOMPARE(kv["pages"][0]["complete"], json(false));
        QCOMPARE(kv["pages"][1]["names"],
                 json({"item:05", "item:06", "item:07", "item:08", "item:09"}));
        QCOMPARE(kv["pages"][2]["names"], json({"item:10", "item:11"}));
        QCOMPARE(kv["pages"][2]["complete"], json(true));
        QCOMPARE(kv["pages"][2]["hasCursor"], json(false));
        QCOMPARE(kv["listedMetadata"], json({{"i", 1}}));
        QCOMPARE(kv["all"], json(18));
        QVERIFY(kv["afterDelete"].is_null());
        QCOMPARE(kv["rejectsAsync"], json(true));

        const json &e = kv["errors"];
        auto expectError = [&](const char *which, const char *name, const std::string &message) {
            QVERIFY2(e[which]["thrown"].get<bool>(), which);
            QCOMPARE(e[which]["name"], json(name));
            QCOMPARE(e[which]["message"], json(message));
        };
        expectError("emptyKey", "TypeError", "Key name cannot be empty.");
        expectError("dotKey", "TypeError", "\".\" is not allowed as a key name.");
        expectError("longKey", "Error",
                    "KV DELETE failed: 414 UTF-8 encoded length of 513 exceeds key length limit "
                    "of 512.");
        const std::string putTypes = "KV put() accepts only strings, ArrayBuffers, "
                                     "ArrayBufferViews, and ReadableStreams as values.";
        expectError("objectValue", "TypeError", putTypes);
        expectError("nullValue", "TypeError", putTypes);
        expectError("badType", "TypeError",
                    "Unknown response type. Possible types are \"text\", \"arrayBuffer\", "
                    "\"json\", and \"stream\".");
        expectError("shortTtl", "Error",
                    "KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at "
                    "least 60.");
        QVERIFY(e["bigMetadata"]["message"].get<std::string>().rfind(
                    "KV PUT failed: 413 Metadata length of ", 0) == 0);
        expectError("listLimit", "Error",
                    "KV GET failed: 400 Invalid key_count_limit of 5000. Please specify integer "
                    "less than 1000.");
        QCOMPARE(e["badJson"]["thrown"], json(false)); // a missing key is null, never parsed
        expectError("bulkStream", "Error",
                    "KV GET_BULK failed: 400 \"stream\" is not a valid type. Use \"json\" or "
                    "\"text\"");

        // What the worker wrote is in the storage, readable from this thread.
        std::string error;
        const std::vector<KvEntry> entries = storage->kvEntries("KV", 100, &error);
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(entries.size(), size_t(17)); // "text" was deleted
        QCOMPARE(entries.front().key, std::string("buffer"));
    }

    void kvExpiryFollowsTheStorageClock()
    {
        const json put = fetchJson(*worker, "/expiry-put");
        QCOMPARE(put["value"], json("alive"));
        QCOMPARE(put["expiration"].get<int64_t>(), now.load() / 1000 + 60);
        now += 61'000;
        const json got = fetchJson(*worker, "/expiry-get");
        QVERIFY(got["value"].is_null());
        QVERIFY(got["withMeta"]["value"].is_null());
        QVERIFY(got["withMeta"]["metadata"].is_null());
        QCOMPARE(got["forever"], json("stays"));
        for (const json &name : got["listed"])
            QVERIFY(name != json("session"));
    }

    void d1FromWorkerCode()
    {
        const json d = fetchJson(*worker, "/d1");
        QVERIFY(!d.is_null());
        QCOMPARE(d["type"], json("[object D1Database]"));
        QCOMPARE(d["create"]["success"], json(true));
        QCOMPARE(d["create"]["results"], json::array());
        QCOMPARE(d["statementShape"]["params"], json::array());
        QCOMPARE(d["boundParams"], json({"ada@example.com", 9.5, {1, 2, 3}, 1}));
        QCOMPARE(d["insert"]["success"], json(true));
        QCOMPARE(d["insert"]["meta"]["changes"], json(1));
        QCOMPARE(d["insert"]["meta"]["last_row_id"], json(1));
        QCOMPARE(d["insert"]["meta"]["changed_db"], json(true));
        for (const char *field : {"duration", "size_after", "rows_read", "rows_written"})
            QVERIFY2(d["insert"]["meta"][field].is_number(), field);

        QCOMPARE(d["first"], json({{"id", 1},
                                   {"email", "ada@example.com"},
                                   {"score", 9.5},
                                   {"avatar", {1, 2, 3}},
                                   {"admin", 1}}));
        QCOMPARE(d["firstColumn"], json("bob@example.com"));
        QVERIFY(d["firstNone"].is_null());
        QCOMPARE(d["all"]["success"], json(true));
        QCOMPARE(d["all"]["results"],
                 json({{{"id", 1}, {"email", "ada@example.com"}, {"admin", 1}},
                       {{"id", 2}, {"email", "bob@example.com"}, {"admin", 0}}}));
        QCOMPARE(d["all"]["meta"]["rows_read"], json(2));
        QCOMPARE(d["raw"],
                 json({{1, "ada@example.com"}, {2, "bob@example.com"}, {3, "cy@example.com"}}));
        QCOMPARE(d["rawColumns"], json({{"id", "email"}, {1, "ada@example.com"}}));
        QCOMPARE(d["count"], json(3));

        QCOMPARE(d["batch"].size(), size_t(3));
        QCOMPARE(d["batch"][0]["meta"]["last_row_id"], json(4));
        QCOMPARE(d["batch"][1]["meta"]["changes"], json(2));
        QCOMPARE(d["batch"][2]["results"], json({{{"n", 4}}}));
        QCOMPARE(d["batchError"]["thrown"], json(true));
        QCOMPARE(d["batchError"]["message"],
                 json("D1_ERROR: UNIQUE constraint failed: users.email: SQLITE_CONSTRAINT"));
        QCOMPARE(d["batchError"]["cause"],
                 json("UNIQUE constraint failed: users.email: SQLITE_CONSTRAINT"));
        QCOMPARE(d["afterFailedBatch"], json(0)); // eve was rolled back with the batch

        QCOMPARE(d["exec"]["count"], json(3));
        QVERIFY(d["exec"]["duration"].is_number());
        QCOMPARE(d["tags"], json({{{"name", "a"}}, {{"name", "b"}}}));

        const json &e = d["errors"];
        QCOMPARE(e["noTable"]["message"], json("D1_ERROR: no such table: nope: SQLITE_ERROR"));
        QCOMPARE(e["noTable"]["cause"], json("no such table: nope: SQLITE_ERROR"));
        QCOMPARE(e["syntax"]["message"],
                 json("D1_ERROR: near \"SELEKT\": syntax error: SQLITE_ERROR"));
        QCOMPARE(e["unique"]["message"],
                 json("D1_ERROR: UNIQUE constraint failed: users.email: SQLITE_CONSTRAINT"));
        QCOMPARE(e["bindUndefined"]["message"],
                 json("D1_TYPE_ERROR: Type 'undefined' not supported for value 'undefined'"));
        QCOMPARE(e["bindObject"]["message"],
                 json("D1_TYPE_ERROR: Type 'object' not supported for value '[object Object]'"));
        QCOMPARE(e["column"]["message"], json("D1_COLUMN_NOTFOUND: Column not found (two)"));
        QVERIFY(e["begin"]["message"].get<std::string>().rfind(
                    "D1_ERROR: BEGIN, COMMIT, ROLLBACK and SAVEPOINT are not allowed", 0) == 0);
        QCOMPARE(e["exec"]["message"],
                 json("D1_EXEC_ERROR: Error in line 2: INSERT INTO nope VALUES (1): no such "
                      "table: nope: SQLITE_ERROR"));
        QCOMPARE(e["params"]["message"],
                 json("D1_ERROR: Wrong number of parameter bindings for SQL query."));
        QCOMPARE(d["tagsAfterFailedExec"], json(2));
        QCOMPARE(d["session"]["n"], json(1));
        QVERIFY(d["session"]["bookmark"].is_null());

        // The inspector's view of the same database.
        std::string error;
        const auto tables = storage->d1Tables("DB", &error);
        QCOMPARE(tables.size(), size_t(2));
        QCOMPARE(tables[1].name, std::string("users"));
        QCOMPARE(tables[1].rowCount, int64_t(4));
    }

    void concurrentRequestsInterleaveSafely()
    {
        std::vector<std::shared_ptr<RecordingWriter>> outs;
        for (int i = 0; i < 50; ++i) {
            auto out = std::make_shared<RecordingWriter>();
            HttpRequest r;
            r.method = "GET";
            r.target = "/concurrent?id=" + std::to_string(i);
            worker->dispatchFetch(r, kBase, out);
            outs.push_back(out);
        }
        for (int i = 0; i < 50; ++i) {
            QVERIFY(outs[size_t(i)]->wait(15000));
            QVERIFY2(outs[size_t(i)]->ended, outs[size_t(i)]->failMessage.c_str());
            QCOMPARE(json::parse(outs[size_t(i)]->body())["mine"], json(std::to_string(i)));
        }
        SqlResult out;
        std::string error;
        QVERIFY(storage->d1ReadOnlyQuery("DB", "SELECT count(DISTINCT who) FROM hits", 10, out,
                                         &error));
        QCOMPARE(std::get<int64_t>(out.rows[0][0]), int64_t(50));
    }

    void savepointsIsolateWhatTheWorkerWrites()
    {
        QVERIFY(storage->savepoint());
        fetchJson(*worker, "/concurrent?id=1000");
        QCOMPARE(storage->kvCount("KV", nullptr), int64_t(17 + 1 + 50 + 1));
        QVERIFY(storage->rollbackToSavepoint());
        QCOMPARE(storage->kvCount("KV", nullptr), int64_t(17 + 1 + 50));
    }

    void storageOutlivesTheIsolate()
    {
        std::weak_ptr<IsolateStorage> weak = storage;
        auto inspector = storage; // what an inspector holds
        storage.reset();
        worker.reset(); // the isolate ends
        QVERIFY(!weak.expired());
        std::string error;
        QCOMPARE(inspector->kvCount("KV", &error), int64_t(17 + 1 + 50));
        QCOMPARE(inspector->d1Tables("DB", &error).size(), size_t(3));
    }

    void withoutAHostCallsReject()
    {
        MapProvider p;
        p.set("/app/entry.js", kEntry);
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        o.bindings = {{"KV", BindingKind::Kv, {}, {}}};
        WorkerIsolate w(p, o);
        w.start();
        const json r = fetchJson(w, "/unbacked");
        QCOMPARE(r["thrown"], json(true));
        QCOMPARE(r["name"], json("Error"));
        QCOMPARE(r["message"],
                 json("Binding 'KV' has no storage behind it (no BindingHost in WorkerOptions)"));
    }
};

QTEST_GUILESS_MAIN(TstWorkerBindings)
#include "tst_worker_bindings.moc"
