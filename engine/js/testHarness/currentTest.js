// Which test is running, across awaits: an AsyncLocalStorage holding the
// running test's record (concurrent tests each see their own). Without
// globalThis.AsyncLocalStorage it falls back to the last test started, which
// is right for sequential runs only.

const ALS = globalThis.AsyncLocalStorage;
const storage = typeof ALS === 'function' ? new ALS() : null;
let fallback = null;

/** True when attribution follows async context (AsyncLocalStorage exists). */
export const followsAsyncContext = storage !== null;

/**
 * Runs `fn` with `record` as the current test; returns what fn returns.
 * In fallback mode the record stays current until clearCurrentTest().
 */
export function runInTest(record, fn) {
  if (storage) return storage.run(record, fn);
  fallback = record;
  return fn();
}

/** Forgets the fallback's current test. */
export function clearCurrentTest() {
  fallback = null;
}

/** The running test's record, or null outside a test (and in beforeAll/afterAll). */
export function currentTest() {
  if (storage) {
    const store = storage.getStore();
    return store === undefined ? null : store;
  }
  return fallback;
}
