// vi.useFakeTimers and friends over @sinonjs/fake-timers (what Vitest uses).
// By default the timers and Date are faked, not queueMicrotask, nextTick or
// performance (Vitest's default toFake). The harness's own timeouts captured
// the real timers at load (realTimers.js), so fake time never stalls a run.
import { realDateNow } from './realTimers.js';

const DEFAULT_TO_FAKE = ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'Date'];

let timers = null; // withGlobal(globalThis), made on first use
let clock = null; // installed clock while faking
let fakingTime = false; // timers faked (not only Date)
let userConfig = {};

// @sinonjs/fake-timers is CommonJS: esbuild wraps it so that it is evaluated
// on this first require, not when the harness loads (it probes the timers of
// the global object at evaluation; most test files never fake time).
function fakeTimersFor() {
  // eslint-disable-next-line no-undef -- resolved by esbuild at bundle time
  if (!timers) timers = require('@sinonjs/fake-timers').withGlobal(globalThis);
  return timers;
}

/** The installed clock; throws Vitest's message when timers are not faked. */
function requireFake() {
  if (!fakingTime) throw new Error('Timers are not mocked. Try calling "vi.useFakeTimers()" first.');
  return clock;
}

/** Installs a clock faking `toFake` (those the global has) at `now`, with the user's config. */
function install(toFake, now) {
  const ft = fakeTimersFor();
  const available = toFake.filter((name) => name in ft.timers);
  clock = ft.install({ now, ...userConfig, toFake: userConfig.toFake || available, ignoreMissingTimers: true });
}

/** vi.useFakeTimers(config?): installs fake timers (keeps the mocked system time when only Date was mocked). */
export function useFakeTimers(config) {
  if (config) userConfig = { ...config };
  if (fakingTime) return;
  let now = realDateNow();
  if (clock) {
    now = clock.now;
    clock.uninstall();
    clock = null;
  }
  install(DEFAULT_TO_FAKE, userConfig.now ?? now);
  fakingTime = true;
}

/** vi.useRealTimers(): puts the real timers and Date back. */
export function useRealTimers() {
  if (clock) clock.uninstall();
  clock = null;
  fakingTime = false;
}

/** vi.isFakeTimers() */
export function isFakeTimers() {
  return fakingTime;
}

/** vi.setSystemTime(time): moves fake time, or mocks only Date when timers are real. */
export function setSystemTime(time) {
  const value = time === undefined ? realDateNow() : time instanceof Date ? time.getTime() : new Date(time).getTime();
  if (clock) {
    clock.setSystemTime(value);
    return;
  }
  install(['Date'], value);
}

/** vi.getMockedSystemTime(): the mocked Date, or null when Date is real. */
export function getMockedSystemTime() {
  return clock ? new Date(clock.now) : null;
}

/** vi.getRealSystemTime(): real milliseconds since the epoch. */
export function getRealSystemTime() {
  return realDateNow();
}

/** vi.advanceTimersByTime(ms) */
export function advanceTimersByTime(ms) {
  requireFake().tick(ms);
}

/** vi.advanceTimersByTimeAsync(ms): also lets promise callbacks run between timers. */
export async function advanceTimersByTimeAsync(ms) {
  await requireFake().tickAsync(ms);
}

/** vi.advanceTimersToNextTimer(steps = 1) */
export function advanceTimersToNextTimer(steps = 1) {
  const c = requireFake();
  for (let i = steps; i > 0; i--) {
    c.next();
    c.tick(0);
    if (c.countTimers() === 0) break;
  }
}

/** vi.advanceTimersToNextTimerAsync(steps = 1) */
export async function advanceTimersToNextTimerAsync(steps = 1) {
  const c = requireFake();
  for (let i = steps; i > 0; i--) {
    await c.nextAsync();
    c.tick(0);
    if (c.countTimers() === 0) break;
  }
}

/** vi.runAllTimers(): runs timers until none is left (loops are capped by fake-timers' loopLimit). */
export function runAllTimers() {
  requireFake().runAll();
}

/** vi.runAllTimersAsync() */
export async function runAllTimersAsync() {
  await requireFake().runAllAsync();
}

/** vi.runOnlyPendingTimers(): runs the timers pending now, not the ones they schedule. */
export function runOnlyPendingTimers() {
  requireFake().runToLast();
}

/** vi.runOnlyPendingTimersAsync() */
export async function runOnlyPendingTimersAsync() {
  await requireFake().runToLastAsync();
}

/** vi.runAllTicks(): runs faked microtasks (nextTick/queueMicrotask when faked). */
export function runAllTicks() {
  requireFake().runMicrotasks();
}

/** vi.clearAllTimers(): drops every scheduled fake timer. */
export function clearAllTimers() {
  if (fakingTime) clock.reset();
}

/** vi.getTimerCount(): fake timers still scheduled. */
export function getTimerCount() {
  return fakingTime ? clock.countTimers() : 0;
}
