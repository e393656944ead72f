// Benchmark: process start to first HTML (deps cache empty and warm), peak RSS
// and a cached request, for examples/hello and a generated app of 500
// components, with Vite 7's SSR on the same generated components side by side
// (when vite@7 installs: bench/startup/vite-peer).
// Usage: node bench/startup/startupBench.mjs <switchyard binary> [components=500]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { generateApp } from "./generateApp.mjs";
import { measureServer } from "./measure.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const switchyard = path.resolve(process.argv[2] ?? path.join(repo, "build/app/switchyard"));
const components = Number(process.argv[3] ?? 500);
const hello = path.join(repo, "examples/hello");
const nodeModules = path.join(hello, "node_modules");

const rows = [];
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
async function runSwitchyard(name, appDir) {
  fs.rmSync(path.join(appDir, ".switchyard"), { recursive: true, force: true });
  const cold = await measureServer(switchyard, ["serve", appDir, "--port", "0"]);
  const warm = await measureServer(switchyard, ["serve", appDir, "--port", "0"]);
  rows.push({ tool: "switchyard", app: name, cold, warm });
}

const generated = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bench-"));
generateApp(generated, components, nodeModules);
await runSwitchyard("examples/hello", hello);
await runSwitchyard(`generated (${components} components)`, generated);

// Vite 7 SSR peer on the same components.
const peerDir = path.join(here, "vite-peer");
let viteNote = "";
try {
  if (!fs.existsSync(path.join(peerDir, "node_modules/vite"))) {
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: peerDir, stdio: "inherit" });
  }
  const viteApp = fs.mkdtempSync(path.join(os.tmpdir(), "vite-bench-"));
  fs.cpSync(path.join(generated, "src"), path.join(viteApp, "src"), { recursive: true });
  fs.symlinkSync(path.join(peerDir, "node_modules"), path.join(viteApp, "node_modules"));
  fs.writeFileSync(path.join(viteApp, "package.json"), JSON.stringify({ name: "vite-bench", type: "module" }));
  fs.writeFileSync(path.join(viteApp, "src/entry-server.tsx"),
    `import { renderToString } from "react-dom/server";\nimport { Page } from "./app/Page";\n` +
    `export function render() { return "<!DOCTYPE html>" + renderToString(<html><body><div id="root"><Page /></div></body></html>); }\n`);
  const server = path.join(peerDir, "viteSsrServer.mjs");
  for (const label of ["cold", "warm"]) {
    if (label === "cold") fs.rmSync(path.join(viteApp, "node_modules/.vite"), { recursive: true, force: true });
  }
  fs.rmSync(path.join(peerDir, "node_modules/.vite"), { recursive: true, force: true });
  const cold = await measureServer(process.execPath, [server, viteApp]);
  const warm = await measureServer(process.execPath, [server, viteApp]);
  rows.push({ tool: "vite 7 ssr", app: `generated (${components} components)`, cold, warm });
} catch (e) {
  viteNote = `Vite 7 peer not run: ${e.message.split("\n")[0]}`;
}

console.log(`\nStartup benchmark (${os.cpus().length} cores, ${new Date().toISOString()})`);
console.log("tool        | app                          | first HTML cold ms | first HTML warm ms | cached GET / ms | peak RSS MiB");
console.log("------------|------------------------------|--------------------|--------------------|-----------------|-------------");
for (const r of rows) {
  console.log(`${r.tool.padEnd(12)}| ${r.app.padEnd(29)}| ${fmt(r.cold.firstHtmlMs).padStart(18)} | ` +
    `${fmt(r.warm.firstHtmlMs).padStart(18)} | ${fmt(r.warm.cachedMedianMs, 2).padStart(15)} | ` +
    `${fmt(Math.max(r.cold.peakRssMiB, r.warm.peakRssMiB), 1).padStart(12)}`);
}
if (viteNote) console.log(viteNote);
fs.rmSync(generated, { recursive: true, force: true });
