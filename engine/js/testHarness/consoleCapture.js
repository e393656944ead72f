// Console capture during a run: console.log/info/warn/error/debug (and trace,
// dir, assert) become `console` events attributed to the test whose async
// context made the call (runningTestId, from AsyncLocalStorage), null outside tests.
import { format, inspect } from '@vitest/utils/display';

const LEVELS = ['log', 'info', 'warn', 'error', 'debug'];

/** Errors, also from other realms: anything with a string stack and message. */
function isErrorLike(value) {
  return value instanceof Error || (value && typeof value === 'object' && typeof value.stack === 'string' && typeof value.message === 'string');
}

/** One console argument as text: strings as they are, errors as their stack, others inspected. */
function formatValue(value) {
  if (typeof value === 'string') return value;
  if (isErrorLike(value)) return value.stack.includes(value.message) ? value.stack : `${value.message}\n${value.stack}`;
  return inspect(value, {});
}

/**
 * Console arguments to text, close to Node's util.format: a first string
 * argument with % placeholders is formatted printf-style; otherwise strings
 * print as they are, errors as their stack and other values inspected.
 */
export function formatConsoleArgs(args) {
  if (args.length === 0) return '';
  if (typeof args[0] === 'string' && args[0].includes('%')) return format(...args);
  return args.map(formatValue).join(' ');
}

/**
 * Replaces the console's methods so that each call emits
 * { type: 'console', testId: runningTestId(), level, text } through `emit`.
 * Returns a function
 * that puts the original methods back.
 */
export function captureConsole(target, emit, runningTestId) {
  const saved = new Map();
  const replace = (name, impl) => {
    saved.set(name, Object.getOwnPropertyDescriptor(target, name));
    Object.defineProperty(target, name, { value: impl, writable: true, configurable: true, enumerable: true });
  };
  const send = (level, text) => {
    emit({ type: 'console', testId: runningTestId(), level, text });
  };
  for (const level of LEVELS) {
    replace(level, (...args) => send(level, formatConsoleArgs(args)));
  }
  replace('trace', (...args) => {
    const stack = (new Error().stack || '').split('\n').slice(2).join('\n');
    send('error', `Trace${args.length ? `: ${formatConsoleArgs(args)}` : ''}\n${stack}`);
  });
  replace('dir', (value) => send('log', inspect(value, {})));
  replace('assert', (condition, ...args) => {
    if (!condition) send('error', `Assertion failed${args.length ? `: ${formatConsoleArgs(args)}` : ''}`);
  });
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(target, name, descriptor);
      else delete target[name];
    }
  };
}
