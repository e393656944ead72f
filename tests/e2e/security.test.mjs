// The dev server's file policy, end to end, as an attacker would try it:
// secrets planted inside a copy of examples/hello (.env, .env.local,
// .dev.vars, .git/config, a key, a certificate, the dev server's storage) and
// outside it (a file next to the app, a shadow-like file, the server's own
// /proc/self/environ) are requested through every URL form of Vite's fs.deny
// advisories (/@fs/, /@id/, ?raw/?url/?import/?inline, ??, //, /./, deps
// traversal, percent-encoded and mixed-case dots, NUL bytes, backslashes,
// symlinks that lead out, in the app and in node_modules), over raw sockets so
// nothing normalizes the path. wrangler.jsonc holds a var the app never renders.
// No response may carry a secret; the file routes answer 403 (400 for NUL,
// backslashes and ".." above the root) and journal the refusal; a FIFO and
// /dev/zero do not hang the server.
// Usage: node security.test.mjs <switchyard binary> <examples/hello dir>
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { startServe, createSuite, assert, copyApp } from "./serveHarness.mjs";

const [switchyard, helloDir] = process.argv.slice(2).map((p) => path.resolve(p));
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-security-")));
const app = path.join(tmp, "app");
fs.mkdirSync(app);
copyApp(helloDir, app, { linkModules: false });
// node_modules: a link per package of the example's (as pnpm and workspaces lay
// them out), plus links that are no packages: to "/", and to the folder that
// holds the app (neither may become an allowed root).
const modules = path.join(app, "node_modules");
fs.mkdirSync(modules);
for (const name of fs.readdirSync(path.join(helloDir, "node_modules")))
  fs.symlinkSync(path.join(helloDir, "node_modules", name), path.join(modules, name));
fs.symlinkSync("/", path.join(modules, "rootlink"));
fs.symlinkSync(tmp, path.join(modules, "uplink"));
fs.mkdirSync(path.join(modules, "@evil"));
fs.symlinkSync(tmp, path.join(modules, "@evil", "pkg"));
const journalFile = path.join(tmp, "journal.sqlite");

// Secrets: a unique token each; `file` is absolute, `rel` is the path from the app root.
const token = (name) => `SY_SECRET_${name}_${randomBytes(8).toString("hex")}`;
const secrets = [];
const plant = (name, file, content) => {
  const value = token(name);
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content ? content(value) : `${value}\n`);
  }
  secrets.push({ name, file, value, rel: file && path.relative(app, file) });
  return value;
};
plant("env", path.join(app, ".env"), (v) => `API_KEY=${v}\n`);
plant("envLocal", path.join(app, ".env.local"), (v) => `API_KEY=${v}\n`);
plant("devVars", path.join(app, ".dev.vars"), (v) => `SECRET=${v}\n`);
plant("gitConfig", path.join(app, ".git", "config"), (v) => `[remote "origin"]\n\turl = https://${v}@example.com/x.git\n`);
plant("pem", path.join(app, "key.pem"), (v) => `-----BEGIN PRIVATE KEY-----\n${v}\n-----END PRIVATE KEY-----\n`);
plant("crt", path.join(app, "certs", "cert.crt"), (v) => `-----BEGIN CERTIFICATE-----\n${v}\n-----END CERTIFICATE-----\n`);
plant("storage", path.join(app, ".switchyard", "storage", "x.sqlite"));
// A var the app never renders: wrangler.jsonc is the Worker's config, not a module.
plant("wranglerVars", path.join(app, "wrangler.jsonc"), (v) =>
  fs.readFileSync(path.join(helloDir, "wrangler.jsonc"), "utf8").replace('"vars": {', `"vars": {\n    "API_TOKEN": "${v}",`));
plant("outside", path.join(tmp, "outside-secret.txt"));
plant("shadow", path.join(tmp, "etc", "shadow"), (v) => `root:${v}:19000:0:99999:7:::\n`);
// The server inherits this variable: its /proc/self/environ holds the token.
const environToken = plant("environ", null);
secrets[secrets.length - 1].file = "/proc/self/environ";
secrets[secrets.length - 1].rel = path.relative(app, "/proc/self/environ");
process.env.SY_SECURITY_TEST_TOKEN = environToken;

// A symlink inside the app to each secret (a name the deny list does not know).
for (const [i, s] of secrets.entries()) {
  s.link = `src/link${i}.js`;
  fs.symlinkSync(s.file, path.join(app, s.link));
}
fs.symlinkSync(tmp, path.join(app, "src", "up"));
execFileSync("mkfifo", [path.join(app, "src", "pipe.js")]);
fs.symlinkSync("/dev/zero", path.join(app, "src", "zero.js"));
// Above the size cap the server is started with (--max-file-size 2 MB).
fs.writeFileSync(path.join(app, "src", "big.js"), `export const big = "${"x".repeat(3 << 20)}";\n`);

// Percent-encodes every byte ("/a" -> "%2F%61"), upper or lower case hex.
const encodeAll = (text, upper) =>
  [...Buffer.from(text)].map((b) => "%" + b.toString(16).padStart(2, "0")[upper ? "toUpperCase" : "toLowerCase"]()).join("");
// Dots as %2E/%2e, alternating.
const encodeDots = (text) => {
  let n = 0;
  return text.replace(/\./g, () => (n++ % 2 ? "%2e" : "%2E"));
};

const REFUSED = [403]; // the file policy said no
const BAD = [400]; // NUL, backslash, ".." above the root
const REFUSED_OR_BAD = [400, 403];
const NOT_SERVED = null; // routed to the app's worker: anything but a secret
// Each form: [name, (secret) => raw request-target, expected statuses or NOT_SERVED].
const forms = [
  ["/@fs/<abs>", (s) => `/@fs${s.file}`, REFUSED],
  ["/@id//<abs>", (s) => `/@id/${s.file}`, REFUSED],
  ["/@id/<abs without slash>", (s) => `/@id${s.file}`, REFUSED],
  ["/@fs//<abs>", (s) => `/@fs/${s.file}`, REFUSED],
  ["/@fs/<abs>?raw", (s) => `/@fs${s.file}?raw`, REFUSED],
  ["/@fs/<abs>?import&raw", (s) => `/@fs${s.file}?import&raw`, REFUSED],
  ["/@id//<abs>?v=1", (s) => `/@id/${s.file}?v=1`, REFUSED],
  ["/@fs/<abs>??", (s) => `/@fs${s.file}??`, REFUSED],
  ["/@fs/<all percent-encoded>", (s) => `/@fs${encodeAll(s.file, false)}`, REFUSED],
  ["/@id/<all percent-encoded, upper>", (s) => `/@id/${encodeAll(s.file, true)}`, REFUSED],
  ["/@fs/<dots %2E/%2e>", (s) => `/@fs${encodeDots(s.file)}`, REFUSED],
  ["/@fs/<app>/./<rel>", (s) => `/@fs${app}/./${s.rel}`, REFUSED_OR_BAD],
  ["/@fs/<app>/src/../<rel>", (s) => `/@fs${app}/src/../${s.rel}`, REFUSED_OR_BAD],
  ["/@fs/<app>/src/%2e%2e/<rel>", (s) => `/@fs${app}/src/%2e%2e/${s.rel}`, REFUSED_OR_BAD],
  ["/@fs/<app>/src/.%2E/<rel>", (s) => `/@fs${app}/src/.%2E/${s.rel}`, REFUSED_OR_BAD],
  ["/<rel>?raw", (s) => `/${s.rel}?raw`, REFUSED_OR_BAD],
  ["/<rel>?url", (s) => `/${s.rel}?url`, REFUSED_OR_BAD],
  ["/<rel>?import", (s) => `/${s.rel}?import`, REFUSED_OR_BAD],
  ["/<rel>?inline", (s) => `/${s.rel}?inline`, REFUSED_OR_BAD],
  ["/<rel>??raw", (s) => `/${s.rel}??raw`, REFUSED_OR_BAD],
  ["//<rel>?raw", (s) => `//${s.rel}?raw`, REFUSED_OR_BAD],
  ["/./<rel>?import", (s) => `/./${s.rel}?import`, REFUSED_OR_BAD],
  ["/.switchyard/deps_client/../../<rel>", (s) => `/.switchyard/deps_client/../../${s.rel}`, REFUSED_OR_BAD],
  ["/.switchyard/deps_client/%2e%2e/%2E%2E/<rel>", (s) => `/.switchyard/deps_client/%2e%2e/%2E%2E/${s.rel}`, REFUSED_OR_BAD],
  ["/src/%2e%2e/<rel>?raw", (s) => `/src/%2e%2e/${s.rel}?raw`, REFUSED_OR_BAD],
  ["/<link inside the app>", (s) => `/${s.link}`, REFUSED],
  ["/@fs/<app>/src/up/<path via a symlinked folder>", (s) => `/@fs${app}/src/up/${path.relative(tmp, s.file)}`, [403, 404]],
  ["/node_modules/rootlink/<abs>?import", (s) => `/node_modules/rootlink${s.file}?import`, REFUSED],
  ["/@fs/<app>/node_modules/uplink/<path>", (s) => `/@fs${modules}/uplink/${path.relative(tmp, s.file)}`, [403, 404]],
  ["/node_modules/@evil/pkg/<path>?raw", (s) => `/node_modules/@evil/pkg/${path.relative(tmp, s.file)}?raw`, [403, 404]],
  ["/<rel>%00.js", (s) => `/${s.rel}%00.js`, BAD],
  ["/@fs/<abs>%00.js", (s) => `/@fs${s.file}%00.js`, BAD],
  ["/@id//<abs>%00", (s) => `/@id/${s.file}%00`, BAD],
  ["/.switchyard/deps_client/..\\..\\<rel>", (s) => `/.switchyard/deps_client/..\\..\\${s.rel}`, BAD],
  ["/.switchyard/deps_client/..%5c..%5c<rel>", (s) => `/.switchyard/deps_client/..%5c..%5c${s.rel}`, BAD],
  ["/@fs/<app>/src/../../../../../../../../../../<abs>", (s) => `/@fs${app}/src${"/..".repeat(12)}${s.file}`, BAD],
  ["/<rel> (app route)", (s) => `/${s.rel}`, NOT_SERVED],
  ["//<rel> (app route)", (s) => `//${s.rel}`, NOT_SERVED],
  ["/./<rel> (app route)", (s) => `/./${s.rel}`, NOT_SERVED],
  ["/%2e<rel> (app route)", (s) => `/${encodeDots(s.rel)}`, NOT_SERVED],
];

// One raw HTTP/1.1 request on its own connection: { status, text } (text: the whole response).
function rawGet(origin, target, timeoutMs = 30000) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to GET ${target} in ${timeoutMs} ms (the server hangs)`));
    }, timeoutMs);
    socket.on("connect", () =>
      socket.write(Buffer.concat([Buffer.from("GET "), Buffer.from(target, "latin1"),
        Buffer.from(` HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`)])));
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", (e) => { clearTimeout(timer); reject(e); });
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const m = text.match(/^HTTP\/1\.1 (\d{3})/);
      resolve({ status: m ? Number(m[1]) : null, text });
    });
  });
}

const leakedSecrets = (text) => secrets.filter((s) => text.includes(s.value)).map((s) => s.name);

const suite = createSuite();
const server = await startServe(switchyard, app, ["--no-watch", "--journal", journalFile, "--max-file-size", "2"]);
try {
  await suite.check("GET / works before the attack", async () => {
    const r = await rawGet(server.origin, "/");
    assert(r.status === 200 && r.text.includes("Hello from Switchyard"), `GET / answered ${r.status}: ${r.text.slice(0, 3000)}`);
  });

  await suite.check("the planted secrets are real files (and the environ token reached the server)", async () => {
    for (const s of secrets) assert(fs.existsSync(s.file), `${s.file} missing`);
    assert(secrets.length >= 8 && forms.length >= 20, `${secrets.length} secrets x ${forms.length} forms`);
  });

  const leaks = [];
  const wrongStatus = [];
  let requests = 0;
  for (const [formName, build, expected] of forms) {
    await suite.check(`no secret through ${formName}`, async () => {
      const problems = [];
      for (const s of secrets) {
        const target = build(s);
        const r = await rawGet(server.origin, target);
        requests++;
        const leaked = leakedSecrets(r.text);
        if (leaked.length) leaks.push(`${target} -> ${leaked.join(", ")}`);
        if (leaked.length) problems.push(`LEAK ${target}: ${r.status} ${leaked.join(", ")}`);
        if (expected && !expected.includes(r.status)) {
          wrongStatus.push(`${target}: ${r.status}`);
          problems.push(`${target}: status ${r.status}, expected ${expected.join(" or ")}: ${r.text.slice(0, 300)}`);
        }
        if (!expected && (r.status === null || r.status < 400 || r.status >= 500))
          problems.push(`${target}: an app route answered ${r.status} for a secret's path (expected 4xx)`);
        if (expected && (r.status === 403 || r.status === 400)) {
          const body = r.text.slice(r.text.indexOf("\r\n\r\n") + 4);
          if (body.trim().split("\n").length !== 1 || body.length > 2000)
            problems.push(`${target}: the reason is not one line: ${JSON.stringify(body)}`);
        }
      }
      assert(problems.length === 0, problems.join("\n"));
    });
  }

  await suite.check(`0 leaks in ${secrets.length} secrets x ${forms.length} forms`, async () => {
    assert(requests === secrets.length * forms.length, `${requests} requests`);
    assert(leaks.length === 0, `leaks:\n${leaks.join("\n")}`);
  });

  await suite.check("a raw NUL byte in the request line does not read the file", async () => {
    const r = await rawGet(server.origin, "/.env\0.js");
    assert(!leakedSecrets(r.text).length, `leaked: ${r.text}`);
    assert(r.status === 400, `status ${r.status}`);
  });

  await suite.check("a FIFO is refused without blocking the server", async () => {
    for (const target of ["/src/pipe.js", `/@id/${app}/src/pipe.js`, `/@fs${app}/src/pipe.js`]) {
      const r = await rawGet(server.origin, target);
      assert(r.status === 403, `${target}: ${r.status} ${r.text.slice(0, 200)}`);
      const root = await rawGet(server.origin, "/");
      assert(root.status === 200, `GET / after ${target}: ${root.status}`);
    }
  });

  await suite.check("/dev/zero is refused without reading it", async () => {
    for (const target of ["/@id//dev/zero", "/@fs/dev/zero", "/src/zero.js", "/@id//dev/urandom"]) {
      const r = await rawGet(server.origin, target);
      assert(r.status === 403, `${target}: ${r.status} ${r.text.slice(0, 200)}`);
      const root = await rawGet(server.origin, "/");
      assert(root.status === 200, `GET / after ${target}: ${root.status}`);
    }
  });

  await suite.check("a file above --max-file-size is refused", async () => {
    const r = await rawGet(server.origin, "/src/big.js");
    assert(r.status === 403 && r.text.includes("2 MB file size limit"), `${r.status} ${r.text.slice(0, 300)}`);
    assert(r.text.length < 4096, `${r.text.length} bytes answered`);
  });

  await suite.check("the app's own modules, pre-bundles and runtime are still served", async () => {
    const page = await rawGet(server.origin, "/");
    const urls = [...page.text.matchAll(/"(\/(?:@fs|\.switchyard|src)\/[^"?]+\.(?:js|tsx?)(?:\?v=[0-9a-f]+)?)"/g)].map((m) => m[1]);
    const entry = page.text.match(/<script[^>]*>import\("([^"]+)"\)<\/script>/); // the Document's client entry
    assert(entry, "no client entry script in the page");
    urls.push(entry[1]);
    for (const url of ["/src/app/components/Counter.tsx", ...urls]) {
      const r = await rawGet(server.origin, url);
      assert(r.status === 200, `${url}: ${r.status} ${r.text.slice(0, 300)}`);
    }
  });

  await suite.check("refusals are journaled as security events", async () => {
    const out = execFileSync(switchyard, ["journal", journalFile, "--kind", "security", "--json"], { encoding: "utf8" });
    const events = JSON.parse(out);
    assert(events.length > 100, `${events.length} security events`);
    assert(events.some((e) => JSON.stringify(e).includes("/@id//dev/zero")), "the /dev/zero refusal is not journaled");
    for (const e of events) assert(!leakedSecrets(JSON.stringify(e)).length, `a journal event holds a secret: ${JSON.stringify(e)}`);
  });
} finally {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(suite.finish());
