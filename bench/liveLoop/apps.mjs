// The apps the live-loop benchmark edits: copies of the Switchyard examples
// (node_modules symlinked) and generated Vite 7 SSR peers (node_modules
// symlinked to bench/startup/vite-peer). Every directory made here is removed
// by removeTempDirs() (called on exit, also on errors).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const tempDirs = new Set();
export function removeTempDirs() {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
  tempDirs.clear();
}
function tempDir(prefix) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(d);
  return d;
}
function write(dir, rel, text) {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

/// A fresh copy of a Switchyard example: its sources and config files
/// (vite.config.mts, tsconfig.json's paths, ...), an empty deps cache,
/// node_modules symlinked to the example's.
export function copyExample(exampleDir) {
  const dir = tempDir("switchyard-liveloop-");
  for (const f of fs.readdirSync(exampleDir)) {
    if ([".switchyard", "node_modules", "dist"].includes(f)) continue;
    fs.cpSync(path.join(exampleDir, f), path.join(dir, f), { recursive: true });
  }
  fs.symlinkSync(path.resolve(exampleDir, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

// The documented substitution (examples/requestinfo/README.md): drop the
// leading "// " of every line ending in "// @reopt:<package>". One write.
const UNCOMMENT = /^(\s*)\/\/ (.*\/\/ @reopt:[\w-]+)$/gm;
export function uncomment(file) {
  const before = fs.readFileSync(file, "utf8");
  const count = (before.match(UNCOMMENT) || []).length;
  fs.writeFileSync(file, before.replace(UNCOMMENT, "$1$2"));
  return count;
}

const ENTRY =
  `import { renderToString } from "react-dom/server";\nimport { Page } from "./app/Page";\n` +
  `export function render() {\n  return "<!DOCTYPE html>" + renderToString(\n` +
  `    <html><head><meta charSet="utf-8" /><title>vite peer</title></head><body><div id="root"><Page /></div></body></html>);\n}\n`;

function viteApp(peerNodeModules, prefix) {
  const dir = tempDir(prefix);
  write(dir, "package.json", JSON.stringify({ name: "vite-liveloop", private: true, type: "module" }));
  fs.symlinkSync(peerNodeModules, path.join(dir, "node_modules"));
  write(dir, "src/entry-server.tsx", ENTRY);
  return dir;
}

/// Vite peer of the leaf edit: a page importing a leaf component (and
/// is-number, like examples/hello's page); the benchmark rewrites the leaf.
export const VITE_LEAF_FILE = "src/app/components/Leaf.tsx";
export function viteLeafSource(marker) {
  return `export function Leaf() {\n  return <h1>Hello from Vite ${marker}</h1>;\n}\n`;
}
export function generateViteLeafApp(peerNodeModules) {
  const dir = viteApp(peerNodeModules, "vite-liveloop-leaf-");
  write(dir, VITE_LEAF_FILE, viteLeafSource("initial"));
  write(dir, "src/app/Page.tsx",
    `import isNumber from "is-number";\nimport { Leaf } from "./components/Leaf";\n` +
    `export function Page() {\n  return (<main><Leaf /><p id="is-number">isNumber("42") is {String(isNumber("42"))}</p></main>);\n}\n`);
  return dir;
}

/// Vite peer of the re-optimization scenario: the requestinfo example's plain
/// module (verbatim) and a component with the same commented-out imports and
/// markers as its "use client" widget (Vite's SSR has no RSC: the directive
/// is inert there), both rendered by the page.
export const VITE_REOPT_FILES = { plain: "src/app/lib/plain.ts", client: "src/app/components/ClientWidget.tsx" };
export function generateViteReoptApp(peerNodeModules, requestinfoDir) {
  const dir = viteApp(peerNodeModules, "vite-liveloop-reopt-");
  fs.cpSync(path.join(requestinfoDir, "src/app/lib/plain.ts"), path.join(dir, VITE_REOPT_FILES.plain));
  const pkgs = [["isOdd", "is-odd", 3], ["isEven", "is-even", 4], ["isNumber", "is-number", 5]];
  write(dir, VITE_REOPT_FILES.client,
    `"use client";\n` +
    pkgs.map(([f, p]) => `// import ${f} from "${p}"; // @reopt:${p}\n`).join("") +
    `function clientMarkers(): string[] {\n  const markers: string[] = [];\n` +
    pkgs.map(([f, p, n]) => `  // markers.push(\`client:${f}(${n})=\${${f}(${n})}\`); // @reopt:${p}\n`).join("") +
    `  return markers;\n}\n` +
    `export function ClientWidget() {\n  return (<section id="client-widget"><p id="client-marker">client component rendered</p>` +
    `<ul id="client-markers">{clientMarkers().map((m) => <li key={m} data-reopt={m}>{m}</li>)}</ul></section>);\n}\n`);
  write(dir, "src/app/Page.tsx",
    `import { plainMarkers } from "./lib/plain";\nimport { ClientWidget } from "./components/ClientWidget";\n` +
    `export function Page() {\n  return (<main><h1>requestInfo playground (vite peer)</h1>` +
    `<ul id="server-markers">{plainMarkers().map((m) => <li key={m} data-reopt={m}>{m}</li>)}</ul><ClientWidget /></main>);\n}\n`);
  return dir;
}
