// examples/realworld's own test suite under `switchyard test`, in both pools:
// the app that uses every module kind of issue 10 (CSS and CSS modules
// through Tailwind/PostCSS, JSON, assets, ?raw, wasm, the @/ alias,
// import.meta.env, the .dev.vars secret, Node built-ins, modern JavaScript)
// is green as its author wrote it, every test file ran, none was skipped.
// Usage: node realworldTests.test.mjs <switchyard binary> <examples/realworld dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSuite, assert } from "./serveHarness.mjs";
import { runPassingTests } from "./testReport.mjs";

const [switchyard, exampleDir] = process.argv.slice(2).map((p) => path.resolve(p));
const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-realworld-tests-"));
fs.cpSync(exampleDir, app, {
  recursive: true,
  filter: (src) => !/\/(node_modules|\.switchyard)(\/|$)/.test(src),
});
fs.symlinkSync(path.join(exampleDir, "node_modules"), path.join(app, "node_modules"));
const testFiles = fs.readdirSync(path.join(app, "tests")).filter((f) => /\.test\.[cm]?[jt]sx?$/.test(f));

const suite = createSuite();
try {
  for (const pool of ["isolates", "contexts"]) {
    await suite.check(`every test of examples/realworld passes (--pool ${pool})`, async () => {
      const report = runPassingTests(switchyard, app, pool);
      const ran = new Set(report.testResults.map((file) => path.basename(file.name)));
      for (const f of testFiles) assert(ran.has(f), `${f} did not run (ran: ${[...ran].join(", ")})`);
      assert(report.numPassedTests >= 40 && report.numPendingTests === 0,
        `${report.numPassedTests} passed, ${report.numPendingTests} skipped`);
    });
  }
} finally {
  fs.rmSync(app, { recursive: true, force: true });
}
process.exit(suite.finish());
