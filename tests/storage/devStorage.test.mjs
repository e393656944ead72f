// `switchyard serve` with wrangler kv_namespaces and d1_databases: env.KV and
// env.DB work in the app, pending D1 migrations are applied at start (once),
// the data lives in <app>/.switchyard/storage and survives a restart, bad SQL
// is the request's error (the server keeps serving), a malformed binding in
// wrangler.jsonc is refused with a clear message.
// Usage: node devStorage.test.mjs <switchyard binary> <examples/hello dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startServe, createSuite, assert } from "../e2e/serveHarness.mjs";

const [switchyard, helloDir] = process.argv.slice(2);
const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-dev-storage-"));
const write = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
  fs.writeFileSync(path.join(app, rel), text);
};
write("wrangler.jsonc", `{
  "name": "dev-storage", "main": "src/worker.ts", "compatibility_date": "2025-01-01",
  "kv_namespaces": [{ "binding": "VISITS", "id": "0f2ac74b498b48028cb68387c421e279" }],
  "d1_databases": [{ "binding": "DB", "database_name": "notes", "database_id": "7b9c4e1a-notes",
                     "migrations_dir": "db/migrations" }],
}`);
write("package.json", JSON.stringify({ name: "dev-storage", private: true, type: "module" }));
fs.symlinkSync(path.join(helloDir, "node_modules"), path.join(app, "node_modules"));
write("db/migrations/0001_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\n");
write("db/migrations/0002_seed.sql", "INSERT INTO notes (body) VALUES ('seeded by a migration');\n");
write("src/worker.ts", `
interface Env { VISITS: KVNamespace; DB: D1Database }
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/visit") {
      const n = Number((await env.VISITS.get("count")) ?? "0") + 1;
      await env.VISITS.put("count", String(n), { metadata: { at: "visit" } });
      return new Response(String(n));
    }
    if (url.pathname === "/note" && request.method === "POST") {
      const body = await request.text();
      const r = await env.DB.prepare("INSERT INTO notes (body) VALUES (?)").bind(body).run();
      return Response.json({ id: r.meta.last_row_id });
    }
    if (url.pathname === "/notes") {
      const { results } = await env.DB.prepare("SELECT id, body FROM notes ORDER BY id").all();
      return Response.json(results);
    }
    if (url.pathname === "/migrations") {
      return Response.json((await env.DB.prepare("SELECT name FROM d1_migrations ORDER BY id").raw()).flat());
    }
    if (url.pathname === "/bad-sql") {
      await env.DB.prepare("SELECT * FROM no_such_table").all();
    }
    return new Response("ok");
  },
};
`);

const suite = createSuite();
let server = await startServe(switchyard, app);
const req = async (p, init) => {
  const res = await fetch(server.origin + p, init);
  return { status: res.status, body: await res.text() };
};
try {
  await suite.check("pending migrations are applied at start", async () => {
    assert(server.output().includes("[storage] D1 DB: applied 2 migration(s)"), server.output());
    const r = await req("/migrations");
    assert(r.body === JSON.stringify(["0001_notes.sql", "0002_seed.sql"]), r.body);
  });
  await suite.check("env.KV keeps a counter", async () => {
    assert((await req("/visit")).body === "1");
    assert((await req("/visit")).body === "2");
  });
  await suite.check("env.DB inserts and selects", async () => {
    const r = await req("/note", { method: "POST", body: "written before the restart" });
    assert(r.status === 200 && JSON.parse(r.body).id === 2, r.body);
    const notes = JSON.parse((await req("/notes")).body);
    assert(notes.length === 2 && notes[1].body === "written before the restart", JSON.stringify(notes));
  });
  await suite.check("bad SQL fails the request, not the server", async () => {
    const r = await req("/bad-sql");
    assert(r.status === 500, `status ${r.status}`);
    assert(r.body.includes("D1_ERROR: no such table: no_such_table: SQLITE_ERROR"), r.body);
    assert((await req("/")).body === "ok");
  });
  await suite.check("the data is kept in .switchyard/storage", async () => {
    const dir = path.join(app, ".switchyard", "storage");
    assert(fs.existsSync(path.join(dir, "kv.sqlite")), "kv.sqlite missing");
    assert(fs.existsSync(path.join(dir, "d1", "7b9c4e1a-notes.sqlite")), "the D1 file is missing");
  });
  await suite.check("everything survives a restart; migrations are not applied twice", async () => {
    await server.stop();
    server = await startServe(switchyard, app);
    assert(!server.output().includes("applied"), server.output());
    assert((await req("/visit")).body === "3");
    const notes = JSON.parse((await req("/notes")).body);
    assert(notes.map((n) => n.body).join("|") === "seeded by a migration|written before the restart",
      JSON.stringify(notes));
    assert((await req("/migrations")).body === JSON.stringify(["0001_notes.sql", "0002_seed.sql"]));
  });
  await suite.check("a new migration is applied at the next start", async () => {
    await server.stop();
    write("db/migrations/0003_tags.sql", "ALTER TABLE notes ADD COLUMN tag TEXT;\n");
    server = await startServe(switchyard, app);
    assert(server.output().includes("[storage] D1 DB: applied 1 migration(s)"), server.output());
    assert((await req("/migrations")).body.includes("0003_tags.sql"));
  });
  await suite.check("a broken migration is reported and the server still serves", async () => {
    await server.stop();
    write("db/migrations/0004_broken.sql", "INSERT INTO missing_table VALUES (1);\n");
    server = await startServe(switchyard, app);
    assert(server.output().includes("migration failed") &&
      server.output().includes("0004_broken.sql: no such table: missing_table"), server.output());
    assert((await req("/visit")).body === "4");
  });
} finally {
  await server.stop();
}

await suite.check("a kv_namespaces entry without a binding is refused", async () => {
  const bad = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bad-binding-"));
  fs.mkdirSync(path.join(bad, "src"));
  fs.writeFileSync(path.join(bad, "src/worker.js"), "export default { fetch() { return new Response('x'); } };\n");
  fs.writeFileSync(path.join(bad, "wrangler.jsonc"),
    '{ "name": "bad", "main": "src/worker.js", "kv_namespaces": [{ "id": "abc" }] }');
  const r = spawnSync(switchyard, ["serve", bad, "--port", "0"], { encoding: "utf8", timeout: 30000 });
  assert(r.status !== 0, `exit ${r.status}`);
  assert(r.stderr.includes('kv_namespaces[0]: "binding" (the env property, a string) is missing'), r.stderr);
  fs.rmSync(bad, { recursive: true, force: true });
});

fs.rmSync(app, { recursive: true, force: true });
process.exit(suite.finish());
