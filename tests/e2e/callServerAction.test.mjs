// cloudflare:test's callServerAction on an rwsdk app WITHOUT a /_test route
// (issue 11, section 2): the test sends rwsdk's own action request (POST
// `?__rsc&__rsc_action_id=<id>` with React's encodeReply body, a serverQuery as
// GET with `args=`) through the worker's fetch, after the app's middleware,
// and decodes the RSC reply with React's Flight client. A temp app (rwsdk
// from examples/starter's node_modules, or another node_modules given as the
// third argument, e.g. tests/fixtures/rwsdk-1.2's) runs its Vitest file under
// `switchyard test` in both pools; every named test must pass.
// Usage: node callServerAction.test.mjs <switchyard binary> <examples/starter dir> [node_modules dir]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSuite, assert, startServe } from "./serveHarness.mjs";
import { passedTestNames, runPassingTests } from "./testReport.mjs";

const [switchyard, starterDir] = process.argv.slice(2, 4).map((p) => path.resolve(p));
const nodeModules = path.resolve(process.argv[4] || path.join(starterDir, "node_modules"));
const rwsdkJson = path.join(nodeModules, "rwsdk/package.json");
if (!fs.existsSync(rwsdkJson)) {
  console.error(`${nodeModules} has no rwsdk: run \`npm ci\` in examples/starter (./scripts/setup.sh does)`);
  process.exit(1);
}
const rwsdkVersion = JSON.parse(fs.readFileSync(rwsdkJson, "utf8")).version;
const starterPackage = JSON.parse(fs.readFileSync(path.join(starterDir, "package.json"), "utf8"));

const files = {
  "package.json": JSON.stringify({
    name: "callaction-app",
    type: "module",
    private: true,
    dependencies: { ...starterPackage.dependencies, rwsdk: rwsdkVersion },
    devDependencies: starterPackage.devDependencies,
  }, null, 2),
  "wrangler.jsonc": `{
  "name": "callaction-app",
  "main": "src/worker.tsx",
  "compatibility_date": "2025-08-21",
  "compatibility_flags": ["nodejs_compat"]
}
`,
  "vite.config.mts": fs.readFileSync(path.join(starterDir, "vite.config.mts"), "utf8"),
  "tsconfig.json": fs.readFileSync(path.join(starterDir, "tsconfig.json"), "utf8"),
  "src/app/Document.tsx": `export const Document: React.FC<{ children: React.ReactNode }> = ({ children }) => (
  <html lang="en">
    <head><meta charSet="utf-8" /><title>callServerAction</title></head>
    <body><div id="root">{children}</div></body>
  </html>
);
`,
  // Middleware sets the identity from a header, refuses one visitor and
  // redirects another before any action runs. No /_test route.
  "src/worker.tsx": `import { render, route } from "rwsdk/router";
import { defineApp } from "rwsdk/worker";
import { Document } from "@/app/Document";

export type AppContext = { visitor: string | null };

export default defineApp([
  ({ ctx, request }) => {
    const visitor = request.headers.get("x-visitor");
    if (visitor === "banned") return new Response("banned visitors may not call", { status: 401 });
    if (visitor === "lost") return new Response(null, { status: 302, headers: { Location: "/login" } });
    if (visitor === "early") return new Response("down for maintenance");
    ctx.visitor = visitor;
  },
  render(Document, [
    route("/", () => <p>home</p>),
    route("/visitors/:name", ({ params }) => <p>{params.name}</p>),
  ]),
]);
`,
  "src/app/actions.ts": `"use server";
import { ErrorResponse, getRequestInfo, requestInfo } from "rwsdk/worker";

export async function stamp(name: string, when: Date) {
  return {
    greeting: "Hello, " + name,
    when,
    next: new Date(when.getTime() + 86400000),
    tags: new Map([["name", name]]),
    ids: new Set([1, 2]),
    big: 2n ** 70n,
    missing: undefined,
  };
}

/** What the action's request context holds, before and after awaits. */
export async function whoAmI(nonce: string, hops: number) {
  const before = requestInfo.ctx.visitor;
  for (let i = 0; i < hops; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  const { request } = requestInfo;
  return {
    nonce,
    before,
    after: requestInfo.ctx.visitor,
    header: request.headers.get("x-visitor"),
    url: request.url,
    path: getRequestInfo().path,
    params: requestInfo.params,
    method: request.method,
    isAction: getRequestInfo().isAction,
  };
}

export async function explode(message: string) {
  throw new Error(message);
}

export async function refuse() {
  throw new ErrorResponse(409, "that name is taken");
}

export async function leave() {
  return new Response(null, { status: 303, headers: { Location: "/goodbye" } });
}

export async function nothing() {}

/** A form action: <form action={saveForm}> posts FormData. */
export async function saveForm(form: FormData) {
  return { fields: Object.fromEntries(form.entries()), count: form.getAll("tag").length };
}
`,
  // A "use server" module whose evaluation throws: only ever loaded by id.
  "src/app/broken.ts": `"use server";
throw new Error("this module cannot load");
export async function unreachable() {}
`,
  "src/app/queries.ts": `"use server";
import { requestInfo, serverQuery } from "rwsdk/worker";

export const countLetters = serverQuery(async (word: string) => ({
  word,
  letters: word.length,
  method: requestInfo.request.method,
  args: new URL(requestInfo.request.url).searchParams.get("args"),
  visitor: requestInfo.ctx.visitor,
}));
`,
  "src/tests/calls.test.ts": `import { callServerAction } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { explode, leave, nothing, refuse, saveForm, stamp, whoAmI } from "../app/actions";
import { countLetters } from "../app/queries";

const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

describe("callServerAction", () => {
  it("resolves with what RSC carries", async () => {
    const result = await callServerAction(stamp, ["Ada", when]);
    expect(result.greeting).toBe("Hello, Ada");
    expect(result.when).toBeInstanceOf(Date);
    expect(result.when.toISOString()).toBe("2026-01-02T03:04:05.000Z");
    expect(result.next.toISOString()).toBe("2026-01-03T03:04:05.000Z");
    expect(result.tags).toBeInstanceOf(Map);
    expect([...result.tags]).toEqual([["name", "Ada"]]);
    expect(result.ids).toBeInstanceOf(Set);
    expect([...result.ids]).toEqual([1, 2]);
    expect(result.big).toBe(2n ** 70n);
    expect(result.missing).toBeUndefined();
  });

  it("sends FormData arguments as a form action gets them", async () => {
    const form = new FormData();
    form.set("body", "a note");
    form.append("tag", "x");
    form.append("tag", "y");
    await expect(callServerAction(saveForm, [form])).resolves.toEqual({ fields: { body: "a note", tag: "y" }, count: 2 });
  });

  it("calls an action by its reference id", async () => {
    const result = await callServerAction("/src/app/actions.ts#stamp", ["Grace", when]);
    expect(result.greeting).toBe("Hello, Grace");
    expect(result.when.getTime()).toBe(when.getTime());
  });

  it("gives the action rwsdk's request with options.url and options.headers", async () => {
    const seen = await callServerAction(whoAmI, ["n1", 1], {
      url: "http://localhost/visitors/ada?tab=2",
      headers: { "x-visitor": "ada" },
    });
    expect(seen).toMatchObject({ nonce: "n1", before: "ada", after: "ada", header: "ada", path: "/visitors/ada/", method: "POST", isAction: true });
    expect(seen.params).toEqual({ name: "ada" });
    const url = new URL(seen.url);
    expect(url.pathname).toBe("/visitors/ada");
    expect(url.searchParams.get("tab")).toBe("2");
    expect(url.searchParams.get("__rsc_action_id")).toBe("/src/app/actions.ts#whoAmI");
  });

  it("rejects an unknown id with status 404", async () => {
    const unknownExport = callServerAction("/src/app/actions.ts#nope", []);
    await expect(unknownExport).rejects.toThrow(/not found/);
    await expect(unknownExport).rejects.toMatchObject({ status: 404 });
    await expect(callServerAction("/src/app/missing.ts#stamp", [])).rejects.toMatchObject({ status: 404 });
  });

  it("rejects an id whose module fails to load with the module's error", async () => {
    const call = callServerAction("/src/app/broken.ts#unreachable", []);
    await expect(call).rejects.toThrow("this module cannot load");
    await expect(call).rejects.toMatchObject({ status: 500 });
  });

  it("rejects with the message of an action that throws", async () => {
    const thrown = callServerAction(explode, ["the action broke"]);
    await expect(thrown).rejects.toThrow("the action broke");
    await expect(thrown).rejects.toMatchObject({ status: 500 });
    await expect(callServerAction(refuse, [])).rejects.toMatchObject({ message: "that name is taken", status: 409 });
  });

  it("rejects a call sent to a URL no route matches with rwsdk's 404 and a hint", async () => {
    const lost = callServerAction(whoAmI, ["x", 0], { url: "http://localhost/nowhere" });
    await expect(lost).rejects.toMatchObject({ status: 404 });
    await expect(lost).rejects.toThrow(/Not Found.*options\\.url/);
  });

  it("rejects with the middleware's answer", async () => {
    await expect(callServerAction(whoAmI, ["x", 0], { headers: { "x-visitor": "banned" } }))
      .rejects.toMatchObject({ message: "banned visitors may not call", status: 401 });
    const early = callServerAction(whoAmI, ["x", 0], { headers: { "x-visitor": "early" } });
    await expect(early).rejects.toThrow(/answered 200 \\(text\\/plain.*\\) instead of an RSC payload: down for maintenance/);
    await expect(early).rejects.toMatchObject({ status: 200 });
  });

  it("resolves a redirect with a Response carrying status and Location", async () => {
    const fromAction = await callServerAction(leave, []);
    expect(fromAction).toBeInstanceOf(Response);
    expect(fromAction.status).toBe(303);
    expect(fromAction.headers.get("location")).toBe("/goodbye");
    const fromMiddleware = await callServerAction(whoAmI, ["x", 0], { headers: { "x-visitor": "lost" } });
    expect(fromMiddleware.status).toBe(302);
    expect(fromMiddleware.headers.get("location")).toBe("/login");
  });

  it("resolves undefined for an action without a result", async () => {
    await expect(callServerAction(nothing, [])).resolves.toBeUndefined();
  });

  it("sends rwsdk's Origin check a foreign Origin when told to", async () => {
    await expect(callServerAction(whoAmI, ["x", 0], { headers: { origin: "http://evil.example" } }))
      .rejects.toMatchObject({ status: 403 });
  });

  it("runs a serverQuery as a GET with its arguments in the query", async () => {
    const answer = await callServerAction(countLetters, ["rwsdk"], { headers: { "x-visitor": "q" } });
    expect(answer).toEqual({ word: "rwsdk", letters: 5, method: "GET", args: '["rwsdk"]', visitor: "q" });
    await expect(callServerAction("/src/app/queries.ts#countLetters", ["abc"])).resolves.toMatchObject({ letters: 3, method: "GET" });
  });

  it("keeps each caller's request context in 100 concurrent calls from 10 clients", async () => {
    const calls = [];
    for (let round = 0; round < 10; round++) {
      for (let client = 0; client < 10; client++) {
        const name = "client-" + client;
        const nonce = name + "/" + round;
        calls.push(
          callServerAction(whoAmI, [nonce, (client + round) % 4], {
            url: "http://localhost/visitors/" + name,
            headers: { "x-visitor": name },
          }).then((answer) => ({ name, nonce, answer })),
        );
      }
    }
    const results = await Promise.all(calls);
    expect(results).toHaveLength(100);
    const mismatches = results.filter(({ name, nonce, answer }) =>
      answer.before !== name || answer.after !== name || answer.header !== name ||
      answer.nonce !== nonce || answer.params.name !== name);
    expect(mismatches).toEqual([]);
  });
});
`,
};

const expected = [
  "resolves with what RSC carries",
  "sends FormData arguments as a form action gets them",
  "calls an action by its reference id",
  "gives the action rwsdk's request with options.url and options.headers",
  "rejects an unknown id with status 404",
  "rejects an id whose module fails to load with the module's error",
  "rejects with the message of an action that throws",
  "rejects a call sent to a URL no route matches with rwsdk's 404 and a hint",
  "rejects with the middleware's answer",
  "resolves a redirect with a Response carrying status and Location",
  "resolves undefined for an action without a result",
  "sends rwsdk's Origin check a foreign Origin when told to",
  "runs a serverQuery as a GET with its arguments in the query",
  "keeps each caller's request context in 100 concurrent calls from 10 clients",
].map((name) => `callServerAction ${name}`);

const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-callaction-"));
for (const [file, text] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
  fs.writeFileSync(path.join(app, file), text);
}
fs.symlinkSync(nodeModules, path.join(app, "node_modules"));

const suite = createSuite();
try {
  for (const pool of ["isolates", "contexts"]) {
    await suite.check(`callServerAction reaches rwsdk ${rwsdkVersion}'s actions through its own action request (--pool ${pool})`, async () => {
      const report = runPassingTests(switchyard, app, pool);
      const ran = report.testResults.map((file) => path.relative(app, file.name));
      assert(ran.length === 1 && ran[0] === "src/tests/calls.test.ts", `ran: ${ran.join(", ")}`);
      const passed = passedTestNames(report.testResults[0]);
      for (const name of expected) assert(passed.includes(name), `"${name}" did not pass (passed: ${passed.join("; ")})`);
      assert(report.numPassedTests === expected.length, `${report.numPassedTests} passed, expected ${expected.length}`);
    });
  }
  // The same failure under `switchyard serve`: one action request for the
  // module that throws while evaluating, then the app keeps answering (the
  // retry of the failed module re-evaluates the worker's pre-bundles as one).
  await suite.check("serve: a \"use server\" module that throws while evaluating fails its own request only", async () => {
    const server = await startServe(switchyard, app);
    try {
      const action = (id) => fetch(`${server.origin}/?__rsc=&__rsc_action_id=${encodeURIComponent(id)}`, {
        method: "POST",
        headers: { origin: server.origin, "x-rsc-data-only": "true" },
        body: "[]",
      });
      // A render first: React's renderer has served a request when the module fails.
      const first = await fetch(`${server.origin}/`);
      assert(first.status === 200, `GET /: ${first.status} ${(await first.text()).slice(0, 300)}`);
      const broken = await action("/src/app/broken.ts#unreachable");
      const brokenText = await broken.text();
      assert(broken.status === 500 && brokenText.includes("this module cannot load"), `${broken.status} ${brokenText.slice(0, 300)}`);
      for (let i = 0; i < 2; i++) {
        const page = await fetch(`${server.origin}/`);
        const html = await page.text();
        assert(page.status === 200 && html.includes("<p>home</p>"), `GET / after it: ${page.status} ${html.slice(0, 300)}`);
        const ok = await action("/src/app/actions.ts#nothing");
        const okText = await ok.text();
        assert(ok.status === 200, `an action after it: ${ok.status} ${okText.slice(0, 300)}`);
      }
    } finally {
      await server.stop();
    }
  });
} finally {
  fs.rmSync(app, { recursive: true, force: true });
}
process.exit(suite.finish());
