// Workers RPC inside one isolate (`virtual:switchyard:worker-rpc`): the
// entrypoint classes of `cloudflare:workers` and the stubs through which code
// reaches the worker's own entrypoints (SELF, `exports`, service bindings to
// this worker), with the semantics workerd defines for JS RPC ("Workers RPC"
// in Cloudflare's docs), though caller and callee share an isolate here:
// - every call and property read is asynchronous (a property is an
//   awaitable, callable "RPC promise"; calls on it pipeline);
// - each call on an entrypoint stub runs on a fresh instance of the
//   WorkerEntrypoint class, with its own ExecutionContext;
// - only methods and accessors of the class (its prototype chain below
//   Object.prototype) are reachable, never instance fields; `fetch`,
//   `connect`, `dup`, `constructor` and the Durable Object handlers are
//   reserved names;
// - arguments and results are structured clones (the callee never shares a
//   mutable object with the caller); a function or an RpcTarget instance is
//   passed as a stub instead, whose calls reach the original; a class
//   instance that is not an RpcTarget cannot be sent (DataCloneError);
// - stubs are Disposable (`using`): a disposed stub rejects further use, and
//   the RpcTarget's own [Symbol.dispose]() runs when its last stub goes; an
//   object result gets a [Symbol.dispose]() that disposes the stubs in it;
// - an exception thrown by the callee rejects the caller's promise with an
//   error of the same type and message.
import {
  newExecutionContext,
  settleWaitUntil,
  newScheduledController,
  ScheduledController,
  newMessageBatch,
  queueOutcome,
} from "virtual:switchyard:worker-events";

const worker = globalThis[Symbol.for("switchyard.worker")];
if (!worker) throw new Error("cloudflare:workers is only available inside a Switchyard worker isolate");

/// Base class of class-based Worker entrypoints (workerd's WorkerEntrypoint).
export class WorkerEntrypoint {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

/// Base class of Durable Object classes (workerd's DurableObject). Switchyard
/// does not run Durable Objects yet: a namespace binding fails when used.
export class DurableObject {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

/// Base class of Workflow classes (workerd's WorkflowEntrypoint).
export class WorkflowEntrypoint {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

/// Objects of classes extending RpcTarget are passed over RPC by reference
/// (as a stub), not cloned.
export class RpcTarget {}

// ---- structured clone with stubs -------------------------------------------

const stubStates = new WeakMap(); // stub proxy -> { remote, disposed, onDispose }
const kNoSuchMember = (name) => new TypeError(`The RPC receiver does not implement "${name}".`);
// workerd's message for an own instance property (a class field) read over RPC.
const kInstanceMember = (name) => new TypeError(
  `The RPC receiver's prototype does not implement "${name}", but the receiver instance does.\n` +
  "Only properties and methods defined on the prototype can be accessed over RPC.\n" +
  `Ensure properties are declared like \`get ${name}() { ... }\` instead of \`${name} = ...\`,\n` +
  `and methods are declared like \`${name}() { ... }\` instead of \`${name} = () => { ... }\`.`);

function dataCloneError(value) {
  const name = value?.constructor?.name || Object.prototype.toString.call(value).slice(8, -1);
  return new DOMException(`Could not serialize object of type "${name}". This type does not support serialization.`, "DataCloneError");
}

// Built-in types are told apart by their tag, not instanceof: with
// `--pool contexts` a test file's realm and this module's can differ.
const tagOf = (value) => Object.prototype.toString.call(value).slice(8, -1);
const passedAsIs = new Set(["Request", "Response", "ReadableStream", "WritableStream"]);
const clonedByStructuredClone = new Set(["Date", "RegExp", "ArrayBuffer", "Error", "Boolean", "Number",
  "String", "Blob", "File"]);

// Symbol.dispose, or the symbol esbuild's `using` lowering falls back to where
// the runtime has none (V8 10.2).
const kDispose = Symbol.dispose ?? Symbol.for("Symbol.dispose");
// What every realm's stubs answer `true` for: a stub of another realm's worker-rpc
// (a peer worker's, or one it handed back) is told apart from a plain object by it.
const kRpcStub = Symbol.for("switchyard.rpcStub");
function isForeignStub(value) {
  try {
    return value[kRpcStub] === true;
  } catch {
    return false;
  }
}

/// A copy of `value` as the other side of an RPC call sees it (see the top).
export function rpcClone(value, seen = new Map()) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) {
    if (typeof value === "symbol") throw new DOMException(`${String(value)} could not be cloned.`, "DataCloneError");
    return value;
  }
  if (stubStates.has(value)) return dupStub(value);
  if (isForeignStub(value)) return makeStub(foreignRemote(value), { callable: typeof value === "function" });
  if (typeof value === "function") return makeStub(functionRemote(value), { callable: true });
  if (value instanceof RpcTarget) return makeStub(targetRemote(value), { target: value });
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; ++i) if (i in value) out[i] = rpcClone(value[i], seen);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === null || (proto.constructor?.name === "Object" && Object.getPrototypeOf(proto) === null)) {
    const out = {};
    seen.set(value, out);
    for (const key of Object.keys(value)) out[key] = rpcClone(value[key], seen);
    return out;
  }
  const tag = tagOf(value);
  if (tag === "Map") {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value) out.set(rpcClone(k, seen), rpcClone(v, seen));
    return out;
  }
  if (tag === "Set") {
    const out = new Set();
    seen.set(value, out);
    for (const v of value) out.add(rpcClone(v, seen));
    return out;
  }
  if (tag === "Headers") return new Headers(value);
  if (passedAsIs.has(tag)) return value;
  if (ArrayBuffer.isView(value) || clonedByStructuredClone.has(tag)) {
    const out = structuredClone(value);
    seen.set(value, out);
    return out;
  }
  throw dataCloneError(value);
}

// ---- stubs -----------------------------------------------------------------
// A remote is what a stub talks to: get(path) reads a property, call(path,
// args) calls a method (both async, both return clones), dispose().

const reservedOnEntrypoints = new Set(["fetch", "connect", "alarm", "webSocketMessage", "webSocketClose",
  "webSocketError", "dup", "constructor"]);
const reservedOnTargets = new Set(["dup", "constructor"]);

// The member `name` of an RPC target object as workerd looks it up: class
// members only (never own instance properties, never Object.prototype's).
function memberOf(object, name, reserved) {
  if (typeof name !== "string") throw kNoSuchMember(String(name));
  if (reserved.has(name)) throw new TypeError(`'${name}' is a reserved method and cannot be called over RPC.`);
  if (Object.prototype.hasOwnProperty.call(object, name)) throw kInstanceMember(name);
  const value = object[name];
  if (value === undefined || value === Object.prototype[name]) throw kNoSuchMember(name);
  return value;
}

// Follows `path` from a local value that came back over RPC (a stub or a
// cloned object): stubs answer with RPC promises, which are awaited.
async function walk(value, path) {
  let current = await value;
  for (const key of path) {
    if (current === null || current === undefined) throw new TypeError(`Cannot read properties of ${current} (reading '${String(key)}')`);
    current = await current[key];
  }
  return current;
}

// Walks `path` on a target object (RpcTarget instance or entrypoint) and
// returns { parent, value } of its last step.
// A path of one step is looked up at once (not a promise), so a call and a read
// made in that order reach the target in that order (see `pipelined`).
function lookup(object, path, reserved) {
  if (path.length <= 1) {
    return { parent: object, value: path.length === 0 ? object : memberOf(object, path[0], reserved) };
  }
  return lookupLonger(object, path, reserved);
}

async function lookupLonger(object, path, reserved) {
  let parent = object;
  let value = object;
  for (let i = 0; i < path.length; ++i) {
    parent = value;
    value = i === 0 ? memberOf(parent, path[i], reserved) : parent[path[i]];
    if (i + 1 < path.length) value = await value;
  }
  return { parent, value };
}

function finishResult(result) {
  const cloned = rpcClone(result);
  if (cloned !== null && typeof cloned === "object" && !stubStates.has(cloned) && !Object.isFrozen(cloned)) {
    Object.defineProperty(cloned, kDispose, {
      value: () => disposeStubsIn(cloned, new Set()),
      configurable: true,
    });
  }
  return cloned;
}

function disposeStubsIn(value, seen) {
  if (value === null || (typeof value !== "object" && typeof value !== "function") || seen.has(value)) return;
  seen.add(value);
  if (stubStates.has(value)) {
    value[kDispose]();
    return;
  }
  if (typeof value !== "object") return;
  const items = tagOf(value) === "Map" ? [...value.keys(), ...value.values()]
    : tagOf(value) === "Set" ? [...value] : Array.isArray(value) ? value : Object.values(value);
  for (const item of items) disposeStubsIn(item, seen);
}

async function callOn(target, path, args, reserved) {
  const found = lookup(target, path, reserved);
  const { parent, value } = found instanceof Promise ? await found : found;
  if (typeof value !== "function") throw new TypeError(`"${path.join(".")}" is not a function.`);
  return finishResult(await Reflect.apply(value, parent, rpcClone(args)));
}

// A remote for an RpcTarget instance passed by reference. Its [Symbol.dispose]
// runs when the last stub to it is disposed.
const targetRefs = new WeakMap();
function targetRemote(target) {
  targetRefs.set(target, (targetRefs.get(target) || 0) + 1);
  return {
    get: async (path) => finishResult(await (await lookup(target, path, reservedOnTargets)).value),
    call: (path, args) => callOn(target, path, args, reservedOnTargets),
    dup: () => targetRemote(target),
    dispose() {
      const left = targetRefs.get(target) - 1;
      targetRefs.set(target, left);
      if (left === 0 && typeof target[kDispose] === "function") target[kDispose]();
    },
  };
}

// A remote for a function passed by reference: calling the stub calls it.
function functionRemote(fn) {
  return {
    get: async (path) => {
      if (path.length === 0) return fn;
      throw kNoSuchMember(path[0]);
    },
    call: async (path, args) => {
      if (path.length !== 0) throw kNoSuchMember(path[0]);
      return finishResult(await fn(...rpcClone(args)));
    },
    dup: () => functionRemote(fn),
    dispose() {},
  };
}

// An error of another realm (a peer worker threw it) as one of this realm's, as
// workerd serializes errors over RPC: the same standard type, message and stack,
// so `instanceof RangeError` holds in the caller.
function localError(error) {
  if (error === null || typeof error !== "object" || error instanceof Error || tagOf(error) !== "Error") {
    return error;
  }
  const Type = globalThis[error.name];
  const Local = Type === Error || (typeof Type === "function" && Type.prototype instanceof Error) ? Type : Error;
  const local = new Local(error.message);
  if (local.name !== error.name) local.name = error.name;
  Object.defineProperty(local, "stack", { value: error.stack, writable: true, configurable: true });
  return local;
}

// Runs `work` (which talks to a peer realm) with its rejection made local.
async function fromPeer(work) {
  try {
    return await work();
  } catch (error) {
    throw localError(error);
  }
}

// A remote over a stub of another realm's worker-rpc (a peer worker's entrypoint,
// or a stub it returned): reads and calls go through that stub, so its realm's
// rules apply there; arguments are cloned here first and results into this realm.
function foreignRemote(stub) {
  const at = (path) => path.reduce((value, key) => value[key], stub);
  return {
    get: (path) => fromPeer(async () => finishResult(await at(path))),
    call: (path, args) => fromPeer(async () => {
      const fn = at(path);
      if (typeof fn !== "function") throw new TypeError(`"${path.join(".")}" is not a function.`);
      return finishResult(await fn(...rpcClone(args)));
    }),
    dup: () => foreignRemote(stub.dup()),
    dispose() {
      stub[kDispose]();
    },
  };
}

function usedAfterDispose() {
  return new Error("RPC stub used after being disposed.");
}

// An RPC promise: the pending result of reading `path` (or of a call),
// awaitable, callable (a method call) and navigable (pipelining).
function rpcPromise(state, path, settle) {
  let promise;
  const result = () => (promise ??= settle());
  return new Proxy(function rpcProperty() {}, {
    apply(_target, _this, args) {
      if (state.disposed) return Promise.reject(usedAfterDispose());
      return callPromise(state, path, args);
    },
    get(_target, key) {
      if (key === "then") return (onOk, onError) => result().then(onOk, onError);
      if (key === "catch") return (onError) => result().catch(onError);
      if (key === "finally") return (onFinally) => result().finally(onFinally);
      if (typeof key === "symbol") return undefined;
      return rpcPromise(state, [...path, key], () => state.disposed ? Promise.reject(usedAfterDispose())
        : state.remote.get([...path, key]));
    },
  });
}

// A read (`args` undefined) or call of `path` on what `pending` resolves to. When
// that is a stub, the operation goes to its remote as soon as it resolved, the
// same way for reads and calls, so operations pipelined on one result reach its
// target in the order they were made (workerd's e-order: `c.increment(); await
// c.value` sees the increment).
async function pipelined(pending, path, args) {
  const base = await pending;
  const state = stubStates.get(base);
  if (state && (path.length > 0 || args !== undefined)) {
    if (state.disposed) throw usedAfterDispose();
    return args === undefined ? state.remote.get(path) : state.remote.call(path, args);
  }
  if (args === undefined) return walk(base, path);
  const parent = await walk(base, path.slice(0, -1));
  const fn = parent?.[path[path.length - 1]];
  if (typeof fn !== "function") throw new TypeError(`"${path.join(".")}" is not a function.`);
  return Reflect.apply(fn, parent, args);
}

// The result of calling `path` with `args`: awaitable, and further calls and
// property reads on it wait for it (promise pipelining).
function callPromise(state, path, args) {
  const pending = state.remote.call(path, args);
  pending.catch(() => {});
  const pipeline = (tail) => {
    const derived = { disposed: false };
    derived.remote = {
      get: (more) => pipelined(pending, [...tail, ...more], undefined),
      call: (more, callArgs) => pipelined(pending, [...tail, ...more], callArgs),
    };
    return derived;
  };
  return new Proxy(function rpcCall() {}, {
    apply(_target, _this, callArgs) {
      return callPromise(pipeline([]), [], callArgs);
    },
    get(_target, key) {
      if (key === "then") return (onOk, onError) => pending.then(onOk, onError);
      if (key === "catch") return (onError) => pending.catch(onError);
      if (key === "finally") return (onFinally) => pending.finally(onFinally);
      if (typeof key === "symbol") return undefined;
      const derived = pipeline([key]);
      return rpcPromise(derived, [], () => derived.remote.get([]));
    },
  });
}

/// A stub over `remote`. `callable`: the stub itself is a function (a function
/// passed by reference). `fetcher`: extra members (fetch, scheduled, queue) of a
/// service binding / entrypoint stub, checked before RPC members.
function makeStub(remote, { callable = false, fetcher = null } = {}) {
  const state = { remote, disposed: false };
  const stub = new Proxy(callable ? function stub() {} : {}, {
    apply(_target, _this, args) {
      if (state.disposed) return Promise.reject(usedAfterDispose());
      return callPromise(state, [], args);
    },
    get(_target, key) {
      if (key === kDispose) {
        return () => {
          if (state.disposed) return;
          state.disposed = true;
          remote.dispose();
        };
      }
      if (key === "dup") return () => (state.disposed ? (() => { throw usedAfterDispose(); })() : dupStub(stub));
      if (key === kRpcStub) return true;
      if (typeof key === "symbol" || key === "then") return undefined;
      if (fetcher && Object.prototype.hasOwnProperty.call(fetcher, key)) return fetcher[key];
      return rpcPromise(state, [key], () => state.disposed ? Promise.reject(usedAfterDispose())
        : remote.get([key]));
    },
    has(_target, key) {
      return key === kDispose || key === kRpcStub || key === "dup" || (fetcher !== null && key in fetcher);
    },
    set() {
      throw new TypeError("Cannot set properties of an RPC stub");
    },
  });
  stubStates.set(stub, state);
  return stub;
}

function dupStub(stub) {
  const state = stubStates.get(stub);
  if (state.remote.dup) return makeStub(state.remote.dup(), { callable: typeof stub === "function" });
  return stub;
}

/// workerd's RpcStub: `new RpcStub(value)` is a loopback stub over an RpcTarget
/// (or another object) or a function, with RPC's rules for what goes through it
/// (clones, stubs, pipelining, disposal). A stub given is duplicated.
export class RpcStub {
  constructor(value) {
    if (stubStates.has(value)) return dupStub(value);
    if (typeof value === "function") return makeStub(functionRemote(value), { callable: true });
    if (value !== null && typeof value === "object") return makeStub(targetRemote(value));
    throw new TypeError("The RpcStub constructor needs an RpcTarget, an object or a function.");
  }

  static [Symbol.hasInstance](value) {
    return stubStates.has(value) || isForeignStub(value);
  }
}

// ---- entrypoints of this worker --------------------------------------------

function isEntrypointClass(value) {
  return typeof value === "function" && value.prototype instanceof WorkerEntrypoint;
}

// The export `name` of the worker's main module (worker.entryId).
async function entrypointExport(name) {
  const module = await worker.importEntry();
  const value = module[name];
  if (value === undefined || value === null) {
    throw new TypeError(`The worker's main module (${worker.entryId}) does not export an entrypoint named "${name}".`);
  }
  return value;
}

// Calls handler `method` (fetch, scheduled, queue) of entrypoint `name` with
// `arg` and a fresh ExecutionContext; returns { result, ctx }.
async function runHandler(name, method, arg, props) {
  const value = await entrypointExport(name);
  const ctx = newExecutionContext(props);
  let result;
  if (typeof value === "function") {
    if (!(value.prototype instanceof WorkerEntrypoint) && !(value.prototype instanceof WorkflowEntrypoint)) {
      throw new TypeError(`Export "${name}" of ${worker.entryId} is a function, not an object with handlers or a class extending WorkerEntrypoint.`);
    }
    const instance = new value(ctx, worker.env);
    if (typeof instance[method] !== "function") throw new TypeError(`Handler does not export a ${method}() function.`);
    result = await instance[method](arg);
  } else {
    if (typeof value[method] !== "function") throw new TypeError(`Handler does not export a ${method}() function.`);
    result = await value[method](arg, worker.env, ctx);
  }
  return { result, ctx };
}

function toRequest(input, init) {
  return typeof input === "string" || input instanceof URL
    ? new Request(new URL(String(input), "http://localhost"), init)
    : new Request(input, init);
}

// The remote of a class entrypoint: each call or read runs on a new instance.
function entrypointRemote(name, props) {
  const instance = async () => {
    const value = await entrypointExport(name);
    if (!isEntrypointClass(value)) {
      throw new TypeError(`The RPC receiver does not implement RPC methods: export "${name}" of ${worker.entryId} ` +
        "is not a class extending WorkerEntrypoint (object handlers have only fetch, scheduled and queue).");
    }
    return new value(newExecutionContext(props), worker.env);
  };
  return {
    get: async (path) => finishResult(await (await lookup(await instance(), path, reservedOnEntrypoints)).value),
    call: async (path, args) => callOn(await instance(), path, args, reservedOnEntrypoints),
    dup: () => entrypointRemote(name, props),
    dispose() {},
  };
}

/// A Fetcher for entrypoint `name` of this worker (workerd's service binding):
/// fetch(), scheduled() and queue() run its handlers; other members are RPC
/// calls on a fresh instance of its WorkerEntrypoint class.
export function entrypointStub(name = "default", props = {}) {
  const fetcher = {
    async fetch(input, init) {
      const request = toRequest(input, init);
      const { result } = await runHandler(name, "fetch", request, props);
      if (!(result instanceof Response)) {
        throw new TypeError(`fetch() of entrypoint "${name}" did not return a Response (got ${Object.prototype.toString.call(result)})`);
      }
      return result;
    },
    async scheduled(options) {
      const controller = newScheduledController(options);
      try {
        const { ctx } = await runHandler(name, "scheduled", controller, props);
        await settleWaitUntil(ctx);
        return { outcome: "ok", noRetry: ScheduledController.retryDisabled(controller) };
      } catch (error) {
        console.error(error);
        return { outcome: "exception", noRetry: ScheduledController.retryDisabled(controller) };
      }
    },
    async queue(queueName, messages) {
      const batch = newMessageBatch(queueName, messages, "queue");
      try {
        const { ctx } = await runHandler(name, "queue", batch, props);
        await settleWaitUntil(ctx);
        return { outcome: "ok", ...queueOutcome(batch) };
      } catch (error) {
        console.error(error);
        return { outcome: "exception", ...queueOutcome(batch) };
      }
    },
    connect() {
      throw new Error("Switchyard does not support connect() (TCP sockets) on service bindings yet.");
    },
  };
  return makeStub(entrypointRemote(name, props), { fetcher });
}

/// `exports` of cloudflare:workers: a stub per export of the main module
/// (exports.default, exports.MyEntrypoint), made when first read.
export const exports = new Proxy(Object.create(null), {
  get(cache, key) {
    if (typeof key !== "string" || key === "then") return undefined;
    return (cache[key] ??= entrypointStub(key));
  },
  has(_cache, key) {
    return typeof key === "string";
  },
});

// `ctx.exports.Name` is also callable: ctx.exports.Name({ props }) is the same
// entrypoint with those props (workerd's loopback bindings).
function loopbackStub(name) {
  const stub = entrypointStub(name);
  return new Proxy(function loopback() {}, {
    apply: (_target, _this, [options]) => entrypointStub(name, options?.props ?? {}),
    get: (_target, key) => stub[key],
    has: (_target, key) => key in stub,
  });
}

/// workerd's ctx.exports: a loopback binding per export of the main module. A name
/// the module does not export reads as undefined (with the Workers pool's warning in
/// a test run, as the pool gives it).
const contextExports = new Proxy(Object.create(null), {
  get(cache, key) {
    if (typeof key !== "string" || key === "then") return undefined;
    const namespace = worker.entryExports?.();
    if (namespace && !(key in namespace)) {
      if (worker.poolPackage) {
        // (0.5-0.9 call it the main 'SELF' Worker.)
        const main = worker.poolGeneration === "poolOptions" ? "main 'SELF' Worker" : "main Worker";
        console.warn(`Attempted to access 'ctx.exports.${key}', which was not defined for the ${main}.\n` +
          `Check that '${key}' is exported as an entry-point from the Worker.\n` +
          `The '${worker.poolPackage}' integration tries to infer these exports by analyzing the source code of the main Worker.\n`);
      }
      return undefined;
    }
    return (cache[key] ??= loopbackStub(key));
  },
  has(_cache, key) {
    const namespace = worker.entryExports?.();
    return typeof key === "string" && (!namespace || key in namespace);
  },
});

// ExecutionContext#exports (workerEvents.js, and the dev server's dispatch) reads it.
Object.defineProperty(globalThis, Symbol.for("switchyard.contextExports"), { value: contextExports, configurable: true });

/// Installs the worker's service bindings to itself into `env`
/// (worker.serviceBindings: [{ name, entrypoint, props }]).
export function installServiceBindings(env, bindings) {
  for (const { name, entrypoint, props } of bindings) {
    if (!Object.prototype.hasOwnProperty.call(env, name) || env[name] === undefined) {
      env[name] = entrypointStub(entrypoint || "default", props || {});
    }
  }
}

/// A Fetcher for entrypoint `entrypoint` of the worker named `service`, which runs
/// in another realm of this isolate (a test run's auxiliary worker, or from one of
/// those the worker under test): that realm's own entrypoint stub does the work
/// (its env, its module instances); what comes back is cloned into this realm.
function peerStub(service, entrypoint, props) {
  let pending;
  const target = () => (pending ??= (async () => {
    const peer = worker.peer(service);
    if (!peer) {
      throw new Error(`The Worker "${service}" is not running: a service binding of ${worker.name ? `"${worker.name}"` : "this Worker"} ` +
        "names it, and it is not among the Workers of this test run (miniflare.workers).");
    }
    return (await peer.importRpc()).entrypointStub(entrypoint || "default", props || {});
  })());
  const remote = {
    get: async (path) => foreignRemote(await target()).get(path),
    call: async (path, args) => foreignRemote(await target()).call(path, args),
    dup: () => remote,
    dispose() {},
  };
  const fetcher = {
    fetch: (input, init) => fromPeer(async () => (await target()).fetch(input, init)),
    scheduled: (options) => fromPeer(async () => rpcClone(await (await target()).scheduled(options))),
    queue: (queueName, messages) =>
      fromPeer(async () => rpcClone(await (await target()).queue(queueName, rpcClone(messages)))),
    connect() {
      throw new Error("Switchyard does not support connect() (TCP sockets) on service bindings yet.");
    },
  };
  return makeStub(remote, { fetcher });
}

/// Installs the service bindings to workers in other realms into `env`
/// (worker.peerBindings: [{ name, service, entrypoint, props }]).
export function installPeerBindings(env, bindings) {
  for (const { name, service, entrypoint, props } of bindings) {
    if (!Object.prototype.hasOwnProperty.call(env, name) || env[name] === undefined) {
      env[name] = peerStub(service, entrypoint, props);
    }
  }
}

installServiceBindings(worker.env, worker.serviceBindings || []);
installPeerBindings(worker.env, worker.peerBindings || []);
