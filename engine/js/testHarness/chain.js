// The chainable describe/test API: test.skip.concurrent(...), test.each(...)
// (...), test.for(...)(...), test.skipIf(c)(...), test.runIf(c)(...). Each
// modifier returns the same kind of function with one more flag set.
import { expandTable, tableRows } from './each.js';
import { formatName, normalizeArgs } from './collector.js';

/**
 * Builds a chainable function over `register(flags, name, a, b)`.
 * `modifiers` are the flag names exposed as properties; `kind` is 'test' or
 * 'suite' (test.for passes the test context, describe.for does not).
 */
export function createChainable(kind, modifiers, register) {
  const cache = new Map();
  const build = (flags) => {
    const key = modifiers.filter((m) => flags[m]).join('.');
    const cached = cache.get(key);
    if (cached) return cached;
    const api = function (name, a, b) {
      return register(flags, name, a, b);
    };
    for (const modifier of modifiers) {
      Object.defineProperty(api, modifier, {
        get: () => build({ ...flags, [modifier]: true }),
        enumerable: true,
      });
    }
    /** .each(table)(name, fn, options): one test/suite per row, rows spread when all are arrays. */
    api.each = (table, ...templateValues) => {
      const rows = tableRows(table, templateValues);
      return (name, a, b) => {
        const { fn, options } = normalizeArgs(a, b);
        for (const { title, args } of expandTable(rows, formatName(name), true)) {
          register(flags, title, typeof fn === 'function' ? () => fn(...args) : undefined, options);
        }
      };
    };
    /** .for(table)(name, fn): rows are passed whole (not spread); tests get the test context second. */
    api.for = (table, ...templateValues) => {
      const rows = tableRows(table, templateValues);
      return (name, a, b) => {
        const { fn, options } = normalizeArgs(a, b);
        for (const { title, args } of expandTable(rows, formatName(name), false)) {
          const body = kind === 'test' ? (context) => fn(args[0], context) : () => fn(args[0]);
          register(flags, title, typeof fn === 'function' ? body : undefined, options);
        }
      };
    };
    /** .skipIf(condition): skipped when the condition is truthy. */
    api.skipIf = (condition) => (condition ? build({ ...flags, skip: true }) : api);
    /** .runIf(condition): skipped when the condition is falsy. */
    api.runIf = (condition) => (condition ? api : build({ ...flags, skip: true }));
    cache.set(key, api);
    return api;
  };
  return build({});
}
