// `switchyard test` end to end on a copy of examples/hello: the example's own
// suites pass; fixture files that fail, hang (async and synchronously), throw
// at import and run out of memory are reported as such while the rest pass; reporters
// (json, junit), filters, -t and --shard.
// Usage: node testRun.test.mjs <switchyard binary> <examples/hello dir> <fixtures dir>
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSuite, assert } from "./serveHarness.mjs";

const [switchyard, helloDir, fixturesDir] = process.argv.slice(2).map((p) => path.resolve(p));

function copyHello(withFixtures) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-test-run-"));
  for (const f of fs.readdirSync(helloDir)) {
    if (f === "node_modules" || f === ".switchyard") continue;
    fs.cpSync(path.join(helloDir, f), path.join(dir, f), { recursive: true });
  }
  fs.symlinkSync(path.join(helloDir, "node_modules"), path.join(dir, "node_modules"));
  if (withFixtures) fs.cpSync(fixturesDir, path.join(dir, "tests/fixtures"), { recursive: true });
  return dir;
}

const run = (...args) => spawnSync(switchyard, ["test", ...args], { encoding: "utf8", timeout: 170000 });
const jsonRun = (dir, ...args) => {
  const out = path.join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  const r = run(dir, "--reporter", "json", "--output-file", out, ...args);
  assert(fs.existsSync(out), `no JSON report (exit ${r.status}): ${r.stderr}`);
  return { ...r, doc: JSON.parse(fs.readFileSync(out, "utf8")) };
};
const fileNamed = (doc, name) => doc.testResults.find((f) => f.name.endsWith(name));
const testNamed = (file, title) => file.assertionResults.find((t) => t.title === title);

const suite = createSuite();
const clean = copyHello(false);
const withFixtures = copyHello(true);

await suite.check("the example's suites pass (exit 0) and report where the time went", async () => {
  const r = run(clean, "--no-color");
  assert(r.status === 0, `exit ${r.status}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
  assert(/Test Files {2}\d+ passed \(\d+\)/.test(r.stdout), r.stdout);
  // Vitest's Duration line: import = module load, environment = isolate start.
  assert(/Duration {2}[\d.]+m?s \(transform [\d.]+m?s, setup 0ms, import [\d.]+m?s, tests [\d.]+m?s, environment [\d.]+m?s\)/.test(r.stdout), r.stdout);
});

let fixtureRun;
await suite.check("failing, hanging and throwing fixtures fail; everything else passes", async () => {
  fixtureRun = jsonRun(withFixtures, "--test-timeout", "1000");
  const { doc, status } = fixtureRun;
  assert(status === 1, `exit ${status}`);
  for (const f of doc.testResults.filter((f) => !f.name.includes("/tests/fixtures/"))) {
    assert(f.status === "passed", `${f.name}: ${f.status} ${f.message}`);
    assert(f.assertionResults.length > 0, `${f.name}: no tests`);
    for (const t of f.assertionResults) assert(t.status === "passed", `${f.name} > ${t.fullName}: ${t.status} ${t.failureMessages}`);
  }
  const failing = fileNamed(doc, "fixtures/failing.test.ts");
  assert(failing.status === "failed", "failing fixture passed");
  assert(testNamed(failing, "passes").status === "passed", "the passing test of the failing file");
  const diff = testNamed(failing, "fails with a diff");
  assert(diff.status === "failed", diff.status);
  // Vitest's failureMessages: the error's stack (its message and frames).
  assert(/answer: 42/.test(diff.failureMessages[0]) && /answer: 41/.test(diff.failureMessages[0]), diff.failureMessages[0]);
  assert(!diff.failureMessages[0].includes("virtual:switchyard:test-entry"), "engine frames in the stack");
  assert(/nobody awaited this/.test(failing.message), `unhandled rejection not reported: ${failing.message}`);
});

await suite.check("an async hang times out, a synchronous spin is terminated, the rest of the file is skipped", async () => {
  const hanging = fileNamed(fixtureRun.doc, "fixtures/hanging.test.ts");
  assert(hanging.status === "failed", hanging.status);
  const waits = testNamed(hanging, "waits forever");
  assert(waits.status === "failed" && /Test timed out in 300ms/.test(waits.failureMessages[0]), JSON.stringify(waits));
  assert(testNamed(hanging, "still runs after a timeout").status === "passed", "the test after a timeout did not run");
  const spins = testNamed(hanging, "spins forever");
  assert(spins.status === "failed" && /CPU time limit \(1000 ms\)/.test(spins.failureMessages[0]), JSON.stringify(spins));
  assert(testNamed(hanging, "never runs").status === "skipped", "the test after a terminated isolate");
});

await suite.check("a file that throws at import is a failed file with the error", async () => {
  const f = fileNamed(fixtureRun.doc, "fixtures/throwsAtImport.test.ts");
  assert(f.status === "failed", f.status);
  assert(/this file cannot be imported/.test(f.message), f.message);
  assert(f.assertionResults.length === 0, "tests were collected");
  const counts = fixtureRun.doc;
  // Vitest counts describe blocks as suites too: the four files, and more.
  const failedFiles = counts.testResults.filter((f) => f.status === "failed").length;
  assert(counts.success === false && failedFiles === 4 && counts.numFailedTestSuites >= 4, `failed files ${failedFiles}, suites ${counts.numFailedTestSuites}`);
});

const oomStatuses = (doc) => fileNamed(doc, "fixtures/outOfMemory.test.ts").assertionResults.map((t) => `${t.title}:${t.status}`).join(", ");
await suite.check("a test that runs out of memory fails alone: its isolate is stopped, the run goes on", async () => {
  const oom = fileNamed(fixtureRun.doc, "fixtures/outOfMemory.test.ts");
  assert(oom.status === "failed", oom.status);
  assert(oomStatuses(fixtureRun.doc) === "passes first:passed, allocates forever:failed, never runs:skipped", oomStatuses(fixtureRun.doc));
  const allocates = testNamed(oom, "allocates forever");
  assert(/Worker exceeded its memory limit \(128 MB\)/.test(allocates.failureMessages[0]), JSON.stringify(allocates));
  // The default reporter's summary and the JSON file are both written; exit 1, not a crash.
  const out = path.join(withFixtures, "oom-report.json");
  const r = run(withFixtures, "--no-color", "--reporter", "default", "--reporter", "json", "--output-file", out,
    "--memory-limit", "64", "fixtures/outOfMemory", "pages");
  assert(r.status === 1, `exit ${r.status} (signal ${r.signal})\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  assert(/Test Files {2}1 failed \| 1 passed \(2\)/.test(r.stdout), r.stdout.slice(-2000));
  assert(/exceeded its memory limit \(64 MB\)/.test(r.stderr), r.stderr.slice(-2000)); // failures: stderr, as Vitest
  const doc = JSON.parse(fs.readFileSync(out, "utf8"));
  assert(fileNamed(doc, "pages.test.ts").status === "passed", JSON.stringify(doc.testResults.map((f) => [f.name, f.status])));
  assert(doc.numFailedTests === 1 && doc.numFailedTestSuites === 1, `failed tests ${doc.numFailedTests}, files ${doc.numFailedTestSuites}`);
});

await suite.check("junit report: one testsuite per file, failures and skips counted", async () => {
  const out = path.join(withFixtures, "junit.xml");
  const r = run(withFixtures, "--reporter", "junit", "--output-file", out, "--test-timeout", "1000", "fixtures/");
  assert(r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const xml = fs.readFileSync(out, "utf8");
  assert((xml.match(/<testsuite /g) || []).length === 4, xml);
  // Vitest's count: failed tests plus the files that failed outside a test.
  const failedCases = xml.split("<testcase ").slice(1).filter((c) => c.split("</testcase>")[0].includes("<failure ")).length;
  assert(failedCases >= 4 && new RegExp(`<testsuites [^>]*failures="${failedCases}"`).test(xml), xml.slice(0, 400));
  assert(xml.includes("<skipped/>"), "no skipped test");
  assert(xml.includes("this file cannot be imported"), "import error missing");
});

await suite.check("filters, -t and --shard choose files and tests", async () => {
  const filtered = jsonRun(clean, "pages");
  assert(filtered.doc.testResults.length === 1 && filtered.doc.testResults[0].name.endsWith("pages.test.ts"), JSON.stringify(filtered.doc.testResults.map((f) => f.name)));
  const named = jsonRun(clean, "pages", "-t", "404");
  const tests = named.doc.testResults[0].assertionResults;
  assert(tests.filter((t) => t.status === "passed").length === 1, JSON.stringify(tests.map((t) => [t.title, t.status])));
  const all = jsonRun(clean).doc.testResults.map((f) => f.name).sort();
  const a = jsonRun(clean, "--shard", "1/2").doc.testResults.map((f) => f.name);
  const b = jsonRun(clean, "--shard", "2/2").doc.testResults.map((f) => f.name);
  assert(a.length > 0 && b.length > 0, `shards ${a.length} + ${b.length}`);
  assert(JSON.stringify([...a, ...b].sort()) === JSON.stringify(all), "shards do not partition the files");
  const bad = run(clean, "--shard", "3/2");
  assert(bad.status === 2 && /--shard/.test(bad.stderr), bad.stderr);
});

await suite.check("files running in parallel keep their storage apart (their runs overlap in time)", async () => {
  const { doc, status } = jsonRun(clean, "isolation", "--max-workers", "2");
  assert(status === 0, `exit ${status}: ${JSON.stringify(doc.testResults.map((f) => [f.name, f.message]))}`);
  const [a, b] = ["files-a.test.ts", "files-b.test.ts"].map((n) => fileNamed(doc, n));
  assert(a.status === "passed" && b.status === "passed", `${a.status} ${b.status}`);
  assert(a.startTime < b.endTime && b.startTime < a.endTime, `no overlap: a ${a.startTime}-${a.endTime}, b ${b.startTime}-${b.endTime}`);
});

await suite.check("the concurrency suites (seed 004) pass 10 runs in a row", async () => {
  for (let run = 1; run <= 10; run++) {
    const { doc, status } = jsonRun(clean, "concurrency/");
    const failed = doc.testResults.flatMap((f) => f.assertionResults.filter((t) => t.status !== "passed").map((t) => `${t.fullName}: ${t.failureMessages}`));
    assert(status === 0 && failed.length === 0 && doc.numPassedTests >= 8, `run ${run}: exit ${status} ${failed.join("; ")} ${doc.testResults.map((f) => f.message).join(" ")}`);
  }
});

await suite.check("--pool contexts: the same suites pass and the fixtures fail the same way", async () => {
  const clean2 = jsonRun(clean, "--pool", "contexts");
  assert(clean2.status === 0, `exit ${clean2.status}: ${clean2.doc.testResults.map((f) => f.message).join(" ")}`);
  assert(clean2.doc.numPassedTests === jsonRun(clean).doc.numPassedTests, "different test counts per pool");
  const { doc, status } = jsonRun(withFixtures, "--pool", "contexts", "--test-timeout", "1000");
  assert(status === 1, `exit ${status}`);
  const hanging = fileNamed(doc, "fixtures/hanging.test.ts");
  const statuses = hanging.assertionResults.map((t) => `${t.title}:${t.status}`).join(", ");
  assert(statuses === "waits forever:failed, still runs after a timeout:passed, spins forever:failed, never runs:skipped", statuses);
  assert(/this file cannot be imported/.test(fileNamed(doc, "fixtures/throwsAtImport.test.ts").message), "import error");
  assert(/nobody awaited this/.test(fileNamed(doc, "fixtures/failing.test.ts").message), "unhandled rejection");
  assert(oomStatuses(doc) === "passes first:passed, allocates forever:failed, never runs:skipped", oomStatuses(doc));
  for (const f of doc.testResults.filter((f) => !f.name.includes("/tests/fixtures/")))
    assert(f.status === "passed", `${f.name} after a killed file in the same pool: ${f.message}`);
});

const code = suite.finish();
fs.rmSync(clean, { recursive: true, force: true });
fs.rmSync(withFixtures, { recursive: true, force: true });
process.exit(code);
