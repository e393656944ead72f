// __switchyard.run: one test file through @vitest/runner's startTests with
// our runner (vitestRunner.js), the console captured as events, and the
// realm put back afterwards (console, fake timers, stubbed globals, spies).
// The options and events are documented in docs/testHarness.md.
import { startTests } from '@vitest/runner';
import { SwitchyardTestRunner } from './vitestRunner.js';
import { serializeError } from './errors.js';
import { captureConsole } from './consoleCapture.js';
import { clearContext, currentTask } from './currentTest.js';
import { setTestPath } from './expect.js';
import { realDateNow, realNow } from './realTimers.js';
import { resetViState } from './vi.js';
import { callExtensions } from './runnerExtensions.js';

/** Defaults of run() options, as Vitest's testTimeout/hookTimeout/maxConcurrency. */
export const DEFAULTS = Object.freeze({ testTimeoutMs: 5000, hookTimeoutMs: 10000, maxConcurrency: 5 });

let activeRun = null;

/** Throws a TypeError for options run() cannot work with. */
function checkOptions(options) {
  if (!options || typeof options.importTestFile !== 'function') throw new TypeError('run(): importTestFile must be a function');
  if (typeof options.emit !== 'function') throw new TypeError('run(): emit must be a function');
  for (const name of ['testTimeoutMs', 'hookTimeoutMs', 'maxConcurrency']) {
    if (options[name] !== undefined && (typeof options[name] !== 'number' || Number.isNaN(options[name]))) {
      throw new TypeError(`run(): ${name} must be a number`);
    }
  }
  if (options.onlyTestIds != null && !Array.isArray(options.onlyTestIds)) throw new TypeError('run(): onlyTestIds must be an array of ids');
  if (options.setupFiles != null && !Array.isArray(options.setupFiles)) throw new TypeError('run(): setupFiles must be an array of ids');
}

/** Vitest's runner config (VitestRunnerConfig plus the `expect` and mock options its TestRunner reads) from run() options. */
function runnerConfig(options) {
  const sequence = options.sequence || {};
  const shuffle = typeof sequence.shuffle === 'object' && sequence.shuffle !== null ? !!sequence.shuffle.tests : !!sequence.shuffle;
  return {
    root: '/',
    name: undefined,
    setupFiles: options.setupFiles || [],
    passWithNoTests: !!options.passWithNoTests,
    testNamePattern: options.testNamePattern ? new RegExp(options.testNamePattern) : undefined,
    allowOnly: options.allowOnly ?? true,
    sequence: {
      shuffle,
      concurrent: !!sequence.concurrent,
      seed: sequence.seed ?? realDateNow(),
      hooks: sequence.hooks || 'stack',
      setupFiles: sequence.setupFiles || 'parallel',
    },
    chaiConfig: undefined,
    maxConcurrency: options.maxConcurrency ?? DEFAULTS.maxConcurrency,
    testTimeout: options.testTimeoutMs ?? DEFAULTS.testTimeoutMs,
    hookTimeout: options.hookTimeoutMs ?? DEFAULTS.hookTimeoutMs,
    retry: options.retry ?? 0,
    includeTaskLocation: true,
    diffOptions: undefined,
    tags: [],
    tagsFilter: undefined,
    strictTags: false,
    expect: { requireAssertions: !!options.requireAssertions },
    clearMocks: !!options.clearMocks,
    mockReset: !!options.mockReset,
    restoreMocks: !!options.restoreMocks,
    unstubGlobals: !!options.unstubGlobals,
  };
}

/**
 * Runs one test file; see index.js (`__switchyard.run`) for the contract.
 * Resolves with { passed, failed, skipped, todo, durationMs, ok }.
 */
export async function runFile(options) {
  checkOptions(options);
  if (activeRun) throw new Error('run(): a run is already in progress in this realm');
  const start = realNow();
  const summary = { passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 0, ok: true };
  // A throwing emit must not surface inside test code (console calls emit):
  // the first such error is kept and rejects the run at its end.
  let emitFailure = null;
  let failures = 0;
  const emit = (event) => {
    try {
      options.emit(event);
    } catch (e) {
      if (!emitFailure) emitFailure = { error: e };
    }
  };
  const run = {
    emit,
    options,
    summary,
    countFailure() {
      failures++;
    },
    countTest(status) {
      if (status === 'pass') summary.passed++;
      else if (status === 'fail') summary.failed++;
      else if (status === 'todo') summary.todo++;
      else summary.skipped++;
    },
  };
  const runner = new SwitchyardTestRunner(runnerConfig(options), run);
  activeRun = { run, runner };
  const filepath = options.filepath ?? 'test file';
  setTestPath(options.filepath);
  const restoreConsole = captureConsole(globalThis.console, emit, () => {
    const task = currentTask();
    return task ? runner.idOf(task) : null;
  });
  try {
    await startTests([{ filepath }], runner);
  } catch (e) {
    run.countFailure();
    emit({ type: 'file-error', phase: 'run', error: serializeError(e) });
  } finally {
    try {
      await runner.cleanupWorker();
      await callExtensions('onRunEnd', options);
    } catch (e) {
      run.countFailure();
      emit({ type: 'file-error', phase: 'run', error: serializeError(e) });
    }
    activeRun = null;
    clearContext();
    resetViState();
    restoreConsole();
    summary.durationMs = realNow() - start;
    summary.ok = summary.failed === 0 && failures === 0;
  }
  if (emitFailure) throw emitFailure.error;
  return summary;
}

/**
 * Reports an error that escaped every test (an unhandled rejection or
 * uncaught exception the host caught) as a file error of the running file,
 * attributed to the running test when there is one; the run is then not ok.
 * Returns false when no run is active.
 */
export function reportUnhandledError(error) {
  if (!activeRun) return false;
  const { run, runner } = activeRun;
  run.countFailure();
  const task = currentTask();
  run.emit({ type: 'file-error', phase: 'unhandled', testId: task ? runner.idOf(task) : null, error: serializeError(error) });
  return true;
}

/** Vitest's inject(key): the value globalSetup provided, from the run's providedContext. */
export function inject(key) {
  const provided = activeRun && activeRun.run.options.providedContext;
  return provided ? provided[key] : undefined;
}
