// No secrets in dev HTML: an rwsdk page under a layout (both receive requestInfo
// as props: the request with its headers) is served as HTML and as an RSC payload while the request carries a
// unique cookie and header value and the app has a unique var; none of them
// may reach the response (React's development Flight server copies server
// components' props into the payload as debug info), while the page's own
// text and the debug info's component names still do.
// Usage: node secrets.test.mjs <switchyard binary> <examples/hello dir>
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startServe, createSuite, assert } from "./serveHarness.mjs";

const [switchyard, helloDir] = process.argv.slice(2).map((p) => path.resolve(p));
const unique = (label) => `${label}${crypto.randomBytes(8).toString("hex")}`;
const secrets = {
  cookie: unique("cookieSecret"),
  header: unique("headerSecret"),
  variable: unique("varSecret"),
};
const pageText = unique("pageText");

const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-secrets-"));
const write = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
  fs.writeFileSync(path.join(app, rel), text);
};
write("wrangler.jsonc", `{
  "name": "secrets", "main": "src/worker.tsx", "compatibility_date": "2025-01-01", "compatibility_flags": ["nodejs_compat"],
  "vars": { "API_TOKEN": "${secrets.variable}" },
}`);
write("package.json", JSON.stringify({ name: "secrets", private: true, type: "module",
  dependencies: { rwsdk: "1.7.3", react: "19.3.1", "react-dom": "19.3.1", "react-server-dom-webpack": "19.3.1" } }));
fs.symlinkSync(path.join(helloDir, "node_modules"), path.join(app, "node_modules"));
write("src/worker.tsx", `
import { layout, render, route } from "rwsdk/router";
import { defineApp } from "rwsdk/worker";
import { Document } from "./Document";
import { Layout } from "./Layout";
import { Page } from "./Page";
export default defineApp([render(Document, [layout(Layout, [route("/", Page)])])]);
`);
write("src/Document.tsx", `
export function Document({ children }: { children: React.ReactNode }) {
  return (<html lang="en"><head><title>secrets</title></head><body><div id="root">{children}</div></body></html>);
}
`);
write("src/Layout.tsx", `
export function Layout({ children }: { requestInfo: unknown; children: React.ReactNode }) {
  return <main id="layout">{children}</main>;
}
`);
write("src/Page.tsx", `
function Greeting({ method }: { method: string }) {
  return <p id="page">${pageText} {method}</p>;
}
export function Page({ request }: { request: Request }) {
  return <Greeting method={request.method} />;
}
`);

function get(origin, pathAndQuery, extraHeaders = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      origin + pathAndQuery,
      { headers: { cookie: `session=${secrets.cookie}; theme=dark`, "x-api-key": secrets.header, ...extraHeaders } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode, type: res.headers["content-type"], body }));
      },
    );
    req.on("error", reject);
  });
}

function assertNoSecrets(what, body) {
  const leaks = Object.entries(secrets)
    .filter(([, value]) => body.includes(value))
    .map(([name, value]) => {
      const at = body.indexOf(value);
      return `the ${name} value: ...${body.slice(Math.max(0, at - 200), at + 60)}...`;
    });
  assert(leaks.length === 0, `${what} (${body.length} bytes) contains ${leaks.join("\n and ")}`);
}

const suite = createSuite();
const server = await startServe(switchyard, app);
try {
  await suite.check("HTML of a page under a layout: page text, no cookie, header or var", async () => {
    const r = await get(server.origin, "/");
    assert(r.status === 200 && r.type.startsWith("text/html"), `${r.status} ${r.type}: ${r.body.slice(0, 500)}`);
    assert(r.body.includes(`${pageText} <!-- -->GET`) || r.body.includes(`${pageText} GET`), r.body.slice(0, 2000));
    assert(r.body.includes("self.__FLIGHT_DATA"), "no inlined RSC payload");
    assertNoSecrets("the HTML", r.body);
  });

  await suite.check("RSC payload (?__rsc): page text and component names, no cookie, header or var", async () => {
    const r = await get(server.origin, "/?__rsc", { accept: "text/x-component" });
    assert(r.status === 200 && r.type.startsWith("text/x-component"), `${r.status} ${r.type}: ${r.body.slice(0, 500)}`);
    assert(r.body.includes(pageText), r.body.slice(0, 2000));
    // Dev debug info stays useful: the server components are named in it.
    for (const name of ["Layout", "Greeting"]) assert(r.body.includes(`"name":"${name}"`), `no debug info for ${name}`);
    assertNoSecrets("the RSC payload", r.body);
  });
} finally {
  await server.stop();
  fs.rmSync(app, { recursive: true, force: true });
}
process.exit(suite.finish());
