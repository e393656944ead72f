// One realm's setup: the worker's globals, env and request entry points, run
// in the realm's own context before any app code. Compiled by
// workerIsolate.cpp as the body of
//   function (native, options) { ... }
// once for the environment's main context and once for every extra realm
// (WorkerIsolate::createRealm: a fresh V8 context made by the bootstrap's
// makeRealm). `native` holds the C++ callbacks bound to this realm (head,
// chunk, end, fail, load, refresh, stylesheets, binding, and the module mocks'
// resolveForMocking, mock, setMockExports, unmock, resetModules); `options` is { entryId,
// controlEntryId, envJson, globalsJson, storageControl, snapshotControl, bindings,
// bindingClasses, workerBindingsJson }. Returns { dispatch, preload, importModule }.
'use strict';

// Framework globals the engine defines before any module runs.
for (const [name, value] of Object.entries(JSON.parse(options.globalsJson || '{}'))) {
  globalThis[name] = value;
}
// React's dev build warns when ArrayBuffer.prototype.detached is missing (Node 18).
if (!('detached' in ArrayBuffer.prototype)) {
  Object.defineProperty(ArrayBuffer.prototype, 'detached', {
    // A view over a detached buffer cannot be made: that is the test.
    get() { try { new Uint8Array(this); return false; } catch { return true; } },
    configurable: true,
  });
}

// The CPU and memory limits stop JS at V8's interrupt checks, and V8's
// generic Array.prototype.fill (the path of a sparse array such as
// `new Array(1e8)`) runs in C++ without one: a single call worked for ~50 s
// and grew the heap to 7 GB before a limit could act. Large ranges are
// filled in chunks by the native fill, so a limit stops them between two
// chunks. Same result and the same exceptions for arrays; `length` is read
// once per chunk (observable only through a Proxy of an array).
{
  const nativeFill = Array.prototype.fill;
  const kChunk = 1 << 16;
  const toInteger = (v) => {
    const n = +v; // throws on a BigInt or Symbol, as ToIntegerOrInfinity
    return Number.isNaN(n) ? 0 : Math.trunc(n);
  };
  const fill = {
    fill(value, start = undefined, end = undefined) {
      if (!Array.isArray(this) || this.length <= kChunk) {
        return Reflect.apply(nativeFill, this, arguments);
      }
      const len = this.length;
      const relativeStart = toInteger(start);
      let k = relativeStart < 0 ? Math.max(len + relativeStart, 0) : Math.min(relativeStart, len);
      const relativeEnd = end === undefined ? len : toInteger(end);
      const final = relativeEnd < 0 ? Math.max(len + relativeEnd, 0) : Math.min(relativeEnd, len);
      for (; k < final; k += kChunk) nativeFill.call(this, value, k, Math.min(k + kChunk, final));
      return this;
    },
  }.fill;
  Object.defineProperty(Array.prototype, 'fill', { value: fill, writable: true, configurable: true });
}

// Requests stay out of React's dev debug info. React's development Flight
// server copies a class instance it meets in a server component's props (or
// a console call) as the properties `for...in` finds that are own or
// accessors, and an iterable (Headers) as Array.from of it: a layout given
// requestInfo sent request.headers, cookie included, inside the RSC payload
// and the HTML. So Request's accessors other than method and url are not
// enumerable: app code reads them as before; only a for...in over a Request
// differs from Web IDL (and workerd).
for (const name of Object.getOwnPropertyNames(Request.prototype)) {
  const desc = Object.getOwnPropertyDescriptor(Request.prototype, name);
  if (desc.get && desc.enumerable && name !== 'method' && name !== 'url') {
    Object.defineProperty(Request.prototype, name, { ...desc, enumerable: false });
  }
}

// workerd's Web APIs and its ExecutionContext are native code: String(fetch)
// reads "function fetch() { [native code] }". Here they are JavaScript
// (undici, the engine's own), and React's development Flight server sends the
// source of every function it meets in server-component props as a debug chunk
// ("$E" + Function.prototype.toString): an rwsdk page (whose pages get
// requestInfo, ctx included) shipped undici's Request class and the engine's
// code in its RSC payload. They read as native, as in workerd.
const nativeLooking = new WeakSet();
const functionToString = Function.prototype.toString;
function markNative(fn) {
  if (typeof fn === 'function') nativeLooking.add(fn);
  return fn;
}
Object.defineProperty(Function.prototype, 'toString', {
  value: markNative(function toString() {
    return nativeLooking.has(this)
      ? `function ${typeof this.name === 'string' ? this.name : ''}() { [native code] }`
      : functionToString.call(this);
  }),
  writable: true,
  configurable: true,
});
for (const name of ['fetch', 'Request', 'Response', 'Headers', 'FormData', 'URL', 'URLSearchParams',
  'ReadableStream', 'WritableStream', 'TransformStream', 'TextEncoder', 'TextDecoder',
  'AbortController', 'AbortSignal', 'Blob', 'File', 'EventTarget', 'Event', 'WebSocket',
  'CompressionStream', 'DecompressionStream', 'structuredClone', 'setTimeout', 'clearTimeout',
  'setInterval', 'clearInterval', 'queueMicrotask', 'atob', 'btoa']) {
  const fn = globalThis[name];
  if (typeof fn !== 'function') continue;
  markNative(fn);
  for (const key of Object.getOwnPropertyNames(fn.prototype ?? {})) {
    const desc = Object.getOwnPropertyDescriptor(fn.prototype, key);
    markNative(desc.value);
    markNative(desc.get);
    markNative(desc.set);
  }
}

const env = JSON.parse(options.envJson || '{}');
// Storage bindings (wrangler kv_namespaces, d1_databases) join the vars in env:
// KVNamespace / D1Database objects (bindings/*.js) whose calls reach the
// isolate's BindingHost through native.binding. options.bindings is
// [{ name, kind: "kv" | "d1" | "assets" }], options.bindingClasses { kv, d1, assets }.
for (const { name, kind } of options.bindings || []) {
  env[name] = new options.bindingClasses[kind](name);
}
// Bindings of types Switchyard does not model yet (Durable Objects, R2,
// Queues, ...; options.workerBindingsJson, env/workerBindings.h): env.NAME is
// there, and using it fails with an error naming the binding type. Service
// bindings to this worker are made by cloudflare:workers (workerRpc.js), which
// the first dispatch imports.
const workerBindings = JSON.parse(options.workerBindingsJson || '[]');
const serviceBindings = workerBindings.filter((b) => b.kind === 'service');
// Service bindings to another worker running in a realm of this isolate (a test
// run's auxiliary workers, and from those the worker under test): stubs made by
// cloudflare:workers too (workerRpc.js), over that realm's own entrypoints.
const peerBindings = workerBindings.filter((b) => b.kind === 'worker');
const probedKeys = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', '$$typeof', 'nodeType',
  'tagName', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@', '_isMockFunction', 'toString', 'valueOf']);
function unmodelled(what) {
  return new Proxy(Object.create(null), {
    get(_target, key) {
      if (typeof key === 'symbol' || probedKeys.has(key)) return undefined;
      throw new Error(what);
    },
    has: () => false,
    set() { throw new Error(what); },
    // vi.spyOn(env.QUEUE, "send") looks for the property's descriptor first.
    getOwnPropertyDescriptor(_target, key) {
      if (typeof key === 'symbol' || probedKeys.has(key)) return undefined;
      throw new Error(what);
    },
  });
}
// A Response from what a native host answered: head { status, statusText?, headers }
// and the body's bytes (none when `nullBody`, or for a status that has no body).
function hostResponse(head, bytes, nullBody) {
  const empty = nullBody || [101, 204, 205, 304].includes(head.status);
  return new Response(empty ? null : new Uint8Array(bytes ?? new ArrayBuffer(0)), {
    status: head.status, statusText: head.statusText, headers: head.headers,
  });
}
// Service bindings the Workers pool's miniflare options give as functions, and
// its outboundService: Node-side handlers, run in the tool host that read the
// Vitest config (engine/testing/nodeHandlerHost.h). The request goes whole, the
// Response comes back whole.
function callNodeHandler(handler, input, init) {
  let request;
  try {
    request = new Request(input, init);
  } catch (e) {
    return Promise.reject(e);
  }
  const hasBody = request.body !== null;
  return (hasBody ? request.arrayBuffer() : Promise.resolve(null)).then((body) => {
    const [json, bytes] = native.binding('__switchyard_node_handler', 'fetch', JSON.stringify({
      handler, method: request.method, url: request.url, headers: [...request.headers], hasBody,
    }), body === null ? undefined : new Uint8Array(body));
    const head = JSON.parse(json);
    const response = hostResponse(head, bytes, !head.hasBody);
    Object.defineProperty(response, 'url', { value: request.url });
    return response;
  });
}
for (const b of workerBindings) {
  if (b.kind === 'node') {
    env[b.name] = Object.freeze({
      fetch: markNative(function fetch(input, init) { return callNodeHandler(b.handler, input, init); }),
    });
  } else if (b.kind === 'assets-router') {
    // Test realms: cloudflare:test's SELF asks it first (the asset router in front of the
    // Worker): a Response when an asset answers, null when the Worker does.
    Object.defineProperty(globalThis, Symbol.for('switchyard.assetsRouter'), {
      value: (request) => {
        const url = new URL(request.url);
        const [json, bytes] = native.binding('__switchyard_assets_router', 'route', JSON.stringify({
          method: request.method, pathname: url.pathname, search: url.search,
          ifNoneMatch: request.headers.get('if-none-match') ?? '', hasWorker: b.hasWorker,
        }));
        const head = JSON.parse(json);
        return head === null ? null : hostResponse(head, bytes, request.method === 'HEAD');
      },
    });
  } else if (b.kind === 'outbound') {
    // The worker's outbound requests (fetchMock falls through to this too).
    globalThis.fetch = markNative(function fetch(input, init) { return callNodeHandler(b.handler, input, init); });
  }
  if (b.kind === 'unsupported') {
    env[b.name] = unmodelled(`env.${b.name} (${b.type}, wrangler ${b.configKey}) is not supported yet ` +
      'by Switchyard: it cannot be used in switchyard serve or switchyard test.');
  }
}
// The Cache API (caches.default, caches.open) is not modelled either.
if (!('caches' in globalThis)) {
  const what = 'The Cache API (caches.default, caches.open) is not supported yet by Switchyard.';
  Object.defineProperty(globalThis, 'caches', {
    value: Object.freeze({
      get default() { throw new Error(what); },
      open: markNative(function open() { return Promise.reject(new Error(what)); }),
      has: markNative(function has() { return Promise.reject(new Error(what)); }),
      delete: markNative(function deleteCache() { return Promise.reject(new Error(what)); }),
      keys: markNative(function keys() { return Promise.reject(new Error(what)); }),
      match: markNative(function match() { return Promise.reject(new Error(what)); }),
    }),
    writable: true, configurable: true, enumerable: false,
  });
}
// Test isolates: cloudflare:test's reset() deletes the data of every storage binding.
if ((options.bindings || []).some((b) => b.kind === 'kv' || b.kind === 'd1')) {
  Object.defineProperty(globalThis, Symbol.for('switchyard.storageReset'), {
    value: () => native.binding('__switchyard_storage', 'reset', '{}'),
    enumerable: false,
  });
}
// Test isolates: the harness's per-test storage isolation opens a savepoint on
// all of the isolate's storage before each test and rolls it back after it
// (the BindingHost answers the pseudo-binding "__switchyard_storage").
if (options.storageControl) {
  const control = (op) => native.binding('__switchyard_storage', op, '{}');
  Object.defineProperty(globalThis, Symbol.for('switchyard.storage'), {
    value: Object.freeze({ savepoint: () => control('savepoint'), rollback: () => control('rollback') }),
    enumerable: false,
  });
}
// Test isolates: the snapshot environment's file operations
// (engine/testing/snapshotHost.h; the host only reads and writes inside the app).
if (options.snapshotControl) {
  Object.defineProperty(globalThis, Symbol.for('switchyard.snapshot'), {
    value: Object.freeze((op, args, bytes) =>
      native.binding('__switchyard_snapshot', String(op), JSON.stringify(args ?? {}), bytes)),
    enumerable: false,
  });
}
const encoder = new TextEncoder();

// Module mocking (vi.mock in test isolates: the `vitest` harness's
// testHarness/viMock*.js): the module runner's mocks, resolution of a path as
// an import of a module, and a hook that takes import() over. See
// moduleRunnerMocks.cpp.
let importHook = null;
Object.defineProperty(globalThis, Symbol.for('switchyard.moduleRunner'), {
  value: Object.freeze({
    // [evaluation, namespace], or [undefined, undefined, pendingMockIds]
    load: (id, importerId, actual, actualIds) =>
      native.load(String(id), importerId || '', !!actual, actualIds || []),
    refresh: () => native.refresh(),
    resolve: (specifier, importerId) => native.resolveForMocking(String(specifier), importerId || ''),
    mock: (id, redirectId, interop) => native.mock(String(id), redirectId || '', !!interop),
    setMockExports: (id, exports) => native.setMockExports(String(id), exports),
    unmock: (id) => native.unmock(String(id)),
    resetModules: () => native.resetModules(),
    setImportHook(hook) {
      importHook = typeof hook === 'function' ? hook : null;
    },
  }),
  enumerable: false,
});

// import() of a module id through the C++ module runner; resolves to the namespace.
async function importModule(id, importerId) {
  if (importHook) return importHook(String(id), importerId || '');
  const [evaluation, namespace] = native.load(String(id), importerId || '');
  try {
    await evaluation;
  } finally {
    native.refresh();
  }
  return namespace;
}

function describe(e) {
  if (e && typeof e === 'object' && typeof e.stack === 'string') {
    return e.stack.includes(String(e.message)) ? e.stack : `${e.message}\n${e.stack}`;
  }
  return String(e);
}

function flattenHeaders(headers) {
  const out = [];
  for (const [name, value] of headers) out.push(name, value);
  return out;
}

// The default export of module `entryId`, which must have fetch(): an object
// with handlers, or a class extending WorkerEntrypoint (a new instance per
// request, as workerd makes one). The worker's service bindings to itself are
// put into env (by cloudflare:workers) before its code runs.
let serviceBindingsReady;
let entryNamespace; // the worker's main module once imported (ctx.exports reads its export names)
async function fetchHandlerOf(entryId) {
  if (serviceBindings.length > 0 || peerBindings.length > 0) {
    await (serviceBindingsReady ??= importModule('virtual:switchyard:cloudflare-workers', ''));
  }
  const namespace = await importModule(entryId, '');
  if (entryId === options.entryId) entryNamespace = namespace;
  const handler = namespace.default;
  if (typeof handler === 'function' && handler.prototype && typeof handler.prototype.fetch === 'function') {
    return { fetch: (request, env, ctx) => new handler(ctx, env).fetch(request) };
  }
  if (!handler || typeof handler.fetch !== 'function') {
    throw new TypeError(`Worker entry '${entryId}' has no default export with a fetch() method`);
  }
  return handler;
}

// The ExecutionContext of one fetch event; a rejected waitUntil promise is logged.
function executionContext() {
  return {
    waitUntil: markNative(function waitUntil(promise) {
      Promise.resolve(promise).catch((e) => console.error('[worker] waitUntil promise rejected:', e));
    }),
    passThroughOnException: markNative(function passThroughOnException() {}),
    // workerd's ctx.exports (there once cloudflare:workers was imported: workerRpc.js).
    get exports() {
      return globalThis[Symbol.for('switchyard.contextExports')];
    },
  };
}

// One fetch event: entry.default.fetch(request, env, ctx), body streamed to native.
// Requests from the engine go to the control entry when there is one (a test
// run's driver), else to the worker entry.
async function dispatch(id, method, url, headerList, body) {
  try {
    const entryId = options.controlEntryId || options.entryId;
    const handler = await fetchHandlerOf(entryId);
    const headers = new Headers();
    for (let i = 0; i + 1 < headerList.length; i += 2) headers.append(headerList[i], headerList[i + 1]);
    const init = { method, headers };
    if (body !== undefined && method !== 'GET' && method !== 'HEAD') init.body = new Uint8Array(body);
    const request = new Request(url, init);
    const response = await handler.fetch(request, env, executionContext());
    if (!(response instanceof Response)) {
      throw new TypeError(`fetch() of '${entryId}' did not return a Response (got ${Object.prototype.toString.call(response)})`);
    }
    if (response.webSocket) {
      throw new TypeError('The Worker answered with a WebSocket (status 101): switchyard serve does not ' +
        'bridge WebSocket connections yet (WebSocketPair works inside the isolate and in switchyard test).');
    }
    native.head(id, response.status, flattenHeaders(response.headers));
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        native.chunk(id, typeof value === 'string' ? encoder.encode(value) : value);
      }
    }
    native.end(id);
  } catch (e) {
    native.fail(id, describe(e));
  }
}

// A fetch into this worker from code running inside it (cloudflare:test's
// SELF.fetch, cloudflare:workers' exports.default.fetch): the same handler,
// env and request pipeline as a request from the dev server. A relative URL is
// resolved against http://localhost (workerd's SELF uses any host).
async function selfFetch(input, init) {
  const handler = await fetchHandlerOf(options.entryId);
  const request = typeof input === 'string' || input instanceof URL
    ? new Request(new URL(String(input), 'http://localhost'), init)
    : new Request(input, init);
  return handler.fetch(request, env, executionContext());
}

// What the engine's `cloudflare:workers` module exports (env, the worker's own
// fetch), reachable from modules without a request in hand.
Object.defineProperty(globalThis, Symbol.for('switchyard.worker'), {
  value: Object.freeze({
    env,
    fetch: selfFetch,
    entryId: options.entryId,
    // The worker's main module (its entrypoints), imported once.
    importEntry: () => importModule(options.entryId, '').then((namespace) => (entryNamespace = namespace)),
    // The main module's namespace once something imported it, else undefined.
    entryExports: () => entryNamespace,
    // A test run: the Workers pool's package ("@cloudflare/vitest-pool-workers"), else ''.
    poolPackage: workerBindings.find((b) => b.kind === 'pool')?.package ?? '',
    // Its generation: "plugin" (cloudflareTest, 0.10+) or "poolOptions" (0.5-0.9).
    poolGeneration: workerBindings.find((b) => b.kind === 'pool')?.generation ?? '',
    serviceBindings: Object.freeze(serviceBindings.map(({ name, entrypoint, props }) => ({ name, entrypoint, props }))),
    name: options.workerName || '',
    peerBindings: Object.freeze(peerBindings.map(({ name, service, entrypoint, props }) => ({ name, service, entrypoint, props }))),
    // The worker object of the realm running the worker named `name` (undefined when none).
    peer: (name) => native.peer(String(name)),
    // This realm's worker-rpc module (its entrypoints' stubs), for a peer's binding to it.
    importRpc: () => importModule('virtual:switchyard:worker-rpc', ''),
  }),
  enumerable: false,
});

// Imports the entry ahead of the first request; settles through native end/fail.
async function preload(id) {
  try {
    await importModule(options.entryId, '');
    native.end(id);
  } catch (e) {
    native.fail(id, describe(e));
  }
}

return { dispatch, preload, importModule };
