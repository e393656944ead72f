// Generates the benchmark's app: a worker without dependencies, a KV namespace
// and a D1 database in wrangler.jsonc, and N test files of 5 tests each that
// write KV and D1 and call the worker through SELF. The same files run under
// `switchyard test` and under @cloudflare/vitest-pool-workers (each test is
// self-contained: the pool undoes storage writes after every test).
import fs from "node:fs";
import path from "node:path";

export function generateTestApp(dir, files) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.mkdirSync(path.join(dir, "test"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "switchyard-bench-test-runs", private: true, type: "module" }, null, 2),
  );
  fs.writeFileSync(
    path.join(dir, "wrangler.jsonc"),
    `{
  "name": "bench-test-runs",
  "main": "src/index.ts",
  "compatibility_date": "2025-09-01",
  "compatibility_flags": ["nodejs_compat"],
  "kv_namespaces": [{ "binding": "KV", "id": "bench-kv" }],
  "d1_databases": [{ "binding": "DB", "database_name": "bench", "database_id": "bench-db" }]
}
`,
  );
  fs.writeFileSync(
    path.join(dir, "src/index.ts"),
    `interface Env { KV: KVNamespace; DB: D1Database }
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/count") {
      const value = Number((await env.KV.get("hits")) ?? "0") + 1;
      await env.KV.put("hits", String(value));
      return Response.json({ hits: value });
    }
    return new Response("ok " + url.pathname);
  },
};
`,
  );
  for (let i = 0; i < files; i++) {
    fs.writeFileSync(
      path.join(dir, "test", `file${String(i).padStart(3, "0")}.test.ts`),
      `import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

const table = "items";
async function createTable() {
  await env.DB.prepare(\`CREATE TABLE IF NOT EXISTS \${table} (id INTEGER PRIMARY KEY, file INTEGER, name TEXT)\`).run();
}

describe("file ${i}", () => {
  it("puts and gets a KV value", async () => {
    await env.KV.put("key-${i}", "value-${i}");
    expect(await env.KV.get("key-${i}")).toBe("value-${i}");
  });

  it("lists only this file's KV keys", async () => {
    await env.KV.put("list-${i}-a", "1");
    await env.KV.put("list-${i}-b", "2");
    const { keys } = await env.KV.list({ prefix: "list-" });
    expect(keys.map((k) => k.name)).toEqual(["list-${i}-a", "list-${i}-b"]);
  });

  it("inserts D1 rows", async () => {
    await createTable();
    const result = await env.DB.prepare(\`INSERT INTO \${table} (file, name) VALUES (?, ?)\`).bind(${i}, "row").run();
    expect(result.success).toBe(true);
    expect(result.meta.changes).toBe(1);
  });

  it("selects its own D1 rows", async () => {
    await createTable();
    await env.DB.batch([
      env.DB.prepare(\`INSERT INTO \${table} (file, name) VALUES (?, ?)\`).bind(${i}, "a"),
      env.DB.prepare(\`INSERT INTO \${table} (file, name) VALUES (?, ?)\`).bind(${i}, "b"),
    ]);
    const { results } = await env.DB.prepare(\`SELECT DISTINCT file FROM \${table}\`).all();
    expect(results).toEqual([{ file: ${i} }]);
  });

  it("calls the worker through SELF", async () => {
    const response = await SELF.fetch("http://example.com/count");
    expect(await response.json()).toEqual({ hits: 1 });
  });
});
`,
    );
  }
}

export function writePoolWorkersConfig(dir) {
  fs.writeFileSync(
    path.join(dir, "vitest.config.mts"),
    `import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.jsonc" } })],
  test: { include: ["test/**/*.test.ts"] },
});
`,
  );
}
