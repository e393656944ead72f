// The `vitest` module of Switchyard's test isolates (module id
// virtual:switchyard:vitest): Vitest's own runner (@vitest/runner: describe/
// it/test and their modifiers, test.extend fixtures, hooks), expect
// (@vitest/expect on chai), spies (@vitest/spy) and our `vi`, assembled as
// Vitest 4.1 assembles them for a pool worker (vitestRunner.js), plus
// `__switchyard.run` for the engine's test runner. Bundled by esbuild into
// one ESM file (engine/js/CMakeLists.txt) and embedded as kVitestHarness.
//
// __switchyard.run(options) -> Promise<summary>
//   options: {
//     importTestFile: () => Promise<unknown>  evaluates the test file (it registers tests)
//     emit: (event) => void                    receives every event, synchronously, in order
//     filepath?: string                        the file task's path (messages, locations, testPath)
//     testTimeoutMs?: number   (5000)          Vitest's testTimeout
//     hookTimeoutMs?: number   (10000)         Vitest's hookTimeout
//     maxConcurrency?: number  (5)             Vitest's maxConcurrency
//     testNamePattern?: string                 RegExp source, Vitest's -t
//     onlyTestIds?: string[]                   run only these test ids (others: skip)
//     beforeEachTest?, afterEachTest?          host setup/teardown around each test that runs
//     retry?, sequence?, allowOnly?, passWithNoTests?, requireAssertions?,
//     clearMocks?, mockReset?, restoreMocks?, unstubGlobals?, providedContext?,
//     setupFiles?: string[], importSetupFile?: (id) => Promise
//     snapshotOptions?: { updateSnapshot?: "new" | "all" | "none", expand?, snapshotFormat? }
//                                              snapshots (snapshot.js); default updateSnapshot "new"
//   }
//   summary: { passed, failed, skipped, todo, durationMs, ok }
// Events and options are documented in docs/testHarness.md.
import { setSafeTimers } from '@vitest/utils/timers';
import { realSetTimeout } from './realTimers.js';
import { onTestFailed as runnerOnTestFailed, onTestFinished as runnerOnTestFinished, getCurrentTest } from '@vitest/runner';
import { DEFAULTS, inject, reportUnhandledError, runFile } from './runFile.js';
import { currentTask, followsAsyncContext } from './currentTest.js';
import { extendRunner } from './runnerExtensions.js';

// The runner's timeouts use the timers as they are now, before any test can
// fake them (Vitest's worker does the same at start). Vitest unrefs its
// timeout timers (its worker's RPC channel keeps the process alive); in a
// test isolate a test awaiting a promise nothing settles would then look hung
// to the isolate before its timeout fires, so our safe setTimeout keeps them ref'd.
function refSetTimeout(...args) {
  const timer = realSetTimeout(...args);
  if (timer !== null && typeof timer === 'object' && typeof timer.unref === 'function') {
    Object.defineProperty(timer, 'unref', { value: () => timer, configurable: true });
  }
  return timer;
}
{
  const { setTimeout } = globalThis;
  globalThis.setTimeout = refSetTimeout;
  try {
    setSafeTimers();
  } finally {
    globalThis.setTimeout = setTimeout;
  }
}

export {
  describe,
  suite,
  it,
  test,
  beforeAll,
  afterAll,
  beforeEach,
  afterEach,
  aroundAll,
  aroundEach,
  recordArtifact,
} from '@vitest/runner';
export { globalExpect as expect, createExpect, assert, chai, should } from './expect.js';
export { vi, vi as vitest } from './vi.js';
export { inject };

/**
 * onTestFinished(fn, timeout?): Vitest's, for the test of the calling async
 * context (Vitest's own follows the last test started, wrong under .concurrent).
 */
export function onTestFinished(fn, timeout) {
  const task = currentTask();
  if (task && task !== getCurrentTest()) return task.context.onTestFinished(fn, timeout);
  return runnerOnTestFinished(fn, timeout);
}

/** onTestFailed(fn, timeout?): as onTestFinished, for failed tests. */
export function onTestFailed(fn, timeout) {
  const task = currentTask();
  if (task && task !== getCurrentTest()) return task.context.onTestFailed(fn, timeout);
  return runnerOnTestFailed(fn, timeout);
}

/** The engine's entry points; not part of Vitest's API. */
export const __switchyard = Object.freeze({
  /** Runs the test file imported by options.importTestFile; see the header. */
  run: (options) => runFile(options),
  /** Reports an error that escaped the tests while a run is active; false otherwise. */
  reportUnhandledError,
  /** Default timeouts and concurrency. */
  defaults: DEFAULTS,
  /** Whether console output and expect follow async context (AsyncLocalStorage found at load). */
  followsAsyncContext,
  /** The seam for snapshots/mocking: extendRunner({ onBeforeRunFile, onBeforeTryTask, onAfterRunFile, onRunEnd }). */
  extendRunner,
  /** The running test's task (Vitest's Test) in this async context, or null. */
  currentTask,
});
