// The CLI on real input: `switchyard graph --json` per environment and
// `switchyard inspect`, and bad arguments.
// Usage: node cli.test.mjs <switchyard binary> <examples/hello dir>
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createSuite, assert } from "./serveHarness.mjs";

const [switchyard, hello] = process.argv.slice(2);
const run = (...args) => spawnSync(switchyard, args, { encoding: "utf8", timeout: 120000 });
const suite = createSuite();

await suite.check("graph --env worker: react-server build, bridged ssr subgraph, browserHash", async () => {
  const r = run("graph", hello, "--env", "worker", "--json");
  assert(r.status === 0, `exit ${r.status}: ${r.stderr}`);
  const g = JSON.parse(r.stdout);
  assert(g.environment === "worker", g.environment);
  const react = g.optimizer.optimized.react;
  assert(react.src.endsWith("/react/react.react-server.js"), react.src);
  assert(/^[0-9a-f]{8}$/.test(react.browserHash), react.browserHash);
  const bridge = g.modules.find((m) => m.id.startsWith("virtual:switchyard:ssr:") && m.id.endsWith("/runtime/ssrBridge.js"));
  assert(bridge && bridge.virtual && bridge.twin.endsWith("/runtime/ssrBridge.js"), "no bridge node");
  const ssrReact = g.modules.find((m) => m.id.startsWith("virtual:switchyard:ssr:") && m.id.endsWith("/deps_ssr/react.js"));
  assert(ssrReact && /^[0-9a-f]{8}$/.test(ssrReact.optimizedBrowserHash), "no bridged ssr react");
  const home = g.modules.find((m) => m.id.endsWith("/src/app/pages/Home.tsx"));
  const reactImport = home.transform.imports.find((i) => i.specifier === "react/jsx-dev-runtime");
  assert(reactImport.rewrittenTo.includes("/deps_worker/react_jsx-dev-runtime.js?v="), reactImport.rewrittenTo);
  const counter = g.modules.find((m) => m.id.endsWith("/src/app/components/Counter.tsx"));
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

process.exit(suite.finish());
