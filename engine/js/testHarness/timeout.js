// Calling a test or hook function under a timeout. A function that does not
// settle in time is abandoned (its promise keeps running; we stop waiting).
import { realClearTimeout, realNow, realSetTimeout } from './realTimers.js';
import { timeoutMessage } from './errors.js';

/**
 * Calls fn(...args) and resolves/rejects with its outcome, or rejects with
 * Vitest's "Test timed out in Nms." (isHook: "Hook timed out ...") after `ms`
 * real milliseconds. ms <= 0 or Infinity: no timeout. As in Vitest, a
 * synchronous function that ran past its timeout also fails. `onTimeout` is
 * called when the timer fires (to abort the test's signal).
 */
export function callWithTimeout(fn, args, ms, isHook, onTimeout) {
  const limited = typeof ms === 'number' && ms > 0 && ms !== Infinity;
  const start = realNow();
  let result;
  try {
    result = fn(...args);
  } catch (e) {
    return Promise.reject(e);
  }
  const overdue = () => limited && realNow() - start >= ms;
  if (!result || typeof result.then !== 'function') {
    return overdue() ? Promise.reject(new Error(timeoutMessage(ms, isHook))) : Promise.resolve(result);
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = limited
      ? realSetTimeout(() => {
          if (settled) return;
          settled = true;
          const error = new Error(timeoutMessage(ms, isHook));
          if (onTimeout) {
            try {
              onTimeout(error);
            } catch {
              // the timeout error is what matters
            }
          }
          reject(error);
        }, Math.max(0, ms - (realNow() - start)))
      : null;
    const done = (ok, value) => {
      if (settled) return;
      settled = true;
      if (timer !== null) realClearTimeout(timer);
      if (ok && overdue()) reject(new Error(timeoutMessage(ms, isHook)));
      else if (ok) resolve(value);
      else reject(value);
    };
    result.then(
      (v) => done(true, v),
      (e) => done(false, e),
    );
  });
}
