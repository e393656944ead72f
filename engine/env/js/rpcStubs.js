// Workers RPC's values and stubs (`virtual:switchyard:rpc-stubs`), with the
// semantics workerd defines for JS RPC ("Workers RPC" in Cloudflare's docs),
// though caller and callee share an isolate (and, for auxiliary Workers, may
// sit in different realms of it):
// - every call and property read is asynchronous (a property is an
//   awaitable, callable "RPC promise"; calls on it pipeline, and operations
//   on one stub reach it in the order they were made);
// - only methods and accessors of the target's class (its prototype chain
//   below Object.prototype) are reachable, never instance fields; `fetch`,
//   `connect`, `dup`, `constructor` and the Durable Object handlers are
//   reserved names on entrypoints;
// - arguments and results are structured clones (the callee never shares a
//   mutable object with the caller); a function or an RpcTarget instance is
//   passed as a stub instead, whose calls reach the original; a class
//   instance that is not an RpcTarget cannot be sent (DataCloneError);
// - stubs are Disposable (`using`): a disposed stub rejects further use, and
//   the RpcTarget's own [Symbol.dispose]() runs when its last stub goes; an
//   object result gets a [Symbol.dispose]() that disposes the stubs in it;
// - an exception thrown by the callee rejects the caller's promise with an
//   error of the same type and message (of the caller's realm).
// virtual:switchyard:worker-rpc builds the worker's entrypoints on these.

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

export const reservedOnEntrypoints = new Set(["fetch", "connect", "alarm", "webSocketMessage", "webSocketClose",
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
export function lookup(object, path, reserved) {
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

export function finishResult(result) {
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

export async function callOn(target, path, args, reserved) {
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
export async function fromPeer(work) {
  try {
    return await work();
  } catch (error) {
    throw localError(error);
  }
}

// A remote over a stub of another realm's worker-rpc (a peer worker's entrypoint,
// or a stub it returned): reads and calls go through that stub, so its realm's
// rules apply there; arguments are cloned here first and results into this realm.
export function foreignRemote(stub) {
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
export function makeStub(remote, { callable = false, fetcher = null } = {}) {
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
