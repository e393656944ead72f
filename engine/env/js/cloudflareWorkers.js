// `cloudflare:workers` as the engine serves it to worker code (dev server and
// test isolates): workerd's module of the same name for a worker in one
// isolate. `env` is the worker's env (wrangler vars and bindings, service
// bindings to this worker included); `exports` holds a stub per export of the
// worker's main module (exports.default, exports.MyEntrypoint: fetch,
// scheduled, queue and JS RPC, see workerRpc.js); the entrypoint base classes
// are workerd's.
export {
  WorkerEntrypoint,
  DurableObject,
  WorkflowEntrypoint,
  RpcTarget,
  exports,
} from "virtual:switchyard:worker-rpc";

export const env = globalThis[Symbol.for("switchyard.worker")].env;

/// workerd's waitUntil(): extends the current invocation. Here the isolate
/// outlives every request, so the promise only has its rejection logged.
export function waitUntil(promise) {
  Promise.resolve(promise).catch((e) => console.error("[worker] waitUntil promise rejected:", e));
}
