// Modern JavaScript on the engine's V8 10.2: an app that runs
// examples/realworld/src/app/modern.ts (each ES2023-ES2025 built-in and the
// syntax workerd accepts: `using`, `await using`, decorators, `accessor`,
// import attributes)
// and a dependency that ships `using`, decorators and Promise.withResolvers
// in its published code, served by `switchyard serve` and tested by
// `switchyard test` in both pools. A file whose `using` does not parse gets
// an error naming the file, line, environment and what to do, and fixing it
// recovers without a restart. The client environment lowers the same syntax
// (the dashboard preview is Chromium 102).
// Usage: node modernJs.test.mjs <switchyard binary> <examples/hello dir> <examples/realworld dir>
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { assert, atomicWriter, createSuite, startServe } from "./serveHarness.mjs";

const [switchyard, helloDir, realworldDir] = process.argv.slice(2).map((p) => path.resolve(p));

const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-modernjs-"));
const write = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
  fs.writeFileSync(path.join(app, rel), text);
};
write("wrangler.jsonc", `{ "name": "modernjs", "main": "src/worker.ts", "compatibility_date": "2025-01-01" }`);
write("package.json", JSON.stringify({ name: "modernjs", private: true, type: "module", dependencies: { "modern-dep": "1.0.0" } }));
// node_modules: the example's packages plus one that publishes modern syntax.
fs.mkdirSync(path.join(app, "node_modules"));
for (const name of fs.readdirSync(path.join(helloDir, "node_modules"))) {
  if (!name.startsWith(".")) fs.symlinkSync(path.join(helloDir, "node_modules", name), path.join(app, "node_modules", name));
}
write("node_modules/modern-dep/package.json", JSON.stringify({ name: "modern-dep", version: "1.0.0", type: "module", exports: "./index.js" }));
write("node_modules/modern-dep/index.js", `
const log = [];
function traced(method, context) {
  return function (...args) { log.push("call " + String(context.name)); return method.apply(this, args); };
}
export class Pool {
  @traced acquire() { return { [Symbol.dispose]: () => log.push("release") }; }
}
export async function withPool() {
  const pool = new Pool();
  { using lease = pool.acquire(); log.push("work"); }
  const { promise, resolve } = Promise.withResolvers();
  queueMicrotask(() => resolve(log.join(", ")));
  return promise;
}
`);
for (const file of ["modern.ts", "editions.json"]) {
  write(`src/${file}`, fs.readFileSync(path.join(realworldDir, "src/app", file), "utf8"));
}
write("src/worker.ts", `
import { modernFeatures } from "./modern";
import { withPool } from "modern-dep";
export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/modern") return Response.json(await modernFeatures());
    if (url.pathname === "/dep") return new Response(await withPool());
    if (url.pathname === "/broken") return new Response((await import("./broken")).value);
    return new Response("not found", { status: 404 });
  },
};
`);
write("src/broken.ts", "export const value = 'fine';\n");
write("src/client.ts", `
export function lease(): string {
  const log: string[] = [];
  { using r = { [Symbol.dispose]: () => log.push("released") }; }
  return log.join();
}
`);
write("tests/modern.test.ts", `
import { describe, expect, it } from "vitest";
import { modernFeatures } from "../src/modern";
import { withPool } from "modern-dep";

describe("modern JavaScript in a test isolate", async () => {
  for (const { feature, value, expected } of await modernFeatures()) {
    it(feature, () => expect(value).toBe(expected));
  }
  it("a pre-bundled dependency with using and decorators", async () => {
    expect(await withPool()).toBe("call acquire, work, release");
  });
});
`);

function get(origin, pathAndQuery) {
  return new Promise((resolve, reject) => {
    http.get(origin + pathAndQuery, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, type: res.headers["content-type"], body }));
    }).on("error", reject);
  });
}

const suite = createSuite();
const server = await startServe(switchyard, app);
try {
  await suite.check("serve: every ES2023-ES2025 feature of modern.ts works in the worker", async () => {
    const r = await get(server.origin, "/modern");
    assert(r.status === 200, `${r.status}: ${r.body.slice(0, 2000)}`);
    const checks = JSON.parse(r.body);
    assert(checks.length >= 30, `only ${checks.length} checks`);
    const wrong = checks.filter((c) => c.value !== c.expected);
    assert(wrong.length === 0, `not as in workerd: ${JSON.stringify(wrong, null, 1)}`);
    for (const feature of ["Promise.withResolvers", "using", "await using", "method decorator", "Iterator helpers",
      "import attributes (JSON module)", "import() with attributes"]) {
      assert(checks.some((c) => c.feature === feature), `${feature} was not checked`);
    }
  });

  await suite.check("serve: a pre-bundle with `using`, decorators and Promise.withResolvers", async () => {
    const r = await get(server.origin, "/dep");
    assert(r.status === 200 && r.body === "call acquire, work, release", `${r.status}: ${r.body.slice(0, 2000)}`);
    const bundle = fs.readFileSync(path.join(app, ".switchyard/deps_worker/modern-dep.js"), "utf8");
    assert(!/\busing lease\b/.test(bundle) && !bundle.includes("@traced"), "the pre-bundle still holds the syntax");
  });

  await suite.check("serve: the client environment lowers `using` too (Chromium 102 preview)", async () => {
    const r = await get(server.origin, "/src/client.ts");
    assert(r.status === 200 && /javascript/.test(r.type), `${r.status} ${r.type}`);
    assert(!/\busing r\b/.test(r.body) && r.body.includes("__using("), r.body.slice(0, 1500));
  });

  await suite.check("serve: a `using` that does not parse names file, line, environment; fixing it recovers", async () => {
    const edit = atomicWriter(app);
    edit("src/broken.ts", "export const value = 'fine';\nexport function f() {\n  using x = ;\n}\n");
    let r;
    for (let i = 0; i < 100; i++) {
      r = await get(server.origin, "/broken");
      if (r.status !== 200) break;
      await sleep(100);
    }
    assert(r.status === 500, `${r.status}: ${r.body.slice(0, 500)}`);
    for (const part of ["Cannot lower /src/broken.ts for V8 10.2 (3:13, environment worker)", "a `using` declaration", "Fix the syntax error"]) {
      assert(r.body.includes(part), `"${part}" not in: ${r.body.slice(0, 1500)}`);
    }
    edit("src/broken.ts", "export const value = 'fixed';\nexport function f() {\n  using x = null;\n}\n");
    for (let i = 0; i < 100; i++) {
      r = await get(server.origin, "/broken");
      if (r.status === 200 && r.body === "fixed") break;
      await sleep(100);
    }
    assert(r.status === 200 && r.body === "fixed", `${r.status}: ${r.body.slice(0, 500)}`);
    assert((await get(server.origin, "/dep")).status === 200, "the rest of the app stopped working");
  });
} finally {
  await server.stop();
}

for (const pool of ["isolates", "contexts"]) {
  await suite.check(`switchyard test --pool ${pool}: the same features in test isolates`, async () => {
    const run = spawnSync(switchyard, ["test", app, "--pool", pool, "--reporter", "json"], { encoding: "utf8", timeout: 180000 });
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf("{")));
    assert(run.status === 0, `exit ${run.status}: ${run.stdout.slice(0, 3000)}\n${run.stderr.slice(0, 2000)}`);
    assert(report.numPassedTests >= 31 && report.numFailedTests === 0, `${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  });
}

fs.rmSync(app, { recursive: true, force: true });
process.exit(suite.finish());
