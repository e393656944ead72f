// expect: chai with @vitest/expect's Jest-compatible matchers, asymmetric
// matchers and chai-style spy assertions, as Vitest sets it up. Each test
// gets its own expect (assertion counts, expect.assertions/hasAssertions,
// soft assertions bound to that test); the exported `expect` delegates to the
// running test's one through AsyncLocalStorage, so it is right under
// .concurrent too.
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
import { currentTest } from './currentTest.js';
import { createExpectPoll } from './expectPoll.js';
import { SnapshotPlugin } from './snapshotPlugin.js';

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

/** A fresh matcher state as Vitest's createExpect sets it. */
function initialState(record) {
  return {
    assertionCalls: 0,
    isExpectingAssertions: false,
    isExpectingAssertionsError: null,
    expectedAssertionsNumber: null,
    expectedAssertionsNumberErrorGen: null,
    environment: 'switchyard',
    get testPath() {
      return testPath;
    },
    currentTestName: record ? record.fullTestName : undefined,
  };
}

/**
 * An expect bound to one test record (or to whichever test is running when
 * `record` is null): counts assertions in its own state and attaches the test
 * to assertions for expect.soft and unawaited .resolves/.rejects detection.
 */
export function createExpect(record) {
  const expect = (value, message) => {
    const state = getState(expect);
    setState({ assertionCalls: state.assertionCalls + 1 }, expect);
    const assertion = chai.expect(value, message);
    const test = record || currentTest();
    return test ? assertion.withTest(test) : assertion;
  };
  Object.assign(expect, chai.expect);
  Object.assign(expect, globalThis[ASYMMETRIC_MATCHERS_OBJECT]);
  expect.getState = () => getState(expect);
  expect.setState = (state) => setState(state, expect);
  setState(initialState(record), expect);
  expect.extend = (matchers) => chai.expect.extend(expect, matchers);
  expect.addEqualityTesters = (testers) => addCustomEqualityTesters(testers);
  expect.soft = (...args) => expect(...args).withContext({ soft: true });
  expect.poll = createExpectPoll(expect);
  expect.unreachable = (message) => {
    chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  };
  expect.assertions = function assertions(expected) {
    const errorGen = () =>
      new Error(`expected number of assertions to be ${expected}, but got ${getState(expect).assertionCalls}`);
    setState({ expectedAssertionsNumber: expected, expectedAssertionsNumberErrorGen: errorGen }, expect);
  };
  expect.hasAssertions = function hasAssertions() {
    const error = new Error('expected any number of assertion, but got none');
    if (Error.captureStackTrace) Error.captureStackTrace(error, hasAssertions);
    setState({ isExpectingAssertions: true, isExpectingAssertionsError: error }, expect);
  };
  return expect;
}

/** Throws when the test's expect.assertions(n) / expect.hasAssertions() was not met. */
export function checkAssertionCounts(expect) {
  const state = getState(expect);
  if (state.expectedAssertionsNumber !== null && state.assertionCalls !== state.expectedAssertionsNumber) {
    throw state.expectedAssertionsNumberErrorGen();
  }
  if (state.isExpectingAssertions === true && state.assertionCalls === 0) {
    throw state.isExpectingAssertionsError;
  }
}

/** The running test's expect, or the one for code outside tests. */
function activeExpect() {
  const record = currentTest();
  return record ? record.expect : outsideExpect;
}

/** The `expect` that `vitest` exports: the running test's expect. */
export const globalExpect = (value, message) => activeExpect()(value, message);
Object.assign(globalExpect, chai.expect);
Object.assign(globalExpect, globalThis[ASYMMETRIC_MATCHERS_OBJECT]);
setState(initialState(null), globalExpect);
globalExpect.getState = () => activeExpect().getState();
globalExpect.setState = (state) => activeExpect().setState(state);
globalExpect.extend = (matchers) => chai.expect.extend(globalExpect, matchers);
globalExpect.addEqualityTesters = (testers) => addCustomEqualityTesters(testers);
globalExpect.soft = (...args) => activeExpect().soft(...args);
globalExpect.poll = (fn, options) => activeExpect().poll(fn, options);
globalExpect.unreachable = (message) => activeExpect().unreachable(message);
globalExpect.assertions = (expected) => activeExpect().assertions(expected);
globalExpect.hasAssertions = () => activeExpect().hasAssertions();
globalExpect.extend(customMatchers);

// Outside tests (beforeAll, afterAll, module top level) expect has no test.
const outsideExpect = createExpect(null);

Object.defineProperty(globalThis, GLOBAL_EXPECT, {
  value: globalExpect,
  writable: true,
  configurable: true,
});

export { chai };
export const { assert, should } = chai;
