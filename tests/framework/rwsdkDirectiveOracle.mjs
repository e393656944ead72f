// Oracle for tst_rwsdk_directives: runs rwsdk's own directive transforms
// (dist/vite/transformClientComponents.mjs, transformServerFunctions.mjs) on
// each case's source, then evaluates rwsdk's module and ours on rwsdk's real
// register/worker.js and register/client.js (mock SSR bridge, recorder for
// the ssr stubs) and prints what each one exports and registers: client
// references ($$id, $$async, what their $$id adds to scriptsToBeLoaded),
// server references (id, method, kind as rwsdk's client runtime keeps them),
// server functions ($$id) and registrations (name, id, whether the registered
// function is the exported one).
//
// usage: node --conditions=react-server rwsdkDirectiveOracle.mjs <manifest.json>
//   manifest: { rwsdkDir, workDir, cases: [{ name, id, env, source, ours,
//               files?: { "other.mjs": "..." } }] }
//   ours is evaluated as <workDir>/<name>/ours.mjs; a worker "use server"
//   module imports itself through that path.
// prints: { version, results: { <name>: { ours, theirs, theirsCode } } }
import fs from "node:fs";
import path from "node:path";
import { register } from "node:module";
import { pathToFileURL } from "node:url";

const manifest = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const { rwsdkDir, workDir } = manifest;
const version = JSON.parse(fs.readFileSync(path.join(rwsdkDir, "package.json"), "utf8")).version;
const { transformClientComponents } = await import(
  pathToFileURL(path.join(rwsdkDir, "dist/vite/transformClientComponents.mjs"))
);
const { transformServerFunctions } = await import(
  pathToFileURL(path.join(rwsdkDir, "dist/vite/transformServerFunctions.mjs"))
);

// The runtime: a package named rwsdk in the work folder whose worker and
// client entries are rwsdk's real register/worker.js and register/client.js
// (the worker ones wrapped to log their calls), with a mock SSR bridge (an
// SSR module whose every export is a component) and a recorder for the ssr
// stubs (register/ssr.js imports the server lookup, a virtual module).
// Node needs --conditions=react-server for react-server-dom-webpack/server.edge.
const mock = path.join(workDir, "node_modules", "rwsdk");
const real = (file) => JSON.stringify(pathToFileURL(path.join(rwsdkDir, "dist/runtime", file)).href);
fs.mkdirSync(mock, { recursive: true });
fs.writeFileSync(
  path.join(mock, "package.json"),
  JSON.stringify({
    name: "rwsdk",
    type: "module",
    exports: {
      "./worker": "./worker.mjs",
      "./__ssr_bridge": "./bridge.mjs",
      "./client": "./client.mjs",
      "./__ssr": "./ssr.mjs",
    },
  }),
);
fs.writeFileSync(
  path.join(mock, "bridge.mjs"),
  `export async function ssrLoadModule(id) {
  globalThis.__oracleLog.push(["ssrLoadModule", id]);
  return new Proxy({}, { get: (_, k) => (typeof k === "string" && k !== "then" ? Object.defineProperty(() => null, "name", { value: k }) : undefined) });
}
export async function ssrWebpackRequire(id) { return {}; }
`,
);
fs.writeFileSync(
  path.join(mock, "worker.mjs"),
  `import * as real from ${real("register/worker.js")};
export function registerClientReference(ssrModule, id, name) {
  return real.registerClientReference(ssrModule, id, name);
}
export function registerServerReference(fn, id, name) {
  globalThis.__oracleLog.push(["registerServerReference", fn, id, name]);
  return real.registerServerReference(fn, id, name);
}
export function serverQuery(fn, options) { fn.method = options?.method ?? "GET"; return fn; }
export function serverAction(fn, options) { fn.method = options?.method ?? "POST"; return fn; }
`,
);
globalThis.__webpack_require__ = Object.assign(() => ({}), { u: () => "" });
globalThis.__webpack_chunk_load__ = () => Promise.resolve();
fs.writeFileSync(path.join(mock, "client.mjs"), `export { createServerReference } from ${real("register/client.js")};\n`);
fs.writeFileSync(
  path.join(mock, "ssr.mjs"),
  `export function createServerReference(...args) { return { serverReference: args }; }\n`,
);
// rwsdk's runtime imports the lookups (virtual modules), the bridge by its
// package name and relative files without extensions (Vite resolves them).
const bridgeUrl = pathToFileURL(path.join(mock, "bridge.mjs")).href;
register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier.startsWith("virtual:use-"))
    return { url: "data:text/javascript,export const useServerLookup = {}; export const useClientLookup = {};", shortCircuit: true };
  if (specifier === "rwsdk/__ssr_bridge") return { url: ${JSON.stringify(bridgeUrl)}, shortCircuit: true };
  try { return await next(specifier, context); }
  catch (e) { if (specifier.startsWith(".") && !/\\.m?js$/.test(specifier)) return next(specifier + ".js", context); throw e; }
}
`),
);
const { runWithRequestInfo } = await import(pathToFileURL(path.join(rwsdkDir, "dist/runtime/requestInfo/worker.js")));

function describe(value, key) {
  if (typeof value === "function" && value.$$typeof === Symbol.for("react.client.reference")) {
    // Its $$id getter adds the module to the request's scriptsToBeLoaded.
    const rw = { scriptsToBeLoaded: new Set() };
    const id = runWithRequestInfo({ rw }, () => value.$$id);
    return ["client reference", id, value.$$async === true, [...rw.scriptsToBeLoaded]];
  }
  if (typeof value === "function" && value.$$typeof === Symbol.for("react.server.reference"))
    return ["server function", value.$$id];
  if (value && value.serverReference)
    return ["server reference", ...value.serverReference.map((a) => (a === undefined ? "<undefined>" : a))];
  if (typeof value === "function" && typeof value.id === "string" && value.id.includes("#"))
    return ["server reference", value.id, value.method ?? "<undefined>", value.source];
  // rwsdk names an anonymous default server function __defaultServerFunction__.
  if (typeof value === "function") return ["function", key === "default" ? "" : value.name];
  return [typeof value];
}

async function evaluate(file) {
  globalThis.__oracleLog = [];
  const ns = await import(pathToFileURL(file));
  const exports = {};
  for (const key of Object.keys(ns).sort()) exports[key] = describe(ns[key], key);
  const log = globalThis.__oracleLog.map((entry) =>
    entry[0] === "registerServerReference"
      ? [entry[0], entry[3], entry[2], Object.entries(ns).some(([k, v]) => k === entry[3] && v === entry[1])]
      : entry,
  );
  log.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { exports, log };
}

const results = {};
for (const c of manifest.cases) {
  const dir = path.join(workDir, c.name);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(c.files ?? {})) fs.writeFileSync(path.join(dir, file), text);
  const ctx = { environmentName: c.env, clientFiles: new Set() };
  const client = await transformClientComponents(c.source, c.id, ctx);
  const result = client ?? transformServerFunctions(c.source, c.id, c.env, new Set());
  const theirsCode = result ? result.code : c.source;
  fs.writeFileSync(path.join(dir, "theirs.mjs"), theirsCode);
  fs.writeFileSync(path.join(dir, "ours.mjs"), c.ours);
  const entry = { theirsCode };
  for (const [key, file] of [["theirs", "theirs.mjs"], ["ours", "ours.mjs"]]) {
    try {
      entry[key] = await evaluate(path.join(dir, file));
    } catch (e) {
      entry[key] = { error: String(e && e.message ? e.message : e) };
    }
  }
  results[c.name] = entry;
}
process.stdout.write(JSON.stringify({ version, results }));
