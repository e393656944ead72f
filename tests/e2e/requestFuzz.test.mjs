// Every byte sequence in a request is data: `switchyard serve` on a copy of
// examples/hello answers raw bytes that are not UTF-8 in the path, headers and
// cookies, refuses absolute-form and "*" targets with 400, journals all of it
// as valid JSON, and still answers GET / after each batch of random and mutated
// requests sent over raw sockets (bounded: a few thousand requests, seeded).
// Usage: node requestFuzz.test.mjs <switchyard binary> <examples/hello dir> [seed]
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { startServe, createSuite, assert, copyApp } from "./serveHarness.mjs";

const [switchyard, helloDir, seedArg] = process.argv.slice(2);
const BATCHES = 20;
const BATCH_SIZE = 250;
const CONCURRENCY = 16;
const seed = Number(seedArg ?? 9) >>> 0;

const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-fuzz-"));
copyApp(helloDir, appDir, { linkModules: false });
// The real folder: a link to a link (helpers' worktrees) trips the resolver.
fs.symlinkSync(fs.realpathSync(path.join(helloDir, "node_modules")), path.join(appDir, "node_modules"));
const journalFile = path.join(appDir, "journal.sqlite");

// mulberry32: a small seeded PRNG, so a failing run can be repeated.
function prng(s) {
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(seed);
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
const randomBytes = (n) => Buffer.from(Array.from({ length: n }, () => int(256)));
const SPECIAL = [0x00, 0xff, 0xfe, 0x80, 0xc0, 0x0d, 0x0a, 0x20, 0x3a, 0x25, 0x3f, 0x23, 0x2f, 0x5c];

// One request on its own connection; the client half-closes after sending, so
// an incomplete request ends at EOF. Resolves with what came back.
function rawExchange(port, bytes, timeoutMs = 15000) {
  return new Promise((resolve) => {
    const chunks = [];
    const socket = net.connect(port, "127.0.0.1");
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ data: Buffer.concat(chunks), timedOut: true });
    }, timeoutMs);
    socket.on("connect", () => socket.end(bytes));
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ data: Buffer.concat(chunks), timedOut: false });
    });
  });
}
const statusOf = (data) => {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(data.toString("latin1"));
  return m ? Number(m[1]) : 0;
};
const bodyOf = (data) => {
  const text = data.toString("latin1");
  const head = text.indexOf("\r\n\r\n");
  return head < 0 ? "" : text.slice(head + 4);
};

const suite = createSuite();
const server = await startServe(switchyard, appDir, ["--journal", journalFile, "--no-watch"]);
const port = Number(new URL(server.origin).port);
const host = `127.0.0.1:${port}`;
const request = (line, headers = [], body = Buffer.alloc(0)) =>
  Buffer.concat([
    Buffer.from(`${line}\r\nHost: ${host}\r\n`, "latin1"),
    ...headers.map((h) => Buffer.concat([Buffer.isBuffer(h) ? h : Buffer.from(h, "latin1"), Buffer.from("\r\n")])),
    Buffer.from(body.length ? `Content-Length: ${body.length}\r\n\r\n` : "\r\n", "latin1"),
    body,
  ]);
const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

async function stillServing(after) {
  const r = await rawExchange(port, request("GET / HTTP/1.1", ["Connection: close"]));
  const body = bodyOf(r.data);
  assert(statusOf(r.data) === 200 && body.includes("Switchyard"),
    `GET / after ${after}: ${statusOf(r.data)} ${body.slice(0, 200)}\n${server.output().slice(-2000)}`);
}

try {
  await suite.check("GET / answers before any fuzzing", () => stillServing("start"));

  await suite.check("a raw 0xff byte in a worker-routed path is answered, the server goes on", async () => {
    const r = await rawExchange(port, request(bytes("GET /", [0xff], " HTTP/1.1"), ["Connection: close"]));
    assert(statusOf(r.data) === 404, `status ${statusOf(r.data)}: ${r.data.toString("latin1").slice(0, 300)}`);
    await stillServing("GET /\\xff");
  });

  await suite.check("a header with bytes that are not UTF-8 is data (200)", async () => {
    const r = await rawExchange(port, request("GET / HTTP/1.1", [bytes("X-Junk: ", [0xff, 0xfe, 0xc0, 0xaf]), "Connection: close"]));
    assert(statusOf(r.data) === 200, `status ${statusOf(r.data)}: ${bodyOf(r.data).slice(0, 300)}`);
  });

  await suite.check("a cookie with bytes that are not UTF-8 is data (200)", async () => {
    const r = await rawExchange(port, request("GET / HTTP/1.1", [bytes("Cookie: visitor=", [0xff, 0x80], "; b=caf", [0xe9]), "Connection: close"]));
    assert(statusOf(r.data) === 200, `status ${statusOf(r.data)}: ${bodyOf(r.data).slice(0, 300)}`);
  });

  await suite.check("absolute-form and '*' request targets are 400", async () => {
    for (const line of ["GET http://evil.example/ HTTP/1.1", `GET http://${host}/ HTTP/1.1`, "OPTIONS * HTTP/1.1"]) {
      const r = await rawExchange(port, request(line));
      assert(statusOf(r.data) === 400, `${line}: ${statusOf(r.data)} ${bodyOf(r.data)}`);
    }
    await stillServing("absolute-form");
  });

  // Requests the fuzzer mutates: every route family of the dev server.
  const action = Buffer.from('["fuzz",1]');
  const corpus = [
    request("GET / HTTP/1.1"),
    request("GET /?__rsc HTTP/1.1", ["Accept: text/x-component"]),
    request("HEAD / HTTP/1.1"),
    request("GET /ping HTTP/1.1", ["Cookie: visitor=abc; theme=dark"]),
    request("GET /src/app/pages/Home.tsx HTTP/1.1"),
    request("GET /src/app/components/Counter.tsx?t=1 HTTP/1.1"),
    request("GET /@id/virtual:use-client-lookup.js HTTP/1.1"),
    request("GET /favicon.svg HTTP/1.1"),
    request("GET /@switchyard/status HTTP/1.1"),
    request("GET /@switchyard/hmr HTTP/1.1", ["Upgrade: websocket", "Connection: Upgrade",
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", `Origin: http://${host}`]),
    request("POST /?__rsc=&__rsc_action_id=%2Fsrc%2Fapp%2Factions.ts%23greet HTTP/1.1", ["Content-Type: text/plain;charset=UTF-8",
      "Accept: text/x-component", `Origin: http://${host}`], action),
    bytes(`POST /ping HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`),
  ];
  const mutations = [
    (b) => { const c = Buffer.from(b); if (c.length) c[int(c.length)] = int(256); return c; },
    (b) => { const c = Buffer.from(b); if (c.length) c[int(c.length)] = pick(SPECIAL); return c; },
    (b) => { const at = int(b.length + 1); return Buffer.concat([b.subarray(0, at), randomBytes(1 + int(8)), b.subarray(at)]); },
    (b) => { const at = int(b.length + 1); return Buffer.concat([b.subarray(0, at), Buffer.from([pick(SPECIAL)]), b.subarray(at)]); },
    (b) => { const at = int(b.length); const n = 1 + int(16); return Buffer.concat([b.subarray(0, at), b.subarray(at + n)]); },
    (b) => { const at = int(b.length); const n = 1 + int(32); return Buffer.concat([b.subarray(0, at + n), b.subarray(at)]); },
    (b) => b.subarray(0, int(b.length)),
    // the path replaced by random bytes (no CR/LF/space, so the request line stays a line)
    (b) => {
      const text = b.toString("latin1");
      const sp = text.indexOf(" "), sp2 = text.indexOf(" ", sp + 1);
      if (sp < 0 || sp2 < 0) return b;
      const junk = randomBytes(1 + int(40)).map((x) => ([0x0d, 0x0a, 0x20].includes(x) ? 0xff : x));
      return Buffer.concat([b.subarray(0, sp + 1), Buffer.from("/"), junk, b.subarray(sp2)]);
    },
    // a header of random bytes (no CR/LF) after the request line
    (b) => {
      const eol = b.indexOf("\r\n");
      if (eol < 0) return b;
      const value = randomBytes(int(60)).map((x) => ([0x0d, 0x0a].includes(x) ? 0xfe : x));
      const name = pick(["X-Fuzz", "Cookie", "Origin", "Content-Type", "Accept", "x-rsc-data-only", "Host", "Transfer-Encoding", "Content-Length", "Expect"]);
      return Buffer.concat([b.subarray(0, eol + 2), Buffer.from(`${name}: `), value, Buffer.from("\r\n"), b.subarray(eol + 2)]);
    },
    // the method replaced
    (b) => {
      const sp = b.indexOf(" ");
      return sp < 0 ? b : Buffer.concat([Buffer.from(pick(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get", "FOO", "G\xffT", ""]), "latin1"), b.subarray(sp)]);
    },
    // the target replaced by an absolute, authority or asterisk form
    (b) => {
      const text = b.toString("latin1");
      const sp = text.indexOf(" "), sp2 = text.indexOf(" ", sp + 1);
      if (sp < 0 || sp2 < 0) return b;
      return Buffer.concat([b.subarray(0, sp + 1), Buffer.from(pick(["*", "http://evil.example/", "evil.example:443", "//evil.example/x", "/%00", "/%ff", "/..%2f..%2fetc/passwd", "/" + "a".repeat(9000)])), b.subarray(sp2)]);
    },
  ];
  const generate = () => {
    const roll = random();
    if (roll < 0.15) return randomBytes(int(400));
    let b = pick(corpus);
    const rounds = 1 + int(4);
    for (let i = 0; i < rounds; i++) b = pick(mutations)(b);
    return b;
  };

  let sent = 0, answered = 0, closedSilently = 0, timedOut = 0, serverErrors = 0;
  // 5xx the engine itself caused (an exception in its code), not the app's own answers.
  const engineFailures = [];
  const started = Date.now();
  for (let batch = 0; batch < BATCHES; batch++) {
    await suite.check(`fuzz batch ${batch + 1}/${BATCHES} (${BATCH_SIZE} requests), then GET / answers`, async () => {
      const queue = Array.from({ length: BATCH_SIZE }, generate);
      const worker = async () => {
        for (let b = queue.shift(); b; b = queue.shift()) {
          sent++;
          const r = await rawExchange(port, b);
          if (r.timedOut) timedOut++;
          else if (r.data.length) answered++;
          else closedSilently++;
          if (statusOf(r.data) >= 500) {
            serverErrors++;
            if (/unexpected exception|internal error/.test(bodyOf(r.data))) engineFailures.push(b.toString("latin1").slice(0, 200));
            if (process.env.SY_FUZZ_VERBOSE) console.log("5xx for", JSON.stringify(b.toString("latin1").slice(0, 200)), "->", JSON.stringify(bodyOf(r.data).slice(0, 200)));
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await stillServing(`batch ${batch + 1}`);
    });
  }
  console.log(`  seed ${seed}: ${sent} requests in ${Date.now() - started} ms: ${answered} answered, ` +
    `${closedSilently} closed without an answer, ${timedOut} timed out, ${serverErrors} answered 5xx`);

  await suite.check("no request stalled", () => assert(timedOut === 0, `${timedOut} requests got no answer in 15 s`));
  await suite.check("no request failed inside the engine", () =>
    assert(engineFailures.length === 0, `engine exceptions for:\n${engineFailures.map((b) => JSON.stringify(b)).join("\n")}`));

  await suite.check("the process never aborted and the journal reads back as JSON", async () => {
    assert(!/terminate called|Aborted|type_error/.test(server.output()), server.output().slice(-3000));
    const out = execFileSync(switchyard, ["journal", journalFile, "--json", "--kind", "request"], { encoding: "utf8", maxBuffer: 64 << 20 });
    const events = JSON.parse(out);
    assert(Array.isArray(events) && events.length > 100, `only ${events.length} request events`);
    assert(events.some((e) => e.summary === "GET /\ufffd 404"), "no journaled GET /\\ufffd 404");
  });
} finally {
  const code = await server.stop();
  console.log(`  serve exited with ${code}`);
}
process.exit(suite.finish());
