// `cloudflare:workers` as the engine serves it to worker code (dev server and
// test isolates): workerd's module of the same name, reduced to what a worker
// in one isolate needs. `env` is the worker's env (wrangler vars and
// bindings); `exports.default.fetch` calls the worker's own fetch handler in
// this isolate (the full request pipeline, a fresh ExecutionContext).
const worker = globalThis[Symbol.for("switchyard.worker")];
if (!worker) throw new Error("cloudflare:workers is only available inside a Switchyard worker isolate");

export const env = worker.env;

export const exports = Object.freeze({
  default: Object.freeze({
    fetch: (input, init) => worker.fetch(input, init),
  }),
});

/// Base class of class-based entrypoints (workerd's WorkerEntrypoint).
export class WorkerEntrypoint {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

/// Base class of Durable Object classes (workerd's DurableObject).
export class DurableObject {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}
