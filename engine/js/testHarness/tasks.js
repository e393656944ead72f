// The collection tree: a file is a root Suite whose children are Suites
// (describe) and Tests (it/test), in definition order, as Vitest's task tree.

/**
 * A describe() block. `factory` is the callback that registers its children;
 * it runs at collection time (after the test file's module was evaluated),
 * as in Vitest. `options` are inherited by children (timeout, retry, fails
 * are per test; concurrent/sequential are resolved at registration).
 */
export class Suite {
  constructor({ name, parent, mode, factory, options, concurrent, location }) {
    this.kind = 'suite';
    this.name = name;
    this.parent = parent || null;
    /** Declared mode: 'run' | 'skip' | 'only' | 'todo'; interpretModes() sets `mode`. */
    this.declaredMode = mode;
    this.mode = mode;
    this.factory = factory || null;
    this.options = options || {};
    this.concurrent = !!concurrent;
    this.location = location || null;
    this.children = [];
    this.hooks = { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
    this.id = null;
    this.fullName = '';
  }
}

/** An it()/test() case. `fn` is undefined for todo tests. */
export class Test {
  constructor({ name, parent, mode, fn, timeout, concurrent, fails, retry, location }) {
    this.kind = 'test';
    this.name = name;
    this.parent = parent;
    this.declaredMode = mode;
    this.mode = mode;
    this.fn = fn;
    this.timeout = timeout;
    this.concurrent = !!concurrent;
    this.fails = !!fails;
    this.retry = retry || 0;
    this.location = location || null;
    this.id = null;
    this.fullName = '';
  }
}

/** Creates the root suite of a test file (no name, no id). */
export function createRootSuite() {
  return new Suite({ name: '', parent: null, mode: 'run' });
}

/** Separator of names in ids and full names: "outer > inner > test". */
export const NAME_SEPARATOR = ' > ';

/**
 * Gives every node below `root` its id and fullName, parents first.
 * fullName joins the names from the outermost suite with " > ". The id is the
 * parent's id, " > ", then the name; the 2nd, 3rd... sibling with the same
 * name (suite or test alike) gets "#2", "#3"... appended to its name part,
 * and the number goes up further should that id exist already in the file
 * (a sibling literally named "x#2", or names containing " > "), so ids are
 * unique. Ids therefore only change when names or the order of equal names
 * change.
 */
export function assignIds(root) {
  const used = new Set();
  const visit = (suite) => {
    const seen = new Map();
    for (const child of suite.children) {
      let n = (seen.get(child.name) || 0) + 1;
      const idFor = (k) => {
        const own = k === 1 ? child.name : `${child.name}#${k}`;
        return suite.id === null ? own : `${suite.id}${NAME_SEPARATOR}${own}`;
      };
      while (used.has(idFor(n))) n++;
      seen.set(child.name, n);
      child.id = idFor(n);
      used.add(child.id);
      child.fullName = suite.fullName ? `${suite.fullName}${NAME_SEPARATOR}${child.name}` : child.name;
      if (child.kind === 'suite') visit(child);
    }
  };
  root.id = null;
  root.fullName = '';
  visit(root);
}

/** Calls `fn(node)` for every suite and test below `suite`, parents first. */
export function forEachTask(suite, fn) {
  for (const child of suite.children) {
    fn(child);
    if (child.kind === 'suite') forEachTask(child, fn);
  }
}

/** True when `suite` or any suite below it holds at least one test. */
export function hasTests(suite) {
  for (const child of suite.children) {
    if (child.kind === 'test' || hasTests(child)) return true;
  }
  return false;
}

/** The names from the outermost suite down to `task`, for testNamePattern. */
export function nameChain(task) {
  const names = [];
  for (let t = task; t && t.parent; t = t.parent) names.unshift(t.name);
  return names;
}
