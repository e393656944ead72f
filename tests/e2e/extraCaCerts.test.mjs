// NODE_EXTRA_CA_CERTS, as Node and wrangler honour it: a worker's fetch() to
// an HTTPS server whose certificate only a private CA vouches for (a company
// proxy, a local mock) succeeds when the variable names that CA's file, under
// `switchyard serve` and `switchyard test`, and fails with a certificate error
// without it. Switchyard loads the file when the first Node environment
// starts instead of in Node's per-process start (where Node 18 parses it
// eagerly, ~45 ms of every start): this checks that deferring it loses nothing.
// Usage: node extraCaCerts.test.mjs <switchyard binary>
import { execFile, execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { startServe, createSuite, assert } from "./serveHarness.mjs";

const [switchyard] = process.argv.slice(2).map((p) => path.resolve(p));
const run = promisify(execFile);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-extra-ca-"));
const secret = `trusted-${crypto.randomBytes(6).toString("hex")}`;

// A private CA and a server certificate for localhost / 127.0.0.1 signed by it.
const file = (name) => path.join(work, name);
const openssl = (...args) => execFileSync("openssl", args, { stdio: "pipe" });
openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Switchyard test CA",
  "-keyout", file("ca.key"), "-out", file("ca.pem"));
openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
  "-keyout", file("server.key"), "-out", file("server.csr"));
fs.writeFileSync(file("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
openssl("x509", "-req", "-in", file("server.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"),
  "-CAcreateserial", "-days", "2", "-extfile", file("san.ext"), "-out", file("server.pem"));

const upstream = https.createServer(
  { key: fs.readFileSync(file("server.key")), cert: fs.readFileSync(file("server.pem")) },
  (req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(secret);
  },
);
await new Promise((resolve) => upstream.listen(0, "127.0.0.1", resolve));
const upstreamUrl = `https://localhost:${upstream.address().port}/`;

// A Workers app as Cloudflare's docs write one: its fetch handler passes the
// upstream's answer on; its Vitest file checks the same through SELF.
const app = path.join(work, "app");
const write = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
  fs.writeFileSync(path.join(app, rel), text);
};
write("package.json", `{ "name": "extra-ca", "private": true, "type": "module" }\n`);
write(
  "wrangler.jsonc",
  `{
  "name": "extra-ca",
  "main": "src/index.ts",
  "compatibility_date": "2026-11-01",
  "vars": { "UPSTREAM": "${upstreamUrl}" }
}
`,
);
write(
  "src/index.ts",
  `export default {
  async fetch(request, env): Promise<Response> {
    try {
      const upstream = await fetch(env.UPSTREAM);
      return new Response("upstream said " + (await upstream.text()));
    } catch (e) {
      return new Response("fetch failed: " + e.message + " " + (e.cause?.code ?? e.cause?.message ?? ""), { status: 502 });
    }
  },
} satisfies ExportedHandler<{ UPSTREAM: string }>;
`,
);
write(
  "test/upstream.test.ts",
  `import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("reaches the upstream over HTTPS", async () => {
  const response = await SELF.fetch("http://example.com/");
  expect(await response.text()).toBe("upstream said ${secret}");
});
`,
);

const withCa = { ...process.env, NODE_EXTRA_CA_CERTS: file("ca.pem") };
const withoutCa = { ...process.env };
delete withoutCa.NODE_EXTRA_CA_CERTS;
const runTest = (env) =>
  run(switchyard, ["test", app], { env, timeout: 120000 }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e) => ({ code: e.code, out: `${e.stdout}${e.stderr}` }),
  );

const suite = createSuite();
try {
  await suite.check("serve: the worker's fetch trusts the CA NODE_EXTRA_CA_CERTS names", async () => {
    const previous = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = file("ca.pem"); // startServe inherits this process's environment
    let server;
    try {
      server = await startServe(switchyard, app);
    } finally {
      if (previous === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = previous;
    }
    try {
      const r = await fetch(server.origin + "/");
      const body = await r.text();
      assert(r.status === 200 && body === `upstream said ${secret}`, `${r.status}: ${body}`);
    } finally {
      await server.stop();
    }
  });

  await suite.check("switchyard test: SELF.fetch reaches the upstream with NODE_EXTRA_CA_CERTS", async () => {
    const r = await runTest(withCa);
    assert(r.code === 0 && /1 passed/.test(r.out), `exit ${r.code}:\n${r.out}`);
  });

  await suite.check("without NODE_EXTRA_CA_CERTS the certificate is refused (the check can fail)", async () => {
    const r = await runTest(withoutCa);
    assert(r.code === 1, `exit ${r.code}:\n${r.out}`);
    assert(/fetch failed.*(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable to verify|certificate)/i.test(r.out), r.out);
  });
} finally {
  upstream.close();
}

fs.rmSync(work, { recursive: true, force: true });
process.exit(suite.finish());
