// Node.js built-ins under nodejs_compat (issue 10, section 5): a temp app
// imports node:crypto, buffer and async_hooks (bare and node:) in the worker,
// in a "use client" component rendered by the ssr environment below the SSR
// bridge, and inside pre-bundled npm dependencies (nanoid 3, a real package
// whose ESM imports the bare "crypto", and a local CommonJS package that
// require()s "buffer" and "node:events"). With the flag the page is a 200
// with the right values; the browser gets a browser-external module for
// node:buffer, packages' browser builds (nanoid, a "browser" map with
// "crypto": false) and, in a pre-bundle, Vite's browser-external stub for a
// built-in required without a browser map; `switchyard test` isolates (both
// pools) and `switchyard graph` see the same built-ins. Without the
// flag the page is a 500 naming the flag, the specifier and the importer;
// adding the flag to wrangler.jsonc heals it without restarting the server.
// Usage: node nodeBuiltins.test.mjs <switchyard binary> <examples/realworld dir>
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startServe, createSuite, assert, atomicWriter } from "./serveHarness.mjs";

const [switchyard, realworldDir] = process.argv.slice(2).map((p) => path.resolve(p));

const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-node-builtins-"));
const write = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
  fs.writeFileSync(path.join(app, rel), text);
};
const wrangler = (flags) => `{
  "name": "node-builtins", "main": "src/worker.tsx", "compatibility_date": "2025-06-01",
  "compatibility_flags": ${JSON.stringify(flags)},
}`;
write("wrangler.jsonc", wrangler(["nodejs_compat"]));
write("package.json", JSON.stringify({ name: "node-builtins", private: true, type: "module" }));
// node_modules: the example's packages (rwsdk, react, nanoid, ...) plus local ones.
fs.mkdirSync(path.join(app, "node_modules"));
for (const entry of fs.readdirSync(path.join(realworldDir, "node_modules")))
  fs.symlinkSync(path.join(realworldDir, "node_modules", entry), path.join(app, "node_modules", entry));
write("node_modules/cjs-uses-builtins/package.json",
  JSON.stringify({ name: "cjs-uses-builtins", version: "1.0.0", main: "index.js" }));
write("node_modules/cjs-uses-builtins/index.js", `
const { Buffer } = require("buffer");
const EventEmitter = require("node:events");
exports.hex = (text) => Buffer.from(text).toString("hex");
exports.emits = () => { const e = new EventEmitter(); let got = ""; e.on("x", (v) => (got = v)); e.emit("x", "emitted"); return got; };
`);

// A package with a "browser" map (object form): the client bundle takes
// browser.js and drops "crypto"; the server bundles take node.js and require it.
write("node_modules/browser-mapped/package.json", JSON.stringify({
  name: "browser-mapped", version: "1.0.0", main: "index.js",
  browser: { crypto: false, "./node.js": "./browser.js" },
}));
write("node_modules/browser-mapped/index.js", `module.exports = require("./node.js");\n`);
write("node_modules/browser-mapped/node.js",
  `const crypto = require("crypto");\nexports.where = () => "node-impl " + typeof crypto.createHash;\n`);
write("node_modules/browser-mapped/browser.js", `exports.where = () => "browser-impl";\n`);

// Requires a built-in with no browser map: the client pre-bundle gets Vite's
// browser-external module for it instead of failing.
write("node_modules/cjs-unmapped/package.json",
  JSON.stringify({ name: "cjs-unmapped", version: "1.0.0", main: "index.js" }));
write("node_modules/cjs-unmapped/index.js",
  `const zlib = require("zlib");\nexports.kind = () => typeof zlib;\n`);

write("src/worker.tsx", `
import { render, route } from "rwsdk/router";
import { defineApp } from "rwsdk/worker";
import { Document } from "./Document";
import { Page } from "./Page";
export default defineApp([render(Document, [route("/", Page)])]);
`);
write("src/Document.tsx", `
export function Document({ children }: { children: React.ReactNode }) {
  return (<html lang="en"><head><title>node builtins</title></head><body><div id="root">{children}</div>
    <script>import("/src/client.tsx")</script></body></html>);
}
`);
write("src/client.tsx", `import { initClient } from "rwsdk/client";\ninitClient();\n`);
// Server component: node: and bare names, named and default imports.
write("src/Page.tsx", `
import { randomUUID, createHash } from "node:crypto";
import crypto from "crypto";
import { Buffer } from "node:buffer";
import { AsyncLocalStorage } from "node:async_hooks";
import * as hooks from "async_hooks";
import { nanoid } from "nanoid";
import { hex, emits } from "cjs-uses-builtins";
import { SsrPart } from "./SsrPart";

const storage = new AsyncLocalStorage<string>();

export async function Page() {
  const uuid = randomUUID();
  const fromAls = await storage.run("als-value", async () => { await null; return storage.getStore(); });
  return (
    <main>
      <p id="uuid">{/^[0-9a-f-]{36}$/.test(uuid) ? "uuid-ok" : "uuid-bad " + uuid}</p>
      <p id="hash">{createHash("sha256").update("abc").digest("hex")}</p>
      <p id="same">{crypto.randomUUID === randomUUID && hooks.AsyncLocalStorage === AsyncLocalStorage && AsyncLocalStorage === globalThis.AsyncLocalStorage ? "same-instance" : "different"}</p>
      <p id="buffer">{Buffer.from("hi").toString("base64")}</p>
      <p id="globals">{typeof Buffer === "function" && typeof process === "object" && typeof require === "undefined" ? "globals-ok" : "globals-bad"}</p>
      <p id="als">{fromAls}</p>
      <p id="nanoid">{nanoid().length === 21 ? "nanoid-ok" : "nanoid-bad"}</p>
      <p id="cjs">{hex("ok")} {emits()}</p>
      <SsrPart />
    </main>
  );
}
`);
// Rendered by the ssr environment through the bridge (and hydrated in the
// browser, where "node:buffer" is a browser-external module).
write("src/SsrPart.tsx", `"use client";
import buffer from "node:buffer";
import { nanoid } from "nanoid";
import { where } from "browser-mapped";
import { kind } from "cjs-unmapped";
export function SsrPart() {
  const text = typeof window === "undefined" ? buffer.Buffer.from("ssr").toString("hex") : "client";
  return (<><p id="ssr">{text}</p><p id="ssr-nanoid">{nanoid().length}</p><p id="ssr-mapped">{where()}</p><p id="ssr-unmapped">{kind()}</p></>);
}
`);
write("test/builtins.test.ts", `
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { Buffer } from "buffer";
import { AsyncLocalStorage } from "node:async_hooks";
describe("built-ins in a test isolate", () => {
  it("has node:crypto, buffer and async_hooks", async () => {
    expect(createHash("sha256").update("abc").digest("hex")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(Buffer.from("hi").toString("base64")).toBe("aGk=");
    const als = new AsyncLocalStorage<number>();
    expect(await als.run(7, async () => als.getStore())).toBe(7);
  });
});
`);

function get(origin, pathAndQuery) {
  return new Promise((resolve, reject) => {
    http.get(origin + pathAndQuery, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode, type: res.headers["content-type"], body }));
    }).on("error", reject);
  });
}
const text = (body, id) => {
  const m = body.match(new RegExp(`<p id="${id}">(.*?)</p>`));
  return m ? m[1].replace(/<!-- -->/g, "") : undefined;
};

const suite = createSuite();
const server = await startServe(switchyard, app);
const edit = atomicWriter(app);
try {
  await suite.check("with nodejs_compat: the page renders the built-ins' values (200)", async () => {
    const r = await get(server.origin, "/");
    assert(r.status === 200, `${r.status}: ${r.body.slice(0, 1500)}\n${server.output().slice(-3000)}`);
    const expect = {
      uuid: "uuid-ok",
      hash: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      same: "same-instance",
      buffer: "aGk=",
      globals: "globals-ok",
      als: "als-value",
      nanoid: "nanoid-ok",
      cjs: "6f6b emitted",
      ssr: "737372",
      "ssr-nanoid": "21",
      "ssr-mapped": "node-impl function",
      "ssr-unmapped": "object",
    };
    for (const [id, value] of Object.entries(expect))
      assert(text(r.body, id) === value, `#${id}: ${JSON.stringify(text(r.body, id))}, want ${JSON.stringify(value)}`);
  });

  await suite.check("client: node:buffer is a browser-external module; nanoid takes its browser build", async () => {
    const r = await get(server.origin, "/src/SsrPart.tsx");
    assert(r.status === 200, `${r.status}: ${r.body}`);
    const external = r.body.match(/"(\/@id\/__switchyard-browser-external:node:buffer)"/);
    assert(external, r.body);
    const e = await get(server.origin, external[1]);
    assert(e.status === 200 && e.body.includes("has been externalized for browser compatibility"), e.body);
    assert(server.output().includes('Module "node:buffer" has been externalized for browser compatibility, imported by'),
      "no warning naming the importer");
    // The client pre-bundles follow the packages' browser builds.
    const bundleOf = async (name) => {
      const url = r.body.match(new RegExp(`"(/\\.switchyard/deps_client/${name}\\.js\\?v=[^"]+)"`));
      assert(url, `no client pre-bundle of ${name} in ${r.body}`);
      const b = await get(server.origin, url[1]);
      assert(b.status === 200, `${b.status} ${url[1]}`);
      return b.body;
    };
    const nanoid = await bundleOf("nanoid");
    assert(nanoid.includes("getRandomValues") && !nanoid.includes("randomFillSync"), "nanoid: not its browser build");
    const mapped = await bundleOf("browser-mapped");
    assert(mapped.includes("browser-impl") && !mapped.includes("node-impl"), `browser-mapped: ${mapped}`);
    assert(!/require\(["']crypto["']\)/.test(mapped), "crypto: false not applied");
    const unmapped = await bundleOf("cjs-unmapped");
    assert(unmapped.includes('Module "zlib" has been externalized'),
      `cjs-unmapped: ${unmapped.slice(0, 1500)}`);
  });

  await suite.check("switchyard test: test isolates and pooled realms import the same built-ins", async () => {
    for (const pool of ["isolates", "contexts"]) {
      const r = spawnSync(switchyard, ["test", app, "--pool", pool], { encoding: "utf8", timeout: 170000 });
      assert(r.status === 0, `${pool}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
      assert(/1 passed/.test(r.stdout), `${pool}: ${r.stdout}`);
    }
  });

  await suite.check("switchyard graph: the built-ins are nodes of the worker graph", async () => {
    const r = spawnSync(switchyard, ["graph", app, "--env", "worker", "--json"], { encoding: "utf8", timeout: 120000 });
    assert(r.status === 0, `exit ${r.status}\n${r.stderr}`);
    const ids = JSON.parse(r.stdout).modules.map((m) => m.id);
    for (const id of ["node:crypto", "node:buffer", "node:async_hooks", "virtual:switchyard:node-require"])
      assert(ids.includes(id), `${id} not in ${ids.filter((i) => !i.includes("node_modules")).join(", ")}`);
  });

  await suite.check("without the flag: a 500 naming the flag, the specifier and the importer", async () => {
    edit("wrangler.jsonc", wrangler([]));
    let r;
    for (let i = 0; i < 200; ++i) {
      r = await get(server.origin, "/");
      if (r.status === 500) break;
      await sleep(50);
    }
    assert(r.status === 500, `${r.status}: ${r.body.slice(0, 500)}`);
    console.log(`  the 500 says: ${r.body.split("\n")[0].slice(0, 400)}`);
    assert(r.body.includes('Add "nodejs_compat" to compatibility_flags in wrangler.jsonc'), r.body.slice(0, 2000));
    // The first built-in a request meets is rwsdk's own (AsyncLocalStorage from
    // "async_hooks" in its worker runtime): an rwsdk app needs the flag itself.
    assert(r.body.includes('"async_hooks"') && r.body.includes("deps_worker/rwsdk_worker.js"), r.body.slice(0, 2000));
    const again = await get(server.origin, "/");
    assert(again.status === 500, "the server must keep answering");
  });

  await suite.check("adding the flag to wrangler.jsonc recovers without a restart", async () => {
    edit("wrangler.jsonc", wrangler(["nodejs_compat"]));
    let r;
    for (let i = 0; i < 200; ++i) {
      r = await get(server.origin, "/");
      if (r.status === 200) break;
      await sleep(50);
    }
    assert(r.status === 200, `${r.status}: ${r.body.slice(0, 1000)}`);
    assert(text(r.body, "hash") === "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", r.body.slice(0, 1000));
    assert(text(r.body, "globals") === "globals-ok", `globals after the restart: ${text(r.body, "globals")}`);
  });
} finally {
  await server.stop();
  fs.rmSync(app, { recursive: true, force: true });
}
process.exit(suite.finish());
