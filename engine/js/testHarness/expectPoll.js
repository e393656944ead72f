// expect.poll(fn, { interval = 50, timeout = 1000, message }): retries fn and
// the matcher until the matcher passes; the last failure is thrown after the
// timeout. Must be awaited (checked when the test finishes, as in Vitest).
import * as chai from 'chai';
import { realDelay, realNow } from './realTimers.js';
import { advanceTimersByTime, isFakeTimers } from './fakeTimers.js';

// Matchers that cannot be polled: they pass as soon as fn stops throwing.
const UNSUPPORTED = [
  'matchSnapshot',
  'toMatchSnapshot',
  'toMatchInlineSnapshot',
  'toThrowErrorMatchingSnapshot',
  'toThrowErrorMatchingInlineSnapshot',
  'throws',
  'Throw',
  'throw',
  'toThrow',
  'toThrowError',
];

/** Gives `target` the stack of `source` (pointing at the awaited poll call). */
function copyStack(target, source) {
  if (source.stack !== undefined) target.stack = source.stack.replace(source.message, target.message);
  return target;
}

/** Builds expect.poll for one expect function. */
export function createExpectPoll(expect) {
  return function poll(fn, options = {}) {
    const { interval = 50, timeout = 1000, message } = options;
    const assertion = expect(null, message).withContext({ poll: true });
    fn = fn.bind(assertion);
    const test = chai.util.flag(assertion, 'vitest-test');
    if (!test) throw new Error('expect.poll() must be called inside a test');
    const proxy = new Proxy(assertion, {
      get(target, key, receiver) {
        const matcher = Reflect.get(target, key, receiver);
        if (typeof matcher !== 'function') return matcher instanceof chai.Assertion ? proxy : matcher;
        if (key === 'assert') return matcher;
        if (typeof key === 'string' && UNSUPPORTED.includes(key)) {
          throw new SyntaxError(
            `expect.poll() is not supported in combination with .${key}(). Use vi.waitFor() if your assertion condition is unstable.`,
          );
        }
        return function (...args) {
          const stackSource = new Error('STACK_TRACE_ERROR');
          const attempt = async () => {
            chai.util.flag(assertion, '_name', key);
            const deadline = realNow() + timeout;
            for (;;) {
              const last = realNow() >= deadline;
              try {
                chai.util.flag(assertion, 'object', await fn());
                return await matcher.call(assertion, ...args);
              } catch (err) {
                if (last) {
                  if (err && typeof err === 'object' && err.cause == null) {
                    err.cause = new Error('Matcher did not succeed in time.');
                  }
                  throw err && typeof err === 'object' ? copyStack(err, stackSource) : err;
                }
                await realDelay(interval);
                if (isFakeTimers()) advanceTimersByTime(interval);
              }
            }
          };
          let awaited = false;
          let promise;
          (test.onFinished ??= []).push(() => {
            if (!awaited) {
              const negated = chai.util.flag(assertion, 'negate') ? 'not.' : '';
              const name = `expect.poll(assertion).${negated}${String(key)}()`;
              throw copyStack(
                new Error(`${name} was not awaited. This assertion is asynchronous and must be awaited; otherwise, it is not executed to avoid unhandled rejections:\n\nawait ${name}\n`),
                stackSource,
              );
            }
          });
          return {
            then(onFulfilled, onRejected) {
              awaited = true;
              return (promise ||= attempt()).then(onFulfilled, onRejected);
            },
            catch(onRejected) {
              awaited = true;
              return (promise ||= attempt()).catch(onRejected);
            },
            finally(onFinally) {
              awaited = true;
              return (promise ||= attempt()).finally(onFinally);
            },
            [Symbol.toStringTag]: 'Promise',
          };
        };
      },
    });
    return proxy;
  };
}
