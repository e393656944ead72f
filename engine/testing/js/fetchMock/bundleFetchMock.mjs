// Build step: bundles fetchMock.js with undici's MockAgent code into one ES
// module for test isolates (virtual:switchyard:fetch-mock). undici's Client and
// Pool become passThroughClient.cjs; the Node.js built-ins it requires, and
// its bare `Buffer` / `process`, become nodeShims.cjs (http.STATUS_CODES is
// this Node's table, written in here).
// Usage: node bundleFetchMock.mjs <tools/js dir> <out file>
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [toolsJs, outfile] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const esbuild = await import(pathToFileURL(path.join(toolsJs, "node_modules/esbuild/lib/main.js")).href);
const shims = path.join(here, "nodeShims.cjs");
const passThrough = path.join(here, "passThroughClient.cjs");

await esbuild.build({
  entryPoints: [path.join(here, "fetchMock.js")],
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "node18",
  mainFields: ["main"],
  nodePaths: [path.join(toolsJs, "node_modules")],
  inject: [path.join(here, "globalsInject.js")],
  legalComments: "none",
  logLevel: "warning",
  outfile,
  plugins: [{
    name: "switchyard-fetch-mock",
    setup(build) {
      build.onResolve({ filter: /^(\.\.\/dispatcher\/|\.\/)(client|pool)(\.js)?$/ }, (args) =>
        args.importer.includes(`${path.sep}undici${path.sep}`) ? { path: passThrough } : undefined);
      build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path.slice(5), namespace: "node-shim" }));
      build.onLoad({ filter: /.*/, namespace: "node-shim" }, (args) => ({
        contents: args.path === "http"
          ? `module.exports = { ...require(${JSON.stringify(shims)}).http, STATUS_CODES: ${JSON.stringify(http.STATUS_CODES)} };`
          : `const shims = require(${JSON.stringify(shims)});\n` +
            `if (!(${JSON.stringify(args.path)} in shims)) throw new Error("fetchMock: node:${args.path} is not shimmed");\n` +
            `module.exports = shims[${JSON.stringify(args.path)}];`,
        resolveDir: here,
        loader: "js",
      }));
    },
  }],
});
