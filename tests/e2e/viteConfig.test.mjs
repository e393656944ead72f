// An app configured in vite.config.mts, as Vite and Cloudflare users write it:
// `switchyard serve` prints, once at start, a warning naming each plugin it
// does not apply (one not installed, one written in the config) and each
// option it ignores; it applies what it implements: cloudflare()'s configPath
// (which wrangler file is read), a resolve.alias (worker and client
// environments), define and base (import.meta.env.BASE_URL); an edit of the
// config says to restart. A config that
// does not parse is an error naming its file and line, and the engine runs on
// Vite's defaults (`switchyard graph` still prints the graph).
// Usage: node viteConfig.test.mjs <switchyard binary>
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startServe, createSuite, assert } from "./serveHarness.mjs";

const [switchyard] = process.argv.slice(2).map((p) => path.resolve(p));
const greeting = `hello-${crypto.randomBytes(6).toString("hex")}`;

const app = fs.mkdtempSync(path.join(os.tmpdir(), "switchyard-vite-config-"));
const write = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
  fs.writeFileSync(path.join(app, rel), text);
};
// The wrangler file only vite.config names; the default one would fail.
write("wrangler.jsonc", `{ "name": "not-this-one", "main": "src/missing.ts" }\n`);
write(
  "config/wrangler.dev.jsonc",
  `{ "name": "vite-configured", "main": "../src/worker.ts", "compatibility_date": "2026-11-01" }\n`,
);
write(
  "vite.config.mts",
  `import { defineConfig } from "vite";
import { cloudflare } from "@cloudflare/vite-plugin";
import inspect from "vite-plugin-inspect";
import path from "node:path";

export default defineConfig(({ mode }) => ({
  base: "/docs/",
  plugins: [
    cloudflare({ configPath: "./config/wrangler.dev.jsonc", viteEnvironment: { name: "worker" } }),
    inspect(),
    mode === "development" && { name: "local-banner", transform: (code) => code },
  ],
  resolve: { alias: { "~lib": path.resolve(__dirname, "src/lib") } },
  define: { __GREETING__: JSON.stringify(${JSON.stringify(greeting)}) },
  server: { port: 4000 },
}));
`,
);
write("src/lib/greeting.ts", `export const greet = (who: string) => \`\${__GREETING__}, \${who}\`;\n`);
write(
  "src/worker.ts",
  `import { greet } from "~lib/greeting";
export default {
  fetch() {
    return new Response(greet("worker") + " base=" + import.meta.env.BASE_URL);
  },
};
`,
);
write("src/client.ts", `import { greet } from "~lib/greeting";\ndocument.title = greet("client");\n`);

const suite = createSuite();
let server;
try {
  server = await startServe(switchyard, app);
  // The banner comes after the warnings: wait for both streams to settle.
  await new Promise((r) => setTimeout(r, 200));
  const output = server.output();

  await suite.check("serve warns once about each plugin and option it does not apply", async () => {
    const inspect = output.match(
      /switchyard: warning: vite\.config\.mts: plugin "vite-plugin-inspect" \(from "vite-plugin-inspect"\) is not applied by Switchyard: [^\n]*"vite-plugin-inspect" is not installed\n/g,
    );
    assert(inspect && inspect.length === 1, `no single vite-plugin-inspect warning in:\n${output}`);
    assert(
      /warning: vite\.config\.mts: plugin "local-banner" \(defined in vite\.config\.mts\) is not applied/.test(output),
      `no warning for the inline plugin in:\n${output}`,
    );
    assert(/warning: vite\.config\.mts: server\.port is not applied by Switchyard \(use switchyard serve --port\)/.test(output),
      `no server.port warning in:\n${output}`);
    assert(!/plugin "vite-plugin-cloudflare"/.test(output), `the Cloudflare plugin was named as not applied:\n${output}`);
    assert(output.indexOf("warning:") < output.indexOf("Switchyard dev server for"),
      `the warnings do not come before the banner:\n${output}`);
  });

  await suite.check("cloudflare({ configPath }) picks the wrangler file", async () => {
    assert(/Switchyard dev server for vite-configured\n/.test(output), `wrong app name in:\n${output}`);
  });

  await suite.check("the worker gets the alias, the define and base as BASE_URL", async () => {
    const r = await fetch(server.origin + "/");
    const body = await r.text();
    assert(r.status === 200, `GET / answered ${r.status}: ${body.slice(0, 400)}`);
    assert(body === `${greeting}, worker base=/docs/`, `unexpected body: ${body}`);
  });

  await suite.check("the client environment resolves the alias and replaces the define", async () => {
    const r = await fetch(server.origin + "/src/client.ts");
    const code = await r.text();
    assert(r.status === 200, `GET /src/client.ts answered ${r.status}: ${code.slice(0, 400)}`);
    assert(/from\s*"\/src\/lib\/greeting\.ts"/.test(code), `the alias was not resolved: ${code}`);
    const lib = await (await fetch(server.origin + "/src/lib/greeting.ts")).text();
    assert(lib.includes(JSON.stringify(greeting)) && !lib.includes("__GREETING__"),
      `the define was not replaced: ${lib}`);
  });
  await suite.check("an edit of vite.config says to restart (it is read at start, as Vite reads it)", async () => {
    fs.appendFileSync(path.join(app, "vite.config.mts"), "// edited\n");
    const started = Date.now();
    const line = /switchyard: warning: vite\.config\.mts changed: restart Switchyard to apply it/;
    while (!line.test(server.output())) {
      assert(Date.now() - started < 20000, `no restart notice within 20 s:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const r = await fetch(server.origin + "/");
    assert(r.status === 200, `GET / after the edit answered ${r.status}`);
  });
} finally {
  if (server) await server.stop();
}

await suite.check("a config that does not parse names its file and line; graph runs on defaults", async () => {
  write("vite.config.mts", `import { defineConfig } from "vite";\nexport default defineConfig({\n  plugins: [,\n  base: "/"\n});\n`);
  write("wrangler.jsonc", `{ "name": "plain", "main": "src/plain.ts" }\n`);
  write("src/plain.ts", `export default { fetch() { return new Response("plain"); } };\n`);
  const r = spawnSync(switchyard, ["graph", app, "--env", "worker", "--json"], { encoding: "utf8", timeout: 120000 });
  // (graph's exit code says whether every environment crawled; a plain app
  // without React fails the client's default entry, as without vite.config.)
  assert(/switchyard: warning: vite\.config\.mts:4:\d+: /.test(r.stderr), `no error with file and line in:\n${r.stderr}`);
  assert(/Switchyard runs without vite\.config\.mts/.test(r.stderr), `no note about the defaults in:\n${r.stderr}`);
  const graph = JSON.parse(r.stdout);
  assert(JSON.stringify(graph).includes("plain.ts"), `the graph lacks the worker entry: ${r.stdout.slice(0, 400)}`);
});

fs.rmSync(app, { recursive: true, force: true });
process.exit(suite.finish());
