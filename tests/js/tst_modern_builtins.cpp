// The built-ins workerd has and V8 10.2 lacks (engine/js/modernBuiltins.js,
// from core-js) exist in every realm of a worker isolate: the main realm (the
// dev worker, where the ssr bridge runs too) and extra realms (the test
// runner's pooled mode), each installed in that realm's own built-ins.
#include "js/embeddedScripts.h"
#include "js/moduleCodeCache.h"
#include "js/workerIsolate.h"
#include "recordingWriter.h"

#include <QtTest/QtTest>

using namespace sy;
using namespace sy::test;

namespace {

// Each check returns a value that only the working built-in gives; the entry
// answers "name=value" lines. Written as an app would call them.
const char *kEntry = R"JS(
const checks = {
  // rwsdk calls this on every render ("Promise.withResolvers is not a function").
  withResolvers: async () => { const { promise, resolve } = Promise.withResolvers(); resolve(7); return await promise; },
  promiseTry: async () => await Promise.try((a) => a * 2, 21),
  toSorted: () => { const a = [3, 1, 2]; return a.toSorted().join('') + a.join(''); },
  toReversed: () => [1, 2, 3].toReversed().join(''),
  toSpliced: () => [1, 2, 3].toSpliced(1, 1).join(''),
  with: () => [1, 2, 3].with(0, 9).join(''),
  typedToSorted: () => new Uint8Array([3, 1, 2]).toSorted().join(''),
  groupBy: () => JSON.stringify(Object.groupBy([1, 2, 3], (n) => (n % 2 ? 'odd' : 'even'))),
  mapGroupBy: () => Map.groupBy([1, 2, 3], (n) => n % 2).get(1).join(''),
  fromAsync: async () => (await Array.fromAsync((async function* () { yield 1; yield 2; })())).join(''),
  setUnion: () => [...new Set([1, 2]).union(new Set([2, 3]))].join(''),
  setIntersection: () => [...new Set([1, 2]).intersection(new Set([2, 3]))].join(''),
  iteratorHelpers: () => [1, 2, 3, 4].values().filter((n) => n % 2 === 0).map((n) => n * 10).toArray().join(','),
  iteratorFrom: () => Iterator.from({ next() { return { done: true }; } }).toArray().length,
  wellFormed: () => String('a\uD800'.isWellFormed()) + 'a\uD800'.toWellFormed().length,
  transfer: () => { const b = new ArrayBuffer(4); const c = b.transfer(8); return b.detached + ' ' + c.byteLength; },
  regexpEscape: () => RegExp.escape('a.b'),
  isError: () => Error.isError(new TypeError('x')) + ' ' + Error.isError({}),
  sumPrecise: () => Math.sumPrecise([1e20, 0.1, -1e20]),
  f16round: () => Math.f16round(1.337),
  base64: () => new Uint8Array([72, 105]).toBase64() + ' ' + Uint8Array.fromHex('4869').join(','),
  disposableStack: () => { const order = []; { const s = new DisposableStack(); s.defer(() => order.push('b')); s.defer(() => order.push('a')); s.dispose(); } return order.join(''); },
  suppressedError: () => new SuppressedError(1, 2, 'm').suppressed,
  asyncDisposableStack: async () => { const s = new AsyncDisposableStack(); let d = 0; s.defer(async () => { d++; }); await s.disposeAsync(); return d; },
};
export default {
  async fetch() {
    const lines = [];
    for (const [name, check] of Object.entries(checks)) {
      try { lines.push(name + '=' + (await check())); } catch (e) { lines.push(name + '=threw ' + e); }
    }
    return new Response(lines.join('\n'));
  },
};
)JS";

const char *kExpected = "withResolvers=7\n"
                        "promiseTry=42\n"
                        "toSorted=123312\n"
                        "toReversed=321\n"
                        "toSpliced=13\n"
                        "with=923\n"
                        "typedToSorted=123\n"
                        "groupBy={\"odd\":[1,3],\"even\":[2]}\n"
                        "mapGroupBy=13\n"
                        "fromAsync=12\n"
                        "setUnion=123\n"
                        "setIntersection=2\n"
                        "iteratorHelpers=20,40\n"
                        "iteratorFrom=0\n"
                        "wellFormed=false2\n"
                        "transfer=true 8\n"
                        "regexpEscape=\\x61\\.b\n"
                        "isError=true false\n"
                        "sumPrecise=0.1\n"
                        "f16round=1.3369140625\n"
                        "base64=SGk= 72,105\n"
                        "disposableStack=ab\n"
                        "suppressedError=2\n"
                        "asyncDisposableStack=1";

std::shared_ptr<RecordingWriter> fetchIn(WorkerIsolate &w, int realm)
{
    auto out = std::make_shared<RecordingWriter>();
    HttpRequest r;
    r.method = "GET";
    r.target = "/";
    w.dispatchFetch(realm, r, "http://127.0.0.1:5173", out);
    if (!out->wait(10000))
        qWarning("request timed out");
    return out;
}

} // namespace

class TstModernBuiltins : public QObject {
    Q_OBJECT

private slots:
    void everyRealmHasThem()
    {
        MapProvider provider;
        provider.set("/app/entry.js", kEntry);
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        WorkerIsolate worker(provider, o);
        worker.start();

        auto main = fetchIn(worker, 0);
        QVERIFY2(main->ended, main->failMessage.c_str());
        QCOMPARE(main->body(), std::string(kExpected));

        std::string error;
        const int realm = worker.createRealm(RealmOptions{}, &error);
        QVERIFY2(realm > 0, error.c_str());
        auto inRealm = fetchIn(worker, realm);
        QVERIFY2(inRealm->ended, inRealm->failMessage.c_str());
        QCOMPARE(inRealm->body(), std::string(kExpected));
        worker.destroyRealm(realm);
        worker.stop();
    }

    void installedInTheRealmsOwnBuiltins()
    {
        // A realm's built-ins are its own: the polyfills must be installed on
        // its Array.prototype, and its global classes (SuppressedError,
        // Iterator, ...) must be its own, not copies of the main realm's.
        MapProvider provider;
        provider.set("/app/entry.js", R"JS(
export default {
  async fetch() {
    const sorted = [2, 1].toSorted();
    const own = Object.getOwnPropertyDescriptor(Array.prototype, 'toSorted');
    const iteratorProto = Object.getPrototypeOf(Object.getPrototypeOf([].values()));
    return new Response([sorted.join(''), typeof own.value, [].toSorted === Array.prototype.toSorted,
      Object.getPrototypeOf(Promise.withResolvers()) === Object.prototype,
      new SuppressedError(1, 2) instanceof Error, Iterator.prototype === iteratorProto,
      new DisposableStack() instanceof Object].join(' '));
  },
};
)JS");
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        WorkerIsolate worker(provider, o);
        worker.start();
        const std::string expected = "12 function true true true true true";
        QCOMPARE(fetchIn(worker, 0)->body(), expected);
        std::string error;
        const int realm = worker.createRealm(RealmOptions{}, &error);
        QVERIFY2(realm > 0, error.c_str());
        auto out = fetchIn(worker, realm);
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), expected);
        worker.stop();
    }

    void lazyUntilFirstUse()
    {
        // Until a built-in is read, the realm holds accessors only (core-js
        // has not run: no shared store); the first read installs them all,
        // and every property the bundle defined had an accessor before.
        MapProvider provider;
        provider.set("/app/entry.js", R"JS(
const holders = {
  globalThis, Object, Array, 'Array.prototype': Array.prototype, Promise, Map,
  'Set.prototype': Set.prototype, 'String.prototype': String.prototype,
  'ArrayBuffer.prototype': ArrayBuffer.prototype, 'TypedArray.prototype': Object.getPrototypeOf(Uint8Array.prototype),
  Uint8Array, 'Uint8Array.prototype': Uint8Array.prototype, RegExp, Math, Error,
  'DataView.prototype': DataView.prototype, Symbol,
  IteratorPrototype: Object.getPrototypeOf(Object.getPrototypeOf([].values())),
  AsyncIteratorPrototype: Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})()))),
};
const keysOf = () => Object.fromEntries(Object.entries(holders).map(([n, h]) => [n, new Set(Reflect.ownKeys(h))]));
export default {
  async fetch() {
    const before = keysOf();
    const accessor = typeof Object.getOwnPropertyDescriptor(Promise, 'withResolvers').get;
    const coreJsRanBefore = '__core-js_shared__' in globalThis;
    const inBefore = 'toSorted' in Array.prototype;
    Promise.withResolvers();
    const value = typeof Object.getOwnPropertyDescriptor(Promise, 'withResolvers').value;
    const after = keysOf();
    // core-js's shared store, and what the Iterator constructor brings with it
    // (Iterator.prototype.constructor and @@toStringTag, inherited before).
    const known = new Set(['globalThis.__core-js_shared__', 'IteratorPrototype.constructor',
      'IteratorPrototype.Symbol(Symbol.toStringTag)']);
    const unstubbed = [];
    for (const [name, keys] of Object.entries(after))
      for (const key of keys)
        if (!before[name].has(key) && !known.has(name + '.' + String(key))) unstubbed.push(name + '.' + String(key));
    // No accessor of ours is left (Node's own global accessors are not ours).
    const ours = ['Iterator', 'SuppressedError', 'DisposableStack', 'AsyncDisposableStack'];
    const stillAccessors = Object.entries(holders).flatMap(([n, h]) => Reflect.ownKeys(h)
      .filter((k) => n !== 'globalThis' || ours.includes(k))
      .filter((k) => { const d = Object.getOwnPropertyDescriptor(h, k); return d.get && d.get.name === 'get' && d.set && d.set.name === 'set'; })
      .map((k) => n + '.' + String(k)));
    return new Response([accessor, coreJsRanBefore, inBefore, value,
      'unstubbed:' + unstubbed.join(','), 'left:' + stillAccessors.join(',')].join(' '));
  },
};
)JS");
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        WorkerIsolate worker(provider, o);
        worker.start();
        auto out = fetchIn(worker, 0);
        QVERIFY2(out->ended, out->failMessage.c_str());
        const std::string body = out->body();
        QVERIFY2(body == "function false true function unstubbed: left:", body.c_str());
        worker.stop();
    }

    void detachedDoesNotRunTheBundle()
    {
        // React DOM's server reads ArrayBuffer.prototype.detached for every
        // chunk it writes: that read must not cost the bundle (realmSetup.js's
        // own getter answers it), or every first render would pay it.
        MapProvider provider;
        provider.set("/app/entry.js", R"JS(
export default {
  async fetch() {
    const buffer = new ArrayBuffer(4);
    const before = buffer.detached;
    structuredClone(buffer, { transfer: [buffer] });
    return new Response([before, buffer.detached,
      typeof Object.getOwnPropertyDescriptor(Promise, 'withResolvers').get].join(' '));
  },
};
)JS");
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        WorkerIsolate worker(provider, o);
        worker.start();
        auto out = fetchIn(worker, 0);
        QVERIFY2(out->ended, out->failMessage.c_str());
        QCOMPARE(out->body(), std::string("false true function"));
        worker.stop();
    }

    void sharedThroughTheCodeCache()
    {
        // The first realm that used a built-in produced the bundle's bytecode
        // for the process; the next ones consume it instead of compiling
        // ~70 KB again.
        MapProvider provider;
        provider.set("/app/entry.js",
                     "export default { fetch() { return new Response("
                     "typeof Promise.withResolvers === 'function' ? 'ok' : 'no'); } };");
        WorkerOptions o;
        o.entryId = "/app/entry.js";
        WorkerIsolate first(provider, o);
        first.start();
        QCOMPARE(fetchIn(first, 0)->body(), std::string("ok"));
        const auto key = ModuleCodeCache::keyForEmbedded("switchyard:modern-builtins",
                                                         embedded::kModernBuiltins);
        QVERIFY(ModuleCodeCache::instance().find(key) != nullptr);
        const auto hitsBefore = ModuleCodeCache::instance().stats().hits;
        WorkerIsolate second(provider, o);
        second.start();
        QCOMPARE(fetchIn(second, 0)->body(), std::string("ok"));
        QVERIFY(ModuleCodeCache::instance().stats().hits > hitsBefore);
        first.stop();
        second.stop();
    }
};

QTEST_GUILESS_MAIN(TstModernBuiltins)
#include "tst_modern_builtins.moc"
