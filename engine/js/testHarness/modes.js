// Which tests run: .only, .skip, .todo, the test name pattern and the test id
// filter, resolved over the whole tree the way Vitest's interpretTaskModes does.
import { nameChain } from './tasks.js';

/** True when `suite` holds a .only test or suite at any depth. */
function someTasksAreOnly(suite) {
  return suite.children.some((t) => t.mode === 'only' || (t.kind === 'suite' && someTasksAreOnly(t)));
}

/** Sets every runnable descendant of `suite` to `mode` (skip or todo). */
function setAll(suite, mode) {
  for (const t of suite.children) {
    if (t.mode === 'run' || t.mode === 'only') t.mode = mode;
    if (t.kind === 'suite') setAll(t, mode);
  }
}

/**
 * Sets every node's effective `mode` ('run' | 'skip' | 'todo'; declaredMode
 * keeps 'only'). When anything in the file is .only, only those items (and
 * everything inside a .only suite) run. A test whose space-joined suite and
 * test names do not match `namePattern` (RegExp), or whose id is not in
 * `onlyIds` (Set), is skipped. A suite none of whose children runs is skipped.
 */
export function interpretModes(root, { namePattern = null, onlyIds = null } = {}) {
  const onlyMode = someTasksAreOnly(root);
  const traverse = (suite, parentIsOnly) => {
    const suiteIsOnly = parentIsOnly || suite.mode === 'only';
    for (const t of suite.children) {
      const included = suiteIsOnly || t.mode === 'only';
      if (onlyMode) {
        if (t.kind === 'suite' && (included || someTasksAreOnly(t))) {
          if (t.mode === 'only') t.mode = 'run';
        } else if (t.mode === 'run' && !included) {
          t.mode = 'skip';
        } else if (t.mode === 'only') {
          t.mode = 'run';
        }
      } else if (t.mode === 'only') {
        t.mode = 'run';
      }
      if (t.kind === 'test') {
        if (t.mode === 'run' && namePattern && !namePattern.test(nameChain(t).join(' '))) t.mode = 'skip';
        if (t.mode === 'run' && onlyIds && !onlyIds.has(t.id)) t.mode = 'skip';
      } else if (t.mode === 'skip') {
        setAll(t, 'skip');
      } else if (t.mode === 'todo') {
        setAll(t, 'todo');
      } else {
        traverse(t, included);
      }
    }
    if (suite.mode === 'run' && suite.children.length && suite.children.every((t) => t.mode !== 'run')) {
      suite.mode = 'skip';
    }
  };
  traverse(root, false);
}

/**
 * The mode a `collected` event reports: the effective mode, except that an
 * item declared with .only that runs reports 'only'.
 */
export function reportedMode(task) {
  return task.mode === 'run' && task.declaredMode === 'only' ? 'only' : task.mode;
}
