// Errors as events carry them: plain JSON objects { name, message, stack,
// expected?, actual?, diff?, cause? }. Assertion errors get Vitest's diff
// (from @vitest/utils, without colours) and pretty-printed expected/actual.
import { processError } from '@vitest/utils/error';
import { cleanStack } from './location.js';

/**
 * Runs Vitest's processError (diff, expected/actual formatting, serialization)
 * on any thrown value. The result is a plain object; processed errors may be
 * processed again (soft assertions arrive that way).
 */
export function processThrown(value) {
  try {
    return processError(value);
  } catch (e) {
    return { name: 'Error', message: `Failed to serialize error: ${e && e.message}` };
  }
}

function asString(value) {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

/**
 * Shapes a processed error (from processThrown) for events: name, message,
 * stack without the harness's own frames, and expected/actual/diff when the
 * assertion had them; cause recursively (one level of nesting per cause).
 */
export function eventError(processed, depth = 0) {
  if (processed === null || typeof processed !== 'object') {
    return { name: 'Error', message: String(processed), stack: '' };
  }
  const out = {
    name: asString(processed.name) || 'Error',
    message: asString(processed.message) ?? '',
    stack: cleanStack(asString(processed.stack) || ''),
  };
  // Vitest's timeout errors take the stack of the hook's or test's declaration
  // (its STACK_TRACE_ERROR); its reporters print name and message above it.
  if (out.stack.startsWith('Error: STACK_TRACE_ERROR')) {
    out.stack = `${out.name}: ${out.message}${out.stack.slice('Error: STACK_TRACE_ERROR'.length)}`;
  }
  if (typeof processed.diff === 'string' && processed.diff) out.diff = processed.diff;
  const expected = asString(processed.expected);
  const actual = asString(processed.actual);
  if (expected !== undefined && actual !== undefined) {
    out.expected = expected;
    out.actual = actual;
  }
  if (processed.cause !== undefined && processed.cause !== null && depth < 5) {
    out.cause = eventError(processed.cause, depth + 1);
  }
  return out;
}

/** processThrown + eventError: any thrown value to its event shape. */
export function serializeError(value) {
  return eventError(processThrown(value));
}
