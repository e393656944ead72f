// Unit tests of the browser HMR client's pure parts (runtime/client/hmr.js,
// hmrOverlay.js): `node --test runtime/tests`. No browser, no socket: payloads
// go through handleMessage with a fake importer, reload, dispatch and document.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";

const hmr = await import("../client/hmr.js");
const { overlayContent, overlayText, showErrorOverlay, clearErrorOverlay, OVERLAY_ID } = await import("../client/hmrOverlay.js");

// A just-big-enough DOM: elements with children, id lookup, textContent.
function fakeDocument() {
  function element(tag) {
    const el = {
      tagName: tag.toUpperCase(), id: "", className: "", textContent: "", style: {}, children: [], parent: null, attrs: {},
      setAttribute(k, v) { this.attrs[k] = v; },
      appendChild(child) { child.parent = this; this.children.push(child); return child; },
      remove() { if (this.parent) this.parent.children = this.parent.children.filter((c) => c !== this); this.parent = null; },
      addEventListener() {},
    };
    return el;
  }
  const body = element("body");
  return {
    body,
    createElement: element,
    getElementById(id) {
      const find = (el) => (el.id === id ? el : el.children.map(find).find(Boolean) ?? null);
      return find(body);
    },
  };
}

// Drives the client: a fake environment recording what it did.
function environment(modules = {}) {
  const env = { imported: [], reloads: 0, events: [], document: fakeDocument() };
  hmr.resetHmr();
  hmr.configureHmr({
    importModule: async (url) => {
      env.imported.push(url);
      const key = hmr.stripQuery(url);
      if (modules[key] instanceof Error) throw modules[key];
      return modules[key] ?? { url };
    },
    reload: () => env.reloads++,
    dispatch: (name, detail) => env.events.push([name, detail]),
    document: env.document,
    log: () => {},
    warn: () => {},
  });
  return env;
}

beforeEach(() => hmr.resetHmr());

test("withTimestamp appends t= first and keeps the query", () => {
  assert.equal(hmr.withTimestamp("/src/a.tsx", 5), "/src/a.tsx?t=5");
  assert.equal(hmr.withTimestamp("/.switchyard/deps_client/react.js?v=ab12", 7), "/.switchyard/deps_client/react.js?t=7&v=ab12");
  assert.equal(hmr.withTimestamp("/src/a.tsx?t=1&x=2", 9), "/src/a.tsx?t=9&x=2");
  assert.equal(hmr.withTimestamp("/src/a.tsx?import#h", 3), "/src/a.tsx?t=3&import");
  assert.equal(hmr.stripQuery("/src/a.tsx?t=3#x"), "/src/a.tsx");
});

test("socket and RSC URLs", () => {
  assert.equal(hmr.hmrSocketUrl({ protocol: "http:", host: "127.0.0.1:5173" }), "ws://127.0.0.1:5173/@switchyard/hmr");
  assert.equal(hmr.hmrSocketUrl({ protocol: "https:", host: "app.test" }), "wss://app.test/@switchyard/hmr");
  assert.equal(hmr.hmrSocketUrl({ protocol: "http:", host: "localhost:5173" }, "a+b/c"), "ws://localhost:5173/@switchyard/hmr?token=a%2Bb%2Fc");
  assert.equal(hmr.rscPayloadUrl({ pathname: "/", search: "" }), "/?__rsc");
  assert.equal(hmr.rscPayloadUrl({ pathname: "/users/1", search: "?tab=a&__rsc" }), "/users/1?tab=a&__rsc");
});

test("hot context: accept forms, relative deps, data kept, stale callbacks dropped", () => {
  const hot = hmr.createHotContext("/src/app/App.tsx");
  hot.accept();
  hot.accept("./dep.ts", () => {});
  hot.accept(["/src/app/a.ts", "../b.ts?v=1"], () => {});
  const mod = hmr.hotModule("/src/app/App.tsx");
  assert.deepEqual(mod.callbacks.map((c) => c.deps), [["/src/app/App.tsx"], ["/src/app/dep.ts"], ["/src/app/a.ts", "/src/b.ts"]]);
  assert.throws(() => hot.accept(42), /invalid import.meta.hot.accept/);
  hot.data.count = 3;
  // The updated instance of the module creates its context again.
  const next = hmr.createHotContext("/src/app/App.tsx?t=2");
  assert.equal(hmr.hotModule("/src/app/App.tsx").callbacks.length, 0);
  assert.equal(next.data.count, 3);
});

test("js-update of a self-accepting module re-imports it and calls its callback", async () => {
  const newModule = { default: "v2" };
  const env = environment({ "/src/Counter.tsx": newModule });
  const hot = hmr.createHotContext("/src/Counter.tsx");
  const got = [];
  hot.dispose((data) => { data.disposed = true; });
  hot.accept((m) => got.push(m));
  await hmr.handleMessage(JSON.stringify({ type: "update", updates: [{ type: "js-update", path: "/src/Counter.tsx", acceptedPath: "/src/Counter.tsx", timestamp: 11 }] }));
  assert.deepEqual(env.imported, ["/src/Counter.tsx?t=11"]);
  assert.deepEqual(got, [newModule]);
  assert.equal(hot.data.disposed, true);
  assert.equal(env.reloads, 0);
});

test("js-update of an accepted dependency: the importer's callback gets the new dependency", async () => {
  const env = environment({ "/src/dep.ts": { value: 2 } });
  const hot = hmr.createHotContext("/src/App.tsx");
  const got = [];
  hot.accept("./dep.ts", (m) => got.push(["one", m]));
  hot.accept(["./other.ts", "./dep.ts"], (mods) => got.push(["many", mods]));
  await hmr.handleMessage({ type: "update", updates: [{ type: "js-update", path: "/src/App.tsx", acceptedPath: "/src/dep.ts?v=abc", timestamp: 5 }] });
  assert.deepEqual(env.imported, ["/src/dep.ts?t=5&v=abc"]);
  assert.deepEqual(got, [["one", { value: 2 }], ["many", [undefined, { value: 2 }]]]);
});

test("updates for modules this page never loaded are skipped; a failed import in a cycle reloads", async () => {
  const env = environment({ "/src/broken.ts": new Error("SyntaxError") });
  await hmr.handleMessage({ type: "update", updates: [{ type: "js-update", path: "/src/nowhere.ts", acceptedPath: "/src/nowhere.ts", timestamp: 1 }] });
  assert.deepEqual(env.imported, []);
  hmr.createHotContext("/src/broken.ts").accept(() => {});
  await hmr.handleMessage({ type: "update", updates: [{ type: "js-update", path: "/src/broken.ts", acceptedPath: "/src/broken.ts", timestamp: 2 }] });
  assert.equal(env.reloads, 0);
  await hmr.handleMessage({ type: "update", updates: [{ type: "js-update", path: "/src/broken.ts", acceptedPath: "/src/broken.ts", timestamp: 3, isWithinCircularImport: true }] });
  assert.equal(env.reloads, 1);
});

test("full-reload reloads (not for another HTML page) and clears the overlay", async () => {
  const env = environment();
  showErrorOverlay({ message: "boom" }, env.document);
  await hmr.handleMessage({ type: "full-reload", path: "/other.html" });
  assert.equal(env.reloads, 0);
  await hmr.handleMessage({ type: "full-reload" });
  assert.equal(env.reloads, 1);
  assert.equal(env.document.getElementById(OVERLAY_ID), null);
});

test("error shows the overlay; the next update removes it", async () => {
  const env = environment({ "/src/a.ts": {} });
  await hmr.handleMessage({
    type: "error",
    err: { message: "Unexpected token", stack: "", id: "/app/src/a.ts", frame: "> 2 | const b = ;\n    |           ^", plugin: "switchyard:transform", loc: { file: "/app/src/a.ts", line: 2, column: 11 } },
  });
  const overlay = env.document.getElementById(OVERLAY_ID);
  assert.ok(overlay);
  const texts = overlay.children[0].children.map((c) => c.textContent);
  assert.deepEqual(texts.slice(0, 3), ["[plugin:switchyard:transform] Unexpected token", "/app/src/a.ts:2:11", "> 2 | const b = ;\n    |           ^"]);
  // A second error replaces the first.
  await hmr.handleMessage({ type: "error", err: { message: "again", stack: "" } });
  assert.equal(env.document.body.children.length, 1);
  hmr.createHotContext("/src/a.ts").accept();
  await hmr.handleMessage({ type: "update", updates: [{ type: "js-update", path: "/src/a.ts", acceptedPath: "/src/a.ts", timestamp: 1 }] });
  assert.equal(env.document.getElementById(OVERLAY_ID), null);
  assert.equal(clearErrorOverlay(env.document), false);
});

test("overlay text formatting", () => {
  assert.equal(
    overlayText({ message: "Failed to resolve import \"./nope\"", stack: "Error: Failed to resolve import \"./nope\"\n    at resolve (engine)", id: "/app/src/page.tsx", loc: { line: 3, column: 8 }, frame: "> 3 | import x from \"./nope\";\n    |        ^\n" }),
    "Failed to resolve import \"./nope\"\n\n/app/src/page.tsx:3:8\n\n> 3 | import x from \"./nope\";\n    |        ^\n\n    at resolve (engine)",
  );
  assert.deepEqual(overlayContent({ message: "m" }), { message: "m", location: "", frame: "", stack: "", plugin: "" });
  assert.equal(overlayContent({}).message, "Unknown error");
  assert.equal(overlayContent({ message: "[plugin:p] x", plugin: "p" }).message, "[plugin:p] x");
});

test("rsc-update runs initClient's refetch, then dispatches switchyard:rsc-updated", async () => {
  const env = environment();
  const calls = [];
  hmr.configureHmr({ rscUpdate: async (data) => { calls.push(data); } });
  const heard = [];
  hmr.createHotContext("/src/x.ts").on("switchyard:rsc-update", (d) => heard.push(d));
  showErrorOverlay({ message: "server component broke" }, env.document);
  await hmr.handleMessage({ type: "custom", event: "switchyard:rsc-update", data: { paths: ["/app/src/page.tsx"] } });
  assert.deepEqual(calls, [{ paths: ["/app/src/page.tsx"] }]);
  assert.deepEqual(heard, [{ paths: ["/app/src/page.tsx"] }]);
  assert.deepEqual(env.events, [["switchyard:rsc-updated", { paths: ["/app/src/page.tsx"] }]]);
  assert.equal(env.document.getElementById(OVERLAY_ID), null);
  assert.equal(env.reloads, 0);
});

test("rsc-update: a failing refetch shows the overlay; without initClient the page reloads", async () => {
  const env = environment();
  hmr.configureHmr({ rscUpdate: async () => { throw new Error("Error: boom in Page"); } });
  await hmr.handleMessage({ type: "custom", event: "switchyard:rsc-update" });
  assert.ok(env.document.getElementById(OVERLAY_ID));
  assert.equal(env.events[0][0], "switchyard:rsc-update-failed");
  const env2 = environment();
  await hmr.handleMessage({ type: "custom", event: "switchyard:rsc-update" });
  assert.equal(env2.reloads, 1);
});

test("payloads apply in order, one at a time", async () => {
  const order = [];
  let release;
  const gate = new Promise((r) => (release = r));
  environment();
  hmr.configureHmr({ rscUpdate: async () => { order.push("rsc:start"); await gate; order.push("rsc:end"); }, reload: () => order.push("reload") });
  const a = hmr.handleMessage({ type: "custom", event: "switchyard:rsc-update" });
  const b = hmr.handleMessage({ type: "full-reload" });
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(order, ["rsc:start"]);
  release();
  await Promise.all([a, b]);
  assert.deepEqual(order, ["rsc:start", "rsc:end", "reload"]);
});

test("prune calls dispose and prune; listeners of a replaced context are dropped", async () => {
  environment();
  const hot = hmr.createHotContext("/src/gone.ts");
  const calls = [];
  hot.dispose(() => calls.push("dispose"));
  hot.prune(() => calls.push("prune"));
  await hmr.handleMessage({ type: "prune", paths: ["/src/gone.ts"] });
  assert.deepEqual(calls, ["dispose", "prune"]);

  const seen = [];
  hmr.createHotContext("/src/l.ts").on("my:event", () => seen.push("old"));
  hmr.createHotContext("/src/l.ts").on("my:event", () => seen.push("new"));
  await hmr.handleMessage({ type: "custom", event: "my:event", data: 1 });
  assert.deepEqual(seen, ["new"]);
});

test("status object for tests; installHmr is inert without a browser", () => {
  assert.equal(globalThis.__SWITCHYARD_HMR__, hmr.status);
  assert.deepEqual(hmr.installHmr(), { connected: false, messages: 0 });
  hmr.handleMessage({ type: "connected" });
});

test("css-update swaps the matching <link> for one with ?t= and removes the old one once it loaded", async () => {
  const env = environment();
  const head = [];
  const link = (href) => {
    const el = {
      href, listeners: {}, attrs: { "data-vite-dev-id": "/abs/src/a.css" },
      cloneNode() { return link(this.href); },
      addEventListener(name, fn) { this.listeners[name] = fn; },
      after(next) { head.splice(head.indexOf(this) + 1, 0, next); },
      remove() { head.splice(head.indexOf(this), 1); },
    };
    return el;
  };
  head.push(link("http://localhost/src/a.css"), link("http://localhost/src/b.css"));
  env.document.querySelectorAll = (selector) => (selector === 'link[rel="stylesheet"]' ? [...head] : []);
  globalThis.location = { href: "http://localhost/" };
  const done = hmr.handleMessage({ type: "update", updates: [{ type: "css-update", path: "/src/a.css", acceptedPath: "/src/a.css", timestamp: 42 }] });
  await new Promise((r) => setTimeout(r, 0));
  // The new link sits after the old one; both are there until it loaded.
  assert.deepEqual(head.map((l) => l.href), ["http://localhost/src/a.css", "/src/a.css?t=42", "http://localhost/src/b.css"]);
  head[1].listeners.load();
  await done;
  assert.deepEqual(head.map((l) => l.href), ["/src/a.css?t=42", "http://localhost/src/b.css"]);
  delete globalThis.location;
});
