// An app configured the way TypeScript, Vite and wrangler users configure
// theirs, on a copy of examples/realworld: a "@/" alias from tsconfig.json
// `paths` (which `extends` tsconfig.base.json) used in the worker, ssr and
// client environments; `.env` VITE_ values in import.meta.env of all three;
// a `.dev.vars` secret in the worker's `env` (never in a response, never
// served); edits of tsconfig.json, its base, .env and .dev.vars take effect
// without a restart, journaled; a tsconfig that does not parse is an error
// naming its line and column and the server recovers; `switchyard graph`,
// `inspect` and `test` see the same configuration.
// Usage: node appConfig.test.mjs <switchyard binary> <examples/realworld dir>
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import {
  startServe,
  createSuite,
  assert,
  atomicWriter,
  readJournal,
  afterHmrUpdate,
} from "./serveHarness.mjs";

const [switchyard, exampleDir] = process.argv.slice(2).map((p) => path.resolve(p));
const unique = (label) => `${label}${crypto.randomBytes(6).toString("hex")}`;
const title = unique("Title");
const secret = unique("secret-value-");

const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-app-config-"));
fs.cpSync(exampleDir, app, {
  recursive: true,
  // The example's own tests/ expect its .env values; this copy writes others
  // and a test file of its own.
  filter: (src) => !/\/(node_modules|\.switchyard)(\/|$)/.test(src) && path.relative(exampleDir, src) !== "tests",
});
fs.symlinkSync(path.join(exampleDir, "node_modules"), path.join(app, "node_modules"));
const write = atomicWriter(app);
const read = (rel) => fs.readFileSync(path.join(app, rel), "utf8");
write(".env", `VITE_APP_TITLE=${title}\nVITE_GREETING="Hi \${VITE_APP_TITLE}"\nNOT_PUBLIC=hidden\n`);
write(".dev.vars", `API_SECRET=${secret}\n`);
write(
  "src/app/config.test.ts",
  `import { expect, it } from "vitest";
import { env } from "cloudflare:test";
import { formatCount } from "@/app/lib/format";

it("gets the .dev.vars secret, import.meta.env and the @/ alias", () => {
  expect(env.API_SECRET).toBe(${JSON.stringify(secret)});
  expect(import.meta.env.MODE).toBe("test");
  expect(import.meta.env.SSR).toBe(true);
  expect(import.meta.env.VITE_APP_TITLE).toBe(${JSON.stringify(title)});
  expect(formatCount(2)).toBe("2 clicks");
});
`,
);
const originalTsconfig = read("tsconfig.json");
// Unused until a tsconfig edit maps "@/" there first.
fs.mkdirSync(path.join(app, "src/alt/app/lib"), { recursive: true });
write("src/alt/app/lib/format.ts", `export function formatCount(count: number): string {\n  return \`\${count} taps\`;\n}\n`);
const journal = path.join(app, ".switchyard", "journal.sqlite");
const text = (html, id) => {
  const m = html.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`));
  return m ? m[1] : null;
};

const suite = createSuite();
let server;
try {
  server = await startServe(switchyard, app, ["--journal", journal]);
  const get = async (target) => {
    const r = await fetch(server.origin + target);
    return { status: r.status, body: await r.text() };
  };

  await suite.check("the @/ alias resolves in the worker, ssr and client environments", async () => {
    const page = await get("/");
    assert(page.status === 200, `GET / answered ${page.status}: ${page.body.slice(0, 400)}`);
    // worker: worker.tsx and Home import "@/app/..."; ssr: Counter imports "@/app/lib/format".
    assert(text(page.body, "count-text") === "0 clicks", "the ssr render did not use @/app/lib/format");
    const counter = await get("/src/app/components/Counter.tsx");
    assert(counter.status === 200, `Counter.tsx answered ${counter.status}`);
    assert(counter.body.includes('from "/src/app/lib/format.ts"'), `client Counter does not import the mapped URL:\n${counter.body.slice(0, 600)}`);
  });

  await suite.check("import.meta.env holds the .env values in the worker, ssr and client", async () => {
    const page = await get("/");
    assert(text(page.body, "env-server-greeting") === `Hi ${title}`, `worker: ${text(page.body, "env-server-greeting")}`);
    assert(text(page.body, "env-server-mode") === "development", "worker MODE");
    assert(text(page.body, "env-server-ssr") === "true", "worker SSR");
    assert(text(page.body, "env-client-title") === title, `ssr: ${text(page.body, "env-client-title")}`);
    assert(text(page.body, "env-render-ssr") === "true", "ssr SSR");
    const envInfo = await get("/src/app/components/EnvInfo.tsx");
    const prelude = envInfo.body.split("\n")[0].match(/import\.meta\.env = (\{.*?\});/);
    assert(prelude, `no import.meta.env prelude in the client module:\n${envInfo.body.slice(0, 300)}`);
    const env = JSON.parse(prelude[1]);
    assert(env.VITE_APP_TITLE === title && env.SSR === false && env.DEV === true && env.PROD === false &&
           env.MODE === "development" && env.BASE_URL === "/", `client env: ${prelude[1]}`);
    assert(!("NOT_PUBLIC" in env) && !envInfo.body.includes("hidden"), "a variable without VITE_ reached the browser");
  });

  await suite.check("the .dev.vars secret reaches the worker's env and no response", async () => {
    const page = await get("/");
    const shown = page.body.match(/API secret: (?:<!-- -->)?(\d+) characters/);
    assert(shown && Number(shown[1]) === secret.length, `secret length not shown: ${page.body.match(/API secret:[^<]*(<!-- -->)?[^<]*/)}`);
    assert(!page.body.includes(secret), "the secret itself is in the HTML");
    // Module and file routes refuse them (FilePolicy, 403); a path no route
    // serves as a file may also reach the worker, which has no such page (404).
    for (const [target, statuses] of [["/@fs" + fs.realpathSync(app) + "/.dev.vars", [403]], ["/.env?import", [403]],
                                      ["/.dev.vars?raw", [403]], ["/.dev.vars", [403, 404]], ["/.env", [403, 404]]]) {
      const r = await get(target);
      assert(statuses.includes(r.status), `${target} answered ${r.status}, not ${statuses}`);
      assert(!r.body.includes(secret) && !r.body.includes("hidden"), `${target} leaked a value`);
    }
  });

  await suite.check("an edit of .env reaches every environment without a restart", async () => {
    const next = unique("NewTitle");
    await afterHmrUpdate(switchyard, journal, () =>
      write(".env", `VITE_APP_TITLE=${next}\nVITE_GREETING="Hi \${VITE_APP_TITLE}"\n`));
    const page = await get("/");
    assert(text(page.body, "env-server-greeting") === `Hi ${next}`, `worker: ${text(page.body, "env-server-greeting")}`);
    assert(text(page.body, "env-client-title") === next, `ssr: ${text(page.body, "env-client-title")}`);
    const envInfo = await get("/src/app/components/EnvInfo.tsx");
    assert(envInfo.body.includes(`"VITE_APP_TITLE":"${next}"`), "the client module kept the old value");
    const events = readJournal(switchyard, journal, "invalidation");
    const env = events.find((e) => e.data.cause === "env file changed");
    assert(env && env.data.module === path.join(fs.realpathSync(app), ".env") &&
           env.data.invalidated.some((id) => id.endsWith("/EnvInfo.tsx")) &&
           env.data.invalidated.some((id) => id.endsWith("/pages/Home.tsx")),
           `no env invalidation naming .env and its modules: ${JSON.stringify(events.map((e) => e.data))}`);
  });

  await suite.check("an edit of .dev.vars restarts the worker with the new env", async () => {
    const next = unique("another-secret-that-is-longer-");
    await afterHmrUpdate(switchyard, journal, () => write(".dev.vars", `API_SECRET=${next}\n`));
    const page = await get("/");
    const shown = page.body.match(/API secret: (?:<!-- -->)?(\d+) characters/);
    assert(shown && Number(shown[1]) === next.length, `old secret still in env: ${shown && shown[1]}`);
    const restarts = readJournal(switchyard, journal, "runner-cache-clear")
      .filter((e) => e.data.environmentRecreated && /\.dev\.vars/.test(e.data.reason || ""));
    assert(restarts.length === 1, `expected one journaled restart for .dev.vars: ${JSON.stringify(restarts)}`);
    const cause = readJournal(switchyard, journal, "invalidation").filter((e) => e.data.cause === "worker env changed");
    assert(cause.length === 1 && cause[0].data.envKeys.includes("API_SECRET") &&
           cause[0].data.changedFiles.includes("/.dev.vars"), `the env change does not name the file and variables: ${JSON.stringify(cause)}`);
    const all = spawnSync(switchyard, ["journal", journal, "--json"], { encoding: "utf8" }).stdout;
    assert(!all.includes(next) && !all.includes(secret), "a secret value reached the journal");
  });

  await suite.check("an edit of tsconfig.json remaps @/ without a restart", async () => {
    const config = read("tsconfig.json");
    await afterHmrUpdate(switchyard, journal, () =>
      write("tsconfig.json", config.replace('"@/*": ["./src/*"]', '"@/*": ["./src/alt/*", "./src/*"]')));
    const page = await get("/");
    assert(page.status === 200, `GET / answered ${page.status}: ${page.body.slice(0, 300)}`);
    assert(text(page.body, "count-text") === "0 taps", `ssr still renders ${text(page.body, "count-text")}`);
    const counter = await get("/src/app/components/Counter.tsx");
    assert(counter.body.includes('from "/src/alt/app/lib/format.ts"'), "the client module kept the old mapping");
    const events = readJournal(switchyard, journal, "invalidation").filter((e) => e.data.cause === "tsconfig changed");
    assert(events.some((e) => e.data.module.endsWith("/tsconfig.json") && e.data.invalidated.some((id) => id.endsWith("/Counter.tsx"))),
           `no tsconfig invalidation naming Counter.tsx: ${JSON.stringify(events.map((e) => e.data))}`);
    // Modules with only relative imports are not touched.
    assert(!events.some((e) => e.data.invalidated.some((id) => id.endsWith("/lib/secret.ts"))), "a module without bare imports was invalidated");
  });

  await suite.check("an edit of the extended tsconfig.base.json invalidates what depends on it", async () => {
    const base = read("tsconfig.base.json");
    await afterHmrUpdate(switchyard, journal, () =>
      write("tsconfig.base.json", base.replace('"strict": true', '"strict": false')));
    const events = readJournal(switchyard, journal, "invalidation").filter((e) => e.data.cause === "tsconfig changed");
    assert(events.some((e) => e.data.module.endsWith("/tsconfig.base.json") && e.data.invalidated.length > 0),
           `no invalidation for tsconfig.base.json: ${JSON.stringify(events.map((e) => e.data))}`);
    assert((await get("/")).status === 200, "the page broke");
  });

  await suite.check("a tsconfig that does not parse names its line and column; fixing it recovers", async () => {
    const config = read("tsconfig.json");
    await afterHmrUpdate(switchyard, journal, () => write("tsconfig.json", config.replace('"include"', '"include" "oops"')));
    const broken = await get("/");
    assert(broken.status === 500, `GET / answered ${broken.status}`);
    const line = config.split("\n").findIndex((l) => l.includes('"include"')) + 1;
    assert(broken.body.includes(`tsconfig.json:${line}:`), `the error does not name tsconfig.json:${line}: ${broken.body.slice(0, 500)}`);
    const errors = readJournal(switchyard, journal, "error");
    assert(errors.some((e) => (e.data.message || "").includes(`tsconfig.json:${line}:`)), "the error was not journaled");
    await afterHmrUpdate(switchyard, journal, () => write("tsconfig.json", config));
    assert((await get("/")).status === 200, "the server did not recover");
  });
} finally {
  if (server) await server.stop();
}

write(".env", `VITE_APP_TITLE=${title}\n`);
write(".dev.vars", `API_SECRET=${secret}\n`);
write("tsconfig.json", originalTsconfig);

await suite.check("graph and inspect resolve @/ and inject import.meta.env", async () => {
  const inspect = spawnSync(switchyard, ["inspect", path.join(app, "src/app/components/Counter.tsx"), "--env", "client", "--json"], { encoding: "utf8", timeout: 120000 });
  assert(inspect.status === 0, `inspect exited ${inspect.status}: ${inspect.stderr}`);
  assert(JSON.stringify(JSON.parse(inspect.stdout).imports).includes("/lib/format.ts"), "inspect: @/app/lib/format unresolved");
  const worker = spawnSync(switchyard, ["inspect", path.join(app, "src/app/pages/Home.tsx"), "--env", "worker", "--json"], { encoding: "utf8", timeout: 120000 });
  assert(worker.status === 0, `inspect exited ${worker.status}: ${worker.stderr}`);
  assert(JSON.parse(worker.stdout).code.startsWith("import.meta.env = {"), "inspect: no import.meta.env in the worker transform");
  const graph = spawnSync(switchyard, ["graph", app, "--env", "ssr", "--json"], { encoding: "utf8", timeout: 120000 });
  assert(graph.status === 0, `graph exited ${graph.status}: ${graph.stderr}`);
  assert(graph.stdout.includes("/src/app/lib/format.ts"), "graph: the ssr graph lacks the aliased module");
});

await suite.check("switchyard test gets the secret, MODE test and the alias", async () => {
  const r = spawnSync(switchyard, ["test", app, "--reporter", "json"], { encoding: "utf8", timeout: 170000 });
  assert(r.status === 0, `switchyard test exited ${r.status}:\n${r.stdout.slice(0, 2000)}\n${r.stderr.slice(0, 2000)}`);
  const report = JSON.parse(r.stdout);
  assert(report.numPassedTests >= 1 && report.numFailedTests === 0, `report: ${r.stdout.slice(0, 500)}`);
});

fs.rmSync(app, { recursive: true, force: true });
process.exit(suite.finish());
