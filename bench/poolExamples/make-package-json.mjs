// Usage: node make-package-json.mjs <upstream package.json> <out package.json> <catalog json>
// Rewrites an upstream example package.json: drops workspace:* deps (Switchyard provides
// vitest/config and the pool; wrangler/miniflare are not installed), replaces catalog:
// versions with the repo catalog's pinned versions, and skips vite/vitest.
import fs from "node:fs";
const [src, out, catalogJson] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync(src, "utf8"));
const catalog = JSON.parse(catalogJson);
const SKIP = new Set(["vite", "vitest", "wrangler", "miniflare", "@cloudflare/vitest-plugin", "@cloudflare/vitest-pool-workers",
  // 404 on the npm registry reachable here (published by pnpm-lock but not found): request-mocking/test/server.ts needs it
  "@msw/cloudflare"]);
const deps = {};
for (const [name, ver] of Object.entries(pkg.devDependencies ?? {})) {
  if (SKIP.has(name) || ver.startsWith("workspace:")) continue;
  if (ver.startsWith("catalog:")) {
    if (!catalog[name]) throw new Error("no catalog version for " + name);
    deps[name] = catalog[name];
  } else deps[name] = ver;
}
// Added on top of upstream's list (see README.md): miniflare because misc/ and
// multiple-workers/ configs import { Request, Response } from "miniflare" (Switchyard has
// no shim for it: a stand-in object reaches the handler); wrangler because four
// globalSetup files run `wrangler build` (upstream gets it on PATH from pnpm).
// wrangler 4.86.0 is the newest whose engines allow the Node 20 on this machine (4.88+ need 22);
// miniflare pinned to the one it depends on, so one copy is installed.
Object.assign(deps, { wrangler: "4.86.0", miniflare: "4.20260426.0" });
fs.writeFileSync(out, JSON.stringify({ name: pkg.name, private: true, type: pkg.type ?? "module", devDependencies: deps }, null, "\t") + "\n");
console.log(out, Object.keys(deps).length, "deps");
