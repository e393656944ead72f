// Issue 10, section 2 end to end on a copy of examples/realworld: what the
// server sends for JSON modules (server and client component), an SVG
// imported as a URL and rendered as <img> (fetchable: right content-type and
// bytes), ?raw and ?url of a Markdown file, a .wasm module the worker
// instantiates, Vite's direct-request vs ?import distinction, the module types
// in `switchyard graph`, `switchyard test` on the app's tests/assets.test.ts;
// in Chromium the page hydrates, the <img> loads and the client component
// reads the JSON; a JSON syntax error gives a 500 and an HMR error naming the
// file, line, column and environment, and fixing it recovers.
// Usage: node assets.test.mjs <switchyard binary> <examples/realworld dir> <tools/js dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { startServe, createSuite, assert, atomicWriter, afterHmrUpdate, readJournal, launchChromium } from "./serveHarness.mjs";

const [switchyard, appSource, toolsJs] = process.argv.slice(2).map((p) => path.resolve(p));
const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-assets-"));
for (const f of fs.readdirSync(appSource)) {
  if (f === "node_modules" || f === ".switchyard") continue;
  fs.cpSync(path.join(appSource, f), path.join(appDir, f), { recursive: true });
}
fs.symlinkSync(path.join(appSource, "node_modules"), path.join(appDir, "node_modules"));
const read = (rel) => fs.readFileSync(path.join(appDir, rel));
// .bin files of 3, 4 and 5 bytes (base64 with no, two and one '=' of padding)
// and a test file that checks the Data rule's ArrayBuffer byte for byte.
fs.mkdirSync(path.join(appDir, "tests/fixtures"), { recursive: true });
for (const n of [3, 4, 5]) fs.writeFileSync(path.join(appDir, `tests/fixtures/b${n}.bin`), Buffer.from([...Array(n).keys()].map((i) => 250 - i * 61)), { flag: "w" });
fs.writeFileSync(path.join(appDir, "tests/fixtures/broken.wasm"), "not wasm");
fs.writeFileSync(path.join(appDir, "tests/bytes.test.ts"), `
import { expect, it } from "vitest";
import b3 from "./fixtures/b3.bin";
import b4 from "./fixtures/b4.bin";
import b5 from "./fixtures/b5.bin";
it("a .bin import is an ArrayBuffer of the file's bytes (wrangler's Data rule)", () => {
  for (const [buffer, n] of [[b3, 3], [b4, 4], [b5, 5]] as const) {
    expect(buffer).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(buffer)]).toEqual([...Array(n).keys()].map((i) => (250 - i * 61) & 255));
  }
});
it("a .wasm file that is not WebAssembly fails naming the file and environment", async () => {
  await expect(import("./fixtures/broken.wasm")).rejects.toThrow(
    /\\/tests\\/fixtures\\/broken\.wasm \\(environment worker\\) is not a valid WebAssembly module .*magic/);
});
`);
const write = atomicWriter(appDir);
const journal = path.join(appDir, ".switchyard", "journal.sqlite");
const require = createRequire(toolsJs + "/package.json");
const { chromium } = require("playwright-core");

async function get(url, headers = {}) {
  const res = await fetch(url, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get("content-type") || "", bytes, text: bytes.toString("utf8") };
}
/// Evaluates a served ES module (one without imports) in node and returns its namespace.
const evaluate = (code) => import("data:text/javascript;base64," + Buffer.from(code).toString("base64"));

const suite = createSuite();
const server = await startServe(switchyard, appDir, ["--journal", journal]);
let browser;
try {
  await suite.check("GET / renders the JSON, the <img> URL, ?raw, ?url and the wasm result", async () => {
    const r = await get(server.origin + "/");
    assert(r.status === 200, `${r.status}: ${r.text.slice(0, 3000)}`);
    const html = r.text;
    // JSON in a server component: named exports (items, updated) and a non-identifier key.
    assert(html.includes('data-id="p2"') && html.includes("Point lever"), "product list missing");
    assert(html.includes("Ships within two working days"), "the default export's \"shipping-note\" missing");
    // JSON in a client component (SSR): default and named export.
    assert(/<output id="price">24<!-- --> <!-- -->EUR<\/output>/.test(html), html.match(/<output id="price">.*?<\/output>/)?.[0]);
    assert(html.includes('<img id="logo" src="/src/app/assets/logo.svg"'), "img src is not the served URL");
    assert(html.includes("# About this yard"), "?raw text missing");
    assert(html.includes('<a id="about-link" href="/src/app/content/about.md">'), "?url link missing");
    assert(html.includes("19<!-- --> + <!-- -->23<!-- --> = <!-- -->42"), html.match(/<p id="wasm-sum">.*?<\/p>/)?.[0]);
  });

  await suite.check("the <img> URL is the file: image/svg+xml and its bytes (a direct request)", async () => {
    const r = await get(server.origin + "/src/app/assets/logo.svg", { accept: "image/avif,image/webp,*/*" });
    assert(r.status === 200, `${r.status} ${r.text}`);
    assert(r.type.startsWith("image/svg+xml"), r.type);
    assert(r.bytes.equals(read("src/app/assets/logo.svg")), "bytes differ from the file");
    const md = await get(server.origin + "/src/app/content/about.md");
    assert(md.status === 200 && md.type.startsWith("text/markdown") && md.bytes.equals(read("src/app/content/about.md")), `${md.status} ${md.type}`);
    const wasm = await get(server.origin + "/src/app/wasm/add.wasm");
    assert(wasm.type === "application/wasm" && wasm.bytes.equals(read("src/app/wasm/add.wasm")), wasm.type);
    const json = await get(server.origin + "/src/app/data/products.json");
    assert(json.type.startsWith("application/json") && json.bytes.equals(read("src/app/data/products.json")), json.type);
  });

  await suite.check("a client module imports JSON with ?import and gets a module with default and named exports", async () => {
    const picker = await get(server.origin + "/src/app/components/ProductPicker.tsx");
    assert(picker.status === 200, picker.text);
    assert(/["']\/src\/app\/data\/products\.json\?import["']/.test(picker.text), picker.text.slice(0, 2000));
    const json = await get(server.origin + "/src/app/data/products.json?import");
    assert(json.status === 200 && json.type.startsWith("text/javascript"), `${json.status} ${json.type}`);
    const ns = await evaluate(json.text);
    assert(ns.currency === "EUR" && ns.default.items.length === 3 && ns.default["shipping-note"].startsWith("Ships"), JSON.stringify(ns));
    const raw = await evaluate((await get(server.origin + "/src/app/content/about.md?import&raw")).text);
    assert(raw.default === read("src/app/content/about.md").toString(), raw.default);
    const url = await evaluate((await get(server.origin + "/src/app/content/about.md?import&url")).text);
    assert(url.default === "/src/app/content/about.md", url.default);
    const svg = await evaluate((await get(server.origin + "/src/app/assets/logo.svg?import")).text);
    assert(svg.default === "/src/app/assets/logo.svg", svg.default);
  });

  await suite.check("`switchyard graph` (JSON and text) and `inspect` give each module its type", async () => {
    const { spawnSync } = await import("node:child_process");
    const run = (env) => {
      const r = spawnSync(switchyard, ["graph", appDir, "--env", env, "--json"], { encoding: "utf8", timeout: 120000 });
      assert(r.status === 0, `graph --env ${env} exited ${r.status}: ${r.stderr}`);
      return Object.fromEntries(JSON.parse(r.stdout).modules.map((m) => [m.id.slice(fs.realpathSync(appDir).length), m.type]));
    };
    const worker = run("worker");
    const want = {
      "/src/app/data/products.json": "json", "/src/app/assets/logo.svg": "asset",
      "/src/app/content/about.md?raw": "raw", "/src/app/content/about.md?url": "url",
      "/src/app/wasm/add.wasm": "wasm", "/src/app/pages/Home.tsx": "js",
    };
    for (const [id, type] of Object.entries(want)) assert(worker[id] === type, `worker ${id}: ${worker[id]}`);
    const client = run("client");
    assert(client["/src/app/data/products.json"] === "json", `client products.json: ${client["/src/app/data/products.json"]}`);
    const text = spawnSync(switchyard, ["graph", appDir, "--env", "worker"], { encoding: "utf8", timeout: 120000 }).stdout;
    assert(/products\.json \[json\]/.test(text) && /logo\.svg \[asset\]/.test(text), text);
    const inspect = spawnSync(switchyard, ["inspect", path.join(appDir, "src/app/wasm/add.wasm"), "--env", "worker"], { encoding: "utf8", timeout: 120000 });
    assert(inspect.status === 0 && /\n  type wasm\n/.test(inspect.stdout), `inspect exited ${inspect.status}: ${inspect.stdout}${inspect.stderr}`);
  });

  await suite.check("`switchyard test` runs tests/assets.test.ts (JSON, wasm, SVG URL, ?raw) and .bin bytes, a broken .wasm's error, in test isolates", async () => {
    const { spawnSync } = await import("node:child_process");
    for (const pool of ["isolates", "contexts"]) {
      const r = spawnSync(switchyard, ["test", appDir, "assets", "bytes", "--pool", pool], { encoding: "utf8", timeout: 180000 });
      assert(r.status === 0 && /6 passed/.test(r.stdout), `--pool ${pool} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
    }
  });

  browser = await launchChromium(chromium);
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  // The app links no favicon: Chromium's own /favicon.ico request may 404.
  page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) problems.push(`${r.status()} ${r.url()}`); });

  await suite.check("in Chromium the <img> loads and the client component reads the JSON after hydration", async () => {
    await page.goto(server.origin + "/");
    await page.waitForFunction(() => document.querySelector("#logo")?.complete, null, { timeout: 20000 });
    const width = await page.evaluate(() => document.querySelector("#logo").naturalWidth);
    assert(width === 64, `the <img> did not load (naturalWidth ${width})`);
    // Hydrated: choosing another product updates the price from the JSON module.
    await page.waitForFunction(() => {
      const s = document.querySelector("#product");
      return s && Object.keys(s).some((k) => k.startsWith("__react"));
    }, null, { timeout: 20000 });
    await page.selectOption("#product", "p3");
    // Vite's .wasm?init in the browser: a function that instantiates the module.
    const sum = await page.evaluate(async () => {
      const { default: init } = await import("/src/app/wasm/add.wasm?import&init");
      return (await init()).exports.add(20, 22);
    });
    assert(sum === 42, `add.wasm?init gave ${sum}`);
    await page.waitForFunction(() => document.querySelector("#price")?.textContent === "112 EUR", null, { timeout: 5000 });
    assert(problems.length === 0, problems.join("\n"));
  });

  await suite.check("a JSON syntax error: 500 and an HMR error naming file, line, column and environment; fixing it recovers", async () => {
    const good = read("src/app/data/products.json").toString();
    const broken = good.replace('"currency": "EUR",', '"currency": "EUR",,');
    await afterHmrUpdate(switchyard, journal, () => write("src/app/data/products.json", broken));
    const r = await get(server.origin + "/");
    assert(r.status === 500, `status ${r.status}`);
    assert(/Failed to parse JSON file.*\/src\/app\/data\/products\.json \(2:21, environment (worker|ssr)\)/.test(r.text), r.text.slice(0, 1500));
    const errors = readJournal(switchyard, journal, "hmr").map((e) => JSON.stringify(e)).filter((e) => e.includes("products.json"));
    assert(errors.some((e) => e.includes("Failed to parse JSON file") && e.includes('"line":2') && e.includes('"column":21')),
           errors.join("\n").slice(0, 2000));
    await afterHmrUpdate(switchyard, journal, () => write("src/app/data/products.json", good.replace("Point lever", "Point lever v2")));
    const fixed = await get(server.origin + "/");
    assert(fixed.status === 200 && fixed.text.includes("Point lever v2"), `${fixed.status}: ${fixed.text.slice(0, 1000)}`);
  });

  await suite.check("an edit of a ?raw file reaches the next render", async () => {
    await afterHmrUpdate(switchyard, journal, () => write("src/app/content/about.md", "# About, edited\n"));
    const r = await get(server.origin + "/");
    assert(r.status === 200 && r.text.includes("# About, edited"), r.text.slice(0, 1000));
  });
} finally {
  if (browser) await browser.close();
  await server.stop();
  fs.rmSync(appDir, { recursive: true, force: true });
}
process.exit(suite.finish());
