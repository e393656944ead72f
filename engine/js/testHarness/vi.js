// The `vi` helper object of Vitest: spies and mocks (@vitest/spy), fake timers
// (@sinonjs/fake-timers), waitFor/waitUntil, global stubs. Module mocking
// (vi.mock and its kin) needs module-runner support and is not available.
import * as spy from '@vitest/spy';
import * as timers from './fakeTimers.js';
import { waitFor, waitUntil } from './wait.js';
import { stubGlobal, unstubAllGlobals } from './stubs.js';

/** A vi method that throws: module mocking is not available. */
function unsupported(name) {
  return () => {
    throw new Error(`vi.${name}() is not supported by Switchyard's test runner: module mocking is not implemented`);
  };
}

/** Builds the `vi` object; every method that configures returns `vi` for chaining, as Vitest's do. */
function createVi() {
  const vi = {
    fn: spy.fn,
    spyOn: spy.spyOn,
    isMockFunction: spy.isMockFunction,
    mocked: (item) => item,
    clearAllMocks() {
      spy.clearAllMocks();
      return vi;
    },
    resetAllMocks() {
      spy.resetAllMocks();
      return vi;
    },
    restoreAllMocks() {
      spy.restoreAllMocks();
      return vi;
    },
    useFakeTimers(config) {
      timers.useFakeTimers(config);
      return vi;
    },
    useRealTimers() {
      timers.useRealTimers();
      return vi;
    },
    isFakeTimers: timers.isFakeTimers,
    setSystemTime(time) {
      timers.setSystemTime(time);
      return vi;
    },
    getMockedSystemTime: timers.getMockedSystemTime,
    getRealSystemTime: timers.getRealSystemTime,
    advanceTimersByTime(ms) {
      timers.advanceTimersByTime(ms);
      return vi;
    },
    async advanceTimersByTimeAsync(ms) {
      await timers.advanceTimersByTimeAsync(ms);
      return vi;
    },
    advanceTimersToNextTimer(steps) {
      timers.advanceTimersToNextTimer(steps);
      return vi;
    },
    async advanceTimersToNextTimerAsync(steps) {
      await timers.advanceTimersToNextTimerAsync(steps);
      return vi;
    },
    runAllTimers() {
      timers.runAllTimers();
      return vi;
    },
    async runAllTimersAsync() {
      await timers.runAllTimersAsync();
      return vi;
    },
    runOnlyPendingTimers() {
      timers.runOnlyPendingTimers();
      return vi;
    },
    async runOnlyPendingTimersAsync() {
      await timers.runOnlyPendingTimersAsync();
      return vi;
    },
    runAllTicks() {
      timers.runAllTicks();
      return vi;
    },
    clearAllTimers() {
      timers.clearAllTimers();
      return vi;
    },
    getTimerCount: timers.getTimerCount,
    waitFor,
    waitUntil,
    stubGlobal(name, value) {
      stubGlobal(name, value);
      return vi;
    },
    unstubAllGlobals() {
      unstubAllGlobals();
      return vi;
    },
    /** vi.hoisted(factory): runs the factory (there is no hoisting without module mocking). */
    hoisted: (factory) => factory(),
    mock: unsupported('mock'),
    doMock: unsupported('doMock'),
    unmock: unsupported('unmock'),
    doUnmock: unsupported('doUnmock'),
    importActual: unsupported('importActual'),
    importMock: unsupported('importMock'),
  };
  return vi;
}

/** vi (also exported as `vitest`). */
export const vi = createVi();

/** Puts timers, globals and mocks back after a run so nothing leaks into the realm. */
export function resetViState() {
  timers.useRealTimers();
  unstubAllGlobals();
  spy.restoreAllMocks();
}
