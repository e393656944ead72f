// Unit tests of the runtime's dependency-free parts: `node --test runtime/tests`.
// The end-to-end path (RSC, SSR bridge, hydration, actions) needs an engine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";

globalThis.AsyncLocalStorage = AsyncLocalStorage;
const state = await import("../state.js");
const ri = await import("../requestInfo.js");
const { compileApp, matchRoute, route, render, layout } = await import("../worker/router.js");
const { createModuleRequire } = await import("../shared/moduleLoader.js");
const { flightScript, splitDocumentHtml, assembleHtml } = await import("../worker/htmlAssembly.js");

test("getRequestInfo throws outside a request", () => {
  assert.throws(() => ri.getRequestInfo(), { message: "Request context not found" });
});

test("requestInfo follows the request across awaits", async () => {
  const info = ri.createRequestInfo({ request: new Request("http://x/a") });
  await ri.runWithRequestInfo(info, async () => {
    await new Promise((r) => setTimeout(r, 1));
    assert.equal(ri.requestInfo.request.url, "http://x/a");
    assert.equal(ri.requestInfo.response.status, 200);
  });
});

test("requestInfo: env, executionContext and response are readable but not enumerable", async () => {
  const env = { SECRET: "s" };
  const executionContext = { waitUntil() {} };
  const info = ri.createRequestInfo({ request: new Request("http://x/"), env, executionContext });
  assert.deepEqual(Object.keys(info), ["request", "params", "ctx"]);
  assert.equal(JSON.stringify(info).includes("SECRET"), false);
  assert.equal(info.env, env);
  assert.equal(info.executionContext, executionContext);
  info.response.status = 201;
  assert.equal(info.response.status, 201);
  await ri.runWithRequestInfo(info, async () => {
    const { env: e, response } = ri.requestInfo;
    assert.equal(e, env);
    assert.equal(response.status, 201);
    assert.ok("env" in ri.requestInfo);
  });
});

test("state: identity fixed, define/get/set", () => {
  const id = state.stateIdentity();
  assert.match(id, /^state-/);
  assert.equal(state.defineRwState("t", () => 1), 1);
  assert.equal(state.defineRwState("t", () => 2), 1);
  state.setRwState("t", 3);
  assert.equal(state.getRwState("t"), 3);
  assert.equal(state.stateIdentity(), id);
});

test("router: params, wildcard, layouts, middleware", () => {
  const mw = () => {};
  const app = compileApp([mw, render("Doc", [route("/", "H"), layout("L", [route("/u/:id", "U"), route("/f/*", "F")])])]);
  assert.deepEqual(app.middleware, [mw]);
  const u = matchRoute(app.routes, "/u/42/");
  assert.deepEqual(u.params, { id: "42" });
  assert.deepEqual(u.route.layouts, ["L"]);
  assert.equal(u.route.Document, "Doc");
  assert.equal(matchRoute(app.routes, "/f/a/b").params.$0, "a/b");
  assert.equal(matchRoute(app.routes, "/nope"), null);
});

test("__webpack_require__ returns the same thenable per id", async () => {
  let loads = 0;
  const req = createModuleRequire(async (id) => ({ id, n: ++loads }));
  const a = req("/a");
  assert.equal(req("/a"), a);
  assert.equal((await a).id, "/a");
  assert.equal(a.status, "fulfilled");
  assert.equal(loads, 1);
});

test("__webpack_require__.replace points a required id at a new instance (Fast Refresh)", async () => {
  let loads = 0;
  const req = createModuleRequire(async (id) => ({ id, n: ++loads }));
  assert.equal(req.replace("/never-required", { n: 0 }), false);
  const old = await req("/a");
  const next = { id: "/a", n: 99 };
  assert.equal(req.replace("/a", next), true);
  const entry = req("/a");
  assert.equal(entry.status, "fulfilled");
  assert.equal(entry.value, next);
  assert.equal(await entry, next);
  assert.notEqual(entry.value, old);
  assert.equal(loads, 1);
});

test("html assembly: payload escaped and placed before the suffix", async () => {
  assert.ok(!flightScript("</script>").includes("</script>\")"));
  const [prefix, suffix] = splitDocumentHtml("<html><div id=root>MARK</div></html>", "MARK");
  const enc = new TextEncoder();
  const stream = (parts) => new ReadableStream({ start(c) { parts.forEach((p) => c.enqueue(enc.encode(p))); c.close(); } });
  const html = await new Response(assembleHtml({ prefix, suffix, appHtml: stream(["<p>app</p>"]), rscStream: stream(["0:1\n"]) })).text();
  assert.equal(html, `<html><div id=root><p>app</p>${flightScript("0:1\n")}</div></html>`);
});
