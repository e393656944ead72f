// The worker's limits stop runaways and never healthy work.
// - Load: 10 clients send 10,000 GET / in total to examples/hello, with the
//   greet server action every 20th request: no request fails, every page and
//   action answers in full, and the pinned state module keeps its identity
//   (GET /@switchyard/status: stateModule.evaluatedAt unchanged).
// - Memory: a page that allocates without end fails alone with "Worker
//   exceeded its memory limit (N MB)"; the server keeps serving (GET / right
//   after works) and journals that the isolate was recreated.
// Usage: node limits.test.mjs <switchyard binary> <examples/hello dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServe, createSuite, assert, readJournal } from "./serveHarness.mjs";

const [switchyard, helloDir] = process.argv.slice(2).map((p) => path.resolve(p));
const suite = createSuite();

const TOTAL_PAGES = 10000;
const CLIENTS = 10;
const ACTION_EVERY = 20;
const ACTION = "/src/app/actions.ts#greet";

async function status(origin) {
  return (await fetch(origin + "/@switchyard/status")).json();
}

// One client: GET / until the shared page budget is spent, the action every
// ACTION_EVERY pages. Every response is checked in full.
async function client(origin, budget, figures) {
  let n = 0;
  while (budget.left > 0) {
    budget.left--;
    n++;
    const t0 = performance.now();
    figures.pages++;
    try {
      const res = await fetch(origin + "/", { headers: { accept: "text/html" } });
      const html = await res.text();
      figures.durations.push(performance.now() - t0);
      if (res.status !== 200 || !html.includes("</html>") || !html.includes("Hello"))
        figures.failures.push(`GET / ${res.status}: ${html.slice(0, 300)}`);
    } catch (e) {
      figures.failures.push(`GET /: ${e.message}`);
    }
    if (n % ACTION_EVERY === 0) {
      figures.actions++;
      try {
        // rwsdk's action request (the arguments as React's encodeReply sends plain values);
        // rwsdk refuses an action POST whose Origin is not the page's.
        const res = await fetch(origin + "/?__rsc&__rsc_action_id=" + encodeURIComponent(ACTION), {
          method: "POST",
          headers: { accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin },
          body: JSON.stringify(["Ada", n]),
        });
        const body = await res.text();
        if (res.status !== 200 || res.headers.get("x-greeted") !== "Ada" || !body.includes(`The server saw count ${n}.`))
          figures.failures.push(`action ${res.status} x-greeted=${res.headers.get("x-greeted")}: ${body.slice(0, 300)}`);
      } catch (e) {
        figures.failures.push(`action: ${e.message}`);
      }
    }
  }
}

const server = await startServe(switchyard, helloDir, ["--no-watch"]);
try {
  let baseline;
  await suite.check("the first page renders and the state module is evaluated", async () => {
    const res = await fetch(server.origin + "/");
    assert(res.status === 200, `status ${res.status}`);
    await res.text();
    baseline = await status(server.origin);
    assert(baseline.stateModule && baseline.stateModule.evaluatedAt, JSON.stringify(baseline));
  });

  const figures = { pages: 0, actions: 0, failures: [], durations: [] };
  await suite.check(`${CLIENTS} clients, ${TOTAL_PAGES} GET / and the action every ${ACTION_EVERY}th: none fails`, async () => {
    const budget = { left: TOTAL_PAGES };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, () => client(server.origin, budget, figures)));
    const seconds = (performance.now() - t0) / 1000;
    const d = figures.durations.sort((a, b) => a - b);
    const pct = (p) => d[Math.min(d.length - 1, Math.floor((p / 100) * d.length))].toFixed(1);
    console.log(`load: ${figures.pages} pages + ${figures.actions} actions in ${seconds.toFixed(1)} s ` +
      `(${((figures.pages + figures.actions) / seconds).toFixed(0)} req/s), page p50 ${pct(50)} ms, ` +
      `p95 ${pct(95)} ms, max ${pct(100)} ms, ${figures.failures.length} failed`);
    assert(figures.pages === TOTAL_PAGES, `pages ${figures.pages}`);
    assert(figures.actions >= TOTAL_PAGES / ACTION_EVERY - CLIENTS, `actions ${figures.actions}`);
    assert(figures.failures.length === 0,
      `${figures.failures.length} failed, first: ${figures.failures.slice(0, 3).join("\n")}\n` +
      server.output().split("\n").filter((l) => l.startsWith("[worker]")).slice(0, 10).join("\n"));
  });

  await suite.check("the state module kept its identity and the worker was never restarted", async () => {
    const after = await status(server.origin);
    assert(after.stateModule && after.stateModule.evaluatedAt === baseline.stateModule.evaluatedAt,
      `state module re-evaluated: ${JSON.stringify(baseline.stateModule)} -> ${JSON.stringify(after.stateModule)}`);
    assert(!/exceeded its/.test(server.output()), `a limit stopped healthy work:\n${server.output().slice(-2000)}`);
  });
} finally {
  await server.stop();
}

// A worker with a page that allocates until it is stopped.
const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-limits-"));
const write = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
  fs.writeFileSync(path.join(app, rel), text);
};
write("wrangler.jsonc", `{ "name": "limits", "main": "src/worker.ts", "compatibility_date": "2025-01-01" }`);
write("package.json", JSON.stringify({ name: "limits", private: true, type: "module" }));
write("src/worker.ts", `
let served = 0;
export default {
  async fetch(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === "/oom") {
      const keep: number[][] = [];
      for (;;) keep.push(new Array(1e6).fill(pathname.length));
    }
    if (pathname === "/sparse-fill") {
      // V8's generic fill runs in C++ without interrupt checks (~50 s and 7 GB a call).
      for (;;) new Array(1e8).fill(0);
    }
    if (pathname === "/oom-buffers") {
      const keep: Uint8Array[] = [];
      for (;;) keep.push(new Uint8Array(1e7).fill(1));
    }
    return new Response("ok " + ++served);
  },
};
`);
const journal = path.join(app, "journal.sqlite");
const oomServer = await startServe(switchyard, app, ["--no-watch", "--memory-limit", "96", "--journal", journal]);
try {
  const get = async (p) => {
    const res = await fetch(oomServer.origin + p);
    return { status: res.status, body: await res.text() };
  };
  await suite.check("a healthy page works", async () => {
    const r = await get("/");
    assert(r.status === 200 && r.body === "ok 1", `${r.status} ${r.body}`);
  });
  for (const page of ["/oom", "/oom-buffers"]) {
    await suite.check(`${page} fails alone with the memory limit's message; GET / right after works`, async () => {
      const r = await get(page);
      assert(r.status === 500, `status ${r.status}: ${r.body.slice(0, 500)}`);
      assert(r.body.includes("Worker exceeded its memory limit (96 MB)"), r.body.slice(0, 500));
      const next = await get("/");
      // A fresh isolate: the module's counter starts again.
      assert(next.status === 200 && next.body === "ok 1", `${next.status} ${next.body}`);
    });
  }
  await suite.check("the recreated isolate is journaled", async () => {
    const events = readJournal(switchyard, journal, "runner-cache-clear");
    const recreated = events.filter((e) => e.data.environmentRecreated);
    assert(recreated.length === 2 && recreated.every((e) => e.data.reason === "Worker exceeded its memory limit (96 MB)" &&
      e.data.failedRequests === 1 && e.data.dropped.some((id) => id.endsWith("/src/worker.ts"))), JSON.stringify(events).slice(0, 2000));
  });
  await suite.check("a loop of new Array(1e8).fill(0) is stopped by a limit; GET / right after works", async () => {
    const res = await fetch(oomServer.origin + "/sparse-fill", { signal: AbortSignal.timeout(45000) });
    const body = await res.text();
    assert(res.status === 500 && /Worker exceeded its (CPU time|memory) limit/.test(body), `${res.status} ${body.slice(0, 500)}`);
    const next = await get("/");
    assert(next.status === 200 && next.body === "ok 1", `${next.status} ${next.body}`);
  });
} finally {
  await oomServer.stop();
  fs.rmSync(app, { recursive: true, force: true });
}
process.exit(suite.finish());
