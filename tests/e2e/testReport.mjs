// `switchyard test` driven from e2e tests through its JSON reporter (Vitest's
// JSON shape: testResults[] with assertionResults[]).
import path from "node:path";
import { spawnSync } from "node:child_process";
import { assert } from "./serveHarness.mjs";

/// Runs `switchyard test APP --pool POOL --reporter json` and returns the report.
/// Throws, naming each file error and failed test, when there is no report, the
/// exit code is not 0, or any file or test did not pass.
export function runPassingTests(switchyard, app, pool) {
  const r = spawnSync(switchyard, ["test", app, "--pool", pool, "--reporter", "json"],
    { encoding: "utf8", timeout: 170000 });
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    assert(false, `no JSON report (exit ${r.status}):\n${r.stdout.slice(0, 1500)}\n${r.stderr.slice(0, 1500)}`);
  }
  const fileErrors = report.testResults.filter((file) => file.status !== "passed")
    .map((file) => `${path.basename(file.name)}: ${file.message.slice(0, 800)}`);
  const failed = report.testResults.flatMap((file) =>
    file.assertionResults.filter((t) => t.status !== "passed")
      .map((t) => `${path.basename(file.name)} > ${t.fullName}: ${t.status} ${t.failureMessages.join(" ").slice(0, 600)}`));
  assert(r.status === 0 && fileErrors.length === 0 && failed.length === 0,
    `exit ${r.status}\n${[...fileErrors, ...failed].join("\n")}`);
  return report;
}

/// The full names ("describe title test title") of the tests of `file` (one of
/// report.testResults) that passed.
export function passedTestNames(file) {
  return file.assertionResults.filter((t) => t.status === "passed")
    .map((t) => [...t.ancestorTitles, t.title].join(" "));
}
