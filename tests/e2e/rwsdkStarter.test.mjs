// End to end on a real RedwoodSDK app: examples/starter (rwsdk 1.7.3 from npm,
// unmodified, the standard starter's layout) under `switchyard serve`: what the
// server sent, then in Chromium hydration under its Content-Security-Policy,
// the CSS module, every kind of action, the serverQuery, client navigation,
// the KV session and a server-component edit in place (rwsdkStarterWalk.mjs,
// the same walk the benchmark runs on rwsdk's own dev server); the graphs name
// rwsdk's modules (its Vitest file: starterTests.test.mjs).
// Usage: node rwsdkStarter.test.mjs <switchyard binary> <examples/starter dir> <tools/js dir>
//        [<node_modules dir>]   (another rwsdk version's packages for the same sources:
//                                tests/fixtures/rwsdk-1.2/node_modules)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { startServe, createSuite, assert } from "./serveHarness.mjs";
import { walkStarter } from "./rwsdkStarterWalk.mjs";

const [switchyard, starterDir, toolsJs, modulesArg] = process.argv.slice(2);
const nodeModules = modulesArg ?? path.join(starterDir, "node_modules");
// A fresh copy (edits below must not touch the example; an empty deps cache).
const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-rwsdk-starter-"));
for (const f of fs.readdirSync(starterDir)) {
  if (["node_modules", ".switchyard", ".wrangler", "dist"].includes(f)) continue;
  fs.cpSync(path.join(starterDir, f), path.join(appDir, f), { recursive: true });
}
fs.symlinkSync(nodeModules, path.join(appDir, "node_modules"));
const rwsdkVersion = JSON.parse(fs.readFileSync(path.join(nodeModules, "rwsdk/package.json"), "utf8")).version;
const require = createRequire(toolsJs + "/package.json");
const { chromium } = require("playwright-core");
const run = (...args) => spawnSync(switchyard, args, { encoding: "utf8", timeout: 120000 });

const suite = createSuite();
const server = await startServe(switchyard, appDir);
try {
  await suite.check("serve names the framework and its version", async () => {
    assert(server.output().includes(`(rwsdk ${rwsdkVersion})`), server.output());
    assert(!server.output().includes("warning: rwsdk"), server.output());
  });

  await suite.check("the dev RSC payload names workerd's Web APIs as native code, not the engine's JavaScript", async () => {
    // React's development Flight server sends the source of functions it meets
    // in server-component props (requestInfo.request, ctx.waitUntil): in
    // workerd they are native; ours must read so too, or the page carries
    // undici's Request class and the engine's code.
    const html = await (await fetch(server.origin + "/")).text();
    assert(html.includes("function Request() { [native code] }"), "no native-looking Request in the payload");
    assert(html.includes("function waitUntil() { [native code] }"), "no native-looking waitUntil in the payload");
    assert(!html.includes("webidl.converters"), "undici's Request source is in the page");
  });

  await walkStarter({ origin: server.origin, appDir, chromium, check: suite.check });

  await suite.check("a \"use client\" edit reaches the server HTML, and every page still renders", async () => {
    // The worker's copy of a client component is loaded through rwsdk's
    // pre-bundled runtime and its bridge: an edit re-evaluates them together
    // (else React: "Currently React only supports one RSC renderer at a time").
    const file = path.join(appDir, "src/app/components/ClearNotes.tsx");
    const original = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, original.replace("Clear all notes", "Clear every note"));
    try {
      let html = "";
      for (let i = 0; i < 100 && !html.includes("Clear every note"); i++) {
        await new Promise((r) => setTimeout(r, 100));
        const res = await fetch(server.origin + "/");
        html = await res.text();
        assert(res.status === 200, `status ${res.status}: ${html.slice(0, 300)}`);
      }
      assert(html.includes("Clear every note"), "the edit never reached the HTML");
      const about = await fetch(server.origin + "/about");
      assert(about.status === 200, `/about: ${about.status}`);
    } finally {
      fs.writeFileSync(file, original);
    }
  });

} finally {
  const code = await server.stop();
  if (code !== 0 && code !== null) console.log(`serve exited with ${code}`);
}
// The CLI commands after serve stopped (they share the app's deps cache).
try {
  await suite.check("graph --env worker: rwsdk's bridge pre-bundled by the ssr environment, its lookups and state", async () => {
    const r = run("graph", appDir, "--env", "worker", "--json");
    assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
    const g = JSON.parse(r.stdout);
    const ids = g.modules.map((m) => m.id);
    assert(ids.includes("virtual:use-server-lookup.js"), "no use-server lookup");
    assert(ids.some((id) => /^virtual:switchyard:ssr:.*\/deps_ssr\/rwsdk___ssr_bridge\.js$/.test(id)), "no bridged ssr bridge pre-bundle");
    assert(ids.includes("virtual:switchyard:ssr:virtual:use-client-lookup.js"), "no bridged use-client lookup");
    assert(ids.some((id) => id.endsWith("/node_modules/rwsdk/dist/runtime/state.js")), "rwsdk/__state is not served as source");
    assert(g.optimizer.optimized["rwsdk/worker"], "rwsdk/worker is not pre-bundled");
    assert(!g.optimizer.optimized["rwsdk/__state"], "rwsdk/__state was pre-bundled");
    const like = g.modules.find((m) => m.id.endsWith("/src/app/components/LikeButton.tsx"));
    assert(like && like.directives.includes("use client"), "LikeButton has no use client directive");
  });

  await suite.check("graph --env client: rwsdk's client pre-bundled, the use-client lookup lists the app's client modules", async () => {
    const r = run("graph", appDir, "--env", "client", "--json");
    assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
    const g = JSON.parse(r.stdout);
    assert(g.optimizer.optimized["rwsdk/client"], "rwsdk/client is not pre-bundled");
    const lookup = g.modules.find((m) => m.id === "virtual:use-client-lookup.js");
    assert(lookup, "no use-client lookup in the client graph");
    assert(lookup.imports.some((id) => id.endsWith("/src/app/components/LikeButton.tsx")), JSON.stringify(lookup.imports));
  });

} finally {
  fs.rmSync(appDir, { recursive: true, force: true });
}
process.exit(suite.finish());
