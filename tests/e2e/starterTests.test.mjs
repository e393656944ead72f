// examples/starter's Vitest file under `switchyard test`, in both pools: the
// RedwoodSDK app written from rwsdk's documentation (rwsdk 1.7.3 and
// rwsdk-community from npm) is green as its author wrote it for Cloudflare's
// Workers pool: its tests reach the "use server" functions through
// rwsdk-community's /_test bridge (SELF.fetch from `cloudflare:test`, a
// TypeScript-source package that imports `cloudflare:workers`), against the
// app's D1 table (migrations/) and its KV-backed session module.
// Usage: node starterTests.test.mjs <switchyard binary> <examples/starter dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSuite, assert } from "./serveHarness.mjs";
import { passedTestNames, runPassingTests } from "./testReport.mjs";

const [switchyard, exampleDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!fs.existsSync(path.join(exampleDir, "node_modules/rwsdk/package.json"))) {
  console.error(`${exampleDir}/node_modules has no rwsdk: run \`npm ci\` in examples/starter (./scripts/setup.sh does)`);
  process.exit(1);
}
const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-starter-tests-"));
fs.cpSync(exampleDir, app, {
  recursive: true,
  filter: (src) => !/\/(node_modules|\.switchyard|\.wrangler|dist)(\/|$)/.test(src),
});
fs.symlinkSync(path.join(exampleDir, "node_modules"), path.join(app, "node_modules"));

// The tests of src/tests/notes.test.ts, by name: each one only passes when the
// bridge ran the server function inside the worker with the real bindings.
const expected = [
  "notes the form action stores a note in D1",
  "notes the form action refuses an empty note",
  "notes the onClick action counts likes",
  "notes the serverQuery counts what the actions wrote",
  "notes the redirecting action empties the table",
];

const suite = createSuite();
try {
  for (const pool of ["isolates", "contexts"]) {
    await suite.check(`examples/starter's Vitest file passes through rwsdk-community's /_test bridge (--pool ${pool})`, async () => {
      const report = runPassingTests(switchyard, app, pool);
      const ran = report.testResults.map((file) => path.relative(app, file.name));
      assert(ran.length === 1 && ran[0] === "src/tests/notes.test.ts", `ran: ${ran.join(", ")}`);
      const passed = passedTestNames(report.testResults[0]);
      for (const name of expected) assert(passed.includes(name), `"${name}" did not pass (passed: ${passed.join("; ")})`);
      assert(report.numPassedTests === expected.length && report.numPendingTests === 0,
        `${report.numPassedTests} passed, ${report.numPendingTests} skipped`);
    });
  }
} finally {
  fs.rmSync(app, { recursive: true, force: true });
}
process.exit(suite.finish());
