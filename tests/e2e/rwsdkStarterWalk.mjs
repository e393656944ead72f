// The walk through examples/starter that both the e2e test
// (rwsdkStarter.test.mjs) and bench/rwsdkDev/checkStarter.mjs run against a
// dev server: what the server sent (security headers, a nonce on every script)
// and, in Debian's Chromium, hydration under the Content-Security-Policy, the
// CSS module, the form / onClick / redirecting actions, the serverQuery (a GET),
// client navigation, the KV session and (with appDir) a server-component edit
// shown in place. The same walk passes on rwsdk's own dev server (vite dev).
//
//   await walkStarter({ origin, appDir, chromium, check })
// check(name, async fn) runs one named check; fn throws to fail it and may
// return a note.
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./serveHarness.mjs";

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export async function walkStarter({ origin, appDir = null, chromium, check }) {
  await check("GET / renders the notes page with security headers and a nonce on every script", async () => {
    const res = await fetch(origin + "/");
    const html = await res.text();
    assert(res.status === 200, `status ${res.status}: ${html.slice(0, 300)}`);
    assert(html.includes('id="title">Starter<!-- --> notes</h1>'), "the page's heading is missing");
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert(nonce, `no nonce in the Content-Security-Policy: ${csp}`);
    assert(res.headers.get("x-content-type-options") === "nosniff", "X-Content-Type-Options missing");
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert(scripts.length > 0, "no <script> in the page");
    const without = scripts.filter((s) => !s.includes(`nonce="${nonce}"`));
    assert(without.length === 0, `scripts without the request's nonce: ${without.join(" ")}`);
    assert(html.includes('import("/src/client.tsx")'), "the client entry's script is missing");
    return `${scripts.length} scripts, nonce ${nonce.slice(0, 8)}...`;
  });

  const browser = await launchChromium(chromium);
  const problems = [];
  const requests = [];
  let documentLoads = 0;
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("response", (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
    page.on("request", (r) => {
      requests.push({ method: r.method(), url: r.url(), headers: r.headers() });
      if (r.resourceType() === "document") documentLoads++;
    });
    const marker = async () => page.evaluate(() => (window.__starterMarker ??= Math.random()));
    const clearProblems = () => problems.splice(0, problems.length);

    await check("the page hydrates in Chromium without console errors (CSP included)", async () => {
      clearProblems();
      await page.goto(origin + "/");
      await page.waitForSelector('nav[data-hydrated="yes"]', { timeout: 30000 });
      await page.waitForTimeout(300);
      assert(problems.length === 0, `console errors: ${problems.join(" | ")}`);
    });

    await check("the CSS module styles the page", async () => {
      await page.waitForFunction(() => getComputedStyle(document.querySelector("#home-link")).color === "rgb(244, 114, 56)",
        null, { timeout: 10000 });
      const cls = await page.getAttribute("#home-link", "class");
      return `class="${cls}"`;
    });

    await check("the form action adds a note (D1) and the page re-renders with it", async () => {
      const text = `note ${Date.now().toString(36)}`;
      await page.fill("#add-note input[name=body]", text);
      await page.click("#add-note button[type=submit]");
      await page.waitForFunction((t) => [...document.querySelectorAll("#notes .note-body")].some((e) => e.textContent === t),
        text, { timeout: 15000 });
    });

    await check("the onClick action returns the new like count", async () => {
      const button = page.locator("#notes li").first().locator("button.like");
      const before = Number((await button.textContent()).replace(/\D/g, ""));
      await button.click();
      await page.waitForFunction((n) => document.querySelector("#notes li button.like")?.textContent.includes(String(n)),
        before + 1, { timeout: 15000 });
    });

    await check("the serverQuery answers a GET with x-rsc-data-only and the page keeps its state", async () => {
      const m = await marker();
      const from = requests.length;
      await page.click("#count-notes");
      await page.waitForFunction(() => /\d+ note\(s\)/.test(document.querySelector("#note-count")?.textContent ?? ""),
        null, { timeout: 15000 });
      const query = requests.slice(from).find((r) => r.url.includes("__rsc_action_id="));
      assert(query, "no action request seen");
      assert(query.method === "GET", `the query went out as ${query.method}`);
      assert(query.headers["x-rsc-data-only"] === "true", "no x-rsc-data-only header");
      assert((await marker()) === m, "the page reloaded");
      return await page.textContent("#note-count");
    });

    await check("client navigation to /about fetches the RSC payload, no document load", async () => {
      const m = await marker();
      const loads = documentLoads;
      const from = requests.length;
      await page.click("#about-link");
      await page.waitForSelector("#about-text", { timeout: 15000 });
      assert(new URL(page.url()).pathname === "/about", `url is ${page.url()}`);
      assert(documentLoads === loads, "a document was loaded");
      assert((await marker()) === m, "the window was replaced");
      assert(requests.slice(from).some((r) => r.url.includes("/about") && r.url.includes("__rsc")), "no ?__rsc request");
    });

    await check("a sign-in form action saves a KV session and redirects home", async () => {
      await page.goto(origin + "/user/login");
      await page.waitForSelector('nav[data-hydrated="yes"]', { timeout: 30000 });
      await page.fill("#sign-in input[name=userName]", "Ada");
      await page.click("#sign-in button[type=submit]");
      await page.waitForFunction(() => location.pathname === "/" && document.querySelector("#session")?.textContent === "Signed in as Ada",
        null, { timeout: 15000 });
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === "starter_session");
      assert(session && session.httpOnly, `no HttpOnly session cookie: ${JSON.stringify(cookies)}`);
      const res = await fetch(origin + "/", { headers: { cookie: `starter_session=${session.value}` } });
      assert((await res.text()).includes(">Signed in as Ada</span>"), "the server does not see the session from the cookie");
    });

    await check("a note added while signed in carries the session's name", async () => {
      await page.waitForSelector('nav[data-hydrated="yes"]', { timeout: 30000 });
      const text = `signed ${Date.now().toString(36)}`;
      await page.fill("#add-note input[name=body]", text);
      await page.click("#add-note button[type=submit]");
      await page.waitForFunction((t) => [...document.querySelectorAll("#notes li")].some((e) => e.textContent.includes(t) && e.textContent.includes("by Ada")),
        text, { timeout: 15000 });
    });

    await check("the redirecting action clears the notes and lands on /about?cleared=1", async () => {
      await page.click("#clear-notes");
      await page.waitForSelector("#cleared", { timeout: 15000 });
      assert(page.url().endsWith("/about?cleared=1"), `url is ${page.url()}`);
      const html = await (await fetch(origin + "/")).text();
      assert(html.includes('<ul id="notes"></ul>'), "notes still listed");
    });

    await check("signing out removes the session", async () => {
      await page.goto(origin + "/user/login");
      await page.waitForSelector('nav[data-hydrated="yes"]', { timeout: 30000 });
      await page.click("#sign-out");
      await page.waitForFunction(() => location.pathname === "/" && document.querySelector("#session")?.textContent === "Sign in",
        null, { timeout: 15000 });
    });

    if (appDir) {
      await check("a server-component edit updates the page in place (no reload)", async () => {
        await page.goto(origin + "/about");
        await page.waitForSelector('nav[data-hydrated="yes"]', { timeout: 30000 });
        const m = await marker();
        const loads = documentLoads;
        const file = path.join(appDir, "src/app/pages/About.tsx");
        const original = fs.readFileSync(file, "utf8");
        const stamp = `edited ${Date.now().toString(36)}`;
        assert(original.includes("served by rwsdk's own"), "About.tsx is not the expected file");
        const t0 = performance.now();
        try {
          fs.writeFileSync(file, original.replace("served by rwsdk's own", `${stamp}, served by rwsdk's own`));
          await page.waitForFunction((s) => document.querySelector("#about-text")?.textContent.includes(s), stamp, { timeout: 30000 });
        } finally {
          fs.writeFileSync(file, original);
        }
        const ms = performance.now() - t0;
        assert((await marker()) === m, "the page reloaded");
        assert(documentLoads === loads, "a document was loaded");
        return `${ms.toFixed(0)} ms from the write to the DOM`;
      });
    }
  } finally {
    await browser.close();
  }
}
