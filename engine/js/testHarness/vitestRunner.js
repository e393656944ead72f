// Our VitestRunner (the interface @vitest/runner's startTests drives),
// assembled as Vitest 4.1's own TestRunner class for its pool workers:
// importFile evaluates the test file (or a setup file) through the host,
// extendTaskContext gives each test a lazy `context.expect`,
// onBeforeTryTask resets the expect state (and clears mocks when configured)
// before every attempt, onAfterTryTask checks expect.assertions/
// hasAssertions/requireAssertions, injectValue answers `inject`-ed fixtures.
//
// What Vitest sends over RPC (onTaskUpdate, throttled) we emit as the
// synchronous events of docs/testHarness.md, from the runner's `trace` seam
// (Vitest's OpenTelemetry spans): "run.test" wraps one test's whole run
// (queueing, retries, repeats, hooks, onTestFinished), "run.suite"/"run.spec"
// a suite's, "suite.beforeAll"/"suite.afterAll"/"suite.cleanup" the suite
// hooks. Each test and suite runs inside its own async context
// (currentTest.js), so console output is attributed under .concurrent too.
import { processError } from '@vitest/utils/error';
import { getCurrentSuite } from '@vitest/runner';
import { interpretTaskModes } from '@vitest/runner/utils';
import { checkAssertionCounts, createExpect, FRESH_ASSERTION_STATE } from './expect.js';
import { runInContext, currentSuite } from './currentTest.js';
import { callerLocation } from './location.js';
import { eventError, serializeError } from './errors.js';
import { assignIds } from './taskIds.js';
import { callExtensions } from './runnerExtensions.js';
import { clearMocksBeforeTest } from './vi.js';
import { finishSnapshotFile, startSnapshotAttempt, startSnapshotFile } from './snapshot.js';

const HOOK_OF_SPAN = {
  'suite.beforeAll': 'beforeAll',
  'suite.afterAll': 'afterAll',
  'suite.cleanup': 'beforeAll',
};

/** A test's or suite's status for events: its result's state, or skip/todo from its mode when it never ran. */
function statusOf(task) {
  const state = task.result && task.result.state;
  if (state === 'pass' || state === 'fail' || state === 'skip' || state === 'todo') return state;
  if (state === 'run' || state === 'queued') return 'pass';
  return task.mode === 'todo' ? 'todo' : 'skip';
}

/** Errors of a processed AggregateError count one each, as failTask pushes them. */
function errorCount(error) {
  return typeof AggregateError === 'function' && error instanceof AggregateError ? error.errors.length : 1;
}

/**
 * The runner of one `__switchyard.run`. `run` is { emit, options, summary,
 * countFailure() } from runFile.js; `config` is Vitest's runner config.
 */
export class SwitchyardTestRunner {
  constructor(config, run) {
    this.config = config;
    this.pool = 'switchyard';
    this.run = run;
    this.file = null;
    this.importFailed = false;
    this.collectFailed = false;
    this.ids = null;
    this.declaredModes = new WeakMap();
    this.locations = new WeakMap();
    this.ended = new WeakSet();
    this.startedSuites = new WeakSet();
    this.hostSetUp = new WeakSet();
    this.reportedErrors = new WeakMap();
    this.assertionsErrors = new WeakMap();
    this.workerCleanups = [];
    this.snapshots = false;
    /** Vitest's span hook; an arrow function because the runner calls it unbound. */
    this.trace = (name, attributes, cb) => {
      if (typeof attributes === 'function') return this.span(name, undefined, attributes);
      return this.span(name, attributes, cb);
    };
  }

  // --- VitestRunner ---------------------------------------------------------

  /** Evaluates the test file ("collect") or a setup file ("setup") through the host. */
  async importFile(filepath, source) {
    const { options } = this.run;
    if (source === 'setup') {
      if (typeof options.importSetupFile !== 'function') throw new Error(`run(): setup file ${filepath} given without importSetupFile`);
      return options.importSetupFile(filepath);
    }
    // @vitest/runner makes the file-level suite once per realm, with the
    // first run's sequence.concurrent; a later run in the same realm sets its own.
    const fileLevel = getCurrentSuite();
    if (fileLevel && fileLevel.options) fileLevel.options.concurrent = this.config.sequence.concurrent;
    try {
      return await options.importTestFile();
    } catch (e) {
      this.importFailed = true;
      throw e;
    }
  }

  onCollectStart(file) {
    this.file = file;
  }

  /**
   * Called for every test as it is declared (collection): Vitest's lazy
   * `context.expect`; we also note the declared modes of the test and its
   * suites (before .only is resolved) and its call site.
   */
  extendTaskContext(context) {
    const task = context.task;
    for (let t = task; t; t = t.suite) {
      if (!this.declaredModes.has(t)) this.declaredModes.set(t, t.mode);
    }
    if (!task.location) {
      const location = callerLocation();
      if (location) this.locations.set(task, location);
    }
    if (this.config.expect.requireAssertions) {
      this.assertionsErrors.set(task, new Error('expected any number of assertion, but got none'));
    }
    let expect;
    Object.defineProperty(context, 'expect', {
      get() {
        if (!expect) expect = createExpect(task);
        return expect;
      },
    });
    Object.defineProperty(context, '_local', {
      get() {
        return expect != null;
      },
    });
    return context;
  }

  /** Import or collection failed: a file-error and no `collected`; otherwise ids, the id filter, `collected`. */
  onCollected(files) {
    const file = files[0];
    if (file.result && file.result.state === 'fail') {
      this.collectFailed = true;
      const phase = this.importFailed ? 'import' : 'collect';
      for (const error of file.result.errors || []) this.fileError(phase, eventError(error));
      return;
    }
    this.ids = assignIds(file);
    const onlyIds = this.run.options.onlyTestIds;
    if (onlyIds) {
      const wanted = new Set(onlyIds);
      const vitestIds = this.ids.order.filter((t) => t.type === 'test' && wanted.has(this.ids.byTask.get(t).id)).map((t) => t.id);
      interpretTaskModes(file, undefined, undefined, vitestIds, undefined, false, false, true);
    }
    this.run.emit({ type: 'collected', tests: this.ids.order.map((t) => this.collectedEntry(t)) });
  }

  /** The file's snapshot state opens (Vitest's snapshotClient.setup), then extensions' onBeforeRunFile. */
  async onBeforeRunSuite(suite) {
    if (suite !== suite.file) return;
    if (suite.mode !== 'skip') {
      this.snapshots = true;
      if (!(await startSnapshotFile(this.run.options.filepath, this.run.options.snapshotOptions, this.run.emit))) this.run.countFailure();
    }
    await callExtensions('onBeforeRunFile', suite, this.run.options);
  }

  /**
   * As Vitest's onAfterRunSuite of the file: snapshots of tests whose mode is
   * skip are not obsolete, the state is saved (snapshot-summary; obsolete
   * snapshots under updateSnapshot "none" are a file-error "snapshot").
   */
  async onAfterRunSuite(suite) {
    if (suite !== suite.file) return;
    await callExtensions('onAfterRunFile', suite, this.run.options);
    if (!this.snapshots) return;
    this.snapshots = false;
    const skipped = [];
    const visit = (s) => {
      for (const t of s.tasks) {
        if (t.type === 'suite') visit(t);
        else if (t.mode === 'skip') skipped.push(this.ids.byTask.get(t).fullName);
      }
    };
    visit(suite);
    if (!(await finishSnapshotFile(skipped, this.run.emit))) this.run.countFailure();
  }

  /** test-start and the host's per-test setup (a throw fails the test without running it, as a failed-early test). */
  async onBeforeRunTask(test) {
    if (test.mode !== 'run') return;
    this.run.emit({ type: 'test-start', id: this.idOf(test) });
    const setup = this.run.options.beforeEachTest;
    if (!setup) return;
    this.hostSetUp.add(test);
    try {
      await setup();
    } catch (e) {
      test.result = { state: 'fail', errors: [processError(e, this.config.diffOptions)] };
    }
  }

  /** Before every attempt: configured mock clearing, a fresh expect state (Vitest resets its global expect here). */
  async onBeforeTryTask(test, attempt) {
    clearMocksBeforeTest(this.config);
    if (test.context._local) {
      test.context.expect.setState({ ...FRESH_ASSERTION_STATE, currentTestName: test.fullTestName ?? '' });
    }
    startSnapshotAttempt(test);
    await callExtensions('onBeforeTryTask', test, attempt);
  }

  /** After the test function returned: expect.assertions(n), hasAssertions(), expect.requireAssertions. */
  onAfterTryTask(test) {
    const requireError = this.assertionsErrors.get(test);
    if (test.context._local) checkAssertionCounts(test.context.expect, requireError);
    else if (requireError) throw requireError;
  }

  onCleanupWorkerContext(listener) {
    this.workerCleanups.push(listener);
  }

  /** Values of `test.extend` fixtures declared with { injected: true }: the run's providedContext. */
  injectValue(key) {
    const provided = this.run.options.providedContext;
    return provided ? provided[key] : undefined;
  }

  // --- events ---------------------------------------------------------------

  /** Vitest's span around a phase; see the header for the ones that become events. */
  span(name, attributes, cb) {
    switch (name) {
      case 'run.spec':
        return this.runFileSpan(cb);
      case 'run.suite':
        return this.runSuiteSpan(this.ids.byVitestId.get(attributes['vitest.suite.id']), cb);
      case 'run.test':
        return this.runTestSpan(this.ids.byVitestId.get(attributes['vitest.test.id']), cb);
      case 'suite.beforeAll':
      case 'suite.afterAll':
      case 'suite.cleanup':
        return this.hookSpan(HOOK_OF_SPAN[name], cb);
      default:
        return cb();
    }
  }

  async runFileSpan(cb) {
    const file = this.file;
    await runInContext({ test: null, suite: file }, cb);
    if (this.collectFailed) return;
    if (!file.tasks.length) {
      for (const error of (file.result && file.result.errors) || []) this.fileError('collect', eventError(error));
      return;
    }
    this.reportRest(file);
    this.reportSuiteErrors(file, 'file');
  }

  async runSuiteSpan(suite, cb) {
    this.startSuite(suite);
    await runInContext({ test: null, suite }, cb);
    this.reportRest(suite);
    this.reportSuiteErrors(suite, 'suite');
    this.endSuite(suite);
  }

  async runTestSpan(test, cb) {
    await runInContext({ test, suite: test.suite || test.file }, async () => {
      try {
        await cb();
      } finally {
        if (this.hostSetUp.has(test)) await this.hostTeardown(test);
      }
    });
    this.endTest(test);
  }

  /** A failing beforeAll/afterAll/cleanup: a hook-error for the suite (id null for the file), then Vitest handles it. */
  async hookSpan(hook, cb) {
    try {
      return await cb();
    } catch (e) {
      const suite = currentSuite();
      const id = suite && suite !== suite.file ? this.idOf(suite) : null;
      this.run.countFailure();
      this.run.emit({ type: 'hook-error', id, hook, error: serializeError(e) });
      if (suite) this.reportedErrors.set(suite, (this.reportedErrors.get(suite) || 0) + errorCount(e));
      throw e;
    }
  }

  async hostTeardown(test) {
    try {
      await this.run.options.afterEachTest();
    } catch (e) {
      test.result = test.result || { state: 'fail' };
      test.result.state = 'fail';
      (test.result.errors ||= []).push(processError(e, this.config.diffOptions));
    }
  }

  idOf(task) {
    const entry = this.ids && this.ids.byTask.get(task);
    return entry ? entry.id : null;
  }

  collectedEntry(task) {
    const { id, fullName } = this.ids.byTask.get(task);
    const parent = task.suite && task.suite !== task.file ? this.idOf(task.suite) : null;
    let mode = task.mode === 'queued' ? 'run' : task.mode === 'only' ? 'skip' : task.mode;
    if (mode === 'run' && this.declaredModes.get(task) === 'only') mode = 'only';
    const entry = { id, name: task.name, fullName, kind: task.type === 'suite' ? 'suite' : 'test', mode, parentId: parent };
    const location = task.location || this.locations.get(task);
    if (location) entry.location = { line: location.line, column: location.column };
    if (task.type === 'test' && task.concurrent) entry.concurrent = true;
    return entry;
  }

  startSuite(suite) {
    this.startedSuites.add(suite);
    this.run.emit({ type: 'suite-start', id: this.idOf(suite) });
  }

  endSuite(suite) {
    this.ended.add(suite);
    const durationMs = (suite.result && suite.result.duration) || 0;
    this.run.emit({ type: 'suite-end', id: this.idOf(suite), status: statusOf(suite), durationMs });
  }

  endTest(test) {
    if (this.ended.has(test)) return;
    this.ended.add(test);
    const status = statusOf(test);
    const result = test.result || {};
    const errors = status === 'fail' ? (result.errors || []).map((e) => eventError(e)) : [];
    const event = { type: 'test-end', id: this.idOf(test), status, durationMs: result.duration || 0, errors };
    if (result.retryCount) event.retryCount = result.retryCount;
    if (test.repeats) event.repeatCount = result.repeatCount || 0;
    if (result.note) event.note = result.note;
    this.run.countTest(status);
    this.run.emit(event);
  }

  /** Ends what never ran below `suite` (skipped suites, tests skipped by a failed beforeAll) in tree order. */
  reportRest(suite) {
    for (const child of suite.tasks) {
      if (child.type === 'test') {
        this.endTest(child);
      } else if (!this.ended.has(child)) {
        if (!this.startedSuites.has(child)) this.startSuite(child);
        this.reportRest(child);
        this.reportSuiteErrors(child, 'suite');
        this.endSuite(child);
      }
    }
  }

  /** Suite errors no hook span reported (aroundAll, "No test found in suite", extensions) as hook-errors named `hook`. */
  reportSuiteErrors(suite, hook) {
    const errors = (suite.result && suite.result.errors) || [];
    const reported = this.reportedErrors.get(suite) || 0;
    for (const error of errors.slice(reported)) {
      this.run.countFailure();
      this.run.emit({ type: 'hook-error', id: suite === suite.file ? null : this.idOf(suite), hook, error: eventError(error) });
    }
    this.reportedErrors.set(suite, errors.length);
  }

  fileError(phase, error) {
    this.run.countFailure();
    this.run.emit({ type: 'file-error', phase, error });
  }

  /** Worker-scoped fixtures' teardown (Vitest runs it when the worker ends; a run is our worker). */
  async cleanupWorker() {
    for (const listener of this.workerCleanups) await listener();
  }
}
