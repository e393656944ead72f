// End to end: `switchyard serve examples/hello` (a RedwoodSDK 1.7.3 app) answers
// GET / with server-rendered HTML; in headless Chromium (Debian's) the counter
// hydrates (rwsdk's initClient), a click increments it, and the "use server"
// action's result shows, with the response header the action set.
// Usage: node hydration.test.mjs <switchyard binary> <examples/hello dir> <tools/js dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { startServe, createSuite, assert, copyApp, launchChromium } from "./serveHarness.mjs";

const [switchyard, helloDir, toolsJs] = process.argv.slice(2);
// A fresh copy of the example: the deps cache starts empty (the cold path).
const appDir = copyApp(helloDir, fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-hydration-")));
const require = createRequire(toolsJs + "/package.json");
const { chromium } = require("playwright-core");

const suite = createSuite();
const server = await startServe(switchyard, appDir);
let browser;
try {
  await suite.check("GET / is server-rendered HTML with the page and the counter", async () => {
    const res = await fetch(server.origin + "/");
    if (res.status !== 200) throw new Error(`status ${res.status}: ${await res.text()}`);
    assert(res.headers.get("content-type").startsWith("text/html"), res.headers.get("content-type"));
    const html = await res.text();
    assert(html.includes("<h1>Hello from Switchyard</h1>"), "heading missing");
    assert(html.includes('id="is-number">isNumber(&quot;42&quot;) is <!-- -->true'), "is-number result missing");
    assert(html.includes('<section id="counter" data-hydrated="no">'), "counter SSR output missing");
    assert(html.includes('<output id="count">1</output>'), "counter SSR count missing");
    assert(html.includes("self.__FLIGHT_DATA"), "inlined RSC payload (rwsdk's rsc-html-stream) missing");
    assert(/<script nonce="[^"]+">import\("\/src\/client.tsx"\)<\/script>/.test(html),
           "the Document's client entry script has no nonce (rwsdk's Document transform)");
    // React's development Flight payload names server frames' files (deps_worker among
    // them) as debug info, as under Vite; no script or preload may load one.
    assert(!/(src|href)="[^"]*deps_worker/.test(html), "the page loads a worker bundle");
  });

  browser = await launchChromium(chromium);
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  const actionResponses = [];
  page.on("response", (r) => { if (r.request().method() === "POST") actionResponses.push(r); });

  await suite.check("the counter hydrates in Chromium", async () => {
    await page.goto(server.origin + "/");
    await page.waitForSelector('#counter[data-hydrated="yes"]', { timeout: 20000 });
  });
  await suite.check("a click increments the counter", async () => {
    await page.click("#increment");
    await page.click("#increment");
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "3", null, { timeout: 5000 });
  });
  await suite.check("the server action's result shows, with the header it set", async () => {
    await page.click("#greet");
    await page.waitForFunction(
      () => document.querySelector("#action-result")?.textContent.includes("The server saw count 3"),
      null, { timeout: 10000 });
    const post = actionResponses.at(-1);
    assert(post, "no POST seen");
    assert(post.headers()["x-greeted"] === "Switchyard", `x-greeted: ${post.headers()["x-greeted"]}`);
  });
  await suite.check("no errors in the browser console", async () => {
    assert(problems.length === 0, problems.join("\n"));
  });
} finally {
  if (browser) await browser.close();
  const code = await server.stop();
  fs.rmSync(appDir, { recursive: true, force: true });
  if (suite && code !== 0 && code !== null) console.log(`serve exited with ${code}`);
}
process.exit(suite.finish());
