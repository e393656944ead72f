// expect: chai with @vitest/expect's Jest-compatible matchers, asymmetric
// matchers and chai-style spy assertions, set up as Vitest 4.1 sets it up
// (its createExpect). Each test's `context.expect` has its own state; the
// runner (vitestRunner.js) resets it before every attempt and checks
// expect.assertions/hasAssertions after it. The exported `expect` delegates
// to the running test's one through AsyncLocalStorage.
import * as chai from 'chai';
import {
  ASYMMETRIC_MATCHERS_OBJECT,
  ChaiStyleAssertions,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  addCustomEqualityTesters,
  customMatchers,
  getState,
  setState,
} from '@vitest/expect';
import { disableDefaultColors } from 'tinyrainbow';
import { currentTask } from './currentTest.js';
import { createExpectPoll } from './expectPoll.js';
import { SnapshotPlugin } from './snapshotPlugin.js';
import { activeSnapshotState } from './snapshot.js';

// Diffs and matcher messages go to events and the dashboard: no ANSI colours.
disableDefaultColors();

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(ChaiStyleAssertions);
chai.use(SnapshotPlugin);
chai.use(JestAsymmetricMatchers);

let testPath;

/** Sets the test file path that expect.getState().testPath reports. */
export function setTestPath(path) {
  testPath = path;
}

/** What onBeforeTryTask resets, as Vitest's runner does before every attempt of a test. */
export const FRESH_ASSERTION_STATE = Object.freeze({
  assertionCalls: 0,
  isExpectingAssertions: false,
  isExpectingAssertionsError: null,
  expectedAssertionsNumber: null,
  expectedAssertionsNumberErrorGen: null,
});

/**
 * An expect bound to one test task (or, for `test` undefined, to whichever
 * test is running), shaped as Vitest's createExpect: its own matcher state
 * (assertion counts, expect.assertions/hasAssertions), expect.soft,
 * expect.poll, expect.unreachable; assertions carry the test (withTest) for
 * soft failures and unawaited .resolves/.rejects.
 */
export function createExpect(test) {
  const expect = (value, message) => {
    const { assertionCalls } = getState(expect);
    setState({ assertionCalls: assertionCalls + 1 }, expect);
    const assertion = chai.expect(value, message);
    const task = test || currentTask();
    return task ? assertion.withTest(task) : assertion;
  };
  Object.assign(expect, chai.expect);
  Object.assign(expect, globalThis[ASYMMETRIC_MATCHERS_OBJECT]);
  expect.getState = () => getState(expect);
  expect.setState = (state) => setState(state, expect);
  const globalState = getState(globalThis[GLOBAL_EXPECT]) || {};
  setState(
    {
      ...globalState,
      ...FRESH_ASSERTION_STATE,
      environment: 'switchyard',
      get testPath() {
        return testPath;
      },
      currentTestName: test ? (test.fullTestName ?? '') : globalState.currentTestName,
      snapshotState: activeSnapshotState(),
    },
    expect,
  );
  expect.assert = chai.assert;
  expect.extend = (matchers) => chai.expect.extend(expect, matchers);
  expect.addEqualityTesters = (testers) => addCustomEqualityTesters(testers);
  expect.soft = (...args) => expect(...args).withContext({ soft: true });
  expect.poll = createExpectPoll(expect);
  expect.unreachable = (message) => {
    chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  };
  function assertions(expected) {
    const errorGen = () =>
      new Error(`expected number of assertions to be ${expected}, but got ${expect.getState().assertionCalls}`);
    if (Error.captureStackTrace) Error.captureStackTrace(errorGen(), assertions);
    expect.setState({ expectedAssertionsNumber: expected, expectedAssertionsNumberErrorGen: errorGen });
  }
  function hasAssertions() {
    const error = new Error('expected any number of assertion, but got none');
    if (Error.captureStackTrace) Error.captureStackTrace(error, hasAssertions);
    expect.setState({ isExpectingAssertions: true, isExpectingAssertionsError: error });
  }
  chai.util.addMethod(expect, 'assertions', assertions);
  chai.util.addMethod(expect, 'hasAssertions', hasAssertions);
  expect.extend(customMatchers);
  return expect;
}

/** Throws what Vitest's onAfterTryTask throws when expect.assertions(n) / hasAssertions() / requireAssertions was not met. */
export function checkAssertionCounts(expect, requireAssertionsError) {
  const state = getState(expect);
  if (state.expectedAssertionsNumber !== null && state.assertionCalls !== state.expectedAssertionsNumber) {
    throw state.expectedAssertionsNumberErrorGen();
  }
  if (state.isExpectingAssertions === true && state.assertionCalls === 0) throw state.isExpectingAssertionsError;
  if (requireAssertionsError && state.assertionCalls === 0) throw requireAssertionsError;
}

// Vitest's global expect keeps one state that the runner resets before each
// test; ours hands every call made inside a test to that test's own
// `context.expect` (found through AsyncLocalStorage), so counts and soft
// assertions stay right under .concurrent too. Outside tests (beforeAll,
// afterAll, top level) it uses its own state.
const outsideExpect = createExpect();

/** The running test's expect (its context.expect), or the one for code outside tests. */
function activeExpect() {
  const task = currentTask();
  return task && task.context ? task.context.expect : outsideExpect;
}

/** The `expect` that `vitest` exports. */
export const globalExpect = (value, message) => activeExpect()(value, message);
Object.assign(globalExpect, chai.expect);
Object.assign(globalExpect, globalThis[ASYMMETRIC_MATCHERS_OBJECT]);
setState(getState(outsideExpect), globalExpect);
globalExpect.getState = () => activeExpect().getState();
globalExpect.setState = (state) => activeExpect().setState(state);
globalExpect.assert = chai.assert;
globalExpect.extend = (matchers) => chai.expect.extend(globalExpect, matchers);
globalExpect.addEqualityTesters = (testers) => addCustomEqualityTesters(testers);
globalExpect.soft = (...args) => activeExpect().soft(...args);
globalExpect.poll = (fn, options) => activeExpect().poll(fn, options);
globalExpect.unreachable = (message) => activeExpect().unreachable(message);
globalExpect.assertions = (expected) => activeExpect().assertions(expected);
globalExpect.hasAssertions = () => activeExpect().hasAssertions();
globalExpect.extend(customMatchers);

Object.defineProperty(globalThis, GLOBAL_EXPECT, {
  value: globalExpect,
  writable: true,
  configurable: true,
});

export { chai };
export const { assert, should } = chai;
