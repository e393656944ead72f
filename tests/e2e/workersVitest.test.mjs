// tests/fixtures/workers-vitest: Workers projects written as the Workers Vitest
// pool's documentation shows them, in both API generations, under
// `switchyard test` in both pools: their configs are read as Vitest and the
// pool read them (vitest.config with defineWorkersConfig / cloudflareTest,
// wrangler.toml / wrangler.jsonc with an environment, setupFiles, globalSetup
// + inject, KV and D1) and every test passes, checked by name. Then the
// diagnostics: what was read (--print-config), a folder that is not an app,
// configs that do not parse, a `main` that does not exist (exit 2 with the
// reason), a config without `main` (no SELF, as the pool), and settings
// Switchyard does not model, named once when the run starts.
// Usage: node workersVitest.test.mjs <switchyard binary> <tests/fixtures/workers-vitest>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createSuite, assert, startWatch } from "./serveHarness.mjs";

const [switchyard, fixtures] = process.argv.slice(2).map((p) => path.resolve(p));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-workers-vitest-"));

// A copy of a fixture (its caches land in the copy, not in the sources).
function copy(name, as = name) {
  const dir = path.join(work, as);
  fs.cpSync(path.join(fixtures, name), dir, {
    recursive: true,
    filter: (src) => !/\/(node_modules|\.switchyard|\.wrangler)(\/|$)/.test(src),
  });
  return dir;
}

function run(args, env = {}) {
  const childEnv = { ...process.env, ...env };
  if (!("CLOUDFLARE_ENV" in env)) delete childEnv.CLOUDFLARE_ENV;
  return spawnSync(switchyard, args, { encoding: "utf8", timeout: 170000, env: childEnv });
}

// Every test of the run, "file > suite > test" -> status.
function results(r) {
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    assert(false, `no JSON report (exit ${r.status}):\n${r.stdout.slice(0, 1500)}\n${r.stderr.slice(0, 3000)}`);
  }
  const out = {};
  for (const file of report.testResults) {
    const rel = path.basename(file.name);
    if (file.status !== "passed" && file.assertionResults.length === 0) out[`${rel}`] = `file ${file.status}: ${file.message.slice(0, 600)}`;
    for (const t of file.assertionResults)
      out[[rel, ...t.ancestorTitles, t.title].join(" > ")] =
        t.status === "passed" ? "passed" : `${t.status} ${t.failureMessages.join(" ").slice(0, 600)}`;
  }
  return out;
}

function expectAllPassed(r, expected) {
  const got = results(r);
  const wrong = expected.filter((name) => got[name] !== "passed").map((name) => `${name}: ${got[name] ?? "did not run"}`);
  const extra = Object.keys(got).filter((name) => !expected.includes(name)).map((name) => `${name}: ${got[name]}`);
  assert(wrong.length === 0 && extra.length === 0 && r.status === 0,
    `exit ${r.status}\n${[...wrong, ...extra.map((e) => `unexpected ${e}`)].join("\n")}\n${r.stderr.slice(0, 1500)}`);
}

const classicTests = [
  "index.spec.ts > the classic worker > greets through SELF with the staging environment's var",
  "index.spec.ts > the classic worker > is called as a unit with an execution context",
  "index.spec.ts > the classic worker > gets globalSetup's values through inject and the pool's options",
  "index.spec.ts > the classic worker > answers 404 for other paths",
  "storage.spec.ts > isolated storage per test > reads the migrated D1 table",
  "storage.spec.ts > isolated storage per test > writes a note and a KV key",
  "storage.spec.ts > isolated storage per test > does not see the previous test's writes",
  "outbound.spec.ts > outbound requests with fetchMock > answers the worker's upstream request",
  "outbound.spec.ts > outbound requests with fetchMock > passes an upstream error on",
  "outbound.spec.ts > aborted requests > reject with workerd's AbortError when the signal was aborted without a reason",
  "outbound.spec.ts > the scheduled handler > runs for a cron trigger",
  "defines.spec.ts > replaces wrangler's define of the selected environment",
  "defines.spec.ts > replaces vitest.config's define",
  "assets.spec.ts > static assets > answers a path that names an asset without running the Worker",
  "assets.spec.ts > static assets > leaves other paths to the Worker",
  "assets.spec.ts > static assets > is not in front of the Worker when it is called directly",
  "assets.spec.ts > static assets > serves the binding with html_handling's redirects",
  "websocket.spec.ts > upgrades /echo to a WebSocket that answers each message",
  "websocket.spec.ts > refuses to send before accept()",
  "node-handlers.spec.ts > calls a service binding the config gives as a function",
  "node-handlers.spec.ts > sends what fetchMock does not intercept to the outbound service",
];
const pluginTests = [
  "isolation.test.ts > starts from the migrated, empty database",
  "worker.test.ts > the plugin-generation worker > runs in the staging environment selected by CLOUDFLARE_ENV",
  "worker.test.ts > the plugin-generation worker > gets globalSetup's values through inject",
  "worker.test.ts > the plugin-generation worker > ran the setup file's hook before this test",
  "worker.test.ts > the plugin-generation worker > creates a user in D1 and a session in KV",
  "worker.test.ts > the plugin-generation worker > shares storage between the tests of one file",
  "snapshot.test.ts > snapshots > matches the stored snapshot",
  "snapshot.test.ts > snapshots > matches an inline snapshot",
  "snapshot.test.ts > snapshots > snapshots a response from the worker",
  "mocking.test.ts > module mocking > replaces a module's export with the factory's",
  "mocking.test.ts > module mocking > reaches the modules that import it",
  "mocking.test.ts > module mocking > changes what the mock returns",
  "mocking.test.ts > module mocking > spies on an object's method",
  "reset.test.ts > reset() > deletes what the bindings hold",
];

const suite = createSuite();
try {
  const classic = copy("classic");
  const plugin = copy("plugin");
  for (const pool of ["isolates", "contexts"]) {
    await suite.check(`classic (pool 0.8 generation, wrangler.toml [env.staging]) passes under --pool ${pool}`, async () => {
      expectAllPassed(run(["test", classic, "--pool", pool, "--reporter", "json"]), classicTests);
    });
    await suite.check(`plugin (pool 0.23 generation, wrangler.jsonc, CLOUDFLARE_ENV=staging) passes under --pool ${pool}`, async () => {
      expectAllPassed(run(["test", plugin, "--pool", pool, "--reporter", "json"], { CLOUDFLARE_ENV: "staging" }), pluginTests);
    });
  }

  // npm installs a `file:` dependency as a symlink whose real path lies
  // outside node_modules; CommonJS interop follows the package's format.
  const linked = copy("linked-packages");
  fs.mkdirSync(path.join(linked, "node_modules"));
  for (const dep of ["cjs-dep", "esm-dep"])
    fs.symlinkSync(`../vendor/${dep}`, path.join(linked, "node_modules", dep));
  const linkedTests = [
    "linked.test.ts > imports a file:-linked CommonJS package's module.exports as its default",
    "linked.test.ts > imports a file:-linked ES module package as it is",
    "linked.test.ts > gives the worker the same packages",
  ];
  for (const pool of ["isolates", "contexts"])
    await suite.check(`file:-linked CommonJS and ES module packages import under --pool ${pool}`, async () => {
      expectAllPassed(run(["test", linked, "--pool", pool, "--reporter", "json"]), linkedTests);
    });

  // Vitest 4's test.projects: each project runs with its own config.
  const projects = copy("projects");
  const projectTests = {
    alpha: ["alpha.test.ts > runs with its own wrangler config", "alpha.test.ts > sees the root's provided values"],
    "alpha-unit": ["alphaUnit.test.ts > gets its own config's bindings"],
    beta: ["beta.test.ts > runs with its folder's wrangler config"],
    inline: ["inline.test.ts > runs with the wrangler config its inline project names",
      "inline.test.ts > inherits the root's provided values"],
  };
  const testsOf = (...names) => names.flatMap((n) => projectTests[n]);
  for (const pool of ["isolates", "contexts"])
    await suite.check(`test.projects run each with its own config under --pool ${pool}`, async () => {
      const r = run(["test", projects, "--pool", pool, "--reporter", "json", "--reporter", "default"]);
      expectAllPassed(r, testsOf("alpha", "alpha-unit", "beta", "inline"));
      assert(r.stderr.includes("|alpha-unit| workers/alpha/unit/alphaUnit.test.ts"), r.stderr);
    });

  await suite.check("--project filters projects by name with Vitest's wildcards", async () => {
    expectAllPassed(run(["test", projects, "--project", "alpha*", "--reporter", "json"]), testsOf("alpha", "alpha-unit"));
    expectAllPassed(run(["test", projects, "--project=!alpha*", "--reporter", "json"]), testsOf("beta", "inline"));
    expectAllPassed(run(["test", projects, "--project", "BETA", "--project", "inline", "--reporter", "json"]),
      testsOf("beta", "inline"));
    const none = run(["test", projects, "--project", "gamma"]);
    assert(none.status === 1 && none.stderr.includes('No projects matched the filter "gamma".'),
      `exit ${none.status}: ${none.stderr}`);
  });

  await suite.check("--watch with test.projects reruns, in each project's own session, only the files an edit touches", async () => {
    const watched = copy("projects", "projects-watch");
    const watch = startWatch(switchyard, ["test", watched, "--watch", "--reporter", "verbose", "--no-color"]);
    const { child, exited } = watch;
    // The output of the n-th run (from its RERUN line on).
    const settled = async (n) => {
      const out = await watch.settled(n);
      return n > 1 ? out.slice(out.lastIndexOf("RERUN")) : out;
    };
    const passed = (text, label, file) => text.includes(` ✓ |${label}| ${file}`);
    try {
      let run = await settled(1);
      for (const [label, file] of [["alpha", "workers/alpha/test/alpha.test.ts"], ["alpha-unit", "workers/alpha/unit/alphaUnit.test.ts"],
        ["beta", "workers/beta/test/beta.test.ts"], ["inline", "inline/inline.test.ts"]])
        assert(passed(run, label, file), `${label} did not pass first:\n${run}`);
      // beta's worker: only beta's test reaches it (through SELF), in beta's session.
      fs.writeFileSync(path.join(watched, "workers/beta/src/index.ts"),
        'export default {\n  async fetch(): Promise<Response> {\n    return new Response("be" + "ta");\n  },\n};\n');
      run = await settled(2);
      assert(/RERUN .*workers\/beta\/src\/index\.ts/.test(run) && passed(run, "beta", "workers/beta/test/beta.test.ts"), run);
      assert(!/alpha|inline/.test(run.replace(/RERUN[^\n]*/, "")), `other projects reran:\n${run}`);
      // A test file of the alpha-unit project: that file alone.
      const unit = path.join(watched, "workers/alpha/unit/alphaUnit.test.ts");
      fs.writeFileSync(unit, fs.readFileSync(unit, "utf8").replace("gets its own config's bindings", "gets its own config's bindings (edited)"));
      run = await settled(3);
      assert(passed(run, "alpha-unit", "workers/alpha/unit/alphaUnit.test.ts > gets its own config's bindings (edited)"), run);
      assert(!/\|(alpha|beta|inline)\|/.test(run), `other projects reran:\n${run}`);
      // A new test file in beta's include joins its project's run.
      fs.writeFileSync(path.join(watched, "workers/beta/test/added.test.ts"),
        'import { env } from "cloudflare:test";\nimport { expect, it } from "vitest";\nit("is new", () => { expect(env.WHO).toBe("beta"); });\n');
      run = await settled(4);
      assert(passed(run, "beta", "workers/beta/test/added.test.ts > is new"), run);
      // A project's config reloads them all.
      const config = path.join(watched, "workers/beta/vitest.config.ts");
      fs.writeFileSync(config, fs.readFileSync(config, "utf8") + "// edited\n");
      run = await settled(5);
      assert(watch.output().includes("Restarting due to config changes"), watch.output());
      for (const label of ["alpha", "alpha-unit", "beta", "inline"]) assert(run.includes(`|${label}|`), `${label} did not rerun:\n${run}`);
    } finally {
      child.kill("SIGTERM");
    }
    const { code, signal } = await exited;
    assert(code === 143 && signal === null, `after SIGTERM: exit ${code} signal ${signal}\n${watch.output()}`);
  });

  await suite.check("--print-config lists the projects as read", async () => {
    const r = run(["test", projects, "--print-config"]);
    assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
    const c = JSON.parse(r.stdout);
    const seen = c.projects.map((p) => `${p.projectName}:${p.wranglerConfig ? path.relative(projects, p.wranglerConfig) : null}:${p.files.join("+")}`);
    assert(seen.join(",") === "alpha:workers/alpha/wrangler.jsonc:test/alpha.test.ts," +
      "alpha-unit:workers/alpha/wrangler.jsonc:unit/alphaUnit.test.ts," +
      "beta:workers/beta/wrangler.jsonc:test/beta.test.ts," +
      "inline:workers/alpha/wrangler.jsonc:inline/inline.test.ts", seen.join(","));
  });

  await suite.check("--env selects the environment as CLOUDFLARE_ENV does", async () => {
    const r = run(["test", plugin, "--env", "staging", "--reporter", "json", "-t", "staging environment"]);
    const got = results(r);
    assert(got[pluginTests[1]] === "passed", JSON.stringify(got, null, 1));
    // Without it the top level's vars and bindings apply: the stage test fails.
    const top = results(run(["test", plugin, "--reporter", "json", "-t", "staging environment"]));
    assert(top[pluginTests[1]].startsWith("failed"), JSON.stringify(top, null, 1));
  });

  await suite.check("--print-config shows what was read", async () => {
    const r = run(["test", classic, "--print-config"]);
    assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
    const c = JSON.parse(r.stdout);
    assert(c.configFile.endsWith("/vitest.config.ts") && c.wranglerConfig.endsWith("/wrangler.toml"), r.stdout);
    assert(c.environment === "staging" && c.name === "classic-worker-staging", r.stdout);
    assert(c.main.endsWith("/src/index.ts") && c.nodejsCompat === "v2", r.stdout);
    assert(c.test.storageIsolation === "per-test" && c.test.singleWorker === true, r.stdout);
    assert(c.test.setupFiles.length === 1 && c.test.setupFiles[0].endsWith("/test/apply-migrations.ts"), r.stdout);
    assert(c.test.globalSetup[0].endsWith("/test/global-setup.ts"), r.stdout);
    assert(c.workersPool.generation === "poolOptions" && c.workersPool.wranglerEnvironment === "staging", r.stdout);
    const bindings = c.bindings.map((b) => `${b.name}:${b.type}:${b.id}`).sort();
    assert(bindings.join(",") === "DB:d1:classic-db-staging-id,KV:kv:classic-kv-staging", bindings.join(","));
    assert(c.vars.includes("TEST_MIGRATIONS") && c.vars.includes("GREETING"), r.stdout);
    assert(c.files.join(",") === "test/assets.spec.ts,test/defines.spec.ts,test/index.spec.ts,test/node-handlers.spec.ts,test/outbound.spec.ts,test/storage.spec.ts,test/websocket.spec.ts", c.files.join(","));
    assert(c.wranglerDefine["BUILD.FEATURES"] === '["kv", "d1"]' && c.define.__API_VERSION__ === '"v2"', JSON.stringify([c.define, c.wranglerDefine]));

    const p = JSON.parse(run(["test", plugin, "--print-config"], { CLOUDFLARE_ENV: "staging" }).stdout);
    assert(p.workersPool.generation === "plugin" && p.test.storageIsolation === "per-file", JSON.stringify(p));
    assert(p.test.testTimeout === 8000 && p.test.include.join() === "test/**/*.test.ts", JSON.stringify(p.test));
    assert(p.environment === "staging" && p.wranglerConfig.endsWith("/wrangler.jsonc"), JSON.stringify(p));
  });

  await suite.check("a folder that is not an app exits 2 with the reason", async () => {
    const empty = path.join(work, "not-an-app");
    fs.mkdirSync(empty);
    const r = run(["test", empty]);
    assert(r.status === 2 && r.stderr.includes("is not an app folder"), `exit ${r.status}: ${r.stderr}`);
  });

  await suite.check("a wrangler.toml that does not parse exits 2 naming the file and line", async () => {
    const app = copy("classic", "bad-toml");
    fs.writeFileSync(path.join(app, "wrangler.toml"), 'name = "x"\nmain = "src/index.ts"\n[vars\n');
    const r = run(["test", app]);
    assert(r.status === 2 && /wrangler\.toml: line 3, column \d+/.test(r.stderr), `exit ${r.status}: ${r.stderr}`);
  });

  await suite.check("a vitest.config that does not parse exits 2 naming the file and line", async () => {
    const app = copy("plugin", "bad-config");
    fs.writeFileSync(path.join(app, "vitest.config.ts"),
      'import { defineConfig } from "vitest/config";\n\nexport default defineConfig({\n  test: { include: [ }\n});\n');
    const r = run(["test", app]);
    assert(r.status === 2 && /vitest\.config\.ts:4:\d+/.test(r.stderr), `exit ${r.status}: ${r.stderr}`);
  });

  await suite.check("a main that does not exist exits 2 with the reason", async () => {
    const app = copy("plugin", "missing-main");
    const file = path.join(app, "wrangler.jsonc");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"src/index.ts"', '"src/missing.ts"'));
    const r = run(["test", app]);
    assert(r.status === 2 && r.stderr.includes("src/missing.ts does not exist"), `exit ${r.status}: ${r.stderr}`);
  });

  await suite.check("a package that imports cloudflare:workers is pre-bundled with that import kept (plain Workers app)", async () => {
    // As @cloudflare/containers does: its pre-bundle imports workerd's module at run time.
    const app = path.join(work, "cloudflare-import");
    const files = {
      "wrangler.jsonc": '{ "name": "cf-import", "main": "src/index.ts", "compatibility_date": "2025-09-01" }',
      "src/index.ts": 'import { Greeter } from "greeter-entrypoint";\nexport { Greeter };\n' +
        "export default { fetch() { return new Response('ok'); } };\n",
      "node_modules/greeter-entrypoint/package.json": '{ "name": "greeter-entrypoint", "type": "module", "main": "index.js" }',
      "node_modules/greeter-entrypoint/index.js": 'import { WorkerEntrypoint } from "cloudflare:workers";\n' +
        "export class Greeter extends WorkerEntrypoint { greet(name) { return `hello ${name}`; } }\n",
      "test/greeter.test.ts": 'import { exports } from "cloudflare:workers";\nimport { expect, it } from "vitest";\n' +
        'it("greets over RPC", async () => { expect(await exports.Greeter.greet("ada")).toBe("hello ada"); });\n',
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
      fs.writeFileSync(path.join(app, name), text);
    }
    const got = results(run(["test", app, "--reporter", "json"]));
    assert(got["greeter.test.ts > greets over RPC"] === "passed", JSON.stringify(got, null, 1));
  });

  await suite.check("without main the tests run with env but no SELF, as in the pool", async () => {
    const app = path.join(work, "no-main");
    fs.mkdirSync(path.join(app, "test"), { recursive: true });
    fs.writeFileSync(path.join(app, "wrangler.jsonc"),
      '{ "name": "no-main", "compatibility_date": "2025-01-01", "vars": { "A": "1" } }');
    fs.writeFileSync(path.join(app, "test/env.test.ts"), `
import { env, SELF } from "cloudflare:test";
import { expect, it } from "vitest";
it("has env", () => { expect(env.A).toBe("1"); });
it("has no SELF", async () => { await expect(SELF.fetch("http://x/")).rejects.toThrow("requires \`main\`"); });
`);
    const got = results(run(["test", app, "--reporter", "json"]));
    assert(got["env.test.ts > has env"] === "passed" && got["env.test.ts > has no SELF"] === "passed",
      JSON.stringify(got, null, 1));
  });

  await suite.check("bindings, flags and keys Switchyard does not model are named once at start", async () => {
    const app = copy("classic", "unmodelled");
    const file = path.join(app, "wrangler.toml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8")
      .replace('compatibility_flags = ["nodejs_compat"]', 'compatibility_flags = ["nodejs_compat", "streams_enable_constructors"]')
      + '\n[[env.staging.r2_buckets]]\nbinding = "BUCKET"\nbucket_name = "files"\n');
    // A service binding to a Worker that is not among miniflare.workers.
    const config = path.join(app, "vitest.config.ts");
    fs.writeFileSync(config, fs.readFileSync(config, "utf8").replace("serviceBindings: {", 'serviceBindings: {\n              BILLING: "billing-worker",'));
    const r = run(["test", app, "--reporter", "json"]);
    const count = (text) => r.stderr.split(text).length - 1;
    assert(count("r2_buckets (BUCKET): R2 bucket bindings are not supported by Switchyard yet") === 1, r.stderr);
    assert(count('miniflare.serviceBindings (BILLING): service binding to the Worker "billing-worker", which is neither ' +
      "this Worker nor one of miniflare.workers: not supported by Switchyard yet") === 1, r.stderr);
    assert(!r.stderr.includes("PRICES") && !r.stderr.includes("outboundService"), r.stderr);
    assert(count('compatibility flag "streams_enable_constructors" is not modelled') === 1, r.stderr);
    assert(r.status === 0, `the run itself passes: exit ${r.status}`);
  });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(suite.finish());
