// The live loop in Chromium: editing a server component re-renders the page in
// place (no reload, client state kept); a syntax error shows the error overlay
// with file and line, fixing it recovers without a restart; a self-accepting
// module re-imported after its dependency changed imports it with `?t=` and
// gets the new instance; editing a "use client" component refreshes it in
// place (React Fast Refresh: tests/e2e/fastRefresh.test.mjs has the details).
// Usage: node hmr.test.mjs <switchyard binary> <examples/hello dir> <tools/js dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { startServe, createSuite, assert, atomicWriter, copyApp, launchChromium } from "./serveHarness.mjs";

const [switchyard, helloDir, toolsJs] = process.argv.slice(2);
const require = createRequire(toolsJs + "/package.json");
const { chromium } = require("playwright-core");

const appDir = copyApp(helloDir, fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-hmr-")));
const home = path.join(appDir, "src/app/pages/Home.tsx");
const writeAtomically = atomicWriter(appDir);
const counter = path.join(appDir, "src/app/components/Counter.tsx");
const original = fs.readFileSync(home, "utf8");
const edit = (file, from, to) => {
  const text = fs.readFileSync(file, "utf8");
  assert(text.includes(from), `${file} has no ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
};

const suite = createSuite();
const server = await startServe(switchyard, appDir);
let browser;
try {
  browser = await launchChromium(chromium);
  const page = await browser.newPage();
  await page.goto(server.origin + "/");
  await page.waitForSelector('#counter[data-hydrated="yes"]', { timeout: 20000 });
  await page.waitForFunction(() => window.__SWITCHYARD_HMR__?.connected === true, null, { timeout: 10000 });
  await page.click("#increment");
  await page.click("#increment");
  await page.waitForFunction(() => document.querySelector("#count")?.textContent === "3");
  await page.evaluate(() => { window.__sameDocument = true; });

  await suite.check("editing a server component re-renders in place, keeping client state", async () => {
    const started = Date.now();
    edit(home, "Hello from Switchyard", "Hello, edited live");
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Hello, edited live",
      null, { timeout: 10000 });
    const sameDocument = await page.evaluate(() => window.__sameDocument === true);
    assert(sameDocument, "the page reloaded");
    const count = await page.textContent("#count");
    assert(count === "3", `counter state lost: ${count}`);
    console.log(`  server component edit -> updated DOM in ${Date.now() - started} ms`);
  });

  await suite.check("a syntax error shows the overlay with file and line; the server keeps serving", async () => {
    edit(home, "<main>", "<main>{(");
    await page.waitForSelector("#switchyard-error-overlay", { timeout: 10000 });
    const text = await page.textContent("#switchyard-error-overlay");
    assert(text.includes("Home.tsx"), `overlay: ${text}`);
    assert(/Home\.tsx[^\n]*\d+/.test(text), `overlay has no line: ${text}`);
    // The page's graph is broken, so GET / answers a clear 500; the server is alive.
    const res = await fetch(server.origin + "/");
    const body = await res.text();
    assert(res.status === 500 && body.includes("Home.tsx"), `GET /: ${res.status} ${body.slice(0, 300)}`);
    const favicon = await fetch(server.origin + "/favicon.svg");
    assert(favicon.status === 200, `public file: ${favicon.status}`);
  });

  await suite.check("fixing the file recovers without a restart", async () => {
    fs.writeFileSync(home, original.replace("Hello from Switchyard", "Hello, fixed"));
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Hello, fixed",
      null, { timeout: 10000 });
    await page.waitForFunction(() => !document.querySelector("#switchyard-error-overlay"), null, { timeout: 5000 });
    const res = await fetch(server.origin + "/");
    assert(res.status === 200 && (await res.text()).includes("Hello, fixed"), "GET / not fixed");
  });

  await suite.check("a runtime error in a server component shows the overlay with its stack; fixing recovers", async () => {
    // One watcher event (a rename), so one re-render request.
    writeAtomically("src/app/pages/Home.tsx", original.replace("export function Home({ request, ctx }: RequestInfo) {",
      "export function Home({ request, ctx }: RequestInfo) {\n  if (Date.now() > 0) throw new Error(\"boom from Home\");"));
    // rwsdk re-renders through an RSC request, which never finishes when the page
    // throws (rwsdk awaits a promise only a successful render settles): it fails as
    // hung, as workerd fails it, and the overlay says so.
    await page.waitForFunction(
      () => document.querySelector("#switchyard-error-overlay")?.textContent.includes("had hung"), null, { timeout: 10000 });
    // The page's HTML answers 500 with the error and its stack, and the overlay shows it.
    const failed = await fetch(server.origin + "/");
    const failure = await failed.text();
    assert(failed.status === 500 && failure.includes("boom from Home") && failure.includes("Home.tsx"),
      `GET /: ${failed.status} ${failure.slice(0, 300)}`);
    await page.waitForFunction(() => {
      const text = document.querySelector("#switchyard-error-overlay")?.textContent ?? "";
      return text.includes("boom from Home") && text.includes("Home.tsx");
    }, null, { timeout: 10000 });
    // After a failed server render the page reloads on the next server update
    // (rwsdk's client lost its root on the failed re-render).
    fs.writeFileSync(home, original.replace("Hello from Switchyard", "Hello again"));
    await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Hello again",
      null, { timeout: 10000 });
    await page.waitForFunction(() => !document.querySelector("#switchyard-error-overlay"), null, { timeout: 5000 });
    const res = await fetch(server.origin + "/");
    assert(res.status === 200 && (await res.text()).includes("Hello again"), "GET / not recovered");
    await page.waitForSelector('#counter[data-hydrated="yes"]', { timeout: 20000 });
    await page.waitForFunction(() => window.__SWITCHYARD_HMR__?.connected === true, null, { timeout: 10000 });
    await page.evaluate(() => { window.__sameDocument = true; });
  });

  await suite.check("a self-accepting module re-imported after its dependency changed gets the new dependency (?t=)", async () => {
    const probeDir = path.join(appDir, "src/hotProbe");
    fs.mkdirSync(probeDir, { recursive: true });
    fs.writeFileSync(path.join(probeDir, "dep.js"), "export const value = \"one\";\n");
    fs.writeFileSync(path.join(probeDir, "boundary.js"),
      "import { value } from \"./dep.js\";\nwindow.__probe = value;\nwindow.__probeUrl = import.meta.url;\n" +
      "import.meta.hot.accept();\n");
    await page.evaluate(() => import("/src/hotProbe/boundary.js"));
    assert((await page.evaluate(() => window.__probe)) === "one", "probe not loaded");
    fs.writeFileSync(path.join(probeDir, "dep.js"), "export const value = \"two\";\n");
    await page.waitForFunction(() => window.__probe === "two", null, { timeout: 10000 });
    // The new instance is the boundary's URL with the payload's ?t=; served
    // again, it imports the dependency with the same ?t=.
    const url = await page.evaluate(() => window.__probeUrl);
    const t = new URL(url).searchParams.get("t");
    assert(t, `re-imported without ?t=: ${url}`);
    const served = await (await fetch(url)).text();
    assert(served.includes(`/src/hotProbe/dep.js?t=${t}`), `boundary: ${served.slice(0, 400)}`);
    assert(await page.evaluate(() => window.__sameDocument === true), "the page reloaded");
  });

  await suite.check("editing a \"use client\" component refreshes it in place (React Fast Refresh)", async () => {
    const before = await page.textContent("#count");
    edit(counter, ">\n        Increment\n", ">\n        Add one\n");
    await page.waitForFunction(() => document.querySelector("#increment")?.textContent.trim() === "Add one",
      null, { timeout: 15000 });
    const sameDocument = await page.evaluate(() => window.__sameDocument === true);
    assert(sameDocument, "the page reloaded (the component is a refresh boundary)");
    const count = await page.textContent("#count");
    assert(count === before, `counter state lost: ${count} (was ${before})`);
    // The DOM above is React's client render; the server's HTML must agree
    // (a stale server render only shows as a hydration mismatch).
    const html = await (await fetch(server.origin + "/")).text();
    assert(/id="increment"[^>]*>\s*Add one\s*</.test(html), "the server still renders the old button");
  });
} finally {
  if (browser) await browser.close();
  await server.stop();
  fs.rmSync(appDir, { recursive: true, force: true });
}
process.exit(suite.finish());
