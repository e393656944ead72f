// Unit tests of the pure parts of the engine's HMR client, /@vite/client
// (engine/hmr/js: hmrClient.js, overlay.js, styles.js, urls.js): `node --test
// tests/hmr`. No browser, no socket: payloads go through handleMessage with a
// fake importer, reload, send and document.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";

const hmr = await import("../../engine/hmr/js/hmrClient.js");
const urls = await import("../../engine/hmr/js/urls.js");
const { overlayContent, overlayText, showErrorOverlay, clearErrorOverlay, OVERLAY_ID } = await import("../../engine/hmr/js/overlay.js");

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
function environment(modules = {}, { socketOpen = true, serverUpdateEvent = "rsc:update", preBundleUrlPrefix = "" } = {}) {
  const env = { imported: [], reloads: 0, sent: [], document: fakeDocument() };
  hmr.resetHmr();
  hmr.configureHmr({
    importModule: async (url) => {
      env.imported.push(url);
      const key = urls.stripQuery(url);
      if (modules[key] instanceof Error) throw modules[key];
      return modules[key] ?? { url };
    },
    reload: () => env.reloads++,
    send: (message) => socketOpen && env.sent.push(message) > 0,
    serverUpdateEvent,
    preBundleUrlPrefix,
    document: env.document,
    log: () => {},
    warn: () => {},
  });
  return env;
}

beforeEach(() => hmr.resetHmr());

test("withTimestamp appends t= first and keeps the query", () => {
  assert.equal(urls.withTimestamp("/src/a.tsx", 5), "/src/a.tsx?t=5");
  assert.equal(urls.withTimestamp("/.switchyard/deps_client/react.js?v=ab12", 7), "/.switchyard/deps_client/react.js?t=7&v=ab12");
  assert.equal(urls.withTimestamp("/src/a.tsx?t=1&x=2", 9), "/src/a.tsx?t=9&x=2");
  assert.equal(urls.withTimestamp("/src/a.tsx?import#h", 3), "/src/a.tsx?t=3&import");
  assert.equal(urls.stripQuery("/src/a.tsx?t=3#x"), "/src/a.tsx");
});

test("injectQuery puts the query first and keeps the URL's own query and hash (Vite's)", () => {
  assert.equal(urls.injectQuery("/src/a.ts", "import"), "/src/a.ts?import");
  assert.equal(urls.injectQuery("/src/a.ts?x=1#h", "import"), "/src/a.ts?import&x=1#h");
  assert.equal(urls.injectQuery("./b.svg#frag", "url"), "./b.svg?url#frag");
  assert.equal(urls.injectQuery("https://cdn.test/x.js", "import"), "https://cdn.test/x.js");
  assert.equal(urls.injectQuery("data:text/javascript,1", "import"), "data:text/javascript,1");
});

test("socket URL", () => {
  assert.equal(urls.hmrSocketUrl({ protocol: "http:", host: "127.0.0.1:5173" }, "/@switchyard/hmr"), "ws://127.0.0.1:5173/@switchyard/hmr");
  assert.equal(urls.hmrSocketUrl({ protocol: "https:", host: "app.test" }, "/@switchyard/hmr"), "wss://app.test/@switchyard/hmr");
  assert.equal(urls.hmrSocketUrl({ protocol: "http:", host: "localhost:5173" }, "/@switchyard/hmr", "a+b/c"), "ws://localhost:5173/@switchyard/hmr?token=a%2Bb%2Fc");
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

test("the framework's server-update event reaches import.meta.hot.on listeners and removes the overlay", async () => {
  const env = environment();
  const heard = [];
  hmr.createHotContext("/.switchyard/deps_client/rwsdk_client.js").on("rsc:update", (d) => heard.push(d));
  showErrorOverlay({ message: "server component broke" }, env.document);
  await hmr.handleMessage({ type: "custom", event: "rsc:update", data: { file: "/app/src/page.tsx", paths: ["/src/page.tsx"] } });
  assert.deepEqual(heard, [{ file: "/app/src/page.tsx", paths: ["/src/page.tsx"] }]);
  assert.equal(env.document.getElementById(OVERLAY_ID), null);
  assert.equal(env.reloads, 0);
});

test("the server-update event with no listener reloads; other custom events never do", async () => {
  const env = environment();
  await hmr.handleMessage({ type: "custom", event: "my:event", data: 1 });
  assert.equal(env.reloads, 0);
  await hmr.handleMessage({ type: "custom", event: "rsc:update", data: { file: "/app/src/page.tsx" } });
  assert.equal(env.reloads, 1);
  // Another framework's event name is an ordinary custom event here.
  await hmr.handleMessage({ type: "custom", event: "switchyard:rsc-update" });
  assert.equal(env.reloads, 1);
});

test("a pre-bundle imported again with ?t= keeps its first instance's listeners; an app module's new instance drops them (Vite)", async () => {
  const env = environment({}, { preBundleUrlPrefix: "/.switchyard/deps_client" });
  const heard = [];
  // rwsdk's client: initClient() of the page's instance listens once.
  hmr.createHotContext("/.switchyard/deps_client/rwsdk_client.js?v=ab12").on("rsc:update", (d) => heard.push(`first ${d.file}`));
  // Its second instance (re-imported with ?t= through the use-client lookup) never calls initClient.
  hmr.createHotContext("/.switchyard/deps_client/rwsdk_client.js?t=5&v=ab12");
  await hmr.handleMessage({ type: "custom", event: "rsc:update", data: { file: "/app/src/actions.ts" } });
  assert.deepEqual(heard, ["first /app/src/actions.ts"]);
  assert.equal(env.reloads, 0);
  // A retired generation's folder is a pre-bundle too.
  hmr.createHotContext("/.switchyard/deps_client@ab12/chunk-1.js").on("my:event", () => heard.push("retired first"));
  hmr.createHotContext("/.switchyard/deps_client@ab12/chunk-1.js?t=6");
  await hmr.handleMessage({ type: "custom", event: "my:event" });
  assert.deepEqual(heard.slice(1), ["retired first"]);
  // An app module replaced by its update: the old instance's listener is stale.
  hmr.createHotContext("/src/app/page.tsx").on("my:event", () => heard.push("app old"));
  hmr.createHotContext("/src/app/page.tsx?t=7").on("my:event", () => heard.push("app new"));
  await hmr.handleMessage({ type: "custom", event: "my:event" });
  assert.deepEqual(heard.slice(2), ["retired first", "app new"]);
  // Without the prefix configured (no dev server), Vite's rule everywhere.
  const plain = environment();
  hmr.createHotContext("/.switchyard/deps_client/rwsdk_client.js").on("rsc:update", () => heard.push("dropped"));
  hmr.createHotContext("/.switchyard/deps_client/rwsdk_client.js?t=8");
  await hmr.handleMessage({ type: "custom", event: "rsc:update", data: {} });
  assert.equal(plain.reloads, 1);
  assert.ok(!heard.includes("dropped"));
});

test("after a failed server render (an RSC request's error) the server-update event reloads", async () => {
  const env = environment();
  const heard = [];
  hmr.createHotContext("/.switchyard/deps_client/rwsdk_client.js").on("rsc:update", (d) => heard.push(d));
  // A transform error does not: the framework's client still holds its page.
  await hmr.handleMessage({ type: "error", err: { message: "Unexpected token", plugin: "switchyard:transform" } });
  await hmr.handleMessage({ type: "custom", event: "rsc:update", data: { file: "/app/src/page.tsx" } });
  assert.equal(env.reloads, 0);
  assert.equal(heard.length, 1);
  // Nor a failed document request (another tab's GET /): this page's root is intact.
  await hmr.handleMessage({ type: "error", err: { message: "Error: boom from Home", plugin: "switchyard:worker" } });
  await hmr.handleMessage({ type: "custom", event: "rsc:update", data: { file: "/app/src/page.tsx" } });
  assert.equal(env.reloads, 0);
  assert.equal(heard.length, 2);
  await hmr.handleMessage({
    type: "error", err: { message: "Error: boom from Home", plugin: "switchyard:worker", serverRender: true },
  });
  await hmr.handleMessage({ type: "custom", event: "rsc:update", data: { file: "/app/src/page.tsx" } });
  assert.equal(env.reloads, 1);
  assert.equal(heard.length, 2);
  assert.equal(env.document.getElementById(OVERLAY_ID), null);
  hmr.status.serverRenderFailed = false; // the reload starts a new page
});

test("Vite's listener events around each payload", async () => {
  const env = environment({ "/src/a.ts": {} });
  const seen = [];
  const hot = hmr.createHotContext("/src/a.ts");
  hot.accept();
  for (const event of ["vite:beforeUpdate", "vite:afterUpdate", "vite:beforeFullReload", "vite:beforePrune", "vite:error", "vite:invalidate"])
    hot.on(event, (data) => seen.push([event, data?.type ?? data?.path]));
  await hmr.handleMessage({ type: "update", updates: [{ type: "js-update", path: "/src/a.ts", acceptedPath: "/src/a.ts", timestamp: 1 }] });
  await hmr.handleMessage({ type: "prune", paths: [] });
  await hmr.handleMessage({ type: "error", err: { message: "x" } });
  await hmr.handleMessage({ type: "full-reload" });
  hmr.createHotContext("/src/b.ts").invalidate("not a boundary");
  assert.deepEqual(seen, [
    ["vite:beforeUpdate", "update"], ["vite:afterUpdate", "update"], ["vite:beforePrune", "prune"],
    ["vite:error", "error"], ["vite:beforeFullReload", "full-reload"], ["vite:invalidate", "/src/b.ts"],
  ]);
  assert.equal(env.reloads, 1);
});

test("invalidate sends vite:invalidate on the socket; with the socket down the page reloads", () => {
  const env = environment();
  hmr.createHotContext("/src/Counter.tsx?t=4").invalidate("Could not Fast Refresh");
  assert.deepEqual(env.sent, [{ type: "custom", event: "vite:invalidate", data: { path: "/src/Counter.tsx", message: "Could not Fast Refresh" } }]);
  assert.equal(env.reloads, 0);
  const down = environment({}, { socketOpen: false });
  hmr.createHotContext("/src/Counter.tsx").invalidate("x");
  assert.equal(down.reloads, 1);
});

test("a listener that throws does not stop the others", async () => {
  const env = environment();
  const seen = [];
  hmr.createHotContext("/src/a.ts").on("my:event", () => { throw new Error("boom"); });
  hmr.createHotContext("/src/b.ts").on("my:event", (d) => seen.push(d));
  await hmr.handleMessage({ type: "custom", event: "my:event", data: 7 });
  assert.deepEqual(seen, [7]);
  assert.equal(env.reloads, 0);
});

test("payloads apply in order, one at a time", async () => {
  const order = [];
  let release;
  const gate = new Promise((r) => (release = r));
  environment();
  hmr.configureHmr({ reload: () => order.push("reload") });
  hmr.createHotContext("/src/client.tsx").on("rsc:update", async () => { order.push("rsc:start"); await gate; order.push("rsc:end"); });
  const a = hmr.handleMessage({ type: "custom", event: "rsc:update" });
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

test("status object for tests; connected and ping", async () => {
  const env = environment();
  assert.equal(globalThis.__SWITCHYARD_HMR__, hmr.status);
  await hmr.handleMessage({ type: "connected" });
  assert.equal(hmr.status.connected, true);
  await hmr.handleMessage({ type: "ping" });
  assert.deepEqual(env.sent, [{ type: "pong" }]);
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
