// `cloudflare:test` as @cloudflare/vitest-pool-workers exports it, both API
// generations (0.8.x: env, SELF, fetchMock; 0.9+: reset, exports, evict*,
// Workflows), served to test files by the engine:
// - env: the test isolate's bindings (fresh storage per test file);
// - SELF / exports: the worker's entrypoints in this isolate (fetch,
//   scheduled, queue, JS RPC; workerRpc.js);
// - execution contexts, scheduled controllers, message batches as workerd
//   builds them (workerEvents.js), getQueueResult, applyD1Migrations,
//   createPagesEventContext, reset() (deletes all data of the storage bindings);
// - fetchMock: undici's MockAgent over the isolate's fetch (fetchMock.js);
// - the Durable Object, Workflow and Secrets Store helpers reject with an
//   error saying that Switchyard does not support these yet;
// - callServerAction (Switchyard: run a "use server" function the way the
//   framework's client calls it, with its request context).
import { env as workerEnv, exports as workerExports } from "cloudflare:workers";
import {
  newExecutionContext,
  isExecutionContext,
  settleWaitUntil,
  newScheduledController,
  newMessageBatch,
  isMessageBatch,
  queueOutcome,
} from "virtual:switchyard:worker-events";

export const env = workerEnv;

/// The worker under test (the default export of `main`): fetch(url | Request,
/// init) (a relative URL is resolved against http://localhost), scheduled(),
/// queue() and, for a WorkerEntrypoint class, its RPC methods.
/// With an `assets` block its fetch() goes through the asset router first, as
/// the pool's SELF does: an asset the path names answers without the Worker.
export const SELF = routedThroughAssets(workerExports.default);

function routedThroughAssets(entry) {
  const router = globalThis[Symbol.for("switchyard.assetsRouter")];
  if (typeof router !== "function") return entry;
  const fetch = async function fetch(input, init) {
    const request = input instanceof Request && init === undefined
      ? input
      : new Request(input instanceof Request ? input : new URL(String(input), "http://localhost"), init);
    return router(request) ?? entry.fetch(request);
  };
  return new Proxy(entry, {
    get(target, key, receiver) {
      return key === "fetch" ? fetch : Reflect.get(target, key, receiver);
    },
  });
}

/// cloudflare:workers' `exports` (the newer pool's way to SELF).
export { workerExports as exports };

export { fetchMock } from "virtual:switchyard:fetch-mock";

/// An ExecutionContext for calling a handler directly (worker.fetch(req, env, ctx)).
export function createExecutionContext() {
  return newExecutionContext();
}

/// Waits for every promise given to ctx.waitUntil (also ones added meanwhile);
/// a rejection is rethrown (several: an AggregateError).
export async function waitOnExecutionContext(ctx) {
  if (!isExecutionContext(ctx)) {
    throw new TypeError("Failed to execute 'getWaitUntil': parameter 1 is not of type 'ExecutionContext'.\n" +
      "You must call 'createExecutionContext()' or 'createPagesEventContext()' to get an 'ExecutionContext' instance.");
  }
  await settleWaitUntil(ctx);
}

/// A ScheduledController for calling scheduled(controller, env, ctx) directly:
/// { scheduledTime (default now), cron (default "") }.
export function createScheduledController(options) {
  return newScheduledController(options);
}

/// A MessageBatch for calling queue(batch, env, ctx) directly: messages are
/// { id, timestamp (Date or ms), body, attempts }.
export function createMessageBatch(queueName, messages) {
  return newMessageBatch(queueName, messages);
}

/// What the consumer did with `batch`, once ctx's waitUntil promises settled:
/// { outcome, ackAll, retryBatch, explicitAcks, retryMessages }.
export async function getQueueResult(batch, ctx) {
  if (!isMessageBatch(batch)) {
    throw new TypeError("Failed to execute 'getQueueResult': parameter 1 is not of type 'MessageBatch'.\n" +
      "You must call 'createMessageBatch()' to get a 'MessageBatch' instance.");
  }
  if (!isExecutionContext(ctx)) {
    throw new TypeError("Failed to execute 'getQueueResult': parameter 2 is not of type 'ExecutionContext'.\n" +
      "You must call 'createExecutionContext()' to get an 'ExecutionContext' instance.");
  }
  await settleWaitUntil(ctx);
  return { outcome: "ok", ...queueOutcome(batch) };
}

/// Applies D1 migrations ([{ name, queries: [sql, ...] }]) that are not applied
/// yet, recording them in `migrationsTableName` (wrangler's d1_migrations).
export async function applyD1Migrations(db, migrations, migrationsTableName = "d1_migrations") {
  if (!db || typeof db.prepare !== "function" || typeof db.batch !== "function") {
    throw new TypeError("Failed to execute 'applyD1Migrations': parameter 1 is not of type 'D1Database'.");
  }
  const isMigration = (m) => m !== null && typeof m === "object" && typeof m.name === "string" &&
    Array.isArray(m.queries) && m.queries.every((q) => typeof q === "string");
  if (!Array.isArray(migrations) || !migrations.every(isMigration)) {
    throw new TypeError("Failed to execute 'applyD1Migrations': parameter 2 is not of type 'D1Migration[]'.");
  }
  if (typeof migrationsTableName !== "string") {
    throw new TypeError("Failed to execute 'applyD1Migrations': parameter 3 is not of type 'string'.");
  }
  const table = `"${migrationsTableName.replace(/"/g, '""')}"`;
  await db.prepare(`CREATE TABLE IF NOT EXISTS ${table} (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT UNIQUE,
    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
  );`).run();
  const applied = new Set((await db.prepare(`SELECT name FROM ${table};`).all()).results.map((row) => row.name));
  const record = db.prepare(`INSERT INTO ${table} (name) VALUES (?);`);
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    await db.batch([...migration.queries.map((sql) => db.prepare(sql)), record.bind(migration.name)]);
  }
}

/// An EventContext for calling a Pages Function directly (needs env.ASSETS).
export function createPagesEventContext(opts) {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError("Failed to execute 'createPagesEventContext': parameter 1 is not of type 'EventContextInit'.");
  }
  if (!(opts.request instanceof Request)) {
    throw new TypeError("Incorrect type for the 'request' field on 'EventContextInit': the provided value is not of type 'Request'.");
  }
  if (opts.next !== undefined && typeof opts.next !== "function") {
    throw new TypeError("Incorrect type for the 'next' field on 'EventContextInit': the provided value is not of type 'function'.");
  }
  if (!env.ASSETS || typeof env.ASSETS.fetch !== "function") {
    throw new TypeError("Cannot call `createPagesEventContext()` without defining `ASSETS` service binding");
  }
  const ctx = newExecutionContext();
  const context = {
    request: opts.next ? opts.request.clone() : opts.request,
    functionPath: opts.functionPath ?? "",
    waitUntil: ctx.waitUntil.bind(ctx),
    passThroughOnException: ctx.passThroughOnException.bind(ctx),
    async next(input, init) {
      if (opts.next === undefined) {
        throw new TypeError("Cannot call `EventContext#next()` without including `next` property in 2nd argument to `createPagesEventContext()`");
      }
      if (input === undefined) return opts.next(opts.request);
      if (typeof input === "string") input = new URL(input, opts.request.url).toString();
      return opts.next(new Request(input, init));
    },
    env,
    params: opts.params ?? {},
    data: opts.data ?? {},
  };
  // waitOnExecutionContext(context) waits for the context's waitUntil promises.
  for (const symbol of Object.getOwnPropertySymbols(ctx)) {
    Object.defineProperty(context, symbol, { value: ctx[symbol] });
  }
  return context;
}

/// Deletes all data of every storage binding (KV entries, D1 tables), as the
/// pool's reset() does; inside a test with per-test storage isolation the
/// rollback after the test still restores what the test started with.
export async function reset() {
  const resetStorage = globalThis[Symbol.for("switchyard.storageReset")];
  if (resetStorage) resetStorage();
}

// -- Not supported yet --------------------------------------------------------

function notSupported(feature, helper) {
  return new Error(`${helper}() needs ${feature}, which Switchyard does not support yet ` +
    `(not supported yet: ${feature}).`);
}
const durableObjects = "Durable Objects";

export async function runInDurableObject() {
  throw notSupported(durableObjects, "runInDurableObject");
}
export async function runDurableObjectAlarm() {
  throw notSupported(durableObjects, "runDurableObjectAlarm");
}
export async function listDurableObjectIds() {
  throw notSupported(durableObjects, "listDurableObjectIds");
}
export async function evictDurableObject() {
  throw notSupported(durableObjects, "evictDurableObject");
}
export async function evictAllDurableObjects() {
  throw notSupported(durableObjects, "evictAllDurableObjects");
}
export async function abortAllDurableObjects() {
  throw notSupported(durableObjects, "abortAllDurableObjects");
}
export async function introspectWorkflow() {
  throw notSupported("Workflows", "introspectWorkflow");
}
export async function introspectWorkflowInstance() {
  throw notSupported("Workflows", "introspectWorkflowInstance");
}
export function adminSecretsStore() {
  throw notSupported("Secrets Store bindings", "adminSecretsStore");
}

// -- Server actions ----------------------------------------------------------

/// callServerAction(action, args, { url, headers }): runs a "use server"
/// function inside the worker's request pipeline. Which request it sends is
/// the framework's (virtual:switchyard:server-action-call, chosen by the
/// framework profile): rwsdk's own action request (rscActionCall.js); a
/// plain Workers app has none (the call rejects with a clear error).
export { callServerAction } from "virtual:switchyard:server-action-call";
