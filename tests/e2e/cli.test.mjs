// The CLI on real input: `switchyard graph --json` per environment and
// `switchyard inspect`, and bad arguments.
// Usage: node cli.test.mjs <switchyard binary> <examples/hello dir>
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSuite, assert } from "./serveHarness.mjs";

const [switchyard, hello] = process.argv.slice(2).map((p) => path.resolve(p));
const run = (...args) => spawnSync(switchyard, args, { encoding: "utf8", timeout: 120000 });
const runIn = (cwd, ...args) => spawnSync(switchyard, args, { cwd, encoding: "utf8", timeout: 120000 });
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-cli-"));
process.on("exit", () => fs.rmSync(scratch, { recursive: true, force: true }));
const suite = createSuite();

await suite.check("graph --env worker: react-server build, bridged ssr subgraph, browserHash", async () => {
  const r = run("graph", hello, "--env", "worker", "--json");
  assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
  const g = JSON.parse(r.stdout);
  assert(g.environment === "worker", g.environment);
  // The app's JSX runtime in the worker is React's react-server build, pre-bundled.
  const jsx = g.optimizer.optimized["react/jsx-dev-runtime"];
  assert(jsx.src.endsWith("/react/jsx-dev-runtime.react-server.js"), jsx.src);
  assert(/^[0-9a-f]{8}$/.test(jsx.browserHash), jsx.browserHash);
  assert(g.optimizer.optimized["rwsdk/worker"].src.endsWith("/rwsdk/dist/runtime/entries/worker.js"), "rwsdk/worker not pre-bundled");
  // rwsdk's bridge (rwsdk/__ssr_bridge, pre-bundled for ssr) in the worker's bridged ssr subgraph.
  const bridge = g.modules.find((m) => m.id.startsWith("virtual:switchyard:ssr:") && m.id.endsWith("/deps_ssr/rwsdk___ssr_bridge.js"));
  assert(bridge && bridge.virtual && bridge.twin.endsWith("/deps_ssr/rwsdk___ssr_bridge.js"), "no bridge node");
  const ssrReact = g.modules.find((m) => m.id.startsWith("virtual:switchyard:ssr:") && m.id.endsWith("/deps_ssr/react.js"));
  assert(ssrReact && /^[0-9a-f]{8}$/.test(ssrReact.optimizedBrowserHash), "no bridged ssr react");
  const home = g.modules.find((m) => !m.virtual && m.id.endsWith("/src/app/pages/Home.tsx"));
  const reactImport = home.transform.imports.find((i) => i.specifier === "react/jsx-dev-runtime");
  assert(reactImport.rewrittenTo.includes("/deps_worker/react_jsx-dev-runtime.js?v="), reactImport.rewrittenTo);
  // The worker's own module, not its bridged ssr copy (virtual:switchyard:ssr:...), whose order varies.
  const counter = g.modules.find((m) => !m.virtual && m.id.endsWith("/src/app/components/Counter.tsx"));
  assert(counter.directives.includes("use client"), "Counter has no directive");
});

await suite.check("graph --env ssr and client: react's index.js", async () => {
  for (const env of ["ssr", "client"]) {
    const r = run("graph", hello, "--env", env, "--json");
    assert(r.status === 0, `${env}: exit ${r.status}: ${r.stderr}`);
    const g = JSON.parse(r.stdout);
    assert(g.optimizer.optimized.react.src.endsWith("/react/index.js"), `${env}: ${g.optimizer.optimized.react.src}`);
  }
});

await suite.check("inspect shows resolutions, code hash and referenced browserHash", async () => {
  const r = run("inspect", path.join(hello, "src/app/pages/Home.tsx"), "--env", "worker", "--json");
  assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
  const m = JSON.parse(r.stdout);
  assert(m.id.endsWith("/src/app/pages/Home.tsx"), m.id);
  assert(/^[0-9a-f]{8}$/.test(m.etag), m.etag);
  assert(m.source.includes("export function Home") && m.code.includes("/deps_worker/"), "source/code missing");
  assert(m.conditions.includes("react-server"), JSON.stringify(m.conditions));
  const isNumber = m.imports.find((i) => i.specifier === "is-number");
  assert(isNumber && isNumber.id.endsWith("/deps_worker/is-number.js"), JSON.stringify(isNumber));
  const referenced = Object.values(m.optimizedDeps);
  assert(referenced.length > 0 && referenced.every((h) => h.referenced === h.current), JSON.stringify(referenced));
});

await suite.check("bad input: clear messages and non-zero exits", async () => {
  let r = run("graph", hello, "--env", "browser");
  assert(r.status === 2 && r.stderr.includes("--env must be client, ssr or worker"), r.stderr);
  r = run("graph", "/nonexistent/app");
  assert(r.status === 1 && r.stderr.includes("/nonexistent/app does not exist"), r.stderr);
  r = run("inspect", "/etc/hostname", "--env", "worker");
  assert(r.status === 2 && r.stderr.includes("no wrangler.jsonc above"), r.stderr);
  r = run("frobnicate");
  assert(r.status === 2 && r.stderr.includes("unknown command"), r.stderr);
  r = run("serve", "--help");
  assert(r.status === 0 && r.stdout.includes("--cpu-limit"), r.stdout);
});

await suite.check("a folder that is not an app is refused (exit 2), never taken as a filter", async () => {
  const notAnApp = path.join(scratch, "not-an-app");
  fs.mkdirSync(path.join(notAnApp, "tests"), { recursive: true });
  fs.writeFileSync(path.join(notAnApp, "tests", "x.test.ts"), "throw new Error('must not run');\n");
  for (const command of ["test", "serve", "graph"]) {
    const r = command === "graph" ? run(command, notAnApp, "--env", "worker") : run(command, notAnApp);
    assert(r.status === 2, `${command}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    assert(r.stderr.includes(`${notAnApp} is not an app folder (expected wrangler.jsonc, wrangler.json or wrangler.toml in it)`),
      `${command}: ${r.stderr}`);
    assert(!r.stdout.includes("pages.test.ts"), `${command} ran the bundled example: ${r.stdout}`);
  }
  // Run from inside an app, a folder of that app is a path filter, not an error;
  // a word that is not a folder stays a filter.
  // (Vitest's printNoTestFound: the message, then the filters, on stderr.)
  let r = runIn(hello, "test", "public");
  assert(r.status === 1 && r.stderr.includes("No test files found, exiting with code 1") &&
    /filter: .*public/.test(r.stderr), `exit ${r.status}: ${r.stdout}${r.stderr}`);
  r = runIn(scratch, "test", hello, "no-such-test-file-anywhere");
  assert(r.status === 1 && r.stderr.includes("filter: no-such-test-file-anywhere"), `exit ${r.status}: ${r.stdout}${r.stderr}`);
});

await suite.check("wrangler.jsonc is read as wrangler reads it: trailing commas before comments", async () => {
  const app = path.join(scratch, "jsonc-app");
  fs.mkdirSync(path.join(app, "src"), { recursive: true });
  fs.writeFileSync(path.join(app, "wrangler.jsonc"), `{
  // comments anywhere, trailing commas (jsonc-parser with allowTrailingComma)
  "name": "jsonc-app",
  "main": "src/worker.js", /* block */
  "compatibility_flags": [
    "nodejs_compat", // trailing comma, then a comment
  ],
  "vars": {
    "URL": "https://example.com//not-a-comment",
    "GREETING": "hi /* not a comment */", // last
  }, // trailing comma followed by a comment
}
`);
  fs.writeFileSync(path.join(app, "src", "worker.js"),
    "export default { fetch: () => new Response('ok') };\n");
  fs.writeFileSync(path.join(app, "src", "vars.test.js"), `import { env } from "cloudflare:test";
import { expect, it } from "vitest";
it("sees the vars", () => {
  expect(env.URL).toBe("https://example.com//not-a-comment");
  expect(env.GREETING).toBe("hi /* not a comment */");
});
`);
  let r = run("test", app);
  assert(r.status === 0 && r.stdout.includes("1 passed"), `exit ${r.status}: ${r.stdout}${r.stderr}`);
  // Malformed: refused with the file, line and column.
  fs.writeFileSync(path.join(app, "wrangler.jsonc"), `{\n  "main": "src/worker.js"\n  "name": "x"\n}\n`);
  r = run("test", app);
  assert(r.status === 2 && r.stderr.includes("wrangler.jsonc: line 3, column 3: "), `exit ${r.status}: ${r.stderr}`);
});

process.exit(suite.finish());
