// Isolate storage throughput: KV put/get and D1 insert/select per second,
// (1) straight through IsolateStorage's BindingHost (JSON in, JSON out) and
// (2) from worker code through env.KV / env.DB in a real WorkerIsolate
// (the realm classes, native.binding, Promises), in memory and on files.
// Prints figures; asserts nothing.
#include "js/workerIsolate.h"
#include "storage/isolateStorage.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>

using namespace sy;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::vector<BindingDescriptor> bindings()
{
    return {{"KV", BindingKind::Kv, "kv", {}}, {"DB", BindingKind::D1, "db", {}}};
}

void row(const char *what, int n, double ms)
{
    std::printf("  %-44s %8d ops %9.1f ms %12.0f ops/s %8.2f us/op\n", what, n, ms,
                n / (ms / 1000.0), ms * 1000.0 / n);
}

void check(const BindingResult &r)
{
    if (!r.ok()) {
        std::fprintf(stderr, "storage call failed: %s\n", r.message.c_str());
        std::exit(1);
    }
}

void direct(IsolateStorage &s, const char *label, int n)
{
    std::printf("%s, BindingHost calls from C++:\n", label);
    const std::string value(100, 'v');
    const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t *>(value.data()),
                                         value.size());
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i)
        check(s.call("KV", "put", json{{"key", "key:" + std::to_string(i)}}.dump(), bytes));
    row("KV put (100 B values)", n, msSince(t0));
    t0 = Clock::now();
    for (int i = 0; i < n; ++i)
        check(s.call("KV", "get",
                     json{{"key", "key:" + std::to_string(i)}, {"type", "text"}}.dump(), {}));
    row("KV get", n, msSince(t0));
    t0 = Clock::now();
    for (int i = 0; i < n / 1000; ++i)
        check(s.call("KV", "list", json{{"prefix", "key:"}}.dump(), {}));
    row("KV list (1000 keys per page)", n / 1000, msSince(t0));

    check(s.call(
        "DB", "query",
        json{{"sql", "CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, name TEXT, score REAL)"}}
            .dump(),
        {}));
    t0 = Clock::now();
    for (int i = 0; i < n; ++i)
        check(s.call("DB", "query",
                     json{{"sql", "INSERT INTO t(name, score) VALUES(?, ?)"},
                          {"params", {"user " + std::to_string(i), i * 0.5}}}
                         .dump(),
                     {}));
    row("D1 insert (one statement per call)", n, msSince(t0));
    t0 = Clock::now();
    for (int i = 0; i < n; ++i)
        check(s.call("DB", "query",
                     json{{"sql", "SELECT * FROM t WHERE id = ?"}, {"params", {i + 1}}}.dump(),
                     {}));
    row("D1 select by primary key", n, msSince(t0));
    json batch = json::array();
    for (int i = 0; i < 100; ++i)
        batch.push_back({{"sql", "INSERT INTO t(name, score) VALUES(?, ?)"}, {"params", {"b", i}}});
    const std::string batchArgs = json{{"statements", batch}}.dump();
    t0 = Clock::now();
    for (int i = 0; i < n / 100; ++i)
        check(s.call("DB", "batch", batchArgs, {}));
    row("D1 batch of 100 inserts (rows)", n, msSince(t0));
    t0 = Clock::now();
    for (int i = 0; i < 200; ++i) {
        s.savepoint();
        check(s.call("KV", "put", R"({"key":"temp"})", bytes));
        s.rollbackToSavepoint();
    }
    row("savepoint + put + rollback", 200, msSince(t0));
}

class OneModule : public ModuleProvider {
public:
    explicit OneModule(std::string code) : m_code(std::move(code)) {}
    FetchedModule fetchModule(const std::string &id, const std::string &) override
    {
        FetchedModule f;
        f.id = id;
        f.ok = true;
        f.code = m_code;
        f.transformHash = "bench";
        return f;
    }

private:
    std::string m_code;
};

class Collect : public ResponseWriter {
public:
    void writeHead(int, std::vector<HttpHeader>) override {}
    void writeChunk(std::string_view b) override
    {
        std::lock_guard lock(m);
        body += b;
    }
    void end() override { done(true); }
    void fail(std::string_view msg) override
    {
        body = std::string(msg);
        done(false);
    }
    bool wait()
    {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return finished; });
        return ok;
    }
    std::string body;

private:
    void done(bool good)
    {
        std::lock_guard lock(m);
        ok = good;
        finished = true;
        cv.notify_all();
    }
    std::mutex m;
    std::condition_variable cv;
    bool finished = false, ok = false;
};

const char *kWorker = R"JS(
export default {
  async fetch(request, env) {
    const n = Number(new URL(request.url).searchParams.get('n'));
    const out = {};
    const time = async (name, fn) => { const t0 = performance.now(); await fn(); out[name] = performance.now() - t0; };
    const value = 'v'.repeat(100);
    await time('kvPut', async () => { for (let i = 0; i < n; i++) await env.KV.put('key:' + i, value); });
    await time('kvGet', async () => { for (let i = 0; i < n; i++) await env.KV.get('key:' + i); });
    await time('kvGetJson', async () => { for (let i = 0; i < n; i++) await env.KV.get('key:' + i, 'arrayBuffer'); });
    await env.DB.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT, score REAL)');
    const insert = env.DB.prepare('INSERT INTO t (name, score) VALUES (?, ?)');
    await time('d1Insert', async () => { for (let i = 0; i < n; i++) await insert.bind('user ' + i, i * 0.5).run(); });
    const select = env.DB.prepare('SELECT * FROM t WHERE id = ?');
    await time('d1Select', async () => { for (let i = 0; i < n; i++) await select.bind(i + 1).first(); });
    await time('d1Batch', async () => {
      for (let b = 0; b < n / 100; b++) await env.DB.batch(Array.from({ length: 100 }, (_, i) => insert.bind('b', i)));
    });
    return Response.json(out);
  },
};
)JS";

void throughIsolate(std::shared_ptr<IsolateStorage> storage, const char *label, int n)
{
    std::printf("%s, from worker code (env.KV / env.DB in a WorkerIsolate):\n", label);
    OneModule provider(kWorker);
    WorkerOptions o;
    o.entryId = "/bench/worker.js";
    o.cpuLimitMs = 60000;
    o.bindings = bindings();
    o.bindingHost = storage;
    WorkerIsolate worker(provider, o);
    worker.start();
    auto out = std::make_shared<Collect>();
    worker.dispatchFetch(HttpRequest{"GET", "/?n=" + std::to_string(n), {}, {}}, "http://bench",
                         out);
    if (!out->wait()) {
        std::fprintf(stderr, "worker failed: %s\n", out->body.c_str());
        std::exit(1);
    }
    const json r = json::parse(out->body);
    row("await env.KV.put (100 B values)", n, r["kvPut"].get<double>());
    row("await env.KV.get (text)", n, r["kvGet"].get<double>());
    row("await env.KV.get (arrayBuffer)", n, r["kvGetJson"].get<double>());
    row("await stmt.bind().run() insert", n, r["d1Insert"].get<double>());
    row("await stmt.bind().first() by primary key", n, r["d1Select"].get<double>());
    row("await env.DB.batch(100 inserts) (rows)", n, r["d1Batch"].get<double>());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
    std::printf("isolate storage, %d operations per row (files: a quarter)\n\n", n);
    {
        auto s = IsolateStorage::createInMemory(bindings());
        direct(*s, "in memory (a test file)", n);
    }
    QTemporaryDir dir;
    {
        std::string error;
        auto s =
            IsolateStorage::openDirectory(dir.path().toStdString() + "/direct", bindings(), &error);
        if (!s) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        std::printf("\n");
        direct(*s, "files, WAL, synchronous=NORMAL (the dev server)", n / 4);
    }
    std::printf("\n");
    throughIsolate(IsolateStorage::createInMemory(bindings()), "in memory", n);
    std::printf("\n");
    std::string error;
    throughIsolate(
        IsolateStorage::openDirectory(dir.path().toStdString() + "/isolate", bindings(), &error),
        "files", n / 4);
    return 0;
}
