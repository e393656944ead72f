// Worker realm setup, run once per Node environment before any app code.
// Compiled by workerIsolate.cpp as the body of
//   function (process, require, native, options) { ... }
// where `require` is Node's builtin-module require, `native` holds the C++
// callbacks (head, chunk, end, fail, load, refresh, binding) and `options` is
// { entryId, controlEntryId, envJson, globalsJson, nodejsCompat, setupRealm,
// ... }: process-level setup here, then options.setupRealm (realmSetup.js,
// compiled in this context) for the main realm. Returns { dispatch, preload,
// importModule, makeRealm, loadBuiltin }.
'use strict';

const { AsyncLocalStorage } = require('async_hooks');

// Web platform globals a Cloudflare worker has and Node 18 lacks as globals.
// AsyncLocalStorage must exist before React is evaluated (it checks once).
globalThis.AsyncLocalStorage = AsyncLocalStorage;
// Web Crypto, loaded on first use (as Node 19+ does): node:crypto's modules take ~10 ms, which
// every isolate paid at its start though most never use it. Assigning replaces it.
let webcrypto;
Object.defineProperty(globalThis, 'crypto', {
  get() {
    return (webcrypto ??= require('crypto').webcrypto);
  },
  set(value) {
    Object.defineProperty(this, 'crypto', { value, writable: true, configurable: true, enumerable: false });
  },
  configurable: true,
  enumerable: false,
});

// A global made on first read (and memoized): `make(nodeValue)` gets what Node
// has under that name (read through its own lazy getter, if any). Realms copy the
// accessor and so share the value. Assigning replaces it.
function lazyGlobal(name, make) {
  const node = Object.getOwnPropertyDescriptor(globalThis, name);
  let made;
  Object.defineProperty(globalThis, name, {
    get: () => (made ??= { value: make(node ? (node.get ? node.get.call(globalThis) : node.value) : undefined) }).value,
    set(replacement) {
      Object.defineProperty(this, name, { value: replacement, writable: true, configurable: true, enumerable: false });
    },
    configurable: true,
    enumerable: false,
  });
}
// workerd's CryptoKey, SubtleCrypto and Crypto globals (Node 18 has the classes
// but not as globals): jose checks `key instanceof CryptoKey`.
lazyGlobal('CryptoKey', (nodeValue) => {
  if (typeof nodeValue === 'function') return nodeValue;
  try {
    return require('internal/crypto/keys').CryptoKey;
  } catch {
    return class CryptoKey {
      constructor() {
        throw new TypeError('Illegal constructor');
      }
      static [Symbol.hasInstance](v) {
        return Object.prototype.toString.call(v) === '[object CryptoKey]';
      }
    };
  }
});
lazyGlobal('SubtleCrypto', (nodeValue) => nodeValue ?? globalThis.crypto.subtle.constructor);
lazyGlobal('Crypto', (nodeValue) => nodeValue ?? globalThis.crypto.constructor);
// workerd's Request and fetch take a ReadableStream body without `duplex`
// (undici, Node's, requires duplex: "half" for one): it is added when missing.
{
  const streamed = (init) => init !== null && typeof init === 'object' && init.duplex === undefined &&
    init.body !== null && typeof init.body === 'object' &&
    (typeof init.body.getReader === 'function' || typeof init.body[Symbol.asyncIterator] === 'function');
  const withDuplex = (init) => (streamed(init) ? { ...init, duplex: 'half' } : init);
  lazyGlobal('Request', (NodeRequest) => {
    const Request = new Proxy(NodeRequest, {
      construct(target, args, newTarget) {
        if (args.length > 1) args[1] = withDuplex(args[1]);
        return Reflect.construct(target, args, newTarget);
      },
    });
    Object.defineProperty(NodeRequest.prototype, 'constructor', { value: Request, writable: true, configurable: true });
    return Request;
  });
  lazyGlobal('fetch', (nodeFetch) => ({
    fetch(input, init) {
      return arguments.length > 1 ? nodeFetch(input, withDuplex(init)) : nodeFetch(input);
    },
  }).fetch);
}

// workerd's abort without a reason: DOMException AbortError "The operation was
// aborted" (Node 18 says "This operation was aborted"). Tests snapshot it, as
// Cloudflare's own fetchMock examples do. Shared by every realm of the isolate.
{
  const defaultReason = () => new DOMException('The operation was aborted', 'AbortError');
  const controllerAbort = AbortController.prototype.abort;
  const signalAbort = AbortSignal.abort;
  const methods = {
    abort(reason) {
      return Reflect.apply(controllerAbort, this, [reason === undefined ? defaultReason() : reason]);
    },
    signalAbort(reason) {
      return Reflect.apply(signalAbort, this, [reason === undefined ? defaultReason() : reason]);
    },
  };
  Object.defineProperty(AbortController.prototype, 'abort', { value: methods.abort, writable: true, configurable: true });
  Object.defineProperty(methods.signalAbort, 'name', { value: 'abort' });
  Object.defineProperty(AbortSignal, 'abort', { value: methods.signalAbort, writable: true, configurable: true });
}

// workerd's WebSocketPair, and Responses that carry one (status 101): webSocketPair.js.
globalThis.WebSocketPair = options.webSockets.WebSocketPair;
// workerd's 0 ms timers: setTimeout(fn, 0) (or no delay) runs on the next turn
// of the event loop, as soon as nothing else is due. Node clamps it to 1 ms, and
// its loop then sleeps for that millisecond: React's RSC server flushes with
// setTimeout(fn, 0), so every flush left the isolate idle up to 1 ms (with
// requests started one at a time, the starter answered 8 clients 250 times a
// second with the clamp and 380 without). A delay under 1 ms is an immediate
// here, so it also runs before a 1 ms timer set earlier, as in workerd;
// clearTimeout clears either kind.
{
  const nodeSetTimeout = globalThis.setTimeout;
  const nodeClearTimeout = globalThis.clearTimeout;
  const immediates = new WeakSet();
  globalThis.setTimeout = function setTimeout(callback, delay, ...args) {
    if (typeof callback === 'function' && !(Number(delay) >= 1)) {
      const handle = setImmediate(callback, ...args);
      immediates.add(handle);
      return handle;
    }
    return nodeSetTimeout(callback, delay, ...args);
  };
  globalThis.clearTimeout = function clearTimeout(handle) {
    if (handle !== null && typeof handle === 'object' && immediates.has(handle)) {
      return clearImmediate(handle);
    }
    return nodeClearTimeout(handle);
  };
}
globalThis.Response = options.webSockets.withWebSocketResponses(globalThis.Response);

// Errors that escape app code must never take the dev server down.
// A test run takes them over (globalThis[Symbol.for('switchyard.unhandled')],
// set by the test driver): there they fail the file, as in Vitest.
const reportUnhandled = (kind, error) => {
  for (const realmGlobal of [globalThis, ...liveRealmGlobals]) {
    const report = realmGlobal[Symbol.for('switchyard.unhandled')];
    if (typeof report === 'function' && report(error)) return;
  }
  console.error(`[worker] ${kind}:`, error);
};
process.on('uncaughtException', (e) => reportUnhandled('uncaught exception', e));
process.on('unhandledRejection', (r) => reportUnhandled('unhandled rejection', r));

// Node.js built-ins as the worker environment allows them (node:* ids, see
// engine/env/nodeCompat.h): the module runner makes a synthetic module of
// what this returns, so `import crypto from "node:crypto"`, `import
// { randomUUID } from "crypto"` and a pre-bundle's require("crypto") share
// one object per isolate. Node's public require, so only public built-ins.
const publicRequire = require('module').createRequire(process.cwd() + '/');
function loadBuiltin(name, policyJson) {
  if (name === 'switchyard:require') return bundleRequire(JSON.parse(policyJson));
  if (name.startsWith('stub:')) return stubModule(name.slice(5));
  if (name === 'vfs:fs') return virtualFs().fs;
  if (name === 'vfs:fs/promises') return virtualFs().promises;
  try {
    return publicRequire('node:' + name);
  } catch (e) {
    throw new Error(`node:${name} is offered by workerd but not by the Node.js ${process.version} ` +
      `inside Switchyard's isolate (${e.message})`);
  }
}
// workerd's node:fs: a virtual file system (/bundle, /tmp, /dev) in memory
// (virtualFs.js over memfs), one per isolate; never Node's fs, which would act
// on this machine's disk. Its require gets the public built-ins it needs.
let virtualFsModule;
function virtualFs() {
  if (virtualFsModule) return virtualFsModule;
  const module = { exports: {} };
  const allowed = new Set(['buffer', 'events', 'path', 'stream', 'url', 'process', 'util']);
  const vfsRequire = (id) => {
    const name = String(id).replace(/^node:/, '');
    if (!allowed.has(name)) throw new Error(`the virtual node:fs cannot require "${id}"`);
    return publicRequire('node:' + name);
  };
  native.virtualFs()(vfsRequire, module, module.exports);
  return (virtualFsModule = module.exports);
}

// workerd's non-functional built-ins (node:child_process, node:vm, node:worker_threads,
// ...): importing works, every function throws ERR_METHOD_NOT_IMPLEMENTED naming
// itself, as workerd's do. Node's export names, functions replaced, plain data
// (constants, flags) kept; one object per isolate.
const stubModules = new Map();
function stubModule(name) {
  let stub = stubModules.get(name);
  if (stub) return stub;
  let node = {};
  try {
    node = publicRequire('node:' + name);
  } catch {}
  stub = {};
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (typeof value === 'function') {
      const what = `${name}.${key}`;
      stub[key] = {
        [key]() {
          const error = new Error(`The ${what} method is not implemented`);
          error.code = 'ERR_METHOD_NOT_IMPLEMENTED';
          throw error;
        },
      }[key];
    } else if (value === null || typeof value !== 'object') {
      stub[key] = value;
    } else {
      try {
        stub[key] = JSON.parse(JSON.stringify(value)); // constants and the like
      } catch {}
    }
  }
  stubModules.set(name, stub);
  return stub;
}

// The `require` of pre-bundled CommonJS (esbuild's __require calls it): what
// the policy allows, else the error an import would get, naming the bundle.
function bundleRequire({ allowed, errors }) {
  return {
    createRequire(importer) {
      return function require(id) {
        if (Object.prototype.hasOwnProperty.call(allowed, id)) {
          return loadBuiltin(allowed[id]);
        }
        const where = ` (require("${id}") in the pre-bundle ${String(importer).replace(/\?.*$/, '')})`;
        if (Object.prototype.hasOwnProperty.call(errors, id)) throw new Error(errors[id] + where);
        throw new Error(`Dynamic require of "${id}" is not supported${where}`);
      };
    },
  };
}

if (!options.nodejsCompat) {
  // workerd without nodejs_compat (v2) has none of these. Node's own builtins (undici
  // inside fetch/Response, for one) still read the bare globals `Buffer` and
  // `process` at run time, so these become accessors that answer only callers
  // compiled from node:* builtins (or this bootstrap) and give app code
  // `undefined`. Assigning one (a polyfill) replaces the accessor.
  const callerIsInternal = (getter) => {
    const hadPrepare = Object.prototype.hasOwnProperty.call(Error, 'prepareStackTrace');
    const savedPrepare = Error.prepareStackTrace;
    const savedLimit = Error.stackTraceLimit;
    Error.prepareStackTrace = (_, sites) => sites;
    Error.stackTraceLimit = 1;
    const holder = {};
    Error.captureStackTrace(holder, getter);
    const sites = holder.stack;
    // Restored exactly: no own `prepareStackTrace` is left where there was none.
    if (hadPrepare) Error.prepareStackTrace = savedPrepare;
    else delete Error.prepareStackTrace;
    Error.stackTraceLimit = savedLimit;
    const file = Array.isArray(sites) && sites[0] ? sites[0].getFileName() || '' : '';
    return file.startsWith('node:') || file.startsWith('switchyard:');
  };
  const hide = (name, value) => {
    const get = function () { return callerIsInternal(get) ? value : undefined; };
    Object.defineProperty(globalThis, name, {
      get,
      set(v) {
        Object.defineProperty(globalThis, name, { value: v, writable: true, configurable: true });
      },
      configurable: true,
      enumerable: false,
    });
  };
  hide('process', process);
  hide('Buffer', globalThis.Buffer);
  hide('global', globalThis);
}
// workerd has no global require, with or without nodejs_compat.
delete globalThis.require;

// Extra realms (WorkerIsolate::createRealm, the test runner's pooled mode):
// a fresh V8 context in this environment with the Web APIs of this one, its
// own module registry (set up by C++) and its own timers, cleared when the
// realm is disposed. Built-ins of the new context are its own; Web API
// classes (Request, Response, streams, ...) are shared with this realm.
const vm = require('vm');
const liveRealmGlobals = new Set();
const hostOnly = new Set(options.nodejsCompat ? ['require'] : ['process', 'Buffer', 'global', 'require']);
// The built-in classes modernBuiltins gave this realm (Iterator,
// DisposableStack, ...): the new realm gets its own, not these.
const builtinGlobals = new Set(globalThis[Symbol.for('switchyard.builtinGlobals')] || []);
const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];
function makeRealm() {
  const realmGlobal = vm.runInContext('globalThis', vm.createContext());
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (hostOnly.has(name) || builtinGlobals.has(name) ||
        (name in realmGlobal && name !== 'console')) continue;
    Object.defineProperty(realmGlobal, name, Object.getOwnPropertyDescriptor(globalThis, name));
  }
  // The Web APIs are the host realm's, and so are the errors they make (a DOMException,
  // fetch's TypeError). In workerd they are instances of the worker's own Error classes:
  // here they are too (`e instanceof Error`, and so Vitest's error printing and
  // toThrow...). A realm's own subclasses keep the ordinary check.
  for (const name of ['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError',
    'EvalError', 'URIError', 'AggregateError']) {
    const realmClass = realmGlobal[name];
    const hostClass = globalThis[name];
    if (typeof realmClass !== 'function' || realmClass === hostClass) continue;
    Object.defineProperty(realmClass, Symbol.hasInstance, {
      value: {
        [Symbol.hasInstance](value) {
          return ordinaryHasInstance.call(this, value) ||
            (this === realmClass && ordinaryHasInstance.call(hostClass, value));
        },
      }[Symbol.hasInstance],
      writable: true,
      configurable: true,
    });
  }
  const timers = new Set();
  const wrap = (schedule, clear, once) => {
    realmGlobal[schedule.name] = function (callback, ...rest) {
      const handle = schedule(typeof callback === 'function' && once
        ? (...args) => { timers.delete(handle); return callback(...args); }
        : callback, ...rest);
      timers.add(handle);
      return handle;
    };
    realmGlobal[clear.name] = function (handle) {
      timers.delete(handle);
      return clear(handle);
    };
  };
  wrap(setTimeout, clearTimeout, true);
  wrap(setInterval, clearInterval, false);
  wrap(setImmediate, clearImmediate, true);
  liveRealmGlobals.add(realmGlobal);
  return {
    global: realmGlobal,
    dispose() {
      for (const handle of timers) {
        clearTimeout(handle);
        clearInterval(handle);
        clearImmediate(handle);
      }
      timers.clear();
      liveRealmGlobals.delete(realmGlobal);
    },
  };
}

return { ...options.setupRealm(native, options), makeRealm, loadBuiltin };
