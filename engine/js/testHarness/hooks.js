// Hook registration: beforeAll/afterAll/beforeEach/afterEach add listeners to
// the suite being collected (the file when called at top level);
// onTestFinished/onTestFailed add callbacks to the running test.
import { registerHook } from './collector.js';
import { currentTest } from './currentTest.js';

/** beforeAll(fn, timeout?): once before the suite's tests; a returned function runs after afterAll. */
export function beforeAll(fn, timeout) {
  registerHook('beforeAll', fn, timeout);
}

/** afterAll(fn, timeout?): once after the suite's tests. */
export function afterAll(fn, timeout) {
  registerHook('afterAll', fn, timeout);
}

/** beforeEach(fn, timeout?): before each test of the suite (and nested suites), with (context, suite); a returned function runs after afterEach. */
export function beforeEach(fn, timeout) {
  registerHook('beforeEach', fn, timeout);
}

/** afterEach(fn, timeout?): after each test of the suite (and nested suites). */
export function afterEach(fn, timeout) {
  registerHook('afterEach', fn, timeout);
}

function runningTest(name) {
  const record = currentTest();
  if (!record) throw new Error(`Hook ${name}() can only be called inside a test`);
  return record;
}

/** onTestFinished(fn, timeout?): called with the test context when the running test ends, whatever its result. */
export function onTestFinished(fn, timeout) {
  runningTest('onTestFinished').onFinished.push({ fn, timeout });
}

/** onTestFailed(fn, timeout?): called with the test context when the running test failed. */
export function onTestFailed(fn, timeout) {
  runningTest('onTestFailed').onFailed.push({ fn, timeout });
}
