// Benchmark of client-side edits (issue 10), Switchyard and Vite 7 side by
// side in the same run, in Debian's Chromium. Prints figures, never pass/fail.
//   1. CSS edit -> style applied: a rule for #title is rewritten in the app's
//      global stylesheet; time from the write to the first moment the page's
//      computed color of #title is the new one (target under 30 ms).
//   2. Fast Refresh edit -> updated DOM: the text of the client Counter
//      component is rewritten after three clicks; time from the write to the
//      new text in the DOM (target under 50 ms), and whether the count (3)
//      and the document (no reload) survived.
// Switchyard serves a copy of examples/realworld. The Vite 7 peer
// (@vitejs/plugin-react 5 and @tailwindcss/vite, installed into
// bench/clientEdits/vite-peer on the first run) serves the same components and stylesheets, rendered on the
// client by a small main.tsx (Vite has no RSC: the page shell differs, the
// edited files are the same).
// Usage: node bench/clientEdits/clientEditBench.mjs [switchyard binary] [--runs N] [--no-peer]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { startServer, stopAllServers, killAllServersNow, waitForOk } from "../liveLoop/servers.mjs";
import { stats } from "../liveLoop/measure.mjs";
import { launchChromium } from "../../tests/e2e/serveHarness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const args = process.argv.slice(2);
let runs = 10;
let peer = true;
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--no-peer") peer = false;
  else positional.push(args[i]);
}
const switchyard = path.resolve(positional[0] ?? path.join(repo, "build/app/switchyard"));
const example = path.join(repo, "examples/realworld");
const peerDir = path.join(here, "vite-peer");
const { chromium } = createRequire(path.join(repo, "tools/js/package.json"))("playwright-core");

const tempDirs = [];
const tempDir = (prefix) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(d);
  return d;
};
process.on("exit", () => {
  killAllServersNow();
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, async () => { await stopAllServers(); process.exit(130); });

const COUNTER = "src/app/components/Counter.tsx";
/// The app's global stylesheet: the first that exists.
const STYLESHEETS = ["src/app/styles.css", "src/styles.css", "src/app/globals.css"];
const BENCH_RULE = /\n\/\* bench:clientEdits \*\/[^\n]*\n?/g;

function copyApp() {
  const dir = tempDir("switchyard-client-edits-");
  for (const f of fs.readdirSync(example)) {
    if (f === "node_modules" || f === ".switchyard") continue;
    fs.cpSync(path.join(example, f), path.join(dir, f), { recursive: true });
  }
  fs.symlinkSync(path.join(example, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/// The Vite peer: the same src/ (components, stylesheets, data), an index.html
/// and a client entry rendering the page's title and the Counter.
function vitePeerApp(stylesheet) {
  const dir = tempDir("vite-client-edits-");
  fs.cpSync(path.join(example, "src"), path.join(dir, "src"), { recursive: true });
  for (const f of fs.readdirSync(example))
    if (/^(postcss\.config\.|\.postcssrc|tsconfig)/.test(f)) fs.cpSync(path.join(example, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "vite-client-edits", private: true, type: "module" }));
  fs.symlinkSync(path.join(peerDir, "node_modules"), path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "index.html"),
    `<!doctype html><html><head><meta charset="utf-8"><title>vite peer</title></head>` +
    `<body><div id="root"></div><script type="module" src="/src/bench-main.tsx"></script></body></html>\n`);
  fs.writeFileSync(path.join(dir, "src/bench-main.tsx"),
    (stylesheet ? `import "./${path.relative("src", stylesheet)}";\n` : "") +
    `import { createRoot } from "react-dom/client";\nimport { Counter } from "./app/components/Counter";\n` +
    `createRoot(document.getElementById("root")!).render(<main><h1 id="title">Realworld</h1><Counter /></main>);\n`);
  return dir;
}

// In the page: resolves with Date.now() at the first moment check() holds,
// watching DOM mutations and polling every millisecond (a stylesheet swap
// mutates nothing the observer sees).
const WATCH = `(checkSource) => new Promise((resolve) => {
  const check = new Function("return (" + checkSource + ")()");
  const done = () => { observer.disconnect(); clearInterval(poll); resolve(Date.now()); };
  const observer = new MutationObserver(() => { if (check()) done(); });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  const poll = setInterval(() => { if (check()) done(); }, 1);
  if (check()) done();
})`;

async function measureServer(label, origin, appDir, stylesheet) {
  const browser = await launchChromium(chromium);
  const out = { css: [], refresh: [], reloads: 0, stateLost: 0, notes: [] };
  try {
    const page = await browser.newPage();
    await page.goto(origin);
    await page.waitForSelector("#increment", { timeout: 60000 });
    await page.waitForTimeout(1000); // hydration and the HMR socket
    for (let i = 0; i < 3; i++) await page.click("#increment");
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "3", null, { timeout: 10000 });
    await page.evaluate(() => { window.__benchDocument = true; });

    if (stylesheet) {
      const file = path.join(appDir, stylesheet);
      const base = fs.readFileSync(file, "utf8").replace(BENCH_RULE, "\n");
      for (let i = 0; i < runs; i++) {
        const color = `rgb(${(i * 37) % 250 + 3}, ${(i * 11) % 250 + 1}, 7)`;
        const waiting = page.evaluate(`(${WATCH})(${JSON.stringify(`() => getComputedStyle(document.querySelector("#title")).color === ${JSON.stringify(color)}`)})`);
        const t0 = Date.now();
        fs.writeFileSync(file, `${base}\n/* bench:clientEdits */ #title { color: ${color}; }\n`);
        const seen = await Promise.race([waiting, new Promise((r) => setTimeout(() => r(null), 10000))]);
        if (seen === null) { out.notes.push(`CSS edit ${i}: not applied within 10 s`); break; }
        out.css.push(seen - t0);
        await page.waitForTimeout(250);
      }
      fs.writeFileSync(file, base);
    } else {
      out.notes.push("no global stylesheet in the app: CSS edit not measured");
    }

    const counter = path.join(appDir, COUNTER);
    const source = fs.readFileSync(counter, "utf8");
    const label0 = source.match(/>\s*(Count):/)?.[1];
    if (!label0) {
      out.notes.push(`${COUNTER} has no "Count:" text: Fast Refresh edit not measured`);
    } else {
      await page.waitForTimeout(500);
      for (let i = 0; i < runs; i++) {
        const text = `Clicks ${i}:`;
        const waiting = page.evaluate(`(${WATCH})(${JSON.stringify(`() => (document.querySelector("#counter p")?.textContent ?? "").startsWith(${JSON.stringify(text)})`)})`);
        const t0 = Date.now();
        fs.writeFileSync(counter, source.replace(/>(\s*)Count:/, `>$1${text}`));
        const seen = await Promise.race([waiting.catch(() => "navigated"), new Promise((r) => setTimeout(() => r(null), 15000))]);
        if (seen === null) { out.notes.push(`refresh edit ${i}: not shown within 15 s`); break; }
        if (seen === "navigated") {
          // The page reloaded (no Fast Refresh): time to the new text after the reload.
          await page.waitForFunction((t) => (document.querySelector("#counter p")?.textContent ?? "").startsWith(t), text, { timeout: 15000 });
          out.refresh.push(Date.now() - t0);
        } else {
          out.refresh.push(seen - t0);
        }
        const same = await page.evaluate(() => window.__benchDocument === true).catch(() => false);
        if (!same) {
          out.reloads++;
          await page.waitForSelector("#increment");
          await page.waitForTimeout(1000);
          for (let k = 0; k < 3; k++) await page.click("#increment");
          await page.evaluate(() => { window.__benchDocument = true; });
        }
        const count = await page.textContent("#count").catch(() => "");
        if (same && count !== "3") out.stateLost++;
        await page.waitForTimeout(300);
      }
      fs.writeFileSync(counter, source);
    }
  } catch (e) {
    out.notes.push(`${label}: ${String(e.message).split("\n")[0]}`);
  } finally {
    await browser.close();
  }
  return out;
}

const stylesheetOf = (dir) => STYLESHEETS.find((s) => fs.existsSync(path.join(dir, s)));
const results = {};

{
  const app = copyApp();
  const stylesheet = stylesheetOf(app);
  const server = await startServer(switchyard, ["serve", app, "--port", "0"]);
  try {
    await waitForOk(server.origin);
    results.switchyard = await measureServer("switchyard", server.origin, app, stylesheet);
  } finally {
    await server.stop();
  }
}

if (peer) {
  const peerDeps = Object.keys(JSON.parse(fs.readFileSync(path.join(peerDir, "package.json"), "utf8")).dependencies);
  if (peerDeps.some((dep) => !fs.existsSync(path.join(peerDir, "node_modules", dep, "package.json")))) {
    console.log("installing the Vite 7 peer into bench/clientEdits/vite-peer ...");
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: peerDir, stdio: "inherit" });
  }
  const app = vitePeerApp(stylesheetOf(example));
  const vite = JSON.parse(fs.readFileSync(path.join(peerDir, "node_modules/vite/package.json"), "utf8")).version;
  const server = await startServer(process.execPath, [path.join(here, "viteClientServer.mjs"), app]);
  try {
    await waitForOk(server.origin);
    results[`vite ${vite}`] = await measureServer("vite", server.origin, app, stylesheetOf(app));
  } finally {
    await server.stop();
  }
}

const fmt = (s) => (s.n ? `${s.median.toFixed(0)} / ${s.p90.toFixed(0)} / ${s.min.toFixed(0)}` : "n/a");
const names = Object.keys(results);
console.log(`\nclient edits on examples/realworld in Chromium, ${runs} edits each: median / p90 / min ms`);
console.log(["".padEnd(34), ...names.map((n) => n.padEnd(22))].join(""));
console.log(["CSS edit -> style applied".padEnd(34), ...names.map((n) => fmt(stats(results[n].css)).padEnd(22))].join("") + "target < 30");
console.log(["Fast Refresh edit -> DOM".padEnd(34), ...names.map((n) => fmt(stats(results[n].refresh)).padEnd(22))].join("") + "target < 50");
console.log(["  reloads (state lost)".padEnd(34), ...names.map((n) => `${results[n].reloads} of ${results[n].refresh.length}`.padEnd(22))].join(""));
console.log(["  count lost without reload".padEnd(34), ...names.map((n) => `${results[n].stateLost}`.padEnd(22))].join(""));
for (const n of names) for (const note of results[n].notes) console.log(`note (${n}): ${note}`);
await stopAllServers();
