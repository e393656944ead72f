// Workers RPC inside one isolate (`virtual:switchyard:worker-rpc`): the
// entrypoint classes of `cloudflare:workers` and the stubs through which code
// reaches the worker's own entrypoints (SELF, `exports`, `ctx.exports`,
// service bindings to this worker) and the entrypoints of auxiliary Workers in
// other realms (peer stubs), on the RPC rules of rpcStubs.js; each call on an
// entrypoint stub runs on a fresh instance of the WorkerEntrypoint class, with
// its own ExecutionContext.
import {
  newExecutionContext,
  settleWaitUntil,
  newScheduledController,
  ScheduledController,
  newMessageBatch,
  queueOutcome,
} from "virtual:switchyard:worker-events";
import {
  RpcTarget,
  RpcStub,
  rpcClone,
  makeStub,
  lookup,
  callOn,
  finishResult,
  foreignRemote,
  fromPeer,
  reservedOnEntrypoints,
} from "virtual:switchyard:rpc-stubs";

export { RpcTarget, RpcStub, rpcClone };

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
