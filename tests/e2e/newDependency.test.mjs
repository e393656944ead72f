// End to end (issue 11): a new npm dependency imported mid-session is
// pre-bundled additively (engine/optimizer/additiveRun.h) while 8 clients keep
// GET / busy (and GET the "use client" module and the optimized deps it
// imports): first in a plain module of the server's page (worker), then in a
// "use client" component (ssr and client), on a copy of examples/requestinfo.
//
// Then a third edit imports `scheduler` into the "use client" component: the
// client's react-dom bundle already holds it (non-entry code), so the client
// environment must fall back to a full run (one scheduler instance), journaled
// with the reason, and the page reloads; the ssr environment (whose bundles do
// not hold it) still adds it additively.
//
// Asserts what the server sent and journaled:
//  - every response was 200, none had a stale pre-bundle error (the two-step
//    save included);
//  - the page shows each package's output, and the "use client" module imports
//    the new optimized deps, which are served;
//  - the deps the client module imported before keep their URLs and ?v=
//    (browserHash), and those URLs still serve;
//  - no `full-reload` went to the browsers (the client edit is a js-update);
//  - each environment's run was journaled as a committed additive run;
//  - the worker's runner kept its evaluated pre-bundles through the server
//    edit (no runner-cache-clear dropped one) and rwsdk's state module
//    instance through both.
//
// Usage: node newDependency.test.mjs <switchyard binary> <examples/requestinfo dir> [--keep]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { assert, copyApp, createSuite, readJournal, startServe } from "./serveHarness.mjs";
import { startLoad } from "./loadGenerator.mjs";

const [switchyard, exampleDir] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const keep = process.argv.includes("--keep");
if (!switchyard || !exampleDir) {
  console.error("usage: node newDependency.test.mjs <switchyard binary> <examples/requestinfo dir> [--keep]");
  process.exit(2);
}

const PACKAGES = ["is-odd", "is-even", "is-number"];
const CLIENT_MODULE_URL = "/src/app/components/ClientWidget.tsx";
const EDITS = [
  { name: "plain module of the page (worker)", file: "src/app/lib/plain.ts", prefix: "plain", envs: ["worker"] },
  { name: '"use client" component (ssr, client)', file: "src/app/components/ClientWidget.tsx", prefix: "client", envs: ["ssr", "client"] },
];
const markersOf = (e) => e.markers ?? [`${e.prefix}:isOdd(3)=true`, `${e.prefix}:isEven(4)=true`, `${e.prefix}:isNumber(5)=true`];
const SCHEDULER = {
  name: '"use client" component importing scheduler (inside the client\'s react-dom bundle)',
  file: "src/app/components/ClientWidget.tsx",
  markers: ["client:scheduler=function"],
  edit: (text) => text
    .replace('import { ping } from "@/app/actions";', 'import { ping } from "@/app/actions";\nimport { unstable_now } from "scheduler";')
    .replace("  return markers;\n}", "  markers.push(`client:scheduler=${typeof unstable_now}`);\n  return markers;\n}"),
};
// Last, a save the way Node's writeFileSync and many editors make it: the file
// is truncated, then written 40 ms later. The update waits for the write
// (Vite's readModifiedFile rule, engine/dev/modifiedFileWait.h): no request may
// meet the empty module (no "use client", no ClientWidget export) meanwhile.
const TWO_STEP_SAVE = {
  name: '"use client" component saved in two steps (truncated, then written)',
  file: "src/app/components/ClientWidget.tsx",
  markers: ["client:scheduler=functionTwoStepSave"],
  twoStep: true,
  edit: (text) => text.replace("client:scheduler=${typeof unstable_now}`", "client:scheduler=${typeof unstable_now}TwoStepSave`"),
};
const MARKERS = /\b(?:plain|client|action):(?:is(?:Odd|Even|Number)\(\d+\)=(?:true|false)|scheduler=\w+)/g;
const DEP_URL = /["'](\/\.switchyard\/deps_client\/[^"'?]+)\?v=([0-9a-f]+)["']/g;
// Drop the leading "// " of every line ending in "// @reopt:<package>" (examples/requestinfo/README.md).
const UNCOMMENT = /^(\s*)\/\/ (.*\/\/ @reopt:[\w-]+)$/gm;

const appDir = copyApp(exampleDir, fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-newdep-")));
const journalFile = path.join(appDir, ".switchyard-journal.sqlite");
const suite = createSuite();

/// The client module's optimized-dep imports: URL path -> browserHash.
async function clientDeps(origin) {
  const res = await fetch(origin + CLIENT_MODULE_URL);
  const code = await res.text();
  assert(res.status === 200, `${CLIENT_MODULE_URL}: ${res.status} ${code.slice(0, 500)}`);
  return new Map([...code.matchAll(DEP_URL)].map((m) => [m[1], m[2]]));
}

let server;
let load;
let summary;
let failed = false;
const check = async (name, fn) => {
  await suite.check(name, async () => {
    try { await fn(); } catch (e) { failed = true; throw e; }
  });
};
const before = {};
const stepEvents = []; // journal event ids at each edit
try {
  server = await startServe(switchyard, appDir, ["--journal", journalFile]);
  const home = await fetch(server.origin + "/");
  assert(home.status === 200, `GET / before the edits: ${home.status}`);
  before.deps = await clientDeps(server.origin);
  before.status = await (await fetch(server.origin + "/@switchyard/status")).json();
  assert(before.deps.size > 0, "the client module imports no optimized dep");
  assert(before.status.stateModule, "rwsdk's state module was not evaluated");

  load = startLoad({
    origin: server.origin,
    clients: 8,
    maxDurationMs: 120000,
    maxRequests: 200000,
    requestTimeoutMs: 30000,
    clientModules: [CLIENT_MODULE_URL],
    markerPattern: MARKERS,
  });
  await sleep(500);
  for (const edit of [...EDITS, SCHEDULER, TWO_STEP_SAVE]) {
    if (edit === SCHEDULER) {
      await load.waitFor((r) => r.kind === "module" && r.ok && r.deps && PACKAGES.every((p) => r.deps.some((d) => d.includes(`/${p}.js`))), 20000);
      before.depsAfterAdditive = await clientDeps(server.origin);
    }
    const lastId = (kind) => Math.max(0, ...readJournal(switchyard, journalFile, kind).map((e) => e.id));
    stepEvents.push({ edit, after: Math.max(lastId("hmr"), lastId("runner-cache-clear"), lastId("optimizer-run")) });
    const editAt = performance.now();
    const file = path.join(appDir, edit.file);
    const text = fs.readFileSync(file, "utf8");
    const next = edit.edit ? edit.edit(text) : text.replace(UNCOMMENT, "$1$2");
    assert(next !== text, `${edit.file}: the edit changed nothing`);
    if (edit.twoStep) {
      fs.writeFileSync(file, "");
      await sleep(40);
      fs.writeFileSync(file, next);
    } else {
      const tmp = path.join(appDir, ".switchyard", "edit.tmp");
      fs.writeFileSync(tmp, next);
      fs.renameSync(tmp, file); // one change event, never a half-written file
    }
    await load.waitFor((r) => r.kind === "page" && r.ok && r.end > editAt && markersOf(edit).every((m) => r.markers.includes(m)), 30000);
    await sleep(1000);
  }
} catch (e) {
  await check("the scenario ran to the end (each edit's markers on the page within 30 s)", async () => { throw e; });
} finally {
  if (load) summary = await load.stop();
}

await check("every response under load is 200, none with a stale pre-bundle error", async () => {
  assert(summary && summary.total > 0, "no requests were made");
  assert(summary.networkErrors === 0 && summary.non200 === 0,
    `${summary.non200} non-200 responses, ${summary.networkErrors} network errors of ${summary.total}: ` +
    JSON.stringify(summary.firstFailures.slice(0, 3)));
  assert(summary.prebundleStale + summary.outdatedDep + summary.nullRead === 0,
    `stale bodies: ${summary.prebundleStale} / ${summary.outdatedDep} / ${summary.nullRead}`);
});

const after = { deps: before.depsAfterAdditive ?? new Map() };
await check("the client module imports the new deps, and they are served", async () => {
  for (const p of PACKAGES) {
    const url = [...after.deps.keys()].find((u) => u.endsWith(`/${p}.js`));
    assert(url, `${CLIENT_MODULE_URL} does not import ${p}: ${[...after.deps.keys()].join(", ")}`);
    const res = await fetch(`${server.origin}${url}?v=${after.deps.get(url)}`);
    const body = await res.text();
    assert(res.status === 200 && /export/.test(body), `${url}: ${res.status} ${body.slice(0, 300)}`);
  }
});

await check("the deps imported before keep their URLs and ?v=, and still serve", async () => {
  for (const [url, hash] of before.deps) {
    assert(after.deps.get(url) === hash, `${url}: ?v=${hash} before, ${after.deps.get(url)} after`);
    const res = await fetch(`${server.origin}${url}?v=${hash}`);
    assert(res.status === 200, `${url}?v=${hash}: ${res.status}`);
  }
});

await check("no full-reload was sent; the \"use client\" edit went out as a js-update", async () => {
  const sent = readJournal(switchyard, journalFile, "hmr").filter((e) => e.id > stepEvents[0].after && e.id <= stepEvents[2].after);
  const reloads = sent.filter((e) => e.data.payload?.type === "full-reload");
  assert(reloads.length === 0, `full-reload sent: ${JSON.stringify(reloads.map((e) => e.data.payload))}`);
  const updates = sent.filter((e) => e.id > stepEvents[1].after && e.data.payload?.type === "update");
  assert(updates.some((e) => e.data.payload.updates.some((u) => u.path.includes("ClientWidget.tsx"))),
    `no js-update of ClientWidget.tsx: ${JSON.stringify(sent.map((e) => e.data.payload))}`);
});

await check("each environment's run was journaled as a committed additive run", async () => {
  const runs = readJournal(switchyard, journalFile, "optimizer-run").filter((e) => e.id > stepEvents[0].after);
  for (const [i, step] of stepEvents.slice(0, 2).entries()) {
    const until = stepEvents[i + 1]?.after ?? Infinity;
    for (const env of step.edit.envs) {
      const mine = runs.filter((e) => e.id > step.after && e.id <= until && e.environment === env);
      assert(mine.length === 1, `${step.edit.name}: ${mine.length} ${env} runs: ${JSON.stringify(mine.map((e) => e.data))}`);
      const d = mine[0].data;
      assert(d.outcome === "committed" && d.kind === "additive",
        `${step.edit.name}: ${env} run ${d.outcome} (${d.kind}): ${d.kindReason}`);
      assert(PACKAGES.every((p) => d.depsAdded.includes(p)), `${env} added ${d.depsAdded}`);
      assert(d.oldBrowserHash && d.newBrowserHash !== d.oldBrowserHash, `${env}: ${d.oldBrowserHash} -> ${d.newBrowserHash}`);
    }
  }
});

await check("the worker's runner kept its pre-bundles through the server edit, and rwsdk's state module", async () => {
  const clears = readJournal(switchyard, journalFile, "runner-cache-clear")
    .filter((e) => e.id > stepEvents[0].after && e.id <= stepEvents[1].after);
  const prebundles = clears.flatMap((e) => e.data.dropped ?? []).filter((id) => id.includes("/.switchyard/deps_worker/"));
  assert(prebundles.length === 0, `dropped worker pre-bundles: ${prebundles.slice(0, 5).join(", ")}`);
  const status = await (await fetch(server.origin + "/@switchyard/status")).json();
  assert(status.stateModule && status.stateModule.evaluatedAt === before.status.stateModule.evaluatedAt,
    `state module re-evaluated: ${JSON.stringify(before.status.stateModule)} -> ${JSON.stringify(status.stateModule)}`);
});

await check("scheduler: the client falls back to a full run (journaled why) and reloads the page; ssr adds it", async () => {
  const step = stepEvents[2];
  const runs = readJournal(switchyard, journalFile, "optimizer-run").filter((e) => e.id > step.after);
  const client = runs.filter((e) => e.environment === "client");
  assert(client.length === 1, `${client.length} client runs: ${JSON.stringify(runs.map((e) => e.data))}`);
  const c = client[0].data;
  assert(c.outcome === "committed" && c.kind === "full" && c.depsAdded.includes("scheduler"), JSON.stringify(c));
  assert(/scheduler\/.*already part of the current pre-bundles/.test(c.kindReason), `client kindReason: ${c.kindReason}`);
  const ssr = runs.filter((e) => e.environment === "ssr");
  assert(ssr.length === 1 && ssr[0].data.kind === "additive" && ssr[0].data.outcome === "committed",
    `ssr runs: ${JSON.stringify(ssr.map((e) => e.data))}`);
  const reloads = readJournal(switchyard, journalFile, "hmr").filter((e) => e.id > step.after && e.data.payload?.type === "full-reload");
  assert(reloads.length === 1, `${reloads.length} full-reloads after the full client run`);
  const deps = await clientDeps(server.origin);
  const url = [...deps.keys()].find((u) => u.endsWith("/scheduler.js"));
  assert(url, `${CLIENT_MODULE_URL} does not import scheduler: ${[...deps.keys()].join(", ")}`);
  assert((await fetch(`${server.origin}${url}?v=${deps.get(url)}`)).status === 200, `${url} not served`);
});

const exitCode = await server.stop();
if (failed) console.log(server.output().split("\n").slice(-30).join("\n"));
console.log(`requests under load: ${summary?.total}, failed ${summary?.failed}; serve exited ${exitCode}`);
if (keep) console.log(`kept ${appDir}`);
else fs.rmSync(appDir, { recursive: true, force: true });
process.exit(suite.finish());
