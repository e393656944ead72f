// `switchyard test`'s CLI and reporters as people pass them to Vitest, on a
// copy of tests/fixtures/test-cli (a plain Workers app): each reporter's
// output parsed (JSON, JUnit XML well-formed with its counts, TAP's plans and
// ok lines, dot, verbose, tree, default), several reporters at once with
// --outputFile.<reporter>, --bail stopping the run, --passWithNoTests, --silent,
// and --watch rerunning only the test files whose module graph holds an
// edited file (a static import, the app entry reached through SELF) and every
// file after a config change.
// Usage: node testCli.test.mjs <switchyard binary> <tests/fixtures/test-cli>
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSuite, assert, startWatch } from "./serveHarness.mjs";

const [switchyard, fixture] = process.argv.slice(2).map((p) => path.resolve(p));
const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-test-cli-"));
fs.cpSync(fixture, app, { recursive: true });

// The passing files and the failing one: 8 tests, 1 failed, 1 skipped, 1 todo.
const test = (...args) =>
  spawnSync(switchyard, ["test", app, "tests", "failing", "--run", ...args],
    { encoding: "utf8", timeout: 170000, env: { ...process.env, CI: "1" } });

/// A minimal XML well-formedness check: tags nest and close, attributes are
/// quoted, entities are known. Returns the element names in document order.
function parseXml(xml) {
  const names = [];
  const stack = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|&(\w+|#\d+);|<|>/g;
  let m;
  while ((m = token.exec(body))) {
    if (m[0] === "<") throw new Error(`stray < at ${m.index}`);
    if (m[0] === ">") throw new Error(`stray > at ${m.index}`);
    if (m[5] !== undefined) {
      if (!["amp", "lt", "gt", "quot", "apos"].includes(m[5]) && !m[5].startsWith("#")) throw new Error(`entity &${m[5]};`);
      continue;
    }
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[2]) throw new Error(`</${m[2]}> closes <${open}>`);
    } else {
      names.push({ name: m[2], attrs: Object.fromEntries([...m[3].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])) });
      if (!m[4]) stack.push(m[2]);
    }
  }
  if (stack.length) throw new Error(`unclosed ${stack.join(", ")}`);
  return names;
}

const suite = createSuite();

await suite.check("json: Vitest's document on stdout, nothing else there", async () => {
  const r = test("--reporter", "json");
  assert(r.status === 1, `exit ${r.status}\n${r.stderr.slice(-2000)}`);
  const doc = JSON.parse(r.stdout);
  assert(doc.numTotalTests === 8 && doc.numFailedTests === 1 && doc.numPassedTests === 5 &&
    doc.numPendingTests === 1 && doc.numTodoTests === 1 && doc.success === false, JSON.stringify({ ...doc, testResults: undefined }));
  assert(doc.testResults.length === 4, `${doc.testResults.length} files`);
  const fails = doc.testResults.find((f) => f.name.endsWith("failing/fails.test.ts"));
  const diff = fails.assertionResults.find((t) => t.title === "fails with a diff");
  assert(diff.fullName === "outer inner fails with a diff" && diff.ancestorTitles.join("|") === "outer|inner", JSON.stringify(diff));
  assert(/^AssertionError: expected \{ answer: 41 \} to deeply equal \{ answer: 42 \}\n\s+at .*fails\.test\.ts:\d+:\d+/.test(diff.failureMessages[0]), diff.failureMessages[0]);
  const math = doc.testResults.find((f) => f.name.endsWith("tests/math.test.ts"));
  assert(math.assertionResults.map((t) => t.status).join(",") === "passed,passed,skipped,todo", JSON.stringify(math.assertionResults));
});

// Ours beside Vitest's fields: where each file's time went. A pooled host's start is the
// run's, reported on the file that waited for it, never in that file's own (realm) start.
await suite.check("json: switchyard's per-file times, a pooled host's start apart", async () => {
  for (const pool of ["contexts", "isolates"]) {
    const r = test("--reporter", "json", "--pool", pool, "--max-workers", "2");
    const files = JSON.parse(r.stdout).testResults;
    const host = files.map((f) => f.switchyard.hostStartMs);
    assert(files.every((f) => f.switchyard.isolateStartMs > 0 && f.switchyard.moduleLoadMs > 0), JSON.stringify(files.map((f) => f.switchyard)));
    if (pool === "isolates") {
      assert(host.every((ms) => ms === 0), `pool isolates: ${host}`);
    } else {
      // Two runner threads, two hosts: the first file of each waited for its start.
      assert(host.filter((ms) => ms > 0).length === 2, `pool contexts: ${host}`);
      const waited = files.filter((f) => f.switchyard.hostStartMs > 0);
      assert(waited.every((f) => f.switchyard.hostStartMs > f.switchyard.isolateStartMs), JSON.stringify(waited.map((f) => f.switchyard)));
    }
  }
});

await suite.check("junit: well-formed XML with Vitest's counts", async () => {
  const r = test("--reporter", "junit");
  assert(r.status === 1, `exit ${r.status}`);
  const elements = parseXml(r.stdout);
  const root = elements.find((e) => e.name === "testsuites");
  assert(root.attrs.name === "vitest tests" && root.attrs.tests === "8" && root.attrs.failures === "1", JSON.stringify(root));
  const suites = elements.filter((e) => e.name === "testsuite");
  assert(suites.length === 4, `${suites.length} testsuites`);
  const math = suites.find((s) => s.attrs.name === "tests/math.test.ts");
  assert(math.attrs.tests === "4" && math.attrs.skipped === "2", JSON.stringify(math));
  assert(elements.filter((e) => e.name === "testcase").length === 8, "testcases");
  const failure = elements.find((e) => e.name === "failure");
  assert(failure.attrs.type === "AssertionError", JSON.stringify(failure));
  assert(r.stdout.includes('name="outer &gt; inner &gt; fails with a diff"'), "flattened testcase name");
  assert(/<system-out>\nadding 1 and 2\n/.test(r.stdout), "console output as system-out");
});

await suite.check("tap and tap-flat: TAP 13 plans and ok lines", async () => {
  const tap = test("--reporter", "tap").stdout.split("\n");
  assert(tap[0] === "TAP version 13" && tap[1] === "1..4", tap.slice(0, 3).join("|"));
  const top = tap.filter((l) => /^(not )?ok \d+ - /.test(l));
  assert(top.length === 4 && top.filter((l) => l.startsWith("not ok")).length === 1, top.join("\n"));
  assert(tap.includes("    1..1") && tap.some((l) => /^ {8}ok 3 - divides # SKIP$/.test(l)) && tap.some((l) => /^ {8}ok 4 - subtracts # TODO$/.test(l)), tap.join("\n"));
  assert(tap.some((l) => /^ {12}not ok 2 - fails with a diff # time=\d+\.\d\dms$/.test(l)), "nested failure");
  const flat = test("--reporter", "tap-flat").stdout.split("\n");
  assert(flat[0] === "TAP version 13" && flat[1] === "1..8", flat.slice(0, 3).join("|"));
  const lines = flat.filter((l) => /^(not )?ok \d+ - /.test(l));
  assert(lines.length === 8 && lines.filter((l) => l.startsWith("not ok")).length === 1, lines.join("\n"));
  assert(lines.includes("ok 7 - tests/math.test.ts > math > subtracts # TODO"), lines.join("\n"));
});

await suite.check("dot, verbose, tree and default print Vitest's lines", async () => {
  const dot = test("--reporter", "dot", "--silent");
  const dots = dot.stdout.replace(/ RUN [^\n]*\n/, "").split("\n").find((l) => /^[·x\-*]+$/.test(l)) ?? "";
  assert([...dots].filter((c) => c === "·").length === 5 && [...dots].filter((c) => c === "x").length === 1 &&
    [...dots].filter((c) => c === "-").length === 2, `dots ${JSON.stringify(dot.stdout)}`);
  const verbose = test("--reporter", "verbose").stdout;
  assert(/^ ✓ tests\/math\.test\.ts > math > adds \d+ms$/m.test(verbose), verbose);
  assert(/^ × failing\/fails\.test\.ts > outer > inner > fails with a diff \d+ms\n {3}→ expected/m.test(verbose), verbose);
  assert(/^ ↓ tests\/math\.test\.ts > math > divides$/m.test(verbose), verbose);
  const tree = test("--reporter", "tree").stdout;
  assert(/^ {3}❯ outer \(2\)\n {5}❯ inner \(2\)\n {7}✓ passes \d+ms\n {7}× fails with a diff/m.test(tree), tree);
  const def = test();
  assert(/^ ❯ failing\/fails\.test\.ts \(2 tests \| 1 failed\) \d+ms$/m.test(def.stdout), def.stdout);
  assert(/^ ✓ tests\/math\.test\.ts \(4 tests \| 1 skipped \| 1 todo\) \d+ms$/m.test(def.stdout), def.stdout);
  assert(/^stdout \| tests\/math\.test\.ts > math > adds\nadding 1 and 2\n/m.test(def.stdout), "console output");
  assert(/Test Files {2}1 failed \| 3 passed \(4\)/.test(def.stdout) && /Tests {2}1 failed \| 5 passed \| 1 skipped \| 1 todo \(8\)/.test(def.stdout), def.stdout);
  assert(/ FAIL {2}failing\/fails\.test\.ts > outer > inner > fails with a diff/.test(def.stderr), def.stderr);
  const silent = test("--silent");
  assert(!silent.stdout.includes("adding 1 and 2"), "--silent kept the console output");
});

await suite.check("several reporters at once, each to its --outputFile.<reporter>", async () => {
  const r = test("--reporter", "default", "--reporter", "json", "--reporter", "junit", "--reporter", "tap",
    "--outputFile.json=reports/r.json", "--outputFile.junit", "reports/r.xml", "--outputFile.tap=reports/r.tap");
  assert(r.status === 1, `exit ${r.status}: ${r.stderr}`);
  assert(/Test Files {2}1 failed \| 3 passed \(4\)/.test(r.stdout), r.stdout);
  assert(r.stdout.includes(`JSON report written to ${path.join(app, "reports/r.json")}`), r.stdout);
  assert(JSON.parse(fs.readFileSync(path.join(app, "reports/r.json"), "utf8")).numTotalTests === 8, "json file");
  assert(parseXml(fs.readFileSync(path.join(app, "reports/r.xml"), "utf8")).some((e) => e.name === "testsuites"), "junit file");
  assert(fs.readFileSync(path.join(app, "reports/r.tap"), "utf8").startsWith("TAP version 13\n1..4\n"), "tap file");
  const clash = test("--reporter", "json", "--reporter", "junit", "--outputFile", "same.out");
  assert(clash.status === 2 && /--outputFile\.json/.test(clash.stderr), clash.stderr);
  const unknown = test("--reporter", "nyan");
  assert(unknown.status === 2 && /unknown reporter "nyan"/.test(unknown.stderr), unknown.stderr);
});

await suite.check("--bail 1: the running file stops (its waiting test skipped), the next never starts", async () => {
  const out = path.join(app, "bail.json");
  const r = spawnSync(switchyard, ["test", app, "bail", "--run", "--bail", "1", "--max-workers", "1",
    "--reporter", "json", "--outputFile", out], { encoding: "utf8", timeout: 170000 });
  assert(r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const doc = JSON.parse(fs.readFileSync(out, "utf8"));
  assert(doc.numFailedTests === 1, `failed ${doc.numFailedTests}`);
  const bail = doc.testResults.find((f) => f.name.endsWith("bail/bail.test.ts"));
  assert(bail.assertionResults.map((t) => `${t.title}:${t.status}`).join(",") === "fails first:failed,waits to be stopped:skipped", JSON.stringify(bail.assertionResults));
  const later = doc.testResults.find((f) => f.name.endsWith("bail/later.test.ts"));
  assert(later && later.assertionResults.length === 0, JSON.stringify(later));
});

await suite.check("no test files: exit 1, or 0 with --passWithNoTests", async () => {
  const none = spawnSync(switchyard, ["test", app, "no-such-file", "--run"], { encoding: "utf8", timeout: 60000 });
  assert(none.status === 1 && /No test files found, exiting with code 1/.test(none.stderr), `${none.status} ${none.stderr}`);
  const pass = spawnSync(switchyard, ["test", app, "no-such-file", "--run", "--passWithNoTests"], { encoding: "utf8", timeout: 60000 });
  assert(pass.status === 0 && /exiting with code 0/.test(pass.stdout), `${pass.status} ${pass.stdout}`);
});

await suite.check("--help lists every option", async () => {
  const help = spawnSync(switchyard, ["test", "--help"], { encoding: "utf8" }).stdout;
  for (const option of ["--reporter", "--outputFile", "--bail", "--run", "--watch", "--passWithNoTests", "--silent",
    "--hideSkippedTests", "--shard", "--test-name-pattern", "--test-timeout", "--pool", "--memory-limit", "--max-workers", "--mode"])
    assert(help.includes(option), `--help lacks ${option}`);
});

await suite.check("--watch reruns only the files whose module graph holds the edited file", async () => {
  const { child, output, settled, exited } = startWatch(switchyard, ["test", app, "tests", "--watch", "--reporter", "verbose"]);
  const since = (text, marker) => text.slice(text.lastIndexOf(marker));
  try {
    const out = await settled(1);
    assert(/ ✓ tests\/math\.test\.ts > math > adds/.test(out) && / ✓ tests\/worker\.test\.ts > answers through SELF/.test(out), out);
    // greet.ts: imported by greet.test.ts and by the app entry that
    // worker.test.ts reaches through SELF; math.test.ts does not load it.
    fs.writeFileSync(path.join(app, "src/greet.ts"), "export function greet(name: string): string {\n  return `hello ${name}!`;\n}\n");
    let rerun = since(await settled(2), "RERUN");
    assert(/RERUN .*src\/greet\.ts/.test(rerun), rerun);
    assert(/ ✓ tests\/greet\.test\.ts > greets/.test(rerun) && / ✓ tests\/worker\.test\.ts > answers through SELF/.test(rerun), rerun);
    assert(!rerun.includes("tests/math.test.ts"), `math.test.ts reran:\n${rerun}`);
    // math.ts: only math.test.ts.
    fs.writeFileSync(path.join(app, "src/math.ts"), "export const add = (a: number, b: number) => b + a;\nexport const multiply = (a: number, b: number) => a * b;\n");
    rerun = since(await settled(3), "RERUN");
    assert(/RERUN .*src\/math\.ts x1/.test(rerun) && / ✓ tests\/math\.test\.ts > math > adds/.test(rerun), rerun);
    assert(!rerun.includes("greet.test.ts") && !rerun.includes("worker.test.ts"), `others reran:\n${rerun}`);
    // A config file reruns everything.
    fs.writeFileSync(path.join(app, "package.json"), fs.readFileSync(path.join(app, "package.json"), "utf8").replace("}", '  ,"description": "edited"\n}'));
    rerun = since(await settled(4), "RERUN");
    for (const f of ["greet", "math", "worker"]) assert(rerun.includes(`tests/${f}.test.ts`), `${f} did not rerun:\n${rerun}`);
  } finally {
    child.kill("SIGTERM");
  }
  const { code, signal } = await exited;
  // Vitest's exit on a signal: 128 + its number when no run failed.
  assert(code === 143 && signal === null, `after SIGTERM: exit ${code} signal ${signal}\n${output()}`);
});

// Vitest's watch keeps its workers; here the rerun's isolate must not wait for
// Node's start-up. Node's performance.nodeTiming.environment is when the
// file's Node environment was made (timeOrigin is the process's): before the
// edit when it was kept (pool contexts: the same host as the first run) or
// made ahead while the command waited (pool isolates).
for (const pool of ["contexts", "isolates"]) {
  await suite.check(`--watch --pool ${pool}: the rerun's isolate was up before the edit, its realm fresh`, async () => {
    const file = path.join(app, "warm", "warm.test.ts");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const source = (title) => 'import { expect, it } from "vitest";\n' +
      `it(${JSON.stringify(title)}, () => {\n` +
      "  expect((globalThis as any).leftByLastRun).toBeUndefined();\n" +
      "  (globalThis as any).leftByLastRun = true;\n" +
      "  console.log(`environment made at ${performance.timeOrigin + (performance as any).nodeTiming.environment}`);\n});\n";
    fs.writeFileSync(file, source("runs"));
    const { child, settled, exited } = startWatch(switchyard, ["test", app, "warm", "--watch", "--pool", pool, "--reporter", "verbose"]);
    const origins = (text) => [...text.matchAll(/environment made at (\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
    try {
      const first = await settled(1);
      assert(/ ✓ warm\/warm\.test\.ts > runs/.test(first) && origins(first).length === 1, first);
      await new Promise((r) => setTimeout(r, 1000)); // a person edits a while later
      const editedAt = Date.now();
      fs.writeFileSync(file, source("runs again"));
      const out = await settled(2);
      const rerun = out.slice(out.lastIndexOf("RERUN"));
      assert(/ ✓ warm\/warm\.test\.ts > runs again/.test(rerun), rerun);
      const [origin] = origins(rerun);
      assert(origin < editedAt, `the rerun's environment was made ${origin - editedAt} ms after the edit:\n${out}`);
      if (pool === "contexts") assert(origin === origins(first)[0], `another host than the first run's:\n${out}`);
    } finally {
      child.kill("SIGTERM");
    }
    await exited;
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
}

await suite.check("--watch on a terminal: Vitest's hints and keys (h lists them, a reruns all, q quits with 0)", async () => {
  // util-linux `script` gives the command a pseudo-terminal: stdin is a TTY
  // there, as when a person runs it; what is written to script's stdin are keys.
  const command = [switchyard, "test", app, "tests/math", "--watch", "--no-color"].join(" ");
  const child = spawn("script", ["-qfec", command, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  child.stderr.on("data", (d) => { out += d; });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const waitFor = async (pattern, count = 1) => {
    while ((out.match(new RegExp(pattern.source, "g")) || []).length < count) {
      const status = await Promise.race([new Promise((r) => setTimeout(r, 100)), exited]);
      if (status) throw new Error(`watch exited (${JSON.stringify(status)}) before ${pattern}:\n${out}`);
    }
  };
  try {
    await waitFor(/press h to show help, press q to quit/);
    assert(/ DEV {2}v\S+ /.test(out), `no DEV banner:\n${out}`);
    child.stdin.write("h");
    await waitFor(/Watch Usage/);
    assert(/press a, return to rerun all tests/.test(out) && /press q to quit/.test(out), out);
    child.stdin.write("a");
    await waitFor(/press h to show help, press q to quit/, 2);
    assert(/RERUN {2}rerun all tests/.test(out), `no RERUN banner:\n${out}`);
    child.stdin.write("q");
  } catch (e) {
    child.kill("SIGTERM");
    throw e;
  }
  const { code } = await exited;
  assert(code === 0, `after q: exit ${code}\n${out.slice(-2000)}`);
});

const code = suite.finish();
fs.rmSync(app, { recursive: true, force: true });
process.exit(code);
