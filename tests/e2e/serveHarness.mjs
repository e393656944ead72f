// Starts `switchyard serve` on a free port and returns { origin, stop, output }.
import { spawn, spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import fs from "node:fs";
import path from "node:path";

export async function startServe(switchyard, appDir, extraArgs = []) {
  const child = spawn(switchyard, ["serve", appDir, "--port", "0", ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 60 s:\n${output}`)), 60000);
    const onData = (data) => {
      output += data.toString();
      const m = output.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  child.stdout.on("data", (d) => (output += d.toString()));
  child.stderr.on("data", (d) => (output += d.toString()));
  return {
    origin,
    output: () => output,
    // SIGTERM; a server that does not exit within 15 s (a hung thread) gets SIGKILL.
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        const kill = setTimeout(() => child.kill("SIGKILL"), 15000);
        child.on("exit", (code) => {
          clearTimeout(kill);
          resolve(code);
        });
        child.kill("SIGTERM");
      }),
  };
}

// A tiny test registry printing "N passed, N failed" (read by CI).
export function createSuite() {
  const results = [];
  return {
    async check(name, fn) {
      try {
        await fn();
        results.push([name, true]);
        console.log(`PASS ${name}`);
      } catch (e) {
        results.push([name, false]);
        console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
      }
    },
    finish() {
      const passed = results.filter(([, ok]) => ok).length;
      const failed = results.length - passed;
      console.log(`${passed} passed, ${failed} failed`);
      return failed === 0 && passed > 0 ? 0 : 1;
    },
  };
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/// Copies an example app's own files (src, public, tests, wrangler.jsonc, vite.config.mts,
/// tsconfig.json, package.json, ...) from `fromDir` into `toDir`, leaving out what is
/// installed or generated (node_modules, .switchyard, .wrangler, dist). With
/// `linkModules`, `toDir/node_modules` becomes a symlink to the example's installed
/// packages (their real path). Returns `toDir`.
export function copyApp(fromDir, toDir, { linkModules = true } = {}) {
  fs.mkdirSync(toDir, { recursive: true });
  for (const f of fs.readdirSync(fromDir)) {
    if (["node_modules", ".switchyard", ".wrangler", "dist"].includes(f)) continue;
    fs.cpSync(path.join(fromDir, f), path.join(toDir, f), { recursive: true });
  }
  if (linkModules) fs.symlinkSync(fs.realpathSync(path.join(fromDir, "node_modules")), path.join(toDir, "node_modules"));
  return toDir;
}

/// A function (rel, text) that replaces `appDir/rel` in one step: the text is
/// written beside it in `.switchyard` (not watched), then renamed over it, so
/// the file watcher never sees a half-written file.
export function atomicWriter(appDir) {
  const scratch = path.join(appDir, ".switchyard");
  fs.mkdirSync(scratch, { recursive: true });
  let edits = 0;
  return (rel, text) => {
    const tmp = path.join(scratch, `edit-${++edits}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, path.join(appDir, rel));
  };
}

/// The events of `kind` in a journal written by `serve --journal FILE`, as
/// `switchyard journal FILE --json --kind KIND` prints them ([{kind, data, ...}]).
export function readJournal(switchyard, journalFile, kind) {
  const r = spawnSync(switchyard, ["journal", journalFile, "--json", "--kind", kind], { encoding: "utf8", timeout: 60000 });
  assert(r.status === 0, `switchyard journal exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/// Runs `change`, then waits (at most `timeoutMs`) until the server journaled
/// the HMR message of the update it caused: from then on, requests see the
/// new code. Returns the milliseconds it took.
export async function afterHmrUpdate(switchyard, journalFile, change, timeoutMs = 20000) {
  const before = readJournal(switchyard, journalFile, "hmr").length;
  const started = Date.now();
  change();
  while (readJournal(switchyard, journalFile, "hmr").length === before) {
    assert(Date.now() - started < timeoutMs, `no HMR message was journaled within ${timeoutMs} ms of the edit`);
    await sleep(50);
  }
  return Date.now() - started;
}

/// Debian's Chromium as the e2e tests and benchmarks launch it (`chromium` is
/// playwright-core's): headless, no sandbox (root), no background traffic.
export function launchChromium(chromium) {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
           "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
}

// `switchyard test ... --watch` as a child: `output()` is what it printed so
// far (stdout and stderr), `settled(n)` waits (no deadline of its own:
// ctest's TIMEOUT ends a hung run) for the n-th "Waiting for file changes" /
// "Tests failed" line and returns the output, `exited` resolves to
// { code, signal }.
export function startWatch(switchyard, args) {
  const child = spawn(switchyard, args, { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  child.stderr.on("data", (d) => { out += d; });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const settled = async (n) => {
    while ((out.match(/(Waiting for file changes|Tests failed\. Watching)/g) || []).length < n) {
      const status = await Promise.race([sleep(100), exited]);
      if (status) throw new Error(`watch exited (${JSON.stringify(status)}):\n${out}`);
    }
    return out;
  };
  return { child, output: () => out, settled, exited };
}
