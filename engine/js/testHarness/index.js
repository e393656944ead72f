// The `vitest` module of Switchyard's test isolates (module id
// virtual:switchyard:vitest): Vitest's test API (describe/it/test, hooks,
// expect, vi, assert) over our own collector and run loop, plus
// `__switchyard.run` for the engine's test runner. Bundled by esbuild into one
// ESM file (engine/js/CMakeLists.txt) and embedded as kVitestHarness.
//
// __switchyard.run(options) -> Promise<summary>
//   options: {
//     importTestFile: () => Promise<unknown>  evaluates the test file (it registers tests)
//     emit: (event) => void                    receives every event, synchronously, in order
//     filepath?: string                        shown in messages and expect.getState().testPath
//     testTimeoutMs?: number   (5000)          per-test default; it(name, fn, ms) overrides
//     hookTimeoutMs?: number   (10000)         per-hook default; beforeAll(fn, ms) overrides
//     maxConcurrency?: number  (5)             .concurrent tests running at once
//     testNamePattern?: string                 RegExp source matched against "suite names test name"
//     onlyTestIds?: string[]                   run only these test ids (others: skip)
//     beforeEachTest?: () => void | Promise    host setup before each test's beforeEach hooks
//     afterEachTest?: () => void | Promise     host teardown after the test, its hooks and callbacks
//     snapshotOptions?: { updateSnapshot?: "new" | "all" | "none", expand?, snapshotFormat? }
//                                              snapshots (snapshot.js); default updateSnapshot "new"
//   }
//   summary: { passed, failed, skipped, todo, durationMs, ok }
// Events are documented in docs/testHarness.md.
import { createChainable } from './chain.js';
import { registerSuite, registerTest } from './collector.js';
import { DEFAULTS, reportUnhandledError, runFile } from './runner.js';
import { followsAsyncContext } from './currentTest.js';

export { beforeAll, afterAll, beforeEach, afterEach, onTestFinished, onTestFailed } from './hooks.js';
export { globalExpect as expect, assert, chai, should } from './expect.js';
export { vi, vi as vitest } from './vi.js';

/** describe/suite with .skip .only .todo .concurrent .sequential .shuffle .each .skipIf .runIf. */
export const describe = createChainable('suite', ['concurrent', 'sequential', 'shuffle', 'skip', 'only', 'todo'], registerSuite);
/** Alias of describe. */
export const suite = describe;

/** it/test with .skip .only .todo .fails .concurrent .sequential .each .for .skipIf .runIf. */
export const test = createChainable('test', ['concurrent', 'sequential', 'skip', 'only', 'todo', 'fails'], registerTest);
/** Alias of test. */
export const it = test;

const noFixtures = () => {
  throw new Error("test.extend() (fixtures) is not supported by Switchyard's test runner yet");
};
Object.defineProperty(test, 'extend', { value: noFixtures, enumerable: false });

/** The engine's entry points; not part of Vitest's API. */
export const __switchyard = Object.freeze({
  /** Runs the test file imported by options.importTestFile; see the header. */
  run: (options) => runFile(options, test),
  /** Reports an error that escaped the tests while a run is active; false otherwise. */
  reportUnhandledError,
  /** Default timeouts and concurrency. */
  defaults: DEFAULTS,
  /** Whether console output and expect follow async context (AsyncLocalStorage found at load). */
  followsAsyncContext,
});
