#include "js/workerIsolate.h"
#include "recordingWriter.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>

using namespace sy;
using namespace sy::test;

namespace {

const char *kBase = "http://127.0.0.1:5173";

std::shared_ptr<RecordingWriter> fetchAndWait(WorkerIsolate &w, const std::string &target,
                                              std::string method = "GET", std::string body = {},
                                              int timeoutMs = 10000)
{
    auto out = std::make_shared<RecordingWriter>();
    HttpRequest r;
    r.method = std::move(method);
    r.target = target;
    r.headers = {{"Host", "127.0.0.1:5173"}, {"X-Test", "yes"}};
    r.body = std::move(body);
    w.dispatchFetch(r, kBase, out);
    if (!out->wait(timeoutMs))
        qWarning("request %s timed out", target.c_str());
    return out;
}

const EvaluatedModule *findModule(const std::vector<EvaluatedModule> &mods, const std::string &id)
{
    for (const auto &m : mods)
        if (m.id == id)
            return &m;
    return nullptr;
}

// The main test worker: routes by path.
const char *kEntry = R"JS(
import { greet } from '/app/lib.js';
const als = new AsyncLocalStorage();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
    case '/stream': {
      const parts = ['one,', 'two,', 'three'];
      const stream = new ReadableStream({
        async pull(controller) {
          await sleep(2);
          const p = parts.shift();
          if (p === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(p));
        },
      });
      return new Response(stream, { status: 201, headers: { 'x-kind': 'stream', 'content-type': 'text/plain' } });
    }
    case '/import':
      return new Response(greet('static'));
    case '/dynamic': {
      const mod = await import('/app/dyn.js');
      return new Response(mod.value + ' ' + mod.url);
    }
    case '/meta':
      return new Response(import.meta.url);
    case '/als': {
      const v = url.searchParams.get('v');
      return als.run(v, async () => {
        await sleep(Number(v) % 7);
        await null;
        await Promise.resolve();
        return new Response(String(als.getStore()));
      });
    }
    case '/digest': {
      const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc'));
      return new Response([...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join(''));
    }
    case '/crypto-replaced': {
      // Web Crypto is made on first use; assigning the global replaces it, as a data property.
      const saved = crypto;
      globalThis.crypto = 'replaced';
      const seen = String(globalThis.crypto);
      globalThis.crypto = saved;
      return new Response(seen + ' ' + typeof crypto.randomUUID() + ' ' +
        Object.getOwnPropertyDescriptor(globalThis, 'crypto').enumerable);
    }
    case '/globals':
      return new Response([typeof process, typeof require, typeof Buffer, typeof global,
        typeof fetch, typeof structuredClone, typeof AsyncLocalStorage, typeof crypto.subtle,
        typeof setTimeout, typeof Headers].join(','));
    case '/echo':
      return new Response(request.method + ' ' + request.headers.get('x-test') + ' ' + env.GREETING + ' ' + await request.text());
    case '/spin':
      while (true) {}
    case '/microspin':
      for (;;) await null;
    case '/wait':
      await sleep(Number(url.searchParams.get('ms')));
      return new Response('waited');
    case '/chunks': {
      // n slices of ~5 ms of work, each in a turn of its own (setImmediate):
      // busy for n * 5 ms, never long in one turn.
      const n = Number(url.searchParams.get('n'));
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const end = Date.now() + 5;
        while (Date.now() < end) sum++;
        await new Promise((r) => setImmediate(r));
      }
      return new Response('chunks ' + n + ' ' + (sum > 0));
    }
    case '/spin-later':
      setTimeout(() => { while (true) {} }, 20);
      return new Response('scheduled');
    case '/slow':
      await sleep(3000);
      return new Response('slow done');
    case '/bad':
      await import('/app/bad.js');
      return new Response('unreachable');
    case '/throw':
      throw new Error('boom from handler');
    case '/tla':
      return new Response(String((await import('/app/tla.js')).ready));
    }
    return new Response('not found', { status: 404 });
  },
};
)JS";

void addMainModules(MapProvider &p)
{
    p.set("/app/entry.js", kEntry);
    p.set("/app/lib.js", "export function greet(who) { return `hello ${who}`; }\n");
    p.set("/app/dyn.js", "export const value = 'dyn'; export const url = import.meta.url;\n");
    p.set("/app/bad.js", "export const a = 1;\nexport const b = ;\n");
    p.set("/app/tla.js",
          "await new Promise((r) => setTimeout(r, 5));\nexport const ready = 'tla-ok';\n");
}

// Serves node:* ids as built-ins (FetchedModule::builtin), as the worker
// environment does for the ones nodejs_compat allows.
class BuiltinProvider : public MapProvider {
public:
    FetchedModule fetchModule(const std::string &id, const std::string &importer) override
    {
        if (id.rfind("node:", 0) != 0)
            return MapProvider::fetchModule(id, importer);
        FetchedModule f;
        f.ok = true;
        f.id = id;
        f.builtin = id.substr(5);
        return f;
    }
};

const char *kBuiltinEntry = R"JS(
import crypto, { createHash, randomUUID } from 'node:crypto';
import { AsyncLocalStorage as ALS } from 'node:async_hooks';
export default {
  async fetch() {
    const again = await import('node:crypto');
    let missing = 'none';
    try { await import('node:sqlite'); } catch (e) { missing = e.message; }
    return new Response([
      crypto.createHash === createHash, again.default === crypto, again.randomUUID === randomUUID,
      ALS === globalThis.AsyncLocalStorage, createHash('sha256').update('abc').digest('hex').slice(0, 8),
      typeof Buffer, missing,
    ].join('|'));
  },
};
)JS";

} // namespace

class TstWorkerIsolate : public QObject {
    Q_OBJECT

    MapProvider provider;
    std::unique_ptr<WorkerIsolate> worker;

private slots:
    void initTestCase()
    {
        addMainModules(provider);
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        o.cpuLimitMs = 300;
        o.envJson = R"({"GREETING":"hi-env"})";
        worker = std::make_unique<WorkerIsolate>(provider, o);
        const auto t0 = std::chrono::steady_clock::now();
        worker->start();
        qInfo("first start() %.1f ms (includes process-wide init); environment %.1f ms",
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                  .count(),
              worker->startupMs());
    }
    void cleanupTestCase() { worker.reset(); }

    void streamedResponse()
    {
        auto out = fetchAndWait(*worker, "/stream");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->status, 201);
        QCOMPARE(out->header("x-kind"), std::string("stream"));
        QCOMPARE(out->header("content-type"), std::string("text/plain"));
        QCOMPARE(out->chunks.size(), size_t(3));
        QCOMPARE(out->chunks[0], std::string("one,"));
        QCOMPARE(out->chunks[2], std::string("three"));
        QCOMPARE(out->calls.front(), std::string("head"));
        QCOMPARE(out->calls.back(), std::string("end"));
    }

    void roundTrip()
    {
        fetchAndWait(*worker, "/import");
        const int n = 50;
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < n; ++i) {
            auto out = fetchAndWait(*worker, "/import");
            QVERIFY(out->ended);
        }
        qInfo("request round trip (warm, sequential): %.3f ms",
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                      .count() /
                  n);
    }

    void staticImportById()
    {
        auto out = fetchAndWait(*worker, "/import");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), std::string("hello static"));
        auto mods = worker->evaluatedModules();
        auto *lib = findModule(mods, "/app/lib.js");
        QVERIFY(lib);
        QCOMPARE(lib->importers, std::vector<std::string>{"/app/entry.js"});
        QCOMPARE(lib->status, std::string("evaluated"));
        QVERIFY(lib->evaluatedAt > 1700000000000LL);
    }

    void dynamicImportAndMeta()
    {
        auto out = fetchAndWait(*worker, "/dynamic");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), std::string("dyn /app/dyn.js"));
        auto meta = fetchAndWait(*worker, "/meta");
        QCOMPARE(meta->body(), std::string("/app/entry.js"));
    }

    void topLevelAwait()
    {
        auto out = fetchAndWait(*worker, "/tla");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), std::string("tla-ok"));
    }

    void requestBodyHeadersEnv()
    {
        auto out = fetchAndWait(*worker, "/echo", "POST", "payload-123");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), std::string("POST yes hi-env payload-123"));
    }

    void asyncLocalStoragePerRequest()
    {
        std::vector<std::shared_ptr<RecordingWriter>> outs;
        for (int i = 0; i < 20; ++i) {
            auto out = std::make_shared<RecordingWriter>();
            HttpRequest r;
            r.method = "GET";
            r.target = "/als?v=" + std::to_string(i);
            worker->dispatchFetch(r, kBase, out);
            outs.push_back(out);
        }
        for (int i = 0; i < 20; ++i) {
            QVERIFY(outs[i]->wait());
            QVERIFY2(outs[i]->ended, outs[i]->failMessage.c_str());
            QCOMPARE(outs[i]->body(), std::to_string(i));
        }
    }

    void webCrypto()
    {
        auto out = fetchAndWait(*worker, "/digest");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void webCryptoReplaceable()
    {
        auto out = fetchAndWait(*worker, "/crypto-replaced");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), std::string("replaced string false"));
    }

    void nodeGlobalsHidden()
    {
        auto out = fetchAndWait(*worker, "/globals");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), std::string("undefined,undefined,undefined,undefined,function,"
                                          "function,function,object,function,function"));
    }

    void nodeGlobalsWithCompat()
    {
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        o.nodejsCompat = true;
        WorkerIsolate compat(provider, o);
        compat.start();
        auto out = fetchAndWait(compat, "/globals");
        QVERIFY2(out->ended, out->failMessage.c_str());
        // workerd's nodejs_compat v2 has Buffer, process and global, but no require.
        QCOMPARE(out->body(), std::string("object,undefined,function,object,function,function,"
                                          "function,object,function,function"));
        compat.stop();
    }

    // serve makes the worker's Node environment while it reads vite.config
    // (test --watch makes several between runs): the next isolates to start
    // take them (their threads too), serve, and make their own again after a
    // restart; the one after those makes its own.
    void environmentMadeAhead()
    {
        QCOMPARE(WorkerIsolate::environmentsAheadWaiting(), size_t(0));
        WorkerIsolate::prepareEnvironmentAhead();
        WorkerIsolate::prepareEnvironmentAhead(); // tops up to 1: still one
        QCOMPARE(WorkerIsolate::environmentsAheadWaiting(), size_t(1));
        WorkerIsolate::prepareEnvironmentAhead(2);
        QCOMPARE(WorkerIsolate::environmentsAheadWaiting(), size_t(2));
        BuiltinProvider builtins;
        builtins.set("/app/builtins.js", kBuiltinEntry);
        WorkerOptions o;
        o.entryId = "/app/builtins.js";
        WorkerIsolate first(builtins, o);
        first.start();
        QCOMPARE(WorkerIsolate::environmentsAheadWaiting(), size_t(1));
        WorkerIsolate middle(builtins, o);
        middle.start();
        QCOMPARE(WorkerIsolate::environmentsAheadWaiting(), size_t(0));
        auto fromMiddle = fetchAndWait(middle, "/");
        QVERIFY2(fromMiddle->ended, fromMiddle->failMessage.c_str());
        middle.stop();
        auto out = fetchAndWait(first, "/");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QVERIFY2(out->body().rfind("true|true|true|true|ba7816bf|", 0) == 0, out->body().c_str());
        const int generation = first.environmentGeneration();
        first.restart("test", true);
        auto after = fetchAndWait(first, "/");
        QVERIFY2(after->ended, after->failMessage.c_str());
        QCOMPARE(first.environmentGeneration(), generation + 1);
        WorkerIsolate second(builtins, o);
        second.start();
        auto other = fetchAndWait(second, "/");
        QVERIFY2(other->ended, other->failMessage.c_str());
        second.stop();
        first.stop();
    }

    // workerd's WebSocketPair works inside the isolate (one end answers the other);
    // a 101 Response that carries one reaches serve as a clear error, not a broken
    // upgrade (serve does not bridge WebSockets yet).
    void webSocketPairInsideTheIsolate()
    {
        BuiltinProvider builtins;
        builtins.set("/app/ws.js", R"(export default {
  async fetch(request) {
    const { 0: client, 1: server } = new WebSocketPair();
    server.accept();
    server.addEventListener("message", (e) => server.send("re: " + e.data));
    if (new URL(request.url).pathname === "/upgrade")
      return new Response(null, { status: 101, webSocket: client });
    client.accept();
    const reply = new Promise((resolve) => client.addEventListener("message", (e) => resolve(e.data)));
    client.send("hi");
    const plain = new Response("x");
    return new Response([await reply, plain.webSocket, plain instanceof Response].join("|"));
  },
};
)");
        WorkerOptions o;
        o.entryId = "/app/ws.js";
        WorkerIsolate worker(builtins, o);
        worker.start();
        auto out = fetchAndWait(worker, "/");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), std::string("re: hi||true"));
        auto upgrade = fetchAndWait(worker, "/upgrade");
        QVERIFY(!upgrade->ended);
        QVERIFY2(upgrade->failMessage.find("does not bridge WebSocket connections yet") !=
                     std::string::npos,
                 upgrade->failMessage.c_str());
        worker.stop();
    }

    // A built-in is the isolate's own module object: default and named
    // exports, the same instance for every import; one Node 18 lacks fails
    // with a message saying so. restart() swaps the globals (Buffer).
    void builtinModulesAndRestart()
    {
        BuiltinProvider builtins;
        builtins.set("/app/builtins.js", kBuiltinEntry);
        WorkerOptions o;
        o.entryId = "/app/builtins.js";
        WorkerIsolate w(builtins, o);
        w.start();
        auto out = fetchAndWait(w, "/");
        QVERIFY2(out->ended, out->failMessage.c_str());
        const std::string body = out->body();
        QVERIFY2(body.rfind("true|true|true|true|ba7816bf|undefined|", 0) == 0, body.c_str());
        QVERIFY2(body.find("node:sqlite is offered by workerd but not by the Node.js v18") !=
                     std::string::npos,
                 body.c_str());
        const int generation = w.environmentGeneration();
        w.restart("test", true);
        auto after = fetchAndWait(w, "/");
        QVERIFY2(after->ended, after->failMessage.c_str());
        QVERIFY2(after->body().find("|function|") != std::string::npos, after->body().c_str());
        QCOMPARE(w.environmentGeneration(), generation + 1);
        w.stop();
    }

    // A built-in module created for an importer that then fails to link
    // (a missing sibling import) is never evaluated: its handles must go with
    // the runner, not at the thread's exit after the isolate is disposed
    // (Cloudflare's module-resolution example crashed the test run there).
    void builtinOfAFailedLinkDoesNotOutliveTheIsolate()
    {
        BuiltinProvider builtins;
        builtins.set("/app/entry.js",
                     "import crypto from 'node:crypto';\n"
                     "import { x } from '/app/missing.js';\n"
                     "export default { fetch() { return new Response('' + x); } };\n");
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        auto w = std::make_unique<WorkerIsolate>(builtins, o);
        w->start();
        auto out = fetchAndWait(*w, "/");
        QVERIFY(out->failed);
        QVERIFY2(out->failMessage.find("missing.js") != std::string::npos,
                 out->failMessage.c_str());
        w->stop();
        w.reset(); // joins the isolate's thread: its thread-local state is destroyed here
        QVERIFY(!w);
    }

    void handlerExceptionFails()
    {
        auto out = fetchAndWait(*worker, "/throw");
        QVERIFY(out->failed);
        QVERIFY2(out->failMessage.find("boom from handler") != std::string::npos,
                 out->failMessage.c_str());
        QVERIFY2(out->failMessage.find("/app/entry.js") != std::string::npos,
                 out->failMessage.c_str()); // stack names the module
    }

    void syntaxErrorInImportedModule()
    {
        auto out = fetchAndWait(*worker, "/bad");
        QVERIFY(out->failed);
        QVERIFY2(out->failMessage.find("SyntaxError") != std::string::npos,
                 out->failMessage.c_str());
        QVERIFY2(out->failMessage.find("'/app/bad.js'") != std::string::npos,
                 out->failMessage.c_str());
        QVERIFY2(out->failMessage.find("line 2") != std::string::npos, out->failMessage.c_str());
        auto good = fetchAndWait(*worker, "/import");
        QVERIFY2(good->ended, good->failMessage.c_str());
    }

    void missingModule()
    {
        MapProvider p;
        p.set("/m/entry.js",
              "import '/m/nope.js';\nexport default { fetch() { return new Response('x'); } };");
        WorkerOptions o;
        o.entryId = "/m/entry.js";
        WorkerIsolate w(p, o);
        w.start();
        auto out = fetchAndWait(w, "/");
        QVERIFY(out->failed);
        QVERIFY2(out->failMessage.find(
                     "Failed to load module '/m/nope.js' (imported by '/m/entry.js')") !=
                     std::string::npos,
                 out->failMessage.c_str());
        QVERIFY(out->failMessage.find("no such module") != std::string::npos);
    }

    void brokenEntryThenFixed()
    {
        MapProvider p;
        p.set("/e/entry.js", "export default {\n  fetch() { return new Response('x' }\n};\n");
        WorkerOptions o;
        o.entryId = "/e/entry.js";
        WorkerIsolate w(p, o);
        w.start();
        auto bad = fetchAndWait(w, "/");
        QVERIFY(bad->failed);
        QVERIFY2(bad->failMessage.find("'/e/entry.js' at line 2") != std::string::npos,
                 bad->failMessage.c_str());
        p.set("/e/entry.js", "export default { fetch() { return new Response('fixed'); } };");
        auto good = fetchAndWait(w, "/");
        QVERIFY2(good->ended, good->failMessage.c_str());
        QCOMPARE(good->body(), std::string("fixed"));
        QCOMPARE(p.fetchCount("/e/entry.js"), 2);
    }

    void preloadEvaluatesTheEntryWithoutAFetch()
    {
        MapProvider p;
        p.set("/p/entry.js",
              "import '/p/dep.js';\nglobalThis.fetches = 0;\n"
              "export default { fetch() { return new Response(String(++globalThis.fetches)); } };");
        p.set("/p/dep.js", "globalThis.depEvaluated = true;");
        WorkerOptions o;
        o.entryId = "/p/entry.js";
        WorkerIsolate w(p, o);
        w.start();
        auto done = std::make_shared<RecordingWriter>();
        w.preloadEntry(done);
        QVERIFY(done->wait(10000));
        QVERIFY2(done->ended, done->failMessage.c_str());
        const auto mods = w.evaluatedModules();
        QVERIFY(findModule(mods, "/p/entry.js"));
        QVERIFY(findModule(mods, "/p/dep.js"));
        // No fetch ran during the preload, and the first request reuses its modules.
        auto first = fetchAndWait(w, "/");
        QCOMPARE(first->body(), std::string("1"));
        QCOMPARE(p.fetchCount("/p/entry.js"), 1);
        // A preload of a broken entry reports the error.
        MapProvider broken;
        broken.set("/b/entry.js", "export default {");
        WorkerOptions bo;
        bo.entryId = "/b/entry.js";
        WorkerIsolate bw(broken, bo);
        bw.start();
        auto failed = std::make_shared<RecordingWriter>();
        bw.preloadEntry(failed);
        QVERIFY(failed->wait(10000));
        QVERIFY(failed->failed);
        QVERIFY2(failed->failMessage.find("/b/entry.js") != std::string::npos,
                 failed->failMessage.c_str());
    }

    void pinnedModuleSurvivesClearCacheAndInvalidate()
    {
        MapProvider p;
        p.set("/q/a.js", "import { counter } from '/q/state.js';\n"
                         "export default { fetch() { counter.n++; return new "
                         "Response(`${counter.n}:${counter.id}`); } };\n");
        p.set("/q/state.js",
              "export const counter = { n: 0, id: Math.random().toString(36).slice(2) };\n");
        WorkerOptions o;
        o.entryId = "/q/a.js";
        o.pinnedModules = {"/q/state.js"};
        WorkerIsolate w(p, o);
        w.start();
        const std::string first = fetchAndWait(w, "/")->body();
        QVERIFY2(first.rfind("1:", 0) == 0, first.c_str());
        const std::string id = first.substr(2);
        const auto cleared = w.clearCache();
        QCOMPARE(cleared, std::vector<std::string>{"/q/a.js"});
        QCOMPARE(fetchAndWait(w, "/")->body(), "2:" + id); // same state instance
        QVERIFY(w.invalidate({"/q/state.js"}).empty());    // never dropped, even when named
        QCOMPARE(fetchAndWait(w, "/")->body(), "3:" + id);
        QCOMPARE(p.fetchCount("/q/state.js"), 1);
        QCOMPARE(p.fetchCount("/q/a.js"), 2);
    }

    void invalidateKeepsStateModule()
    {
        MapProvider p;
        p.set("/s/a.js", "import { counter } from '/s/s.js';\nimport { label } from '/s/b.js';\n"
                         "export default { fetch() { counter.n++; return new "
                         "Response(`${label}:${counter.n}:${counter.id}`); } };\n");
        p.set("/s/b.js", "export const label = 'b1';\n");
        p.set("/s/s.js",
              "export const counter = { n: 0, id: Math.random().toString(36).slice(2) };\n");
        p.set("/s/other.js", "export const x = 1;\n");
        WorkerOptions o;
        o.entryId = "/s/a.js";
        WorkerIsolate w(p, o);
        w.start();
        auto r1 = fetchAndWait(w, "/");
        QVERIFY2(r1->ended, r1->failMessage.c_str());
        const std::string body1 = r1->body();
        QVERIFY2(body1.rfind("b1:1:", 0) == 0, body1.c_str());
        const std::string counterId = body1.substr(5);
        auto before = w.evaluatedModules();
        QCOMPARE(before.size(), size_t(3));
        QCOMPARE(findModule(before, "/s/s.js")->importers, std::vector<std::string>{"/s/a.js"});
        const int64_t sEvaluatedAt = findModule(before, "/s/s.js")->evaluatedAt;
        QCOMPARE(findModule(before, "/s/a.js")->imports,
                 (std::vector<std::string>{"/s/s.js", "/s/b.js"}));

        p.set("/s/b.js", "export const label = 'b2';\n");
        auto dropped = w.invalidate({"/s/b.js", "/s/unknown.js"});
        QCOMPARE(dropped, (std::vector<std::string>{"/s/a.js", "/s/b.js"}));
        auto mid = w.evaluatedModules();
        QCOMPARE(mid.size(), size_t(1));
        QCOMPARE(mid[0].id, std::string("/s/s.js"));

        auto r2 = fetchAndWait(w, "/");
        QVERIFY2(r2->ended, r2->failMessage.c_str());
        QCOMPARE(r2->body(), "b2:2:" + counterId); // same counter object, new label
        QCOMPARE(p.fetchCount("/s/a.js"), 2);
        QCOMPARE(p.fetchCount("/s/b.js"), 2);
        QCOMPARE(p.fetchCount("/s/s.js"), 1);
        auto after = w.evaluatedModules();
        QCOMPARE(after.size(), size_t(3));
        QCOMPARE(findModule(after, "/s/b.js")->transformHash, p.hash("/s/b.js"));
        QCOMPARE(findModule(after, "/s/s.js")->evaluatedAt, sEvaluatedAt);
        QCOMPARE(findModule(after, "/s/s.js")->importers, std::vector<std::string>{"/s/a.js"});

        auto cleared = w.clearCache();
        QCOMPARE(cleared.size(), size_t(3));
        auto r3 = fetchAndWait(w, "/");
        QVERIFY2(r3->body().rfind("b2:1:", 0) == 0, r3->body().c_str()); // fresh state
        QCOMPARE(p.fetchCount("/s/s.js"), 2);
    }

    // The SSR bridge's shape (issue 9, section 6): a loader module memoizes
    // what a lookup module's import() returned (the runtime's
    // __webpack_require__). Invalidating the imported module must drop the
    // lookup and the loader too, or every later render uses the old instance.
    void invalidateDropsDynamicImporters()
    {
        MapProvider p;
        p.set("/d/entry.js",
              "import { load } from '/d/loader.js';\n"
              "export default { async fetch(request) {\n"
              "  const id = new URL(request.url).searchParams.get('id') || 'comp';\n"
              "  try { return new Response((await load(id)).label); }\n"
              "  catch (e) { return new Response('failed', { status: 500 }); } } };\n");
        p.set("/d/loader.js", "import { lookup } from '/d/lookup.js';\n"
                              "const memo = new Map();\n"
                              "export function load(id) {\n"
                              "  if (!memo.has(id)) memo.set(id, lookup[id]());\n"
                              "  return memo.get(id);\n}\n");
        p.set("/d/lookup.js", "export const lookup = { comp: () => import('/d/comp.js'),\n"
                              "  bad: () => import('/d/bad.js') };\n");
        p.set("/d/bad.js", "export const label = ;\n");
        p.set("/d/comp.js", "export const label = 'old';\n");
        p.set("/d/other.js", "export const x = 1;\n");
        WorkerOptions o;
        o.entryId = "/d/entry.js";
        WorkerIsolate w(p, o);
        w.start();
        auto r1 = fetchAndWait(w, "/");
        QVERIFY2(r1->ended, r1->failMessage.c_str());
        QCOMPARE(r1->body(), std::string("old"));
        const auto before = w.evaluatedModules();
        QVERIFY(findModule(before, "/d/lookup.js"));
        QCOMPARE(findModule(before, "/d/lookup.js")->dynamicImports,
                 std::vector<std::string>{"/d/comp.js"});
        QVERIFY(findModule(before, "/d/entry.js")->dynamicImports.empty());

        p.set("/d/comp.js", "export const label = 'new';\n");
        const auto dropped = w.invalidate({"/d/comp.js"});
        QCOMPARE(dropped, (std::vector<std::string>{"/d/comp.js", "/d/entry.js", "/d/loader.js",
                                                    "/d/lookup.js"}));
        auto r2 = fetchAndWait(w, "/");
        QVERIFY2(r2->ended, r2->failMessage.c_str());
        QCOMPARE(r2->body(), std::string("new"));
        QCOMPARE(p.fetchCount("/d/comp.js"), 2);

        // A module nobody imported dynamically drops nothing else.
        QVERIFY(w.invalidate({"/d/other.js"}).empty());

        // A failed import() is memoized as a rejection: fixing the module and
        // invalidating it (it has no record) drops its importers all the same.
        auto r3 = fetchAndWait(w, "/?id=bad");
        QVERIFY2(r3->ended, r3->failMessage.c_str());
        QCOMPARE(r3->body(), std::string("failed"));
        p.set("/d/bad.js", "export const label = 'fixed';\n");
        QCOMPARE(w.invalidate({"/d/bad.js"}),
                 (std::vector<std::string>{"/d/entry.js", "/d/loader.js", "/d/lookup.js"}));
        auto r4 = fetchAndWait(w, "/?id=bad");
        QVERIFY2(r4->ended, r4->failMessage.c_str());
        QCOMPARE(r4->body(), std::string("fixed"));
    }

    // rwsdk's shape: the worker's pre-bundle (React's renderer) imports the
    // use-server lookup, whose import() of a "use server" module throws while
    // evaluating. Retrying that module on the next load drops its importers,
    // the pre-bundle among them; re-evaluating the renderer next to the kept
    // React failed every later request ("Currently React only supports one
    // RSC renderer at a time"). With the pre-bundles evaluated together the
    // whole cache goes instead (the pinned state stays), and requests work.
    void failedModuleRetryDropsEvaluatedTogetherModulesAsOne()
    {
        MapProvider p;
        p.set("/t/deps/react.js", "export const internals = { A: null };\n");
        p.set("/t/deps/renderer.js",
              "import { internals } from '/t/deps/react.js';\n"
              "import { lookup } from '/t/lookup.js';\n"
              "const dispatcher = {};\n"
              "internals.A ??= dispatcher;\n"
              "export { lookup };\n"
              "export function render(text) {\n"
              "  if (internals.A !== dispatcher) throw new Error('a second renderer');\n"
              "  return 'rendered ' + text;\n}\n");
        p.set("/t/lookup.js", "export const lookup = { ok: () => import('/t/ok.js'),\n"
                              "  bad: () => import('/t/bad.js') };\n");
        p.set("/t/ok.js", "export const text = 'ok';\n");
        p.set("/t/bad.js", "throw new Error('bad module');\nexport const text = 'never';\n");
        p.set("/t/state.js", "export const state = { id: Math.random() };\n");
        p.set("/t/entry.js",
              "import { lookup, render } from '/t/deps/renderer.js';\n"
              "import { state } from '/t/state.js';\n"
              "export default { async fetch(request) {\n"
              "  const id = new URL(request.url).searchParams.get('id') || 'ok';\n"
              "  let text;\n"
              "  try { text = (await lookup[id]()).text; } catch (e) { text = e.message; }\n"
              "  try { return new Response(render(text) + ' ' + state.id); }\n"
              "  catch (e) { return new Response(e.message, { status: 500 }); } } };\n");
        WorkerOptions o;
        o.entryId = "/t/entry.js";
        o.pinnedModules = {"/t/state.js"};
        o.evaluatedTogether = {"/t/deps/"};
        WorkerIsolate w(p, o);
        w.start();
        const std::string first = fetchAndWait(w, "/")->body();
        QVERIFY2(first.rfind("rendered ok ", 0) == 0, first.c_str());
        const std::string stateId = first.substr(std::string("rendered ok ").size());
        QCOMPARE(fetchAndWait(w, "/?id=bad")->body(), "rendered bad module " + stateId);
        auto after = fetchAndWait(w, "/");
        QVERIFY2(after->ended, after->failMessage.c_str());
        QCOMPARE(after->body(), "rendered ok " + stateId); // the pinned state kept
        QCOMPARE(p.fetchCount("/t/deps/react.js"), 2);     // evaluated anew with its renderer
        QCOMPARE(p.fetchCount("/t/deps/renderer.js"), 2);
        QCOMPARE(p.fetchCount("/t/state.js"), 1);
    }

    void cpuLimitStopsSpinAndRecovers()
    {
        const int generation = worker->environmentGeneration();
        const auto t0 = std::chrono::steady_clock::now();
        auto spin = fetchAndWait(*worker, "/spin", "GET", {}, 20000);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        QVERIFY(spin->failed);
        QVERIFY2(spin->failMessage.find("Worker exceeded its CPU time limit (300 ms)") !=
                     std::string::npos,
                 spin->failMessage.c_str());
        qInfo("spin stopped after %.0f ms", ms);
        QVERIFY(ms >= 300);
        auto next = fetchAndWait(*worker, "/import");
        QVERIFY2(next->ended, next->failMessage.c_str());
        QCOMPARE(next->body(), std::string("hello static"));
        QCOMPARE(worker->environmentGeneration(), generation + 1);
        qInfo("environment recreated in %.1f ms", worker->startupMs());
    }

    void cpuLimitInTimerFailsInFlight()
    {
        const int generation = worker->environmentGeneration();
        auto slow = std::make_shared<RecordingWriter>();
        worker->dispatchFetch(HttpRequest{"GET", "/slow", {}, {}}, kBase, slow);
        auto later = fetchAndWait(*worker, "/spin-later");
        QVERIFY2(later->ended, later->failMessage.c_str());
        QCOMPARE(later->body(), std::string("scheduled"));
        // The timer's spin condemns the environment: the request still waiting fails too.
        QVERIFY(slow->wait(10000));
        QVERIFY(slow->failed);
        QVERIFY2(slow->failMessage.find("CPU time limit (300 ms)") != std::string::npos,
                 slow->failMessage.c_str());
        auto next = fetchAndWait(*worker, "/import");
        QVERIFY2(next->ended, next->failMessage.c_str());
        QCOMPARE(worker->environmentGeneration(), generation + 1);
    }

    void cpuLimitCountsCpuNotWallTime()
    {
        // 1.5 s of waiting against a 300 ms limit: sleeping costs no CPU.
        const int generation = worker->environmentGeneration();
        auto out = fetchAndWait(*worker, "/wait?ms=1500");
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), std::string("waited"));
        QCOMPARE(worker->environmentGeneration(), generation);
    }

    void interleavedRequestsAreNotKilled()
    {
        // Four requests each busy for ~1.2 s in 5 ms turns, interleaved with
        // each other, with requests that wait and with 200 quick ones: the
        // isolate thread is busy for ~5 s (never idle) against a 300 ms limit,
        // yet no turn is long, so nothing may be stopped.
        const int generation = worker->environmentGeneration();
        std::vector<std::shared_ptr<RecordingWriter>> outs;
        auto send = [&](const std::string &target) {
            auto out = std::make_shared<RecordingWriter>();
            worker->dispatchFetch(HttpRequest{"GET", target, {}, {}}, kBase, out);
            outs.push_back(out);
        };
        for (int i = 0; i < 4; ++i)
            send("/chunks?n=240");
        send("/wait?ms=700");
        for (int i = 0; i < 200; ++i) {
            send(i % 2 ? "/import" : "/stream");
            if (i % 20 == 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        for (const auto &out : outs) {
            QVERIFY(out->wait(60000));
            QVERIFY2(out->ended, out->failMessage.c_str());
        }
        QCOMPARE(outs[0]->body(), std::string("chunks 240 true"));
        QCOMPARE(outs[4]->body(), std::string("waited"));
        QCOMPARE(worker->environmentGeneration(), generation);
    }

    void cpuLimitStopsAnEndlessMicrotaskChain()
    {
        // `for (;;) await null` yields to no event loop turn: one long turn.
        const int generation = worker->environmentGeneration();
        auto spin = fetchAndWait(*worker, "/microspin", "GET", {}, 20000);
        QVERIFY(spin->failed);
        QVERIFY2(spin->failMessage.find("Worker exceeded its CPU time limit (300 ms)") !=
                     std::string::npos,
                 spin->failMessage.c_str());
        auto next = fetchAndWait(*worker, "/import");
        QVERIFY2(next->ended, next->failMessage.c_str());
        QCOMPARE(worker->environmentGeneration(), generation + 1);
    }

    void memoryLimitStopsTheIsolateAndRecovers()
    {
        // Each way of running out of memory fails its request with the
        // message, tells onEnvironmentLost, and the next request is served
        // by a fresh environment; garbage, however much, never counts.
        MapProvider p;
        p.set("/oom/entry.js", R"JS(
import { hits } from '/oom/state.js';
export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    const keep = [];
    if (pathname === '/arrays') for (;;) keep.push(new Array(1e6).fill(0));
    if (pathname === '/buffers') for (;;) keep.push(new Uint8Array(1e7).fill(1));
    if (pathname === '/garbage') {
      let total = 0;
      for (let i = 0; i < 100; i++) { // ~8 MB of objects each, dropped
        const list = [];
        for (let j = 0; j < 2e5; j++) list.push({ j });
        total += list.length;
      }
      for (let i = 0; i < 40; i++) total += new Uint8Array(3e7).fill(1).length; // 30 MB each
      return new Response('garbage ' + total);
    }
    return new Response('ok ' + (++hits.n));
  },
};
)JS");
        p.set("/oom/state.js", "export const hits = { n: 0 };\n");
        WorkerOptions o;
        o.entryId = "/oom/entry.js";
        o.memoryLimitMb = 64;
        o.cpuLimitMs = 60000; // only the memory limit may stop these
        std::mutex lostMutex;
        std::vector<std::pair<std::string, size_t>> lost;
        o.onEnvironmentLost = [&](const std::string &reason, size_t failed,
                                  const std::vector<std::string> &dropped) {
            std::lock_guard lock(lostMutex);
            lost.emplace_back(reason, failed);
            QVERIFY(std::find(dropped.begin(), dropped.end(), "/oom/entry.js") != dropped.end());
        };
        WorkerIsolate w(p, o);
        w.start();
        QCOMPARE(fetchAndWait(w, "/")->body(), std::string("ok 1"));
        auto garbage = fetchAndWait(w, "/garbage", "GET", {}, 60000);
        QVERIFY2(garbage->ended, garbage->failMessage.c_str());
        QCOMPARE(garbage->body(), std::string("garbage 1220000000"));
        QCOMPARE(fetchAndWait(w, "/")->body(), std::string("ok 2"));
        const int generation = w.environmentGeneration();
        int kills = 0;
        for (const char *target : {"/arrays", "/buffers"}) {
            const auto t0 = std::chrono::steady_clock::now();
            auto out = fetchAndWait(w, target, "GET", {}, 60000);
            qInfo("%s stopped after %.0f ms", target,
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                      .count());
            QVERIFY2(out->failed, target);
            QVERIFY2(out->failMessage == "Worker exceeded its memory limit (64 MB)",
                     out->failMessage.c_str());
            ++kills;
            auto next = fetchAndWait(w, "/");
            QVERIFY2(next->ended, next->failMessage.c_str());
            QCOMPARE(next->body(), std::string("ok 1")); // a fresh environment
            QCOMPARE(w.environmentGeneration(), generation + kills);
        }
        std::lock_guard lock(lostMutex);
        QCOMPARE(lost.size(), size_t(kills));
        QCOMPARE(lost[0].first, std::string("Worker exceeded its memory limit (64 MB)"));
        QCOMPARE(lost[0].second, size_t(1));
    }

    void memoryLimitStopsALeakBetweenRequests()
    {
        // Each request keeps ~23 MB more in a module: with a 64 MB limit the
        // isolate is stopped between turns once what is live passes the limit
        // (not at the mid-turn ceiling), no request fails, and the next one
        // starts over in a fresh environment.
        MapProvider p;
        p.set("/leak/entry.js", R"JS(
const leaked = [];
export default {
  async fetch() {
    leaked.push(new Array(3e6).fill(leaked.length)); // 22.9 MB
    return new Response(String(leaked.length));
  },
};
)JS");
        WorkerOptions o;
        o.entryId = "/leak/entry.js";
        o.memoryLimitMb = 64;
        std::atomic<int> lost{0};
        o.onEnvironmentLost = [&](const std::string &reason, size_t failed,
                                  const std::vector<std::string> &) {
            if (reason == "Worker exceeded its memory limit (64 MB)" && failed == 0)
                ++lost;
        };
        WorkerIsolate w(p, o);
        w.start();
        // Sequential requests until one is served by a fresh environment.
        int highest = 0;
        std::string body;
        for (int i = 0; i < 12; ++i) {
            auto out = fetchAndWait(w, "/");
            QVERIFY2(out->ended, out->failMessage.c_str());
            body = out->body();
            if (std::stoi(body) <= highest)
                break;
            highest = std::stoi(body);
            std::this_thread::sleep_for(std::chrono::milliseconds(50)); // a watchdog tick or two
        }
        QCOMPARE(body, std::string("1"));
        QCOMPARE(lost.load(), 1);
        QCOMPARE(w.environmentGeneration(), 2);
        // Stopped once 3 arrays (69 MB) were live, or 4 when the check came
        // late: far below the 1 GB that stops a turn in progress. (2 arrays,
        // 46 MB, plus the environment's own heap of ~7 MB stay under 64 MB;
        // 20 MB arrays put that sum too close to the limit.)
        QVERIFY2(highest == 3 || highest == 4, std::to_string(highest).c_str());
    }

    void memoryLimitInARealm()
    {
        // pool "contexts": a realm that runs out of memory ends its isolate's
        // environment; a realm created afterwards works.
        MapProvider p;
        p.set("/oomr/entry.js", R"JS(
export default {
  async fetch(request) {
    if (new URL(request.url).pathname === '/oom') { const keep = []; for (;;) keep.push(new Array(1e6).fill(1)); }
    return new Response('realm ok');
  },
};
)JS");
        WorkerOptions o;
        o.entryId = "/oomr/entry.js";
        o.memoryLimitMb = 64;
        WorkerIsolate host(p, o);
        host.start();
        auto inRealm = [&](int realm, const std::string &target) {
            auto out = std::make_shared<RecordingWriter>();
            HttpRequest r;
            r.target = target;
            host.dispatchFetch(realm, r, kBase, out);
            out->wait(60000);
            return out;
        };
        std::string error;
        const int a = host.createRealm({}, &error);
        QVERIFY2(a > 0, error.c_str());
        auto oom = inRealm(a, "/oom");
        QVERIFY(oom->failed);
        QCOMPARE(QString::fromStdString(oom->failMessage),
                 QStringLiteral("Worker exceeded its memory limit (64 MB)"));
        const int b = host.createRealm({}, &error);
        QVERIFY2(b > 0, error.c_str());
        QCOMPARE(inRealm(b, "/")->body(), std::string("realm ok"));
        host.stop();
    }

    void realmsHaveTheirOwnModulesEnvAndTimers()
    {
        // A module with state, a timer that outlives the request, and env.
        provider.set("/realm/entry.js", R"JS(
import { bump } from '/realm/counter.js';
const als = new AsyncLocalStorage();
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/count') return new Response(String(bump()) + ' ' + env.NAME + ' ' + typeof process);
    if (url.pathname === '/timer') {
      globalThis.fired = 0;
      setInterval(() => { globalThis.fired++; }, 1);
      return new Response('armed');
    }
    if (url.pathname === '/fired') return new Response(String(globalThis.fired));
    if (url.pathname === '/meta') return new Response((await import('/realm/counter.js')).url);
    if (url.pathname === '/als') {
      const v = url.searchParams.get('v');
      return als.run(v, async () => { await new Promise((r) => setTimeout(r, Number(v) % 5)); return new Response(String(als.getStore())); });
    }
    return new Response('realm 404', { status: 404 });
  },
};
)JS");
        provider.set("/realm/counter.js", "let n = 0; export function bump() { return ++n; } "
                                          "export const url = import.meta.url;\n");
        WorkerOptions o;
        o.entryId = "/realm/entry.js";
        WorkerIsolate host(provider, o);
        host.start();
        auto inRealm = [&](int realm, const std::string &target) {
            auto out = std::make_shared<RecordingWriter>();
            HttpRequest r;
            r.method = "GET";
            r.target = target;
            host.dispatchFetch(realm, r, kBase, out);
            out->wait(10000);
            return out;
        };
        std::string error;
        RealmOptions a;
        a.envJson = R"({"NAME":"a"})";
        const int ra = host.createRealm(a, &error);
        QVERIFY2(ra > 0, error.c_str());
        RealmOptions b;
        b.envJson = R"({"NAME":"b"})";
        const int rb = host.createRealm(b, &error);
        QVERIFY2(rb > 0 && rb != ra, error.c_str());

        QCOMPARE(inRealm(ra, "/count")->body(), std::string("1 a undefined"));
        QCOMPARE(inRealm(ra, "/count")->body(), std::string("2 a undefined"));
        QCOMPARE(inRealm(rb, "/count")->body(),
                 std::string("1 b undefined")); // own module instance
        QCOMPARE(inRealm(0, "/count")->body(), std::string("1 undefined undefined"));
        QCOMPARE(inRealm(rb, "/meta")->body(), std::string("/realm/counter.js"));

        // The request context follows each request inside a realm.
        std::vector<std::shared_ptr<RecordingWriter>> outs;
        for (int i = 0; i < 12; ++i) {
            auto out = std::make_shared<RecordingWriter>();
            HttpRequest r;
            r.target = "/als?v=" + std::to_string(i);
            host.dispatchFetch(ra, r, kBase, out);
            outs.push_back(out);
        }
        for (int i = 0; i < 12; ++i) {
            QVERIFY(outs[i]->wait(10000));
            QCOMPARE(outs[i]->body(), std::to_string(i));
        }

        // A realm's timers end with it; requests to it then fail.
        QCOMPARE(inRealm(rb, "/timer")->body(), std::string("armed"));
        host.destroyRealm(rb);
        auto gone = inRealm(rb, "/count");
        QVERIFY(gone->failed);
        QVERIFY2(gone->failMessage.find("is gone") != std::string::npos, gone->failMessage.c_str());
        QCOMPARE(inRealm(ra, "/count")->body(), std::string("3 a undefined"));
        host.destroyRealm(ra);
        host.stop();
    }

    void destroyedRealmsAreCollected()
    {
        // Each realm evaluates a module holding ~4 MB; after 30 realms were
        // created and destroyed, a full GC must give that memory back.
        provider.set("/leak/entry.js", R"JS(
import { blob } from '/leak/big.js';
export default { async fetch() { return new Response(String(blob.length)); } };
)JS");
        provider.set("/leak/big.js",
                     "export const blob = new Array(500000).fill(0).map((_, i) => i * 1.5);\n");
        WorkerOptions o;
        o.entryId = "/leak/entry.js";
        WorkerIsolate host(provider, o);
        host.start();
        auto fetchIn = [&](int realm) {
            auto out = std::make_shared<RecordingWriter>();
            HttpRequest r;
            r.target = "/";
            host.dispatchFetch(realm, r, kBase, out);
            out->wait(10000);
            return out->body();
        };
        QCOMPARE(fetchIn(0), std::string("500000"));
        const size_t baseline = host.heapUsedBytes(true);
        QVERIFY(baseline > 0);
        for (int i = 0; i < 30; ++i) {
            std::string error;
            const int realm = host.createRealm({}, &error);
            QVERIFY2(realm > 0, error.c_str());
            QCOMPARE(fetchIn(realm), std::string("500000"));
            host.destroyRealm(realm);
        }
        const size_t after = host.heapUsedBytes(true);
        qInfo("heap after the main realm: %.1f MB, after 30 realms came and went: %.1f MB",
              baseline / 1048576.0, after / 1048576.0);
        // 30 leaked realms would hold > 100 MB.
        QVERIFY2(after < baseline + 24 * 1048576, std::to_string(after - baseline).c_str());
        host.stop();
    }

    void stopFailsQueued()
    {
        MapProvider p;
        addMainModules(p);
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        WorkerIsolate w(p, o);
        w.start();
        w.stop();
        auto out = std::make_shared<RecordingWriter>();
        w.dispatchFetch(HttpRequest{"GET", "/import", {}, {}}, kBase, out);
        QVERIFY(out->failed);
        QCOMPARE(out->failMessage, std::string("Worker stopped"));
    }
};

QTEST_GUILESS_MAIN(TstWorkerIsolate)
#include "tst_worker_isolate.moc"
