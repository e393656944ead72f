// Unit tests of React Fast Refresh's browser glue (engine/env/js/reactRefreshGlue.js)
// over the real react-refresh runtime (tools/js): `node --test tests/env/reactRefreshGlue.test.mjs`.
// What a refresh does to React's tree is the e2e test's (tests/e2e/fastRefresh.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const { createReactRefresh } = await import("../../engine/env/js/reactRefreshGlue.js");
const require = createRequire(new URL("../../tools/js/package.json", import.meta.url));
const realRuntime = require("react-refresh/runtime");

// The real runtime, with performReactRefresh and injectIntoGlobalHook counted.
function countingRuntime() {
  const calls = { refreshes: 0, injected: 0 };
  const runtime = {
    ...realRuntime,
    performReactRefresh() {
      calls.refreshes++;
      return realRuntime.performReactRefresh();
    },
    injectIntoGlobalHook(global) {
      calls.injected++;
      return realRuntime.injectIntoGlobalHook(global);
    },
  };
  return { runtime, calls };
}

function fakeHot() {
  return { invalidations: [], invalidate(message) { this.invalidations.push(message); } };
}

test("a module exporting only components is a refresh boundary: one refresh, no invalidation", async () => {
  const { runtime, calls } = countingRuntime();
  const refresh = createReactRefresh(runtime, {}, { importModule: async () => ({}) });
  refresh.injectIntoGlobalHook({});
  function Counter() {}
  function NextCounter() {}
  Object.defineProperty(NextCounter, "name", { value: "Counter" });
  const hot = fakeHot();
  const outcome = await refresh.moduleUpdated(hot, "/src/Counter.tsx", Promise.resolve({ Counter }), { Counter: NextCounter });
  assert.equal(outcome, "refreshed");
  assert.deepEqual(hot.invalidations, []);
  assert.equal(calls.refreshes, 1);
  assert.equal(calls.injected, 1);
});

test("a refreshed module's client references resolve to its new instance from then on", async () => {
  const { runtime } = countingRuntime();
  // rwsdk's __webpack_require__: memoized per id, `{[id]: Component}`, the promise
  // marked fulfilled by React's flight client once it resolved.
  function Counter() {}
  function Other() {}
  const loaded = (value) => Object.assign(Promise.resolve(value), { status: "fulfilled", value });
  const memo = {
    "/src/Counter.tsx#Counter": loaded({ "/src/Counter.tsx#Counter": Counter }),
    "/src/Other.tsx#Other": loaded({ "/src/Other.tsx#Other": Other }),
    "/src/Late.tsx#Late": Promise.resolve({}), // still loading (no status)
  };
  const original = (id) => memo[id];
  const host = { __webpack_require__: original };
  const refresh = createReactRefresh(runtime, host, { importModule: async () => ({}) });
  refresh.injectIntoGlobalHook({});
  function NextCounter() {}
  Object.defineProperty(NextCounter, "name", { value: "Counter" });
  assert.equal(await refresh.moduleUpdated(fakeHot(), "/src/Counter.tsx", Promise.resolve({ Counter }), { Counter: NextCounter }), "refreshed");
  const require = host.__webpack_require__;
  assert.notEqual(require, original);
  const first = require("/src/Counter.tsx#Counter");
  assert.equal(first.status, "fulfilled");
  assert.equal(first.value["/src/Counter.tsx#Counter"], NextCounter);
  assert.equal((await first)["/src/Counter.tsx#Counter"], NextCounter);
  assert.equal(require("/src/Counter.tsx#Counter"), first, "one thenable per id between refreshes");
  // Modules no refresh replaced, and loads still going on, are answered as before.
  assert.equal(require("/src/Other.tsx#Other"), memo["/src/Other.tsx#Other"]);
  assert.equal(require("/src/Late.tsx#Late"), memo["/src/Late.tsx#Late"]);
  // A second refresh: the first instance and the second resolve to the third.
  function ThirdCounter() {}
  Object.defineProperty(ThirdCounter, "name", { value: "Counter" });
  await refresh.moduleUpdated(fakeHot(), "/src/Counter.tsx", Promise.resolve({ Counter: NextCounter }), { Counter: ThirdCounter });
  assert.equal(host.__webpack_require__, require, "wrapped once");
  const second = require("/src/Counter.tsx#Counter");
  assert.notEqual(second, first);
  assert.equal(second.value["/src/Counter.tsx#Counter"], ThirdCounter);
  // Not for a module that invalidated.
  function Widget() {}
  memo["/src/W.tsx#Widget"] = loaded({ "/src/W.tsx#Widget": Widget });
  await refresh.moduleUpdated(fakeHot(), "/src/W.tsx", Promise.resolve({ Widget, X: 1 }), { Widget() {}, X: 2 });
  assert.equal(require("/src/W.tsx#Widget"), memo["/src/W.tsx#Widget"]);
  // The framework setting its require anew (its module evaluated again): wrapped again.
  host.__webpack_require__ = original;
  await refresh.moduleUpdated(fakeHot(), "/src/Counter.tsx", Promise.resolve({ Counter: ThirdCounter }), { Counter: NextCounter });
  assert.notEqual(host.__webpack_require__, original);
});

test("updates of one payload share one performReactRefresh", async () => {
  const { runtime, calls } = countingRuntime();
  const refresh = createReactRefresh(runtime, {}, { importModule: async () => ({}) });
  refresh.injectIntoGlobalHook({});
  const A = function A() {};
  const B = function B() {};
  const hot = fakeHot();
  const both = await Promise.all([
    refresh.moduleUpdated(hot, "/src/A.tsx", Promise.resolve({ A }), { A }),
    refresh.moduleUpdated(hot, "/src/B.tsx", Promise.resolve({ B }), { B }),
  ]);
  assert.deepEqual(both, ["refreshed", "refreshed"]);
  assert.equal(calls.refreshes, 1);
});

test("a changed non-component export, a removed or an added export invalidates with the reason", async () => {
  const { runtime, calls } = countingRuntime();
  const refresh = createReactRefresh(runtime, {}, { importModule: async () => ({}) });
  refresh.injectIntoGlobalHook({});
  function Counter() {}
  const cases = [
    [{ Counter, STEP: 1 }, { Counter, STEP: 2 }, /export "STEP" is not a React component/],
    [{ Counter, useThing() {} }, { Counter, useThing() {} }, /export "useThing" is not a React component/],
    [{ Counter, Other: Counter }, { Counter }, /export "Other" was removed/],
    [{ Counter }, { Counter, Extra: Counter }, /export "Extra" was added/],
  ];
  for (const [prev, next, why] of cases) {
    const hot = fakeHot();
    assert.equal(await refresh.moduleUpdated(hot, "/src/Counter.tsx", Promise.resolve(prev), next), "invalidated");
    assert.equal(hot.invalidations.length, 1);
    assert.match(hot.invalidations[0], why);
    assert.match(hot.invalidations[0], /\/src\/Counter\.tsx/);
  }
  assert.equal(calls.refreshes, 0);
});

test("a non-component export that kept its value does not stop the refresh (Vite's rule)", async () => {
  const { runtime } = countingRuntime();
  const refresh = createReactRefresh(runtime, {}, { importModule: async () => ({}) });
  refresh.injectIntoGlobalHook({});
  function Counter() {}
  const hot = fakeHot();
  assert.equal(await refresh.moduleUpdated(hot, "/src/C.tsx", Promise.resolve({ Counter, LABEL: "x" }), { Counter, LABEL: "x" }), "refreshed");
  assert.deepEqual(hot.invalidations, []);
});

test("without the preamble (runtime not in React DOM's hook) an update invalidates instead of doing nothing", async () => {
  const { runtime, calls } = countingRuntime();
  const refresh = createReactRefresh(runtime, {}, { importModule: async () => ({}) });
  function Counter() {}
  const hot = fakeHot();
  assert.equal(await refresh.moduleUpdated(hot, "/src/C.tsx", Promise.resolve({ Counter }), { Counter }), "invalidated");
  assert.match(hot.invalidations[0], /preamble/);
  assert.equal(calls.refreshes, 0);
});

test("a new instance that failed to load is ignored (the HMR client reports it)", async () => {
  const { runtime } = countingRuntime();
  const refresh = createReactRefresh(runtime, {}, { importModule: async () => ({}) });
  refresh.injectIntoGlobalHook({});
  const hot = fakeHot();
  assert.equal(await refresh.moduleUpdated(hot, "/src/C.tsx", Promise.resolve({}), undefined), "ignored");
  assert.deepEqual(hot.invalidations, []);
});

test("moduleEvaluated reads the instance's exports by its URL and registers its components as families", async () => {
  const { runtime } = countingRuntime();
  const imported = [];
  function Panel() {}
  const exportsOfInstance = { Panel, helper: () => 1 };
  const refresh = createReactRefresh(runtime, {}, {
    importModule: async (url) => {
      imported.push(url);
      return exportsOfInstance;
    },
  });
  const got = await refresh.moduleEvaluated("/src/Panel.tsx", "http://127.0.0.1:1/src/Panel.tsx?t=5");
  assert.equal(got, exportsOfInstance);
  assert.deepEqual(imported, ["http://127.0.0.1:1/src/Panel.tsx?t=5"]);
  assert.ok(realRuntime.getFamilyByID("/src/Panel.tsx export Panel"));
  assert.equal(realRuntime.getFamilyByID("/src/Panel.tsx export helper"), undefined);
});
