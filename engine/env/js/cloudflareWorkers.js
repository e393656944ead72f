// `cloudflare:workers` as the engine serves it to worker code (dev server and
// test isolates): workerd's module of the same name for a worker in one
// isolate. `env` is the worker's env (wrangler vars and bindings, service
// bindings to this worker included); `exports` holds a stub per export of the
// worker's main module (exports.default, exports.MyEntrypoint: fetch,
// scheduled, queue and JS RPC, see workerRpc.js); the entrypoint base classes
// are workerd's.
//
// As in workerd (src/cloudflare/workers.ts), `env` and `exports` are proxies
// over the current async context's objects: withEnv(newEnv, fn),
// withExports(newExports, fn) and withEnvAndExports(newEnv, newExports, fn)
// run fn (and everything it awaits) with `env` / `exports` reading the given
// objects, and return what fn returns. Handlers still get the worker's own
// env as their argument, as in workerd.
import { exports as workerExports } from "virtual:switchyard:worker-rpc";

export {
  WorkerEntrypoint,
  DurableObject,
  WorkflowEntrypoint,
  RpcTarget,
  RpcStub,
} from "virtual:switchyard:worker-rpc";

const baseEnv = globalThis[Symbol.for("switchyard.worker")].env;
const Storage = globalThis.AsyncLocalStorage;
const scopes = Storage ? new Storage() : null;
let syncScope; // without AsyncLocalStorage: the scope of the running callback only

function currentScope() {
  return (scopes ? scopes.getStore() : syncScope) || {};
}

/// A proxy over `base` that reads, writes and lists `current()` instead.
function delegating(base, current) {
  return new Proxy(base, {
    get: (_target, key) => Reflect.get(current(), key),
    set: (_target, key, value) => Reflect.set(current(), key, value),
    has: (_target, key) => Reflect.has(current(), key),
    deleteProperty: (_target, key) => Reflect.deleteProperty(current(), key),
    defineProperty: (_target, key, desc) => Reflect.defineProperty(current(), key, desc),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor(_target, key) {
      const desc = Reflect.getOwnPropertyDescriptor(current(), key);
      // The target (the worker's own object) may lack the key: report it configurable.
      return desc && { ...desc, configurable: true };
    },
  });
}

export const env = delegating(baseEnv, () => currentScope().env ?? baseEnv);
export const exports = delegating(Object.create(null), () => currentScope().exports ?? workerExports);

function runScoped(scope, fn) {
  if (typeof fn !== "function") throw new TypeError("The callback must be a function.");
  const next = { ...currentScope(), ...scope };
  if (scopes) return scopes.run(next, fn);
  const previous = syncScope;
  syncScope = next;
  try {
    return fn();
  } finally {
    syncScope = previous;
  }
}

/// workerd's withEnv(): runs fn with `env` reading newEnv.
export function withEnv(newEnv, fn) {
  return runScoped({ env: newEnv }, fn);
}

/// workerd's withExports(): runs fn with `exports` reading newExports.
export function withExports(newExports, fn) {
  return runScoped({ exports: newExports }, fn);
}

/// workerd's withEnvAndExports(): both at once.
export function withEnvAndExports(newEnv, newExports, fn) {
  return runScoped({ env: newEnv, exports: newExports }, fn);
}

/// workerd's waitUntil(): extends the current invocation. Here the isolate
/// outlives every request, so the promise only has its rejection logged.
export function waitUntil(promise) {
  Promise.resolve(promise).catch((e) => console.error("[worker] waitUntil promise rejected:", e));
}
