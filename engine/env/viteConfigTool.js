// The `viteConfig` tool of the tool host (engine/js/toolHost.h), called by
// engine/env/viteConfig.cpp. Reads an app's vite.config.* the way Vite's
// loadConfigFromFile does, without Vite and without running any plugin:
//   1. esbuild bundles the config (its relative imports inlined, packages
//      kept out, __dirname / __filename / import.meta.url of each file
//      injected), as Vite's bundleConfigFile does;
//   2. `vite` and the plugin packages the engine implements natively are
//      replaced by recorders: `redwood(options)` returns a marker carrying its
//      options instead of rwsdk's plugins;
//   3. other packages are imported for real from the config's folder (so a
//      plugin gets its own `name`); one that is not installed, or fails to
//      load here, becomes a stand-in named by its import;
//   4. the bundle is evaluated; a function export is called with Vite's
//      ConfigEnv {command: "serve", mode, isSsrBuild: false, isPreview: false};
//      `plugins` is flattened as Vite does (nested arrays, falsy entries,
//      promises).
// Errors are thrown as Errors with { kind: "syntax" | "evaluate" | "config",
// file, line, column }.
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');
const { pathToFileURL } = require('url');
const esbuild = require('esbuild');

// Packages the engine implements natively: their exports become recorders.
// `plugin` names the engine feature ("rwsdk", "cloudflare", ...) the C++ side
// reads the options of; `name` is what the plugin calls itself in Vite.
const KNOWN = {
  'rwsdk/vite': { plugin: 'rwsdk', name: 'rwsdk', exports: ['redwood'] },
  '@cloudflare/vite-plugin': {
    plugin: 'cloudflare',
    name: 'vite-plugin-cloudflare',
    exports: ['cloudflare'],
    other: { getLocalWorkerdCompatibilityDate: () => ({ date: '2025-01-01', source: 'fallback' }) },
  },
  '@tailwindcss/vite': { plugin: 'tailwindcss', name: '@tailwindcss/vite', exports: ['default'] },
  '@vitejs/plugin-react': { plugin: 'react', name: 'vite:react', exports: ['default'] },
  '@vitejs/plugin-react-swc': { plugin: 'react', name: 'vite:react-swc', exports: ['default'] },
  'vite-tsconfig-paths': {
    plugin: 'tsconfigPaths',
    name: 'vite-tsconfig-paths',
    exports: ['default'],
  },
};

const MARK = Symbol.for('switchyard.vitePluginRecord');
const contexts = (globalThis.__switchyardViteConfig ??= new Map());
let nextId = 1;

// import() as if written in a file of `dir` (ES module resolution from there).
function importFrom(dir, specifier) {
  const filename = path.join(dir, '.switchyard-vite-config-import.cjs'); // never written
  const m = new Module(filename, null);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(dir);
  m._compile('module.exports = (specifier) => import(specifier);', filename);
  return m.exports(specifier);
}

function isInstalled(dir, specifier) {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'node_modules', name, 'package.json'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

// --- Vite's own API, as far as configs call it ---------------------------------

// dotenv's line syntax (the format Vite's loadEnv reads), with ${VAR} expansion.
function parseDotenv(text) {
  const out = {};
  const LINE =
    /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;
  const lines = text.replace(/\r\n?/gm, '\n');
  let match;
  while ((match = LINE.exec(lines)) != null) {
    let value = (match[2] || '').trim();
    const quote = value[0];
    value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
    if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    out[match[1]] = value;
  }
  return out;
}

function loadEnv(mode, envDir, prefixes = 'VITE_') {
  if (mode === 'local')
    throw new Error('"local" cannot be used as a mode name because it conflicts with the .local postfix for .env files.');
  prefixes = Array.isArray(prefixes) ? prefixes : [prefixes];
  const files = ['.env', '.env.local', `.env.${mode}`, `.env.${mode}.local`];
  const parsed = {};
  for (const f of files) {
    const file = path.join(envDir, f);
    if (fs.existsSync(file)) Object.assign(parsed, parseDotenv(fs.readFileSync(file, 'utf8')));
  }
  const expand = (value, seen) =>
    value.replace(/(\\)?\$\{?([\w.]+)(?::-([^}]*))?\}?/g, (all, escaped, key, fallback) => {
      if (escaped) return all.slice(1);
      if (process.env[key] !== undefined) return process.env[key];
      if (parsed[key] !== undefined && !seen.has(key)) return expand(parsed[key], new Set([...seen, key]));
      return fallback ?? '';
    });
  const env = {};
  for (const [key, value] of Object.entries(parsed))
    if (prefixes.some((p) => key.startsWith(p))) env[key] = expand(value, new Set([key]));
  for (const key in process.env)
    if (prefixes.some((p) => key.startsWith(p))) env[key] = process.env[key];
  return env;
}

const isObject = (v) => Object.prototype.toString.call(v) === '[object Object]';

// `environments` as "<name>.<option>" paths. An environment Vite has anyway
// (client, ssr) declared without options, as rwsdk's Tailwind guide writes
// `environments: { ssr: {} }`, changes nothing: it is left out; another
// environment without options is named by itself.
function environmentOptions(environments) {
  const paths = [];
  for (const [name, options] of Object.entries(environments)) {
    if (options === undefined) continue;
    const keys = isObject(options) ? Object.keys(options).filter((k) => options[k] !== undefined) : [];
    if (keys.length) paths.push(...keys.map((k) => `${name}.${k}`));
    else if (name !== 'client' && name !== 'ssr') paths.push(name);
  }
  return paths;
}

const arraify = (v) => (Array.isArray(v) ? v : [v]);
function normalizeAlias(alias = []) {
  return Array.isArray(alias)
    ? alias
    : Object.entries(alias).map(([find, replacement]) => ({ find, replacement }));
}
function mergeAlias(a, b) {
  if (!a) return b;
  if (!b) return a;
  if (isObject(a) && isObject(b)) return { ...a, ...b };
  return [...normalizeAlias(b), ...normalizeAlias(a)];
}
// Vite's mergeConfig: objects merged deeply, arrays concatenated, aliases
// merged with the later ones first.
function mergeConfig(defaults, overrides, isRoot = true, rootPath = '') {
  if (typeof defaults === 'function' || typeof overrides === 'function')
    throw new Error('Cannot merge config in form of callback');
  const merged = { ...defaults };
  for (const key in overrides) {
    const value = overrides[key];
    if (value == null) continue;
    const existing = merged[key];
    const keyPath = rootPath ? `${rootPath}.${key}` : key;
    if (existing == null) merged[key] = value;
    else if (keyPath === 'resolve.alias') merged[key] = mergeAlias(existing, value);
    else if (keyPath === 'assetsInclude' && isRoot) merged[key] = [].concat(existing, value);
    else if (Array.isArray(existing) || Array.isArray(value))
      merged[key] = [...arraify(existing), ...arraify(value)];
    else if (isObject(existing) && isObject(value))
      merged[key] = mergeConfig(existing, value, false, keyPath);
    else merged[key] = value;
  }
  return merged;
}

function normalizePath(id) {
  return path.posix.normalize(id.replace(/\\/g, '/'));
}

const viteApi = {
  defineConfig: (config) => config,
  defineProject: (config) => config,
  loadEnv,
  mergeConfig: (a, b, isRoot = true) => mergeConfig(a, b, isRoot),
  mergeAlias,
  normalizePath,
  searchForWorkspaceRoot: (current) => current,
  searchForPackageRoot: (current) => current,
  createLogger: () => ({
    info: (m) => console.log(m),
    warn: (m) => console.warn(m),
    warnOnce: (m) => console.warn(m),
    error: (m) => console.error(m),
    clearScreen() {},
    hasErrorLogged: () => false,
    hasWarned: false,
  }),
  version: '7.0.0',
  defaultClientConditions: ['module', 'browser', 'development|production'],
  defaultServerConditions: ['module', 'node', 'development|production'],
  defaultClientMainFields: ['browser', 'module', 'jsnext:main', 'jsnext'],
  defaultServerMainFields: ['module', 'jsnext:main', 'jsnext'],
  perEnvironmentPlugin: (name, applyToEnvironment) => ({ name, applyToEnvironment }),
};

// --- Vitest and the Workers Vitest pool, as configs import them ------------------
// A vitest.config imports `defineConfig` from "vitest/config" and the pool's
// helpers; Switchyard reads the config without either installed.

const POOL_MARK = Symbol.for('switchyard.workersPool');

// wrangler's splitSqlQuery, as readD1Migrations uses it: statements split at
// `;` outside strings, identifiers, comments and BEGIN ... END / CASE ... END
// blocks (trigger bodies); comments dropped, empty statements left out.
function splitSqlQuery(sql) {
  const out = [];
  let current = '';
  let depth = 0;
  let word = '';
  const flushWord = () => {
    const w = word.toUpperCase();
    if (w === 'BEGIN' || w === 'CASE') {
      // BEGIN TRANSACTION / BEGIN; is a statement of its own, not a block.
      const rest = sql.slice(i).match(/^\s*(\w+|;)?/);
      const next = rest && rest[1] ? rest[1].toUpperCase() : '';
      if (w === 'CASE' || !['TRANSACTION', 'DEFERRED', 'IMMEDIATE', 'EXCLUSIVE', ';', ''].includes(next)) depth++;
    } else if (w === 'END' && depth > 0) depth--;
    word = '';
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\w/.test(c)) {
      word += c;
      current += c;
      i++;
      continue;
    }
    if (word) flushWord();
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      continue;
    }
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      for (; j < sql.length; j++) {
        if (sql[j] === close) {
          if (close !== ']' && sql[j + 1] === close) { j++; continue; }
          break;
        }
      }
      current += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === ';' && depth === 0) {
      if (current.trim()) out.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += c;
    i++;
  }
  if (word) flushWord();
  if (current.trim()) out.push(current.trim());
  return out;
}

// The environment variables a config looks up while it is read, so the
// engine's cache of the result (viteConfigCache.cpp) is keyed on those values
// only, not on the whole environment (a new terminal changes OLDPWD, the
// editor's IPC handles, ...). process.env is a recording Proxy while at least
// one read is under way; enumerating it (Object.keys, a spread, for...in,
// loadEnv with prefix '') marks the read as depending on everything.
const envRecorders = new Set();
let realEnv = null;
function recordEnvReads() {
  const record = { names: new Set(), all: false };
  if (envRecorders.size === 0) {
    realEnv = process.env;
    const note = (key) => {
      if (typeof key === 'string') for (const r of envRecorders) r.names.add(key);
    };
    process.env = new Proxy(realEnv, {
      get(target, key) { note(key); return Reflect.get(target, key); },
      has(target, key) { note(key); return Reflect.has(target, key); },
      getOwnPropertyDescriptor(target, key) { note(key); return Reflect.getOwnPropertyDescriptor(target, key); },
      ownKeys(target) {
        for (const r of envRecorders) r.all = true;
        return Reflect.ownKeys(target);
      },
      set(target, key, value) { return Reflect.set(target, key, value); },
      deleteProperty(target, key) { return Reflect.deleteProperty(target, key); },
    });
  }
  envRecorders.add(record);
  return () => {
    envRecorders.delete(record);
    if (envRecorders.size === 0) process.env = realEnv;
    return { names: [...record.names].sort(), all: record.all };
  };
}

// The pool's readD1Migrations: the folder's *.sql files ordered by their
// number prefix, each split into statements.
// Folders and files a config read itself during a read (not cacheable: a new
// migration file would not be seen).
let selfReads = [];
async function readD1Migrations(migrationsPath) {
  selfReads.push(String(migrationsPath));
  if (typeof migrationsPath !== 'string')
    throw new TypeError("Failed to execute 'readD1Migrations': parameter 1 is not of type 'string'.");
  const names = fs.readdirSync(migrationsPath).filter((name) => name.endsWith('.sql'));
  names.sort((a, b) => parseInt(a.split('_')[0]) - parseInt(b.split('_')[0]));
  return names.map((name) => ({
    name,
    queries: splitSqlQuery(fs.readFileSync(path.join(migrationsPath, name), 'utf8')),
  }));
}

// The pool's buildPagesASSETSBinding(assetsPath): wrangler's own Pages asset server
// (unstable_generateASSETSBinding: _headers, _redirects, 404.html, ...), loaded from
// the project as the pool loads it. It is a function of the request, so it runs here
// in Node as a service binding given as a function does (nodeHandler).
async function buildPagesASSETSBinding(assetsPath) {
  if (typeof assetsPath !== 'string')
    throw new TypeError("Failed to execute 'buildPagesASSETSBinding': parameter 1 is not of type 'string'.");
  let wrangler;
  try {
    wrangler = Module.createRequire(path.join(path.resolve(assetsPath), 'package.json'))('wrangler');
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND')
      throw new Error('buildPagesASSETSBinding() serves the assets with wrangler, as the Workers pool does: ' +
        `install wrangler in the project (npm install -D wrangler): ${e.message}`);
    let version = '';
    try {
      version = ' ' + Module.createRequire(path.join(path.resolve(assetsPath), 'package.json'))('wrangler/package.json').version;
    } catch {}
    throw new Error(`buildPagesASSETSBinding(): wrangler${version} does not load in the Node.js ${process.version} ` +
      `that reads the config (${e && e.message}); wrangler 4.86 and older do`);
  }
  if (typeof wrangler.unstable_generateASSETSBinding !== 'function')
    throw new Error('buildPagesASSETSBinding(): this wrangler has no unstable_generateASSETSBinding');
  const quiet = () => {};
  return wrangler.unstable_generateASSETSBinding({
    log: { ...console, log: quiet, info: quiet, debug: quiet, debugWithSanitization: quiet, loggerLevel: 'warn', columns: 80 },
    directory: assetsPath,
  });
}

const defaultInclude = ['**/*.{test,spec}.?(c|m)[jt]s?(x)'];
const defaultExclude = ['**/node_modules/**', '**/.git/**'];
const vitestConfigApi = {
  defineConfig: (config) => config,
  defineProject: (config) => config,
  defineWorkspace: (config) => config,
  mergeConfig: (a, b, isRoot = true) => mergeConfig(a, b, isRoot),
  defaultInclude,
  defaultExclude,
  configDefaults: { include: defaultInclude, exclude: defaultExclude, testTimeout: 5000, hookTimeout: 10000 },
  coverageConfigDefaults: {},
};
// The Workers pool's plugin (0.10+: cloudflareTest(options) in `plugins`,
// cloudflarePool(options) as `test.pool`) records its options.
const workersPluginOf = (packageName) => (options) => ({
  name: 'vitest-pool-workers',
  [MARK]: { package: packageName, export: 'cloudflareTest', known: true, plugin: 'workersPool', options },
});
const SHIMS = {
  'vitest/config': vitestConfigApi,
  // 0.5-0.9 (Vitest 2-3): defineWorkersConfig / defineWorkersProject with
  // test.poolOptions.workers.
  '@cloudflare/vitest-pool-workers/config': {
    defineWorkersConfig: (config) => config,
    defineWorkersProject: (config) => config,
    readD1Migrations,
    buildPagesASSETSBinding,
  },
  '@cloudflare/vitest-pool-workers': {
    cloudflareTest: workersPluginOf('@cloudflare/vitest-pool-workers'),
    cloudflarePool: (options) => ({ [POOL_MARK]: options }),
    readD1Migrations,
    buildPagesASSETSBinding,
  },
};
// The pool's v1 name (workers-sdk renamed @cloudflare/vitest-pool-workers to
// @cloudflare/vitest-plugin): the same plugin form.
SHIMS['@cloudflare/vitest-plugin'] = {
  ...SHIMS['@cloudflare/vitest-pool-workers'],
  cloudflareTest: workersPluginOf('@cloudflare/vitest-plugin'),
};

// --- recorders -----------------------------------------------------------------

// What the real factory returns has the same shape: an array of plugins for
// cloudflare(), tailwindcss(), react() and redwood() (a promise of one), a
// plugin for tsconfigPaths(); so `...cloudflare()` works as with the package.
function recorder(ctx, specifier, exportName) {
  const known = KNOWN[specifier];
  return function switchyardRecorder(...args) {
    const record = {
      [MARK]: { package: specifier, export: exportName, known: true, plugin: known.plugin, options: args[0] },
      name: known.name,
    };
    return known.plugin === 'tsconfigPaths' ? record : [record];
  };
}

// A package that is not installed (or failed to load): every export is a
// function that returns a stand-in plugin named by its import. Built as a
// CommonJS module whose prototype answers any name, so whatever the config
// imports from it exists (esbuild reads named imports of CommonJS as
// property reads).
function missingModule(ctx, specifier, note) {
  const make = (exportName) =>
    function switchyardStandIn(...args) {
      return {
        [MARK]: { package: specifier, export: exportName, known: false, missing: note, options: args[0] },
        name: exportName === 'default' ? specifier : exportName,
      };
    };
  const names = new Map();
  const anyName = new Proxy(Object.create(null), {
    get(target, key) {
      if (typeof key !== 'string' || key === '__esModule' || key === 'then' || key === 'default')
        return undefined;
      if (!names.has(key)) names.set(key, make(key));
      return names.get(key);
    },
  });
  const module = make('default');
  Object.setPrototypeOf(module, anyName);
  return module;
}

// Marks what a real package's functions return (plugins, arrays of them,
// promises of them) with the package, so the warning can name it.
function tagged(ctx, specifier, value) {
  if (typeof value !== 'function') return value;
  return new Proxy(value, {
    apply(target, thisArg, args) {
      return tag(ctx, specifier, Reflect.apply(target, thisArg, args));
    },
  });
}
function tag(ctx, specifier, value) {
  if (Array.isArray(value)) value.forEach((v) => tag(ctx, specifier, v));
  else if (value && typeof value.then === 'function')
    return value.then((v) => tag(ctx, specifier, v));
  else if (value && typeof value === 'object' && !ctx.origins.has(value)) ctx.origins.set(value, specifier);
  return value;
}

// --- bundling --------------------------------------------------------------------

const identifier = /^[A-Za-z_$][\w$]*$/;

function plugin(ctx) {
  const g = `globalThis.__switchyardViteConfig.get(${ctx.id})`;
  return {
    name: 'switchyard-vite-config',
    setup(build) {
      build.onResolve({ filter: /^[^./]|^\.[^./]|^\.\.[^/]/ }, (args) => {
        const spec = args.path;
        if (path.isAbsolute(spec)) return undefined;
        // Node's built-ins: an import stays an import; a require() (a
        // CommonJS config's) reads the tool's own require, as Vite's bundle
        // gets one from createRequire.
        if (Module.isBuiltin(spec))
          return args.kind === 'require-call'
            ? { path: spec, namespace: 'switchyard-builtin' }
            : { path: spec, external: true };
        if (spec === 'vite' || KNOWN[spec] || SHIMS[spec]) return { path: spec, namespace: 'switchyard-known' };
        return { path: spec, namespace: 'switchyard-package', pluginData: { dir: args.resolveDir } };
      });
      build.onLoad({ filter: /.*/, namespace: 'switchyard-builtin' }, (args) => ({
        contents: `module.exports = ${g}.builtin(${JSON.stringify(args.path)});\n`,
        loader: 'js',
      }));
      build.onLoad({ filter: /.*/, namespace: 'switchyard-known' }, (args) => {
        const spec = args.path;
        if (spec === 'vite') {
          const names = Object.keys(viteApi).map((n) => `export const ${n} = ctx.vite.${n};`);
          return {
            contents: `const ctx = ${g};\n${names.join('\n')}\nexport default ctx.vite;\n`,
            loader: 'js',
          };
        }
        if (SHIMS[spec]) {
          const key = JSON.stringify(spec);
          const names = Object.keys(SHIMS[spec]).map((n) => `export const ${n} = ctx.shims[${key}].${n};`);
          return { contents: `const ctx = ${g};\n${names.join('\n')}\n`, loader: 'js' };
        }
        const known = KNOWN[spec];
        const lines = known.exports.map((n) =>
          n === 'default'
            ? `export default ctx.recorder(${JSON.stringify(spec)}, "default");`
            : `export const ${n} = ctx.recorder(${JSON.stringify(spec)}, ${JSON.stringify(n)});`);
        for (const n of Object.keys(known.other ?? {}))
          lines.push(`export const ${n} = (${known.other[n].toString()});`);
        return { contents: `const ctx = ${g};\n${lines.join('\n')}\n`, loader: 'js' };
      });
      build.onLoad({ filter: /.*/, namespace: 'switchyard-package' }, async (args) => {
        const spec = args.path;
        const dir = args.pluginData?.dir || ctx.root;
        let note = null;
        let ns = null;
        if (!isInstalled(dir, spec)) {
          note = `"${packageOf(spec)}" is not installed`;
        } else {
          try {
            ns = await importFrom(dir, spec);
          } catch (e) {
            note = `"${spec}" could not be loaded here: ${String(e && e.message).split('\n')[0]}`;
          }
        }
        const key = JSON.stringify(spec);
        if (!ns) {
          ctx.missing.set(spec, note);
          return {
            contents: `module.exports = ${g}.missingModule(${key});\n`,
            loader: 'js',
          };
        }
        ctx.packages.set(spec, ns);
        const lines = [`const ns = ${g}.packages.get(${key});`, `const t = (v) => ${g}.tagged(${key}, v);`];
        for (const name of Object.keys(ns)) {
          if (name === 'default') lines.push('export default t(ns.default);');
          else if (identifier.test(name)) lines.push(`export const ${name} = t(ns.${name});`);
        }
        return { contents: lines.join('\n') + '\n', loader: 'js' };
      });
      // Vite's bundleConfigFile: each file of the config gets its own
      // __dirname, __filename and import.meta.url (one line: lines stay).
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const contents = fs.readFileSync(args.path, 'utf8');
        const inject =
          `const __switchyard_dirname = ${JSON.stringify(path.dirname(args.path))};` +
          `const __switchyard_filename = ${JSON.stringify(args.path)};` +
          `const __switchyard_import_meta_url = ${JSON.stringify(pathToFileURL(args.path).href)};`;
        const ext = path.extname(args.path).slice(1);
        const loader = /^[cm]?ts$/.test(ext) ? 'ts' : ext === 'tsx' ? 'tsx' : ext === 'jsx' ? 'jsx' : 'js';
        return { contents: inject + contents, loader };
      });
    },
  };
}

// --- source positions ------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// The original position of a generated one (line 1-based, column 0-based) in
// a source map v3 (its VLQ mappings), or null.
function originalPosition(map, line, column) {
  const lines = map.mappings.split(';');
  let source = 0, origLine = 0, origColumn = 0;
  let best = null;
  for (let l = 0; l < lines.length && l < line; ++l) {
    let genColumn = 0;
    for (const seg of lines[l].split(',')) {
      if (!seg) continue;
      const values = [];
      let value = 0, shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genColumn += values[0];
      if (values.length < 4) continue;
      source += values[1];
      origLine += values[2];
      origColumn += values[3];
      if (l === line - 1 && (genColumn <= column || !best))
        best = { source: map.sources[source], line: origLine + 1, column: origColumn };
    }
  }
  return best;
}

function fail(message, fields) {
  const e = new Error(message);
  Object.assign(e, fields);
  return e;
}

// Where in the config an evaluation error was thrown: the first stack frame in
// the bundle, mapped back through its source map.
function locate(error, bundleFile, map, root) {
  const stack = String((error && error.stack) || '');
  const url = pathToFileURL(bundleFile).href;
  for (const lineText of stack.split('\n')) {
    const at = lineText.indexOf(url);
    if (at < 0) continue;
    const m = /^:(\d+):(\d+)/.exec(lineText.slice(at + url.length));
    if (!m) continue;
    const pos = originalPosition(map, Number(m[1]), Number(m[2]) - 1);
    if (pos) {
      const file = path.resolve(path.dirname(bundleFile), pos.source);
      return { file, line: pos.line, column: pos.column + 1 };
    }
  }
  return null;
}

// --- reading the result ------------------------------------------------------------

// JSON of plugin options: functions, RegExps and class instances become text
// (the C++ side only reads plain values).
function plain(value, seen = new Set()) {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
    if (typeof value === 'bigint' || typeof value === 'symbol') return String(value);
    return value;
  }
  if (value instanceof RegExp) return { regexp: value.source, flags: value.flags };
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  let out;
  if (Array.isArray(value)) out = value.map((v) => plain(v, seen));
  else {
    out = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plain(v, seen);
  }
  seen.delete(value);
  return out;
}

// Vite's asyncFlatten + filter(Boolean) of `plugins`.
async function flattenPlugins(list) {
  const out = [];
  for (let item of list) {
    item = await item;
    if (Array.isArray(item)) out.push(...(await flattenPlugins(item)));
    else if (item) out.push(item);
  }
  return out;
}

function describePlugin(ctx, p) {
  const record = p[MARK];
  if (record) {
    const out = {
      name: p.name,
      package: record.package,
      export: record.export,
      known: record.known,
      options: plain(record.options),
    };
    if (record.known) out.feature = record.plugin;
    else out.note = ctx.missing.get(record.package) || record.missing || '';
    return out;
  }
  return {
    name: typeof p.name === 'string' && p.name ? p.name : '(unnamed plugin)',
    package: ctx.origins.get(p) || '',
    known: false,
    options: null,
  };
}

function aliasEntries(alias) {
  const out = [];
  for (const a of normalizeAlias(alias || [])) {
    if (!a || typeof a.replacement !== 'string') continue;
    const entry = { replacement: a.replacement };
    if (a.find instanceof RegExp) entry.regexp = { source: a.find.source, flags: a.find.flags };
    else entry.find = String(a.find);
    if (a.customResolver) entry.customResolver = true;
    out.push(entry);
  }
  return out;
}

// Vite's handleDefineValue: strings are code, everything else JSON.
function defineEntries(define) {
  const out = {};
  for (const [key, value] of Object.entries(define || {}))
    out[key] = typeof value === 'string' ? value : value === undefined ? 'undefined' : JSON.stringify(value);
  return out;
}

// Bundles and evaluates one config file as Vite's loadConfigFromFile does:
// { config (an object), inputs (the files bundled into it) }.
async function evaluateConfigFile(ctx, { root, file, mode, command, cacheDir, envState = null }) {
  let bundleFile = null;
  try {
    let result;
    try {
      result = await esbuild.build({
        absWorkingDir: root,
        entryPoints: [file],
        bundle: true,
        write: false,
        platform: 'node',
        format: 'esm',
        target: 'node18',
        sourcemap: 'external',
        outfile: path.join(cacheDir, 'vite.config.bundled.mjs'),
        logLevel: 'silent',
        metafile: true,
        mainFields: ['module', 'main'],
        define: {
          __dirname: '__switchyard_dirname',
          __filename: '__switchyard_filename',
          'import.meta.url': '__switchyard_import_meta_url',
          'import.meta.dirname': '__switchyard_dirname',
          'import.meta.filename': '__switchyard_filename',
        },
        plugins: [plugin(ctx)],
      });
    } catch (e) {
      const first = e && e.errors && e.errors[0];
      if (!first) throw e;
      const loc = first.location;
      let text = first.text;
      const known = /^No matching export in "switchyard-known:([^"]+)" for import "([^"]+)"$/.exec(text);
      if (known)
        text = `"${known[2]}" from "${known[1]}" is not something Switchyard models (it reads ` +
          'vite.config without running Vite or its plugins)';
      throw fail(text, {
        kind: 'syntax',
        file: loc ? path.resolve(root, loc.file) : file,
        line: loc ? loc.line : 0,
        column: loc ? loc.column + 1 : 0,
      });
    }
    const code = result.outputFiles.find((f) => f.path.endsWith('.mjs')).text;
    const mapFile = result.outputFiles.find((f) => f.path.endsWith('.map'));
    const map = mapFile ? JSON.parse(mapFile.text) : { mappings: '', sources: [] };
    fs.mkdirSync(cacheDir, { recursive: true });
    bundleFile = path.join(
      cacheDir,
      `vite.config.timestamp-${Date.now()}-${Math.random().toString(16).slice(2, 8)}.mjs`);
    fs.writeFileSync(bundleFile, code);
    map.sources = map.sources.map((s) => path.relative(cacheDir, path.resolve(cacheDir, s)));
    let config;
    // Recording starts at the config's evaluation: bundling it starts esbuild's
    // service, whose spawn enumerates the environment.
    if (envState && !envState.stop) envState.stop = recordEnvReads();
    try {
      const mod = await import(pathToFileURL(bundleFile).href);
      const exported = mod.default;
      config = await (typeof exported === 'function'
        ? exported({ command, mode, isSsrBuild: false, isPreview: false })
        : exported);
      if (config && Array.isArray(config.plugins)) config.plugins = await flattenPlugins(config.plugins);
      else if (config && config.plugins) config.plugins = await flattenPlugins([config.plugins]);
    } catch (e) {
      const where = locate(e, bundleFile, map, root) || { file, line: 0, column: 0 };
      throw fail(String((e && e.message) || e), { kind: 'evaluate', ...where });
    }
    if (!isObject(config))
      throw fail('config must export or return an object.', { kind: 'config', file, line: 0, column: 0 });
    // The files bundled into the config (the engine's cache re-reads when one changes).
    const inputs = Object.keys(result.metafile.inputs)
      .filter((input) => !/^[a-z-]+:/.test(input))
      .map((input) => path.resolve(root, input));
    return { config, inputs };
  } finally {
    if (bundleFile) fs.rmSync(bundleFile, { force: true });
  }
}

// What the engine reads of an evaluated config, besides its `test` block.
function describeConfig(ctx, config) {
  const resolve = isObject(config.resolve) ? config.resolve : {};
  const other = {};
  // `test` is Vitest's block: read by `switchyard test` (readTestBlock), nothing for a dev server.
  const handled = new Set(['plugins', 'define', 'base', 'envPrefix', 'envDir', 'root', 'publicDir', 'mode', 'test']);
  for (const [key, value] of Object.entries(config)) {
    if (handled.has(key) || value === undefined) continue;
    if (key === 'resolve') {
      const keys = Object.keys(resolve).filter((k) => k !== 'alias' && resolve[k] !== undefined);
      if (keys.length) other.resolve = keys;
      continue;
    }
    if (key === 'environments' && isObject(value)) {
      const keys = environmentOptions(value);
      if (keys.length) other.environments = keys;
      continue;
    }
    other[key] = isObject(value) ? Object.keys(value).filter((k) => value[k] !== undefined) : [];
  }
  return {
    plugins: (config.plugins || []).map((p) => describePlugin(ctx, p)),
    alias: aliasEntries(resolve.alias),
    define: defineEntries(config.define),
    base: typeof config.base === 'string' ? config.base : null,
    envPrefix:
      config.envPrefix === undefined ? null : arraify(config.envPrefix).map((p) => String(p)),
    envDir: typeof config.envDir === 'string' ? config.envDir : null,
    root: typeof config.root === 'string' ? config.root : null,
    publicDir: config.publicDir === false ? false : typeof config.publicDir === 'string' ? config.publicDir : null,
    mode: typeof config.mode === 'string' ? config.mode : null,
    other,
  };
}

async function load({ root, file, mode, command = 'serve', cacheDir, test = false, runGlobalSetup = false }) {
  const id = nextId++;
  const ctx = {
    id,
    root,
    vite: viteApi,
    shims: SHIMS,
    packages: new Map(),
    missing: new Map(),
    origins: new WeakMap(),
  };
  ctx.recorder = (spec, name) => recorder(ctx, spec, name);
  ctx.missingModule = (spec) => missingModule(ctx, spec, ctx.missing.get(spec));
  ctx.tagged = (spec, v) => tagged(ctx, spec, v);
  ctx.builtin = (name) => require(name);
  contexts.set(id, ctx);
  selfReads = [];
  const realCwd = process.cwd;
  process.cwd = () => root;
  const envState = { stop: null };
  let envReads = null;
  try {
    const { config, inputs } = await evaluateConfigFile(ctx, { root, file, mode, command, cacheDir, envState });
    const testBlock = test
      ? await readTestBlock(config, { root, file, mode, cacheDir, runGlobalSetup, ctx, command })
      : undefined;
    envReads = envState.stop();
    return { file, inputs, envReads, test: testBlock, selfReads, ...describeConfig(ctx, config) };
  } finally {
    if (envState.stop && !envReads) envState.stop();
    process.cwd = realCwd;
    contexts.delete(id);
  }
}

// --- Vitest's `test` block, as `switchyard test` applies it ------------------------

// Bundles a module of the app (a globalSetup file: TypeScript, relative
// imports) as Vite's config bundling does, with packages imported from the
// app, and imports it.
async function importBundled(file, root, cacheDir) {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [file],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    packages: 'external',
    logLevel: 'silent',
    define: {
      __dirname: JSON.stringify(path.dirname(file)),
      __filename: JSON.stringify(file),
      'import.meta.dirname': JSON.stringify(path.dirname(file)),
      'import.meta.filename': JSON.stringify(file),
    },
  });
  fs.mkdirSync(cacheDir, { recursive: true });
  const out = path.join(cacheDir, `global-setup.timestamp-${Date.now()}-${Math.random().toString(16).slice(2, 8)}.mjs`);
  fs.writeFileSync(out, result.outputFiles[0].text);
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    fs.rmSync(out, { force: true });
  }
}

const globalSetups = new Map(); // id -> teardown functions, run by teardown()
let nextSetupId = 1;

// The Workers pool's options, wherever the config put them: cloudflareTest()
// in `plugins` (0.10+), cloudflarePool() as `test.pool`, or
// test.poolOptions.workers (0.5-0.9, defineWorkersConfig).
function findPoolOptions(config) {
  const test = isObject(config.test) ? config.test : {};
  // The last one wins: an inline project's own cloudflareTest() over the one `extends` brought.
  for (const p of [...(config.plugins || [])].reverse())
    if (p && p[MARK] && p[MARK].plugin === 'workersPool')
      return { generation: 'plugin', record: p[MARK], options: p[MARK].options };
  if (test.pool && typeof test.pool === 'object' && POOL_MARK in test.pool)
    return { generation: 'plugin', options: test.pool[POOL_MARK] };
  if (isObject(test.poolOptions) && test.poolOptions.workers !== undefined)
    return { generation: 'poolOptions', options: test.poolOptions.workers };
  return null;
}

const TEST_KEYS = new Set(['include', 'exclude', 'setupFiles', 'globalSetup', 'testTimeout', 'hookTimeout',
  'provide', 'pool', 'poolOptions', 'projects', 'workspace', 'name', 'root', 'dir']);

async function readTestBlock(config, options) {
  const { root, mode, cacheDir, runGlobalSetup, depth = 0 } = options;
  const test = isObject(config.test) ? config.test : {};
  const abs = (p) => path.resolve(root, String(p));
  // An inline project also sees what the root's globalSetup and provide gave.
  const provided = { ...(options.inheritedProvide || {}), ...(isObject(test.provide) ? test.provide : {}) };
  const globalSetup = test.globalSetup === undefined ? [] : arraify(test.globalSetup).map(abs);
  let setupId = 0;
  if (runGlobalSetup && globalSetup.length) {
    const teardowns = [];
    // Vitest calls each file's default export (or `setup`) with the project:
    // project.provide(key, value) is what `inject(key)` returns in tests.
    const project = {
      name: typeof test.name === 'string' ? test.name : '',
      config: { root, mode },
      provide(key, value) {
        provided[key] = JSON.parse(JSON.stringify(value ?? null));
      },
      onTestsRerun() {},
    };
    for (const setupFile of globalSetup) {
      let mod;
      try {
        mod = await importBundled(setupFile, root, cacheDir);
      } catch (e) {
        throw fail(`globalSetup ${path.relative(root, setupFile)}: ${(e && e.message) || e}`, { kind: 'evaluate', file: setupFile, line: 0, column: 0 });
      }
      const setup = typeof mod.default === 'function' ? mod.default : mod.setup;
      try {
        if (typeof setup === 'function') {
          const teardown = await setup(project);
          if (typeof teardown === 'function') teardowns.push(teardown);
        }
      } catch (e) {
        throw fail(`globalSetup ${path.relative(root, setupFile)} threw: ${(e && e.message) || e}`, { kind: 'evaluate', file: setupFile, line: 0, column: 0 });
      }
      if (typeof mod.teardown === 'function') teardowns.push(mod.teardown);
    }
    setupId = nextSetupId++;
    globalSetups.set(setupId, teardowns);
  }
  const pool = findPoolOptions(config);
  let poolOut = null;
  if (pool) {
    let options = pool.options;
    // A function gets { inject } (values provided by globalSetup and test.provide).
    if (typeof options === 'function') options = await options({ inject: (key) => provided[key] });
    if (pool.record) pool.record.options = options;
    poolOut = { generation: pool.generation, package: pool.record?.package ?? '@cloudflare/vitest-pool-workers',
      options: plain(withNodeHandlers(options)) };
  }
  const projects = depth === 0 && (test.projects ?? test.workspace) !== undefined
    ? await resolveProjects(config, arraify(test.projects ?? test.workspace ?? []), { ...options, inheritedProvide: provided })
    : [];
  const other = Object.keys(test).filter((k) => !TEST_KEYS.has(k) && test[k] !== undefined);
  return {
    include: test.include === undefined ? null : arraify(test.include).map(String),
    exclude: test.exclude === undefined ? null : arraify(test.exclude).map(String),
    setupFiles: test.setupFiles === undefined ? [] : arraify(test.setupFiles).map(abs),
    globalSetup,
    globalSetupId: setupId,
    testTimeout: typeof test.testTimeout === 'number' ? test.testTimeout : null,
    hookTimeout: typeof test.hookTimeout === 'number' ? test.hookTimeout : null,
    name: typeof test.name === 'string' ? test.name : isObject(test.name) && typeof test.name.label === 'string' ? test.name.label : null,
    provide: plain(provided),
    pool: poolOut,
    poolName: typeof test.pool === 'string' ? test.pool : null,
    nodeHandlers: poolOut ? countNodeHandlers(poolOut.options) : 0,
    projects,
    other,
  };
}

// --- Vitest 4's test.projects (resolveProjects / resolveTestProjectConfigs) --------

const CONFIG_FILES = ['vitest.config', 'vite.config'].flatMap((name) =>
  ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'].map((ext) => name + ext));
const CONFIG_REGEXP = /^vite(?:st)?(?:\.[\w-]+)?\.config\./;

function directoryConfig(dir) {
  const files = new Set(fs.readdirSync(dir));
  const name = CONFIG_FILES.find((f) => files.has(f));
  return name ? path.resolve(dir, name) : null;
}

// The projects of a root config, each { kind: "file", configFile, root } (a
// config file, named or matched by a glob), { kind: "dir", root } (a folder
// without one) or { kind: "inline", root, name, result } (an inline project
// config, or a function of the ConfigEnv, read here: `result` is what load()
// returns for a config file). An inline `extends: true` merges it over the
// root config, `extends: "<file>"` over that config file, as Vitest's
// initializeProject does. Strings with glob characters (and `!` excludes)
// match files and folders under the root, node_modules left out.
async function resolveProjects(rootConfig, definitions, options) {
  const { root, file, mode, cacheDir, runGlobalSetup, ctx, command = 'serve' } = options;
  const { glob, isDynamicPattern } = require('tinyglobby');
  const out = [];
  const files = [];
  const globs = [];
  const addPath = (p, how) => {
    if (p.endsWith('/')) {
      const configFile = directoryConfig(p);
      if (configFile) files.push(configFile);
      else out.push({ kind: 'dir', root: p.slice(0, -1) });
    } else {
      if (!CONFIG_REGEXP.test(path.basename(p)))
        throw fail(`${how} "${path.relative(root, p)}", but it should also either start with ` +
          '"vitest.config"/"vite.config" or match the pattern "(vitest|vite).*.config.*".',
          { kind: 'config', file, line: 0, column: 0 });
      files.push(p);
    }
  };
  const inline = [];
  for (const definition of definitions) {
    if (typeof definition === 'string') {
      const option = definition.replace('<rootDir>', root);
      if (isDynamicPattern(option)) {
        globs.push(option);
        continue;
      }
      const target = path.resolve(root, option);
      if (!fs.existsSync(target))
        throw fail(`Projects definition references a non-existing file or a directory: ${target}`,
          { kind: 'config', file, line: 0, column: 0 });
      addPath(fs.statSync(target).isDirectory() ? `${target}/` : target, 'The projects definition names a file');
    } else if (typeof definition === 'function') {
      inline.push(await definition({ command, mode, isPreview: false, isSsrBuild: false }));
    } else if (definition) {
      inline.push(await definition);
    }
  }
  if (globs.length) {
    const matches = await glob(globs, {
      absolute: true, dot: true, onlyFiles: false, cwd: root, expandDirectories: false,
      ignore: ['**/node_modules/**', '**/*.timestamp-*', '**/.DS_Store'],
    });
    for (const match of matches.sort()) addPath(match, 'The projects glob matched a file');
  }
  for (const configFile of [...new Set(files)]) {
    // The root config itself is the root project (Vitest reuses it).
    if (configFile === file) continue;
    out.push({ kind: 'file', configFile, root: path.dirname(configFile) });
  }
  for (const [index, entry] of inline.entries()) {
    if (!isObject(entry)) continue;
    let base = null;
    let baseFile = null;
    if (entry.extends === true) {
      base = rootConfig;
      baseFile = file;
    } else if (typeof entry.extends === 'string') {
      baseFile = path.resolve(root, entry.extends);
      base = (await evaluateConfigFile(ctx, { root, file: baseFile, mode, command, cacheDir })).config;
    }
    const own = { ...entry, plugins: entry.plugins ? await flattenPlugins(arraify(entry.plugins)) : [] };
    delete own.extends;
    const merged = base ? mergeConfig(base, own) : own;
    if (isObject(merged.test)) {
      merged.test = { ...merged.test };
      delete merged.test.projects;
      delete merged.test.workspace;
      // The root's globalSetup has run once already for the whole run.
      if (base === rootConfig && merged.test.globalSetup !== undefined) {
        const rootSetup = new Set(arraify(rootConfig.test?.globalSetup ?? []).map(String));
        merged.test.globalSetup = arraify(merged.test.globalSetup).filter((g) => !rootSetup.has(String(g)));
      }
    }
    const projectRoot = path.resolve(root, String(merged.root ?? merged.test?.root ?? '.'));
    const test = await readTestBlock(merged, { ...options, root: projectRoot, depth: 1 });
    const name = test.name ?? String(index);
    out.push({
      kind: 'inline',
      root: projectRoot,
      name,
      result: { file: baseFile ?? file, inputs: [], test: { ...test, name }, selfReads: [], ...describeConfig(ctx, merged) },
    });
  }
  return out;
}

// --- the pool's Node-side handlers ---------------------------------------------------
// miniflare's serviceBindings given as functions and its outboundService run in Node,
// in the pool's process: here, in the tool host. Each is kept under an id the worker's
// env binding (or its global fetch) calls with a request (callNodeHandler).
const nodeHandlers = new Map(); // id -> (request) => Response
let nextNodeHandlerId = 1;
function nodeHandler(fn) {
  const id = nextNodeHandlerId++;
  nodeHandlers.set(id, fn);
  return { nodeHandler: id };
}
// A miniflare WorkerOptions object (the runner worker's, or an auxiliary worker's of
// `workers`) with its functions replaced by handler ids.
function withWorkerNodeHandlers(mf) {
  const out = { ...mf };
  if (isObject(mf.serviceBindings)) {
    out.serviceBindings = {};
    for (const [name, value] of Object.entries(mf.serviceBindings))
      out.serviceBindings[name] = typeof value === 'function' ? nodeHandler(value) : value;
  }
  if (typeof mf.outboundService === 'function') out.outboundService = nodeHandler(mf.outboundService);
  return out;
}
function withNodeHandlers(options) {
  const mf = isObject(options) && isObject(options.miniflare) ? options.miniflare : null;
  if (!mf) return options;
  const out = withWorkerNodeHandlers(mf);
  if (Array.isArray(mf.workers)) out.workers = mf.workers.map((w) => (isObject(w) ? withWorkerNodeHandlers(w) : w));
  return { ...options, miniflare: out };
}
function countNodeHandlers(options) {
  const mf = isObject(options) && isObject(options.miniflare) ? options.miniflare : {};
  const marked = (v) => isObject(v) && typeof v.nodeHandler === 'number';
  const count = (w) => Object.values(isObject(w.serviceBindings) ? w.serviceBindings : {}).filter(marked).length +
    (marked(w.outboundService) ? 1 : 0);
  return count(mf) + (Array.isArray(mf.workers) ? mf.workers.filter(isObject).reduce((n, w) => n + count(w), 0) : 0);
}
// { id, method, url, headers: [[name, value]], body: base64 | null } -> the handler's
// Response as { status, statusText, headers, body: base64 }.
async function callNodeHandler({ id, method, url, headers, body }) {
  const handler = nodeHandlers.get(id);
  if (!handler) throw new Error(`the Vitest config's handler ${id} is gone (the config was read again)`);
  const request = new Request(url, {
    method,
    headers,
    body: body === null || method === 'GET' || method === 'HEAD' ? undefined : Buffer.from(body, 'base64'),
  });
  const response = await handler(request);
  if (!response || typeof response.arrayBuffer !== 'function' || typeof response.status !== 'number')
    throw new TypeError('a handler of the Vitest config must return a Response, not ' +
      (response === null || response === undefined ? String(response)
        : `${typeof response} ${response.constructor?.name ?? ''}`.trim()));
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    statusText: response.statusText || '',
    headers: [...response.headers],
    body: bytes.length === 0 && response.body === null ? null : bytes.toString('base64'),
  };
}

async function teardown({ id }) {
  const teardowns = globalSetups.get(id) || [];
  globalSetups.delete(id);
  const errors = [];
  for (const fn of teardowns.reverse()) {
    try {
      await fn();
    } catch (e) {
      errors.push(String((e && e.message) || e));
    }
  }
  return { errors };
}

// One read at a time: process.cwd() is the app's root during a read.
let queue = Promise.resolve();
module.exports = {
  load(args) {
    const run = queue.then(() => load(args));
    queue = run.catch(() => {});
    return run;
  },
  teardown(args) {
    const run = queue.then(() => teardown(args));
    queue = run.catch(() => {});
    return run;
  },
  callNodeHandler,
  splitSqlQuery,
};
