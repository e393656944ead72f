// The browser's HMR client: applies the engine's Vite-style payloads (see
// runtime/README.md, "12. HMR") arriving on ws(s)://<host>/@switchyard/hmr?token=<token>.
// The dev server refuses a socket without its per-process token (Vite 6.0.9+'s
// webSocketToken), which the client reads from /@id/virtual:switchyard:hmr-token:
// a module only pages of the server's own origin can load.
//
//   update       js-update: dispose, re-import acceptedPath?t=<timestamp>,
//                run the accept callbacks of `path`; css-update: swap the
//                <link rel=stylesheet>
//   full-reload  location.reload()
//   prune        dispose + prune callbacks of modules nothing imports any more
//   error        the error overlay (hmrOverlay.js)
//   custom       "switchyard:rsc-update": refetch `<path>?__rsc`, re-render the
//                root in place, then dispatch "switchyard:rsc-updated" on
//                window; every custom event also reaches import.meta.hot.on
//
// import.meta.hot of a client module is createHotContext(<its URL>), injected
// by the engine. No React here (the RSC refetch is given by initClient), so
// the pure parts run under node (runtime/tests/hmr.test.mjs).
import { clearErrorOverlay, showErrorOverlay } from "./hmrOverlay.js";

export const HMR_PATH = "/@switchyard/hmr";
export const HMR_TOKEN_URL = "/@id/virtual:switchyard:hmr-token";
// Subprotocol of the "is the server back?" probe: accepted without the token (a
// restarted server has a new one) and closed at once, nothing sent (Vite's).
export const HMR_PING_PROTOCOL = "vite-ping";
export const RSC_UPDATE_EVENT = "switchyard:rsc-update";
export const RSC_UPDATED_EVENT = "switchyard:rsc-updated";
export const RSC_UPDATE_FAILED_EVENT = "switchyard:rsc-update-failed";
const PING_INTERVAL_MS = 30000;
const RECONNECT_DELAYS_MS = [100, 200, 400, 800, 1600, 2000];

// What tests read: connected to the HMR socket, number of messages received.
export const status = (globalThis.__SWITCHYARD_HMR__ ||= { connected: false, messages: 0 });

const defaults = {
  importModule: (url) => import(/* @vite-ignore */ url),
  reload: () => globalThis.location.reload(),
  // Set by initClient: refetches the RSC payload and resolves once React committed it.
  rscUpdate: null,
  document: globalThis.document,
  dispatch: (name, detail) => globalThis.dispatchEvent?.(new CustomEvent(name, { detail })),
  log: (...args) => console.debug("[switchyard]", ...args),
  warn: (...args) => console.warn("[switchyard]", ...args),
};
const options = { ...defaults };

// Per module URL (the owner of an import.meta.hot): accept callbacks, data kept
// across updates, dispose and prune callbacks, import.meta.hot.on listeners.
const hotModules = new Map(); // owner -> { callbacks: [{ deps, fn }] }
const dataMap = new Map();
const disposeMap = new Map();
const pruneMap = new Map();
const listeners = new Map(); // event -> [fn]
const ownerListeners = new Map(); // owner -> Map(event -> [fn])

let socket = null;
let installed = false;
let queue = Promise.resolve();

// ---- URLs -------------------------------------------------------------------

// `url` with `t=<timestamp>` first in its query (replacing an old t=), keeping
// the rest of the query and dropping a hash: "/src/a.ts?v=1" -> "/src/a.ts?t=5&v=1".
export function withTimestamp(url, timestamp) {
  const noHash = String(url).split("#")[0];
  const q = noHash.indexOf("?");
  const path = q < 0 ? noHash : noHash.slice(0, q);
  const rest = q < 0 ? [] : noHash.slice(q + 1).split("&").filter((p) => p && !/^t(=|$)/.test(p));
  return `${path}?${[`t=${timestamp}`, ...rest].join("&")}`;
}

// The URL without its query and hash: the key hot contexts and payloads use.
export function stripQuery(url) {
  return String(url).split(/[?#]/)[0];
}

// ws://host/@switchyard/hmr (wss:// on an https page), with ?token=<token> when given.
export function hmrSocketUrl(loc = globalThis.location, token = "") {
  const url = `${loc.protocol === "https:" ? "wss" : "ws"}://${loc.host}${HMR_PATH}`;
  return token ? `${url}?token=${encodeURIComponent(token)}` : url;
}

// The current page's RSC payload URL: path + query + "__rsc" (runtime README 9.5).
export function rscPayloadUrl(loc = globalThis.location) {
  const search = String(loc.search ?? "").replace(/^\?/, "");
  const params = search.split("&").filter((p) => p && p !== "__rsc" && !p.startsWith("__rsc="));
  return `${loc.pathname}?${[...params, "__rsc"].join("&")}`;
}

// A dependency named in accept(): URLs relative to the owner become absolute paths.
function normalizeDep(dep, owner) {
  if (typeof dep !== "string") throw new Error("import.meta.hot.accept(): dependencies must be strings");
  if (!dep.startsWith(".")) return stripQuery(dep);
  return new URL(dep, `http://switchyard.invalid${owner}`).pathname;
}

// ---- import.meta.hot ----------------------------------------------------------

// The import.meta.hot of the module at `ownerUrl` (its URL without ?t=). A new
// instance of the same module (after an update) gets a fresh context: the old
// instance's accept callbacks and listeners are dropped, `data` is kept.
export function createHotContext(ownerUrl) {
  const owner = stripQuery(ownerUrl);
  if (!dataMap.has(owner)) dataMap.set(owner, {});
  const mod = hotModules.get(owner);
  if (mod) mod.callbacks = [];
  const stale = ownerListeners.get(owner);
  if (stale) {
    for (const [event, fns] of stale) {
      const list = listeners.get(event);
      if (list) listeners.set(event, list.filter((fn) => !fns.includes(fn)));
    }
  }
  const mine = new Map();
  ownerListeners.set(owner, mine);

  function acceptDeps(deps, fn = () => {}) {
    const entry = hotModules.get(owner) ?? { id: owner, callbacks: [] };
    entry.callbacks.push({ deps, fn });
    hotModules.set(owner, entry);
  }

  return {
    get data() {
      return dataMap.get(owner);
    },
    // accept() / accept(cb): self-accepting, cb(newModule). accept(dep, cb):
    // cb(newDepModule). accept([deps], cb): cb([modules], undefined for the others).
    accept(deps, callback) {
      if (typeof deps === "function" || deps == null) acceptDeps([owner], ([m]) => deps?.(m));
      else if (typeof deps === "string") acceptDeps([normalizeDep(deps, owner)], ([m]) => callback?.(m));
      else if (Array.isArray(deps)) acceptDeps(deps.map((d) => normalizeDep(d, owner)), callback);
      else throw new Error("invalid import.meta.hot.accept() usage");
    },
    // Runs with `data` before the module is replaced (or pruned).
    dispose(cb) {
      disposeMap.set(owner, cb);
    },
    // Runs when no module imports this one any more.
    prune(cb) {
      pruneMap.set(owner, cb);
    },
    decline() {},
    // This module cannot take the update after all: the engine propagates it
    // from the importers (or the page reloads when the socket is down).
    invalidate(message = "") {
      notifyListeners("switchyard:invalidate", { path: owner, message });
      if (!send({ type: "custom", event: "switchyard:invalidate", data: { path: owner, message } })) options.reload();
    },
    on(event, cb) {
      for (const map of [listeners, mine]) {
        const list = map.get(event) ?? [];
        list.push(cb);
        map.set(event, list);
      }
    },
    off(event, cb) {
      for (const map of [listeners, mine]) {
        const list = map.get(event);
        if (list) map.set(event, list.filter((fn) => fn !== cb));
      }
    },
    send(event, data) {
      send({ type: "custom", event, data });
    },
  };
}

// The accept bookkeeping for `owner` (tests): { callbacks: [{ deps, fn }] } or undefined.
export function hotModule(owner) {
  return hotModules.get(stripQuery(owner));
}

async function notifyListeners(event, data) {
  for (const fn of listeners.get(event) ?? []) await fn(data);
}

// ---- applying payloads ----------------------------------------------------------

// One js-update: returns the function running the accept callbacks (Vite's
// fetchUpdate), or undefined when the boundary is not loaded in this page.
async function fetchUpdate({ path, acceptedPath, timestamp, isWithinCircularImport }) {
  path = stripQuery(path);
  const accepted = stripQuery(acceptedPath);
  const mod = hotModules.get(path);
  if (!mod) return undefined;
  const isSelfUpdate = path === accepted;
  const qualified = mod.callbacks.filter(({ deps }) => deps.includes(accepted));
  let fetched;
  if (isSelfUpdate || qualified.length > 0) {
    const dispose = disposeMap.get(accepted);
    if (dispose) await dispose(dataMap.get(accepted));
    try {
      fetched = await options.importModule(withTimestamp(acceptedPath, timestamp));
    } catch (e) {
      options.warn(`failed to reload ${acceptedPath} (see the errors above)`, e);
      if (isWithinCircularImport) options.reload();
      return undefined;
    }
  }
  return () => {
    for (const { deps, fn } of qualified) fn(deps.map((dep) => (dep === accepted ? fetched : undefined)));
    options.log(`hot updated: ${isSelfUpdate ? path : `${accepted} via ${path}`}`);
  };
}

// A css-update (Vite's): the <link rel="stylesheet"> whose URL is `path` gets
// a clone with `?t=<timestamp>`, and the old link is removed once the new one
// loaded (or failed), so the page never shows unstyled content in between.
// Resolves when the swaps are done.
const outdatedLinks = new WeakSet();
function updateStylesheet({ path, timestamp }) {
  const doc = options.document;
  if (!doc?.querySelectorAll) return undefined;
  const target = stripQuery(path);
  const swaps = [];
  for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) {
    if (outdatedLinks.has(link)) continue;
    if (stripQuery(new URL(link.href, globalThis.location?.href).pathname) !== target) continue;
    const next = link.cloneNode();
    next.href = withTimestamp(target, timestamp);
    swaps.push(
      new Promise((resolve) => {
        const done = () => {
          link.remove();
          resolve();
        };
        next.addEventListener("load", done, { once: true });
        next.addEventListener("error", done, { once: true });
      }),
    );
    outdatedLinks.add(link);
    link.after(next);
  }
  return swaps.length ? Promise.all(swaps).then(() => undefined) : undefined;
}

async function rscUpdate(data) {
  if (!options.rscUpdate) {
    // No root to re-render (the app never called initClient): reload instead.
    options.reload();
    return;
  }
  try {
    await options.rscUpdate(data);
  } catch (error) {
    showErrorOverlay({ message: error?.message ?? String(error), stack: error?.stack ?? "" }, options.document);
    options.dispatch(RSC_UPDATE_FAILED_EVENT, { error: String(error?.message ?? error) });
    return;
  }
  clearErrorOverlay(options.document);
  options.dispatch(RSC_UPDATED_EVENT, data ?? null);
}

// Applies one payload (object or JSON text). Payloads are applied one at a
// time in arrival order; the promise settles when this one is done.
export function handleMessage(payload) {
  const message = typeof payload === "string" ? JSON.parse(payload) : payload;
  const run = queue.then(() => apply(message));
  queue = run.catch(() => {});
  return run;
}

async function apply(payload) {
  switch (payload.type) {
    case "connected":
      status.connected = true;
      options.log("connected");
      return;
    case "ping":
      send({ type: "pong" });
      return;
    case "pong":
      return;
    case "update": {
      await notifyListeners("switchyard:beforeUpdate", payload);
      const pending = payload.updates.map((u) => (u.type === "css-update" ? updateStylesheet(u) : fetchUpdate(u)));
      for (const runCallbacks of await Promise.all(pending)) runCallbacks?.();
      clearErrorOverlay(options.document);
      await notifyListeners("switchyard:afterUpdate", payload);
      return;
    }
    case "full-reload": {
      // An HTML path other than this page's does not concern us (Vite's rule).
      const page = globalThis.location?.pathname ?? "/";
      if (payload.path && payload.path !== "*" && payload.path.endsWith(".html") && payload.path !== page) return;
      await notifyListeners("switchyard:beforeFullReload", payload);
      clearErrorOverlay(options.document);
      options.reload();
      return;
    }
    case "prune":
      await notifyListeners("switchyard:beforePrune", payload);
      for (const raw of payload.paths ?? []) {
        const path = stripQuery(raw);
        const dispose = disposeMap.get(path);
        if (dispose) await dispose(dataMap.get(path));
        const prune = pruneMap.get(path);
        if (prune) await prune(dataMap.get(path));
      }
      return;
    case "error":
      await notifyListeners("switchyard:error", payload);
      options.warn(`error: ${payload.err?.message ?? ""}`);
      showErrorOverlay(payload.err ?? {}, options.document);
      return;
    case "custom":
      await notifyListeners(payload.event, payload.data);
      if (payload.event === RSC_UPDATE_EVENT) await rscUpdate(payload.data);
      return;
    default:
      options.warn(`unknown HMR payload type ${JSON.stringify(payload.type)}`);
  }
}

// ---- the socket -------------------------------------------------------------------

function send(message) {
  if (!socket || socket.readyState !== 1) return false;
  socket.send(JSON.stringify(message));
  return true;
}

let leaving = false;

// The server's HMR token ("" when it cannot be read: the server then refuses the socket).
async function hmrToken() {
  try {
    return String((await options.importModule(HMR_TOKEN_URL)).default ?? "");
  } catch (e) {
    options.warn("cannot read the HMR token", e);
    return "";
  }
}

async function connect() {
  const ws = new WebSocket(hmrSocketUrl(globalThis.location, await hmrToken()));
  socket = ws;
  let opened = false;
  ws.addEventListener("open", () => {
    opened = true;
  });
  ws.addEventListener("message", (event) => {
    status.messages++;
    let payload;
    try {
      payload = JSON.parse(event.data);
    } catch {
      return options.warn("HMR message is not JSON", event.data);
    }
    handleMessage(payload).catch((e) => options.warn("applying an HMR payload failed", e));
  });
  ws.addEventListener("close", () => {
    if (socket === ws) socket = null;
    const wasConnected = status.connected;
    status.connected = false;
    if (leaving) return;
    // Never connected (no dev server, e.g. a production build): stay quiet.
    if (!opened && !wasConnected) return;
    notifyListeners("switchyard:ws:disconnect", {});
    options.log("server connection lost, polling for restart...");
    waitForServerThenReload(0);
  });
}

// The dev server went away: retry with backoff, reload once it answers again.
function waitForServerThenReload(attempt) {
  const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
  setTimeout(() => {
    if (leaving) return;
    const probe = new WebSocket(hmrSocketUrl(), HMR_PING_PROTOCOL);
    let ok = false;
    probe.addEventListener("open", () => {
      ok = true;
      probe.close();
      options.reload();
    });
    probe.addEventListener("close", () => {
      if (!ok) waitForServerThenReload(attempt + 1);
    });
  }, delay);
}

// Starts the HMR client once per page (later calls only update `overrides`,
// e.g. initClient's rscUpdate). Does nothing without window and WebSocket.
export function installHmr(overrides = {}) {
  configureHmr(overrides);
  if (installed || typeof window === "undefined" || typeof WebSocket === "undefined") return status;
  installed = true;
  globalThis.__switchyard_createHotContext = createHotContext;
  globalThis.addEventListener?.("pagehide", () => (leaving = true));
  globalThis.addEventListener?.("pageshow", () => (leaving = false));
  options.document?.addEventListener?.("keydown", (e) => {
    if (e.key === "Escape") clearErrorOverlay(options.document);
  });
  connect().catch((e) => options.warn("cannot open the HMR socket", e));
  setInterval(() => send({ type: "ping" }), PING_INTERVAL_MS);
  return status;
}

// Replaces parts of the client's environment (defined keys only): importModule(url),
// reload(), rscUpdate(data) -> Promise, document, dispatch(name, detail), log, warn.
export function configureHmr(overrides = {}) {
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined && key in defaults) options[key] = value;
}

// Tests: forget every hot context and restore the default environment.
export function resetHmr() {
  for (const map of [hotModules, dataMap, disposeMap, pruneMap, listeners, ownerListeners]) map.clear();
  Object.assign(options, defaults);
  queue = Promise.resolve();
  status.connected = false;
  status.messages = 0;
}
