// Collection: the test file's module registers suites, tests and hooks at
// its top level; describe() callbacks run afterwards, when collectFile()
// walks the tree (as Vitest collects). One collector per realm; run() takes
// what was registered and starts a fresh tree for the next run.
import { Suite, Test, createRootSuite } from './tasks.js';
import { callerLocation } from './location.js';
import { currentTest } from './currentTest.js';

const state = {
  root: createRootSuite(),
  current: null,
};
state.current = state.root;

/** The root suite that registrations currently go to. */
export function collectionRoot() {
  return state.root;
}

/** Starts an empty tree; returns the previous root. */
export function takeCollection() {
  const root = state.root;
  state.root = createRootSuite();
  state.current = state.root;
  return root;
}

/** The suite that describe()/it()/hooks called now register into. */
export function currentSuite() {
  return state.current;
}

/** A test or suite name as Vitest shows it: functions and classes by their name. */
export function formatName(name) {
  if (typeof name === 'string') return name;
  if (typeof name === 'function') return name.name || '<anonymous>';
  return String(name);
}

/**
 * Splits (fnOrOptions, optionsOrFn) into { fn, options }: Vitest accepts
 * (name, fn, timeout), (name, fn, { timeout, ... }) and (name, { ... }, fn).
 */
export function normalizeArgs(a, b) {
  if (a !== null && typeof a === 'object' && typeof b === 'function') return { fn: b, options: { ...a } };
  if (typeof b === 'number') return { fn: a, options: { timeout: b } };
  return { fn: a, options: b && typeof b === 'object' ? { ...b } : {} };
}

/** Throws when tests or suites are declared from inside a running test, as Vitest does. */
function assertCollecting(what) {
  if (currentTest()) {
    throw new Error(
      `Calling the ${what} function inside another test function is not allowed. Please put it inside "describe" or "suite" so it can be properly collected.`,
    );
  }
}

/** The declared mode from chain flags and options: only > skip > todo (or no body) > run. */
function modeOf(flags, options, hasFn) {
  if (flags.only || options.only) return 'only';
  if (flags.skip || options.skip) return 'skip';
  if (flags.todo || options.todo || !hasFn) return 'todo';
  return 'run';
}

/**
 * Registers a test in the current suite. `flags` come from the chain
 * (.skip/.only/.todo/.concurrent/.sequential/.fails); options may carry
 * timeout, retry, fails, concurrent, sequential, skip, only, todo. Suite
 * options (timeout, retry) are inherited; concurrency too, unless sequential.
 */
export function registerTest(flags, name, fnOrOptions, optionsOrFn) {
  assertCollecting('test');
  const parent = state.current;
  const { fn, options: own } = normalizeArgs(fnOrOptions, optionsOrFn);
  const options = { ...parent.options, ...own };
  const sequential = flags.sequential || own.sequential;
  const concurrent = !sequential && !!(flags.concurrent || own.concurrent || parent.concurrent);
  const test = new Test({
    name: formatName(name),
    parent,
    mode: modeOf(flags, own, typeof fn === 'function'),
    fn: typeof fn === 'function' ? fn : undefined,
    timeout: typeof options.timeout === 'number' ? options.timeout : undefined,
    concurrent,
    fails: flags.fails || options.fails,
    retry: options.retry,
    location: callerLocation(),
  });
  parent.children.push(test);
  return test;
}

/**
 * Registers a suite in the current suite. Its factory runs at collection,
 * registering children into it. `todo` without a factory, like Vitest.
 */
export function registerSuite(flags, name, factoryOrOptions, optionsOrFactory) {
  assertCollecting('describe');
  const parent = state.current;
  const { fn: factory, options: own } = normalizeArgs(factoryOrOptions, optionsOrFactory);
  const { only, skip, todo, concurrent: ownConcurrent, sequential: ownSequential, ...inherited } = own;
  const sequential = flags.sequential || ownSequential;
  const concurrent = !sequential && !!(flags.concurrent || ownConcurrent || parent.concurrent);
  const suite = new Suite({
    name: formatName(name),
    parent,
    mode: modeOf(flags, { only, skip, todo }, typeof factory === 'function'),
    factory: typeof factory === 'function' ? factory : null,
    options: { ...parent.options, ...inherited },
    concurrent,
    location: callerLocation(),
  });
  parent.children.push(suite);
  return suite;
}

/** Adds a hook listener ({ fn, timeout }) to the current suite. */
export function registerHook(kind, fn, timeout) {
  if (typeof fn !== 'function') throw new TypeError(`${kind}() expects a function, got ${typeof fn}`);
  if (currentTest()) throw new Error(`Hook ${kind}() cannot be called inside a test`);
  state.current.hooks[kind].push({ fn, timeout: typeof timeout === 'number' ? timeout : undefined });
}

/**
 * Runs every describe() factory below `root`, depth first in definition order
 * (a suite's factory completes before its child suites are collected); async
 * factories are awaited. Throws what a factory throws.
 */
export async function collectSuite(suite, testApi) {
  if (suite.factory) {
    const saved = state.current;
    state.current = suite;
    try {
      await suite.factory(testApi);
    } finally {
      state.current = saved;
    }
  }
  for (const child of suite.children.slice()) {
    if (child.kind === 'suite') await collectSuite(child, testApi);
  }
}
