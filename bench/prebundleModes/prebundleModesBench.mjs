// Benchmark (issue 11, section 1): packages that import virtual or
// `cloudflare:` modules (rwsdk, rwsdk-community) either pre-bundled with those
// imports kept external (the engine's way: FrameworkProfile::prebundleExternals)
// or served as source, each of their files a module of its own (Vite's
// optimizeDeps.exclude; SWITCHYARD_SOURCE_PACKAGES=rwsdk,rwsdk-community).
// Both on copies of examples/starter, side by side in one run:
//   - process start to first HTML of GET /, cold (no .switchyard) and warm
//     (the cold run's pre-bundles kept), median of --starts, the modes
//     alternating; the optimizer runs (committed) until the cold first page;
//   - cached GET / (median, p90 of --requests sequential requests);
//   - module count: modules in the worker, ssr and client graphs
//     (`switchyard graph --json`), and the JavaScript modules Chromium loads
//     for the page until it is hydrated, with the time to hydration.
//
//   node bench/prebundleModes/prebundleModesBench.mjs [build/app/switchyard]
//        [--starts 3] [--requests 50] [--no-browser] [--keep]
//
// Figures are printed, never asserted.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { killAllServersNow, startDevServer } from "../rwsdkDev/devServer.mjs";
import { launchChromium } from "../../tests/e2e/serveHarness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const argv = process.argv.slice(2);
const valueFlags = new Set(["--starts", "--requests"]);
const flag = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const positional = argv.filter((a, i) => !a.startsWith("--") && !(i > 0 && valueFlags.has(argv[i - 1])));
const switchyard = path.resolve(positional[0] ?? path.join(repo, "build/app/switchyard"));
const starts = Number(flag("--starts", 3));
const requests = Number(flag("--requests", 50));
const withBrowser = !argv.includes("--no-browser");
const keep = argv.includes("--keep");

const MODES = {
  "pre-bundled, virtual/cloudflare: imports external": "",
  "served as source (rwsdk, rwsdk-community)": "rwsdk,rwsdk-community",
};

const starter = path.join(repo, "examples/starter");
const tempDirs = [];
process.on("exit", () => {
  killAllServersNow();
  if (!keep) for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(130));

function starterCopy() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prebundle-modes-"));
  tempDirs.push(dir);
  for (const f of ["src", "public", "migrations", "types", "package.json", "package-lock.json", "tsconfig.json",
                   "vite.config.mts", "wrangler.jsonc", "worker-configuration.d.ts"])
    if (fs.existsSync(path.join(starter, f))) fs.cpSync(path.join(starter, f), path.join(dir, f), { recursive: true });
  fs.symlinkSync(fs.realpathSync(path.join(starter, "node_modules")), path.join(dir, "node_modules"));
  return dir;
}

function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return { median: NaN, p90: NaN };
  const median = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return { median, p90: v[Math.min(v.length - 1, Math.ceil(0.9 * v.length) - 1)] };
}
const fmt = (x, d = 0) => (x === undefined || Number.isNaN(x) ? "-" : x.toFixed(d));

async function serve(dir, sourcePackages, journal) {
  return startDevServer({
    command: switchyard,
    args: ["serve", dir, "--port", "0", "--no-watch", ...(journal ? ["--journal", journal] : [])],
    cwd: dir,
    env: { ...process.env, SWITCHYARD_SOURCE_PACKAGES: sourcePackages },
    readyText: "</html>",
  });
}

function graphCounts(dir, sourcePackages) {
  const counts = {};
  for (const env of ["worker", "ssr", "client"]) {
    const r = spawnSync(switchyard, ["graph", dir, "--env", env, "--json"],
      { encoding: "utf8", env: { ...process.env, SWITCHYARD_SOURCE_PACKAGES: sourcePackages }, maxBuffer: 1 << 28 });
    counts[env] = r.status === 0 ? JSON.parse(r.stdout).modules.length : NaN;
  }
  return counts;
}

async function pageLoad(origin) {
  const require = createRequire(path.join(repo, "tools/js/package.json"));
  const { chromium } = require("playwright-core");
  const browser = await launchChromium(chromium);
  try {
    const page = await browser.newPage();
    let modules = 0;
    page.on("response", (r) => {
      if (/javascript/.test(r.headers()["content-type"] ?? "")) ++modules;
    });
    const t0 = performance.now();
    await page.goto(origin + "/");
    // The starter's Shell marks its nav once React hydrated it.
    await page.waitForSelector('nav[data-hydrated="yes"]', { timeout: 60000 });
    return { modules, hydratedMs: performance.now() - t0 };
  } finally {
    await browser.close();
  }
}

// The modes alternate start by start, so a change in the machine's load
// (other processes) reaches both alike.
const runs = Object.entries(MODES).map(([mode, sourcePackages]) => ({
  mode, sourcePackages, dir: starterCopy(), cold: [], warm: [], coldRuns: [],
  cached: { median: NaN, p90: NaN }, load: { modules: NaN, hydratedMs: NaN }, error: "",
}));
for (let i = 0; i < starts; ++i) {
  for (const run of runs) {
    if (run.error) continue;
    try {
      fs.rmSync(path.join(run.dir, ".switchyard"), { recursive: true, force: true });
      const journal = path.join(run.dir, `cold-${i}.journal.sqlite`);
      const s = await serve(run.dir, run.sourcePackages, journal);
      run.cold.push(s.firstHtmlMs);
      await s.stop();
      // Committed optimizer runs until the first page: at start, and for what that page discovered.
      const events = spawnSync(switchyard, ["journal", journal, "--json", "--kind", "optimizer-run"], { encoding: "utf8" });
      const committedRuns = events.status === 0 ? JSON.parse(events.stdout).filter((e) => JSON.stringify(e).includes('committed')).length : NaN;
      run.coldRuns.push(committedRuns);
      const w = await serve(run.dir, run.sourcePackages);
      run.warm.push(w.firstHtmlMs);
      if (i === starts - 1) {
        const times = [];
        for (let n = 0; n < requests; ++n) {
          const t0 = performance.now();
          const r = await fetch(w.origin + "/");
          await r.text();
          if (r.status !== 200) throw new Error(`GET / answered ${r.status}`);
          times.push(performance.now() - t0);
        }
        run.cached = stats(times);
        if (withBrowser) run.load = await pageLoad(w.origin);
      }
      await w.stop();
    } catch (e) {
      run.error = String(e && e.message ? e.message : e);
    }
  }
}
const results = runs.map((r) => ({ ...r, cold: stats(r.cold), warm: stats(r.warm), coldRuns: stats(r.coldRuns),
  graph: graphCounts(r.dir, r.sourcePackages) }));

console.log(`\nexamples/starter under switchyard serve (${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}); ` +
  `${starts} starts per mode, ${requests} cached requests`);
console.log("| rwsdk, rwsdk-community | first HTML cold / warm (ms, median) | optimizer runs to the first page (cold) | cached GET / median (p90) ms | modules worker / ssr / client | browser: JS modules, ms to hydration |");
console.log("|---|---|---|---|---|---|");
for (const r of results) {
  console.log(`| ${r.mode} | ${fmt(r.cold.median)} / ${fmt(r.warm.median)} | ${fmt(r.coldRuns.median)} | ${fmt(r.cached.median, 1)} (${fmt(r.cached.p90, 1)}) | ` +
    `${r.graph.worker} / ${r.graph.ssr} / ${r.graph.client} | ${fmt(r.load.modules)}, ${fmt(r.load.hydratedMs)} |` +
    (r.error ? ` error: ${r.error}` : ""));
}
