// Which test (or suite) is running, across awaits: an AsyncLocalStorage whose
// store is { test, suite } (Vitest task objects; test null in suite hooks).
// The runner enters it around each test's whole run (its retries, hooks and
// callbacks) and each suite's, so console output, the exported `expect` and
// unhandled errors are attributed to the right test under `.concurrent` too.
// Without globalThis.AsyncLocalStorage it falls back to the last store
// entered, which is right for sequential runs only.

const ALS = globalThis.AsyncLocalStorage;
const storage = typeof ALS === 'function' ? new ALS() : null;
let fallback = null;

/** True when attribution follows async context (AsyncLocalStorage exists). */
export const followsAsyncContext = storage !== null;

/**
 * Runs `fn` with `store` ({ test, suite }) as the current context; returns
 * what fn returns. In fallback mode the previous store comes back once the
 * promise fn returned settles.
 */
export function runInContext(store, fn) {
  if (storage) return storage.run(store, fn);
  const previous = fallback;
  fallback = store;
  let result;
  try {
    result = fn();
  } catch (e) {
    fallback = previous;
    throw e;
  }
  return Promise.resolve(result).finally(() => {
    fallback = previous;
  });
}

/** Forgets the fallback's context (end of a run). */
export function clearContext() {
  fallback = null;
}

function store() {
  if (storage) {
    const s = storage.getStore();
    return s === undefined ? null : s;
  }
  return fallback;
}

/** The running test's task (a Vitest Test), or null outside tests (beforeAll, afterAll, top level). */
export function currentTask() {
  const s = store();
  return s ? s.test : null;
}

/** The suite whose hooks or tests run in this context (the file task at the top), or null. */
export function currentSuite() {
  const s = store();
  return s ? s.suite : null;
}
