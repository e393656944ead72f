// The `vi` helper object of Vitest: spies and mocks (@vitest/spy), fake timers
// (@sinonjs/fake-timers), waitFor/waitUntil, global stubs, and module mocking
// (vi.mock and its kin, viMock.js).
import * as spy from '@vitest/spy';
import * as timers from './fakeTimers.js';
import { waitFor, waitUntil } from './wait.js';
import { stubGlobal, unstubAllGlobals } from './stubs.js';
import { installModuleMocking } from './viMock.js';

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
  };
  // vi.mock, doMock, unmock, doUnmock, importActual, importMock, mockObject,
  // resetModules, hoisted (viMock.js).
  return installModuleMocking(vi);
}

/** vi (also exported as `vitest`). */
export const vi = createVi();

/**
 * What Vitest's runner does before every attempt of a test when the config
 * asks for it (clearMocks, mockReset, restoreMocks, unstubGlobals), in
 * Vitest's order.
 */
export function clearMocksBeforeTest(config) {
  if (config.restoreMocks) vi.restoreAllMocks();
  if (config.mockReset) vi.resetAllMocks();
  if (config.clearMocks) vi.clearAllMocks();
  if (config.unstubGlobals) vi.unstubAllGlobals();
}

/** Puts timers, globals and mocks back after a run so nothing leaks into the realm. */
export function resetViState() {
  timers.useRealTimers();
  unstubAllGlobals();
  spy.restoreAllMocks();
}
