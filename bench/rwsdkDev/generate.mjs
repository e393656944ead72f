// Generates a RedwoodSDK app of N components (default 500) with the package
// set of examples/starter (rwsdk 1.7.3, vite 8, @cloudflare/vite-plugin,
// wrangler, React 19.3): the starter's vite.config.mts, wrangler.jsonc,
// tsconfig paths (@/), worker with security headers and a nonce, Document and
// client navigation, then a home page of N components in sections: every tenth
// one a "use client" component with state and a CSS module, the rest server
// components (some async, some nesting another). It also writes the two
// components the benchmark edits: Probe.tsx (server) and ClientProbe.tsx
// ("use client"), rendered on the home page.
//
//   node bench/rwsdkDev/generate.mjs DIR [N] [--node-modules DIR]
//   import { generateRwsdkApp } from "./generate.mjs"
//
// node_modules: --node-modules (the peer's, normally) hard-linked into
// DIR/node_modules (same file system), so the app's Vite cache
// (node_modules/.vite) stays its own.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const starterDir = path.resolve(here, "../../examples/starter");
const SECTION_SIZE = 50;

/// The server component the benchmark rewrites (edits; a new npm import).
export function probeSource(marker = "probe-initial", extra = null) {
  const head = extra ? `${extra.importLine}\n` : "";
  const body = extra ? `{"${marker}"} {${extra.expression}}` : `{"${marker}"}`;
  return `${head}export function Probe() {\n  return <p id="probe">${body}</p>;\n}\n`;
}

/// The "use client" component the benchmark rewrites (a new npm import).
export function clientProbeSource(marker = "client-probe-initial", extra = null) {
  const head = extra ? `${extra.importLine}\n` : "";
  const body = extra ? `{"${marker}"} {${extra.expression}}` : `{"${marker}"}`;
  return `"use client";\n${head}import { useState } from "react";\n\n` +
    `export function ClientProbe() {\n  const [clicks, setClicks] = useState(0);\n` +
    `  return (\n    <p id="client-probe" onClick={() => setClicks(clicks + 1)}>\n      ${body} {clicks}\n    </p>\n  );\n}\n`;
}

/// Gives `dir` a node_modules of its own with the packages of `from` (the
/// peer's): hard links (`cp -al`: real paths inside the app, no copy of the
/// bytes). Not symlinks: rwsdk 1.7.3's directive scan joins the app's root
/// with a symlinked package's real path ("Cannot read file: <root>/<realpath>")
/// and the dev server does not start.
export function linkNodeModules(dir, from) {
  const to = path.join(dir, "node_modules");
  fs.rmSync(to, { recursive: true, force: true });
  // The real folder: in a git worktree the peer's node_modules is a symlink to
  // the main checkout's, and `cp -al` of a symlink copies the link, which gave
  // every app the peer's own node_modules (Vite's cache shared between runs,
  // and rwsdk's dev server failing its cold start).
  execFileSync("cp", ["-al", fs.realpathSync(from), to]);
  for (const cache of [".vite", ".cache"]) fs.rmSync(path.join(to, cache), { recursive: true, force: true });
}

function starterFile(rel) {
  return fs.readFileSync(path.join(starterDir, rel), "utf8");
}

export function generateRwsdkApp(dir, n = 500, { nodeModules = null } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const starterPackage = JSON.parse(starterFile("package.json"));
  write("package.json", JSON.stringify({
    name: `rwsdk-generated-${n}`,
    version: "1.0.0",
    type: "module",
    private: true,
    scripts: { dev: "vite dev", build: "vite build" },
    dependencies: { ...starterPackage.dependencies, "is-even": "1.0.0", "is-odd": "3.0.1" },
    devDependencies: starterPackage.devDependencies,
    overrides: starterPackage.overrides,
  }, null, 2) + "\n");
  for (const rel of ["vite.config.mts", "tsconfig.json", "types/css.d.ts", "types/vite.d.ts", "types/rw.d.ts",
                     "src/client.tsx", "src/app/headers.ts", "src/app/shared/links.ts", "public/favicon.svg"]) {
    write(rel, starterFile(rel));
  }
  write("wrangler.jsonc", `{
  "$schema": "node_modules/wrangler/config-schema.json",
  "name": "rwsdk-generated-${n}",
  "main": "src/worker.tsx",
  "compatibility_date": "2025-08-21",
  "compatibility_flags": ["nodejs_compat"],
  "assets": { "binding": "ASSETS" },
  "vars": { "APP_NAME": "Generated" }
}
`);
  write("worker-configuration.d.ts", `// The shape \`wrangler types --include-runtime false\` writes for this wrangler.jsonc.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import("./src/worker");
  }
  interface Env {
    APP_NAME: "Generated";
    ASSETS: Fetcher;
  }
}
interface Env extends Cloudflare.Env {}
`);
  write("src/worker.tsx", `import { render, route } from "rwsdk/router";
import { defineApp } from "rwsdk/worker";

import { Document } from "@/app/Document";
import { setCommonHeaders } from "@/app/headers";
import { Home } from "@/app/pages/Home";

export type AppContext = {};

export default defineApp([setCommonHeaders(), render(Document, [route("/", Home)])]);
`);
  write("src/app/Document.tsx", `export const Document: React.FC<{ children: React.ReactNode }> = ({ children }) => (
  <html lang="en">
    <head>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>Generated (${n} components)</title>
      <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
      <link rel="modulepreload" href="/src/client.tsx" />
    </head>
    <body>
      <div id="root">{children}</div>
      <script>import("/src/client.tsx")</script>
    </body>
  </html>
);
`);
  write("src/app/components/Widget.module.css",
    `.widget {\n  display: inline-block;\n  margin: 2px;\n  padding: 2px 6px;\n  border: 1px solid #e4dccb;\n}\n\n` +
    `.active {\n  background: #f47238;\n  color: white;\n}\n`);

  const sections = Math.ceil(n / SECTION_SIZE);
  for (let i = 0; i < n; i++) {
    const section = Math.floor(i / SECTION_SIZE);
    const rel = `src/app/components/s${section}/C${i}.tsx`;
    if (i % 10 === 9) {
      write(rel, `"use client";

import { useState } from "react";

import styles from "@/app/components/Widget.module.css";

export function C${i}({ label }: { label: string }) {
  const [on, setOn] = useState(false);
  return (
    <button className={on ? \`\${styles.widget} \${styles.active}\` : styles.widget} onClick={() => setOn(!on)}>
      {label} {on ? "on" : "off"}
    </button>
  );
}
`);
    } else if (i % 10 === 4) {
      write(rel, `export async function C${i}({ index }: { index: number }) {
  const items = await Promise.resolve([index, index * 2, index * 3]);
  return (
    <ul data-c="${i}">
      {items.map((v) => (
        <li key={v}>item {v}</li>
      ))}
    </ul>
  );
}
`);
    } else if (i % 10 === 5) {
      write(rel, `import { C${i - 1} } from "./C${i - 1}";

export function C${i}({ index }: { index: number }) {
  return (
    <section data-c="${i}">
      <h3>component ${i}</h3>
      <C${i - 1} index={index + 1} />
    </section>
  );
}
`);
    } else {
      write(rel, `export function C${i}({ index }: { index: number }) {
  return (
    <div data-c="${i}">
      component ${i}: {index % 2 === 0 ? "even" : "odd"}
    </div>
  );
}
`);
    }
  }
  for (let s = 0; s < sections; s++) {
    const ids = [];
    for (let i = s * SECTION_SIZE; i < Math.min(n, (s + 1) * SECTION_SIZE); i++) ids.push(i);
    // C(4 mod 10) is rendered through C(5 mod 10), which imports it.
    const rendered = ids.filter((i) => i % 10 !== 4 || !ids.includes(i + 1));
    const imports = rendered.map((i) => `import { C${i} } from "./C${i}";`).join("\n");
    const elements = rendered
      .map((i) => (i % 10 === 9 ? `<C${i} label="widget ${i}" />` : `<C${i} index={${i}} />`))
      .join("\n      ");
    write(`src/app/components/s${s}/Section${s}.tsx`,
      `${imports}\n\nexport function Section${s}() {\n  return (\n    <div className="section" data-section="${s}">\n      ${elements}\n    </div>\n  );\n}\n`);
  }
  write("src/app/components/Probe.tsx", probeSource());
  write("src/app/components/ClientProbe.tsx", clientProbeSource());
  const sectionImports = Array.from({ length: sections }, (_, s) => `import { Section${s} } from "@/app/components/s${s}/Section${s}";`).join("\n");
  const sectionElements = Array.from({ length: sections }, (_, s) => `<Section${s} />`).join("\n      ");
  write("src/app/pages/Home.tsx", `import { ClientProbe } from "@/app/components/ClientProbe";
import { Probe } from "@/app/components/Probe";
${sectionImports}

export function Home() {
  return (
    <main>
      <h1 id="title">Generated (${n} components)</h1>
      <Probe />
      <ClientProbe />
      ${sectionElements}
    </main>
  );
}
`);
  if (nodeModules) linkNodeModules(dir, nodeModules);
  return dir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const nmIndex = args.indexOf("--node-modules");
  const nodeModules = nmIndex >= 0 ? path.resolve(args[nmIndex + 1]) : null;
  const positional = args.filter((a, i) => !a.startsWith("--") && (nmIndex < 0 || i !== nmIndex + 1));
  if (!positional[0]) {
    console.error("usage: node bench/rwsdkDev/generate.mjs DIR [N] [--node-modules DIR]");
    process.exit(2);
  }
  const dir = path.resolve(positional[0]);
  const n = Number(positional[1] ?? 500);
  generateRwsdkApp(dir, n, { nodeModules });
  console.log(`generated an rwsdk app of ${n} components in ${dir}`);
}
