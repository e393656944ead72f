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
  const replaced = [];
  const host = { __webpack_require__: { replace: (id, ns) => replaced.push([id, ns]) } };
  const refresh = createReactRefresh(runtime, host, { importModule: async () => ({}) });
  refresh.injectIntoGlobalHook({});
  function Counter() {}
  const next = { Counter };
  assert.equal(await refresh.moduleUpdated(fakeHot(), "/src/Counter.tsx", Promise.resolve({ Counter }), next), "refreshed");
  assert.deepEqual(replaced, [["/src/Counter.tsx", next]]);
  // Not for a module that invalidated.
  await refresh.moduleUpdated(fakeHot(), "/src/Counter.tsx", Promise.resolve({ Counter, X: 1 }), { Counter, X: 2 });
  assert.equal(replaced.length, 1);
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
