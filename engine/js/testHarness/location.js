// Call sites: where a test or suite was declared (for the dashboard's tree),
// and stack filtering (frames of this bundle are noise in user errors).

const FRAME_RE = /^\s*at (?:async )?(?:.*? \()?(.*?):(\d+):(\d+)\)?\s*$/;

/** Parses one V8 stack line into { file, line, column }, or null. */
export function parseFrame(line) {
  const m = FRAME_RE.exec(line);
  if (!m) return null;
  return { file: m[1], line: Number(m[2]), column: Number(m[3]) };
}

/** The file (module id or URL) this bundle was evaluated from, as stacks name it. */
export const harnessFile = (() => {
  const stack = new Error().stack || '';
  for (const line of stack.split('\n').slice(1)) {
    const frame = parseFrame(line);
    if (frame) return frame.file;
  }
  return null;
})();

/** True when a stack line is a frame of the harness itself. */
export function isHarnessFrame(line) {
  if (!harnessFile) return false;
  const frame = parseFrame(line);
  return !!frame && frame.file === harnessFile;
}

/**
 * The first caller outside the harness: { line, column } (1-based, as V8
 * reports them) of the it()/describe() call in the test file, or undefined.
 */
export function callerLocation() {
  const savedLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack || '';
  Error.stackTraceLimit = savedLimit;
  for (const line of stack.split('\n').slice(1)) {
    const frame = parseFrame(line);
    if (frame && frame.file !== harnessFile) return { line: frame.line, column: frame.column };
  }
  return undefined;
}

/** True for frames of Node's own internals (node:internal/...), noise in test errors as in Vitest. */
function isNodeInternalFrame(line) {
  return /^\s*at .*\(?node:internal\//.test(line);
}

/** Removes the harness's own frames and Node's internal ones from an error stack string. */
export function cleanStack(stack) {
  if (typeof stack !== 'string') return stack;
  return stack
    .split('\n')
    .filter((line) => !isHarnessFrame(line) && !isNodeInternalFrame(line))
    .join('\n');
}
