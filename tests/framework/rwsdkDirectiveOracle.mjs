// Oracle for tst_rwsdk_directives: runs rwsdk's own directive transforms
// (dist/vite/transformClientComponents.mjs, transformServerFunctions.mjs) on
// each case's source, then evaluates rwsdk's module and ours against mock
// rwsdk runtime modules and prints what each one exports and registers:
// client references (id, export name), server references (id, name, method,
// kind), server registrations (name, id, whether the registered function is
// the exported one).
//
// usage: node rwsdkDirectiveOracle.mjs <manifest.json>
//   manifest: { rwsdkDir, workDir, cases: [{ name, id, env, source, ours,
//               files?: { "other.mjs": "..." } }] }
//   ours is evaluated as <workDir>/<name>/ours.mjs; a worker "use server"
//   module imports itself through that path.
// prints: { version, results: { <name>: { ours, theirs, theirsCode } } }
import fs from "node:fs";
import path from "node:path";
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

// The mock runtime: a package named rwsdk in the work folder.
const mock = path.join(workDir, "node_modules", "rwsdk");
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
  return new Proxy({}, { get: (_, k) => (typeof k === "string" ? { ssrExport: k } : undefined) });
}
`,
);
fs.writeFileSync(
  path.join(mock, "worker.mjs"),
  `export function registerClientReference(ssrModule, id, name) {
  return { clientReference: [id, name], target: ssrModule[name] };
}
export function registerServerReference(fn, id, name) {
  globalThis.__oracleLog.push(["registerServerReference", fn, id, name]);
  return fn;
}
export function serverQuery(fn, options) { fn.method = options?.method ?? "GET"; return fn; }
export function serverAction(fn, options) { fn.method = options?.method ?? "POST"; return fn; }
`,
);
// client: rwsdk's real register/client.js (over react-server-dom-webpack's
// client.browser, which wants webpack's globals at load); ssr: a recorder
// (register/ssr.js imports the server lookup, a virtual module).
globalThis.__webpack_require__ = Object.assign(() => ({}), { u: () => "" });
globalThis.__webpack_chunk_load__ = () => Promise.resolve();
fs.writeFileSync(
  path.join(mock, "client.mjs"),
  `export { createServerReference } from ${JSON.stringify(
    pathToFileURL(path.join(rwsdkDir, "dist/runtime/register/client.js")).href,
  )};\n`,
);
fs.writeFileSync(
  path.join(mock, "ssr.mjs"),
  `export function createServerReference(...args) { return { serverReference: args }; }\n`,
);

function describe(value, key) {
  if (value && value.clientReference) return ["client reference", ...value.clientReference];
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
