// Walks examples/starter on a running dev server, with curl-like fetches and in
// Debian's Chromium (playwright-core from tools/js), and prints one line per
// check: the page renders with the nonce of its Content-Security-Policy on
// every script, hydrates, styles come from the CSS module, client navigation
// swaps the page without a document load, the form / onClick / redirecting
// actions and the serverQuery run, the KV session signs in and out, and (with
// --app) a server-component edit shows up in place, without a reload.
//
//   node bench/rwsdkDev/checkStarter.mjs http://localhost:5173 [--app examples/starter]
//
// The same walk works on rwsdk's own dev server (vite dev) and on
// `switchyard serve`. Exit code 1 when a check failed.
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { walkStarter } from "../../tests/e2e/rwsdkStarterWalk.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const argv = process.argv.slice(2);
const origin = (argv.find((a) => /^https?:/.test(a)) ?? "http://localhost:5173").replace(/\/$/, "");
const appIndex = argv.indexOf("--app");
const appDir = appIndex >= 0 ? path.resolve(argv[appIndex + 1]) : null;
const require = createRequire(path.join(repo, "tools/js/package.json"));
const { chromium } = require("playwright-core");

let failed = 0;
async function check(name, fn) {
  const t0 = performance.now();
  try {
    const note = await fn();
    console.log(`ok   ${name} (${(performance.now() - t0).toFixed(0)} ms)${note ? ": " + note : ""}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${String(e?.message ?? e).split("\n").slice(0, 6).join("\n     ")}`);
  }
}

await walkStarter({ origin, appDir, chromium, check });
console.log(failed ? `${failed} check(s) failed` : "all checks passed");
process.exit(failed ? 1 : 0);
