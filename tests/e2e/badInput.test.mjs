// Bad input never takes the dev server down: a syntax error in a module, an
// import of a missing package, a malformed package.json and a runaway loop each
// answer a clear error, and the next request is served.
// Usage: node badInput.test.mjs <switchyard binary> <examples/hello dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServe, createSuite, assert } from "./serveHarness.mjs";

const [switchyard, helloDir] = process.argv.slice(2);
const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-bad-input-"));
const write = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
  fs.writeFileSync(path.join(app, rel), text);
};
write("wrangler.jsonc", `{
  // a worker with one route per kind of bad input
  "name": "bad-input", "main": "src/worker.ts", "compatibility_date": "2025-01-01",
}`);
write("package.json", JSON.stringify({ name: "bad-input", private: true, type: "module" }));
fs.symlinkSync(path.join(helloDir, "node_modules"), path.join(app, "node_modules"));
write("src/worker.ts", `
import isNumber from "is-number";
export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/loop") { while (true) {} }
    if (pathname === "/syntax") return new Response((await import("./broken")).x);
    if (pathname === "/missing") return new Response((await import("./usesMissing")).default);
    if (pathname === "/badpkg") return new Response((await import("./vendor/usesBadPkg")).default);
    return new Response("ok " + isNumber(5));
  },
};
`);
write("src/broken.ts", "export const x: number = 1;\nexport const y = (;\n");
write("src/usesMissing.ts", "import pad from 'left-pad-not-installed';\nexport default pad;\n");
write("src/vendor/node_modules/badpkg/package.json", '{ "name": "badpkg", ');
write("src/vendor/usesBadPkg.ts", "import bad from 'badpkg';\nexport default bad;\n");

const suite = createSuite();
const server = await startServe(switchyard, app, ["--cpu-limit", "500"]);
const get = async (p) => {
  const res = await fetch(server.origin + p);
  return { status: res.status, body: await res.text() };
};
const stillServing = async () => {
  const ok = await get("/");
  assert(ok.status === 200 && ok.body === "ok true", `GET / after the error: ${ok.status} ${ok.body}`);
};
try {
  await suite.check("a healthy request works", stillServing);
  await suite.check("a syntax error names the file and line, and the server keeps serving", async () => {
    const r = await get("/syntax");
    assert(r.status === 500, `status ${r.status}`);
    assert(r.body.includes("broken.ts") && r.body.includes("2:"), r.body);
    await stillServing();
  });
  await suite.check("a missing package names the specifier and importer", async () => {
    const r = await get("/missing");
    assert(r.status === 500, `status ${r.status}`);
    assert(r.body.includes('Failed to resolve import "left-pad-not-installed" from "/src/usesMissing.ts"'), r.body);
    await stillServing();
  });
  await suite.check("a malformed package.json is named in the error", async () => {
    const r = await get("/badpkg");
    assert(r.status === 500, `status ${r.status}`);
    assert(r.body.includes("badpkg/package.json"), r.body);
    await stillServing();
  });
  await suite.check("a runaway loop is stopped at the CPU limit", async () => {
    const started = Date.now();
    const r = await get("/loop");
    assert(r.status === 500, `status ${r.status}`);
    assert(r.body.includes("CPU time limit"), r.body);
    assert(Date.now() - started < 20000, "took too long");
    await stillServing();
  });
  await suite.check("a file outside the project is refused", async () => {
    const r = await get("/@fs/etc/passwd");
    assert(r.status === 403, `status ${r.status}: ${r.body}`);
  });
} finally {
  await server.stop();
  fs.rmSync(app, { recursive: true, force: true });
}
process.exit(suite.finish());
