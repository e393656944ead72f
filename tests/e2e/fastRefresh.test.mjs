// React Fast Refresh in Chromium on examples/realworld's client Counter: an
// edit re-renders the component in place (the count survives, no reload, the
// server sent a js-update for that module, not a full-reload); a syntax error
// shows the overlay and fixing it refreshes in place again; a module that is
// not a refresh boundary (it exports a non-component whose value changed)
// falls back to a reload, after the browser's invalidate. Invalidate messages
// for unknown modules, for a module that was not hot-updated, or malformed
// ones, change nothing.
// Usage: node fastRefresh.test.mjs <switchyard binary> <examples/realworld dir> <tools/js dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { setTimeout as sleep } from "node:timers/promises";
import { startServe, createSuite, assert, atomicWriter, readJournal, launchChromium } from "./serveHarness.mjs";

const [switchyard, exampleDir, toolsJs] = process.argv.slice(2);
const require = createRequire(toolsJs + "/package.json");
const { chromium } = require("playwright-core");

const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-refresh-"));
for (const f of fs.readdirSync(exampleDir)) {
  if (f === "node_modules" || f === ".switchyard") continue;
  fs.cpSync(path.join(exampleDir, f), path.join(appDir, f), { recursive: true });
}
fs.symlinkSync(fs.realpathSync(path.join(exampleDir, "node_modules")), path.join(appDir, "node_modules"));
const journal = path.join(appDir, "journal.sqlite");
const counterRel = "src/app/components/Counter.tsx";
const counterUrl = "/" + counterRel;
const write = atomicWriter(appDir);
let counterText = fs.readFileSync(path.join(appDir, counterRel), "utf8");
const editCounter = (from, to) => {
  assert(counterText.includes(from), `Counter.tsx has no ${from}`);
  counterText = counterText.replace(from, to);
  write(counterRel, counterText);
};

// HMR payloads the server sent after the journal held `since` of them.
const hmrSince = (since) => readJournal(switchyard, journal, "hmr").slice(since).map((e) => e.data.payload);
const hmrCount = () => readJournal(switchyard, journal, "hmr").length;
async function waitForPayloads(since, predicate, timeoutMs = 15000) {
  const started = Date.now();
  for (;;) {
    const payloads = hmrSince(since);
    if (predicate(payloads)) return payloads;
    assert(Date.now() - started < timeoutMs, `no such HMR payload within ${timeoutMs} ms: ${JSON.stringify(payloads)}`);
    await sleep(100);
  }
}
const isCounterJsUpdate = (p) =>
  p.type === "update" && p.updates.some((u) => u.type === "js-update" && u.path === counterUrl && u.acceptedPath === counterUrl);

const suite = createSuite();
const server = await startServe(switchyard, appDir, ["--journal", journal]);
let browser;
try {
  browser = await launchChromium(chromium);
  const page = await browser.newPage();
  const consoleLines = [];
  page.on("console", (m) => consoleLines.push(m.text()));
  await page.goto(server.origin + "/");
  await page.waitForSelector('#counter[data-hydrated="yes"]', { timeout: 20000 });
  await page.waitForFunction(() => window.__SWITCHYARD_HMR__?.connected === true, null, { timeout: 10000 });
  for (let i = 0; i < 3; i++) await page.click("#increment");
  await page.waitForFunction(() => document.querySelector("#count")?.textContent === "3");
  await page.evaluate(() => { window.__sameDocument = true; });

  await suite.check("the client entry loads React Refresh's preamble before React DOM; Counter registers itself", async () => {
    const counter = await (await fetch(server.origin + counterUrl)).text();
    assert(counter.includes("$RefreshReg$(") && counter.includes("import.meta.hot.accept("), `Counter served without refresh: ${counter.slice(-600)}`);
    assert(counter.includes("/@id/virtual:switchyard:react-refresh"), "Counter does not import the refresh runtime");
    // React DOM reported its root to the refresh runtime: the preamble ran before it loaded.
    const roots = await page.evaluate(async () => (await import("/@id/virtual:switchyard:react-refresh")).mountedRootCount());
    assert(roots >= 1, `the refresh runtime knows ${roots} mounted roots (the preamble ran after React DOM?)`);
  });

  await suite.check("invalidate messages for unknown or never hot-updated modules change nothing", async () => {
    const since = hmrCount();
    // A socket of its own (with the server's token), so the page's HMR client keeps its state.
    await page.evaluate(async () => {
      // The token /@vite/client was served with (Vite 6.0.9+ bakes it into the client too).
      const token = /"token":"([^"]*)"/.exec(await (await fetch("/@vite/client")).text())[1];
      const ws = new WebSocket(`ws://${location.host}/@switchyard/hmr?token=${encodeURIComponent(token)}`);
      await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
      const invalidate = (data) => ws.send(JSON.stringify({ type: "custom", event: "vite:invalidate", data }));
      invalidate({ path: "/src/app/nope.tsx", message: "unknown module" });
      invalidate({ path: "/src/app/components/Counter.tsx", message: "not hot-updated yet" });
      invalidate({ path: 42 });
      invalidate("not an object");
      ws.send("{ not json");
      ws.send(JSON.stringify({ type: "custom", event: "vite:invalidate" }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      ws.close();
    });
    await sleep(500);
    assert(hmrSince(since).length === 0, `the server answered: ${JSON.stringify(hmrSince(since))}`);
    assert(await page.evaluate(() => window.__sameDocument === true), "the page reloaded");
    const invalidations = readJournal(switchyard, journal, "invalidation").filter((e) => e.data.cause === "import.meta.hot.invalidate");
    assert(invalidations.length === 0, `journaled: ${JSON.stringify(invalidations)}`);
  });

  await suite.check("editing the component's text updates the DOM in place: count kept, no reload, a js-update", async () => {
    const since = hmrCount();
    const started = Date.now();
    editCounter(">\n        Increment\n", ">\n        Add one\n");
    await page.waitForFunction(() => document.querySelector("#increment")?.textContent.trim() === "Add one",
      null, { timeout: 15000 });
    const ms = Date.now() - started;
    assert(await page.evaluate(() => window.__sameDocument === true), "the page reloaded");
    const count = await page.textContent("#count");
    assert(count === "3", `counter state lost: ${count}`);
    const payloads = await waitForPayloads(since, (ps) => ps.some(isCounterJsUpdate));
    assert(!payloads.some((p) => p.type === "full-reload"), `the server sent a full-reload: ${JSON.stringify(payloads)}`);
    // The next click still works on the refreshed component (its state is React's, not a copy).
    await page.click("#increment");
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "4");
    console.log(`  edit -> updated DOM in ${ms} ms`);
    // The server's HTML agrees (the ssr copy was updated too).
    const html = await (await fetch(server.origin + "/")).text();
    assert(/id="increment"[^>]*>\s*Add one\s*</.test(html), "the server still renders the old button");
    // Only the client copy changed (the worker's copy is a client reference): no RSC
    // refetch (it would also meet the old instance's references and remount the component).
    const all = hmrSince(since);
    assert(!all.some((p) => p.type === "custom" && ["switchyard:rsc-update", "rsc:update"].includes(p.event)),
      `an rsc-update was sent for a client-only edit: ${JSON.stringify(all)}`);
  });

  await suite.check("a syntax error shows the overlay; fixing it refreshes in place and keeps the count", async () => {
    const since = hmrCount();
    editCounter("Count: <output", "Count: {( <output");
    await page.waitForSelector("#switchyard-error-overlay", { timeout: 10000 });
    const text = await page.textContent("#switchyard-error-overlay");
    assert(text.includes("Counter.tsx") && /Counter\.tsx[^\n]*\d+/.test(text), `overlay: ${text}`);
    await waitForPayloads(since, (ps) => ps.some((p) => p.type === "error"));
    editCounter("Count: {( <output", "Clicks: <output");
    await page.waitForFunction(() => document.querySelector("#counter p")?.textContent.startsWith("Clicks:"),
      null, { timeout: 15000 });
    await page.waitForFunction(() => !document.querySelector("#switchyard-error-overlay"), null, { timeout: 5000 });
    assert(await page.evaluate(() => window.__sameDocument === true), "the page reloaded");
    const count = await page.textContent("#count");
    assert(count === "4", `counter state lost: ${count}`);
    const payloads = hmrSince(since);
    assert(payloads.some(isCounterJsUpdate) && !payloads.some((p) => p.type === "full-reload"),
      `expected a js-update and no full-reload: ${JSON.stringify(payloads)}`);
    // The fixed file gives back the worker's client reference it had before the error:
    // no RSC refetch, whose re-render raced the refresh and remounted Counter (count 0).
    assert(!payloads.some((p) => p.type === "custom"), `a server update went out: ${JSON.stringify(payloads).slice(0, 600)}`);
  });

  await suite.check("a module that is not a refresh boundary (a changed non-component export) falls back to a reload", async () => {
    // First a constant next to the component (a new export: not refreshable either).
    editCounter("export function Counter() {", "export const STEP = 1;\n\nexport function Counter() {");
    editCounter("setCount((c) => c + 1)", "setCount((c) => c + STEP)");
    await page.waitForFunction(() => window.__sameDocument !== true, null, { timeout: 15000 }).catch(() => {});
    await page.waitForSelector('#counter[data-hydrated="yes"]', { timeout: 20000 });
    await page.waitForFunction(() => window.__SWITCHYARD_HMR__?.connected === true, null, { timeout: 10000 });
    await page.evaluate(() => { window.__sameDocument = true; });
    const since = hmrCount();
    editCounter("export const STEP = 1;", "export const STEP = 2;");
    await page.waitForFunction(() => window.__sameDocument !== true, null, { timeout: 15000 });
    await page.waitForSelector('#counter[data-hydrated="yes"]', { timeout: 20000 });
    await page.click("#increment");
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "2", null, { timeout: 5000 });
    // The server first offered the module its js-update; the browser's refresh
    // runtime invalidated it and the server then propagated it: a full-reload.
    const payloads = await waitForPayloads(since, (ps) => ps.some((p) => p.type === "full-reload"));
    assert(payloads.findIndex(isCounterJsUpdate) >= 0 &&
      payloads.findIndex(isCounterJsUpdate) < payloads.findIndex((p) => p.type === "full-reload"),
      `expected a js-update, then a full-reload: ${JSON.stringify(payloads)}`);
    const invalidations = readJournal(switchyard, journal, "invalidation")
      .filter((e) => e.data.cause === "import.meta.hot.invalidate");
    assert(invalidations.some((e) => /STEP/.test(e.data.message)), `no journaled invalidate naming STEP: ${JSON.stringify(invalidations)}`);
  });
} finally {
  if (browser) await browser.close();
  await server.stop();
  fs.rmSync(appDir, { recursive: true, force: true });
}
process.exit(suite.finish());
