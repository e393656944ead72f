// RedwoodSDK's client entry and Vite preamble in Chromium (framework/vitePreamble.h,
// env/environmentDocument.cpp): in an app whose node_modules hold rwsdk (here a
// stand-in package with rwsdk's name and version: only `rwsdk/worker`'s
// requestInfo is imported, by the transformed Document), the client entry the
// Document names (`<script>import("/src/client.tsx")</script>`) is served with
// `import "virtual:vite-preamble"` first; that preamble imports /@react-refresh,
// which is the engine's one react-refresh runtime, so React DOM reports its root
// to it and an edit of a component is refreshed in place with its state kept.
// Usage: node vitePreamble.test.mjs <switchyard binary> <examples/hello dir> <tools/js dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { startServe, createSuite, assert, atomicWriter, launchChromium } from "./serveHarness.mjs";

const [switchyard, helloDir, toolsJs] = process.argv.slice(2);
const require = createRequire(toolsJs + "/package.json");
const { chromium } = require("playwright-core");

const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-preamble-"));
const put = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(appDir, rel)), { recursive: true });
  fs.writeFileSync(path.join(appDir, rel), text);
};
put("wrangler.jsonc", '{ "name": "preamble", "main": "src/worker.tsx", "compatibility_date": "2025-01-01" }\n');
put("package.json", JSON.stringify({ name: "preamble", private: true, type: "module",
  dependencies: { rwsdk: "1.7.3", react: "*", "react-dom": "*" } }, null, 2));
fs.mkdirSync(path.join(appDir, "node_modules"));
for (const pkg of ["react", "react-dom", "scheduler"])
  fs.symlinkSync(fs.realpathSync(path.join(helloDir, "node_modules", pkg)), path.join(appDir, "node_modules", pkg), "dir");
put("node_modules/rwsdk/package.json", JSON.stringify({ name: "rwsdk", version: "1.7.3", type: "module",
  exports: { "./worker": "./worker.js" } }));
put("node_modules/rwsdk/worker.js", 'export const requestInfo = { rw: { nonce: "n", scriptsToBeLoaded: new Set() } };\n');
// rwsdk's starter Document (its worker renders it; this one serves the same HTML itself).
put("src/app/Document.tsx", `export const Document: React.FC<{ children: React.ReactNode }> = ({ children }) => (
  <html lang="en">
    <head>
      <meta charSet="utf-8" />
      <link rel="modulepreload" href="/src/client.tsx" />
    </head>
    <body>
      <div id="root">{children}</div>
      <script>import("/src/client.tsx")</script>
    </body>
  </html>
);
`);
put("src/worker.tsx", `import { Document } from "./app/Document";
const html = '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  '<link rel="modulepreload" href="/src/client.tsx"></head><body><div id="root"></div>' +
  '<script>import("/src/client.tsx")</script></body></html>';
export default {
  fetch(request: Request) {
    if (new URL(request.url).pathname !== "/") return new Response("not found", { status: 404 });
    return new Response(typeof Document === "function" ? html : "no Document", {
      headers: { "content-type": "text/html; charset=utf-8" },
    });
  },
};
`);
put("src/client.tsx", `import { createRoot } from "react-dom/client";
import { Counter } from "./app/Counter";
createRoot(document.getElementById("root")!).render(<Counter />);
`);
const counterRel = "src/app/Counter.tsx";
let counterText = `import { useState } from "react";
export function Counter() {
  const [n, setN] = useState(0);
  return <button id="inc" onClick={() => setN(n + 1)}>clicks {n}</button>;
}
`;
put(counterRel, counterText);
const write = atomicWriter(appDir);

const suite = createSuite();
const server = await startServe(switchyard, appDir);
let browser;
try {
  await suite.check("the Document's client entry imports virtual:vite-preamble first, on its first line", async () => {
    const entry = await (await fetch(server.origin + "/src/client.tsx")).text();
    assert(entry.startsWith('import "/@id/virtual:vite-preamble";'), `client entry: ${entry.slice(0, 300)}`);
    assert(entry.split("\n")[0].includes("react-dom_client"), "the preamble moved the entry's first line");
    assert(!entry.includes("react-refresh-preamble"), "the entry has the engine's own preamble too");
    const preamble = await (await fetch(server.origin + "/@id/virtual:vite-preamble")).text();
    assert(/import RefreshRuntime from "[^"]+";/.test(preamble) && preamble.includes("RefreshRuntime.injectIntoGlobalHook(window);"),
      `preamble: ${preamble}`);
    const refresh = await fetch(server.origin + "/@react-refresh");
    assert(refresh.status === 200 && /javascript/.test(refresh.headers.get("content-type")), `/@react-refresh: ${refresh.status}`);
    assert((await refresh.text()).includes("export default { injectIntoGlobalHook }"), "/@react-refresh has no default export");
  });

  browser = await launchChromium(chromium);
  const page = await browser.newPage();
  const consoleLines = [];
  page.on("console", (m) => consoleLines.push(m.text()));
  page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(server.origin + "/");
  await page.waitForSelector("#inc", { timeout: 20000 });

  await suite.check("the preamble ran before React DOM, over the one react-refresh runtime", async () => {
    const state = await page.evaluate(async () => {
      const runtime = await import("/@id/virtual:switchyard:react-refresh");
      const vite = await import("/@react-refresh");
      return {
        installed: window.__vite_plugin_react_preamble_installed__ === true,
        roots: runtime.mountedRootCount(),
        injected: runtime.isInjected(),
        same: vite.default.injectIntoGlobalHook === runtime.injectIntoGlobalHook &&
          vite.register === runtime.register,
      };
    });
    assert(state.installed, "window.__vite_plugin_react_preamble_installed__ is not set");
    assert(state.injected && state.roots >= 1, `the runtime knows ${state.roots} roots (injected: ${state.injected})`);
    assert(state.same, "/@react-refresh is not backed by virtual:switchyard:react-refresh");
  });

  await suite.check("an edit of a component is refreshed in place: the count is kept, no reload", async () => {
    // Vite's client (/@vite/client) connects when a module's hot context loads it.
    await page.waitForFunction(() => window.__SWITCHYARD_HMR__?.connected === true, null, { timeout: 10000 });
    for (let i = 0; i < 3; i++) await page.click("#inc");
    await page.waitForFunction(() => document.querySelector("#inc")?.textContent === "clicks 3");
    await page.evaluate(() => { window.__sameDocument = true; });
    counterText = counterText.replace(">clicks {n}<", ">taps {n}<");
    write(counterRel, counterText);
    await page.waitForFunction(() => document.querySelector("#inc")?.textContent === "taps 3", null, { timeout: 15000 })
      .catch((e) => { throw new Error(`${e.message}\nconsole: ${consoleLines.join("\n")}`); });
    assert(await page.evaluate(() => window.__sameDocument === true), "the page reloaded");
  });
} finally {
  if (browser) await browser.close();
  await server.stop();
  fs.rmSync(appDir, { recursive: true, force: true });
}
process.exit(suite.finish());
