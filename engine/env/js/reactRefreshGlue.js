// React Fast Refresh in the browser: the glue between react-refresh's runtime
// (the library: families, signatures, performReactRefresh) and the engine's
// HMR client, after the protocol of @vitejs/plugin-react.
//
// The engine serves this module bundled with react-refresh/runtime as
// /@id/virtual:switchyard:react-refresh (engine/env/js/reactRefreshModule.js)
// and makes every client module of the app that defines components register
// them (engine/env/reactRefresh.h):
//
//   - the client entry imports virtual:switchyard:react-refresh-preamble first,
//     which calls injectIntoGlobalHook(window) before React DOM is evaluated,
//     so React DOM reports its roots to the refresh runtime;
//   - react-refresh/babel adds $RefreshReg$(Component, "Name") and hook
//     signatures ($RefreshSig$); the module's footer defines both over
//     register() / createSignatureFunctionForTransform() with the module's URL
//     as the family prefix ("/src/app/Counter.tsx Counter");
//   - the footer calls moduleEvaluated(url, import.meta.url) (registers the
//     exports too, for components the transform cannot see) and accepts
//     itself: import.meta.hot.accept((next) => moduleUpdated(...)).
//
// An update is applied in place when the module is a refresh boundary: the new
// instance has the same export names and every export is a component (or kept
// its value). Then performReactRefresh re-renders the changed families and
// keeps their state. Otherwise the module invalidates itself and the engine
// propagates the change from its importers (a reload when nothing accepts).
//
// No React and no DOM here: the pure parts run under node (tests/env/reactRefreshGlue.test.mjs).

// One refresh for all the modules of one HMR payload (the HMR client runs their
// accept callbacks in one task): a macrotask later, not Vite's 16 ms timer.
const REFRESH_DELAY_MS = 0;

// `runtime` is react-refresh/runtime; `host` the page's global object;
// `importModule(url)` loads a module instance by its URL (tests replace it).
export function createReactRefresh(runtime, host = globalThis, { importModule = (url) => import(/* @vite-ignore */ url) } = {}) {
  let injected = false;
  // Components a refresh replaced: an old instance's export -> the newest one.
  const newestType = new Map();
  let replacements = 0; // bumped by every refresh that replaced a component
  let refreshTimer = null;
  const refreshes = []; // resolvers waiting for the next performReactRefresh

  // Same test as react-refresh's isLikelyComponentType (the runtime's own),
  // exposed by it; a memo/forwardRef object or a function named Capitalized.
  const isComponent = (value) => runtime.isLikelyComponentType(value);

  function register(type, id) {
    runtime.register(type, id);
  }

  // Exports the transform did not see (a component made by a factory, a
  // renamed export) get families too; register() ignores a type it knows.
  function registerExports(moduleUrl, moduleExports) {
    for (const key of Object.keys(moduleExports ?? {})) {
      const value = moduleExports[key];
      if (isComponent(value)) register(value, `${moduleUrl} export ${key}`);
    }
  }

  // undefined when `next` may replace `prev` in place, else why not.
  function boundaryProblem(prev, next) {
    const prevKeys = Object.keys(prev ?? {});
    const nextKeys = Object.keys(next ?? {});
    for (const key of prevKeys) if (!nextKeys.includes(key)) return `export "${key}" was removed`;
    for (const key of nextKeys) if (!prevKeys.includes(key)) return `export "${key}" was added`;
    if (nextKeys.length === 0) return "the module has no exports";
    for (const key of nextKeys) {
      if (isComponent(next[key])) continue;
      if (Object.is(prev[key], next[key])) continue;
      return `export "${key}" is not a React component (a module that exports only components is updated in place)`;
    }
    return undefined;
  }

  // The framework's client references keep resolving to the component instance
  // they loaded first (rwsdk's __webpack_require__ memoizes `{[id]: Component}`),
  // while React renders a refreshed fiber with the newest instance: an RSC
  // payload's lazy element whose resolved type is neither the fiber's type nor
  // of its family would remount it (state lost) on every server render after a
  // refresh. So a refreshed module's components replace the old ones in what
  // __webpack_require__ answers from then on (react-server-dom-webpack reads the
  // global at each call). A module not refreshed is answered as before.
  function recordReplacements(prev, next) {
    let replaced = false;
    for (const key of Object.keys(next)) {
      const before = prev[key];
      const after = next[key];
      if (before === after || !isComponent(after) || !isComponent(before)) continue;
      for (const [old, current] of newestType) if (current === before) newestType.set(old, after);
      newestType.set(before, after);
      replaced = true;
    }
    if (replaced) replacements++;
  }

  // `exports` with every replaced component swapped for its newest instance
  // (the same object when none is).
  function withNewestTypes(exports) {
    let swapped = null;
    for (const key of Object.keys(exports)) {
      const newest = newestType.get(exports[key]);
      if (newest !== undefined) (swapped ??= { ...exports })[key] = newest;
    }
    return swapped ?? exports;
  }

  const WRAPPED = Symbol.for("switchyard.refreshAwareRequire");
  function wrapClientReferenceRequire() {
    const original = host.__webpack_require__;
    if (typeof original !== "function" || original[WRAPPED]) return;
    // React's flight client wants one thenable per id between its preload and
    // its require: one per id and replacement round.
    const thenables = new Map();
    const wrapped = function (id) {
      const result = original.apply(this, arguments);
      const isThenable = result !== null && typeof result === "object" && typeof result.then === "function";
      // A pending load is a module loaded for the first time: nothing to swap.
      const exports = isThenable ? (result.status === "fulfilled" ? result.value : null) : result;
      if (exports === null || typeof exports !== "object") return result;
      const swapped = withNewestTypes(exports);
      if (swapped === exports) return result;
      if (!isThenable) return swapped;
      let entry = thenables.get(id);
      if (!entry || entry.round !== replacements || entry.source !== result) {
        const thenable = Promise.resolve(swapped);
        thenable.status = "fulfilled";
        thenable.value = swapped;
        entry = { round: replacements, source: result, thenable };
        thenables.set(id, entry);
      }
      return entry.thenable;
    };
    Object.assign(wrapped, original);
    wrapped[WRAPPED] = true;
    host.__webpack_require__ = wrapped;
  }

  function scheduleRefresh() {
    return new Promise((resolve) => {
      refreshes.push(resolve);
      if (refreshTimer !== null) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = null;
        const waiting = refreshes.splice(0);
        let result = null;
        try {
          result = runtime.performReactRefresh();
        } finally {
          for (const done of waiting) done(result);
        }
      }, REFRESH_DELAY_MS);
    });
  }

  return {
    register,
    registerExports,
    boundaryProblem,
    // One performReactRefresh for the updates of this task (plugin-react's
    // validateRefreshBoundaryAndEnqueueUpdate, served under /@react-refresh).
    enqueueRefresh: scheduleRefresh,
    createSignatureFunctionForTransform: runtime.createSignatureFunctionForTransform,

    // The preamble: before React DOM is evaluated (it looks for the DevTools
    // global hook when it loads).
    injectIntoGlobalHook(globalObject = host) {
      if (injected) return;
      injected = true;
      runtime.injectIntoGlobalHook(globalObject);
    },
    get injected() {
      return injected;
    },
    // Roots React DOM reported to the runtime (0 without the preamble): tests.
    mountedRootCount: () => runtime._getMountedRootCount?.() ?? 0,

    // Called by a module's footer once per instance: returns a promise of its
    // exports (its namespace, read by importing its own URL once it finished
    // evaluating), registered for refresh.
    moduleEvaluated(moduleUrl, instanceUrl) {
      return importModule(instanceUrl).then(
        (exports) => {
          registerExports(moduleUrl, exports);
          return exports;
        },
        () => null,
      );
    },

    // The accept callback of a module's OLD instance with the NEW instance's
    // exports: refresh in place, or invalidate (the engine propagates further).
    // Resolves to "refreshed", "invalidated" or "ignored".
    async moduleUpdated(hot, moduleUrl, previousExports, nextExports) {
      if (!nextExports) return "ignored"; // the new instance failed to load
      const prev = await previousExports;
      let problem = prev ? boundaryProblem(prev, nextExports) : "its previous exports are unknown";
      if (!problem && !injected)
        problem = "the React Refresh runtime was not installed before React DOM (no preamble)";
      if (problem) {
        hot.invalidate(`Could not Fast Refresh ${moduleUrl}: ${problem}`);
        return "invalidated";
      }
      registerExports(moduleUrl, nextExports);
      // Client references of later RSC payloads resolve to the new instance:
      // React then matches them with the refreshed fibers instead of
      // remounting them.
      recordReplacements(prev, nextExports);
      wrapClientReferenceRequire();
      await scheduleRefresh();
      return "refreshed";
    },
  };
}
