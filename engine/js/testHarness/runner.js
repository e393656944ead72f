// The run loop: import the test file (it registers suites and tests), collect
// describe() bodies, resolve modes, then run suites and tests with their hooks
// and timeouts, reporting everything as events. Semantics follow Vitest's
// runner: beforeAll/beforeEach in order (outer suites first), afterEach/
// afterAll in reverse (inner first), hook return values are cleanups called
// after the matching after-hooks, consecutive .concurrent tests run together
// (at most maxConcurrency at once), a failing beforeAll skips its suite.
import { assignIds, forEachTask, hasTests } from './tasks.js';
import { collectSuite, collectionRoot, takeCollection } from './collector.js';
import { interpretModes, reportedMode } from './modes.js';
import { callWithTimeout } from './timeout.js';
import { PendingError, eventError, processThrown, serializeError } from './errors.js';
import { captureConsole } from './consoleCapture.js';
import { clearCurrentTest, currentTest, runInTest } from './currentTest.js';
import { checkAssertionCounts, createExpect, setTestPath } from './expect.js';
import { realNow } from './realTimers.js';
import { resetViState } from './vi.js';
import { finishSnapshotFile, startSnapshotAttempt, startSnapshotFile } from './snapshot.js';

/** Defaults of run() options, as Vitest's testTimeout/hookTimeout/maxConcurrency. */
export const DEFAULTS = Object.freeze({ testTimeoutMs: 5000, hookTimeoutMs: 10000, maxConcurrency: 5 });

let activeRun = null;

/** The `collected` event's list: every suite and test, parents first. */
export function collectedTasks(root) {
  const tasks = [];
  forEachTask(root, (task) => {
    const entry = {
      id: task.id,
      name: task.name,
      fullName: task.fullName,
      kind: task.kind,
      mode: reportedMode(task),
      parentId: task.parent ? task.parent.id : null,
    };
    if (task.location) entry.location = { line: task.location.line, column: task.location.column };
    if (task.kind === 'test' && task.concurrent) entry.concurrent = true;
    tasks.push(entry);
  });
  return tasks;
}

/** Records a failure on the test (a PendingError from context.skip() marks it skipped instead). */
function failRecord(record, error) {
  if (error instanceof PendingError) {
    if (record.result.state !== 'fail') record.result.state = 'skip';
    return;
  }
  record.result.state = 'fail';
  for (const e of Array.isArray(error) ? error : [error]) record.result.errors.push(processThrown(e));
}

/** The running test's record: what @vitest/expect attaches to (promises, onFinished, result) plus its context and expect. */
function createRecord(test, ctx) {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const record = {
    type: 'test',
    id: test.id,
    name: test.name,
    fullTestName: test.fullName,
    promises: [],
    onFinished: [],
    onFailed: [],
    result: { state: 'run', errors: [] },
    abort(reason) {
      if (controller && !controller.signal.aborted) controller.abort(reason);
    },
  };
  record.expect = createExpect(record);
  record.context = {
    task: {
      id: test.id,
      name: test.name,
      fullName: test.fullName,
      type: 'test',
      mode: test.mode,
      suite: test.parent.parent ? { id: test.parent.id, name: test.parent.name } : undefined,
      file: { name: ctx.filepath, filepath: ctx.filepath },
      meta: {},
      result: record.result,
    },
    expect: record.expect,
    signal: controller ? controller.signal : undefined,
    /** context.skip(note?) / context.skip(condition, note?): ends the test as skipped. */
    skip(condition, note) {
      if (typeof condition === 'string') {
        note = condition;
        condition = true;
      }
      if (condition === false) return;
      throw new PendingError(note);
    },
    onTestFinished(fn, timeout) {
      record.onFinished.push({ fn, timeout });
    },
    onTestFailed(fn, timeout) {
      record.onFailed.push({ fn, timeout });
    },
  };
  return record;
}

/** A suite's hooks of one kind in calling order: after-hooks in reverse registration order (Vitest's "stack"). */
function hookList(suite, kind) {
  const hooks = suite.hooks[kind];
  return kind === 'afterAll' || kind === 'afterEach' ? hooks.slice().reverse() : hooks;
}

/** Calls hooks one after the other under the hook timeout; returns the cleanup functions they returned. */
async function callHooks(hooks, args, ctx) {
  const cleanups = [];
  for (const hook of hooks) {
    const result = await callWithTimeout(hook.fn, args, hook.timeout ?? ctx.hookTimeoutMs, true);
    if (typeof result === 'function') cleanups.push({ fn: result, timeout: hook.timeout });
  }
  return cleanups;
}

/** Calls cleanups in reverse order, all of them; throws the first error afterwards. */
async function callCleanups(cleanups, ctx) {
  let firstError = null;
  for (const cleanup of cleanups.slice().reverse()) {
    try {
      await callWithTimeout(cleanup.fn, [], cleanup.timeout ?? ctx.hookTimeoutMs, true);
    } catch (e) {
      firstError = firstError || { error: e };
    }
  }
  if (firstError) throw firstError.error;
}

/** The suites from the file's root down to `suite`. */
function suiteChain(suite) {
  const chain = [];
  for (let s = suite; s; s = s.parent) chain.unshift(s);
  return chain;
}

/** What hooks receive as the suite argument. */
function suiteArg(suite) {
  return { id: suite.id, name: suite.name, fullName: suite.fullName };
}

/** One attempt of a test: beforeEach hooks outer to inner, the test under its timeout, unawaited assertions, assertion counts, afterEach hooks inner to outer, cleanups. */
async function runAttempt(test, record, ctx) {
  let cleanups = [];
  const chain = suiteChain(test.parent);
  try {
    for (const suite of chain) {
      cleanups = cleanups.concat(await callHooks(hookList(suite, 'beforeEach'), [record.context, suiteArg(suite)], ctx));
    }
    await callWithTimeout(test.fn, [record.context], test.timeout ?? ctx.testTimeoutMs, false, (e) => record.abort(e));
    if (record.promises.length) {
      const settled = await Promise.allSettled(record.promises);
      const errors = settled.filter((r) => r.status === 'rejected').map((r) => r.reason);
      if (errors.length) throw errors;
    }
    checkAssertionCounts(record.expect);
    if (record.result.state !== 'fail') record.result.state = 'pass';
  } catch (e) {
    failRecord(record, e);
  }
  try {
    for (const suite of chain.slice().reverse()) {
      await callHooks(hookList(suite, 'afterEach'), [record.context, suiteArg(suite)], ctx);
    }
  } catch (e) {
    failRecord(record, e);
  }
  try {
    await callCleanups(cleanups, ctx);
  } catch (e) {
    failRecord(record, e);
  }
}

// onTestFinished/onTestFailed entries are { fn, timeout }; @vitest/expect
// pushes bare functions (its "was not awaited" checks).
async function callTestCallbacks(record, list, ctx) {
  for (const entry of list.slice().reverse()) {
    const { fn, timeout } = typeof entry === 'function' ? { fn: entry } : entry;
    try {
      await callWithTimeout(fn, [record.context], timeout ?? ctx.hookTimeoutMs, true);
    } catch (e) {
      failRecord(record, e);
    }
  }
}

/** Counts the test in the summary and emits its test-end. */
function endTest(ctx, id, status, durationMs, errors) {
  const s = ctx.summary;
  if (status === 'pass') s.passed++;
  else if (status === 'fail') s.failed++;
  else if (status === 'todo') s.todo++;
  else s.skipped++;
  if (status === 'skip') ctx.skippedIds.push(id);
  ctx.emit({ type: 'test-end', id, status, durationMs, errors });
}

/** Runs one test (with retries and the host's per-test hooks) inside its async context; returns its status. */
async function runTest(test, ctx) {
  if (test.mode !== 'run') {
    endTest(ctx, test.id, test.mode === 'todo' ? 'todo' : 'skip', 0, []);
    return test.mode;
  }
  ctx.emit({ type: 'test-start', id: test.id });
  const start = realNow();
  const record = createRecord(test, ctx);
  await runInTest(record, async () => {
    let ready = true;
    if (ctx.beforeEachTest) {
      try {
        await ctx.beforeEachTest();
      } catch (e) {
        failRecord(record, e);
        ready = false;
      }
    }
    for (let attempt = 0; ready && attempt <= test.retry; attempt++) {
      if (attempt > 0) {
        record.result.state = 'run';
        record.result.errors = [];
        record.promises = [];
        record.expect.setState({ assertionCalls: 0, expectedAssertionsNumber: null, isExpectingAssertions: false });
      }
      startSnapshotAttempt(record);
      await runAttempt(test, record, ctx);
      if (record.result.state !== 'fail') break;
    }
    await callTestCallbacks(record, record.onFinished, ctx);
    if (record.result.state === 'fail') await callTestCallbacks(record, record.onFailed, ctx);
    if (test.fails && record.result.state !== 'skip') {
      if (record.result.state === 'pass') {
        record.result.state = 'fail';
        record.result.errors = [processThrown(new Error('Expect test to fail'))];
      } else {
        record.result.state = 'pass';
        record.result.errors = [];
      }
    }
    if (ctx.afterEachTest) {
      try {
        await ctx.afterEachTest();
      } catch (e) {
        failRecord(record, e);
      }
    }
  });
  clearCurrentTest();
  const status = record.result.state === 'run' ? 'pass' : record.result.state;
  endTest(ctx, test.id, status, realNow() - start, record.result.errors.map((e) => eventError(e)));
  return status;
}

/** Reports a test or suite that does not run: test-end (skip/todo), or the suite's start/end around its children. */
function reportNotRun(node, status, ctx) {
  if (node.kind === 'test') {
    endTest(ctx, node.id, node.mode === 'todo' ? 'todo' : status, 0, []);
    return;
  }
  ctx.emit({ type: 'suite-start', id: node.id });
  for (const child of node.children) reportNotRun(child, status, ctx);
  ctx.emit({ type: 'suite-end', id: node.id, status: node.mode === 'todo' ? 'todo' : status, durationMs: 0 });
}

/** Groups consecutive concurrent children together; every other child is a group of its own. */
function partition(children) {
  const groups = [];
  for (const child of children) {
    const concurrent = child.concurrent;
    const last = groups[groups.length - 1];
    if (last && last.concurrent === concurrent && concurrent) last.items.push(child);
    else groups.push({ concurrent, items: [child] });
  }
  return groups;
}

/** Runs jobs with at most `limit` of them in flight; resolves with their results in order. */
async function runLimited(jobs, limit) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
  return results;
}

/** Runs a child of a suite: a test or a nested suite. */
function runChild(child, ctx) {
  return child.kind === 'test' ? runTest(child, ctx) : runSuite(child, ctx);
}

/** Emits a hook-error for a suite (id null for the file) and marks the run failed. */
function hookError(ctx, suite, hook, error) {
  ctx.failures++;
  ctx.emit({ type: 'hook-error', id: suite.id, hook, error: serializeError(error) });
}

/** Runs a suite: beforeAll, its children (concurrent groups together), afterAll, cleanups; returns its status. */
async function runSuite(suite, ctx) {
  const isRoot = suite.parent === null;
  if (suite.mode !== 'run') {
    if (isRoot) for (const child of suite.children) reportNotRun(child, 'skip', ctx);
    else reportNotRun(suite, 'skip', ctx);
    return suite.mode;
  }
  if (!isRoot) ctx.emit({ type: 'suite-start', id: suite.id });
  const start = realNow();
  let failed = false;
  let cleanups = [];
  let setupOk = true;
  try {
    cleanups = await callHooks(hookList(suite, 'beforeAll'), [suiteArg(suite)], ctx);
  } catch (e) {
    setupOk = false;
    failed = true;
    hookError(ctx, suite, 'beforeAll', e);
  }
  if (setupOk) {
    for (const group of partition(suite.children)) {
      const statuses = group.concurrent
        ? await runLimited(group.items.map((child) => () => runChild(child, ctx)), ctx.maxConcurrency)
        : [];
      if (!group.concurrent) for (const child of group.items) statuses.push(await runChild(child, ctx));
      if (statuses.includes('fail')) failed = true;
    }
  } else {
    for (const child of suite.children) reportNotRun(child, 'skip', ctx);
  }
  try {
    await callHooks(hookList(suite, 'afterAll'), [suiteArg(suite)], ctx);
  } catch (e) {
    failed = true;
    hookError(ctx, suite, 'afterAll', e);
  }
  try {
    await callCleanups(cleanups, ctx);
  } catch (e) {
    failed = true;
    hookError(ctx, suite, 'beforeAll', e);
  }
  const status = failed ? 'fail' : 'pass';
  if (!isRoot) ctx.emit({ type: 'suite-end', id: suite.id, status, durationMs: realNow() - start });
  return status;
}

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
}

/**
 * Runs one test file; see index.js (`__switchyard.run`) for the contract.
 * Resolves with { passed, failed, skipped, todo, durationMs, ok }.
 */
export async function runFile(options, testApi) {
  checkOptions(options);
  if (activeRun) throw new Error('run(): a run is already in progress in this realm');
  const namePattern = options.testNamePattern ? new RegExp(options.testNamePattern) : null;
  const start = realNow();
  const summary = { passed: 0, failed: 0, skipped: 0, todo: 0, durationMs: 0, ok: true };
  // A throwing emit must not surface inside test code (console calls emit):
  // the first such error is kept and rejects the run at its end.
  let emitFailure = null;
  const emit = (event) => {
    try {
      options.emit(event);
    } catch (e) {
      if (!emitFailure) emitFailure = { error: e };
    }
  };
  const ctx = {
    emit,
    summary,
    failures: 0,
    filepath: options.filepath,
    testTimeoutMs: options.testTimeoutMs ?? DEFAULTS.testTimeoutMs,
    hookTimeoutMs: options.hookTimeoutMs ?? DEFAULTS.hookTimeoutMs,
    maxConcurrency: options.maxConcurrency ?? DEFAULTS.maxConcurrency,
    beforeEachTest: options.beforeEachTest,
    afterEachTest: options.afterEachTest,
    snapshotOptions: options.snapshotOptions,
    skippedIds: [],
  };
  activeRun = ctx;
  setTestPath(options.filepath);
  const restoreConsole = captureConsole(globalThis.console, emit);
  try {
    await runPhases(options, ctx, namePattern, testApi);
  } finally {
    takeCollection();
    activeRun = null;
    clearCurrentTest();
    resetViState();
    restoreConsole();
    summary.durationMs = realNow() - start;
    summary.ok = summary.failed === 0 && ctx.failures === 0;
  }
  if (emitFailure) throw emitFailure.error;
  return summary;
}

/**
 * Import, collection, mode resolution and the run of one file, emitting
 * file-error and returning early when the file cannot be collected.
 */
async function runPhases(options, ctx, namePattern, testApi) {
  try {
    await options.importTestFile();
  } catch (e) {
    ctx.failures++;
    ctx.emit({ type: 'file-error', phase: 'import', error: serializeError(e) });
    return;
  }
  try {
    await collectSuite(collectionRoot(), testApi);
  } catch (e) {
    ctx.failures++;
    ctx.emit({ type: 'file-error', phase: 'collect', error: serializeError(e) });
    return;
  }
  const root = takeCollection();
  assignIds(root);
  interpretModes(root, { namePattern, onlyIds: options.onlyTestIds ? new Set(options.onlyTestIds) : null });
  ctx.emit({ type: 'collected', tests: collectedTasks(root) });
  if (!hasTests(root)) {
    ctx.failures++;
    const where = options.filepath ? ` ${options.filepath}` : '';
    ctx.emit({ type: 'file-error', phase: 'collect', error: serializeError(new Error(`No test suite found in file${where}`)) });
    return;
  }
  // Snapshots (snapshot.js): the file's state is open while its tests run.
  const snapshots = root.mode === 'run';
  if (snapshots && !(await startSnapshotFile(options.filepath, ctx.snapshotOptions, ctx.emit))) ctx.failures++;
  await runSuite(root, ctx);
  if (snapshots) {
    const names = new Map();
    forEachTask(root, (task) => names.set(task.id, task.fullName));
    if (!(await finishSnapshotFile(ctx.skippedIds.map((id) => names.get(id)), ctx.emit))) ctx.failures++;
  }
}

/**
 * Reports an error that escaped every test (an unhandled rejection or
 * uncaught exception the host caught) as a file error of the running file,
 * attributed to the running test when there is one; the run is then not ok.
 * Returns false when no run is active.
 */
export function reportUnhandledError(error) {
  const ctx = activeRun;
  if (!ctx) return false;
  ctx.failures++;
  const record = currentTest();
  ctx.emit({ type: 'file-error', phase: 'unhandled', testId: record ? record.id : null, error: serializeError(error) });
  return true;
}
