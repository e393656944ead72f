// vi.waitFor / vi.waitUntil: retry a callback on real timers until it passes
// (waitFor: does not throw; waitUntil: returns a truthy value) or time runs out.
// With fake timers on, each retry also advances fake time by the interval.
import { realClearInterval, realClearTimeout, realSetInterval, realSetTimeout } from './realTimers.js';
import { advanceTimersByTime, isFakeTimers } from './fakeTimers.js';

/** Normalizes waitFor/waitUntil options: a number is the timeout. */
function options(value) {
  const { interval = 50, timeout = 1000 } = typeof value === 'number' ? { timeout: value } : value || {};
  return { interval, timeout };
}

/** Gives `target` the stack of `source` (pointing at the caller of waitFor). */
function copyStack(target, source) {
  if (source.stack !== undefined) target.stack = source.stack.replace(source.message, target.message);
  return target;
}

/** Calls `callback` now and every interval until `accept` takes its result, it times out, or (failFast) it throws. */
function poll(callback, opts, accept, timeoutMessage, failFast) {
  const { interval, timeout } = options(opts);
  const stackSource = new Error('STACK_TRACE_ERROR');
  return new Promise((resolve, reject) => {
    let lastError;
    let pending = false;
    let finished = false;
    let intervalId = null;
    let timeoutId = null;
    const finish = (ok, value) => {
      if (finished) return;
      finished = true;
      if (intervalId !== null) realClearInterval(intervalId);
      if (timeoutId !== null) realClearTimeout(timeoutId);
      if (ok) resolve(value);
      else reject(value);
    };
    const onValue = (value) => {
      if (accept(value)) finish(true, value);
    };
    const onError = (error) => {
      lastError = error;
      if (failFast) finish(false, error);
    };
    const check = () => {
      if (isFakeTimers()) advanceTimersByTime(interval);
      if (pending || finished) return;
      try {
        const result = callback();
        if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
          pending = true;
          result.then(
            (value) => {
              pending = false;
              onValue(value);
            },
            (error) => {
              pending = false;
              onError(error);
            },
          );
        } else {
          onValue(result);
        }
      } catch (error) {
        onError(error);
      }
    };
    check();
    if (finished) return;
    timeoutId = realSetTimeout(() => {
      finish(false, lastError !== undefined && !failFast ? lastError : copyStack(new Error(timeoutMessage), stackSource));
    }, timeout);
    intervalId = realSetInterval(check, interval);
  });
}

/** vi.waitFor(callback, timeout | { timeout = 1000, interval = 50 }): resolves with the first result that did not throw. */
export function waitFor(callback, opts = {}) {
  return poll(callback, opts, () => true, 'Timed out in waitFor!', false);
}

/** vi.waitUntil(callback, ...): resolves with the first truthy result; a throw rejects at once. */
export function waitUntil(callback, opts = {}) {
  return poll(callback, opts, (value) => !!value, 'Timed out in waitUntil!', true);
}
