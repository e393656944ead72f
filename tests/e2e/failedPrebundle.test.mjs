// A failing pre-bundle never hangs (issue 9, section 5). An app imports
// packages esbuild cannot bundle (one with an import of a missing file, met by
// the initial scan; one with a syntax error, added by an edit mid-session).
// Asserts what the server sent and journaled:
// - requests that need the package answer 500 naming the package and
//   esbuild's message (none hangs); the rest of the app keeps serving;
// - each failure is one journaled optimizer run, however many requests meet
//   it, and the HMR `error` payload names the package;
// - a change of an app file retries it (one more run); fixed, it serves.
// Usage: node failedPrebundle.test.mjs <switchyard binary> <examples/hello dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startServe, createSuite, assert, atomicWriter, readJournal, afterHmrUpdate, copyApp } from "./serveHarness.mjs";

const [switchyard, helloDir] = process.argv.slice(2).map((p) => path.resolve(p));
const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-failedprebundle-"));
copyApp(helloDir, appDir, { linkModules: false });
// node_modules of our own (the packages we break live here), the example's
// packages linked in.
const modules = path.join(appDir, "node_modules");
fs.mkdirSync(modules);
for (const name of fs.readdirSync(path.join(helloDir, "node_modules"))) {
  if (!name.startsWith(".")) fs.symlinkSync(path.join(helloDir, "node_modules", name), path.join(modules, name));
}
const writePackage = (name, index) => {
  fs.mkdirSync(path.join(modules, name), { recursive: true });
  fs.writeFileSync(path.join(modules, name, "package.json"),
    JSON.stringify({ name, version: "1.0.0", type: "module", main: "index.js" }));
  fs.writeFileSync(path.join(modules, name, "index.js"), index);
};
writePackage("broken-at-start", 'import { helper } from "./missing-helper.js";\nexport const value = helper(1);\n');
writePackage("broken-later", "export const later = ;\n");

const file = (rel) => path.join(appDir, rel);
const writeAtomically = atomicWriter(appDir);
// /broken and /later are served by modules the worker imports on demand, so
// every other route works without them.
fs.writeFileSync(file("src/app/brokenPage.ts"),
  'import { value } from "broken-at-start";\nexport const label = `broken-at-start says ${value}`;\n');
fs.writeFileSync(file("src/app/laterPage.ts"), 'export const label = "later: not yet";\n');
const worker = fs.readFileSync(file("src/worker.tsx"), "utf8");
const ping = 'if (new URL(request.url).pathname === "/ping") return new Response("pong");';
assert(worker.includes(ping), "examples/hello's worker has no /ping middleware");
fs.writeFileSync(file("src/worker.tsx"), worker.replace(ping, ping +
  '\n    if (new URL(request.url).pathname === "/broken") return import("./app/brokenPage").then((m) => new Response(m.label));' +
  '\n    if (new URL(request.url).pathname === "/later") return import("./app/laterPage").then((m) => new Response(m.label));'));

const journalFile = appDir + ".journal.sqlite";
const journal = (kind) => readJournal(switchyard, journalFile, kind);
// Optimizer runs that tried `pkg` and failed it.
const failedRuns = (pkg) => journal("optimizer-run").filter((e) => pkg in (e.data.failedDeps ?? {}));
const afterUpdate = (change) => afterHmrUpdate(switchyard, journalFile, change, 30000);
// Every request has a deadline: a held request fails the test, not the run.
const get = async (p) => {
  const res = await fetch(server.origin + p, { signal: AbortSignal.timeout(20000) });
  return { status: res.status, body: await res.text() };
};

const suite = createSuite();
const server = await startServe(switchyard, appDir, ["--journal", journalFile]);
try {
  await suite.check("the initial scan's failure: a request that needs the package answers 500 naming it and esbuild's message", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await get("/broken");
      assert(r.status === 500, `GET /broken: ${r.status} ${r.body.slice(0, 500)}`);
      assert(r.body.includes("broken-at-start") && r.body.includes("missing-helper.js"),
        `GET /broken does not name the package and esbuild's message: ${r.body.slice(0, 1500)}`);
    }
  });

  await suite.check("the rest of the app keeps serving (page, middleware, client module, optimized deps)", async () => {
    const page = await get("/");
    assert(page.status === 200 && page.body.includes("Hello from Switchyard"), `GET /: ${page.status} ${page.body.slice(0, 800)}`);
    assert((await get("/ping")).body === "pong", "GET /ping");
    const counter = await get("/src/app/components/Counter.tsx");
    assert(counter.status === 200, `client module: ${counter.status} ${counter.body.slice(0, 500)}`);
    const dep = counter.body.match(/"(\/\.switchyard\/deps_client\/[^"]+)"/);
    assert(dep, "the client module imports no optimized dep");
    assert((await get(dep[1])).status === 200, `optimized dep ${dep[1]}`);
  });

  await suite.check("the failure was journaled once, by one optimizer run, and is not retried by requests", async () => {
    await Promise.all(Array.from({ length: 8 }, () => get("/broken")));
    await sleep(500); // a retry loop runs several times a second
    const runs = failedRuns("broken-at-start");
    assert(runs.length === 1, `${runs.length} optimizer runs failed broken-at-start: ${JSON.stringify(runs).slice(0, 2000)}`);
    const d = runs[0].data;
    assert(d.failedDeps["broken-at-start"].includes("missing-helper.js"), `run: ${JSON.stringify(d).slice(0, 1000)}`);
  });

  await suite.check("the failure is a journaled error naming the package and esbuild's message", async () => {
    // The optimizer's own event (the failed requests journal errors of their own).
    const errors = journal("error").filter((e) => e.data.dependency === "broken-at-start" && e.data.message.includes("missing-helper.js"));
    assert(errors.length > 0, "no error event names broken-at-start");
  });

  await suite.check("a changed app file retries it once; once fixed, it serves", async () => {
    await afterUpdate(() => writeAtomically("src/app/laterPage.ts", 'export const label = "later: edited";\n'));
    assert(failedRuns("broken-at-start").length === 2, `runs after one change: ${failedRuns("broken-at-start").length}`);
    assert((await get("/broken")).status === 500, "still broken");
    assert((await get("/later")).body === "later: edited", "the edit is live");
    fs.writeFileSync(path.join(modules, "broken-at-start", "index.js"), "export const value = 42;\n");
    await afterUpdate(() => writeAtomically("src/app/laterPage.ts", 'export const label = "later: edited again";\n'));
    const r = await get("/broken");
    assert(r.status === 200 && r.body === "broken-at-start says 42", `GET /broken after the fix: ${r.status} ${r.body.slice(0, 800)}`);
    assert((await get("/")).status === 200, "GET / after the fix");
  });

  await suite.check("mid-session: an edit that imports a package esbuild cannot bundle answers 500 and the HMR error, never hangs", async () => {
    const hmrBefore = journal("hmr").length;
    // Requests sent with the edit: served before it, held at the gate while
    // the optimizer runs, or meeting the new import; each one answers.
    const waiting = [];
    await afterUpdate(() => {
      writeAtomically("src/app/laterPage.ts",
        'import { later } from "broken-later";\nexport const label = `later: ${later}`;\n');
      for (let i = 0; i < 4; i++) waiting.push(get("/later"));
    });
    for (const r of await Promise.all(waiting)) {
      assert(r.body === "later: edited again" || (r.status === 500 && r.body.includes("broken-later")),
        `a request sent with the edit: ${r.status} ${r.body.slice(0, 800)}`);
    }
    const payloads = journal("hmr").slice(hmrBefore).map((e) => JSON.stringify(e.data));
    const error = payloads.find((p) => p.includes('\\"type\\":\\"error\\"') || p.includes('"type":"error"'));
    assert(error && error.includes("broken-later"), `HMR payloads: ${payloads.join("\n").slice(0, 2000)}`);
    const results = await Promise.all(Array.from({ length: 6 }, () => get("/later")));
    for (const r of results) {
      assert(r.status === 500 && r.body.includes("broken-later") && /Unexpected|Expected/.test(r.body),
        `GET /later: ${r.status} ${r.body.slice(0, 1500)}`);
    }
    const page = await get("/");
    assert(page.status === 200, `GET /: ${page.status}`);
    await sleep(500);
    const runs = failedRuns("broken-later");
    assert(runs.length === 1, `${runs.length} optimizer runs failed broken-later`);
    const errorPayloads = journal("hmr").slice(hmrBefore).filter((e) => JSON.stringify(e).includes("broken-later"));
    assert(errorPayloads.length === 1, `${errorPayloads.length} HMR payloads name broken-later`);
    const status = await (await fetch(server.origin + "/@switchyard/status")).json();
    assert(status.gate.open && status.gate.held === 0, `gate: ${JSON.stringify(status.gate)}`);
  });

  await suite.check('a "use client" component imports it: one failed run per environment (ssr, client), 500s naming it, then recovery', async () => {
    const counter = "src/app/components/Counter.tsx";
    const original = fs.readFileSync(file(counter), "utf8");
    const hmrBefore = journal("hmr").length;
    const runsBefore = failedRuns("broken-later").length;
    await afterUpdate(() => writeAtomically(counter,
      original.replace('import { greet } from "../actions";', 'import { greet } from "../actions";\nimport { later } from "broken-later";')
        .replace("Count: ", "Count {String(later)}: ")));
    const page = await get("/");
    assert(page.status === 500 && page.body.includes("broken-later"), `GET /: ${page.status} ${page.body.slice(0, 800)}`);
    const module = await get("/src/app/components/Counter.tsx");
    assert(module.status === 500 && module.body.includes("broken-later") && /Unexpected|Expected/.test(module.body),
      `client module: ${module.status} ${module.body.slice(0, 800)}`);
    // rwsdk's worker copy of a "use client" module awaits its SSR copy at the top
    // level (ssrLoadModule through the bridge), so the worker entry fails to load and
    // so does every worker route (as under Vite); the server keeps serving the rest.
    const ping = await get("/ping");
    assert(ping.status === 500 && ping.body.includes("broken-later"), `GET /ping: ${ping.status} ${ping.body.slice(0, 800)}`);
    const publicFile = await get("/hello.txt");
    assert(publicFile.status === 200, `GET /hello.txt: ${publicFile.status}`);
    // The edit retried every failure once (laterPage.ts's in the worker too).
    const envs = failedRuns("broken-later").slice(runsBefore).map((e) => e.environment).sort();
    assert(JSON.stringify(envs) === '["client","ssr","worker"]', `failed runs per environment since the edit: ${envs}`);
    const errors = journal("hmr").slice(hmrBefore).filter((e) => JSON.stringify(e).includes("broken-later"));
    assert(errors.length === 1, `${errors.length} HMR payloads name broken-later`);
    await afterUpdate(() => writeAtomically(counter, original));
    const fixed = await get("/");
    assert(fixed.status === 200 && fixed.body.includes("Hello from Switchyard"), `GET / after undoing: ${fixed.status} ${fixed.body.slice(0, 500)}`);
  });
} finally {
  await server.stop();
  fs.rmSync(appDir, { recursive: true, force: true });
  for (const f of [journalFile, journalFile + "-wal", journalFile + "-shm"]) fs.rmSync(f, { force: true });
}
process.exit(suite.finish());
