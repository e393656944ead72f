// `cloudflare:test` as in @cloudflare/vitest-pool-workers, served to test
// files by the engine: env (the test isolate's bindings, fresh per test file),
// SELF (this isolate's worker, called in-process), execution contexts,
// applyD1Migrations, and callServerAction (Switchyard: run a "use server"
// function the way the framework's client calls it, with its request context).
import { env as workerEnv, exports as workerExports } from "cloudflare:workers";

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

// -- Server actions ----------------------------------------------------------

/// callServerAction(action, args, { url, headers }): runs a "use server"
/// function inside the worker's request pipeline. Which request it sends is
/// the framework's (virtual:switchyard:server-action-call, chosen by the
/// framework profile): rwsdk's own action request (rscActionCall.js); a
/// plain Workers app has none (the call rejects with a clear error).
export { callServerAction } from "virtual:switchyard:server-action-call";
