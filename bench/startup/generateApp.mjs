// Generates a RedwoodSDK app of N server components (plus a "use client"
// island and real deps) for benchmarks, with examples/hello's packages (rwsdk
// 1.7.3, is-number). Usage: generateApp(dir, n, nodeModulesDir)
import fs from "node:fs";
import path from "node:path";

export function generateApp(dir, n, nodeModules) {
  fs.rmSync(dir, { recursive: true, force: true });
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write("package.json", JSON.stringify({ name: "generated", private: true, type: "module",
    dependencies: { rwsdk: "1.7.3", react: "19.3.1", "react-dom": "19.3.1", "react-server-dom-webpack": "19.3.1", "is-number": "7.0.0" } }));
  write("wrangler.jsonc", `{ "name": "generated", "main": "src/worker.tsx", "compatibility_date": "2025-01-01", "compatibility_flags": ["nodejs_compat"] }`);
  fs.symlinkSync(nodeModules, path.join(dir, "node_modules"));
  for (let i = 0; i < n; i++) {
    write(`src/app/components/C${i}.tsx`,
      `import isNumber from "is-number";\n` +
      `export function C${i}({ value }: { value: number }) {\n` +
      `  return <li data-i="${i}">component ${i}: {String(isNumber(value))}</li>;\n}\n`);
  }
  write("src/app/components/Island.tsx",
    `"use client";\nimport { useState } from "react";\n` +
    `export function Island() { const [n, setN] = useState(0); return <button onClick={() => setN(n + 1)}>{n}</button>; }\n`);
  const imports = Array.from({ length: n }, (_, i) => `import { C${i} } from "./components/C${i}";`).join("\n");
  const items = Array.from({ length: n }, (_, i) => `<C${i} value={${i}} />`).join("\n      ");
  write("src/app/Page.tsx",
    `${imports}\nimport { Island } from "./components/Island";\n` +
    `export function Page() {\n  return (<main><h1>generated</h1><Island /><ul>\n      ${items}\n  </ul></main>);\n}\n`);
  write("src/app/Document.tsx",
    `export function Document({ children }: { children: React.ReactNode }) {\n` +
    `  return (<html lang="en"><head><meta charSet="utf-8" /><title>generated</title></head>` +
    `<body><div id="root">{children}</div><script>import("/src/client.tsx")</script></body></html>);\n}\n`);
  write("src/client.tsx", `import { initClient } from "rwsdk/client";\n\ninitClient();\n`);
  write("src/worker.tsx",
    `import { render, route } from "rwsdk/router";\nimport { defineApp } from "rwsdk/worker";\n` +
    `import { Document } from "./app/Document";\nimport { Page } from "./app/Page";\n` +
    `export default defineApp([render(Document, [route("/", Page)])]);\n`);
}
