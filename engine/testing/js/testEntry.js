// The control entry of a test isolate (WorkerOptions::controlEntryId): the
// engine's TestRunner POSTs one request per test file,
//   { file, testTimeoutMs, hookTimeoutMs, testNamePattern, onlyTestIds, storageIsolation,
//     updateSnapshot, setupFiles, provided }
// setupFiles (Vitest's test.setupFiles, absolute) are imported before the test
// file, in its module graph, so their hooks apply to its tests; `provided` is
// what globalSetup provided (`inject` from "vitest").
// and reads the answer as NDJSON, one event per line, as the file is collected
// and run by the Vitest-compatible harness ("vitest" = virtual:switchyard:vitest).
// The last line is {"type":"summary", ...}; an exception outside the harness
// becomes {"type":"file-error","phase":"run"}.
import { __switchyard } from "vitest";

const encoder = new TextEncoder();

function serializeError(error) {
  if (error && typeof error === "object") {
    return { name: String(error.name || "Error"), message: String(error.message ?? error), stack: String(error.stack || "") };
  }
  return { name: "Error", message: String(error), stack: "" };
}

export default {
  async fetch(request) {
    const job = await request.json();
    const storage = globalThis[Symbol.for("switchyard.storage")];
    const perTest = job.storageIsolation === "per-test" && storage;
    let controller;
    const body = new ReadableStream({
      start(c) {
        controller = c;
      },
    });
    const emit = (event) => {
      controller.enqueue(encoder.encode(JSON.stringify(event) + "\n"));
    };
    // Errors nobody handled (a forgotten await, a throwing timer) fail the
    // file instead of vanishing into the worker's log.
    Object.defineProperty(globalThis, Symbol.for("switchyard.unhandled"), {
      value: (error) => __switchyard.reportUnhandledError(error),
      configurable: true,
    });
    const setupFiles = Array.isArray(job.setupFiles) ? job.setupFiles : [];
    (async () => {
      try {
        const summary = await __switchyard.run({
          // Vitest's runSetupFiles: each setup file before the test file,
          // in its module graph, so its hooks apply to the file's tests.
          setupFiles,
          importSetupFile: (setupFile) => import(setupFile),
          importTestFile: () => import(job.file),
          providedContext: Object.freeze({ ...(job.provided || {}) }),
          filepath: job.file,
          emit,
          testTimeoutMs: job.testTimeoutMs,
          hookTimeoutMs: job.hookTimeoutMs,
          testNamePattern: job.testNamePattern || undefined,
          onlyTestIds: job.onlyTestIds && job.onlyTestIds.length ? job.onlyTestIds : undefined,
          beforeEachTest: perTest ? () => storage.savepoint() : undefined,
          afterEachTest: perTest ? () => storage.rollback() : undefined,
          snapshotOptions: { updateSnapshot: job.updateSnapshot || "new" },
        });
        emit({ type: "summary", ...summary });
      } catch (error) {
        emit({ type: "file-error", phase: "run", error: serializeError(error) });
      } finally {
        controller.close();
      }
    })();
    return new Response(body, { headers: { "content-type": "application/x-ndjson" } });
  },
};
