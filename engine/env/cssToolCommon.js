// Helpers shared by the `css` tool's files (cssTool.js, cssTailwind.js),
// bundled with them into the one tool source (engine/env/CMakeLists.txt).
'use strict';

const path = require('path');
const Module = require('module');

/// An Error carrying the fields cssProcessor.cpp reads back: { kind, file,
/// line, column, plugin, configFile }.
function fail(message, fields) {
  const e = new Error(message);
  Object.assign(e, fields);
  return e;
}

// Runs `fn` with process.cwd() answering `root`: plugins read it as their
// base (@tailwindcss/postcss: `opts.base ?? process.cwd()`), as they would in
// a Vite process started in the app. Calls are serialized (cssTool.js), so
// no other call sees the override.
async function inRoot(root, fn) {
  const realCwd = process.cwd;
  process.cwd = () => root;
  try {
    return await fn();
  } finally {
    process.cwd = realCwd;
  }
}

// import() as if written in a file of `dir`: ES module resolution (the
// "import" condition) from there. Tailwind 4's CommonJS builds require() the
// ES-only magic-string, which Node 18 (libnode) cannot do; their ES builds
// load fine.
const importers = new Map();
function importFrom(dir) {
  let f = importers.get(dir);
  if (!f) {
    const filename = path.join(dir, '.switchyard-import.cjs'); // never written
    const m = new Module(filename, null);
    m.filename = filename;
    m.paths = Module._nodeModulePaths(dir);
    m._compile('module.exports = (specifier) => import(specifier);', filename);
    f = m.exports;
    importers.set(dir, f);
  }
  return f;
}

module.exports = { fail, inRoot, importFrom };
