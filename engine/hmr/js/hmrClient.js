// The HMR client's core (bundled into /@vite/client, viteClient.js): the hot
// contexts of client modules (import.meta.hot) and the application of the
// engine's Vite-style payloads (engine/hmr/hmrPayload.h):
//
//   update       js-update: dispose, re-import acceptedPath?t=<timestamp>,
//                run the accept callbacks of `path`; css-update: swap the
//                <link rel=stylesheet> (styles.js)
//   full-reload  location.reload()
//   prune        dispose + prune callbacks of modules nothing imports any more
//   error        the error overlay (overlay.js)
//   custom       import.meta.hot.on(event) listeners. The framework's server
//                update event (FrameworkProfile::rscUpdateEvent: "rsc:update"
//                for rwsdk) first removes the overlay; with no listener (no
//                framework client re-renders the page), or after a failed
//                worker request's error (a server render failed), the page
//                reloads.
//
// Listener events around them are Vite's: vite:beforeUpdate, vite:afterUpdate,
// vite:beforeFullReload, vite:beforePrune, vite:error, vite:invalidate, and
// (from the socket, viteClient.js) vite:ws:connect, vite:ws:disconnect.
// No socket and no DOM globals here: the pure parts run under node
// (tests/hmr/hmrClient.test.mjs) with a fake environment (configureHmr).
import { clearErrorOverlay, showErrorOverlay } from "./overlay.js";
import { swapStylesheetLinks } from "./styles.js";
import { stripQuery, withTimestamp } from "./urls.js";

// What tests read: connected to the HMR socket, number of messages received,
// whether a server render failed since the page loaded.
export const status = (globalThis.__SWITCHYARD_HMR__ ||= { connected: false, messages: 0, serverRenderFailed: false });
// The `plugin` of the error payloads of failed worker requests (DevServer::reportRuntimeError).
const WORKER_ERROR_PLUGIN = "switchyard:worker";

const defaults = {
  importModule: (url) => import(/* @vite-ignore */ url),
  reload: () => globalThis.location.reload(),
  document: globalThis.document,
  // Sends a message on the HMR socket (viteClient.js); false when it is not open.
  send: () => false,
  // The framework's custom event for "server code changed" (rscUpdateEvent).
  serverUpdateEvent: "",
  // URL of the pre-bundles folder (ViteClientConfig::preBundleUrlPrefix): see createHotContext.
  preBundleUrlPrefix: "",
  log: (...args) => console.debug("[vite]", ...args),
  warn: (...args) => console.warn("[vite]", ...args),
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

let queue = Promise.resolve();

// A dependency named in accept(): URLs relative to the owner become absolute paths.
function normalizeDep(dep, owner) {
  if (typeof dep !== "string") throw new Error("import.meta.hot.accept(): dependencies must be strings");
  if (!dep.startsWith(".")) return stripQuery(dep);
  return new URL(dep, `http://switchyard.invalid${owner}`).pathname;
}

// ---- import.meta.hot ----------------------------------------------------------

// Whether `owner` is a pre-bundle (current or retired generation of the folder).
function isPreBundle(owner) {
  const prefix = options.preBundleUrlPrefix;
  return !!prefix && (owner.startsWith(`${prefix}/`) || owner.startsWith(`${prefix}@`));
}

// The import.meta.hot of the module at `ownerPath` (its URL; ?t= and the rest of
// the query are ignored). Vite's createHotContext: a new instance of the same
// module (after an update) gets a fresh context, the old instance's accept
// callbacks and listeners are dropped, `data` is kept. Except for a pre-bundle:
// imported again with ?t= (its importers were hot-updated), its old instance
// stays in use (rwsdk's client keeps the page's root and its rsc:update
// listener, added once by initClient, which the new instance never runs), so
// its listeners are kept.
export function createHotContext(ownerPath) {
  const owner = stripQuery(ownerPath);
  if (!dataMap.has(owner)) dataMap.set(owner, {});
  const mod = hotModules.get(owner);
  if (mod) mod.callbacks = [];
  const stale = ownerListeners.get(owner);
  if (stale && !isPreBundle(owner)) {
    for (const [event, fns] of stale) {
      const list = listeners.get(event);
      if (list) listeners.set(event, list.filter((fn) => !fns.includes(fn)));
    }
  }
  const mine = stale && isPreBundle(owner) ? stale : new Map();
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
    // Vite's acceptExports(names, cb): in the client, the module accepts itself.
    acceptExports(_, callback) {
      acceptDeps([owner], ([m]) => callback?.(m));
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
      const data = { path: owner, message };
      notifyListeners("vite:invalidate", data);
      if (!options.send({ type: "custom", event: "vite:invalidate", data })) options.reload();
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
      options.send({ type: "custom", event, data });
    },
  };
}

// The accept bookkeeping for `owner` (tests): { callbacks: [{ deps, fn }] } or undefined.
export function hotModule(owner) {
  return hotModules.get(stripQuery(owner));
}

// Runs the listeners of `event` with `data` (Vite: all of them, awaited
// together; one that throws is reported and does not stop the others).
export async function notifyListeners(event, data) {
  const fns = listeners.get(event) ?? [];
  const results = await Promise.allSettled(fns.map(async (fn) => fn(data)));
  for (const r of results) if (r.status === "rejected") options.warn(`a listener of ${event} failed`, r.reason);
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
      options.log("connected.");
      return;
    case "ping":
      options.send({ type: "pong" });
      return;
    case "pong":
      return;
    case "update": {
      await notifyListeners("vite:beforeUpdate", payload);
      const baseHref = globalThis.location?.href;
      const pending = payload.updates.map((u) =>
        u.type === "css-update" ? swapStylesheetLinks(options.document, u, baseHref) : fetchUpdate(u),
      );
      for (const runCallbacks of await Promise.all(pending)) runCallbacks?.();
      clearErrorOverlay(options.document);
      await notifyListeners("vite:afterUpdate", payload);
      return;
    }
    case "full-reload": {
      // An HTML path other than this page's does not concern us (Vite's rule).
      const page = globalThis.location?.pathname ?? "/";
      if (payload.path && payload.path !== "*" && payload.path.endsWith(".html") && payload.path !== page) return;
      await notifyListeners("vite:beforeFullReload", payload);
      clearErrorOverlay(options.document);
      options.reload();
      return;
    }
    case "prune":
      await notifyListeners("vite:beforePrune", payload);
      for (const raw of payload.paths ?? []) {
        const path = stripQuery(raw);
        const dispose = disposeMap.get(path);
        if (dispose) await dispose(dataMap.get(path));
        const prune = pruneMap.get(path);
        if (prune) await prune(dataMap.get(path));
      }
      return;
    case "error":
      await notifyListeners("vite:error", payload);
      options.warn(`error: ${payload.err?.message ?? ""}`);
      // A page's server render (an RSC request) failed; a failed document request
      // (another tab's GET, a test's fetch) leaves this page's root alone.
      if (payload.err?.plugin === WORKER_ERROR_PLUGIN && payload.err.serverRender) status.serverRenderFailed = true;
      showErrorOverlay(payload.err ?? {}, options.document);
      return;
    case "custom":
      if (options.serverUpdateEvent && payload.event === options.serverUpdateEvent) {
        clearErrorOverlay(options.document);
        // Server code changed and nothing on this page re-renders from the
        // server (the framework's client never listened), or a server render
        // failed since this page loaded (rwsdk's client unmounts its root on an
        // RSC response it cannot read, and later payloads have nothing to
        // update): reload.
        if (!(listeners.get(payload.event)?.length) || status.serverRenderFailed) {
          options.reload();
          return;
        }
      }
      await notifyListeners(payload.event, payload.data);
      return;
    default:
      options.warn(`unknown HMR payload type ${JSON.stringify(payload.type)}`);
  }
}

// Replaces parts of the client's environment (defined keys only): importModule(url),
// reload(), document, send(message) -> bool, serverUpdateEvent, log, warn.
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
