// A plain Workers app (a fetch handler, no React framework, no node_modules),
// as Cloudflare's docs write one: `switchyard serve` answers from the handler
// with its vars and KV binding, names no framework, and serves no framework
// modules (no lookups, bridge or state module in the graphs); an edit of a
// module the worker imports is a full-reload (nothing re-renders in place
// without a framework) and the next request runs the new code;
// `switchyard test` runs the app's Vitest file (SELF.fetch, env) and
// callServerAction says clearly that a plain Workers app has no server
// actions.
// Usage: node plainWorker.test.mjs <switchyard binary>
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startServe, createSuite, assert, atomicWriter, readJournal, afterHmrUpdate } from "./serveHarness.mjs";

const [switchyard] = process.argv.slice(2).map((p) => path.resolve(p));
const greeting = `hello-${crypto.randomBytes(6).toString("hex")}`;

const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-plain-worker-"));
const write = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
  fs.writeFileSync(path.join(app, rel), text);
};
write("package.json", `{ "name": "plain-worker", "private": true, "type": "module" }\n`);
write(
  "wrangler.jsonc",
  `{
  "name": "plain-worker",
  "main": "src/index.ts",
  "compatibility_date": "2026-11-01",
  "vars": { "GREETING": "${greeting}" },
  "kv_namespaces": [{ "binding": "VISITS", "id": "visits" }]
}
`,
);
write("src/message.ts", `export const suffix = "v1";\n`);
write(
  "src/index.ts",
  `import { suffix } from "./message";

interface Env {
  GREETING: string;
  VISITS: KVNamespace;
}

export default {
  async fetch(request, env, ctx): Promise<Response> {
    const url = new URL(request.url);
    const visits = Number((await env.VISITS.get("visits")) ?? "0") + 1;
    ctx.waitUntil(env.VISITS.put("visits", String(visits)));
    return new Response(\`\${env.GREETING} \${suffix} \${url.pathname} visit \${visits}\`, {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  },
} satisfies ExportedHandler<Env>;
`,
);
write(
  "test/index.test.ts",
  `import { SELF, env, callServerAction } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("plain worker", () => {
  it("answers from its fetch handler", async () => {
    const response = await SELF.fetch("http://example.com/hi");
    expect(await response.text()).toBe(\`\${env.GREETING} v1 /hi visit 1\`);
  });

  it("has no server actions to call", async () => {
    await expect(callServerAction("/src/index.ts#fetch", [])).rejects.toThrow(/plain Workers app/);
  });
});
`,
);

const suite = createSuite();
const journal = path.join(app, ".switchyard-journal.sqlite");
const server = await startServe(switchyard, app, ["--journal", journal]);
const text = async (url) => {
  const r = await fetch(url);
  return { status: r.status, body: await r.text() };
};
try {
  await suite.check("serve answers from the fetch handler with its vars and KV", async () => {
    const first = await text(server.origin + "/first");
    assert(first.status === 200, `status ${first.status}: ${first.body}`);
    assert(first.body.startsWith(`${greeting} v1 /first visit `), first.body);
    const n = Number(first.body.split("visit ")[1]);
    let second = await text(server.origin + "/second");
    // waitUntil's put may land after the response: the count only grows.
    assert(Number(second.body.split("visit ")[1]) >= n, second.body);
    const banner = server.output().match(/Switchyard dev server for [^\n]*/)?.[0] ?? "";
    assert(banner === "Switchyard dev server for plain-worker", `banner: ${banner}`);
  });

  await suite.check("the graphs hold no framework modules", async () => {
    for (const env of ["worker", "client"]) {
      const r = spawnSync(switchyard, ["graph", app, "--env", env, "--json"], { encoding: "utf8", timeout: 60000 });
      assert(r.status === 0, `graph --env ${env} exited ${r.status}: ${r.stderr}`);
      const ids = JSON.parse(r.stdout).modules.map((m) => m.id);
      const framework = ids.filter((id) => /lookup|__ssr_bridge|__state|rwsdk|switchyard:ssr:/.test(id));
      assert(framework.length === 0, `${env}: ${framework.join(", ")}`);
      if (env === "worker") assert(ids.some((id) => id.endsWith("/src/index.ts")), ids.join(", "));
    }
  });

  await suite.check("an edit is a full-reload and the next request runs the new code", async () => {
    const writeAtomic = atomicWriter(app);
    const before = readJournal(switchyard, journal, "hmr").length;
    await afterHmrUpdate(switchyard, journal, () => writeAtomic("src/message.ts", `export const suffix = "v2";\n`));
    const payloads = readJournal(switchyard, journal, "hmr")
      .slice(before)
      .map((e) => e.data.payload ?? e.data);
    const types = payloads.map((p) => p.type);
    assert(types.includes("full-reload"), JSON.stringify(payloads));
    assert(!payloads.some((p) => p.type === "custom"), `a framework event went out: ${JSON.stringify(payloads)}`);
    const after = await text(server.origin + "/edited");
    assert(after.body.startsWith(`${greeting} v2 /edited`), after.body);
  });
} finally {
  await server.stop();
}

await suite.check("switchyard test runs the app's Vitest file", async () => {
  fs.writeFileSync(path.join(app, "src/message.ts"), `export const suffix = "v1";\n`);
  const r = spawnSync(switchyard, ["test", app], { encoding: "utf8", timeout: 120000 });
  assert(r.status === 0, `test exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  assert(/2 passed/.test(r.stdout), r.stdout);
});

fs.rmSync(app, { recursive: true, force: true });
process.exit(suite.finish());
