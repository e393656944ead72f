// Module mocking under `switchyard test` (vi.mock hoisted with a factory and
// vi.hoisted, automock, { spy: true }, __mocks__ next to a module and at the
// root for a package, a path through resolve.alias, vi.doMock / doUnmock,
// vi.unmock, vi.importActual, vi.importMock, vi.resetModules, factory
// errors, a hoisting error, mocks of the worker's own graph through SELF,
// and files that never see another file's mocks) on a copy of
// tests/fixtures/module-mocking, in both pools. Every test's status is
// asserted; the same files give the same results under Vitest 4.1.12 (except
// self.test.ts, which needs the Workers pool).
// Usage: node moduleMocking.test.mjs <switchyard binary> <tests/fixtures/module-mocking>
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSuite, assert } from "./serveHarness.mjs";

const [switchyard, fixtureDir] = process.argv.slice(2).map((p) => path.resolve(p));

const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-module-mocking-"));
fs.cpSync(fixtureDir, app, { recursive: true });
// A package of the app (mocked through <root>/__mocks__/left-pad-lite.ts).
fs.mkdirSync(path.join(app, "node_modules/left-pad-lite"), { recursive: true });
fs.writeFileSync(
  path.join(app, "node_modules/left-pad-lite/package.json"),
  `{ "name": "left-pad-lite", "version": "1.0.0", "type": "module", "main": "index.js" }\n`,
);
fs.writeFileSync(
  path.join(app, "node_modules/left-pad-lite/index.js"),
  `export function pad(s, width) {\n  return String(s).padStart(width, " ");\n}\n`,
);

const passed = {
  "factory.test.ts": [
    "replaces the module before the file's imports are evaluated",
    "reading an export the factory did not return throws Vitest's error",
    "is what an import through the alias gets too",
  ],
  "importOriginal.test.ts": [
    "keeps the original exports the factory spreads",
    "vi.importActual gives the real module while it is mocked",
  ],
  "automock.test.ts": [
    "mocks every exported function; they return undefined",
    "keeps primitives and mocks objects deeply",
    "mocks classes: instances get mocked methods",
    "a mocked export takes an implementation",
  ],
  "spy.test.ts": ["keeps the implementations and records the calls", "records the calls other modules make"],
  "mocksFolder.test.ts": ["uses the __mocks__ file next to the module", "uses <root>/__mocks__/<package> for a package"],
  "transitive.test.ts": ["a module the test imports gets the mock of its dependency", "so does the worker's fetch handler"],
  "doMock.test.ts": ["vi.doMock mocks the next import, not the modules evaluated before it"],
  "resetModules.test.ts": [
    "gives fresh instances of the modules imported after it",
    "keeps the mocks: the factory does not run again",
  ],
  "unmock.test.ts": ["vi.unmock after vi.mock leaves the real module"],
  "importMock.test.ts": [
    "vi.importMock automocks a module nothing mocked",
    "vi.importMock gives the __mocks__ file when there is one",
  ],
  "factoryErrors.test.ts": [
    "a factory that throws fails the import with Vitest's error and the cause",
    "a factory that returns no object fails the import",
  ],
  "isolationMocked.test.ts": ["this file sees its mock"],
  "isolationReal.test.ts": ["another file never sees that mock"],
  "alias.test.ts": ["a path through resolve.alias mocks the module it names"],
  "self.test.ts": ["SELF.fetch runs the worker with the mocked module"],
};

function runTests(...args) {
  const out = path.join(app, `report-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(switchyard, ["test", app, "--reporter", "json", "--output-file", out, ...args], {
    encoding: "utf8",
    timeout: 170000,
  });
  assert(fs.existsSync(out), `no JSON report (exit ${r.status}): ${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  return { ...r, doc: JSON.parse(fs.readFileSync(out, "utf8")) };
}

function checkRun({ doc, status }) {
  assert(status === 1, `exit ${status} (hoistError.test.ts fails)`);
  const byName = new Map(doc.testResults.map((f) => [path.basename(f.name), f]));
  for (const [file, titles] of Object.entries(passed)) {
    const f = byName.get(file);
    assert(f, `${file} did not run: ${[...byName.keys()].join(", ")}`);
    const got = f.assertionResults.map((t) => `${t.title}: ${t.status}${t.status === "passed" ? "" : ` ${t.failureMessages}`}`);
    assert(
      f.status === "passed" && JSON.stringify(got) === JSON.stringify(titles.map((t) => `${t}: passed`)),
      `${file} (${f.status} ${f.message || ""}):\n  ${got.join("\n  ")}`,
    );
  }
  const hoistError = byName.get("hoistError.test.ts");
  assert(hoistError && hoistError.status === "failed", `hoistError.test.ts: ${hoistError && hoistError.status}`);
  assert(
    hoistError.message.includes(
      'Cannot call vi.mock("../src/lib/math") inside vi.hoisted(): both methods are hoisted to the top of the file and not actually called inside each other.',
    ),
    hoistError.message,
  );
  assert(hoistError.assertionResults.length === 0, "tests of a file that failed to load ran");
  assert(byName.size === Object.keys(passed).length + 1, `files: ${[...byName.keys()].join(", ")}`);
}

const suite = createSuite();

await suite.check("every mocking API behaves as in Vitest 4.1 (pool isolates)", async () => {
  checkRun(runTests());
});

await suite.check("the same in --pool contexts (a realm per file: mocks stay in their file)", async () => {
  checkRun(runTests("--pool", "contexts", "--max-workers", "1"));
});

fs.rmSync(app, { recursive: true, force: true });
process.exit(suite.finish());
