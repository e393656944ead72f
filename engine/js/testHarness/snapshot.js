// Snapshots as Vitest 4.1 has them: @vitest/snapshot's SnapshotClient and
// SnapshotState over the engine's snapshot host (snapshotEnvironment.js), the
// matchers (snapshotPlugin.js) and the seam the run loop calls:
//   startSnapshotFile(filepath, options, emit)  before the file's tests run
//   startSnapshotAttempt(test)                  before each attempt of a test (retries start over)
//   finishSnapshotFile(skippedTestNames, emit)  after the file's tests: saves the
//       snapshots and emits `snapshot-summary` (Vitest's SnapshotResult) and,
//       when obsolete snapshots were found while updateSnapshot is "none" (CI)
//       or a file could not be read or written, a `file-error` of phase
//       "snapshot" (Vitest fails the file then). Both return false when they
//       emitted an error.
import { SnapshotClient } from '@vitest/snapshot';
import { equals, iterableEquality, subsetEquality } from '@vitest/expect';
import { HostSnapshotEnvironment, snapshotHost } from './snapshotEnvironment.js';
import { serializeError } from './errors.js';

let client = null;
let activeFile = null;
let environment = null;

/** The realm's SnapshotClient (Vitest's getSnapshotClient: properties compared with subset equality). */
export function getSnapshotClient() {
  if (!client) {
    client = new SnapshotClient({
      isEqual: (received, expected) => equals(received, expected, [iterableEquality, subsetEquality]),
    });
  }
  return client;
}

/** The test file whose snapshot state is open, or null. */
export function activeSnapshotFile() {
  return activeFile;
}

/** The open file's SnapshotState, or undefined (expect.getState().snapshotState). */
export function activeSnapshotState() {
  if (!activeFile) return undefined;
  try {
    return getSnapshotClient().getSnapshotState(activeFile);
  } catch {
    return undefined;
  }
}

/**
 * Opens the file's snapshot state (reads its .snap file). `options`:
 * { updateSnapshot: "new" | "all" | "none", expand?, snapshotFormat? }.
 * Without the engine's host (a realm outside test isolates) snapshots stay
 * off and the matchers say so. A refused .snap file is a file error.
 */
export async function startSnapshotFile(filepath, options, emit) {
  activeFile = null;
  if (!filepath || !snapshotHost()) return true;
  const opts = options || {};
  environment = environment || new HostSnapshotEnvironment();
  try {
    await getSnapshotClient().setup(filepath, {
      updateSnapshot: opts.updateSnapshot || 'new',
      expand: opts.expand || false,
      snapshotFormat: opts.snapshotFormat || {},
      snapshotEnvironment: environment,
    });
  } catch (e) {
    emit({ type: 'file-error', phase: 'snapshot', error: serializeError(e) });
    return false;
  }
  activeFile = filepath;
  return true;
}

/** Before each attempt of a test: its snapshots of an earlier attempt are forgotten (Vitest's onBeforeTryTask). */
export function startSnapshotAttempt(test) {
  if (!activeFile) return;
  getSnapshotClient().clearTest(activeFile, test.id);
  // expect.getState().snapshotState, as Vitest sets it (jest-image-snapshot
  // reads it); a test's expect made later gets it from createExpect.
  if (test.context && test.context._local) test.context.expect.setState({ snapshotState: activeSnapshotState() });
}

/**
 * After the file's tests: snapshots of skipped tests (their full names) are
 * not obsolete, then the state is saved and packed (Vitest's onAfterRunSuite
 * of the file). Emits snapshot-summary; returns false when it emitted an error.
 */
export async function finishSnapshotFile(skippedTestNames, emit) {
  const file = activeFile;
  if (!file) return true;
  const c = getSnapshotClient();
  let result;
  let updateState;
  try {
    updateState = c.getSnapshotState(file).snapshotUpdateState;
    for (const name of skippedTestNames || []) c.skipTest(file, name);
    result = await c.finish(file);
  } catch (e) {
    emit({ type: 'file-error', phase: 'snapshot', error: serializeError(e) });
    return false;
  } finally {
    activeFile = null;
  }
  emit({ type: 'snapshot-summary', ...result });
  if (updateState === 'none' && result.unchecked) {
    let message = 'Obsolete snapshots found when no snapshot update is expected.\n';
    for (const key of result.uncheckedKeys) message += `· ${key}\n`;
    emit({ type: 'file-error', phase: 'snapshot', error: serializeError(new Error(message)) });
    return false;
  }
  return true;
}
