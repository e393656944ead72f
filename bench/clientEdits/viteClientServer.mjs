// Vite 7's dev server with @vitejs/plugin-react (Fast Refresh) and
// @tailwindcss/vite on <app dir>,
// the peer of bench/clientEdits. Prints its URL (http://127.0.0.1:PORT) once
// listening. `@/` maps to <app>/src, as examples/realworld's tsconfig paths
// do (Vite itself does not read tsconfig paths).
// Usage: node viteClientServer.mjs <app dir>
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(process.argv[2]);
const modules = path.join(root, "node_modules");
const entryOf = (pkg) => {
  const dir = path.join(modules, pkg);
  const json = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const dot = json.exports?.["."];
  const target = typeof dot === "string" ? dot : dot?.import?.default ?? dot?.import ?? dot?.default ?? json.module ?? json.main;
  return pathToFileURL(path.join(dir, target)).href;
};
const { createServer } = await import(entryOf("vite"));
const { default: react } = await import(entryOf("@vitejs/plugin-react"));
// Tailwind as examples/realworld's vite.config.mts runs it.
const { default: tailwindcss } = await import(entryOf("@tailwindcss/vite"));
const server = await createServer({
  root,
  configFile: false,
  cacheDir: path.join(root, ".vite"),
  logLevel: "error",
  clearScreen: false,
  plugins: [react(), tailwindcss()],
  resolve: { alias: [{ find: /^@\//, replacement: path.join(root, "src") + "/" }] },
  server: { host: "127.0.0.1", port: 0, strictPort: false },
});
await server.listen();
const address = server.httpServer.address();
console.log(`http://127.0.0.1:${address.port}/`);
