// Tests of the `vitest` module of test isolates (engine/js/testHarness), on
// the built bundle: sample test files (fixtures/) import "vitest" and are run
// through __switchyard.run; the tests check the events it emits.
// Usage: node tests/testHarness/harness.test.mjs [path/to/vitestHarness.js]
// (default: build/engine/js/vitestHarness.js). Runs under Node 18 and 20.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Test isolates have AsyncLocalStorage as a global (workerBootstrap.js).
globalThis.AsyncLocalStorage = AsyncLocalStorage;

const here = dirname(fileURLToPath(import.meta.url));
const bundle = resolve(process.argv[2] || process.env.SY_VITEST_HARNESS || join(here, '../../build/engine/js/vitestHarness.js'));

// A folder where `import "vitest"` finds the bundle: node_modules/vitest + the fixtures.
const dir = mkdtempSync(join(tmpdir(), 'sy-test-harness-'));
mkdirSync(join(dir, 'node_modules', 'vitest'), { recursive: true });
writeFileSync(join(dir, 'node_modules', 'vitest', 'package.json'), JSON.stringify({ name: 'vitest', type: 'module', exports: './index.js' }));
copyFileSync(bundle, join(dir, 'node_modules', 'vitest', 'index.js'));
for (const file of readdirSync(join(here, 'fixtures'))) copyFileSync(join(here, 'fixtures', file), join(dir, file));
after(() => rmSync(dir, { recursive: true, force: true }));
// No timer keeps node alive here: the harness's timeout timers must (Vitest's
// runner unrefs them; a test isolate would then see a hang, node would exit).

const vitest = await import(pathToFileURL(join(dir, 'node_modules', 'vitest', 'index.js')).href);

let generation = 0;

/** Runs fixture `name` (a fresh module instance each time) and returns its events, checked for consistency. */
async function runFixture(name, options = {}) {
  const events = [];
  const url = `${pathToFileURL(join(dir, name)).href}?run=${++generation}`;
  const summary = await vitest.__switchyard.run({
    importTestFile: () => import(url),
    emit: (event) => events.push(event),
    filepath: name,
    ...options,
  });
  checkEventStream(events);
  const ends = new Map(events.filter((e) => e.type === 'test-end').map((e) => [e.id, e]));
  const collected = events.find((e) => e.type === 'collected');
  return {
    events,
    summary,
    ends,
    tests: collected ? collected.tests : [],
    status: (id) => (ends.get(id) ? ends.get(id).status : undefined),
    errors: (id) => ends.get(id).errors,
    console: events.filter((e) => e.type === 'console'),
    statuses: Object.fromEntries([...ends].map(([id, e]) => [id, e.status])),
  };
}

/**
 * Invariants of every run: events survive JSON, every collected test ends
 * exactly once (started before, if at all), suites bracket their children,
 * skipped/todo modes end as skip/todo, ids are unique.
 */
function checkEventStream(events) {
  for (const event of events) assert.deepEqual(JSON.parse(JSON.stringify(event)), event, `event not JSON-safe: ${event.type}`);
  const collected = events.find((e) => e.type === 'collected');
  if (!collected) {
    assert.ok(!events.some((e) => e.type.startsWith('test-') || e.type.startsWith('suite-')), 'test events without collection');
    return;
  }
  assert.equal(events.filter((e) => e.type === 'collected').length, 1);
  const ids = collected.tests.map((t) => t.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  const position = (type, id) => events.findIndex((e) => e.type === type && e.id === id);
  const byId = new Map(collected.tests.map((t) => [t.id, t]));
  for (const t of collected.tests) {
    if (t.parentId !== null) assert.ok(ids.indexOf(t.parentId) < ids.indexOf(t.id), `parent listed before ${t.id}`);
    if (t.kind === 'test') {
      const endsOf = events.filter((e) => e.type === 'test-end' && e.id === t.id);
      assert.equal(endsOf.length, 1, `one test-end for ${t.id}`);
      const starts = events.filter((e) => e.type === 'test-start' && e.id === t.id);
      assert.ok(starts.length <= 1);
      if (starts.length) assert.ok(position('test-start', t.id) < position('test-end', t.id));
      if (t.mode === 'skip') assert.equal(endsOf[0].status, 'skip', `${t.id} skipped`);
      if (t.mode === 'todo') assert.equal(endsOf[0].status, 'todo', `${t.id} todo`);
      if (t.mode === 'skip' || t.mode === 'todo') assert.equal(starts.length, 0, `${t.id} not started`);
    } else {
      assert.equal(events.filter((e) => e.type === 'suite-start' && e.id === t.id).length, 1, `one suite-start for ${t.id}`);
      assert.equal(events.filter((e) => e.type === 'suite-end' && e.id === t.id).length, 1, `one suite-end for ${t.id}`);
    }
    if (t.parentId !== null) {
      const own = t.kind === 'test' ? position('test-end', t.id) : position('suite-end', t.id);
      assert.ok(position('suite-start', t.parentId) < own && own < position('suite-end', t.parentId), `${t.id} inside its suite's events`);
    }
  }
  for (const e of events) {
    if (['test-start', 'test-end', 'suite-start', 'suite-end'].includes(e.type)) assert.ok(byId.has(e.id), `event for unknown id ${e.id}`);
  }
}

describe('collection, modes and names', () => {
  test('pass, fail, skip, todo, fails, skipIf/runIf, skipped and todo suites', async () => {
    const r = await runFixture('basic.mjs');
    assert.equal(r.status('top-level passes'), 'pass');
    assert.equal(r.status('top-level fails'), 'fail');
    assert.equal(r.status('suite > passes'), 'pass');
    assert.equal(r.status('suite > is skipped'), 'skip');
    assert.equal(r.status('suite > is todo'), 'todo');
    assert.equal(r.status('suite > has no body'), 'todo');
    assert.equal(r.status('suite > is expected to fail'), 'pass');
    assert.equal(r.status('suite > skipIf true'), 'skip');
    assert.equal(r.status('suite > skipIf false'), 'pass');
    assert.equal(r.status('suite > runIf false'), 'skip');
    assert.equal(r.status('suite > runIf true'), 'pass');
    assert.equal(r.status('suite > skipped suite > inner'), 'skip');
    const suiteEnd = (id) => r.events.find((e) => e.type === 'suite-end' && e.id === id);
    assert.equal(suiteEnd('suite > skipped suite').status, 'skip');
    assert.equal(suiteEnd('suite > todo suite').status, 'todo');
    assert.equal(suiteEnd('suite').status, 'pass');
    assert.equal(suiteEnd('each').status, 'pass');
    const failedErrors = r.errors('top-level fails');
    assert.equal(failedErrors.length, 1);
    assert.match(failedErrors[0].message, /expected 'a' to be 'b'/);
    assert.deepEqual(
      { passed: r.summary.passed, failed: r.summary.failed, skipped: r.summary.skipped, todo: r.summary.todo, ok: r.summary.ok },
      { passed: 23, failed: 1, skipped: 4, todo: 2, ok: false },
    );
    assert.ok(r.summary.durationMs >= 0);
  });

  test('collected: flat list, parents first, kinds, modes, locations', async () => {
    const r = await runFixture('basic.mjs');
    const t = (id) => r.tests.find((x) => x.id === id);
    assert.deepEqual(
      { ...t('suite > passes'), location: undefined },
      { id: 'suite > passes', name: 'passes', fullName: 'suite > passes', kind: 'test', mode: 'run', parentId: 'suite', location: undefined },
    );
    assert.deepEqual(t('suite > passes').location, { line: 14, column: 3 });
    assert.equal(t('suite').kind, 'suite');
    assert.equal(t('suite').parentId, null);
    assert.equal(t('suite > skipped suite').mode, 'skip');
    assert.equal(t('suite > skipped suite > inner').mode, 'skip');
    assert.equal(t('suite > todo suite').mode, 'todo');
    assert.equal(t('suite > is todo').mode, 'todo');
    assert.equal(t('each > describe.each alpha > has alpha').fullName, 'each > describe.each alpha > has alpha');
    assert.equal(r.tests[0].id, 'top-level passes');
  });

  test('.each and .for titles: %i %s %d %o %j %# %$ %% and $name', async () => {
    const r = await runFixture('basic.mjs');
    const names = r.tests.filter((t) => t.parentId === 'each' && t.kind === 'test').map((t) => t.name);
    assert.deepEqual(names, [
      'add(1, 1) = 2',
      'add(2, 3) = 5',
      "row 0 1 'x'",
      "row 1 2 'y'",
      // Vitest 4.1's formatTitle hands %% an argument of its own, as util.format would
      'string s1 is row 1 of 2 (100% undefined)',
      'string s2 is row 2 of 2 (100% undefined)',
      "num 1.5 obj { k: 'v' } json [1,2]",
      'template 1 + 1 -> 2',
      "template 'x' + 'y' -> 'xy'",
      'for 1 2',
      'for 3 4',
    ]);
    const suites = r.tests.filter((t) => t.parentId === 'each' && t.kind === 'suite').map((t) => t.name);
    assert.deepEqual(suites, ['describe.each alpha', 'describe.each beta']);
    for (const name of names) assert.equal(r.status(`each > ${name}`), 'pass', name);
    assert.equal(r.status('each > describe.each beta > has beta'), 'pass');
  });

  test('duplicate names get #2, #3; ids are stable across runs', async () => {
    const first = await runFixture('basic.mjs');
    const ids = first.tests.filter((t) => t.parentId === 'dup').map((t) => t.id);
    assert.deepEqual(ids, ['dup > same', 'dup > same#2', 'dup > same#3', 'dup > same#2#2']);
    const lookalike = first.tests.find((t) => t.fullName === 'dup > same > x');
    assert.equal(lookalike.parentId, 'dup > same#4', 'a suite named "dup > same" does not take the id of "dup" > "same"');
    const second = await runFixture('basic.mjs');
    assert.deepEqual(second.tests.map((t) => t.id), first.tests.map((t) => t.id));
  });

  test('.only: only those tests and whole .only suites run', async () => {
    const r = await runFixture('only.mjs');
    assert.deepEqual(r.statuses, {
      'a > a1': 'skip',
      'a > a2': 'pass',
      'b > b1': 'pass',
      'b > b2': 'pass',
      'b > b3': 'skip',
      'c > c1': 'skip',
      top: 'skip',
    });
    const mode = (id) => r.tests.find((t) => t.id === id).mode;
    assert.equal(mode('a > a2'), 'only');
    assert.equal(mode('b'), 'only');
    assert.equal(mode('c'), 'skip');
    assert.equal(mode('b > b1'), 'run');
    assert.ok(r.summary.ok);
  });

  test('testNamePattern matches "suite names test name"', async () => {
    const r = await runFixture('basic.mjs', { testNamePattern: '^each add\\(' });
    const ran = Object.entries(r.statuses).filter(([, s]) => s !== 'skip' && s !== 'todo').map(([id]) => id);
    assert.deepEqual(ran, ['each > add(1, 1) = 2', 'each > add(2, 3) = 5']);
    assert.equal(r.tests.find((t) => t.id === 'dup').mode, 'skip');
    assert.ok(r.summary.ok);
  });

  test('onlyTestIds runs exactly those ids; [] collects without running', async () => {
    const r = await runFixture('basic.mjs', { onlyTestIds: ['suite > passes', 'dup > same#2'] });
    const ran = Object.entries(r.statuses).filter(([, s]) => s === 'pass' || s === 'fail').map(([id]) => id);
    assert.deepEqual(ran, ['suite > passes', 'dup > same#2']);
    const none = await runFixture('hooks.mjs', { onlyTestIds: [] });
    assert.equal(none.tests.length, 4);
    assert.deepEqual(none.console, [], 'no hook ran');
    assert.equal(none.summary.skipped, 2);
  });
});

describe('hooks', () => {
  test('order in nested suites, cleanups, onTestFinished/onTestFailed, console attribution', async () => {
    const r = await runFixture('hooks.mjs');
    const lines = r.console.map((e) => `${e.testId ?? '-'}: ${e.text}`);
    const first = 'outer > first';
    const second = 'outer > inner > second';
    assert.deepEqual(lines, [
      '-: root beforeAll',
      '-: outer beforeAll',
      `${first}: root beforeEach`,
      `${first}: outer beforeEach 1`,
      `${first}: outer beforeEach 2`,
      `${first}: test first`,
      `${first}: outer afterEach 2`,
      `${first}: outer afterEach 1`,
      `${first}: root afterEach`,
      `${first}: root beforeEach cleanup`,
      `${first}: first finished`,
      `${second}: root beforeEach`,
      `${second}: outer beforeEach 1`,
      `${second}: outer beforeEach 2`,
      `${second}: inner beforeEach for second, suite argument undefined`,
      `${second}: test second`,
      `${second}: inner afterEach`,
      `${second}: outer afterEach 2`,
      `${second}: outer afterEach 1`,
      `${second}: root afterEach`,
      `${second}: root beforeEach cleanup`,
      `${second}: second finished`,
      `${second}: second failed`,
      '-: outer afterAll',
      '-: root afterAll',
      '-: root beforeAll cleanup',
    ]);
    assert.equal(r.status(first), 'pass');
    assert.equal(r.status(second), 'fail');
    assert.equal(r.errors(second)[0].message, 'second fails');
    assert.ok(r.console.every((e) => e.level === 'log'));
  });

  test('failing and hanging hooks', async () => {
    const r = await runFixture('hookFailures.mjs');
    const hookErrors = r.events.filter((e) => e.type === 'hook-error');
    assert.deepEqual(
      hookErrors.map((e) => [e.id, e.hook, e.error.message]),
      [
        ['setup fails', 'beforeAll', 'beforeAll boom'],
        ['teardown fails', 'afterAll', 'afterAll boom'],
      ],
    );
    assert.equal(r.status('setup fails > never runs'), 'skip');
    assert.equal(r.status('teardown fails > passes'), 'pass');
    assert.equal(r.status('each fails > fails from its hook'), 'fail');
    assert.equal(r.errors('each fails > fails from its hook')[0].message, 'beforeEach boom');
    assert.equal(r.status('hook timeout > fails by hook timeout'), 'fail');
    assert.match(r.errors('hook timeout > fails by hook timeout')[0].message, /^Hook timed out in 30ms\./);
    assert.equal(r.status('still runs afterwards'), 'pass');
    const texts = r.console.map((e) => e.text);
    assert.ok(texts.includes('afterAll after failed beforeAll'));
    assert.ok(texts.includes('afterEach after failed beforeEach'));
    assert.ok(!texts.some((t) => t.startsWith('body of')), 'no test body ran after its hook failed');
    const suiteStatus = (id) => r.events.find((e) => e.type === 'suite-end' && e.id === id).status;
    assert.equal(suiteStatus('setup fails'), 'fail');
    assert.equal(suiteStatus('teardown fails'), 'fail');
    assert.equal(r.summary.ok, false);
  });

  test('host beforeEachTest/afterEachTest wrap each test with its hooks', async () => {
    const order = [];
    const r = await runFixture('hostHooks.mjs', {
      beforeEachTest: () => console.log('host before'),
      afterEachTest: async () => {
        await null;
        console.log('host after');
      },
    });
    for (const e of r.console) order.push(`${e.testId}: ${e.text}`);
    assert.deepEqual(order, [
      't: host before',
      't: user beforeEach',
      't: body t',
      't: user afterEach',
      't: finished t',
      't: host after',
      'fails: host before',
      'fails: user beforeEach',
      'fails: body fails',
      'fails: user afterEach',
      'fails: host after',
    ]);
    const broken = await runFixture('hostHooks.mjs', {
      beforeEachTest: () => {
        throw new Error('storage unavailable');
      },
      afterEachTest: () => console.log('host after'),
    });
    assert.equal(broken.status('t'), 'fail');
    assert.equal(broken.errors('t')[0].message, 'storage unavailable');
    assert.deepEqual(broken.console.map((e) => e.text), ['host after', 'host after'], 'no user code ran, teardown did');
  });
});

describe('timeouts, retries and file errors', () => {
  test('a test past its timeout fails with Vitest message and the run goes on', async () => {
    const r = await runFixture('timeouts.mjs', { testTimeoutMs: 50 });
    const message = (id) => r.errors(id)[0].message;
    assert.match(message('hangs'), /^Test timed out in 40ms\.\nIf this is a long-running test, pass a timeout value as the last argument or configure it globally with "testTimeout"\.$/);
    assert.match(message('hangs with options'), /^Test timed out in 40ms\./);
    assert.match(message('uses the run default'), /^Test timed out in 50ms\./);
    assert.match(message('suite timeout > inherits it'), /^Test timed out in 30ms\./);
    assert.match(message('aborts its signal'), /^Test timed out in 40ms\./);
    assert.match(message('synchronous and overdue'), /^Test timed out in 20ms\./);
    assert.match(message('async, blocking and overdue'), /^Test timed out in 20ms\./);
    assert.equal(r.status('runs after the hangs'), 'pass', 'the signal was aborted and the run went on');
    assert.deepEqual([r.summary.passed, r.summary.failed], [1, 7]);
  });

  test('retry: attempts, kept errors, retry condition, suite and run defaults', async () => {
    const r = await runFixture('retry.mjs');
    assert.equal(r.status('flaky'), 'pass');
    assert.deepEqual(r.errors('flaky'), []);
    assert.equal(r.ends.get('flaky').retryCount, 2);
    assert.equal(r.status('always fails'), 'fail');
    assert.deepEqual(r.errors('always fails').map((e) => e.message), ['attempt 1', 'attempt 2']);
    assert.equal(r.ends.get('always fails').retryCount, 1);
    assert.deepEqual(r.errors('retries only matching errors').map((e) => e.message), ['transient failure', 'fatal 2']);
    assert.equal(r.status('suite retry > inherits it'), 'pass');
    assert.equal(r.status('uses the run default'), 'fail', 'no retry unless the run says so');
    const withDefault = await runFixture('retry.mjs', { retry: 1 });
    assert.equal(withDefault.status('uses the run default'), 'pass');
  });

  test('a throw while importing the file is one file-error', async () => {
    const r = await runFixture('importThrow.mjs');
    const fileErrors = r.events.filter((e) => e.type === 'file-error');
    assert.equal(fileErrors.length, 1);
    assert.equal(fileErrors[0].phase, 'import');
    assert.equal(fileErrors[0].error.message, 'import boom');
    assert.match(fileErrors[0].error.stack, /importThrow\.mjs/);
    assert.ok(!r.events.some((e) => e.type === 'collected'));
    assert.deepEqual(r.summary.ok, false);
    assert.equal(r.summary.passed, 0);
    // The next run in the realm does not see what the broken file registered.
    const next = await runFixture('only.mjs');
    assert.equal(next.tests.filter((t) => t.kind === 'test').length, 7);
  });

  test('a throw in a describe callback fails collection', async () => {
    const r = await runFixture('collectThrow.mjs');
    const fileErrors = r.events.filter((e) => e.type === 'file-error');
    assert.deepEqual(fileErrors.map((e) => [e.phase, e.error.message]), [['collect', 'collect boom']]);
    assert.ok(!r.events.some((e) => e.type === 'test-start'));
    assert.equal(r.summary.ok, false);
  });

  test('a file without tests is an error', async () => {
    const r = await runFixture('empty.mjs');
    const fileErrors = r.events.filter((e) => e.type === 'file-error');
    assert.deepEqual(fileErrors.map((e) => [e.phase, e.error.message]), [['collect', 'No test suite found in file empty.mjs']]);
    assert.equal(r.summary.ok, false);
  });

  test('reportUnhandledError fails the run and names the running test', async () => {
    const events = [];
    const url = `${pathToFileURL(join(dir, 'hostHooks.mjs')).href}?run=${++generation}`;
    const summary = await vitest.__switchyard.run({
      importTestFile: () => import(url),
      emit: (e) => events.push(e),
      beforeEachTest: () => {
        assert.equal(vitest.__switchyard.reportUnhandledError(new Error('escaped')), true);
      },
    });
    const unhandled = events.filter((e) => e.type === 'file-error' && e.phase === 'unhandled');
    assert.deepEqual(unhandled.map((e) => [e.testId, e.error.message]), [['t', 'escaped'], ['fails', 'escaped']]);
    assert.equal(summary.ok, false);
    assert.equal(vitest.__switchyard.reportUnhandledError(new Error('late')), false);
  });
});

describe('Vitest 4.1 semantics (outcomes checked against vitest 4.1.12 itself)', () => {
  test('fixtures, repeats, retry, sequence, hook timeouts, skip, aroundEach, onTestFailed, assertions', async () => {
    const r = await runFixture('semantics.mjs', { sequence: { seed: 42 } });
    const failing = ['cleanup timeout > fails by its cleanup', 'on test failed gets the result', 'expect.assertions counts'];
    const skipped = ['hook timeout in beforeAll > is skipped', 'skip and around > skips itself with a note', 'skip and around > skips on a condition'];
    for (const [id, status] of Object.entries(r.statuses)) {
      const expected = failing.includes(id) ? 'fail' : skipped.includes(id) ? 'skip' : 'pass';
      assert.equal(status, expected, `${id}: ${JSON.stringify(r.ends.get(id).errors)}`);
    }
    assert.deepEqual([r.summary.passed, r.summary.failed, r.summary.skipped], [20, 3, 3]);
    assert.deepEqual([r.ends.get('repeats').repeatCount, r.ends.get('repeat after a retry').retryCount], [2, 1]);
    assert.equal(r.ends.get('skip and around > skips itself with a note').note, 'not today');
    // describe.shuffle under seed 42: the order vitest 4.1.12 runs them in.
    assert.ok(r.console.some((e) => e.text === 'shuffled order cfdabe'), JSON.stringify(r.console.map((e) => e.text)));
    const order = r.events.filter((e) => e.type === 'test-end' && e.id.startsWith('concurrent suite')).map((e) => e.id);
    assert.deepEqual(order, ['concurrent suite > fast', 'concurrent suite > slow', 'concurrent suite > sequential one waits']);
    const [hookError] = r.events.filter((e) => e.type === 'hook-error');
    assert.deepEqual([hookError.id, hookError.hook], ['hook timeout in beforeAll', 'beforeAll']);
    assert.match(hookError.error.message, /^Hook timed out in 30ms\./);
    assert.match(r.errors('cleanup timeout > fails by its cleanup')[0].message, /^Hook timed out in 30ms\./);
    assert.equal(r.errors('expect.assertions counts')[0].message, 'expected number of assertions to be 2, but got 1');
    assert.ok(r.console.some((e) => e.text === 'failed with boom' && e.testId === 'on test failed gets the result'));
  });

  test('sequence.concurrent runs every test concurrently; another seed shuffles differently', async () => {
    const r = await runFixture('semantics.mjs', { sequence: { seed: 7, concurrent: true } });
    assert.equal(r.tests.find((t) => t.id === 'repeats').concurrent, true);
    assert.ok(!r.console.some((e) => e.text === 'shuffled order cfdabe'));
  });
});

describe('concurrency and console', () => {
  test('console output and expect state follow each concurrent test', async () => {
    const r = await runFixture('concurrent.mjs');
    assert.equal(r.summary.failed, 0, JSON.stringify([...r.ends.values()].filter((e) => e.errors.length)));
    assert.equal(r.summary.passed, 6);
    for (const e of r.console.filter((c) => /^[abc]:\d$/.test(c.text))) {
      assert.equal(e.testId, `parallel > ${e.text[0]}`, `"${e.text}" attributed to its test`);
    }
    assert.equal(r.console.filter((c) => /^[abc]:\d$/.test(c.text)).length, 9);
    const find = (text) => r.console.find((c) => c.text === text);
    assert.deepEqual(find('x logs'), { type: 'console', testId: 'global expect x', level: 'info', text: 'x logs' });
    assert.deepEqual(find('y logs'), { type: 'console', testId: 'global expect y', level: 'warn', text: 'y logs' });
    assert.deepEqual(find('sequential logs'), { type: 'console', testId: 'sequential after', level: 'error', text: 'sequential logs' });
    // The three concurrent tests all started before the first one ended.
    const kinds = r.events.filter((e) => e.type === 'test-start' || e.type === 'test-end').filter((e) => e.id.startsWith('parallel')).map((e) => e.type);
    assert.deepEqual(kinds.slice(0, 3), ['test-start', 'test-start', 'test-start']);
    // Interleaved: b logged its first line before a did.
    const order = r.console.map((c) => c.text);
    assert.ok(order.indexOf('b:0') < order.indexOf('a:0'));
    assert.equal(r.tests.find((t) => t.id === 'parallel > a').concurrent, true);
  });

  test('console formatting, levels, and the console is restored after the run', async () => {
    const { log } = console;
    const r = await runFixture('consoleFormat.mjs');
    assert.equal(console.log, log);
    const [fmt, obj, plain, error, debug, trace] = r.console;
    assert.deepEqual([fmt.level, fmt.text], ['log', 'count 5 of items { extra: true }']);
    assert.deepEqual([obj.level, obj.text], ['info', '{ a: 1, nested: { b: [ 1, 2 ] } }']);
    assert.deepEqual([plain.level, plain.text], ['warn', 'plain 42 null undefined']);
    assert.equal(error.level, 'error');
    assert.match(error.text, /^Error: logged error\n\s+at /);
    assert.deepEqual([debug.level, debug.text], ['debug', 'debug line']);
    assert.equal(trace.level, 'error');
    assert.match(trace.text, /^Trace: where\n/);
    assert.ok(r.console.every((e) => e.testId === 'logs'));
  });
});

describe('expect, vi and errors', () => {
  test('matchers, asymmetric matchers, spies, fake timers, waitFor, poll, stubs, chai assert', async () => {
    const realSetTimeout = globalThis.setTimeout;
    const realDate = globalThis.Date;
    const r = await runFixture('matchers.mjs');
    const failures = [...r.ends.values()].filter((e) => e.status !== 'pass');
    assert.deepEqual(failures.map((e) => [e.id, e.errors.map((x) => x.message)]), []);
    assert.equal(r.summary.passed, 16);
    assert.equal(globalThis.setTimeout, realSetTimeout, 'real timers are back');
    assert.equal(globalThis.Date, realDate, 'real Date is back');
  });

  test('errors: message, stack, expected/actual and Vitest diff, without colours', async () => {
    const r = await runFixture('failures.mjs');
    assert.equal(r.summary.failed, 12);
    const [eq] = r.errors('toEqual diff');
    assert.equal(eq.name, 'AssertionError');
    assert.equal(eq.message, 'expected { a: 1, b: [ 1, 2 ] } to deeply equal { a: 1, b: [ 1, 3 ] }');
    assert.equal(eq.diff, '- Expected\n+ Received\n\n  {\n    "a": 1,\n    "b": [\n      1,\n-     3,\n+     2,\n    ],\n  }');
    assert.equal(eq.expected, '{\n  "a": 1,\n  "b": [\n    1,\n    3,\n  ],\n}');
    assert.equal(eq.actual, '{\n  "a": 1,\n  "b": [\n    1,\n    2,\n  ],\n}');
    assert.match(eq.stack, /^AssertionError: expected/);
    assert.match(eq.stack, /failures\.mjs(\?run=\d+)?:5:/, 'the stack points at the assertion');
    assert.ok(!eq.stack.includes('node_modules/vitest'), 'no frames of the harness');
    const [toBe] = r.errors('toBe numbers');
    assert.equal(toBe.message, 'expected 1 to be 2 // Object.is equality');
    assert.equal(toBe.diff, '- Expected\n+ Received\n\n- 2\n+ 1');
    assert.deepEqual([toBe.expected, toBe.actual], ['2', '1']);
    assert.equal(r.errors('custom message')[0].message, 'my message: expected 1 to be 2 // Object.is equality');
    assert.deepEqual(r.errors('thrown string').map((e) => e.message), ['plain string']);
    const [caused] = r.errors('thrown error with cause');
    assert.equal(caused.message, 'outer');
    assert.equal(caused.cause.message, 'inner');
    assert.deepEqual(
      r.errors('soft failures accumulate').map((e) => e.message),
      ["expected 1 to be 2 // Object.is equality", "expected 'a' to be 'b' // Object.is equality"],
    );
    assert.ok(r.console.some((e) => e.text === 'after soft' && e.testId === 'soft failures accumulate'));
    assert.equal(r.errors('assertion count')[0].message, 'expected number of assertions to be 2, but got 1');
    assert.equal(r.errors('has no assertions')[0].message, 'expected any number of assertion, but got none');
    // Vitest 4.1 (the version the Workers pool runs): an unawaited assertion
    // is awaited at the end of the test with a warning; only a failing one fails.
    assert.equal(r.status('unawaited resolves'), 'pass');
    const warned = (id) => r.console.filter((e) => e.testId === id && e.level === 'warn').map((e) => e.text);
    assert.match(warned('unawaited resolves')[0], /^Promise returned by `expect\(actual\)\.resolves\.toBe\(expected\)` was not awaited/);
    const unawaited = r.errors('unawaited failing resolves').map((e) => e.message);
    assert.deepEqual(unawaited, ['expected 1 to be 2 // Object.is equality'], 'the unawaited assertion is settled before the test ends');
    assert.match(warned('unawaited failing resolves')[0], /was not awaited/);
    assert.match(r.errors('rejects on a resolved promise')[0].message, /promise resolved "5" instead of rejecting/);
    const [poll] = r.errors('poll gives up');
    assert.equal(poll.message, 'expected 1 to be 2 // Object.is equality');
    assert.equal(poll.cause.message, 'Matcher did not succeed in time.');
    // Without the engine's snapshot host (node, not a test isolate) snapshot matchers say what they need.
    assert.match(r.errors('snapshot is unsupported')[0].message, /toMatchSnapshot\(\) needs the snapshot state of a test file/);
    const text = JSON.stringify(r.events);
    assert.ok(!text.includes('\\u001b'), 'no ANSI escapes');
  });

  test('the module exports Vitest names', () => {
    for (const name of ['describe', 'suite', 'it', 'test', 'expect', 'assert', 'chai', 'should', 'vi', 'vitest',
      'beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'onTestFinished', 'onTestFailed']) {
      assert.ok(name in vitest, name);
    }
    assert.equal(vitest.vitest, vitest.vi);
    assert.equal(vitest.it, vitest.test);
    assert.equal(vitest.suite, vitest.describe);
    assert.equal(typeof vitest.expect.any, 'function');
    assert.equal(typeof vitest.test.concurrent.skip.each, 'function');
    assert.throws(() => vitest.onTestFinished(() => {}), /can only be called inside a test/);
    assert.throws(() => vitest.vi.mock('x'), /Module mocking needs Switchyard's module runner/);
    assert.deepEqual(vitest.__switchyard.defaults, { testTimeoutMs: 5000, hookTimeoutMs: 10000, maxConcurrency: 5 });
  });

  test('a throwing emit never reaches test code; the run finishes and then rejects with it', async () => {
    let seen = 0;
    const url = `${pathToFileURL(join(dir, 'consoleFormat.mjs')).href}?run=${++generation}`;
    const { log } = console;
    await assert.rejects(
      vitest.__switchyard.run({
        importTestFile: () => import(url),
        emit: (event) => {
          seen++;
          if (event.type === 'console') throw new Error('stream closed');
        },
      }),
      /stream closed/,
    );
    assert.equal(console.log, log, 'console restored');
    assert.ok(seen >= 9, 'every event was still offered');
    const after = await runFixture('retry.mjs');
    assert.equal(after.status('flaky'), 'pass', 'the realm can run again');
  });

  test('run() rejects bad options and a second run while one is active', async () => {
    await assert.rejects(vitest.__switchyard.run({ emit() {} }), /importTestFile must be a function/);
    await assert.rejects(vitest.__switchyard.run({ importTestFile: async () => {} }), /emit must be a function/);
    let release;
    const gate = new Promise((resolve) => {
      release = resolve;
    });
    const url = `${pathToFileURL(join(dir, 'only.mjs')).href}?run=${++generation}`;
    const first = vitest.__switchyard.run({ importTestFile: () => gate.then(() => import(url)), emit() {} });
    await assert.rejects(vitest.__switchyard.run({ importTestFile: async () => {}, emit() {} }), /already in progress/);
    release();
    assert.equal((await first).passed, 3);
  });
});
