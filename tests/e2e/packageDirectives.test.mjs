// A "use client" module inside a package, end to end on a RedwoodSDK app
// (rwsdk 1.7.3 from examples/starter's node_modules): a page whose client
// component uses rwsdk/turnstile's useTurnstile the way rwsdk's docs show
// Turnstile (the hook in a "use client" form, <TurnstileScript /> in the
// Document). rwsdk ships useTurnstile.js with "use client": it must not be
// swallowed into the rwsdk/turnstile pre-bundles but served as its own module
// with rwsdk's directive transform, listed in the use-client lookup, and the
// page must hydrate (optimizer/packageModuleExternals.h).
// Usage: node packageDirectives.test.mjs <switchyard binary> <examples/starter dir> <tools/js dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { startServe, createSuite, assert, launchChromium } from "./serveHarness.mjs";

const [switchyard, starterDir, toolsJs] = process.argv.slice(2);
const require = createRequire(toolsJs + "/package.json");
const { chromium } = require("playwright-core");

const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-pkg-directives-"));
const put = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(appDir, rel)), { recursive: true });
  fs.writeFileSync(path.join(appDir, rel), text);
};
for (const f of ["package.json", "vite.config.mts", "tsconfig.json"])
  fs.copyFileSync(path.join(starterDir, f), path.join(appDir, f));
fs.symlinkSync(path.join(starterDir, "node_modules"), path.join(appDir, "node_modules"));
put("wrangler.jsonc", `{
  "name": "turnstile-app",
  "main": "src/worker.tsx",
  "compatibility_date": "2025-08-21",
  "compatibility_flags": ["nodejs_compat"],
  "assets": { "binding": "ASSETS" }
}
`);
put("src/worker.tsx", `import { render, route } from "rwsdk/router";
import { defineApp } from "rwsdk/worker";
import { Document } from "@/app/Document";
import { Home } from "@/app/pages/Home";

export default defineApp([render(Document, [route("/", Home)])]);
`);
put("src/client.tsx", `import { initClient } from "rwsdk/client";

initClient();
`);
put("src/app/Document.tsx", `import { TurnstileScript } from "rwsdk/turnstile";

export const Document: React.FC<{ children: React.ReactNode }> = ({ children }) => (
  <html lang="en">
    <head>
      <meta charSet="utf-8" />
      <title>Turnstile</title>
      <TurnstileScript />
      <link rel="modulepreload" href="/src/client.tsx" />
    </head>
    <body>
      <div id="root">{children}</div>
      <script>import("/src/client.tsx")</script>
    </body>
  </html>
);
`);
put("src/app/pages/Home.tsx", `import { SignupForm } from "@/app/components/SignupForm";

export function Home() {
  return (
    <main>
      <h1>Sign up</h1>
      <SignupForm />
    </main>
  );
}
`);
put("src/app/components/SignupForm.tsx", `"use client";

import { useState } from "react";
import { useTurnstile } from "rwsdk/turnstile";

export function SignupForm() {
  const turnstile = useTurnstile("1x00000000000000000000AA");
  const [status, setStatus] = useState("idle");
  return (
    <form>
      <div ref={turnstile.ref} id="turnstile-widget" />
      <button
        id="send"
        type="button"
        onClick={() =>
          setStatus(typeof turnstile.challenge === "function" ? "challenge ready" : "no challenge")
        }
      >
        Sign up
      </button>
      <p id="status">{status}</p>
    </form>
  );
}
`);

const hookSuffix = "/rwsdk/dist/runtime/lib/turnstile/useTurnstile.js";
const suite = createSuite();
const server = await startServe(switchyard, appDir);
let browser;
try {
  await suite.check("the page renders through the SSR bridge with the form", async () => {
    const response = await fetch(server.origin + "/");
    const html = await response.text();
    assert(response.status === 200, `status ${response.status}: ${html.slice(0, 2000)}`);
    assert(html.includes("Sign up") && html.includes('id="send"'), html.slice(0, 2000));
    assert(html.includes("challenges.cloudflare.com/turnstile"), "no <TurnstileScript /> in the page");
  });

  await suite.check("the use-client lookup lists rwsdk's useTurnstile.js", async () => {
    const lookup = await (await fetch(server.origin + "/@id/virtual:use-client-lookup.js")).text();
    assert(lookup.includes(`"/node_modules${hookSuffix}"`) || lookup.includes(hookSuffix + '"'), lookup);
  });

  let requests = [];
  await suite.check("in Chromium the page hydrates: the form's handler runs the hook's challenge", async () => {
    browser = await launchChromium(chromium);
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("response", (r) => requests.push(r));
    await page.goto(server.origin + "/");
    // Until React hydrated, the button has no handler: retry the click.
    for (let i = 0; i < 50; ++i) {
      await page.click("#send");
      if ((await page.textContent("#status")) === "challenge ready") break;
      await page.waitForTimeout(100);
    }
    assert((await page.textContent("#status")) === "challenge ready", `status: ${await page.textContent("#status")}; errors: ${errors.join("\n")}`);
    assert(errors.length === 0, errors.join("\n"));
  });

  await suite.check("the browser loaded useTurnstile.js as a module of its own, transformed", async () => {
    const hook = requests.find((r) => new URL(r.url()).pathname.endsWith(hookSuffix));
    assert(hook, "no request for useTurnstile.js: " + requests.map((r) => r.url()).join("\n"));
    const body = await (await fetch(hook.url())).text();
    assert(body.includes("export function useTurnstile"), body);
    // rwsdk's client transform blanks the directive; React comes from the client's pre-bundle.
    assert(!/^\s*"use client"/.test(body), "the directive was not transformed:\n" + body.slice(0, 300));
    assert(/from "\/\.switchyard\/deps_client\/react\.js\?v=/.test(body), body.slice(0, 600));
    const bundle = requests.find((r) => /\/deps_client\/rwsdk_turnstile\.js/.test(r.url()));
    assert(bundle, "no rwsdk/turnstile pre-bundle was loaded");
    const bundleText = await (await fetch(bundle.url())).text();
    assert(bundleText.includes(hookSuffix), "the pre-bundle does not import useTurnstile.js:\n" + bundleText.slice(0, 1500));
    assert(!bundleText.includes("widgetIdRef"), "the pre-bundle swallowed useTurnstile.js");
  });

  await suite.check("the worker graph has useTurnstile.js as a \"use client\" module (a client reference)", async () => {
    const r = spawnSync(switchyard, ["graph", appDir, "--env", "worker", "--json"], { encoding: "utf8", timeout: 120000 });
    assert(r.status === 0, r.stderr);
    const graph = JSON.parse(r.stdout);
    const nodes = graph.modules ?? graph.nodes ?? [];
    const hook = nodes.find((n) => String(n.id).endsWith(hookSuffix));
    assert(hook, "no useTurnstile.js node in the worker graph");
    assert(JSON.stringify(hook.directives ?? []).includes("use client"), JSON.stringify(hook));
  });
} finally {
  if (browser) await browser.close();
  await server.stop();
  fs.rmSync(appDir, { recursive: true, force: true });
}
process.exit(suite.finish());
