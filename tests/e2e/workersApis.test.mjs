// The APIs Workers Vitest suites import (issue 13 section 2), on fixture apps
// whose tests are written as the pool's docs write them, in both pool
// generations. `switchyard test` (both --pool modes) passes every test of
// every file, and each file ran the tests it has (so a file that silently
// collected nothing cannot pass):
// tests/fixtures/workers-vitest-apis
// - handlers.test.ts: createExecutionContext / waitOnExecutionContext,
//   createScheduledController, createMessageBatch / getQueueResult on a handler object;
// - self.test.ts: SELF.fetch / scheduled / queue on a WorkerEntrypoint default export;
// - exports.test.ts: cloudflare:workers env + exports (default with RPC, a
//   named entrypoint), the entrypoint classes, applyD1Migrations, reset();
// - rpc.test.ts: service bindings with JS RPC semantics (methods, properties,
//   RpcTarget and function stubs, pipelining, structured clone, `using`,
//   errors with workerd's messages);
// - withEnv.test.ts: withEnv / withExports / withEnvAndExports of cloudflare:workers;
// - fs.test.ts: workerd's virtual node:fs (/bundle, /tmp), not the machine's disk;
// - platform.test.ts: ctx.exports, RpcStub, the CryptoKey global, an empty body with
//   status 204, a Request with a
//   ReadableStream body and no `duplex`;
// - fetchMock.test.ts: undici's MockAgent as cloudflare:test's fetchMock (the
//   pool's 0.8-era API; 0.23 no longer exports it);
// tests/fixtures/workers-vitest-auxiliary
// - auxiliary.test.ts: auxiliary Workers (miniflare.workers: scriptPath and
//   inline modules, their own bindings) reached through wrangler `services` and
//   miniflare `serviceBindings` (a named entrypoint): fetch, RPC with clones in
//   the caller's realm, RpcTargets, callbacks, errors of their own type,
//   scheduled(), and from the Worker under test's own handler;
// tests/fixtures/workers-vitest-pages
// - pages.test.ts: a Pages project whose ASSETS binding is the pool's
//   buildPagesASSETSBinding (wrangler's Pages asset server: 404.html,
//   _redirects, _headers);
// tests/fixtures/workers-vitest-unsupported (Switchyard only)
// - unsupported.test.ts: Durable Object / R2 / Queue / other-Worker bindings,
//   the Cache API and the Durable Object / Workflow helpers fail naming what;
// - rpcClone.test.ts: what RPC refuses to send (DataCloneError) and copies;
// - stubs.test.ts: workerd's stub built-ins (node:vm, node:http2) import, and
//   their functions throw ERR_METHOD_NOT_IMPLEMENTED.
// When bench/testRuns/peer has the real @cloudflare/vitest-pool-workers
// installed (`npm ci` there), the shared files also run under it (`vitest run`
// with the fixture's vitest.config.ts, in workerd) and must pass the same
// tests; without it that check is skipped, saying so.
// Usage: node workersApis.test.mjs <switchyard binary> <fixtures dir> <peer dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createSuite, assert } from "./serveHarness.mjs";
import { runPassingTests, passedTestNames } from "./testReport.mjs";

const [switchyard, fixtures, peer] = process.argv.slice(2).map((p) => path.resolve(p));
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-workers-apis-"));

// A copy of a fixture; its node_modules (installed by scripts/setup.sh) is linked, not copied.
function copyFixture(name) {
  const app = path.join(scratch, name);
  const source = path.join(fixtures, name);
  fs.cpSync(source, app, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}.switchyard`) && src !== path.join(source, "node_modules"),
  });
  if (fs.existsSync(path.join(source, "node_modules"))) fs.symlinkSync(path.join(source, "node_modules"), path.join(app, "node_modules"));
  return app;
}

// Passed tests per file, by file name.
const passedPerFile = (report) =>
  Object.fromEntries(report.testResults.map((file) => [path.basename(file.name), passedTestNames(file).sort()]));
const counts = (perFile) => Object.fromEntries(Object.entries(perFile).map(([name, tests]) => [name, tests.length]));
const sameCounts = (a, b) => JSON.stringify(a, Object.keys(b).sort()) === JSON.stringify(b, Object.keys(b).sort()) &&
  Object.keys(a).length === Object.keys(b).length;

const apps = {
  "workers-vitest-apis": {
    "handlers.test.ts": 6,
    "self.test.ts": 3,
    "exports.test.ts": 7,
    "rpc.test.ts": 12,
    "fetchMock.test.ts": 6,
    "withEnv.test.ts": 5,
    "platform.test.ts": 6,
    "fs.test.ts": 1,
  },
  "workers-vitest-auxiliary": {
    "auxiliary.test.ts": 8,
  },
  // wrangler (the fixture's own, 4.86: later ones need Node 22) serves the assets.
  "workers-vitest-pages": {
    "pages.test.ts": 4,
  },
  "workers-vitest-unsupported": {
    "unsupported.test.ts": 4,
    "stubs.test.ts": 1,
    "rpcClone.test.ts": 2,
  },
};
// The files the real pool (0.23) runs too, per fixture.
const sharedFiles = {
  "workers-vitest-apis": ["handlers.test.ts", "self.test.ts", "exports.test.ts", "rpc.test.ts", "withEnv.test.ts",
    "platform.test.ts", "fs.test.ts"],
  "workers-vitest-auxiliary": ["auxiliary.test.ts"],
  "workers-vitest-pages": ["pages.test.ts"],
};

const suite = createSuite();
try {
  const switchyardPassed = {};
  for (const [name, expected] of Object.entries(apps)) {
    const app = copyFixture(name);
    for (const pool of ["isolates", "contexts"]) {
      await suite.check(`${name}: switchyard test --pool ${pool} passes every test`, async () => {
        const perFile = passedPerFile(runPassingTests(switchyard, app, pool));
        assert(sameCounts(counts(perFile), expected),
          `passed tests per file: ${JSON.stringify(counts(perFile))}, expected ${JSON.stringify(expected)}`);
        if (sharedFiles[name]) (switchyardPassed[name] ??= {})[pool] = perFile;
      });
    }
  }

  const vitest = path.join(peer, "node_modules", "vitest", "vitest.mjs");
  if (!fs.existsSync(path.join(peer, "node_modules", "@cloudflare", "vitest-pool-workers"))) {
    console.log(`SKIP the real pool: not installed in ${peer} (run npm ci there)`);
  } else {
    for (const [name, files] of Object.entries(sharedFiles)) {
      await suite.check(`${name}: the real pool (vitest + @cloudflare/vitest-pool-workers in workerd) passes the same tests`, async () => {
        const app = path.join(scratch, `real-pool-${name}`);
        fs.cpSync(path.join(fixtures, name), app, { recursive: true, filter: (src) => !/node_modules/.test(src) });
        fs.symlinkSync(path.join(peer, "node_modules"), path.join(app, "node_modules"));
        const report = path.join(app, "report.json");
        const r = spawnSync(process.execPath, [vitest, "run", ...files.map((f) => `test/${f}`),
          "--reporter", "json", "--outputFile", report], { cwd: app, encoding: "utf8", timeout: 170000 });
        assert(fs.existsSync(report) && r.status === 0,
          `the real pool exited with ${r.status}:\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-2000)}`);
        const perFile = passedPerFile(JSON.parse(fs.readFileSync(report, "utf8")));
        for (const file of files) {
          const ours = JSON.stringify(switchyardPassed[name]?.isolates?.[file]);
          const theirs = JSON.stringify(perFile[file]);
          assert(ours === theirs, `${file}: the real pool passed ${theirs}, switchyard ${ours}\n${r.stdout.slice(-1500)}`);
        }
      });
    }
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(suite.finish());
