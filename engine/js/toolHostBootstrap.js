// Tool host bootstrap (engine/js/toolHost.cpp), run once per Node
// environment. Compiled as the body of
//   function (process, require, native, options) { ... }
// where `require` is Node's builtin-module require, `native.done(id, ok,
// json)` settles a call on the C++ side and `options` is { toolsJsDir }.
// Returns { load(name, source), call(id, name, fn, argsJson) }.
'use strict';

const Module = require('module');
const path = require('path');

// Globals Node 20 has and Node 18 keeps in modules, which packages a config
// imports expect (miniflare 3's undici reads `File` when it loads; Vite needs
// Node 20): File (buffer.File), and WebCrypto as `crypto`.
if (typeof globalThis.File === 'undefined' && typeof require('buffer').File === 'function')
  Object.defineProperty(globalThis, 'File', { value: require('buffer').File, writable: true, configurable: true });
if (typeof globalThis.crypto === 'undefined')
  Object.defineProperty(globalThis, 'crypto', { value: require('crypto').webcrypto, writable: true, configurable: true });

// A tool's mistake must never take the host (or the dev server) down.
process.on('uncaughtException', (e) => console.error('[tool host] uncaught exception:', e));
process.on('unhandledRejection', (r) => console.error('[tool host] unhandled rejection:', r));

const tools = new Map(); // name -> { exports } | { error }

// Compiles `source` as the CommonJS file <toolsJsDir>/.switchyard-tool-<name>.cjs
// (never written): Node's own loader gives it require() from tools/js,
// import() through the ESM loader, and process.dlopen for addons.
function load(name, source) {
  const filename = path.join(options.toolsJsDir, `.switchyard-tool-${name}.cjs`);
  try {
    const m = new Module(filename, null);
    m.filename = filename;
    m.paths = Module._nodeModulePaths(path.dirname(filename));
    m._compile(source, filename);
    tools.set(name, { exports: m.exports });
  } catch (error) {
    tools.set(name, { error });
  }
}

function errorJson(error) {
  const out = {};
  if (error && typeof error === 'object') {
    for (const key of Object.keys(error)) {
      const v = error[key];
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[key] = v;
    }
    out.name = error.name;
    out.message = String(error.message ?? error);
    out.stack = String(error.stack ?? '');
  } else {
    out.message = String(error);
  }
  return JSON.stringify(out);
}

async function call(id, name, fn, argsJson) {
  let ok = false;
  let json;
  try {
    const tool = tools.get(name);
    if (!tool) throw new Error(`tool host: no tool named '${name}'`);
    if (tool.error) throw tool.error;
    const f = tool.exports[fn];
    if (typeof f !== 'function') throw new Error(`tool host: tool '${name}' has no function '${fn}'`);
    const value = await f.call(tool.exports, JSON.parse(argsJson));
    json = JSON.stringify(value === undefined ? null : value);
    ok = true;
  } catch (error) {
    json = errorJson(error);
  }
  native.done(id, ok, json);
}

return { load, call };
