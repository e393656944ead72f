// Vite 7 in middleware mode doing SSR of <app>/src/entry-server.tsx on GET /.
// Usage: node viteSsrServer.mjs <app dir>
import http from "node:http";
import { createServer } from "vite";

const root = process.argv[2];
const vite = await createServer({
  root,
  logLevel: "error",
  appType: "custom",
  server: { middlewareMode: true, hmr: false },
  esbuild: { jsx: "automatic" },
  optimizeDeps: { noDiscovery: false },
});
const server = http.createServer((req, res) => {
  vite.middlewares(req, res, async () => {
    try {
      const { render } = await vite.ssrLoadModule("/src/entry-server.tsx");
      res.setHeader("content-type", "text/html");
      res.end(render());
    } catch (e) {
      vite.ssrFixStacktrace(e);
      res.statusCode = 500;
      res.end(String(e.stack));
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}/`));
