// The engine's HMR client at Vite's URL, in Chromium, on a copy of
// examples/hello whose "use client" Counter imports a package that listens for
// HMR events itself (as rwsdk/client does with import.meta.hot.on("rsc:update"); hello is an
// rwsdk app, so the event is rwsdk's "rsc:update"):
//  - GET /@vite/client answers Vite's client API (createHotContext, updateStyle,
//    removeStyle, injectQuery) with the server's socket token written in; that
//    token opens the HMR socket, a wrong one does not; /@id/ aliases are refused;
//  - the page loads the client once, by that one URL;
//  - the package's pre-bundle gets Vite's import.meta.hot injection and shares
//    the page's client: after a server component edit, its listener receives
//    the framework's server-update event (the profile's name; data {file, paths})
//    and the page re-renders in place.
// Usage: node viteClient.test.mjs <switchyard binary> <examples/hello dir> <tools/js dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { startServe, createSuite, assert, atomicWriter, copyApp, launchChromium } from "./serveHarness.mjs";

const [switchyard, helloDir, toolsJs] = process.argv.slice(2);
const require = createRequire(toolsJs + "/package.json");
const { chromium } = require("playwright-core");

const appDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-viteclient-")));
copyApp(helloDir, appDir, { linkModules: false });
// node_modules: hello's packages (links) plus one of our own that uses import.meta.hot.
const helloModules = fs.realpathSync(path.join(helloDir, "node_modules"));
fs.mkdirSync(path.join(appDir, "node_modules"));
for (const name of fs.readdirSync(helloModules)) {
  if (name.startsWith(".")) continue;
  fs.symlinkSync(path.join(helloModules, name), path.join(appDir, "node_modules", name));
}
const pkgDir = path.join(appDir, "node_modules/hot-listener");
fs.mkdirSync(pkgDir);
fs.writeFileSync(path.join(pkgDir, "package.json"),
  JSON.stringify({ name: "hot-listener", version: "1.0.0", type: "module", main: "index.js" }));
fs.writeFileSync(path.join(pkgDir, "index.js"), `// Listens for a custom HMR event, as rwsdk/client does.
export function onHotEvent(event, callback) {
  if (!import.meta.hot) return false;
  import.meta.hot.on(event, callback);
  return true;
}
`);
const counterFile = path.join(appDir, "src/app/components/Counter.tsx");
const counter = fs.readFileSync(counterFile, "utf8");
const anchor = "  useEffect(() => setHydrated(true), []);\n";
assert(counter.includes(anchor), "examples/hello's Counter changed shape");
fs.writeFileSync(counterFile, counter
  .replace('import { greet } from "../actions";', 'import { greet } from "../actions";\nimport { onHotEvent } from "hot-listener";')
  .replace(anchor, anchor + `  useEffect(() => {
    const w = window as any;
    w.__depHasHot = onHotEvent("rsc:update", (data: unknown) => (w.__heardByDep ||= []).push(data));
  }, []);
`));
const homeRel = "src/app/pages/Home.tsx";
const write = atomicWriter(appDir);

const suite = createSuite();
const server = await startServe(switchyard, appDir);
let browser;
try {
  browser = await launchChromium(chromium);
  const page = await browser.newPage();
  await page.goto(server.origin + "/");
  await page.waitForSelector('#counter[data-hydrated="yes"]', { timeout: 20000 });
  await page.waitForFunction(() => window.__SWITCHYARD_HMR__?.connected === true, null, { timeout: 10000 });

  let token = "";
  await suite.check("/@vite/client is served with Vite's client API and the socket's token", async () => {
    const res = await fetch(server.origin + "/@vite/client");
    const body = await res.text();
    assert(res.status === 200 && /javascript/.test(res.headers.get("content-type")), `${res.status} ${body.slice(0, 300)}`);
    assert(!res.headers.get("access-control-allow-origin"), "readable cross-origin");
    const exported = /export\s*\{([^}]*)\}\s*;?\s*$/.exec(body.trim())?.[1] ?? "";
    for (const name of ["createHotContext", "updateStyle", "removeStyle", "injectQuery"])
      assert(new RegExp(`\\b${name}\\b`).test(exported), `${name} is not exported: ${exported}`);
    assert(!body.includes("__SWITCHYARD_HMR_CONFIG__"), "the placeholder was not replaced");
    token = /"token":"([A-Za-z0-9_-]{12})"/.exec(body)?.[1] ?? "";
    assert(token, "no token in /@vite/client");
    assert(body.includes('"serverUpdateEvent":"rsc:update"'), "the profile's event is not written in");
    // One URL for one instance: the id's /@id/ form is refused, the old token module is gone.
    for (const url of ["/@id/virtual:switchyard:vite-client", "/@id/virtual:switchyard:hmr-token"]) {
      const r = await fetch(server.origin + url);
      assert(r.status === 404, `${url}: ${r.status}`);
    }
  });

  await suite.check("the token in /@vite/client opens the HMR socket; another token does not", async () => {
    const opened = await page.evaluate(async (tokens) => {
      const tryOpen = (t) => new Promise((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/@switchyard/hmr?token=${encodeURIComponent(t)}`);
        ws.onopen = () => { ws.close(); resolve(true); };
        ws.onerror = () => resolve(false);
      });
      return [await tryOpen(tokens[0]), await tryOpen(tokens[1])];
    }, [token, "AAAAAAAAAAAA"]);
    assert(opened[0] === true && opened[1] === false, JSON.stringify(opened));
  });

  await suite.check("the page loads the HMR client once, by /@vite/client", async () => {
    const urls = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
    assert(urls.filter((u) => u === "/@vite/client").length === 1, `client loads: ${urls.filter((u) => u.includes("@vite")).join(", ")}`);
    assert(!urls.some((u) => u.endsWith("/client/hmr.js")), "the runtime's old client was loaded");
    const same = await page.evaluate(async () => typeof (await import("/@vite/client")).createHotContext === "function");
    assert(same, "createHotContext missing");
  });

  await suite.check("a pre-bundled dependency that uses import.meta.hot gets Vite's hot context", async () => {
    const counterCode = await (await fetch(server.origin + "/src/app/components/Counter.tsx")).text();
    const depUrl = /"(\/\.switchyard\/deps_client\/hot-listener\.js\?v=[0-9a-f]+)"/.exec(counterCode)?.[1];
    assert(depUrl, `Counter does not import the pre-bundle: ${counterCode.slice(0, 600)}`);
    const dep = await (await fetch(server.origin + depUrl)).text();
    const prelude = 'import { createHotContext as __vite__createHotContext } from "/@vite/client";' +
      'import.meta.hot = __vite__createHotContext("/.switchyard/deps_client/hot-listener.js");';
    assert(dep.startsWith(prelude), `pre-bundle: ${dep.slice(0, 400)}`);
    assert(await page.evaluate(() => window.__depHasHot === true), "import.meta.hot was undefined in the pre-bundle");
  });

  await suite.check("after a server component edit the dependency hears the profile's event with {file, paths}", async () => {
    await page.evaluate(() => { window.__sameDocument = true; });
    const home = fs.readFileSync(path.join(appDir, homeRel), "utf8");
    assert(home.includes("Hello from Switchyard"), "examples/hello's Home changed");
    write(homeRel, home.replace("Hello from Switchyard", "Hello, heard by a dependency"));
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Hello, heard by a dependency",
      null, { timeout: 15000 });
    await page.waitForFunction(() => (window.__heardByDep ?? []).length > 0, null, { timeout: 5000 });
    const heard = await page.evaluate(() => window.__heardByDep);
    assert(heard[0].file === path.join(appDir, homeRel), `file: ${JSON.stringify(heard)}`);
    assert(heard[0].paths.includes("/" + homeRel), `paths: ${JSON.stringify(heard)}`);
    assert(await page.evaluate(() => window.__sameDocument === true), "the page reloaded");
  });
} finally {
  await browser?.close();
  await server.stop();
  fs.rmSync(appDir, { recursive: true, force: true });
}
process.exit(suite.finish());
