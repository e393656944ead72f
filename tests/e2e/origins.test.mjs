// Origins against a real `switchyard serve` (a copy of examples/hello with a
// probe middleware and a counting server action): the HMR WebSocket opens only
// for the server's own origin (any accepted host name, the server's port) with
// the per-server token; a POST from a foreign Origin is refused with 403 before
// it reaches the worker; an --allowed-origin passes; a foreign Host is refused
// (DNS rebinding); a page opened at http://localhost:PORT gets localhost
// request URLs, so the framework-style origin check of a server action passes
// there as it does at 127.0.0.1.
// Usage: node origins.test.mjs <switchyard binary> <examples/hello dir>
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startServe, createSuite, assert, copyApp } from "./serveHarness.mjs";

const [switchyard, helloDir] = process.argv.slice(2);
const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-origins-"));
copyApp(helloDir, appDir, { linkModules: false });
// The real folder: a link to a link (helpers' worktrees) trips the resolver.
fs.symlinkSync(fs.realpathSync(path.join(helloDir, "node_modules")), path.join(appDir, "node_modules"));
const workerFile = path.join(appDir, "src/worker.tsx");
const worker = fs.readFileSync(workerFile, "utf8");
assert(worker.includes("export default defineApp(["), "examples/hello's worker changed shape");
fs.writeFileSync(workerFile, worker.replace("export default defineApp([", `export default defineApp([
  // Test probe: what reached the worker, and request.url as the worker saw it.
  ({ request }) => {
    const url = new URL(request.url);
    const g = globalThis as any;
    if (url.pathname === "/__probe") return Response.json({ url: request.url, reached: g.__reached ?? 0, bumps: g.__bumps ?? 0 });
    g.__reached = (g.__reached ?? 0) + 1;
    // What RedwoodSDK and Next.js check before a server action runs: the Origin is request.url's.
    const origin = request.headers.get("origin");
    if (request.method === "POST" && origin && origin !== url.origin) {
      return new Response("origin mismatch (framework check)", { status: 403 });
    }
  },`));
fs.writeFileSync(path.join(appDir, "src/app/bump.ts"), `"use server";

export async function bump(): Promise<number> {
  const g = globalThis as any;
  g.__bumps = (g.__bumps ?? 0) + 1;
  return g.__bumps;
}
`);
const ACTION = "/src/app/bump.ts#bump";

// One HTTP exchange on a raw socket (any Host/Origin header), the connection closed after it.
function exchange(port, head, body = "") {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks = [];
    const timer = setTimeout(() => { socket.destroy(); reject(new Error("no answer in 20 s")); }, 20000);
    socket.on("connect", () => socket.end(head + (body ? `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}` : "\r\n")));
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", reject);
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      let payload = split < 0 ? "" : text.slice(split + 4);
      if (/\r\ntransfer-encoding: chunked/i.test(text.slice(0, split))) {
        let out = "";
        for (let at = 0; ;) {
          const eol = payload.indexOf("\r\n", at);
          const size = parseInt(payload.slice(at, eol), 16);
          if (!(size > 0)) break;
          out += payload.slice(eol + 2, eol + 2 + size);
          at = eol + 2 + size + 2;
        }
        payload = out;
      }
      resolve({ status, head: text.slice(0, split), body: payload });
    });
  });
}

// A WebSocket handshake on a raw socket. Resolves { status, frames } where
// frames are the server's first frames ({opcode, text}) until close or 1.5 s.
function wsHandshake(port, { target, host, origin, protocol }) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let buffer = Buffer.alloc(0);
    let status = 0;
    const frames = [];
    const finish = () => { socket.destroy(); resolve({ status, frames }); };
    const timer = setTimeout(finish, 1500);
    socket.on("connect", () => socket.write(
      `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n` +
      (origin ? `Origin: ${origin}\r\n` : "") + (protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : "") + "\r\n"));
    socket.on("data", (d) => {
      buffer = Buffer.concat([buffer, d]);
      if (!status) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        status = Number(/^HTTP\/1\.1 (\d{3})/.exec(buffer.toString("latin1"))?.[1] ?? 0);
        buffer = buffer.subarray(end + 4);
        if (status !== 101) { clearTimeout(timer); return finish(); }
      }
      while (buffer.length >= 2) { // server frames are unmasked; ours are small
        const opcode = buffer[0] & 0x0f, length = buffer[1] & 0x7f;
        if (length > 125 || buffer.length < 2 + length) break;
        frames.push({ opcode, text: buffer.subarray(2, 2 + length).toString("utf8"), code: opcode === 8 ? buffer.readUInt16BE(2) : 0 });
        buffer = buffer.subarray(2 + length);
        if (opcode === 8) { clearTimeout(timer); return finish(); }
      }
    });
    socket.on("error", reject);
  });
}

const suite = createSuite();
const ALLOWED = "https://proxy.example.test"; // as behind a TLS proxy
const server = await startServe(switchyard, appDir, ["--no-watch", "--allowed-origin", ALLOWED]);
const port = Number(new URL(server.origin).port);
const own = `127.0.0.1:${port}`;
const local = `localhost:${port}`;
const probe = async (host = own) => {
  const r = await exchange(port, `GET /__probe HTTP/1.1\r\nHost: ${host}\r\n`);
  try {
    return JSON.parse(r.body);
  } catch {
    throw new Error(`GET /__probe: ${r.status} ${r.body.slice(0, 2000)}`);
  }
};
// rwsdk's action request: POST /?__rsc&__rsc_action_id=<id>, the arguments encoded by React's encodeReply.
const postAction = (host, origin) => exchange(port,
  `POST /?__rsc&__rsc_action_id=${encodeURIComponent(ACTION)} HTTP/1.1\r\nHost: ${host}\r\n` + (origin ? `Origin: ${origin}\r\n` : "") +
  `Accept: text/x-component\r\nContent-Type: text/plain;charset=UTF-8\r\n`, "[]");

try {
  let token = "";
  await suite.check("the page's HMR client (/@vite/client) holds the per-server token (a same-origin module)", async () => {
    const r = await exchange(port, `GET /@vite/client HTTP/1.1\r\nHost: ${own}\r\n`);
    assert(r.status === 200 && /content-type: text\/javascript/i.test(r.head), `${r.status} ${r.head}\n${r.body.slice(0, 300)}`);
    token = /"token":"([A-Za-z0-9_-]{12})"/.exec(r.body)?.[1] ?? "";
    assert(token, `no token in ${JSON.stringify(r.body.slice(0, 2000))}`);
    assert(!/access-control-allow-origin/i.test(r.head), "the client must not be readable cross-origin");
  });

  const hmr = (query) => `/@switchyard/hmr${query}`;
  await suite.check("HMR upgrade from the server's own origin with the token is accepted", async () => {
    for (const [host, origin] of [[own, `http://${own}`], [local, `http://${local}`]]) {
      const r = await wsHandshake(port, { target: hmr(`?token=${token}`), host, origin });
      assert(r.status === 101, `${origin}: ${r.status}`);
      assert(r.frames[0]?.text === '{"type":"connected"}', `${origin}: ${JSON.stringify(r.frames)}`);
    }
  });

  await suite.check("HMR upgrade from another port, another site or without the token is refused (403)", async () => {
    const cases = [
      ["another port of localhost, with the token", local, "http://localhost:3000", `?token=${token}`],
      ["another site, with the token", own, "http://evil.example", `?token=${token}`],
      ["own origin, no token", own, `http://${own}`, ""],
      ["own origin, wrong token", own, `http://${own}`, "?token=AAAAAAAAAAAA"],
      ["https on our port", own, `https://${own}`, `?token=${token}`],
    ];
    for (const [name, host, origin, query] of cases) {
      const r = await wsHandshake(port, { target: hmr(query), host, origin });
      assert(r.status === 403 && r.frames.length === 0, `${name}: ${r.status} ${JSON.stringify(r.frames)}`);
    }
  });

  await suite.check("the reconnect probe (vite-ping) is answered from any origin and closed at once, nothing sent", async () => {
    const r = await wsHandshake(port, { target: hmr(""), host: own, origin: "http://evil.example", protocol: "vite-ping" });
    assert(r.status === 101, `status ${r.status}`);
    assert(r.frames.length === 1 && r.frames[0].opcode === 8 && r.frames[0].code === 1000, JSON.stringify(r.frames));
  });

  await suite.check("a server action POST from a foreign Origin is 403 and never reaches the worker", async () => {
    const before = await probe();
    for (const origin of ["http://evil.example", "http://localhost:3000", "null"]) {
      const r = await postAction(own, origin);
      assert(r.status === 403 && r.body.includes("This origin is not allowed"), `${origin}: ${r.status} ${r.body}`);
    }
    const after = await probe();
    assert(after.reached === before.reached && after.bumps === before.bumps,
      `reached the worker: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
  });

  await suite.check("the same action from the server's own page runs (200)", async () => {
    const before = await probe();
    const r = await postAction(own, `http://${own}`);
    assert(r.status === 200, `${r.status} ${r.body}`);
    assert((await probe()).bumps === before.bumps + 1, "the action did not run");
  });

  await suite.check("an origin allowed with --allowed-origin passes the server (POST, HMR socket)", async () => {
    // The server lets it through to the worker; the app's own check then has its say (here
    // it refuses: request.url is http://127.0.0.1, not the proxy's origin).
    const before = await probe();
    const r = await postAction(own, ALLOWED);
    assert(!r.body.includes("This origin is not allowed"), `the server refused it: ${r.status} ${r.body}`);
    assert((await probe()).reached === before.reached + 1, "the POST did not reach the worker");
    const ws = await wsHandshake(port, { target: hmr(`?token=${token}`), host: own, origin: ALLOWED });
    assert(ws.status === 101, `HMR from ${ALLOWED}: ${ws.status}`);
  });

  await suite.check("a foreign Host is refused (DNS rebinding) for pages, the HMR client, actions and the HMR socket", async () => {
    for (const host of [`evil.example:${port}`, `localhost.evil.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
      const page = await exchange(port, `GET / HTTP/1.1\r\nHost: ${host}\r\n`);
      assert(page.status === 403 && page.body.includes("This host is not allowed"), `GET / with Host ${host}: ${page.status}`);
      // The HMR client carries the socket's token: a rebinding page must not read it.
      const client = await exchange(port, `GET /@vite/client HTTP/1.1\r\nHost: ${host}\r\n`);
      assert(client.status === 403 && !client.body.includes(token), `GET /@vite/client with Host ${host}: ${client.status}`);
      const action = await postAction(host, `http://${host}`);
      assert(action.status === 403, `POST with Host ${host}: ${action.status}`);
      const ws = await wsHandshake(port, { target: hmr(`?token=${token}`), host, origin: `http://${host}` });
      assert(ws.status === 403, `HMR with Host ${host}: ${ws.status}`);
    }
  });

  await suite.check("a page at http://localhost:PORT gets localhost request URLs and its server action runs", async () => {
    const page = await exchange(port, `GET / HTTP/1.1\r\nHost: ${local}\r\n`);
    assert(page.status === 200 && page.body.includes("Hello from Switchyard"), `GET / ${page.status}`);
    const before = await probe();
    const r = await postAction(local, `http://${local}`);
    assert(r.status === 200, `action from localhost: ${r.status} ${r.body}`);
    assert((await probe()).bumps === before.bumps + 1, "the action did not run");
    const seen = await probe(local);
    assert(seen.url === `http://${local}/__probe`, `request.url ${seen.url}`);
  });
} finally {
  await server.stop();
}
process.exit(suite.finish());
