// `cloudflare:test` as in @cloudflare/vitest-pool-workers, served to test
// files by the engine: env (the test isolate's bindings, fresh per test file),
// SELF (this isolate's worker, called in-process), execution contexts,
// applyD1Migrations, and callServerAction (Switchyard: run a "use server"
// action through the runtime's /_test route with its request context).
import { env as workerEnv, exports as workerExports } from "cloudflare:workers";
import { decodeTestValue, encodeTestValue } from "switchyard/__test_wire";

export const env = workerEnv;

/// The worker under test: SELF.fetch(url | Request, init) -> Promise<Response>.
/// A relative URL is resolved against http://localhost.
export const SELF = Object.freeze({
  fetch: (input, init) => workerExports.default.fetch(input, init),
});

const kWaitUntil = Symbol("waitUntil");

/// An ExecutionContext for calling a handler directly (worker.fetch(req, env, ctx)).
export function createExecutionContext() {
  const pending = [];
  return {
    [kWaitUntil]: pending,
    waitUntil(promise) {
      pending.push(Promise.resolve(promise));
    },
    passThroughOnException() {},
  };
}

/// Waits for every promise given to ctx.waitUntil (also ones added meanwhile).
export async function waitOnExecutionContext(ctx) {
  const pending = ctx && ctx[kWaitUntil];
  if (!pending) throw new TypeError("waitOnExecutionContext() expects a context from createExecutionContext()");
  for (let done = 0; done < pending.length; ) {
    const batch = pending.slice(done);
    done = pending.length;
    await Promise.allSettled(batch);
  }
}

/// Applies D1 migrations ([{ name, queries: [sql, ...] }]) that are not applied
/// yet, recording them in `d1_migrations` (wrangler's table) like
/// vitest-pool-workers' applyD1Migrations.
export async function applyD1Migrations(db, migrations, migrationsTableName = "d1_migrations") {
  if (!db || typeof db.prepare !== "function") throw new TypeError("applyD1Migrations() expects a D1 binding");
  const table = JSON.stringify(migrationsTableName);
  await db.exec(
    `CREATE TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);`,
  );
  const applied = new Set(
    (await db.prepare(`SELECT name FROM ${table}`).all()).results.map((row) => row.name),
  );
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    const statements = migration.queries.map((sql) => db.prepare(sql));
    statements.push(db.prepare(`INSERT INTO ${table} (name) VALUES (?)`).bind(migration.name));
    await db.batch(statements);
  }
}

// -- Server actions through the runtime's /_test route ----------------------

/// Runs a "use server" action inside the worker's request pipeline (the
/// runtime's POST /_test route: middleware, request context, then the action)
/// and resolves with its result; rejects with the action's error (its message
/// and its stack from inside the worker). `action` is the imported action
/// function or its reference id ("/src/app/actions.ts#greet"). `options`:
/// { url = "http://localhost/", headers } for the request the action sees.
export async function callServerAction(action, args = [], options = {}) {
  const id = typeof action === "string" ? action : action && action.$$id;
  if (typeof id !== "string") {
    throw new TypeError("callServerAction() expects a server action (a function exported by a \"use server\" module) or its id");
  }
  const target = new URL("/_test", options.url || "http://localhost/");
  const headers = new Headers(options.headers || {});
  headers.set("content-type", "application/json");
  const response = await SELF.fetch(target, {
    method: "POST",
    headers,
    body: JSON.stringify({ action: id, args: args.map(encodeTestValue), url: options.url || "http://localhost/" }),
  });
  const text = await response.text();
  let reply;
  try {
    reply = JSON.parse(text);
  } catch {
    throw new Error(`callServerAction(${id}): the worker answered ${response.status} with ${text.slice(0, 300)}`);
  }
  if (reply.ok) return decodeTestValue(reply.result);
  const error = new Error(reply.error?.message ?? `callServerAction(${id}) failed`);
  if (reply.error?.name) error.name = reply.error.name;
  if (reply.error?.stack) error.stack = reply.error.stack;
  error.status = response.status;
  throw error;
}
