// How long the `vitest` module of test isolates (build/engine/js/vitestHarness.js)
// takes to compile and evaluate, and to run a small test file, in fresh realms.
// Each test file gets a fresh isolate, so this is paid once per file.
//
//   node bench/testHarness/harnessEvalBench.mjs [bundle] [--runs 50] [--cold 10]
//
// Prints: bundle size; per fresh vm context (same process, so V8's in-process
// compilation cache helps after the first): compile+evaluate ms, the same with
// V8's code cache of an earlier evaluation (what a host could keep across
// isolates), and running a 6-test file ms; per fresh process (cold):
// compile+evaluate ms without and with the code cache. first/median/p90/min.
// Figures only; nothing passes or fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { AsyncLocalStorage } from 'node:async_hooks';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const bundlePath = resolve(positional[0] || join(here, '../../build/engine/js/vitestHarness.js'));
const runs = option('--runs', 50);
const cold = option('--cold', 10);
const childMode = args.includes('--child');

// vm.SourceTextModule needs --experimental-vm-modules: re-run ourselves with it.
if (!vm.SourceTextModule) {
  const r = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const source = readFileSync(bundlePath, 'utf8');

const TEST_FILE = `
import { describe, it, expect, beforeEach, vi } from 'vitest';
let n = 0;
beforeEach(() => { n++; });
describe('bench', () => {
  it('adds', () => { expect(1 + 1).toBe(2); });
  it('equals', () => { expect({ a: [1, 2] }).toEqual({ a: [1, 2] }); });
  it('spies', () => { const f = vi.fn(); f(1); expect(f).toHaveBeenCalledWith(1); });
  it('awaits', async () => { await expect(Promise.resolve(n)).resolves.toBeGreaterThan(0); });
  it.each([[1, 2], [2, 3]])('each %i', (a, b) => { expect(b - a).toBe(1); });
});
`;

/** A fresh realm with the globals a worker isolate gives the harness. */
function freshContext() {
  const quiet = { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {}, dir() {}, assert() {} };
  return vm.createContext({
    setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, queueMicrotask,
    performance, AsyncLocalStorage, AbortController, AbortSignal, EventTarget, Event, TextEncoder, TextDecoder,
    URL, URLSearchParams, structuredClone, console: quiet,
  });
}

/**
 * Compiles, links and evaluates the bundle in `context`; returns { module, ms }.
 * With `cachedData` (V8's code cache of an earlier evaluation) V8 skips parsing
 * and compiling the functions the cache holds.
 */
async function evaluateHarness(context, cachedData) {
  const t0 = performance.now();
  const module = new vm.SourceTextModule(source, { context, identifier: 'virtual:switchyard:vitest', cachedData });
  await module.link(() => {
    throw new Error('the harness bundle imports nothing');
  });
  await module.evaluate();
  return { module, ms: performance.now() - t0 };
}

/** Runs TEST_FILE through __switchyard.run in `context`; returns { summary, ms }. */
async function runTestFile(context, harness) {
  const t0 = performance.now();
  const testModule = new vm.SourceTextModule(TEST_FILE, { context, identifier: '/bench/bench.test.js' });
  await testModule.link((specifier) => {
    if (specifier === 'vitest') return harness;
    throw new Error(`unexpected import ${specifier}`);
  });
  const events = [];
  const summary = await harness.namespace.__switchyard.run({
    importTestFile: () => testModule.evaluate(),
    emit: (e) => events.push(e),
    filepath: '/bench/bench.test.js',
  });
  return { summary, ms: performance.now() - t0 };
}

if (childMode) {
  const cachePath = args[args.indexOf('--child') + 1];
  const cachedData = cachePath && cachePath !== '-' ? readFileSync(cachePath) : undefined;
  const { module, ms } = await evaluateHarness(freshContext(), cachedData);
  process.stdout.write(JSON.stringify({ ms, rejected: cachedData ? module.cachedDataRejected === true : null }));
  process.exit(0);
}

const stats = (values) => {
  const sorted = values.slice().sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `first ${values[0].toFixed(2)}  median ${at(0.5).toFixed(2)}  p90 ${at(0.9).toFixed(2)}  min ${sorted[0].toFixed(2)}`;
};

const evalMs = [];
const runMs = [];
for (let i = 0; i < runs; i++) {
  const context = freshContext();
  const harness = await evaluateHarness(context);
  evalMs.push(harness.ms);
  const run = await runTestFile(context, harness.module);
  if (run.summary.passed !== 6 || !run.summary.ok) throw new Error(`bench test file did not pass: ${JSON.stringify(run.summary)}`);
  runMs.push(run.ms);
}

// V8's code cache of the compiled harness, as a host could keep it across
// isolates. Node only makes it before evaluation (so without the functions V8
// compiles lazily while evaluating); V8's C++ API can also make it after.
const cacheFile = join(mkdtempSync(join(tmpdir(), 'sy-harness-bench-')), 'harness.cache');
writeFileSync(cacheFile, new vm.SourceTextModule(source, { context: freshContext() }).createCachedData());
const cachedMs = [];
for (let i = 0; i < runs; i++) cachedMs.push((await evaluateHarness(freshContext(), readFileSync(cacheFile))).ms);

const child = (cache) => {
  const r = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', fileURLToPath(import.meta.url), bundlePath, '--child', cache], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout);
  if (out.rejected) throw new Error('V8 rejected the code cache');
  return out.ms;
};
const coldMs = [];
const coldCachedMs = [];
for (let i = 0; i < cold; i++) {
  coldMs.push(child('-'));
  coldCachedMs.push(child(cacheFile));
}
rmSync(dirname(cacheFile), { recursive: true, force: true });

console.log(`vitest harness bundle: ${bundlePath}`);
console.log(`  size                                   ${(statSync(bundlePath).size / 1024).toFixed(1)} KiB`);
console.log(`  node ${process.version}, ${runs} fresh vm contexts, ${cold} fresh processes (ms)`);
console.log(`  compile + evaluate, fresh context      ${stats(evalMs)}`);
console.log(`    with V8 code cache                   ${stats(cachedMs)}`);
console.log(`  run a 6-test file (collect + run)      ${stats(runMs)}`);
if (coldMs.length) {
  console.log(`  compile + evaluate, fresh process      ${stats(coldMs)}`);
  console.log(`    with V8 code cache                   ${stats(coldCachedMs)}`);
}
