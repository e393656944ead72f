// End to end: examples/requestinfo (rwsdk 1.7.3, unmodified) under `switchyard
// serve`: the server component shows requestInfo (request, its accept header,
// ctx from the middleware, env) and rwsdk's state identity, the middleware's
// response header is on the page; in Debian's Chromium the "use client" widget
// hydrates and its button calls the "use server" function through rwsdk's
// client (POST ?__rsc_action_id=), which reads requestInfo and sets response
// headers through it; the page re-rendered from the action's RSC payload keeps
// the same state identity. Two edits of the "use server" module update the page
// in place: rwsdk's client re-renders on rsc:update (sent before the client's
// js-update, as Vite does), the widget is refreshed without a second instance of
// rwsdk's pre-bundled client, no reload, the widget keeps its state through the
// refresh and the server renders after it, and the next call runs the new code. A new "use client" component mid-session hydrates.
// Usage: node requestinfo.test.mjs <switchyard binary> <examples/requestinfo dir> <tools/js dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { startServe, createSuite, assert, launchChromium } from "./serveHarness.mjs";

const [switchyard, exampleDir, toolsJs] = process.argv.slice(2);
if (!switchyard || !exampleDir || !toolsJs) {
  console.error("usage: node requestinfo.test.mjs <switchyard binary> <examples/requestinfo dir> <tools/js dir>");
  process.exit(2);
}
// A fresh copy of the example (config files included: vite.config.mts, tsconfig paths).
const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-requestinfo-"));
for (const f of fs.readdirSync(exampleDir)) {
  if ([".switchyard", "node_modules", "dist"].includes(f)) continue;
  fs.cpSync(path.join(exampleDir, f), path.join(appDir, f), { recursive: true });
}
fs.symlinkSync(path.resolve(exampleDir, "node_modules"), path.join(appDir, "node_modules"));
const require = createRequire(path.resolve(toolsJs, "package.json"));
const { chromium } = require("playwright-core");

const ACTION_ID = "/src/app/actions.ts#ping";
const suite = createSuite();
const server = await startServe(switchyard, appDir);
let browser;
let identity = null;
try {
  await suite.check("GET / renders requestInfo, ctx, env and the state identity; the middleware's header is set", async () => {
    const res = await fetch(server.origin + "/", { headers: { accept: "text/html;q=0.9" } });
    const html = await res.text();
    assert(res.status === 200, `status ${res.status}: ${html.slice(0, 2000)}`);
    assert(res.headers.get("x-playground") === "requestinfo", `X-Playground: ${res.headers.get("x-playground")}`);
    assert(html.includes('id="request-info">requestInfo: GET /<'), "request method and path missing");
    assert(html.includes('id="request-header">accept: text/html;q=0.9<'), "the request's accept header missing");
    assert(html.includes('id="env-var">requestinfo playground<'), "the wrangler var missing");
    assert(html.includes('id="middleware">middleware ran: yes<'), "ctx.startedAt from the middleware missing");
    assert(html.includes('<section id="client-widget" data-hydrated="no">'), "the client widget's SSR output missing");
    const m = html.match(/id="state-identity">(state-[0-9a-z]+-[0-9a-z]+)</);
    assert(m, "state identity missing");
    identity = m[1];
    // rwsdk's Document transform: the client entry's script carries the request's nonce.
    assert(/<script nonce="[^"]+">import\("\/src\/client\.tsx"\)<\/script>/.test(html), "the client entry's <script> has no nonce");
  });

  browser = await launchChromium(chromium);
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  const posts = [];
  page.on("response", (r) => { if (r.request().method() === "POST") posts.push(r); });
  const consoleLines = [];
  page.on("console", (m) => consoleLines.push(m.text()));
  let documentLoads = 0;
  page.on("framenavigated", (f) => { if (f === page.mainFrame()) documentLoads++; });

  await suite.check("the \"use client\" widget hydrates in Chromium", async () => {
    await page.goto(server.origin + "/");
    await page.waitForSelector('#client-widget[data-hydrated="yes"]', { timeout: 30000 });
    assert((await page.textContent("#state-identity")) === identity, "another state identity in the browser's page");
  });
  await suite.check("the button calls the server function through rwsdk's action request; requestInfo's headers are set", async () => {
    await page.click("#ping");
    await page.waitForFunction(() => document.querySelector("#action-result")?.textContent.startsWith("pong"), null, { timeout: 20000 });
    const result = await page.textContent("#action-result");
    assert(result === `pong state=${identity} middleware=yes markers=[]`, `result: ${result}`);
    const post = posts.at(-1);
    assert(post, "no POST seen");
    const url = new URL(post.url());
    assert(url.searchParams.get("__rsc_action_id") === ACTION_ID, `action request ${post.url()}`);
    const h = post.headers();
    assert(post.status() === 200, `status ${post.status()}`);
    assert(h["x-action-ran"] === "yes", `x-action-ran: ${h["x-action-ran"]}`);
    assert(h["x-state-identity"] === identity, `x-state-identity: ${h["x-state-identity"]} (page: ${identity})`);
    assert(h["x-action-method"] === "POST", `x-action-method: ${h["x-action-method"]}`);
    assert(h["x-playground"] === "requestinfo", `X-Playground on the action: ${h["x-playground"]}`);
  });
  await suite.check("the page re-rendered from the action's payload keeps the state identity and the widget's state", async () => {
    assert((await page.textContent("#state-identity")) === identity, "state identity changed");
    assert((await page.textContent("#action-result")).startsWith("pong"), "the widget lost its result");
  });
  // Twice. Each edit re-renders from the server (rsc:update) and refreshes the
  // widget (a js-update: it imports the module's server references). The js-update
  // stops at pre-bundles (Vite would re-import rwsdk's client, react-dom with it,
  // with ?t=: a second instance whose __webpack_require__ replaced the page's while
  // a payload was being read, "Uncaught error: undefined"); the RSC payloads after
  // the refresh resolve the widget's client reference to its new instance, so
  // React keeps the widget instead of remounting it (state lost) at each render.
  const reactDomLoads = () => consoleLines.filter((l) => l.includes("Download the React DevTools")).length;
  for (const n of [1, 2]) {
    await suite.check(`edit ${n} of the "use server" module updates in place: rwsdk's client re-renders, no reload, the widget keeps its state`, async () => {
      const loads = documentLoads;
      const reactDoms = reactDomLoads();
      const from = consoleLines.length;
      const postsBefore = posts.length;
      const before = await page.textContent("#action-result");
      const file = path.join(appDir, "src/app/actions.ts");
      const source = fs.readFileSync(file, "utf8");
      const result = /return `pong[^`]*? state=/;
      assert(result.test(source), "actions.ts has no `pong state=` result");
      fs.writeFileSync(file, source.replace(result, `return \`pong(edit ${n}) state=`));
      // rwsdk's client logs "[rwsdk] hot update <file>" when its rsc:update listener runs.
      const started = Date.now();
      while (!consoleLines.slice(from).some((l) => l.startsWith("[rwsdk] hot update") && l.endsWith("/src/app/actions.ts"))) {
        assert(documentLoads === loads, `the page reloaded after the edit (console: ${JSON.stringify(consoleLines.slice(from))})`);
        assert(Date.now() - started < 20000, `rwsdk's client never re-rendered (console: ${JSON.stringify(consoleLines.slice(from))})`);
        await new Promise((r) => setTimeout(r, 50));
      }
      // Both the refresh and the re-render from the server have been applied.
      while (!consoleLines.slice(from).some((l) => l === "[vite] hot updated: /src/app/components/ClientWidget.tsx") ||
             !posts.slice(postsBefore).some((r) => r.url().includes("__rsc_hot_update"))) {
        assert(Date.now() - started < 20000, `no refresh or no re-render (console: ${JSON.stringify(consoleLines.slice(from))})`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await new Promise((r) => setTimeout(r, 200));
      assert((await page.textContent("#action-result")) === before, "the widget lost its state");
      assert(reactDomLoads() === reactDoms, "react-dom was evaluated again (a pre-bundle re-imported with ?t=)");
      await page.click("#ping");
      await page.waitForFunction((n) => document.querySelector("#action-result")?.textContent.startsWith(`pong(edit ${n})`), n, { timeout: 20000 });
      assert((await page.textContent("#action-result")) === `pong(edit ${n}) state=${identity} middleware=yes markers=[]`,
        `result after the edit: ${await page.textContent("#action-result")}`);
      assert(documentLoads === loads, "the page reloaded");
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      assert((await page.textContent("#action-result")).startsWith(`pong(edit ${n})`),
        "the action's re-render remounted the widget (its result is gone)");
    });
  }
  await suite.check("a new \"use client\" component rendered by the page mid-session hydrates (the page reloads for the new use-client lookup)", async () => {
    fs.writeFileSync(path.join(appDir, "src/app/components/NewWidget.tsx"),
      `"use client";\nimport { useEffect, useState } from "react";\n\n` +
      `export function NewWidget() {\n  const [hydrated, setHydrated] = useState("no");\n  useEffect(() => setHydrated("yes"), []);\n` +
      `  return <p id="new-widget" data-hydrated={hydrated}>new widget</p>;\n}\n`);
    const home = path.join(appDir, "src/app/pages/Home.tsx");
    const source = fs.readFileSync(home, "utf8");
    const anchor = 'import { ClientWidget } from "@/app/components/ClientWidget";';
    assert(source.includes(anchor) && source.includes("<ClientWidget />"), "Home.tsx changed shape");
    fs.writeFileSync(home, source.replace(anchor, `${anchor}\nimport { NewWidget } from "@/app/components/NewWidget";`)
      .replace("<ClientWidget />", "<ClientWidget />\n      <NewWidget />"));
    await page.waitForSelector('#new-widget[data-hydrated="yes"]', { timeout: 30000 });
    assert((await page.textContent("#state-identity")) === identity, "state identity changed");
  });
  await suite.check("no errors in the browser console", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
} finally {
  if (browser) await browser.close();
  const code = await server.stop();
  if (code !== 0 && code !== null) console.log(`serve exited with ${code}\n${server.output().split("\n").slice(-30).join("\n")}`);
  fs.rmSync(appDir, { recursive: true, force: true });
}
process.exit(suite.finish());
