// Benchmark of the live dev loop (issue 3), Switchyard and Vite 7's SSR dev
// server side by side in the same run. Prints figures, never pass/fail.
//   1. edit of a leaf server component -> first HTML showing it (N edits)
//   2. a new bare import mid-session -> first good GET /, under 8 clients of
//      load, and the failed requests: plain module, then "use client" module
// Usage: node bench/liveLoop/liveLoopBench.mjs [switchyard binary] [--runs N]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { copyExample, generateViteLeafApp, generateViteReoptApp, viteLeafSource, VITE_LEAF_FILE, VITE_REOPT_FILES, removeTempDirs } from "./apps.mjs";
import { startServer, stopAllServers, killAllServersNow, waitForOk } from "./servers.mjs";
import { leafEdits, newImportUnderLoad } from "./measure.mjs";
import { printReport } from "./report.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const args = process.argv.slice(2);
let runs = 15;
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else positional.push(args[i]);
}
const switchyard = path.resolve(positional[0] ?? path.join(repo, "build/app/switchyard"));
const hello = path.join(repo, "examples/hello");
const requestinfo = path.join(repo, "examples/requestinfo");
const peerDir = path.join(repo, "bench/startup/vite-peer");
const viteServer = path.join(here, "viteLiveServer.mjs");

// Cleanup: servers and temp dirs, on a normal end, an error or a signal.
process.on("exit", () => { killAllServersNow(); removeTempDirs(); });
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => { await stopAllServers(); removeTempDirs(); process.exit(130); });
}

const PACKAGES = [["isOdd", 3], ["isEven", 4], ["isNumber", 5]];
const markersOf = (prefix) => PACKAGES.map(([f, n]) => `${prefix}:${f}(${n})=true`);
// examples/requestinfo's server function, called the way rwsdk's client calls it.
const ACTION = { id: "/src/app/actions.ts#ping", header: "x-action-ran", body: "[]", protocol: "rwsdk" };
const CLIENT_MODULE_URL = "/src/app/components/ClientWidget.tsx";
const results = { leaf: {}, plain: {}, client: {} };
const notes = [];

async function withServer(command, argv, fn) {
  const server = await startServer(command, argv);
  try {
    await waitForOk(server.origin);
    return await fn(server);
  } finally {
    await server.stop();
  }
}

async function measureSafely(label, fn) {
  try {
    return await fn();
  } catch (e) {
    notes.push(`${label}: not measured: ${String(e.message).split("\n").slice(0, 3).join(" | ")}`);
    return null;
  }
}

// --- Switchyard
const serveArgs = (dir) => ["serve", dir, "--port", "0"];
results.leaf.switchyard = await measureSafely("switchyard leaf edit", async () => {
  const dir = copyExample(hello);
  const file = path.join(dir, "src/app/pages/Home.tsx");
  const original = fs.readFileSync(file, "utf8");
  if (!/<h1>[^<]*<\/h1>/.test(original)) throw new Error("examples/hello Home.tsx has no <h1>");
  return withServer(switchyard, serveArgs(dir), (s) =>
    leafEdits(s.origin, file, (m) => original.replace(/<h1>[^<]*<\/h1>/, `<h1>Hello from Switchyard ${m}</h1>`), { runs }));
});
for (const [name, rel, prefix, extra] of [
  ["plain", "src/app/lib/plain.ts", "plain", {}],
  ["client", "src/app/components/ClientWidget.tsx", "client", { clientModules: [CLIENT_MODULE_URL] }],
]) {
  results[name].switchyard = await measureSafely(`switchyard new import (${name})`, async () => {
    const dir = copyExample(requestinfo);
    return withServer(switchyard, serveArgs(dir), async (s) => {
      if (extra.clientModules) await waitForOk(s.origin, CLIENT_MODULE_URL);
      return newImportUnderLoad(s.origin, path.join(dir, rel), markersOf(prefix), { action: ACTION, ...extra });
    });
  });
}

// --- Vite 7 peer (bench/startup/vite-peer, installed on demand)
let viteVersion = null;
try {
  const need = ["vite", "is-odd", "is-even", "is-number", "react-dom"].filter((p) => !fs.existsSync(path.join(peerDir, "node_modules", p)));
  if (need.length) execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: peerDir, stdio: "inherit" });
  viteVersion = JSON.parse(fs.readFileSync(path.join(peerDir, "node_modules/vite/package.json"), "utf8")).version;
} catch (e) {
  notes.push(`Vite 7 peer not run: npm install in bench/startup/vite-peer failed: ${e.message.split("\n")[0]}`);
}
if (viteVersion) {
  const peerModules = path.join(peerDir, "node_modules");
  results.leaf.vite = await measureSafely("vite leaf edit", async () => {
    const dir = generateViteLeafApp(peerModules);
    return withServer(process.execPath, [viteServer, dir], (s) =>
      leafEdits(s.origin, path.join(dir, VITE_LEAF_FILE), viteLeafSource, { runs }));
  });
  for (const [name, extra] of [["plain", {}], ["client", { clientModules: [CLIENT_MODULE_URL] }]]) {
    results[name].vite = await measureSafely(`vite new import (${name})`, async () => {
      const dir = generateViteReoptApp(peerModules, requestinfo);
      return withServer(process.execPath, [viteServer, dir, "--prebundle"], async (s) => {
        if (extra.clientModules) await waitForOk(s.origin, CLIENT_MODULE_URL);
        return newImportUnderLoad(s.origin, path.join(dir, VITE_REOPT_FILES[name]), markersOf(name), extra);
      });
    });
  }
}

await stopAllServers();
removeTempDirs();
printReport({ results, notes, runs, viteVersion, cores: os.cpus().length, date: new Date().toISOString() });
