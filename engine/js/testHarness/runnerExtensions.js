// The seam other parts of the harness hook into the runner with (snapshots:
// @vitest/snapshot's client; module mocking): an extension is an object with
// any of these optional methods, awaited in registration order:
//
//   onBeforeRunFile(file, runOptions)  before the file's beforeAll hooks (Vitest's
//                                      onBeforeRunSuite of the file task)
//   onBeforeTryTask(test, { retry, repeats })
//                                      before each attempt of a test, after the
//                                      runner reset its expect state (the test's
//                                      own expect is test.context.expect)
//   onAfterRunFile(file, runOptions)   after the file's afterAll hooks; may push
//                                      processed errors to file.result.errors
//                                      and set file.result.state = 'fail' (they
//                                      are reported as a hook-error "file")
//   onRunEnd(runOptions)               once per run, after everything (also
//                                      after import/collection failures)
//
// Tasks are Vitest's (@vitest/runner) Test/Suite/File objects.

const extensions = [];

/** Registers an extension for every later run in this realm; returns a function that removes it. */
export function extendRunner(extension) {
  extensions.push(extension);
  return () => {
    const i = extensions.indexOf(extension);
    if (i >= 0) extensions.splice(i, 1);
  };
}

/** Calls `name` on every extension that has it, one after the other. */
export async function callExtensions(name, ...args) {
  for (const extension of extensions.slice()) {
    if (typeof extension[name] === 'function') await extension[name](...args);
  }
}
