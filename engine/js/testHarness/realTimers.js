// The real clock and timers, captured when the harness module is evaluated:
// before any test can install fake timers (vi.useFakeTimers) or stub globals.
// The run loop's timeouts, durations and expect.poll/vi.waitFor use these, as
// Vitest's getSafeTimers() does.

const g = globalThis;

/** setTimeout as it was before any test ran. */
export const realSetTimeout = g.setTimeout.bind(g);
/** clearTimeout as it was before any test ran. */
export const realClearTimeout = g.clearTimeout.bind(g);
/** setInterval as it was before any test ran. */
export const realSetInterval = g.setInterval.bind(g);
/** clearInterval as it was before any test ran. */
export const realClearInterval = g.clearInterval.bind(g);
/** The real Date constructor (fake timers replace globalThis.Date). */
export const RealDate = g.Date;

const perf = g.performance;
const perfNow = perf && typeof perf.now === 'function' ? perf.now.bind(perf) : null;
const dateNow = RealDate.now;

/** Monotonic milliseconds (performance.now), immune to fake timers. */
export function realNow() {
  return perfNow ? perfNow() : dateNow();
}

/** Wall-clock milliseconds since the epoch from the real Date. */
export function realDateNow() {
  return dateNow();
}

/** Resolves after `ms` real milliseconds. */
export function realDelay(ms) {
  return new Promise((resolve) => realSetTimeout(resolve, ms));
}
