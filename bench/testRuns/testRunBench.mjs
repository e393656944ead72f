// Benchmark: `switchyard test` on generated apps of 10 and 100 test files
// (5 tests each, writing KV and D1, calling the worker through SELF), and
// @cloudflare/vitest-pool-workers on the same files side by side where it
// installs (bench/testRuns/peer, npm install on first run).
//
//   node bench/testRuns/testRunBench.mjs [build/app/switchyard] [--files 10,100] [--no-peer] [--runs 3] [--edits 5]
//
// Both pools run: --pool isolates (a fresh isolate per file) and --pool
// contexts (a fresh realm per file in pooled isolates).
// Prints per size: wall time (median of runs, process start to exit, taken
// without the RSS sampler; peak RSS comes from one more run with it), the
// per-file overhead (isolate start, or with --pool contexts the file's realm start, + module
// load, from the JSON reporter's per-file figures, mean) and the marginal wall time per added
// file, the pooled hosts' start (--pool contexts: a cost of the run, mean per host), peak RSS
// of the whole process tree; the targets of issue 5 next to them.
// Then --watch on the smallest app, both pools and the peer's `vitest --watch`:
// process start to the first "Waiting for file changes", and edit to rerun
// (one test file edited, a second apart, until the next such line; median of
// --edits), the figure a developer waits for after each save.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateTestApp, writePoolWorkersConfig } from "./generateTestApp.mjs";
import { measureCommand } from "./processTree.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const positional = argv.filter((a, i) => !a.startsWith("--") && !(i > 0 && argv[i - 1].startsWith("--") && argv[i - 1] !== "--no-peer"));
const switchyard = path.resolve(positional[0] ?? path.join(repo, "build/app/switchyard"));
const sizes = String(flag("--files", "10,100")).split(",").map(Number);
const runs = Number(flag("--runs", 3));
const withPeer = !argv.includes("--no-peer");
const edits = Number(flag("--edits", 5));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, d = 0) => (x === undefined || Number.isNaN(x) ? "-" : x.toFixed(d));

async function runSwitchyard(dir, pool, sampleRss = false) {
  const report = path.join(dir, "report.json");
  const r = await measureCommand(switchyard, ["test", dir, "--pool", pool, "--reporter", "json", "--output-file", report, "--max-workers", String(os.cpus().length)], { sampleRss });
  if (r.code !== 0) throw new Error(`switchyard test failed (exit ${r.code}):\n${r.stderr.slice(-3000)}`);
  const doc = JSON.parse(fs.readFileSync(report, "utf8"));
  const files = doc.testResults;
  const overhead = files.map((f) => f.switchyard.isolateStartMs + f.switchyard.moduleLoadMs);
  return {
    ...r,
    tests: doc.numPassedTests,
    failed: doc.numFailedTests,
    isolateStartMs: files.reduce((s, f) => s + f.switchyard.isolateStartMs, 0) / files.length,
    // pool contexts: the hosts' start (a cost of the run, not of a file), mean per host
    hostStartMs: files.some((f) => f.switchyard.hostStartMs > 0)
      ? files.reduce((s, f) => s + (f.switchyard.hostStartMs ?? 0), 0) / files.filter((f) => f.switchyard.hostStartMs > 0).length
      : undefined,
    moduleLoadMs: files.reduce((s, f) => s + f.switchyard.moduleLoadMs, 0) / files.length,
    testMs: files.reduce((s, f) => s + f.switchyard.testMs, 0) / files.length,
    overheadMs: overhead.reduce((a, b) => a + b, 0) / files.length,
  };
}

function ensurePeer() {
  const peer = path.join(here, "peer");
  if (!fs.existsSync(path.join(peer, "node_modules/@cloudflare/vitest-pool-workers"))) {
    console.log("Installing @cloudflare/vitest-pool-workers into bench/testRuns/peer (first run) ...");
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: peer, stdio: "inherit" });
  }
  return peer;
}

async function runPeer(dir, peer, sampleRss = false) {
  const report = path.join(dir, "vitest-report.json");
  const vitest = path.join(peer, "node_modules/vitest/vitest.mjs");
  const r = await measureCommand(process.execPath, [vitest, "run", "--config", "vitest.config.mts", "--reporter=json", `--outputFile=${report}`], { cwd: dir, sampleRss });
  let doc = null;
  try {
    doc = JSON.parse(fs.readFileSync(report, "utf8"));
  } catch {}
  if (!doc) throw new Error(`vitest-pool-workers failed (exit ${r.code}):\n${(r.stderr + r.stdout).slice(-3000)}`);
  return { ...r, tests: doc.numPassedTests, failed: doc.numFailedTests };
}

// A command in watch mode: the time to its first "Waiting for file changes"
// (Vitest's line, which switchyard prints too), then per edit of `file` the
// time from the write to the next one.
async function watchReruns(command, args, cwd, file) {
  const t0 = performance.now();
  const child = spawn(command, args, { cwd, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, CI: "" } });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  const settled = async (n) => {
    const deadline = performance.now() + 120000;
    while ((out.match(/Waiting for file changes|Tests failed\. Watching/g) || []).length < n) {
      if (performance.now() > deadline) throw new Error(`no run ${n} within 120 s:\n${out.slice(-3000)}`);
      const code = await Promise.race([new Promise((r) => setTimeout(r, 5)), exited]);
      if (code !== undefined) throw new Error(`watch exited (${code}):\n${out.slice(-3000)}`);
    }
    if (/Tests failed\. Watching/.test(out)) throw new Error(`a watched run failed:\n${out.slice(-3000)}`);
  };
  const original = fs.readFileSync(file, "utf8");
  const reruns = [];
  try {
    await settled(1);
    const startMs = performance.now() - t0;
    for (let i = 0; i < edits; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const t = performance.now();
      fs.writeFileSync(file, `${original}// edit ${i}\n`);
      await settled(i + 2);
      reruns.push(performance.now() - t);
    }
    return { startMs, rerunMs: median(reruns), minMs: Math.min(...reruns) };
  } finally {
    child.kill("SIGTERM");
    await exited;
    fs.writeFileSync(file, original);
  }
}

const pools = ["isolates", "contexts"];
const rows = [];
for (const files of sizes) {
  const dir = path.join(os.tmpdir(), `switchyard-bench-tests-${files}`);
  generateTestApp(dir, files);
  for (const pool of pools) {
    const first = await runSwitchyard(dir, pool); // also fills .switchyard/test
    const measured = [];
    for (let i = 0; i < runs; i++) measured.push(await runSwitchyard(dir, pool));
    const sampled = await runSwitchyard(dir, pool, true); // peak RSS only
    const pick = (key) => median(measured.map((m) => m[key]));
    rows.push({
      files,
      pool,
      tests: measured[0].tests,
      failed: measured[0].failed,
      firstWallMs: first.wallMs,
      wallMs: pick("wallMs"),
      overheadMs: pick("overheadMs"),
      isolateStartMs: pick("isolateStartMs"),
      hostStartMs: measured[0].hostStartMs === undefined ? undefined : pick("hostStartMs"),
      moduleLoadMs: pick("moduleLoadMs"),
      testMs: pick("testMs"),
      peakRssMiB: sampled.peakRssMiB,
    });
    const r = rows.at(-1);
    console.log(`${files} files, --pool ${pool}: wall ${fmt(r.wallMs)} ms (first run ${fmt(r.firstWallMs)} ms), ${r.tests} tests passed, ${r.failed} failed`);
  }
  if (withPeer) {
    const row = rows.at(-1);
    try {
      const peer = ensurePeer();
      const link = path.join(dir, "node_modules");
      if (!fs.existsSync(link)) fs.symlinkSync(path.join(peer, "node_modules"), link, "dir");
      writePoolWorkersConfig(dir);
      const sampled = await runPeer(dir, peer, true); // peak RSS; also warms its caches
      row.peer = { ...(await runPeer(dir, peer)), peakRssMiB: sampled.peakRssMiB };
    } catch (e) {
      row.peerError = String(e.message).split("\n")[0];
    }
  }
}

const watchRows = [];
if (edits > 0) {
  const files = Math.min(...sizes);
  const dir = path.join(os.tmpdir(), `switchyard-bench-tests-${files}`);
  const file = path.join(dir, "test", "file000.test.ts");
  for (const pool of pools) {
    const r = await watchReruns(switchyard, ["test", dir, "--watch", "--pool", pool, "--reporter", "dot", "--max-workers", String(os.cpus().length)], dir, file);
    watchRows.push({ who: `switchyard --pool ${pool}`, files, ...r });
  }
  if (withPeer && fs.existsSync(path.join(dir, "vitest.config.mts"))) {
    const vitest = path.join(here, "peer/node_modules/vitest/vitest.mjs");
    try {
      const r = await watchReruns(process.execPath, [vitest, "--watch", "--config", "vitest.config.mts", "--reporter=dot"], dir, file);
      watchRows.push({ who: "vitest-pool-workers", files, ...r });
    } catch (e) {
      watchRows.push({ who: "vitest-pool-workers", files, error: String(e.message).split("\n")[0] });
    }
  }
}

console.log("\n## switchyard test (median of " + runs + " runs; per-file figures are means over files)\n");
console.log("| files | pool | tests | wall | per-file overhead (isolate or realm start + module load) | isolate or realm start | module load | test time | marginal wall per file | host isolate start (per host, per run) | peak RSS |");
console.log("|---|---|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  const small = rows.find((x) => x.pool === r.pool && x.files === Math.min(...sizes));
  const marginal = r === small ? "-" : fmt((r.wallMs - small.wallMs) / (r.files - small.files), 1) + " ms";
  console.log(`| ${r.files} | ${r.pool} | ${r.tests} | ${fmt(r.wallMs)} ms | ${fmt(r.overheadMs, 1)} ms | ${fmt(r.isolateStartMs, 1)} ms | ${fmt(r.moduleLoadMs, 1)} ms | ${fmt(r.testMs, 1)} ms | ${marginal} | ${r.hostStartMs === undefined ? "-" : fmt(r.hostStartMs) + " ms"} | ${fmt(r.peakRssMiB, 1)} MiB |`);
}
if (withPeer) {
  console.log("\n## @cloudflare/vitest-pool-workers on the same files (wall: the second run; peak RSS: the first)\n");
  console.log("| files | tests passed | wall | per file | peak RSS | note |");
  console.log("|---|---|---|---|---|---|");
  for (const r of rows.filter((x) => x.peer || x.peerError)) {
    if (r.peer) console.log(`| ${r.files} | ${r.peer.tests} | ${fmt(r.peer.wallMs)} ms | ${fmt(r.peer.wallMs / r.files, 1)} ms | ${fmt(r.peer.peakRssMiB, 1)} MiB | |`);
    else console.log(`| ${r.files} | - | - | - | - | ${r.peerError} |`);
  }
}
if (watchRows.length) {
  console.log(`\n## --watch: one test file edited, ${edits} times a second apart (median; the app of ${watchRows[0].files} files)\n`);
  console.log("| runner | start to first run done | edit to rerun done | fastest rerun | note |");
  console.log("|---|---|---|---|---|");
  for (const r of watchRows)
    console.log(`| ${r.who} | ${fmt(r.startMs)} ms | ${fmt(r.rerunMs)} ms | ${fmt(r.minMs)} ms | ${r.error ?? ""} |`);
}
console.log("\nTargets (issue 5): per-file overhead < 15 ms, 10 files < 500 ms, 100 files < 3000 ms, peak RSS < 300 MB.");
