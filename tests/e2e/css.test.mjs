// Stylesheets end to end on a copy of examples/realworld (a RedwoodSDK app:
// Tailwind through @tailwindcss/vite, @fontsource/inter, a CSS module used by
// a server and a client component), in Debian's Chromium:
// - RedwoodSDK's documented form, `import styles from "./styles.css?url"` +
//   `<link rel="stylesheet" href={styles} />` in the Document: the server's
//   HTML links the font's and the app's stylesheets in <head>; each link
//   answers text/css (processed, Tailwind ran), the same URL imported from JS
//   answers a module;
// - with JavaScript off the page is already styled by those links;
// - CSS module class names are the same in the server HTML and the client,
//   whose component injects the module's stylesheet (no second copy of a
//   linked one);
// - a CSS edit, an edit of a CSS module (linked by a server component, or
//   injected by a client one) and an edit of an @imported file reach the page
//   without a reload; an edit of a linked stylesheet is a css-update of that
//   link (which carries no data-vite-dev-id);
// - a broken stylesheet shows the overlay with file and line; fixing recovers;
// - a stylesheet a server component starts linking applies after the edit;
// - a page whose first load meets a broken stylesheet shows the overlay (the
//   failed request's error, kept for the socket the page opens after it, as
//   Vite does); fixing the file recovers;
// - `switchyard test` runs tests/styles.test.ts (CSS modules, ?inline, links).
// Usage: node css.test.mjs <switchyard binary> <examples/realworld dir> <tools/js dir>
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { startServe, createSuite, assert, atomicWriter, launchChromium } from "./serveHarness.mjs";

const [switchyard, realworldDir, toolsJs] = process.argv.slice(2);
const require = createRequire(toolsJs + "/package.json");
const { chromium } = require("playwright-core");

const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-css-"));
for (const f of ["src", "public", "tests", "wrangler.jsonc", "package.json", "package-lock.json", "vite.config.mts", "tsconfig.json", "tsconfig.base.json", "types", "worker-configuration.d.ts"]) {
  fs.cpSync(path.join(realworldDir, f), path.join(appDir, f), { recursive: true });
}
fs.symlinkSync(path.join(realworldDir, "node_modules"), path.join(appDir, "node_modules"));
const write = atomicWriter(appDir);
const read = (rel) => fs.readFileSync(path.join(appDir, rel), "utf8");
const edit = (rel, from, to) => {
  const text = read(rel);
  assert(text.includes(from), `${rel} has no ${from}`);
  write(rel, text.replace(from, to));
};
// The app gets an @imported stylesheet of its own for the dependency edit.
write("src/app/theme.css", ".theme-probe { color: rgb(10, 20, 30); }\n");
edit("src/app/styles.css", '@import "tailwindcss";', '@import "tailwindcss";\n@import "./theme.css";');
edit("src/app/pages/Home.tsx", "<Counter />", '<Counter />\n      <p id="theme-probe" className="theme-probe">theme</p>\n      <p id="notice" className={notice.notice}>notice</p>');
// ... and a CSS module only a server component uses, which links it itself.
write("src/app/pages/Notice.module.css", ".notice { color: rgb(1, 1, 1); }\n");
edit("src/app/pages/Home.tsx", 'import { Counter }', 'import notice from "./Notice.module.css";\nimport noticeHref from "./Notice.module.css?url";\nimport { Counter }');
edit("src/app/pages/Home.tsx", '<main className="mx-auto max-w-2xl p-8">', '<main className="mx-auto max-w-2xl p-8">\n      <link rel="stylesheet" href={noticeHref} />');

// One more stylesheet in the Document, the same way it links styles.css.
write("src/app/linked.css", ".linked-probe { color: rgb(11, 12, 13); }\n");
edit("src/app/Document.tsx", 'import styles from "./styles.css?url";', 'import styles from "./styles.css?url";\nimport linkedStyles from "./linked.css?url";');
edit("src/app/Document.tsx", "<link rel=\"stylesheet\" href={styles} />", '<link rel="stylesheet" href={styles} />\n      <link rel="stylesheet" href={linkedStyles} />');
edit("src/app/pages/Home.tsx", '<p id="theme-probe"', '<p id="linked-probe" className="linked-probe">linked</p>\n      <p id="theme-probe"');

const suite = createSuite();

// switchyard test: the app's tests/styles.test.ts in worker isolates and realms.
for (const pool of ["isolates", "contexts"]) {
  await suite.check(`switchyard test (--pool ${pool}): CSS modules, ?inline and the Document's links in the worker`, async () => {
    const r = spawnSync(switchyard, ["test", appDir, "styles", "--pool", pool], { encoding: "utf8", timeout: 170000 });
    assert(r.status === 0 && /3 passed/.test(r.stdout), `exit ${r.status}:\n${r.stdout}\n${r.stderr}`);
  });
}

const server = await startServe(switchyard, appDir);
let browser;
try {
  const html = await (await fetch(server.origin + "/")).text();
  const head = html.slice(0, html.indexOf("</head>"));
  const links = [...head.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => ({ href: m[1] }));

  await suite.check("the server HTML links the Document's stylesheets (?url) in <head>, in its order", async () => {
    const hrefs = links.map((l) => l.href);
    const font = hrefs.findIndex((h) => h.endsWith("/@fontsource/inter/index.css"));
    assert(font >= 0, `no @fontsource/inter link: ${hrefs}`);
    assert(font < hrefs.indexOf("/src/app/styles.css") && hrefs.indexOf("/src/app/styles.css") < hrefs.indexOf("/src/app/linked.css"), `order: ${hrefs}`);
    assert(new Set(hrefs).size === hrefs.length, `a stylesheet is linked twice: ${hrefs}`);
    // The page's server component links its CSS module itself (React hoists nothing without precedence).
    assert(html.includes('<link rel="stylesheet" href="/src/app/pages/Notice.module.css"/>'), "no link to the server component's CSS module");
  });

  await suite.check("a linked stylesheet answers text/css, processed; imported from JS it is a module", async () => {
    const css = await fetch(server.origin + "/src/app/styles.css", { headers: { accept: "text/css,*/*;q=0.1" } });
    assert(css.status === 200, `status ${css.status}`);
    assert(css.headers.get("content-type").startsWith("text/css"), `content-type ${css.headers.get("content-type")}`);
    const text = await css.text();
    assert(!text.includes('@import "tailwindcss"') && text.includes(".text-sky-700"), "Tailwind did not run");
    assert(text.includes(".theme-probe"), "the @imported theme.css is not inlined");
    const card = await (await fetch(server.origin + "/src/app/components/Card.module.css", { headers: { accept: "text/css" } })).text();
    assert(/\.[\w-]*card[\w-]*\s*\{/.test(card) && !/^\.card\s*\{/m.test(card), `CSS module classes not hashed: ${card.slice(0, 200)}`);
    const font = links.find((l) => l.href.endsWith("/@fontsource/inter/index.css"));
    const fontCss = await (await fetch(server.origin + font.href, { headers: { accept: "text/css" } })).text();
    const woff2 = fontCss.match(/url\(["']?([^"')]+inter-latin-400-normal\.woff2)/);
    assert(woff2 && woff2[1].startsWith("/@fs/"), `font url() not rewritten to a served URL: ${fontCss.slice(0, 300)}`);
    const fontFile = await fetch(server.origin + woff2[1]);
    assert(fontFile.status === 200 && fontFile.headers.get("content-type") === "font/woff2", `the font file answers ${fontFile.status} ${fontFile.headers.get("content-type")}`);
    const module = await fetch(server.origin + "/src/app/styles.css", { headers: { accept: "*/*" } });
    assert(module.headers.get("content-type").startsWith("text/javascript"), `import answered ${module.headers.get("content-type")}`);
    assert((await module.text()).includes("__vite__updateStyle"), "the module does not inject the stylesheet");
  });

  browser = await launchChromium(chromium);

  await suite.check("the server HTML alone is styled (JavaScript off)", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.origin + "/");
    const styles = await page.evaluate(() => {
      const body = getComputedStyle(document.body);
      const counter = getComputedStyle(document.querySelector("#counter"));
      return {
        background: body.backgroundColor,
        font: body.fontFamily,
        notice: getComputedStyle(document.querySelector("#notice")).color,
        theme: getComputedStyle(document.querySelector("#theme-probe")).color,
        linked: getComputedStyle(document.querySelector("#linked-probe")).color,
        scripts: document.querySelectorAll("style[data-vite-dev-id]").length,
      };
    });
    await context.close();
    assert(styles.background === "rgb(248, 250, 252)", `body background ${styles.background}`);
    assert(/Inter/.test(styles.font), `body font ${styles.font}`);
    assert(styles.notice === "rgb(1, 1, 1)", `the server component's linked CSS module not applied: ${styles.notice}`);
    assert(styles.theme === "rgb(10, 20, 30)", `@imported stylesheet not applied: ${styles.theme}`);
    assert(styles.linked === "rgb(11, 12, 13)", `the Document's ?url stylesheet not applied: ${styles.linked}`);
  });

  await suite.check("the Document's <link href={styles} /> (?url) is the served URL, answered as text/css, linked once", async () => {
    // (React also preloads it: <link rel="preload" as="style">)
    const tags = (html.match(/<link[^>]*linked\.css[^>]*>/g) ?? []).filter((t) => /rel="stylesheet"/.test(t));
    assert(tags.length === 1 && /href="\/src\/app\/linked\.css"/.test(tags[0]), `stylesheet links to linked.css: ${tags}`);
    const css = await fetch(server.origin + "/src/app/linked.css", { headers: { accept: "text/css,*/*;q=0.1" } });
    assert(css.headers.get("content-type").startsWith("text/css") && (await css.text()).includes("linked-probe"), "not the processed stylesheet");
  });

  const page = await browser.newPage();
  const cssResponses = [];
  page.on("response", (r) => {
    if (r.request().resourceType() === "stylesheet") cssResponses.push({ url: r.url(), type: r.headers()["content-type"] });
  });
  await page.goto(server.origin + "/");
  await page.waitForFunction(() => window.__SWITCHYARD_HMR__?.connected === true, null, { timeout: 20000 });
  await page.evaluate(() => { window.__sameDocument = true; });

  await suite.check("CSS module class names are the same in the server HTML and the client, which injects the module", async () => {
    const serverClass = html.match(/<section id="counter" class="([^"]+)"/)?.[1];
    assert(serverClass, "no #counter class in the server HTML");
    const clientClass = await page.evaluate(async () => (await import("/src/app/components/Card.module.css")).default.card);
    assert(serverClass === clientClass, `server ${serverClass} vs client ${clientClass}`);
    await page.click("#increment");
    await page.waitForFunction(() => document.querySelector("#count")?.textContent === "1", null, { timeout: 10000 });
    assert((await page.getAttribute("#counter", "class")) === serverClass, "the class changed after hydration");
    const radius = await page.evaluate(() => getComputedStyle(document.querySelector("#counter")).borderTopLeftRadius);
    assert(radius === "8px", `the client component's CSS module not applied: radius ${radius}`);
  });

  await suite.check("the browser loaded the links as text/css and injected no second copy", async () => {
    for (const l of links) {
      const got = cssResponses.find((r) => new URL(r.url).pathname === l.href);
      assert(got && got.type.startsWith("text/css"), `${l.href}: ${JSON.stringify(got)}`);
    }
    const { injected, doubled } = await page.evaluate(() => {
      const linked = [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => new URL(l.href).pathname);
      const injected = [...document.querySelectorAll("style[data-vite-dev-id]")].map((s) => s.getAttribute("data-vite-dev-id"));
      return { injected, doubled: injected.filter((id) => linked.some((p) => id.endsWith(p.replace(/^\/@fs/, "")))) };
    });
    assert(injected.some((id) => id.endsWith("/src/app/components/Card.module.css")), `the client injected no Card.module.css: ${injected}`);
    assert(doubled.length === 0, `linked and injected: ${doubled}`);
  });

  const styleOf = (selector, property) => page.evaluate(([s, p]) => getComputedStyle(document.querySelector(s))[p], [selector, property]);
  // Each edit starts on a page marked, so a reload shows as a lost marker.
  const mark = () => page.evaluate(() => { window.__sameDocument = true; });
  const waitStyle = async (selector, property, value, what) => {
    const started = Date.now();
    await page.waitForFunction(([s, p, v]) => getComputedStyle(document.querySelector(s))[p] === v, [selector, property, value], { timeout: 15000 })
      .catch(async () => { throw new Error(`${what}: ${property} of ${selector} is ${await styleOf(selector, property)}, not ${value}`); });
    assert(await page.evaluate(() => window.__sameDocument === true), `${what}: the page reloaded`);
    console.log(`  ${what}: applied in ${Date.now() - started} ms`);
  };

  await suite.check("a CSS edit reaches the page without a reload", async () => {
    await mark();
    edit("src/app/styles.css", "background-color: rgb(248, 250, 252);", "background-color: rgb(1, 2, 3);");
    await waitStyle("body", "backgroundColor", "rgb(1, 2, 3)", "global stylesheet edit");
  });

  await suite.check("an edit of the Document's ?url stylesheet reaches the page as a css-update, no reload", async () => {
    await mark();
    write("src/app/linked.css", ".linked-probe { color: rgb(21, 22, 23); }\n");
    await waitStyle("#linked-probe", "color", "rgb(21, 22, 23)", "?url stylesheet edit");
    const links = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].filter((l) => new URL(l.href).pathname === "/src/app/linked.css").map((l) => l.getAttribute("href")));
    assert(links.length === 1 && /\?t=\d+/.test(links[0]), `the link was not swapped for a ?t= one: ${links}`);
  });

  await suite.check("an edit of an @imported stylesheet updates its importer", async () => {
    await mark();
    write("src/app/theme.css", ".theme-probe { color: rgb(40, 50, 60); }\n");
    await waitStyle("#theme-probe", "color", "rgb(40, 50, 60)", "@imported stylesheet edit");
  });

  await suite.check("a server component's CSS module edit reaches the page without a reload", async () => {
    await mark();
    edit("src/app/pages/Notice.module.css", "rgb(1, 1, 1)", "rgb(2, 3, 4)");
    await waitStyle("#notice", "color", "rgb(2, 3, 4)", "server CSS module edit");
    // A new class: the server component re-renders with it, the link holds its rule.
    edit("src/app/pages/Notice.module.css", ".notice {", ".loud { font-weight: 700; }\n.notice {");
    edit("src/app/pages/Home.tsx", "className={notice.notice}", "className={`${notice.notice} ${notice.loud}`}");
    await waitStyle("#notice", "fontWeight", "700", "server CSS module: new class");
    assert((await page.textContent("#count")) === "1", "the counter lost its state");
  });

  await suite.check("a client component's CSS module edit reaches the page without a reload (Fast Refresh)", async () => {
    await mark();
    edit("src/app/components/Card.module.css", "border-radius: 0.5rem;", "border-radius: 12px;");
    await waitStyle("#counter", "borderTopLeftRadius", "12px", "client CSS module edit");
    assert((await page.textContent("#count")) === "1", "the counter lost its state");
  });

  await suite.check("a broken stylesheet shows the overlay with file and line; fixing recovers", async () => {
    await mark();
    const good = read("src/app/theme.css");
    write("src/app/theme.css", ".theme-probe { color: rgb(40, 50, 60); }\n}\n");
    await page.waitForSelector("#switchyard-error-overlay", { timeout: 15000 });
    const text = await page.textContent("#switchyard-error-overlay");
    assert(/theme\.css/.test(text) && /theme\.css[^\n]*:2\b|\(2:\d+/.test(text), `overlay without file and line: ${text}`);
    assert((await fetch(server.origin + "/@switchyard/status")).status === 200, "the server stopped answering");
    write("src/app/theme.css", good.replace("rgb(40, 50, 60)", "rgb(70, 80, 90)"));
    await page.waitForFunction(() => !document.querySelector("#switchyard-error-overlay"), null, { timeout: 15000 });
    await waitStyle("#theme-probe", "color", "rgb(70, 80, 90)", "fixed stylesheet");
  });

  await suite.check("a stylesheet a server component starts linking (?url) applies after the edit", async () => {
    write("src/app/pages/extra.css", ".extra-probe { color: rgb(5, 6, 7); }\n");
    edit("src/app/pages/Home.tsx", 'import { Counter }', 'import extraHref from "./extra.css?url";\nimport { Counter }');
    edit("src/app/pages/Home.tsx", '<p id="notice"', '<link rel="stylesheet" href={extraHref} />\n      <p id="extra-probe" className="extra-probe">extra</p>\n      <p id="notice"');
    await page.waitForFunction(() => {
      const el = document.querySelector("#extra-probe");
      return el && getComputedStyle(el).color === "rgb(5, 6, 7)";
    }, null, { timeout: 15000 });
    const linked = await page.evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => new URL(l.href).pathname === "/src/app/pages/extra.css"));
    assert(linked, "extra.css is not linked");
  });
  await suite.check("a first page load that meets a broken stylesheet shows the overlay; fixing recovers", async () => {
    await page.close(); // no page listens: the error waits for the next one
    write("src/app/linked.css", ".linked-probe { color: rgb(31, 32, 33); }\n}\n");
    await new Promise((r) => setTimeout(r, 500)); // the edit's own update went to nobody
    const fresh = await browser.newPage();
    const response = await fresh.goto(server.origin + "/");
    assert(response.status() === 200, `page status ${response.status()}`);
    await fresh.waitForSelector("#switchyard-error-overlay", { timeout: 15000 });
    const text = await fresh.textContent("#switchyard-error-overlay");
    assert(/linked\.css/.test(text) && /linked\.css[^\n]*:2\b|\(2:\d+/.test(text), `overlay without file and line: ${text}`);
    await fresh.evaluate(() => { window.__sameDocument = true; });
    write("src/app/linked.css", ".linked-probe { color: rgb(41, 42, 43); }\n");
    await fresh.waitForFunction(() => !document.querySelector("#switchyard-error-overlay") &&
      getComputedStyle(document.querySelector("#linked-probe")).color === "rgb(41, 42, 43)", null, { timeout: 15000 });
    assert(await fresh.evaluate(() => window.__sameDocument === true), "the page reloaded");
  });
} finally {
  await browser?.close();
  const code = await server.stop();
  if (code !== 0 && code !== null) console.log(server.output());
  fs.rmSync(appDir, { recursive: true, force: true });
}
process.exit(suite.finish());
