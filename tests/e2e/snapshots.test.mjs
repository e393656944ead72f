// Snapshots under `switchyard test`, on a copy of tests/e2e/fixtures/snapshots
// (a plain Workers app whose test file uses every snapshot matcher): the first
// run writes the .snap file, the inline snapshots into the test file and the
// file snapshot, byte for byte as Vitest 4.1.12 writes them for the same test
// files (fixtures/snapshots-expected, produced by `vitest run` 4.1.12; also for
// a file esbuild lowers, whose lines move: source-mapped call sites); the
// second run passes and writes nothing; a changed value fails with Vitest's
// message and diff and leaves the files alone; -u updates; an obsolete
// snapshot is reported, fails the file on CI, and -u removes it; on CI a
// missing snapshot fails and nothing is written; a file snapshot outside the
// app or on a secret fails the test and writes nothing.
// Usage: node snapshots.test.mjs <switchyard binary> <fixtures/snapshots> <fixtures/snapshots-expected>
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSuite, assert } from "./serveHarness.mjs";

const [switchyard, fixtureDir, expectedDir] = process.argv.slice(2).map((p) => path.resolve(p));

const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-snapshots-"));
fs.cpSync(fixtureDir, app, { recursive: true });
const testFile = path.join(app, "test/format.test.ts");
const snapFile = path.join(app, "test/__snapshots__/format.test.ts.snap");
const htmlFile = path.join(app, "test/__snapshots__/greeting.html");
const loweredFile = path.join(app, "test/lowered.test.ts");
const extraFile = path.join(app, "test/extra.test.ts");
const extraSnap = path.join(app, "test/__snapshots__/extra.test.ts.snap");
const read = (file) => fs.readFileSync(file, "utf8");
const expected = (name) => read(path.join(expectedDir, name));

/** Runs `switchyard test` on the app; `env` adds variables (CI is removed unless given). */
function run(args = [], env = {}) {
  const base = { ...process.env };
  delete base.CI;
  delete base.UPDATE_SNAPSHOT;
  const r = spawnSync(switchyard, ["test", app, "--no-color", ...args], {
    encoding: "utf8",
    timeout: 170000,
    env: { ...base, ...env },
  });
  return { ...r, out: `${r.stdout}\n${r.stderr}` };
}
const snapshotsLine = (out) => (out.match(/^ {2}Snapshots {2}.*$/m) || [""])[0];

const suite = createSuite();
const originalTest = read(testFile);

await suite.check("on CI (CI=true) a missing snapshot fails and nothing is written", async () => {
  const r = run([], { CI: "true" });
  assert(r.status === 1, `exit ${r.status}\n${r.out}`);
  assert(/Snapshot `describeUser > labels a user 1` mismatched/.test(r.out), r.out);
  assert(!fs.existsSync(snapFile), "a .snap file was written on CI");
  assert(read(testFile) === originalTest, "the test file was changed on CI");
  assert(/ {2}Snapshots {2}\d+ failed/.test(r.out), r.out);
});

await suite.check("the first run writes every snapshot as Vitest 4.1 does", async () => {
  const r = run();
  assert(r.status === 0, `exit ${r.status}\n${r.out}`);
  assert(snapshotsLine(r.out) === "  Snapshots  18 written", `summary: ${snapshotsLine(r.out)}\n${r.out}`);
  assert(read(snapFile) === expected("format.test.ts.snap"), `.snap differs from Vitest's:\n${read(snapFile)}`);
  assert(read(testFile) === expected("format.test.ts"), `inline snapshots differ from Vitest's:\n${read(testFile)}`);
  assert(read(htmlFile) === expected("greeting.html"), `file snapshot differs:\n${read(htmlFile)}`);
  // esbuild lowers `using` there (lines move): the call sites come back through the source map.
  assert(read(loweredFile) === expected("lowered.test.ts"), `inline snapshots differ from Vitest's:\n${read(loweredFile)}`);
  // A serializer, property matchers, describe.each, concurrent tests with the context's expect, retries, a skipped test.
  assert(read(extraSnap) === expected("extra.test.ts.snap"), `extra .snap differs from Vitest's:\n${read(extraSnap)}`);
  assert(read(extraFile) === expected("extra.test.ts"), `extra inline snapshot differs from Vitest's:\n${read(extraFile)}`);
});

await suite.check("the second run passes and writes nothing", async () => {
  const before = [snapFile, testFile, htmlFile].map((f) => [read(f), fs.statSync(f).mtimeMs]);
  const r = run();
  assert(r.status === 0, `exit ${r.status}\n${r.out}`);
  assert(snapshotsLine(r.out) === "", `unexpected snapshot summary: ${snapshotsLine(r.out)}`);
  [snapFile, testFile, htmlFile].forEach((f, i) => {
    assert(read(f) === before[i][0], `${f} changed`);
    assert(fs.statSync(f).mtimeMs === before[i][1], `${f} was rewritten`);
  });
});

await suite.check("snapshots of tests skipped by -t are not obsolete", async () => {
  const r = run(["-t", "renders a greeting"]);
  assert(r.status === 0, `exit ${r.status}\n${r.out}`);
  assert(snapshotsLine(r.out) === "", `unexpected snapshot summary: ${snapshotsLine(r.out)}\n${r.out}`);
  assert(/Tests {2}1 passed \| 12 skipped/.test(r.out), r.out);
});

const formatFile = path.join(app, "src/format.ts");
const originalFormat = read(formatFile);
const writtenSnap = read(snapFile);
const writtenTest = read(testFile);

await suite.check("a changed value fails with Vitest's message and diff, and the files stay", async () => {
  fs.writeFileSync(formatFile, originalFormat.replace('GREETING = "Hello"', 'GREETING = "Howdy"'));
  const r = run();
  assert(r.status === 1, `exit ${r.status}\n${r.out}`);
  assert(/Snapshot `describeUser > labels a user 1` mismatched/.test(r.out), r.out);
  assert(/- {3}"label": "Hello, Ada",/.test(r.out) && /\+ {3}"label": "Howdy, Ada",/.test(r.out), `no diff:\n${r.out}`);
  assert(/Snapshot `describeUser > labels a user inline 1` mismatched/.test(r.out), r.out);
  assert(/ {2}Snapshots {2}\d+ failed/.test(r.out), r.out);
  assert(read(snapFile) === writtenSnap, ".snap changed by a failing run");
  assert(read(testFile) === writtenTest, "test file changed by a failing run");
});

await suite.check("-u updates the snapshots that changed", async () => {
  const r = run(["-u"]);
  assert(r.status === 0, `exit ${r.status}\n${r.out}`);
  assert(/ {2}Snapshots {2}\d+ updated/.test(r.out), r.out);
  assert(read(snapFile).includes('"label": "Howdy, Ada"') && !read(snapFile).includes("Hello, Ada"), read(snapFile));
  assert(read(testFile).includes('`"Howdy, Ada"`'), read(testFile));
  assert(read(htmlFile).includes("Howdy, Ada"), read(htmlFile));
  fs.writeFileSync(formatFile, originalFormat);
  assert(run(["-u"]).status === 0, "restoring the value");
});

await suite.check("an obsolete snapshot is reported, fails on CI, and -u removes it", async () => {
  const withoutTest = read(testFile).replace(/\nit\("keeps `backticks`[^]*?\n\}\);\n/, "\n");
  assert(withoutTest !== read(testFile), "fixture: the backticks test was not found");
  fs.writeFileSync(testFile, withoutTest);
  const key = "keeps `backticks` and ${braces} 1";
  const r = run();
  assert(r.status === 0, `exit ${r.status}\n${r.out}`);
  assert(snapshotsLine(r.out) === "  Snapshots  1 obsolete", `summary: ${snapshotsLine(r.out)}\n${r.out}`);
  assert(r.out.includes("↳ test/format.test.ts") && r.out.includes(`· ${key}`), r.out);
  assert(read(snapFile).includes("keeps \\`backticks\\`"), "the obsolete snapshot was removed without -u");
  const report = path.join(os.tmpdir(), `switchyard-snapshots-${process.pid}.json`);
  run(["--reporter", "json", "--output-file", report]);
  const { snapshot } = JSON.parse(read(report));
  fs.rmSync(report, { force: true });
  assert(snapshot && snapshot.unchecked === 1 && snapshot.matched === 17 && snapshot.didUpdate === false, JSON.stringify(snapshot));
  assert(snapshot.uncheckedKeysByFile[0].filePath === fs.realpathSync(testFile) && snapshot.uncheckedKeysByFile[0].keys[0] === key, JSON.stringify(snapshot));
  const ci = run([], { CI: "1" });
  assert(ci.status === 1, `CI exit ${ci.status}\n${ci.out}`);
  assert(ci.out.includes("Obsolete snapshots found when no snapshot update is expected.") && ci.out.includes(`· ${key}`), ci.out);
  const u = run(["-u"]);
  assert(u.status === 0, `exit ${u.status}\n${u.out}`);
  assert(snapshotsLine(u.out) === "  Snapshots  1 removed", `summary: ${snapshotsLine(u.out)}\n${u.out}`);
  assert(!read(snapFile).includes("backticks"), read(snapFile));
});

await suite.check("a file snapshot outside the app or on a secret fails the test and writes nothing", async () => {
  const outside = path.join(path.dirname(app), `${path.basename(app)}-outside.txt`);
  fs.writeFileSync(
    path.join(app, "test/escape.test.ts"),
    `import { expect, it } from "vitest";
it("escapes", async () => {
  await expect("x").toMatchFileSnapshot("../../${path.basename(outside)}");
});
it("overwrites a secret", async () => {
  await expect("x").toMatchFileSnapshot("../.dev.vars");
});
`,
  );
  const r = run(["escape"]);
  assert(r.status === 1, `exit ${r.status}\n${r.out}`);
  assert(r.out.includes(`'${outside}' is outside the app`), r.out);
  assert(r.out.includes("matches the denied pattern .dev.vars*"), r.out);
  assert(!fs.existsSync(outside) && !fs.existsSync(path.join(app, ".dev.vars")), "a file was written");
});

await suite.check("--pool contexts (a realm per file) writes the same files", async () => {
  const other = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-snapshots-contexts-"));
  fs.cpSync(fixtureDir, other, { recursive: true });
  const env = { ...process.env };
  delete env.CI;
  delete env.UPDATE_SNAPSHOT;
  // (lowered.test.ts is left out: `using` fails with "Object not disposable" under
  // --pool contexts, snapshots or not.)
  const r = spawnSync(switchyard, ["test", other, "format", "extra", "--no-color", "--pool", "contexts"], { encoding: "utf8", timeout: 170000, env });
  assert(r.status === 0, `exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  for (const [file, name] of [
    ["test/__snapshots__/format.test.ts.snap", "format.test.ts.snap"],
    ["test/format.test.ts", "format.test.ts"],
    ["test/__snapshots__/extra.test.ts.snap", "extra.test.ts.snap"],
  ]) {
    assert(read(path.join(other, file)) === expected(name), `${file} differs from Vitest's under --pool contexts`);
  }
  fs.rmSync(other, { recursive: true, force: true });
});

fs.rmSync(app, { recursive: true, force: true });
process.exit(suite.finish());
