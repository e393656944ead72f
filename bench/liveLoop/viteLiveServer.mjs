// Vite 7 in middleware mode doing SSR of <app>/src/entry-server.tsx on GET /,
// with the file watcher on (edits invalidate the SSR module graph). With
// --prebundle, the ssr environment pre-bundles its dependencies like a
// worker environment would (noExternal: everything goes through Vite, the
// deps optimizer with discovery on: a new bare import mid-session makes Vite
// re-optimize).
// Usage: node viteLiveServer.mjs <app dir> [--prebundle]
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = process.argv[2];
const prebundle = process.argv.includes("--prebundle");
// Vite is the peer's (bench/startup/vite-peer), reached through the app's
// symlinked node_modules.
const vitePackage = path.join(root, "node_modules/vite");
const { exports } = JSON.parse(fs.readFileSync(path.join(vitePackage, "package.json"), "utf8"));
const { createServer, createServerModuleRunner } = await import(pathToFileURL(path.join(vitePackage, exports["."])).href);
const vite = await createServer({
  root,
  cacheDir: path.join(root, ".vite"), // not the shared (symlinked) node_modules/.vite
  logLevel: "error",
  appType: "custom",
  clearScreen: false,
  server: { middlewareMode: true, ws: false },
  esbuild: { jsx: "automatic" },
  ...(prebundle
    ? {
        ssr: { noExternal: true },
        environments: {
          ssr: {
            optimizeDeps: {
              noDiscovery: false,
              include: ["react", "react/jsx-dev-runtime", "react-dom/server"],
            },
          },
        },
      }
    : {}),
});
// With --prebundle the page is imported through a module runner of the ssr
// environment (Vite 6+'s environment API, as a worker's runner would): it
// receives the environment's HMR and full-reload messages, so a re-optimization
// that changes the deps' hash empties its cache. (The legacy ssrLoadModule's
// runner has no HMR channel and keeps the outdated-dep error on the entry
// module until the next file change.)
const runner = prebundle ? createServerModuleRunner(vite.environments.ssr) : null;
const load = (url) => (runner ? runner.import(url) : vite.ssrLoadModule(url));
const server = http.createServer((req, res) => {
  vite.middlewares(req, res, async () => {
    try {
      const { render } = await load("/src/entry-server.tsx");
      const html = await render();
      res.setHeader("content-type", "text/html");
      res.end(html);
    } catch (e) {
      vite.ssrFixStacktrace(e);
      res.statusCode = 500;
      res.end(String(e.stack));
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}/`));
const close = () => { server.close(); vite.close().finally(() => process.exit(0)); };
process.on("SIGTERM", close);
process.on("SIGINT", close);
