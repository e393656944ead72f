// The worker's static assets binding end to end (dev/assetsBinding.h):
//  - a plain Workers app whose route calls env.ASSETS.fetch (wrangler
//    `assets`: directory ./static, not_found_handling 404-page): files with
//    their type, html_handling, the 404 page, ETag / 304, GET and HEAD only;
//    .env, .dev.vars, symlinks out of the folder (into the app and out of it)
//    and path traversal are refused and never sent; the app's Vitest file
//    uses env.ASSETS under `switchyard test` in both pools;
//  - a RedwoodSDK app (rwsdk 1.7.3 from examples/starter's node_modules): its
//    runtime answers /assets/* with env.ASSETS.fetch, which serves public/ in
//    dev (the Cloudflare Vite plugin's dev ASSETS binding).
// Usage: node assetsBinding.test.mjs <switchyard binary> <examples/starter dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startServe, createSuite, assert } from "./serveHarness.mjs";

const [switchyard, starterDir] = process.argv.slice(2);
const SECRET = "hunter2-assets-secret";
const tempDirs = [];
const makeApp = (prefix) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  const put = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  return { dir, put };
};

// --- a plain Workers app -------------------------------------------------
const plain = makeApp("switchyard-assets-plain-");
plain.put("wrangler.jsonc", `{
  "name": "assets-plain",
  "main": "src/worker.js",
  "compatibility_date": "2025-08-21",
  // Workers Static Assets, read as wrangler reads them
  "assets": { "binding": "ASSETS", "directory": "./static", "not_found_handling": "404-page" },
}
`);
plain.put("src/worker.js", `export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    // /files/* is the assets folder (the rest of the path as the asset's path).
    if (url.pathname.startsWith("/files/")) {
      const inner = new URL(request.url);
      inner.pathname = url.pathname.slice("/files".length);
      return env.ASSETS.fetch(new Request(inner, request));
    }
    // /raw?p=<path>: the path handed to the binding as it is (traversal probes).
    if (url.pathname === "/raw") {
      const response = await env.ASSETS.fetch("http://assets.local" + url.searchParams.get("p"));
      return new Response(await response.text(), { status: response.status });
    }
    return new Response("the worker", { headers: { "content-type": "text/plain" } });
  },
};
`);
plain.put("static/hello.txt", "hello from the assets folder\n");
plain.put("static/about.html", "<h1>about page</h1>\n");
plain.put("static/404.html", "<h1>custom 404</h1>\n");
plain.put("static/.env", `TOKEN=${SECRET}\n`);
plain.put("static/.dev.vars", `TOKEN=${SECRET}\n`);
plain.put(".env", `TOKEN=${SECRET}\n`);
plain.put(".dev.vars", `TOKEN=${SECRET}\n`);
plain.put("src/private.txt", `${SECRET}\n`);
// A Vitest file of the app: env.ASSETS in `switchyard test` too.
plain.put("tests/assets.test.js", `import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("env.ASSETS", () => {
  it("serves the assets folder", async () => {
    const response = await env.ASSETS.fetch("http://assets.local/hello.txt");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("hello from the assets folder\\n");
  });
  it("refuses secrets", async () => {
    const response = await env.ASSETS.fetch("http://assets.local/.dev.vars");
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("${SECRET}");
  });
});
`);
const outside = makeApp("switchyard-assets-outside-");
outside.put("secret.txt", `${SECRET}\n`);
fs.symlinkSync(path.join(plain.dir, "src/private.txt"), path.join(plain.dir, "static/into-app.txt"));
fs.symlinkSync(path.join(outside.dir, "secret.txt"), path.join(plain.dir, "static/out.txt"));

// --- a RedwoodSDK app -----------------------------------------------------
const rw = makeApp("switchyard-assets-rwsdk-");
for (const f of ["package.json", "vite.config.mts", "tsconfig.json"])
  fs.copyFileSync(path.join(starterDir, f), path.join(rw.dir, f));
fs.symlinkSync(path.join(starterDir, "node_modules"), path.join(rw.dir, "node_modules"));
rw.put("wrangler.jsonc", `{
  "name": "assets-rwsdk",
  "main": "src/worker.tsx",
  "compatibility_date": "2025-08-21",
  "compatibility_flags": ["nodejs_compat"],
  "assets": { "binding": "ASSETS" }
}
`);
rw.put("src/worker.tsx", `import { render, route } from "rwsdk/router";
import { defineApp } from "rwsdk/worker";
import { Document } from "@/app/Document";

export default defineApp([render(Document, [route("/", () => <h1>home</h1>)])]);
`);
rw.put("src/client.tsx", `import { initClient } from "rwsdk/client";\n\ninitClient();\n`);
rw.put("src/app/Document.tsx", `export const Document: React.FC<{ children: React.ReactNode }> = ({ children }) => (
  <html lang="en">
    <head>
      <meta charSet="utf-8" />
      <link rel="icon" href="/assets/logo.svg" />
    </head>
    <body>
      <div id="root">{children}</div>
      <script>import("/src/client.tsx")</script>
    </body>
  </html>
);
`);
rw.put("public/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"><title>logo</title></svg>\n`);
rw.put("public/.env", `TOKEN=${SECRET}\n`);
rw.put(".dev.vars", `TOKEN=${SECRET}\n`);

const suite = createSuite();
const servers = [];
try {
  const server = await startServe(switchyard, plain.dir);
  servers.push(server);
  const get = (p, init) => fetch(server.origin + p, init);

  await suite.check("a route that calls env.ASSETS.fetch gets the file with its type", async () => {
    const r = await get("/files/hello.txt");
    const text = await r.text();
    assert(r.status === 200, `status ${r.status}: ${text}`);
    assert(r.headers.get("content-type").startsWith("text/plain"), r.headers.get("content-type"));
    assert(text === "hello from the assets folder\n", "wrong body");
    assert((await (await get("/")).text()) === "the worker", "the worker's own route");
  });

  await suite.check("html_handling: /about serves about.html, /about.html redirects to /about", async () => {
    const page = await get("/files/about");
    assert(page.status === 200 && (await page.text()).includes("about page"), `status ${page.status}`);
    assert(page.headers.get("content-type").startsWith("text/html"), page.headers.get("content-type"));
    const redirect = await get("/files/about.html?x=1", { redirect: "manual" });
    assert(redirect.status === 307, `status ${redirect.status}`);
    assert(redirect.headers.get("location") === "/about?x=1", redirect.headers.get("location"));
  });

  await suite.check("not_found_handling 404-page: a missing file gets 404.html with status 404", async () => {
    const r = await get("/files/no/such/file.png");
    assert(r.status === 404, `status ${r.status}`);
    assert((await r.text()).includes("custom 404"), "not the 404 page");
  });

  await suite.check("ETag and If-None-Match (304); HEAD has no body; POST is 405", async () => {
    const first = await get("/files/hello.txt");
    const etag = first.headers.get("etag");
    assert(etag && /^"[0-9a-f]+"$/.test(etag), `etag ${etag}`);
    const again = await get("/files/hello.txt", { headers: { "if-none-match": etag } });
    assert(again.status === 304, `status ${again.status}`);
    const head = await get("/files/hello.txt", { method: "HEAD" });
    assert(head.status === 200 && (await head.text()) === "", "HEAD");
    const post = await get("/files/hello.txt", { method: "POST", body: "x" });
    assert(post.status === 405, `POST status ${post.status}`);
  });

  await suite.check(".env, .dev.vars and symlinks out of the folder are refused, never sent", async () => {
    for (const p of ["/files/.env", "/files/.dev.vars", "/files/into-app.txt", "/files/out.txt",
                     "/files/%2eenv", "/files/.dev.vars?raw"]) {
      const r = await get(p);
      const text = await r.text();
      assert(r.status === 403, `${p}: status ${r.status} ${text}`);
      assert(!text.includes(SECRET), `${p} sent the secret`);
    }
  });

  await suite.check("path traversal out of the folder is refused, never sent", async () => {
    for (const p of ["/../.env", "/%2e%2e/.env", "/..%2f.env", "/%2E%2E%2F.dev.vars", "/.%2e/src/private.txt",
                     "/a/..%2f..%2f.dev.vars", "/..%5c.env", "/%2e%2e%5csrc%5cprivate.txt", "/hello.txt%00.html"]) {
      const r = await get("/raw?p=" + encodeURIComponent(p));
      const text = await r.text();
      assert(r.status === 400 || r.status === 403 || r.status === 404, `${p}: status ${r.status} ${text}`);
      assert(!text.includes(SECRET), `${p} sent the secret`);
    }
  });

  for (const pool of ["isolates", "contexts"]) {
    await suite.check(`switchyard test (--pool ${pool}): the app's Vitest file uses env.ASSETS`, async () => {
      const r = spawnSync(switchyard, ["test", plain.dir, "--pool", pool, "--reporter", "json"], { encoding: "utf8", timeout: 120000 });
      assert(r.status === 0, `exit ${r.status}: ${r.stdout.slice(0, 3000)} ${r.stderr.slice(0, 2000)}`);
      const report = JSON.parse(r.stdout);
      assert(report.numPassedTests === 2 && report.numFailedTests === 0, r.stdout.slice(0, 3000));
    });
  }

  const rwServer = await startServe(switchyard, rw.dir);
  servers.push(rwServer);
  await suite.check("rwsdk's runtime answers /assets/* through env.ASSETS from public/", async () => {
    const r = await fetch(rwServer.origin + "/assets/logo.svg");
    const text = await r.text();
    assert(r.status === 200, `status ${r.status}: ${text.slice(0, 500)}`);
    assert(r.headers.get("content-type").startsWith("image/svg+xml"), r.headers.get("content-type"));
    assert(text.includes("<title>logo</title>"), text);
    const secret = await fetch(rwServer.origin + "/assets/.env");
    assert(secret.status === 403 && !(await secret.text()).includes(SECRET), `status ${secret.status}`);
    const missing = await fetch(rwServer.origin + "/assets/missing.svg");
    assert(missing.status === 404, `status ${missing.status}`);
    const page = await (await fetch(rwServer.origin + "/")).text();
    assert(page.includes("<h1>home</h1>"), page.slice(0, 500));
  });
} finally {
  for (const s of servers) await s.stop();
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
}
process.exit(suite.finish());
