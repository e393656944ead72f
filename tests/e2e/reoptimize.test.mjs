// End to end, the seeds' scenario (issue 3, section 5): while a load generator
// keeps GET / and the server action's POST busy (8 clients, plus GETs of the
// "use client" module's browser URL and the optimized deps it imports),
// uncomment the is-odd / is-even / is-number imports of examples/requestinfo
// one module at a time (plain module, "use client" component, "use server"
// module) and check that the dev server never fails a request.
//
// Usage: node reoptimize.test.mjs <switchyard binary> <examples/requestinfo dir>
//          [--journal] [--order plain,client,server] [--clients 8] [--keep]
//
// Asserts: every response is 200 (the action's status is 200 too), no body
// contains a stale pre-bundle error, the page reflects each change (within
// 20 s, and never goes back), the action's header is present after each
// edit, the state module's identity never changed (rwsdk's rwsdk/__state: the
// app's value kept through rwsdk's defineRwState, and the instance the engine's
// status reports) and, with --journal, that
// `switchyard journal FILE --json --kind optimizer-run` lists exactly one
// committed optimizer run with a browserHash change per discovery (an
// environment meeting packages it had not optimized yet).
// Prints the figures: per edit, edit to first good response (ms); the total
// number of failed requests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { startServe, createSuite, assert } from "./serveHarness.mjs";
import { startLoad, actionRequest } from "./loadGenerator.mjs";

const args = process.argv.slice(2);
const positional = [];
const flags = { journal: false, keep: false, order: ["plain", "client", "server"], clients: 8 };
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--journal") flags.journal = true;
  else if (args[i] === "--keep") flags.keep = true;
  else if (args[i] === "--order") flags.order = args[++i].split(",");
  else if (args[i] === "--clients") flags.clients = Number(args[++i]);
  else positional.push(args[i]);
}
const [switchyard, exampleDir] = positional;
if (!switchyard || !exampleDir) {
  console.error("usage: node reoptimize.test.mjs <switchyard binary> <examples/requestinfo dir> [--journal] [--order plain,client,server] [--clients 8] [--keep]");
  process.exit(2);
}

const PACKAGES = ["is-odd", "is-even", "is-number"];
// Where each module lives, and the markers its uncommented lines render.
const MODULES = {
  plain: { file: "src/app/lib/plain.ts", prefix: "plain", envs: ["worker"] },
  client: { file: "src/app/components/ClientWidget.tsx", prefix: "client", envs: ["ssr", "client"] },
  server: { file: "src/app/actions.ts", prefix: "action", envs: ["worker"] },
};
for (const m of flags.order) assert(MODULES[m], `--order: unknown module ${m}`);
const markersOf = (m) => [`${MODULES[m].prefix}:isOdd(3)=true`, `${MODULES[m].prefix}:isEven(4)=true`, `${MODULES[m].prefix}:isNumber(5)=true`];
const CLIENT_MODULE_URL = "/src/app/components/ClientWidget.tsx";
// rwsdk's server function request (loadGenerator.mjs actionRequest).
const ACTION = { id: "/src/app/actions.ts#ping", header: "x-action-ran", body: "[]", protocol: "rwsdk" };
const EDIT_TIMEOUT_MS = 20000;
const SETTLE_MS = 1500;

// The documented substitution (examples/requestinfo/README.md): drop the
// leading "// " of every line ending in "// @reopt:<package>".
const UNCOMMENT = /^(\s*)\/\/ (.*\/\/ @reopt:[\w-]+)$/gm;
function uncomment(file) {
  const before = fs.readFileSync(file, "utf8");
  const count = (before.match(UNCOMMENT) || []).length;
  fs.writeFileSync(file, before.replace(UNCOMMENT, "$1$2"));
  return count;
}

// A fresh copy of the example: empty deps cache, files the test may edit.
const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-reoptimize-"));
for (const f of fs.readdirSync(exampleDir)) {
  if ([".switchyard", "node_modules", "dist"].includes(f)) continue;
  fs.cpSync(path.join(exampleDir, f), path.join(appDir, f), { recursive: true });
}
fs.symlinkSync(path.resolve(exampleDir, "node_modules"), path.join(appDir, "node_modules"));
const journalFile = path.join(appDir, "..", path.basename(appDir) + ".journal.sqlite");

const suite = createSuite();
const figures = { edits: [], summary: null };
let server;
let load;
let anyFailure = false;
const check = async (name, fn) => {
  let ok = true;
  await suite.check(name, async () => {
    try { await fn(); } catch (e) { ok = false; throw e; }
  });
  if (!ok) anyFailure = true;
};

// --journal needs `serve --journal FILE` (being built in parallel): say so
// clearly and run without it when the binary does not know the option yet.
let useJournal = false;
if (flags.journal) {
  const help = spawnSync(switchyard, ["serve", "--help"], { encoding: "utf8", timeout: 30000 });
  useJournal = `${help.stdout}${help.stderr}`.includes("--journal");
  await check("serve accepts --journal FILE", async () => {
    assert(useJournal, "this switchyard binary's `serve --help` has no --journal option (not built yet?); running without a journal");
  });
}

const baseline = {};
try {
  server = await startServe(switchyard, appDir, useJournal ? ["--journal", journalFile] : []);

  await check("before any edit: GET / shows requestInfo data, the state identity and no re-optimization markers", async () => {
    const res = await fetch(server.origin + "/");
    const html = await res.text();
    assert(res.status === 200, `status ${res.status}: ${html.slice(0, 2000)}`);
    assert(html.includes('id="request-info">requestInfo: GET /<'), "requestInfo data missing");
    assert(/id="request-header">accept: [^<]+</.test(html), "the request's accept header missing");
    assert(res.headers.get("x-playground") === "requestinfo", `the middleware's response header: ${res.headers.get("x-playground")}`);
    assert(html.includes('id="env-var">requestinfo playground<'), "wrangler.jsonc var missing");
    assert(html.includes('id="middleware">middleware ran: yes<'), "middleware marker missing");
    assert(html.includes('id="client-marker">client component rendered<'), "client component not rendered");
    const m = html.match(/id="state-identity">(state-[0-9a-z]+-[0-9a-z]+)</);
    assert(m, "state identity missing");
    baseline.identity = m[1];
    baseline.status = await (await fetch(server.origin + "/@switchyard/status")).json();
    assert(baseline.status.stateModule, `state module not evaluated: ${JSON.stringify(baseline.status)}`);
    // rwsdk's state module, as its package.json exports "./__state" (from source, not a pre-bundle).
    assert(baseline.status.stateModule.id.endsWith("/node_modules/rwsdk/dist/runtime/state.js"),
      `the state module is not rwsdk's: ${baseline.status.stateModule.id}`);
    assert(!html.includes("data-reopt="), "markers present before any edit: the example's imports are not commented out");
  });

  await check("before any edit: the action answers 200 with its header, same state identity", async () => {
    const req = actionRequest(ACTION, "/", server.origin);
    const res = await fetch(server.origin + req.path, { method: "POST", headers: req.headers, body: ACTION.body });
    const body = await res.text();
    assert(res.status === 200, `status ${res.status}: ${body.slice(0, 2000)}`);
    assert(res.headers.get(ACTION.header) === "yes", `${ACTION.header}: ${res.headers.get(ACTION.header)}`);
    assert(res.headers.get("x-state-identity") === baseline.identity, `identity ${res.headers.get("x-state-identity")} != ${baseline.identity}`);
    assert(body.includes(`pong state=${baseline.identity} middleware=yes markers=[]`), `action result missing: ${body.slice(0, 2000)}`);
    assert(res.headers.get("x-action-method") === "POST", `x-action-method: ${res.headers.get("x-action-method")}`);
    assert(res.headers.get("x-playground") === "requestinfo", "the middleware's response header missing on the action");
  });

  load = startLoad({
    origin: server.origin,
    clients: flags.clients,
    maxDurationMs: 150000,
    maxRequests: 200000,
    requestTimeoutMs: 30000,
    action: ACTION,
    clientModules: [CLIENT_MODULE_URL],
  });
  await sleep(1000);

  for (const name of flags.order) {
    const mod = MODULES[name];
    const expected = markersOf(name);
    const edit = { module: name, file: mod.file, firstGoodMs: null, actionHeaderAfter: null, errors: [] };
    figures.edits.push(edit);
    const editAt = performance.now();
    const lines = uncomment(path.join(appDir, mod.file));
    edit.editAt = editAt;
    edit.linesUncommented = lines;
    try {
      const good = await load.waitFor(
        (r) => r.kind === "page" && r.ok && r.end > editAt && expected.every((m) => r.markers.includes(m)),
        EDIT_TIMEOUT_MS);
      edit.firstGoodMs = good.end - editAt;
      edit.goodAt = good.end;
      if (name === "server") {
        const res = await load.waitFor(
          (r) => r.kind === "action" && r.ok && r.start >= good.end && expected.every((m) => r.markers.includes(m)), 10000);
        edit.actionMarkersSeen = !!res;
      }
      if (name === "client") {
        // The browser's view: the module's transform imports the new deps (and
        // the load generator fetches them).
        const dep = await load.waitFor(
          (r) => r.kind === "module" && r.ok && r.end > editAt && r.deps && PACKAGES.every((p) => r.deps.some((d) => d.includes(`/${p}.js`))),
          EDIT_TIMEOUT_MS, { includePast: false });
        edit.clientModuleMs = dep.end - editAt;
      }
    } catch (e) {
      edit.errors.push(e.message);
    }
    // The action after the edit: the first POST started once the page showed
    // the change (or, if it never did, once the edit was made).
    try {
      const since = edit.goodAt ?? editAt;
      const act = await load.waitFor((r) => r.kind === "action" && r.start >= since, 10000, { includePast: true });
      edit.actionHeaderAfter = act.status === 200 && act.actionHeader === true;
      edit.actionAfterStatus = act.error || act.status;
    } catch (e) {
      edit.errors.push(`action: ${e.message}`);
    }
    await sleep(SETTLE_MS);
  }
  await check("the engine's status: new generations, the same state module instance", async () => {
    const status = await (await fetch(server.origin + "/@switchyard/status")).json();
    assert(baseline.status, "no baseline status");
    assert(status.generation > baseline.status.generation,
      `generation ${baseline.status.generation} -> ${status.generation}`);
    assert(status.stateModule && status.stateModule.evaluatedAt === baseline.status.stateModule.evaluatedAt,
      `state module re-evaluated: ${JSON.stringify(baseline.status.stateModule)} -> ${JSON.stringify(status.stateModule)}`);
    assert(status.gate.open && status.gate.held === 0, JSON.stringify(status.gate));
  });
} catch (e) {
  await check("the scenario ran to the end", async () => { throw e; });
} finally {
  if (load) figures.summary = await load.stop();
}
const exitCode = server ? await server.stop() : null;
const serverOutput = server ? server.output() : "";

const records = load ? load.records : [];
const summary = figures.summary;
if (summary) {
  await check("every response is 200 (page, action, client module, optimized deps)", async () => {
    const bad = summary.firstFailures.filter((f) => f.error || f.status !== 200);
    assert(summary.networkErrors === 0 && summary.non200 === 0,
      `${summary.non200} non-200 responses, ${summary.networkErrors} network errors of ${summary.total}; first:\n` +
      JSON.stringify(bad.slice(0, 5), null, 2));
  });
  await check("no body contains a stale pre-bundle error", async () => {
    assert(summary.prebundleStale + summary.outdatedDep + summary.nullRead === 0,
      `"new version of the pre-bundle": ${summary.prebundleStale}, ERR_OUTDATED_OPTIMIZED_DEP: ${summary.outdatedDep}, ` +
      `"Cannot read properties of null": ${summary.nullRead}; first:\n` +
      JSON.stringify(summary.firstFailures.filter((f) => !f.error).slice(0, 3), null, 2));
  });
  await check("the page reflects each change within 20 s, and never goes back", async () => {
    const problems = [];
    const enabled = [];
    for (const edit of figures.edits) {
      enabled.push(...markersOf(edit.module));
      if (edit.firstGoodMs === null) {
        problems.push(`${edit.module} (${edit.file}, ${edit.linesUncommented} lines uncommented): ${edit.errors.join("; ")}`);
        continue;
      }
      const want = [...enabled];
      const stale = records.filter((r) => r.kind === "page" && r.ok && r.start > edit.goodAt && !want.every((m) => r.markers.includes(m)));
      if (stale.length) problems.push(`${edit.module}: ${stale.length} later GET / responses lack markers (e.g. saw [${stale[0].markers.join(", ")}])`);
    }
    const client = figures.edits.find((e) => e.module === "client");
    if (client && client.firstGoodMs !== null && client.clientModuleMs === undefined) {
      problems.push(`client: ${CLIENT_MODULE_URL} never imported the new optimized deps (${client.errors.join("; ")})`);
    }
    const action = figures.edits.find((e) => e.module === "server");
    if (action && action.firstGoodMs !== null && !action.actionMarkersSeen) problems.push("server: the action's response never showed its markers");
    assert(problems.length === 0, problems.join("\n"));
  });
  await check("the action's header is present after each edit (and on every 200 action response)", async () => {
    const missing = figures.edits.filter((e) => e.actionHeaderAfter !== true).map((e) =>
      `${e.module}: ${e.actionHeaderAfter === null ? "no action response after the edit" : `status ${e.actionAfterStatus}, ${ACTION.header} ${e.actionHeaderAfter ? "present" : "missing"}`}`);
    assert(missing.length === 0 && summary.actionHeaderMissing === 0,
      `${missing.join("; ")}${missing.length ? "; " : ""}${summary.actionHeaderMissing} 200 action responses without ${ACTION.header}`);
    assert((summary.byKind.action?.count ?? 0) > 0, "no action requests were made");
  });
  await check("the state module's identity never changed", async () => {
    assert(baseline.identity, "no baseline identity");
    assert(summary.identities.length === 1 && summary.identities[0] === baseline.identity,
      `baseline ${baseline.identity}, seen: ${summary.identities.join(", ")}`);
  });
}

if (flags.journal && useJournal) {
  await check("the journal holds one committed optimizer run with a browserHash change per discovery", async () => {
    checkJournal();
  });
}

// Figures.
console.log("--- figures");
for (const e of figures.edits) {
  const ms = e.firstGoodMs === null ? `no good response within ${EDIT_TIMEOUT_MS} ms` : `${e.firstGoodMs.toFixed(1)} ms`;
  const extra = e.clientModuleMs !== undefined ? `, client module with new deps after ${e.clientModuleMs.toFixed(1)} ms` : "";
  console.log(`edit ${e.module} (${e.file}): edit to first good GET / ${ms}${extra}`);
}
if (summary) {
  console.log(`requests: ${summary.total} in ${(summary.durationMs / 1000).toFixed(1)} s, failed: ${summary.failed} ` +
    `(non-200 ${summary.non200}, network errors ${summary.networkErrors}, stale pre-bundle bodies ${summary.prebundleStale + summary.outdatedDep}, ` +
    `null-read bodies ${summary.nullRead}), action responses without header: ${summary.actionHeaderMissing}`);
  for (const [kind, k] of Object.entries(summary.byKind)) {
    console.log(`  ${kind}: ${k.count} requests, ${k.failed} failed, p50 ${k.p50?.toFixed(1)} ms, p95 ${k.p95?.toFixed(1)} ms, max ${k.max?.toFixed(1)} ms, statuses ${JSON.stringify(k.statuses)}`);
  }
}
if (anyFailure) {
  console.log("--- last lines of the server output");
  console.log(serverOutput.split("\n").slice(-40).join("\n"));
  if (exitCode !== 0 && exitCode !== null) console.log(`serve exited with ${exitCode}`);
}
if (flags.keep) console.log(`kept ${appDir}${useJournal ? ` and ${journalFile}` : ""}`);
else {
  fs.rmSync(appDir, { recursive: true, force: true });
  for (const f of [journalFile, journalFile + "-wal", journalFile + "-shm"]) fs.rmSync(f, { force: true });
}
process.exit(suite.finish());

// --- journal

function checkJournal() {
  const r = spawnSync(switchyard, ["journal", journalFile, "--json", "--kind", "optimizer-run"], { encoding: "utf8", timeout: 60000 });
  if (r.error) throw r.error;
  if (/unknown command/.test(r.stderr)) throw new Error("`switchyard journal` does not exist in this binary yet (unknown command)");
  assert(r.status === 0, `switchyard journal exited ${r.status}: ${r.stderr}`);
  const events = parseEvents(r.stdout);
  const runs = events.map(normalizeRun);
  const committed = runs.filter((run) => /commit/i.test(String(run.outcome)));
  // The discoveries: an environment meeting packages it has not optimized yet.
  const known = { worker: new Set(), ssr: new Set(), client: new Set() };
  const expected = [];
  for (const edit of figures.edits) {
    for (const env of MODULES[edit.module].envs) {
      const fresh = PACKAGES.filter((p) => !known[env].has(p));
      fresh.forEach((p) => known[env].add(p));
      if (fresh.length) expected.push({ module: edit.module, env, deps: fresh });
    }
  }
  const listy = committed.filter((run) => Array.isArray(run.deps));
  if (committed.length && listy.length === 0) {
    throw new Error(`cannot match runs to discoveries: depsAdded is not a list; first event: ${JSON.stringify(events[0])}`);
  }
  const touching = listy.filter((run) => run.deps.some((d) => PACKAGES.includes(d)));
  const problems = [];
  for (const d of expected) {
    const matches = touching.filter((run) => run.env === d.env && run.deps.some((x) => d.deps.includes(x)));
    if (matches.length !== 1) {
      problems.push(`${d.module} → ${d.env} (${d.deps.join(", ")}): ${matches.length} committed runs`);
      continue;
    }
    const [m] = matches;
    if (!m.oldHash || !m.newHash || m.oldHash === m.newHash) problems.push(`${d.module} → ${d.env}: browserHash ${m.oldHash} → ${m.newHash}`);
    if (!d.deps.every((x) => m.deps.includes(x))) problems.push(`${d.module} → ${d.env}: run added [${m.deps.join(", ")}], expected [${d.deps.join(", ")}]`);
  }
  if (touching.length !== expected.length) {
    problems.push(`${touching.length} committed runs added is-* packages, ${expected.length} discoveries expected: ` +
      touching.map((t) => `${t.env}[${t.deps.join(",")}] ${t.oldHash}→${t.newHash}`).join("; "));
  }
  console.log(`journal: ${runs.length} optimizer-run events, ${committed.length} committed; expected discoveries: ` +
    expected.map((d) => `${d.module}→${d.env}`).join(", "));
  assert(problems.length === 0, `${problems.join("\n")}\nevents: ${JSON.stringify(events).slice(0, 3000)}`);
  const stale = spawnSync(switchyard, ["journal", journalFile, "--json", "--kind", "stale-reference"], { encoding: "utf8", timeout: 60000 });
  assert(stale.status === 0, `switchyard journal exited ${stale.status}: ${stale.stderr}`);
  const staleEvents = parseEvents(stale.stdout);
  assert(staleEvents.length === 0, `stale references recorded: ${JSON.stringify(staleEvents).slice(0, 2000)}`);
}

function parseEvents(text) {
  const t = text.trim();
  if (!t) return [];
  try {
    const v = JSON.parse(t);
    if (Array.isArray(v)) return v;
    for (const k of ["events", "records", "rows", "entries"]) if (Array.isArray(v[k])) return v[k];
    return [v];
  } catch {
    return t.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  }
}

// Tolerant of the journal's field layout (flat, or under data/payload/detail).
function normalizeRun(e) {
  const scopes = [e, e.data, e.payload, e.detail, e.fields].filter((s) => s && typeof s === "object");
  const get = (...names) => {
    for (const s of scopes) for (const n of names) if (s[n] !== undefined && s[n] !== null) return s[n];
    return undefined;
  };
  let deps = get("depsAdded", "deps_added", "added", "newDeps");
  if (Array.isArray(deps)) deps = deps.map((d) => (typeof d === "string" ? d : d.name ?? d.id ?? d.specifier ?? JSON.stringify(d)));
  const bh = get("browserHash");
  return {
    env: get("environment", "env"),
    outcome: get("outcome", "result", "status"),
    deps,
    oldHash: get("oldBrowserHash", "old_browser_hash", "previousBrowserHash", "browserHashBefore") ?? (bh && typeof bh === "object" ? bh.old : undefined),
    newHash: get("newBrowserHash", "new_browser_hash", "browserHashAfter") ?? (bh && typeof bh === "object" ? bh.new : typeof bh === "string" ? bh : undefined),
  };
}
