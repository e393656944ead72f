// The SnapshotEnvironment of test isolates (@vitest/snapshot's interface, the
// role of Vitest's VitestNodeSnapshotEnvironment): isolates have no file
// system, so every file operation is a synchronous call to the engine's
// snapshot host (engine/testing/snapshotHost.h), which only reads and writes
// inside the app. The host is globalThis[Symbol.for("switchyard.snapshot")],
// (op, args, bytes?) -> [json, ArrayBuffer?]; it throws an Error naming the
// path when the path is refused.
import { DecodedMap, getOriginalPosition } from '@vitest/utils/source-map';

const HOST = Symbol.for('switchyard.snapshot');
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The engine's snapshot host, or null outside a test isolate. */
export function snapshotHost() {
  const host = globalThis[HOST];
  return typeof host === 'function' ? host : null;
}

function call(op, args, bytes) {
  const host = snapshotHost();
  if (!host) throw new Error('Snapshots need the engine\'s snapshot host: run the file with `switchyard test`');
  const [json, buffer] = host(op, args || {}, bytes);
  return { value: JSON.parse(json), buffer };
}

/** SnapshotEnvironment over the engine's host; `sourceMapOf` is for tests. */
export class HostSnapshotEnvironment {
  constructor() {
    this._maps = new Map();
  }

  getVersion() {
    return call('version').value;
  }

  getHeader() {
    return call('header').value;
  }

  async resolvePath(filepath) {
    return call('resolvePath', { testPath: filepath }).value;
  }

  async resolveRawPath(testPath, rawPath) {
    return call('resolveRawPath', { testPath, rawPath }).value;
  }

  async prepareDirectory(dirPath) {
    call('prepareDirectory', { path: dirPath });
  }

  async saveSnapshotFile(filepath, snapshot) {
    call('save', { path: filepath }, encoder.encode(snapshot));
  }

  async readSnapshotFile(filepath) {
    const { value, buffer } = call('read', { path: filepath });
    if (value === null) return null;
    return buffer ? decoder.decode(buffer) : '';
  }

  async removeSnapshotFile(filepath) {
    call('remove', { path: filepath });
  }

  /**
   * The inline snapshot's call site in the file as written: test modules run
   * transformed (sucrase, esbuild), so the stack's position is mapped back
   * through the module's source map (Vitest's stacks are source-mapped by
   * Vite's module runner before @vitest/snapshot reads them). Columns stay
   * 1-based as in V8 stacks.
   */
  processStackTrace(stack) {
    const map = this._sourceMap(stack.file);
    if (!map) return stack;
    const position = getOriginalPosition(map, { line: stack.line, column: stack.column - 1 });
    if (!position || position.line == null) return stack;
    return { ...stack, line: position.line, column: position.column + 1 };
  }

  _sourceMap(file) {
    if (!this._maps.has(file)) {
      let map = null;
      try {
        const json = call('sourceMap', { file }).value;
        if (json) map = new DecodedMap(JSON.parse(json), file);
      } catch {
        map = null;
      }
      this._maps.set(file, map);
    }
    return this._maps.get(file);
  }
}
